"""`code2video fix` on any manim file: deterministic repairs verified by a real render, and a
model fix scoped to the failing line (scripted provider)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.video import probe

from .corpus import CORPUS

SCRIPTS = Path(__file__).parent / "scripts"
pytestmark = [pytest.mark.render, pytest.mark.usefixtures("fresh_model")]


def test_a_removed_api_is_fixed_and_rendered_without_a_model(tmp_path, capsys):
    scene = tmp_path / "scene.py"
    shutil.copy(CORPUS / "broken/renamed_api_05_fadeinfrom.py", scene)
    before = scene.read_text()
    assert cli(["fix", str(scene), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["model_calls"] == 0 and SCRIPTED.answered == []
    assert [i["kind"] for i in report["gate_before"]] == ["unknown_name"]
    assert scene.read_text() == before  # the input is never changed
    fixed = (tmp_path / "scene.fixed.py").read_text()
    assert "FadeIn(label, shift=LEFT)" in fixed
    assert probe(report["rendered"]).duration > 0


def test_a_runtime_error_needs_the_model_and_gets_one_scoped_call(tmp_path, capsys):
    scene = tmp_path / "scene.py"
    shutil.copy(CORPUS / "broken/index_error_01_mathtex_single_string.py", scene)
    assert cli(["fix", str(scene), "--json", "--no-llm"]) == 3
    assert json.loads(capsys.readouterr().out)["error"].startswith("IndexError")
    code = cli(["fix", str(scene), "--json", "--model", f"scripted/{SCRIPTS / 'fix_command.yaml'}"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] and report["model_calls"] == 1
    assert [a["stage"] for a in SCRIPTED.answered] == ["fix-line"]
    assert "formula[0][-1]" in (tmp_path / "scene.fixed.py").read_text()
