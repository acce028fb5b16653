"""A run as a standalone notebook (nbformat), for researchers and for sharing.

One markdown header (with the note that the code was machine-written and runs in the kernel
when executed), the storyboard, then per section its lecture lines and one code cell that
renders with manim's own ``%%manim`` magic, and the videos by relative path. Exporting writes
one .ipynb file and never executes anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..store import RunReader, atomic
from .frontend import section_cell

if TYPE_CHECKING:
    from nbformat import NotebookNode

EXPORT_KEY = "code2video"

NOTE = (
    "> **Machine-written code.** The code cells below were written by code2video-jupyter "
    "(its compiler or its models{edited}) and have not been reviewed by a person. Executing a "
    "cell runs that code in this notebook's kernel, with your permissions, outside "
    "code2video's render sandbox: read it before you run it. Exporting executed nothing."
)


def default_path(folder: Path) -> Path:
    """Next to the run folder: code2video_runs/<run>.ipynb (never inside the run folder)."""
    folder = Path(folder)
    return folder.parent / f"{folder.name}.ipynb"


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>|])", r"\\\1", text)


def build_notebook(folder: Path, out: Path) -> NotebookNode:
    """The notebook for the run in ``folder``, with paths relative to ``out``'s folder."""
    import nbformat
    from nbformat import v4

    folder = Path(folder)
    run = RunReader(folder)
    state = run.state
    if state is None:
        raise FileNotFoundError(f"{folder} is not a run folder (no readable run.json)")
    storyboard = run.storyboard_data()
    if storyboard is None:
        raise ValueError(f"{run.storyboard_path} cannot be read: missing, or not a JSON object")
    q = run.quality
    start = out.parent
    edited = [sid for sid in run.section_ids() if run.user_edited(sid)]
    note = NOTE.format(edited=f"; sections {', '.join(map(str, sorted(edited)))} edited by hand"
                       if edited else "")
    topic = storyboard.get("topic") or state.name
    cells = [v4.new_markdown_cell(
        f"# {_md_escape(topic)}\n\nExported from the code2video run `{state.name}` "
        f"(`{_rel(folder, start)}`) by code2video-jupyter {__version__}.\n\n{note}\n\n"
        "Run the first code cell, then any section's cell: `%%manim` renders it and shows the "
        "video below the cell (manim writes into `media/` next to this notebook).")]
    video, _ = run.final_video()
    if video is not None:
        cells.append(v4.new_markdown_cell(
            f"## The video\n\n<video controls width=\"640\" src=\"{_rel(video, start)}\"></video>\n\n"
            f"[{video.name}]({_rel(video, start)})"
            + (f" ({state.final.duration:.1f} s)" if state.final.duration else "")))
    cells.append(v4.new_markdown_cell("## Storyboard\n\n" + _storyboard_table(storyboard)))
    cells.append(v4.new_code_cell(
        "# manim registers its %%manim magic when it is imported in IPython\n"
        "from manim import *\n\nfrom code2video_jupyter.scaffold import *"))
    for sec in storyboard.get("sections") or []:
        sid = int(sec.get("id", 0))
        lines = "\n".join(f"{i}. {_md_escape(str(ln.get('text', '')))}"
                          for i, ln in enumerate(sec.get("lecture_lines") or [], start=1))
        md = f"## Section {sid}: {_md_escape(str(sec.get('title', '')))}\n\n{lines}"
        sv = run.section_video(sid, q)
        if sv.path is not None:
            what = "placeholder card (the render failed)" if sv.placeholder else "rendered video"
            md += (f"\n\n<video controls width=\"480\" src=\"{_rel(sv.path, start)}\"></video>\n\n"
                   f"[{what}]({_rel(sv.path, start)})")
        cells.append(v4.new_markdown_cell(md))
        code = run.scene(sid)
        if code is not None:
            # images are found relative to the run folder; this notebook sits elsewhere
            cells.append(v4.new_code_cell(section_cell(folder, sid, code, q, base=start),
                                          metadata={EXPORT_KEY: {"section": sid}}))
        else:
            cells.append(v4.new_markdown_cell(f"*Section {sid} has no code yet.*"))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        EXPORT_KEY: {"export": True, "run": state.name, "version": __version__,
                     "storyboard": storyboard},
    })
    nbformat.validate(nb)
    return nb


def _storyboard_table(sb: dict) -> str:
    rows = ["| # | section | lecture lines |", "|---|---|---|"]
    for sec in sb.get("sections") or []:
        lines = "<br>".join(_md_escape(str(ln.get("text", ""))).replace("|", "\\|")
                            for ln in sec.get("lecture_lines") or [])
        rows.append(f"| {sec.get('id')} | {_md_escape(str(sec.get('title', '')))} | {lines} |")
    meta = [f"{k}: {sb[k]}" for k in ("audience", "language") if sb.get(k)]
    return "\n".join(rows) + ("\n\n" + ", ".join(meta) if meta else "")


def export_notebook(folder: Path, out: Path | None = None, *, force: bool = False) -> Path:
    """Write the run in ``folder`` as a notebook; returns its path. Never executes anything.

    An existing file is replaced only if it is an earlier export (or with ``force``)."""
    import nbformat

    folder = Path(folder)
    out = Path(out) if out is not None else default_path(folder)
    if out.suffix != ".ipynb":
        out = out.with_suffix(".ipynb")
    if out.resolve().is_relative_to(folder.resolve()):
        raise ValueError(f"write the export outside the run folder (not {out}): only the run "
                         "store writes into a run folder")
    if out.exists() and not force:
        try:
            previous = nbformat.read(out, as_version=4)
            ours = bool(previous.metadata.get(EXPORT_KEY, {}).get("export"))
        except Exception:
            ours = False
        if not ours:
            raise FileExistsError(f"{out} exists and is not a code2video export: choose another "
                                  "name (-o) or pass --force")
    nb = build_notebook(folder, out.resolve())
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic.publishing(out) as tmp:  # a notebook for people: the usual file mode, not 0600
        nbformat.write(nb, tmp)
    return out
