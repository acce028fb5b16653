"""`code2video eval mmmc|report|run` and `code2video batch`: the evaluation and batch commands.

Both generating commands take every RunOptions flag (model, quality, narration, fix, ... and
whatever ablation switches the pipeline has, such as ``--fix none|whole|scoped``), except
those the batch sets per topic; ``--jobs`` counts topics at once here, ``--section-jobs`` the
renders within a topic.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console

from ..option_flags import add_run_options

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3
_PER_TOPIC = {"lesson", "topic", "out", "name", "new", "jobs"}


def add_eval_commands(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("eval", help="evaluate videos: MMMC (aesthetics, TeachQuiz, efficiency), reports")
    esub = e.add_subparsers(dest="eval_command", required=True, metavar="EVAL_COMMAND")

    m = esub.add_parser("mmmc", help="generate and measure MMMC topics (resumable)")
    m.add_argument("--out", "-o", type=Path, required=True, help="evaluation folder (resumes if it exists)")
    pick = m.add_mutually_exclusive_group()
    pick.add_argument("--topics", type=int, default=None, metavar="N", help="the first N MMMC topics")
    pick.add_argument("--topic-ids", nargs="+", default=None, metavar="ID",
                      help="topics by number (1-117), key or title (comma-separated works too)")
    _batch_flags(m)
    m.add_argument("--student-model", default=None,
                   help="the TeachQuiz student (default: the judge model)")
    m.add_argument("--judge-api-base", default=None,
                   help="base URL of an OpenAI-compatible server for the judge and the student "
                        "(--api-base is the generation's)")
    m.add_argument("--medium", choices=["auto", "keyframes", "video"], default="auto",
                   help="what judge and student see: the video where the model takes video (auto), "
                        "or keyframes with their lecture lines")
    m.add_argument("--no-shuffle", action="store_true",
                   help="keep the quiz bank's option letters (its key is mostly B and C; by default "
                        "options are shuffled with a fixed per-question order)")
    m.add_argument("--no-probe", action="store_true", help="skip the layout probe (findings per minute)")
    m.add_argument("--max-frames", type=int, default=24, help="keyframes per video at most (default: 24)")
    m.add_argument("--no-report", action="store_true", help="do not write report.md at the end")
    add_run_options(m, skip=_PER_TOPIC)
    m.set_defaults(handler=_mmmc)

    r = esub.add_parser("report", help="write report.md, summary.json and plots/ of an evaluation folder")
    r.add_argument("folder", type=Path)
    r.add_argument("--no-plots", action="store_true")
    r.set_defaults(handler=_report)

    o = esub.add_parser("run", help="the model-free measures and efficiency of one run folder "
                                    "(and its aesthetics with --judge-model)")
    o.add_argument("run", type=Path, help="run folder")
    o.add_argument("--judge-model", default=None, help="vision model for the aesthetics score")
    o.add_argument("--medium", choices=["auto", "keyframes", "video"], default="auto")
    o.add_argument("--no-probe", action="store_true", help="skip the layout probe")
    o.add_argument("--out", "-o", type=Path, default=None,
                   help="where to keep keyframes and the judge's calls (default: RUN-eval beside the run)")
    o.add_argument("--json", action="store_true", help="print the measures as JSON")
    o.set_defaults(handler=_run)

    b = sub.add_parser("batch", help="generate a video per topic of TOPICS.json, or build a folder "
                                     "of lesson outlines into a course, in parallel (resumable)")
    b.add_argument("topics_file", type=Path, metavar="TOPICS.json|LESSONS_DIR",
                   help='a JSON list of topics (or {"topic": ..., "options": {...}} objects), or a '
                        "folder of lesson outlines: a course, as `code2video course` builds it")
    b.add_argument("--out", "-o", type=Path, required=True, help="batch folder (topics/<key>/run ...)")
    _batch_flags(b)
    add_run_options(b, skip=_PER_TOPIC)
    b.set_defaults(handler=_batch)


def _batch_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local: a process pool here; dask: a Dask cluster (--scheduler, or a local "
                        "one on loopback)")
    p.add_argument("--jobs", "-j", type=int, default=2, help="topics at once (default: 2)")
    p.add_argument("--retries", type=int, default=2, help="retries of a failed topic (default: 2)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (the folder must be shared storage)")
    p.add_argument("--section-jobs", type=int, default=None,
                   help="renders at once within a topic (default: cores / --jobs)")


def _run_options(args: argparse.Namespace) -> dict[str, Any]:
    from ..options import RunOptions

    values = {k: v for k, v in vars(args).items()
              if k in RunOptions.model_fields and k not in _PER_TOPIC and v is not None}
    if args.section_jobs:
        values["jobs"] = args.section_jobs
    RunOptions(**{**values, "topic": "check"})  # flags that do not fit fail here, before any work
    return values


def _say(console: Console):
    return lambda line: console.print(line, highlight=False, markup=False)


def _mmmc(args: argparse.Namespace, console: Console) -> int:
    from ..evaluation.mmmc import ATTRIBUTION, select_topics
    from ..evaluation.report import write_report
    from ..evaluation.runner import EvalSettings, judge_model, run_mmmc

    options = _run_options(args)
    ids = [x for raw in args.topic_ids for x in raw.split(",") if x.strip()] if args.topic_ids else None
    topics = select_topics(count=args.topics, ids=ids)
    settings = EvalSettings(judge_model=judge_model(options), student_model=args.student_model,
                            api_base=args.judge_api_base, medium=args.medium,
                            shuffle=not args.no_shuffle, probe=not args.no_probe,
                            max_frames=args.max_frames, llm_timeout=options.get("llm_timeout", 120.0))
    console.print(f"MMMC: {len(topics)} topics into {args.out} ({ATTRIBUTION})", highlight=False)
    report = run_mmmc(topics, args.out, run_options=options, settings=settings, executor=args.executor,
                      jobs=args.jobs, retries=args.retries, scheduler=args.scheduler, log=_say(console))
    if not args.no_report:
        path = write_report(args.out)
        print(path)
    console.print(f"measured {len(report.evaluated)}, kept from before {len(report.skipped)}, "
                  f"incomplete {len(report.incomplete)} (run the same command to retry them)",
                  highlight=False)
    return EXIT_PARTIAL if report.incomplete else EXIT_OK


def _report(args: argparse.Namespace, console: Console) -> int:
    from ..evaluation.report import load_results, write_report

    if not (args.folder / "topics").is_dir():
        raise FileNotFoundError(f"{args.folder} is not an evaluation folder (no topics/ in it)")
    path = write_report(args.folder, plots=not args.no_plots)
    print(path)
    console.print(f"[green]report:[/] {path} ({len(load_results(args.folder))} topics)")
    return EXIT_OK


def _run(args: argparse.Namespace, console: Console) -> int:
    from ..evaluation.efficiency import efficiency
    from ..evaluation.offline import offline_measures

    out: dict[str, Any] = {
        "offline": offline_measures(args.run, probe=not args.no_probe).model_dump(mode="json"),
        "efficiency": efficiency(args.run).model_dump(mode="json"),
    }
    if args.judge_model:
        from ..evaluation.aesthetics import judge_aesthetics
        from ..evaluation.calls import CallLog, eval_gateway
        from ..evaluation.frames import run_state
        from ..evaluation.runner import same_model_warning
        from ..options import RunOptions

        work = args.out or args.run.with_name(args.run.name + "-eval")
        state = run_state(args.run)
        topic = (state.get("source") or {}).get("topic") or state.get("name", "")
        stored = {k: v for k, v in (state.get("options") or {}).items()
                  if k in RunOptions.model_fields and k not in _PER_TOPIC and v is not None}
        warning = same_model_warning(stored, args.judge_model)
        if warning:
            console.print(f"[yellow]warning:[/] {warning}", highlight=False)
        gw = eval_gateway(args.judge_model, log=CallLog(work))
        out["aesthetics"] = judge_aesthetics(gw, args.run, topic, work, medium=args.medium
                                             ).model_dump(mode="json")
    if args.json:
        print(json.dumps(out, indent=1))
        return EXIT_OK
    o, e = out["offline"], out["efficiency"]
    rows = [("sections rendered", f"{o['rendered']}/{o['sections']}"),
            ("final video", f"{o['duration']:.1f} s" if o["duration"] else "missing"),
            ("lecture lines shown", f"{o['lines_shown']}/{o['lines']}"),
            ("layout findings / min", "-" if o["findings_per_minute"] is None
             else f"{o['findings_per_minute']:.2f} ({o['findings']} findings)"),
            ("model calls", f"{e['model_calls']} (+{e['cache_hits']} from the cache)"),
            ("tokens", f"{e['prompt_tokens'] + e['completion_tokens']}"),
            ("cost", "unknown" if e["cost"] is None else f"{e['cost']:.4f} USD"),
            ("fix rounds (model / deterministic)", f"{e['model_fix_rounds']} / {e['static_fixes']}"),
            ("fallback sections", ", ".join(map(str, e["fallback_sections"])) or "none")]
    if "aesthetics" in out:
        a = out["aesthetics"]
        rows.append(("aesthetics", f"{a['total']:.1f} / 100" if a["ok"] else f"failed: {a['error']}"))
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{width}}  {v}")
    return EXIT_OK


def _batch(args: argparse.Namespace, console: Console) -> int:
    from ..evaluation.batch import read_topics, run_batch

    if args.topics_file.is_dir():  # a folder of lesson outlines: a course
        from .course import run_course

        args.lessons = args.topics_file
        return run_course(args, console)

    specs = read_topics(args.topics_file)
    options = _run_options(args)
    console.print(f"batch: {len(specs)} topics into {args.out} ({args.executor}, {args.jobs} at once)",
                  highlight=False)
    report = run_batch(specs, args.out, options=options, executor=args.executor, jobs=args.jobs,
                       retries=args.retries, scheduler=args.scheduler, on_progress=lambda p: _say(console)(p.line()))
    for spec in specs:
        r = report.results.get(spec.key)
        print(f"{spec.key}\t{r.status if r else 'missing'}\t{r.video if r and r.video else ''}")
    failed = report.failed
    console.print(f"done in {report.elapsed:.1f} s: {len(specs) - len(failed)} videos, "
                  f"{len(failed)} failed" + (" (run the same command to retry them)" if failed else ""),
                  highlight=False)
    return EXIT_PARTIAL if failed or any(r.status == "partial" for r in report.results.values()) else EXIT_OK
