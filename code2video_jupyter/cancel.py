"""A cancel token: set from any thread (Stop button, Ctrl-C); takes effect at once."""

from __future__ import annotations

import threading
from collections.abc import Callable


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()
        self._callbacks: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks = list(self._callbacks)
        for cb in callbacks:  # e.g. kill a render subprocess now, not at its next poll
            cb()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def on_cancel(self, cb: Callable[[], None]) -> Callable[[], None]:
        """Register cb; returns a function that unregisters it."""
        with self._lock:
            self._callbacks.append(cb)
            if self._event.is_set():
                cb()

        def remove() -> None:
            with self._lock:
                if cb in self._callbacks:
                    self._callbacks.remove(cb)

        return remove


class Cancelled(Exception):
    """The run was stopped; partial results are kept."""
