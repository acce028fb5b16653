"""The run panel (ipywidgets 8): progress, the editable storyboard, each section's code with
Re-render, previews, critic findings, the final video, model calls, tokens, cost and time.

The panel is a view: it listens to a worker's typed events and reads the run folder. Every
edit is written through the run store as a ``user`` revision; re-running recomputes only what
the edit made stale (the pipeline decides that). An invalid storyboard edit is refused with
the field named, and nothing is saved and nothing is lost (the text stays in the editor).
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import html
import importlib.util
import json
import threading
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..events import Stage
from ..options import RunOptions
from ..options import continue_options as options_to_continue
from .editor import code_editor
from .runs import (
    call_totals,
    final_video,
    is_busy,
    load_state,
    poster_png,
    relative_url,
    run_quality,
    run_status,
    section_video,
)
from .summary import STATUS_COLOURS, summary_bundle
from .worker import RunWorker

STAGES: tuple[str, ...] = typing.get_args(Stage)  # every stage the pipeline reports
CORE_STAGES = ("storyboard", "code", "render", "assemble")  # shown even before they start
EDIT_REASON = "edited in the notebook panel"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def critic_available() -> bool:
    try:
        return importlib.util.find_spec("code2video_jupyter.critic") is not None
    except (ImportError, ValueError):
        return False


def continue_options(folder: Path, **overrides: Any) -> RunOptions:
    """Options to continue the run in ``folder`` with its own options (options.continue_options)."""
    state = load_state(folder)
    return options_to_continue(folder, dict(state.options) if state else {}, **overrides)


def _video_html(path: Path, version: str, width: int, poster: bytes | None = None) -> str:
    import base64

    url = relative_url(path)
    src = f"{url}?v={version}" if version else url
    poster_attr = (f' poster="data:image/png;base64,{base64.b64encode(poster).decode("ascii")}"'
                   if poster else "")
    # Narrated videos have WebVTT captions beside them (final.vtt, render/<q>/section.vtt).
    vtt = next((c for c in (path.with_suffix(".vtt"), path.parent / "section.vtt") if c.exists()), None)
    track = (f'<track kind="captions" srclang="en" label="narration" default '
             f'src="{_e(relative_url(vtt))}?v={_e(version)}">' if vtt else "")
    return (f'<video controls preload="metadata" width="{width}" src="{_e(src)}"{poster_attr}>'
            f'{track}</video><div><a href="{_e(src)}" target="_blank">{_e(path.name)}</a></div>')


def _html_output(html_text: str, plain: str) -> tuple[dict, ...]:
    return ({"output_type": "display_data", "data": {"text/html": html_text, "text/plain": plain},
             "metadata": {}},)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


class _SectionRow:
    """One section: status, preview, code editor with Re-render, critic findings, revisions."""

    def __init__(self, panel: RunPanel, sid: int) -> None:
        import ipywidgets as w

        self.sid = sid
        self.panel = panel
        self.loaded_code: str | None = None  # the text last loaded into the editor from disk
        self.shown_version: str | None = None
        self.status = w.HTML()
        self.poster = w.Image(format="png", layout=w.Layout(width="240px", min_width="240px",
                                                            height="auto", object_fit="contain"))
        self.video = w.Output(layout=w.Layout(min_width="320px"))
        self.editor = code_editor("", rows=22)
        self.rerender_button = w.Button(description="Re-render", icon="play", button_style="primary",
                                        tooltip="save this code as your revision and render it")
        self.reload_button = w.Button(description="Reload", icon="undo",
                                      tooltip="discard unsaved edits: load the active scene.py")
        self.regenerate_button = w.Button(
            description="Regenerate", icon="refresh", layout=w.Layout(display="none"),
            tooltip="compile the code again from the storyboard, for every section whose "
                    "storyboard changed after you edited its code (your versions stay in the history)")
        self.message = w.HTML()
        self.findings = w.HTML()
        self.critic_button = w.Button(description="Re-run critic", icon="search",
                                      layout=w.Layout(display=None if panel.critic else "none"))
        self.revisions = w.HTML()
        self.rerender_button.on_click(lambda _b: panel.rerender(sid))
        self.reload_button.on_click(lambda _b: self.reload())
        self.critic_button.on_click(lambda _b: panel.rerun_critic(sid))
        self.regenerate_button.on_click(lambda _b: panel.start_run(regenerate=True))
        self.insert_button = w.Button(
            description="Insert as cell", icon="plus",
            tooltip="insert the code in the editor as a new notebook cell below this one "
                    "(a %%manim cell; needs the code2video-jupyter JupyterLab extension)")
        self.insert_button.add_class("c2v-insert-cell")
        self.insert_button.on_click(lambda _b: panel.insert_cell(sid))
        history = w.Accordion(children=[self.revisions], titles=("revisions",), selected_index=None)
        self.box = w.VBox([
            self.status,
            w.HBox([self.poster, self.video], layout=w.Layout(align_items="flex-start")),
            self.editor,
            w.HBox([self.rerender_button, self.reload_button, self.regenerate_button,
                    self.insert_button, self.message]),
            w.HBox([self.findings, self.critic_button]),
            history,
        ])

    @property
    def dirty(self) -> bool:
        return self.loaded_code is not None and self.editor.value != self.loaded_code

    def reload(self) -> None:
        self.loaded_code = None
        self.update(load_state(self.panel.folder))
        self.message.value = ""

    def update(self, state: Any) -> str:
        """Re-read this section from the run folder; returns the accordion title."""
        folder, sid = self.panel.folder, self.sid
        sdir = folder / "sections" / f"{sid:02d}"
        code = _read(sdir / "scene.py")
        if code is not None:
            if self.loaded_code is None or not self.dirty:
                self.editor.value = code
                self.loaded_code = code
            elif code != self.loaded_code:
                self.message.value = ("<span style='color:#9a6700'>scene.py changed in the run "
                                      "folder; your unsaved edits are kept here (Reload to "
                                      "discard them)</span>")
        sec = state.sections.get(f"{sid:02d}") if state is not None else None
        title = sec.title if sec else ""
        upstream = sec is not None and sec.code.status == "upstream-changed"
        self.regenerate_button.layout.display = None if upstream else "none"
        parts, short = [], "pending"
        if sec is not None:
            c = sec.code
            src = {"user": "your code", "compiler": "compiled", "agent": "written by the Coder",
                   "critic": "patched by the critic", "fallback": "compiled (fallback)"}.get(
                       c.source or "", c.source or "")
            parts.append(f"code: revision {c.revision} ({_e(src)})" if c.revision else "code: pending")
            if c.status == "upstream-changed":
                parts.append("<span style='color:#9a6700'>the storyboard changed after you edited "
                             "this code; your code is kept (Regenerate compiles it again; your "
                             "version stays in the history)</span>")
        sv = section_video(folder, state, sid) if state is not None else None
        r = sv.render if sv else None
        if r is not None:
            short = r.status
            colour = {"done": "#1a7f37", "failed": "#cf222e", "cancelled": "#9a6700",
                      "running": "#0969da"}.get(r.status, "#57606a")
            detail = ""
            if r.status == "done" and r.duration is not None:
                detail = f", {r.duration:.1f} s video" + (f", rendered in {r.elapsed:.1f} s"
                                                          if r.elapsed else "")
                short = f"done {r.duration:.1f} s"
            if r.status == "failed":
                detail = ": " + _e(r.error or "") + (f" (scene.py line {r.scene_line})"
                                                     if r.scene_line else "")
            parts.append(f"render: <b style='color:{colour}'>{_e(r.status)}</b>{detail}")
        self.status.value = " · ".join(parts)
        if sv is not None and sv.path is not None and sv.version != self.shown_version:
            png = poster_png(sv.path, 240)
            self.poster.value = png or b""
            label = "placeholder card (render failed)" if sv.placeholder else "preview"
            self.video.outputs = _html_output(_video_html(sv.path, sv.version, 480), label)
            self.shown_version = sv.version
        self.findings.value = _findings_html(sdir)
        self.revisions.value = _revisions_html(folder, sid)
        return f"{sid:02d} · {title} — {short}"


def _findings_html(sdir: Path) -> str:
    """The layout probe's current findings (layout.json) and the critic's rounds (critique.json)."""
    parts: list[str] = []
    raw = _read(sdir / "layout.json")
    if raw is not None:
        try:
            parts.append(_findings_list([("layout probe", json.loads(raw))]))
        except ValueError:
            parts.append("<i>layout.json is unreadable</i>")
    raw = _read(sdir / "critique.json")
    if raw is not None:
        try:
            rounds = json.loads(raw).get("rounds") or []
        except (ValueError, AttributeError):
            rounds = []
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
            items.append(f"<li>round {_e(r.get('round', '?'))} ({_e(r.get('critic', ''))}): "
                         f"{_e(change)}; {_e(applied)}; <b>{_e(outcome)}</b>{_e(comment)}</li>")
        if items:
            parts.append("<b>critic rounds</b><ul style='margin:0'>" + "".join(items) + "</ul>")
    if not parts:
        return "<i style='color:#57606a'>critic findings: none yet</i>"
    return "".join(parts)


def _findings_list(reports: list[tuple[str, Any]], heading: str = "") -> str:
    items: list[str] = []
    for label, data in reports:
        found = data.get("findings") if isinstance(data, dict) else data
        if not isinstance(found, list):
            continue
        if not found:
            items.append(f"<li>{label}: no findings</li>")
        for f in found[:30]:
            if not isinstance(f, dict):
                items.append(f"<li>{label}: {_e(f)}</li>")
                continue
            what = f.get("message") or f.get("issue") or json.dumps(f)[:200]
            kind = f.get("kind") or f.get("type") or ""
            sev = f.get("severity")
            where = []
            if f.get("source_line") or f.get("line"):
                where.append(f"scene.py line {f.get('source_line') or f.get('line')}")
            if isinstance(f.get("time"), int | float):
                where.append(f"at {f['time']:.1f} s")
            if f.get("anchor"):
                where.append(f"anchor {f['anchor']}")
            items.append(f"<li>{label}: <b>{_e(kind)}</b>{f' ({_e(sev)})' if sev else ''} {_e(what)}"
                         + (f" <small>({_e(', '.join(where))})</small>" if where else "") + "</li>")
    head = f"<b>critic findings</b> {heading}"
    return head + "<ul style='margin:0'>" + "".join(items) + "</ul>"


def _revisions_html(folder: Path, sid: int) -> str:
    from ..store.revisions import RevisionLog

    log = RevisionLog(folder / "revisions" / "sections" / f"{sid:02d}", ".py")
    try:
        revs = log.all()
    except (OSError, ValueError):
        return "unreadable revisions"
    if not revs:
        return "no revisions yet"
    rows = "".join(f"<li>r{r.number} <b>{_e(r.source)}</b>: {_e(r.reason)} "
                   f"<small>{_e(r.created)}</small></li>" for r in reversed(revs))
    diff_html = ""
    if len(revs) >= 2:
        try:
            a = log.content(revs[-2].number).splitlines()
            b = log.content(revs[-1].number).splitlines()
        except OSError:
            a = b = []
        lines = list(difflib.unified_diff(a, b, f"r{revs[-2].number}", f"r{revs[-1].number}",
                                          lineterm="", n=2))[:400]
        colour = {"+": "#1a7f37", "-": "#cf222e", "@": "#8250df"}
        diff_html = ("<pre style='font-size: 12px; max-height: 300px; overflow: auto'>"
                     + "\n".join(f"<span style='color:{colour.get(ln[:1], 'inherit')}'>{_e(ln)}</span>"
                                 for ln in lines) + "</pre>")
    return f"<ul style='margin:0'>{rows}</ul>{diff_html}"


class _DocEditor:
    """One JSON artifact (outline.json, storyboard.json) as editable JSON or YAML: validated
    against its schema on Save; an invalid edit is refused with the field named, nothing is
    saved and the text stays in the editor."""

    def __init__(self, panel: RunPanel, name: str, filename: str, model: str, log: str,
                 lesson_view: bool = False) -> None:
        import ipywidgets as w

        self.panel, self.name, self.filename = panel, name, filename
        self.model_name, self.log_name, self.lesson_view = model, log, lesson_view
        self.loaded: str | None = None  # the text last loaded from the run folder
        self.format = w.ToggleButtons(options=["JSON", "YAML"], value="JSON",
                                      style={"button_width": "70px"})
        self.text = w.Textarea(layout=w.Layout(width="100%", height="420px"))
        self.text.add_class("c2v-mono")
        self.save_button = w.Button(description="Save", icon="save",
                                    tooltip="validate and save as your revision")
        self.save_run_button = w.Button(description="Save and render", icon="play",
                                        button_style="primary")
        self.reload_button = w.Button(description="Reload", icon="undo",
                                      tooltip=f"discard unsaved edits: load the active {name}")
        self.message = w.HTML()
        self.lesson = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.save_run_button.on_click(lambda _b: self.save() and panel.start_run())
        self.reload_button.on_click(lambda _b: self.reload())
        self.format.observe(self._format_changed, names="value")
        parts = [w.HBox([self.format, self.save_button, self.save_run_button, self.reload_button]),
                 self.message, self.text]
        if lesson_view:
            parts.append(w.Accordion(children=[self.lesson],
                                     titles=("as a lesson outline (markdown)",), selected_index=None))
        self.box = w.VBox(parts)

    def _model(self) -> type[BaseModel]:
        from ..contracts import storyboard

        return getattr(storyboard, self.model_name)

    @property
    def path(self) -> Path:
        return self.panel.folder / self.filename

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def refresh(self) -> None:
        raw = _read(self.path)
        if raw is None:
            return
        text = self._as_text(raw)
        if self.loaded is None or self.text.value == self.loaded:
            self.text.value = text
            self.loaded = text
        if self.lesson_view:
            try:
                from ..lesson import write_lesson

                md = write_lesson(self._model().model_validate_json(raw))
                self.lesson.value = f"<pre style='white-space: pre-wrap'>{_e(md)}</pre>"
            except (ValueError, ValidationError):
                self.lesson.value = f"<i>the active {self.name} is invalid</i>"

    def reload(self) -> None:
        self.loaded = None
        self.message.value = ""
        self.refresh()

    def _as_text(self, raw_json: str) -> str:
        if self.format.value == "JSON":
            return raw_json
        import yaml

        try:
            return yaml.safe_dump(json.loads(raw_json), sort_keys=False, allow_unicode=True, width=100)
        except ValueError:
            return raw_json

    def _format_changed(self, change: dict) -> None:
        if self.loaded is not None and self.text.value != self.loaded:
            self.message.value = ("<span style='color:#9a6700'>you have unsaved edits: save or "
                                  "reload them before switching the format</span>")
            self.format.unobserve(self._format_changed, names="value")
            self.format.value = change["old"]
            self.format.observe(self._format_changed, names="value")
            return
        self.loaded = None
        self.refresh()

    def parse(self, text: str) -> Any:
        from ..contracts.errors import StoryboardError

        if self.format.value == "YAML":
            import yaml

            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as e:
                mark = getattr(e, "problem_mark", None)
                where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
                raise StoryboardError([f"not valid YAML{where}: {getattr(e, 'problem', e)}"],
                                      self.name) from None
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                raise StoryboardError([f"not valid JSON at line {e.lineno}, column {e.colno}: "
                                       f"{e.msg}"], self.name) from None
        if not isinstance(data, dict):
            raise StoryboardError([f"the {self.name} must be a mapping with 'topic' and "
                                   "'sections'"], self.name)
        return data

    def save(self, text: str | None = None) -> bool:
        """Validate and save the editor's text as a ``user`` revision; refuse invalid edits."""
        from ..contracts.errors import StoryboardError, explain
        from ..store import RunBusyError, RunStore

        text = self.text.value if text is None else text
        if self.panel._refuse_if_busy("save"):
            self.message.value = self.panel.message.value
            return False
        model = self._model()
        try:
            data = self.parse(text)
            try:
                doc = model.model_validate(data)
            except ValidationError as e:
                raise explain(e, data, self.name) from None
        except StoryboardError as e:
            problems = "".join(f"<li>{_e(p)}</li>" for p in e.problems)
            self.message.value = (f"<span style='color:#cf222e'>not saved: the {self.name} is "
                                  f"invalid</span><ul style='color:#cf222e; margin:0'>{problems}</ul>")
            return False
        try:
            with RunStore.open(self.panel.folder) as store:
                store.sync_user_edits()  # an edit made in another editor is kept first
                log = getattr(store, self.log_name)()
                current = _read(self.path)
                try:
                    unchanged = current is not None and model.model_validate_json(current) == doc
                except (ValueError, ValidationError):  # the stored one is invalid: ours replaces it
                    unchanged = False
                if unchanged:
                    self.message.value = "<span style='color:#57606a'>no change to save</span>"
                    return True
                last = log.last()
                rev = store.write_artifact(self.path, log, doc.model_dump_json(indent=2), "user",
                                           EDIT_REASON, last.input_hash if last else None)
        except RunBusyError as e:
            self.message.value = f"<span style='color:#9a6700'>{_e(e)}</span>"
            return False
        self.reload()
        self.message.value = (f"<span style='color:#1a7f37'>saved as revision {rev.number}; "
                              "Run again (or Save and render) renders what changed</span>")
        return True


class RunPanel:
    """A live view of one run folder; start runs from it, edit its storyboard and code."""

    def __init__(self, folder: Path, *, debug: bool = False) -> None:
        import ipywidgets as w

        self.folder = Path(folder).resolve()
        self.debug = debug
        self.worker: RunWorker | None = None
        self.critic = critic_available()
        self.summary_handle: Any = None  # IPython DisplayHandle of the static summary
        self.embed = False
        self._lock = threading.RLock()
        self._rows: dict[int, _SectionRow] = {}
        self._stages: dict[str, str] = dict.fromkeys(STAGES, "pending")
        self._counts: dict[str, set[int]] = {"code": set(), "render": set(), "failed": set()}
        self._total = 0
        self._listeners: list[Callable[[BaseModel], None]] = []

        self.title = w.HTML()
        self.stop_button = w.Button(description="Stop", icon="stop", button_style="danger",
                                    disabled=True, tooltip="stop now: renders are killed, results kept")
        self.run_button = w.Button(description="Run again", icon="play",
                                   tooltip="recompute what is stale (your edits are kept)")
        self.refresh_button = w.Button(description="Refresh", icon="refresh",
                                       tooltip="re-read the run folder")
        self.message = w.HTML()
        self.stages = w.HTML()
        self.progress = w.IntProgress(value=0, min=0, max=1, description="sections",
                                      bar_style="info")
        self.costs = w.HTML()
        self.log = w.Output(layout=w.Layout(max_height="300px", overflow="auto",
                                            border="1px solid #d0d7de"))
        self.sections = w.Accordion(children=[], selected_index=None)

        self.storyboard = _DocEditor(self, "storyboard", "storyboard.json", "Storyboard",
                                     "storyboard_log", lesson_view=True)
        self.outline = _DocEditor(self, "outline", "outline.json", "Outline", "outline_log")
        self.final = w.Output()
        self.calls = w.HTML()
        self.call_picker = w.Dropdown(options=[], description="call")
        self.call_detail = w.HTML()
        # "Insert as cell" requests for the JupyterLab extension go out through this (frontend.py)
        self.inserter = w.Output(layout=w.Layout(display="none"))

        self.stop_button.on_click(lambda _b: self.stop())
        self.run_button.on_click(lambda _b: self.start_run())
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.call_picker.observe(lambda ch: self._show_call(ch["new"]), names="value")

        self.outline_box = w.Accordion(children=[self.outline.box],
                                       titles=("outline (the Planner's first step)",),
                                       selected_index=None, layout=w.Layout(display="none"))
        storyboard_tab = w.VBox([self.outline_box, self.storyboard.box])
        calls_tab = w.VBox([self.calls, self.call_picker, self.call_detail])
        self.tabs = w.Tab(children=[self.sections, storyboard_tab, self.final, calls_tab, self.log],
                          titles=("Sections", "Storyboard", "Final video", "Model calls", "Log"))
        style = w.HTML("<style>.c2v-mono textarea { font-family: var(--jp-code-font-family, "
                       "monospace); font-size: 12px; }</style>")
        self.widget = w.VBox([
            style,
            w.HBox([self.title, self.stop_button, self.run_button, self.refresh_button]),
            self.message, self.stages, self.progress, self.costs, self.tabs,
            self.inserter,
        ], layout=w.Layout(border="1px solid #d0d7de", padding="6px"))
        self.refresh()

    # --- display --------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<code2video panel for {relative_url(self.folder)}>"

    # --- helpers --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    def say(self, text: str, level: str = "info") -> None:
        colour = {"info": "#57606a", "ok": "#1a7f37", "warn": "#9a6700", "error": "#cf222e"}[level]
        self.message.value = f"<span style='color:{colour}'>{text}</span>" if text else ""

    def append_log(self, text: str) -> None:
        """The sink for whatever the worker's threads print or log (never the current cell)."""
        self.log.append_stdout(text if text.endswith("\n") else text + "\n")

    def add_listener(self, listener: Callable[[BaseModel], None]) -> None:
        """Also pass the events of every run started from this panel to ``listener``."""
        self._listeners.append(listener)

    # --- reading the run folder -----------------------------------------------------------------
    def refresh(self) -> None:
        with self._lock:
            state = load_state(self.folder)
            status = "running" if self.busy else (run_status(self.folder, state) if state else "pending")
            colour = STATUS_COLOURS.get(status, "#57606a")
            name = state.name if state else self.folder.name
            self.title.value = (f"<b>code2video</b> · {_e(name)} · "
                                f"<code>{_e(relative_url(self.folder))}</code> · "
                                f"<b style='color:{colour}'>{_e(status)}</b>")
            self.stop_button.disabled = not self.busy
            self.run_button.disabled = self.busy
            if state is None:
                self.say("no run.json yet: the run is starting")
                self._update_costs()
                return
            self.storyboard.refresh()
            if self.outline.exists:
                self.outline_box.layout.display = None
                self.outline.refresh()
            ids = self._section_ids(state)
            self._ensure_rows(ids)
            titles = [self._rows[sid].update(state) for sid in ids]
            self.sections.titles = tuple(titles)
            if not self.busy:
                self._stages_from_state(state, ids)
            self._render_stages()
            self._refresh_final(state)
            self._update_costs()
            self._refresh_calls()

    def _section_ids(self, state: Any) -> list[int]:
        raw = _read(self.folder / "storyboard.json")
        try:
            ids = [int(s["id"]) for s in json.loads(raw or "")["sections"]]
        except (ValueError, KeyError, TypeError):
            ids = []
        return ids or sorted(int(k) for k in state.sections)

    def _ensure_rows(self, ids: list[int]) -> None:
        if list(self._rows) == ids:
            return
        rows = {sid: self._rows.get(sid) or _SectionRow(self, sid) for sid in ids}
        self._rows = rows
        self.sections.children = [r.box for r in rows.values()]
        self._total = len(ids)
        self.progress.max = max(1, len(ids))

    def _stages_from_state(self, state: Any, ids: list[int]) -> None:
        q = run_quality(state)
        self._stages["storyboard"] = state.storyboard.status
        done_code = {sid for sid in ids if (s := state.sections.get(f"{sid:02d}")) and s.code.revision}
        rendered = {sid for sid in ids if (s := state.sections.get(f"{sid:02d}")) and (r := s.renders.get(q))
                    and r.status in ("done", "failed")}
        self._counts = {"code": done_code, "render": rendered,
                        "failed": {sid for sid in rendered
                                   if state.sections[f"{sid:02d}"].renders[q].status == "failed"}}
        self._stages["assemble"] = state.final.status
        self.progress.value = len(rendered)

    def _render_stages(self) -> None:
        n = self._total or 0
        colours = {"done": "#1a7f37", "cached": "#1a7f37", "kept": "#1a7f37", "running": "#0969da",
                   "failed": "#cf222e", "cancelled": "#9a6700", "upstream-changed": "#9a6700"}
        badges = []
        for stage in STAGES:
            status = self._stages.get(stage, "pending")
            if stage not in CORE_STAGES and status == "pending":
                continue  # a stage this run does not have (no Planner offline, no voice...)
            if stage in ("code", "render") and n:
                k = len(self._counts.get(stage, ()))
                failed = len(self._counts["failed"]) if stage == "render" else 0
                text = f"{k}/{n}" + (f", {failed} failed" if failed else "")
                if k == n:
                    status = "failed" if failed == n else "done"
                elif status not in ("running", "cancelled") and k:
                    status = "running" if self.busy else "pending"
            else:
                text = status
            c = colours.get(status, "#57606a")
            badges.append(f"<span style='border:1px solid {c}; color:{c}; border-radius:8px; "
                          f"padding:0 6px; margin-right:4px'>{stage}: {_e(text)}</span>")
        self.stages.value = "".join(badges)

    def _update_costs(self) -> None:
        totals = call_totals(self.folder)
        if self.worker is not None:
            t = f"{self.worker.elapsed:.1f} s" + (" so far" if self.busy else "")
        else:
            state = load_state(self.folder)
            spent = sum((r.elapsed or 0) for s in (state.sections.values() if state else [])
                        for r in s.renders.values())
            t = f"{spent:.1f} s of rendering"
        self.costs.value = f"<small>{_e(totals.line())} · {t}</small>"

    def _refresh_final(self, state: Any) -> None:
        video, version = final_video(self.folder, state)
        if video is None:
            self.final.outputs = _html_output("<i>no final video yet</i>", "no final video yet")
            return
        dur = f" ({state.final.duration:.1f} s)" if state.final.duration else ""
        self.final.outputs = _html_output(_video_html(video, version, 720) + _e(dur), f"final video{dur}")

    def _refresh_calls(self) -> None:
        totals = call_totals(self.folder)
        if not totals.calls:
            self.calls.value = "<i>no model calls in this run (an offline lesson needs none)</i>"
            return
        head = "".join(f"<th>{h}</th>" for h in ("#", "role", "stage", "section", "model", "tokens",
                                                  "cost", "s", "outcome"))
        rows = []
        for r in totals.records[-200:]:
            tokens = int(r.get("prompt_tokens") or 0) + int(r.get("completion_tokens") or 0)
            cost = "?" if r.get("cost") is None else f"{float(r['cost']):.4f}"
            rows.append("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in (
                r.get("id", ""), r.get("role", ""), r.get("stage", ""), r.get("section") or "",
                r.get("model", ""), tokens, cost, f"{float(r.get('latency') or 0):.1f}",
                r.get("outcome", "") + (" (cache)" if r.get("cache_hit") else ""))) + "</tr>")
        by_role = ", ".join(f"{role}: {int(v[0])} calls, {int(v[1]):,} tokens, ${v[2]:.4f}"
                            for role, v in totals.by_role.items())
        self.calls.value = (f"<p>{_e(totals.line())}<br><small>{_e(by_role)}</small></p>"
                            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        ids = [int(r["id"]) for r in totals.records if isinstance(r.get("id"), int)]
        if tuple(ids) != tuple(self.call_picker.options):
            self.call_picker.options = ids

    def _show_call(self, number: int | None) -> None:
        if number is None:
            self.call_detail.value = ""
            return
        raw = _read(self.folder / "calls" / f"{number:04d}.json")
        if raw is None:
            self.call_detail.value = f"<i>calls/{number:04d}.json not found</i>"
            return
        with contextlib.suppress(ValueError):
            raw = json.dumps(json.loads(raw), indent=2, ensure_ascii=False)
        self.call_detail.value = (f"<pre style='white-space: pre-wrap; max-height: 400px; "
                                  f"overflow: auto'>{_e(raw[:40000])}</pre>")

    # --- events ---------------------------------------------------------------------------------
    def on_event(self, e: BaseModel) -> None:
        kind = getattr(e, "type", "")
        with self._lock:
            if kind == "run_started":
                self._ensure_rows(list(e.sections))
                self._counts = {"code": set(), "render": set(), "failed": set()}
                self.progress.value = 0
                self.refresh()
            elif kind == "stage_started":
                if e.section is None:
                    self._stages[e.stage] = "running"
                elif e.stage == "render" and e.section in self._rows:
                    self._stages["render"] = "running"
                    row = self._rows[e.section]
                    row.status.value = row.status.value.split(" · render:")[0] + \
                        " · render: <b style='color:#0969da'>rendering…</b>"
            elif kind == "stage_finished":
                if e.section is None:
                    self._stages[e.stage] = e.status
                else:
                    if e.stage in ("code", "render") and e.status != "cancelled":
                        self._counts[e.stage].add(e.section)
                    if e.stage == "render" and e.status == "failed":
                        self._counts["failed"].add(e.section)
                    if e.stage == "render":
                        self.progress.value = len(self._counts["render"])
                    state = load_state(self.folder)
                    if e.section in self._rows and state is not None:
                        titles = list(self.sections.titles)
                        idx = list(self._rows).index(e.section)
                        title = self._rows[e.section].update(state)
                        if idx < len(titles):
                            titles[idx] = title
                            self.sections.titles = tuple(titles)
                self._render_stages()
            elif kind == "warning":
                self.append_log(f"warning: {e.message}")
                self.say(_e(e.message), "warn")
            elif kind == "user_edit":
                self.append_log(f"your edit of {e.artifact} is kept (revision {e.revision})")
            elif kind == "done":
                self.refresh()
            elif kind == "failed":
                self.append_log(f"run ended: {e.error}")
            self._update_costs()
        for listener in list(self._listeners):
            listener(e)

    def attach(self, worker: RunWorker) -> RunWorker:
        """Show ``worker``'s run here; its stray output goes into this panel's log."""
        self.worker = worker
        worker.sink = self.append_log
        worker.add_listener(self.on_event)
        worker.on_finish(self._finished)
        self.stop_button.disabled = False
        self.run_button.disabled = True
        self.say("running…")
        threading.Thread(target=self._tick, args=(worker,), daemon=True,
                         name="c2v-panel-clock").start()
        return worker

    def _tick(self, worker: RunWorker) -> None:
        """Time, tokens and cost so far, once a second while the run goes on."""
        while not worker.wait(1.0):
            if self.worker is not worker:
                return
            try:
                with self._lock:
                    self._update_costs()
            except Exception:  # never let the clock break anything
                return

    def _finished(self, worker: RunWorker) -> None:
        self.refresh()
        if worker.status == "done":
            summary = worker.result
            failed = getattr(summary, "failed", [])
            if failed:
                self.say(f"done, with placeholder cards for sections {', '.join(map(str, failed))} "
                         "(see their status below)", "warn")
            else:
                self.say(f"done in {worker.elapsed:.1f} s", "ok")
            self.progress.bar_style = "warning" if failed else "success"
        elif worker.status == "stopped":
            self.say("stopped: finished sections are kept; Run again resumes", "warn")
            self.progress.bar_style = "warning"
        else:
            err = worker.error
            self.say(_e(f"error: {err}").replace("\n", "<br>"), "error")
            self.progress.bar_style = "danger"
            if self.debug and worker.traceback:
                self.append_log(worker.traceback)
        if self.summary_handle is not None:
            try:
                self.summary_handle.update(summary_bundle(self.folder, embed=self.embed), raw=True)
            except Exception:  # the summary is a convenience; the panel shows the run
                self.append_log("could not update the static summary")

    # --- actions --------------------------------------------------------------------------------
    def _refuse_if_busy(self, what: str) -> bool:
        if self.busy:
            self.say(f"a run is in progress: wait for it or press Stop, then {what}", "warn")
            return True
        if is_busy(self.folder):
            self.say(f"the run is being used by another process; {what} when it is done", "warn")
            return True
        return False

    def start_run(self, target: Callable | None = None, label: str = "run",
                  regenerate: bool = False) -> RunWorker | None:
        """Run the pipeline again on this folder (only what is stale is recomputed)."""
        if self._refuse_if_busy("run again"):
            return None
        if target is None:
            from ..pipeline import run

            options = continue_options(self.folder, regenerate=regenerate or None)

            def target(on_event, cancel):  # noqa: ANN001, ANN202
                return run(options, on_event, cancel)

        self.progress.bar_style = "info"
        worker = RunWorker(target, label=label)
        self.attach(worker)  # on_event passes the events on to this panel's listeners
        return worker.start()

    def stop(self) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.stop()
            self.say("stopping…", "warn")

    def save_code(self, sid: int, text: str | None = None) -> bool:
        """Save the editor's code of section ``sid`` as a ``user`` revision (if it changed)."""
        row = self._rows[sid]
        text = row.editor.value if text is None else text
        if self._refuse_if_busy("save"):
            return False
        try:
            ast.parse(text)
        except SyntaxError as e:
            row.message.value = (f"<span style='color:#cf222e'>not saved: scene.py line {e.lineno}: "
                                 f"{_e(e.msg)}</span>")
            return False
        from ..store import RunBusyError, RunStore

        try:
            with RunStore.open(self.folder) as store:
                store.sync_user_edits()  # an edit made in another editor is kept first
                path, log = store.scene_path(sid), store.scene_log(sid)
                if path.exists() and path.read_text(encoding="utf-8") == text:
                    row.loaded_code = text
                    return True
                last = log.last()
                rev = store.write_artifact(path, log, text, "user", EDIT_REASON,
                                           last.input_hash if last else None)
        except RunBusyError as e:
            row.message.value = f"<span style='color:#9a6700'>{_e(e)}</span>"
            return False
        row.loaded_code = text
        row.message.value = f"<span style='color:#1a7f37'>saved as revision {rev.number}</span>"
        return True

    def rerender(self, sid: int) -> RunWorker | None:
        """Save the section's code (as your revision) and run: only what changed renders."""
        if not self.save_code(sid):
            return None
        return self.start_run()

    def insert_cell(self, sid: int) -> dict:
        """Ask JupyterLab to insert section ``sid``'s code (the editor's text) as a new cell
        below the active cell: a display_data for the extension's renderer, in a hidden output
        (a kernel cannot insert a cell from a button). Returns the bundle sent."""
        from .frontend import insert_cell_bundle, section_cell

        row = self._rows[sid]
        state = load_state(self.folder)
        quality = run_quality(state) if state else "l"
        bundle = insert_cell_bundle(section_cell(self.folder, sid, row.editor.value, quality),
                                    label=f"section {sid}'s code")
        self.inserter.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
        row.message.value = ("<span style='color:#57606a'>inserted below this cell (with the "
                             "code2video-jupyter JupyterLab extension; elsewhere copy the code "
                             "from the editor)</span>")
        return bundle

    def save_storyboard(self, text: str | None = None) -> bool:
        """Validate and save the storyboard editor's text (see ``_DocEditor.save``)."""
        return self.storyboard.save(text)

    def rerun_critic(self, sid: int) -> RunWorker | None:
        """Look at section ``sid`` again: a run with the critic on that section (the pipeline
        keeps what it finds and fixes), or, where the pipeline has no critic stage, the layout
        probe on the active code (shown here, not saved)."""
        import inspect

        try:
            from .. import critic
            from ..pipeline import run
        except ImportError:
            self.say("the critic is not installed", "warn")
            return None
        folder, row = self.folder, self._rows[sid]
        if "critic_sections" in inspect.signature(run).parameters:
            options = continue_options(folder)

            def target(on_event, cancel):  # noqa: ANN001, ANN202
                return run(options, on_event, cancel, critic_sections=[sid])

            row.findings.value = "<i>the critic is looking at this section again…</i>"
            return self.start_run(target, label=f"critic {sid}")

        from ..compiler import class_name

        state = load_state(folder)
        quality = run_quality(state) if state else "l"

        def probe(on_event, cancel):  # noqa: ANN001, ANN202
            return critic.probe_scene(folder / "sections" / f"{sid:02d}" / "scene.py",
                                      class_name(sid), quality, assets_dir=str(folder / "assets"),
                                      cancelled=cancel)

        def show(worker: RunWorker) -> None:
            report = worker.result
            if report is None:
                row.findings.value = f"<span style='color:#cf222e'>layout probe: {_e(worker.error)}</span>"
                return
            data = report.model_dump(mode="json")
            row.findings.value = _findings_list([("layout probe (just now)", data)],
                                                _e(report.summary()))

        row.findings.value = "<i>probing the layout…</i>"
        worker = self.start_run(probe, label=f"probe {sid}")
        if worker is not None:
            worker.on_finish(show)
        return worker
