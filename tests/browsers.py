"""What the browser tests share: Debian's Chromium through Playwright (no browser download), a
Jupyter server of their own (JupyterLab or Notebook 7) on a free loopback port, and its end."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import unavailable

CHROMIUM = os.environ.get("C2V_CHROMIUM", "/usr/bin/chromium")
# Chromium as root on a closed network: the flags the machine notes give.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium not found at {CHROMIUM}: bash scripts/install.sh --dev "
                    "installs Debian's chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright (Python) is not installed: bash scripts/install.sh --dev")


@contextlib.contextmanager
def chromium(headless: bool = True) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=headless, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def wait_idle(page, timeout: float = 120_000) -> None:
    """Until the current notebook's kernel is idle (JupyterLab and Notebook 7 alike)."""
    page.wait_for_function("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
        return k && k.status === 'idle';
    }""", timeout=timeout)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str, method: str = "GET") -> object:
    req = urllib.request.Request(f"{base}{path}", method=method,
                                 headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


@dataclass
class Server:
    base: str
    token: str
    root: Path
    proc: subprocess.Popen
    log: Path

    def kernels(self) -> list[dict]:
        return api(self.base, self.token, "/api/kernels")  # type: ignore[return-value]

    def shutdown_kernels(self) -> None:
        for k in self.kernels():
            with contextlib.suppress(Exception):
                api(self.base, self.token, f"/api/kernels/{k['id']}", "DELETE")

    def stop(self) -> None:
        """End the server and whatever it started (its kernels, their render workers), by pid."""
        import psutil

        with contextlib.suppress(Exception):
            self.shutdown_kernels()
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        for c in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                c.kill()


def start_server(module: str, root: Path, tmp: Path, jupyter_path: Path, settings: Path,
                 args: list[str]) -> Server:
    """``python -m MODULE`` (jupyterlab, notebook) serving ``root`` on a free port, with its
    own Jupyter folders under ``tmp``; returns once its API answers."""
    token = uuid.uuid4().hex
    port = free_port()
    env = dict(os.environ,
               JUPYTER_PATH=str(jupyter_path), JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_DATA_DIR=str(tmp / "data"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"),
               IPYTHONDIR=str(tmp / "ipython"), C2V_CACHE_DIR=str(tmp / "cache"))
    env.pop("SKIP_JUPYTER_BUILDER", None)
    log = tmp / f"{module}.log"
    cmd = [sys.executable, "-m", module, "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           "--ServerApp.allow_root=True", *args]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root,
                                start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            api(base, token, "/api/status")
            return Server(base, token, root, proc, log)
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"{module} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
