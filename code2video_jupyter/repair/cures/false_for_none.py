"""``Table(data, row_labels=False)``: ``False`` for "none of these", given to a parameter whose
"none" is ``None`` (manim then iterates it: "'bool' object is not iterable"). The keyword is
dropped: its default is the ``None`` that was meant."""

from __future__ import annotations

import ast
import re

from ... import pyparse
from ..namespace import Namespace
from .edit import Cure, call_name, rewrite_failing

_A_BOOL_USED = re.compile(r"'bool' object is not (?:iterable|subscriptable)|object of type 'bool' has no len\(\)")


def false_for_none_cure(source: str, message: str, line: int | None, ns: Namespace) -> Cure | None:
    if not _A_BOOL_USED.search(message):
        return None

    def change(stmt: ast.stmt) -> list[str]:
        done = []
        for node in pyparse.walk(stmt):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            key = ns.class_key(call_name(node))
            sig = ns.method(key, "__init__") if key else None
            if sig is None:
                continue
            for k in list(node.keywords):
                default = sig.default(k.arg) if k.arg else None
                if (isinstance(k.value, ast.Constant) and k.value.value is False
                        and isinstance(default, ast.Constant) and default.value is None):
                    node.keywords.remove(k)
                    done.append(f"{call_name(node)}({k.arg}=False) -> its default, None (no {k.arg})")
        return done

    return rewrite_failing(source, line, change, "False for None", "unknown_kwarg")
