"""The repair loop, cheapest step first: static gate -> deterministic static fixes -> render ->
deterministic runtime fixes -> model fixes scoped line -> block -> section, within a budget.

The pipeline (with revisions and the fallback to the compiled scene) and ``code2video fix``
(on any manim file) both drive it; they differ only in how they render and save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..cancel import Cancelled
from .gate import check_source
from .namespace import Namespace
from .runtime_fixes import runtime_fix
from .scopes import LEVELS, Scope, scopes_for, splice
from .static_fixes import fix_source
from .traceback import scene_line

StepKind = Literal["static", "runtime", "model"]


@dataclass
class Attempt:
    """What one render of the current source gave."""

    ok: bool
    error_type: str = ""
    message: str = ""
    line: int | None = None
    traceback: str = ""
    cancelled: bool = False


@dataclass
class Outcome:
    ok: bool
    source: str
    error: str = ""
    model_calls: int = 0


# save(source, reason, kind, scope) -- records a step (a revision in a run, a log line in `fix`)
Save = Callable[[str, str, StepKind, str | None], None]
# fix_scope(scope, error, attempt) -> replacement text; regenerate(error, attempt) -> new file
FixScope = Callable[[Scope, str, int], str]
Regenerate = Callable[[str, int], str]


def static_pass(source: str, ns: Namespace, save: Save) -> str:
    fixed = fix_source(source, ns)
    if fixed.changed:
        what = "; ".join(dict.fromkeys(f.description for f in fixed.fixes))
        save(fixed.source, f"static fixes (no model call): {what}", "static", None)
    return fixed.source


def repair(source: str, ns: Namespace, render: Callable[[str], Attempt], save: Save, *,
           fix_scope: FixScope | None = None, regenerate: Regenerate | None = None,
           budget: int = 3, mode: str = "scoped", model_name: str = "the model",
           cancelled: Callable[[], bool] = lambda: False,
           on_model_error: Callable[[Exception], None] | None = None,
           model_errors: tuple[type[Exception], ...] = ()) -> Outcome:
    """Repair source until it renders, or the budget of model calls is spent."""
    tried: set[str] = {source}
    level, last_scope = 0, None
    calls = 0
    error = ""
    while True:
        if cancelled():
            raise Cancelled()
        gate = check_source(source, ns)
        if gate.ok:
            attempt = render(source)
            if attempt.ok:
                return Outcome(True, source, "", calls)
            if attempt.cancelled:
                raise Cancelled()
            line = attempt.line or scene_line(attempt.traceback, "scene.py")
            error = f"{attempt.error_type or 'Error'}: {attempt.message[:1500]}"
            if line:
                error += f"\n(raised at line {line}: {_line(source, line)})"
            fixed = runtime_fix(source, attempt.error_type, attempt.message, line)
            if fixed and fixed[0] not in tried:
                tried.add(fixed[0])
                source = fixed[0]
                what = "; ".join(dict.fromkeys(f.description for f in fixed[1]))
                save(source, f"runtime fix (no model call): {what}", "runtime", None)
                continue
        else:
            line = gate.errors[0].line
            error = "The static check found:\n" + "\n".join(f"- {i}" for i in gate.errors[:12])
        can_scope = fix_scope is not None and mode == "scoped"
        if mode == "none" or calls >= budget or (fix_scope is None and regenerate is None):
            return Outcome(False, source, error, calls)
        scopes = scopes_for(source, line) if line and can_scope else {}
        # Widen the scope when the same place fails again; start narrow at a new place.
        if last_scope is not None and line and last_scope.start <= line <= last_scope.end + 2:
            level += 1
        else:
            level = 0
        allowed = [k for k in LEVELS[level:] if k in scopes and (k != "section" or regenerate is None)]
        kind = allowed[0] if allowed else "section"
        scope = scopes.get(kind) if (kind != "section" or regenerate is None) else None
        if scope is None and regenerate is None:
            return Outcome(False, source, error, calls)
        calls += 1
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
        source = static_pass(new, ns, save)
        if source in tried and scope is not None:
            level += 1  # the model gave back code that already failed
        tried.add(source)


def _line(source: str, n: int) -> str:
    lines = source.split("\n")
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""
