"""`code2video generate`, `resume` and `fix`: the commands that use the agents."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..option_flags import add_run_options, to_options
from ..quality import QUALITIES


def add_agent_commands(sub: argparse._SubParsersAction) -> None:
    g = sub.add_parser("generate", help="plan, write and render a video from a bare topic (needs a model)")
    g.add_argument("topic", help='the topic, e.g. "Why the sky is blue"')
    add_run_options(g, skip={"lesson", "topic"})
    g.add_argument("--json", action="store_true", help="print events as JSON lines, not progress")
    g.set_defaults(handler=_generate)

    r = sub.add_parser("resume", help="continue a run with its own options (recomputes only what is stale)")
    r.add_argument("run", type=Path, help="run folder")
    r.add_argument("--replay", action="store_true",
                   help="answer model calls from the run's recording: reproduces it with no model")
    r.add_argument("-q", "--quality", choices=list(QUALITIES), default=None,
                   help="render at another quality (makes no model calls)")
    r.add_argument("--json", action="store_true", help="print events as JSON lines, not progress")
    r.set_defaults(handler=_resume)

    c = sub.add_parser("critic", help="refine a run's layouts: the probe's findings, a vision model's fixes")
    c.add_argument("run", type=Path, help="run folder")
    c.add_argument("--section", type=int, action="append", default=None,
                   help="only this section (repeat for several; default: all)")
    c.add_argument("--model", dest="critic_model", default=None,
                   help="vision model of the critic (default: the run's; none: the probe's findings alone)")
    c.add_argument("--rounds", type=int, default=None, help="critic rounds at most (default: 2)")
    c.add_argument("--json", action="store_true", help="print events as JSON lines, not progress")
    c.set_defaults(handler=_critic)

    f = sub.add_parser("fix", help="check and repair any manim file: static gate, fixers, a render to verify")
    f.add_argument("scene", type=Path, help="the manim .py file")
    f.add_argument("--class", dest="class_name", default=None, help="the Scene class (default: the only one)")
    f.add_argument("--model", default=None, help="a model for the fixes the fixers cannot make")
    f.add_argument("--no-llm", action="store_true", help="deterministic fixes only (the default without --model)")
    f.add_argument("--budget", type=int, default=3, help="model fix calls at most (default: 3)")
    f.add_argument("-o", "--out", type=Path, default=None,
                   help="where to write the fixed file (default: SCENE.fixed.py; the input is never changed)")
    f.add_argument("-q", "--quality", choices=list(QUALITIES), default="l")
    f.add_argument("--no-render", action="store_true", help="verify in check mode only "
                   "(construct() run to its end, every animation skipped): no video")
    f.add_argument("--allow-removals", action="store_true",
                   help="last resort when nothing faithful is left: comment out a failing call "
                        "statement (an API manim does not have), at most 4, and show a picture or "
                        "SVG file nobody gave the scene as a grey card with its name; each reported")
    f.add_argument("--voice", default=None, help="who speaks a manim-voiceover scene's voiceovers "
                   "(a packaged Piper voice, an .onnx file or a litellm speech model; default: "
                   "the installed voice)")
    f.add_argument("--no-narration", dest="narration", action="store_false",
                   help="render a manim-voiceover scene silent (its voiceovers timed by a steady "
                        "speaking rate, their text kept as subcaptions)")
    f.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                   help="each run of the scene is stopped after this long (default: 300; a heavy "
                        "3-D scene may need more)")
    f.add_argument("--json", action="store_true", help="print the report as JSON")
    f.set_defaults(handler=_fix)


def _generate(args: argparse.Namespace, console: Console) -> int:
    from .main import run_with_progress

    return run_with_progress(to_options(args, topic=args.topic), args.json, console)


def _resume(args: argparse.Namespace, console: Console) -> int:
    from .main import run_with_progress

    options = _stored_options(args.run, replay=True if args.replay else None, quality=args.quality)
    return run_with_progress(options, args.json, console)


def _stored_options(folder: Path, **overrides):
    from ..options import continue_options
    from ..store import RunReader

    return continue_options(folder, RunReader.open(folder).stored_options(), **overrides)


def _critic(args: argparse.Namespace, console: Console) -> int:
    from .main import run_with_progress

    options = _stored_options(args.run, critic=True, critic_model=args.critic_model,
                              critic_rounds=args.rounds)
    from ..store import RunReader

    sections = args.section
    if sections is None:
        sections = RunReader.open(args.run).section_ids()
    code = run_with_progress(options, args.json, console, critic_sections=sections)
    run = RunReader(args.run)
    for sid in sections:
        rounds = run.critique(sid)["rounds"]
        if rounds:
            for r in rounds[-args.rounds if args.rounds else -2:]:
                before, after = len(r.get("findings_before", [])), len(r.get("findings_after", r.get("findings_before", [])))
                console.print(f"section {sid} round {r['round']}: findings {before} -> {after}; "
                              f"{r.get('result') or ('kept' if r.get('kept') else '')}", highlight=False)
    return code


def _fix(args: argparse.Namespace, console: Console) -> int:
    from .fix import fix_command

    return fix_command(args, console)
