"""Diagnostics: problems found in the input, as plain records (never exceptions)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple

from .text import visible

__all__ = ["Severity", "Diagnostic", "Position", "error", "warning", "problem", "sort_key", "summary"]


class Position(NamedTuple):
    """A line and column in a file, both counted from 1 (a named tuple: files hold tens of thousands)."""

    line: int
    column: int


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, at a place in a file.

    ``path`` is relative to the project root, with ``/`` separators; ``line`` and
    ``column`` count from 1 (0 when the problem concerns the whole file).

    >>> Diagnostic("a.yaml", 3, 5, Severity.ERROR, "unknown-key", "no such key").render()
    'a.yaml:3:5: error: no such key [unknown-key]'

    :meth:`render` gives one line whatever the file name or message hold: control
    characters are escaped, so no file name can forge a line of a log (a CI command).
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        return visible(f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]")

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def problem(severity: Severity, where, code: str, message: str, position: Position | None = None) -> Diagnostic:
    """The one way to make a diagnostic: at ``where``, a file's path (its first line, or ``position`` in it) or
    anything with ``path``, ``line`` and ``column`` (a node's origin, a field's place).

    >>> error("a.yaml", "c", "m").render(), warning("a.yaml", "c", "m", Position(2, 3)).render()
    ('a.yaml:1:1: error: m [c]', 'a.yaml:2:3: warning: m [c]')
    """
    if isinstance(where, str):
        position = position or Position(1, 1)
        return Diagnostic(where, position.line, position.column, severity, code, message)
    return Diagnostic(where.path, where.line, where.column, severity, code, message)


def error(where, code: str, message: str, position: Position | None = None) -> Diagnostic:
    """An error at ``where`` (see :func:`problem`)."""
    return problem(Severity.ERROR, where, code, message, position)


def warning(where, code: str, message: str, position: Position | None = None) -> Diagnostic:
    """A warning at ``where`` (see :func:`problem`)."""
    return problem(Severity.WARNING, where, code, message, position)


def sort_key(diagnostic: Diagnostic) -> tuple:
    """Most useful first: errors before warnings, then in file and reading order."""
    return (
        not diagnostic.is_error,
        diagnostic.path,
        diagnostic.line,
        diagnostic.column,
        diagnostic.code,
        diagnostic.message,
    )


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    """The closing line of a report.

    >>> summary([], 3)
    'checked 3 files: no problems'
    """
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"checked {_plural(files, 'file')}: no problems"
    return f"checked {_plural(files, 'file')}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
