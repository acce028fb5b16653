"""One sandboxed render, its result printed as JSON. test_sandbox_layers.py starts this as an
ordinary user (the runner then builds the sandbox through a user namespace):

    python tests/sandbox_driver.py '{"request": {...}, "limits": {...}, "without": [...]}'
    python tests/sandbox_driver.py '{"report": true}'    # the layers, as `doctor` lists them
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(spec: dict) -> None:
    from code2video_jupyter.sandbox import Limits, RenderRequest, render_in_sandbox
    from code2video_jupyter.sandbox.isolation import probe

    layers = probe()
    if spec.get("report"):
        print(json.dumps(layers.report()))
        return
    result = render_in_sandbox(RenderRequest(**spec["request"]), Limits(**spec.get("limits", {})),
                               layers=layers.without(*spec.get("without", [])),
                               keep_workdir=spec.get("work"))
    log = Path(result.log) if result.log else None
    print(json.dumps({"result": result.model_dump(mode="json"),
                      "log_bytes": log.stat().st_size if log and log.exists() else 0}))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
