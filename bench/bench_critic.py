"""Measure the Critic without a model: findings per section before and after its fixes.

    .venv/bin/python bench/bench_critic.py [--jobs 2]

Two sets of scenes with layout problems: 20 lecture scenes with the placement mistakes
generated code makes (two objects in one cell, a wide formula centred on an edge cell, text
squeezed into one cell, overlapping areas), built below from templates; and the plain manim
scenes of tests/layout_corpus/bad. For each: the layout probe (before), the deterministic
fixes the probe's findings call for (the Critic's path when no vision model is configured),
the patch, the probe again (after) -- a fix that makes the findings worse is rolled back, as
in the pipeline. The correct scenes of tests/layout_corpus/good must get no fix at all.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from code2video_jupyter.critic import probe_scene  # noqa: E402
from code2video_jupyter.critic.grid_overlay import grid_occupancy  # noqa: E402
from code2video_jupyter.critic.layout_fixes import fixes_from_findings, score  # noqa: E402
from code2video_jupyter.critic.patches import apply_patch, placement_lines  # noqa: E402

HEAD = "from manim import *\nfrom code2video_jupyter.scaffold import *\n\n\nclass S(LectureScene):\n"
TEXTS = ["Energy is conserved", "The slope is the rate", "Divide and conquer", "Vectors add tip to tail"]
CELLS = ["B2", "C3", "D4", "B5"]
EDGES = ["A6", "F6", "C6", "F1"]


def _scene(lines: list[str], body: str) -> str:
    return (HEAD + f"    title = 'Layout'\n    lines = {lines!r}\n\n    def construct(self):\n"
            + body)


def generated() -> list[tuple[str, str]]:
    out = []
    for i in range(4):
        t, c, e = TEXTS[i], CELLS[i], EDGES[i]
        out.append((f"same_cell_{i}", _scene(["One", "Two"], (
            f"        with self.line(0):\n            a = self.place_at(Text({t!r}, font_size=30), {c!r})\n"
            f"            self.play(FadeIn(a))\n        with self.line(1):\n"
            f"            b = self.place_at(Text('and more', font_size=30), {c!r})\n"
            f"            self.play(FadeIn(b))\n"))))
        out.append((f"wide_formula_on_edge_{i}", _scene(["A formula"], (
            f"        with self.line(0):\n            eq = self.place_at(MathTex(r'\\int_0^{{{i + 2}}} x^2\\,dx = "
            f"\\left[\\frac{{x^3}}{{3}}\\right]_0^{{{i + 2}}}'), {e!r})\n            self.play(Write(eq))\n"))))
        out.append((f"text_in_one_cell_{i}", _scene(["A long sentence"], (
            f"        with self.line(0):\n            t = self.place_in(Text({(t + ' and why it matters here') !r}, "
            f"font_size=30), {c!r})\n            self.play(FadeIn(t))\n"))))
        out.append((f"overlapping_areas_{i}", _scene(["Two things"], (
            f"        with self.line(0):\n            a = self.place_in(Text({t!r}), 'A1:C4')\n"
            f"            self.play(FadeIn(a))\n            b = self.place_in(Text('a second thought'), 'B2:D6')\n"
            f"            self.play(FadeIn(b))\n"))))
        out.append((f"square_over_label_{i}", _scene(["A square"], (
            f"        with self.line(0):\n            lab = self.place_at(Text('side a', font_size=28), {c!r})\n"
            f"            self.play(FadeIn(lab))\n            sq = self.place_in(Square(fill_opacity=0.9), "
            f"{c!r})\n            self.play(FadeIn(sq))\n"))))
    return out[:20]


def critic_once(name: str, source: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="c2v-critic-") as tmp:
        scene = Path(tmp) / "scene.py"
        scene.write_text(source)
        before = probe_scene(scene, None, "l", keep_workdir=Path(tmp) / "probe")
        row = {"name": name, "before": len(before.findings), "after": len(before.findings),
               "fixes": 0, "kept": False, "ok": before.ok, "probe_s": before.probe_seconds}
        if not before.ok or not before.findings:
            return row
        tl = Path(tmp) / "probe" / "timeline.json"
        occupancy = grid_occupancy(json.loads(tl.read_text())) if tl.exists() else []
        fixes = fixes_from_findings(before, occupancy, placement_lines(source))
        new = source
        for fix in sorted(fixes, key=lambda f: -f.line):
            patched = apply_patch(new, fix)
            if patched:
                new = patched[0]
                row["fixes"] += 1
        if new == source:
            return row
        scene.write_text(new)
        after = probe_scene(scene, None, "l")
        if after.ok and score(after) <= score(before):
            row["after"], row["kept"] = len(after.findings), True
        return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    corpus = ROOT / "tests/layout_corpus"
    sets = {
        "generated lecture scenes": generated(),
        "layout_corpus/bad (plain manim)": [(p.stem, p.read_text()) for p in sorted((corpus / "bad").glob("*.py"))],
        "layout_corpus/good": [(p.stem, p.read_text()) for p in sorted((corpus / "good").glob("*.py"))],
    }
    t0 = time.monotonic()
    print(f"{'set':34} {'scenes':>6} {'findings before':>15} {'after':>6} {'sections improved':>18} "
          f"{'fixes applied':>13} {'rolled back':>11}")
    for label, scenes in sets.items():
        with ThreadPoolExecutor(args.jobs) as pool:
            rows = list(pool.map(lambda s: critic_once(*s), scenes))
        before = sum(r["before"] for r in rows)
        after = sum(r["after"] for r in rows)
        improved = sum(r["after"] < r["before"] for r in rows)
        fixes = sum(r["fixes"] for r in rows)
        rolled = sum(r["fixes"] > 0 and not r["kept"] for r in rows)
        print(f"{label:34} {len(rows):>6} {before:>15} {after:>6} {improved:>12} of {len(rows):<3} "
              f"{fixes:>13} {rolled:>11}")
        per = ", ".join(f"{r['name']} {r['before']}->{r['after']}" for r in rows if r["before"])
        if per:
            print(f"    {per}")
    print(f"\n({time.monotonic() - t0:.0f} s; per section: findings counted by the probe, fixes from the "
          "probe's findings only -- no vision model)")


if __name__ == "__main__":
    main()
