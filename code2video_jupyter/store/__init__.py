"""The run store: one folder per run, the only writer of it."""

from .hashing import file_sha, json_sha, sha
from .revisions import AUTOMATIC, Revision, RevisionLog
from .run_store import RunBusyError, RunStore, section_key
from .state import RenderState, RunState, SectionState

__all__ = ["AUTOMATIC", "RenderState", "Revision", "RevisionLog", "RunBusyError", "RunState",
           "RunStore", "SectionState", "file_sha", "json_sha", "section_key", "sha"]
