"""Prompts live in text files beside this module; ``$name`` placeholders are filled in."""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template


@cache
def load(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.md").read_text(encoding="utf-8")


def render(name: str, **values: object) -> str:
    """The prompt with its placeholders filled; a missing value is an error, not a blank."""
    return Template(load(name)).substitute({k: str(v) for k, v in values.items()})
