"""Warm render workers against today's cold path, in one process (as a kernel is), and print a
table. Every measure alternates warm and cold within each repetition, so ratios compare
figures taken under the same load; medians over --runs repetitions (at least 5 by default).

    .venv/bin/python bench/bench_pool.py [--runs 5] [--lesson notebooks/lessons/binary-search.md]

Measures:
- edit -> first keyframe and edit -> section video: a kernel re-renders one edited section of
  the lesson (the pipeline's run() with preview on, as the panel's Re-render; narration on,
  audio cached), timed to that section's SectionPreview and SectionRendered events;
- the same scene rendered by manim in an already running Python (no sandbox; the run's line
  durations and TeX cache): the floor;
- probe / cold -ql render of one section; one fix-loop step (a check-mode run), warm and cold;
- a cold narrated lesson (`code2video render`, a new process and empty caches each time),
  C2V_WARM_WORKERS=1 against 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter.caches import tex_cache_dir  # noqa: E402
from code2video_jupyter.events import SectionPreview, SectionRendered  # noqa: E402
from code2video_jupyter.options import RunOptions  # noqa: E402
from code2video_jupyter.pipeline import run  # noqa: E402
from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox  # noqa: E402

IN_PROCESS = r"""
import json, sys, time
from pathlib import Path
from manim import tempconfig
import importlib.util
scene_file, work, runs, tex, durations = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
spec = importlib.util.spec_from_file_location("scene", scene_file)
mod = importlib.util.module_from_spec(spec); sys.modules["scene"] = mod; spec.loader.exec_module(mod)
from manim import Scene
cls = [v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, Scene) and v.__module__ == "scene"][-1]
cls.line_durations = json.loads(durations)  # the narration's, as the run renders it
out = []
for i in range(runs + 1):
    t0 = time.monotonic()
    with tempconfig({"quality": "low_quality", "media_dir": f"{work}/m{i}", "tex_dir": tex,
                     "disable_caching": True, "progress_bar": "none", "verbosity": "WARNING"}):
        cls().render()
    out.append(time.monotonic() - t0)
print(json.dumps(out[1:]))  # the first pays imports of lazily loaded parts
"""


def set_warm(on: bool) -> None:
    os.environ["C2V_WARM_WORKERS"] = "1" if on else "0"


def edit_to_video(out: Path, lesson: Path, sid: int, n: int) -> tuple[float, float | None]:
    """Seconds from an edit's re-run to the section's first keyframe (the preview's frames,
    as the panel's Re-render asks for them) and to its video."""
    scene = out / "sections" / f"{sid:02d}" / "scene.py"
    scene.write_text(scene.read_text() + f"\n# bench edit {n}\n")
    t0, video, preview = time.monotonic(), [], []

    def listener(e) -> None:
        if isinstance(e, SectionPreview) and e.section == sid and not preview:
            preview.append(time.monotonic() - t0)
        if isinstance(e, SectionRendered) and e.section == sid and not e.cached and not video:
            video.append(time.monotonic() - t0)

    run(RunOptions(lesson=lesson, out=out, jobs=2, preview=True), listener)
    assert video, "the edited section was not rendered"
    return video[0], (preview[0] if preview else None)


def sandboxed(scene: Path, tmp: Path, **kw) -> float:
    t0 = time.monotonic()
    # the shared TeX cache, as every caller in the product passes it (a worker's view is made
    # with it: a request without it would need workers of its own)
    r = render_in_sandbox(RenderRequest(scene_file=str(scene), quality="l",
                                        tex_cache=str(tex_cache_dir()), **kw),
                          Limits(wall_seconds=300), keep_workdir=str(tempfile.mkdtemp(dir=tmp)))
    assert r.ok, r.summary()
    return time.monotonic() - t0


def cli_lesson(lesson: Path, tmp: Path, warm: bool) -> float:
    env = {**os.environ, "C2V_WARM_WORKERS": "1" if warm else "0",
           "C2V_CACHE_DIR": str(tempfile.mkdtemp(dir=tmp))}
    out = tempfile.mkdtemp(dir=tmp)
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "code2video_jupyter", "render", str(lesson), "--out", out,
                    "-j", "2"], env=env, check=True, capture_output=True)
    return time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lesson", type=Path, default=ROOT / "notebooks/lessons/binary-search.md")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--section", type=int, default=2)
    ap.add_argument("--skip-cli", action="store_true", help="skip the cold lessons (the slowest)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="c2v-bench-pool-"))
    os.environ["C2V_CACHE_DIR"] = str(tmp / "cache")
    rows: dict[str, list[float]] = {}

    def add(key: str, value: float) -> None:
        rows.setdefault(key, []).append(value)

    out = tmp / "run"
    set_warm(True)
    run(RunOptions(lesson=args.lesson, out=out, jobs=2))  # audio and TeX caches filled
    scene = out / "sections" / f"{args.section:02d}" / "scene.py"
    report = out / "sections" / f"{args.section:02d}" / "render" / "l" / "narration.json"
    durations = [line["duration"] for line in json.loads(report.read_text())["lines"]]
    p = subprocess.run([sys.executable, "-c", IN_PROCESS, str(scene), str(tmp / "inproc"),
                        str(args.runs), str(tex_cache_dir()), json.dumps(durations)],
                       capture_output=True, text=True, cwd=tmp)
    if p.returncode:
        raise SystemExit(f"the in-process render failed:\n{p.stderr[-3000:]}")
    floor = json.loads(p.stdout.strip().splitlines()[-1])
    rows["manim render in a running Python (floor)"] = floor
    for i in range(args.runs):
        for warm in (True, False):
            set_warm(warm)
            tag = "warm" if warm else "cold"
            video, keyframe = edit_to_video(out, args.lesson, args.section, 2 * i + warm)
            add(f"edit -> section video ({tag})", video)
            if keyframe is not None:
                add(f"edit -> first keyframe, the preview ({tag})", keyframe)
            add(f"-ql render of the section ({tag})", sandboxed(scene, tmp))
            add(f"probe of the section ({tag})", sandboxed(scene, tmp, probe=True))
            add(f"fix-loop step: a check run ({tag})", sandboxed(scene, tmp, check=True))
        if not args.skip_cli:
            for warm in (True, False):
                add(f"cold narrated lesson, new process ({'warm' if warm else 'cold'})",
                    cli_lesson(args.lesson, tmp, warm))
        print(f"repetition {i + 1}/{args.runs} done", file=sys.stderr)
    set_warm(True)

    print(f"\nlesson: {args.lesson.name}, section {args.section}, -ql, {args.runs} runs, "
          f"{os.cpu_count()} cores\n")
    print(f"| {'measure':52} | median s | min s | max s |")
    print(f"|{'-' * 54}|---------:|------:|------:|")
    for key, vals in rows.items():
        print(f"| {key:52} | {statistics.median(vals):8.2f} | {min(vals):5.2f} | {max(vals):5.2f} |")

    def ratio(a: str, b: str) -> str:
        if a not in rows or b not in rows:
            return "not measured"
        rs = [x / y for x, y in zip(rows[a], rows[b], strict=False)]
        return f"{statistics.median(rs):.3f} (min {min(rs):.3f}, max {max(rs):.3f})"

    floor_med = statistics.median(floor)
    print()
    print(f"- edit -> first keyframe, warm / cold: {ratio('edit -> first keyframe, the preview (warm)', 'edit -> first keyframe, the preview (cold)')}")
    print(f"- edit -> section video, warm / cold: {ratio('edit -> section video (warm)', 'edit -> section video (cold)')}")
    print(f"- edit -> section video (warm) minus the floor: "
          f"{statistics.median(rows['edit -> section video (warm)']) - floor_med:+.2f} s")
    print(f"- probe (warm) / cold -ql render: {ratio('probe of the section (warm)', '-ql render of the section (cold)')}")
    print(f"- probe (cold) / cold -ql render: {ratio('probe of the section (cold)', '-ql render of the section (cold)')}")
    print(f"- fix-loop step, warm / cold: {ratio('fix-loop step: a check run (warm)', 'fix-loop step: a check run (cold)')}")
    print(f"- cold narrated lesson, warm / cold: "
          f"{ratio('cold narrated lesson, new process (warm)', 'cold narrated lesson, new process (cold)')}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
