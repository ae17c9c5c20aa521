"""What characters text may hold, and text made safe to show in a terminal or a log.

Every text value of the argument files (labels, statements, notes, titles, names, URLs,
ids) and the source text may hold any character but these: control characters other than
tab, line feed and carriage return (C0, DEL and C1), lone surrogates, and Unicode's
non-characters. They have no place in text a reader sees, and each of them breaks some
output (YAML front matter, XML, a terminal).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["forbidden", "describe", "visible", "replace_forbidden", "HIDDEN"]

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
# Shown escaped in terminals, logs and review summaries: every control character, line and paragraph
# separators, the bidirectional controls and marks that can reorder what a reader sees ("Trojan Source"),
# and the zero-width characters that hide a difference.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
# Flagged in text (a warning that names the character): the bidirectional controls and marks and the
# invisible zero-width characters. The joiners (U+200C, U+200D) are left alone: Persian, Indic scripts and
# emoji sequences need them.
HIDDEN = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def forbidden(text: str) -> int | None:
    """The index of the first character text may not hold, or None.

    >>> forbidden("a plain label"), forbidden("tab\\tand\\nnew line"), forbidden("a\\x85b"), forbidden("\\ud800")
    (None, None, 1, 0)
    """
    # Printable text (bar tabs and line ends) holds none of them: str.isprintable is false for every
    # control, surrogate and unassigned code point. Checking that first is ten times faster than the search.
    if text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable():
        return None
    match = _FORBIDDEN.search(text)
    return match.start() if match else None


def replace_forbidden(text: str) -> tuple[str, int]:
    """``text`` with each character it may not hold replaced by U+FFFD, and how many there were.

    >>> replace_forbidden("a\\x9bb\\x00") == ("a\\ufffdb\\ufffd", 2)
    True
    """
    return _FORBIDDEN.subn("\ufffd", text)


def describe(char: str) -> str:
    """A character as U+XXXX with its name where it has one.

    >>> describe("\\x85"), describe("\\x00")
    ('U+0085', 'U+0000 (NULL)')
    """
    name = unicodedata.name(char, "") or {0: "NULL"}.get(ord(char), "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def visible(text: str) -> str:
    """Text for one line of a terminal or log: control, separator and bidi characters escaped.

    >>> visible("a.yaml\\n::error::forged\\x1b[2J")
    'a.yaml\\\\n::error::forged\\\\x1b[2J'
    """
    return _INVISIBLE.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
