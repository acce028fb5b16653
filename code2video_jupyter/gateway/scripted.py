"""The scripted provider: a litellm provider whose replies are canned, for tests and demos.

The real pipeline runs (litellm included); only the model is replaced. Use the model id
``scripted/NAME``: NAME is a built-in script (``demo``), a path to a YAML script, or anything
when ``$C2V_SCRIPT`` names the script file. A script::

    replies:                      # matched in order; each entry answers once (times: N, repeat: true)
      - role: planner             # match on role, stage, section, attempt, contains (all optional)
        stage: outline
        reply: '{"topic": ...}'
      - role: coder
        stage: fix
        error: rate_limit         # rate_limit | timeout | auth | server_error | bad_request
      - role: coder
        delay: 5                  # seconds before answering (to test Stop)
        reply_file: scene.py      # reply read from a file beside the script

It counts the calls it answers (``SCRIPTED.answered``; and, for other processes, one JSON line
per call in ``$C2V_SCRIPT_LOG``): tests assert on this count, not on the pipeline's own report.
"""

from __future__ import annotations

import json
import os
import threading
import time
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

BUILTIN = ("demo",)


def script_path(name: str) -> Path:
    if name in BUILTIN:
        return Path(str(resources.files(__package__).joinpath("scripts", f"{name}.yaml")))
    for candidate in (Path(name), Path(f"{name}.yaml")):
        if candidate.is_file():
            return candidate
    env = os.environ.get("C2V_SCRIPT")
    if env and Path(env).is_file():
        return Path(env)
    raise FileNotFoundError(
        f"scripted/{name}: no such script (built-in: {', '.join(BUILTIN)}; or a YAML file path; "
        "or set C2V_SCRIPT)")


class _Script:
    def __init__(self, path: Path) -> None:
        self.path = path
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        self.entries: list[dict[str, Any]] = list(data.get("replies", []))
        self.used = [0] * len(self.entries)

    def take(self, meta: dict[str, Any], prompt: str) -> dict[str, Any] | None:
        for i, entry in enumerate(self.entries):
            if not _matches(entry, meta, prompt):
                continue
            limit = None if entry.get("repeat") else int(entry.get("times", 1))
            if limit is not None and self.used[i] >= limit:
                continue
            self.used[i] += 1
            return entry
        return None


def _matches(entry: dict[str, Any], meta: dict[str, Any], prompt: str) -> bool:
    for key in ("role", "stage", "section", "attempt"):
        if key in entry and entry[key] != meta.get(key):
            return False
    return "contains" not in entry or str(entry["contains"]) in prompt


def _text(messages: list[dict[str, Any]]) -> str:
    parts = []
    for m in messages:
        c = m.get("content")
        if isinstance(c, str):
            parts.append(c)
        elif isinstance(c, list):
            parts += [p.get("text", "") for p in c if isinstance(p, dict)]
    return "\n".join(parts)


def _tokens(litellm, text: str) -> int:
    try:
        return int(litellm.token_counter(model="gpt-4o", text=text))
    except Exception:  # the count is informative only
        return max(1, len(text) // 4)


def register(litellm: ModuleType) -> None:
    """Register the provider with ``litellm``, the module the gateway's loader imported
    (called once, on the first use; nothing here imports litellm itself)."""

    class ScriptedLLM(litellm.CustomLLM):
        def completion(self, model, messages, api_base, custom_prompt_dict, model_response,
                       print_verbose, encoding, api_key, logging_obj, optional_params, *args,
                       **kwargs):
            meta = dict(((kwargs.get("litellm_params") or {}).get("metadata")) or {})
            return SCRIPTED.answer(litellm, model, messages, meta, model_response)

    if not any(p.get("provider") == "scripted" for p in litellm.custom_provider_map):
        litellm.custom_provider_map = [*litellm.custom_provider_map,
                                       {"provider": "scripted", "custom_handler": ScriptedLLM()}]
        # The map is read when litellm sets up its providers; refresh it after changing it.
        litellm.utils.custom_llm_setup()


class ScriptedProvider:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[Path, _Script] = {}
        self.answered: list[dict[str, Any]] = []

    def reset(self) -> None:
        """Forget what was answered and start every script from its first entry again."""
        with self._lock:
            self._scripts.clear()
            self.answered.clear()

    def count(self, **match: Any) -> int:
        return sum(all(a.get(k) == v for k, v in match.items()) for a in self.answered)

    def answer(self, litellm, model: str, messages: list, meta: dict, model_response):
        path = script_path(model)
        prompt = _text(messages)
        with self._lock:
            script = self._scripts.get(path.resolve())
            if script is None:
                script = self._scripts[path.resolve()] = _Script(path)
            entry = script.take(meta, prompt)
            images = sum(1 for m in messages if isinstance(m.get("content"), list)
                         for part in m["content"] if isinstance(part, dict) and part.get("type") == "image_url")
            call = {**meta, "model": model, "answered": entry is not None, "prompt": prompt,
                    "images": images}
            self.answered.append(call)
        log = os.environ.get("C2V_SCRIPT_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps({k: v for k, v in call.items() if k != "prompt"}) + "\n")
        if entry is None:
            raise litellm.BadRequestError(
                message=f"the script {path.name} has no reply left for {meta}",
                model=model, llm_provider="scripted")
        if entry.get("delay"):
            time.sleep(float(entry["delay"]))
        error = entry.get("error")
        if error:
            _raise(litellm, error, model)
        if "reply_file" in entry:
            reply = (path.parent / entry["reply_file"]).read_text(encoding="utf-8")
        else:
            reply = entry.get("reply", "")
            if not isinstance(reply, str):
                reply = json.dumps(reply, ensure_ascii=False)
        model_response.choices[0].message.content = reply
        model_response.model = f"scripted/{model}"
        p, c = _tokens(litellm, prompt), _tokens(litellm, reply)
        model_response.usage = litellm.Usage(prompt_tokens=p, completion_tokens=c, total_tokens=p + c)
        return model_response


def _raise(litellm, error: str, model: str) -> None:
    kw = {"model": model, "llm_provider": "scripted"}
    if error == "rate_limit":
        raise litellm.RateLimitError(message="scripted: rate limit reached, retry later", **kw)
    if error == "timeout":
        raise litellm.Timeout(message="scripted: the request timed out", **kw)
    if error == "auth":
        raise litellm.AuthenticationError(
            message="scripted: invalid API key sk-scripted-0123456789abcdef provided", **kw)
    if error == "server_error":
        raise litellm.ServiceUnavailableError(message="scripted: service unavailable", **kw)
    raise litellm.BadRequestError(message=f"scripted: {error}", **kw)


SCRIPTED = ScriptedProvider()
