"""Check and repair one manim file: run it as it is (a program that runs is never changed), then
the iterated deterministic steps, (with a model) scoped fixes, and one sandboxed render at the
end. Behind ``code2video fix`` and ``api.fix``."""

from __future__ import annotations

import ast
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from .. import pyparse
from ..cancel import CancelToken
from ..sandbox.request import RenderError
from .cures.paths import missing_path
from .cures.removal import removals as commented_out
from .data_files import find_data_files
from .error_classes import classify
from .gate import GateIssue, check_source
from .loop import Attempt, FixScope, RunMode, repair
from .namespace import load_namespace
from .policy import not_installed
from .project import Project, find_project
from .search_path import without_path_setup


class FixStep(BaseModel):
    kind: str  # static | runtime | rollback | model | removal | stand_in
    scope: str | None = None
    reason: str


class FixEvent(BaseModel):
    """One entry of the repair's history: a step (what changed) or a run (what it gave)."""

    step: str | None = None  # the reason of a step
    introduced: list[str] = []  # names a step brought into the program
    run: str | None = None  # "ok", or the error's first line
    plays: int | None = None


class FixReport(BaseModel):
    file: str
    fixed_file: str | None = None
    ok: bool
    ran_before: bool = False  # the input ran as it was (and was left unchanged)
    # the result runs (construct() to its end, the animations skipped): with ``ok`` False only
    # its render failed (a heavy scene past the time limit, say)
    runs_to_end: bool = False
    error_class: str | None = None  # the class of the input's first error (see error_classes)
    rendered: str | None = None
    subcaptions: str | None = None  # the .srt beside the video (a voiceover scene's narration)
    narration: str | None = None  # how a voiceover scene was spoken, or why it is silent
    gate_before: list[GateIssue] = []
    steps: list[FixStep] = []
    runs: int = 0
    model_calls: int = 0
    tokens: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's own CPU for the repair (the runs are not in it)
    error: str | None = None
    left: list[str] = []  # what the static gate still finds in the result
    history: list[FixEvent] = []
    removals: int = 0  # calls commented out (--allow-removals, or lost with a cut reply's tail)
    stand_ins: int = 0  # files nobody gave the scene, shown as grey cards (--allow-removals)
    missing_file: str | None = None  # the file the result still fails for want of, as named
    missing_modules: list[str] = []  # modules it imports that are neither installed nor the project's
    modules: list[str] = []  # the project's own modules it imports, sent with it (repair/project.py)
    data_files: list[str] = []  # the files it names, sent with it (repair/data_files.py)
    data_skipped: list[str] = []  # files it names that were not sent, and why


@dataclass
class ModelFixer:
    """The model side of a file's repair (agents.coder.file_fixer builds one): scoped fixes,
    the model's name, the errors that mean "no answer", and the tokens spent so far."""

    fix_scope: FixScope
    name: str
    errors: tuple[type[Exception], ...] = ()
    tokens: Callable[[], int] = lambda: 0


def fix_file(scene: Path, out: Path | None = None, *, fixer: ModelFixer | None = None,
             class_name: str | None = None, quality: str = "l", budget: int = 3,
             render: bool = True, cancel: CancelToken | None = None,
             timeout: float = 300.0, max_steps: int = 12,
             allow_removals: bool = False, voice: str | None = None,
             narrate: bool = True) -> FixReport:
    """Repair ``scene`` into ``out`` (default SCENE.fixed.py; the input is never changed).

    Each step is verified in check mode (construct() to its end, no frames); with ``render``
    the result is rendered once at the end into OUT.mp4. Without ``fixer`` no model is called.
    ``allow_removals``: the loop's lossy last resort (repair/cures/removal.py, and stand-ins for
    missing picture files, repair/cures/stand_ins.py). A scene written
    for manim-voiceover is rendered with its voiceovers spoken by ``voice`` (default: the
    installed one), audio first, unless ``narrate`` is off."""
    if not scene.is_file():
        raise FileNotFoundError(f"no such file: {scene}")
    t0, cpu0 = time.monotonic(), time.thread_time()
    source = scene.read_text(encoding="utf-8")
    out = out or scene.with_name(f"{scene.stem}.fixed.py")
    out.parent.mkdir(parents=True, exist_ok=True)  # -o results/x.py: made now, not after the work
    ns = load_namespace()
    project = find_project(scene, source)
    if project:
        ns = ns.with_project(project)
    class_name = class_name or _main_scene(source, project)
    before = check_source(source, ns, require_scene=True)
    steps: list[FixStep] = []
    video: dict[str, str | None] = {"path": None}
    cancel = cancel or CancelToken()
    work = Path(tempfile.mkdtemp(prefix="c2v-fix-"))
    data = find_data_files(scene, source)
    assets = data.copy_beside(work / "assets")
    modules = project.copy_to(work / "modules") if project else None

    history: list[FixEvent] = []
    current = {"source": source}
    narration: dict = {}  # the voice a voiceover scene is spoken by, and what was said

    def save(text: str, reason: str, kind: str, scope: str | None) -> None:
        steps.append(FixStep(kind=kind, scope=scope, reason=reason))
        history.append(FixEvent(step=f"{kind}: {reason}",
                                introduced=sorted(_names(text) - _names(current["source"]))))
        current["source"] = text

    def run(text: str, mode: RunMode) -> Attempt:
        from ..caches import tex_cache_dir
        from ..sandbox import Limits, RenderRequest, render_in_sandbox

        path = work / "scene.py"
        # its modules lie beside it in the sandbox: a search path of its own is not needed there
        path.write_text(without_path_setup(text) if project else text, encoding="utf-8")
        shutil.rmtree(work / "render", ignore_errors=True)
        spoken = _speak_voiceovers(text, voice, narration) if mode == "render" and narrate else {}
        result = render_in_sandbox(
            RenderRequest(scene_file=str(path), class_name=class_name, quality=quality,
                          tex_cache=str(tex_cache_dir()), assets_dir=assets,
                          modules_dir=modules, scene_path=str(scene.resolve()), check=mode == "check",
                          data_files=[str(p) for p in data.by_path],
                          voiceover_seconds={t: a.seconds for t, a in spoken.items()} or None),
            Limits(wall_seconds=timeout), cancelled=cancel, keep_workdir=str(work / "render"))
        history.append(FixEvent(run="ok" if result.ok else result.summary()[:300],
                                plays=result.error.plays if result.error else None))
        if result.ok:
            # (a scene with no play/wait writes no video: manim has nothing to encode)
            if result.video and Path(result.video).is_file():
                target = out.with_suffix(".mp4")
                shutil.copyfile(result.video, target)
                video["path"] = str(target)
                subcaptions = Path(result.video).with_suffix(".srt")
                if subcaptions.is_file():  # the narration of a voiceover scene, timed
                    shutil.copyfile(subcaptions, out.with_suffix(".srt"))
                    video["subcaptions"] = str(out.with_suffix(".srt"))
                    if narration.get("voice") is not None:
                        _mux_voiceovers(target, subcaptions, spoken, narration, cancel)
            return Attempt(ok=True)
        err = result.error
        if result.killed == "timeout":
            return Attempt(ok=False, error_type="Timeout",
                           message=f"the scene ran past its time limit ({timeout:.0f} s)")
        return Attempt(ok=False, cancelled=result.killed == "cancelled",
                       error_type=err.type if err else "Error",
                       message=(err.message + _in_module(err, project)) if err else result.summary(),
                       line=err.scene_line if err else None,
                       traceback=err.traceback if err else "", plays=err.plays if err else None)

    try:
        outcome = repair(source, ns, run, save, fix_scope=fixer.fix_scope if fixer else None,
                         budget=budget, mode="scoped" if fixer else "none",
                         model_name=fixer.name if fixer else "", cancelled=cancel,
                         model_errors=fixer.errors if fixer else (), max_steps=max_steps,
                         render=render, lossy=allow_removals, scene_class=class_name,
                         elsewhere=data.elsewhere)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    changed = outcome.source != source
    if changed:
        out.write_text(outcome.source, encoding="utf-8")
    first = outcome.first_error
    left_issues = check_source(outcome.source, ns).errors if not outcome.ok else []
    left = [str(i) for i in left_issues]
    return FixReport(
        file=str(scene), fixed_file=str(out) if changed else None, ok=outcome.ok,
        ran_before=first is None, runs_to_end=outcome.checked, error_class=classify(first, source, ns) if first else None,
        rendered=video["path"], subcaptions=video.get("subcaptions"),
        narration=narration.get("said"), gate_before=before.issues, steps=steps, runs=outcome.runs,
        model_calls=outcome.model_calls,
        tokens=fixer.tokens() if fixer else 0,
        seconds=time.monotonic() - t0, cpu_seconds=time.thread_time() - cpu0,
        error=outcome.error or None, left=left, history=history,
        missing_file=missing_path(outcome.error or "") if not outcome.ok else None,
        missing_modules=_missing_modules(left_issues, outcome.error or "") if not outcome.ok else [],
        # each statement commented out, by a lossy removal or with a cut reply's tail
        removals=max(0, commented_out(outcome.source) - commented_out(source)),
        stand_ins=sum(1 for s in steps if s.kind == "stand_in"),
        modules=sorted(project.files),
        data_files=[*data.beside, *(str(p) for p in data.by_path)], data_skipped=data.skipped)


def _names(source: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", source))


def _main_scene(source: str, project: Project | None = None) -> str | None:
    """The scene to render when no --class is given: the only one (named, since a repair may
    add a class), else the last one that no other extends (the others are usually its bases
    or earlier drafts). None when no class looks like a scene: the sandbox then says why.
    A class on a base scene of the scene's project counts too."""
    try:
        tree = pyparse.parse(source)
    except SyntaxError:
        return None
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    scenes: list[str] = []
    for c in classes:
        bases = [ast.unparse(b) for b in c.bases]
        if any(b.endswith("Scene") or b in scenes or _project_scene(b, project) for b in bases):
            scenes.append(c.name)
    if len(scenes) < 2:
        return scenes[0] if scenes else None
    extended = {ast.unparse(b) for c in classes for b in c.bases}
    leaves = [s for s in scenes if s not in extended]
    return (leaves or scenes)[-1]


def _in_module(err: RenderError, project: Project) -> str:
    """Where in the project's own modules an error was raised, when it was (the scene's line
    is only where it called into them): they are the project's, which fix does not change."""
    for frame in reversed(err.frames):
        if frame.file.endswith("/scene.py"):
            return ""
        rel = next((r for r in project.files if frame.file.endswith("/" + r)), None)
        if rel:
            return (f" [raised in the project's module {rel}, line {frame.line}: fix does not "
                    "change the project's modules]")
    return ""


def _project_scene(base: str, project: Project | None) -> bool:
    """Whether ``base`` is a class of the project that derives from a scene."""
    name = base.rsplit(".", 1)[-1]
    return bool(project and name in project.classes
                and any(b.endswith("Scene") for b in project.lineage(name)[0]))


def _speak_voiceovers(text: str, voice: str | None, narration: dict) -> dict:
    """A voiceover scene's texts spoken before its render (audio first: each voiceover then
    lasts as long as its speech). Empty for any other scene, or when no voice can speak; the
    reason is kept in ``narration["said"]``."""
    from ..narration import VoiceUnavailable, resolve_voice
    from ..narration.voiceover import speak, voiceover_texts
    from .voiceover_port import STAND_IN

    if STAND_IN not in text:
        return {}
    try:
        narration["voice"] = narration.get("voice") or resolve_voice(voice)
        return speak(voiceover_texts(text), narration["voice"])
    except (VoiceUnavailable, OSError, RuntimeError, ValueError) as e:
        narration.pop("voice", None)
        narration["said"] = f"silent: no voice could speak it ({e})"
        return {}


def _mux_voiceovers(video: Path, subcaptions: Path, spoken: dict, narration: dict,
                    cancel: CancelToken) -> None:
    """The speech laid under the rendered video, where each voiceover's subcaption begins."""
    from ..narration.voiceover import mux_voiceovers

    try:
        laid = mux_voiceovers(video, subcaptions, spoken, narration["voice"], cancel=cancel)
        narration["said"] = f"{laid} voiceover(s) spoken by {narration['voice'].name}"
    except (OSError, RuntimeError, ValueError) as e:
        narration["said"] = f"silent: the speech could not be laid under the video ({e})"


_NO_MODULE = re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'")


def _missing_modules(left: list[GateIssue], error: str) -> list[str]:
    """The modules a failed result imports that are not here (the gate refused their imports,
    or the run could not find one): no fix of the code brings them, the user has them."""
    names = [i.name for i in left if i.kind == "policy" and i.name and not_installed(i.name)]
    names += [m.group(1).split(".")[0] for m in _NO_MODULE.finditer(error)]
    return list(dict.fromkeys(names))
