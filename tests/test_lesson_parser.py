"""The markdown lesson format: every visual kind, located errors, and the round trip."""

from __future__ import annotations

import pytest

from code2video_jupyter.contracts import VISUAL_KINDS
from code2video_jupyter.lesson import LessonError, parse_lesson, read_lesson, write_lesson

from .conftest import LESSONS

ALL_KINDS = r"""
---
audience: students
language: en
---

# Every visual

## Section A
What this section is for.

- An equation
  > Spoken words for the equation.
  ```equation #eq at=A1:F3
  e^{i\pi} + 1 = 0
  ```
- Transform it
  ```transform target=eq
  e^{i\pi} = -1
  ```
- Highlight a part
  ```highlight target=eq part=e style=box
  ```
- A plot
  ```plot at=D1:F6
  function: sin(x)/x
  label: \frac{\sin x}{x}
  x_range: [-8, 8]
  area: [0, 3]
  ```

## Section B
- Number line
  ```number_line
  range: [-3, 3]
  marks: [-1, {at: 2, label: "2"}]
  interval: [0, 1]
  ```
- Shapes
  ```shape
  shapes:
    - {shape: triangle, points: [[0,0],[4,0],[0,3]], vertex_labels: [A,B,C], right_angle: 0}
    - {shape: square, label: a^2}
  ```
- Vectors
  ```vector
  vectors: [[2, 1], {to: [1, 3], label: v}]
  sum: true
  ```
- Table and matrix
  ```table at=A1:C6
  rows: [[n, n^2], [1, 1], [2, 4]]
  ```
  ```matrix at=D1:F6
  rows: [[1, 0], [0, 1]]
  label: I =
  ```
- Image, code and text
  ```image at=A1:B6
  path: pic.png
  ```
  ```code python at=C1:D6
  print("hi")
  ```
  ```text at=E1:F6
  Words.
  ```
"""


def test_every_visual_kind_parses():
    sb = parse_lesson(ALL_KINDS)
    kinds = {v.kind for s in sb.sections for ln in s.lecture_lines for v in ln.visuals}
    assert kinds == set(VISUAL_KINDS)
    a = sb.sections[0]
    assert a.summary == "What this section is for."
    assert a.lecture_lines[0].narration == "Spoken words for the equation."
    assert a.lecture_lines[0].visuals[0].at == "A1:F3"
    assert sb.audience == "students"


def test_round_trip_is_exact():
    sb = parse_lesson(ALL_KINDS)
    assert parse_lesson(write_lesson(sb)) == sb


@pytest.mark.parametrize("lesson", sorted(LESSONS.glob("*.md")), ids=lambda p: p.stem)
def test_example_lessons_round_trip(lesson):
    sb = read_lesson(lesson)
    assert len(sb.sections) >= 4
    assert parse_lesson(write_lesson(sb)) == sb


def test_example_lessons_use_every_visual_kind():
    kinds = {v.kind for p in LESSONS.glob("*.md") for s in read_lesson(p).sections
             for ln in s.lecture_lines for v in ln.visuals}
    assert len(list(LESSONS.glob("*.md"))) >= 4
    assert kinds == set(VISUAL_KINDS)


def _problems(text: str) -> list[str]:
    with pytest.raises(LessonError) as err:
        parse_lesson(text)
    return [str(p) for p in err.value.problems]


def test_unknown_visual_kind_names_line_and_choices():
    probs = _problems("# T\n\n## S\n- line\n  ```chart\n  x: 1\n  ```\n")
    assert probs == [p for p in probs if p.startswith("line 5: unknown visual kind 'chart'")]
    assert "equation" in probs[0] and "number_line" in probs[0]


def test_bad_yaml_points_at_the_line_inside_the_fence():
    probs = _problems("# T\n\n## S\n- line\n  ```plot\n  function: x\n  x_range: [1, 2\n  ```\n")
    assert len(probs) == 1 and probs[0].startswith("line 7:") and "YAML" in probs[0]


def test_field_errors_name_the_field():
    probs = _problems("# T\n\n## S\n- line\n  ```plot\n  function: x\n  x_range: [3, 1]\n  ```\n")
    assert probs[0].startswith("line 5: plot:") and "x_range must be increasing" in probs[0]
    probs = _problems("# T\n\n## S\n- line\n  ```number_line\n  colour: red\n  ```\n")
    assert "'colour'" in probs[0] and "Extra inputs" in probs[0]


def test_bad_plot_expression_is_caught_when_parsing():
    probs = _problems("# T\n\n## S\n- l\n  ```plot\n  function: 2x + __import__('os')\n  ```\n")
    assert probs[0].startswith("line 5:") and "2*x" in probs[0]
    probs = _problems("# T\n\n## S\n- l\n  ```plot\n  function: system(x)\n  ```\n")
    assert "'system'" in probs[0]


def test_reference_to_unknown_id_names_the_line():
    probs = _problems("# T\n\n## S\n- a\n- b\n  ```highlight target=nope\n  ```\n")
    assert probs == ["line 5: section 'S': highlight refers to 'nope', which is not the id of an "
                     "earlier visual in this section (ids so far: none yet)"]


def test_structure_errors():
    assert _problems("") == ["the lesson is empty: start with '# Title' and a '## Section' with "
                             "'- lecture lines'"]
    assert _problems("# Only a title\n\nSome intro.\n")[0].startswith("no sections")
    assert _problems("## S\n- a line\n")[0].startswith("line 1: expected a title")
    assert _problems("# T\n\n## Empty\n\n## Full\n- x\n") == [
        "line 3: section 'Empty' has no lecture lines: add '- ' items under it"]
    probs = _problems("# T\n\n## S\n- a\n  - nested\n")
    assert probs[0].startswith("line 5: nested lists are not lecture lines")
    probs = _problems("# T\n\n## S\n```equation\nx\n```\n")
    assert "line 4: a visual must follow a '- lecture line' item" in probs
    probs = _problems("---\nvoice: x\n---\n# T\n\n## S\n- a\n")
    assert probs[0].startswith("line 2: unknown setting 'voice'")


def test_several_problems_are_reported_together():
    probs = _problems("# T\n\n## S\n- a\n  ```what\n  ```\n- b\n  ```plot\n  function: y\n  ```\n")
    assert [p.split(":")[0] for p in probs] == ["line 5", "line 8"]


def test_non_utf8_file(tmp_path):
    p = tmp_path / "latin1.md"
    p.write_bytes("# Théorème\n\n## S\n- ligne\n".encode("latin-1"))
    with pytest.raises(LessonError) as err:
        read_lesson(p)
    assert f"{p}:1: not UTF-8 text (byte 0xe9" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(LessonError, match="cannot read the file"):
        read_lesson(tmp_path / "nope.md")


def test_cjk_lesson_parses():
    sb = parse_lesson("---\nlanguage: zh\n---\n# 勾股定理\n\n## 直角三角形\n- 直角三角形有一个直角\n")
    assert sb.language == "zh" and sb.sections[0].lecture_lines[0].text == "直角三角形有一个直角"


def test_documented_examples_parse():
    """The examples in the README and docs/lesson-format.md are real lessons."""
    from .conftest import ROOT

    doc = (ROOT / "docs" / "lesson-format.md").read_text()
    example = doc.split("## A complete example")[1].split("````markdown\n")[1].split("\n````")[0]
    assert len(parse_lesson(example).sections[0].lecture_lines) == 4
    readme = (ROOT / "README.md").read_text().split("## Lesson format")[1]
    short = readme.split("```markdown\n")[1]
    short = short[: short.index("\n```\n\n")]
    assert parse_lesson(short).sections[0].lecture_lines[1].visuals[0].kind == "transform"
