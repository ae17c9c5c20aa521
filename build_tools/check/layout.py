"""Where a project's files are: ``arguments/<debate>/`` folders, each with its debate and source files.

Kept apart from :mod:`.load` (which reads the files) so that the commands can find debates without
loading the YAML reader.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..diagnostics import Diagnostic, error
from ..ids import RESERVED_IDS, is_valid_id

__all__ = ["ARGUMENTS", "DEBATE_FILE", "SOURCE_FILE", "find_debates", "misnamed_debates", "hidden_entries",
           "docs_problems"]

ARGUMENTS = "arguments"
DEBATE_FILE = "debate.yaml"
SOURCE_FILE = "source.txt"


def find_debates(root: Path) -> list[str]:
    """The ids of the debates under ``root/arguments``, sorted: folders whose name is a valid id."""
    return [name for name in _folders(root) if _debate_name_ok(name)]


def misnamed_debates(root: Path) -> list[Diagnostic]:
    """An error for each folder under ``root/arguments`` whose name cannot be a debate's id."""
    return [error(f"{ARGUMENTS}/{name}", "invalid-id",
                       f"'{name}' cannot be a debate's id: name the folder with lowercase letters, digits and "
                       "single hyphens, not a name the site keeps for itself")
            for name in _folders(root) if not _debate_name_ok(name)]


def _folders(root: Path) -> list[str]:
    base = root / ARGUMENTS
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def _debate_name_ok(name: str) -> bool:
    return is_valid_id(name) and name not in RESERVED_IDS


# A name under docs/ that MkDocs publishes and that goes into URLs and edit links as it is.
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


def hidden_entries(root: Path) -> list[Diagnostic]:
    """An error for each file or folder under ``root/arguments`` whose name starts with a dot: no tool may
    read the tree other than as the check does (a ``.gitattributes`` line can hide a file from ``git
    archive``, a ``.pages`` file can reorder a site), and nothing there is an argument."""
    found = []
    for folder, dirs, files in os.walk(root / ARGUMENTS):
        for name in sorted(dirs + files):
            if name.startswith("."):
                rel = Path(folder, name).relative_to(root).as_posix()
                found.append(error(rel, "hidden-file",
                                        f"'{name}' is a hidden file: nothing under {ARGUMENTS}/ may have a name that "
                                        "starts with a dot (it can change what git or another tool reads): remove it"))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return found


def docs_problems(root: Path, docs: Path) -> list[Diagnostic]:
    """An error for each entry of the hand-written pages' folder that MkDocs would publish unsafely: a symbolic
    link (it would publish whatever it points to, ``/proc/self/environ`` included), a hidden file, or a name
    outside letters, digits, ``.``, ``_`` and ``-`` (names go into URLs and edit links)."""
    found = []
    if docs.is_symlink():
        return [error(_shown(root, docs), "symlink",
                           "the pages' folder may not be a symbolic link: make it a plain folder")]
    for folder, dirs, files in os.walk(docs):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            rel = _shown(root, path)
            if path.is_symlink():
                found.append(error(rel, "symlink",
                                        "a symbolic link under the pages' folder would publish what it points to: "
                                        "put the file itself there"))
            elif name.startswith("."):
                found.append(error(rel, "hidden-file",
                                        "a hidden file under the pages' folder: remove it"))
            elif not _SAFE_NAME.fullmatch(name):
                found.append(error(rel, "unsafe-name",
                                        "a page's or asset's name may hold only letters, digits, '.', '_' and '-' "
                                        "(it goes into URLs and edit links): rename it"))
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink() and not d.startswith(".")
                   and _SAFE_NAME.fullmatch(d)]
    return found


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
