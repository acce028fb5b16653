"""2-D points where manim wants 3-D ones (``Dot([1, 2])``, ``np.array([x, y])``): numpy raises
a broadcast error deep inside manim. The cure pads the failing statement's 2-element points
(and the single assignments of the names it uses) with a zero z."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..static_fixes import Fix
from .edit import (
    COMPOUND,
    Cure,
    call_name,
    chain_root,
    failing_statement,
    replace_statement,
    replace_statements,
    rewrite_failing,
)

SIGNS = (r"shapes \(3,\) \(2,\)", r"shapes \(2,\) \(3,\)", r"from shape \(2,?\) into shape \(3,?\)",
         r"index 2 is out of bounds for axis 0 with size 2", r"expected 3, got 2",
         r"shape \(\d+,\s*2\)", r"\(2,\) \(\d+,\s*3\)", r"\(\d+,\s*3\) \(2,\)",
         r"size 2 is different from 3", r"dimension 3 .*size 2|size 2 .*dimension 3",
         # vertices of mixed lengths (``Polygon([0, 0, 0], u[:2])``)
         r"inhomogeneous shape after 1 dimensions")
# Calls and keywords whose 2-element lists are ranges or sizes, not points.
NOT_POINTS = {"Axes", "NumberPlane", "NumberLine", "ThreeDAxes", "ComplexPlane", "PolarPlane",
              "ValueTracker", "range", "linspace", "arange", "BarChart", "Matrix", "IntegerMatrix",
              "DecimalMatrix", "MobjectMatrix", "Table", "plot", "get_graph", "get_area",
              "get_riemann_rectangles", "ParametricFunction", "Surface", "interpolate",
              "random", "uniform", "randint", "choice", "zip", "enumerate", "set_color_by_gradient",
              "color_gradient", "VGroup", "Group", "clip", "Text", "MathTex", "Tex"}

# Curves made of a function's points: its lambda's 2-element value is a point.
CURVES = frozenset({"ParametricFunction", "plot_parametric_curve"})

_NOT_POINT_KW = re.compile(r"range|length|size|width|height|radius|config|color|opacity|style")


def is_point_error(message: str) -> bool:
    return any(re.search(s, message) for s in SIGNS)


def numeric(node: ast.AST) -> bool:
    """An expression that can be a number (a coordinate): never a string, a list or a lambda."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp):
        return numeric(node.operand)
    if isinstance(node, (ast.BinOp, ast.Name, ast.Call, ast.Subscript, ast.Attribute)):
        # x, np.cos(t), p[0], self.r: numbers as far as a literal point goes; strings never.
        return not any(isinstance(n, ast.Constant) and isinstance(n.value, str) for n in pyparse.walk(node))
    return False


def _is_pair(node: ast.AST) -> bool:
    return isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == 2 and all(
        numeric(e) and not isinstance(e, (ast.List, ast.Tuple)) for e in node.elts)


class _Pad(ast.NodeTransformer):
    def __init__(self) -> None:
        self.count = 0

    def _pad(self, node: ast.List | ast.Tuple) -> ast.AST:
        node.elts.append(ast.Constant(0))
        self.count += 1
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        name = call_name(node)
        if name in CURVES and node.args and isinstance(node.args[0], ast.Lambda):
            # ParametricFunction(lambda t: [x, y], t_range=[0, 1]): the curve's point is 3-D
            body = node.args[0].body
            inner = body.args[0] if (isinstance(body, ast.Call) and call_name(body) in ("array", "asarray")
                                     and len(body.args) == 1) else body
            if _is_pair(inner):
                self._pad(inner)  # type: ignore[arg-type]
        if name in NOT_POINTS:
            # keep ranges as they are, but points inside (e.g. Axes(...).c2p) are visited, and
            # the calls among the arguments (VGroup(*[Dot([x, 0]) for x in xs]))
            node.func = self.visit(node.func)
            inside = _CallsOnly(self)
            node.args = [inside.visit(a) for a in node.args]
            for k in node.keywords:
                k.value = inside.visit(k.value)
            return node
        self.generic_visit(node)
        return node

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        if node.arg and _NOT_POINT_KW.search(node.arg):
            return node  # a range or a size, not a point
        self.generic_visit(node)
        return node

    def visit_List(self, node: ast.List) -> ast.AST:
        self.generic_visit(node)
        return self._pad(node) if _is_pair(node) else node

    def visit_Tuple(self, node: ast.Tuple) -> ast.AST:
        self.generic_visit(node)
        if _is_pair(node) and isinstance(node.ctx, ast.Load):
            return self._pad(node)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        return node  # p[0, 1] is an index, not a point


class _CallsOnly(ast.NodeTransformer):
    """The arguments of a call whose own lists are no points: only the mobjects made in them
    are padded (by ``pad``), the lists and the other calls are left as they are."""

    def __init__(self, pad: _Pad) -> None:
        self.pad = pad

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if call_name(node)[:1].isupper() or _made_then_moved(node):
            # a mobject made there (Dot([x, 0])), and what is done to it (Square().shift([1, 2]))
            return self.pad.visit(node)
        self.generic_visit(node)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        return node


def _made_then_moved(node: ast.Call) -> bool:
    """A method called on a mobject made in the same expression: ``Rectangle(...).shift(v)``."""
    root = chain_root(node)
    return root is not node and isinstance(root, ast.Call) and call_name(root)[:1].isupper()


def point_cure(source: str, line: int | None) -> Cure | None:
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    # The statement itself, then the one assignment of each name it reads.
    names = {n.id for n in pyparse.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    targets: list[ast.stmt] = [stmt]
    assigned: dict[str, list[ast.Assign]] = {}
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    assigned.setdefault(t.id, []).append(node)
    linear = linear_algebra_names(tree)
    for name in sorted(names - linear):  # a vector a 2x2 matrix multiplies stays 2-D
        if len(assigned.get(name, [])) == 1 and assigned[name][0] is not stmt:
            targets.append(assigned[name][0])
    # a loop's (or a comprehension's) variable: its points are made where the list it walks is
    # built (``points = [np.array([x, y]) for ...]``, maybe rebuilt as ``[p * 3 for p in points]``)
    for name in sorted(names - linear):
        for walked in _walked_lists(tree, name) - linear:
            built = assigned.get(walked, [])
            if built and all(isinstance(a.value, (ast.List, ast.ListComp)) for a in built):
                targets += [a for a in built if a is not stmt and a not in targets]
    # and what the file's own functions called there return (``def f(p): return [x, y]``)
    called = {call_name(n) for n in pyparse.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    defs = [n for n in pyparse.walk(tree) if isinstance(n, ast.FunctionDef) and n.name in called]
    for fn in defs:
        if sum(1 for d in pyparse.walk(tree) if isinstance(d, ast.FunctionDef) and d.name == fn.name) == 1:
            targets += [r for r in pyparse.walk(fn) if isinstance(r, ast.Return) and r.value is not None]
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    for target in sorted(targets, key=lambda t: t.lineno):
        if isinstance(target, COMPOUND):
            continue
        pad = _Pad()
        new = pad.visit(pyparse.clone(target))
        if pad.count:
            edits.append((target, new))
            fixes.append(Fix(target.lineno, "point_2d", f"padded {pad.count} 2-D point(s) with z = 0"))
    if not edits:
        return None
    return Cure("2-D point", replace_statements(source, edits), fixes)


def _walked_lists(tree: ast.Module, name: str) -> set[str]:
    """The names of the lists a ``for`` or a comprehension walks with the variable ``name``."""
    return {n.iter.id for n in pyparse.walk(tree) if isinstance(n, (ast.For, ast.comprehension))
            and isinstance(n.target, ast.Name) and n.target.id == name and isinstance(n.iter, ast.Name)}


SURFACES = {"Surface", "OpenGLSurface", "ParametricSurface"}


def surface_cure(source: str, line: int | None) -> Cure | None:
    """``Surface(lambda x, y: f(x, y), ...)``: a height where manim wants a point. The
    function becomes ``lambda x, y: np.array([x, y, f(x, y)])`` (the graph of f)."""
    found = failing_statement(source, line)
    if found is None:
        return None
    stmt = found[1]
    new = pyparse.clone(stmt)
    count = 0
    for call in (n for n in pyparse.walk(new) if isinstance(n, ast.Call) and call_name(n) in SURFACES):
        fn = call.args[0] if call.args else None
        if not (isinstance(fn, ast.Lambda) and len(fn.args.args) == 2) or isinstance(
                fn.body, (ast.List, ast.Tuple)) or (isinstance(fn.body, ast.Call)
                                                     and call_name(fn.body) in ("array", "c2p", "coords_to_point")):
            continue
        u, v = (a.arg for a in fn.args.args)
        fn.body = pyparse.parse(f"np.array([{u}, {v}, {ast.unparse(fn.body)}])", mode="eval").body
        count += 1
    if not count:
        return None
    return Cure("surface height", replace_statement(source, stmt, new), [Fix(stmt.lineno, "point_2d", (
        "a Surface's function gave a height: it now gives the point (u, v, height)"))])


# Calls whose positional arguments (and these keywords) are points.
POINT_CALLS = {"Arrow", "Line", "DashedLine", "DoubleArrow", "Vector", "Dot", "Dot3D", "Arrow3D",
               "Line3D", "move_to", "shift", "put_start_and_end_on", "Polygon"}
POINT_KEYWORDS = {"start", "end", "point", "direction"}
DIRECTIONS = frozenset({"ORIGIN", "UP", "DOWN", "LEFT", "RIGHT", "IN", "OUT", "UL", "UR", "DL", "DR"})


def linear_algebra_names(tree: ast.Module) -> set[str]:
    """Names a matrix multiplies (``A @ v``, ``np.dot(A, v)``, ``A.dot(v)``): their shape is the
    matrix's business, so a 2-D one is padded where it is used as a point, not where it is made."""
    out: set[str] = set()
    for node in pyparse.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            out |= {n.id for n in (node.left, node.right) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.Call) and call_name(node) in ("dot", "matmul"):
            out |= {n.id for n in node.args if isinstance(n, ast.Name)}
    return out


def _pair_array(value: ast.AST) -> bool:
    """``np.array([1, 0])`` or ``[1, 0]``: a 2-D vector written out."""
    if isinstance(value, ast.Call) and call_name(value) in ("array", "asarray") and len(value.args) == 1:
        value = value.args[0]
    return _is_pair(value)


# Methods whose value is a point (not a mobject).
POINT_GETTERS = frozenset({"get_center", "get_start", "get_end", "get_top", "get_bottom", "get_left",
                           "get_right", "get_corner", "c2p", "coords_to_point", "n2p", "number_to_point",
                           "i2gp", "input_to_graph_point", "point_from_proportion", "func"})


def bound_key(node: ast.AST) -> str | None:
    """What ``bound_values`` files a target under: ``eq`` for a name, ``self.eq`` for an
    attribute of ``self``; None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return f"self.{node.attr}"
    return None


def bound_values(tree: ast.AST) -> dict[str, list[ast.AST]]:
    """Name (or ``self.name``) -> the values bound to it in ``tree`` (a loop variable or an
    augmented name gets itself twice: never "bound once"), for ``pointlike``."""
    values: dict[str, list[ast.AST]] = {}
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if (key := bound_key(t)) is not None:
                    values.setdefault(key, []).append(node.value)
        elif isinstance(node, (ast.For, ast.AugAssign, ast.AnnAssign)) and (key := bound_key(node.target)):
            values.setdefault(key, []).extend([node.target, node.target])
    return values


def pointlike(node: ast.AST, values: dict[str, list[ast.AST]] | None = None) -> bool:
    """Surely a point (not a mobject): direction constants, numbers, lists, np arrays, what a
    point getter returns, sums of these; with ``values`` (name -> the values bound to it), a
    name bound once to one of these."""
    if isinstance(node, ast.Name):
        if node.id in DIRECTIONS:
            return True
        bound = (values or {}).get(node.id, [])
        return len(bound) == 1 and pointlike(bound[0])
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float))
    if isinstance(node, (ast.List, ast.Tuple)):
        return True
    if isinstance(node, ast.BinOp):
        return pointlike(node.left, values) or pointlike(node.right, values)
    if isinstance(node, ast.UnaryOp):
        return pointlike(node.operand, values)
    if isinstance(node, ast.Attribute):
        return ast.unparse(node) == "self.camera.frame_center"
    return isinstance(node, ast.Call) and (
        ast.unparse(node.func) in ("np.array", "get_center")
        or (isinstance(node.func, ast.Attribute) and node.func.attr in POINT_GETTERS))


def _arith_names(node: ast.AST) -> list[ast.Name]:
    """Names a point argument is computed from by arithmetic alone (``v``, ``-v * 5``,
    ``ORIGIN + v``); a name inside a call, a list or an index is not the point itself."""
    if isinstance(node, ast.Name):
        return [node]
    if isinstance(node, ast.BinOp):
        return _arith_names(node.left) + _arith_names(node.right)
    if isinstance(node, ast.UnaryOp):
        return _arith_names(node.operand)
    return []


def np_append(node: ast.expr) -> ast.Call:
    """``np.append(node, 0)``: a 2-D point with z = 0, its own value left as it is."""
    return ast.Call(func=ast.Attribute(value=ast.Name("np", ast.Load()), attr="append", ctx=ast.Load()),
                    args=[node, ast.Constant(0)], keywords=[])


def _padded(node: ast.expr, names: set[str], wrapped: set[str]) -> ast.expr:
    """``node`` with each of ``names`` at its arithmetic level as ``np.append(name, 0)``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult) and (
            found := {n.id for n in _arith_names(node) if n.id in names}):
        # a matrix times a 2-D vector is 2-D: the product is the point
        wrapped.update(found)
        return np_append(node)
    if isinstance(node, ast.Name) and node.id in names:
        wrapped.add(node.id)
        return np_append(node)
    if isinstance(node, ast.BinOp):
        node.left, node.right = _padded(node.left, names, wrapped), _padded(node.right, names, wrapped)
    elif isinstance(node, ast.UnaryOp):
        node.operand = _padded(node.operand, names, wrapped)
    return node


def _computed_array(value: ast.AST) -> bool:
    """An assignment's value that numpy computes (``M[:, 0]``, ``v / np.linalg.norm(v)``), not
    a mobject (``Dot(...)``, ``mob.get_center()``) nor a literal point."""
    if isinstance(value, (ast.List, ast.Tuple, ast.Constant, ast.Lambda)):
        return False
    for n in pyparse.walk(value):
        if isinstance(n, ast.Call):
            name = call_name(n)
            if name[:1].isupper() or name.startswith("get_") or name in POINT_GETTERS:
                return False  # a mobject, or a point manim made (3-D already)
        if isinstance(n, ast.Name) and n.id in DIRECTIONS:
            return False
    return True


def computed_point_cure(source: str, line: int | None, manim_names: frozenset[str]) -> Cure | None:
    """A point that numpy computed in 2-D (an eigenvector of a 2x2 matrix, a column of a 2-D
    array) given where manim wants 3-D: each point use of that name in the function becomes
    ``np.append(v, 0)``. The name itself keeps its 2-D value (``A @ v`` still works)."""
    found = failing_statement(source, line)
    if found is None:
        return None
    tree, stmt = found
    if not any(isinstance(n, ast.alias) and n.asname == "np" for n in pyparse.walk(tree)) and not any(
            isinstance(n, ast.ImportFrom) and n.module == "manim" for n in pyparse.walk(tree)):
        return None
    assigned: dict[str, list[ast.AST]] = {}
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    assigned.setdefault(t.id, []).append(node.value)
                elif isinstance(t, ast.Tuple) and all(isinstance(e, ast.Name) for e in t.elts):
                    # v1, v2 = vectors.T: each is a part of what numpy computed; a, b = 1, 2 pairwise
                    literal = isinstance(node.value, (ast.Tuple, ast.List)) and len(node.value.elts) == len(t.elts)
                    for i, e in enumerate(t.elts):
                        assigned.setdefault(e.id, []).append(node.value.elts[i] if literal else node.value)  # type: ignore[union-attr]
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name):
            assigned.setdefault(node.target.id, []).append(node.iter)

    def point_args(scope: ast.AST):
        for call in (n for n in pyparse.walk(scope) if isinstance(n, ast.Call) and call_name(n) in POINT_CALLS):
            yield from (a for a in call.args if not isinstance(a, ast.Starred))
            yield from (k.value for k in call.keywords if k.arg in POINT_KEYWORDS)

    linear = linear_algebra_names(tree)

    def two_d(name: str) -> bool:
        values = assigned.get(name, [])
        return (name not in manim_names and name not in DIRECTIONS and len(values) == 1
                and (_computed_array(values[0]) or (name in linear and _pair_array(values[0]))))

    names = {n.id for arg in point_args(stmt) for n in _arith_names(arg) if two_d(n.id)}
    if not names:
        return None
    func = next((f for f in pyparse.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                 and f.lineno <= stmt.lineno <= (f.end_lineno or f.lineno)), tree)
    edits: list[tuple[ast.stmt, ast.AST]] = []
    fixes: list[Fix] = []
    for target in (n for n in pyparse.walk(func) if isinstance(n, ast.stmt) and not isinstance(n, COMPOUND)):
        new = pyparse.clone(target)
        wrapped: set[str] = set()
        for call in (n for n in pyparse.walk(new) if isinstance(n, ast.Call) and call_name(n) in POINT_CALLS):
            call.args = [a if isinstance(a, ast.Starred) else _padded(a, names, wrapped) for a in call.args]
            for k in call.keywords:
                if k.arg in POINT_KEYWORDS:
                    k.value = _padded(k.value, names, wrapped)
        if wrapped:
            edits.append((target, new))
            fixes.append(Fix(target.lineno, "point_2d",
                             f"{', '.join(sorted(wrapped))}: a 2-D array used as a point -> np.append(v, 0)"))
    if not edits:
        return None
    return Cure("computed 2-D point", replace_statements(source, edits), fixes)


def _cut_to_2d(node: ast.AST) -> bool:
    """``v[:2]``: a point cut down to x and y."""
    return (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)
            and node.slice.lower is None and node.slice.step is None
            and isinstance(node.slice.upper, ast.Constant) and node.slice.upper.value == 2)


def sliced_point_cure(source: str, line: int | None) -> Cure | None:
    """A point cut to 2-D (``u[:2]``) given where manim wants 3-D: ``np.append(u[:2], 0)``
    keeps what the cut meant (the point in the plane) in the shape manim takes."""
    found = failing_statement(source, line)
    if found is None:
        return None
    _, stmt = found
    new = pyparse.clone(stmt)
    count = 0
    for call in (n for n in pyparse.walk(new) if isinstance(n, ast.Call) and call_name(n) in POINT_CALLS):
        spots = [(call.args, i) for i in range(len(call.args))]
        spots += [(call.keywords, i) for i, k in enumerate(call.keywords) if k.arg in POINT_KEYWORDS]
        for seq, i in spots:
            value = seq[i].value if isinstance(seq[i], ast.keyword) else seq[i]
            if not _cut_to_2d(value):
                continue
            padded = np_append(value)
            if isinstance(seq[i], ast.keyword):
                seq[i].value = padded
            else:
                seq[i] = padded
            count += 1
    if not count:
        return None
    return Cure("2-D cut point", replace_statement(source, stmt, new), [Fix(
        stmt.lineno, "point_2d", f"{count} point(s) cut to 2-D (v[:2]) padded: np.append(v[:2], 0)")])


# numpy's draws and where each takes its size: rand(2), uniform(-1, 1, 2), normal(0, 1, size=2)
_DRAW_SIZE = {"rand": 0, "randn": 0, "random": 0, "random_sample": 0, "ranf": 0, "sample": 0,
              "uniform": 2, "normal": 2, "randint": 2, "standard_normal": 0}


def _draws_pair(node: ast.AST) -> bool:
    """An expression built on a random draw of two numbers (``2 * np.random.rand(2) - 1``)."""
    for n in pyparse.walk(node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _DRAW_SIZE \
                and isinstance(n.func.value, ast.Attribute) and n.func.value.attr == "random":
            at = _DRAW_SIZE[n.func.attr]
            size = next((k.value for k in n.keywords if k.arg == "size"), n.args[at] if len(n.args) > at else None)
            if isinstance(size, ast.Tuple) and len(size.elts) == 1:
                size = size.elts[0]
            if isinstance(size, ast.Constant) and size.value == 2:
                return True
    return False


def random_pair_cure(source: str, line: int | None) -> Cure | None:
    """A random 2-D vector drawn where the point is given (``dot.shift(np.random.rand(2))``):
    ``np.append(draw, 0)`` keeps the draw and gives manim its z."""

    def change(stmt: ast.stmt) -> list[str]:
        done: list[str] = []

        def pad(arg: ast.expr) -> ast.expr:
            if isinstance(arg, ast.Starred) or not _draws_pair(arg):
                return arg
            done.append(f"{ast.unparse(arg)}: a random 2-D vector used as a point -> np.append(..., 0)")
            return pyparse.parse(f"np.append({ast.unparse(arg)}, 0)", mode="eval").body

        for call in (n for n in pyparse.walk(stmt) if isinstance(n, ast.Call) and call_name(n) in POINT_CALLS):
            call.args = [pad(a) for a in call.args]
            for k in call.keywords:
                if k.arg in POINT_KEYWORDS:
                    k.value = pad(k.value)
        return done

    return rewrite_failing(source, line, change, "random 2-D point", "point_2d")
