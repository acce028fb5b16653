"""The %%code2video magic in a real IPython shell: flags and %config into RunOptions, short
errors, subcommands, and a %load_ext that imports neither manim nor litellm."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from code2video_jupyter.notebook.config import Code2Video, configurable_fields
from code2video_jupyter.notebook.magic import (
    Code2VideoMagics,
    MagicError,
    cell_parser,
    is_lesson,
)
from code2video_jupyter.options import RunOptions


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "code2video_jupyter")
    return ip


@pytest.fixture
def magics(shell):
    m = shell.magics_manager.registry["Code2VideoMagics"]
    saved = dict(m.settings.trait_values())
    yield m
    for name, value in saved.items():  # %config changes stay in this test
        if name in configurable_fields():
            setattr(m.settings, name, value)
    shell.config.pop("Code2Video", None)


def run_cell(shell, text: str):
    with capture_output() as cap:
        result = shell.run_cell(text)
    return result, cap


def test_load_ext_imports_nothing_heavy():
    code = textwrap.dedent("""
        import json, sys, time
        from IPython.core.interactiveshell import InteractiveShell
        ip = InteractiveShell.instance()
        ip.run_line_magic("load_ext", "code2video_jupyter")
        ip.run_line_magic("config", "Code2Video.quality = 'm'")
        ip.run_line_magic("code2video", "models")
        ip.run_line_magic("code2video", "runs")
        print(json.dumps({"heavy": sorted(m for m in ("manim", "litellm") if m in sys.modules)}))
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout.strip().splitlines()[-1])
    assert report["heavy"] == []  # what keeps it fast; its time is in bench/bench_stop.py


def test_every_run_option_is_a_flag_and_a_setting():
    dests = {a.dest for a in cell_parser()._actions}
    for name in configurable_fields():
        assert name in dests, f"RunOptions.{name} has no %%code2video flag"
        assert Code2Video.class_traits(config=True).get(name) is not None, f"no Code2Video.{name}"
    assert {"wait", "debug", "embed"} <= dests
    assert "topic" not in configurable_fields()  # the cell body gives it


def test_flags_parse_into_run_options(magics):
    args = magics.parse_line("-q m --jobs 2 --name demo --render-timeout 30 --wait")
    opts = magics.build_options(args, topic="pulleys")
    assert isinstance(opts, RunOptions)
    assert (opts.quality, opts.jobs, opts.name, opts.render_timeout, opts.topic) == (
        "m", 2, "demo", 30.0, "pulleys")
    assert args.wait and not args.debug


def test_config_applies_and_flags_override(shell, magics):
    shell.run_line_magic("config", "Code2Video.quality = 'h'")
    shell.run_line_magic("config", "Code2Video.regenerate = True")
    opts = magics.build_options(magics.parse_line(""), topic="t")
    assert opts.quality == "h" and opts.regenerate
    opts = magics.build_options(magics.parse_line("-q l --no-regenerate"), topic="t")
    assert opts.quality == "l" and not opts.regenerate
    shell.run_line_magic("config", "Code2Video.quality = 'z'")  # traitlets refuses it (logged)
    assert magics.settings.quality == "h"


def test_ipython_config_file_settings(shell):
    # c.Code2Video.jobs = 1 in ipython_config.py lands in shell.config before the magics exist
    shell.config.Code2Video.jobs = 1
    m = Code2VideoMagics(shell)
    try:
        assert m.build_options(m.parse_line(""), topic="t").jobs == 1
    finally:
        shell.config.pop("Code2Video", None)
        shell.configurables.remove(m.settings)


@pytest.mark.parametrize(("cell", "expected"), [
    ("%%code2video -q z\n# T\n## S\n- x\n", "invalid choice: 'z'"),
    ("%%code2video --jobs 0\n# T\n## S\n- x\n", "option jobs"),
    ("%%code2video\n# T\n## S\n- x\n  ```chart\n  ```\n", "cell:4: unknown visual kind 'chart'"),
    ("%%code2video\n\n", "the cell is empty"),
    ("%%code2video\nthe derivative as a slope\n", "needs a model"),
    ("%code2video frobnicate", "unknown subcommand 'frobnicate'"),
    ("%code2video show no-such-run", "no run 'no-such-run'"),
])
def test_errors_are_one_short_red_message(shell, tmp_path, monkeypatch, cell, expected):
    monkeypatch.chdir(tmp_path)
    result, cap = run_cell(shell, cell)
    assert isinstance(result.error_in_exec, MagicError)
    out = cap.stdout + cap.stderr
    assert expected in out
    assert "Traceback" not in out and "File \"" not in out
    assert out.lstrip().startswith("\x1b[31mcode2video:")
    assert not (tmp_path / "code2video_runs").exists() or expected != "needs a model"
    assert not list(tmp_path.glob(".code2video-cell-*"))  # the staged outline is cleaned up


def test_debug_shows_the_traceback(shell, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result, cap = run_cell(shell, "%%code2video --debug\nthe derivative as a slope\n")
    assert result.error_in_exec is not None and not isinstance(result.error_in_exec, MagicError)
    assert "Traceback" in cap.stdout + cap.stderr or "NoModelError" in cap.stdout + cap.stderr


def test_help_does_not_exit_the_kernel(shell):
    result, cap = run_cell(shell, "%%code2video --help\nx\n")
    assert result.error_in_exec is None
    assert "--quality" in cap.stdout and "--wait" in cap.stdout


def test_cell_body_lesson_or_topic():
    assert is_lesson("# Title\n\n## Section\n- line\n")
    assert is_lesson("---\ntitle: x\n---\n## S\n- a\n")
    assert is_lesson("## Only a section\n- line\n")
    assert not is_lesson("The derivative as a slope")
    assert not is_lesson("#hashtag topics are topics")


def test_runs_and_models(shell, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, cap = run_cell(shell, "%code2video runs")
    assert "no runs in code2video_runs/" in cap.stdout
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-1234567890")
    (tmp_path / ".env").write_text("ANTHROPIC_API_KEY=also-secret-value-123\n")
    shell.run_line_magic("config", "Code2Video.coder_model = 'ollama/qwen2.5-coder'")
    try:
        _, cap = run_cell(shell, "%code2video models")
    finally:
        shell.run_line_magic("config", "Code2Video.coder_model = None")
    text = "".join(o.data.get("text/plain", "") + o.data.get("text/html", "") for o in cap.outputs)
    assert "OPENAI_API_KEY" in text and "ANTHROPIC_API_KEY" in text
    assert "sk-test-not-a-real-key" not in text and "also-secret-value" not in text
    assert "ollama/qwen2.5-coder" in text


def test_doctor(shell):
    _, cap = run_cell(shell, "%code2video doctor")
    text = cap.outputs[0].data["text/plain"]
    assert "LaTeX" in text and "sandbox" in text and "manim" in text
