"""The run panel (ipywidgets 8): progress, the editable storyboard, each section's code with
Re-render, previews, critic findings, the final video, model calls, tokens, cost and time.

The panel is a view: it listens to a worker's typed events (``panel_reducer``) and reads the run
folder (``RunReader``). Every edit is written through the run store as a ``user`` revision
(``panel_actions``); re-running recomputes only what the edit made stale. Its parts: the HTML
(``panel_html``), a section's row (``panel_section``), the JSON/YAML editor (``panel_editor``).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..events import AnyEvent, Listener
from ..store import RunReader
from .colours import BORDER, ERROR, MUTED, OK, WARN
from .panel_actions import EDIT_REASON, continue_target, present_run, save_scene
from .panel_editor import DocEditor
from .panel_html import (
    call_html,
    calls_html,
    coloured,
    esc,
    html_output,
    message_html,
    presented_html,
    stage_badge,
    title_html,
    video_html,
)
from .panel_reducer import (
    STAGES,
    Log,
    Progress,
    Refresh,
    Say,
    SectionChanged,
    SectionRendering,
    ShowFindings,
    ShowPreview,
    ShowSections,
    reduce,
)
from .panel_section import SectionRow
from .runs import call_totals, relative_url
from .summary import summary_bundle
from .worker import RunWorker, Target

CORE_STAGES = ("storyboard", "code", "render", "assemble")  # shown even before they start
__all__ = ["EDIT_REASON", "RunPanel"]

# Kept importable from here (tests and notebooks use it).
_video_html = video_html


class RunPanel:
    """A live view of one run folder; start runs from it, edit its storyboard and code."""

    def __init__(self, folder: Path, *, debug: bool = False) -> None:
        import ipywidgets as w

        self.folder = Path(folder).resolve()
        self.debug = debug
        self.worker: RunWorker | None = None
        self.summary_handle: Any = None  # IPython DisplayHandle of the static summary
        self.embed = False
        self._lock = threading.RLock()
        self._rows: dict[int, SectionRow] = {}
        self._progress = Progress()
        self._total = 0
        self._listeners: list[Listener] = []

        self.title = w.HTML()
        self.stop_button = w.Button(description="Stop", icon="stop", button_style="danger",
                                    disabled=True, tooltip="stop now: renders are killed, results kept")
        self.run_button = w.Button(description="Run again", icon="play",
                                   tooltip="recompute what is stale (your edits are kept)")
        self.refresh_button = w.Button(description="Refresh", icon="refresh",
                                       tooltip="re-read the run folder")
        self.present_button = w.Button(description="Present", icon="television", disabled=True,
                                       tooltip="export a presentation: one step per lecture line")
        self.message = w.HTML()
        self.stages = w.HTML()
        self.progress = w.IntProgress(value=0, min=0, max=1, description="sections",
                                      bar_style="info")
        self.costs = w.HTML()
        self.log = w.Output(layout=w.Layout(max_height="300px", overflow="auto",
                                            border=f"1px solid {BORDER}"))
        self.sections = w.Accordion(children=[], selected_index=None)

        self.storyboard = DocEditor(self.folder, "storyboard", lesson_view=True,
                                    refuse_if_busy=self._busy_reason, on_saved_run=self.start_run)
        self.outline = DocEditor(self.folder, "outline", refuse_if_busy=self._busy_reason,
                                 on_saved_run=self.start_run)
        self.final = w.Output()
        self.calls = w.HTML()
        self.call_picker = w.Dropdown(options=[], description="call")
        self.call_detail = w.HTML()
        # "Insert as cell" requests for the JupyterLab extension go out through this (frontend.py)
        self.inserter = w.Output(layout=w.Layout(display="none"))

        self.stop_button.on_click(lambda _b: self.stop())
        self.run_button.on_click(lambda _b: self.start_run())
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.present_button.on_click(lambda _b: self.present())
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
            w.HBox([self.title, self.stop_button, self.run_button, self.refresh_button,
                    self.present_button]),
            self.message, self.stages, self.progress, self.costs, self.tabs,
            self.inserter,
        ], layout=w.Layout(border=f"1px solid {BORDER}", padding="6px"))
        self.refresh()

    # --- display --------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<code2video panel for {relative_url(self.folder)}>"

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    def say(self, text: str, level: str = "info") -> None:
        """A message at the top; ``text`` is HTML (escape what comes from outside)."""
        self.message.value = message_html(text, level)

    def append_log(self, text: str) -> None:
        """The sink for whatever the worker's threads print or log (never the current cell)."""
        self.log.append_stdout(text if text.endswith("\n") else text + "\n")

    def add_listener(self, listener: Listener) -> None:
        """Also pass the events of every run started from this panel to ``listener``."""
        self._listeners.append(listener)

    # --- reading the run folder -----------------------------------------------------------------
    def refresh(self) -> None:
        with self._lock:
            run = RunReader(self.folder)
            state = run.state
            status = "running" if self.busy else (run.status() if state else "pending")
            self.title.value = title_html(run.name, self.folder, status)
            self.stop_button.disabled = not self.busy
            self.run_button.disabled = self.busy
            self.present_button.disabled = self.busy or run.final_video()[0] is None
            if state is None:
                self.say("no run.json yet: the run is starting")
                self._update_costs(run)
                return
            self.storyboard.refresh()
            if self.outline.exists:
                self.outline_box.layout.display = None
                self.outline.refresh()
            ids = self._section_ids(run)
            self._show_sections(ids)
            self.sections.titles = tuple(self._rows[sid].update(run) for sid in ids)
            if not self.busy:
                self._progress_from_state(run, ids)
            self._render_stages()
            self._refresh_final(run)
            self._update_costs(run)
            self._refresh_calls(run)

    @staticmethod
    def _section_ids(run: RunReader) -> list[int]:
        board = run.storyboard_data() or {}
        try:
            ids = [int(s["id"]) for s in board["sections"]]
        except (KeyError, TypeError, ValueError):
            ids = []
        return ids or run.section_ids()

    def _show_sections(self, ids: list[int]) -> None:
        if list(self._rows) == ids:
            return
        self._rows = {sid: self._rows.get(sid) or SectionRow(self, sid) for sid in ids}
        self.sections.children = [r.box for r in self._rows.values()]
        self._total = len(ids)
        self.progress.max = max(1, len(ids))

    def _progress_from_state(self, run: RunReader, ids: list[int]) -> None:
        """What a run that is not going on has left: its stages and sections, from run.json."""
        state, p = run.state, self._progress
        p.stages["storyboard"] = state.storyboard.status
        p.code = {sid for sid in ids if (s := state.sections.get(f"{sid:02d}")) and s.code.revision}
        renders = {sid: r for sid in ids if (r := run.render(sid)) and r.status in ("done", "failed")}
        p.rendered = set(renders)
        p.failed = {sid for sid, r in renders.items() if r.status == "failed"}
        p.stages["assemble"] = state.final.status
        self.progress.value = len(p.rendered)

    def _render_stages(self) -> None:
        n, p = self._total or 0, self._progress
        badges = []
        for stage in STAGES:
            status = p.stages.get(stage, "pending")
            if stage not in CORE_STAGES and status == "pending":
                continue  # a stage this run does not have (no Planner offline, no voice...)
            if stage in ("code", "render") and n:
                k = len(p.code if stage == "code" else p.rendered)
                failed = len(p.failed) if stage == "render" else 0
                text = f"{k}/{n}" + (f", {failed} failed" if failed else "")
                if k == n:
                    status = "failed" if failed == n else "done"
                elif status not in ("running", "cancelled") and k:
                    status = "running" if self.busy else "pending"
            else:
                text = status
            badges.append(stage_badge(stage, text, status))
        self.stages.value = "".join(badges)

    def _update_costs(self, run: RunReader | None = None) -> None:
        run = run or RunReader(self.folder)
        if self.worker is not None:
            t = f"{self.worker.elapsed:.1f} s" + (" so far" if self.busy else "")
        else:
            sections = run.state.sections.values() if run.state else []
            spent = sum((r.elapsed or 0) for s in sections for r in s.renders.values())
            t = f"{spent:.1f} s of rendering"
        self.costs.value = f"<small>{esc(call_totals(run).line())} · {t}</small>"

    def _refresh_final(self, run: RunReader) -> None:
        video, version = run.final_video()
        if video is None:
            self.final.outputs = html_output("<i>no final video yet</i>", "no final video yet")
            return
        duration = run.state.final.duration
        dur = f" ({duration:.1f} s)" if duration else ""
        theme = run.theme()
        self.final.outputs = html_output(
            video_html(video, version, 720, background=theme.background) + esc(f"{dur} · theme {theme.name}"),
            f"final video{dur}")

    def _refresh_calls(self, run: RunReader) -> None:
        totals = call_totals(run)
        self.calls.value = calls_html(totals)
        ids = [int(r["id"]) for r in totals.records if isinstance(r.get("id"), int)]
        if totals.calls and tuple(ids) != tuple(self.call_picker.options):
            self.call_picker.options = ids

    def _show_call(self, number: int | None) -> None:
        self.call_detail.value = ("" if number is None
                                  else call_html(number, RunReader(self.folder).call_exchange(number)))

    # --- events ---------------------------------------------------------------------------------
    def on_event(self, event: AnyEvent) -> None:
        with self._lock:
            for effect in reduce(event, self._progress):
                self._apply(effect)
            self._render_stages()
            self._update_costs()
        for listener in list(self._listeners):
            listener(event)

    def _apply(self, effect: Any) -> None:
        """Show what the reducer says an event means."""
        if isinstance(effect, ShowSections):
            self._show_sections(list(effect.sections))
            self.progress.value = 0
        elif isinstance(effect, Refresh):
            self.refresh()
        elif isinstance(effect, SectionRendering) and effect.section in self._rows:
            self._rows[effect.section].rendering()
        elif isinstance(effect, ShowPreview) and effect.section in self._rows:
            self._rows[effect.section].show_preview([Path(i) for i in effect.images])
        elif isinstance(effect, SectionChanged):
            self.progress.value = len(self._progress.rendered)
            if effect.section in self._rows:
                run = RunReader(self.folder)
                if run.state is not None:
                    titles = list(self.sections.titles)
                    idx = list(self._rows).index(effect.section)
                    title = self._rows[effect.section].update(run)
                    if idx < len(titles):
                        titles[idx] = title
                        self.sections.titles = tuple(titles)
        elif isinstance(effect, ShowFindings) and effect.section in self._rows:
            self._rows[effect.section].show_findings(self._progress.findings[effect.section])
        elif isinstance(effect, Log):
            self.append_log(effect.text)
        elif isinstance(effect, Say):
            self.say(esc(effect.text), effect.level)

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
            failed = getattr(worker.result, "failed", [])
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
            self.say(esc(f"error: {worker.error}").replace("\n", "<br>"), "error")
            self.progress.bar_style = "danger"
            if self.debug and worker.traceback:
                self.append_log(worker.traceback)
        if self.summary_handle is not None:
            try:
                self.summary_handle.update(summary_bundle(self.folder, embed=self.embed), raw=True)
            except Exception:  # the summary is a convenience; the panel shows the run
                self.append_log("could not update the static summary")

    # --- actions --------------------------------------------------------------------------------
    def _busy_reason(self, what: str) -> str | None:
        """Why ``what`` cannot be done now (a run is going on), shown at the top; else None."""
        if self.busy:
            reason = f"a run is in progress: wait for it or press Stop, then {what}"
        elif RunReader(self.folder).is_busy():
            reason = f"the run is being used by another process; {what} when it is done"
        else:
            return None
        self.say(esc(reason), "warn")
        return reason

    def start_run(self, target: Target | None = None, label: str = "run",
                  regenerate: bool = False) -> RunWorker | None:
        """Run the pipeline again on this folder (only what is stale is recomputed)."""
        if self._busy_reason("run again"):
            return None
        if target is None:
            target = continue_target(self.folder, regenerate=regenerate)
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
        if self._busy_reason("save"):
            return False
        saved = save_scene(self.folder, sid, text)
        if not saved.ok:
            colour = WARN if saved.busy else ERROR
            prefix = "" if saved.busy else "not saved: "
            row.message.value = coloured(esc(prefix + (saved.problem or "")), colour)
            return False
        row.loaded_code = text
        if saved.revision is not None:
            row.message.value = coloured(f"saved as revision {saved.revision}", OK)
        return True

    def rerender(self, sid: int) -> RunWorker | None:
        """Save the section's code (as your revision) and run: only what changed renders."""
        if not self.save_code(sid):
            return None
        return self.start_run(continue_target(self.folder, preview=True))

    def insert_cell(self, sid: int) -> dict:
        """Ask JupyterLab to insert section ``sid``'s code (the editor's text) as a new cell
        below the active cell: a display_data for the extension's renderer, in a hidden output
        (a kernel cannot insert a cell from a button). Returns the bundle sent."""
        from .frontend import insert_cell_bundle, section_cell

        row = self._rows[sid]
        bundle = insert_cell_bundle(section_cell(self.folder, sid, row.editor.value,
                                                 RunReader(self.folder).quality),
                                    label=f"section {sid}'s code")
        self.inserter.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
        row.message.value = coloured("inserted below this cell (with the code2video-jupyter "
                                     "JupyterLab extension; elsewhere copy the code from the "
                                     "editor)", MUTED)
        return bundle

    def save_storyboard(self, text: str | None = None) -> bool:
        """Validate and save the storyboard editor's text (see ``DocEditor.save``)."""
        return self.storyboard.save(text)

    def present(self) -> Path | None:
        """Export the run as a presentation beside its folder and link it at the top."""
        if self._busy_reason("present it"):
            return None
        self.say("cutting a clip per lecture line…")
        done = present_run(self.folder)
        if done.index is None:
            self.say(esc(f"no presentation: {done.problem}"), "error")
            return None
        self.say(presented_html(done.index, done.steps), "ok")
        return done.index

    def rerun_critic(self, sid: int) -> RunWorker | None:
        """Look at section ``sid`` again: a run with the critic on that section (the pipeline
        keeps what it finds and fixes; its findings show here as they come)."""
        self._rows[sid].findings.value = "<i>the critic is looking at this section again…</i>"
        return self.start_run(continue_target(self.folder, critic_sections=[sid]),
                              label=f"critic {sid}")
