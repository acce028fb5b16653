"""`code2video course LESSONS_DIR` (and `code2video batch LESSONS_DIR`): a folder of lesson
outlines built into a course, offline: a video, a presentation and a poster per lesson, and one
course page. The same runner, executors and flags as `code2video batch` of topics."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from ..option_flags import add_run_options
from .evaluate import _PER_TOPIC, _batch_flags, _run_options, _say

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3


def add_course_command(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("course", help="build a folder of lesson outlines into a course: a video, "
                                      "presentation and poster per lesson, one course page (resumable)")
    c.add_argument("lessons", type=Path, metavar="LESSONS_DIR",
                   help="folder of lesson outlines (*.md), taken in the order of their file names")
    c.add_argument("--out", "-o", type=Path, default=None,
                   help="course folder (default: code2video_courses/<folder name>)")
    c.add_argument("--title", default=None, help="the course's title (default: the folder's name)")
    _batch_flags(c)
    add_run_options(c, skip=_PER_TOPIC)
    c.set_defaults(handler=run_course)


def run_course(args: argparse.Namespace, console: Console) -> int:
    from ..course import build_course, default_course_path

    out = args.out or default_course_path(args.lessons)
    console.print(f"course: {args.lessons} into {out} ({args.executor}, {args.jobs} lessons at once)",
                  highlight=False)
    report = build_course(args.lessons, out, title=getattr(args, "title", None),
                          options=_run_options(args), executor=args.executor, jobs=args.jobs,
                          retries=args.retries, scheduler=args.scheduler,
                          on_progress=lambda p: _say(console)(p.line()))
    for lesson in report.course.lessons:
        print(f"{lesson.key}\t{lesson.status}\trendered {len(lesson.rendered)}, unchanged "
              f"{len(lesson.cached)} sections; {lesson.clips_cut} clips cut\t{lesson.presentation or ''}")
    print(report.page)
    failed, partial = report.failed, report.partial
    console.print(f"course page: {report.page} ({len(report.course.lessons)} lessons"
                  + (f", failed: {', '.join(failed)}; run the same command to retry" if failed else "")
                  + (f", with placeholder cards: {', '.join(partial)}" if partial else "") + ")",
                  highlight=False)
    return EXIT_PARTIAL if failed or partial else EXIT_OK
