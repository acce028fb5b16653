"""The `code2video` command. A thin layer: parse flags into RunOptions, call the pipeline,
print progress; errors are short messages (``--debug`` shows the traceback)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .. import __version__
from ..option_flags import add_run_options, to_options

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL, EXIT_STOPPED = 0, 1, 3, 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="code2video", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"code2video-jupyter {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser("render", help="render a lesson outline (or continue a run folder) to a video")
    add_run_options(r, skip={"topic"})
    r.add_argument("--json", action="store_true", help="print events as JSON lines, not progress")

    sub.add_parser("doctor", help="check what this machine can render, and how to fix what is missing")

    v = sub.add_parser("revert", help="make an earlier revision of a section's code active again")
    v.add_argument("run", type=Path, help="run folder")
    v.add_argument("section", help="section number, or 'storyboard'")
    v.add_argument("revision", type=int)

    s = sub.add_parser("status", help="show a run's stages, sections and revisions")
    s.add_argument("run", type=Path)

    from .check import add_check_arguments, run_check

    c = sub.add_parser("check", help="probe a manim scene file for layout problems (exit 3 if any)")
    add_check_arguments(c)
    c.set_defaults(handler=run_check)

    from .agents import add_agent_commands

    add_agent_commands(sub)

    from .evaluate import add_eval_commands

    add_eval_commands(sub)

    from .present import add_present_command

    add_present_command(sub)

    from .course import add_course_command

    add_course_command(sub)

    x = sub.add_parser("export", help="write a run as a standalone notebook (%%%%manim cells, videos)")
    x.add_argument("run", type=Path, help="run folder")
    x.add_argument("-o", "--out", type=Path, default=None,
                   help="notebook to write (default: next to the run folder, RUN.ipynb)")
    x.add_argument("--force", action="store_true", help="replace an existing notebook")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(stderr=True, soft_wrap=True)
    try:
        if hasattr(args, "handler"):  # commands that live in their own module
            return args.handler(args, console)
        return {"render": _render, "doctor": _doctor, "revert": _revert, "status": _status,
                "export": _export}[
            args.command](args, console)
    except KeyboardInterrupt:
        console.print("[yellow]stopped[/]")
        return EXIT_STOPPED
    except Exception as e:  # concise errors for people, tracebacks on request
        if args.debug:
            raise
        console.print(f"[red]error:[/] {e}", highlight=False)
        return EXIT_ERROR


def _render(args: argparse.Namespace, console: Console) -> int:
    if getattr(args, "lesson", None) is None:
        console.print("[red]error:[/] give a lesson outline: code2video render LESSON.md "
                      "(examples in notebooks/lessons/), or a run folder to continue")
        return EXIT_ERROR
    return run_with_progress(to_options(args), args.json, console)


def run_with_progress(options, as_json: bool, console: Console,
                      critic_sections: list[int] | None = None) -> int:
    """Run the pipeline with live progress (or JSON events); the exit code says how it ended."""
    from ..cancel import Cancelled, CancelToken
    from ..pipeline import run
    from .progress import CliProgress

    cancel = CancelToken()
    # Ctrl-C / SIGTERM stop the run at once: render subprocesses are killed, results kept.
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: cancel.cancel())
    try:
        if as_json:
            lock = threading.Lock()

            def emit(e) -> None:  # events come from several threads: one whole line each
                line = e.model_dump_json()
                with lock:
                    print(line, flush=True)

            summary = run(options, emit, cancel,
                          critic_sections=critic_sections)
        else:
            with CliProgress(console) as progress:
                summary = run(options, progress, cancel, critic_sections=critic_sections)
    except Cancelled:
        console.print("[yellow]stopped:[/] finished sections are kept; run the same command to resume")
        return EXIT_STOPPED
    print(summary.video)
    if summary.failed:
        console.print(f"[yellow]video written with placeholder cards for sections "
                      f"{', '.join(map(str, summary.failed))}[/] ({summary.duration:.1f} s): {summary.video}")
        return EXIT_PARTIAL
    console.print(f"[green]done:[/] {summary.video} ({summary.duration:.1f} s; rendered "
                  f"{len(summary.rendered)}, unchanged {len(summary.cached)})")
    return EXIT_OK


def _doctor(args: argparse.Namespace, console: Console) -> int:
    from ..doctor import checks

    table = Table(title="code2video doctor")
    for col in ("check", "status", "detail", "to fix"):
        table.add_column(col, overflow="fold")
    failed = False
    for c in checks():
        mark = "[green]ok[/]" if c.ok else ("[red]missing[/]" if c.required else "[yellow]limited[/]")
        failed |= c.required and not c.ok
        table.add_row(c.name, mark, c.detail, "" if c.ok else c.fix)
    Console().print(table)
    return EXIT_ERROR if failed else EXIT_OK


def _revert(args: argparse.Namespace, console: Console) -> int:
    from ..store import RunStore

    section = None if args.section == "storyboard" else int(args.section)
    with RunStore.open(args.run) as store:
        rev = store.revert(section, args.revision)
    what = "storyboard" if section is None else f"section {section}"
    console.print(f"{what}: revision {args.revision} is active again (saved as revision {rev.number}); "
                  f"run `code2video render {args.run}` to render it")
    return EXIT_OK


def _status(args: argparse.Namespace, console: Console) -> int:
    from ..store import RunReader, section_key

    state = RunReader.open(args.run).state
    table = Table(title=f"run {state.name}")
    for col in ("section", "title", "code", "renders"):
        table.add_column(col)
    for s in sorted(state.sections.values(), key=lambda s: s.id):
        code = f"{s.code.status} r{s.code.revision} ({s.code.source})"
        renders = ", ".join(f"{q}: {r.status}" for q, r in s.renders.items())
        table.add_row(section_key(s.id), s.title, code, renders)
    Console().print(table)
    fin = state.final
    length = "" if fin.duration is None else f"{fin.duration:.1f} s"
    Console().print(f"final: {fin.status} {fin.video or ''} {length}")
    return EXIT_OK


def _export(args: argparse.Namespace, console: Console) -> int:
    from ..notebook.export import export_notebook

    out = export_notebook(args.run, args.out, force=args.force)
    print(out)
    console.print(f"[green]exported:[/] {out} (nothing was executed)")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
