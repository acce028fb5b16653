"""``ast.parse`` behind one lock, and the fast walks over its trees that the repair needs.

``ast.parse`` behind one lock: CPython 3.11 keeps the recursion depth of its AST
construction in state the whole interpreter shares, so two threads parsing at once can fail
with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905; seen
here when the Coder repaired sections in parallel on a loaded machine). Every parse in this
package goes through here; a parse takes milliseconds, so the lock costs nothing measurable."""

from __future__ import annotations

import ast
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Iterator
from typing import Any, TypeVar

_lock = threading.Lock()
_Node = TypeVar("_Node", bound=ast.AST)


def parse(source: str | bytes, filename: str = "<unknown>", mode: str = "exec",
          **kwargs: Any) -> Any:
    with _lock:
        return ast.parse(source, filename, mode, **kwargs)


# One repair step reads the same text many times (the text fixers, the GL port, the gate, the
# issue fixers, each runtime cure): on a 6000-line file a parse costs 50 ms, and a step made
# dozens. Readers that never change the tree share one.
_SHARED: OrderedDict[str, tuple[ast.Module, str | None]] = OrderedDict()
_SHARED_MAX = 4
# C2V_CHECK_SHARED_TREES=1: every reuse checks that no reader changed the tree (tests set it)
_CHECK_SHARED = os.environ.get("C2V_CHECK_SHARED_TREES") == "1"


class SharedTreeChanged(BaseException):
    """A bug in the repair, not in the scene: no cure's ``except Exception`` may hide it."""


def parse_shared(source: str) -> ast.Module:
    """The tree of ``source``, shared with every other caller: read it, never change it (copy
    a statement with ``clone`` before rewriting it). Raises SyntaxError like ``parse``."""
    with _lock:
        hit = _SHARED.get(source)
        if hit is not None:
            _SHARED.move_to_end(source)
    if hit is not None:
        if hit[1] is not None and ast.dump(hit[0], include_attributes=True) != hit[1]:
            raise SharedTreeChanged("a reader changed a shared syntax tree")
        return hit[0]
    tree = parse(source)
    with _lock:
        _SHARED[source] = (tree, ast.dump(tree, include_attributes=True) if _CHECK_SHARED else None)
        while len(_SHARED) > _SHARED_MAX:
            _SHARED.popitem(last=False)
    return tree


def verify_shared(reader: str = "a reader") -> None:
    """With C2V_CHECK_SHARED_TREES=1, raise SharedTreeChanged if a reader changed any shared
    tree (the repair calls it after each cure: the last reader of a text is caught too)."""
    if not _CHECK_SHARED:
        return
    with _lock:
        held = list(_SHARED.values())
    for tree, dump in held:
        if dump is not None and ast.dump(tree, include_attributes=True) != dump:
            raise SharedTreeChanged(f"{reader} changed a shared syntax tree")


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk`` (the same nodes, in the same order, children queued before a node is
    yielded) at about 2.4x its speed: the repair walks whole files many times per step, and
    on 3b1b's 6000-line files ``ast.iter_child_nodes``' per-field generator was most of it."""
    todo = deque([node])
    pop, push = todo.popleft, todo.append
    while todo:
        n = pop()
        for name in n._fields:
            value = getattr(n, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        push(item)
            elif isinstance(value, ast.AST):
                push(value)
        yield n


def parents(tree: ast.AST) -> dict[int, ast.AST]:
    """Each node's parent, by the child's id (every node but the root)."""
    out: dict[int, ast.AST] = {}
    for n in walk(tree):
        for name in n._fields:
            value = getattr(n, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        out[id(item)] = n
            elif isinstance(value, ast.AST):
                out[id(value)] = n
    return out


def clone(node: _Node) -> _Node:
    """A deep copy of an AST (its fields and positions), about 3x as fast as
    ``copy.deepcopy``, which goes through ``__reduce_ex__`` and a memo for every node. Only the
    grammar's fields are followed: other tools mark nodes with their own attributes (IPython's
    tracebacks, through ``executing``, give every node a ``parent``, the shared ``Load``
    context included), and following those would never end."""
    new = node.__class__.__new__(node.__class__)
    for name in node._fields:
        try:
            value = getattr(node, name)
        except AttributeError:
            continue
        if value.__class__ is list:
            value = [clone(v) if isinstance(v, ast.AST) else v for v in value]
        elif isinstance(value, ast.AST):
            value = clone(value)
        setattr(new, name, value)
    for name in node._attributes:
        if hasattr(node, name):
            setattr(new, name, getattr(node, name))
    return new


class Visitor(ast.NodeVisitor):
    """``ast.NodeVisitor`` whose ``generic_visit`` reads the fields directly (as ``walk``
    does): the gate visits every node of a file twice per check."""

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)


def headers(tree: ast.AST, definitions: bool = False) -> list[ast.expr]:
    """The expressions in the headers of a tree's blocks: ``for x in HERE:``, ``if HERE:``,
    ``while HERE:``, ``with HERE:``; with ``definitions``, a function's defaults and
    decorators and a class's bases, keywords and decorators too (what a rewrite of the simple
    statements leaves out)."""
    out: list[ast.expr] = []
    for node in walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            out.append(node.iter)
        elif isinstance(node, (ast.If, ast.While)):
            out.append(node.test)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            out += [i.context_expr for i in node.items]
        elif definitions and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out += [*node.args.defaults, *(d for d in node.args.kw_defaults if d), *node.decorator_list]
        elif definitions and isinstance(node, ast.ClassDef):
            out += [*node.bases, *(k.value for k in node.keywords), *node.decorator_list]
    return out


def bound_names(nodes: list[ast.AST], exclude: set[int] | frozenset[int] = frozenset()) -> set[str]:
    """The names ``nodes`` bind: assigned or deleted, parameters, definitions, imports (but
    those whose ids are in ``exclude``), an except clause's name."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in exclude:
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names
