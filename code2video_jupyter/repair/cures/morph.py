"""A morph manim cannot make: ``Transform(Tetrahedron(), Cube())`` ("operands could not be
broadcast together with shapes (12,3) (16,3)": the faces' points do not pair up), an
octahedron into a dodecahedron ("zip() argument 2 is longer than argument 1"), or a picture or
point cloud morphed into a surface ("Please override in a child class"). The animation becomes
``FadeTransform``, which cross-fades one into the other and needs no pairing of points.

``ReplacementTransform`` and ``TransformFromCopy`` end as a fade transform does: the target on
the scene. ``Transform(a, b)`` leaves ``a`` on the scene, looking like ``b``; a fade leaves ``b``
there instead, so it is rewritten only when the method never uses ``a`` again."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..fixes import Fix
from .edit import Cure, call_name, enclosing_function, parse, replace_statement, statement_at

# the two point arrays of a morph's pair of mobjects, of different lengths
_UNPAIRED = re.compile(r"could not be broadcast together with shapes \((\d+),3\) \((\d+),3\)")
_NOT_MORPHABLE = ("Please override in a child class", "get_point_mobject not implemented")
_UNEVEN = re.compile(r"zip\(\) argument \d+ is (?:longer|shorter) than argument")  # (families)
_MORPHS = ("Transform", "ReplacementTransform", "TransformFromCopy")


def morph_cure(source: str, message: str, line: int | None) -> Cure | None:
    m = _UNPAIRED.search(message)
    if not ((m and m.group(1) != m.group(2)) or _UNEVEN.search(message)
            or any(s in message for s in _NOT_MORPHABLE)) or line is None:
        return None
    tree = parse(source)
    stmt = statement_at(tree, line) if tree is not None else None
    if stmt is None:
        return None
    new = pyparse.clone(stmt)
    calls = [c for c in pyparse.walk(new) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
             and c.func.id in _MORPHS and len(c.args) == 2
             and not any(k.arg in (None, "replace_mobject_with_target_in_scene") for k in c.keywords)]
    if len(calls) != 1:  # which of several failed is not known
        return None
    call = calls[0]
    kind, (source_mob, target) = call_name(call), call.args
    if kind == "Transform" and _used_after(tree, stmt, source_mob):
        return None
    if kind == "TransformFromCopy":
        call.args[0] = ast.Call(ast.Attribute(source_mob, "copy", ast.Load()), [], [])
    call.func = ast.Name("FadeTransform", ast.Load())
    return Cure("fade transform", replace_statement(source, stmt, new), [Fix(
        stmt.lineno, "fade_transform", f"{kind}({ast.unparse(source_mob)}, {ast.unparse(target)}) -> "
        "FadeTransform: manim cannot morph one into the other (their points do not pair up), "
        "so it cross-fades")])


def _used_after(tree: ast.Module, stmt: ast.stmt, mob: ast.expr) -> bool:
    """Whether the method reads ``mob`` again after ``stmt`` (an expression it cannot follow,
    a call or a subscript, counts as used)."""
    if not isinstance(mob, (ast.Name, ast.Attribute)):
        return True
    text = ast.unparse(mob)
    scope = enclosing_function(tree, stmt) or tree
    end = stmt.end_lineno or stmt.lineno
    return any(isinstance(n, (ast.Name, ast.Attribute)) and n.lineno > end and isinstance(n.ctx, ast.Load)
               and ast.unparse(n) == text for n in pyparse.walk(scope))
