"""A static HTML summary of a run, shown next to the panel.

A saved notebook keeps it (widget state or not), so JupyterLab, Notebook 7, VS Code, Colab,
GitHub and nbconvert all show the result: the storyboard as a table, a PNG poster per section,
and links to the videos by relative path. Videos are embedded only on request (``embed``).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from ..store import RunReader
from .colours import BORDER, MUTED, status_colour
from .runs import call_totals, poster_png, relative_url

MARKER = "code2video-summary"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _video_src(path: Path, version: str, embed: bool, base: Path | None) -> str:
    if embed:
        return "data:video/mp4;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    url = relative_url(path, base)
    return f"{url}?v={version}" if version else url


def summary_html(folder: Path, *, embed: bool = False, base: Path | None = None,
                 poster_width: int = 240) -> str:
    """The run in ``folder`` as self-contained HTML (posters inline, videos linked)."""
    folder = Path(folder)
    run = RunReader(folder)
    state = run.state
    if state is None:
        return f'<div class="{MARKER}"><b>code2video</b>: {_e(folder)} is not a run folder</div>'
    status = run.status()
    q = run.quality
    sb = run.storyboard_data() or {}
    topic = sb.get("topic") or state.name
    colour = status_colour(status)
    theme = run.theme()  # posters sit on the theme's background, like the video they come from
    parts = [f'<div class="{MARKER}" data-run="{_e(state.name)}" style="font-family: sans-serif; '
             f'max-width: 980px">',
             f'<h3 style="margin: .2em 0">{_e(topic)}</h3>',
             f'<div style="color:{MUTED}">run <code>{_e(relative_url(folder, base))}</code> · '
             f'<b style="color:{colour}">{_e(status)}</b> · quality {_e(q)} · theme '
             f'{_e(theme.name)}']
    video, version = run.final_video()
    if video is not None and state.final.duration:
        parts.append(f" · {state.final.duration:.1f} s")
    totals = call_totals(run)
    if totals.calls:
        parts.append(f" · {_e(totals.line())}")
    parts.append("</div>")
    if video is not None:
        src = _video_src(video, version, embed, base)
        parts.append(f'<p><video controls preload="metadata" width="640" src="{_e(src)}" '
                     f'style="background:{theme.background}"></video><br>'
                     f'<a href="{_e(relative_url(video, base))}">{_e(video.name)}</a></p>')

    th = '<th style="text-align: left; padding: 4px 8px">'
    parts.append('<table style="border-collapse: collapse; margin-top: .5em">'
                 f'<thead><tr>{th}#</th>{th}section</th>{th}lecture lines</th>{th}preview</th>'
                 f'{th}status</th></tr></thead><tbody>')
    sections = sb.get("sections") or [{"id": int(k), "title": s.title, "lecture_lines": []}
                                      for k, s in sorted(state.sections.items())]
    for sec in sections:
        if not isinstance(sec, dict):
            continue
        sid = int(sec.get("id", 0))
        lines = "".join(f"<li>{_e(ln.get('text', '') if isinstance(ln, dict) else ln)}</li>"
                        for ln in sec.get("lecture_lines") or [])
        sv = run.section_video(sid, q)
        preview, status_cell = "", "pending"
        if sv.render is not None:
            status_cell = sv.render.status
            if sv.render.status == "done" and sv.render.duration:
                status_cell = f"done, {sv.render.duration:.1f} s"
            if sv.render.status == "failed":
                status_cell = f"failed: {sv.render.error or ''}"[:160]
        if run.user_edited(sid):
            status_cell += " (your code)"
        if sv.path is not None:
            png = poster_png(sv.path, poster_width)
            img = (f'<img alt="section {sid}" width="{poster_width}" '
                   f'style="background:{theme.background}; border:1px solid {BORDER}" '
                   f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
                   if png else "video")
            href = _video_src(sv.path, sv.version, embed, base)
            label = "placeholder card" if sv.placeholder else sv.path.name
            preview = f'<a href="{_e(href)}">{img}</a><br><small>{_e(label)}</small>'
        cell = (f'style="border-top: 1px solid {BORDER}; padding: 4px 8px; vertical-align: top; '
                'text-align: left"')
        parts.append(f"<tr><td {cell}>{sid}</td><td {cell}><b>{_e(sec.get('title', ''))}</b></td>"
                     f"<td {cell}><ul style='margin:0; padding-left: 1.2em'>{lines}</ul></td>"
                     f"<td {cell}>{preview}</td><td {cell}>{_e(status_cell)}</td></tr>")
    parts.append("</tbody></table></div>")
    return "".join(parts)


def summary_text(folder: Path) -> str:
    run = RunReader(folder)
    if run.state is None:
        return f"code2video: {folder} is not a run folder"
    video, _ = run.final_video()
    return (f"code2video run {run.name}: {run.status()}"
            + (f", video {relative_url(video)}" if video else ""))


def summary_bundle(folder: Path, *, embed: bool = False) -> dict:
    """A display bundle (text/html + text/plain) for IPython's display(..., raw=True), with the
    storyboard as JSON for the JupyterLab extension's renderer (see frontend.py)."""
    from .frontend import STORYBOARD_MIME, storyboard_payload

    bundle: dict = {"text/html": summary_html(folder, embed=embed), "text/plain": summary_text(folder)}
    payload = storyboard_payload(folder)
    if payload is not None:
        bundle[STORYBOARD_MIME] = payload
    return bundle
