"""The colours of the notebook views (panel, summary): GitHub's palette, readable on the
light and dark themes of JupyterLab, VS Code and Colab."""

from __future__ import annotations

OK = "#1a7f37"
WARN = "#9a6700"
ERROR = "#cf222e"
RUNNING = "#0969da"
MUTED = "#57606a"
HUNK = "#8250df"  # a diff's @@ lines

# The one word of a run's or a stage's status -> its colour.
STATUS_COLOURS = {"done": OK, "cached": OK, "kept": OK, "partial": WARN, "stopped": WARN,
                  "cancelled": WARN, "upstream-changed": WARN, "running": RUNNING, "failed": ERROR,
                  "damaged": ERROR, "pending": MUTED}
LEVEL_COLOURS = {"info": MUTED, "ok": OK, "warn": WARN, "error": ERROR}


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, MUTED)
BORDER = "#d0d7de"
