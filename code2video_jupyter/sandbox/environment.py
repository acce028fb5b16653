"""The sandbox's environment: built from an allowlist, so no API key or token can leak in."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ALLOWED = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TEXMFHOME", "TEXMFVAR", "TEXMFCONFIG",
           "SOURCE_DATE_EPOCH", "FONTCONFIG_PATH", "FONTCONFIG_FILE")
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
           "VECLIB_MAXIMUM_THREADS")


def sandbox_env(workdir: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: os.environ[k] for k in ALLOWED if k in os.environ}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    # The venv's bin first, so `python` and helpers resolve as in the parent.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env["PATH"]
    env.setdefault("LANG", "C.UTF-8")
    env["HOME"] = workdir
    env["TMPDIR"] = workdir
    env["XDG_CACHE_HOME"] = os.path.join(workdir, ".cache")
    # The package itself must import in the child even from a source checkout.
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONNOUSERSITE"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    for k in THREADS:
        env[k] = "1"
    env.update(extra or {})
    return env
