"""How fragile an outcome is: the single changes that flip it.

For the thesis and every position of an issue (or the nodes asked for), each single change a reader could
make is tried and kept when it changes the node's outcome: one open condition granted or rejected, one
premise the map takes as given rejected, one weight moved one step (low, medium, high). Only what can reach
the node is tried: the nodes it depends on (what bears on it, its rivals in an issue, its necessary
conditions, the issues a criteria argument reads from), and the weights of the arguments among them. Each
try works out again only the parts of the debate whose labels the change moves, part by part, until they stop
moving (:func:`build_tools.status.evaluate` with ``known`` and ``changed``), keeping every other label from the
evaluation as the map stands: the pass costs, per change, about the part of the debate the change moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .graph import Graph
from .model import Debate, NodeKind
from .status import (
    COMPUTED_WEIGHTS,
    Status,
    evaluate,
    granted_by_default,
    perspective_disputes,
    perspective_grants,
    wiring,
)
from .vocabulary import WEIGHT_WORDS, Rule

__all__ = ["Flip", "sensitivity", "STEPS"]

STEPS = tuple(sorted(WEIGHT_WORDS.values()))  # low, medium, high: a weight moves one step along these


@dataclass(frozen=True)
class Flip:
    """One single change that turns ``target``'s outcome from ``before`` to ``after``.

    ``change`` is grant or reject (of ``node``), or weight (of the argument from ``node`` to ``to``, from
    ``weight_from`` to ``weight_to``)."""

    target: str
    change: str
    node: str
    before: str
    after: str
    to: str | None = None
    weight_from: float | None = None
    weight_to: float | None = None

    def words(self, name=lambda node_id: node_id) -> str:
        """The change in a reader's words: "if X is granted", "if the argument from X to Y weighs high"."""
        if self.change == "weight":
            word = next((w for w, v in WEIGHT_WORDS.items() if v == self.weight_to), f"{self.weight_to:g}")
            return f"if the argument from {name(self.node)} to {name(self.to)} weighs {word}"
        return f"if {name(self.node)} is {self.change}ed"


def sensitivity(debate: Debate, graph: Graph, perspective: str | None = None,
                targets: Iterable[str] | None = None, *, grant: Sequence[str] = (), reject: Sequence[str] = (),
                weights: dict | None = None, budget: int | None = None) -> dict[str, list[Flip]] | None:
    """For each target (default: the thesis and every position of an issue), the single changes that flip its
    outcome, as the map stands (or from ``perspective``'s premises, or under a what-if: ``grant``, ``reject``,
    ``weights``, to which each change is added). With a ``budget`` (of nodes worked out again, over every change
    tried), None once it is spent: a debate knotted by cycles works out its knot again for each change, and the
    pass would grow with the square of its size."""
    wanted = list(dict.fromkeys(targets if targets is not None else _default_targets(debate)))
    wanted = [t for t in wanted if t in debate.nodes]
    weights = dict(weights or {})
    wired = wiring(debate, graph)
    granted = perspective_grants(debate, graph, perspective) if perspective else granted_by_default(debate, graph)
    disputed = perspective_disputes(debate, perspective)
    base = evaluate(debate, graph, granted=granted, grant=grant, reject=reject, perspective=perspective,
                    weights=weights, disputed=disputed, wired=wired)
    known = {node_id: status.label for node_id, status in base.items()}
    cone = _cone(debate, wired, wanted)
    inside = set(cone)

    spent = [0]

    def evaluate_change(changed: Iterable[str], more_grant=(), more_reject=(), more_weights=None) -> dict[str, Status]:
        """The statuses of the targets a change reaches (worked out again only as far as labels change)."""
        if budget is not None and spent[0] > budget:
            raise _Spent
        return evaluate(debate, graph, granted=granted, grant=(*grant, *more_grant), reject=(*reject, *more_reject),
                        perspective=perspective, weights={**weights, **(more_weights or {})}, disputed=disputed,
                        only=wanted, wired=wired, known=known, changed=changed, within=inside, tally=spent)

    def opposed(node_id: str) -> list[str]:  # what moves with it in a what-if (contraries, contradictories)
        return [node_id, *(debate.attacks[i].target for i in wired.opposites.get(node_id, ()))]

    found: dict[str, list[Flip]] = {t: [] for t in wanted}

    def tried(change: str, node: str, result: dict[str, Status], **weight) -> None:
        for target, status in result.items():
            if status.outcome != base[target].outcome:
                found[target].append(Flip(target, change, node, base[target].outcome, status.outcome, **weight))

    try:
        for node_id in cone:
            node = debate.nodes[node_id]
            if node.open and base[node_id].rule == Rule.OPEN:
                tried("grant", node_id, evaluate_change(opposed(node_id), more_grant=(node_id,)))
                tried("reject", node_id, evaluate_change(opposed(node_id), more_reject=(node_id,)))
            elif (node_id in granted or node_id in grant) and base[node_id].label.value == "in" \
                    and node.kind is not NodeKind.ARGUMENT and node_id not in grant:
                tried("reject", node_id, evaluate_change(opposed(node_id), more_reject=(node_id,)))
        for source, target, weight in _weighed(debate, cone, perspective):
            weight = weights.get((source, target), weight)
            for step in _steps(weight):
                result = evaluate_change((target,), more_weights={(source, target): step})
                tried("weight", source, result, to=target, weight_from=weight, weight_to=step)
    except _Spent:
        return None
    return found


class _Spent(Exception):
    """The pass's budget is spent."""


def _default_targets(debate: Debate) -> list[str]:
    return [debate.thesis, *(p for issue in debate.issues for p in issue.positions)]


def _cone(debate: Debate, wired, targets: Sequence[str]) -> list[str]:
    """Every node the targets' outcomes can depend on (what their labels read, and so on), in the debate's order."""
    reached, todo = set(targets), list(targets)
    while todo:
        key = todo.pop()
        rivals = wired.issue_of[key].positions if key in wired.issue_of else ()
        for other in (*wired.reads.get(key, ()), *rivals):
            if other not in reached:
                reached.add(other)
                todo.append(other)
    return [n for n in debate.nodes if n in reached]


def _weighed(debate: Debate, cone: list[str], perspective: str | None) -> list[tuple[str, str, float]]:
    """The arguments into the cone a weight moves: (source, target, weight now), once each."""
    inside = set(cone)
    found = {}
    for step in debate.supports:
        w = step.weighing
        if step.conclusion in inside and w is not None and w.function not in COMPUTED_WEIGHTS:
            found.setdefault((step.premises[0], step.conclusion), w.weight_for(perspective))
    for attack in debate.attacks:
        w = attack.weighing
        if attack.target in inside and w is not None and w.function not in COMPUTED_WEIGHTS and not attack.mirrored:
            found.setdefault((attack.attacker, attack.target), w.weight_for(perspective))
    return [(s, t, w) for (s, t), w in found.items()]


def _steps(weight: float) -> list[float]:
    """One step down and one up from ``weight`` along low, medium and high.

    >>> _steps(0.5), _steps(0.2), _steps(0.8), _steps(1.0), _steps(0.6)
    ([0.2, 0.8], [0.5], [0.5], [0.8], [0.5, 0.8])
    """
    below = [s for s in STEPS if s < weight]
    above = [s for s in STEPS if s > weight]
    return ([below[-1]] if below else []) + ([above[0]] if above else [])
