"""Print diagnostics as text, as GitHub Actions annotations, or as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..diagnostics import Diagnostic, summary
from ..text import visible

__all__ = ["REPORTERS", "text", "github", "as_json", "escape_data", "escape_property"]


def text(diagnostics: list[Diagnostic], files: int) -> str:
    lines = [d.render() for d in diagnostics]
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def escape_data(value: str) -> str:
    """Escape a workflow command's message so no file text can forge another command.

    >>> escape_data("50%\\n::error::x")
    '50%25%0A::error::x'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (``:`` and ``,`` too).

    >>> escape_property("a,b:c")
    'a%2Cb%3Ac'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic], files: int) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={escape_property(visible(d.path))}"]
        if d.line:
            props.append(f"line={d.line}")
        if d.column:
            props.append(f"col={d.column}")
        props.append(f"title={escape_property('argmap ' + d.code)}")
        message = "\n".join(visible(line) for line in d.message.split("\n"))  # bidi and zero-width shown escaped
        lines.append(f"::{d.severity.value} {','.join(props)}::{escape_data(message)}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def as_json(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    report = {
        "files": files,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": [d.as_dict() for d in diagnostics],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[list[Diagnostic], int], str]] = {
    "text": text,
    "github": github,
    "json": as_json,
}
