"""`fix --no-llm` on real manim code that nobody here wrote: the dev corpus that
scripts/real_corpus.py builds from local mirrors (never committed).

    .venv/bin/python scripts/real_corpus.py --mirrors /work/.mirror --out ~/.cache/c2v-real-corpus
    .venv/bin/python bench/bench_repair_real.py --corpus ~/.cache/c2v-real-corpus -j 2

Every program is run as it is (check mode: construct() to its end, animations skipped). Those
that fail go through the repair loop with zero model calls. Printed per class of first error:
failing -> running, wrong fixes, time per program; and for the programs that ran as they were
(the correct set among them), false alarms: any change made to a program that ran.

A wrong fix is a step after which the next run failed on a name that step brought in, or a
result that gets less far (fewer play/wait calls before its error) than the program did.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from code2video_jupyter.repair.error_classes import CLASSES  # noqa: E402
from code2video_jupyter.repair.fix_file import FixReport, fix_file  # noqa: E402
from code2video_jupyter.repair.namespace import load_namespace  # noqa: E402


def wrong_fixes(report: FixReport) -> list[str]:
    """Steps that made the program worse (see the module's docstring)."""
    out = []
    events = report.history
    for i, ev in enumerate(events):
        if ev.step is None or ev.step.startswith("rollback") or i + 1 >= len(events):
            continue
        nxt = events[i + 1]
        if nxt.run and nxt.run != "ok" and any(f"'{n}'" in nxt.run for n in ev.introduced):
            out.append(f"{ev.step[:120]} -> {nxt.run[:120]}")
    runs = [e for e in events if e.run is not None]
    if runs and not report.ok and runs[0].plays is not None and runs[-1].plays is not None \
            and runs[-1].plays < runs[0].plays:
        out.append(f"gets less far than the original ({runs[-1].plays} < {runs[0].plays} plays)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path.home() / ".cache" / "c2v-real-corpus")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--kinds", default="generated,manimgl,correct")
    ap.add_argument("--only", default="", help="run the files whose names contain one of these "
                    "comma-separated substrings")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    ap.add_argument("--render", action="store_true", help="also render the result at -ql")
    ap.add_argument("--allow-removals", action="store_true",
                    help="fix --allow-removals: the lossy last resort (programs that run only "
                         "thanks to it are counted apart)")
    ap.add_argument("--json", type=Path, default=None,
                    help="append every report here as it comes (JSON lines)")
    args = ap.parse_args()
    index = json.loads((args.corpus / "index.json").read_text())
    kinds = set(args.kinds.split(","))
    only = args.only.split(",")
    programs = [p for p in index if p["kind"] in kinds and any(o in p["file"] for o in only)]
    if args.limit:
        programs = programs[:args.limit]
    load_namespace()
    out_dir = Path(tempfile.mkdtemp(prefix="c2v-real-fixed-"))

    def one(p: dict) -> tuple[dict, FixReport]:
        path = args.corpus / p["file"]
        out = out_dir / p["file"]
        out.parent.mkdir(parents=True, exist_ok=True)
        report = fix_file(path, out, class_name=p["class_name"], render=args.render,
                          timeout=args.timeout, allow_removals=args.allow_removals)
        return p, report

    t0 = time.monotonic()
    results: list[tuple[dict, FixReport]] = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for n, (p, r) in enumerate(pool.map(one, programs), 1):
            results.append((p, r))
            if args.json:
                with args.json.open("a") as f:
                    f.write(json.dumps({"program": p, "report": r.model_dump()}) + "\n")
            state = "ran" if r.ran_before else ("FIXED" if r.ok else "failed")
            print(f"[{n}/{len(programs)}] {state:6} {r.error_class or '':17} {p['file']} "
                  f"({r.runs} runs, {r.seconds:.1f} s)", file=sys.stderr, flush=True)
    wall = time.monotonic() - t0

    rows: dict[str, dict] = defaultdict(lambda: {"failing": 0, "running": 0, "wrong": 0, "t": [],
                                                 "lossy": 0})
    false_alarms, ran, wrong_list = [], 0, []
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p, r in results:
        if r.ran_before:
            ran += 1
            if r.fixed_file or r.steps:
                false_alarms.append(p["file"])
            continue
        row = rows[r.error_class or "other"]
        row["failing"] += 1
        row["running"] += int(r.ok)
        row["lossy"] += int(r.ok and (r.removals > 0 or r.stand_ins > 0))
        wf = wrong_fixes(r)
        row["wrong"] += len(wf)
        wrong_list += [f"{p['file']}: {w}" for w in wf]
        row["t"].append(r.seconds)
        src = f"{p['source']} ({p['kind']})"
        by_source[src][0] += 1
        by_source[src][1] += int(r.ok)
    print(f"\n{len(results)} programs ({', '.join(sorted(kinds))}) in {wall:.0f} s, -j {args.jobs}; "
          f"{ran} ran as they were, {len(results) - ran} failed")
    print(f"\n{'class of first error':22} {'failing':>8} {'-> running':>11} {'wrong fixes':>12} "
          f"{'median s/program':>17} {'of which lossy':>15}")
    total = {"failing": 0, "running": 0, "wrong": 0, "t": [], "lossy": 0}
    for cls in [c for c in CLASSES if c in rows]:
        row = rows[cls]
        for k in ("failing", "running", "wrong", "lossy"):
            total[k] += row[k]
        total["t"] += row["t"]
        print(f"{cls:22} {row['failing']:8} {row['running']:8} ({row['running'] / row['failing']:4.0%})"
              f" {row['wrong']:9} {statistics.median(row['t']):14.1f} {row['lossy']:15}")
    if total["failing"]:
        print(f"{'all':22} {total['failing']:8} {total['running']:8} "
              f"({total['running'] / total['failing']:4.0%}) {total['wrong']:9} "
              f"{statistics.median(total['t']):14.1f} {total['lossy']:15}")
        faithful = total["running"] - total["lossy"]
        print(f"running with no call removed: {faithful} of {total['failing']} "
              f"({faithful / total['failing']:.0%})")
    steps = [r.cpu_seconds / max(1, len(r.steps)) for _, r in results if r.steps]
    if steps:
        print(f"\nCPU of the repair itself per step (gate, fixers, cures; the runs excluded): "
              f"median {statistics.median(steps) * 1000:.0f} ms, max {max(steps) * 1000:.0f} ms")
    print("\nby source: " + "; ".join(f"{s}: {b}/{a}" for s, (a, b) in sorted(by_source.items())))
    print(f"false alarms (a program that ran was changed): {len(false_alarms)} of {ran}")
    for f in false_alarms:
        print(f"  {f}")
    for w in wrong_list:
        print(f"  wrong fix: {w}")
    print(f"fixed files in {out_dir}")


if __name__ == "__main__":
    main()
