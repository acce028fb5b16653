"""The sandbox: hangs, memory bombs, secrets, network, stop; the rest of the video completes."""

from __future__ import annotations

import os
import socket
import threading
import time

import psutil
import pytest

from code2video_jupyter.cancel import Cancelled, CancelToken
from code2video_jupyter.options import RunOptions
from code2video_jupyter.pipeline import run
from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox
from code2video_jupyter.video import probe

from .conftest import SMALL_LESSON, render_jobs, run_lesson, wait_until, write_lesson

pytestmark = pytest.mark.render

SCENE = """
from manim import *
class Bad(Scene):
    def construct(self):
{body}
"""


def _scene(tmp_path, body: str):
    p = tmp_path / "scene.py"
    p.write_text(SCENE.format(body="\n".join("        " + ln for ln in body.splitlines())))
    return p


def test_hanging_and_memory_hungry_sections_are_killed_while_the_video_completes(tmp_path):
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    out = tmp_path / "run"
    run_lesson(lesson, out)
    (out / "sections/01/scene.py").write_text(SCENE.format(body="        while True:\n            pass"))
    (out / "sections/03/scene.py").write_text(
        SCENE.format(body="        hog = []\n        while True:\n            hog.append(bytearray(50_000_000))"))
    # the hog must reach the memory limit before the time limit, manim's import included:
    # 8 s was too close on a loaded machine
    summary, rec = run_lesson(lesson, out, render_timeout=20, memory_mb=1500)
    assert summary.failed == [1, 3] and summary.cached == [2]
    errors = {e.section: e.detail for e in rec.of("stage_finished") if e.status == "failed"}
    assert "time limit" in errors[1] and "memory" in errors[3]
    # the video is complete: a placeholder card stands in for each failed section
    info = probe(summary.video)
    cards = [probe(out / f"sections/0{i}/render/l/placeholder.mp4").duration for i in (1, 3)]
    middle = probe(out / "sections/02/render/l/section.mp4").duration
    assert abs(info.duration - (sum(cards) + middle)) <= 1 / 15 + 1e-6
    wait_until(lambda: not render_jobs(out), 10, "the end of the render processes")


def test_secrets_are_not_visible_and_network_is_cut(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-1234")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    body = f"""
import os, socket, glob
seen = [k for k in os.environ if "KEY" in k or "TOKEN" in k]
for env in glob.glob("/proc/*/environ"):
    try:
        if b"sk-test-secret" in open(env, "rb").read():
            seen.append(env)
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2)
    net = "connected"
except OSError as e:
    net = type(e).__name__
raise RuntimeError(f"seen={{seen}} net={{net}}")
"""
    result = render_in_sandbox(RenderRequest(scene_file=str(_scene(tmp_path, body))))
    server.close()
    assert not result.ok and result.error.type == "RuntimeError"
    assert "seen=[]" in result.error.message, result.error.message
    assert "net=connected" not in result.error.message
    assert result.error.scene_line is not None


def test_runtime_error_is_located_in_the_scene(tmp_path):
    result = render_in_sandbox(RenderRequest(scene_file=str(_scene(
        tmp_path, "c = Circle()\nself.play(Create(c))\nself.play(c.animate.no_such_method())"))))
    assert not result.ok and result.error.type == "AttributeError"
    assert result.error.scene_line == 7  # the line in scene.py, parsed from a plain traceback
    assert "no_such_method" in result.summary()


def test_a_scene_that_plays_nothing_still_gets_a_video(tmp_path):
    # manim saves a picture of such a scene and no video: its last frame is held for a second
    result = render_in_sandbox(RenderRequest(scene_file=str(_scene(tmp_path, "self.add(Circle(), Square())"))))
    assert result.ok, result.summary()
    info = probe(result.video)
    assert abs(info.duration - 1.0) <= 1 / 15 + 1e-6 and info.n_video_streams == 1


def test_escaped_descendants_are_killed_on_timeout(tmp_path):
    # a duration of its own: another suite on the machine may run the same attack at once
    seconds = f"300.{os.getpid()}{time.monotonic_ns() % 10_000}"
    body = f"""
import subprocess
subprocess.Popen(["setsid", "sleep", "{seconds}"])
while True:
    pass
"""
    result = render_in_sandbox(RenderRequest(scene_file=str(_scene(tmp_path, body))),
                               Limits(wall_seconds=4))
    assert result.killed == "timeout"
    wait_until(lambda: not [p for p in psutil.process_iter(["cmdline"])
                            if (p.info["cmdline"] or [])[:2] == ["sleep", seconds]],
               10, "the end of the escaped `sleep`")


def test_stop_kills_the_render_at_once(tmp_path):
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    out = tmp_path / "run"
    run_lesson(lesson, out)
    (out / "sections/02/scene.py").write_text(SCENE.format(body="        self.wait(600)"))
    cancel = CancelToken()
    seen = []

    def listener(e):
        if e.type == "stage_started" and e.stage == "render":
            seen.append(time.monotonic())
            threading.Timer(2.0, cancel.cancel).start()

    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        run(RunOptions(lesson=lesson, out=out, jobs=1), listener, cancel)
    # The scene waits 600 s: ending within a fraction of that means it was stopped (how fast
    # a Stop takes effect is measured by bench/bench_stop.py).
    assert seen and time.monotonic() - t0 < 120
    wait_until(lambda: not render_jobs(out), 10, "the end of the render process")
    assert os.path.exists(out / "sections/01/render/l/section.mp4")  # finished work is kept
