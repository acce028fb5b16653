"""Measure the Coder's repair without a model, on the repair corpus, and print tables.

    .venv/bin/python bench/bench_repair.py [--jobs 2] [--no-render] [--runs 5]

For every broken program of tests/repair_corpus/broken (written from documented failure
patterns): does the static gate flag it before any render; do the deterministic fixers
(static, then runtime after a real sandboxed -ql render, no model call) make it render. For
every correct scene (tests/repair_corpus/correct and the compiled example lessons): does the
gate raise a false alarm, and do the fixers leave it untouched. Then the model calls and
tokens per section of the scripted topic runs (the built-in demo, and a section whose fixes
never work). Gate speed is the median over --runs passes.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter.caches import tex_cache_dir  # noqa: E402
from code2video_jupyter.compiler import compile_section  # noqa: E402
from code2video_jupyter.lesson import read_lesson  # noqa: E402
from code2video_jupyter.repair import check_source, fix_source, load_namespace, runtime_fix  # noqa: E402
from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox  # noqa: E402
from tests.corpus import load  # noqa: E402


def render(source: str, work: Path):
    path = work / "scene.py"
    path.write_text(source)
    return render_in_sandbox(RenderRequest(scene_file=str(path), quality="l",
                                           tex_cache=str(tex_cache_dir())),
                             Limits(wall_seconds=120), keep_workdir=str(work / "out"))


def repair_without_model(case, ns, do_render: bool) -> dict:
    flagged = not check_source(case.source, ns).ok
    fixed = fix_source(case.source, ns)
    row = {"name": case.name, "category": case.category, "flagged": flagged,
           "static_fixes": len(fixed.fixes), "gate_clean": fixed.report.ok, "runtime_fixes": 0,
           "renders": False}
    if not do_render or not fixed.report.ok:
        return row
    source = fixed.source
    with tempfile.TemporaryDirectory(prefix="c2v-bench-") as tmp:
        for _ in range(4):  # a render, then up to three deterministic runtime fixes
            result = render(source, Path(tmp))
            if result.ok:
                row["renders"] = True
                break
            err = result.error
            if err is None:
                break
            out = runtime_fix(source, err.type, err.message, err.scene_line)
            if out is None or out[0] == source:
                break
            source, row["runtime_fixes"] = out[0], row["runtime_fixes"] + 1
    return row


def scripted_runs() -> list[tuple[str, int, int, int, int]]:
    """(run, section, model calls, prompt tokens, completion tokens) of two scripted runs."""
    from code2video_jupyter.options import RunOptions
    from code2video_jupyter.pipeline import run

    rows = []
    extra = {"narration": False} if "narration" in RunOptions.model_fields else {}
    with tempfile.TemporaryDirectory(prefix="c2v-bench-") as tmp:
        os.environ["C2V_LLM_CACHE"] = str(Path(tmp) / "llm")
        for label, model, topic in (
                ("demo", "scripted/demo", "The area of a circle"),
                ("never fixed", f"scripted/{ROOT / 'tests/scripts/one_section.yaml'}", "Squares")):
            folder = Path(tmp) / label.replace(" ", "-")
            run(RunOptions(topic=topic, model=model, out=folder, **extra))
            calls = [json.loads(x) for x in (folder / "calls.jsonl").read_text().splitlines()]
            by = collections.defaultdict(lambda: [0, 0, 0])
            for c in calls:
                key = c["section"] if c["section"] is not None else 0
                by[key][0] += 1
                by[key][1] += c["prompt_tokens"]
                by[key][2] += c["completion_tokens"]
            rows += [(label, sid, *v) for sid, v in sorted(by.items())]
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-render", action="store_true", help="gate and static fixers only")
    ap.add_argument("--no-scripted", action="store_true", help="skip the scripted topic runs")
    args = ap.parse_args()
    ns = load_namespace()
    broken, correct = load("broken"), load("correct")
    compiled = [(f"{Path(f).stem}#{s.id}", compile_section(s))
                for f in sorted(glob.glob(str(ROOT / "notebooks/lessons/*.md")))
                for s in read_lesson(f).sections]

    t0 = time.monotonic()
    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda c: repair_without_model(c, ns, not args.no_render), broken))
    elapsed = time.monotonic() - t0

    cats = collections.defaultdict(list)
    for r in rows:
        cats[r["category"]].append(r)
    print(f"\nRepair corpus: {len(rows)} broken programs (renders {'on' if not args.no_render else 'off'}, "
          f"{elapsed:.0f} s)\n")
    print(f"{'category':16} {'n':>3} {'flagged by gate':>16} {'gate-clean after fixers':>24} "
          f"{'renders, 0 model calls':>23}")
    for cat, rs in sorted(cats.items()) + [("ALL", rows)]:
        n = len(rs)
        f = sum(r["flagged"] for r in rs)
        g = sum(r["gate_clean"] and r["flagged"] for r in rs)
        ok = sum(r["renders"] for r in rs)
        print(f"{cat:16} {n:3} {f:>8} ({f / n:4.0%})   {g:>12} ({g / max(f, 1):4.0%} of flagged) "
              f"{ok:>12} ({ok / n:4.0%})")
    if not args.no_render:
        missed = [r["name"] for r in rows if not r["renders"]]
        print(f"\nleft for a model ({len(missed)}): {', '.join(missed)}")

    alarms = [(c.name, check_source(c.source, ns).issues) for c in correct]
    alarms += [(name, check_source(src, ns).issues) for name, src in compiled]
    touched = [c.name for c in correct if fix_source(c.source, ns).source != c.source]
    touched += [name for name, src in compiled if fix_source(src, ns).source != src]
    total = len(correct) + len(compiled)
    print(f"\nFalse alarms: {sum(bool(i) for _, i in alarms)} of {total} correct scenes "
          f"({len(correct)} hand-written, {len(compiled)} compiled from the example lessons); "
          f"changed by the fixers: {len(touched)}")
    for name, issues in alarms:
        if issues:
            print(f"  {name}: {[str(i) for i in issues]}")

    sources = [c.source for c in broken + correct] + [s for _, s in compiled]
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        for src in sources:
            check_source(src, ns)
        times.append((time.perf_counter() - t) / len(sources) * 1000)
    print(f"\nGate speed: median {statistics.median(times):.1f} ms per file "
          f"(min {min(times):.1f}, max {max(times):.1f}; {len(sources)} files x {args.runs} passes)")

    if not args.no_scripted:
        print("\nScripted topic runs: model calls and tokens per section (0 = the Planner)\n")
        print(f"{'run':12} {'section':>7} {'calls':>5} {'prompt tok':>10} {'completion tok':>14}")
        for label, sid, n, p, c in scripted_runs():
            print(f"{label:12} {sid:>7} {n:>5} {p:>10} {c:>14}")


if __name__ == "__main__":
    main()
