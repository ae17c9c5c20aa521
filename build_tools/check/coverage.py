"""Coverage: which sentences of the source the map quotes, leaves out on purpose, or misses.

A sentence is *quoted* when a node's quote overlaps it, *left out on purpose* when the
debate lists it under ``unmapped`` with a reason, and *unexplained* otherwise. Within a
sentence that is quoted in part, a *clause* (the text between two of , ; : — – ( ) of at
least CLAUSE_WORDS words) that no quote and no ``unmapped`` passage touches is a *gap*: a
part of the sentence the map drops without saying so, as a reader of the source page sees it
unmarked.

>>> [s.text for s in sentences('He said "no." Then the U.S. left.\\n\\nThe end')]
['He said "no."', 'Then the U.S. left.', 'The end']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis import Analysis

__all__ = ["Sentence", "SentenceCoverage", "Coverage", "sentences", "clauses", "coverage", "ABBREVIATIONS",
           "CLAUSE_WORDS"]

CLAUSE_WORDS = 5  # a shorter unquoted clause (a name in a list, "perhaps Germany") is not reported
_CLAUSE_MARK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset({
    "U.S", "U.K", "U.N", "E.U", "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov",
    "Jr", "Sr", "vs", "e.g", "i.e", "etc", "No", "Inc", "Ltd", "Co", "Lt", "Col", "Adm",
})
# A match starts only where a run of marks starts: inside a run of dots it would try every length of the
# rest of the run again (quadratic in the run's length), and can only fail where the run's start failed.
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LONGEST_WORD = 64  # the word before a full stop is looked for this far back (abbreviations are short)
_WHITE = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SentenceCoverage:
    sentence: Sentence
    status: str  # quoted | unmapped | unexplained
    nodes: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Coverage:
    sentences: tuple[SentenceCoverage, ...]
    quoted_chars: int
    total_chars: int
    gaps: tuple[Sentence, ...] = ()  # the clauses of quoted sentences that nothing quotes or explains

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.sentences)

    @property
    def sentence_share(self) -> float:
        return self.count("quoted") / len(self.sentences) if self.sentences else 1.0

    @property
    def char_share(self) -> float:
        return self.quoted_chars / self.total_chars if self.total_chars else 1.0


def sentences(text: str) -> list[Sentence]:
    """Split a text into sentences at . ! ? followed by a capital (abbreviations excepted).

    A paragraph break alone does not end a sentence: an article may break one across a
    blank line.
    """
    found, start = [], 0
    for match in _END.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - _LONGEST_WORD), match.start())
        before = word.group(1) if word else ""
        if match.group(0).startswith(".") and (before in ABBREVIATIONS or re.fullmatch(r"[A-Z]", before)):
            continue
        found.extend(_sentence(text, start, match.end()))
        start = match.end()
    found.extend(_sentence(text, start, len(text)))
    return found


def _sentence(text: str, start: int, end: int) -> list[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Sentence(start, end, text[start:end])] if end > start else []


def clauses(sentence: Sentence, text: str) -> list[Sentence]:
    """The clauses of a sentence: its text between marks of punctuation inside it.

    >>> text = "One, two three; four (five) six: seven."
    >>> [c.text for c in clauses(Sentence(0, len(text), text), text)]
    ['One', 'two three', 'four', 'five', 'six', 'seven.']
    """
    found, start = [], sentence.start
    for mark in _CLAUSE_MARK.finditer(text, sentence.start, sentence.end):
        found.extend(_sentence(text, start, mark.start()))
        start = mark.end()
    found.extend(_sentence(text, start, sentence.end))
    return found


def coverage(analysis: Analysis) -> Coverage:
    """Which sentences of the debate's source text its nodes quote, skip on purpose, or miss.

    Linear in the size of the text and the number of quotes: sentences and quoted spans are
    swept once, in the text's order.
    """
    debate, index = analysis.debate, analysis.quotes
    text = debate.source_text or ""
    spans = sorted((*span, node_id) for node_id in index.found for span in index.grounded(node_id) if span)
    skipped = sorted((*span, item.reason) for i, item in enumerate(debate.unmapped)
                     if (span := index.unmapped_span(i)))
    found = sentences(text)
    quoted = _overlapping(found, spans)
    left_out = _overlapping(found, skipped)
    result, partly = [], []
    for sentence, nodes, reasons in zip(found, quoted, left_out):
        if nodes:
            result.append(SentenceCoverage(sentence, "quoted", tuple(sorted(set(nodes)))))
            partly.append(sentence)
        elif reasons:
            result.append(SentenceCoverage(sentence, "unmapped", reason=reasons[0]))
        else:
            result.append(SentenceCoverage(sentence, "unexplained"))
    total = len(text) - sum(len(m.group(0)) for m in _WHITE.finditer(text))
    parts = [c for sentence in partly for c in clauses(sentence, text) if len(c.text.split()) >= CLAUSE_WORDS]
    touched = _overlapping(parts, sorted([*spans, *skipped]))
    gaps = tuple(clause for clause, by in zip(parts, touched) if not by)
    return Coverage(tuple(result), _non_space(text, _merged(spans)), total, gaps)


def _overlapping(found: list[Sentence], spans: list[tuple[int, int, str]]) -> list[list[str]]:
    """For each sentence (in order), the labels of the spans (sorted by start) that overlap it."""
    result, active, nxt = [], [], 0
    for sentence in found:
        while nxt < len(spans) and spans[nxt][0] < sentence.end:
            active.append(spans[nxt])
            nxt += 1
        active = [span for span in active if span[1] > sentence.start]
        result.append([label for _, _, label in sorted(active, key=lambda s: (s[0], s[1]))])
    return result


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end, _ in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _non_space(text: str, ranges: list[tuple[int, int]]) -> int:
    return sum((b - a) - sum(len(m.group(0)) for m in _WHITE.finditer(text, a, b)) for a, b in ranges)
