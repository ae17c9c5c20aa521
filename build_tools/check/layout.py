"""Where a project's files are: ``arguments/<debate>/`` folders, each with its debate and source files.

Kept apart from :mod:`.load` (which reads the files) so that the commands can find debates without
loading the YAML reader.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..ids import RESERVED_IDS, is_valid_id

__all__ = ["ARGUMENTS", "DEBATE_FILE", "SOURCE_FILE", "find_debates", "misnamed_debates"]

ARGUMENTS = "arguments"
DEBATE_FILE = "debate.yaml"
SOURCE_FILE = "source.txt"


def find_debates(root: Path) -> list[str]:
    """The ids of the debates under ``root/arguments``, sorted: folders whose name is a valid id."""
    return [name for name in _folders(root) if _debate_name_ok(name)]


def misnamed_debates(root: Path) -> list[Diagnostic]:
    """An error for each folder under ``root/arguments`` whose name cannot be a debate's id."""
    return [Diagnostic(f"{ARGUMENTS}/{name}", 1, 1, Severity.ERROR, "invalid-id",
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
