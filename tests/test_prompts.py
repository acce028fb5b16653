"""Golden prompts: every prompt change shows up in review as a diff of tests/golden/.

To accept a change: C2V_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_prompts.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from code2video_jupyter.agents.coder import Coder
from code2video_jupyter.agents.planner import Planner, PlanSettings
from code2video_jupyter.contracts.storyboard import Outline, OutlineSection
from code2video_jupyter.gateway import Gateway
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.lesson import read_lesson
from code2video_jupyter.repair import load_namespace, scopes_for

GOLDEN = Path(__file__).parent / "golden"
LESSON = Path(__file__).resolve().parents[1] / "notebooks/lessons/derivative-as-slope.md"


class Capture(Gateway):
    """A gateway that keeps the prompt and answers with a fixed reply (no model involved)."""

    def __init__(self, reply: str) -> None:
        super().__init__({"planner": "x/y", "coder": "x/y"})
        self.prompts: list[str] = []
        self.reply = reply

    def complete(self, role, messages, **kw):
        self.prompts.append(messages[-1]["content"])
        from code2video_jupyter.gateway.client import Reply
        from code2video_jupyter.gateway.records import CallRecord

        text = self.reply
        value = kw["check"](text) if kw.get("check") else None
        return Reply(text, CallRecord(role=role, stage=kw["stage"], model="x/y"), value)


def check(name: str, text: str) -> None:
    # Memory addresses and versions would make the files differ between machines.
    text = re.sub(r" at 0x[0-9a-f]+", "", text)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("C2V_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    # A missing golden file is a failure, not a new golden: a prompt nobody reviewed must not pass.
    assert path.exists(), f"no golden file {path.name}: review the prompt, then write it with " \
                          "C2V_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"prompt {name} changed: review and update"


@pytest.fixture(autouse=True)
def _reset():
    SCRIPTED.reset()


def test_planner_prompts():
    outline = Outline(topic="Tides", sections=[OutlineSection(id=1, title="The Moon pulls",
                                                              content="Gravity", example="Two bulges")])
    gw = Capture(outline.model_dump_json())
    planner = Planner(gw)
    planner.outline(PlanSettings(topic="Tides", sections=1, language="de"))
    check("planner_outline", gw.prompts[-1])
    board = read_lesson(LESSON)
    gw.reply = board.model_dump_json()
    planner.storyboard(outline, PlanSettings(topic="Tides", language="de"))
    check("planner_storyboard", gw.prompts[-1])


def test_coder_prompts():
    ns = load_namespace()
    section = read_lesson(LESSON).sections[1]
    gw = Capture("```python\npass\n```")
    coder = Coder(gw, ns)
    coder.write(section, "Section02", "en")
    check("coder_section", gw.prompts[-1])
    # The paper's ablation: no anchor grid anywhere in what the Coder is told.
    coder.write(section, "Section02", "en", anchors=False)
    check("coder_section_no_anchors", gw.prompts[-1])
    assert "place_" not in gw.prompts[-1] and "anchor" not in gw.prompts[-1]
    coder.write_direct("The area of a circle", "Section01", "de")
    check("coder_direct", gw.prompts[-1])
    src = "class S(LectureScene):\n    def construct(self):\n        with self.line(0):\n            c = Circle(radius=2)\n            self.play(Create(c[5]))\n"
    coder.fix_scope(scopes_for(src, 5)["line"], "IndexError: list index out of range", 2, 1)
    check("coder_fix_line", gw.prompts[-1])
