"""`code2video present RUN`: a run as an offline presentation, one step per lecture line."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..quality import QUALITIES

EXIT_OK = 0


def add_present_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("present", help="export a run as a presentation (one step per lecture line, "
                                       "offline HTML that opens from disk)")
    p.add_argument("run", type=Path, help="run folder")
    p.add_argument("-o", "--out", type=Path, default=None,
                   help="presentation folder (default: beside the run, RUN.present/)")
    p.add_argument("-q", "--quality", choices=list(QUALITIES), default=None,
                   help="which render of the run (default: the run's own quality)")
    p.add_argument("--no-narration", dest="narration", action="store_false",
                   help="leave the voice out of the clips (the page can also mute it: M)")
    p.set_defaults(handler=run_present)


def run_present(args: argparse.Namespace, console: Console) -> int:
    from ..present import build_presentation

    pres = build_presentation(args.run, args.out, quality=args.quality, narration=args.narration)
    print(pres.index)
    console.print(f"[green]presentation:[/] {pres.index} ({pres.steps} steps; clips cut "
                  f"{len(pres.cut)}, unchanged {len(pres.reused)}). Open it in a browser: "
                  "→ next line, ← back, S presenter view", highlight=False)
    return EXIT_OK
