"""The one place that imports litellm: on first use (the import costs seconds), quiet, and
offline-safe. ``LITELLM_LOCAL_MODEL_COST_MAP`` must be set before the first import, or litellm
tries to download its price table from the internet (three attempts, with warnings in the
middle of the progress); any other ``import litellm`` could be the first and skip it."""

from __future__ import annotations

import os
import threading
from types import ModuleType

_lock = threading.Lock()
_loaded = False


def load_litellm() -> ModuleType:
    """litellm, set up for the gateway (telemetry off, the scripted provider registered)."""
    global _loaded
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    with _lock:
        if not _loaded:
            litellm.suppress_debug_info = True
            litellm.telemetry = False
            from .scripted import register

            register(litellm)
            _loaded = True
    return litellm
