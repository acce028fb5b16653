"""Check and repair one manim file: the static gate, the deterministic fixers, (with a model)
scoped fixes, and a sandboxed render to verify. Behind ``code2video fix`` and ``api.fix``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pydantic import BaseModel

from ..cancel import CancelToken
from .gate import GateIssue, check_source
from .loop import Attempt, repair, static_pass
from .namespace import load_namespace


class FixReport(BaseModel):
    file: str
    fixed_file: str | None = None
    ok: bool
    rendered: str | None = None
    gate_before: list[GateIssue] = []
    steps: list[dict] = []
    model_calls: int = 0
    tokens: int = 0
    error: str | None = None


def fix_file(scene: Path, out: Path | None = None, *, model: str | None = None,
             class_name: str | None = None, quality: str = "l", budget: int = 3,
             render: bool = True, cancel: CancelToken | None = None) -> FixReport:
    """Repair ``scene`` into ``out`` (default SCENE.fixed.py; the input is never changed)."""
    if not scene.is_file():
        raise FileNotFoundError(f"no such file: {scene}")
    source = scene.read_text(encoding="utf-8")
    out = out or scene.with_name(f"{scene.stem}.fixed.py")
    ns = load_namespace()
    before = check_source(source, ns, require_scene=True)
    steps: list[dict] = []
    video: dict[str, str | None] = {"path": None}
    cancel = cancel or CancelToken()
    work = Path(tempfile.mkdtemp(prefix="c2v-fix-"))

    def save(text: str, reason: str, kind: str, scope: str | None) -> None:
        steps.append({"kind": kind, "scope": scope, "reason": reason})

    def do_render(text: str) -> Attempt:
        from ..caches import tex_cache_dir
        from ..sandbox import Limits, RenderRequest, render_in_sandbox

        if not render:
            return Attempt(ok=True)
        path = work / "scene.py"
        path.write_text(text, encoding="utf-8")
        result = render_in_sandbox(
            RenderRequest(scene_file=str(path), class_name=class_name, quality=quality,
                          tex_cache=str(tex_cache_dir()), assets_dir=str(scene.resolve().parent)),
            Limits(wall_seconds=300), cancelled=cancel, keep_workdir=str(work / "render"))
        if result.ok and result.video:
            target = out.with_suffix(".mp4")
            shutil.copyfile(result.video, target)
            video["path"] = str(target)
            return Attempt(ok=True)
        err = result.error
        return Attempt(ok=False, cancelled=result.killed == "cancelled",
                       error_type=err.type if err else "Error",
                       message=err.message if err else result.summary(),
                       line=err.scene_line if err else None,
                       traceback=err.traceback if err else "")

    fix_scope = None
    gateway = None
    model_errors: tuple = ()
    if model:
        from ..agents.coder import Coder
        from ..gateway import BadReply, Gateway, ModelUnavailable
        from ..gateway.keys import load_dotenv

        load_dotenv()
        gateway = Gateway({"coder": model}, cancel=cancel)
        coder = Coder(gateway, ns)

        def fix_scope(scope, error, n):
            return coder.fix_scope(scope, error, None, n)

        model_errors = (ModelUnavailable, BadReply)
    try:
        outcome = repair(static_pass(source, ns, save), ns, do_render, save, fix_scope=fix_scope,
                         budget=budget, mode="scoped" if fix_scope else "none",
                         model_name=model or "", cancelled=cancel, model_errors=model_errors)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    changed = outcome.source != source
    if changed:
        out.write_text(outcome.source, encoding="utf-8")
    return FixReport(
        file=str(scene), fixed_file=str(out) if changed else None, ok=outcome.ok,
        rendered=video["path"], gate_before=before.issues, steps=steps,
        model_calls=outcome.model_calls,
        tokens=sum(r.prompt_tokens + r.completion_tokens for r in gateway.records) if gateway else 0,
        error=outcome.error or None)
