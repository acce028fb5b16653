"""The pipeline: one `run()` that every front end calls."""

from .run import NoModelError, RunSummary, resolve_folder, run

__all__ = ["NoModelError", "RunSummary", "resolve_folder", "run"]
