"""The lock of a run folder: an advisory ``flock`` on its ``.lock`` file. The run store holds it
(exclusively) while a run writes the folder; a reader only asks whether it is held."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class RunBusyError(RuntimeError):
    pass


def acquire(lock_file: Path, what: Path) -> int:
    """Hold the lock (the returned descriptor keeps it until closed); RunBusyError if taken."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise RunBusyError(f"the run {what} is being used by another process") from None
    return fd


def is_held(lock_file: Path) -> bool:
    """True while some process (or a worker of this one) holds the lock. Takes nothing: a
    shared lock that would succeed is released at once."""
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except OSError:  # no lock file: no run has opened this folder for writing
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
