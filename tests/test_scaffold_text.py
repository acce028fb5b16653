"""The scaffold's ManimGL-style lookup of a Text's parts by what they say."""

from __future__ import annotations

from manim import Text

from code2video_jupyter.scaffold.text import text_part


def test_every_place_a_part_is_written_and_none_where_it_is_not():
    words = Text("the quick brown fox, quick")
    quick = text_part(words, "quick")
    assert [len(p) for p in quick] == [5, 5]
    assert quick[1][0] is words.chars[17]  # "thequickbrownfox," before it: spaces are no glyphs
    assert len(text_part(words, "brown fox")[0]) == 8  # spaces are no glyphs
    assert len(text_part(words, "slow")) == 0 and len(text_part(words, " ")) == 0
