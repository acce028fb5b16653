"""Markdown lesson outline -> Storyboard (the offline Planner).

Format (documented in the README): YAML front matter for settings, `# Title`, `## Section`,
a paragraph under a section as its summary, one `- item` per lecture line, `> quote` under an
item for its narration, fenced blocks under an item for its visuals. The info string of a fence
is `KIND [#id] [key=value ...]`; the body is raw LaTeX/code/text for `equation`, `transform`,
`code` and `text`, and a YAML mapping for every other kind.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import TypeAdapter, ValidationError

from ..contracts.storyboard import LectureLine, Section, Storyboard
from ..contracts.visuals import VISUAL_KINDS, Visual
from .errors import LessonError, LessonProblem

RAW_BODY = {"equation": "latex", "transform": "to", "code": "code", "text": "text"}
# theme: the look of the video (a run setting, read by lesson_theme; not in the storyboard)
SETTINGS = {"audience", "language", "theme", "title", "topic"}
_visual_adapter: TypeAdapter[Visual] = TypeAdapter(Visual)
_md = MarkdownIt("commonmark")


@dataclass
class _Line:
    text: str
    at: int
    narration: list[str] = field(default_factory=list)
    visuals: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Section:
    title: str
    at: int
    summary: list[str] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)


def read_lesson(path: str | os.PathLike[str]) -> Storyboard:
    """Read a lesson file; errors name the file and the line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise LessonError([LessonProblem(0, f"cannot read the file: {e.strerror}")], str(p)) from e
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise LessonError(
            [LessonProblem(line, f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); "
                           "save the file as UTF-8")],
            str(p),
        ) from e
    return parse_lesson(text, source=str(p))


def lesson_theme(path: str | os.PathLike[str]) -> str | None:
    """The theme a lesson's front matter names (a built-in name or a theme file, relative to the
    lesson), or None. Errors in the rest of the lesson are read_lesson's to report."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    settings, _, _ = _front_matter(text, [])
    value = settings.get("theme")
    return str(value) if value is not None else None


def parse_lesson(text: str, source: str = "lesson") -> Storyboard:
    """Parse a lesson outline given as text."""
    problems: list[LessonProblem] = []
    if not text.strip():
        raise LessonError([LessonProblem(0, "the lesson is empty: start with '# Title' and a "
                                         "'## Section' with '- lecture lines'")], source)
    settings, body, offset = _front_matter(text, problems)
    title, sections = _walk(_md.parse(body), offset, problems)
    title = title or settings.get("title") or settings.get("topic")
    if not title:
        problems.append(LessonProblem(1, "expected a title line '# Title' before the sections"))
    if not sections and not problems:
        problems.append(LessonProblem(
            0, "no sections: add at least one '## Section title' with '- lecture line' items"))
    for s in sections:
        if not s.lines:
            problems.append(LessonProblem(
                s.at, f"section '{s.title}' has no lecture lines: add '- ' items under it"))
    if problems:
        raise LessonError(problems, source)
    return _build(title, settings, sections, source)


def _front_matter(text: str, problems: list[LessonProblem]) -> tuple[dict[str, Any], str, int]:
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip()), 0)
    if not lines or lines[start].strip() != "---":
        return {}, text, 0
    for end in range(start + 1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        problems.append(LessonProblem(1, "front matter opened with '---' is never closed"))
        return {}, "", 0
    try:
        data = yaml.safe_load("".join(lines[start + 1 : end])) or {}
    except yaml.YAMLError as e:
        line = start + 2 + _yaml_line(e)
        problems.append(LessonProblem(line, f"front matter is not valid YAML: {_yaml_reason(e)}"))
        data = {}
    if not isinstance(data, dict):
        problems.append(LessonProblem(start + 2, "front matter must be 'key: value' lines"))
        data = {}
    for key in data:
        if key not in SETTINGS:
            problems.append(LessonProblem(
                start + 2, f"unknown setting '{key}' (expected one of: {', '.join(sorted(SETTINGS))})"))
    # Blank lines keep the line numbers of the body equal to the file's.
    return data, "\n" * (end + 1) + "".join(lines[end + 1 :]), 0


def _walk(tokens: list[Token], offset: int, problems: list[LessonProblem]):
    title: str | None = None
    sections: list[_Section] = []
    i = 0

    def at(tok: Token) -> int:
        return (tok.map[0] if tok.map else 0) + 1 + offset

    def current_line(tok: Token, what: str) -> _Line | None:
        if sections and sections[-1].lines:
            return sections[-1].lines[-1]
        problems.append(LessonProblem(at(tok), f"{what} must follow a '- lecture line' item"))
        return None

    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            text = tokens[i + 1].content.strip()
            if tok.tag == "h1":
                if title is not None:
                    problems.append(LessonProblem(at(tok), "a second '# title': use '## ' for sections"))
                title = text
            elif tok.tag == "h2":
                sections.append(_Section(re.sub(r"^\d+[.)]\s+", "", text), at(tok)))
                if not sections[-1].title:
                    problems.append(LessonProblem(at(tok), "a section needs a title after '## '"))
            else:
                problems.append(LessonProblem(
                    at(tok), f"'{'#' * int(tok.tag[1])}' headings are not used: '## ' starts a section"))
            i += 3
        elif tok.type == "paragraph_open":
            text = tokens[i + 1].content.strip()
            if sections and not sections[-1].lines:
                sections[-1].summary.append(text)
            elif sections:
                sections[-1].lines[-1].notes.append(text)
            # A paragraph before the first section is an introduction for the reader only.
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            if not sections:
                problems.append(LessonProblem(at(tok), "lecture lines need a '## Section' above them"))
            i = _walk_list(tokens, i, sections, at, problems)
        elif tok.type == "fence":
            line = current_line(tok, "a visual")
            if line is not None:
                line.visuals.append(_fence_visual(tok, at(tok), problems))
            i += 1
        elif tok.type == "blockquote_open":
            j = _close_of(tokens, i)
            line = current_line(tok, "narration ('> ...')")
            if line is not None:
                line.narration += [t.content.strip() for t in tokens[i:j] if t.type == "inline"]
            i = j + 1
        elif tok.type == "hr":
            i += 1
        else:
            problems.append(LessonProblem(at(tok), f"unexpected {_describe(tok)} here"))
            i = _close_of(tokens, i) + 1
    return title, sections


def _walk_list(tokens, i, sections, at, problems) -> int:
    end = _close_of(tokens, i)
    j = i + 1
    while j < end:
        tok = tokens[j]
        if tok.type != "list_item_open":
            j += 1
            continue
        item_end = _close_of(tokens, j)
        line: _Line | None = None
        k = j + 1
        while k < item_end:
            t = tokens[k]
            if t.type == "paragraph_open":
                text = tokens[k + 1].content.strip()
                if line is None:
                    line = _Line(" ".join(text.split()), at(t))
                    if sections:
                        sections[-1].lines.append(line)
                else:
                    line.notes.append(text)
                k += 3
            elif t.type == "fence":
                if line is None:
                    problems.append(LessonProblem(at(t), "a list item must start with its lecture line"))
                else:
                    line.visuals.append(_fence_visual(t, at(t), problems))
                k += 1
            elif t.type == "blockquote_open":
                close = _close_of(tokens, k)
                if line is not None:
                    line.narration += [x.content.strip() for x in tokens[k:close] if x.type == "inline"]
                k = close + 1
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                problems.append(LessonProblem(
                    at(t), "nested lists are not lecture lines: give each line its own top-level "
                           "'- ' item, or write notes as a paragraph under the item"))
                k = _close_of(tokens, k) + 1
            else:
                problems.append(LessonProblem(at(t), f"unexpected {_describe(t)} inside a lecture line"))
                k = _close_of(tokens, k) + 1
        if line is None and tok.map:
            problems.append(LessonProblem(at(tok), "an empty '- ' item: write the lecture line after it"))
        j = item_end + 1
    return end + 1


def _close_of(tokens: list[Token], i: int) -> int:
    """Index of the token that closes tokens[i] (itself if it does not open anything)."""
    if tokens[i].nesting != 1:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _describe(tok: Token) -> str:
    names = {"code_block": "indented code block (use a ``` fence with a kind)",
             "html_block": "HTML block", "table_open": "table"}
    return names.get(tok.type, tok.type.removesuffix("_open").replace("_", " "))


def _fence_visual(tok: Token, line: int, problems: list[LessonProblem]) -> dict[str, Any] | None:
    """Parse one fenced visual into a validated dict (None after recording a problem)."""
    try:
        words = shlex.split(tok.info.strip())
    except ValueError as e:
        problems.append(LessonProblem(line, f"cannot read the fence's info string: {e}"))
        return None
    if not words:
        problems.append(LessonProblem(
            line, f"a fence needs a visual kind after ``` (one of: {', '.join(VISUAL_KINDS)})"))
        return None
    kind, rest = words[0].lower(), words[1:]
    if kind not in VISUAL_KINDS:
        problems.append(LessonProblem(
            line, f"unknown visual kind '{kind}' (expected one of: {', '.join(VISUAL_KINDS)})"))
        return None
    data: dict[str, Any] = {"kind": kind}
    for w in rest:
        if w.startswith("#"):
            data["id"] = w[1:]
        elif "=" in w:
            key, _, value = w.partition("=")
            # lists and mappings (highlight_lines=[1,3]) are YAML; everything else stays text
            data[key] = _flow_value(value, line, problems) if value[:1] in "[{" else value
        elif kind == "code" and "language" not in data:
            data["language"] = w
        else:
            problems.append(LessonProblem(line, f"cannot read '{w}' in the fence's info string: "
                                                "use '#id' or 'key=value'"))
            return None
    body = tok.content
    if kind in RAW_BODY:
        text = body.rstrip("\n") if kind == "code" else " ".join(body.split())
        if text:
            data[RAW_BODY[kind]] = text
    elif body.strip():
        try:
            mapping = yaml.safe_load(body)
        except yaml.YAMLError as e:
            problems.append(LessonProblem(
                line + 1 + _yaml_line(e), f"{kind}: not valid YAML: {_yaml_reason(e)}"))
            return None
        if not isinstance(mapping, dict):
            problems.append(LessonProblem(line + 1, f"{kind}: the body must be 'key: value' lines"))
            return None
        clash = set(mapping) & set(data)
        if clash:
            problems.append(LessonProblem(line, f"{kind}: {', '.join(sorted(clash))} given twice"))
        data.update(mapping)
    try:
        return _visual_adapter.validate_python(data).model_dump(mode="json", exclude_defaults=True) | {"kind": kind}
    except ValidationError as e:
        for err in e.errors(include_url=False):
            loc = [str(x) for x in err["loc"] if x != kind]
            where = f"'{'.'.join(loc)}'" if loc else "the visual"
            problems.append(LessonProblem(line, f"{kind}: {where}: {err['msg'].removeprefix('Value error, ')}"))
        return None


def _flow_value(value: str, line: int, problems: list[LessonProblem]) -> Any:
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError as e:
        problems.append(LessonProblem(line, f"cannot read '{value}': {_yaml_reason(e)}"))
        return value


def _yaml_line(e: yaml.YAMLError) -> int:
    """0-based line of a YAML error: where the broken construct began, if YAML says so."""
    mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
    return mark.line if mark else 0


def _yaml_reason(e: yaml.YAMLError) -> str:
    return str(getattr(e, "problem", None) or e).strip()


def _build(title: str, settings: dict[str, Any], sections: list[_Section], source: str) -> Storyboard:
    problems: list[LessonProblem] = []
    out: list[Section] = []
    for n, s in enumerate(sections, start=1):
        lines = [
            LectureLine(
                text=ln.text,
                narration=" ".join(ln.narration) or None,
                visuals=[v for v in ln.visuals if v is not None],
                notes="\n\n".join(ln.notes) or None,
            )
            for ln in s.lines
        ]
        try:
            out.append(Section(id=n, title=s.title, lecture_lines=lines,
                               summary="\n\n".join(s.summary) or None))
        except ValidationError as e:
            for err in e.errors(include_url=False):
                msg = err["msg"].removeprefix("Value error, ")
                m = re.match(r"line (\d+): (.*)", msg)
                at = s.lines[int(m.group(1)) - 1].at if m else s.at
                problems.append(LessonProblem(at, f"section '{s.title}': {m.group(2) if m else msg}"))
    if problems:
        raise LessonError(problems, source)
    try:
        return Storyboard(
            topic=title,
            audience=str(settings.get("audience", "general")),
            language=str(settings.get("language", "en")),
            sections=out,
        )
    except ValidationError as e:
        raise LessonError([LessonProblem(0, str(e))], source) from e
