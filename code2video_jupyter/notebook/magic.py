"""``%%code2video`` and ``%code2video``: the notebook front end of the one pipeline.

    %load_ext code2video_jupyter
    %config Code2Video.quality = "m"          # any run option (derived from RunOptions)

    %%code2video [flags] [--wait] [--debug] [--embed]
    <a topic, or a markdown lesson outline>

    %code2video runs | show RUN | models | doctor | export RUN [-o OUT] | stop [RUN]
    %code2video course COURSE_DIR | LESSONS_DIR [--build]     # a course's summary

The flags are the CLI's (both derived from RunOptions). The cell returns at once: the run
goes on in a worker thread and reports to a panel; ``--wait`` blocks until it ends. Errors are
one short red message; ``--debug`` shows the traceback. Nothing here imports manim or litellm.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

from IPython.core.magic import Magics, line_cell_magic, magics_class

from ..option_flags import add_run_options
from ..options import RunOptions
from ..store.layout import RUNS_FOLDER, default_run_folder
from .config import CELL_FIELDS, Code2Video, configurable_fields, field_extra

EARLY_FAILURE_WAIT = 2.0  # seconds the magic waits for a run to fail fast (no model, bad input)
MAGIC_FLAGS = {"wait", "debug", "embed"}


class MagicError(Exception):
    """A short error for people: IPython shows it as one red line, not a traceback."""

    def _render_traceback_(self) -> list[str]:
        lines = str(self).strip().splitlines() or ["error"]
        first, rest = lines[0], lines[1:12]
        return [f"\x1b[31mcode2video: {first}\x1b[0m", *rest]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting the kernel."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise MagicError(f"{message} (see %%code2video --help)")

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            print(message, file=sys.stderr)
        raise _HelpShown()


class _HelpShown(Exception):
    pass


def cell_parser() -> argparse.ArgumentParser:
    """The flags of %%code2video: every configurable RunOptions field, plus the magic's own."""
    p = _Parser(prog="%%code2video", add_help=True,
                description="Make a video from the topic or the lesson outline in the cell body.",
                epilog="Defaults come from %config Code2Video.<option>; flags override them.")
    skip = set(RunOptions.model_fields) - set(configurable_fields())
    add_run_options(p, skip=skip | set(CELL_FIELDS))
    # A flag can switch off what %config switched on: --no-<flag> for every on/off option.
    for name, info in configurable_fields().items():
        if info.annotation is bool and info.default is False:
            flags = field_extra(info).get("flags") or [f"--{name.replace('_', '-')}"]
            long = next((f for f in flags if f.startswith("--")), f"--{name}")
            p.add_argument(f"--no-{long[2:]}", dest=name, action="store_false",
                           default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("--wait", action="store_true", help="block until the run ends (scripts, tests)")
    p.add_argument("--debug", action="store_true", help="show tracebacks instead of short errors")
    p.add_argument("--embed", action="store_true",
                   help="embed the videos in the saved summary (large notebooks; default: links)")
    return p


def is_lesson(body: str) -> bool:
    """A markdown lesson outline ('# Title' / '## Section' headings or YAML front matter),
    as opposed to a bare topic (plain text)."""
    stripped = body.strip()
    if stripped.startswith("---"):
        return True
    return any(re.match(r"#{1,2}\s+\S", line) for line in stripped.splitlines())


def _short(e: BaseException) -> str:
    from pydantic import ValidationError

    if isinstance(e, ValidationError):
        return "; ".join(f"option {'.'.join(map(str, err['loc'])) or 'value'}: "
                         f"{err['msg'].removeprefix('Value error, ')}" for err in e.errors())
    return str(e) or type(e).__name__


def _html_table(headers: list[str], rows: list[list[Any]], title: str = "") -> dict[str, str]:
    esc = html.escape
    head = "".join(f"<th style='text-align:left'>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{esc(str(c))}</td>" for c in r)
                   + "</tr>" for r in rows)
    caption = f"<b>{esc(title)}</b>" if title else ""
    widths = [max(len(str(x)) for x in [h, *[r[i] for r in rows]]) for i, h in enumerate(headers)]
    plain = [title] if title else []
    plain += ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))]
    plain += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return {"text/html": f"{caption}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
            "text/plain": "\n".join(plain)}


def _display(bundle: dict[str, str], **kw: Any) -> Any:
    from IPython.display import display

    return display(bundle, raw=True, **kw)


def panel_bundle(panel: Any) -> dict[str, Any]:
    """The panel's widget view, with a plain-text stand-in for front ends without widgets."""
    bundle = dict(panel.widget._repr_mimebundle_())
    bundle["text/plain"] = (f"code2video panel of {panel.folder.name} (an interactive widget; "
                            "the summary below shows the result without it)")
    return bundle


@magics_class
class Code2VideoMagics(Magics):
    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.settings = Code2Video(parent=shell)
        if self.settings not in shell.configurables:
            shell.configurables.append(self.settings)
        self.panels: dict[Path, Any] = {}
        self.last_panel: Any = None

    # --- options ------------------------------------------------------------------------------
    def parse_line(self, line: str) -> argparse.Namespace:
        try:
            return cell_parser().parse_args(shlex.split(line))
        except ValueError as e:  # shlex: unbalanced quotes
            raise MagicError(f"cannot read the flags: {e}") from None

    def build_options(self, args: argparse.Namespace, **cell_values: Any) -> RunOptions:
        """%config values, overridden by the line's flags, plus what the cell body gives."""
        values: dict[str, Any] = dict(self.settings.values())
        values.update({k: v for k, v in vars(args).items()
                       if k in RunOptions.model_fields and k not in MAGIC_FLAGS})
        values.update(cell_values)
        return RunOptions(**values)

    # --- the magic ------------------------------------------------------------------------------
    @line_cell_magic
    def code2video(self, line: str = "", cell: str | None = None) -> Any:
        """%%code2video [flags]: a topic or a lesson outline -> a video (see --help).
        %code2video runs | show RUN | models | doctor | export RUN | stop [RUN]"""
        debug = bool(re.search(r"(^|\s)--debug(\s|$)", line))
        try:
            if cell is None:
                return self._line(line)
            return self._cell(line, cell)
        except _HelpShown:
            return None
        except MagicError:
            raise
        except KeyboardInterrupt:
            raise
        except Exception as e:
            if debug:
                raise
            raise MagicError(_short(e)) from None

    def _cell(self, line: str, cell: str) -> None:
        args = self.parse_line(line)
        body = cell.strip()
        if not body:
            raise MagicError("the cell is empty: write a topic, or a lesson outline ('# Title', "
                             "'## Section', '- lecture line'), below %%code2video")
        from ..pipeline.run import resolve_folder, slug

        staging: Path | None = None
        if is_lesson(body):
            from ..lesson import parse_lesson

            storyboard = parse_lesson(cell, source="cell")  # mistakes named by line, at once
            options = self.build_options(args)
            folder = options.out or default_run_folder(options.name or slug(storyboard.topic))
            folder, _ = resolve_folder(RunOptions(out=folder, new=options.new))
            # The cell's outline is staged next to the notebook (so images are found relative to
            # it); the pipeline copies it into the run folder as lesson.md.
            try:
                fd, name = tempfile.mkstemp(prefix=".code2video-cell-", suffix=".md", dir=os.getcwd())
            except OSError:  # a read-only notebook folder: images then need absolute paths
                fd, name = tempfile.mkstemp(prefix="code2video-cell-", suffix=".md")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(cell)
            staging = Path(name)
            options = self.build_options(args, lesson=staging, out=folder, new=False,
                                         name=options.name or folder.name)
        else:
            topic = " ".join(body.split())
            options = self.build_options(args, topic=topic)
            folder, _ = resolve_folder(options)
            options = self.build_options(args, topic=topic, out=folder, new=False,
                                         name=options.name or folder.name)
        try:
            self._start(options, Path(folder), args, staging)
        except BaseException:
            if staging is not None:
                staging.unlink(missing_ok=True)
            raise

    def _start(self, options: RunOptions, folder: Path, args: argparse.Namespace,
               staging: Path | None) -> None:
        from ..pipeline import run
        from .panel import RunPanel
        from .summary import summary_bundle
        from .worker import RunWorker, running_workers

        resolved = folder.resolve()
        for w in running_workers():
            panel = self.panels.get(resolved)
            if panel is not None and panel.worker is w:
                raise MagicError(f"{folder} is running already: press Stop in its panel, or "
                                 "%code2video stop, then run the cell again")

        def target(on_event, cancel):  # noqa: ANN001, ANN202
            return run(options, on_event, cancel)

        cleanup = (lambda: staging.unlink(missing_ok=True)) if staging is not None else None
        worker = RunWorker(target, label=folder.name, cleanup=cleanup)
        panel = RunPanel(folder, debug=args.debug)
        panel.embed = args.embed
        panel.attach(worker)
        self.panels[resolved] = panel
        self.last_panel = panel
        worker.start()
        # Mistakes that need no work to find (no model for a topic, a missing file) come back
        # within moments: say them here, in one line, instead of in a panel.
        worker.first_event.wait(EARLY_FAILURE_WAIT)
        if worker.wait(0) and worker.status == "failed":
            self._raise(worker, args.debug)
        _display(panel_bundle(panel))
        panel.summary_handle = _display(
            {"text/html": "<div class='code2video-summary-pending'><i>code2video: the run's "
                          "summary appears here when it ends</i></div>",
             "text/plain": f"code2video: running {folder}"}, display_id=True)
        if not args.wait:
            return
        try:
            while not worker.wait(0.2):
                pass
        except KeyboardInterrupt:  # interrupting the kernel stops the run at once
            worker.stop()
            worker.wait()
        if panel.summary_handle is not None:
            # the worker updates it too; do it here as well so this cell's output has it
            panel.summary_handle.update(summary_bundle(folder, embed=args.embed), raw=True)
        if worker.status == "failed":
            self._raise(worker, args.debug)
        if worker.status == "stopped":
            print("code2video: stopped; finished sections are kept (run the cell again to resume)",
                  file=sys.stderr)

    @staticmethod
    def _raise(worker: Any, debug: bool) -> None:
        if debug and worker.error is not None:
            raise worker.error
        raise MagicError(_short(worker.error) if worker.error else "the run failed")

    # --- line subcommands -------------------------------------------------------------------------
    def _line(self, line: str) -> Any:
        words = shlex.split(line)
        if not words or words[0] in ("help", "-h", "--help"):
            print(__doc__)
            return None
        cmd, rest = words[0], words[1:]
        handlers = {"runs": self._runs, "show": self._show, "models": self._models,
                    "doctor": self._doctor, "export": self._export, "stop": self._stop,
                    "course": self._course}
        if cmd not in handlers:
            if cmd.startswith("-"):
                raise MagicError("flags go on a %%code2video cell, with the topic or the lesson "
                                 "in the cell body (two % signs)")
            raise MagicError(f"unknown subcommand '{cmd}' (expected: {', '.join(handlers)})")
        return handlers[cmd](rest)

    def _sub_parser(self, prog: str) -> argparse.ArgumentParser:
        return _Parser(prog=f"%code2video {prog}")

    def _runs(self, rest: list[str]) -> None:
        p = self._sub_parser("runs")
        p.add_argument("folder", nargs="?", default=RUNS_FOLDER)
        a = p.parse_args(rest)
        from .runs import list_runs

        rows = []
        for run in list_runs(Path(a.folder)):
            state = run.state
            dur = f"{state.final.duration:.1f} s" if state.final.duration else ""
            rows.append([run.root.name, run.status(), len(state.sections),
                         run.quality, dur, state.updated.replace("T", " ")[:19]])
        if not rows:
            print(f"no runs in {a.folder}/ yet")
            return
        _display(_html_table(["run", "status", "sections", "quality", "video", "updated"], rows,
                             f"runs in {a.folder}/"))

    def _show(self, rest: list[str]) -> Any:
        p = self._sub_parser("show")
        p.add_argument("run", help=f"a run's name (in {RUNS_FOLDER}/) or its folder")
        p.add_argument("--embed", action="store_true")
        p.add_argument("--debug", action="store_true")
        a = p.parse_args(rest)
        from .panel import RunPanel
        from .runs import resolve_run
        from .summary import summary_bundle

        folder = resolve_run(a.run)
        existing = self.panels.get(folder.resolve())
        panel = RunPanel(folder, debug=a.debug)
        panel.embed = a.embed
        if existing is not None and existing.worker is not None and existing.worker.running:
            panel.attach(existing.worker)  # still running in this kernel: follow it here too
        self.panels[folder.resolve()] = panel
        self.last_panel = panel
        _display(panel_bundle(panel))
        panel.summary_handle = _display(summary_bundle(folder, embed=a.embed), display_id=True)
        return None

    def _models(self, rest: list[str]) -> None:
        self._sub_parser("models").parse_args(rest)
        _display(models_table(self.settings.values()))

    def _doctor(self, rest: list[str]) -> None:
        self._sub_parser("doctor").parse_args(rest)
        from ..doctor import checks

        rows = []
        for c in checks():
            mark = "ok" if c.ok else ("missing" if c.required else "limited")
            rows.append([c.name, mark, c.detail, "" if c.ok else c.fix])
        _display(_html_table(["check", "status", "detail", "to fix"], rows, "code2video doctor"))

    def _export(self, rest: list[str]) -> None:
        p = self._sub_parser("export")
        p.add_argument("run", help=f"a run's name (in {RUNS_FOLDER}/) or its folder")
        p.add_argument("-o", "--out", type=Path, default=None, help="the notebook to write")
        p.add_argument("--force", action="store_true", help="replace an existing notebook")
        a = p.parse_args(rest)
        from .export import export_notebook
        from .runs import relative_url, resolve_run

        out = export_notebook(resolve_run(a.run), a.out, force=a.force)
        rel = relative_url(out)
        _display({"text/html": f"code2video: exported to <a href='{html.escape(rel)}' "
                               f"target='_blank'>{html.escape(rel)}</a> (nothing was executed)",
                  "text/plain": f"code2video: exported to {rel} (nothing was executed)"})

    def _course(self, rest: list[str]) -> None:
        p = self._sub_parser("course")
        p.add_argument("folder", type=Path,
                       help="a course folder, or the folder of lesson outlines it was built from")
        p.add_argument("--build", action="store_true",
                       help="build it first (or bring it up to date: only what changed renders); "
                            "the cell waits until it is done")
        p.add_argument("-o", "--out", type=Path, default=None, help="the course folder to build")
        a = p.parse_args(rest)
        from ..course import build_course, course_summary_html, default_course_path

        out = a.out or (a.folder if (a.folder / "course.json").exists()
                        else default_course_path(a.folder))
        if a.build and (a.folder / "course.json").exists():
            raise MagicError("--build takes the folder of lesson outlines, not the course folder")
        if a.build:
            build_course(a.folder, out, options=self.settings.values(),
                         on_progress=lambda prog: print(prog.line()))
        try:
            page = course_summary_html(out)
        except FileNotFoundError as e:
            raise MagicError(f"{e} (or: %code2video course {a.folder} --build)") from None
        _display({"text/html": page, "text/plain": f"code2video course {out}"})

    def _stop(self, rest: list[str]) -> None:
        p = self._sub_parser("stop")
        p.add_argument("run", nargs="?", help="a run's name or folder (default: every run)")
        a = p.parse_args(rest)
        from .runs import resolve_run
        from .worker import running_workers

        workers = running_workers()
        if a.run:
            panel = self.panels.get(resolve_run(a.run).resolve())
            workers = [w for w in workers if panel is not None and panel.worker is w]
        for w in workers:
            w.stop()
        print(f"code2video: stopped {len(workers)} run(s)" if workers else "code2video: nothing is running")


KEY_NAME = re.compile(r"(_API_KEY|_API_TOKEN|_API_BASE|_API_VERSION)$|^C2V_")


def models_table(settings: dict[str, Any]) -> dict[str, str]:
    """The model of each role and which key variables are set (names only, never values)."""
    from types import SimpleNamespace

    from ..gateway.roles import resolve_models

    resolved = resolve_models(SimpleNamespace(**settings))
    rows = [[role, model or "(none: lesson outlines only)"] for role, model in resolved.items()]
    names = sorted(k for k in os.environ if KEY_NAME.search(k))
    rows.append(["keys set in the environment", ", ".join(names) or "none"])
    from ..gateway.keys import dotenv_file, read_dotenv

    dotenv = dotenv_file()  # the file a run would load
    if dotenv is not None:
        in_file: list[str] = []
        with contextlib.suppress(OSError, UnicodeDecodeError):
            in_file = [k for k in read_dotenv(dotenv) if KEY_NAME.search(k)]
        where = "./.env" if dotenv.parent.resolve() == Path.cwd().resolve() else str(dotenv)
        rows.append([f"keys in {where}", ", ".join(sorted(set(in_file))) or "none"])
    return _html_table(["role", "model"], rows, "code2video models (values of keys are never shown)")


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(Code2VideoMagics)


def unload_ipython_extension(ipython: Any) -> None:
    manager = ipython.magics_manager
    for kind in ("line", "cell"):
        manager.magics[kind].pop("code2video", None)
    manager.registry.pop("Code2VideoMagics", None)
