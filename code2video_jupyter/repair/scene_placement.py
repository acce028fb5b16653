"""Where a file defines its scene, when that is not where manim looks for it: the top level of
the module. Apps wrap a model's answer in their own code, and models wrap their scene in a
launcher; either way the answer's scene exists only where nobody plays it. The class goes to
the top level, its lines as written with the wrapper's indent taken off."""

from __future__ import annotations

import ast

from .. import pyparse
from .fixes import Fix
from .module_text import add_imports, dedent_lines, is_docstring, is_main_guard, span


def place_scenes(source: str) -> tuple[str, list[Fix]]:
    """Both placements below, in turn."""
    source, inner = _scene_defined_in_construct(source)
    source, guarded = _scene_under_main_guard(source)
    return source, inner + guarded


def _scene_like(node: ast.stmt) -> bool:
    """A class that looks like a scene: a base named ...Scene, or a construct() method."""
    return isinstance(node, ast.ClassDef) and (
        any(ast.unparse(b).endswith("Scene") for b in node.bases)
        or any(isinstance(m, ast.FunctionDef) and m.name == "construct" for m in node.body))


def _scene_defined_in_construct(source: str) -> tuple[str, list[Fix]]:
    """A scene whose ``construct`` only defines another scene class (and imports): an app put
    the model's whole answer into its template's ``construct``, so the answer's scene is
    defined and never played, and the video is empty. The inner class goes to the top level
    and the outer scene becomes that scene under the name the app renders
    (``class Outer(Inner): pass``)."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    lines = source.split("\n")
    fixes: list[Fix] = []
    imports: list[str] = []
    for outer in sorted((n for n in tree.body if isinstance(n, ast.ClassDef)), key=lambda n: n.lineno, reverse=True):
        members = [m for m in outer.body if not (is_docstring(m) or isinstance(m, ast.Pass))]
        if len(members) != 1 or not isinstance(members[0], ast.FunctionDef) or members[0].name != "construct":
            continue
        body = [m for m in members[0].body if not (is_docstring(m) or isinstance(m, ast.Pass))]
        inner = [m for m in body if isinstance(m, ast.ClassDef)]
        if len(inner) != 1 or not inner[0].bases or any(
                not isinstance(m, (ast.ClassDef, ast.Import, ast.ImportFrom)) for m in body) or not any(
                isinstance(m, ast.FunctionDef) and m.name == "construct" for m in inner[0].body):
            continue
        cls = inner[0]
        first, last = span(cls)
        moved = dedent_lines(lines[first - 1:last], cls.col_offset)
        tail = [] if cls.name == outer.name else ["", "", f"class {outer.name}({cls.name}):", "    pass"]
        start, end = span(outer)
        lines[start - 1:end] = moved + tail
        imports += [ast.unparse(m) for m in body if isinstance(m, (ast.Import, ast.ImportFrom))]
        fixes.append(Fix(start, "scene", f"{outer.name}.construct only defined the scene {cls.name}, never "
                                         f"played: {cls.name} moved to the top level, {outer.name} plays it"))
    if not fixes:
        return source, []
    out = "\n".join(lines)
    have = {ast.unparse(n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))}
    new = sorted({i for i in imports if i not in have})
    return (add_imports(out, new) if new else out), sorted(fixes, key=lambda f: f.line)


_DEFINITIONS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)


def _scene_under_main_guard(source: str) -> tuple[str, list[Fix]]:
    """A scene defined inside ``if __name__ == "__main__":`` (with nothing at the top level):
    manim imports the file as a module, so the block never runs and there is no scene to
    render. The block's definitions (the scene, its helpers and imports) go to the top level
    where the block was; what else the block does (its launcher) stays in it."""
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return source, []
    if any(_scene_like(n) for n in tree.body):
        return source, []
    lines = source.split("\n")
    fixes: list[Fix] = []
    for guard in [n for n in tree.body if is_main_guard(n)][::-1]:
        assert isinstance(guard, ast.If)
        if guard.orelse or not any(_scene_like(s) for s in guard.body):
            continue
        cut = guard.body[0].col_offset
        rest = [s for s in guard.body if not isinstance(s, _DEFINITIONS)]
        names = ", ".join(s.name for s in guard.body if isinstance(s, ast.ClassDef) and _scene_like(s))
        if not rest:  # the block only defines: it goes, its body dedented (comments kept)
            lines[guard.lineno - 1:guard.end_lineno] = dedent_lines(lines[guard.lineno:guard.end_lineno], cut)
        else:
            moved: list[str] = []
            for stmt in [s for s in guard.body if isinstance(s, _DEFINITIONS)][::-1]:
                first, last = span(stmt)
                moved[:0] = [*dedent_lines(lines[first - 1:last], cut), ""]
                while last < len(lines) and not lines[last].strip():
                    last += 1  # the blank lines after it go with it
                del lines[first - 1:last]
            lines[guard.lineno - 1:guard.lineno - 1] = [*moved, ""]
        fixes.append(Fix(guard.lineno, "scene", f"the scene {names} was defined inside `if __name__ == "
                                                "'__main__':`, which never runs when manim loads the file: "
                                                "moved to the top level"))
    return "\n".join(lines), fixes
