"""Runtime errors that name what the static gate could not see: the class of the object
(``'Axes' object has no attribute 'get_graph'``), the function a keyword was passed to
(``Mobject.__init__() got an unexpected keyword argument 'x_min'``). They become gate issues on
the failing statement and go through the same confirmed rewrites as the gate's findings."""

from __future__ import annotations

import ast
import difflib
import re

from ... import pyparse
from ..gate import GateIssue, GateReport
from ..namespace import Namespace
from ..renames import KWARGS
from ..static_fixes import Fix, fix_issues, range_for, trim_step
from .edit import (
    Cure,
    call_name,
    enclosing_function,
    failing_statement,
    parse,
    replace_names,
    replace_statement,
    replace_statements,
    rewrite_each,
    simple_statements,
    statement_at,
)
from .passed_kwargs import splats

ATTR_ERROR = re.compile(r"'?(\w+)'? object has no attribute '(\w+)'")
_MODULE_ATTR = re.compile(r"module '(\w+)' has no attribute '(\w+)'")
TYPE_ATTR = re.compile(r"type object '(\w+)' has no attribute '(\w+)'")
_KWARG = re.compile(r"(?:(\w+)\.)?(\w+)\(\) got an unexpected keyword argument '(\w+)'")
CONFIG_KWARGS = ("axis_config", "x_axis_config", "y_axis_config", "z_axis_config",
                 "background_line_style", "faded_line_style", "tip_config", "decimal_number_config",
                 "line_config", "number_config", "label_config")


def module_attribute_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``np.math`` and the like where the gate could not see the module (an alias, a name
    rebound somewhere): the same renames as the gate's finding would get."""
    m = _MODULE_ATTR.search(message)
    tree = parse(source)
    if not m or tree is None or line is None or m.group(1) != "numpy":
        return None
    stmt = statement_at(tree, line)
    spots = [n for n in pyparse.walk(stmt) if isinstance(n, ast.Attribute) and n.attr == m.group(2)
             and isinstance(n.value, ast.Name)] if stmt else []
    issues = [GateIssue(kind="unknown_attribute", line=n.lineno, col=n.col_offset, name=n.attr,
                        owner=n.value.id, message=message) for n in spots]  # type: ignore[union-attr]
    return _apply(source, issues, ns, "unknown attribute") if issues else None


def attribute_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = ATTR_ERROR.search(message) or TYPE_ATTR.search(message)
    tree = parse(source)
    if not m or tree is None or line is None:
        return None
    cls, attr = m.groups()
    key = ns.class_key(cls) or manim_base(tree, cls, ns)
    if key is None:
        return None
    ported = _ported_at_run(source, line, key, attr, ns)
    if ported is None and f"'{cls}'" not in message:
        # manim's catch-all getter names `lines` for `plane.get_lines()`: the GL method ported
        ported = _ported_at_run(source, line, key, f"get_{attr}", ns)
    if ported is not None:
        return ported
    stmt = statement_at(tree, line)
    # the failing statement, or the nodes of that line (an `if`/`for` header is no statement)
    here = list(pyparse.walk(stmt)) if stmt is not None else [n for n in pyparse.walk(tree)
                                                           if getattr(n, "lineno", None) == line]
    attrs_here = [n for n in here if isinstance(n, ast.Attribute)]
    # Python's own message quotes the type; manim's catch-all getter (Mobject.__getattr__)
    # does not, and for a get_X/set_X call names X. Its attribute may be listed by the index
    # and still be missing at run time: no close-match guess is made for it.
    catch_all = f"'{cls}'" not in message
    spots = [n for n in attrs_here if n.attr == attr]
    if not spots:
        for prefix in ("get_", "set_"):
            if any(n.attr == prefix + attr for n in attrs_here):
                return _renamed_everywhere(source, tree, prefix + attr, key, ns)
        return None
    attrs = sorted(a for a in ns.attrs(key) if not a.startswith("_"))
    guesses = [] if catch_all else difflib.get_close_matches(attr, attrs, n=3, cutoff=0.75)
    issues = [GateIssue(kind="unknown_attribute", line=n.lineno, col=n.col_offset, name=attr,
                        owner=key, message=f"{cls} has no attribute '{attr}'", suggestions=guesses)
              for n in spots]
    return _apply(source, issues, ns, "unknown attribute")


def _ported_at_run(source: str, line: int, key: str, attr: str, ns: Namespace) -> Cure | None:
    """A GL (or old manim) method on a receiver only the run could name: ported as the API map
    says for that class (its template, its rename), as the static port does for known ones."""
    from ..gl_port import port_at_run

    new, fixes = port_at_run(source, ns, line, key.rsplit(".", 1)[-1], attr)
    return Cure("unknown attribute", new, fixes) if fixes and new != source else None


def _renamed_everywhere(source: str, tree: ast.Module, method: str, key: str, ns: Namespace) -> Cure | None:
    """A getter/setter manim does not have, renamed (renames.METHODS) at every use in the file
    when the class has the new name: one step, not one per use, and in any statement (an
    ``if`` header too), edited in the text at each use."""
    from ..renames import METHODS

    new = METHODS.get(method)
    if new is None or not ns.has_attr(key, new):
        return None
    uses = [(n.end_lineno, n.end_col_offset - len(method), method, new) for n in pyparse.walk(tree)
            if isinstance(n, ast.Attribute) and n.attr == method and n.end_lineno is not None
            and n.end_col_offset is not None]
    out = replace_names(source, uses)
    if out == source:
        return None
    return Cure("unknown attribute", out, [Fix(min(u[0] for u in uses), "renamed_api",
                                               f".{method} -> .{new} (every use)")])


def manim_base(tree: ast.Module, name: str, ns: Namespace) -> str | None:
    """The manim class a class of this file derives from (its scene, its own Mobject), through
    the file's other classes: what the missing attribute was looked up on."""
    classes = {n.name: n for n in pyparse.walk(tree) if isinstance(n, ast.ClassDef)}
    seen: set[str] = set()
    while name in classes and name not in seen:
        seen.add(name)
        bases = [b.id for b in classes[name].bases if isinstance(b, ast.Name)]
        for b in bases:
            if ns.class_key(b):
                return ns.class_key(b)
        name = bases[0] if bases else ""
    return None


def kwarg_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = _KWARG.search(message)
    tree = parse(source)
    if not m or tree is None or line is None:
        return None
    owner, func, kw = m.groups()
    if owner and "<locals>" in (owner or "") or "<locals>" in message.split("()")[0]:
        # Mobject.__getattr__.<locals>.setter(): a set_X method that does not exist, not a keyword
        return None
    stmt = statement_at(tree, line)
    if stmt is None:
        return None
    if (renamed := _method_range(source, stmt, kw, ns)) is not None:
        return renamed
    issues = []
    callees: set[str] = set()
    for call in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call)):
        for k in call.keywords:
            if k.arg == kw:
                cls = call_name(call) if ns.class_key(call_name(call)) else (owner or func)
                issues.append(_kwarg_issue(k, kw, cls, call, ns))
                callees.add(call_name(call))
            elif k.arg in CONFIG_KWARGS and isinstance(k.value, ast.Dict):
                # axis_config={"numbers_to_show": ...}: the key is a keyword of NumberLine
                for key_node in k.value.keys:
                    if isinstance(key_node, ast.Constant) and key_node.value == kw:
                        return _drop_dict_key(source, stmt, kw, k.arg)
    if not issues:
        return _splatted_kwarg(source, tree, stmt, kw, ns) or _callers_kwarg(source, tree, stmt, kw, ns)
    # The same mistake elsewhere in the file (the same keyword to the same callee) is made
    # again further on: cured at once, one run instead of one per occurrence.
    for call in (n for n in pyparse.walk(tree) if isinstance(n, ast.Call) and call_name(n) in callees):
        for k in call.keywords:
            if k.arg == kw and not (stmt.lineno <= k.value.lineno <= (stmt.end_lineno or stmt.lineno)):
                cls = call_name(call) if ns.class_key(call_name(call)) else (owner or func)
                issues.append(_kwarg_issue(k, kw, cls, call, ns))
    return _apply(source, issues, ns, "unknown keyword")


def _method_range(source: str, stmt: ast.stmt, kw: str, ns: Namespace) -> Cure | None:
    """``axes.plot_surface(f, x_range=..., y_range=...)``: the method's **kwargs went on to
    Mobject, which named no method. When every manim method of that name has the same range
    parameters, the n-th axis's range is the method's n-th one (u_range, v_range)."""
    new = pyparse.clone(stmt)
    done: list[str] = []
    for call in (n for n in pyparse.walk(new) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
        k = next((k for k in call.keywords if k.arg == kw), None)
        method = call.func.attr  # type: ignore[attr-defined]
        choices = {tuple(p for p in entry["params"] if p.endswith("_range")) for entry in ns.methods_named(method)}
        if k is None or len(choices) != 1:
            continue
        if (pair := _min_max(call, kw, choices)) is not None:  # .plot(f, x_min=0, x_max=3)
            done.append(f".{method}({pair}) -> {pair.split('_')[0]}_range=[...]")
            continue
        target = range_for(kw, list(choices.pop()), {x.arg for x in call.keywords})
        if target is None:
            continue
        k.arg = target
        trimmed = " (the step dropped: it samples by resolution=)" if trim_step(target, k) else ""
        done.append(f".{method}({kw}=) -> {target}={trimmed}")
    if not done:
        return None
    return Cure("unknown keyword", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "renamed_api", "; ".join(done))])


def _min_max(call: ast.Call, kw: str, choices: set[tuple[str, ...]]) -> str | None:
    """``x_min=`` and ``x_max=`` (old manim's two ends) made the method's ``x_range=[lo, hi]``,
    when it has that range and both ends are given."""
    axis = kw.rsplit("_", 1)[0]
    if not kw.endswith(("_min", "_max")) or f"{axis}_range" not in next(iter(choices)):
        return None
    ends = {k.arg: k for k in call.keywords if k.arg in (f"{axis}_min", f"{axis}_max")}
    if len(ends) != 2 or any(k.arg == f"{axis}_range" for k in call.keywords):
        return None
    low, high = ends[f"{axis}_min"].value, ends[f"{axis}_max"].value
    call.keywords = [k for k in call.keywords if k.arg not in ends]
    call.keywords.append(ast.keyword(f"{axis}_range", ast.List([low, high], ast.Load())))
    return f"{axis}_min=, {axis}_max="


def _splatted_kwarg(source: str, tree: ast.Module, stmt: ast.stmt, kw: str, ns: Namespace) -> Cure | None:
    """The keyword came through ``**style`` with ``style = dict(..., kw=...)`` made once in the
    file: renamed there when a documented equivalent is accepted by the callee (the GL map's
    keyword renames), else dropped there."""
    from ..gl_map import load_gl_map

    for call in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call)):
        for star in (k for k in call.keywords if k.arg is None and isinstance(k.value, ast.Name)):
            # the dict this statement sees: the last one bound to that name above it
            made = sorted((n for n in pyparse.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1
                           and isinstance(n.targets[0], ast.Name) and n.targets[0].id == star.value.id
                           and n.lineno < stmt.lineno), key=lambda n: n.lineno)[-1:]
            if not made or not (isinstance(made[0].value, ast.Call) and call_name(made[0].value) == "dict"):
                continue
            key = ns.class_key(call_name(call))
            accepted = ns.init_params(key)[0] if key else set()
            renames = {e.ce for entries in load_gl_map().kwargs.values() for name, e in entries.items()
                       if name == kw and e.decision == "renamed" and e.ce in accepted}
            new = pyparse.clone(made[0])
            kws = new.value.keywords  # type: ignore[attr-defined]
            hit = next((k for k in kws if k.arg == kw), None)
            if hit is None:
                continue
            if len(renames) == 1:
                hit.arg = renames.pop()
                what = f"{star.value.id}: {kw}= -> {hit.arg}= ({call_name(call)} takes it by that name)"
            else:
                kws.remove(hit)
                what = f"{star.value.id}: removed {kw}= ({call_name(call)} has no such argument)"
            return Cure("unknown keyword", replace_statement(source, made[0], new),
                        [Fix(made[0].lineno, "dropped_kwarg", what)])
    return None


def _callers_kwarg(source: str, tree: ast.Module, stmt: ast.stmt, kw: str, ns: Namespace) -> Cure | None:
    """The keyword came through the **kwargs of the helper the statement is in (``def
    histogram(self, data, **kwargs): ... BarChart(..., **kwargs)`` called as
    ``self.histogram(x, bar_fill_color=GREY_A)``): cured where the helper's callers give it,
    every such call at once, as if given to the class itself."""
    helper = enclosing_function(tree, stmt)
    if helper is None or helper.args.kwarg is None:
        return None
    passed = helper.args.kwarg.arg
    classes = [call_name(c) for c in pyparse.walk(stmt) if splats(c, passed) and ns.class_key(call_name(c))]
    if len(classes) != 1:
        return None
    issues = [_kwarg_issue(k, kw, classes[0], call, ns) for call in pyparse.walk(tree)
              if isinstance(call, ast.Call) and call_name(call) == helper.name
              for k in call.keywords if k.arg == kw]
    return _apply(source, issues, ns, "unknown keyword") if issues else None


def _kwarg_issue(k: ast.keyword, kw: str, cls: str, call: ast.Call, ns: Namespace) -> GateIssue:
    key = ns.class_key(cls)
    accepted: set[str] = set()
    if key:
        accepted = ns.init_params(key)[0]
    return GateIssue(kind="unknown_kwarg", line=k.value.lineno, col=k.value.col_offset, name=kw,
                     owner=cls, message=f"{cls}() has no keyword argument '{kw}'",
                     suggestions=difflib.get_close_matches(kw, sorted(accepted), n=3, cutoff=0.6))


def _drop_dict_key(source: str, stmt: ast.stmt, key: str, where: str) -> Cure | None:
    new = pyparse.clone(stmt)
    for k in (n for n in pyparse.walk(new) if isinstance(n, ast.keyword) and n.arg == where):
        if isinstance(k.value, ast.Dict):
            pairs = [(a, b) for a, b in zip(k.value.keys, k.value.values, strict=True)
                     if not (isinstance(a, ast.Constant) and a.value == key)]
            k.value.keys = [a for a, _ in pairs]
            k.value.values = [b for _, b in pairs]
    text = replace_statement(source, stmt, new)
    return Cure("unknown keyword", text,
                [Fix(stmt.lineno, "dropped_kwarg", f"removed '{key}' from {where} (manim has no such option)")])


def _apply(source: str, issues: list[GateIssue], ns: Namespace, name: str) -> Cure | None:
    new, fixes = fix_issues(source, GateReport(issues=issues), ns)
    if not fixes or new == source:
        return None
    return Cure(name, new, fixes)


_MULTIPLE = re.compile(r"(\w+)\.__init__\(\) got multiple values for (?:keyword )?argument '(\w+)'")


def duplicate_kwarg_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``Sector(radius=2, outer_radius=2)``: the class passes ``outer_radius`` on to its base
    itself (from ``radius``), so the call's own is a second value. Renamed to the class's own
    name for it when that is documented and not given (renames.KWARGS), else dropped: the class
    sets it. Every call of that class with that keyword in the file at once: the class does it
    to each of them, and one step per call looks like no progress to the loop when two of the
    statements read alike."""
    m = _MULTIPLE.search(message)
    found = failing_statement(source, line) if m else None
    tree = parse(source)
    if m is None or found is None or tree is None:
        return None
    base, kw = m.groups()
    culprits = {call_name(c) for c in pyparse.walk(found[1])
                if isinstance(c, ast.Call) and _passes_on(c, kw, base, ns)}

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []
        for call in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call)):
            if call_name(call) not in culprits or not _passes_on(call, kw, base, ns):
                continue
            k = next(k for k in call.keywords if k.arg == kw)
            renamed = KWARGS.get(call_name(call), {}).get(kw)
            if renamed and renamed not in {x.arg for x in call.keywords}:
                k.arg = renamed
                done.append(f"{call_name(call)}({kw}=) -> {renamed}= (it passes {kw} on itself)")
            else:
                call.keywords.remove(k)
                done.append(f"removed {kw}= from {call_name(call)}() (it passes {kw} on itself)")
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "dropped_kwarg")
    if not edits:
        return None
    return Cure("duplicate keyword", replace_statements(source, edits), fixes)


def _passes_on(call: ast.Call, kw: str, base: str, ns: Namespace) -> bool:
    """Whether ``call`` builds a class derived from ``base`` (the one the message names) and
    gives it ``kw`` itself."""
    key = ns.class_key(call_name(call))
    return (key is not None and any(k.arg == kw for k in call.keywords)
            and base in {c.rsplit(".", 1)[-1] for c in ns.classes[key]["mro"]})
