"""Benchmark the layout probe and print tables.

    .venv/bin/python bench/bench_probe.py [--runs 3] [--jobs 2] [--skip-timing]

1. Cost: for a few scenes, the probe (a whole sandboxed process: start-up, the scene's
   construct() with frames skipped, snapshots) against a -ql render of the same scene (also a
   whole sandboxed process), taken pair by pair within one repetition; medians over --runs.
   The geometric checks alone are timed too (CPU ms). In the same probe runs, the added cost of
   the mid-animation states (evaluating and measuring them in the child, motion_seconds, plus
   judging them, motion_ms) as a ratio of the probe's time without them (target <= 0.30).
2. Detection on tests/layout_corpus: planted problems found with the right kind and source line
   (bad/), false alarms on correct scenes (good/), and findings on every compiled scene of the
   example lessons (notebooks/lessons), which should have none.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter.compiler import compile_section  # noqa: E402
from code2video_jupyter.critic import probe_scene  # noqa: E402
from code2video_jupyter.lesson import read_lesson  # noqa: E402
from code2video_jupyter.sandbox import RenderRequest, render_in_sandbox  # noqa: E402

CORPUS = ROOT / "tests" / "layout_corpus"
LESSONS = ROOT / "notebooks" / "lessons"
ASSETS = str(LESSONS / "assets")
EXPECT = re.compile(r"^expect: (\w+) line (\d+)$", re.M)


def compiled_lessons(folder: Path) -> list[tuple[str, Path]]:
    out = []
    for lesson in sorted(LESSONS.glob("*.md")):
        for section in read_lesson(lesson).sections:
            path = folder / f"{lesson.stem}_{section.id:02d}.py"
            path.write_text(compile_section(section), encoding="utf-8")
            out.append((f"{lesson.stem} #{section.id}", path))
    return out


def timing(scenes: list[tuple[str, Path]], runs: int) -> None:
    rows: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in scenes}
    motion: dict[str, list[float]] = {name: [] for name, _ in scenes}
    for i in range(runs):
        for name, path in scenes:
            t0 = time.monotonic()
            report = probe_scene(path, assets_dir=ASSETS)
            probe_s = time.monotonic() - t0
            with tempfile.TemporaryDirectory(prefix="c2v-bench-") as work:
                t0 = time.monotonic()
                result = render_in_sandbox(RenderRequest(scene_file=str(path), quality="l", assets_dir=ASSETS),
                                           keep_workdir=work)
                render_s = time.monotonic() - t0
            if not (report.ok and result.ok):
                raise SystemExit(f"{name}: probe {report.summary()}; render {result.summary()}")
            rows[name].append((probe_s, render_s, report.check_ms))
            added = report.motion_seconds + report.motion_ms / 1000
            motion[name].append(added / max(probe_s - added, 1e-9))
        print(f"timing repetition {i + 1}/{runs} done", file=sys.stderr)
    print(f"\n### Probe cost vs a -ql render ({runs} runs, medians; {os.cpu_count()} cores)\n")
    print("| scene | probe s | -ql render s | probe / render | checks ms (CPU) |")
    print("|---|---:|---:|---:|---:|")
    ratios_all = []
    for name, vals in rows.items():
        ratios = [p / r for p, r, _ in vals]
        ratios_all += ratios
        print(f"| {name} | {statistics.median(p for p, _, _ in vals):.2f} | "
              f"{statistics.median(r for _, r, _ in vals):.2f} | {statistics.median(ratios):.2f} | "
              f"{statistics.median(c for _, _, c in vals):.2f} |")
    print(f"\nprobe / render over all scenes and runs: median {statistics.median(ratios_all):.2f} "
          f"(min {min(ratios_all):.2f}, max {max(ratios_all):.2f})")
    print("\n### Added cost of the mid-animation checks (same probe runs; target <= 0.30)\n")
    print("| scene | added / probe without them (median) |")
    print("|---|---:|")
    for name, vals in motion.items():
        print(f"| {name} | {statistics.median(vals):.3f} |")
    every = [v for vals in motion.values() for v in vals]
    print(f"\nover all scenes and runs: median {statistics.median(every):.3f}, max {max(every):.3f}")


def detection(jobs: int, lessons: list[tuple[str, Path]]) -> None:
    bad = sorted((CORPUS / "bad").glob("*.py"))
    good = sorted((CORPUS / "good").glob("*.py"))
    todo = [("bad", p.stem, p) for p in bad] + [("good", p.stem, p) for p in good]
    todo += [("lesson", name, p) for name, p in lessons]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        reports = list(pool.map(lambda j: probe_scene(j[2], assets_dir=ASSETS), todo))
    found = expected = extra = 0
    alarms: list[str] = []
    lesson_findings: list[str] = []
    misses: list[str] = []
    kinds: dict[str, list[int]] = {}
    checks = []
    for (group, name, path), r in zip(todo, reports, strict=True):
        checks.append(r.check_ms)
        if not r.ok:
            alarms.append(f"{name}: did not run: {r.summary()}")
            continue
        got = {(f.kind, f.source_line) for f in r.findings}
        if group == "bad":
            for kind, line in EXPECT.findall(path.read_text()):
                hit = (kind, int(line)) in got
                expected += 1
                found += hit
                kinds.setdefault(kind, [0, 0])
                kinds[kind][0] += hit
                kinds[kind][1] += 1
                if not hit:
                    misses.append(f"{name}: expected {kind} at line {line}, got {sorted(got, key=str)}")
            extra += len([g for g in got if g not in {(k, int(n)) for k, n in EXPECT.findall(path.read_text())}])
        elif group == "good":
            alarms += [f"{name}: {f.kind} line {f.source_line}: {f.message}" for f in r.findings]
        else:
            lesson_findings += [f"{name}: {f.kind} line {f.source_line}: {f.message}" for f in r.findings]
    print(f"\n### Detection (tests/layout_corpus; {len(bad)} bad, {len(good)} good scenes; "
          f"{len(lessons)} compiled lesson scenes)\n")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| planted problems found (kind and source line) | {found} / {expected} |")
    for kind, (hit, n) in sorted(kinds.items()):
        print(f"| - {kind} | {hit} / {n} |")
    print(f"| other findings in bad scenes | {extra} |")
    print(f"| false alarms on good scenes | {len(alarms)} |")
    print(f"| findings on compiled example-lesson scenes | {len(lesson_findings)} |")
    print(f"| geometric checks, CPU ms (median / max) | {statistics.median(checks):.2f} / {max(checks):.2f} |")
    for title, items in (("missed", misses), ("false alarms", alarms), ("lesson findings", lesson_findings)):
        if items:
            print(f"\n{title}:")
            for s in items:
                print(f"- {s}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="parallel probes for the detection table")
    ap.add_argument("--skip-timing", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2v-bench-lessons-") as folder:
        lessons = compiled_lessons(Path(folder))
        if not args.skip_timing:
            picks = [lessons[0], lessons[5], lessons[13],
                     ("corpus good/motion_tracker_inside", CORPUS / "good" / "motion_tracker_inside.py"),
                     ("corpus good/motion_dot_on_graph", CORPUS / "good" / "motion_dot_on_graph.py"),
                     ("corpus good/axes_plot", CORPUS / "good" / "axes_plot.py"),
                     ("corpus good/code_listing", CORPUS / "good" / "code_listing.py"),
                     ("corpus bad/crowding", CORPUS / "bad" / "crowding.py")]
            timing(picks, args.runs)
        detection(args.jobs, lessons)


if __name__ == "__main__":
    main()
