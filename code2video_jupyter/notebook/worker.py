"""A run in a worker thread, so the kernel stays free; the panel listens to its typed events.

Stop is ``CancelToken.cancel()``: model calls are abandoned and render subprocesses killed at
once. Whatever the worker's threads print or log goes to a sink (the panel's Output widget),
never into whichever cell the kernel happens to be running.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Literal

from ..cancel import Cancelled, CancelToken
from ..events import AnyEvent, Failed, Listener

Sink = Callable[[str], None]
Target = Callable[[Listener, CancelToken], Any]
Status = Literal["ready", "running", "done", "failed", "stopped"]
WORKER_PREFIX = "c2v-"  # the pipeline's render threads are named c2v-render_N
_counter = itertools.count(1)


class _Router:
    """Stands in for sys.stdout/sys.stderr: text written by a worker's threads goes to that
    worker's sink, everything else to the real stream (attributes are the real stream's)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        sink = _sink_for_thread()
        if sink is None:
            return self._stream.write(text)
        if text:
            sink(text if self._name == "stdout" else f"[stderr] {text}")
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if _sink_for_thread() is None:
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _LogHandler(logging.Handler):
    """The package logger's records from worker threads go to the worker's sink; others to
    stderr as Python's last-resort handler would print them."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record) + "\n"
            sink = _sink_for_thread()
            if sink is not None:
                sink(text)
            elif record.levelno >= logging.WARNING:
                sys.stderr.write(text)
        except Exception:  # a logging handler must never raise
            self.handleError(record)


_lock = threading.Lock()
_sinks: dict[int, Sink] = {}  # thread ident -> sink
_active: list[RunWorker] = []
_installed: dict[str, _Router] = {}
_log_handler: _LogHandler | None = None


def _sink_for_thread() -> Sink | None:
    t = threading.current_thread()
    with _lock:
        sink = _sinks.get(t.ident or 0)
        if sink is not None:
            return sink
        if t.name.startswith(WORKER_PREFIX) and _active:
            # a thread of the pipeline's pool: the newest running worker started it
            return _active[-1].sink
    return None


def _install_routing() -> None:
    global _log_handler
    for name in ("stdout", "stderr"):
        current = getattr(sys, name)
        if not isinstance(current, _Router):
            router = _Router(current, name)
            _installed[name] = router
            setattr(sys, name, router)
    if _log_handler is None:
        _log_handler = _LogHandler()
        _log_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logging.getLogger("code2video_jupyter").addHandler(_log_handler)


def _uninstall_routing() -> None:
    """When no worker runs any more, give the real streams back (if nobody replaced ours)."""
    global _log_handler
    for name, router in list(_installed.items()):
        if getattr(sys, name) is router:
            setattr(sys, name, router._stream)
        del _installed[name]
    if _log_handler is not None:
        logging.getLogger("code2video_jupyter").removeHandler(_log_handler)
        _log_handler = None


def running_workers() -> list[RunWorker]:
    with _lock:
        return list(_active)


class RunWorker:
    """Runs ``target(on_event, cancel)`` (by default the pipeline's ``run``) in a thread."""

    def __init__(self, target: Target, *, label: str = "run", sink: Sink | None = None,
                 cleanup: Callable[[], None] | None = None) -> None:
        self.target = target
        self.label = label
        self.sink: Sink = sink or (lambda text: None)
        self.cancel = CancelToken()
        self.status: Status = "ready"
        self.result: Any = None
        self.error: BaseException | None = None
        self.traceback: str = ""
        self.started_at: float | None = None
        self.ended_at: float | None = None
        # set at the first event, or when the run has ended (then ``wait(0)`` is true)
        self.first_event = threading.Event()
        self._listeners: list[Listener] = []
        self._finished: list[Callable[[RunWorker], None]] = []
        self._emit_lock = threading.RLock()
        self._saw_failed = False
        self._cleanup = cleanup
        self._thread: threading.Thread | None = None
        self._done = threading.Event()

    # --- wiring ---------------------------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_finish(self, callback: Callable[[RunWorker], None]) -> None:
        self._finished.append(callback)

    # --- life -----------------------------------------------------------------------------------
    def start(self) -> RunWorker:
        if self._thread is not None:
            raise RuntimeError("this worker was started already")
        self.status = "running"
        self.started_at = time.monotonic()
        self._thread = threading.Thread(target=self._main, daemon=True,
                                        name=f"{WORKER_PREFIX}worker-{next(_counter)}")
        with _lock:
            _active.append(self)
            _install_routing()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop now: model calls are abandoned, render subprocesses killed; results kept."""
        self.cancel.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run ends; True if it has."""
        return self._done.wait(timeout)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def elapsed(self) -> float:
        if self.started_at is None:
            return 0.0
        return (self.ended_at or time.monotonic()) - self.started_at

    # --- the thread -----------------------------------------------------------------------------
    def _emit(self, event: AnyEvent) -> None:
        with self._emit_lock:
            if isinstance(event, Failed):
                self._saw_failed = True
            for listener in list(self._listeners):
                try:
                    listener(event)
                except Exception:  # a broken view must not break the run
                    self.sink("a listener failed:\n" + traceback.format_exc())
        if not isinstance(event, Failed):  # a failure is known for sure only when the run ends
            self.first_event.set()

    def _main(self) -> None:
        with _lock:
            _sinks[threading.get_ident()] = self.sink
        try:
            self.result = self.target(self._emit, self.cancel)
            self.status = "done"
        except Cancelled:
            self.status = "stopped"
        except BaseException as e:  # noqa: BLE001 - reported to the panel and the magic
            self.error = e
            self.traceback = traceback.format_exc()
            self.status = "stopped" if self.cancel.cancelled else "failed"
            if not self._saw_failed:
                self._emit(Failed(error=str(e)))
        finally:
            self.ended_at = time.monotonic()
            if self._cleanup is not None:
                try:
                    self._cleanup()
                except Exception:
                    self.sink("cleanup failed:\n" + traceback.format_exc())
            for cb in list(self._finished):
                try:
                    cb(self)
                except Exception:
                    self.sink("a finish callback failed:\n" + traceback.format_exc())
            with _lock:
                _sinks.pop(threading.get_ident(), None)
                if self in _active:
                    _active.remove(self)
                if not _active:
                    _uninstall_routing()
            self._done.set()
            self.first_event.set()
