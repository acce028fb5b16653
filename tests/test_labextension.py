"""The JupyterLab extension's logic and its contract with the kernel side.

- the TypeScript unit tests (node's test runner, ``npm test`` in labextension/);
- the cell template the extension inserts is a valid ``%%code2video`` cell (flags the magic
  parses, a body the lesson parser reads);
- the storyboard payload of a real run, read by the extension's own table builder;
- the panel's "Insert as cell" sends a request the extension accepts, once per click.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from code2video_jupyter.lesson import parse_lesson
from code2video_jupyter.notebook.frontend import (
    INSERT_CELL_MIME,
    STORYBOARD_MIME,
    insert_cell_bundle,
    section_cell,
    storyboard_payload,
)
from code2video_jupyter.notebook.magic import cell_parser

from .conftest import SMALL_LESSON, run_lesson, unavailable, write_lesson

ROOT = Path(__file__).resolve().parents[1]
LABEXT = ROOT / "labextension"
MODEL_JS = LABEXT / "build-test" / "src" / "model.js"


def _node_ready() -> None:
    """node, npm and the extension's packages, or ``unavailable`` (a failure in CI)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("node/npm not found: the extension's TypeScript cannot be tested here "
                    "(bash scripts/install.sh --dev installs Debian's nodejs and npm)")
    if not (LABEXT / "node_modules" / "typescript").is_dir():
        unavailable("labextension/node_modules is missing: run bash scripts/install.sh --dev "
                    "(npm ci in labextension/)")


@pytest.fixture(scope="module")
def compiled():
    """`npm test`: compiles src/model.ts and the tests to CommonJS and runs them."""
    _node_ready()
    proc = subprocess.run(["npm", "test", "--silent"], cwd=LABEXT, capture_output=True,
                          text=True, timeout=300)
    return proc


def _node(expr: str) -> object:
    """Evaluate a JS expression against the compiled model.js; returns its JSON value."""
    script = f"const m = require({json.dumps(str(MODEL_JS))}); " \
             f"process.stdout.write(JSON.stringify({expr}));"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60,
                         check=True)
    return json.loads(out.stdout)


def test_typescript_unit_tests(compiled):
    out = compiled.stdout + compiled.stderr
    assert compiled.returncode == 0, out[-4000:]
    assert "# fail 0" in out and "# pass " in out, out[-2000:]
    passed = int(out.split("# pass ")[1].split()[0])
    assert passed >= 10


@pytest.mark.parametrize("settings", [{"model": "", "quality": "m"},
                                      {"model": "openai/gpt-4.1", "quality": "l"},
                                      {"model": "my local model", "quality": "h"}])
def test_template_is_a_code2video_cell(compiled, settings):
    assert compiled.returncode == 0
    text = _node(f"m.buildTemplate({json.dumps(settings)})")
    first, body = text.split("\n", 1)
    assert first.startswith("%%code2video ")
    args = vars(cell_parser().parse_args(shlex.split(first.split(" ", 1)[1])))
    assert args["quality"] == settings["quality"]
    assert args.get("model") == (settings["model"] or None)
    storyboard = parse_lesson(body, source="template")  # the body runs as it is, offline
    assert storyboard.topic == "The title of your lesson"
    assert [len(s.lecture_lines) for s in storyboard.sections] == [2]
    assert storyboard.sections[0].lecture_lines[0].visuals[0].kind == "equation"
    assert "docs/lesson-format.md" in (storyboard.sections[0].summary or "")


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("C2V_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        base = tmp_path_factory.mktemp("labext")
        lesson = write_lesson(base, SMALL_LESSON)
        summary, _ = run_lesson(lesson, base / "code2video_runs" / "small")
    assert summary.complete
    return base / "code2video_runs" / "small"


@pytest.mark.render
def test_summary_carries_the_storyboard(small_run, monkeypatch, compiled):
    from code2video_jupyter.notebook.summary import summary_bundle

    monkeypatch.chdir(small_run.parent.parent)  # the notebook's folder
    bundle = summary_bundle(small_run)
    assert set(bundle) == {"text/html", "text/plain", STORYBOARD_MIME}
    payload = bundle[STORYBOARD_MIME]
    assert payload == json.loads(json.dumps(payload))  # plain JSON, as a notebook stores it
    assert payload["status"] == "done" and payload["folder"] == "code2video_runs/small"
    assert [s["id"] for s in payload["storyboard"]["sections"]] == [1, 2, 3]
    for info in payload["sections"].values():
        assert info["status"].startswith("done")
        assert Path(info["video"].split("?")[0]).is_file()  # relative to the notebook's folder
    assert Path(payload["video"].split("?")[0]).is_file()
    # the extension's own table builder reads it
    assert compiled.returncode == 0
    rows = _node(f"m.storyboardRows({json.dumps(payload)})")
    assert [r["title"] for r in rows] == ["First", "Second", "Third"]
    assert rows[0]["lines"][0]["visuals"] == ["equation: a^2 + b^2 = c^2 #e"]
    assert rows[1]["lines"][0]["visuals"][0].startswith("shape: circle")
    posters = _node(f"Object.fromEntries(m.postersFromHtml({json.dumps(bundle['text/html'])}))")
    assert sorted(posters) == ["1", "2", "3"]
    assert storyboard_payload(small_run.parent) is None  # not a run folder


@pytest.mark.render
def test_panel_insert_as_cell(small_run, monkeypatch, compiled):
    from code2video_jupyter.notebook.panel import RunPanel

    monkeypatch.chdir(small_run.parent.parent)
    panel = RunPanel(small_run)
    row = panel._rows[2]
    row.editor.value = row.editor.value + "\n# edited in the panel\n"
    bundle = panel.insert_cell(2)
    assert panel.inserter.layout.display == "none"  # hidden: the extension acts on it
    (out,) = panel.inserter.outputs
    assert out["output_type"] == "display_data" and out["data"] == bundle
    request = bundle[INSERT_CELL_MIME]
    code = request["code"]
    assert code.startswith("%%manim -ql Section02\n")
    assert "class Section02" in code and code.rstrip().endswith("# edited in the panel")
    assert compiled.returncode == 0
    assert _node(f"m.parseInsertRequest({json.dumps(request)})")["id"] == request["id"]
    again = panel.insert_cell(2)[INSERT_CELL_MIME]
    assert again["id"] != request["id"]  # each click is its own request


def test_section_cell_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "code2video_runs" / "r"
    code = 'img = ImageMobject("assets/cat.png")\n'
    cell = section_cell(folder, 3, code, "m")
    assert cell == '%%manim -qm Section03\nimg = ImageMobject("code2video_runs/r/assets/cat.png")\n'
    b = insert_cell_bundle("x = 1", label="section 3's code")
    assert b[INSERT_CELL_MIME]["code"] == "x = 1" and len(b[INSERT_CELL_MIME]["id"]) == 32
    assert "extension" in b["text/plain"]


def test_the_committed_build_is_what_the_sources_build():
    """Users get the extension as committed in code2video_jupyter/labextension/ (no node on their
    side), so it must be built from the sources as they are: the hash of the sources recorded
    with the build (scripts/labextension_sources.py --write, run by the install after a build)
    is the hash of the sources now. Bytes are not compared: webpack's module ids depend on the
    checkout's absolute path (measured: the same sources built in /work/main and in a clone in
    /tmp gave the container entry other ids). That the committed build works is what the
    browser tests show: they load it."""
    script = ROOT / "scripts" / "labextension_sources.py"
    p = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr + (
        "rebuild (cd labextension && npm run build:prod), then python "
        "scripts/labextension_sources.py --write, and commit code2video_jupyter/labextension/")
    built = ROOT / "code2video_jupyter" / "labextension"
    assert (built / "static" / "style.js").is_file() and (built / "package.json").is_file()


