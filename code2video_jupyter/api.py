"""The Python API: the CLI's commands as functions, for scripts and for researchers who
inspect runs outside a notebook. Every function takes the same options as the CLI
(``RunOptions`` fields as keyword arguments)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cancel import CancelToken
from .events import Listener
from .options import RunOptions
from .store import RunReader


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


def check(scene_file: str | Path, class_name: str | None = None, quality: str = "l",
          theme: str | None = None):
    """The layout probe on any manim file: a ``LayoutReport`` with its findings. ``theme`` (a
    built-in name or a theme file; default: the run's for a scene in a run folder, else dark)
    is what text contrast is judged on."""
    from .critic import probe_scene
    from .store.reader import scene_run
    from .theme import DEFAULT, load_theme

    run = scene_run(Path(scene_file))
    chosen = load_theme(theme) if theme else (run.theme() if run else DEFAULT)
    assets = str(run.assets_dir) if run and run.assets_dir.is_dir() else None
    return probe_scene(scene_file, class_name, quality, theme=chosen, assets_dir=assets)


def fix(scene_file: str | Path, out: str | Path | None = None, *, model: str | None = None,
        **kwargs: Any):
    """Run it as it is; else the deterministic repair steps, scoped model fixes (with
    ``model``), and a render. Returns the FixReport."""
    from .repair.fix_file import fix_file

    cancel = kwargs.pop("cancel", None) or CancelToken()
    fixer = None
    if model:
        from .agents.coder import file_fixer
        from .repair.namespace import load_namespace

        fixer = file_fixer(model, load_namespace(), cancel)
    return fix_file(Path(scene_file), Path(out) if out else None, fixer=fixer, cancel=cancel, **kwargs)


def present(run_folder: str | Path, out: str | Path | None = None, *, quality: str | None = None,
            narration: bool = True):
    """A run as an offline presentation, one step per lecture line (``code2video present``):
    a folder beside the run (RUN.present/) whose index.html opens from disk. Returns the
    ``Presentation`` (its folder, page, and the clips this build cut or reused)."""
    from .present import build_presentation

    return build_presentation(run_folder, out, quality=quality, narration=narration)


def course(lessons: str | Path, out: str | Path | None = None, *, title: str | None = None,
           executor: str = "local", jobs: int = 2, retries: int = 1, scheduler: str | None = None,
           on_progress: Any = None, **options: Any):
    """A folder of lesson outlines built into a course (``code2video course``): a video, a
    presentation and a poster per lesson and one course page, on a local pool or a Dask
    cluster; building again renders only what changed. ``options`` are RunOptions fields for
    every lesson. Returns the ``CourseReport`` (its page, and each lesson's outcome)."""
    from .course import build_course

    return build_course(lessons, out, title=title, options=options, executor=executor,  # type: ignore[arg-type]
                        jobs=jobs, retries=retries, scheduler=scheduler, on_progress=on_progress)


@dataclass
class RunView:
    """A read-only view of a run folder (through the store's ``RunReader``, which owns its
    layout; each property reads the folder afresh, so a running run can be watched)."""

    folder: Path

    @property
    def reader(self) -> RunReader:
        return RunReader.open(self.folder)

    @property
    def state(self) -> dict[str, Any]:
        return self.reader.state.model_dump(mode="json")  # type: ignore[union-attr]

    def storyboard(self):  # noqa: ANN201 - a contracts.storyboard.Storyboard
        return self.reader.read_storyboard()

    def scene(self, section: int) -> str:
        code = self.reader.scene(section)
        if code is None:
            raise FileNotFoundError(f"section {section} of {self.folder} has no scene.py")
        return code

    def calls(self) -> list[dict[str, Any]]:
        return self.reader.calls()

    def revisions(self, section: int | None = None) -> list[dict[str, Any]]:
        return [r.model_dump() for r in self.reader.revisions(section)]

    @property
    def video(self) -> Path | None:
        final = self.reader.state.final.video  # type: ignore[union-attr]
        return self.folder / final if final else None


def open_run(folder: str | Path) -> RunView:
    path = Path(folder)
    RunReader.open(path)  # FileNotFoundError: not a run folder (no run.json)
    return RunView(path)
