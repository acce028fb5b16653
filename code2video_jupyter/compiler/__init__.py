"""The deterministic compiler: storyboard section -> scene.py (no model needed)."""

from ..expressions import ExpressionError, to_numpy
from .compile import COMPILER_VERSION, class_name, compile_section

__all__ = ["COMPILER_VERSION", "ExpressionError", "class_name", "compile_section", "to_numpy"]
