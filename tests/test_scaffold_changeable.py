"""The scaffold's ManimGL-style formula parts: a part made a number (``make_number_changeable``)
and parts found as ManimGL finds them (``equation["e^{\\pi i}"]``)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from manim import DecimalNumber, MathTex, Tex, VGroup

from code2video_jupyter.scaffold.mathtext import changeable_number, formula_part


def test_the_part_gives_way_to_a_number_in_its_place():
    label = Tex("Width = 0.00", substrings_to_isolate=["0.00"])
    glyphs = label.get_part_by_tex("0.00")
    where, width, count = glyphs.get_center(), glyphs.width, len(label.family_members_with_points())
    number = changeable_number(label, "0.00")
    assert isinstance(number, DecimalNumber) and number.get_value() == 0 and number.num_decimal_places == 2
    assert number in label.get_family() and not any(g in label.get_family() for g in glyphs)
    assert np.allclose(number.get_center(), where, atol=0.05) and abs(number.width - width) < 1e-6
    assert len(label.family_members_with_points()) == count  # four glyphs out, four digits in
    number.set_value(3.14159)
    assert number.get_value() == pytest.approx(3.14159) and number in label.get_family()


def test_every_place_with_replace_all_and_nothing_where_it_is_not():
    formula = MathTex("x^{2} + y^{2}", substrings_to_isolate=["2"])
    both = changeable_number(formula, 2, replace_all=True)
    assert isinstance(both, VGroup) and [n.get_value() for n in both] == [2, 2]
    assert both[0].num_decimal_places == 0
    assert not isinstance(changeable_number(formula, "7"), DecimalNumber)  # an empty VMobject


def test_a_part_that_is_not_isolated_is_found_by_counting_symbols():
    formula = MathTex(r"e^{\pi i} = -1", substrings_to_isolate=["e"])
    glyphs = formula.family_members_with_points()
    assert list(formula_part(formula, "e")) == glyphs[:1]  # isolated: manim's own lookup
    (place,) = formula_part(formula, r"e^{\pi i}")
    assert list(place) == glyphs[:3]  # e, \pi, i
    assert [list(p) for p in formula_part(formula, re.compile(r"-\d"))] == [glyphs[4:6]]
    assert len(formula_part(formula, "x")) == 0  # nowhere: an empty group, as ManimGL gives


def test_a_count_that_cannot_tell_gives_none():
    formula = MathTex(r"\sqrt{x} + \underbrace{y}_{z}")  # commands that draw more than one glyph
    assert len(formula.family_members_with_points()) != 5
    assert formula_part(formula, "y") is None
