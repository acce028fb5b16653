"""Turn pydantic's validation errors into messages that name the section, line and field."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError


class StoryboardError(ValueError):
    """A storyboard (edited, parsed or planned) that breaks the schema."""

    def __init__(self, problems: list[str], source: str = "storyboard") -> None:
        self.problems = problems
        self.source = source
        super().__init__(f"{source} is invalid:\n" + "\n".join(f"  - {p}" for p in problems))


def _where(loc: tuple[Any, ...], data: Any) -> str:
    """('sections', 1, 'lecture_lines', 0, 'visuals', 2, 'plot', 'x_range') -> readable path."""
    parts: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        key = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if key == "sections" and isinstance(nxt, int):
            secs = node.get("sections", []) if isinstance(node, dict) else []
            sec = secs[nxt] if nxt < len(secs) else None
            title = sec.get("title") if isinstance(sec, dict) else None
            sid = sec.get("id", nxt + 1) if isinstance(sec, dict) else nxt + 1
            parts.append(f"section {sid}" + (f" ('{title}')" if title else ""))
            node, i = sec, i + 2
        elif key == "lecture_lines" and isinstance(nxt, int):
            lines = node.get("lecture_lines", []) if isinstance(node, dict) else []
            node = lines[nxt] if nxt < len(lines) else None
            parts.append(f"line {nxt + 1}")
            i += 2
        elif key == "visuals" and isinstance(nxt, int):
            vis = node.get("visuals", []) if isinstance(node, dict) else []
            node = vis[nxt] if nxt < len(vis) else None
            kind = node.get("kind") if isinstance(node, dict) else None
            parts.append(f"visual {nxt + 1}" + (f" ({kind})" if kind else ""))
            # pydantic puts the union tag after the index; skip it
            i += 3 if kind and len(loc) > i + 2 and loc[i + 2] == kind else 2
        else:
            rest = ".".join(str(x) for x in loc[i:])
            parts.append(f"field '{rest}'")
            break
    return ", ".join(parts) or "top level"


def explain(err: ValidationError, data: Any, source: str = "storyboard") -> StoryboardError:
    """Convert a pydantic error on ``data`` into a StoryboardError with located messages."""
    problems = []
    for e in err.errors(include_url=False):
        msg = e["msg"].removeprefix("Value error, ")
        problems.append(f"{_where(tuple(e['loc']), data)}: {msg}")
    return StoryboardError(problems, source)
