"""Coverage: which sentences of the source the map quotes, leaves out on purpose, or misses.

A sentence is *quoted* when a node's quote overlaps it, *left out on purpose* when the
debate lists it under ``unmapped`` with a reason, and *unexplained* otherwise.

>>> [s.text for s in sentences('He said "no." Then the U.S. left.\\n\\nThe end')]
['He said "no."', 'Then the U.S. left.', 'The end']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis import Analysis

__all__ = ["Sentence", "SentenceCoverage", "Coverage", "sentences", "coverage", "ABBREVIATIONS"]

# Words that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset({
    "U.S", "U.K", "U.N", "E.U", "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov",
    "Jr", "Sr", "vs", "e.g", "i.e", "etc", "No", "Inc", "Ltd", "Co", "Lt", "Col", "Adm",
})
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9]|\s*$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


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
        word = _WORD_BEFORE.search(text, 0, match.start())
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


def coverage(analysis: Analysis) -> Coverage:
    """Which sentences of the debate's source text its nodes quote, skip on purpose, or miss."""
    debate, index = analysis.debate, analysis.quotes
    text = debate.source_text or ""
    spans: list[tuple[int, int, str]] = []
    for node_id in index.found:
        for span in index.grounded(node_id):
            if span:
                spans.append((*span, node_id))
    skipped = []
    for i, item in enumerate(debate.unmapped):
        span = index.unmapped_span(i)
        if span:
            skipped.append((*span, item.reason))
    result = [_classify(s, spans, skipped) for s in sentences(text)]
    covered = set()
    for start, end, _ in spans:
        covered.update(i for i in range(start, end) if not text[i].isspace())
    total = sum(1 for c in text if not c.isspace())
    return Coverage(tuple(result), len(covered), total)


def _classify(sentence: Sentence, spans, skipped) -> SentenceCoverage:
    nodes = sorted({node for start, end, node in spans if start < sentence.end and end > sentence.start})
    if nodes:
        return SentenceCoverage(sentence, "quoted", tuple(nodes))
    reasons = [reason for start, end, reason in skipped if start < sentence.end and end > sentence.start]
    if reasons:
        return SentenceCoverage(sentence, "unmapped", reason=reasons[0])
    return SentenceCoverage(sentence, "unexplained")
