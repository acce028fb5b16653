"""Storyboard -> markdown lesson outline; read back in, it gives the same storyboard."""

from __future__ import annotations

import json
from typing import Any

import yaml

from ..contracts.storyboard import Storyboard
from .parser import RAW_BODY


def write_lesson(storyboard: Storyboard) -> str:
    out: list[str] = []
    settings = {"audience": storyboard.audience, "language": storyboard.language}
    out += ["---", yaml.safe_dump(settings, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    out += [f"# {storyboard.topic}", ""]
    for s in storyboard.sections:
        out += [f"## {s.title}", ""]
        if s.summary:
            out += [s.summary, ""]
        for line in s.lecture_lines:
            out.append(f"- {line.text}")
            if line.narration:
                out.append(f"  > {line.narration}")
            for v in line.visuals:
                out += ["", *_fence(v.model_dump(mode="json", exclude_defaults=True) | {"kind": v.kind})]
            if line.notes:
                for para in line.notes.split("\n\n"):
                    out += ["", *("  " + x for x in para.splitlines())]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _fence(data: dict[str, Any]) -> list[str]:
    kind = data.pop("kind")
    info = [kind]
    if "id" in data:
        info.append("#" + data.pop("id"))
    if "at" in data:
        info.append("at=" + data.pop("at"))
    if kind == "code":
        info.append(data.pop("language", "python"))
    if kind in ("transform", "highlight") and "target" in data:
        info.append("target=" + data.pop("target"))
    if kind == "highlight":
        for key in ("style", "part"):
            if key in data and " " not in str(data[key]) and "=" not in str(data[key]):
                info.append(f"{key}={data.pop(key)}")
    if kind in RAW_BODY:
        body = str(data.pop(RAW_BODY[kind]))
        rest = {k: v for k, v in data.items()}
        if rest:  # raw-body kinds carry everything else in the info string
            info += [f"{k}={json.dumps(v, separators=(',', ':')) if isinstance(v, list | dict) else v}"
                     for k, v in rest.items()]
    else:
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None).strip() if data else ""
    fence = "````" if "```" in body else "```"
    lines = [f"{fence}{' '.join(info)}", *body.splitlines(), fence]
    return ["  " + x if x else "" for x in lines]
