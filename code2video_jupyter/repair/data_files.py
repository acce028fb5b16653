"""The files a scene names: the pictures, fonts, sounds and data of its project.

A scene names them in two ways. By a path relative to the folder manim is started in
(``ImageMobject("img/logo.png")``, ``"assets\\logo.png"`` as written on Windows, a table read
with ``open("data/points.json")``): those beside the scene are copied for the sandbox into
./assets, where manim looks for them too, and shown in the working folder, where ``open()``
looks. Or by a path it computes from its own
(``Path(__file__).resolve().parents[3] / "assets" / "fonts" / "x.ttf"``): the scene sees its
real path as ``__file__`` in the sandbox, so those files are shown to it at their own paths,
read-only (``RenderRequest.data_files``).

A scene written on another machine may name a file by that machine's absolute path
(``SVGMobject("/home/ann/project/assets/icon/coin.svg")``, ``"C:\\Users\\ann\\logo.png"``). When
no such path is here but the longest of its tails that is names a data file of the scene's
project, that file is sent, and the repair may write the path as that tail beside the scene
(``assets/icon/coin.svg``, ``coin.svg``), or as the file's own path here when it lies above the
scene's folder (``DataFiles.elsewhere``; repair/cures/paths.py).

Only what the scene names is sent, never a whole folder (a scene may lie in a home or a
Downloads folder); a file reached from ``__file__`` must be of a kind a scene reads (a picture,
a font, a sound, a table), not hidden, and within the folders a project spans."""

from __future__ import annotations

import ast
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from .. import pyparse
from .project import MAX_LEVELS_UP, ROOT_MARKERS
from .search_path import assigned_once, evaluate_path

# what ImageMobject and SVGMobject try after the name as given
ASSET_SUFFIXES = ("", ".png", ".jpg", ".jpeg", ".gif", ".svg")
DATA_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg", ".tif", ".tiff",  # pictures
    ".ttf", ".otf", ".ttc", ".woff", ".woff2",  # fonts (manimpango's register_font)
    ".wav", ".mp3", ".ogg", ".m4a", ".flac", ".aac",  # sounds (Scene.add_sound)
    ".mp4", ".mov", ".webm",
    ".json", ".csv", ".tsv", ".txt", ".tex", ".npy", ".npz", ".yaml", ".yml",  # data
})
MAX_FILES = 64
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class DataFiles:
    """The files a scene names, found before it runs."""

    beside: dict[str, Path] = field(default_factory=dict)  # path under ./assets -> the file
    by_path: list[Path] = field(default_factory=list)  # files it reaches by their own path
    skipped: list[str] = field(default_factory=list)  # named, but not sent: why
    # an absolute path of another machine, as written -> the path of the same file here
    elsewhere: dict[str, str] = field(default_factory=dict)

    def copy_beside(self, dest: Path) -> str | None:
        """Copies of the files beside the scene under ``dest`` (its assets folder), or None."""
        for rel, path in self.beside.items():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return str(dest) if self.beside else None


def find_data_files(scene: Path, source: str) -> DataFiles:
    """The files ``source`` (the text of the file at ``scene``) names. Empty when it does not parse."""
    found = DataFiles()
    try:
        tree = pyparse.parse_shared(source)
    except SyntaxError:
        return found
    scene = scene.resolve()
    base = scene.parent
    size = 0

    def take(path: Path) -> bool:
        nonlocal size
        size += path.stat().st_size
        if len(found.beside) + len(found.by_path) >= MAX_FILES or size > MAX_BYTES:
            found.skipped.append(f"{path}: past {MAX_FILES} files or {MAX_BYTES // 2**20} MB of data")
            return False
        return True

    top = _top_folder(base)
    for node in pyparse.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            rel = _beside(base, scene, node.value)
            if rel is None and (here := _tail_here(base, top, scene, node.value)) is not None:
                found.elsewhere[node.value] = here[0]
                if not here[1].is_relative_to(base):  # in the project, above the scene's folder
                    if here[1] not in found.by_path and take(here[1]):
                        found.by_path.append(here[1])
                    continue
                rel = here
            if rel is not None and rel[0] not in found.beside and take(rel[1]):
                found.beside[rel[0]] = rel[1]
    names = assigned_once(tree)
    for node in pyparse.walk(tree):
        if not isinstance(node, (ast.BinOp, ast.Call, ast.Name)):
            continue
        value = evaluate_path(node, scene, names)
        if not isinstance(value, (str, Path)) or not os.path.isabs(value):
            continue
        path = Path(os.path.normpath(value))
        if path in found.by_path or path == scene or not _is_file(path):
            continue
        why = _not_data(path, top)
        if why is not None:
            if f"{path}: {why}" not in found.skipped:
                found.skipped.append(f"{path}: {why}")
        elif take(path):
            found.by_path.append(path)
    return found


def windows_separators(value: str) -> str:
    """A relative path written with Windows separators, in the form Linux reads."""
    return value.replace("\\", "/")


def _beside(base: Path, scene: Path, value: str) -> tuple[str, Path] | None:
    """(path under ./assets, file) for a string naming a file beside the scene."""
    if not 0 < len(value) < 256 or "\n" in value or os.path.isabs(value):
        return None
    for name in dict.fromkeys((value, windows_separators(value))):
        for suffix in ASSET_SUFFIXES:
            try:
                path = (base / (name + suffix)).resolve()
                # (a sentence of prose is no file: a name past 255 bytes makes stat() raise)
                is_file = path.is_file()
            except (OSError, ValueError):
                break
            if is_file and path.is_relative_to(base) and path != scene:
                return path.relative_to(base).as_posix(), path
    return None


def _tail_here(base: Path, top: Path, scene: Path, value: str) -> tuple[str, Path] | None:
    """(the path to write, file) for an absolute path of another machine (POSIX or Windows)
    that is not here: its longest tail naming a data file of the scene's project; written
    relative to the scene's folder when it lies there, else as its own path here."""
    if not 0 < len(value) < 256 or "\n" in value:
        return None
    windows = PureWindowsPath(value)
    written = windows if windows.drive and windows.root else PurePosixPath(value)
    if not written.is_absolute() or written.suffix.lower() not in DATA_SUFFIXES or _is_file(Path(value)):
        return None
    parts = written.parts[1:]
    for i in range(len(parts)):
        for folder in (base, top):
            try:
                path = folder.joinpath(*parts[i:]).resolve()
            except (OSError, ValueError):
                return None
            if not _is_file(path) or path == scene or _not_data(path, top) is not None:
                continue
            return (path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)), path
    return None


def _top_folder(base: Path) -> Path:
    """The highest folder a scene's project may span: its root (a folder holding .git or a
    Python project file) when one is within twice MAX_LEVELS_UP (a scene kept deep in a
    project's log or output folders), else MAX_LEVELS_UP above the scene's folder; never a home
    folder, a folder right under / or /home, or / itself."""
    allowed = []
    for folder in [base, *list(base.parents)[:2 * MAX_LEVELS_UP]]:
        if folder == Path.home().resolve() or len(folder.parts) <= 2 or (
                len(folder.parts) == 3 and folder.parts[1] == "home"):
            break
        allowed.append(folder)
        if any((folder / m).exists() for m in ROOT_MARKERS):
            return folder
    return allowed[min(MAX_LEVELS_UP, len(allowed) - 1)] if allowed else base


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _not_data(path: Path, top: Path) -> str | None:
    """Why a file the scene reaches by its path is not sent, or None to send it."""
    if not path.is_relative_to(top):
        return f"outside the scene's project ({top})"
    if any(part.startswith(".") for part in path.relative_to(top).parts):
        return "a hidden file"
    if path.suffix.lower() not in DATA_SUFFIXES:
        return "not a picture, font, sound, video or table"
    return None
