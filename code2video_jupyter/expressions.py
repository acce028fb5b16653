"""Plot expressions from lessons ('x^2', 'sin(x)/x') -> safe numpy code ('x**2', 'np.sin(x)/x')."""

from __future__ import annotations

import ast

from . import pyparse

FUNCTIONS = {
    "sin": "np.sin", "cos": "np.cos", "tan": "np.tan", "arcsin": "np.arcsin", "asin": "np.arcsin",
    "arccos": "np.arccos", "acos": "np.arccos", "arctan": "np.arctan", "atan": "np.arctan",
    "sinh": "np.sinh", "cosh": "np.cosh", "tanh": "np.tanh", "exp": "np.exp", "log": "np.log",
    "ln": "np.log", "log10": "np.log10", "log2": "np.log2", "sqrt": "np.sqrt", "abs": "np.abs",
    "floor": "np.floor", "ceil": "np.ceil", "sign": "np.sign",
}
CONSTANTS = {"pi": "np.pi", "e": "np.e", "tau": "np.tau"}
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Constant, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.Mod, ast.FloorDiv, ast.USub, ast.UAdd)


class ExpressionError(ValueError):
    pass


def to_numpy(expr: str, variable: str = "x") -> str:
    """Validate an expression in one variable and return numpy source for it."""
    src = expr.strip().replace("^", "**").replace("·", "*").replace("−", "-")
    try:
        tree = pyparse.parse(src, mode="eval")
    except SyntaxError as e:
        raise ExpressionError(
            f"cannot read the expression '{expr}': {e.msg} (write products with '*', e.g. 2*x)"
        ) from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(f"'{expr}' uses {type(node).__name__}, which a plot expression cannot")
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ExpressionError(f"'{expr}' contains {node.value!r}; only numbers are allowed")
        if isinstance(node, ast.Call) and (
            not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords
        ):
            name = getattr(node.func, "id", None) or ast.unparse(node.func)
            raise ExpressionError(
                f"'{expr}' calls '{name}'; known functions: {', '.join(sorted(FUNCTIONS))}")
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)}
    unknown = names - called - {variable} - set(CONSTANTS)
    if unknown:
        raise ExpressionError(
            f"'{expr}' uses {', '.join(sorted(unknown))}; the only variable is '{variable}' "
            f"(constants: {', '.join(CONSTANTS)})")

    class _Rename(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            target = FUNCTIONS.get(node.id) if node.id in called else CONSTANTS.get(node.id)
            return pyparse.parse(target, mode="eval").body if target else node

    return ast.unparse(_Rename().visit(tree))
