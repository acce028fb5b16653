"""Build the dev corpus of real manim code that nobody here wrote, from local mirrors of public
repositories, into a folder OUTSIDE the project (their code is never committed).

    python scripts/real_corpus.py --mirrors /work/.mirror --out ~/.cache/c2v-real-corpus

A mirror is a bare git folder (``<owner>+<name>/repo``) as the search tool's fetch leaves it;
files are read with ``git show``, so no work tree is needed. Each program becomes
``OUT/<kind>/<source>__<name>.py`` and ``OUT/index.json`` lists them with where they came from.
A program that imports its own project's modules (``from mythos.cinematography import ...``)
becomes ``OUT/<kind>/<source>__<name>/<its path in the repository>``, beside the repository's
files those imports may name, laid out as in the repository (``fix`` finds them as Python
would: repair/project.py). The kinds:

- ``generated``: code written by LLMs, kept in public LLM-to-manim projects (ManiBench's model
  answers, Math-To-Manim's examples by DeepSeek, Claude, Gemini, Grok, Qwen, Mistral, ...;
  Manim-gpt's OpenAI answers, Manimator's saved scenes, the first answers of Claude, GPT
  and Gemini in manim-llms-artigo, a study of LLMs writing manim for maths lessons, and the
  scenes Claude Code wrote for create-math-videos);
- ``manimgl``: 3b1b's ManimGL example scenes, the style models imitate;
- ``correct``: Manim Community's documentation examples, which run: the false-alarm set.

``--relayout OTHER/index.json`` writes a corpus of single files (a fresh set: source and origin
of each program given) again, each program that needs its project's files laid out beside them.

``--copies RAW`` makes a fresh set of programs copied one by one from the search index (a
folder of copies and ``index*.jsonl`` lines: file, source, origin, commit, total_chars, model):
each copy's length is checked against the index's, copies of one text are kept once, and a
program whose repository is mirrored gets its project's files beside it. Where every fresh
set came from, and what it measured first, is kept in ``scripts/fresh_sets.toml``.

``bench/bench_repair_real.py`` runs ``fix --no-llm`` over it. Sources missing from the mirror
folder are skipped with a note, so the corpus is whatever the mirrors hold.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Program:
    file: str  # relative to the corpus folder
    kind: str  # generated | manimgl | correct
    source: str  # owner/name
    origin: str  # path in that repository
    model: str  # the model that wrote it, when the project says so
    class_name: str | None  # the Scene subclass to run


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def _git_bytes(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def _files(repo: Path) -> list[str]:
    return _git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()


def _show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"HEAD:{path}")


def scene_classes(source: str) -> list[str]:
    """Classes that look like scenes (a base whose name ends in Scene), leaves last."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        # A truncated or broken program is still a program: find its classes by text.
        return re.findall(r"^class (\w+)\([^)]*Scene[^)]*\)", source, re.M)
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            bases = [ast.unparse(b) for b in node.bases]
            if any(b.endswith("Scene") or b in out for b in bases):
                out.append(node.name)
    return out


def _leaf(source: str) -> str | None:
    """The scene to run: the last one that no other scene in the file extends."""
    classes = scene_classes(source)
    if not classes:
        return None
    text = source
    leaves = [c for c in classes if not re.search(rf"^class \w+\([^)]*\b{c}\b", text, re.M)]
    return (leaves or classes)[-1]


_MODELS = ("Gemma", "DeepSeek", "Claude", "Gemini", "Grok", "Qwen", "qwen", "Mistral", "Hunyuan",
           "OpenAI", "Kimi", "GPT", "Llama")


def _model(path: str) -> str:
    if re.match(r"(4o|o3|o4)[-.]", path.rsplit("/", 1)[-1]):  # files named by model (4o-x.py, o3.py)
        return "OpenAI"
    for m in _MODELS:
        if m.lower() in path.lower():
            return m.capitalize() if m.islower() else m
    return ""


def _manibench(repo: Path) -> list[tuple[str, str, str]]:
    # evaluation/generated_code/<model>/zero_shot/<problem>_trialN.py
    return [(p, _show(repo, p), p.split("/zero_shot/")[0].rsplit("/", 1)[-1]) for p in _files(repo)
            if p.endswith(".py") and "/zero_shot/" in p]


def _math_to_manim(repo: Path) -> list[tuple[str, str, str]]:
    out = []
    for p in _files(repo):
        if not p.endswith(".py") or "/tests/" in p or "/src/" in p or "/agents/" in p:
            continue
        if not (p.startswith(("legacy/Math-To-Manim/examples/", "examples/", "paper_visualizations/"))
                or re.search(r"Gemini3/\w+_scene\.py$|Gemini3/stunning_\w+\.py$", p)):
            continue
        text = _show(repo, p)
        if "import" in text and ("manim" in text) and "Scene" in text:
            out.append((p, text, _model(p)))
    return out


def _edoh(repo: Path, limit: int = 80) -> list[tuple[str, str, str]]:
    """generative-manim's prompt/code pairs (model answers to short animation requests)."""
    out = []
    text = _show(repo, "datasets/edoh-dataset-format-pep8.jsonl")
    for i, line in enumerate(text.splitlines()):
        try:
            msgs = json.loads(line)["messages"]
        except (ValueError, KeyError):
            continue
        code = next((m["content"] for m in msgs if m["role"] == "assistant"), "")
        # Programs with some substance only: a one-liner tests nothing.
        if code.count("\n") >= 6 and "self.play" in code:
            out.append((f"datasets/edoh-dataset-format-pep8.jsonl#{i}", code, ""))
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def _gl_examples(repo: Path) -> list[tuple[str, str, str]]:
    """Each scene of ManimGL's example_scenes.py as a program of its own."""
    text = _show(repo, "example_scenes.py")
    tree = ast.parse(text)
    lines = text.split("\n")
    header = "\n".join(lines[:min(n.lineno for n in tree.body if isinstance(n, ast.ClassDef)) - 1])
    out = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            body = "\n".join(lines[node.lineno - 1 - len(node.decorator_list):node.end_lineno])
            out.append((f"example_scenes.py#{node.name}", f"{header}\n\n{body}\n", "ManimGL (3b1b)"))
    return out


def _ce_docs(repo: Path) -> list[tuple[str, str, str]]:
    """``.. manim:: Name`` blocks of Manim Community's docs (the example gallery and guides)."""
    out = []
    for p in _files(repo):
        if not (p.startswith("docs/source/") and p.endswith(".rst")):
            continue
        text = _show(repo, p)
        for m in re.finditer(r"^( *)\.\. manim:: (\w+)\n((?:\1 {3,}:.*\n)*)\n((?:(?:\1 {3,}.*)?\n)+)",
                             text, re.M):
            code = textwrap.dedent(m.group(4))
            if "from manim import" not in code:
                code = "from manim import *\n\n" + code
            # Examples that read files shipped with the docs cannot run here.
            if re.search(r"ImageMobject\(|SVGMobject\(|\.png|\.svg|\.jpg|assets/", code):
                continue
            out.append((f"{p}#{m.group(2)}", code, ""))
    return out


def _folder(prefix: str, skip: tuple[str, ...] = (), model: str = "") -> Callable[[Path], list[tuple[str, str, str]]]:
    """Every manim program under ``prefix`` (a folder of a project's saved model answers);
    ``model`` is who wrote those the path does not name."""
    def read(repo: Path) -> list[tuple[str, str, str]]:
        out = []
        for p in _files(repo):
            if p.startswith(prefix) and p.endswith(".py") and not any(k in p for k in skip):
                text = _show(repo, p)
                if re.search(r"^\s*(from|import) manim", text, re.M) and "Scene" in text:
                    out.append((p, text, _model(p) or model))
        return out
    return read


def _added(prefix: str) -> Callable[[Path], list[tuple[str, str, str]]]:
    """Every manim program ever added under ``prefix``, as it was added: an app's saved model
    answers that later commits deleted (the first version is the model's own)."""
    def read(repo: Path) -> list[tuple[str, str, str]]:
        out = []
        log = _git(repo, "log", "--all", "--diff-filter=A", "--name-only", "--format=@%H", "--", prefix)
        commit = ""
        for line in log.splitlines():
            if line.startswith("@"):
                commit = line[1:]
            elif line.endswith(".py") and commit:
                text = _git(repo, "show", f"{commit}:{line}")
                if re.search(r"^\s*(from|import) manim", text, re.M) and "Scene" in text:
                    out.append((f"{line}@{commit[:8]}", text, _model(line)))
        return out
    return read


def _both(*readers: Callable[[Path], list[tuple[str, str, str]]]) -> Callable[[Path], list[tuple[str, str, str]]]:
    return lambda repo: [p for r in readers for p in r(repo)]


SOURCES = {
    # mirror folder: (kind, owner/name, reader)
    "nabin2004+ManiBench": ("generated", "nabin2004/ManiBench", _manibench),
    "HarleyCoops+Math-To-Manim": ("generated", "HarleyCoops/Math-To-Manim", _math_to_manim),
    "360macky+generative-manim": ("generated", "360macky/generative-manim", _edoh),
    # Added later, and first measured before any change was made for them: a check that the
    # repair holds on code it was not developed on (the held-out set is not here).
    "MLDS-Club+Manim-gpt": ("generated", "MLDS-Club/Manim-gpt",
                            _both(_folder("output/videoScript/", skip=("piAprox",)),
                                  _added("streamlit/temp_scripts/"))),
    "nabin2004+Manimator": ("generated", "nabin2004/Manimator", _folder("storage/")),
    "Ojeffbarbosa+manim-llms-artigo": ("generated", "Ojeffbarbosa/manim-llms-artigo",
                                       _folder("Codigos iniciais (IAs)/")),
    # Scenes Claude Code wrote (a few pasted from Gemini and o3/o4) and re-ran until they
    # rendered, under an older manim: mostly a false-alarm check, and what changed since.
    "lgandecki+create-math-videos": ("generated", "lgandecki/create-math-videos",
                                     _folder("packages/math-image-creator/", model="Claude")),
    "3b1b+manim": ("manimgl", "3b1b/manim", _gl_examples),
    "ManimCommunity+manim": ("correct", "ManimCommunity/manim", _ce_docs),
}


ROOT_FILES = ("pyproject.toml", "setup.py", "setup.cfg", "requirements.txt")
MAX_PROJECT_FILES = 200
MAX_DATA_FILES = 40
DATA_SUFFIXES = frozenset({"png", "jpg", "jpeg", "gif", "svg", "bmp", "webp", "ttf", "otf", "wav",
                           "mp3", "ogg", "json", "csv", "txt", "npy"})


def _project_files(repo: Path, origin: str, code: str) -> dict[str, bytes]:
    """The repository's files a program may need beside it: those its imports of non-library
    modules may name (``from mythos.cinematography import ...``: every .py file in a folder
    called mythos, or called mythos.py), and the data files (pictures, fonts, sounds, tables)
    whose names its strings hold (``ROOT / "assets" / "logo.svg"``, ``"img\\card.png"``), with
    the files that mark the repository's root; empty when it needs none."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return {}
    tops = _tops(tree)
    written = {n.value.replace("\\", "/") for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str) and 0 < len(n.value) < 200}
    strings = {s.strip("/") for s in written}
    # absolute paths of the machine the program was written on (/home/ann/..., C:/Users/...)
    rooted = {s for s in written if s.startswith("/") or re.match(r"[A-Za-z]:/", s)}
    path, _, commit = origin.partition("@")
    rev = commit or "HEAD"
    try:
        names = _git(repo, "ls-tree", "-r", "--name-only", rev).splitlines()
    except subprocess.CalledProcessError:  # a commit the mirror does not hold
        rev = "HEAD"
        names = _git(repo, "ls-tree", "-r", "--name-only", rev).splitlines()
    if tops and not any(_names_module(p, tops) for p in names):
        # the program was written against modules its project has since moved or renamed
        # (``from src.manim_base import ...`` before ``src`` became a package of another name):
        # the last commit that had them
        older = _older_tree(repo, tops)
        if older is not None:
            rev, names = older
    found: set[str] = set()
    for _ in range(4):  # the modules those modules import, a few levels down
        more = {p for p in names if p != path and p not in found and _names_module(p, tops)}
        if not more or len(found | more) > MAX_PROJECT_FILES:
            break
        found |= more
        for p in more:
            try:
                tops |= _tops(ast.parse(_git(repo, "show", f"{rev}:{p}")))
            except (SyntaxError, ValueError, subprocess.CalledProcessError):
                continue
    data = {p for p in names if p.rsplit(".", 1)[-1].lower() in DATA_SUFFIXES
            and (any(p == s or p.endswith("/" + s) for s in strings)
                 or any(s.endswith("/" + p) for s in rooted))}
    if len(data) > MAX_DATA_FILES:
        data = set()
    if not found and not data:
        return {}
    found |= data | {p for p in names if p in ROOT_FILES}
    return {p: _git_bytes(repo, "show", f"{rev}:{p}") for p in sorted(found)}


def _names_module(path: str, tops: set[str]) -> bool:
    """Whether a repository file may be one of the modules named ``tops`` (or inside one)."""
    return path.endswith(".py") and any(part in tops or part.removesuffix(".py") in tops
                                        for part in path.split("/"))


def _older_tree(repo: Path, tops: set[str], limit: int = 300) -> tuple[str, list[str]] | None:
    """The newest commit (of at most ``limit``) whose files include modules named ``tops``."""
    for commit in _git(repo, "rev-list", "--all", f"--max-count={limit}").split():
        try:
            names = _git(repo, "ls-tree", "-r", "--name-only", commit).splitlines()
        except subprocess.CalledProcessError:
            continue
        if any(_names_module(p, tops) for p in names):
            return commit, names
    return None


def _tops(tree: ast.AST) -> set[str]:
    """The top names of the modules a file imports that are neither the standard library's nor
    a library's (its project's own, if any)."""
    tops = {(n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
            and not getattr(n, "level", 0) for a in n.names}
    return {t for t in tops if t and t not in sys.stdlib_module_names and t not in LIBRARIES}


# what a scene imports that is a library, never a file of its project
LIBRARIES = frozenset({"manim", "manimlib", "numpy", "scipy", "sympy", "matplotlib", "PIL", "cv2",
                       "manim_voiceover", "manimpango", "networkx", "pandas", "torch", "requests"})


def build(mirrors: Path, out: Path) -> list[Program]:
    programs: list[Program] = []
    for folder, (kind, name, reader) in SOURCES.items():
        repo = mirrors / folder / "repo"
        if not repo.exists():
            print(f"skipped {name}: no mirror at {repo}", file=sys.stderr)
            continue
        seen: set[str] = set()
        for origin, code, model in reader(repo):
            if code in seen:
                continue
            seen.add(code)
            stem = re.sub(r"[^\w]+", "_", origin.rsplit("/", 1)[-1].replace(".py", ""))[-60:]
            rel = f"{kind}/{folder.split('+')[1]}__{stem}.py"
            n = 2
            while (out / rel).exists() and any(p.file == rel for p in programs):
                rel = f"{kind}/{folder.split('+')[1]}__{stem}_{n}.py"
                n += 1
            rel = _place(out, rel, origin, code, repo)
            programs.append(Program(rel, kind, name, origin, model, _leaf(code)))
    (out / "index.json").write_text(json.dumps([asdict(p) for p in programs], indent=1))
    return programs


def _place(out: Path, rel: str, origin: str, code: str, repo: Path | None) -> str:
    """Writes the program at ``out/rel``, or, when it needs files of its project, laid out as
    in its repository beside them (``fix`` finds them as Python and the scene would:
    repair/project.py, repair/data_files.py); its path in the corpus."""
    files = _project_files(repo, origin, code) if repo is not None else {}
    if files:
        project = rel.removesuffix(".py")
        rel = f"{project}/{origin.split('@')[0]}"
        for path, content in files.items():
            (out / project / path).parent.mkdir(parents=True, exist_ok=True)
            (out / project / path).write_bytes(content)
        # a clone's root holds .git: what tells a project's root (repair/project.py) where the
        # repository has no pyproject.toml or requirements.txt at its top
        (out / project / ".git").mkdir(exist_ok=True)
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    (out / rel).write_text(code, encoding="utf-8")
    return rel


def relayout(index: Path, mirrors: Path, out: Path) -> list[Program]:
    """A corpus of single files (its index.json; each entry's source and origin say where the
    program came from) written again into ``out``, each program that needs files of its
    project laid out beside them, from the mirrors. The programs are unchanged."""
    programs = []
    for entry in json.loads(index.read_text()):
        code = (index.parent / entry["file"]).read_text(encoding="utf-8")
        repo = mirrors / entry["source"].replace("/", "+") / "repo"
        rel = _place(out, entry["file"], entry["origin"], code, repo if repo.exists() else None)
        programs.append(Program(rel, entry["kind"], entry["source"], entry["origin"],
                                entry.get("model", ""), entry.get("class_name")))
    (out / "index.json").write_text(json.dumps([asdict(p) for p in programs], indent=1))
    return programs


def from_copies(raw: Path, mirrors: Path, out: Path) -> list[Program]:
    """A fresh set from ``raw``'s copies (see the module's docstring); a copy whose length is
    not the index's (a transcription that changed it) is left out, with a note."""
    programs: list[Program] = []
    seen: set[str] = set()
    for listing in sorted(raw.glob("index*.jsonl")):
        for line in listing.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            entry = json.loads(line)
            code = (raw / entry["file"]).read_bytes().decode("utf-8")  # (its \r\n kept, as counted)
            if len(code) != entry["total_chars"]:
                print(f"left out {entry['file']}: {len(code)} characters, the index says "
                      f"{entry['total_chars']}", file=sys.stderr)
                continue
            if code in seen:
                continue
            seen.add(code)
            origin = f"{entry['origin']}@{entry['commit']}" if entry.get("commit") else entry["origin"]
            repo = mirrors / entry["source"].replace("/", "+") / "repo"
            rel = _place(out, f"generated/{Path(entry['file']).stem}.py", origin, code,
                         repo if repo.exists() else None)
            programs.append(Program(rel, "generated", entry["source"], origin,
                                    entry.get("model", ""), _leaf(code)))
    (out / "index.json").write_text(json.dumps([asdict(p) for p in programs], indent=1))
    return programs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirrors", type=Path, required=True, help="folder of <owner>+<name>/repo mirrors")
    ap.add_argument("--out", type=Path, required=True, help="corpus folder (outside the project)")
    ap.add_argument("--relayout", type=Path, metavar="INDEX",
                    help="lay out again the programs of an existing corpus (its index.json) "
                         "with their projects' files, instead of building the dev corpus")
    ap.add_argument("--copies", type=Path, metavar="RAW",
                    help="make a fresh set of the programs copied into RAW from the search index")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.relayout:
        programs = relayout(args.relayout, args.mirrors, args.out)
    elif args.copies:
        programs = from_copies(args.copies, args.mirrors, args.out)
    else:
        programs = build(args.mirrors, args.out)
    counts: dict[str, int] = {}
    for p in programs:
        counts[p.kind] = counts.get(p.kind, 0) + 1
    print(f"{len(programs)} programs in {args.out}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
