"""A picture or SVG file the scene names and nobody gave it (``ImageMobject("logo.png")``:
"could not find logo.png at either of these locations"). No rewrite of the code brings the
file, so this is a lossy last resort, tried where a removal would be: the call gets a stand-in
of the same role from ``scaffold.stand_ins`` (a grey card with the file's name), every call
naming that file at once, and the report says which file to put beside the scene."""

from __future__ import annotations

import ast
from collections.abc import Callable

from ... import pyparse
from ..fixes import Fix
from .edit import (
    Cure,
    call_name,
    parse,
    replace_statements,
    simple_statements,
    statement_at,
    with_import,
)
from .paths import missing_path

_IMPORT = "from code2video_jupyter.scaffold.stand_ins import MissingSVG, missing_image"
_FILE_ARGS = {"ImageMobject": "filename_or_array", "SVGMobject": "file_name"}


def missing_file_cure(source: str, message: str, line: int | None) -> Cure | None:
    name = missing_path(message)
    tree = parse(source)
    if name is None or tree is None:
        return None
    failing = statement_at(tree, line) if line else None
    edits: list[tuple[ast.stmt, ast.AST]] = []
    for stmt in simple_statements(tree):
        new = pyparse.clone(stmt)
        changed = False
        for call in pyparse.walk(new):
            if not (isinstance(call, ast.Call) and call_name(call) in _FILE_ARGS
                    and isinstance(call.func, ast.Name)):
                continue
            arg, put = _file_arg(call)
            named = isinstance(arg, ast.Constant) and arg.value == name
            # a path held in a variable: the call on the failing line is the one that read it
            if arg is None or not (named or (stmt is failing and not isinstance(arg, ast.Constant))):
                continue
            if call.func.id == "ImageMobject":
                put(ast.Call(func=ast.Name("missing_image", ast.Load()), args=[arg], keywords=[]))
            else:
                call.func = ast.Name("MissingSVG", ast.Load())
            changed = True
        if changed:
            edits.append((stmt, new))
    if not edits:
        return None
    return with_import(Cure("stand-in", replace_statements(source, edits), [
        Fix(stmt.lineno, "stand_in", f"{name} does not exist: a grey card with its name stands in (put "
            "the file beside the scene to use it)") for stmt, _ in edits]), _IMPORT)


def _file_arg(call: ast.Call) -> tuple[ast.expr | None, Callable[[ast.expr], None]]:
    """The call's file argument and a way to put another expression in its place."""
    if call.args and not isinstance(call.args[0], ast.Starred):
        def put_arg(value: ast.expr) -> None:
            call.args[0] = value
        return call.args[0], put_arg
    for kw in call.keywords:
        if kw.arg == _FILE_ARGS[call_name(call)]:
            def put_kw(value: ast.expr, kw: ast.keyword = kw) -> None:
                kw.value = value
            return kw.value, put_kw
    return None, lambda value: None
