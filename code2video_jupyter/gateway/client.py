"""Gateway: every model call of a run goes through here.

It picks the model of the role, checks the budget, answers from the cache when it can, calls
litellm with a timeout, retries rate limits and transient errors with backoff, abandons the
call at once on Stop, and records every call (calls.jsonl plus the full exchange).
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from ..cancel import Cancelled, CancelToken
from ..prompts import render
from ..store.hashing import json_sha
from .cache import ReplyCache
from .errors import BadReply, BudgetExceeded, ModelAuthError, ModelUnavailable, NoModelError
from .jsonreply import ReplyRejected, parse_model
from .keys import missing_keys, redact
from .litellm_loader import load_litellm
from .records import CallRecord

M = TypeVar("M", bound=BaseModel)
Messages = list[dict[str, Any]]
# Called with the summary and the full exchange; returns the call's number in the run.
CallSink = Callable[[CallRecord, dict], int]

NO_MODEL_HELP = (
    "no model is configured for the {role}. Set one with --model (or --{role}-model), e.g. "
    "--model openai/gpt-4.1, anthropic/claude-sonnet-4-5, gemini/gemini-2.5-pro, "
    "ollama/qwen2.5-coder or hosted_vllm/NAME with --api-base URL; or the environment variable "
    "C2V_MODEL. Without a model, write a lesson outline instead (see notebooks/lessons/) and run "
    "`code2video render LESSON.md`."
)

@dataclass
class Reply:
    text: str
    record: CallRecord
    value: Any = None  # what ``check`` made of the text


class Gateway:
    def __init__(
        self,
        models: dict[str, str | None],
        sink: CallSink | None = None,
        cache: ReplyCache | None = None,
        cancel: CancelToken | None = None,
        timeout: float = 120.0,
        max_retries: int = 4,
        backoff: float | None = None,
        max_calls: int | None = None,
        max_cost: float | None = None,
        replay: dict[str, dict] | None = None,
    ) -> None:
        self.models = models
        # A recorded run's replies by request key: answer from them, never from a model.
        self.replay = replay
        self.sink = sink
        self.cache = cache if cache is not None else ReplyCache()
        self.cancel = cancel or CancelToken()
        self.timeout = timeout
        self.max_retries = max_retries
        # Tests shorten the waits; real providers want seconds.
        self.backoff = backoff if backoff is not None else float(os.environ.get("C2V_RETRY_BACKOFF", "1.0"))
        self.max_calls, self.max_cost = max_calls, max_cost
        self.calls = 0
        self.cost = 0.0
        self.records: list[CallRecord] = []
        self._count_lock = threading.Lock()

    # --- models ---------------------------------------------------------------------------------
    def has_model(self, role: str) -> bool:
        return bool(self.models.get(role))

    def model_for(self, role: str) -> str:
        model = self.models.get(role)
        if not model:
            raise NoModelError(NO_MODEL_HELP.format(role=role))
        return model

    # --- calls ----------------------------------------------------------------------------------
    def complete(self, role: str, messages: Messages, *, stage: str, section: int | None = None,
                 attempt: int = 0, temperature: float | None = None,
                 check: Callable[[str], Any] | None = None) -> Reply:
        """One answer from the role's model (or the cache). Raises GatewayError subclasses.

        ``check`` turns the text into a value or raises ValueError: the call is then recorded
        as a bad reply, not cached, and the ValueError propagates."""
        model = self.model_for(role)
        params: dict[str, Any] = {}
        if temperature is not None:
            params["temperature"] = temperature
        if self.models.get("api_base"):
            params["api_base"] = self.models["api_base"]
        key = json_sha({"model": model, "messages": messages, "params": params, "attempt": attempt})
        record = CallRecord(role=role, stage=stage, section=section, attempt=attempt, model=model)

        if self.replay is not None:
            stored = self.replay.get(key)
            if stored is None:
                raise ModelUnavailable(
                    f"--replay: the recorded run has no reply for this {role} request ({stage}"
                    f"{'' if section is None else f', section {section}'}); it changed since the "
                    "recording")
            record.prompt_tokens = stored.get("prompt_tokens", 0)
            record.completion_tokens = stored.get("completion_tokens", 0)
            record.cost = 0.0
            return self._finish(record, messages, stored["text"], check, None, key)
        cached = self.cache.get(key)
        if cached is not None:
            record.cache_hit = True
            record.prompt_tokens = cached.get("prompt_tokens", 0)
            record.completion_tokens = cached.get("completion_tokens", 0)
            record.cost = 0.0
            return self._finish(record, messages, cached["text"], check, None, key)

        self._check_budget()
        if model.split("/", 1)[0] not in ("scripted", "replay"):
            missing = missing_keys(model)
            if missing:
                record.outcome, record.error = "auth_error", f"{' or '.join(missing)} is not set"
                self._record(record, messages, None)
                raise ModelAuthError(
                    f"{model} needs the environment variable {' or '.join(missing)}, which is not "
                    "set: export it, or put it in a .env file next to your notebook")
        with self._count_lock:
            self.calls += 1
        t0 = time.monotonic()
        try:
            response, retries = self._call_with_retries(model, messages, params, record)
        finally:
            record.latency = round(time.monotonic() - t0, 3)
        text = response.choices[0].message.content or ""
        usage = getattr(response, "usage", None)
        record.prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        record.completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        record.cost = self._cost(model, record)
        record.retries = retries
        with self._count_lock:
            self.cost += record.cost or 0.0
        return self._finish(record, messages, text, check, key, key)

    def _finish(self, record: CallRecord, messages: Messages, text: str,
                check: Callable[[str], Any] | None, cache_key: str | None, key: str) -> Reply:
        value = None
        if check is not None:
            try:
                value = check(text)
            except ValueError as e:
                record.outcome, record.error = "bad_reply", str(e)[:500]
                self._record(record, messages, text, key)
                raise ReplyRejected(str(e), text) from None
        self._record(record, messages, text, key)
        if cache_key is not None:
            self.cache.put(cache_key, {"text": text, "prompt_tokens": record.prompt_tokens,
                                       "completion_tokens": record.completion_tokens})
        return Reply(text, record, value)

    def complete_json(self, role: str, messages: Messages, schema: type[M], *, stage: str,
                      section: int | None = None, attempt: int = 0) -> tuple[M, list[CallRecord]]:
        """A reply validated against schema, with one repair round that shows the model its error."""
        def check(text: str) -> M:
            return parse_model(text, schema)

        try:
            first = self.complete(role, messages, stage=stage, section=section, attempt=attempt,
                                  check=check)
            return first.value, [first.record]
        except ReplyRejected as e:
            error, rejected = str(e), e.text
        repair = messages + [
            {"role": "assistant", "content": rejected},
            {"role": "user", "content": render("json_repair", error=error, schema=json.dumps(
                schema.model_json_schema(), ensure_ascii=False))},
        ]
        try:
            second = self.complete(role, repair, stage=f"{stage}-repair", section=section,
                                   attempt=attempt, check=check)
        except ReplyRejected as e:
            raise BadReply(f"the {role}'s answer for {stage} did not fit the expected format, "
                           f"even after one repair round: {e}") from None
        return second.value, [second.record]

    # --- internals ------------------------------------------------------------------------------
    def _check_budget(self) -> None:
        if self.max_calls is not None and self.calls >= self.max_calls:
            raise BudgetExceeded(f"--max-calls {self.max_calls} reached; results so far are kept")
        if self.max_cost is not None and self.cost >= self.max_cost:
            raise BudgetExceeded(f"--max-cost {self.max_cost} USD reached (spent {self.cost:.4f}); "
                                 "results so far are kept")

    def _call_with_retries(self, model: str, messages: Messages, params: dict,
                           record: CallRecord) -> tuple[Any, int]:
        try:  # the first import of litellm costs seconds: a Stop must not wait for it
            litellm = self._abandonable(load_litellm)
        except Cancelled:
            record.outcome, record.retries = "cancelled", 0
            self._record(record, messages, None)
            raise
        transient = (litellm.RateLimitError, litellm.Timeout, litellm.APIConnectionError,
                     litellm.ServiceUnavailableError, litellm.InternalServerError)
        auth = (litellm.AuthenticationError, litellm.PermissionDeniedError)
        metadata = {"role": record.role, "stage": record.stage, "section": record.section,
                    "attempt": record.attempt}
        for n in range(self.max_retries + 1):
            try:
                return self._abandonable(lambda: litellm.completion(
                    model=model, messages=messages, timeout=self.timeout, num_retries=0,
                    metadata=metadata, **params)), n
            except Cancelled:
                record.outcome, record.retries = "cancelled", n
                self._record(record, messages, None)
                raise
            except auth as e:
                record.outcome, record.error, record.retries = "auth_error", redact(str(e))[:500], n
                self._record(record, messages, None)
                names = " or ".join(missing_keys(model)) or _key_hint(model)
                raise ModelAuthError(f"{model} refused the credentials: check {names}") from None
            except transient as e:
                kind = "rate_limited" if isinstance(e, litellm.RateLimitError) else (
                    "timeout" if isinstance(e, litellm.Timeout) else "error")
                if n == self.max_retries:
                    record.outcome, record.error, record.retries = kind, redact(str(e))[:500], n
                    self._record(record, messages, None)
                    raise ModelUnavailable(
                        f"{model} failed {n + 1} times ({kind.replace('_', ' ')}): "
                        f"{redact(str(e))[:300]}") from None
                self._sleep(self._delay(n, e))
            except Exception as e:  # bad request, unknown model...: not worth retrying
                record.outcome, record.error, record.retries = "error", redact(str(e))[:500], n
                self._record(record, messages, None)
                raise ModelUnavailable(f"{model}: {redact(str(e))[:400]}") from None
        raise AssertionError("unreachable")

    def _delay(self, n: int, error: Exception) -> float:
        retry_after = getattr(getattr(error, "response", None), "headers", {}) or {}
        try:
            hinted = float(retry_after.get("retry-after", 0))
        except (TypeError, ValueError, AttributeError):
            hinted = 0.0
        return max(hinted, min(30.0, self.backoff * 2 ** n) * (0.75 + random.random() / 2))

    def _sleep(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.cancel.cancelled:
                raise Cancelled()
            time.sleep(min(0.05, max(0.0, end - time.monotonic())))

    def _abandonable(self, fn: Callable[[], Any]) -> Any:
        """Run fn in a daemon thread so that Stop returns at once (the reply is dropped)."""
        box: dict[str, Any] = {}
        done = threading.Event()

        def target() -> None:
            try:
                box["value"] = fn()
            except BaseException as e:  # noqa: BLE001 - handed to the caller below
                box["error"] = e
            finally:
                done.set()

        threading.Thread(target=target, daemon=True, name="c2v-model-call").start()
        while not done.wait(0.05):
            if self.cancel.cancelled:
                raise Cancelled()
        if "error" in box:
            raise box["error"]
        return box["value"]

    def _cost(self, model: str, record: CallRecord) -> float | None:
        if model.startswith(("scripted/", "replay/")):
            return 0.0
        try:
            litellm = load_litellm()
            p, c = litellm.cost_per_token(model=model, prompt_tokens=record.prompt_tokens,
                                          completion_tokens=record.completion_tokens)
            return round(p + c, 6)
        except Exception:  # a model missing from litellm's tables (local servers): unknown cost
            return None

    def _record(self, record: CallRecord, messages: Messages, reply: str | None,
                key: str | None = None) -> None:
        with self._count_lock:
            self.records.append(record)
        if self.sink is not None:
            full = {"key": key,
                    "request": {"model": record.model, "messages": _redact_messages(messages)},
                    "reply": None if reply is None else redact(reply)}
            record.id = self.sink(record, full)


def _redact_messages(messages: Messages) -> Messages:
    out = []
    for m in messages:
        content = m.get("content")
        if isinstance(content, str):
            content = redact(content)
        elif isinstance(content, list):  # images are kept out of the log: they are large
            content = [({"type": "image_url", "image_url": "(image omitted)"}
                        if part.get("type") == "image_url" else part) for part in content]
        out.append({**m, "content": content})
    return out


def _key_hint(model: str) -> str:
    provider = model.split("/", 1)[0].upper()
    return f"{provider}_API_KEY"
