"""The readers' lenses on a map, worked out at build time (the browser only shows them: ``argmap-whatif.js``).

- *As a side sees it*: each perspective's outcomes (already in ``graph.json``'s rules); here, the voices' names.
- *What the article leaves unsaid*: the implicit premises (our reconstruction, with the reason the map needs each)
  and the claims whose quotes hedge (:data:`~build_tools.vocabulary.HEDGES`), each hedge word's place in its quote.
- *What to check*: the evidence the map flags with a caution, and the claims resting on it directly.
"""

from __future__ import annotations

import re

from ..analysis import Analysis
from ..model import NodeKind
from ..vocabulary import HEDGES

__all__ = ["hedges", "lens_data"]

_HEDGE = re.compile(r"\b(?:" + "|".join(sorted(HEDGES, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def hedges(quote: str) -> list[list[int]]:
    """Where the hedge words of ``quote`` are: [start, end] of each.

    >>> hedges("abrupt curtailment could foster perceptions; May it? mayor")
    [[19, 24], [45, 48]]
    """
    return [[m.start(), m.end()] for m in _HEDGE.finditer(quote)]


def lens_data(analysis: Analysis) -> dict:
    """The lenses' part of ``graph.json``."""
    debate, graph = analysis.debate, analysis.graph
    unsaid: dict = {}
    for node in debate.nodes.values():
        hedged = [[quote, places] for quote in node.quotes if (places := hedges(quote))]
        if node.implicit or hedged:
            unsaid[node.id] = {"implicit": node.implicit, "why": node.rationale if node.implicit else None,
                               "hedged": hedged}
    check = {
        node.id: {"caution": node.caution,
                  "resting": sorted({s.conclusion for s in graph.steps_from.get(node.id, ())})}
        for node in debate.nodes.values() if node.kind is NodeKind.EVIDENCE and node.caution
    }
    return {"voices": [[p.id, p.name] for p in debate.perspectives], "unsaid": unsaid, "check": check}
