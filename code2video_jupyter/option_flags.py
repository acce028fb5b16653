"""argparse flags derived from RunOptions, so no front end (the CLI, the magic's cell flags) can
lack an option or invent one. Part of the core: the views import it, never the other way."""

from __future__ import annotations

import argparse
import typing
from pathlib import Path

from .options import RunOptions, field_extra


def add_run_options(parser: argparse.ArgumentParser, skip: set[str] = frozenset()) -> None:
    for name, info in RunOptions.model_fields.items():
        if name in skip:
            continue
        extra = field_extra(info)
        ann = info.annotation
        args = typing.get_args(ann)
        base = next((a for a in args if a is not type(None)), ann) if args and type(None) in args else ann
        default = None if info.default_factory else info.default
        help_text = info.description or ""
        if extra.get("positional"):
            parser.add_argument(name, nargs="?", type=Path, default=None, help=help_text)
            continue
        flags = extra.get("flags") or [f"--{name.replace('_', '-')}"]
        kw: dict = {"dest": name, "help": help_text}
        if base is bool:
            # True or None (automatic) defaults get --x/--no-x; False ones a plain --x.
            kw["action"] = argparse.BooleanOptionalAction if default is not False else "store_true"
        elif typing.get_origin(base) is typing.Literal:
            kw["choices"] = list(typing.get_args(base))
        else:
            kw["type"] = base if base in (int, float, str, Path) else str
        if default is not None and kw.get("action") != "store_true":
            kw["help"] += f" (default: {default})"
        parser.add_argument(*flags, default=argparse.SUPPRESS, **kw)


def to_options(ns: argparse.Namespace, **overrides) -> RunOptions:
    values = {k: v for k, v in vars(ns).items() if k in RunOptions.model_fields and v is not None}
    values.update(overrides)
    return RunOptions(**values)
