"""Find quotes in the source text, comparing with white space folded.

>>> text = "Supporters\\n\\ncounter that endless commitments erode support."
>>> [text[s:e] for s, e in find("Supporters counter that", text)]
['Supporters\\n\\ncounter that']
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

__all__ = ["Folded", "fold", "find", "locate", "closest_passage", "line_column"]

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Folded:
    """Text with every run of white space folded to one space, and where each char came from."""

    text: str
    starts: tuple[int, ...]  # offset in the original text of each folded character
    ends: tuple[int, ...]  # offset just past it


def fold(text: str) -> Folded:
    out, starts, ends = [], [], []
    pos = 0
    for match in _SPACE.finditer(text):
        _copy(text, pos, match.start(), out, starts, ends)
        out.append(" ")
        starts.append(match.start())
        ends.append(match.end())
        pos = match.end()
    _copy(text, pos, len(text), out, starts, ends)
    return Folded("".join(out), tuple(starts), tuple(ends))


def _copy(text, begin, end, out, starts, ends) -> None:
    out.append(text[begin:end])
    starts.extend(range(begin, end))
    ends.extend(range(begin + 1, end + 1))


def find(quote: str, text: str, folded: Folded | None = None) -> list[tuple[int, int]]:
    """Every place (start, end offsets in ``text``) where ``quote`` occurs, white space folded."""
    folded = folded or fold(text)
    needle = _SPACE.sub(" ", quote).strip()
    if not needle:
        return []
    spans, at = [], folded.text.find(needle)
    while at != -1:
        spans.append((folded.starts[at], folded.ends[at + len(needle) - 1]))
        at = folded.text.find(needle, at + 1)
    return spans


def locate(passages: tuple[str, ...], occurrence: int | None, text: str,
           folded: Folded | None = None) -> list[tuple[int, int] | None]:
    """The span each quoted passage grounds: its only occurrence, or the one ``occurrence`` names.

    None for a passage that is missing or ambiguous (the checker reports those).

    >>> locate(("a b",), 2, "a b. a  b.")
    [(5, 9)]
    """
    folded = folded or fold(text)
    found = []
    for passage in passages:
        spans = find(passage, text, folded)
        if occurrence is not None and len(passages) == 1:
            found.append(spans[occurrence - 1] if occurrence <= len(spans) else None)
        else:
            found.append(spans[0] if len(spans) == 1 else None)
    return found


def closest_passage(quote: str, text: str, folded: Folded | None = None) -> tuple[int, int] | None:
    """The span of ``text`` that best matches ``quote``, for a "did you mean" hint."""
    folded = folded or fold(text)
    needle = _SPACE.sub(" ", quote).strip()
    if not needle or not folded.text:
        return None
    matcher = difflib.SequenceMatcher(None, folded.text, needle, autojunk=False)
    match = matcher.find_longest_match(0, len(folded.text), 0, len(needle))
    if match.size < 4:
        return None
    start = max(0, match.a - match.b)
    end = min(len(folded.text), start + len(needle))
    while 0 < start < match.a and folded.text[start - 1] != " ":
        start += 1  # do not begin in the middle of a word
    while match.a + match.size < end < len(folded.text) and folded.text[end] != " ":
        end -= 1  # nor end in one
    return folded.starts[start], folded.ends[end - 1]


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``.

    >>> line_column("ab\\ncd", 4)
    (2, 2)
    """
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
