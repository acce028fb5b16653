"""The markdown lesson outline: the offline Planner's input, and a storyboard's text form."""

from .errors import LessonError, LessonProblem
from .parser import lesson_theme, parse_lesson, read_lesson
from .writer import write_lesson

__all__ = ["LessonError", "LessonProblem", "lesson_theme", "parse_lesson", "read_lesson", "write_lesson"]
