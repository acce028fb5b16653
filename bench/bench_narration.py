"""Benchmark narration and print a table: the voice's real-time factor, and what narration adds
to a whole lesson's wall time.

    .venv/bin/python bench/bench_narration.py [--lesson notebooks/lessons/pythagorean-theorem.md]
                                              [--runs 3] [--rtf-runs 5]

- Real-time factor (synthesis seconds / audio seconds; below 1 is faster than real time) of the
  default Piper voice, voice loaded once, over the lesson's narration lines, median over
  --rtf-runs repetitions; once with every core and once pinned to one core (in a child process
  with its CPU affinity set to a single core).
- Added wall time: `code2video render --no-narration` and `code2video render` (narrated) of the
  same lesson, as whole processes, alternating within each repetition; each repetition starts
  with an empty audio cache and an empty run folder (the TeX cache is warm for both, shared).
  The ratio narrated / silent is taken pair by pair; medians are quoted. A narrated video is
  longer (each line lasts as long as its speech), so part of the added time is rendering the
  added frames: the table shows both videos' lengths.
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

RTF_CHILD = r"""
import json, os, statistics, sys, time
if sys.argv[1] == "1":
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
from code2video_jupyter.narration import synth
from code2video_jupyter.narration.voices import resolve_voice
texts, runs = json.loads(sys.argv[2]), int(sys.argv[3])
voice = resolve_voice(None, "en")
t0 = time.monotonic()
synth.synthesize(voice, "Warming up the voice.")  # loads the model
load = time.monotonic() - t0
rtfs, audio = [], 0.0
for _ in range(runs):
    spent = heard = 0.0
    for text in texts:
        t0 = time.monotonic()
        pcm, rate = synth.synthesize(voice, text)
        spent += time.monotonic() - t0
        heard += len(pcm) / rate
    rtfs.append(spent / heard)
    audio = heard
print(json.dumps({"rtf": statistics.median(rtfs), "min": min(rtfs), "max": max(rtfs),
                  "audio": audio, "load": load, "voice": voice.name, "engine": voice.engine}))
"""


def narration_texts(lesson: Path) -> list[str]:
    from code2video_jupyter.lesson import read_lesson

    board = read_lesson(lesson)
    return [ln.narration or ln.text for s in board.sections for ln in s.lecture_lines]


def rtf(texts: list[str], cores: str, runs: int) -> dict:
    p = subprocess.run([sys.executable, "-c", RTF_CHILD, cores, json.dumps(texts), str(runs)],
                       capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise SystemExit(f"real-time factor measurement failed:\n{p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def render(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds of the whole process, seconds spent in the narration stage, video length."""
    t0 = time.monotonic()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    narration, length = 0.0, 0.0
    for e in _events(p.stdout):
        if e.get("type") == "stage_finished" and e.get("stage") == "narration":
            narration = e.get("elapsed", 0.0)
        if e.get("type") == "done":
            length = e["duration"]
    return wall, narration, length


def _events(text: str) -> list[dict]:
    """The JSON events in the output (tolerant of two events printed on one line by two
    threads at once, and of the video's path on the last line)."""
    decoder, out, i = json.JSONDecoder(), [], 0
    while (i := text.find("{", i)) >= 0:
        try:
            e, end = decoder.raw_decode(text, i)
        except ValueError:
            i += 1
            continue
        if isinstance(e, dict):
            out.append(e)
        i = end
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lesson", type=Path, default=ROOT / "notebooks/lessons/pythagorean-theorem.md")
    ap.add_argument("--runs", type=int, default=3, help="repetitions of the silent/narrated pair")
    ap.add_argument("--rtf-runs", type=int, default=5)
    ap.add_argument("--quality", default="l")
    args = ap.parse_args()

    texts = narration_texts(args.lesson)
    rtf_all = rtf(texts, "all", args.rtf_runs)
    rtf_one = rtf(texts, "1", args.rtf_runs)
    print("real-time factor measured", file=sys.stderr)

    tmp = Path(tempfile.mkdtemp(prefix="c2v-bench-narration-"))
    tex = tmp / "tex"
    base = [sys.executable, "-m", "code2video_jupyter", "render", str(args.lesson),
            "-q", args.quality, "-j", "2", "--json"]
    # warm the shared TeX cache once, outside the measurement
    warm = {**os.environ, "C2V_CACHE_DIR": str(tmp / "warm")}
    render([*base, "--out", str(tmp / "warm-run"), "--no-narration"], warm)
    shutil.move(str(tmp / "warm" / "tex"), tex)
    silent, narrated = [], []
    for i in range(args.runs):
        for label, extra, rows in (("silent", ["--no-narration"], silent), ("narrated", [], narrated)):
            cache = tmp / f"cache-{label}-{i}"
            cache.mkdir()
            (cache / "tex").symlink_to(tex)  # warm TeX, cold (empty) audio cache
            env = {**os.environ, "C2V_CACHE_DIR": str(cache)}
            rows.append(render([*base, "--out", str(tmp / f"run-{label}-{i}"), *extra], env))
        print(f"repetition {i + 1}/{args.runs} done", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"\nlesson: {args.lesson.name} ({len(texts)} lines), quality -q{args.quality}, "
          f"{os.cpu_count()} cores, voice {rtf_all['voice']} ({rtf_all['engine']})\n")
    print("| measure | median | min | max |")
    print("|---|---:|---:|---:|")
    print(f"| real-time factor, all cores ({rtf_all['audio']:.1f} s of speech, {args.rtf_runs} runs) "
          f"| {rtf_all['rtf']:.3f} | {rtf_all['min']:.3f} | {rtf_all['max']:.3f} |")
    print(f"| real-time factor, one core | {rtf_one['rtf']:.3f} | {rtf_one['min']:.3f} | "
          f"{rtf_one['max']:.3f} |")
    print(f"| voice load, s | {rtf_all['load']:.2f} | | |")
    for label, rows in (("silent", silent), ("narrated", narrated)):
        walls = [r[0] for r in rows]
        print(f"| {label} lesson wall time, s ({args.runs} runs) | {statistics.median(walls):.2f} | "
              f"{min(walls):.2f} | {max(walls):.2f} |")
    stage = [r[1] for r in narrated]
    print(f"| narrated: narration stage (synthesis, cold cache), s | {statistics.median(stage):.2f} | "
          f"{min(stage):.2f} | {max(stage):.2f} |")
    ratios = [n[0] / s[0] for n, s in zip(narrated, silent, strict=True)]
    print(f"| wall time ratio narrated / silent (pairwise) | {statistics.median(ratios):.3f} | "
          f"{min(ratios):.3f} | {max(ratios):.3f} |")
    lengths = [n[2] / s[2] for n, s in zip(narrated, silent, strict=True)]
    print(f"| video length, silent -> narrated, s | {silent[0][2]:.1f} -> {narrated[0][2]:.1f} "
          f"(x{statistics.median(lengths):.2f}) | | |")
    added = [(n[0] - s[0]) for n, s in zip(narrated, silent, strict=True)]
    print(f"| added wall time, s | {statistics.median(added):.2f} | {min(added):.2f} | "
          f"{max(added):.2f} |")
    print(f"\nfaster than real time: x{1 / rtf_all['rtf']:.0f} (all cores), "
          f"x{1 / rtf_one['rtf']:.0f} (one core)")


if __name__ == "__main__":
    main()
