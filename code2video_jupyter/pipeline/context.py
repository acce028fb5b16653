"""What every stage of a run shares: the store, the options, the event sink, the cancel token."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ..cancel import CancelToken
from ..events import AnyEvent, Listener
from ..options import RunOptions
from ..store import RunStore
from ..theme import DEFAULT as DEFAULT_THEME
from ..theme import Theme

log = logging.getLogger("code2video_jupyter")


@dataclass
class RunContext:
    store: RunStore
    options: RunOptions
    listener: Listener | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    warnings: list[str] = field(default_factory=list)
    # the run's theme, resolved once per run (pipeline/theme_stage.py); renders and the probe
    # read it, the stages that make code and narration never do
    theme: Theme = DEFAULT_THEME
    # what must end with the run, however it ends (the narration's background synthesis)
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in reversed(self.closers):
            try:
                close()
            except Exception:  # one that fails must not keep the others from running
                log.exception("closing the run failed")
        self.closers.clear()

    def emit(self, event: AnyEvent) -> None:
        event.run = self.store.state.name
        if self.listener is None:
            return
        try:
            self.listener(event)
        except Exception:  # a broken view must not break the run
            log.exception("event listener failed on %s", type(event).__name__)

    def warn(self, message: str, section: int | None = None) -> None:
        from ..events import Warning

        self.warnings.append(message)
        self.emit(Warning(message=message, section=section))
