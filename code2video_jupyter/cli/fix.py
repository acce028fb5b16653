"""`code2video fix SCENE.py`: the static gate, the deterministic fixers and (with a model) the
scoped fixes, on any manim file; a sandboxed render verifies the result. The input file is
never changed: the fixed version is written beside it."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..cancel import CancelToken
from ..repair.fix_file import FixReport, fix_file
from ..repair.namespace import load_namespace

EXIT_OK, EXIT_ERROR, EXIT_UNFIXED = 0, 1, 3


def fix_command(args: argparse.Namespace, console: Console) -> int:
    cancel = CancelToken()
    fixer = None
    if args.model and not args.no_llm:
        from ..agents.coder import file_fixer

        fixer = file_fixer(args.model, load_namespace(), cancel)
    report = fix_file(args.scene, args.out, fixer=fixer, class_name=args.class_name,
                      quality=args.quality, budget=args.budget, render=not args.no_render,
                      cancel=cancel, allow_removals=getattr(args, "allow_removals", False),
                      voice=getattr(args, "voice", None), narrate=getattr(args, "narration", True),
                      timeout=getattr(args, "timeout", 300.0))
    if args.json:
        print(report.model_dump_json(indent=1))
    else:
        _print(console, report)
    return EXIT_OK if report.ok else EXIT_UNFIXED


def _print(console: Console, report: FixReport) -> None:
    if report.gate_before:
        t = Table(title=f"static gate: {report.file}")
        for col in ("line", "kind", "problem"):
            t.add_column(col, overflow="fold")
        for i in report.gate_before:
            t.add_row(str(i.line), i.kind, escape(str(i).split(": ", 1)[-1]))
        Console().print(t)
    else:
        console.print("static gate: no problems found")
    if report.modules:
        console.print(f"the project's own modules it imports ({len(report.modules)} file(s), sent "
                      f"with it, never changed): {escape(', '.join(report.modules[:8]))}"
                      + (" ..." if len(report.modules) > 8 else ""), highlight=False)
    if report.data_files:
        console.print(f"the files it names, sent with it ({len(report.data_files)}): "
                      f"{escape(', '.join(report.data_files[:8]))}"
                      + (" ..." if len(report.data_files) > 8 else ""), highlight=False)
    for why in report.data_skipped:
        console.print(f"[yellow]not sent[/]: {escape(why)}", highlight=False)
    if report.ran_before:
        console.print("it runs as it is: nothing changed")
    elif report.error_class:
        console.print(f"first error: {report.error_class.replace('_', ' ')}")
    for s in report.steps:
        # reasons quote code (``[x, y]``), which rich would read as markup
        console.print(f"[cyan]{s.kind}[/]: {escape(s.reason)}", highlight=False)
    runs = f"{report.runs} run(s), {report.model_calls} model call(s), {report.seconds:.1f} s"
    if report.ok and report.removals:
        console.print(f"[yellow]it runs with {report.removals} call(s) commented out[/]: what they "
                      "did is missing from the video (a model can write it properly: --model)")
    if report.ok and report.stand_ins:
        console.print(f"[yellow]it runs with {report.stand_ins} missing file(s) shown as grey cards[/]: "
                      "put each file beside the scene and fix again to use it")
    fixed = f"fixed file: {report.fixed_file}" if report.fixed_file else "no change needed"
    if report.ok:
        where = f"; rendered: {report.rendered}" if report.rendered else ""
        if report.subcaptions:
            where += f", its narration as subcaptions: {report.subcaptions}"
        if report.narration:
            where += f" ({report.narration})"
        console.print(f"[green]ok:[/] {fixed}{where} ({runs})")
    elif report.runs_to_end:
        # it runs: what failed is the render, which no fix of the code (nor a model) is for
        console.print(f"[yellow]it runs, not rendered:[/] {fixed}; construct() goes to its end with "
                      f"the animations skipped, but the render failed: {escape(report.error or '')}",
                      highlight=False)
        if (report.error or "").startswith("Timeout"):
            console.print("render it again with a longer --timeout")
        console.print(f"({runs})")
    else:
        console.print(f"[red]not fixed:[/] {escape(report.error or '')}", highlight=False)
        for issue in report.left:
            console.print(f"  still found: {escape(issue)}", highlight=False)
        if report.fixed_file:
            console.print(f"partly fixed file (changes that did not make it run, kept for reading): "
                          f"{report.fixed_file}")
        console.print(f"({runs})")
        if report.missing_file:
            # no fix of the code brings a file: the user has it, or accepts a stand-in
            console.print(f"the scene needs a file that is not here: {escape(report.missing_file)}; put it "
                          "beside the scene (or fix its path) and fix again, or --allow-removals to show "
                          "it as a grey card", highlight=False)
        elif report.missing_modules:
            # nor a module: it is the user's own code (a config or helpers folder), or a package
            names = ", ".join(report.missing_modules)
            console.print(f"the scene imports module(s) that are not here: {escape(names)}; put the "
                          "project's own module(s) beside the scene (or in the folder it adds to "
                          "sys.path), or install the package(s), and fix again", highlight=False)
        elif report.model_calls == 0:
            console.print("what is left needs a model: try --model openai/gpt-4.1 (or any litellm id)")
