"""The LLM gateway against the scripted provider: retries, JSON repair, auth errors without
keys in any output, cache hits, Stop, budgets, and complete call accounting."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from code2video_jupyter.cancel import Cancelled, CancelToken
from code2video_jupyter.contracts.storyboard import Outline
from code2video_jupyter.gateway import (
    BadReply,
    BudgetExceeded,
    Gateway,
    ModelAuthError,
    ModelUnavailable,
    NoModelError,
    resolve_models,
)
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.store import RunStore

SCRIPTS = Path(__file__).parent / "scripts"
pytestmark = pytest.mark.usefixtures("fresh_model")
MODEL = f"scripted/{SCRIPTS / 'gateway.yaml'}"
ASK = [{"role": "user", "content": "hello"}]


def gateway(store: RunStore | None = None, **kw) -> Gateway:
    sink = (lambda rec, full: store.append_call(rec, full)) if store else None
    return Gateway({"planner": MODEL, "coder": MODEL}, sink=sink, **kw)


def test_rate_limit_is_retried_with_backoff():
    reply = gateway().complete("planner", ASK, stage="retry")
    assert reply.text == "third time lucky"
    assert reply.record.retries == 2
    assert SCRIPTED.count(stage="retry") == 3  # counted by the provider, not by us


def test_malformed_json_is_repaired_in_one_round(tmp_path):
    with RunStore.open(tmp_path / "run") as store:
        gw = gateway(store)
        outline, records = gw.complete_json("planner", ASK, Outline, stage="outline")
        assert outline.sections[0].title == "The Moon pulls"
        calls = store.read_calls()
    assert [c["stage"] for c in calls] == ["outline", "outline-repair"]
    assert calls[0]["outcome"] == "bad_reply" and "title" in calls[0]["error"]
    # The repair round shows the model its own answer and what was wrong with it.
    repair_prompt = SCRIPTED.answered[-1]["prompt"]
    assert "sections.0.title" in repair_prompt and "Here you go" in repair_prompt


def test_a_reply_that_stays_malformed_is_a_clear_error():
    with pytest.raises(BadReply, match="did not fit the expected format"):
        gateway().complete_json("planner", ASK, Outline, stage="hopeless")
    assert SCRIPTED.count(stage="hopeless") == 1 and SCRIPTED.count(stage="hopeless-repair") == 1


def test_auth_error_names_the_variable_and_never_the_key(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SCRIPTED_API_KEY", "sk-scripted-0123456789abcdef")
    with RunStore.open(tmp_path / "run") as store, pytest.raises(ModelAuthError) as err:
        gateway(store).complete("coder", ASK, stage="auth")
    text = str(err.value)
    assert "SCRIPTED_API_KEY" in text
    everything = text + capsys.readouterr().err + "".join(
        p.read_text() for p in (tmp_path / "run").rglob("*") if p.is_file())
    assert "0123456789abcdef" not in everything


def test_missing_key_is_reported_before_any_call(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    gw = Gateway({"coder": "openai/gpt-4.1"})
    with pytest.raises(ModelAuthError, match="OPENAI_API_KEY"):
        gw.complete("coder", ASK, stage="code")
    assert gw.calls == 0


def test_timeouts_give_up_after_the_retries():
    with pytest.raises(ModelUnavailable, match="timeout"):
        gateway(max_retries=2).complete("coder", ASK, stage="timeout")
    assert SCRIPTED.count(stage="timeout") == 3


def test_stop_abandons_a_call_at_once():
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    before = set(threading.enumerate())
    with pytest.raises(Cancelled):
        gateway(cancel=cancel).complete("coder", ASK, stage="slow")
    # The scripted reply takes 30 s and is still being waited for: the call was abandoned, not
    # finished (how fast a Stop takes effect is measured by bench/bench_stop.py).
    assert [t for t in threading.enumerate() if t.name == "c2v-model-call" and t not in before]


def test_a_repeated_request_is_answered_from_the_cache(tmp_path):
    with RunStore.open(tmp_path / "run") as store:
        first = gateway(store).complete("coder", ASK, stage="cached")
        second = gateway(store).complete("coder", ASK, stage="cached")
        calls = store.read_calls()
    assert first.text == second.text == "same answer"
    assert SCRIPTED.count(stage="cached") == 1
    assert [c["cache_hit"] for c in calls] == [False, True]


def test_max_calls_stops_cleanly():
    gw = gateway(max_calls=2)
    gw.complete("coder", ASK, stage="budget")
    gw.complete("coder", [{"role": "user", "content": "again"}], stage="budget")
    with pytest.raises(BudgetExceeded, match="--max-calls 2"):
        gw.complete("coder", [{"role": "user", "content": "third"}], stage="budget")
    assert SCRIPTED.count(stage="budget") == 2


def test_every_call_is_recorded_with_its_exchange(tmp_path):
    with RunStore.open(tmp_path / "run") as store:
        gw = gateway(store)
        gw.complete("planner", ASK, stage="retry")
        gw.complete_json("planner", ASK, Outline, stage="outline")
        lines = store.read_calls()
    files = sorted((tmp_path / "run" / "calls").glob("*.json"))
    assert len(lines) == len(files) == len(gw.records) == 3
    full = json.loads(files[0].read_text())
    assert full["request"]["messages"] == ASK and full["reply"] == "third time lucky"
    assert sum(c["prompt_tokens"] for c in lines) == sum(r.prompt_tokens for r in gw.records) > 0


def test_models_resolve_from_flags_then_environment_then_config(tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text('[models]\ndefault = "ollama/qwen2.5-coder"\ncritic = "openai/gpt-4o"\n')
    monkeypatch.setenv("C2V_CONFIG", str(cfg))
    monkeypatch.delenv("C2V_MODEL", raising=False)
    assert resolve_models()["coder"] == "ollama/qwen2.5-coder"
    assert resolve_models()["critic"] == "openai/gpt-4o"
    monkeypatch.setenv("C2V_MODEL", "anthropic/claude-sonnet-4-5")
    assert resolve_models()["planner"] == "anthropic/claude-sonnet-4-5"

    class Flags:
        model = None
        coder_model = "openai/gpt-4.1"

    assert resolve_models(Flags())["coder"] == "openai/gpt-4.1"
    assert resolve_models(Flags())["planner"] == "anthropic/claude-sonnet-4-5"


def test_no_model_says_how_to_set_one():
    with pytest.raises(NoModelError, match="--model"):
        Gateway({"coder": None}).complete("coder", ASK, stage="code")
