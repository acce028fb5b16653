"""One section in the panel: its status, preview, code editor with Re-render, the critic's
findings and the revisions. It shows what RunReader reads; its buttons call the panel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..critic.findings import Finding
from ..store import RunReader
from .colours import WARN
from .editor import code_editor
from .panel_html import (
    coloured,
    findings_html,
    findings_list,
    html_output,
    preview_html,
    rendering,
    revisions_html,
    section_status,
    video_html,
)
from .runs import poster_png

if TYPE_CHECKING:
    from .panel import RunPanel


class SectionRow:
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
        self.critic_button = w.Button(description="Re-run critic", icon="search")
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
        self.update(RunReader(self.panel.folder))
        self.message.value = ""

    def rendering(self) -> None:
        self.status.value = rendering(self.status.value)

    def show_preview(self, images: list[Path]) -> None:
        """The section's preview while its video renders: the player shows the last frame of
        each lecture line, the poster the first line's; the video replaces them (update)."""
        if not images:
            return
        self.poster.value = images[0].read_bytes()
        self.video.outputs = html_output(preview_html(images, 480), "preview frames")
        self.shown_version = None  # the video that follows is shown whatever its version

    def show_findings(self, found: list[tuple[int, Finding]]) -> None:
        """The findings the critic's probe reported during this run, as they come."""
        rounds = sorted({r for r, _ in found})
        self.findings.value = findings_list(
            [(f"layout probe, round {r}", [f for k, f in found if k == r]) for r in rounds])

    def update(self, run: RunReader) -> str:
        """Re-read this section from the run folder; returns the accordion title."""
        sid = self.sid
        code = run.scene(sid)
        if code is not None:
            if self.loaded_code is None or not self.dirty:
                self.editor.value = code
                self.loaded_code = code
            elif code != self.loaded_code:
                self.message.value = coloured("scene.py changed in the run folder; your unsaved "
                                              "edits are kept here (Reload to discard them)", WARN)
        sec = run.state.sections.get(f"{sid:02d}") if run.state is not None else None
        title = sec.title if sec else ""
        upstream = sec is not None and sec.code.status == "upstream-changed"
        self.regenerate_button.layout.display = None if upstream else "none"
        sv = run.section_video(sid)
        self.status.value, short = section_status(run, sid, sv)
        if sv.path is not None and sv.version != self.shown_version:
            png = poster_png(sv.path, 240)
            self.poster.value = png or b""
            label = "placeholder card (render failed)" if sv.placeholder else "preview"
            self.video.outputs = html_output(
                video_html(sv.path, sv.version, 480, background=run.theme().background), label)
            self.shown_version = sv.version
        self.findings.value = findings_html(run, sid)
        self.revisions.value = revisions_html(run, sid)
        return f"{sid:02d} · {title} — {short}"
