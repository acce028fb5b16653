"""A course: a folder of lesson outlines built into one video, presentation and poster per
lesson, on the batch runner (a local pool or a Dask cluster), with one static course page."""

from .build import CourseReport, build_course
from .lessons import default_course_path, read_lessons
from .page import Course, CourseLesson, read_course
from .summary import course_summary_html

__all__ = ["Course", "CourseLesson", "CourseReport", "build_course", "course_summary_html",
           "default_course_path", "read_course", "read_lessons"]
