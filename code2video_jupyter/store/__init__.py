"""The run store: one folder per run. ``RunStore`` is the only writer of it; ``RunReader`` is how
everything else reads one; ``RunLayout`` names its files; ``atomic`` is the one helper for
writing a file whole.

The names are loaded on first use (PEP 562), so that code in the render sandbox can import
``store.atomic`` (standard library only) without pydantic and the contracts behind the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "file_sha": "hashing", "json_sha": "hashing", "sha": "hashing",
    "RUNS_FOLDER": "layout", "RunLayout": "layout", "default_run_folder": "layout",
    "section_key": "layout",
    "RunBusyError": "lock",
    "RunReader": "reader", "SectionVideo": "reader",
    "AUTOMATIC": "revisions", "Revision": "revisions", "RevisionLog": "revisions",
    "RunStore": "run_store",
    "RenderState": "state", "RunState": "state", "SectionState": "state",
}
__all__ = ["AUTOMATIC", "RUNS_FOLDER", "RenderState", "Revision", "RevisionLog", "RunBusyError",
           "RunLayout", "RunReader", "RunState", "RunStore", "SectionState", "SectionVideo",
           "default_run_folder", "file_sha", "json_sha", "section_key", "sha"]

if TYPE_CHECKING:
    from .hashing import file_sha, json_sha, sha
    from .layout import RUNS_FOLDER, RunLayout, default_run_folder, section_key
    from .lock import RunBusyError
    from .reader import RunReader, SectionVideo
    from .revisions import AUTOMATIC, Revision, RevisionLog
    from .run_store import RunStore
    from .state import RenderState, RunState, SectionState


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
