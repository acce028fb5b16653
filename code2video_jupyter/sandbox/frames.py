"""The wire between the pool (parent) and a warm worker (inside the sandbox): messages of one
JSON header each, optionally followed by a stream of byte chunks (a tar of a job's inputs or
outputs), over the worker's stdin and stdout.

    message := u32 length, JSON header          (header["stream"] true: chunks follow)
    chunk   := u32 length, bytes                (a zero length ends the stream)

Standard library only: the worker imports it before manim. The reader is incremental (fed
whatever ``os.read`` returned) so either side can wait on several pipes with ``select``; it
refuses a header over ``MAX_HEADER`` bytes, so a confused peer cannot make it buffer without
end (a stream's size is the consumer's to bound).
"""

from __future__ import annotations

import json
import os
import struct
from collections import deque
from collections.abc import Iterable
from typing import Any

LENGTH = struct.Struct(">I")
MAX_HEADER = 4 << 20
CHUNK = 1 << 16


class ProtocolError(Exception):
    """The peer sent something that is not a message of this protocol."""


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def send(fd: int, header: dict[str, Any], stream: Iterable[bytes] | None = None) -> None:
    """Write one message (blocking); with ``stream``, its chunks and the end marker."""
    body = json.dumps({**header, "stream": stream is not None}).encode()
    _write_all(fd, LENGTH.pack(len(body)) + body)
    if stream is None:
        return
    for chunk in stream:
        for i in range(0, len(chunk), CHUNK):
            part = chunk[i:i + CHUNK]
            _write_all(fd, LENGTH.pack(len(part)) + part)
    _write_all(fd, LENGTH.pack(0))


def open_stream(fd: int, header: dict[str, Any]) -> ChunkWriter:
    """Write a message whose stream the returned writer carries; its close() ends it."""
    body = json.dumps({**header, "stream": True}).encode()
    _write_all(fd, LENGTH.pack(len(body)) + body)
    return ChunkWriter(fd)


class ChunkWriter:
    """A binary file-like object whose writes go out as chunks of a stream (tarfile writes
    into it), so a large archive is never held whole in memory."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buf = bytearray()

    def write(self, data: bytes) -> int:
        self.buf += data
        if len(self.buf) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buf:
            _write_all(self.fd, LENGTH.pack(len(self.buf)) + bytes(self.buf))
            self.buf.clear()

    def close(self) -> None:
        self.flush()
        _write_all(self.fd, LENGTH.pack(0))


class Reader:
    """Turns bytes into events, kept in ``events`` until taken: ("message", header),
    ("chunk", bytes), ("end", None)."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.in_stream = False
        self.events: deque[tuple[str, Any]] = deque()

    def feed(self, data: bytes) -> None:
        self.buf += data
        while len(self.buf) >= LENGTH.size:
            (n,) = LENGTH.unpack_from(self.buf)
            if not self.in_stream and n > MAX_HEADER:
                raise ProtocolError(f"a header of {n} bytes")
            if len(self.buf) < LENGTH.size + n:
                return
            payload = bytes(self.buf[LENGTH.size:LENGTH.size + n])
            del self.buf[:LENGTH.size + n]
            if self.in_stream:
                if n == 0:
                    self.in_stream = False
                    self.events.append(("end", None))
                else:
                    self.events.append(("chunk", payload))
                continue
            try:
                header = json.loads(payload)
            except ValueError as e:
                raise ProtocolError(f"a header that is not JSON: {e}") from e
            if not isinstance(header, dict):
                raise ProtocolError("a header that is not an object")
            self.in_stream = bool(header.get("stream"))
            self.events.append(("message", header))


def read_message(fd: int, reader: Reader) -> tuple[dict[str, Any], bytes] | None:
    """Blocking: the next message and its whole stream (the worker reads its jobs this way;
    their inputs are small). None at end of file."""
    header: dict[str, Any] | None = None
    data = bytearray()
    while True:
        while reader.events:
            kind, value = reader.events.popleft()
            if kind == "message":
                header = value
                if not value.get("stream"):
                    return header, b""
            elif kind == "chunk":
                data += value
            elif header is not None:
                return header, bytes(data)
        chunk = os.read(fd, CHUNK)
        if not chunk:
            return None
        reader.feed(chunk)
