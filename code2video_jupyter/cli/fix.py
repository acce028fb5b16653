"""`code2video fix SCENE.py`: the static gate, the deterministic fixers and (with a model) the
scoped fixes, on any manim file; a sandboxed render verifies the result. The input file is
never changed: the fixed version is written beside it."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..cancel import CancelToken
from ..repair import check_source, load_namespace
from ..repair.loop import Attempt, repair, static_pass

EXIT_OK, EXIT_ERROR, EXIT_UNFIXED = 0, 1, 3


def fix_command(args: argparse.Namespace, console: Console) -> int:
    scene: Path = args.scene
    if not scene.is_file():
        raise FileNotFoundError(f"no such file: {scene}")
    source = scene.read_text(encoding="utf-8")
    out: Path = args.out or scene.with_name(f"{scene.stem}.fixed.py")
    ns = load_namespace()
    before = check_source(source, ns, require_scene=True)
    steps: list[dict] = []
    state = {"source": source, "video": None}
    work = Path(tempfile.mkdtemp(prefix="c2v-fix-"))

    def save(text: str, reason: str, kind: str, scope: str | None) -> None:
        steps.append({"kind": kind, "scope": scope, "reason": reason})
        state["source"] = text

    def render(text: str) -> Attempt:
        from ..pipeline.render_stage import tex_cache_dir
        from ..sandbox import Limits, RenderRequest, render_in_sandbox

        if args.no_render:
            return Attempt(ok=True)
        path = work / "scene.py"
        path.write_text(text, encoding="utf-8")
        result = render_in_sandbox(
            RenderRequest(scene_file=str(path), class_name=args.class_name, quality=args.quality,
                          tex_cache=str(tex_cache_dir()), assets_dir=str(scene.resolve().parent)),
            Limits(wall_seconds=300), cancelled=cancel, keep_workdir=str(work / "render"))
        if result.ok and result.video:
            target = out.with_suffix(".mp4")
            shutil.copyfile(result.video, target)
            state["video"] = str(target)
            return Attempt(ok=True)
        err = result.error
        return Attempt(ok=False, cancelled=result.killed == "cancelled",
                       error_type=err.type if err else "Error",
                       message=err.message if err else result.summary(),
                       line=err.scene_line if err else None,
                       traceback=err.traceback if err else "")

    cancel = CancelToken()
    fix_scope = regenerate = None
    gateway = None
    if args.model and not args.no_llm:
        from ..agents.coder import Coder
        from ..gateway import BadReply, Gateway, ModelUnavailable
        from ..gateway.keys import load_dotenv

        load_dotenv()
        gateway = Gateway({"coder": args.model}, cancel=cancel)
        coder = Coder(gateway, ns)

        def fix_scope(scope, error, n):
            return coder.fix_scope(scope, error, None, n)

        model_errors: tuple = (ModelUnavailable, BadReply)
    else:
        model_errors = ()
    try:
        outcome = repair(static_pass(source, ns, save), ns, render, save, fix_scope=fix_scope,
                         regenerate=regenerate, budget=args.budget,
                         mode="scoped" if fix_scope else "none", model_name=args.model or "",
                         cancelled=cancel, model_errors=model_errors)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    changed = outcome.source != source
    if changed:
        out.write_text(outcome.source, encoding="utf-8")
    report = {
        "file": str(scene), "fixed_file": str(out) if changed else None, "ok": outcome.ok,
        "rendered": None if args.no_render else state["video"],
        "gate_before": [i.model_dump() for i in before.issues],
        "steps": steps, "model_calls": outcome.model_calls,
        "tokens": sum(r.prompt_tokens + r.completion_tokens for r in gateway.records) if gateway else 0,
        "error": outcome.error or None,
    }
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        _print(console, report, before)
    return EXIT_OK if outcome.ok else EXIT_UNFIXED


def _print(console: Console, report: dict, before) -> None:
    if before.issues:
        t = Table(title=f"static gate: {report['file']}")
        for col in ("line", "kind", "problem"):
            t.add_column(col, overflow="fold")
        for i in before.issues:
            t.add_row(str(i.line), i.kind, str(i).split(": ", 1)[-1])
        Console().print(t)
    else:
        console.print("static gate: no problems found")
    for s in report["steps"]:
        console.print(f"[cyan]{s['kind']}[/]: {s['reason']}", highlight=False)
    if report["ok"]:
        where = f"; rendered: {report['rendered']}" if report["rendered"] else ""
        fixed = f"fixed file: {report['fixed_file']}" if report["fixed_file"] else "no change needed"
        console.print(f"[green]ok:[/] {fixed}{where} ({report['model_calls']} model call(s))")
    else:
        console.print(f"[red]not fixed:[/] {report['error']}", highlight=False)
        if report["fixed_file"]:
            console.print(f"partly fixed file: {report['fixed_file']}")
        if report["model_calls"] == 0:
            console.print("what is left needs a model: try --model openai/gpt-4.1 (or any litellm id)")
