"""Themes: one model (theme/), read by the render (scaffold), the probe's contrast check, the
Coder's prompt, the options of every front end and the panel; a switch re-renders pixels only."""

from __future__ import annotations

import colorsys
import json
from pathlib import Path

import numpy as np
import pytest

from code2video_jupyter.critic.contrast import contrast_findings
from code2video_jupyter.options import RunOptions
from code2video_jupyter.theme import BUILTIN, DARK, LIGHT, ThemeError, load_theme
from code2video_jupyter.theme.colors import contrast, parse_hex, readable
from code2video_jupyter.theme.inject import MARK, themed_source
from code2video_jupyter.thresholds import GRAPHIC_CONTRAST_MIN, TEXT_CONTRAST_MIN

from .conftest import SMALL_LESSON, run_lesson, write_lesson

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks" / "lessons").glob("*.md"))


# --- the model ------------------------------------------------------------------------------
def test_dark_is_the_look_from_before_themes():
    import manim

    assert DARK.background == manim.config.background_color.to_hex().upper()
    assert (DARK.text, DARK.muted, DARK.dim, DARK.highlight) == tuple(
        c.to_hex().upper() for c in (manim.WHITE, manim.GREY_B, manim.GREY_D, manim.YELLOW))
    assert DARK.palette[:4] == [c.to_hex().upper() for c in (manim.BLUE, manim.YELLOW, manim.GREEN,
                                                             manim.RED)]


@pytest.mark.parametrize("name", list(BUILTIN))
def test_builtin_themes_are_readable(name):
    t = BUILTIN[name]
    for role in ("text", "muted", "highlight"):
        assert contrast(getattr(t, role), t.background) >= TEXT_CONTRAST_MIN, role
    assert all(contrast(c, t.background) >= GRAPHIC_CONTRAST_MIN for c in t.palette)
    assert load_theme(name.upper().replace("-", "_")) is t


def test_light_theme_is_light_and_dark_ink():
    assert LIGHT.is_light and not DARK.is_light
    assert sum(parse_hex(LIGHT.background)) / 3 > 0.9 and sum(parse_hex(LIGHT.text)) / 3 < 0.2


def test_theme_file_toml_and_yaml_extend_a_builtin(tmp_path):
    toml = tmp_path / "school.toml"
    toml.write_text('extends = "light"\nname = "Hillside"\nhighlight = "#8a1538"\nfont = "Noto Sans"\n')
    t = load_theme(str(toml))
    assert (t.name, t.highlight, t.font, t.background) == ("Hillside", "#8A1538", "Noto Sans",
                                                           LIGHT.background)
    yml = tmp_path / "club.yaml"
    yml.write_text("background: '#101820'\naccent: '#FEE715'\ndim: '#8A8F96'\n")
    t = load_theme(str(yml))
    assert (t.name, t.background, t.accent, t.text) == ("club", "#101820", "#FEE715", DARK.text)


def test_a_theme_its_text_cannot_be_read_on_is_refused(tmp_path):
    bad = tmp_path / "pale.toml"
    bad.write_text('extends = "light"\ntext = "#DDDDDD"\n')
    with pytest.raises(ThemeError, match=r"pale.toml: .*text #DDDDDD has contrast 1\.\d+ \(needs 4.5\)"):
        load_theme(str(bad))
    typo = tmp_path / "typo.yaml"
    typo.write_text("hilight: '#000000'\n")
    with pytest.raises(ThemeError, match="hilight"):
        load_theme(str(typo))
    with pytest.raises(ThemeError, match="built-in themes are dark, light, high-contrast"):
        load_theme("sepia")


def test_readable_keeps_readable_colours_and_darkens_the_rest_in_their_hue():
    assert readable("#1B64A8", LIGHT.background, TEXT_CONTRAST_MIN) == "#1B64A8"
    assert readable("#FFFF00", DARK.background, TEXT_CONTRAST_MIN) == "#FFFF00"
    gold = readable("#FFFF00", LIGHT.background, TEXT_CONTRAST_MIN)
    assert contrast(gold, LIGHT.background) >= TEXT_CONTRAST_MIN
    hue = colorsys.rgb_to_hls(*parse_hex(gold))[0]
    assert abs(hue - 1 / 6) < 0.01  # still yellow, only darker


# --- every front end has the option ---------------------------------------------------------
def test_theme_is_a_run_option_of_every_front_end(tmp_path):
    import argparse

    from code2video_jupyter.notebook.config import configurable_fields
    from code2video_jupyter.option_flags import add_run_options, to_options

    p = argparse.ArgumentParser()
    add_run_options(p)
    assert to_options(p.parse_args(["--theme", "light"])).theme == "light"
    assert "theme" in configurable_fields()
    f = tmp_path / "mine.toml"
    f.write_text('extends = "high-contrast"\n')
    assert RunOptions(theme=str(f)).theme == str(f.resolve())
    with pytest.raises(ValueError, match="theme file not found"):
        RunOptions(theme=str(tmp_path / "gone.toml"))


def test_front_matter_names_a_theme(tmp_path):
    from code2video_jupyter.lesson import lesson_theme, read_lesson

    lesson = write_lesson(tmp_path, "---\ntheme: light\n---\n" + SMALL_LESSON)
    assert lesson_theme(lesson) == "light"
    assert read_lesson(lesson).topic == "Small lesson"  # a known setting, not a lesson error


# --- the theme reaches the render, not the code -----------------------------------------------
def test_the_theme_is_appended_so_line_numbers_stay(tmp_path):
    src = "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        pass\n"
    out = themed_source(src, LIGHT)
    assert out.startswith(src.rstrip("\n")) and MARK in out
    assert json.loads(eval(out.split("_c2v_theme.use(", 1)[1].rstrip(")\n")))["name"] == "light"
    broken = "class S(Scene:\n"
    assert themed_source(broken, LIGHT) == broken  # fails with its own error at its own line


def test_coder_is_told_the_theme_by_its_names():
    from code2video_jupyter.agents.coder import theme_prompt

    text = theme_prompt(LIGHT)
    assert '"light" theme, a light background (#F8F8F4)' in text
    assert f"self.theme.highlight` ({LIGHT.highlight})" in text
    assert DARK.highlight not in text


# --- the probe's contrast check, judged ------------------------------------------------------
def _ink(ratio: float, px: float, text: str = "x") -> dict:
    return {"cls": "Text", "text": text, "line": 7, "ink": "#FFFF00", "under": "#F8F8F4",
            "ratio": ratio, "glyph_px": px, "bbox": [0, 0, 1, 1], "time": 1.0}


def test_contrast_findings_use_wcag_ratios_and_large_text():
    data = {"pixel_height": 480, "inks": [_ink(4.6, 14, "ok"), _ink(4.0, 14, "small"),
                                          _ink(4.0, 30, "large"), _ink(1.2, 30, "pale")]}
    found = {f.mobjects[0].text: f for f in contrast_findings(data)}
    assert set(found) == {"small", "pale"}
    assert found["small"].severity == "medium" and found["pale"].severity == "high"
    assert found["small"].source_line == 7 and found["small"].kind == "low_contrast"


# --- real renders ---------------------------------------------------------------------------
YELLOW_ON_LIGHT = '''
from manim import *
from code2video_jupyter.scaffold import *


class S(LectureScene):
    title = "Contrast"
    lines = ["A yellow label"]

    def construct(self):
        with self.line(0):
            bad = self.place_in(Text("hard to read", color=YELLOW, font_size=30), "A1:C6")
            good = self.place_in(Text("easy to read", color=self.theme.highlight, font_size=30), "D1:F6")
            self.play(FadeIn(bad), FadeIn(good))
'''


@pytest.mark.render
def test_probe_finds_a_fixed_colour_that_vanishes_in_the_light_theme(tmp_path):
    from code2video_jupyter.critic import probe_scene

    scene = tmp_path / "scene.py"
    scene.write_text(YELLOW_ON_LIGHT)
    light = probe_scene(scene, "S", theme=LIGHT)
    assert light.ok, light.error
    lows = [f for f in light.findings if f.kind == "low_contrast"]
    assert [f.mobjects[0].text for f in lows] == ["hard to read"]
    line = next(i for i, ln in enumerate(YELLOW_ON_LIGHT.splitlines(), 1) if "bad = " in ln)
    assert lows[0].source_line == line and lows[0].severity == "high"
    dark = probe_scene(scene, "S", theme=DARK)
    assert dark.ok and not [f for f in dark.findings if f.kind == "low_contrast"]


@pytest.mark.render
@pytest.mark.parametrize("theme", list(BUILTIN))
def test_example_lessons_have_no_probe_findings_in_each_theme(theme, tmp_path):
    """The Done-when of issue 16: the four example lessons, compiled, probed in every theme."""
    from concurrent.futures import ThreadPoolExecutor

    from code2video_jupyter.compiler import class_name, compile_section
    from code2video_jupyter.critic import probe_scene
    from code2video_jupyter.lesson import read_lesson

    jobs = []
    for lesson in LESSONS:
        for s in read_lesson(lesson).sections:
            scene = tmp_path / f"{lesson.stem}-{s.id}.py"
            scene.write_text(compile_section(s))
            jobs.append((lesson, s.id, scene))
    assert len(jobs) >= 16

    def probe(job):
        lesson, sid, scene = job
        return lesson.stem, sid, probe_scene(scene, class_name(sid), theme=BUILTIN[theme],
                                             assets_dir=str(lesson.parent / "assets"))

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(probe, jobs))
    problems = [f"{name} section {sid}: {r.summary()}: {[f.message for f in r.findings]}"
                for name, sid, r in reports if not r.ok or r.findings]
    assert problems == []


@pytest.fixture(scope="module")
def switched_run(tmp_path_factory):
    """A narrated lesson rendered light, then switched to dark: (light summary, events of the
    switch, dark summary)."""
    folder = tmp_path_factory.mktemp("themes")
    lesson = write_lesson(folder, "---\ntheme: light\n---\n" + SMALL_LESSON)
    light, _ = run_lesson(lesson, folder / "run", narration=True)
    first_light_frame = _last_frame(light.video)
    dark, rec = run_lesson(lesson, folder / "run", narration=True, theme="dark")
    return light, first_light_frame, dark, rec


def _last_frame(video: Path) -> np.ndarray:
    from code2video_jupyter.video import probe, read_frame

    return read_frame(video, probe(video).duration - 0.1)


@pytest.mark.render
def test_a_light_frame_has_the_light_background_and_dark_text(switched_run):
    from code2video_jupyter import layout_grid as grid

    _, frame, _, _ = switched_run
    h, w, _ = frame.shape
    bg = np.array(parse_hex(LIGHT.background)) * 255
    corners = np.concatenate([frame[:8, :8], frame[:8, -8:], frame[-8:, :8], frame[-8:, -8:]]).reshape(-1, 3)
    assert np.abs(corners - bg).max() <= 6  # the background, up to the encoder's rounding
    # the title band: text in the theme's dark ink on it
    top = int((4 - grid.TITLE.top) / 8 * h)
    bottom = int((4 - grid.TITLE.bottom) / 8 * h)
    band = frame[top:bottom, w // 4: 3 * w // 4].reshape(-1, 3).astype(float)
    dark = (band.mean(axis=1) < 80).mean()
    assert 0.01 < dark < 0.5, dark  # glyph strokes, not an empty band and not a dark frame


@pytest.mark.render
def test_switching_the_theme_rerenders_pixels_only(switched_run):
    light, light_frame, dark, rec = switched_run
    assert rec.rendered() == sorted(int(p.name) for p in (dark.folder / "sections").iterdir())
    assert len(rec.rendered()) >= 2  # every section's pixels, again
    narration = [e for e in rec.of("stage_finished") if e.stage == "narration"]
    assert narration and narration[-1].status == "cached"  # no line synthesized again
    assert " 0 synthesized" in narration[-1].detail
    assert not [e for e in rec.of("stage_finished") if e.stage == "code" and e.status != "cached"]
    revisions = sorted(p.name for p in (dark.folder / "revisions").rglob("*") if p.is_file())
    assert all("user" not in r for r in revisions)
    frame = _last_frame(dark.video)
    assert frame[:8, :8].mean() < 10 < light_frame[:8, :8].mean()
    stored = json.loads((dark.folder / "theme.json").read_text())
    assert stored["name"] == "dark"
