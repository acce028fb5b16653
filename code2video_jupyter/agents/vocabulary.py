"""The visual vocabulary, described for a prompt from the pydantic models themselves, so the
Planner is always told exactly what the compiler accepts."""

from __future__ import annotations

import typing

from ..contracts import visuals as v

_MODELS = [v.EquationVisual, v.PlotVisual, v.NumberLineVisual, v.ShapeVisual, v.VectorVisual,
           v.TableVisual, v.MatrixVisual, v.ImageVisual, v.CodeVisual, v.TextVisual,
           v.TransformVisual, v.HighlightVisual]


def _type(ann: object) -> str:
    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return " | ".join(_type(a) for a in args if a is not type(None))
    if origin in (list, tuple):
        inner = ", ".join(_type(a) for a in args if a is not Ellipsis)
        return f"[{inner}]"
    if isinstance(ann, type):
        if issubclass(ann, v.BaseModel):
            fields = ", ".join(f"{n}: {_type(f.annotation)}" for n, f in ann.model_fields.items())
            return "{" + fields + "}"
        return ann.__name__
    return str(ann)


def vocabulary() -> str:
    lines = []
    for model in _MODELS:
        kind = model.model_fields["kind"].default
        fields = []
        for name, info in model.model_fields.items():
            if name in ("kind", "id", "at"):
                continue
            req = "" if info.is_required() else "?"
            desc = f" ({info.description})" if info.description else ""
            fields.append(f"{name}{req}: {_type(info.annotation)}{desc}")
        lines.append(f'- "{kind}": ' + "; ".join(fields))
    return "\n".join(lines)
