"""Pull a JSON object out of a model's reply and validate it against a pydantic model."""

from __future__ import annotations

import json
import re
from typing import TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n(.*?)\n```", re.S)


class ReplyRejected(ValueError):
    """A reply that did not pass its check; keeps the text for the repair round."""

    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.text = text


def extract_json(text: str) -> object:
    """The first JSON value in text: fenced, bare, or embedded in prose. Raises ValueError."""
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    last_error = "no JSON object found"
    for chunk in candidates:
        chunk = chunk.strip()
        start = min((i for i in (chunk.find("{"), chunk.find("[")) if i >= 0), default=-1)
        if start < 0:
            continue
        try:
            value, _ = json.JSONDecoder().raw_decode(chunk[start:])
            return value
        except json.JSONDecodeError as e:
            last_error = f"invalid JSON: {e.msg} at line {e.lineno}, column {e.colno}"
    raise ValueError(last_error)


def parse_model(text: str, schema: type[M]) -> M:
    """Validate a reply against schema; ValueError names the field that is wrong."""
    data = extract_json(text)
    try:
        return schema.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors()[:8]:
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            problems.append(f"{where}: {err['msg']}")
        raise ValueError("; ".join(problems)) from None
