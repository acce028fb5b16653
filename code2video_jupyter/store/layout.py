"""Where runs live and what a run folder holds: the one definition of its names. The run store
(the writer) and the run reader both take their paths from here; nothing else spells them."""

from __future__ import annotations

import os
from pathlib import Path

RUNS_FOLDER = "code2video_runs"  # next to the notebook (or the current folder)
# The variable through which a render tells the scaffold where to write its timeline.json.
TIMELINE_ENV = "C2V_TIMELINE"


def default_run_folder(name: str) -> Path:
    """code2video_runs/<name>, relative to the current folder."""
    return Path(RUNS_FOLDER) / name


def section_key(section_id: int) -> str:
    """Folder name of a section: numeric order survives a string sort (01 ... 10)."""
    return f"{section_id:02d}"


class RunLayout:
    """The paths of one run folder (names only: reading and writing happen elsewhere).

        run.json                      options, versions, state of every stage
        lesson.md                     the lesson outline the run was made from (if any)
        theme.json                    the theme the run's videos were last made in (resolved)
        outline.json, storyboard.json active artifacts (edit them; the next run picks them up)
        sections/NN/scene.py          active code of section NN (edit it likewise)
        sections/NN/render/Q/         section.mp4, timeline.json, render.log, ... per quality
        sections/NN/layout.json       the layout probe's report of the current code
        sections/NN/critique.json     the critic's rounds
        sections/NN/keyframes/        the critic's keyframes, with and without the anchor grid
        revisions/<artifact>/         numbered history with sources
        calls.jsonl, calls/NNNN.json  every model call: summary lines, whole exchanges
        assets/                       images the lesson refers to
        final.mp4, final.srt, final.vtt
    """

    # A render folder's files (sections/NN/render/Q/).
    SECTION_VIDEO = "section.mp4"
    TIMELINE = "timeline.json"
    RENDER_LOG = "render.log"
    RENDER_ERROR = "error.json"
    PLACEHOLDER = "placeholder.mp4"
    NARRATED = "narrated.mp4"
    SECTION_SRT = "section.srt"
    SECTION_VTT = "section.vtt"
    NARRATION = "narration.json"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    # --- the run ----------------------------------------------------------------------------
    @property
    def run_json(self) -> Path:
        return self.root / "run.json"

    @property
    def lock_file(self) -> Path:
        return self.root / ".lock"

    @property
    def work_root(self) -> Path:
        """Scratch space of a running run (renders in progress); swept when a run opens."""
        return self.root / ".work"

    @property
    def lesson_path(self) -> Path:
        return self.root / "lesson.md"

    @property
    def theme_path(self) -> Path:
        return self.root / "theme.json"

    @property
    def outline_path(self) -> Path:
        return self.root / "outline.json"

    @property
    def storyboard_path(self) -> Path:
        return self.root / "storyboard.json"

    @property
    def assets_dir(self) -> Path:
        return self.root / "assets"

    @property
    def calls_path(self) -> Path:
        return self.root / "calls.jsonl"

    @property
    def calls_dir(self) -> Path:
        return self.root / "calls"

    @property
    def final_path(self) -> Path:
        return self.root / "final.mp4"

    @property
    def final_srt(self) -> Path:
        return self.root / "final.srt"

    @property
    def final_vtt(self) -> Path:
        return self.root / "final.vtt"

    # --- sections ---------------------------------------------------------------------------
    @property
    def sections_dir(self) -> Path:
        return self.root / "sections"

    def section_dir(self, section_id: int) -> Path:
        return self.sections_dir / section_key(section_id)

    def scene_path(self, section_id: int) -> Path:
        return self.section_dir(section_id) / "scene.py"

    def render_dir(self, section_id: int, quality: str) -> Path:
        return self.section_dir(section_id) / "render" / quality

    def layout_report_path(self, section_id: int) -> Path:
        return self.section_dir(section_id) / "layout.json"

    def critique_path(self, section_id: int) -> Path:
        return self.section_dir(section_id) / "critique.json"

    def preview_dir(self, section_id: int, quality: str) -> Path:
        """The preview's frames of the section's current code (one PNG per block)."""
        return self.render_dir(section_id, quality) / "preview"

    def keyframes_dir(self, section_id: int) -> Path:
        return self.section_dir(section_id) / "keyframes"

    # --- revisions --------------------------------------------------------------------------
    @property
    def revisions_dir(self) -> Path:
        return self.root / "revisions"

    def outline_revisions(self) -> Path:
        return self.revisions_dir / "outline"

    def storyboard_revisions(self) -> Path:
        return self.revisions_dir / "storyboard"

    def scene_revisions(self, section_id: int) -> Path:
        return self.revisions_dir / "sections" / section_key(section_id)

    def rel(self, path: str | os.PathLike[str]) -> str:
        """A path inside the run, relative to its folder (as run.json stores them)."""
        return os.path.relpath(path, self.root)
