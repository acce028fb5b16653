"""Each isolation layer against the attack it exists for, as an attacker would write it in a
scene (plainly, and obfuscated: getattr/__import__ names run from base64 through exec): with the
layer on the attack is contained; with that one layer switched off it escapes (the positive
control: it shows the attack is real and that this layer is what stops it). As root, and as an
ordinary user whose runner builds the sandbox through a user namespace.

The attacks are the ones found against the sandbox before these layers (issue 14): files
deleted and written outside the work folder, 2 GB written to disk, 300 MB of log, 200
processes, a memory bomb split over many processes; and, as root, a scene that uses root's
capabilities to make the read-only view writable.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox
from code2video_jupyter.sandbox.fsview import View, python_trees
from code2video_jupyter.sandbox.isolation import cgroup_parents, delegated_name, probe
from code2video_jupyter.sandbox.pool import warm_enabled
from code2video_jupyter.video import probe as probe_video

from .conftest import SMALL_LESSON, run_lesson, unavailable, write_lesson

pytestmark = pytest.mark.render

ROOT = os.geteuid() == 0
USER = "c2v-sandbox-test"  # the ordinary user of these tests (made by them when run as root)
DRIVER = Path(__file__).with_name("sandbox_driver.py")
MB = 1 << 20


# --- the attacks ------------------------------------------------------------------------------
# Each defines plain(p) and obfuscated(p), which return what they achieved; the scene raises it
# as "REPORT{json}" (error.json carries it back).

FILES = ('''
def plain(p):
    import os
    deleted = 0
    for victim in p["victims"]:
        try:
            os.remove(victim + ".plain")
            deleted += 1
        except OSError:
            pass
    try:
        with open(p["planted"] + ".plain", "w") as f:
            f.write("planted by a scene")
        planted = True
    except OSError:
        planted = False
    return {"deleted": deleted, "planted": planted}
''', '''
def obfuscated(p):
    m = __import__("".join(map(chr, (111, 115))))
    b = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
    deleted = 0
    for victim in p["victims"]:
        try:
            getattr(m, "un" + "link")(victim + ".obf")
            deleted += 1
        except OSError:
            pass
    try:
        f = b["op" + "en"](p["planted"] + ".obf", "w")
        f.write("planted by a scene")
        f.close()
        planted = True
    except OSError:
        planted = False
    return {"deleted": deleted, "planted": planted}
''')

DISK = ('''
def plain(p):
    import os
    chunk = b"\\0" * (64 << 20)
    total, made = 0, []
    for folder in (".", "/tmp", "/dev/shm"):
        i = 0
        while total < p["bytes"]:
            path = os.path.join(folder, "fill-plain-%d" % i)
            i += 1
            made.append(path)
            try:
                with open(path, "wb") as f:
                    for _ in range(8):
                        if total >= p["bytes"]:
                            break
                        f.write(chunk)
                        total += len(chunk)
            except OSError:
                break
    for path in made:
        try:
            os.remove(path)
        except OSError:
            pass
    return {"written": total}
''', '''
def obfuscated(p):
    m = __import__("o" + "s")
    op, wr, cl, rm = (getattr(m, n) for n in ("op" + "en", "wri" + "te", "clo" + "se", "re" + "move"))
    flags = m.O_WRONLY | m.O_CREAT | m.O_TRUNC
    chunk = bytes(64 << 20)
    total, made = 0, []
    for folder in (".", "/tmp", "/dev/shm"):
        i = 0
        while total < p["bytes"]:
            path = folder + "/fill-obf-%d" % i
            i += 1
            made.append(path)
            try:
                fd = op(path, flags)
            except OSError:
                break
            full = True
            try:
                for _ in range(8):
                    if total >= p["bytes"]:
                        break
                    n = wr(fd, chunk)
                    total += n
                    if n < len(chunk):
                        full = False
                        break
            except OSError:
                full = False
            cl(fd)
            if not full:
                break
    for path in made:
        try:
            rm(path)
        except OSError:
            pass
    return {"written": total}
''')

LOG = ('''
def plain(p):
    import sys
    line = "x" * ((1 << 20) - 1)
    for _ in range(p["mb"]):
        print(line)
    sys.stdout.flush()
    return {"mb": p["mb"]}
''', '''
def obfuscated(p):
    w = getattr(__import__("o" + "s"), "wri" + "te")
    block = b"y" * (1 << 20)
    for _ in range(p["mb"]):
        w(2, block)
    return {"mb": p["mb"]}
''')

PROCESSES = ('''
def plain(p):
    import subprocess
    procs = []
    for _ in range(p["count"]):
        try:
            procs.append(subprocess.Popen(["sleep", "60"]))
        except OSError:
            break
    for proc in procs:
        proc.kill()
        proc.wait()
    return {"spawned": len(procs)}
''', '''
def obfuscated(p):
    m = __import__("o" + "s")
    fork, kill, wait = getattr(m, "fo" + "rk"), getattr(m, "ki" + "ll"), getattr(m, "wait" + "pid")
    pids = []
    for _ in range(p["count"]):
        try:
            pid = fork()
        except OSError:
            break
        if pid == 0:
            __import__("time").sleep(60)
            getattr(m, "_ex" + "it")(0)
        pids.append(pid)
    for pid in pids:
        kill(pid, 9)
        wait(pid, 0)
    return {"spawned": len(pids)}
''')

# p["hog"]: a program that takes p["mb"] of memory (every page touched), says so, and waits
MEMORY = ('''
def plain(p):
    import subprocess, sys
    procs = [subprocess.Popen([sys.executable, "-c", p["hog"]], stdout=subprocess.PIPE)
             for _ in range(p["count"])]
    for proc in procs:  # each has its memory, or was killed
        proc.stdout.readline()
    held = sum(1 for proc in procs if proc.poll() is None)
    for proc in procs:
        proc.kill()
        proc.wait()
    return {"held": held}
''', '''
def obfuscated(p):
    sp = __import__("subpro" + "cess")
    procs = [getattr(sp, "Po" + "pen")([__import__("sys").executable, "-c", p["hog"]],
                                      stdout=getattr(sp, "PI" + "PE"))
             for _ in range(p["count"])]
    for proc in procs:  # each has its memory, or was killed
        proc.stdout.readline()
    held = sum(1 for proc in procs if proc.poll() is None)
    for proc in procs:
        proc.kill()
        proc.wait()
    return {"held": held}
''')
HOG = ("import time\nn = {mb} << 20\nb = bytearray(n)\nb[::4096] = b'1' * len(range(0, n, 4096))\n"
       "print('ok', flush=True)\ntime.sleep(60)\n")

# As root with its capabilities, a scene can make the read-only view writable again and plant a
# "formula" in the TeX cache every later render reads.
PRIVILEGES = ('''
def plain(p):
    import subprocess
    r = subprocess.run(["mount", "-o", "remount,rw,bind", p["target"]], capture_output=True)
    try:
        with open(p["target"] + "/poison.plain", "w") as f:
            f.write("planted")
        written = True
    except OSError:
        written = False
    subprocess.run(["mount", "-o", "remount,ro,bind", p["target"]], capture_output=True)
    return {"remounted": r.returncode == 0, "written": written}
''', '''
def obfuscated(p):
    c = __import__("ct" + "ypes")
    libc = getattr(c, "CD" + "LL")(None, use_errno=True)
    rc = getattr(libc, "mo" + "unt")(b"none", p["target"].encode(), None, 32 | 4096, None)
    try:
        b = __builtins__ if isinstance(__builtins__, dict) else vars(__builtins__)
        f = b["op" + "en"](p["target"] + "/poison.obf", "w")
        f.write("planted")
        f.close()
        written = True
    except OSError:
        written = False
    return {"remounted": rc == 0, "written": written}
''')

SCENE = '''
import base64, json
from manim import *

{plain}

exec(base64.b64decode({obfuscated!r}).decode())


class Attack(Scene):
    def construct(self):
        p = json.loads({params!r})
        report = {{"plain": plain(p), "obfuscated": obfuscated(p)}}
        raise RuntimeError("REPORT" + json.dumps(report))
'''


def attack_scene(path: Path, attack: tuple[str, str], params: dict) -> Path:
    plain, obfuscated = attack
    path.write_text(SCENE.format(plain=plain, params=json.dumps(params),
                                 obfuscated=base64.b64encode(obfuscated.encode()).decode()))
    return path


def report(outcome: dict) -> dict:
    """The scene's report of what its attacks achieved (or {} if it was killed before)."""
    error = outcome["result"].get("error") or {}
    message = error.get("message", "")
    return json.loads(message[len("REPORT"):]) if message.startswith("REPORT") else {}


# --- who runs the render ----------------------------------------------------------------------

def _layers_or_unavailable():
    layers = probe()
    missing = [name for name, ok in (("bubblewrap", layers.bwrap), ("pids cgroup", layers.pids_cgroup),
                                     ("memory cgroup", layers.memory_cgroup)) if not ok]
    if missing:
        unavailable(f"the sandbox lacks {', '.join(missing)} here: {json.dumps(layers.report())}")
    return layers


class Runner:
    """Renders as root (in this process) or as an ordinary user (tests/sandbox_driver.py started
    as that user; when the tests run as an ordinary user already, in this process)."""

    def __init__(self, who: str, base: Path, uid: int | None = None, gid: int | None = None,
                 outer: list[str] | None = None) -> None:
        self.who, self.base, self.uid, self.gid, self.outer = who, base, uid, gid, outer

    @property
    def in_process(self) -> bool:
        return self.uid is None

    def folder(self, name: str) -> Path:
        path = self.base / name
        path.mkdir(parents=True, exist_ok=True)
        if self.uid is not None:
            os.chown(path, self.uid, self.gid)
        return path

    def file(self, path: Path, text: str = "precious") -> Path:
        path.write_text(text)
        if self.uid is not None:
            os.chown(path, self.uid, self.gid)
        return path

    def render(self, scene: Path, *, without: tuple[str, ...] = (), limits: dict | None = None,
               tex_cache: Path | None = None) -> dict:
        work = self.folder(f"work-{os.urandom(3).hex()}")
        request = {"scene_file": str(scene), "quality": "l",
                   "tex_cache": str(tex_cache) if tex_cache else None}
        limits = {"wall_seconds": 180, **(limits or {})}
        if self.in_process:
            layers = probe().without(*without)
            result = render_in_sandbox(RenderRequest(**request), Limits(**limits), layers=layers,
                                       keep_workdir=str(work))
            log = Path(result.log) if result.log else None
            out = {"result": result.model_dump(mode="json"),
                   "log_bytes": log.stat().st_size if log and log.exists() else 0}
        else:
            spec = {"request": request, "limits": limits, "without": list(without), "work": str(work)}
            out = json.loads(self.driver(spec))
        if not without and warm_enabled():
            # every layer on: the attack ran in a warm worker, as every real render does
            assert out["result"]["worker"] == "warm", out["result"]
            if self.in_process:
                self.pool_still_healthy()
        return out

    def pool_still_healthy(self) -> None:
        """After an attack, the next job of the same pool renders (on a worker it left clean,
        or on the one that replaced a worker it broke)."""
        scene = self.folder("scenes") / "after.py"
        scene.write_text("from manim import *\n\nclass After(Scene):\n"
                         "    def construct(self):\n        self.add(Dot())\n        self.wait(0.2)\n")
        result = render_in_sandbox(RenderRequest(scene_file=str(scene), quality="l"),
                                   Limits(wall_seconds=120), keep_workdir=str(self.folder("after")))
        assert result.ok and result.worker == "warm", result.summary()

    def driver(self, spec: dict) -> str:
        assert self.outer is not None
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.base),
               "C2V_CACHE_DIR": str(self.base / "cache")}
        p = subprocess.run([*self.outer, sys.executable, str(DRIVER), json.dumps(spec)],
                           capture_output=True, text=True, env=env, timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]
        return p.stdout.strip().splitlines()[-1]

    def layer_report(self) -> dict[str, str]:
        if self.in_process:
            return probe().report()
        return json.loads(self.driver({"report": True}))


def _ordinary_user() -> tuple[int, int]:
    try:
        pw = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
                       check=True, capture_output=True)
        pw = pwd.getpwnam(USER)
    return pw.pw_uid, pw.pw_gid


def _delegate_cgroups(uid: int, gid: int) -> None:
    """What an administrator does once for a user (systemd does it for a session on cgroup
    v2): a cgroup folder of the user's own, where its renders get theirs."""
    parents = cgroup_parents(uid)  # made here by root, where the user's runner looks
    assert set(parents) == {"pids", "memory"}, parents
    for parent in map(Path, parents.values()):
        assert parent.name == delegated_name(uid)
        for path in (parent, *parent.iterdir()):
            os.chown(path, uid, gid)


def _outer_view(uid: int, gid: int, base: Path) -> list[str]:
    """Start the driver as the user. The interpreter may live under /root, which the user cannot
    traverse (this machine: pyenv in /root/.pyenv): a mount namespace (bubblewrap, as root) shows
    everything as it is but /root, which holds only the Python trees."""
    bwrap = shutil.which("bwrap")
    assert bwrap
    repo = Path(__file__).resolve().parents[1]
    hidden = Path("/root")
    view = View(args=["--dev-bind", "/", "/"])
    needed = [t for t in [*python_trees(), repo] if t.is_relative_to(hidden)]
    if needed:
        view.tmpfs(hidden, 64, "0755")
        for tree in sorted(set(needed), key=lambda t: len(t.parts)):
            view.ro_bind(tree)  # with its parent folders traversable (0755)
    args = [bwrap, *view.args]
    setpriv = shutil.which("setpriv")
    assert setpriv
    return [*args, "--", setpriv, f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--"]


@pytest.fixture(scope="module")
def user_base():
    """A folder the ordinary user owns (pytest's own are root's and 0700)."""
    base = Path(tempfile.mkdtemp(prefix="c2v-user-", dir="/tmp"))
    os.chmod(base, 0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["root", "user"])
def runner(request, tmp_path, user_base):
    _layers_or_unavailable()
    if request.param == "root":
        if not ROOT:
            unavailable("the root case needs the tests to run as root")
        return Runner("root", tmp_path)
    if not ROOT:
        return Runner("user", tmp_path)  # an ordinary user already: in this process
    uid, gid = _ordinary_user()
    _delegate_cgroups(uid, gid)
    base = user_base / request.node.name.replace("[", "-").replace("]", "")
    base.mkdir()
    os.chown(base, uid, gid)
    return Runner("user", base, uid, gid, _outer_view(uid, gid, base))


# --- the layers -------------------------------------------------------------------------------

def test_doctor_lists_every_layer_as_active(runner):
    states = runner.layer_report()
    inactive = {k: v for k, v in states.items() if not v.startswith("active")}
    assert not inactive, inactive
    if runner.who == "root":
        assert "uid" in states["privileges dropped"], states


def test_without_bubblewrap_doctor_says_so(monkeypatch):
    """No bwrap on the machine: no view and no disk cap, reported as such (the render still
    runs, in the namespaces of util-linux's unshare: see the fs_view positive controls)."""
    import code2video_jupyter.sandbox.isolation as isolation

    which = shutil.which
    monkeypatch.setattr(isolation.shutil, "which",
                        lambda name, *a, **k: None if name == "bwrap" else which(name, *a, **k))
    states = isolation.probe.__wrapped__().report()
    assert states["file-system view (bubblewrap)"].startswith("not available: bubblewrap (bwrap) "
                                                              "is not installed"), states
    assert states["disk written (size-limited work folder)"].startswith("not available"), states


def test_files_outside_the_work_folder(runner):
    notebook = runner.folder("notebook")  # stands for the notebook's folder, the home, ...
    victims = [notebook / "lesson.md"]
    home_canary = None
    if runner.who == "root":
        home_canary = Path.home() / f".c2v-sandbox-canary-{os.urandom(3).hex()}"
        victims.append(home_canary)
    for v in victims:
        for suffix in (".plain", ".obf"):
            runner.file(Path(f"{v}{suffix}"))
    params = {"victims": [str(v) for v in victims], "planted": str(notebook / "planted")}
    scene = attack_scene(runner.folder("scenes") / "files.py", FILES, params)
    try:
        on = report(runner.render(scene))
        assert on == {k: {"deleted": 0, "planted": False} for k in ("plain", "obfuscated")}, on
        for v in victims:
            assert Path(f"{v}.plain").read_text() == "precious"
        off = report(runner.render(scene, without=("fs_view",)))
        assert off == {k: {"deleted": len(victims), "planted": True} for k in ("plain", "obfuscated")}, off
    finally:
        if home_canary:
            for suffix in (".plain", ".obf"):
                Path(f"{home_canary}{suffix}").unlink(missing_ok=True)


def test_disk_written(runner):
    scene = attack_scene(runner.folder("scenes") / "disk.py", DISK, {"bytes": 2048 * MB})
    on = report(runner.render(scene))
    # the work folder's tmpfs (disk_mb, 1 GB), /tmp (64 MB) and /dev/shm (16 MB), no more
    cap = (Limits().disk_mb + 64 + 16) * MB
    for variant in ("plain", "obfuscated"):
        assert 900 * MB < on[variant]["written"] <= cap, on
    off = report(runner.render(scene, without=("disk_cap",)))
    for variant in ("plain", "obfuscated"):
        assert off[variant]["written"] >= 2048 * MB, off


def test_log_kept_bounded(runner):
    scene = attack_scene(runner.folder("scenes") / "log.py", LOG, {"mb": 300})
    on = runner.render(scene)
    assert report(on) == {"plain": {"mb": 300}, "obfuscated": {"mb": 300}}
    assert on["log_bytes"] < 1 * MB and "log" in on["result"]["caps_hit"]
    log = Path(on["result"]["log"]).read_bytes()
    assert b"bytes of output cut by the sandbox" in log and b"REPORT" in log[-5000:]
    off = runner.render(scene, without=("bounded_log",))
    try:
        assert off["log_bytes"] >= 600 * MB
    finally:
        Path(off["result"]["log"]).unlink(missing_ok=True)


def test_process_count(runner):
    scene = attack_scene(runner.folder("scenes") / "procs.py", PROCESSES, {"count": 200})
    on = runner.render(scene)
    limit = Limits().max_processes
    for variant in ("plain", "obfuscated"):
        assert report(on)[variant]["spawned"] < limit < 200, on
    assert "processes" in on["result"]["caps_hit"]
    off = report(runner.render(scene, without=("process_cap",)))
    assert off == {"plain": {"spawned": 200}, "obfuscated": {"spawned": 200}}, off


def test_memory_bomb_over_many_processes(runner):
    # 8 processes of 400 MB: each within the address-space limit of one process (1 GB), all
    # together over what the whole render may use (1 GB + its tmpfs folders, about 2.1 GB)
    scene = attack_scene(runner.folder("scenes") / "memory.py", MEMORY,
                         {"count": 8, "hog": HOG.format(mb=400)})
    limits = {"memory_mb": 1024}
    on = runner.render(scene, limits=limits)
    assert on["result"]["killed"] == "memory" and "memory" in on["result"]["caps_hit"], on["result"]
    for variant, got in report(on).items():  # at most what the render may hold in all
        assert got["held"] * 400 < 1024 + 1024 + 64 + 16, (variant, got)
    off = report(runner.render(scene, limits=limits, without=("memory_cgroup",)))
    assert off == {"plain": {"held": 8}, "obfuscated": {"held": 8}}, off


def test_privileges(runner, tmp_path):
    cache = runner.folder("texcache")
    scene = attack_scene(runner.folder("scenes") / "priv.py", PRIVILEGES, {"target": str(cache)})
    on = report(runner.render(scene, tex_cache=cache))
    assert on == {k: {"remounted": False, "written": False} for k in ("plain", "obfuscated")}, on
    assert not list(cache.iterdir())
    if runner.who == "user":
        return  # nothing to drop: the user has no privilege a user namespace could lend it
    off = report(runner.render(scene, tex_cache=cache, without=("drop_privileges",)))
    assert off["plain"]["written"] and off["obfuscated"]["written"], off
    assert sorted(p.name for p in cache.iterdir()) == ["poison.obf", "poison.plain"]


# --- a whole run ------------------------------------------------------------------------------

HOSTILE = '''
import os, subprocess, sys
from manim import *


class Section02(Scene):
    def construct(self):
        run = {run!r}
        for rel in ("sections/01/scene.py", "sections/01/render/l/section.mp4",
                    "sections/03/render/l/section.mp4", "run.json", "final.mp4"):
            try:
                getattr(__import__("o" + "s"), "re" + "move")(os.path.join(run, rel))
            except OSError:
                pass
        for rel, text in (("sections/03/scene.py", "pwned"), ("lesson.md", "# pwned")):
            try:
                with open(os.path.join(run, rel), "w") as f:
                    f.write(text)
            except OSError:
                pass
        procs = []
        hog = "b = bytearray(400 << 20); b[::4096] = b'1' * len(range(0, 400 << 20, 4096)); input()"
        for _ in range(8):
            procs.append(subprocess.Popen([sys.executable, "-c", hog], stdin=subprocess.PIPE))
        for _ in range(200):
            try:
                procs.append(subprocess.Popen(["sleep", "60"]))
            except OSError:
                break
        for _ in range(300):
            print("x" * ((1 << 20) - 1))
        try:
            with open("fill", "wb") as f:
                for _ in range(32):
                    f.write(bytes(64 << 20))
        except OSError:
            pass
        raise RuntimeError("done")
'''


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_hostile_section_leaves_the_run_intact(tmp_path):
    """Every attack at once from one section of a real run: the section fails, the others and
    the final video are untouched, and this process (the caller) lives on."""
    _layers_or_unavailable()
    lesson = write_lesson(tmp_path, SMALL_LESSON)
    out = tmp_path / "run"
    first, _ = run_lesson(lesson, out)
    assert first.failed == []
    kept = {rel: _digest(out / rel) for rel in ("sections/01/scene.py", "sections/03/scene.py",
                                                "sections/01/render/l/section.mp4",
                                                "sections/03/render/l/section.mp4", "lesson.md")}
    (out / "sections/02/scene.py").write_text(textwrap.dedent(HOSTILE.format(run=str(out))))
    summary, rec = run_lesson(lesson, out, memory_mb=1024)
    assert summary.failed == [2] and summary.cached == [1, 3]
    assert {rel: _digest(out / rel) for rel in kept} == kept
    log = out / "sections/02/render/l/render.log"
    assert log.stat().st_size < 1 * MB
    info = probe_video(summary.video)
    parts = [out / "sections/01/render/l/section.mp4", out / "sections/02/render/l/placeholder.mp4",
             out / "sections/03/render/l/section.mp4"]
    assert abs(info.duration - sum(probe_video(p).duration for p in parts)) <= 1 / 15 + 1e-6
    assert not [p for p in Path(out).rglob("fill")]
