"""A run with a real provider id (``openai/...``) against an OpenAI-compatible server on the
loopback interface makes no other network call: litellm is imported in one place, offline
(no download of its price table), and the only connections go to that server.

The server answers from a recorded run: the scripted provider's demo run, whose requests and
replies are in its ``calls/NNNN.json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run
from code2video_jupyter.store import RunReader

pytestmark = [pytest.mark.render, pytest.mark.usefixtures("fresh_model")]

TOPIC = "The area of a circle"
MODEL = "openai/c2v-loopback"

# Runs the CLI in a fresh interpreter (so this is litellm's first import) and writes down every
# destination it looks up or connects to.
WATCH = """
import json, socket, sys
seen = []
real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

def connect(self, address):
    seen.append(["connect", str(self.family), repr(address)])
    return real_connect(self, address)

def lookup(host, *args, **kwargs):
    seen.append(["lookup", "", str(host)])
    return real_lookup(host, *args, **kwargs)

socket.socket.connect, socket.getaddrinfo = connect, lookup
try:
    from code2video_jupyter.cli.main import main
    code = main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w") as f:
        json.dump(seen, f)
sys.exit(code)
"""


def _text(messages: list[dict]) -> str:
    """The text of a conversation (image parts left out, as the recording leaves them out)."""
    parts = []
    for m in messages:
        content = m.get("content")
        if isinstance(content, list):
            content = "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
        parts.append(f"{m.get('role')}: {content}")
    return "\n".join(parts)


class _Server(ThreadingHTTPServer):
    def __init__(self, replies: dict[str, str]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies = replies
        self.answered: list[str] = []
        self.unknown: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = _text(body.get("messages", []))
        reply = self.server.replies.get(text)
        if not self.path.endswith("/chat/completions") or reply is None:
            self.server.unknown.append(f"{self.path}: {text[:200]}")
            return self._send(400, {"error": {"message": "not in the recording", "type": "invalid_request_error"}})
        self.server.answered.append(text)
        self._send(200, {
            "id": f"chatcmpl-{len(self.server.answered)}", "object": "chat.completion", "created": 0,
            "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": reply}}],
            "usage": {"prompt_tokens": len(text) // 4, "completion_tokens": len(reply) // 4,
                      "total_tokens": (len(text) + len(reply)) // 4}})

    def _send(self, status: int, data: dict) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


def _recording(folder: Path) -> dict[str, str]:
    """Request text -> reply, from a run's calls/NNNN.json."""
    out = {}
    for call in RunReader(folder).call_log.exchanges():
        if call.get("reply") is not None:
            out[_text(call["request"]["messages"])] = call["reply"]
    return out


def test_a_real_provider_id_on_loopback_makes_no_other_network_call(tmp_path):
    recorded = run(RunOptions(topic=TOPIC, model="scripted/demo", out=tmp_path / "recorded",
                              narration=False, critic=False, jobs=2))
    replies = _recording(recorded.folder)
    assert len(replies) == 5  # outline, storyboard, two sections' code, one fix

    server = _Server(replies)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen_file = tmp_path / "seen.json"
    # No proxy (it would be a connection elsewhere), no price table switch: the package sets it.
    env = {k: v for k, v in os.environ.items()
           if "proxy" not in k.lower() and k not in ("LITELLM_LOCAL_MODEL_COST_MAP", "C2V_MODEL")}
    env.update(OPENAI_API_KEY="sk-c2v-loopback-0123456789", C2V_LLM_CACHE=str(tmp_path / "llm"))
    port = server.server_address[1]
    try:
        p = subprocess.run(
            [sys.executable, "-c", WATCH, str(seen_file), "generate", TOPIC, "--model", MODEL,
             "--api-base", f"http://127.0.0.1:{port}/v1", "--out", str(tmp_path / "live"),
             "--no-narration", "--no-critic", "-j", "2"],
            capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert p.returncode == 0, p.stderr[-3000:]
    assert server.unknown == []
    assert len(server.answered) == 5
    calls = RunReader(tmp_path / "live").calls()
    assert [c["outcome"] for c in calls] == ["ok"] * 5 and {c["model"] for c in calls} == {MODEL}

    seen = json.loads(seen_file.read_text())
    inet = [s for s in seen if s[0] == "lookup" or "AF_INET" in s[1]]
    elsewhere = [s for s in inet if "127.0.0.1" not in s[2]]
    assert inet and elsewhere == [], elsewhere
    assert "cost map" not in p.stderr and "LiteLLM" not in p.stderr
