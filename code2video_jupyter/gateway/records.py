"""One line of calls.jsonl: what a model call cost and how it ended."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Outcome = Literal["ok", "bad_reply", "rate_limited", "timeout", "auth_error", "error", "cancelled",
                  "budget"]


class CallRecord(BaseModel):
    id: int = 0
    role: str
    stage: str
    section: int | None = None
    attempt: int = 0
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = None
    latency: float = 0.0
    cache_hit: bool = False
    retries: int = 0
    outcome: Outcome = "ok"
    error: str | None = None
