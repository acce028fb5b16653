"""The extension, the magic and the panel in a real Notebook 7 (the classic-looking notebook
that JupyterLab's components build), driven in headless Chromium like test_browser.py drives
JupyterLab: Debian's Chromium through Playwright's executable_path, no browser download.

1. open the quickstart notebook (/notebooks/...): Notebook 7 loaded the prebuilt extension;
2. its toolbar button inserts a ``%%code2video`` cell; a short offline lesson runs in it with
   ``--wait``: the panel shows each section done, with a served video;
3. "Insert as cell" on a section puts its code in a new cell below, exactly once;
4. the saved notebook carries the storyboard and the static summary.

Screenshots go to test-artifacts/screenshots/notebook7/.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import urllib.request

import pytest

from .browsers import chromium, start_server, wait_idle
from .conftest import unavailable
from .test_browser import BUILT, EXT, LESSON, QUICKSTART, SHOTS, _prerequisites

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

RUN_NAME = "notebook7-lesson"
NB7_SHOTS = SHOTS / "notebook7"


@pytest.fixture(scope="module")
def notebook7(tmp_path_factory):
    _prerequisites()
    try:
        import notebook
    except ImportError:
        unavailable("notebook (Notebook 7) is not installed: bash scripts/install.sh")
    assert int(notebook.__version__.split(".")[0]) == 7, notebook.__version__
    tmp = tmp_path_factory.mktemp("nb7")
    root = tmp / "root"
    root.mkdir()
    shutil.copy(QUICKSTART, root / "quickstart.ipynb")
    # Notebook 7 loads JupyterLab extensions from the same labextensions folders: this build first
    jpath = tmp / "jupyter_path"
    (jpath / "labextensions").mkdir(parents=True)
    (jpath / "labextensions" / EXT).symlink_to(BUILT, target_is_directory=True)
    settings = tmp / "settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}')
    server = start_server("notebook", root, tmp, jpath, settings, ["--expose-app-in-browser"])
    try:
        yield {"base": server.base, "token": server.token, "root": root}
    finally:
        server.stop()
        if NB7_SHOTS.exists():
            shutil.copy(server.log, NB7_SHOTS / "notebook.log")


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _sources(page) -> list[str]:
    return page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
                                   .map(c => c.model.sharedModel.getSource())""")


def _cell(page, index: int):
    return page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(index)


def test_extension_magic_and_panel_in_notebook7(notebook7, browser):
    NB7_SHOTS.mkdir(parents=True, exist_ok=True)
    for old in NB7_SHOTS.glob("*.png"):
        old.unlink()
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    n = iter(range(1, 100))

    def shot(name: str, locator=None) -> None:
        path = NB7_SHOTS / f"{next(n):02d}-{name}.png"
        with contextlib.suppress(Exception):
            (locator or page).screenshot(path=str(path))

    try:
        _steps(page, notebook7, shot)
    except BaseException:
        shot("failure")
        raise
    finally:
        page.close()
    assert not [e for e in errors if "code2video" in e], errors


def _steps(page, nb: dict, shot) -> None:
    # 1. the notebook, in Notebook 7's own page; the extension is loaded there
    page.goto(f"{nb['base']}/notebooks/quickstart.ipynb?token={nb['token']}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=120_000)
    page.wait_for_function("""() => {
        const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        return w && w.context && w.context.isReady;
    }""", timeout=120_000)
    assert page.evaluate("() => window.jupyterapp.name") == "Jupyter Notebook"
    assert page.evaluate("() => window.jupyterapp.hasPlugin('code2video-jupyter:plugin')"), \
        "Notebook 7 did not load the code2video extension"
    wait_idle(page)
    first = _sources(page)
    load = next(i for i, s in enumerate(first) if s.strip().startswith("%load_ext code2video_jupyter"))
    _cell(page, load).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")
    wait_idle(page)
    shot("opened")

    # 2. the toolbar button inserts a %%code2video cell below the active one
    page.locator(".jp-NotebookPanel-toolbar .jp-code2video-insert-button").click()
    page.wait_for_function("(n) => window.jupyterapp.shell.currentWidget.content.widgets.length > n",
                           arg=len(first))
    new = load + 1
    assert _sources(page)[new].startswith("%%code2video"), _sources(page)[new][:200]
    shot("template-inserted")
    _cell(page, new).locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(f"%%code2video -q l --no-narration --wait --name {RUN_NAME}\n{LESSON}")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")
    cell = _cell(page, new)
    cell.locator(".jp-OutputArea-output .widget-vbox").first.wait_for(timeout=120_000)
    page.wait_for_function("""(i) => {
        const c = window.jupyterapp.shell.currentWidget.content.widgets[i];
        return c.model.executionCount !== null && c.model.executionCount !== undefined;
    }""", arg=new, timeout=420_000)
    page.get_by_text(re.compile(r"done in [0-9.]+ s")).first.wait_for(timeout=60_000)
    assert "code2video: error" not in cell.inner_text()
    titles = [t.strip() for t in cell.locator(".jupyter-widget-Collapse-header").all_inner_texts()]
    sections = [t for t in titles if re.match(r"0\d · ", t)]
    assert len(sections) == 2 and all("done" in t for t in sections), titles
    shot("run-done", cell)

    # the section's player: the video is served by Notebook 7's /files/
    section = cell.locator(".jupyter-widget-Collapse").filter(
        has=page.locator(".jupyter-widget-Collapse-header", has_text="01 · "))
    section.locator(".jupyter-widget-Collapse-header").first.click()
    contents = section.locator(".jupyter-widget-Collapse-contents").first
    video = contents.locator("video").first
    video.wait_for(timeout=30_000)
    src = video.get_attribute("src") or ""
    assert re.search(rf"code2video_runs/{RUN_NAME}/.+\.mp4\?.*\bv=\w+", src), src
    url = src if src.startswith("http") else nb["base"] + ("" if src.startswith("/") else "/files/") + src
    head = urllib.request.urlopen(urllib.request.Request(
        url, headers={"Authorization": f"token {nb['token']}"}), timeout=10)
    assert head.status == 200 and int(head.headers["Content-Length"]) > 1000
    shot("section", section)

    # 3. "Insert as cell": the section's code below the panel's cell, exactly once
    before = _sources(page)
    contents.locator(".c2v-insert-cell").click()
    page.wait_for_function("(n) => window.jupyterapp.shell.currentWidget.content.widgets.length > n",
                           arg=len(before), timeout=30_000)
    page.wait_for_timeout(1500)  # a second insertion would have happened by now
    cells = _sources(page)
    assert len(cells) == len(before) + 1, "the code was inserted more than once"
    inserted = next(c for c in cells if c.startswith("%%manim"))
    assert "class Section01" in inserted
    shot("inserted")

    # 4. saved: the storyboard and the static summary are in the file
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty",
                           timeout=30_000)
    saved = json.loads((nb["root"] / "quickstart.ipynb").read_text())
    outputs = [o for c in saved["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    boards = [o["data"]["application/vnd.code2video.storyboard+json"] for o in outputs
              if "application/vnd.code2video.storyboard+json" in o.get("data", {})]
    assert boards and boards[-1]["run"] == RUN_NAME
    html = ["".join(o["data"]["text/html"]) for o in outputs if "text/html" in o.get("data", {})]
    assert any("<img" in h and RUN_NAME in h for h in html)  # the summary, with its posters
