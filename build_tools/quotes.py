"""Find quotes in the source text, comparing with white space folded.

>>> text = "Supporters\\n\\ncounter that endless commitments erode support."
>>> [text[s:e] for s, e in find("Supporters counter that", text)]
['Supporters\\n\\ncounter that']
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .model import Debate

__all__ = ["Folded", "fold", "find", "locate", "closest_passage", "line_column", "Span", "Passage", "QuoteIndex",
           "index_quotes"]

Span = tuple[int, int]  # start and end offsets in the source text

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
           folded: Folded | None = None) -> list[Span | None]:
    """The span each quoted passage grounds: its only occurrence, or the one ``occurrence`` names.

    None for a passage that is missing or ambiguous (the checker reports those).

    >>> locate(("a b",), 2, "a b. a  b.")
    [(5, 9)]
    """
    folded = folded or fold(text)
    return _grounded([find(passage, text, folded) for passage in passages], occurrence)


def _grounded(found: list[list[Span]] | tuple, occurrence: int | None) -> list[Span | None]:
    if occurrence is not None and len(found) == 1:
        [spans] = found
        return [spans[occurrence - 1] if occurrence <= len(spans) else None]
    return [spans[0] if len(spans) == 1 else None for spans in found]


@dataclass(frozen=True)
class Passage:
    """A quoted span of the source, in the article's order, with the nodes it grounds."""

    number: int
    start: int
    end: int
    nodes: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"q{self.number}"


@dataclass(frozen=True)
class QuoteIndex:
    """Where every quote of a debate is in its source text, found once for the checker and the pages.

    ``found[node_id][i]`` is every span where the node's ``i``-th quoted passage occurs;
    ``unmapped[i]`` the same for the ``i``-th sentence debate.yaml leaves out on purpose.
    """

    text: str | None
    folded: Folded | None
    found: Mapping[str, tuple[tuple[Span, ...], ...]]
    unmapped: tuple[tuple[Span, ...], ...]
    occurrences: Mapping[str, int | None]

    def grounded(self, node_id: str) -> list[Span | None]:
        """The span each quoted passage of a node grounds (None where missing or ambiguous)."""
        return _grounded(self.found.get(node_id, ()), self.occurrences.get(node_id))

    def unmapped_span(self, i: int) -> Span | None:
        spans = self.unmapped[i]
        return spans[0] if len(spans) == 1 else None

    def passages(self) -> list[Passage]:
        """Every distinct grounded span, in the text's order, with the nodes it grounds."""
        grounds: dict[Span, list[str]] = defaultdict(list)
        for node_id in self.found:
            for span in self.grounded(node_id):
                if span:
                    grounds[span].append(node_id)
        return [Passage(i + 1, start, end, tuple(ids)) for i, ((start, end), ids) in enumerate(sorted(grounds.items()))]


def index_quotes(debate: Debate) -> QuoteIndex:
    """Find every quote of ``debate`` in its source text (nothing is found without one)."""
    text = debate.source_text
    if text is None:
        return QuoteIndex(None, None, MappingProxyType({}), (), MappingProxyType({}))
    folded = fold(text)
    found = {node.id: tuple(tuple(find(q, text, folded)) for q in node.quotes)
             for node in debate.nodes.values() if node.quotes}
    unmapped = tuple(tuple(find(item.quote, text, folded)) for item in debate.unmapped)
    occurrences = {node.id: node.occurrence for node in debate.nodes.values()}
    return QuoteIndex(text, folded, MappingProxyType(found), unmapped, MappingProxyType(occurrences))


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
