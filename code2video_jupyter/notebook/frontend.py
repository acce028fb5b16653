"""What the kernel side sends to the JupyterLab extension (``labextension/``).

Two MIME types, both JSON:

- ``application/vnd.code2video.storyboard+json``: the storyboard of a run with each section's
  status and video link. The static summary carries it next to its ``text/html`` in the same
  display_data, so a saved notebook opened in JupyterLab (no kernel needed) shows the
  storyboard as a table of sections, lecture lines and visuals; front ends without the
  extension show the HTML.
- ``application/vnd.code2video.insert-cell+json``: ``{"code", "id", "label", "created"}``, a
  request to insert ``code`` as a new cell below the active cell. A kernel cannot insert a cell
  from a button (``set_next_input`` works only for the cell being executed), so the panel's
  "Insert as cell" button displays this into a hidden output and the extension's renderer
  inserts the cell, once per ``id``.

The extension's settings (default model, quality) are written into the flags of the
``%%code2video`` cells it inserts; the magic reads nothing from JupyterLab's settings files.
"""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path
from typing import Any

from ..store import RunReader
from .runs import relative_url

STORYBOARD_MIME = "application/vnd.code2video.storyboard+json"
INSERT_CELL_MIME = "application/vnd.code2video.insert-cell+json"
PAYLOAD_VERSION = 1


def _url(path: Path, version: str, base: Path | None) -> str:
    url = relative_url(path, base)
    return f"{url}?v={version}" if version else url


def _section_status(sv: Any, user_code: bool) -> str:
    status = "pending"
    r = sv.render
    if r is not None:
        status = r.status
        if r.status == "done" and r.duration:
            status = f"done, {r.duration:.1f} s"
        if r.status == "failed":
            status = f"failed: {r.error or ''}"[:160]
    return status + (" (your code)" if user_code else "")


def storyboard_payload(folder: Path, base: Path | None = None) -> dict[str, Any] | None:
    """The run in ``folder`` for the storyboard renderer; None without a readable storyboard.
    Links are relative to ``base`` (default: the kernel's working folder, the notebook's)."""
    folder = Path(folder)
    run = RunReader(folder)
    state = run.state
    if state is None:
        return None
    storyboard = run.storyboard_data()
    if storyboard is None or not isinstance(storyboard.get("sections"), list):
        return None
    q = run.quality
    video, version = run.final_video()
    sections: dict[str, dict[str, Any]] = {}
    for sec in storyboard["sections"]:
        if not isinstance(sec, dict):
            continue
        try:
            sid = int(sec.get("id", 0))
        except (TypeError, ValueError):
            continue
        sv = run.section_video(sid, q)
        sections[str(sid)] = {
            "status": _section_status(sv, run.user_edited(sid)),
            "video": _url(sv.path, sv.version, base) if sv.path is not None else None,
            "placeholder": sv.placeholder,
        }
    return {
        "version": PAYLOAD_VERSION,
        "run": state.name,
        "folder": relative_url(folder, base),
        "status": run.status(),
        "quality": q,
        "duration": state.final.duration if video is not None else None,
        "video": _url(video, version, base) if video is not None else None,
        "storyboard": storyboard,
        "sections": sections,
    }


def section_cell(folder: Path, sid: int, code: str, quality: str = "l",
                 base: Path | None = None) -> str:
    """A section's scene as a notebook cell, as the export writes it: manim's own ``%%manim``
    magic (registered when manim is imported in IPython), asset paths made relative to the
    notebook's folder."""
    assets = relative_url(RunReader(folder).assets_dir, base)
    code = re.sub(r"""(["'])assets/""", lambda m: f"{m.group(1)}{assets}/", code)
    return f"%%manim -q{quality} Section{sid:02d}\n{code.rstrip()}\n"


def insert_cell_bundle(code: str, label: str = "") -> dict[str, Any]:
    """A display bundle asking the JupyterLab extension to insert ``code`` as a new cell."""
    return {
        INSERT_CELL_MIME: {"code": code, "id": uuid.uuid4().hex, "label": label,
                           "created": time.time()},
        "text/plain": f"code2video: insert {label or 'code'} as a new cell (this needs the "
                      "code2video-jupyter JupyterLab extension; elsewhere copy it from the editor)",
    }
