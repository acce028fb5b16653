"""`code2video check SCENE.py`: the layout probe on any manim file.

Exit codes: 0 no findings, 3 findings, 1 the scene could not be run (the error and its line are
printed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ..quality import QUALITIES

EXIT_OK, EXIT_ERROR, EXIT_FINDINGS = 0, 1, 3
SEVERITY_STYLE = {"high": "red", "medium": "yellow", "low": "cyan"}


def add_check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("scene", type=Path, help="a Python file with a manim Scene (or LectureScene)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--class", dest="class_name", metavar="NAME",
                   help="the Scene class to check, if the file has several")
    p.add_argument("-q", "--quality", choices=list(QUALITIES), default="l",
                   help="output resolution that text sizes are judged at (default: l, 480p)")
    p.add_argument("--theme", metavar="NAME|FILE",
                   help="theme the scene is drawn in, which text contrast is judged on: dark, "
                        "light, high-contrast or a theme file (default: the run's, for a scene "
                        "inside a run folder; else dark)")


def run_check(args: argparse.Namespace, console: Console) -> int:
    """Probe the scene in the sandbox and print the findings; returns the exit code."""
    from ..critic import probe_scene

    scene: Path = args.scene
    if not scene.is_file():
        console.print(f"[red]error:[/] {scene} is not a file")
        return EXIT_ERROR
    from ..store.reader import scene_run
    from ..theme import DEFAULT, ThemeError, load_theme

    run = scene_run(scene)  # a run's scene: in the run's theme, with the run's images
    try:
        theme = load_theme(args.theme) if getattr(args, "theme", None) else (
            run.theme() if run else DEFAULT)
    except ThemeError as e:
        console.print(f"[red]error:[/] {e}", highlight=False)
        return EXIT_ERROR
    assets = str(run.assets_dir) if run and run.assets_dir.is_dir() else None
    report = probe_scene(scene, class_name=args.class_name, quality=args.quality, theme=theme,
                         assets_dir=assets)
    if args.json:
        print(report.model_dump_json(indent=1))
    else:
        _print_report(report, Console(), console)
    if not report.ok:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.findings else EXIT_OK


def _print_report(report, out: Console, err: Console) -> None:
    name = f"{report.scene_file}" + (f" ({report.scene_class})" if report.scene_class else "")
    if not report.ok:
        e = report.error
        where = f" at line {e.scene_line}" if e and e.scene_line else ""
        what = f"{e.type}: {e.message}" if e else "unknown error"
        err.print(f"[red]error:[/] the scene failed to run{where}: {what}", highlight=False)
        return
    for w in report.warnings:
        err.print(f"[yellow]warning:[/] the probe could not measure a {w}", highlight=False)
    if not report.findings:
        out.print(f"[green]no layout findings[/] in {name}: {report.animations} animations, "
                  f"{report.duration:.1f} s (probe {report.probe_seconds:.1f} s)", highlight=False)
        return
    table = Table(title=f"layout findings: {name}")
    for col in ("kind", "severity", "line", "time", "mobjects", "what"):
        table.add_column(col, overflow="fold")
    for f in report.findings:
        sev = SEVERITY_STYLE.get(f.severity, "white")
        table.add_row(f.kind, f"[{sev}]{f.severity}[/]", "" if f.source_line is None else str(f.source_line),
                      f"{f.time:.2f} s (#{f.animation})", "\n".join(m.label() for m in f.mobjects[:3]),
                      f.message)
    out.print(table)
    out.print(report.summary(), highlight=False)
