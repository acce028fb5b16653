"""Inside the sandbox, after the render's process has exited: send its outputs to the parent as a
tar stream on stdout. The work folder is a tmpfs that vanishes with the sandbox, and it is the
only place the render could write; this is how the results leave it.

It runs as ``python -I -S export.py WORK`` (standard library only, no site: it starts in
milliseconds) in a process of its own, never in the render's, whose code is not trusted; the
render's stray processes may still run, so what arrives is not trusted either: the parent takes
only regular files under the expected names, up to the disk limit (runner.receive_outputs).
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tarfile

RESULTS = ("result.json", "error.json", "timeline.json", "snapshots.json")


def outputs(work: str) -> list[str]:
    """Relative paths to send: the result files, the video named in result.json (and its
    subcaptions), and formulas compiled by this render (the seeded ones are symlinks into the
    shared cache: not sent)."""
    names = [n for n in RESULTS if _regular(os.path.join(work, n))]
    try:
        with open(os.path.join(work, "result.json"), encoding="utf-8") as f:
            video = json.load(f).get("video")
    except (OSError, ValueError, AttributeError):
        video = None
    if isinstance(video, str):
        rel = os.path.relpath(os.path.normpath(os.path.join(work, video)), work)
        if rel.startswith("media" + os.sep) and _regular(os.path.join(work, rel)):
            names.append(rel)
            # the subcaptions manim writes beside the video (Scene.add_subcaption)
            srt = os.path.splitext(rel)[0] + ".srt"
            if _regular(os.path.join(work, srt)):
                names.append(srt)
    preview = os.path.join(work, "preview")
    if os.path.isdir(preview) and not os.path.islink(preview):
        names += [os.path.join("preview", e.name) for e in os.scandir(preview)
                  if e.name.endswith(".png") and e.is_file(follow_symlinks=False)]
    tex = os.path.join(work, "media", "Tex")
    if os.path.isdir(tex):
        names += [os.path.join("media", "Tex", e.name) for e in os.scandir(tex)
                  if e.name.endswith(".svg") and e.is_file(follow_symlinks=False)]
    return names


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def main(work: str) -> int:
    with tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
        for rel in outputs(work):
            try:
                tar.add(os.path.join(work, rel), arcname=rel, recursive=False)
            except OSError as e:  # vanished or changed under us: the parent does without it
                print(f"export: {rel}: {e}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
