"""One analysis per debate: the model with everything derived from it, computed once.

The check stage builds an :class:`Analysis` for each debate it assembles (it needs the
relation index and the quotes' places for its own rules) and hands it on; maps, pages,
exports and the CLI read from it instead of deriving the same facts again. Statuses are
worked out on first use, once, for the map as it stands and for every perspective.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .graph import Graph, index
from .model import Debate
from .quotes import Passage, QuoteIndex, index_quotes
from .status import Status, evaluate_from

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """A debate, its relation index, where its quotes are, and (on first use) its statuses."""

    debate: Debate
    graph: Graph
    quotes: QuoteIndex

    @cached_property
    def statuses(self) -> Mapping[str | None, Mapping[str, Status]]:
        """Every node's status as the map stands (key None) and from each perspective's premises."""
        keys = (None, *(p.id for p in self.debate.perspectives))
        return MappingProxyType({key: MappingProxyType(evaluate_from(self.debate, self.graph, key)) for key in keys})

    @cached_property
    def open_conditions(self) -> tuple[str, ...]:
        """The claims the map leaves open (``open: true``), in the debate's order."""
        return tuple(n.id for n in self.debate.nodes.values() if n.open)

    @cached_property
    def if_conditions(self) -> Mapping[str, Mapping[str, Status]]:
        """Every node's status as the map stands if a reader grants every open condition ("granted"), and if
        a reader rejects them all ("rejected"): the leaning the weights give either way."""
        conditions = self.open_conditions
        return MappingProxyType({
            "granted": MappingProxyType(evaluate_from(self.debate, self.graph, None, grant=conditions)),
            "rejected": MappingProxyType(evaluate_from(self.debate, self.graph, None, reject=conditions)),
        })

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """Every distinct quoted span of the source, in the text's order."""
        return tuple(self.quotes.passages())

    @cached_property
    def passages_of(self) -> Mapping[str, tuple[Passage, ...]]:
        """The passages each node quotes, by node id."""
        found: dict[str, list[Passage]] = {}
        for passage in self.passages:
            for node_id in passage.nodes:
                found.setdefault(node_id, []).append(passage)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})


def analyse(debate: Debate) -> Analysis:
    """The analysis of a debate built outside the checker (tests, imports)."""
    return Analysis(debate, index(debate), index_quotes(debate))
