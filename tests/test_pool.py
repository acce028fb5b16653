"""Warm render workers: a job runs as a cold render does (same files, same result), a hostile
job cannot poison the worker or the next job, and the pool replaces what it must: a worker
killed by its job, one whose code changed, one idle too long. No timing is asserted (the
speed-up is bench/bench_pool.py's)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox
from code2video_jupyter.sandbox import pool as pool_module
from code2video_jupyter.sandbox.isolation import probe
from code2video_jupyter.sandbox.pool import WorkerPool

from .conftest import unavailable, wait_until

pytestmark = pytest.mark.render

SCENE = '''
from manim import *


class Job(Scene):
    def construct(self):
{body}
'''

# What a job can try to leave for the next one: files in every writable place of its view, a
# folder it locks, a process that outlives it, an environment variable, manim patched in memory.
POISON = '''
import os, subprocess
for folder in ("/tmp", "/dev/shm", os.environ["HOME"], "/c2v"):
    try:
        with open(os.path.join(folder, "poison"), "w") as f:
            f.write("left by a job")
    except OSError:
        pass
os.makedirs("/tmp/locked/inner", exist_ok=True)
open("/tmp/locked/inner/f", "w").close()
os.chmod("/tmp/locked/inner", 0)
os.chmod("/tmp/locked", 0)
subprocess.Popen(["setsid", "sleep", "300"])
os.environ["C2V_POISON"] = "1"
import manim
manim.Circle = None
self.add(Square())
self.wait(0.2)
'''

CHECK = '''
import json, os
found = [p for p in ("/tmp/poison", "/dev/shm/poison", os.path.join(os.environ["HOME"], "poison"),
                     "/c2v/poison", "/tmp/locked") if os.path.lexists(p)]
sleepers = []
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if open(f"/proc/{pid}/cmdline", "rb").read().startswith(b"sleep\\0" + b"300"):
            sleepers.append(pid)
    except OSError:
        pass
raise RuntimeError("REPORT" + json.dumps({"found": found, "sleepers": len(sleepers),
                                          "env": os.environ.get("C2V_POISON"),
                                          "circle": Circle is not None}))
'''


def _scene(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(SCENE.format(body=textwrap.indent(textwrap.dedent(body), " " * 8)))
    return path


def _report(result) -> dict:
    assert result.error and "REPORT" in result.error.message, result.summary()
    return json.loads(result.error.message.split("REPORT", 1)[1].splitlines()[0])


@pytest.fixture
def pool(monkeypatch):
    layers = probe()
    if not pool_module.fits(layers):
        unavailable(f"warm workers need the file-system view: {layers.report()}")
    p = WorkerPool(1, idle_seconds=600)
    monkeypatch.setattr(pool_module, "_POOL", p)  # what render_in_sandbox uses
    yield p
    p.shutdown()


def _render(scene: Path, tmp_path: Path, **limits) -> object:
    work = tmp_path / f"work-{scene.stem}-{len(list(tmp_path.iterdir()))}"
    return render_in_sandbox(RenderRequest(scene_file=str(scene)),
                             Limits(wall_seconds=120, **limits), keep_workdir=str(work))


def test_a_job_renders_like_a_cold_render(pool, tmp_path):
    scene = _scene(tmp_path, "ok", "self.play(Create(Circle()))\nself.wait(1)")
    warm = _render(scene, tmp_path)
    cold = render_in_sandbox(RenderRequest(scene_file=str(scene)), Limits(wall_seconds=120),
                             keep_workdir=str(tmp_path / "cold"), warm=False)
    assert warm.ok and cold.ok, (warm.summary(), cold.summary())
    assert (warm.worker, cold.worker) == ("warm", "cold")
    assert warm.duration == cold.duration == 2.0
    assert Path(warm.video).is_file() and Path(warm.video).is_relative_to(tmp_path)
    assert Path(warm.log).is_file()
    error = _render(_scene(tmp_path, "bad", "self.play(Create(Circle().no_such_method()))"), tmp_path)
    assert not error.ok and error.error.type == "AttributeError" and error.error.scene_line == 7
    assert pool.stats.started == 1 and pool.stats.jobs == 2  # one worker for both


def test_no_job_poisons_the_next(pool, tmp_path):
    first = _render(_scene(tmp_path, "poison", POISON), tmp_path)
    assert first.ok, first.summary()
    report = _report(_render(_scene(tmp_path, "check", CHECK), tmp_path))
    assert report == {"found": [], "sleepers": 0, "env": None, "circle": True}
    assert pool.stats.started == 1  # the same worker ran both: it cleaned up


def test_a_job_that_kills_its_worker(pool, tmp_path):
    killer = _scene(tmp_path, "killer", "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)")
    result = _render(killer, tmp_path)
    assert not result.ok and "worker" in result.summary(), result.summary()
    assert pool.stats.retried == 1  # retried once on a new worker, which it killed too
    after = _render(_scene(tmp_path, "after", "self.wait(0.5)"), tmp_path)
    assert after.ok and after.worker == "warm", after.summary()


def test_timeout_kills_the_job_not_the_worker(pool, tmp_path):
    loop = _scene(tmp_path, "loop", "import subprocess\nsubprocess.Popen(['setsid', 'sleep', '300'])\n"
                                   "while True:\n    pass")
    result = render_in_sandbox(RenderRequest(scene_file=str(loop)), Limits(wall_seconds=3),
                               keep_workdir=str(tmp_path / "loop-work"))
    assert result.killed == "timeout", result.summary()
    assert not pool.job_pids()
    report = _report(_render(_scene(tmp_path, "check", CHECK), tmp_path))
    assert report["sleepers"] == 0
    assert pool.stats.started == 1


def test_probe_check_and_assets_through_a_worker(pool, tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "note.txt").write_text("an asset")
    body = "assert open('assets/note.txt').read() == 'an asset'\nself.play(FadeIn(Text('hi')))"
    scene = _scene(tmp_path, "probe", body)
    probed = render_in_sandbox(RenderRequest(scene_file=str(scene), probe=True,
                                             assets_dir=str(assets)),
                               Limits(wall_seconds=120), keep_workdir=str(tmp_path / "pw"))
    assert probed.ok and probed.video is None, probed.summary()
    assert (tmp_path / "pw" / "snapshots.json").is_file()
    checked = render_in_sandbox(RenderRequest(scene_file=str(scene), check=True,
                                              assets_dir=str(assets)),
                                Limits(wall_seconds=120), keep_workdir=str(tmp_path / "cw"))
    assert checked.ok and checked.worker == "warm", checked.summary()


def test_code_change_and_idle_replace_workers(pool, tmp_path, monkeypatch):
    scene = _scene(tmp_path, "ok", "self.wait(0.2)")
    assert _render(scene, tmp_path).ok
    stamp = pool_module.code_stamp()
    monkeypatch.setattr(pool_module, "code_stamp", lambda: (*stamp, "edited"))
    assert _render(scene, tmp_path).ok
    assert (pool.stats.started, pool.stats.replaced) == (2, 1)
    pool.idle_seconds = 0.2
    wait_until(lambda: pool.report()["idle"] == 0, 30, "the idle worker's shutdown")
