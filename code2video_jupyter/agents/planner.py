"""The Planner: topic -> outline -> storyboard, two model calls with validated JSON answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..assets import IconLibrary, ImageFolder
from ..contracts.storyboard import Outline, Storyboard
from ..gateway import Gateway
from ..prompts import render
from .languages import language_name
from .vocabulary import vocabulary


@dataclass
class PlanSettings:
    topic: str
    audience: str = "curious learners with high-school mathematics"
    sections: int | None = None
    minutes: float | None = None
    language: str = "en"
    assets: Path | None = None


class Planner:
    def __init__(self, gateway: Gateway, icons: IconLibrary | None = None) -> None:
        self.gw = gateway
        self.icons = icons or IconLibrary()

    def outline(self, s: PlanSettings) -> Outline:
        prompt = render(
            "planner_outline", topic=s.topic, audience=s.audience,
            sections=s.sections or "3 to 5 (your choice)", minutes=s.minutes or "2 to 4",
            language=s.language, language_name=language_name(s.language))
        outline, _ = self.gw.complete_json("planner", [{"role": "user", "content": prompt}], Outline,
                                           stage="outline")
        if s.sections and len(outline.sections) != s.sections:
            # The model was told; trimming is better than a lesson of the wrong length.
            outline.sections = outline.sections[: s.sections]
        for n, sec in enumerate(outline.sections, start=1):
            sec.id = n
        return outline

    def storyboard(self, outline: Outline, s: PlanSettings) -> Storyboard:
        prompt = render(
            "planner_storyboard",
            outline=outline.model_dump_json(indent=1),
            language=s.language, language_name=language_name(s.language),
            vocabulary=vocabulary(), icons=self.icon_candidates(outline),
            user_images=self._user_images(outline, s.assets))
        board, _ = self.gw.complete_json("planner", [{"role": "user", "content": prompt}],
                                         Storyboard, stage="storyboard")
        board.language = s.language
        return board

    def icon_candidates(self, outline: Outline, per_section: int = 6) -> str:
        lines = []
        for sec in outline.sections:
            found = self.icons.search(f"{sec.title} {sec.content} {sec.example}", per_section)
            names = ", ".join(f"{i.name} ({' '.join(i.tags[:3])})" if i.tags else i.name for i in found)
            lines.append(f"- section {sec.id}: {names or 'none found'}")
        return "\n".join(lines)

    def _user_images(self, outline: Outline, folder: Path | None) -> str:
        if folder is None:
            return ""
        images = ImageFolder(folder)
        found: dict[str, None] = {}
        for sec in outline.sections:
            for p in images.search(f"{sec.title} {sec.content} {sec.example}"):
                found[str(p.relative_to(folder))] = None
        if not found:
            return ""
        return ("\nYour own images (kind \"image\" with \"path\" as given): "
                + json.dumps(list(found), ensure_ascii=False) + "\n")
