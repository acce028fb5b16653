"""The repair loop, cheapest step first, iterated.

1. Run the program as it is, in the cheapest mode that reaches an error (``check``: construct()
   to its end, every animation skipped to its last state, no frame drawn). A program that runs
   is never changed.
2. Deterministic steps, no model call, one at a time: the static fixes (the gate's findings,
   the ManimGL port), then the known cure for the error the last run raised; run again after
   each (a second error often hides behind the first). A cure after which the same error comes
   back is rolled back. Bounded by ``max_steps`` runs.
3. Model fixes scoped line -> block -> section, within a budget of calls.
4. With ``lossy``, when nothing faithful is left (no cure applies, no model call left): the
   failing bare call statement is commented out (cures/removal.py), or a picture or SVG file
   nobody gave the scene gets a stand-in (cures/stand_ins.py), reported, and the loop goes on;
   at most a few per file.
5. Render once at the end; an error only the render shows goes back into the loop.

The pipeline (with revisions and the fallback to the compiled scene) and ``code2video fix``
(on any manim file) both drive it; they differ only in how they run and save."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..cancel import Cancelled
from .cures.removal import removal_cure
from .cures.stand_ins import missing_file_cure
from .gate import check_source
from .namespace import Namespace
from .runtime_fixes import runtime_fixes
from .scopes import LEVELS, Scope, scopes_for, splice
from .static_fixes import FixResult, fix_source
from .traceback import scene_line

log = logging.getLogger(__name__)

StepKind = Literal["static", "runtime", "model", "rollback", "removal", "stand_in"]
RunMode = Literal["check", "render"]


@dataclass
class Attempt:
    """What one run of the current source gave."""

    ok: bool
    error_type: str = ""
    message: str = ""
    line: int | None = None
    traceback: str = ""
    cancelled: bool = False
    plays: int | None = None  # play/wait calls made before the error (how far it got)

    def same_as(self, other: Attempt, source: str, other_source: str) -> bool:
        """The same error on the same statement: by line number, or by the statement's text
        when a fix moved it. The same mistake made again further on is progress."""
        if (self.error_type, self.message.strip()[:300]) != (other.error_type, other.message.strip()[:300]):
            return False
        if self.plays is not None and other.plays is not None and self.plays > other.plays:
            return False  # it got further: the same text again later on (a second loop, say)
        return self.line == other.line or (
            _line(source, self.line or 0) == _line(other_source, other.line or 0) != ""
            and _nth(source, self.line or 0) == _nth(other_source, other.line or 0))

    def describe(self, source: str) -> str:
        text = f"{self.error_type or 'Error'}: {self.message[:1500]}"
        if self.line:
            text += f"\n(raised at line {self.line}: {_line(source, self.line)})"
        return text


@dataclass
class Outcome:
    ok: bool
    source: str
    error: str = ""
    model_calls: int = 0
    runs: int = 0  # check and render runs made
    first_error: Attempt | None = None  # the original program's error (None: it ran)
    # the source given back ran to its end in check mode: when ``ok`` is False, only its render
    # failed (a heavy scene past the time limit, say)
    checked: bool = False
    attempts: list[Attempt] = field(default_factory=list)  # every run, in order


# save(source, reason, kind, scope) -- records a step (a revision in a run, a log line in `fix`)
Save = Callable[[str, str, StepKind, str | None], None]
# run(source, mode) -> what it gave
Run = Callable[[str, RunMode], Attempt]
# fix_scope(scope, error, attempt) -> replacement text; regenerate(error, attempt) -> new file
FixScope = Callable[[Scope, str, int], str]
Regenerate = Callable[[str, int], str]


def _gate_attempt(source: str, ns: Namespace) -> Attempt | None:
    """A program that cannot be run at all: it does not parse, or the policy refuses it."""
    report = check_source(source, ns)
    blocking = [i for i in report.errors if i.kind in ("syntax", "policy", "no_scene")]
    if not blocking:
        return None
    first = blocking[0]
    kind = {"syntax": "SyntaxError", "policy": "PolicyError", "no_scene": "NoSceneError"}[first.kind]
    return Attempt(ok=False, error_type=kind, message=first.message, line=first.line)


def repair(source: str, ns: Namespace, run: Run, save: Save, *,
           fix_scope: FixScope | None = None, regenerate: Regenerate | None = None,
           budget: int = 3, mode: str = "scoped", model_name: str = "the model",
           cancelled: Callable[[], bool] = lambda: False,
           on_model_error: Callable[[Exception], None] | None = None,
           model_errors: tuple[type[Exception], ...] = (), max_steps: int = 12,
           render: bool = True, lossy: bool = False, scene_class: str | None = None,
           elsewhere: Mapping[str, str] | None = None) -> Outcome:
    """Repair ``source`` until it runs (and, with ``render``, renders), or nothing is left to try.

    ``max_steps`` bounds the deterministic steps; ``budget`` the model calls; ``lossy`` allows
    the last resort of commenting out a failing call (see the module's step 4); ``scene_class``
    names the scene that is rendered, which some cures must leave alone; ``elsewhere``, the
    paths of another machine the scene names whose files are in its project."""
    out = Outcome(False, source)
    tried: set[str] = {source}  # a rolled-back cure's result stays here: it is not tried again
    checked: set[str] = set()  # the texts that ran to their end in check mode

    def execute(text: str, how: RunMode) -> Attempt:
        if cancelled():
            raise Cancelled()
        attempt = _gate_attempt(text, ns)
        if attempt is None:  # it can run: run it
            attempt = run(text, how)
            out.runs += 1
        if attempt.cancelled:
            raise Cancelled()
        if attempt.ok and how == "check":
            checked.add(text)
        if not attempt.ok and attempt.line is None:
            attempt.line = scene_line(attempt.traceback, "scene.py")
        out.attempts.append(attempt)
        return attempt

    attempt = execute(source, "check")
    out.first_error = None if attempt.ok else attempt
    rendered = False
    steps = 0
    level, last_scope = 0, None
    while True:
        if attempt.ok:
            if not render or rendered:
                out.ok, out.source, out.checked = True, source, True
                return out
            attempt = execute(source, "render")
            rendered = attempt.ok
            continue
        rendered = False
        error = attempt.describe(source)
        out.error = error
        # --- deterministic steps, no model call -------------------------------------------------
        if steps < max_steps:
            fixed = _static_fixes(source, ns)
            if fixed is not None and fixed.changed and fixed.source not in tried:
                steps += 1
                what = "; ".join(dict.fromkeys(f.description for f in fixed.fixes))
                save(fixed.source, f"static fixes (no model call): {what}", "static", None)
                source = fixed.source
                tried.add(source)
                attempt = execute(source, "check")
                continue
            cured = False
            for cure in runtime_fixes(source, attempt.error_type, attempt.message, attempt.line, ns,
                                      scene_class, elsewhere):
                if cure.source in tried:
                    continue
                steps += 1
                what = "; ".join(dict.fromkeys(f.description for f in cure.fixes))
                save(cure.source, f"runtime fix (no model call): {what}", "runtime", None)
                before, previous = source, attempt
                source = cure.source
                tried.add(source)
                attempt = execute(source, "check")
                if not attempt.ok and attempt.same_as(previous, source, before):
                    # The cure did not touch the error: roll it back, never keep a useless change.
                    save(before, f"rolled back ({cure.name} did not change the error)", "rollback", None)
                    source, attempt = before, previous
                    if steps >= max_steps:
                        break
                    continue
                cured = True
                break
            if cured:
                continue
        # --- model fixes, scoped ----------------------------------------------------------------
        gate = check_source(source, ns)
        line = attempt.line
        if not gate.ok and attempt.error_type in ("SyntaxError", "PolicyError", "NoSceneError", ""):
            line = gate.errors[0].line
            error = "The static check found:\n" + "\n".join(f"- {i}" for i in gate.errors[:12])
            out.error = error
        can_scope = fix_scope is not None and mode == "scoped"
        if mode == "none" or out.model_calls >= budget or (fix_scope is None and regenerate is None):
            if lossy and (removed := _remove(source, attempt, tried, save)) is not None:
                source = removed
                attempt = execute(source, "check")
                continue
            out.source, out.checked = source, source in checked
            return out
        try:
            scopes = scopes_for(source, line) if line and can_scope else {}
        except SyntaxError:
            scopes = {}
        # Widen the scope when the same place fails again; start narrow at a new place.
        if last_scope is not None and line and last_scope.start <= line <= last_scope.end + 2:
            level += 1
        else:
            level = 0
        allowed = [k for k in LEVELS[level:] if k in scopes and (k != "section" or regenerate is None)]
        kind = allowed[0] if allowed else "section"
        scope = scopes.get(kind) if (kind != "section" or regenerate is None) else None
        if scope is None and regenerate is None:
            if lossy and (removed := _remove(source, attempt, tried, save)) is not None:
                source = removed
                attempt = execute(source, "check")
                continue
            out.source, out.checked = source, source in checked
            return out
        out.model_calls += 1
        calls = out.model_calls
        try:
            if scope is None:
                new = regenerate(error, calls)  # type: ignore[misc]
                level = len(LEVELS)
            else:
                new = splice(source, scope, fix_scope(scope, error, calls))  # type: ignore[misc]
        except model_errors as e:
            if on_model_error:
                on_model_error(e)
            continue
        last_scope = scope or Scope("section", 1, len(source.split("\n")), "")
        where = f"lines {scope.start}-{scope.end}" if scope else "the whole section"
        save(new, f"fix {calls}/{budget} by {model_name} ({kind} scope, {where}): "
                  f"{error.splitlines()[0][:200]}", "model", kind)
        source = new
        if source in tried and scope is not None:
            level += 1  # the model gave back code that already failed
        tried.add(source)
        steps = 0  # new code from the model: the deterministic steps may apply again
        attempt = execute(source, "check")


def _static_fixes(source: str, ns: Namespace) -> FixResult | None:
    """The static fixes, or none when they fail on this program (a fixer's bug on input nobody
    foresaw must not end the repair: the runtime cures and the model still get their turn)."""
    try:
        return fix_source(source, ns)
    except Exception:  # noqa: BLE001 - reported and skipped
        log.warning("the static fixes failed on this program; skipped", exc_info=True)
        return None


def _remove(source: str, attempt: Attempt, tried: set[str], save: Save) -> str | None:
    """The last resort's new source (saved as a step), or None when it does not apply."""
    # a file nobody gave the scene: a stand-in keeps the statement (and what depends on it)
    cure = (missing_file_cure(source, attempt.message, attempt.line)
            or removal_cure(source, attempt.error_type, attempt.message, attempt.line))
    if cure is None or cure.source in tried:
        return None
    tried.add(cure.source)
    stand_in = cure.name == "stand-in"
    save(cure.source, f"{'a stand-in' if stand_in else 'removed'} (no model call, lossy): "
         + "; ".join(f.description for f in cure.fixes), "stand_in" if stand_in else "removal", None)
    return cure.source


def _nth(source: str, n: int) -> int:
    """Which of the lines that read like line ``n`` it is: the second of two identical
    ``new = Sector(`` lines failing after the first was fixed is progress, not the same error."""
    text = _line(source, n)
    return sum(ln.strip() == text for ln in source.split("\n")[:max(n - 1, 0)])


def _line(source: str, n: int) -> str:
    lines = source.split("\n")
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""
