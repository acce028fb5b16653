"""How fast things that must be quick are: a Stop during a model call and during a render, and
``%load_ext code2video_jupyter``. The tests check that they happen (a Stop ends a call or a
render, %load_ext imports neither manim nor litellm); how fast is measured here, because a
timing asserted in a test fails on a busy machine.

    .venv/bin/python bench/bench_stop.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLOW_SCRIPT = "replies:\n  - role: coder\n    repeat: true\n    delay: 30\n    reply: late\n"
SLOW_SCENE = "from manim import *\n\n\nclass Slow(Scene):\n    def construct(self):\n        self.wait(600)\n"
LOAD_EXT = textwrap.dedent("""
    import json, time
    from IPython.core.interactiveshell import InteractiveShell
    ip = InteractiveShell.instance()
    t = time.monotonic()
    ip.run_line_magic("load_ext", "code2video_jupyter")
    print(json.dumps(time.monotonic() - t))
""")


FIRST_CALL = textwrap.dedent("""
    import json, sys, threading, time
    from code2video_jupyter.cancel import Cancelled, CancelToken
    from code2video_jupyter.gateway import Gateway
    cancel = CancelToken()
    gw = Gateway({"coder": "scripted/" + sys.argv[1]}, cancel=cancel)
    stopped = []
    def stop():
        stopped.append(time.monotonic())
        cancel.cancel()
    threading.Timer(0.3, stop).start()  # litellm's import (seconds) is still going on
    try:
        gw.complete("coder", [{"role": "user", "content": "hi"}], stage="slow")
    except Cancelled:
        print(json.dumps({"stop": time.monotonic() - stopped[0],
                          "imported": "litellm" in sys.modules and hasattr(sys.modules["litellm"], "completion")}))
""")


def first_call_stop_seconds(folder: Path) -> float:
    """A Stop during a process's first model call, while litellm is still being imported."""
    script = folder / "slow.yaml"
    script.write_text(SLOW_SCRIPT)
    p = subprocess.run([sys.executable, "-c", FIRST_CALL, str(script)], capture_output=True,
                       text=True, check=True)
    return float(json.loads(p.stdout.strip().splitlines()[-1])["stop"])


def load_ext_seconds() -> float:
    p = subprocess.run([sys.executable, "-c", LOAD_EXT], capture_output=True, text=True, check=True)
    return float(json.loads(p.stdout.strip().splitlines()[-1]))


def model_call_stop_seconds(folder: Path) -> float:
    """From Stop to the abandoned call's return (the scripted reply would take 30 s)."""
    from code2video_jupyter.cancel import Cancelled, CancelToken
    from code2video_jupyter.gateway import Gateway

    script = folder / "slow.yaml"
    script.write_text(SLOW_SCRIPT)
    cancel = CancelToken()
    gw = Gateway({"coder": f"scripted/{script}"}, cancel=cancel)
    stopped: list[float] = []

    def stop() -> None:
        stopped.append(time.monotonic())
        cancel.cancel()

    threading.Timer(0.5, stop).start()
    try:
        gw.complete("coder", [{"role": "user", "content": "hi"}], stage="slow")
    except Cancelled:
        return time.monotonic() - stopped[0]
    raise SystemExit("the call was not stopped")


def render_stop_seconds(folder: Path) -> float:
    """From Stop to the render's return, the child's whole tree killed (the scene waits 600 s)."""
    from code2video_jupyter.cancel import CancelToken
    from code2video_jupyter.sandbox import RenderRequest, render_in_sandbox

    scene = folder / "slow.py"
    scene.write_text(SLOW_SCENE)
    cancel = CancelToken()
    stopped: list[float] = []

    def started(box) -> None:  # noqa: ANN001 - the sandbox process
        def stop() -> None:
            stopped.append(time.monotonic())
            cancel.cancel()
            box.kill("cancelled")

        threading.Timer(3.0, stop).start()  # manim imported, the scene waiting

    result = render_in_sandbox(RenderRequest(scene_file=str(scene)), cancelled=cancel,
                               on_start=started, keep_workdir=str(folder / "work"))
    if result.killed != "cancelled":
        raise SystemExit(f"the render was not stopped: {result.summary()}")
    return time.monotonic() - stopped[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.environ.setdefault("C2V_LLM_CACHE", tempfile.mkdtemp(prefix="c2v-bench-llm-"))
    # the first call of a fresh process (litellm's import going on) is measured in a subprocess;
    # the later figures are for calls after the import
    rows: dict[str, list[float]] = {"%load_ext code2video_jupyter": [],
                                    "Stop during a first model call": [],
                                    "Stop during a model call": [], "Stop during a render": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="c2v-bench-stop-") as tmp:
            rows["%load_ext code2video_jupyter"].append(load_ext_seconds())
            rows["Stop during a first model call"].append(first_call_stop_seconds(Path(tmp)))
            rows["Stop during a model call"].append(model_call_stop_seconds(Path(tmp)))
            rows["Stop during a render"].append(render_stop_seconds(Path(tmp)))
    print(f"{'measure':32} {'median s':>9} {'min':>7} {'max':>7}  ({args.runs} runs)")
    for name, values in rows.items():
        print(f"{name:32} {statistics.median(values):9.3f} {min(values):7.3f} {max(values):7.3f}")


if __name__ == "__main__":
    main()
