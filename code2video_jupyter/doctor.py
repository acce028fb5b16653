"""What this machine can do, what is missing, and how to install it: the checks behind
`code2video doctor` and `%code2video doctor` (both show them; neither owns them)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _render_probe() -> tuple[bool, str]:
    """Import manim and build Text and (if LaTeX exists) MathTex in a subprocess."""
    code = (
        "import manim, manimpango, cairo\n"
        "from manim import Text\nText('Hg 中文')\n"
        "print(manim.__version__, cairo.cairo_version_string(), manimpango.pango_version())\n"
    )
    try:
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return False, "manim did not start within 120 s"
    if p.returncode != 0:
        return False, (p.stderr.strip().splitlines() or ["unknown error"])[-1]
    manim_v, cairo_v, pango_v = p.stdout.split()[-3:]
    return True, f"manim {manim_v}, cairo {cairo_v}, pango {pango_v}"


def _warm_worker() -> tuple[bool, str]:
    """Start a warm worker and run one check job in it (what every render then reuses)."""
    import tempfile
    import time

    from .sandbox import Limits, RenderRequest, render_in_sandbox
    from .sandbox.pool import current_pool

    with tempfile.TemporaryDirectory(prefix="c2v-doctor-") as tmp:
        scene = Path(tmp) / "scene.py"
        scene.write_text("from manim import *\n\nclass Doctor(Scene):\n"
                         "    def construct(self):\n        self.play(FadeIn(Dot()))\n")
        t0 = time.monotonic()
        r = render_in_sandbox(RenderRequest(scene_file=str(scene), check=True),
                              Limits(wall_seconds=120), keep_workdir=str(Path(tmp) / "work"))
        elapsed = time.monotonic() - t0
    if not r.ok:
        return False, f"a check job failed: {r.summary()}"
    if r.worker != "warm":
        return False, "renders start cold (see the line above for why)"
    pool = current_pool()
    start = pool.report()["start_seconds_median"] if pool else None
    return True, (f"a worker started (manim imported in {start:.1f} s) and ran a job in "
                  f"{elapsed:.1f} s") if start is not None else f"a job ran in {elapsed:.1f} s"


def _fonts() -> tuple[bool, str]:
    fc = shutil.which("fc-list")
    if not fc:
        return False, "fc-list not found"
    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True).stdout
    return bool(out.strip()), "CJK font: " + (out.splitlines()[0] if out.strip() else "none")


def checks() -> list[Check]:
    from .sandbox import isolation_report

    out: list[Check] = []
    ok, detail = _render_probe()
    out.append(Check("manim, cairo, pango", ok, detail,
                     "apt-get install build-essential pkg-config libcairo2-dev libpango1.0-dev "
                     "python3-dev && pip install code2video-jupyter"))
    latex, dvisvgm = shutil.which("latex"), shutil.which("dvisvgm")
    out.append(Check("LaTeX (equations)", bool(latex and dvisvgm),
                     "latex and dvisvgm found" if latex and dvisvgm else
                     "missing: equations render through a plain-text fallback",
                     "apt-get install texlive-latex-base texlive-latex-extra "
                     "texlive-fonts-recommended dvisvgm", required=False))
    ok, detail = _fonts()
    out.append(Check("fonts for Chinese/Japanese", ok, detail, "apt-get install fonts-noto-cjk",
                     required=False))
    out.append(Check("PyAV (video files)", importlib.util.find_spec("av") is not None,
                     "installed" if importlib.util.find_spec("av") else "missing", "pip install av"))
    for layer, state in isolation_report().items():
        out.append(Check(f"sandbox: {layer}", state.startswith("active"), state, required=False))
    if out[-1].ok:
        ok, detail = _warm_worker()
        out.append(Check("warm render workers: a job", ok, detail, required=False))
    return out
