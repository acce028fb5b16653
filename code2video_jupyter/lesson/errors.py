"""Errors of the markdown lesson format, each with the line it is about."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LessonProblem:
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class LessonError(ValueError):
    """A lesson outline that cannot be turned into a storyboard; lists every problem found."""

    def __init__(self, problems: list[LessonProblem], source: str = "lesson") -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        self.source = source
        body = "\n".join(f"  {source}:{p.line}: {p.message}" if p.line else f"  {source}: {p.message}"
                         for p in self.problems)
        super().__init__(f"{source} could not be read ({len(self.problems)} problem(s)):\n{body}")
