"""The render's output as the parent keeps it: bounded to its head and tail. Standard library
only (a warm worker keeps its jobs' logs with it, inside the sandbox)."""

from __future__ import annotations

from pathlib import Path

LOG_HEAD = LOG_TAIL = 256 * 1024  # a traceback sits at the end; the first warnings at the start


class BoundedLog:
    """What the parent keeps of the render's output: its first and last bytes, with a note of
    how much was cut between them (a render that prints 300 MB costs no more than this).
    Unbounded (the layer switched off) it streams everything to the file, as before."""

    def __init__(self, path: Path, head: int = LOG_HEAD, tail: int = LOG_TAIL,
                 bounded: bool = True) -> None:
        self.path = path
        self.head_max, self.tail_max, self.bounded = head, tail, bounded
        self.head = bytearray()
        self.tail = bytearray()
        self.cut = 0
        self._file = None if bounded else open(path, "wb")  # noqa: SIM115 - closed in finish()

    def feed(self, data: bytes) -> None:
        if self._file is not None:
            self._file.write(data)
            return
        room = self.head_max - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        self.tail += data
        if len(self.tail) > self.tail_max:
            extra = len(self.tail) - self.tail_max
            del self.tail[:extra]
            self.cut += extra

    def kept(self) -> bytes:
        """What is kept of a bounded log: head, a note of the cut, tail."""
        kept = bytes(self.head)
        if self.cut:
            kept += (f"\n[... {self.cut} bytes of output cut by the sandbox: its first "
                     f"{self.head_max} and last {self.tail_max} bytes are kept ...]\n").encode()
        return kept + bytes(self.tail)

    def finish(self, notes: list[str]) -> None:
        """Write the log (the parent's notes about the sandbox at its end)."""
        extra = "".join(f"\n[sandbox] {n}" for n in notes).encode()
        if self._file is not None:
            self._file.write(extra)
            self._file.close()
            return
        self.path.write_bytes(self.kept() + extra)
