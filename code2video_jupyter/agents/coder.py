"""The Coder: one scene per storyboard section, and scoped fixes when a scene fails.

A fix call carries only its scope, the error and the real signatures of the manim names used
there -- never the whole file, so it is cheap and cannot "fix" what already works."""

from __future__ import annotations

import ast
import re

from .. import pyparse
from ..cancel import CancelToken
from ..contracts.storyboard import Section
from ..gateway import Gateway
from ..prompts import load, render
from ..repair.fix_file import ModelFixer
from ..repair.namespace import Namespace
from ..repair.scopes import Scope
from ..repair.text_fixes import strip_fences
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme
from .languages import language_name

_CODE = re.compile(r"```[ \t]*(?:python|py)?[ \t]*\n(.*?)```", re.S)


def extract_code(reply: str) -> str:
    """The code of a reply: the fenced block if there is one, else the reply itself."""
    code, _ = strip_fences(reply)
    return code


class Coder:
    def __init__(self, gateway: Gateway, namespace: Namespace) -> None:
        self.gw = gateway
        self.ns = namespace

    def section_prompt(self, section: Section, class_name: str, language: str,
                       anchors: bool = True, theme: Theme = DEFAULT_THEME) -> str:
        """Without ``anchors`` (the paper's ablation) the Coder hears nothing of the grid and
        positions objects itself."""
        api = load("scaffold_api" if anchors else "scaffold_api_free")
        return render(
            "coder_section", manim_version=self.ns.version, scaffold_api=api,
            class_name=class_name, section=section.model_dump_json(indent=1, exclude_none=True),
            language_name=language_name(language),
            placement_rule=load("placement_anchors" if anchors else "placement_free").strip(),
            theme_colors=theme_prompt(theme))

    def write(self, section: Section, class_name: str, language: str, attempt: int = 0,
              previous_error: str | None = None, anchors: bool = True,
              theme: Theme = DEFAULT_THEME) -> str:
        prompt = self.section_prompt(section, class_name, language, anchors, theme)
        stage = "code"
        if previous_error:
            prompt = render("coder_regenerate", section_prompt=prompt, error=previous_error)
            stage = "fix-section"
        reply = self.gw.complete("coder", [{"role": "user", "content": prompt}], stage=stage,
                                 section=section.id, attempt=attempt)
        return extract_code(reply.text)

    def write_direct(self, topic: str, class_name: str, language: str) -> str:
        """The baseline: the whole video as one scene, from the topic alone, in one call."""
        prompt = render("coder_direct", manim_version=self.ns.version, topic=topic,
                        class_name=class_name, language_name=language_name(language))
        reply = self.gw.complete("coder", [{"role": "user", "content": prompt}], stage="direct",
                                 section=1)
        return extract_code(reply.text)

    def fix_scope(self, scope: Scope, error: str, section_id: int | None, attempt: int) -> str:
        """A replacement for the scope's lines (not yet spliced in)."""
        prompt = render(
            "coder_fix", manim_version=self.ns.version, scope_kind=scope.label,
            start=scope.start, end=scope.end, error=error, scope=scope.numbered(),
            signatures=self.signatures(scope.text) or "(no manim names found in this part)")
        reply = self.gw.complete("coder", [{"role": "user", "content": prompt}],
                                 stage=f"fix-{scope.kind}", section=section_id, attempt=attempt)
        return extract_code(reply.text)

    def signatures(self, code: str) -> str:
        """Signature and doc head of every manim name (and method) used in code."""
        try:
            tree = pyparse.parse(_dedent_block(code))
        except SyntaxError:
            return ""
        names: dict[str, None] = {}
        attrs: dict[str, None] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in self.ns.star_names:
                names[node.id] = None
            elif isinstance(node, ast.Attribute):
                attrs[node.attr] = None
        out = []
        for name in names:
            text = self.ns.describe(name)
            entry = self.ns.star[name]
            if text and entry["kind"] in ("class", "function"):
                out.append(text)
        owners = [self.ns.class_key(n) for n in names if self.ns.is_class(n)] + [
            "manim.mobject.mobject.Mobject", "manim.scene.scene.Scene"]
        for attr in attrs:
            for key in owners:
                if key and key in self.ns.classes:
                    text = self.ns.describe_method(key, attr)
                    if text:
                        out.append(text)
                        break
        return "\n".join(f"- {line}" for line in out[:40])


def theme_prompt(theme: Theme) -> str:
    """The theme's colours as the Coder is told them: by their names on ``self.theme``, so the
    code it writes is right in every theme (switching themes never asks the model again)."""
    return render("theme_colors", theme_name=theme.name, background=theme.background,
                  tone="a light" if theme.is_light else "a dark", highlight=theme.highlight,
                  accent=theme.accent, muted=theme.muted,
                  palette=", ".join(theme.palette)).strip().replace("\n", "\n  ")


def _dedent_block(code: str) -> str:
    import textwrap

    return textwrap.dedent(code)


def file_fixer(model: str, ns: Namespace, cancel: CancelToken) -> ModelFixer:
    """Scoped model fixes for ``code2video fix --model M`` on any manim file."""
    from ..gateway import BadReply, ModelUnavailable
    from ..gateway.keys import load_dotenv

    load_dotenv()
    gateway = Gateway({"coder": model}, cancel=cancel)
    coder = Coder(gateway, ns)
    return ModelFixer(fix_scope=lambda scope, error, n: coder.fix_scope(scope, error, None, n),
                      name=model, errors=(ModelUnavailable, BadReply),
                      tokens=lambda: sum(r.prompt_tokens + r.completion_tokens for r in gateway.records))
