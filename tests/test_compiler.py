"""The deterministic compiler and the anchor grid (no rendering here)."""

from __future__ import annotations

import ast

import pytest

from code2video_jupyter import layout_grid as grid
from code2video_jupyter.compiler import ExpressionError, compile_section, to_numpy
from code2video_jupyter.lesson import parse_lesson

from .test_lesson_parser import ALL_KINDS


def test_compiled_code_is_valid_python_for_every_kind():
    for section in parse_lesson(ALL_KINDS).sections:
        src = compile_section(section)
        tree = ast.parse(src)
        cls = next(n for n in tree.body if isinstance(n, ast.ClassDef))
        assert cls.name == f"Section{section.id:02d}"
        blocks = [n for n in ast.walk(cls) if isinstance(n, ast.With)]
        assert len(blocks) == len(section.lecture_lines)  # one lecture-line block per line


def test_overlapping_visual_clears_the_earlier_one_and_disjoint_ones_stay():
    sb = parse_lesson(
        "# T\n\n## S\n- a\n  ```equation #left at=A1:F3\n  x\n  ```\n"
        "- b\n  ```equation #right at=A4:F6\n  y\n  ```\n"
        "- c\n  ```text\n  all\n  ```\n")
    src = compile_section(sb.sections[0])
    assert "clear_canvas(left)" not in src.split("with self.line(2)")[0]
    assert "self.clear_canvas(left, right)" in src


def test_two_visuals_on_one_line_share_the_canvas_in_bands():
    sb = parse_lesson("# T\n\n## S\n- a\n  ```equation\n  x\n  ```\n  ```equation\n  y\n  ```\n")
    src = compile_section(sb.sections[0])
    assert '"A1:C6"' in src and '"D1:F6"' in src and "clear_canvas" not in src


@pytest.mark.parametrize(("expr", "code"), [
    ("x^2", "x ** 2"), ("sin(x)/x", "np.sin(x) / x"), ("e^(-x^2/2)", "np.e ** (-x ** 2 / 2)"),
    ("2*pi*x", "2 * np.pi * x"), ("ln(abs(x))", "np.log(np.abs(x))"),
])
def test_expressions_become_numpy(expr, code):
    assert to_numpy(expr) == code


@pytest.mark.parametrize("expr", ["2x", "__import__('os')", "x.real", "y + 1", "open(x)",
                                  "'a'", "lambda: 1", "[x]"])
def test_unsafe_or_unknown_expressions_are_refused(expr):
    with pytest.raises(ExpressionError):
        to_numpy(expr)


def test_grid_geometry():
    assert grid.cell_rect("A1").top == pytest.approx(grid.CANVAS.top)
    assert grid.cell_rect("A1").left == pytest.approx(grid.CANVAS.left)
    assert grid.cell_rect("F6").bottom == pytest.approx(grid.CANVAS.bottom)
    assert grid.cell_rect("F6").right == pytest.approx(grid.CANVAS.right)
    assert grid.placement_rect("C3:A1") == grid.placement_rect("A1:C3")
    assert grid.cells_covering(grid.placement_rect("B2:C3")) == ["B2", "B3", "C2", "C3"]
    # canvas and lecture-line panel never overlap, and both keep the safe margin
    assert not grid.CANVAS.overlaps(grid.LINES_PANEL)
    assert grid.CANVAS.right <= grid.FRAME_WIDTH / 2 - grid.SAFE_MARGIN + 1e-9
    with pytest.raises(grid.AnchorError, match="G7"):
        grid.parse_cell("G7")
