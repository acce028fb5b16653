"""A scene that imports its own project's modules (a base scene, colours, helpers): found as
Python finds them, held to the scene policy, sent into the sandbox beside the scene, never
changed. Small projects of our own, laid out as real ones are."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from code2video_jupyter import pyparse
from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.repair.gate import check_source
from code2video_jupyter.repair.namespace import load_namespace
from code2video_jupyter.repair.policy import policy_issues
from code2video_jupyter.repair.project import find_project
from code2video_jupyter.repair.search_path import added_folders, without_path_setup
from code2video_jupyter.video import probe

SCENE = '''\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from manim import *
from helpers.style import *
from config import RADIUS


class Intro(BaseLesson):
    def construct(self):
        self.banner("Circles")
        circle = Circle(radius=RADIUS, color=ACCENT)
        self.play(Create(circle))
        self.play(self.heading.animate.set_color(BLUE))
'''

STYLE = '''\
from manim import *

from .palette import *


def title(text):
    return Text(text, color=ACCENT, font_size=40).to_edge(UP)


class BaseLesson(Scene):
    def banner(self, text):
        self.heading = title(text)
        self.add(self.heading)
'''


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """proj/{pyproject.toml, helpers/{__init__,style,palette}.py, lessons/intro/{scene,config}.py}"""
    _write(tmp_path, {"pyproject.toml": "", "helpers/__init__.py": "", "helpers/style.py": STYLE,
                      "helpers/palette.py": 'ACCENT = "#FFCC00"\n', "helpers/unused.py": "import requests\n",
                      "lessons/intro/config.py": "RADIUS = 1.5\n", "lessons/intro/scene.py": SCENE})
    return tmp_path / "lessons/intro/scene.py"


def test_the_modules_are_found_as_python_finds_them(project):
    found = find_project(project, project.read_text())
    # the package's __init__, the module, what it imports relatively, the sibling module; not
    # the package's other modules (unused.py would be refused, and nothing imports it)
    assert sorted(found.files) == ["config.py", "helpers/__init__.py", "helpers/palette.py",
                                   "helpers/style.py"]
    assert found.problems == {}
    names, with_manim = found.star("helpers.style")
    assert {"BaseLesson", "title", "ACCENT"} <= names and with_manim
    assert found.classes["BaseLesson"].bases == ("Scene",) and "banner" in found.classes["BaseLesson"].attrs


def test_the_gate_reads_the_scene_with_its_project(project):
    ns = load_namespace()
    source = project.read_text()
    alone = check_source(source, ns)
    assert {i.kind for i in alone.errors} >= {"policy"}  # helpers and config are nowhere known
    report = check_source(source, ns.with_project(find_project(project, source)))
    # the imports, the star-imported names (ACCENT), the scene's base from the project and the
    # attribute its base sets (self.heading) are all understood: nothing left
    assert report.errors == [], [str(i) for i in report.errors]


def test_a_module_the_policy_refuses_is_named_where_the_scene_imports_it(project):
    root = project.parents[2]  # where helpers/ is found without any search path set-up
    _write(root, {"bad.py": '''\
        from manim import *
        from helpers.unused import *


        class Bad(Scene):
            def construct(self):
                self.add(Dot())
        '''})
    bad = root / "bad.py"
    source = bad.read_text()
    report = check_source(source, load_namespace().with_project(find_project(bad, source)))
    [issue] = report.errors
    assert issue.kind == "policy" and issue.line == 2
    assert "helpers/unused.py line 1" in issue.message and "'requests'" in issue.message


def test_a_module_named_like_the_sandboxs_scene_is_refused_by_name(tmp_path):
    _write(tmp_path, {"scene.py": "X = 1\n", "main.py": "from manim import *\nfrom scene import X\n"})
    found = find_project(tmp_path / "main.py", (tmp_path / "main.py").read_text())
    assert "scene" in found.problems and "rename it" in found.problems["scene"][0]
    assert not found.files


def test_search_path_forms_are_worked_out_from_the_file(tmp_path):
    _write(tmp_path, {"shared/x.py": "", "a/b/scene.py": ""})
    scene = tmp_path / "a/b/scene.py"
    source = '''\
        import os, sys
        from pathlib import Path
        ROOT = Path(__file__).resolve().parent.parent.parent
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
        sys.path.append(str(ROOT))
        sys.path.insert(0, r"C:\\Users\\someone\\project")
        '''
    folders, unknown = added_folders(pyparse.parse(textwrap.dedent(source)), scene)
    assert folders == [tmp_path / "shared", tmp_path] and unknown  # the Windows path is not here


def test_a_path_of_another_machine_falls_back_to_the_project_root(tmp_path):
    _write(tmp_path, {"requirements.txt": "", "animation/base.py": "from manim import *\nclass Base(Scene):\n    pass\n"})
    scene = tmp_path / "cache/run_1/scene.py"
    source = ('import sys\nsys.path.insert(0, r"C:\\\\work\\\\app")\nfrom animation.base import Base\n'
              "class S(Base):\n    def construct(self):\n        pass\n")
    _write(tmp_path, {"cache/run_1/scene.py": source})
    assert sorted(find_project(scene, source).files) == ["animation/base.py"]
    # with no project root above it, nothing is searched above the scene's folder
    (tmp_path / "requirements.txt").unlink()
    assert not find_project(scene, source)


@pytest.mark.render
def test_a_scene_run_from_its_projects_root_imports_from_there(tmp_path, capsys):
    # `python -m manim scenes/intro.py`, started at the root: the root is on the path
    _write(tmp_path, {"requirements.txt": "manim\n", "config.py": "SIDE = 1.5\n",
                      "scenes/common.py": "from manim import *\n\ndef card(t):\n"
                                          "    return Text(t, font_size=30)\n",
                      "scenes/intro.py": """\
        from manim import *

        import config as cfg
        from scenes.common import card


        class Intro(Scene):
            def construct(self):
                self.play(Create(Square(side_length=cfg.SIDE)), FadeIn(card("hi")))
        """})
    scene = tmp_path / "scenes/intro.py"
    assert sorted(find_project(scene, scene.read_text()).files) == ["config.py", "scenes/common.py"]
    assert cli(["fix", str(scene), "--no-render", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ran_before"]


@pytest.mark.render
def test_a_star_import_tried_as_a_package_then_beside_runs_as_written(tmp_path, capsys):
    # run as a package or as a file: the except's import serves the file; both at module level
    _write(tmp_path, {"pyproject.toml": "[project]\nname = 'talk'\n",
                      "scenes/common.py": "from manim import *\n\nACCENT = TEAL\n",
                      "scenes/intro.py": """\
        from manim import *
        try:
            from .common import *
        except ImportError:
            from common import *


        class Intro(Scene):
            def construct(self):
                self.play(Create(Circle(color=ACCENT)))
        """})
    assert cli(["fix", str(tmp_path / "scenes/intro.py"), "--no-render", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ran_before"] and report["fixed_file"] is None


def test_the_sandbox_copy_drops_the_search_path_set_up_and_keeps_line_numbers():
    source = ("import sys\nsys.path.insert(\n    0, '/x')\nimport os; sys.path.append('y')\n"
              "if '/z' not in sys.path:\n    sys.path.append('/z')\nx = 1\n")
    out = without_path_setup(source)
    assert out.split("\n")[6] == "x = 1" and out.count("\n") == source.count("\n")
    assert "sys.path.insert" not in out and "sys.path.append" not in out
    pyparse.parse(out)


@pytest.mark.parametrize(("code", "refused"), [
    ("import sys\nsys.path.insert(0, '/p')\n", False),
    ("import sys\nif '/p' not in sys.path:\n    sys.path.append('/p')\n", False),
    ("import sys\nsys.exit(1)\n", True),
    ("from pathlib import Path\np = Path(__file__).parent / 'x'\n", False),
    # reading a file of its own folder is no escape; changing files is
    ("from pathlib import Path\nt = Path('notes.txt').read_text()\n", False),
    ("from pathlib import Path\nPath('notes.txt').write_text('x')\n", True),
    # a string's replace is no file operation; a Path's is
    ("from pathlib import Path\nr = Path(__file__).parent\nt = 'a_b'.replace('_', ' ')\n", False),
    ("from pathlib import Path\nPath('a.txt').replace('b.txt')\n", True),
    # whether LaTeX is installed is a question, not an act
    ("import shutil, warnings\nif not shutil.which('latex'):\n    warnings.warn('no LaTeX')\n", False),
    ("import shutil\nshutil.rmtree('x')\n", True),
    # an import tried with a way out, of a module that exists nowhere here: it fails in the
    # render too and the file goes on; one that exists is held to the policy as ever
    ("try:\n    from no_such_theme_pkg import dark\nexcept ImportError:\n    dark = None\n", False),
    ("from no_such_theme_pkg import dark\n", True),
    ("try:\n    import subprocess\nexcept ImportError:\n    pass\n", True),
])
def test_the_policy_allows_a_search_path_set_up_and_refuses_escapes(code, refused):
    assert bool(policy_issues(pyparse.parse(code))) is refused


@pytest.mark.render
@pytest.mark.parametrize("warm", ["1", "0"])
def test_fix_runs_and_renders_a_scene_with_its_project_modules(project, capsys, monkeypatch, warm):
    # a warm worker gets the modules in its job's tar; a cold sandbox binds each file read-only
    monkeypatch.setenv("C2V_WARM_WORKERS", warm)
    assert cli(["fix", str(project), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["ran_before"] and report["fixed_file"] is None
    assert report["modules"] == ["config.py", "helpers/__init__.py", "helpers/palette.py",
                                 "helpers/style.py"]
    assert probe(report["rendered"]).duration > 0


@pytest.mark.render
def test_an_error_inside_a_project_module_is_located_there(project, capsys):
    style = project.parents[2] / "helpers/style.py"
    style.write_text(STYLE.replace("color=ACCENT, font_size", "colour=ACCENT, font_size"))
    assert cli(["fix", str(project), "--no-render", "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert "colour" in report["error"]
    assert "raised in the project's module helpers/style.py, line 7" in report["error"]
    assert "colour=" in style.read_text()  # the project's modules are never changed


@pytest.mark.render
def test_the_scene_sees_its_own_path_as_file(tmp_path, capsys):
    # a path computed from __file__ comes out as in the project, however deep it lies, and the
    # error still names the scene's own line
    scene = tmp_path / "a/b/c/d/scene.py"
    _write(tmp_path, {"a/b/c/d/scene.py": '''\
        from pathlib import Path
        from manim import *

        ROOT = Path(__file__).resolve().parents[3]


        class S(Scene):
            def construct(self):
                self.add(Text(ROOT.name))
                assert ROOT.name == "a" and Path(__file__).name == "scene.py"
                raise ValueError(ROOT.name)
        '''})
    assert cli(["fix", str(scene), "--no-render", "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert "ValueError: a" in report["error"] and "line 11" in report["error"]


def test_a_helpers_import_inside_a_function_waits_until_something_calls_it():
    # a project's render helper shells out for its own command line, which a render never runs
    code = "def render_all():\n    import subprocess\n    subprocess.run(['manim', 'x.py'])\n"
    assert policy_issues(pyparse.parse(code), helper=True) == []
    assert policy_issues(pyparse.parse(code))  # in the scene file itself it is refused
    copies = "def keep_video(src):\n    import shutil\n    shutil.copy2(src, 'out.mp4')\n"
    assert policy_issues(pyparse.parse(copies), helper=True) == []
    assert policy_issues(pyparse.parse("import subprocess\n"), helper=True)  # made on import
    # a module installed nowhere is the scene's ImportError to catch, not the helper's refusal
    assert policy_issues(pyparse.parse("import no_such_plot_lib\n"), helper=True) == []
