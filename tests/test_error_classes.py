"""The class a failing program's first error is counted in (what `fix` and the real-code
benchmark report per class): what kind of mistake it is, read from the error and the source."""

from __future__ import annotations

import pytest

from code2video_jupyter.repair.error_classes import classify
from code2video_jupyter.repair.loop import Attempt
from code2video_jupyter.repair.namespace import load_namespace

SOURCE = "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        pass\n"


@pytest.mark.parametrize(("etype", "message", "expected"), [
    # an invented get_X method reaches manim's get_/set_ shortcut, which has no parameters:
    # the call's keyword is not the mistake, the method is
    ("TypeError", "Mobject.__getattr__.<locals>.getter() got an unexpected keyword argument "
                  "'bar_colors'", "unknown_attribute"),
    ("TypeError", "Mobject.__getattr__.<locals>.setter() got an unexpected keyword argument "
                  "'font_size'", "unknown_attribute"),
    ("TypeError", "Circle.__init__() got an unexpected keyword argument 'thickness'", "unknown_kwarg"),
    # a module of the user's own (or a package) that is not here: asked for, not rewritten
    ("PolicyError", "The static check found:\n- line 4: import from 'config': no such module is "
                    "installed here, and it is none of the project's modules", "missing_module"),
    ("ModuleNotFoundError", "No module named 'text_to_manim'", "missing_module"),
    ("PolicyError", "The static check found:\n- line 3: import of 'subprocess' is not allowed in "
                    "a scene", "policy"),
    ("OSError", "From: /c2v/job, could not find logo.svg at either of these locations: []",
     "missing_file"),
    ("NameError", "name 'Histogram' is not defined", "unknown_name"),
])
def test_the_class_of_an_error(etype, message, expected):
    attempt = Attempt(ok=False, error_type=etype, message=message, line=5)
    assert classify(attempt, SOURCE, load_namespace()) == expected
