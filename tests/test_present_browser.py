"""A presentation of an example lesson, opened from disk in Chromium and driven like a teacher
would: the right arrow advances exactly one lecture line (through every line of the lesson, in
order), the left arrow goes back one, a click goes on, M mutes the narration, S opens the
presenter view with the line and its narration.

What the screen shows is checked by its pixels: after each step the picture is its own clip's
last frame (not the previous step's, not the next one's), and within a section the highlighted
lecture line (the scaffold draws it in colour, the others in grey) moves down one line at a
time. Playwright drives Debian's Chromium (its executable_path; never a downloaded browser);
screenshots of every step go to test-artifacts/screenshots/present/ (kept, gitignored).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from code2video_jupyter.present import build_presentation, read_manifest
from code2video_jupyter.store import RunReader
from code2video_jupyter.video import probe, read_frame

from .browsers import CHROMIUM, CHROMIUM_ARGS, require_chromium
from .conftest import LESSONS, run_lesson

pytestmark = [pytest.mark.browser, pytest.mark.render, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots" / "present"
VIEW = {"width": 1280, "height": 720}  # 16:9 like the videos: a clip fills the whole view
CURRENT_VIDEO = "Reveal.getSlideBackground(Reveal.getCurrentSlide()).querySelector('video')"


@pytest.fixture(scope="module")
def presentation(tmp_path_factory):
    require_chromium()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("C2V_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        base = tmp_path_factory.mktemp("present-browser")
        summary, _ = run_lesson(LESSONS / "pythagorean-theorem.md", base / "run", narration=True)
    assert summary.complete
    return build_presentation(base / "run"), base / "run"


def _picture(png: bytes, size: tuple[int, int]) -> np.ndarray:
    """A screenshot scaled to the video's size, as floats (the whole view is the video)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB").resize(size), dtype=np.float32)


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean difference over the picture, leaving out the bottom strip where reveal draws its
    controls, slide number and progress bar (and the page its narration button)."""
    h = a.shape[0]
    return float(np.abs(a[: int(h * 0.88)] - b[: int(h * 0.88)]).mean())


SEEK_TO_END = f"""new Promise(resolve => {{
    const v = {CURRENT_VIDEO};
    v.pause();
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(() => resolve(true));
    setTimeout(() => resolve(false), 5000);
    v.currentTime = v.duration;
}})"""


def _settled_screen(page, n: int, last_frames: list[np.ndarray], size: tuple[int, int],
                    shot: Path) -> tuple[np.ndarray, float, list[float]]:
    """The screen once it shows a clip's last frame: screenshots are taken again (for up to
    about five seconds) while the picture is nearer a neighbour's last frame than its own, as a
    painted frame can lag the seek on a loaded machine. A wrong clip never settles, so fails."""
    for _attempt in range(20):
        shown = _picture(page.screenshot(path=str(shot)), size)
        mine = _distance(shown, last_frames[n - 1])
        others = [_distance(shown, last_frames[k]) for k in (n - 2, n) if 0 <= k < len(last_frames)]
        if all(mine < other for other in others):
            break
        page.wait_for_timeout(250)
    return shown, mine, others


def _highlight_row(picture: np.ndarray) -> float:
    """Where the highlighted lecture line is: the mean height of the coloured pixels in the
    lecture-line column (left third, below the title); the other lines are grey."""
    h, w, _ = picture.shape
    column = picture[int(h * 0.14): int(h * 0.95), : int(w * 0.36)]
    saturation = column.max(axis=2) - column.min(axis=2)
    rows, _cols = np.nonzero((saturation > 60) & (column.max(axis=2) > 120))
    assert len(rows) > 100, "no highlighted lecture line on screen"
    return float(rows.mean()) + int(h * 0.14)


def test_right_arrow_advances_exactly_one_lecture_line(presentation):
    from playwright.sync_api import sync_playwright

    pres, run_folder = presentation
    board = RunReader.open(run_folder).read_storyboard()
    expected = [(s.id, k + 1, ln.text) for s in board.sections for k, ln in enumerate(s.lecture_lines)]
    clips = [pres.folder / c["clip"] for c in read_manifest(pres.folder)["clips"]]
    assert len(clips) == len(expected) == 15
    info = probe(clips[0])
    size = (info.width, info.height)
    last_frames = [np.asarray(read_frame(c, probe(c).duration), dtype=np.float32) for c in clips]
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEW)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(pres.index.as_uri())  # from disk: no server
            page.wait_for_function("window.Reveal && Reveal.isReady()")
            assert page.evaluate("Reveal.getIndices().h") == 0  # the title page
            page.screenshot(path=str(SHOTS / "00-title.png"))

            previous_row = None
            for n, (section, line, text) in enumerate(expected, start=1):
                page.keyboard.press("ArrowRight")
                assert page.evaluate("Reveal.getIndices().h") == n  # exactly one step on
                slide = page.evaluate("[Reveal.getCurrentSlide().dataset.section, "
                                      "Reveal.getCurrentSlide().dataset.line]")
                assert slide == [str(section), str(line)], text
                if n == 1:  # the first clip plays by itself to its end, with its sound
                    page.wait_for_function(f"{CURRENT_VIDEO} && {CURRENT_VIDEO}.ended",
                                           timeout=30_000)
                    assert page.evaluate(f"{CURRENT_VIDEO}.muted") is False
                else:  # the others are sent to their end (their last frame stays on screen)
                    page.wait_for_function(f"{CURRENT_VIDEO} && {CURRENT_VIDEO}.readyState >= 2")
                    # resolves once the seeked frame is handed to the compositor (a fixed
                    # pause was not always enough on a loaded machine)
                    page.evaluate(SEEK_TO_END)
                    page.wait_for_function(f"!{CURRENT_VIDEO}.seeking")
                shown, mine, others = _settled_screen(page, n, last_frames, size,
                                                      SHOTS / f"{n:02d}-section{section}-line{line}.png")
                # the screen is this step's last frame, not the one before or after it
                assert all(mine < other for other in others), (n, mine, others)
                row = _highlight_row(shown)
                if line > 1:  # the highlight moved down to the next lecture line
                    assert row > previous_row + 10, (n, previous_row, row)
                previous_row = row

            page.keyboard.press("ArrowRight")  # past the last line: the deck stays there
            assert page.evaluate("Reveal.getIndices().h") == len(expected)
            page.keyboard.press("ArrowLeft")  # back exactly one line
            assert page.evaluate("Reveal.getIndices().h") == len(expected) - 1
            page.mouse.click(VIEW["width"] // 2, VIEW["height"] // 2)  # a click goes on
            assert page.evaluate("Reveal.getIndices().h") == len(expected)

            page.keyboard.press("m")  # the teacher speaks instead: the narration is muted
            assert page.evaluate(f"{CURRENT_VIDEO}.muted") is True
            assert page.locator("#c2v-narration").inner_text() == "narration: off"
            page.keyboard.press("m")
            assert page.evaluate(f"{CURRENT_VIDEO}.muted") is False

            # the presenter view: this line, its narration, what comes next
            with page.expect_popup() as popup_info:
                page.keyboard.press("s")
            notes = popup_info.value
            notes.wait_for_function("document.querySelector('.speaker-controls-notes') && "
                                    "document.querySelector('.speaker-controls-notes').innerText"
                                    ".includes(" + repr(expected[-1][2]) + ")", timeout=20_000)
            text = notes.locator(".speaker-controls-notes").inner_text()
            line = board.sections[-1].lecture_lines[-1]
            assert "line 3 of 3" in text and (line.narration or line.text) in text
            notes.screenshot(path=str(SHOTS / "99-presenter-view.png"))
            assert errors == []
        finally:
            browser.close()
