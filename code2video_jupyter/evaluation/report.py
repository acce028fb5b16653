"""``code2video eval report DIR``: the measured topics of an evaluation folder as a markdown
table (``report.md``), a machine-readable summary (``summary.json``) and PNG plots
(``plots/*.png``, matplotlib, Agg backend), with the paper's Table 1 figures beside ours.

Reads only files under DIR; opens nothing on the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import atomic
from .aesthetics import DIMENSION_NAMES, DIMENSIONS
from .mmmc import ATTRIBUTION
from .runner import TopicResult
from .stats import Summary, share, t_ci

# arXiv 2510.01174 (Chen, Lin, Shou: "Code2Video"), Table 1: means per topic over MMMC,
# Gemini-2.5-Pro as judge and student. Source: https://arxiv.org/abs/2510.01174 (Table 1), as
# transcribed in the project's notes on the MMMC data. TeachQuiz and aesthetics on 0-100.
PAPER_TABLE1: list[dict[str, Any]] = [
    {"method": "Direct code generation (Claude Opus 4.1)", "minutes": 2.8, "ktokens": 2.3,
     "aesthetics": 37.8, "teachquiz": 40.0},
    {"method": "Code2Video (GPT-4.1)", "minutes": 15.4, "ktokens": 30.8, "aesthetics": 79.0,
     "teachquiz": 82.0},
    {"method": "Code2Video (Claude Opus 4.1)", "minutes": 13.8, "ktokens": 43.1, "aesthetics": 87.9,
     "teachquiz": 86.0},
    {"method": "Human-made (3Blue1Brown)", "minutes": None, "ktokens": None, "aesthetics": 99.7,
     "teachquiz": 97.1},
]
PAPER_SOURCE = "Code2Video, arXiv 2510.01174, Table 1 (https://arxiv.org/abs/2510.01174)"


def load_results(folder: Path) -> list[TopicResult]:
    """Every topic's result.json under ``folder/topics``, ordered by key (never by position)."""
    out = []
    for path in sorted((Path(folder) / "topics").glob("*/result.json")):
        try:
            out.append(TopicResult.model_validate_json(path.read_text(encoding="utf-8")))
        except ValueError:
            continue
    return sorted(out, key=lambda r: r.key)


def _get(r: TopicResult, *path: str) -> Any:
    value: Any = r
    for p in path:
        if value is None:
            return None
        value = value.get(p) if isinstance(value, dict) else getattr(value, p, None)
    return value


def summarize(results: list[TopicResult]) -> dict[str, Any]:
    """Mean and 95 % Student-t interval of every measure over the topics that have it."""
    def ci(values: list[Any]) -> Summary:
        return t_ci([v for v in values if v is not None])

    rows: dict[str, Summary] = {
        "render success (%)": ci([100 * r.offline.render_success if r.offline and r.offline.render_success
                                  is not None else None for r in results]),
        "duration (s)": ci([_get(r, "offline", "duration") for r in results]),
        "layout findings / min": ci([_get(r, "offline", "findings_per_minute") for r in results]),
        "lecture lines shown (%)": ci([100 * r.offline.lines_shown_share if r.offline and
                                       r.offline.lines_shown_share is not None else None for r in results]),
        "generation time (min)": ci([r.efficiency.wall_seconds / 60 if r.efficiency and
                                     r.efficiency.wall_seconds is not None else None for r in results]),
        "tokens (K)": ci([r.efficiency.total_tokens / 1000 if r.efficiency else None for r in results]),
        "cost (USD)": ci([_get(r, "efficiency", "cost") for r in results]),
        "model calls": ci([_get(r, "efficiency", "model_calls") for r in results]),
        "model fix rounds": ci([_get(r, "efficiency", "model_fix_rounds") for r in results]),
        "fallback sections": ci([len(r.efficiency.fallback_sections) if r.efficiency else None
                                 for r in results]),
        "aesthetics (0-100)": ci([_get(r, "aesthetics", "total") for r in results
                                  if r.aesthetics and r.aesthetics.ok]),
    }
    for d in DIMENSIONS:
        rows[f"  {DIMENSION_NAMES[d]} (0-20)"] = ci([r.aesthetics.scores.get(d) for r in results
                                                   if r.aesthetics and r.aesthetics.ok])
    quiz = [r.teachquiz for r in results if r.teachquiz and r.teachquiz.ok]
    for stage in ("baseline", "unlearned", "relearned"):
        rows[f"quiz accuracy, {stage} (%)"] = ci([100 * q.accuracy[stage] for q in quiz
                                                  if q.accuracy.get(stage) is not None])
    rows["TeachQuiz (points)"] = ci([q.teachquiz for q in quiz])
    worked, n_worked = share(q.unlearning_worked for q in quiz)
    return {
        "topics": len(results),
        "measures": {k: v.model_dump() for k, v in rows.items()},
        "unlearning_worked": {"share": worked, "n": n_worked},
        "aesthetics_failures": sum(1 for r in results if r.aesthetics and not r.aesthetics.ok),
        "teachquiz_failures": sum(1 for r in results if r.teachquiz and not r.teachquiz.ok),
        "ci": "95 % Student-t interval of the mean over topics",
    }


def _fmt(v: Any, digits: int = 1) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def write_report(folder: Path, *, plots: bool = True) -> Path:
    """Write report.md, summary.json and plots/ into ``folder``; returns report.md's path."""
    folder = Path(folder)
    results = load_results(folder)
    summary = summarize(results)
    atomic.write_json(folder / "summary.json", summary)
    images = _plots(folder / "plots", results, summary) if plots and results else []
    lines = [f"# Evaluation report: {folder.name}", ""]
    if not results:
        lines += ["No measured topics yet (no `topics/*/result.json`).", ""]
    lines += [f"{len(results)} topics measured. Confidence intervals: {summary['ci']}; n is the "
              "number of topics that have the measure.", ""]
    models = sorted({f"{r.aesthetics.model}" for r in results if r.aesthetics and r.aesthetics.model})
    students = sorted({f"{r.teachquiz.model}" for r in results if r.teachquiz and r.teachquiz.model})
    if models or students:
        lines += [f"Judge: {', '.join(models) or '-'}; student: {', '.join(students) or '-'}.", ""]
    if any(m.startswith("scripted/") for m in models + students):
        lines += ["**Scripted judge or student: these scores are canned test replies, not "
                  "measurements of the videos.**", ""]
    lines += ["## Summary", "", "| measure | mean [95 % CI] (n) |", "|---|---|"]
    for name, s in summary["measures"].items():
        lines.append(f"| {name} | {Summary(**s).fmt(2 if 'cost' in name else 1)} |")
    w = summary["unlearning_worked"]
    worked = "-" if w["share"] is None else f"{100 * w['share']:.0f} %"
    lines.append(f"| unlearning worked (share of topics) | {worked} (n={w['n']}) |")
    lines += ["", f"Reported failures (not scored): aesthetics {summary['aesthetics_failures']}, "
              f"TeachQuiz {summary['teachquiz_failures']}.", ""]

    m = summary["measures"]
    lines += ["## Beside the paper", "",
              f"The paper's figures are from {PAPER_SOURCE}; theirs are means over the 117 MMMC "
              "topics with Gemini-2.5-Pro as judge, ours over the topics above with our judge, so "
              "compare the order of magnitude, not the decimals.", "",
              "| method | minutes / topic | K tokens / topic | aesthetics (0-100) | TeachQuiz |",
              "|---|---|---|---|---|"]
    for row in PAPER_TABLE1:
        lines.append(f"| paper: {row['method']} | {_fmt(row['minutes'])} | {_fmt(row['ktokens'])} | "
                     f"{_fmt(row['aesthetics'])} | {_fmt(row['teachquiz'])} |")
    lines.append(f"| **this evaluation** | {_fmt(m['generation time (min)']['mean'])} | "
                 f"{_fmt(m['tokens (K)']['mean'])} | {_fmt(m['aesthetics (0-100)']['mean'])} | "
                 f"{_fmt(m['TeachQuiz (points)']['mean'])} |")

    lines += ["", "## Per topic", "",
              "| topic | render ok | video s | findings/min | lines shown | minutes | K tokens | "
              "calls | fix rounds | fallbacks | aesthetics | baseline | unlearned | relearned | TeachQuiz |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        o, e, a, q = r.offline, r.efficiency, r.aesthetics, r.teachquiz
        acc = q.accuracy if q and q.ok else {}
        lines.append("| " + " | ".join([
            r.title.replace("|", "\\|"),
            f"{o.rendered}/{o.sections}" if o else "-",
            _fmt(o.duration if o else None),
            _fmt(o.findings_per_minute if o else None),
            f"{o.lines_shown}/{o.lines}" if o else "-",
            _fmt(e.wall_seconds / 60 if e and e.wall_seconds is not None else None, 2),
            _fmt(e.total_tokens / 1000 if e else None),
            _fmt(e.model_calls if e else None),
            _fmt(e.model_fix_rounds if e else None),
            _fmt(len(e.fallback_sections) if e else None),
            (_fmt(a.total) if a.ok else "failed") if a else "-",
            *[_fmt(100 * acc[s] if acc.get(s) is not None else None, 0)
              for s in ("baseline", "unlearned", "relearned")],
            (_fmt(q.teachquiz) if q.ok else "failed") if q else "-",
        ]) + " |")
    if images:
        lines += ["", "## Plots", ""] + [f"![{p.stem}](plots/{p.name})" for p in images]
    lines += ["", "## Measures", "",
              "- render success: sections rendered from their own code (not a placeholder card).",
              "- layout findings / min: the deterministic layout probe's findings (out of frame, "
              "overlaps, text too small, crowding, labels far) per minute of video.",
              "- lecture lines shown: storyboard lines that have a block on screen in the timeline.",
              "- aesthetics: a vision model's scores for element layout, attractiveness, logic "
              "flow, accuracy and depth, visual consistency (0-20 each); a reply still malformed "
              "after one repair round is a reported failure, never a guessed score.",
              "- TeachQuiz: relearned accuracy (unlearning prompt + the video) minus unlearned "
              "accuracy (unlearning prompt alone), in points; answers read only from the "
              "`ANSWER:` line; 'insufficient evidence' counts as wrong.",
              "", f"Data: {ATTRIBUTION}.", ""]
    path = folder / "report.md"
    atomic.write_text(path, "\n".join(lines))
    return path


def _plots(folder: Path, results: list[TopicResult], summary: dict[str, Any]) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    labels = [r.key[:28] for r in results]

    def save(fig, name: str) -> None:
        path = folder / name
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)

    # aesthetics per dimension, mean with the 95 % CI
    m = summary["measures"]
    dims = [f"  {DIMENSION_NAMES[d]} (0-20)" for d in DIMENSIONS]
    if any(m[d]["mean"] is not None for d in dims):
        fig, ax = plt.subplots(figsize=(7, 3.6))
        means = [m[d]["mean"] or 0 for d in dims]
        err = [[(m[d]["mean"] - m[d]["low"]) if m[d]["low"] is not None else 0 for d in dims],
               [(m[d]["high"] - m[d]["mean"]) if m[d]["high"] is not None else 0 for d in dims]]
        ax.bar([DIMENSION_NAMES[d] for d in DIMENSIONS], means, yerr=err, capsize=4, color="#4c72b0")
        ax.set_ylim(0, 20)
        ax.set_ylabel("score (0-20)")
        ax.set_title("Aesthetics per dimension (mean, 95 % CI)")
        ax.tick_params(axis="x", labelrotation=20)
        save(fig, "aesthetics.png")

    # quiz accuracy per topic and stage
    quiz = [(r, r.teachquiz) for r in results if r.teachquiz and r.teachquiz.ok]
    if quiz:
        import numpy as np

        fig, ax = plt.subplots(figsize=(max(6, 1.2 * len(quiz) + 2), 3.6))
        x = np.arange(len(quiz))
        for i, (stage, color) in enumerate((("baseline", "#999999"), ("unlearned", "#dd8452"),
                                            ("relearned", "#55a868"))):
            ax.bar(x + (i - 1) * 0.27, [100 * (q.accuracy.get(stage) or 0) for _, q in quiz], 0.27,
                   label=stage, color=color)
        ax.set_xticks(x, [r.key[:20] for r, _ in quiz], rotation=20, ha="right")
        ax.set_ylim(0, 100)
        ax.set_ylabel("accuracy (%)")
        ax.set_title("TeachQuiz: accuracy per topic and stage")
        ax.legend(fontsize=8)
        save(fig, "teachquiz.png")

    # efficiency per topic
    effs = [(lab, r.efficiency) for lab, r in zip(labels, results, strict=True) if r.efficiency]
    if effs:
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.6))
        a1.barh([lab for lab, _ in effs], [(e.wall_seconds or 0) / 60 for _, e in effs], color="#4c72b0")
        a1.set_xlabel("generation time (min)")
        a2.barh([lab for lab, _ in effs], [e.total_tokens / 1000 for _, e in effs], color="#8172b3")
        a2.set_xlabel("tokens (K)")
        a2.set_yticks([])
        fig.suptitle("Efficiency per topic")
        save(fig, "efficiency.png")

    # ours beside the paper's Table 1
    ours = {"aesthetics": m["aesthetics (0-100)"]["mean"], "teachquiz": m["TeachQuiz (points)"]["mean"]}
    if any(v is not None for v in ours.values()):
        rows = [*PAPER_TABLE1, {"method": "this evaluation", **ours}]
        fig, ax = plt.subplots(figsize=(8, 3.8))
        import numpy as np

        x = np.arange(len(rows))
        ax.bar(x - 0.2, [r["aesthetics"] or 0 for r in rows], 0.4, label="aesthetics (0-100)", color="#4c72b0")
        ax.bar(x + 0.2, [r["teachquiz"] or 0 for r in rows], 0.4, label="TeachQuiz", color="#55a868")
        ax.set_xticks(x, [r["method"].replace(" (", "\n(") for r in rows], fontsize=7)
        ax.set_ylim(min(0, *(r["teachquiz"] or 0 for r in rows)), 100)
        ax.set_title("Beside the paper's Table 1 (arXiv 2510.01174)")
        ax.legend(fontsize=8)
        save(fig, "paper_comparison.png")
    return written


def results_table(folder: Path) -> list[dict[str, Any]]:
    """One flat dict per topic (for a DataFrame in a notebook)."""
    rows = []
    for r in load_results(folder):
        o, e, a, q = r.offline, r.efficiency, r.aesthetics, r.teachquiz
        rows.append({
            "key": r.key, "topic": r.title,
            "render_success": o.render_success if o else None,
            "duration": o.duration if o else None,
            "findings_per_minute": o.findings_per_minute if o else None,
            "lines_shown": o.lines_shown_share if o else None,
            "minutes": e.wall_seconds / 60 if e and e.wall_seconds is not None else None,
            "ktokens": e.total_tokens / 1000 if e else None,
            "model_calls": e.model_calls if e else None,
            "aesthetics": a.total if a and a.ok else None,
            **({f"acc_{s}": q.accuracy.get(s) for s in ("baseline", "unlearned", "relearned")}
               if q and q.ok else {}),
            "teachquiz": q.teachquiz if q and q.ok else None,
        })
    return rows

