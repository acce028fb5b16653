"""The card shown in place of a section that could not be rendered: never silently dropped."""

from __future__ import annotations

TEMPLATE = '''"""Placeholder for section {sid}: it could not be rendered."""

from manim import *

from code2video_jupyter.scaffold import wrapped_text
from code2video_jupyter.scaffold.theme import current


class Placeholder{sid:02d}(Scene):
    def construct(self):
        theme = current()  # the run's: the card looks like the sections around it
        head = Text({head!r}, font_size=36, weight=BOLD, color=theme.highlight)
        title = wrapped_text({title!r}, 11, 30)
        why = wrapped_text({why!r}, 11, 22, max_height=2.6, color=theme.muted)
        where = Text({where!r}, font_size=18, color=theme.muted)
        card = VGroup(head, title, why, where).arrange(DOWN, buff=0.45)
        frame = SurroundingRectangle(card, color=theme.highlight, buff=0.4, corner_radius=0.2)
        self.add(card, frame)
        self.wait({seconds})
'''


def compile_placeholder(section_id: int, title: str, reason: str, log_path: str,
                        seconds: float = 4.0) -> str:
    return TEMPLATE.format(
        sid=section_id,
        head=f"Section {section_id} could not be rendered",
        title=title,
        why=reason[:400],
        where=f"details: {log_path}",
        seconds=seconds,
    )
