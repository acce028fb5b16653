"""Offline icons: keyword search, export with a concrete colour, and their use in lessons."""

from __future__ import annotations

import pytest

from code2video_jupyter.assets import IconLibrary, IconNotFound, ImageFolder
from code2video_jupyter.lesson import LessonError
from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline.context import RunContext
from code2video_jupyter.pipeline.storyboard_stage import ensure_storyboard
from code2video_jupyter.store import RunStore

from .conftest import write_lesson


def test_search_ranks_icons_by_keyword():
    lib = IconLibrary()
    assert len(lib.names()) > 1000
    assert lib.search("lightbulb idea")[0].name == "lightbulb"
    assert "triangle-right" in [i.name for i in lib.search("right triangle geometry", 5)]
    assert lib.search("the of and") == []


def test_export_has_a_colour_manim_can_read():
    svg = IconLibrary().svg("lightbulb", color="#FFCC00")
    assert svg.startswith("<svg") and "currentColor" not in svg and "#FFCC00" in svg


def test_an_unknown_icon_names_similar_ones():
    with pytest.raises(IconNotFound, match="similar: .*lightbulb"):
        IconLibrary().svg("light-bulbs")


def test_user_images_are_found_by_file_name(tmp_path):
    (tmp_path / "solar_system.png").write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in ImageFolder(tmp_path).search("The solar system")] == ["solar_system.png"]


def test_a_lesson_uses_icons_by_name(tmp_path):
    lesson = write_lesson(tmp_path, """
        # Ideas
        ## One
        - A bright idea
          ```image path=icon:lightbulb caption="an idea"
          ```
    """)
    with RunStore.open(tmp_path / "run") as store:
        ctx = RunContext(store=store, options=RunOptions(lesson=lesson, out=tmp_path / "run"))
        board = ensure_storyboard(ctx, lesson)
    visual = board.sections[0].lecture_lines[0].visuals[0]
    assert visual.path == "assets/icons/lightbulb.svg"
    assert (tmp_path / "run/assets/icons/lightbulb.svg").read_text().startswith("<svg")


def test_a_lesson_with_an_unknown_icon_is_refused_with_its_place(tmp_path):
    lesson = write_lesson(tmp_path, """
        # Ideas
        ## One
        - A bright idea
          ```image path=icon:no-such-icon-here
          ```
    """)
    with RunStore.open(tmp_path / "run") as store:
        ctx = RunContext(store=store, options=RunOptions(lesson=lesson, out=tmp_path / "run"))
        with pytest.raises(LessonError, match="section 'One', line 1: no icon named 'no-such-icon-here'"):
            ensure_storyboard(ctx, lesson)
