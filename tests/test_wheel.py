"""The wheel ships the JupyterLab extension prebuilt (users need no node), and JupyterLab lists it
as enabled once the wheel is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import require_module

ROOT = Path(__file__).resolve().parents[1]
NAME = "code2video-jupyter"
DATA = f"code2video_jupyter-{{version}}.data/data/share/jupyter/labextensions/{NAME}/"


def _without_node() -> dict[str, str]:
    """The environment with no node or npm on PATH (only this venv's bin folder) and no switch
    that skips the extension's build hook: what a user without node has."""
    env = {k: v for k, v in os.environ.items() if k not in ("SKIP_JUPYTER_BUILDER",
                                                            "HATCH_JUPYTER_BUILDER_SKIP_NPM")}
    env["PATH"] = str(Path(sys.executable).parent)
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    return env


def _listed(prefix: Path, tmp_path: Path) -> str:
    """`jupyter labextension list` of JupyterLab looking at ``prefix``'s share/jupyter; returns
    the line of this extension (empty if absent)."""
    env = dict(os.environ, JUPYTER_PATH=str(prefix / "share/jupyter"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    jupyter = Path(sys.executable).parent / "jupyter"
    proc = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True,
                          timeout=120, env=env)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)
    section = listing.split(str(prefix / "share/jupyter/labextensions"), 1)
    assert len(section) == 2, listing
    return next((ln for ln in section[1].splitlines() if NAME in ln), "")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    built = ROOT / "code2video_jupyter" / "labextension" / "package.json"
    assert built.exists(), "the extension's build is committed in code2video_jupyter/labextension/"
    out = tmp_path_factory.mktemp("wheel")
    env = _without_node()  # the committed build goes in: a wheel needs no node
    # isolated: the build hook's own dependencies (pyproject), not this venv's tools
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    (whl,) = out.glob("*.whl")
    return whl


def test_wheel_contains_the_prebuilt_extension(wheel):
    from code2video_jupyter import __version__

    prefix = DATA.format(version=__version__)
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        meta = json.loads(z.read(prefix + "package.json"))
        assert meta["name"] == NAME
        load = meta["jupyterlab"]["_build"]["load"]  # the entry JupyterLab loads
        assert prefix + load in names
        assert prefix + "static/style.js" in names
        assert prefix + f"schemas/{NAME}/plugin.json" in names
        schema = json.loads(z.read(prefix + f"schemas/{NAME}/plugin.json"))
        assert set(schema["properties"]) == {"model", "quality"}
        js = [n for n in names if n.startswith(prefix + "static/") and n.endswith(".js")]
        code = "".join(z.read(n).decode("utf-8", "replace") for n in js)
        # what the extension does is in there: the command, both MIME types, the toolbar button
        for needle in ("code2video:insert-cell", "application/vnd.code2video.storyboard+json",
                       "application/vnd.code2video.insert-cell+json", "jp-code2video-insert-button"):
            assert needle in code, needle
        # the sources and the node packages stay out; the package itself is in
        assert not [n for n in names if "node_modules" in n or n.endswith(".ts")]
        assert "code2video_jupyter/notebook/frontend.py" in names
        assert not [n for n in names if n.startswith("code2video_jupyter/labextension/")]


def test_jupyterlab_lists_it_enabled_after_pip_install(wheel, tmp_path):
    require_module("jupyterlab", "pip install -e '.[dev]'")
    # a fresh environment of its own: pip install --prefix from this one would first uninstall
    # this environment's (editable) code2video-jupyter
    prefix = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True,
                   timeout=120)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(prefix / "bin" / "python"),
                    "install", "--quiet", "--no-deps", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    assert (prefix / "share/jupyter/labextensions" / NAME / "package.json").is_file()
    # this environment still imports this checkout's package: the test left it alone
    where = subprocess.run([sys.executable, "-c", "import code2video_jupyter as c; print(c.__file__)"],
                           capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).resolve().is_relative_to(ROOT)
    line = _listed(prefix, tmp_path)
    assert re.search(rf"{NAME} v\S+ enabled\s+OK", line), line


def test_the_readme_install_gives_the_extension_without_node(tmp_path):
    """scripts/install.sh's own pip step (an editable install of the checkout) in a fresh
    environment with no node on PATH: the committed build lands where JupyterLab and
    Notebook 7 look, and JupyterLab lists it enabled and OK."""
    require_module("jupyterlab", "pip install -e '.[lab]'")
    prefix = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True,
                   timeout=120)
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(prefix / "bin" / "python"),
                           "install", "--quiet", "--no-deps", "--disable-pip-version-check",
                           "-e", str(ROOT)], capture_output=True, text=True, timeout=600,
                          env=_without_node())
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    installed = prefix / "share/jupyter/labextensions" / NAME
    committed = ROOT / "code2video_jupyter" / "labextension"
    files = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert files and all((installed / f).read_bytes() == (committed / f).read_bytes() for f in files)
    line = _listed(prefix, tmp_path)
    assert re.search(rf"{NAME} v\S+ enabled\s+OK", line), line


def test_this_environment_lists_the_extension_enabled():
    """After the README's first command (this environment was made by scripts/install.sh)."""
    require_module("jupyterlab", "pip install -e '.[lab]'")
    jupyter = Path(sys.executable).parent / "jupyter"
    proc = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True,
                          timeout=120)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + proc.stderr)
    assert re.search(rf"{NAME} v\S+ enabled\s+OK", listing), listing
