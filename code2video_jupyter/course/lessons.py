"""The lessons of a course: the markdown outlines of one folder, in the order of their file names
(number them, 01-intro.md, 02-..., to choose it). Each is parsed here, so a broken outline is
reported, with its file and line, before anything renders."""

from __future__ import annotations

from pathlib import Path

from ..evaluation.batch import TopicSpec
from ..lesson.parser import read_lesson
from ..pipeline.run import slug

COURSES_FOLDER = "code2video_courses"  # beside code2video_runs/, in the current folder
_NOT_LESSONS = {"readme.md", "index.md"}


def lesson_files(folder: Path) -> list[Path]:
    files = [p for p in sorted(Path(folder).glob("*.md"))
             if p.name.lower() not in _NOT_LESSONS and not p.name.startswith(("_", "."))]
    if not files:
        raise FileNotFoundError(f"{folder} has no lesson outlines (*.md)")
    return files


def read_lessons(folder: str | Path) -> list[TopicSpec]:
    """A batch spec per lesson: its title as the topic, its file name as its key."""
    specs, keys = [], set()
    for path in lesson_files(Path(folder)):
        board = read_lesson(path)  # LessonError names the file and the line
        key = slug(path.stem)
        if key in keys:
            raise ValueError(f"{path}: two lessons in {folder} have the name {key!r}")
        keys.add(key)
        specs.append(TopicSpec(topic=board.topic, key=key, lesson=str(path.resolve())))
    return specs


def default_course_path(folder: str | Path) -> Path:
    """code2video_courses/<folder name>, relative to the current folder."""
    return Path(COURSES_FOLDER) / slug(Path(folder).resolve().name)
