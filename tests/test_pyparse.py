"""pyparse's fast walks over syntax trees: the same answers as the ast module's, and a
shared tree that no reader may change."""

from __future__ import annotations

import ast
import copy

import pytest

from code2video_jupyter import pyparse

SOURCE = '''
from manim import *

class Demo(Scene):
    """doc"""
    def construct(self, *args, k: int = 2, **kw):
        dots = [Dot(RIGHT * i) for i in range(3) if i]
        with open_thing() as (a, b):
            try:
                self.play(*[FadeIn(d) for d in dots], run_time=k)
            except (ValueError, TypeError) as e:
                pass
            finally:
                x = lambda t: t ** 2 if t else -t
        match k:
            case [1, *rest] | {"a": 2}:
                y = f"{k!r:>10}"
'''


def test_walk_is_ast_walk():
    tree = ast.parse(SOURCE)
    mine, theirs = list(pyparse.walk(tree)), list(ast.walk(tree))
    assert len(mine) == len(theirs) > 100
    assert all(a is b for a, b in zip(mine, theirs, strict=True))


def test_parents_and_clone():
    tree = ast.parse(SOURCE)
    parents = pyparse.parents(tree)
    expected = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    assert parents.keys() == expected.keys()
    assert all(parents[k] is expected[k] for k in expected)
    fn = tree.body[1].body[1]
    copied = pyparse.clone(fn)
    assert ast.dump(copied, include_attributes=True) == ast.dump(copy.deepcopy(fn), include_attributes=True)
    copied.body[0].targets[0].id = "changed"  # a copy shares no node with its original
    assert fn.body[0].targets[0].id == "dots"


def test_clone_follows_only_the_grammar(monkeypatch):
    # IPython's tracebacks (executing) give every node a `parent`, the parser's shared Load
    # context too: a copy that followed it went round in circles
    tree = ast.parse(SOURCE)
    marked = [(child, node) for node in ast.walk(tree) for child in ast.iter_child_nodes(node)]
    try:
        for child, node in marked:
            child.parent = node
        fn = tree.body[1].body[1]
        copied = pyparse.clone(fn)
        assert ast.dump(copied, include_attributes=True) == ast.dump(fn, include_attributes=True)
        assert not hasattr(copied, "parent")
    finally:
        for child, _ in marked:
            child.__dict__.pop("parent", None)


def test_visitor_visits_what_ast_visits():
    class Names(pyparse.Visitor):
        def __init__(self) -> None:
            self.seen: list[str] = []

        def visit_Name(self, node: ast.Name) -> None:
            self.seen.append(node.id)

    class Reference(ast.NodeVisitor):
        visit_Name = Names.visit_Name

        def __init__(self) -> None:
            self.seen: list[str] = []

    tree = ast.parse(SOURCE)
    mine, theirs = Names(), Reference()
    mine.visit(tree)
    theirs.visit(tree)
    assert mine.seen == theirs.seen and "dots" in mine.seen


def test_a_shared_tree_is_shared_and_guarded(monkeypatch):
    monkeypatch.setattr(pyparse, "_CHECK_SHARED", True)
    source = SOURCE + "\n# test_a_shared_tree_is_shared_and_guarded\n"
    tree = pyparse.parse_shared(source)
    assert pyparse.parse_shared(source) is tree
    tree.body.pop()  # a reader that breaks the rule is caught on the next reuse
    with pytest.raises(pyparse.SharedTreeChanged):
        pyparse.parse_shared(source)
    pyparse._SHARED.pop(source)
    with pytest.raises(SyntaxError):
        pyparse.parse_shared("def f(:\n")


def test_the_headers_of_blocks_and_of_definitions():
    tree = pyparse.parse("@deco\ndef f(a=A, *, b=B):\n    for x in X:\n        if T:\n            with W() as w:\n"
                         "                y = Y\nclass C(Base, metaclass=M):\n    while Q:\n        pass\n")
    assert sorted(ast.unparse(e) for e in pyparse.headers(tree)) == ["Q", "T", "W()", "X"]
    assert sorted(ast.unparse(e) for e in pyparse.headers(tree, definitions=True)) == sorted(
        ["A", "B", "deco", "X", "T", "W()", "Base", "M", "Q"])
