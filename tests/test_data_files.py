"""The files a scene names (pictures, fonts, data of its own project): found before it runs,
sent into the sandbox, read there at the paths the scene computes; and a path written with
Windows separators made one Linux reads. Small projects of our own."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from PIL import Image

from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.repair.cures.paths import missing_path, windows_path_cure
from code2video_jupyter.repair.data_files import find_data_files
from code2video_jupyter.video import probe

SCENE = r'''
import json
import os
from pathlib import Path
from manim import *

ROOT = Path(__file__).resolve().parents[2]
MARK = ROOT / "assets" / "mark.svg"
NOTES = ROOT / "notes.py"
SECRET = ROOT / ".private" / "key.json"
OUTSIDE = ROOT.parent / "outside.png"


class Intro(Scene):
    def construct(self):
        # a relative open() reads from the folder the scene is run in, as from its own
        with open("data/points.json") as f:
            points = json.load(f)
        dots = VGroup(*[Dot([x, y, 0]) for x, y in points])
        mark = SVGMobject(str(MARK)).scale(0.5)
        card = ImageMobject(r"pics\card.png").next_to(mark, DOWN)
        # the sandbox shows the file named, not its folder's other files nor a hidden one
        assert os.path.exists(str(MARK))
        assert not os.path.exists(os.path.join(str(MARK.parent), "no" + "tes.txt"))
        assert not os.path.exists(str(SECRET))
        self.play(FadeIn(mark), FadeIn(card), FadeIn(dots))
'''

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
       '<rect width="10" height="10" fill="#e07a5f"/></svg>')


@pytest.fixture
def scene(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    files = {"pyproject.toml": "[project]\nname = 'lessons'\n", "assets/mark.svg": SVG,
             "assets/notes.txt": "not named by the scene",
             "notes.py": "x = 1\n", ".private/key.json": "{}", "lessons/intro/scene.py": SCENE,
             "lessons/intro/data/points.json": "[[-1, 0], [1, 0.5]]"}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text))
    (root / "assets/mark.svg").chmod(0o600)  # the render's uid reads a copy, not the file
    (root / "lessons/intro/pics").mkdir()
    Image.new("RGB", (32, 16), (61, 64, 91)).save(root / "lessons/intro/pics/card.png")
    Image.new("RGB", (8, 8)).save(tmp_path / "outside.png")
    return root / "lessons/intro/scene.py"


def test_the_files_a_scene_names_are_found_and_nothing_else(scene):
    found = find_data_files(scene, scene.read_text())
    root = scene.parents[2]
    # a relative path beside the scene, read with either separator; a data file of the project
    # from __file__; not a module, a hidden file, nor a file above the project's root
    assert found.beside == {"data/points.json": (scene.parent / "data/points.json").resolve(),
                            "pics/card.png": (scene.parent / "pics/card.png").resolve()}
    assert found.by_path == [(root / "assets/mark.svg").resolve()]
    # and the user is told why the others were not sent
    assert sorted(w.split(": ", 1)[1] for w in found.skipped) == [
        "a hidden file", "not a picture, font, sound, video or table",
        f"outside the scene's project ({root.resolve()})"]


def test_a_windows_path_gets_forward_slashes_and_latex_is_left_alone():
    source = textwrap.dedent(r'''
        a = ImageMobject("assets\\logo.png")
        b = SVGMobject(r"icons\arrow.svg")
        t = MathTex(r"\frac{a}{b}")
        s = Text("C:\\ is a drive")
        ''')
    cure = windows_path_cure(source, "OSError: From: /job, could not find assets\\logo.png at "
                                     "either of these locations: ['assets\\\\logo.png']")
    assert cure is not None
    assert 'ImageMobject("assets/logo.png")' in cure.source
    assert 'SVGMobject("icons/arrow.svg")' in cure.source  # the same kind of path, at once
    assert r'MathTex(r"\frac{a}{b}")' in cure.source and r'Text("C:\\ is a drive")' in cure.source
    # Python's own message shows the path's repr
    again = windows_path_cure(source, "FileNotFoundError: [Errno 2] No such file or directory: "
                                      "'assets\\\\logo.png'")
    assert again is not None and again.source == cure.source
    assert windows_path_cure(source, "could not find logo.png at either of these locations") is None


def test_a_program_not_installed_is_no_missing_file():
    # Python words a process that cannot start (a TeX engine not installed) as it words a
    # missing file: that is LaTeX's class and cures, not a file to ask the user for
    assert missing_path("FileNotFoundError: [Errno 2] No such file or directory: 'xelatex'") is None
    assert missing_path("FileNotFoundError: [Errno 2] No such file or directory: "
                        "'data/points.json'") == "data/points.json"
    assert missing_path("OSError: From: /job, could not find figures/photo.jpg at either of these "
                        "locations: ['figures/photo.jpg']") == "figures/photo.jpg"


@pytest.mark.render
def test_fix_renders_a_scene_with_the_files_of_its_project(scene, capsys):
    before = {p: p.read_bytes() for p in scene.parents[2].rglob("*") if p.is_file()}
    assert cli(["fix", str(scene), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and not report["ran_before"]
    assert [s["kind"] for s in report["steps"]] == ["runtime"]
    assert "Windows path" in report["steps"][0]["reason"]
    fixed = Path(report["fixed_file"]).read_text()
    assert 'ImageMobject("pics/card.png")' in fixed and "ROOT / \"assets\" / \"mark.svg\"" in fixed
    assert probe(report["rendered"]).duration > 0
    # the project is as it was: nothing written beside its SVG (manim's copy stayed in the sandbox)
    after = {p: p.read_bytes() for p in scene.parents[2].rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.suffix != ".mp4" and not p.name.endswith(".fixed.py")} == before


def test_a_path_of_another_machine_is_written_as_the_file_beside_the_scene(tmp_path, capsys):
    # a scene written elsewhere names its icons by that machine's paths (Code2Video's Coder
    # writes /home/<user>/Code2Video/assets/icon/coin.svg); the same files lie beside it here
    for rel in ("assets/icon/coin.svg", "logo.svg"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(SVG)
    scene = tmp_path / "scene.py"
    scene.write_text(textwrap.dedent(r'''
        from manim import *

        class S(Scene):
            def construct(self):
                coin = SVGMobject("/mmfs1/home/ann/Code2Video/assets/icon/coin.svg").scale(0.5)
                logo = SVGMobject("C:\\Users\\ann\\slides\\logo.svg").next_to(coin, DOWN)
                gone = "/home/ann/assets/icon/planet.svg"
                self.play(FadeIn(coin), FadeIn(logo))
        '''))
    found = find_data_files(scene, scene.read_text())
    # the longest tail of each path that is a file beside the scene; one that is not, nothing
    assert found.elsewhere == {"/mmfs1/home/ann/Code2Video/assets/icon/coin.svg": "assets/icon/coin.svg",
                               "C:\\Users\\ann\\slides\\logo.svg": "logo.svg"}
    assert set(found.beside) == {"assets/icon/coin.svg", "logo.svg"}
    assert cli(["fix", str(scene), "--no-llm", "--no-render", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and not report["ran_before"] and report["error_class"] == "missing_file"
    assert [s["kind"] for s in report["steps"]] == ["runtime"]
    fixed = (tmp_path / "scene.fixed.py").read_text()
    assert 'SVGMobject("assets/icon/coin.svg")' in fixed and 'SVGMobject("logo.svg")' in fixed
    assert 'gone = "/home/ann/assets/icon/planet.svg"' in fixed  # no file here: left as written
    # a scene deep in a folder of the project (a run's log: past MAX_LEVELS_UP, the root still
    # told by its marker), its icon at the project's root: written as the file's own path here
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'slides'\n")
    deeper = tmp_path / "logs" / "run_1" / "topic" / "debugger" / "section_2" / "scene.py"
    deeper.parent.mkdir(parents=True)
    deeper.write_text(scene.read_text())
    found = find_data_files(deeper, deeper.read_text())
    coin = (tmp_path / "assets/icon/coin.svg").resolve()
    assert found.elsewhere["/mmfs1/home/ann/Code2Video/assets/icon/coin.svg"] == str(coin)
    assert coin in found.by_path and "C:\\Users\\ann\\slides\\logo.svg" in found.elsewhere
    assert cli(["fix", str(deeper), "--no-llm", "--no-render"]) == 0
    assert f'SVGMobject("{coin}")' in (deeper.parent / "scene.fixed.py").read_text()
