"""The Python API: the CLI's commands as functions, for scripts and for researchers who
inspect runs outside a notebook. Every function takes the same options as the CLI
(``RunOptions`` fields as keyword arguments)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cancel import CancelToken
from .events import Listener
from .options import RunOptions


def generate(topic: str, *, on_event: Listener | None = None, cancel: CancelToken | None = None,
             **options: Any):
    """A bare topic to a video (needs a model: ``model="openai/gpt-4.1"``)."""
    from .pipeline import run

    return run(RunOptions(topic=topic, **options), on_event, cancel)


def render(lesson: str | Path, *, on_event: Listener | None = None,
           cancel: CancelToken | None = None, **options: Any):
    """A lesson outline (or a run folder, to continue it) to a video."""
    from .pipeline import run

    return run(RunOptions(lesson=Path(lesson), **options), on_event, cancel)


def check(scene_file: str | Path, class_name: str | None = None, quality: str = "l"):
    """The layout probe on any manim file: a ``LayoutReport`` with its findings."""
    from .critic import probe_scene

    return probe_scene(scene_file, class_name, quality)


def fix(scene_file: str | Path, out: str | Path | None = None, *, model: str | None = None,
        **kwargs: Any):
    """Static gate, deterministic fixers, scoped model fixes (with ``model``) and a render."""
    from .repair.fix_file import fix_file

    cancel = kwargs.pop("cancel", None) or CancelToken()
    fixer = None
    if model:
        from .agents.coder import file_fixer
        from .repair.namespace import load_namespace

        fixer = file_fixer(model, load_namespace(), cancel)
    return fix_file(Path(scene_file), Path(out) if out else None, fixer=fixer, cancel=cancel, **kwargs)


@dataclass
class RunView:
    """A read-only view of a run folder."""

    folder: Path

    @property
    def state(self) -> dict[str, Any]:
        return json.loads((self.folder / "run.json").read_text())

    def storyboard(self):
        from .contracts.storyboard import Storyboard

        return Storyboard.model_validate_json((self.folder / "storyboard.json").read_text())

    def scene(self, section: int) -> str:
        return (self.folder / "sections" / f"{section:02d}" / "scene.py").read_text()

    def calls(self) -> list[dict[str, Any]]:
        path = self.folder / "calls.jsonl"
        return [json.loads(x) for x in path.read_text().splitlines()] if path.exists() else []

    def revisions(self, section: int | None = None) -> list[dict[str, Any]]:
        sub = "storyboard" if section is None else f"sections/{section:02d}"
        return [json.loads(p.read_text()) for p in sorted((self.folder / "revisions" / sub).glob("*.meta.json"))]

    @property
    def video(self) -> Path | None:
        final = self.state.get("final", {}).get("video")
        return self.folder / final if final else None


def open_run(folder: str | Path) -> RunView:
    path = Path(folder)
    if not (path / "run.json").exists():
        raise FileNotFoundError(f"{path} is not a run folder (no run.json)")
    return RunView(path)
