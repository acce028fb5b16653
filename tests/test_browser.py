"""The JupyterLab extension and the panel in a real JupyterLab, driven like a person would.

JupyterLab runs on 127.0.0.1 (a free port, a token, a temporary root folder, its own config,
data, settings and workspace folders), with the extension built from labextension/ into
code2video_jupyter/labextension/. Playwright drives Debian's Chromium headless (its
executable_path; Playwright's own browser download is never used). The steps:

1. open the quickstart notebook, load the extension of the kernel, and insert a
   ``%%code2video`` cell with the notebook toolbar's button: its flags come from the settings;
2. put a short offline lesson in it and run it with ``--wait``: the panel shows every section
   with its preview;
3. edit a section's code in the panel's editor, press Re-render: the video is a new file
   (a new ``?v=`` version in its src) and the section's code is the user's revision;
4. press "Insert as cell": the section's code is a new cell below, exactly once;
5. save, copy the notebook, open the copy with no kernel: the storyboard renderer shows the
   sections, lecture lines and visuals from the saved output.

Screenshots of every step go to test-artifacts/screenshots/ (kept, gitignored).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from .browsers import Server, chromium, require_chromium, start_server, wait_idle
from .conftest import unavailable

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[1]
BUILT = ROOT / "code2video_jupyter" / "labextension"
QUICKSTART = ROOT / "notebooks" / "quickstart.ipynb"
SHOTS = ROOT / "test-artifacts" / "screenshots"
EXT = "code2video-jupyter"
RUN_NAME = "browser-lesson"

LESSON = """# Squares in the browser

## A square
- A square has four equal sides
  ```shape #sq
  shape: square
  label: s
  ```

## Its area
- The area is the side squared
  ```equation #area
  A = s^2
  ```
"""

def _prerequisites() -> None:
    require_chromium()
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        unavailable("jupyterlab is not installed: bash scripts/install.sh --dev")
    if not (BUILT / "package.json").exists():
        unavailable("the extension is not built (code2video_jupyter/labextension/): "
                     "bash scripts/install.sh --dev builds it with npm")


class Lab(Server):
    def url(self, path: str) -> str:
        return f"{self.base}/lab/tree/{path}?token={self.token}"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _prerequisites()
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    root.mkdir()
    if QUICKSTART.exists():
        shutil.copy(QUICKSTART, root / "quickstart.ipynb")
    else:  # the quickstart belongs to the notebook surface; a minimal stand-in otherwise
        import nbformat
        from nbformat import v4

        nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Quickstart"),
                                    v4.new_code_cell("%load_ext code2video_jupyter")],
                             metadata={"kernelspec": {"name": "python3", "language": "python",
                                                      "display_name": "Python 3"}})
        nbformat.write(nb, root / "quickstart.ipynb")
    # JupyterLab finds the freshly built extension first (JUPYTER_PATH), whatever is installed.
    jpath = tmp / "jupyter_path"
    (jpath / "labextensions").mkdir(parents=True)
    (jpath / "labextensions" / EXT).symlink_to(BUILT, target_is_directory=True)
    # The extension's settings, as a user would set them in the Settings Editor: quality m.
    settings = tmp / "settings"
    (settings / EXT).mkdir(parents=True)
    (settings / EXT / "plugin.jupyterlab-settings").write_text(
        '// code2video\n{\n  // the quality of new cells\n  "quality": "m",\n  "model": ""\n}\n')
    # no "get notified about Jupyter news?" toast over the page
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    server = start_server("jupyterlab", root, tmp, jpath, settings, [
        "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"])
    lab = Lab(**vars(server))
    try:
        yield lab
    finally:
        lab.stop()
        if SHOTS.parent.exists():  # the server's log next to the screenshots
            shutil.copy(lab.log, SHOTS.parent / "jupyterlab.log")


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


class Steps:
    """Screenshots numbered in the order of the steps."""

    def __init__(self, page):
        self.page = page
        self.n = 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()

    def shot(self, name: str, locator=None) -> Path:
        self.n += 1
        path = SHOTS / f"{self.n:02d}-{name}.png"
        with contextlib.suppress(Exception):
            if locator is not None:
                locator.screenshot(path=str(path))
            else:
                self.page.screenshot(path=str(path), full_page=False)
        return path


# --- helpers that act through the page --------------------------------------------------------

def _sources(page) -> list[str]:
    """The cells of the current notebook, read from JupyterLab's model (exact text)."""
    return page.evaluate("""() => {
        const nb = window.jupyterapp.shell.currentWidget.content;
        return nb.widgets.map(c => c.model.sharedModel.getSource());
    }""")


def _active_index(page) -> int:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex")


def _cell(page, index: int):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)


def _open(page, lab: Lab, name: str) -> None:
    page.goto(lab.url(name))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
    page.wait_for_function(f"""() => {{
        const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        return w && w.context && w.context.path === {json.dumps(name)} && w.context.isReady;
    }}""", timeout=120_000)


def _run_cell(page, index: int) -> None:
    _cell(page, index).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Escape")  # command mode
    page.keyboard.press("Control+Enter")  # run, stay on the cell


def test_extension_panel_and_storyboard_in_jupyterlab(lab, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    steps = Steps(page)
    try:
        _steps(page, lab, steps)
    except BaseException:
        steps.shot("failure")
        raise
    finally:
        page.close()
    assert not [e for e in errors if "code2video" in e], errors


def _steps(page, lab: Lab, steps: Steps) -> None:
    # 1. the quickstart notebook; the extension is loaded and enabled
    _open(page, lab, "quickstart.ipynb")
    wait_idle(page)
    plugins = page.evaluate("() => window.jupyterapp.hasPlugin('code2video-jupyter:plugin')")
    assert plugins, "JupyterLab did not load the code2video extension"
    first = _sources(page)
    load = next(i for i, s in enumerate(first) if s.strip().startswith("%load_ext code2video_jupyter"))
    _run_cell(page, load)
    wait_idle(page)
    steps.shot("quickstart-opened")

    # the command is in the command palette
    page.keyboard.press("Control+Shift+c")
    palette = page.locator("#command-palette")
    palette.locator("input").fill("code2video")
    item = palette.locator(".lm-CommandPalette-item", has_text="Insert a %%code2video cell")
    item.wait_for(timeout=10_000)
    steps.shot("command-palette")
    page.keyboard.press("Escape")
    _cell(page, load).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Escape")

    # the toolbar button inserts a %%code2video cell below the active cell, flags from settings
    button = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar "
                          ".jp-code2video-insert-button")
    button.click()
    page.wait_for_function("(n) => window.jupyterapp.shell.currentWidget.content.widgets.length > n",
                           arg=len(first))
    after = _sources(page)
    assert len(after) == len(first) + 1
    new = load + 1
    assert _active_index(page) == new
    template = after[new]
    assert template.startswith("%%code2video -q m\n"), template  # quality m from the settings
    assert "## A first section" in template and "docs/lesson-format.md" in template
    steps.shot("template-inserted")

    # 2. a short offline lesson in that cell, run with --wait
    editor = _cell(page, new).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(f"%%code2video -q l --no-narration --wait --name {RUN_NAME}\n{LESSON}")
    assert _sources(page)[new].startswith(f"%%code2video -q l --no-narration --wait --name {RUN_NAME}\n")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")
    cell = _cell(page, new)
    panel = cell.locator(".jp-OutputArea-output .widget-vbox").first
    panel.wait_for(timeout=120_000)
    # the run ends (the cell waits for it); the panel says done
    page.wait_for_function("""(i) => {
        const c = window.jupyterapp.shell.currentWidget.content.widgets[i];
        return c.model.executionCount !== null && c.model.executionCount !== undefined;
    }""", arg=new, timeout=420_000)
    page.get_by_text(re.compile(r"done in [0-9.]+ s")).first.wait_for(timeout=60_000)
    assert "code2video: error" not in cell.inner_text()
    headers = cell.locator(".jupyter-widget-Collapse-header")
    titles = [t.strip() for t in headers.all_inner_texts()]
    sec_titles = [t for t in titles if re.match(r"0\d · ", t)]
    assert len(sec_titles) == 2 and all("done" in t for t in sec_titles), titles
    steps.shot("run-done", panel)

    # the section previews: open section 1, its poster and its video
    section = cell.locator(".jupyter-widget-Collapse").filter(
        has=page.locator(".jupyter-widget-Collapse-header", has_text="01 · "))
    section.locator(".jupyter-widget-Collapse-header").first.click()
    contents = section.locator(".jupyter-widget-Collapse-contents").first
    video = contents.locator("video").first
    video.wait_for(timeout=30_000)
    src_before = video.get_attribute("src") or ""
    # JupyterLab resolves the panel's relative link to its /files/ URL, keeping the version
    assert re.search(r"/files/code2video_runs/browser-lesson/.+\.mp4\?.*\bv=\w+", src_before), src_before
    poster = contents.locator("img").first
    assert poster.evaluate("img => img.naturalWidth") > 0  # the PNG poster decoded
    head = urllib.request.urlopen(urllib.request.Request(  # the video is served
        src_before if src_before.startswith("http") else lab.base + src_before,
        headers={"Authorization": f"token {lab.token}"}), timeout=10)
    assert head.status == 200 and int(head.headers["Content-Length"]) > 1000
    contents.scroll_into_view_if_needed()
    steps.shot("section-preview", section)

    # 3. edit the section's code in the panel's editor, Re-render: a new video
    textarea = contents.locator(".c2v-editor textarea, textarea").first
    code = textarea.input_value()
    assert "class Section01" in code
    edited = re.sub(r'title = "([^"]*)"', r'title = "\1 (edited in the browser)"', code, count=1)
    assert edited != code
    textarea.fill(edited)
    # When the preview frames and then the new video appear, seen by the page itself (the
    # round trip is reported, never asserted: bench/bench_pool.py measures speed)
    page.evaluate("""([sel, before]) => {
        const t = window.__c2vRerender = {t0: performance.now(), preview: null, video: null};
        new MutationObserver(() => {
            const now = performance.now() - t.t0;
            if (t.preview === null && document.querySelector('.c2v-preview img')) t.preview = now;
            if (t.video === null && [...document.querySelectorAll(sel)].some(
                x => x.getAttribute('src') && x.getAttribute('src') !== before)) t.video = now;
        }).observe(document.body, {subtree: true, childList: true, attributes: true});
    }""", [".jp-Cell .jupyter-widget-Collapse-open video", src_before])
    contents.get_by_role("button", name="Re-render").click()
    page.wait_for_function("""([sel, before]) => {
        const v = document.querySelectorAll(sel);
        return [...v].some(x => x.getAttribute('src') && x.getAttribute('src') !== before
                                && x.getAttribute('src').includes('browser-lesson'));
    }""", arg=[".jp-Cell .jupyter-widget-Collapse-open video", src_before], timeout=300_000)
    times = page.evaluate("() => window.__c2vRerender")
    assert times["preview"] is not None and times["preview"] < times["video"], times  # frames first
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS.parent / "rerender-round-trip.json").write_text(json.dumps(
        {"click_to_preview_ms": round(times["preview"]), "click_to_video_ms": round(times["video"])}))
    print(f"Re-render round trip in the browser: preview after {times['preview'] / 1000:.2f} s, "
          f"video after {times['video'] / 1000:.2f} s")
    src_after = video.get_attribute("src") or ""
    version = re.compile(r"[?&]v=(\w+)")
    assert version.search(src_after) and version.search(src_before)
    assert version.search(src_after).group(1) != version.search(src_before).group(1)
    page.get_by_text(re.compile(r"revision \d+ \(your code\)")).first.wait_for(timeout=60_000)
    scene = lab.root / "code2video_runs" / RUN_NAME / "sections" / "01" / "scene.py"
    assert "(edited in the browser)" in scene.read_text()
    steps.shot("re-rendered", section)

    # 4. "Insert as cell": the editor's code becomes a new cell below the panel's cell, once
    page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0; }")
    before_insert = _sources(page)
    contents.locator(".c2v-insert-cell").click()
    page.wait_for_function("(n) => window.jupyterapp.shell.currentWidget.content.widgets.length > n",
                           arg=len(before_insert), timeout=30_000)
    page.wait_for_timeout(1500)  # a second insertion would have happened by now
    cells = _sources(page)
    assert len(cells) == len(before_insert) + 1, "the code was inserted more than once"
    inserted = cells[new + 1]
    assert inserted.startswith("%%manim -ql Section01\n"), inserted[:200]
    assert "(edited in the browser)" in inserted and "class Section01" in inserted
    meta = page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.widgets[i]"
                         ".model.getMetadata('code2video')", new + 1)
    assert meta and meta.get("insert_id")
    assert _cell(page, new + 1).locator(".cm-content").inner_text().startswith("%%manim")
    steps.shot("inserted-cell", _cell(page, new + 1))

    # 5. save; the saved file carries the storyboard; open a copy with no kernel
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty",
                           timeout=30_000)
    saved = json.loads((lab.root / "quickstart.ipynb").read_text())
    outputs = [o for c in saved["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    boards = [o["data"]["application/vnd.code2video.storyboard+json"] for o in outputs
              if "application/vnd.code2video.storyboard+json" in o.get("data", {})]
    assert boards and boards[-1]["run"] == RUN_NAME
    copy = dict(saved)
    # a copy that names no kernel: JupyterLab asks for one, and a person can pick none
    copy["metadata"] = {k: v for k, v in saved["metadata"].items()
                        if k not in ("kernelspec", "language_info")}
    (lab.root / "saved-copy.ipynb").write_text(json.dumps(copy))
    lab.shutdown_kernels()
    page.goto(lab.url("saved-copy.ipynb") + "&reset")  # only this notebook: no restored workspace
    dialog = page.locator(".jp-Dialog")
    with contextlib.suppress(Exception):  # no kernelspec: JupyterLab asks; a person picks none
        dialog.wait_for(timeout=30_000)
        steps.shot("kernel-dialog")
        dialog.get_by_role("button", name=re.compile("No Kernel")).click()
    board = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-code2video-storyboard").first
    board.wait_for(timeout=60_000)
    assert lab.kernels() == [], "opening the saved notebook started a kernel"
    text = board.inner_text()
    assert "Squares in the browser" in text
    rows = board.locator("tbody tr")
    assert rows.count() == 2
    first_row = rows.nth(0).inner_text()
    assert "A square has four equal sides" in first_row and "shape: square #sq" in first_row
    assert "equation: A = s^2 #area" in rows.nth(1).inner_text()
    assert board.locator("img").count() == 2  # the posters, from the saved HTML summary
    board.scroll_into_view_if_needed()
    steps.shot("saved-notebook-storyboard", board)
