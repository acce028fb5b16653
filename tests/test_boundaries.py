"""The boundaries of DESIGN.md that a grep can check: one module imports litellm."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "code2video_jupyter"


def _sources() -> list[tuple[str, str]]:
    return [(p.relative_to(PACKAGE).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_only_the_gateway_loader_imports_litellm():
    # Any other import could come first and skip LITELLM_LOCAL_MODEL_COST_MAP (a download).
    pattern = re.compile(r"^\s*(import litellm|from litellm\b)", re.M)
    importers = [name for name, text in _sources() if pattern.search(text)]
    assert importers == ["gateway/litellm_loader.py"]


def test_one_quality_table():
    import subprocess
    import sys
    import typing

    from code2video_jupyter.quality import QUALITIES, Quality

    assert set(typing.get_args(Quality)) == set(QUALITIES)
    # The sandbox child reads it before manim: it must not bring pydantic in.
    code = "import sys, code2video_jupyter.quality; sys.exit('pydantic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
