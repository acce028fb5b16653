"""The CPU one repair step costs beyond the scene's run, per file, without running anything.

    .venv/bin/python bench/bench_repair_cpu.py --corpus ~/.cache/c2v-real-corpus-new10 [--runs 5]
        [--limit 40] [--min-lines 0]

A step of the loop re-reads the whole file: the static pass (text fixers, the ManimGL port,
the gate, the issue fixers) and the gate's check before each run. This times, on each file of
a corpus (an index.json as bench_repair_real.py reads, or every .py under the folder), one
static pass and one gate check of a text not seen before (a comment line makes it new, so the
memo of whole texts does not answer; the gate's suggestions for unknown names, kept across texts,
do from the second pass on, as in the loop), the median of --runs passes each. The baseline, measured in the same run on
the same file, is one ``ast.parse`` of it: the table gives each cost in milliseconds and as a
multiple of that parse, so machines and files of different sizes compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter import pyparse  # noqa: E402
from code2video_jupyter.repair import check_source, fix_source, load_namespace  # noqa: E402


def files(corpus: Path) -> list[Path]:
    index = corpus / "index.json"
    if index.is_file():
        return [corpus / e["file"] for e in json.loads(index.read_text(encoding="utf-8"))]
    return sorted(corpus.rglob("*.py"))


def cpu_ms(fn, text: str, runs: int) -> float:
    """Median thread CPU of ``fn`` on a text each pass has not seen (no memo answers)."""
    times = []
    for i in range(runs):
        fresh = f"{text}\n# pass {i} {time.time_ns()}\n"
        t0 = time.thread_time()
        fn(fresh)
        times.append((time.thread_time() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="the first N files only")
    ap.add_argument("--min-lines", type=int, default=0, help="only files at least this long")
    args = ap.parse_args()
    ns = load_namespace()
    rows = []
    seen: set[str] = set()
    for path in files(args.corpus.expanduser()):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + 1
        if text in seen or lines < args.min_lines:
            continue  # several programs of one file: timed once
        seen.add(text)
        try:
            pyparse.parse(text)
        except SyntaxError:
            continue  # nothing to walk: the pass stops at the parse
        parse = cpu_ms(pyparse.parse, text, args.runs)
        static = cpu_ms(lambda t: fix_source(t, ns), text, args.runs)
        gate = cpu_ms(lambda t: check_source(t, ns), text, args.runs)
        rows.append((path.name, lines, parse, static, gate))
        if args.limit and len(rows) >= args.limit:
            break
    if not rows:
        sys.exit(f"no parseable .py file under {args.corpus}")
    print(f"{'file':<58} {'lines':>6} {'parse ms':>9} {'static ms':>10} {'x parse':>8} {'gate ms':>8} {'x parse':>8}")
    for name, lines, parse, static, gate in sorted(rows, key=lambda r: r[1]):
        print(f"{name[-58:]:<58} {lines:>6} {parse:>9.1f} {static:>10.1f} {static / parse:>8.1f} "
              f"{gate:>8.1f} {gate / parse:>8.1f}")
    med = statistics.median
    print(f"\n{len(rows)} files (median {med(r[1] for r in rows):.0f} lines), medians of {args.runs} passes each:")
    print(f"  static pass  {med(r[3] for r in rows):8.1f} ms   {med(r[3] / r[2] for r in rows):6.1f} x parse"
          f"   (max {max(r[3] for r in rows):.0f} ms)")
    print(f"  gate check   {med(r[4] for r in rows):8.1f} ms   {med(r[4] / r[2] for r in rows):6.1f} x parse"
          f"   (max {max(r[4] for r in rows):.0f} ms)")
    print(f"  ast.parse    {med(r[2] for r in rows):8.1f} ms   (the baseline, same run)")


if __name__ == "__main__":
    main()
