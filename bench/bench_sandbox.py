"""Benchmark the sandbox's isolation layers and print tables.

    .venv/bin/python bench/bench_sandbox.py [--runs 5] [--lesson notebooks/lessons/pythagorean-theorem.md]

1. Tasks a real render needs: every section of the example lessons (notebooks/lessons),
   compiled and rendered at -ql in the full sandbox with an empty TeX cache (so LaTeX and
   dvisvgm run), the peak of its pids cgroup (pids.peak: threads and child processes of the
   whole render, the sandbox's own bwrap, init and shell included). Limits.max_processes is
   sized from it.
2. Render time, layers on vs off: "on" is every layer this machine allows; "off" is the sandbox
   as it was before them (unshare namespaces, pids cgroup, rlimits; no file-system view, disk
   cap, memory cgroup, privilege drop or bounded log). (a) each section of --lesson rendered
   alone, (b) the whole lesson through the pipeline (`run`, fresh run folder, no narration,
   -j as the CLI's default). TeX cache warm for both; on and off alternate within each
   repetition (the order swapped every other one), so a machine that drifts affects both
   alike; medians of --runs and the median of the pairwise ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter.caches import publish_tex, tex_cache_dir  # noqa: E402
from code2video_jupyter.compiler import compile_section  # noqa: E402
from code2video_jupyter.lesson import read_lesson  # noqa: E402
from code2video_jupyter.options import RunOptions  # noqa: E402
from code2video_jupyter.pipeline import run  # noqa: E402
from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox, runner  # noqa: E402
from code2video_jupyter.sandbox.isolation import Layers, probe  # noqa: E402

LESSONS = ROOT / "notebooks" / "lessons"
ASSETS = str(LESSONS / "assets")
OFF = ("fs_view", "memory_cgroup", "bounded_log")  # disk cap and uid drop go with the view


def compiled(lesson: Path, folder: Path) -> list[tuple[str, Path]]:
    out = []
    for section in read_lesson(lesson).sections:
        path = folder / f"{lesson.stem}_{section.id:02d}.py"
        path.write_text(compile_section(section), encoding="utf-8")
        out.append((f"{lesson.stem} #{section.id}", path))
    return out


def render(path: Path, layers: Layers, share_tex: bool = True) -> tuple[float, int | None]:
    with tempfile.TemporaryDirectory(prefix="c2v-bench-") as work:
        t0 = time.monotonic()
        result = render_in_sandbox(RenderRequest(scene_file=str(path), quality="l", assets_dir=ASSETS,
                                                 tex_cache=str(tex_cache_dir())),
                                   layers=layers, keep_workdir=work)
        elapsed = time.monotonic() - t0
        if not result.ok:
            raise SystemExit(f"{path.name}: {result.summary()}")
        if share_tex:  # as the pipeline does after a render
            publish_tex(Path(work) / "media" / "Tex")
        return elapsed, result.peak_tasks


def tasks(folder: Path) -> None:
    on = probe()
    print(f"\n### Peak tasks of a -ql render ({len(os.sched_getaffinity(0))} cores, cold TeX cache)\n")
    print("| lesson | sections | peak tasks (each) |")
    print("|---|---:|---|")
    peaks = []
    # an empty TeX cache, never filled: every formula is compiled (latex, dvisvgm)
    os.environ["C2V_CACHE_DIR"] = str(folder / "cache-cold")
    for lesson in sorted(LESSONS.glob("*.md")):
        these = [render(path, on, share_tex=False)[1] for _, path in compiled(lesson, folder)]
        peaks += [p for p in these if p is not None]
        print(f"| {lesson.stem} | {len(these)} | {', '.join(map(str, these))} |")
    print(f"\nmost tasks of any render: {max(peaks) if peaks else 'n/a'}; "
          f"Limits().max_processes here: {Limits().max_processes}")


def _swap(i: int, pair: list[tuple[str, Layers]]) -> list[tuple[str, Layers]]:
    return pair if i % 2 == 0 else pair[::-1]


def timing(lesson: Path, runs: int, folder: Path) -> None:
    on = probe()
    pair = [("on", on), ("off", on.without(*OFF))]
    os.environ["C2V_CACHE_DIR"] = str(folder / "cache-warm")
    scenes = compiled(lesson, folder)
    for _, path in scenes:  # warm the TeX cache (and the page cache) for both sides
        render(path, on)
    per: dict[str, dict[str, list[float]]] = {name: {"on": [], "off": []} for name, _ in scenes}
    whole: dict[str, list[float]] = {"on": [], "off": []}
    for i in range(runs):
        for name, path in scenes:
            for label, layers in _swap(i, pair):
                per[name][label].append(render(path, layers)[0])
        for label, layers in _swap(i, pair):
            runner.probe = lambda layers=layers: layers  # what render_in_sandbox uses by default
            try:
                out = folder / f"run-{label}-{i}"
                t0 = time.monotonic()
                summary = run(RunOptions(lesson=lesson, out=out, new=True, narration=False))
                whole[label].append(time.monotonic() - t0)
                if summary.failed:
                    raise SystemExit(f"{lesson.name}: sections {summary.failed} failed ({label})")
            finally:
                runner.probe = probe
        print(f"repetition {i + 1}/{runs} done", file=sys.stderr)

    def row(name: str, on_s: list[float], off_s: list[float]) -> str:
        ratios = [a / b for a, b in zip(on_s, off_s, strict=True)]
        return (f"| {name} | {statistics.median(off_s):.2f} | {statistics.median(on_s):.2f} | "
                f"{statistics.median(ratios):.3f} | {min(ratios):.3f} - {max(ratios):.3f} |")

    print(f"\n### Render time, layers on vs off ({runs} runs, medians, seconds; "
          f"{len(os.sched_getaffinity(0))} cores)\n")
    print("| render | off s | on s | on / off (median of pairs) | min - max |")
    print("|---|---:|---:|---:|---:|")
    for name, vals in per.items():
        print(row(f"{name} (alone)", vals["on"], vals["off"]))
    print(row(f"{lesson.stem}: whole lesson (pipeline)", whole["on"], whole["off"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--lesson", type=Path, default=LESSONS / "pythagorean-theorem.md")
    ap.add_argument("--skip-tasks", action="store_true")
    ap.add_argument("--skip-timing", action="store_true")
    args = ap.parse_args()
    layers = probe()
    print("layers on:", ", ".join(k for k, v in layers.report().items() if v.startswith("active")))
    with tempfile.TemporaryDirectory(prefix="c2v-bench-sandbox-") as tmp:
        if not args.skip_tasks:
            tasks(Path(tmp))
        if not args.skip_timing:
            timing(args.lesson.resolve(), args.runs, Path(tmp))


if __name__ == "__main__":
    main()
