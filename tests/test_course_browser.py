"""The four example lessons as a course, built offline by one command; the course page checked
in Chromium from disk (each lesson in order with its poster, a video that plays, a presentation
that opens); the same command again renders nothing, as the run stores' revisions and the
runs' own events show. Screenshots go to test-artifacts/screenshots/course/ (gitignored)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from code2video_jupyter.cli.main import main as cli_main
from code2video_jupyter.course import read_course
from code2video_jupyter.lesson.parser import read_lesson

from .browsers import CHROMIUM, CHROMIUM_ARGS, require_chromium
from .conftest import LESSONS

pytestmark = [pytest.mark.browser, pytest.mark.render, pytest.mark.timeout(1500)]

SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots" / "course"


def _history(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.glob("lessons/*/run/revisions/**/*")) if p.is_file()}


def _events(out: Path) -> dict[str, list[dict]]:
    return {p.parent.name: [json.loads(x) for x in p.read_text().splitlines()]
            for p in sorted(out.glob("lessons/*/events.jsonl"))}


def test_one_command_builds_the_example_course_and_again_renders_nothing(tmp_path):
    from playwright.sync_api import sync_playwright

    require_chromium()
    out = tmp_path / "course"
    command = ["course", str(LESSONS), "-o", str(out), "-j", "2", "--title", "Four lessons"]
    assert cli_main(command) == 0
    course = read_course(out)
    titles = [read_lesson(p).topic for p in sorted(LESSONS.glob("*.md"))]
    assert [x.title for x in course.lessons] == titles and len(titles) == 4
    assert all(x.status == "done" and x.presentation and x.video for x in course.lessons)

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "index.html").as_uri())
            assert page.locator("h1").inner_text() == "Four lessons"
            entries = page.locator("article.lesson-entry")
            assert entries.count() == 4
            assert [entries.nth(i).locator("h2").inner_text() for i in range(4)] == [
                f"{i + 1}. {t}" for i, t in enumerate(titles)]
            page.screenshot(path=str(SHOTS / "course-page.png"), full_page=True)
            for i, lesson in enumerate(course.lessons):
                entry = entries.nth(i)
                # the storyboard: every lecture line of the lesson is on the page
                shown = entry.locator(".storyboard").inner_text()
                assert all(line in shown for s in lesson.sections for line in s.lines)
                video = entry.locator("video")
                assert video.get_attribute("poster").startswith("data:image/jpeg;base64,")
                video.evaluate("v => { v.preload = 'metadata'; v.load(); }")
                page.wait_for_function("v => v.readyState >= 1", arg=video.element_handle(),
                                       timeout=20_000)
                assert video.evaluate("v => v.duration") == pytest.approx(lesson.duration, abs=0.2)
            # a presentation opens from the page (a step per lecture line, plus its title)
            entries.nth(0).locator("a.present").click()
            page.wait_for_function("window.Reveal && Reveal.isReady()")
            assert page.evaluate("Reveal.getTotalSlides()") == course.lessons[0].steps + 1
            page.keyboard.press("ArrowRight")
            assert page.evaluate("Reveal.getCurrentSlide().dataset.line") == "1"
            page.wait_for_function("(() => { const v = Reveal.getSlideBackground("
                                   "Reveal.getCurrentSlide()).querySelector('video'); "
                                   "return v && v.readyState >= 2 && v.currentTime > 0.5; })()",
                                   timeout=20_000)  # its clip is playing
            page.screenshot(path=str(SHOTS / "first-presentation.png"))
            assert errors == []
        finally:
            browser.close()

    history, before = _history(out), _events(out)
    assert cli_main(command) == 0
    assert _history(out) == history  # no revision of anything
    after = _events(out)
    fresh = [e for key, rows in after.items() for e in rows[len(before[key]):]]
    renders = [e for e in fresh if e["type"] == "stage_finished" and e["stage"] == "render"]
    assert len(renders) == sum(len(x.sections) for x in course.lessons)  # each section looked at
    assert {e["status"] for e in renders} == {"cached"}  # and none rendered
    assert [(x.rendered, x.clips_cut) for x in read_course(out).lessons] == [([], 0)] * 4
