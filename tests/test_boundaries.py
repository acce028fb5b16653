"""The boundaries of DESIGN.md that a grep can check: one module imports litellm."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "code2video_jupyter"


def _sources() -> list[tuple[str, str]]:
    return [(p.relative_to(PACKAGE).as_posix(), p.read_text(encoding="utf-8"))
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_only_the_gateway_loader_imports_litellm():
    # Any other import could come first and skip LITELLM_LOCAL_MODEL_COST_MAP (a download).
    pattern = re.compile(r"^\s*(import litellm|from litellm\b)", re.M)
    importers = [name for name, text in _sources() if pattern.search(text)]
    assert importers == ["gateway/litellm_loader.py"]


def test_every_parse_goes_through_the_lock():
    # CPython 3.11's AST construction is not thread-safe (pyparse.py says why); the Coder
    # repairs sections in parallel threads
    callers = [name for name, text in _sources() if re.search(r"\bast\.parse\(", text)]
    assert callers == ["pyparse.py"]


def test_one_quality_table():
    import subprocess
    import sys
    import typing

    from code2video_jupyter.quality import QUALITIES, Quality

    assert set(typing.get_args(Quality)) == set(QUALITIES)
    # The sandbox child reads it before manim: it must not bring pydantic in.
    code = "import sys, code2video_jupyter.quality; sys.exit('pydantic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# Calls that create, write, move or delete files.
WRITES = re.compile(
    r"\.write_(text|bytes)\(|\batomic\.(write_\w+|move_into_place|publishing)\(|\bpublishing\("
    r"|\bopen\([^)]*[\"'][wax]b?\+?[\"']|\.open\([\"'][wax]|os\.(replace|rename|remove|symlink|link)\("
    r"|shutil\.(copy\w*|move|rmtree)\(|\.unlink\(|\.mkdir\(|\.rmdir\(|mkstemp\(|mkdtemp\("
    r"|nbformat\.write\(|av\.open\([^)]*mode=\"w\"|\.save\((?!buf\b)|\.extract(all)?\(|os\.open\(")
NOT_FILES = re.compile(r"\b(self|job|self\.storyboard)\.save\(|open\(buf\b")

# The modules outside store/ that write files, and where: never into a run folder. A new one
# must say here where it writes (or go through the run store).
WRITE_ELSEWHERE = {
    "caches.py": "the user's cache folder (compiled LaTeX)",
    "doctor.py": "a temporary folder for its warm-worker check",
    "critic/probe.py": "its own temporary folder for the sandboxed probe",
    "evaluation/batch.py": "the evaluation's folders, beside the runs",
    "evaluation/frames.py": "the evaluation's folders, beside the runs",
    "evaluation/report.py": "the evaluation's folders, beside the runs",
    "evaluation/runner.py": "the evaluation's folders, beside the runs",
    "gateway/cache.py": "the user's cache folder (model replies)",
    "gateway/scripted.py": "the scripted provider's call log ($C2V_SCRIPT_LOG)",
    "narration/cache.py": "the user's cache folder (speech)",
    "narration/mux.py": "the path its caller gives (for a run: a temp path from RunStore.writing)",
    "video/concat.py": "the path its caller gives (for a run: a temp path from RunStore.writing)",
    "notebook/export.py": "a notebook beside the run folder (it refuses a path inside it)",
    "course/page.py": "a course folder's page and course.json (the lessons' runs are their stores')",
    "present/build.py": "a presentation folder beside the run folder (it refuses a path inside it)",
    "present/clips.py": "the clips of a presentation folder (present/build.py's)",
    "notebook/magic.py": "the cell's outline, staged next to the notebook",
    "repair/fix_file.py": "`code2video fix`: the user's own file's neighbours and a temp folder",
    "repair/project.py": "`code2video fix`'s temp folder (copies of the scene's own modules)",
    "repair/data_files.py": "`code2video fix`'s temp folder (copies of the files the scene names)",
    "repair/index_builder.py": "the namespace index, for repair/namespace.py's cache",
    "repair/namespace.py": "the user's cache folder (the manim namespace index)",
    "sandbox/boundedlog.py": "the sandbox's work folder (render.log)",
    "sandbox/child.py": "the sandbox's work folder",
    "sandbox/isolation.py": "cgroups of the sandbox",
    "sandbox/pool.py": "the sandbox's work folder (a warm worker's outputs and log)",
    "sandbox/render.py": "the sandbox's work folder (the scene copied in)",
    "sandbox/results.py": "the sandbox's work folder (the outputs it receives)",
    "sandbox/runner.py": "the sandbox's work folder",
    "sandbox/worker.py": "its job folder and scratch, inside a warm worker's sandbox",
    "sandbox/snapshot.py": "the sandbox's work folder (snapshots.json)",
    "scaffold/scene.py": "the sandbox's work folder (timeline.json, written by the render)",
}


def write_sites() -> dict[str, list[str]]:
    sites: dict[str, list[str]] = {}
    for name, text in _sources():
        if name.startswith("store/"):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITES.search(code) and not NOT_FILES.search(code):
                sites.setdefault(name, []).append(f"{name}:{n}: {line.strip()}")
    return sites


def test_only_the_run_store_writes_into_run_folders():
    sites = write_sites()
    unexplained = [line for name, lines in sites.items() if name not in WRITE_ELSEWHERE
                   for line in lines]
    assert unexplained == [], "\n".join(unexplained)
    # the stages, the views and the CLI write nothing themselves
    for part in ("pipeline/", "notebook/panel", "notebook/summary", "notebook/runs", "cli/", "api.py",
                 "critic/keyframes.py", "evaluation/efficiency.py", "evaluation/offline.py"):
        assert not [name for name in sites if name.startswith(part)], part


def test_no_import_cycle_between_the_parts():
    import subprocess
    import sys

    script = PACKAGE.parent / "scripts" / "import_cycles.py"
    p = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def _unguarded_skips(source: str) -> list[int]:
    """Lines that skip a test without the CI guard: a skipif marker, importorskip, or
    pytest.skip in a function that does not fail instead when $CI is set."""
    import ast

    tree = ast.parse(source)
    guarded: set[int] = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef):
            text = ast.unparse(fn)
            if "pytest.fail(" in text and "'CI'" in text:
                guarded |= {n.lineno for n in ast.walk(fn) if hasattr(n, "lineno")}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("skip", "skipif", "importorskip") \
                and (node.attr != "skip" or node.lineno not in guarded):
            out.append(node.lineno)
    return sorted(out)


def test_a_test_skips_only_with_the_ci_guard():
    # A skip hides a broken test in CI, where every prerequisite is installed: there it must
    # fail (conftest.unavailable does both).
    tests = PACKAGE.parent / "tests"
    offenders = [f"{p.name}:{n}" for p in sorted(tests.glob("*.py"))
                 for n in _unguarded_skips(p.read_text(encoding="utf-8"))]
    assert offenders == [], offenders
