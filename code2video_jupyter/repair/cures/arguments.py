"""Arguments in the wrong shape for what receives them, where the intent is plain:

- a 3-D point unpacked into two names (``x, y = point``: manim's points are 3-D) ->
  ``x, y = point[:2]``;
- coordinates spread over several arguments of a method that takes one point or one
  coordinate sequence (``plane.get_vector(1, 2)``) -> ``plane.get_vector([1, 2])``, when
  every manim method of that name takes exactly one such argument (the namespace index says);
- ``GrowArrow`` on something that is not an arrow (a Line, a group of arrows): manim's
  GrowArrow scales tips only an Arrow has -> ``GrowFromPoint(m, m.get_start())``, the same
  growth from the start;
- a style dict holding a key its callee passes by a keyword of its own
  (``vertex_dot_style={'radius': r}``) -> that keyword (``vertex_dot_radius=r``)."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from .. import renames
from ..namespace import Namespace
from ..static_fixes import Fix
from .edit import (
    Cure,
    StatementFixer,
    call_name,
    chain_root,
    failing_statement,
    parse,
    replace_names,
    replace_statement,
    replace_statements,
    rewrite,
    rewrite_each,
    rewrite_everywhere,
    rewrite_failing,
    simple_statements,
)
from .points import bound_key, bound_values, pointlike

_UNPACK = re.compile(r"too many values to unpack \(expected (\d)\)")
_POSITIONAL = re.compile(r"(?:(\w+)\.)?(\w+)\(\) takes (\d+) positional arguments? but (\d+) were given")
_POINT_PARAMS = frozenset({"coords", "coord", "point", "location", "vector", "coordinates"})


def unpack_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _UNPACK.search(message)
    found = failing_statement(source, line)
    if m is None or found is None:
        return None
    stmt = found[1]
    want = int(m.group(1))
    if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and want in (2, 3)
            and isinstance(stmt.targets[0], ast.Tuple) and len(stmt.targets[0].elts) == want
            and isinstance(stmt.value, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))):
        return None
    new = pyparse.clone(stmt)
    new.value = ast.Subscript(value=new.value, slice=ast.Slice(upper=ast.Constant(want)), ctx=ast.Load())
    what = ast.unparse(stmt.value)
    return Cure("unpacked point", replace_statement(source, stmt, new), [Fix(
        stmt.lineno, "point_2d", f"{what} holds a 3-D point: unpacked as {what}[:{want}]")])


def _one_point_param(method: str, owner: str | None, ns: Namespace) -> bool:
    """The owner's method (or, owner unknown, every manim class's method of that name) takes
    exactly one parameter, a point or coordinates."""
    seen = False
    key = ns.class_key(owner) if owner else None
    if owner and key is None:
        return False
    classes = ns.mro(key) if key else ns.classes.values()
    for cls in classes:
        entry = cls["methods"].get(method)
        if entry is None:
            continue
        params = entry.get("params") or []
        if len(params) != 1 or params[0] not in _POINT_PARAMS:
            return False
        if key:
            return True  # the first in the MRO is the one called
        seen = True
    return seen


def spread_coordinates_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    m = _POSITIONAL.search(message)
    found = failing_statement(source, line)
    if m is None or found is None or int(m.group(3)) != 2 or int(m.group(4)) not in (3, 4):
        return None
    method = m.group(2)
    if not _one_point_param(method, m.group(1), ns):
        return None
    stmt = found[1]
    new = pyparse.clone(stmt)
    count = 0
    for call in pyparse.walk(new):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == method
                and len(call.args) in (2, 3) and not any(isinstance(a, ast.Starred) for a in call.args)):
            call.args = [ast.List(elts=call.args, ctx=ast.Load())]
            count += 1
    if not count:
        return None
    return Cure("spread coordinates", replace_statement(source, stmt, new), [Fix(
        stmt.lineno, "point_2d", f".{method}(x, y) -> .{method}([x, y]) (it takes one point)")])


class _GrowFromStart(StatementFixer):
    category = "renamed_api"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if (call_name(node) == "GrowArrow" and isinstance(node.func, ast.Name) and len(node.args) == 1
                and isinstance(node.args[0], (ast.Name, ast.Attribute, ast.Subscript))):
            target = node.args[0]
            start = ast.Call(func=ast.Attribute(value=pyparse.clone(target), attr="get_start", ctx=ast.Load()),
                             args=[], keywords=[])
            node.func = ast.Name("GrowFromPoint", ast.Load())
            node.args = [target, start]
            self.fixes.append("GrowArrow(m) -> GrowFromPoint(m, m.get_start()) (m is not an Arrow)")
        return node


def grow_arrow_cure(source: str, message: str, line: int | None) -> Cure | None:
    if "unexpected keyword argument 'scale_tips'" not in message or line is None:
        return None
    found = failing_statement(source, line)
    if found is None:
        return None
    return rewrite(source, found[0], line, _GrowFromStart(), "GrowArrow on a non-arrow")


_NOT_A_PATH = re.compile(r"'(?:numpy\.ndarray|list|tuple)' object has no attribute 'point_from_proportion'")


class _PointAsPath(StatementFixer):
    """``MoveAlongPath(m, p)`` with ``p`` surely a point -> ``m.animate.move_to(p)``."""

    category = "renamed_api"

    def __init__(self, values: dict[str, list[ast.AST]]) -> None:
        super().__init__()
        self.values = values

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.func, ast.Name) and node.func.id == "MoveAlongPath" and len(node.args) == 2
                and not any(isinstance(a, ast.Starred) for a in node.args) and pointlike(node.args[1], self.values)):
            return node
        mob, point = node.args
        animate: ast.expr = ast.Attribute(mob, "animate", ast.Load())
        if node.keywords:  # MoveAlongPath(m, p, run_time=2) -> m.animate(run_time=2).move_to(p)
            animate = ast.Call(animate, [], node.keywords)
        self.fixes.append(f"MoveAlongPath({ast.unparse(mob)}, point) -> {ast.unparse(mob)}.animate.move_to(point) "
                          "(a point is no path: the move to it)")
        return ast.copy_location(ast.Call(ast.Attribute(animate, "move_to", ast.Load()), [point], []), node)


def path_point_cure(source: str, message: str) -> Cure | None:
    """``MoveAlongPath(dot, target.get_center())``: a point given where a path goes (manim asked
    it for a point along it). What the call asks is the move to that point: a straight one,
    ``dot.animate.move_to(point)``, the animation's own options kept. Only a second argument
    that is surely a point is taken so, in every such call of the file (one step for all)."""
    if not _NOT_A_PATH.search(message) or (tree := parse(source)) is None:
        return None
    values = bound_values(tree)
    return rewrite_everywhere(source, tree, lambda: _PointAsPath(values), "a point given as a path")


# a 3-D line is a thin cylinder, a group of faces with no path of its own: manim asked it for a
# point along it
_SOLID_PATH = re.compile(r"Cannot call (Line3D|Arrow3D)\.point_from_proportion")


class _SolidLineAsPath(StatementFixer):
    """``MoveAlongPath(m, line3d)`` -> ``MoveAlongPath(m, Line(line3d.get_start(), line3d.get_end()))``:
    the straight path from its start to its end, the 3-D line itself left as it is (it may be
    shown too)."""

    category = "renamed_api"

    def __init__(self, values: dict[str, list[ast.AST]], kinds: tuple[str, ...]) -> None:
        super().__init__()
        self.values, self.kinds = values, kinds

    def _solid(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Call):
            return call_name(node) in self.kinds
        values = self.values.get(bound_key(node) or "", [])
        return bool(values) and all(isinstance(v, ast.Call) and call_name(v) in self.kinds for v in values)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if not (isinstance(node.func, ast.Name) and node.func.id == "MoveAlongPath" and len(node.args) == 2
                and self._solid(node.args[1]) and _simple_ref(node.args[1])):
            return node
        path = node.args[1]
        line = ast.Call(ast.Name("Line", ast.Load()), [
            ast.Call(ast.Attribute(path, "get_start", ast.Load()), [], []),
            ast.Call(ast.Attribute(path, "get_end", ast.Load()), [], [])], [])
        node.args[1] = line
        self.fixes.append(f"MoveAlongPath(..., {ast.unparse(path)}) -> MoveAlongPath(..., Line(start, end)) "
                          "(a 3-D line is a solid: the path along it is the straight line)")
        return node


def _simple_ref(node: ast.AST) -> bool:
    """A name or an attribute chain of names: safe to read twice."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def solid_path_cure(source: str, message: str) -> Cure | None:
    m = _SOLID_PATH.search(message)
    if m is None or (tree := parse(source)) is None:
        return None
    values = bound_values(tree)
    kinds = ("Line3D", "Arrow3D") if m.group(1) == "Line3D" else ("Arrow3D",)
    return rewrite_everywhere(source, tree, lambda: _SolidLineAsPath(values, kinds), "a 3-D line given as a path")


# a point where a line was wanted: manim asked the point for what a line has
_NOT_A_LINE = re.compile(r"'(?:numpy\.ndarray|list|tuple)' object has no attribute "
                         r"'(?:get_start|get_end|get_vector|get_unit_vector|get_angle|get_start_and_end)'")


def angle_points_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``Angle(A, B, C)``: three points where manim's Angle takes two lines. The angle at B,
    between BA and BC, is manim's own ``Angle.from_three_points(A, B, C)`` (the keywords go
    on to Angle)."""
    key = ns.class_key("Angle")
    # (a third point given with radius= reads as radius twice: manim complains of that first)
    if not (_NOT_A_LINE.search(message) or "Angle.__init__() got multiple values for argument" in message) \
            or key is None or ns.method(key, "from_three_points") is None:
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Angle"
                    and len(node.args) == 3 and not any(isinstance(a, ast.Starred) for a in node.args)):
                node.func = ast.Attribute(ast.Name("Angle", ast.Load()), "from_three_points", ast.Load())
                done.append("Angle(A, B, C) -> Angle.from_three_points(A, B, C): the angle at B "
                            "(Angle takes two lines)")
        return done

    return rewrite_failing(source, line, change, "angle from three points", "renamed_api")


_GETTER = "getter() takes 1 positional argument but 2 were given"


def _plural(name: str) -> list[str]:
    return [name[:-1] + "ies", name + "s"] if name.endswith("y") else [name + "s", name + "es"]


def _an_index(node: ast.expr) -> bool:
    """What can be a position in a list (``0``, ``i``, ``n - 1``); ``line.get_label("a")`` is
    a label's text, not an index of ``get_labels()``."""
    if isinstance(node, ast.Constant):
        return type(node.value) is int
    return isinstance(node, (ast.Name, ast.BinOp, ast.UnaryOp, ast.Subscript, ast.Attribute, ast.Call))


def singular_accessor_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``matrix.get_column(0)``: no manim class has ``get_column``, so Mobject's catch-all
    getter took the call; the plural accessor exists (``get_columns()``), and one item of
    it is what was asked for -> ``matrix.get_columns()[0]``."""
    found = failing_statement(source, line)
    if _GETTER not in message or found is None:
        return None
    stmt = found[1]
    known = ns.method_names
    new = pyparse.clone(stmt)
    done: list[str] = []

    class _Index(ast.NodeTransformer):
        def visit_Call(self, node: ast.Call) -> ast.AST:
            self.generic_visit(node)
            f = node.func
            if not (isinstance(f, ast.Attribute) and f.attr.startswith("get_") and f.attr not in known
                    and len(node.args) == 1 and not node.keywords and _an_index(node.args[0])):
                return node
            plural = next((p for p in _plural(f.attr) if p in known), None)
            if plural is None:
                return node
            done.append(f".{f.attr}(i) -> .{plural}()[i]")
            getter = ast.Call(func=ast.Attribute(value=f.value, attr=plural, ctx=ast.Load()), args=[], keywords=[])
            return ast.Subscript(value=getter, slice=node.args[0], ctx=ast.Load())

    new = _Index().visit(new)
    if not done:
        return None
    return Cure("singular accessor", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "renamed_api", "; ".join(dict.fromkeys(done)))])


def getter_prefix_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``disk.get_point_at_angle(0)``: no manim class has ``get_point_at_angle``, so Mobject's
    catch-all getter took the call; the method is ``point_at_angle``. ``get_`` goes where the
    receiver is made by a manim class that has the name without it (every such call of the
    file: the same slip is made again further on)."""
    if _GETTER not in message or (tree := parse(source)) is None:
        return None
    known, values = ns.method_names, bound_values(tree)

    def made_with(receiver: ast.AST, method: str) -> bool:
        made = values.get(bound_key(receiver) or "", [])
        keys = [ns.class_key(call_name(root)) if isinstance(root := chain_root(v), ast.Call) else None
                for v in made]
        return bool(keys) and all(k is not None and ns.has_attr(k, method) for k in keys)

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            f = node.func if isinstance(node, ast.Call) else None
            if (isinstance(f, ast.Attribute) and f.attr.startswith("get_") and f.attr not in known
                    and made_with(f.value, f.attr[4:])):
                done.append(f".{f.attr}(...) -> .{f.attr[4:]}(...)")
                f.attr = f.attr[4:]
        return done

    edits, fixes = rewrite_each(simple_statements(tree), change, "renamed_api")
    return Cure("method named as a getter", replace_statements(source, edits), fixes) if edits else None


_CATCH_ALL = re.compile(r"getter\(\) (takes 1 positional argument|got an unexpected keyword)")


def renamed_method_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """A method manim renamed or removed (``get_parts_by_tex``), called on a mobject whose type
    the gate could not tell: Mobject's catch-all getter took the call and refused its
    arguments. Every call of the old name becomes the new one when this manim has it."""
    found = failing_statement(source, line)
    if found is None or not _CATCH_ALL.search(message):
        return None
    known = ns.method_names
    old = {n.func.attr for n in pyparse.walk(found[1]) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
           and n.func.attr in renames.METHODS and n.func.attr not in known and renames.METHODS[n.func.attr] in known}
    if not old:
        return None
    tree = found[0]
    spots = [(n.end_lineno, n.end_col_offset - len(n.attr.encode()), n.attr, renames.METHODS[n.attr])
             for n in pyparse.walk(tree) if isinstance(n, ast.Attribute) and n.attr in old]
    return Cure("renamed method", replace_names(source, spots),
                [Fix(spots[0][0], "renamed_api", f".{o}(...) -> .{renames.METHODS[o]}(...)") for o in sorted(old)])


_MULTIPLE = re.compile(r"got multiple values for keyword argument '(\w+)'")
_STYLE_SUFFIXES = ("_style", "_config", "_kwargs")


def _own_params(call: ast.Call, ns: Namespace) -> set[str]:
    """The parameters the callee names itself: a class's __init__ chain, or a method of that
    name on any manim class (the receiver's type is not known here)."""
    key = ns.class_key(call_name(call)) if isinstance(call.func, ast.Name) else None
    if key is not None:
        return ns.init_params(key)[0]
    if not isinstance(call.func, ast.Attribute):
        return set()
    return {p for entry in ns.methods_named(call.func.attr) for p in entry["params"]}


def style_dict_key_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``plot_line_graph(..., vertex_dot_style={'radius': 0.05})``: the callee passes that key by
    a keyword of its own (``Dot(radius=vertex_dot_radius, **vertex_dot_style)``), so the call
    fails with "multiple values for keyword argument 'radius'". The value goes to the callee's
    own keyword when it has one (``vertex_dot_radius=0.05``), else the key is dropped."""
    m = _MULTIPLE.search(message)
    found = failing_statement(source, line)
    if m is None or found is None:
        return None
    key = m.group(1)
    stmt = found[1]
    new = pyparse.clone(stmt)
    done: list[str] = []
    for call in (n for n in pyparse.walk(new) if isinstance(n, ast.Call)):
        for k in list(call.keywords):
            if not (k.arg and k.arg.endswith(_STYLE_SUFFIXES) and isinstance(k.value, ast.Dict)):
                continue
            pairs = list(zip(k.value.keys, k.value.values, strict=True))
            hit = next((v for kk, v in pairs if isinstance(kk, ast.Constant) and kk.value == key), None)
            if hit is None:
                continue
            k.value.keys = [kk for kk, _ in pairs if not (isinstance(kk, ast.Constant) and kk.value == key)]
            k.value.values = [v for kk, v in pairs if not (isinstance(kk, ast.Constant) and kk.value == key)]
            own = f"{k.arg.rsplit('_', 1)[0]}_{key}"
            if own in _own_params(call, ns) and own not in {kw.arg for kw in call.keywords}:
                call.keywords.append(ast.keyword(own, hit))
                done.append(f"{k.arg}={{'{key}': ...}} -> {own}=... ({call_name(call)} passes {key}= itself)")
            else:
                done.append(f"removed '{key}' from {k.arg} ({call_name(call)} passes {key}= itself)")
    if not done:
        return None
    return Cure("style key given twice", replace_statement(source, stmt, new),
                [Fix(stmt.lineno, "dropped_kwarg", "; ".join(dict.fromkeys(done)))])


_COMPLEX = re.compile(r"complex\(\) first argument must be a string or a number, not '(list|tuple|numpy\.ndarray)'")
_NUMBER_TO_POINT = frozenset({"n2p", "number_to_point"})


def plane_point_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``plane.n2p([x, y, 0])`` on a complex plane, whose ``n2p`` takes a complex number: the
    coordinates were meant, and the plane's call for coordinates is ``c2p(x, y)``."""
    if not _COMPLEX.search(message):
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _NUMBER_TO_POINT and len(node.args) == 1 and not node.keywords
                    and isinstance(node.args[0], (ast.List, ast.Tuple)) and len(node.args[0].elts) in (2, 3)):
                given = ast.unparse(node)
                node.func.attr, node.args = "c2p", list(node.args[0].elts[:2])
                done.append(f"{given} -> {ast.unparse(node)} (the plane's number is complex; these are coordinates)")
        return done

    return rewrite_failing(source, line, change, "plane coordinates", "renamed_api")


_NOT_MOBJECTS = ("Expected all inputs for parameter mobjects to be a Mobjects", "is of type ManimColor")


def a_colour(node: ast.expr, ns: Namespace) -> bool:
    """A manim colour constant (``BLUE``, ``XKCD.AVOCADO``)."""
    return ((isinstance(node, ast.Name) and node.id in ns.colors)
            or (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in ("XKCD", "X11", "ManimColor")))


def positional_colour_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    """``SurroundingRectangle(t, YELLOW)``: a colour given by position to a class that takes
    its mobjects by position (``*mobjects``) and its colour as ``color=``; it was read as one
    more mobject. The colour goes to ``color=``."""
    if not any(s in message for s in _NOT_MOBJECTS):
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if not isinstance(node, ast.Call) or any(k.arg == "color" for k in node.keywords):
                continue
            key = ns.class_key(call_name(node)) if isinstance(node.func, ast.Name) else None
            colours = [a for a in node.args if a_colour(a, ns)]
            if key is None or len(colours) != 1 or "color" not in ns.init_params(key)[0]:
                continue
            node.args.remove(colours[0])
            node.keywords.append(ast.keyword("color", colours[0]))
            done.append(f"{call_name(node)}(..., {ast.unparse(colours[0])}) -> color={ast.unparse(colours[0])}")
        return done

    return rewrite_failing(source, line, change, "colour by position", "renamed_api")


_MISSING_T = re.compile(r"(\w+)\(\) missing 1 required positional argument: '(t|alpha|x)'")


def called_rate_function_cure(source: str, message: str, line: int | None) -> Cure | None:
    """``rate_func=smooth()``: the rate function called with nothing instead of given; manim
    calls it with the time. ``rate_func=smooth``."""
    m = _MISSING_T.search(message)
    if m is None:
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for k in (k for n in pyparse.walk(stmt) if isinstance(n, ast.Call) for k in n.keywords):
            v = k.value
            if (k.arg == "rate_func" and isinstance(v, ast.Call) and not v.args and not v.keywords
                    and call_name(v) == m.group(1)):
                k.value = v.func
                done.append(f"rate_func={ast.unparse(v)} -> rate_func={ast.unparse(v.func)} (manim calls it)")
        return done

    return rewrite_failing(source, line, change, "called rate function", "renamed_api")


# manim's unit constants: a number of them is the product, ``30 * DEGREES``
_UNITS = frozenset({"DEGREES"})


class CalledUnit(StatementFixer):
    """``DEGREES(30)`` -> ``30 * DEGREES``."""

    category = "renamed_api"

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in _UNITS and len(node.args) == 1 \
                and not node.keywords:
            new = ast.BinOp(node.args[0], ast.Mult(), node.func)
            self.fixes.append(f"{ast.unparse(node)} -> {ast.unparse(new)}")
            return new
        return node


def called_unit_cure(source: str, message: str) -> Cure | None:
    """``DEGREES(30)``: manim's unit constant called as a conversion ("'float' object is not
    callable"); an angle in degrees is the product, ``30 * DEGREES``. Every such call of the
    file in one step (a model that wrote it once wrote it again)."""
    tree = parse(source)
    if "'float' object is not callable" not in message or tree is None:
        return None
    return rewrite_everywhere(source, tree, CalledUnit, "called unit")
