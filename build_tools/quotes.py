"""Find quotes in the source text, comparing with white space folded.

>>> text = "Supporters\\n\\ncounter that endless commitments erode support."
>>> [text[s:e] for s, e in find("Supporters counter that", text)]
['Supporters\\n\\ncounter that']

All the work here stays near linear in the size of the source: folding keeps one record
per run of white space, at most :data:`MAX_OCCURRENCES` places are collected for a quote,
the "closest passage" of a quote that is not found is looked for near the places that
share its words, and line numbers come from an index of line starts.
"""

from __future__ import annotations

import difflib
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .model import Debate

__all__ = ["Folded", "fold", "find", "locate", "closest_passage", "line_column", "LineIndex", "Span", "Passage",
           "QuoteIndex", "index_quotes", "MAX_OCCURRENCES", "paragraph_number", "paragraph_starts"]

Span = tuple[int, int]  # start and end offsets in the source text
MAX_OCCURRENCES = 1000  # more places than this for one quote are not collected (it is ambiguous anyway)
# A quote not found is compared with the whole text when that is cheap (text x quote characters),
# otherwise only with the regions that share three-word sequences with it.
_FULL_COMPARISON = 4_000_000
_SHINGLE = 3
_COMMON_SHINGLE = 50  # sequences of words found more often than this do not point anywhere

_SPACE = re.compile(r"\s+")
# The runs of white space folding changes: all but a single plain space, which stays as it is (most of a
# text's spaces, so the fold records only the few places where offsets shift).
_FOLDED_SPACE = re.compile(r" ?[^\S ]\s*| {2,}\s*")


@dataclass(frozen=True)
class Folded:
    """Text with every run of white space folded to one space, and where each character came from.

    ``runs`` holds, for each folded run of white space, its place in the folded text and its
    start and end in the original; every other character moved by a fixed amount since the
    last run.

    >>> f = fold("a  b\\n\\nc")
    >>> f.text, [f.start(i) for i in range(5)], [f.end(i) for i in range(5)]
    ('a b c', [0, 1, 3, 4, 6], [1, 3, 4, 6, 7])
    """

    text: str
    at: array  # the folded offset of each run
    run_starts: array  # where each run starts in the original
    run_ends: array  # where it ends

    def start(self, i: int) -> int:
        """Where the folded character ``i`` starts in the original text."""
        k = bisect_right(self.at, i) - 1
        if k >= 0 and self.at[k] == i:
            return self.run_starts[k]
        return (self.run_ends[k] + i - self.at[k] - 1) if k >= 0 else i

    def end(self, i: int) -> int:
        """Where the folded character ``i`` ends in the original text."""
        k = bisect_right(self.at, i) - 1
        if k >= 0 and self.at[k] == i:
            return self.run_ends[k]
        return self.start(i) + 1


def fold(text: str) -> Folded:
    out, at, starts, ends = [], array("q"), array("q"), array("q")
    pos = folded = 0
    for match in _FOLDED_SPACE.finditer(text):
        out.append(text[pos:match.start()])
        folded += match.start() - pos
        at.append(folded)
        starts.append(match.start())
        ends.append(match.end())
        out.append(" ")
        folded += 1
        pos = match.end()
    out.append(text[pos:])
    return Folded("".join(out), at, starts, ends)


def word_places(folded: Folded) -> dict[str, list[int]]:
    """Where each word (a run between single spaces) of the folded text starts, for :func:`find`."""
    places: dict[str, list[int]] = defaultdict(list)
    at = 0
    for word in folded.text.split(" "):
        places[word].append(at)
        at += len(word) + 1
    return places


def find(quote: str, text: str, folded: Folded | None = None, words: Mapping[str, list[int]] | None = None
         ) -> list[Span]:
    """Every place (start, end offsets in ``text``) where ``quote`` occurs, white space folded
    (at most :data:`MAX_OCCURRENCES` of them).

    With ``words`` (:func:`word_places` of the folded text), a quote of three words or more is looked for only
    where its rarest inner word stands (an inner word is a whole word of the text wherever the quote occurs):
    finding thousands of quotes in a long text no longer reads the text once per quote.
    """
    folded = folded or fold(text)
    needle = _SPACE.sub(" ", quote).strip()
    if not needle:
        return []
    inner = needle.split(" ")[1:-1]
    if words is not None and inner:
        offsets, at = [], needle.index(" ") + 1
        for word in inner:
            offsets.append(at)
            at += len(word) + 1
        rarest = min(range(len(inner)), key=lambda i: len(words.get(inner[i], ())))
        spans = []
        for place in words.get(inner[rarest], ()):
            at = place - offsets[rarest]
            if at >= 0 and folded.text.startswith(needle, at):
                spans.append((folded.start(at), folded.end(at + len(needle) - 1)))
                if len(spans) == MAX_OCCURRENCES:
                    break
        return spans
    spans, at = [], folded.text.find(needle)
    while at != -1 and len(spans) < MAX_OCCURRENCES:
        spans.append((folded.start(at), folded.end(at + len(needle) - 1)))
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


def paragraph_starts(text: str) -> list[int]:
    r"""Where each paragraph of ``text`` starts (paragraphs: the stretches between blank lines with any text),
    for :func:`paragraph_number`.

    >>> paragraph_starts("\n\nOne.\n\nTwo. Three.\n")
    [2, 8]
    """
    starts, at = [], 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            starts.append(at)
        at += len(chunk) + 2
    return starts


def paragraph_number(starts: list[int], offset: int) -> int:
    r"""The paragraph (counted from 1) that the character at ``offset`` is in, from :func:`paragraph_starts`.

    >>> paragraph_number(paragraph_starts("\n\nOne.\n\nTwo. Three.\n"), 9)
    2
    """
    return max(bisect_right(starts, offset), 1)


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

    @cached_property
    def paragraphs(self) -> list[int]:
        """Where each paragraph of the source starts (see :func:`paragraph_number`)."""
        return paragraph_starts(self.text or "")

    @cached_property
    def lines(self) -> LineIndex:
        """Line and column of any offset of the source."""
        return LineIndex(self.text or "")

    @cached_property
    def shingles(self) -> dict[str, list[int]]:
        """Where each three-word sequence of the folded source starts (for closest passages)."""
        return word_shingles(self.folded.text if self.folded else "")

    def closest(self, quote: str) -> Span | None:
        """The passage of the source closest to a quote that is not in it."""
        return closest_passage(quote, self.text or "", self.folded, self.shingles) if self.text else None

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
    words = word_places(folded)
    found = {node.id: tuple(tuple(find(q, text, folded, words)) for q in node.quotes)
             for node in debate.nodes.values() if node.quotes}
    unmapped = tuple(tuple(find(item.quote, text, folded, words)) for item in debate.unmapped)
    occurrences = {node.id: node.occurrence for node in debate.nodes.values()}
    return QuoteIndex(text, folded, MappingProxyType(found), unmapped, MappingProxyType(occurrences))


def closest_passage(quote: str, text: str, folded: Folded | None = None,
                    shingles: Mapping[str, list[int]] | None = None) -> Span | None:
    """The span of ``text`` that best matches ``quote``, for a "did you mean" hint.

    ``shingles`` (see :func:`word_shingles`) points to the regions worth comparing when
    comparing with the whole text would be slow.
    """
    folded = folded or fold(text)
    needle = _SPACE.sub(" ", quote).strip()
    hay = folded.text
    if not needle or not hay:
        return None
    lo, hi = 0, len(hay)
    if len(hay) * len(needle) > _FULL_COMPARISON:
        region = _likely_region(needle, hay, shingles if shingles is not None else word_shingles(hay))
        if region is None:
            return None
        lo, hi = region
    matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
    match = matcher.find_longest_match(lo, hi, 0, len(needle))
    if match.size < 4:
        return None
    start = max(0, match.a - match.b)
    end = min(len(hay), start + len(needle))
    while 0 < start < match.a and hay[start - 1] != " ":
        start += 1  # do not begin in the middle of a word
    while match.a + match.size < end < len(hay) and hay[end] != " ":
        end -= 1  # nor end in one
    return folded.start(start), folded.end(end - 1)


def word_shingles(folded_text: str) -> dict[str, list[int]]:
    """Where each sequence of three words starts in a folded text (common ones dropped)."""
    found: dict[str, list[int]] = defaultdict(list)
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", folded_text)]
    for i in range(len(words) - _SHINGLE + 1):
        key = " ".join(w for _, w in words[i:i + _SHINGLE])
        places = found[key]
        if len(places) <= _COMMON_SHINGLE:
            places.append(words[i][0])
    return {k: v for k, v in found.items() if len(v) <= _COMMON_SHINGLE}


def _likely_region(needle: str, hay: str, shingles: Mapping[str, list[int]]) -> tuple[int, int] | None:
    """Where in ``hay`` most of the needle's word sequences point to, widened by the needle's length."""
    votes: dict[int, int] = defaultdict(int)
    width = max(64, len(needle))
    words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", needle)]
    for i in range(len(words) - _SHINGLE + 1):
        key = " ".join(w for _, w in words[i:i + _SHINGLE])
        for place in shingles.get(key, ()):
            votes[(place - words[i][0]) // width] += 1
    if not votes:
        return None
    best = max(sorted(votes), key=lambda bucket: votes[bucket])
    return max(0, (best - 1) * width), min(len(hay), (best + 3) * width)


class LineIndex:
    """Line and column of any offset of a text, by binary search over its line starts.

    >>> LineIndex("ab\\ncd").position(4)
    (2, 2)
    """

    def __init__(self, text: str) -> None:
        self.starts = array("q", [0])
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of ``offset``."""
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``.

    >>> line_column("ab\\ncd", 4)
    (2, 2)
    """
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
