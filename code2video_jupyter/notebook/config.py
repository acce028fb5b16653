"""``%config Code2Video.<option> = ...`` and ``c.Code2Video.<option>`` in ipython_config.py.

The traits are derived from the fields of ``RunOptions``, so every run option can be set
here and a new option appears without touching this file. A trait left at ``None`` means
"RunOptions' own default".
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import traitlets
from pydantic.fields import FieldInfo
from traitlets.config import Configurable

from ..options import RunOptions, field_extra

# Given by the cell body, never by configuration.
CELL_FIELDS = frozenset({"topic"})


def configurable_fields() -> dict[str, FieldInfo]:
    """The RunOptions fields a notebook user can set: all but positionals and the cell body."""
    return {name: info for name, info in RunOptions.model_fields.items()
            if name not in CELL_FIELDS and not field_extra(info).get("positional")
            and field_extra(info).get("config", True)}


def _base_type(ann: Any) -> tuple[Any, bool]:
    args = typing.get_args(ann)
    if args and type(None) in args and typing.get_origin(ann) is not typing.Literal:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else Any), True
    return ann, False


def _trait(name: str, info: FieldInfo) -> traitlets.TraitType:
    base, optional = _base_type(info.annotation)
    default = None if info.default_factory is not None else info.default
    if default is None:
        optional = True
    help_text = info.description or name
    kw: dict[str, Any] = {"allow_none": optional, "help": help_text}
    if base is bool:
        trait: traitlets.TraitType = traitlets.Bool(default, **kw)
    elif base is int:
        trait = traitlets.Int(default, **kw)
    elif base is float:
        trait = traitlets.Float(default, **kw)
    elif base in (str, Path):
        trait = traitlets.Unicode(None if default is None else str(default), **kw)
    elif typing.get_origin(base) is typing.Literal:
        trait = traitlets.Enum(list(typing.get_args(base)), default, **kw)
    else:
        trait = traitlets.Any(default, **kw)
    return trait.tag(config=True)


def _build() -> type[Configurable]:
    traits = {name: _trait(name, info) for name, info in configurable_fields().items()}

    def values(self: Configurable) -> dict[str, Any]:
        """The options set here (left at their defaults = not set), for RunOptions(**values)."""
        out = {}
        for n in traits:
            v = getattr(self, n)
            if v is not None and v != self.trait_defaults(n):
                out[n] = v
        return out

    doc = ("code2video-jupyter: defaults for %%code2video (every run option; flags on the "
           "magic's line override them). Example: %config Code2Video.quality = 'm'")
    return type("Code2Video", (Configurable,), {**traits, "values": values, "__doc__": doc,
                                                "__module__": __name__})


Code2Video = _build()
