"""The panel's HTML: pure functions from what a run folder holds (read through RunReader) to
the HTML its widgets show. No widgets here, and nothing is written."""

from __future__ import annotations

import base64
import difflib
import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..critic.findings import Finding, LayoutReport
from ..store import RunReader, SectionVideo
from .colours import ERROR, HUNK, LEVEL_COLOURS, MUTED, OK, RUNNING, WARN, status_colour
from .runs import CallTotals, relative_url

CODE_SOURCES = {"user": "your code", "compiler": "compiled", "agent": "written by the Coder",
                "critic": "patched by the critic", "fallback": "compiled (fallback)"}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def coloured(text: str, colour: str) -> str:
    """Already escaped ``text`` in a colour."""
    return f"<span style='color:{colour}'>{text}</span>"


def html_output(html_text: str, plain: str) -> tuple[dict, ...]:
    """An Output widget's outputs showing ``html_text`` (``plain`` where HTML is not shown)."""
    return ({"output_type": "display_data", "data": {"text/html": html_text, "text/plain": plain},
             "metadata": {}},)


def video_html(path: Path, version: str, width: int, poster: bytes | None = None,
               background: str | None = None) -> str:
    """A player for a video of the run folder (by relative URL, versioned to bust caches),
    with the narration's WebVTT captions when there are some beside it. ``background`` (the
    run's theme's) fills the player before the first frame, so a light video does not flash
    from a black box."""
    url = relative_url(path)
    src = f"{url}?v={version}" if version else url
    poster_attr = (f' poster="data:image/png;base64,{base64.b64encode(poster).decode("ascii")}"'
                   if poster else "")
    # Narrated videos have WebVTT captions beside them (final.vtt, render/<q>/section.vtt).
    vtt = next((c for c in (path.with_suffix(".vtt"), path.parent / "section.vtt") if c.exists()), None)
    track = (f'<track kind="captions" srclang="en" label="narration" default '
             f'src="{esc(relative_url(vtt))}?v={esc(version)}">' if vtt else "")
    style = f' style="background:{esc(background)}"' if background else ""
    return (f'<video controls preload="metadata" width="{width}" src="{esc(src)}"{poster_attr}{style}>'
            f'{track}</video><div><a href="{esc(src)}" target="_blank">{esc(path.name)}</a></div>')


def presented_html(index: Path, steps: int) -> str:
    """The link to a presentation (opened in a new tab; from disk it needs no server)."""
    url = relative_url(index)
    return (f"presentation of {steps} steps: <a href='{esc(url)}' target='_blank'>{esc(url)}</a> "
            f"· from disk: <code>{esc(Path(index).resolve().as_uri())}</code> · → next line, "
            "S presenter view")


# --- a section ----------------------------------------------------------------------------------
def section_status(run: RunReader, sid: int, sv: SectionVideo) -> tuple[str, str]:
    """(the status line of a section, its short form for the accordion title)."""
    parts, short = [], "pending"
    sec = run.state.sections.get(f"{sid:02d}") if run.state is not None else None
    if sec is not None:
        c = sec.code
        src = CODE_SOURCES.get(c.source or "", c.source or "")
        parts.append(f"code: revision {c.revision} ({esc(src)})" if c.revision else "code: pending")
        if c.status == "upstream-changed":
            parts.append(coloured("the storyboard changed after you edited this code; your code is "
                                  "kept (Regenerate compiles it again; your version stays in the "
                                  "history)", WARN))
    r = sv.render
    if r is not None:
        short = r.status
        detail = ""
        if r.status == "done" and r.duration is not None:
            detail = f", {r.duration:.1f} s video" + (f", rendered in {r.elapsed:.1f} s"
                                                      if r.elapsed else "")
            short = f"done {r.duration:.1f} s"
        if r.status == "failed":
            detail = ": " + esc(r.error or "") + (f" (scene.py line {r.scene_line})"
                                                  if r.scene_line else "")
        parts.append(f"render: <b style='color:{status_colour(r.status)}'>{esc(r.status)}</b>{detail}")
    return " · ".join(parts), short


def preview_html(images: list[Path], width: int) -> str:
    """The preview of a section being rendered: the last frame of each lecture line, in order
    (embedded: they exist before the video and are replaced by it)."""
    tiles = []
    for k, path in enumerate(images, 1):
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        tiles.append(f'<figure style="margin:0 6px 6px 0"><img src="data:image/png;base64,{data}" '
                     f'style="width:{width // 2 - 6}px;display:block" alt="line {k}">'
                     f'<figcaption style="font-size:11px;color:{MUTED}">line {k}</figcaption></figure>')
    return (f'<div class="c2v-preview" style="display:flex;flex-wrap:wrap;width:{width}px">'
            + "".join(tiles) + f'<div style="font-size:11px;color:{MUTED}">preview: the end of '
            "each lecture line; the video follows</div></div>")


def rendering(status_line: str) -> str:
    """The status line of a section whose render has just started."""
    return status_line.split(" · render:")[0] + f" · render: <b style='color:{RUNNING}'>rendering…</b>"


def findings_html(run: RunReader, sid: int) -> str:
    """The layout probe's current findings (layout.json) and the critic's rounds."""
    parts: list[str] = []
    raw = run.layout_report(sid)
    if raw is not None:
        try:
            parts.append(findings_list([("layout probe", LayoutReport.model_validate(raw).findings)]))
        except ValidationError:
            parts.append("<i>layout.json is unreadable</i>")
    rounds = critic_rounds_html(run.critique(sid)["rounds"])
    if rounds:
        parts.append(rounds)
    if not parts:
        return f"<i style='color:{MUTED}'>critic findings: none yet</i>"
    return "".join(parts)


def findings_list(reports: Iterable[tuple[str, list[Finding]]], heading: str = "") -> str:
    """Findings by where they come from ('layout probe', ...), as a list."""
    items: list[str] = []
    for label, found in reports:
        if not found:
            items.append(f"<li>{esc(label)}: no findings</li>")
        for f in found[:30]:
            where = []
            if f.source_line:
                where.append(f"scene.py line {f.source_line}")
            where.append(f"at {f.time:.1f} s")
            items.append(f"<li>{esc(label)}: <b>{esc(f.kind)}</b> ({esc(f.severity)}) {esc(f.message)}"
                         f" <small>({esc(', '.join(where))})</small></li>")
    return f"<b>critic findings</b> {heading}<ul style='margin:0'>" + "".join(items) + "</ul>"


def critic_rounds_html(rounds: list[Any]) -> str:
    """The critic's last rounds on a section (critique.json), or "" if it has none."""
    items = []
    for r in rounds[-6:]:
        if not isinstance(r, dict):
            continue
        before, after = len(r.get("findings_before") or []), r.get("findings_after")
        change = f"{before} findings" + (f" → {len(after)}" if isinstance(after, list) else "")
        applied = "; ".join(map(str, r.get("applied") or [])) or "no fix applied"
        outcome = r.get("result") or ("kept" if r.get("kept") else "rolled back"
                                      if r.get("kept") is False else "")
        comment = f" — “{r['comment']}”" if r.get("comment") else ""
        items.append(f"<li>round {esc(r.get('round', '?'))} ({esc(r.get('critic', ''))}): "
                     f"{esc(change)}; {esc(applied)}; <b>{esc(outcome)}</b>{esc(comment)}</li>")
    if not items:
        return ""
    return "<b>critic rounds</b><ul style='margin:0'>" + "".join(items) + "</ul>"


def revisions_html(run: RunReader, sid: int) -> str:
    """A section's revisions, newest first, with the diff of the last one."""
    log = run.scene_log(sid)
    revs = run.revisions(sid)
    if not revs:
        return "no revisions yet"
    rows = "".join(f"<li>r{r.number} <b>{esc(r.source)}</b>: {esc(r.reason)} "
                   f"<small>{esc(r.created)}</small></li>" for r in reversed(revs))
    diff_html = ""
    if len(revs) >= 2:
        try:
            a = log.content(revs[-2].number).splitlines()
            b = log.content(revs[-1].number).splitlines()
        except OSError:
            a = b = []
        lines = list(difflib.unified_diff(a, b, f"r{revs[-2].number}", f"r{revs[-1].number}",
                                          lineterm="", n=2))[:400]
        colour = {"+": OK, "-": ERROR, "@": HUNK}
        diff_html = ("<pre style='font-size: 12px; max-height: 300px; overflow: auto'>"
                     + "\n".join(f"<span style='color:{colour.get(ln[:1], 'inherit')}'>{esc(ln)}</span>"
                                 for ln in lines) + "</pre>")
    return f"<ul style='margin:0'>{rows}</ul>{diff_html}"


# --- the run ------------------------------------------------------------------------------------
def title_html(name: str, folder: Path, status: str) -> str:
    return (f"<b>code2video</b> · {esc(name)} · <code>{esc(relative_url(folder))}</code> · "
            f"<b style='color:{status_colour(status)}'>{esc(status)}</b>")


def stage_badge(stage: str, text: str, status: str) -> str:
    c = status_colour(status)
    return (f"<span style='border:1px solid {c}; color:{c}; border-radius:8px; "
            f"padding:0 6px; margin-right:4px'>{stage}: {esc(text)}</span>")


def calls_html(totals: CallTotals) -> str:
    """The model calls of the run: totals, per role, and a table of the latest 200."""
    if not totals.calls:
        return "<i>no model calls in this run (an offline lesson needs none)</i>"
    head = "".join(f"<th>{h}</th>" for h in ("#", "role", "stage", "section", "model", "tokens",
                                              "cost", "s", "outcome"))
    rows = []
    for r in totals.records[-200:]:
        tokens = int(r.get("prompt_tokens") or 0) + int(r.get("completion_tokens") or 0)
        cost = "?" if r.get("cost") is None else f"{float(r['cost']):.4f}"
        rows.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in (
            r.get("id", ""), r.get("role", ""), r.get("stage", ""), r.get("section") or "",
            r.get("model", ""), tokens, cost, f"{float(r.get('latency') or 0):.1f}",
            r.get("outcome", "") + (" (cache)" if r.get("cache_hit") else ""))) + "</tr>")
    by_role = ", ".join(f"{role}: {int(v[0])} calls, {int(v[1]):,} tokens, ${v[2]:.4f}"
                        for role, v in totals.by_role.items())
    return (f"<p>{esc(totals.line())}<br><small>{esc(by_role)}</small></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def call_html(number: int, exchange: dict[str, Any] | None) -> str:
    """The whole request and reply of one call (calls/NNNN.json)."""
    if exchange is None:
        return f"<i>calls/{number:04d}.json not found</i>"
    raw = json.dumps(exchange, indent=2, ensure_ascii=False)
    return f"<pre style='white-space: pre-wrap; max-height: 400px; overflow: auto'>{esc(raw[:40000])}</pre>"


def message_html(text: str, level: str = "info") -> str:
    """A message line; ``text`` is HTML already (escape what comes from outside)."""
    return coloured(text, LEVEL_COLOURS[level]) if text else ""
