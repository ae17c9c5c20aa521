"""One analysis per debate: the model with everything derived from it, computed once.

The check stage builds an :class:`Analysis` for each debate it assembles (it needs the
relation index and the quotes' places for its own rules) and hands it on; maps, pages,
exports and the CLI read from it instead of deriving the same facts again. Statuses are
worked out on first use, once, for the map as it stands and for every perspective.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .graph import Graph, index
from .model import Debate, Node
from .quotes import Passage, QuoteIndex, index_quotes
from .status import Status, evaluate_from
from .vocabulary import RELATIONS

__all__ = ["Analysis", "analyse", "SENSITIVITY_LIMIT", "SENSITIVITY_WORK"]

SENSITIVITY_LIMIT = 2000  # nodes: the pages say how fragile the headline outcomes are up to this size...
SENSITIVITY_WORK = 100_000  # ...and while the pass works out no more nodes than this over all its changes (about
# 1.3 s here; a debate knotted by cycles works out its knot again for each change: 330,000 at 2,000 such nodes)

# Fields a reader reads, or that say where something is written: no evaluation reads them.
_SHOWN_NODE = frozenset({"label", "statement", "note", "rationale", "caution", "quotes", "occurrence", "tags",
                         "citation", "origin"})
_SHOWN_DEBATE = frozenset({"nodes", "title", "summary", "source", "source_text", "origin", "unmapped"})


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
    def outcome_key(self) -> bytes:
        """A digest of everything the statuses can depend on: the debate with what readers read and where it is
        written left out (labels, statements, notes, quotes, citations, tags, titles, the source text, origins);
        every other field counts, a field added later included. Two analyses with the same key have the same
        statuses (the evaluation reads ids, kinds, perspectives, assumed and open, relations, issues, weights)."""
        node_fields = [f.name for f in dataclasses.fields(Node) if f.compare and f.name not in _SHOWN_NODE]
        debate_fields = [f.name for f in dataclasses.fields(Debate) if f.compare and f.name not in _SHOWN_DEBATE]
        nodes = tuple(tuple(getattr(n, name) for name in node_fields) for n in self.debate.nodes.values())
        rest = tuple(getattr(self.debate, name) for name in debate_fields)
        return hashlib.blake2b(repr((nodes, rest)).encode("utf-8", "surrogatepass"), digest_size=20).digest()

    def adopt_statuses(self, key: bytes, statuses: Mapping[str | None, Mapping[str, Status]]) -> bool:
        """Take ``statuses`` worked out for an analysis whose :attr:`outcome_key` was ``key``, if it is this one's
        (a relabel changes none): make serve's rebuilds and the commands' check cache do not evaluate again.
        Returns whether they were taken."""
        if "statuses" in vars(self) or key != self.outcome_key:
            return False
        self.__dict__["statuses"] = statuses  # the cached property's own place (the dataclass is frozen)
        return True

    @cached_property
    def open_conditions(self) -> tuple[str, ...]:
        """The claims the map leaves open (``open: true``), in the debate's order."""
        return tuple(n.id for n in self.debate.nodes.values() if n.open)

    @cached_property
    def grantable_conditions(self) -> tuple[str, ...]:
        """The open conditions a reader can grant at once: each in the debate's order, but one opposed to a condition
        granted before it (contrary or contradictory: they cannot both be true), which granting that one rejects."""
        chosen: list[str] = []
        opposed: set[str] = set()
        for node_id in self.open_conditions:
            if node_id not in opposed:
                chosen.append(node_id)
                opposed.update(a.target for a in self.graph.attacks_from.get(node_id, ())
                               if RELATIONS[a.kind].symmetric)
        return tuple(chosen)

    @cached_property
    def settlements(self) -> Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]:
        """The two ways a reader can settle every open condition at once, each as (granted, rejected): "granted",
        every condition holds (of two that cannot both hold, the first, see :attr:`grantable_conditions`);
        "rejected", every one fails (each of those rejected, and a condition opposed to one of them, the other
        way the text says things may go, granted instead: a hasty exit where a managed transition fails)."""
        chosen = self.grantable_conditions
        others = tuple(n for n in self.open_conditions if n not in chosen)
        return MappingProxyType({"granted": (chosen, ()), "rejected": (others, chosen)})

    def settled(self, way: str, perspective: str | None = None) -> Mapping[str, Status]:
        """Every node's status with the open conditions settled ``way`` (see :attr:`settlements`)."""
        grant, reject = self.settlements[way]
        return evaluate_from(self.debate, self.graph, perspective, grant=grant, reject=reject)

    @cached_property
    def if_conditions(self) -> Mapping[str, Mapping[str, Status]]:
        """Every node's status as the map stands with the open conditions settled either way (:attr:`settlements`):
        the leaning the weights give either way."""
        return MappingProxyType({way: MappingProxyType(self.settled(way)) for way in self.settlements})

    @cached_property
    def sensitivity(self) -> Mapping[str, tuple] | None:
        """For the thesis and every position, the single changes that flip its outcome as the map stands
        (:mod:`build_tools.sensitivity`); None for a debate over SENSITIVITY_LIMIT nodes, or whose pass would work
        out more than SENSITIVITY_WORK nodes (a debate knotted by cycles works out again the knot each change
        reaches: the pass would cost a build seconds). ``argmap status --sensitivity`` has no such limit."""
        if len(self.debate.nodes) > SENSITIVITY_LIMIT:
            return None
        from .sensitivity import sensitivity  # only the pages of a debate this size ask for it
        found = sensitivity(self.debate, self.graph, budget=SENSITIVITY_WORK)
        return None if found is None else MappingProxyType({t: tuple(f) for t, f in found.items()})

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
