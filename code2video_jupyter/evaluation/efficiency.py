"""Efficiency of a run, read from its folder (``run.json``, ``calls.jsonl``, the revisions)
and, where the batch runner recorded them, its events (``events.jsonl`` beside the run):
wall time per stage, tokens, cost, model calls, fix rounds, fallback sections.

Nothing is estimated: a figure the run did not record is None (e.g. the cost of a model that
litellm has no price for, or stage times of a run started outside the batch runner).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ..store import RunReader, RunState, section_key


class Efficiency(BaseModel):
    wall_seconds: float | None = Field(default=None, description="Whole run, start to finish.")
    stage_seconds: dict[str, float] = Field(
        default_factory=dict, description="Wall time per stage (first start to last finish).")
    render_seconds: float = Field(default=0.0, description="Sum of the sections' render times.")
    model_calls: int = Field(default=0, description="Calls answered by a model (not the cache).")
    cache_hits: int = 0
    failed_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float | None = Field(default=None, description="USD; None if any call's cost is unknown.")
    calls_by_stage: dict[str, int] = Field(default_factory=dict)
    tokens_by_stage: dict[str, int] = Field(default_factory=dict)
    tokens_by_role: dict[str, int] = Field(default_factory=dict)
    model_latency: float = Field(default=0.0, description="Sum of the model calls' latencies, s.")
    model_fix_rounds: int = Field(default=0, description="Code revisions made by a model fix.")
    static_fixes: int = Field(default=0, description="Revisions made by deterministic fixers.")
    fallback_sections: list[int] = Field(default_factory=list)
    sections: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:  # a line cut by a crash: skip it, keep the rest
                continue
    return out


def efficiency(run: Path, events: Path | None = None, wall_seconds: float | None = None) -> Efficiency:
    """Efficiency of the run in ``run``; ``events`` is an events.jsonl written by the batch
    runner (each event with ``t``, seconds since the task began)."""
    reader = RunReader.open(run)
    state = reader.state
    eff = Efficiency(wall_seconds=wall_seconds)
    costs: list[float | None] = []
    by_stage: dict[str, int] = defaultdict(int)
    tok_stage: dict[str, int] = defaultdict(int)
    tok_role: dict[str, int] = defaultdict(int)
    for c in reader.calls():
        tokens = int(c.get("prompt_tokens") or 0) + int(c.get("completion_tokens") or 0)
        if c.get("outcome", "ok") != "ok":
            eff.failed_calls += 1
        if c.get("cache_hit"):
            eff.cache_hits += 1
            continue
        eff.model_calls += 1
        eff.prompt_tokens += int(c.get("prompt_tokens") or 0)
        eff.completion_tokens += int(c.get("completion_tokens") or 0)
        eff.model_latency += float(c.get("latency") or 0.0)
        by_stage[c.get("stage", "?")] += 1
        tok_stage[c.get("stage", "?")] += tokens
        tok_role[c.get("role", "?")] += tokens
        costs.append(c.get("cost"))
    eff.cost = None if any(x is None for x in costs) else round(sum(costs), 6)  # type: ignore[arg-type]
    eff.calls_by_stage, eff.tokens_by_stage, eff.tokens_by_role = dict(by_stage), dict(tok_stage), dict(tok_role)
    eff.model_latency = round(eff.model_latency, 3)

    for sid in reader.section_ids():
        eff.sections += 1
        render = reader.render(sid)
        eff.render_seconds += float(render.elapsed or 0.0) if render is not None else 0.0
        if state.sections[section_key(sid)].code.source == "fallback":
            eff.fallback_sections.append(sid)
        for rev in reader.revisions(sid):
            reason = rev.reason or ""
            if reason.startswith("fix "):
                eff.model_fix_rounds += 1
            elif reason.startswith(("static fix", "runtime fix")):
                eff.static_fixes += 1
    eff.render_seconds = round(eff.render_seconds, 3)

    if events is not None:
        eff.stage_seconds = stage_seconds(read_jsonl(events))
    if eff.wall_seconds is None:
        eff.wall_seconds = _span(state)
    return eff


def stage_seconds(events: list[dict[str, Any]]) -> dict[str, float]:
    """Wall time per stage: from its first start to its last finish (sections of a stage run in
    parallel, so this is not the sum of their times)."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for e in events:
        stage, t = e.get("stage"), e.get("t")
        if stage is None or t is None:
            continue
        if e.get("type") == "stage_started":
            first[stage] = min(first.get(stage, t), t)
        elif e.get("type") == "stage_finished":
            last[stage] = max(last.get(stage, t), t)
            first.setdefault(stage, t - float(e.get("elapsed") or 0.0))
    return {s: round(last[s] - first[s], 3) for s in last if s in first}


def _span(state: RunState) -> float | None:
    try:
        return (datetime.fromisoformat(state.updated) - datetime.fromisoformat(state.created)).total_seconds()
    except (TypeError, ValueError):
        return None
