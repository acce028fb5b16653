"""The sandboxed side: limit this process, render one scene, report in JSON. Trusted code runs
first (limits, set-up); the untrusted scene runs only after the limits are in place.

Run as ``python -m code2video_jupyter.sandbox.child WORKDIR`` (WORKDIR/request.json).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import json
import os
import re
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from code2video_jupyter.quality import QUALITIES as _SPECS  # the one table; stdlib only
from code2video_jupyter.sandbox.export import RESULTS  # the files a run leaves; stdlib only
from code2video_jupyter.store.atomic import write_json  # the one atomic writer
from code2video_jupyter.store.layout import TIMELINE_ENV

QUALITIES = {q: spec.manim_preset for q, spec in _SPECS.items()}
PR_SET_NO_NEW_PRIVS = 38
PREVIEW_DIR = "preview"  # the preview's frames, one per lecture-line block


def _limit(limits: dict) -> None:
    mb = 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_mb"] * mb,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"], limits["cpu_seconds"] + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_size_mb"] * mb,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.get("rlimit_nproc", True):  # off when a pids cgroup counts this render's tasks
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NPROC, (limits["max_processes"],) * 2)
    # No setuid escalation from inside the sandbox.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)


def _error(exc: BaseException, scene_file: str) -> dict:
    frames = traceback.extract_tb(exc.__traceback__)
    scene = os.path.realpath(scene_file)
    scene_lines = [f.lineno for f in frames if os.path.realpath(f.filename) == scene]
    return {
        "type": type(exc).__name__,
        "message": (str(exc) + _tex_errors(str(exc)))[:4000],
        # A plain traceback (not manim's Rich one) so that `file.py:N` frames can be parsed.
        "traceback": "".join(traceback.format_exception(exc))[-20000:],
        "frames": [{"file": f.filename, "line": f.lineno or 0, "function": f.name} for f in frames],
        "scene_line": scene_lines[-1] if scene_lines else None,
    }


def _tex_errors(message: str) -> str:
    """LaTeX's own error lines ("! Undefined control sequence." and the "l.N" line after it):
    manim prints them to the log and names only the log file in its exception."""
    m = re.search(r"the log file: (\S+\.log)", message)
    if not m or not os.path.isfile(m.group(1)):
        return ""
    lines = Path(m.group(1)).read_text(errors="replace").split("\n")
    found = []
    for i, ln in enumerate(lines):
        if ln.startswith("!"):
            found.append(ln)
            found += [x for x in lines[i + 1:i + 8] if x.startswith("l.")][:1]
    return ("\nLaTeX: " + "\n".join(found[:6])) if found else ""


def _seed_tex(tex_cache: str | None, tex_dir: Path) -> None:
    """Link the shared LaTeX cache in: each formula compiles once. A hard link where it can be
    made, else a symlink (the sandbox's work folder is a tmpfs, the cache is bound read-only:
    a copy of the whole cache per render would cost time and the work folder's space; the
    exporter sends only regular files back, so just the newly compiled formulas)."""
    tex_dir.mkdir(parents=True, exist_ok=True)
    try:
        entries = list(os.scandir(tex_cache)) if tex_cache else []
    except OSError:  # absent, or unreadable by the render's uid: formulas get compiled anew
        entries = []
    for entry in entries:
        if entry.name.endswith(".svg"):
            dst = tex_dir / entry.name
            try:
                os.link(entry.path, dst)
            except OSError:
                os.symlink(entry.path, dst)


def _link_assets(assets: str | None, dest: Path) -> None:
    """Runs keep images in <run>/assets; scenes refer to them as "assets/NAME". Each file is
    linked into a folder of the render's own: manim writes a temporary copy of an SVG beside
    it, and the originals are read-only in the sandbox's view (and must stay untouched)."""
    if not assets or not os.path.isdir(assets) or os.path.lexists(dest):
        return
    for folder, _, files in os.walk(assets):
        target = dest / os.path.relpath(folder, assets)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.symlink(os.path.join(folder, name), target / name)


# what the sandbox itself keeps in the work folder: no file of the scene's takes these names
_SANDBOX_NAMES = frozenset({"assets", "media", PREVIEW_DIR, "scene.py", "request.json", "render.log", *RESULTS})


def _show_beside(assets: Path, work: Path) -> None:
    """The scene's files in ./assets shown in the work folder too, where a relative ``open()``
    looks (``open("data/points.json")`` as run from the scene's own folder): manim searches
    ./assets for pictures, Python's own file calls search the working folder only."""
    if not assets.is_dir():
        return
    for entry in os.scandir(assets):
        if entry.name in _SANDBOX_NAMES or entry.name.startswith(".") or os.path.lexists(work / entry.name):
            continue
        os.symlink(entry.path, work / entry.name)


def _frame_saver(folder: Path):
    """The preview's hook (LectureScene calls it as each lecture-line block ends): the frame
    as it stands then, drawn though animations are skipped, saved as preview/block_NN.png.
    The last state of each block is what its keyframe in the video shows."""
    def save(scene, block: dict) -> None:
        from manim.utils.iterables import list_update
        from PIL import Image

        camera = scene.renderer.camera
        camera.reset()
        camera.capture_mobjects(list_update(scene.mobjects, scene.foreground_mobjects))
        folder.mkdir(exist_ok=True)
        Image.fromarray(camera.pixel_array[:, :, :3]).save(folder / f"block_{int(block['index']):02d}.png")

    return save


def _skip_drawing(renderer) -> None:
    """A run that writes no video draws nothing: manim's Cairo renderer still paints the static
    mobjects and each play's last state when it skips animations (a third of a probe's time on
    a text-heavy scene). The preview draws its own keyframes (``_frame_saver``); an error that
    only drawing shows is caught by the render that follows every repair."""
    def save_static_frame_data(scene, static_mobjects):
        renderer.static_image = None

    renderer.update_frame = lambda *args, **kwargs: None
    renderer.save_static_frame_data = save_static_frame_data


def _hold_if_still(scene: Any) -> None:
    """A scene that plays nothing (``self.add(...)`` and no more) is a picture: manim saves a
    still image and no video. Its last frame is held for a second, so that it has a video like
    any other (a section of the lesson, the video ``fix`` renders)."""
    construct = scene.construct

    def construct_then_hold() -> None:
        construct()
        if scene.renderer.num_plays == 0:
            scene.wait(1)

    scene.construct = construct_then_hold


def _load_scene_class(scene_file: str, class_name: str | None, as_file: str | None = None):
    from manim import Scene

    spec = importlib.util.spec_from_file_location("scene", scene_file)
    module = importlib.util.module_from_spec(spec)
    if as_file:
        # paths the scene computes from its own (``Path(__file__).parents[3] / "assets"``) come
        # out as in its project; its frames still name the copy (the error's scene line)
        module.__file__ = as_file
    sys.modules["scene"] = module
    spec.loader.exec_module(module)
    scenes = [v for v in vars(module).values()
              if isinstance(v, type) and issubclass(v, Scene) and v.__module__ == "scene"]
    if class_name:
        match = [s for s in scenes if s.__name__ == class_name]
        if match:
            return match[0]
    if len(scenes) == 1:
        return scenes[0]
    names = ", ".join(s.__name__ for s in scenes) or "none"
    raise LookupError(f"expected one Scene class in {Path(scene_file).name}"
                      f"{f' named {class_name}' if class_name else ''}; found: {names}")


def main(workdir: str) -> int:
    work = Path(workdir)
    spec = json.loads((work / "request.json").read_text())
    return run(work, spec["request"], spec["limits"])


def warm_up() -> None:
    """What a warm worker loads once, before any job: manim, the scaffold, the probe's
    recorder, and Pango's fonts (the first Text costs fontconfig's scan). Trusted code only."""
    import manim  # noqa: F401

    import code2video_jupyter.sandbox.snapshot  # noqa: F401
    import code2video_jupyter.scaffold  # noqa: F401

    with contextlib.suppress(Exception):  # a machine without fonts still renders its errors
        manim.Text("warm")


def run(work: Path, req: dict, limits: dict) -> int:
    """Render one job whose scene.py is in ``work`` (the cold child's process, or a child that
    a warm worker forked): limits first, then the untrusted scene."""
    os.chdir(work)
    _limit(limits)
    t0 = time.monotonic()
    scene_file = str(work / "scene.py")
    os.environ[TIMELINE_ENV] = str(work / "timeline.json")
    recorder = None
    scene = None
    # Room for error.json: a scene that fills the work folder (its disk cap) still gets its
    # error reported. Freed before any report is written.
    reserve = work / ".c2v-reserve"
    with contextlib.suppress(OSError):
        reserve.write_bytes(bytes(256 * 1024))
    if req.get("probe") or req.get("check") or req.get("preview"):
        req["dry_run"] = True
    try:
        if req.get("probe"):
            # Trusted probe code hooks manim before the scene module is loaded (sandbox.snapshot).
            from code2video_jupyter.sandbox.snapshot import Recorder

            recorder = Recorder(scene_file, req["quality"])
            recorder.install()
        from manim import tempconfig

        _seed_tex(req.get("tex_cache"), work / "media" / "Tex")
        _link_assets(req.get("assets_dir"), work / "assets")
        _show_beside(work / "assets", work)
        options = {
            "quality": QUALITIES[req["quality"]],
            "media_dir": str(work / "media"),
            # ImageMobject("diagram.png") and SVGMobject look there too, as in the scene's folder
            "assets_dir": str(work / "assets"),
            "disable_caching": True,
            "output_file": "section",
            "progress_bar": "none",
            "verbosity": "WARNING",
            "write_to_movie": not req.get("dry_run", False),
            "dry_run": bool(req.get("dry_run", False)),
            # what a scene file's own launcher settings may ask for (config.preview = True,
            # the OpenGL renderer) is the sandbox's to decide: no viewer, no GPU here
            "preview": False,
            "show_in_file_browser": False,
            "renderer": "cairo",
        }
        if req.get("modules"):
            sys.path.insert(0, str(work))  # the scene's own modules lie beside it
        scene_cls = _load_scene_class(scene_file, req.get("class_name"), req.get("scene_path"))
        if req.get("line_durations") is not None:
            scene_cls.line_durations = req["line_durations"]
        if req.get("voiceover_seconds") is not None:
            scene_cls.voiceover_seconds = req["voiceover_seconds"]
        with tempconfig(options):
            scene = scene_cls()
            if options["dry_run"]:
                _skip_drawing(scene.renderer)
            if req.get("preview"):
                scene.on_block_end = _frame_saver(work / PREVIEW_DIR)
            if recorder is not None:
                recorder.attach(scene)
            elif req.get("check") or req.get("preview"):
                # Each play jumps to its end state (as manim does when it skips animations):
                # every line of construct() runs, no frame is drawn.
                scene.renderer._original_skipping_status = True
                scene.renderer.skip_animations = True
            if not options["dry_run"]:
                _hold_if_still(scene)
            scene.render()
            # relative to the work folder: a warm worker's folder has another path than the
            # parent's (the parent resolves it against its own copy)
            video = None if options["dry_run"] else os.path.relpath(
                scene.renderer.file_writer.movie_file_path, work)
            duration = float(scene.renderer.time)
        reserve.unlink(missing_ok=True)
        write_json(work / "result.json", {
            "video": video,
            "duration": duration,
            "timeline": "timeline.json" if (work / "timeline.json").exists() else None,
            "elapsed": time.monotonic() - t0,
        })
        return 0
    except BaseException as exc:  # noqa: BLE001 - everything the scene raises is reported
        reserve.unlink(missing_ok=True)
        traceback.print_exc()
        report = _error(exc, scene_file)
        # how far the scene got: the repair loop tells a step forward from a step back by it
        report["plays"] = getattr(getattr(scene, "renderer", None), "num_plays", None)
        write_json(work / "error.json", report)
        return 1
    finally:
        reserve.unlink(missing_ok=True)
        if recorder is not None:
            with contextlib.suppress(Exception):
                recorder.write(work / "snapshots.json", None if (work / "result.json").exists() else "error")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
