"""One lesson of a course, as a batch task (in a worker process or on a Dask worker): its run
(resumed: only what is stale is recomputed) and then its presentation beside the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..evaluation.batch import generate_topic

RUN, PRESENT = "run", "present"


def build_lesson(task: dict[str, Any]) -> dict[str, Any]:
    """Module-level, so any executor can pickle it. Raises on failure (the driver retries)."""
    from ..present import build_presentation

    result = generate_topic(task)
    if result.get("status") in ("done", "partial"):
        folder = Path(task["folder"])
        build_presentation(folder / RUN, folder / PRESENT)
    return result
