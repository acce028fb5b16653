"""The command line: clear errors for bad input, and the commands a user types."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import SMALL_LESSON, wait_until, write_lesson


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "code2video_jupyter", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600)


@pytest.mark.parametrize(("text", "expected"), [
    ("", "the lesson is empty"),
    ("# Title only\n", "no sections"),
    ("# T\n\n## S\n- line\n  ```chart\n  ```\n", "lesson.md:5: unknown visual kind 'chart'"),
])
def test_bad_lessons_give_clear_errors(tmp_path, text, expected):
    lesson = write_lesson(tmp_path, text) if text else tmp_path / "lesson.md"
    lesson.write_text(text)
    p = cli("render", str(lesson), "--out", str(tmp_path / "run"))
    assert p.returncode == 1
    assert expected in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "run" / "final.mp4").exists()


def test_non_utf8_lesson(tmp_path):
    lesson = tmp_path / "l.md"
    lesson.write_bytes(b"# T\xe9\n")
    p = cli("render", str(lesson))
    assert p.returncode == 1 and "not UTF-8" in p.stderr


def test_missing_lesson_and_debug_traceback(tmp_path):
    p = cli("render", str(tmp_path / "nope.md"))
    assert p.returncode == 1 and "lesson not found" in p.stderr and "Traceback" not in p.stderr
    p = cli("--debug", "render", str(tmp_path / "nope.md"))
    assert "Traceback" in p.stderr


def test_bad_option_is_named():
    p = cli("render", "x.md", "-q", "z")
    assert p.returncode == 2 and "invalid choice: 'z'" in p.stderr


@pytest.mark.render
def test_render_status_revert(tmp_path):
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    p = cli("render", str(lesson), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    run_dir = tmp_path / "code2video_runs" / "lesson"
    assert p.stdout.strip() == str((run_dir / "final.mp4").resolve())
    assert "section  3: done" in p.stderr
    again = cli("render", str(run_dir))  # a run folder continues that run
    assert again.returncode == 0 and "rendered 0, unchanged 3" in again.stderr
    status = cli("status", str(run_dir))
    assert status.returncode == 0 and "done r1 (compiler)" in status.stdout
    bad = cli("revert", str(run_dir), "2", "9")
    assert bad.returncode == 1 and "no revision 9 (revisions: 1)" in bad.stderr


def test_doctor_reports():
    p = cli("doctor")
    assert "LaTeX" in p.stdout and "sandbox" in p.stdout
    assert p.returncode in (0, 1)


@pytest.mark.render
def test_stop_during_the_join_exits_130(tmp_path, monkeypatch, capsys):
    """Ctrl-C while the sections are being joined: 'stopped' and exit 130 (as for a Stop at any
    other moment), never an error; no final.mp4 is left half-written."""
    import os
    import signal

    from code2video_jupyter.cli.main import EXIT_STOPPED, main
    from code2video_jupyter.pipeline import assemble_stage

    real_concat = assemble_stage.concat

    def interrupted_concat(inputs, output, *, cancel):
        os.kill(os.getpid(), signal.SIGINT)  # the CLI's handler turns it into a Stop
        wait_until(cancel, what="the Stop")
        return real_concat(inputs, output, cancel=cancel)

    monkeypatch.setattr(assemble_stage, "concat", interrupted_concat)
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = main(["render", str(lesson), "--out", str(tmp_path / "run"), "--no-narration"])
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    err = capsys.readouterr().err
    assert code == EXIT_STOPPED == 130, err
    assert "stopped" in err and "error" not in err
    assert not (tmp_path / "run" / "final.mp4").exists()
