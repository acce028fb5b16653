"""Resolve a theme given by name or by file.

A theme file (TOML, YAML or JSON) sets any of the Theme's fields; the rest come from the theme
it ``extends`` (default: dark). For a school's colours on a projector::

    extends = "light"
    name = "Hillside school"
    highlight = "#8A1538"
    font = "Noto Sans"
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .builtin import BUILTIN, DEFAULT
from .model import Theme

SUFFIXES = (".toml", ".yaml", ".yml", ".json")


class ThemeError(ValueError):
    """A theme that cannot be used; the message names the file and the field."""


def builtin_name(spec: str) -> str | None:
    """The built-in theme a spelling means ('High_Contrast' -> 'high-contrast'), or None."""
    key = spec.strip().lower().replace("_", "-").replace(" ", "-")
    return key if key in BUILTIN else ("high-contrast" if key == "highcontrast" else None)


def theme_path(spec: str, relative_to: Path | None = None) -> Path:
    """The file a non-built-in spec names: absolute, or relative to ``relative_to`` (a lesson's
    folder) when it exists there, else to the current folder."""
    p = Path(spec).expanduser()
    if not p.is_absolute() and relative_to is not None and (relative_to / p).exists():
        p = relative_to / p
    return p.resolve()


def load_theme(spec: str | None, relative_to: Path | None = None) -> Theme:
    """None -> the default (dark); a built-in name; or a theme file."""
    if spec is None or not str(spec).strip():
        return DEFAULT
    name = builtin_name(str(spec))
    if name:
        return BUILTIN[name]
    path = theme_path(str(spec), relative_to)
    if path.suffix.lower() not in SUFFIXES:
        raise ThemeError(f"unknown theme {spec!r}: the built-in themes are "
                         f"{', '.join(BUILTIN)}; a theme file ends in {', '.join(SUFFIXES)}")
    if not path.is_file():
        raise ThemeError(f"theme file not found: {path} (built-in themes: {', '.join(BUILTIN)})")
    return theme_from_data(_read(path), str(path))


def theme_from_data(data: dict[str, Any], source: str = "theme") -> Theme:
    data = dict(data)
    base_spec = data.pop("extends", None)
    base = BUILTIN.get(builtin_name(str(base_spec)) or "") if base_spec else DEFAULT
    if base is None:
        raise ThemeError(f"{source}: extends = {base_spec!r}: not a built-in theme "
                         f"({', '.join(BUILTIN)})")
    values = base.model_dump() | {"name": Path(source).stem} | data
    try:
        return Theme(**values)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(x) for x in err['loc']) or 'theme'}: "
                             f"{err['msg'].removeprefix('Value error, ')}" for err in e.errors())
        raise ThemeError(f"{source}: {problems}") from None


def _read(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(text)
        elif path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text) or {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError) as e:
        raise ThemeError(f"{path}: not valid {path.suffix[1:].upper()}: {e}") from None
    if not isinstance(data, dict):
        raise ThemeError(f"{path}: expected 'key = value' settings of a theme")
    return data
