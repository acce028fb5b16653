"""Benchmark the offline pipeline on one example lesson and print a table.

    .venv/bin/python bench/bench_render.py [--lesson notebooks/lessons/binary-search.md] [--runs 3]

Every figure is a whole `code2video render` process (start-up included), timed from outside
with wait4(), over --runs repetitions: the median is quoted, min and max show the noise.
Ratios are taken pair by pair within one repetition, so a machine that drifts affects both
sides alike. Peak memory is the largest single process (the parent or one render worker).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process in the command's tree."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lesson", type=Path, default=ROOT / "notebooks/lessons/binary-search.md")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quality", default="l")
    args = ap.parse_args()
    base = [sys.executable, "-m", "code2video_jupyter", "render", str(args.lesson), "-q", args.quality]
    rows: dict[str, list[tuple[float, float]]] = {k: [] for k in (
        "cold render (-j 2, empty TeX cache)", "no-op re-run", "one-section re-run",
        "cold render -j 1 (warm TeX cache)", "cold render -j 2 (warm TeX cache)")}
    keys = list(rows)
    for i in range(args.runs):
        tmp = Path(tempfile.mkdtemp(prefix="c2v-bench-"))
        env = {**os.environ, "C2V_CACHE_DIR": str(tmp / "cache")}
        out = tmp / "run"
        rows[keys[0]].append(timed([*base, "--out", str(out), "-j", "2"], env))
        rows[keys[1]].append(timed([*base, "--out", str(out), "-j", "2"], env))
        scene = sorted(out.glob("sections/*/scene.py"))[1]
        scene.write_text(scene.read_text() + f"\n# bench edit {i}\n")
        rows[keys[2]].append(timed([*base, "--out", str(out), "-j", "2"], env))
        # jobs 1 vs 2 alternate within the repetition, TeX cache warm for both
        for key, jobs in ((keys[3], "1"), (keys[4], "2")):
            shutil.rmtree(tmp / f"run-j{jobs}", ignore_errors=True)
            rows[key].append(timed([*base, "--out", str(tmp / f"run-j{jobs}"), "-j", jobs], env))
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"repetition {i + 1}/{args.runs} done", file=sys.stderr)

    print(f"\nlesson: {args.lesson.name}, quality -q{args.quality}, {args.runs} runs, "
          f"{os.cpu_count()} cores\n")
    print(f"| {'measure':38} | median s | min s | max s | peak MB |")
    print(f"|{'-' * 40}|---------:|------:|------:|--------:|")
    for key, vals in rows.items():
        walls = [w for w, _ in vals]
        peak = max(m for _, m in vals)
        print(f"| {key:38} | {statistics.median(walls):8.2f} | {min(walls):5.2f} | "
              f"{max(walls):5.2f} | {peak:7.0f} |")

    def ratio(a: str, b: str) -> str:
        rs = [x[0] / y[0] for x, y in zip(rows[a], rows[b], strict=True)]
        return f"{statistics.median(rs):.3f} (min {min(rs):.3f}, max {max(rs):.3f})"

    print()
    print(f"- no-op re-run / cold render: {ratio(keys[1], keys[0])}")
    print(f"- one-section re-run / cold render: {ratio(keys[2], keys[0])}")
    print(f"- -j 1 / -j 2 (speed-up of two jobs): {ratio(keys[3], keys[4])}")


if __name__ == "__main__":
    main()
