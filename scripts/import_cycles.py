"""Import cycles between the parts of the package (its subpackages and top-level modules).

Every import counts, lazy ones inside functions too (a lazy import hides a cycle, it does not
break it); only imports under ``if TYPE_CHECKING:`` are left out, as they never run. Prints
each cycle and exits 1 if there is one; ``--allow A,B,C`` accepts the cycle through exactly
those parts (for a cycle being broken elsewhere).

    python scripts/import_cycles.py [--allow agents,pipeline,repair]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

PACKAGE = "code2video_jupyter"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE


def part_of(module: str) -> str | None:
    """'code2video_jupyter.critic.probe' -> 'critic'. The package's own __init__ is no part:
    it holds ``__version__`` and the ``%load_ext`` hooks, entry points that IPython calls."""
    names = module.split(".")
    if names[0] != PACKAGE or len(names) == 1:
        return None
    return names[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    names = list(rel.parts)
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                skipped |= {id(n) for n in ast.walk(inner)}
    return skipped


def imports(path: Path) -> set[str]:
    """The package modules that ``path`` imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from .. import critic` imports the part `critic`, not only the package
            found |= {f"{target}.{a.name}" for a in node.names}
    return {m for m in found if m.split(".")[0] == PACKAGE}


def graph() -> dict[str, dict[str, list[str]]]:
    """part -> imported part -> the modules whose imports make that edge."""
    edges: dict[str, dict[str, list[str]]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        source = module_name(path)
        a = part_of(source)
        for target in imports(path):
            b = part_of(target)
            if a is None or b is None or b == a:
                continue
            edges.setdefault(a, {}).setdefault(b, []).append(source)
    return edges


def cycles(edges: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The strongly connected parts (Tarjan), each with more than one member, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--allow", action="append", default=[],
                   help="comma-separated parts of one cycle that is accepted for now")
    args = p.parse_args(argv)
    allowed = {frozenset(a.split(",")) for a in args.allow}
    edges = graph()
    bad = 0
    for component in cycles(edges):
        members = set(component)
        status = "allowed" if frozenset(component) in allowed else "cycle"
        bad += status == "cycle"
        print(f"{status}: {' <-> '.join(component)}")
        for a in component:
            for b, modules in sorted(edges.get(a, {}).items()):
                if b in members:
                    print(f"    {a} -> {b}: {', '.join(sorted(set(modules)))}")
    if not bad:
        print("no import cycle between the package's parts")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
