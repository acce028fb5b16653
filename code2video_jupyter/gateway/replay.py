"""Replay: answer a run's model calls from its own recording (calls/NNNN.json), so a run can
be reproduced with no model at all (``code2video resume RUN --replay``)."""

from __future__ import annotations

import json
from pathlib import Path


def load_replay(run_folder: Path) -> dict[str, dict]:
    """Request key -> the recorded usable reply (and its token counts)."""
    out: dict[str, dict] = {}
    for path in sorted((run_folder / "calls").glob("[0-9]*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        call = data.get("call", {})
        if data.get("key") and data.get("reply") is not None and call.get("outcome") == "ok":
            out[data["key"]] = {"text": data["reply"], "prompt_tokens": call.get("prompt_tokens", 0),
                                "completion_tokens": call.get("completion_tokens", 0)}
    return out
