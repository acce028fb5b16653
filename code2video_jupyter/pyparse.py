"""``ast.parse`` behind one lock. CPython 3.11 keeps the recursion depth of its AST
construction in state the whole interpreter shares, so two threads parsing at once can fail
with "SystemError: AST constructor recursion depth mismatch" (python/cpython#106905; seen
here when the Coder repaired sections in parallel on a loaded machine). Every parse in this
package goes through here; a parse takes milliseconds, so the lock costs nothing measurable."""

from __future__ import annotations

import ast
import threading
from typing import Any

_lock = threading.Lock()


def parse(source: str | bytes, filename: str = "<unknown>", mode: str = "exec",
          **kwargs: Any) -> Any:
    with _lock:
        return ast.parse(source, filename, mode, **kwargs)
