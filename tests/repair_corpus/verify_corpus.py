"""Verify the repair corpus against the installed manim (a script, not a pytest test).

Every case in ``broken/`` is run with the venv's manim CLI (``manim render -ql --dry_run``) in
a subprocess and must fail with the exception type recorded in its docstring (``error:``), with
a message that starts with the recorded message head, at the recorded line (``line:``) when the
traceback names one. Every case in ``correct/`` is rendered for real (``manim render -ql``) and
must succeed and write a video.

    .venv/bin/python tests/repair_corpus/verify_corpus.py            # all cases
    .venv/bin/python tests/repair_corpus/verify_corpus.py latex      # names containing "latex"
    .venv/bin/python tests/repair_corpus/verify_corpus.py --full     # broken ones rendered too
    .venv/bin/python tests/repair_corpus/verify_corpus.py --fixes    # reference fixes render
    .venv/bin/python tests/repair_corpus/verify_corpus.py --json out.json

Exit status 0 when every case matches its record, 1 otherwise.

With ``--fixes``, the reference fix of each broken case (``fixes.json``: text replacements on the
code after the docstring) is applied and the repaired program must render: every case holds one
fault only, so a fixer that repairs that fault gets a working program.

The docstring is read as text (not with ``ast``), since many broken cases do not parse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BROKEN = HERE / "broken"
CORRECT = HERE / "correct"
FIXES = HERE / "fixes.json"

FIELDS = ("category", "pattern", "source", "error", "line", "expect_static")
CATEGORIES = ("renamed_api", "wrong_kwarg", "wrong_method", "missing_import", "fences_indent",
              "latex_error", "bad_colour", "mixed_group", "index_error")

_HEADER = re.compile(r'\A"""\n(?P<body>.*?)\n"""\n', re.S)
_EXC_LINE = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)(?::\s?(?P<msg>.*))?$")
_EXC_GUESS = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)):\s?(?P<msg>.*)$")
_LATEX = re.compile(r"LaTeX compilation error: (?P<msg>.*?)\s{2,}|LaTeX compilation error: (?P<end>.*)$", re.M)


def parse_header(path: Path) -> dict[str, str]:
    """The ``key: value`` lines of the module docstring a case file starts with."""
    text = path.read_text(encoding="utf-8")
    m = _HEADER.match(text)
    if not m:
        raise ValueError(f"{path.name}: no leading docstring in the corpus format")
    header: dict[str, str] = {}
    for raw in m.group("body").splitlines():
        key, sep, value = raw.partition(":")
        if not sep:
            raise ValueError(f"{path.name}: docstring line without 'key:': {raw!r}")
        header[key.strip()] = value.strip()
    missing = [f for f in (("category",) if path.parent.name == "correct" else FIELDS)
               if f not in header]
    if missing:
        raise ValueError(f"{path.name}: docstring lacks {', '.join(missing)}")
    return header


def split_error(recorded: str) -> tuple[str, str]:
    """``"NameError: name 'x' is not defined"`` -> ``("NameError", "name 'x' is not defined")``."""
    etype, _, msg = recorded.partition(":")
    return etype.strip(), msg.strip()


def _norm(s: str) -> str:
    return " ".join(s.split())


def parse_failure(output: str, case_name: str) -> tuple[str, str, int | None]:
    """Exception type, message and the case file's last traceback line from manim's output.

    manim prints a Rich traceback: a box of frames (``file.py:N in construct``) followed by
    ``Type: message``, which Rich may wrap onto several lines.
    """
    lines = output.splitlines()
    box_end = max((i for i, ln in enumerate(lines) if ln.startswith("╰")), default=None)
    etype, msg = "", ""
    if box_end is not None:
        tail = [ln.strip() for ln in lines[box_end + 1:] if ln.strip()]
        # a SyntaxError shows a second box (the offending source line); take the text after
        # the last box only
        if tail:
            m = _EXC_LINE.match(tail[0])
            if m:
                etype, msg = m.group("type"), " ".join([m.group("msg") or ""] + tail[1:])
    if not etype:
        for ln in reversed(lines):
            m = _EXC_GUESS.match(ln.strip())
            if m:
                etype, msg = m.group("type"), m.group("msg")
                break
    found = re.findall(rf"{re.escape(case_name)}:(\d+)", output)
    line = int(found[-1]) if found else None
    return etype, _norm(msg), line


def latex_detail(output: str) -> str:
    """The LaTeX-level error manim logs before it raises (e.g. ``Undefined control sequence.``)."""
    m = _LATEX.search(output)
    return _norm(m.group("msg") or m.group("end") or "") if m else ""


@dataclass
class Result:
    file: str
    kind: str  # "broken" or "correct"
    category: str
    ok: bool
    expected: str = ""
    observed: str = ""
    expected_line: int | None = None
    observed_line: int | None = None
    seconds: float = 0.0
    detail: str = ""
    problems: list[str] = field(default_factory=list)


def find_manim(explicit: str | None) -> str:
    if explicit:
        return explicit
    for cand in (REPO / ".venv" / "bin" / "manim", Path(sys.executable).parent / "manim"):
        if cand.exists():
            return str(cand)
    raise SystemExit("manim CLI not found: run scripts/install.sh or pass --manim")


def run_manim(manim: str, path: Path, dry_run: bool, timeout: float) -> tuple[int, str, Path]:
    work = Path(tempfile.mkdtemp(prefix="repair_corpus_"))
    cmd = [manim, "render", "-ql", "--progress_bar", "none", "--media_dir", str(work / "media"),
           str(path)]
    if dry_run:
        cmd.insert(3, "--dry_run")
    env = dict(os.environ, COLUMNS="1000", LINES="200", PYTHONDONTWRITEBYTECODE="1",
               NO_COLOR="1", TERM="dumb")
    try:
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
        return proc.returncode, proc.stdout + proc.stderr, work
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"") + (exc.stderr or b"")
        return -9, out.decode(errors="replace") if isinstance(out, bytes) else str(out), work


def split_case(path: Path) -> tuple[str, str]:
    """(docstring header, code after it) of a case file."""
    text = path.read_text(encoding="utf-8")
    m = _HEADER.match(text)
    if not m:
        raise ValueError(f"{path.name}: no leading docstring in the corpus format")
    return text[: m.end()], text[m.end():]


def apply_fix(code: str, ops: list[list[str]]) -> str:
    """Apply a reference fix (``fixes.json``) to the code after the docstring."""
    for op in ops:
        if op[0] == "replace":
            old, new = op[1], op[2]
            if old not in code:
                raise ValueError(f"reference fix does not apply: {old!r} not found")
            code = code.replace(old, new, 1)
        elif op[0] == "dedent":
            code = textwrap.dedent(code)
        else:
            raise ValueError(f"unknown fix op {op[0]!r}")
    return code


def _keep_or_remove(work: Path, out: str, res: Result) -> None:
    """Delete the scratch folder of a case that matched; keep manim's output of one that did not."""
    if res.ok:
        shutil.rmtree(work, ignore_errors=True)
    else:
        (work / "manim_output.txt").write_text(out)
        res.problems.append(f"output kept in {work / 'manim_output.txt'}")


def check_broken(manim: str, path: Path, full: bool, timeout: float) -> Result:
    header = parse_header(path)
    etype, ehead = split_error(header["error"])
    res = Result(path.name, "broken", header["category"], False, expected=header["error"],
                 expected_line=int(header["line"]))
    if header["category"] not in CATEGORIES:
        res.problems.append(f"unknown category {header['category']!r}")
    if header["expect_static"] not in ("true", "false"):
        res.problems.append("expect_static must be true or false")
    t0 = time.monotonic()
    rc, out, work = run_manim(manim, path, dry_run=not full, timeout=timeout)
    res.seconds = round(time.monotonic() - t0, 2)
    otype, omsg, oline = parse_failure(out, path.name)
    res.observed = f"{otype}: {omsg}" if otype else f"(no exception, exit {rc})"
    res.observed_line = oline
    res.detail = latex_detail(out)
    if rc == 0:
        res.problems.append("manim exited 0: the program does not fail")
    if otype != etype:
        res.problems.append(f"exception type {otype or '-'} != recorded {etype}")
    elif not _norm(omsg).startswith(_norm(ehead)):
        res.problems.append("message does not start with the recorded head")
    if oline is not None and oline != res.expected_line:
        res.problems.append(f"traceback line {oline} != recorded line {res.expected_line}")
    if oline is None:
        res.problems.append("the traceback names no line of the case file")
    res.ok = not res.problems
    _keep_or_remove(work, out, res)
    return res


def check_fixed(manim: str, path: Path, ops: list[list[str]] | None, timeout: float) -> Result:
    header = parse_header(path)
    res = Result(path.name + " (fixed)", "fixed", header["category"], False, expected="renders")
    if ops is None:
        res.problems.append("no reference fix in fixes.json")
        return res
    head, code = split_case(path)
    try:
        fixed = apply_fix(code, ops)
    except ValueError as exc:
        res.problems.append(str(exc))
        return res
    scratch = Path(tempfile.mkdtemp(prefix="repair_corpus_fix_"))
    target = scratch / path.name
    target.write_text(head + fixed, encoding="utf-8")
    t0 = time.monotonic()
    rc, out, work = run_manim(manim, target, dry_run=True, timeout=timeout)
    res.seconds = round(time.monotonic() - t0, 2)
    res.observed = f"exit {rc}"
    if rc != 0:
        otype, omsg, _ = parse_failure(out, path.name)
        res.observed = f"{otype}: {omsg}" if otype else f"exit {rc}"
        res.problems.append("the fixed program does not render")
    res.ok = not res.problems
    _keep_or_remove(work, out, res)
    if res.ok:
        shutil.rmtree(scratch, ignore_errors=True)
    return res


def check_correct(manim: str, path: Path, timeout: float) -> Result:
    header = parse_header(path)
    res = Result(path.name, "correct", header["category"], False, expected="renders")
    if header["category"] != "correct":
        res.problems.append("category must be 'correct'")
    t0 = time.monotonic()
    rc, out, work = run_manim(manim, path, dry_run=False, timeout=timeout)
    res.seconds = round(time.monotonic() - t0, 2)
    videos = list((work / "media").rglob("*.mp4"))
    res.observed = f"exit {rc}, {len(videos)} video(s)"
    if rc != 0:
        otype, omsg, _ = parse_failure(out, path.name)
        res.observed = f"{otype}: {omsg}" if otype else f"exit {rc}"
        res.problems.append("render failed")
    elif not videos:
        res.problems.append("no video written")
    res.ok = not res.problems
    _keep_or_remove(work, out, res)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("filter", nargs="?", default="", help="only cases whose file name contains this")
    ap.add_argument("--manim", help="manim executable (default: the repo's .venv/bin/manim)")
    ap.add_argument("--full", action="store_true", help="render broken cases too (no --dry_run)")
    ap.add_argument("--fixes", action="store_true",
                    help="also render each broken case with its reference fix applied")
    ap.add_argument("--jobs", type=int, default=2, help="cases run in parallel (default 2)")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds per case")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    args = ap.parse_args(argv)

    manim = find_manim(args.manim)
    broken = sorted(p for p in BROKEN.glob("*.py") if args.filter in p.name)
    correct = sorted(p for p in CORRECT.glob("*.py") if args.filter in p.name)
    jobs = [(check_broken, (manim, p, args.full, args.timeout)) for p in broken]
    jobs += [(check_correct, (manim, p, args.timeout)) for p in correct]
    if args.fixes:
        fixes = json.loads(FIXES.read_text(encoding="utf-8"))
        jobs += [(check_fixed, (manim, p, fixes.get(p.stem), args.timeout)) for p in broken]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda j: j[0](*j[1]), jobs))

    width = max((len(r.file) for r in results), default=10)
    print(f"{'file':<{width}}  {'category':<14} {'ok':<4} {'line':<9} observed")
    for r in results:
        line = f"{r.observed_line}/{r.expected_line}" if r.kind == "broken" else ""
        print(f"{r.file:<{width}}  {r.category:<14} {'yes' if r.ok else 'NO':<4} {line:<9} "
              f"{r.observed[:110]}" + (f"  [LaTeX: {r.detail}]" if r.detail else ""))
        for p in r.problems:
            print(f"{'':<{width}}    ! {p}")

    print("\nper category:")
    cats: dict[str, list[Result]] = {}
    for r in results:
        cats.setdefault(r.category, []).append(r)
    for cat in [*CATEGORIES, "correct"]:
        for kind in ("broken", "fixed", "correct"):
            rs = [r for r in cats.get(cat, []) if r.kind == kind]
            if rs:
                what = {"broken": "fail as recorded", "fixed": "render once fixed",
                        "correct": "render"}[kind]
                print(f"  {cat:<14} {sum(r.ok for r in rs):>3} / {len(rs):<3} {what}")
    n_ok = sum(r.ok for r in results)
    n_fixed = sum(r.kind == "fixed" for r in results)
    print(f"\n{n_ok} matched, {len(results) - n_ok} mismatched "
          f"({len(broken)} broken, {len(correct)} correct"
          + (f", {n_fixed} reference fixes)" if n_fixed else ")"))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if n_ok == len(results) and results else 1


if __name__ == "__main__":
    sys.exit(main())
