"""What generated scenes import: ``from code2video_jupyter.scaffold import *``.

This package imports manim; only the render workers (sandboxed subprocesses) load it.
"""

from .figures import (
    code_listing,
    function_plot,
    image,
    matrix,
    number_line,
    shape_figure,
    table,
    text_block,
    vector_diagram,
)
from .fonts import FONT, use_scaffold_font
from .mathtext import equation, has_latex, math_label
from .scene import LectureScene
from .text import wrapped_text
from .voiceover import VoiceoverScene

use_scaffold_font()

__all__ = [
    "FONT",
    "LectureScene",
    "VoiceoverScene",
    "code_listing",
    "equation",
    "function_plot",
    "has_latex",
    "image",
    "math_label",
    "matrix",
    "number_line",
    "shape_figure",
    "table",
    "text_block",
    "vector_diagram",
    "wrapped_text",
]
