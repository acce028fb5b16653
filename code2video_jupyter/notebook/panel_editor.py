"""The panel's editor of a JSON artifact (the storyboard, the outline), as JSON or YAML. An edit
is validated against its schema on Save; an invalid one is refused with the field named,
nothing is saved and the text stays in the editor."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..contracts.errors import StoryboardError, explain
from ..store import RunReader
from .colours import ERROR, MUTED, OK, WARN
from .panel_actions import Document, save_document
from .panel_html import coloured, esc

MODELS = {"storyboard": "Storyboard", "outline": "Outline"}


def _model(kind: Document) -> type[BaseModel]:
    from ..contracts import storyboard

    return getattr(storyboard, MODELS[kind])


class DocEditor:
    """One artifact of the run in ``folder``. ``refuse_if_busy(what)`` says why saving is not
    possible now (a run is going on), or None; ``on_saved_run`` starts a run after Save and
    render."""

    def __init__(self, folder: Path, kind: Document, *, lesson_view: bool = False,
                 refuse_if_busy: Callable[[str], str | None] = lambda what: None,
                 on_saved_run: Callable[[], Any] = lambda: None) -> None:
        import ipywidgets as w

        self.folder, self.name, self.lesson_view = folder, kind, lesson_view
        self._refuse_if_busy = refuse_if_busy
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
                                      tooltip=f"discard unsaved edits: load the active {kind}")
        self.message = w.HTML()
        self.lesson = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.save_run_button.on_click(lambda _b: self.save() and on_saved_run())
        self.reload_button.on_click(lambda _b: self.reload())
        self.format.observe(self._format_changed, names="value")
        parts = [w.HBox([self.format, self.save_button, self.save_run_button, self.reload_button]),
                 self.message, self.text]
        if lesson_view:
            parts.append(w.Accordion(children=[self.lesson],
                                     titles=("as a lesson outline (markdown)",), selected_index=None))
        self.box = w.VBox(parts)

    @property
    def path(self) -> Path:
        run = RunReader(self.folder)
        return run.storyboard_path if self.name == "storyboard" else run.outline_path

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def refresh(self) -> None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except OSError:
            return
        text = self._as_text(raw)
        if self.loaded is None or self.text.value == self.loaded:
            self.text.value = text
            self.loaded = text
        if self.lesson_view:
            try:
                from ..lesson import write_lesson

                md = write_lesson(_model(self.name).model_validate_json(raw))
                self.lesson.value = f"<pre style='white-space: pre-wrap'>{esc(md)}</pre>"
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
            self.message.value = coloured("you have unsaved edits: save or reload them before "
                                          "switching the format", WARN)
            self.format.unobserve(self._format_changed, names="value")
            self.format.value = change["old"]
            self.format.observe(self._format_changed, names="value")
            return
        self.loaded = None
        self.refresh()

    def parse(self, text: str) -> Any:
        """The editor's text as data (JSON or YAML); StoryboardError names what is wrong."""
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
        text = self.text.value if text is None else text
        refused = self._refuse_if_busy("save")
        if refused:
            self.message.value = coloured(esc(refused), WARN)
            return False
        model = _model(self.name)
        try:
            data = self.parse(text)
            try:
                doc = model.model_validate(data)
            except ValidationError as e:
                raise explain(e, data, self.name) from None
        except StoryboardError as e:
            problems = "".join(f"<li>{esc(p)}</li>" for p in e.problems)
            self.message.value = (coloured(f"not saved: the {self.name} is invalid", ERROR)
                                  + f"<ul style='color:{ERROR}; margin:0'>{problems}</ul>")
            return False
        saved = save_document(self.folder, self.name, doc)
        if not saved.ok:
            self.message.value = coloured(esc(saved.problem), WARN)
            return False
        if saved.unchanged:
            self.message.value = coloured("no change to save", MUTED)
            return True
        self.reload()
        self.message.value = coloured(f"saved as revision {saved.revision}; Run again (or Save "
                                      "and render) renders what changed", OK)
        return True
