"""The relations of a debate indexed by node, computed once and shared by views, pages and rules."""

from __future__ import annotations

import heapq
from collections import defaultdict, deque
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .model import Attack, Debate, Support, Undercut

__all__ = ["Graph", "index", "strongly_connected"]


@dataclass(frozen=True)
class Graph:
    """Who bears on whom. Every mapping gives an empty tuple for a node it does not know."""

    steps_into: Mapping[str, tuple[Support, ...]]
    steps_from: Mapping[str, tuple[Support, ...]]  # the steps a node is a premise of
    attacks_into: Mapping[str, tuple[Attack, ...]]
    attacks_from: Mapping[str, tuple[Attack, ...]]
    cuts_into: Mapping[str, tuple[Undercut, ...]]  # by the conclusion of the step undercut
    cuts_from: Mapping[str, tuple[Undercut, ...]]
    cuts_of_step: Mapping[tuple, tuple[Undercut, ...]]  # by Support.key
    toward: Mapping[str, frozenset[str]]  # the nodes that bear on a node directly
    needed_by: Mapping[str, tuple[str, ...]]  # the nodes whose necessary conditions (``requires``) name a node
    depth: Mapping[str, int]  # the fewest relations from a node to the thesis or an issue's position (see _depths)
    order: Mapping[str, int]  # each node's place in the debate (for stable output)
    step_number: Mapping[tuple, int]  # each step's place, by Support.key

    def targets(self, node_id: str) -> set[str]:
        """The nodes ``node_id`` bears on: what it supports, attacks, or undercuts a step into."""
        found = {s.conclusion for s in self.steps_from.get(node_id, ())}
        found.update(a.target for a in self.attacks_from.get(node_id, ()))
        found.update(c.conclusion for c in self.cuts_from.get(node_id, ()))
        return found


def index(debate: Debate) -> Graph:
    """Index the relations of ``debate`` (linear in the size of the debate)."""
    steps_into, steps_from = defaultdict(list), defaultdict(list)
    attacks_into, attacks_from = defaultdict(list), defaultdict(list)
    cuts_into, cuts_from, cuts_of_step = defaultdict(list), defaultdict(list), defaultdict(list)
    for step in debate.supports:
        steps_into[step.conclusion].append(step)
        for premise in step.premises:
            steps_from[premise].append(step)
    for attack in debate.attacks:
        attacks_into[attack.target].append(attack)
        attacks_from[attack.attacker].append(attack)
    for cut in debate.undercuts:
        cuts_into[cut.conclusion].append(cut)
        cuts_from[cut.undercutter].append(cut)
        cuts_of_step[(frozenset(cut.premises), cut.conclusion)].append(cut)
    toward = _bearers(debate)
    needed_by = defaultdict(list)
    for node in debate.nodes.values():
        for required in node.requires:
            needed_by[required].append(node.id)
    return Graph(
        steps_into=_frozen(steps_into), steps_from=_frozen(steps_from),
        attacks_into=_frozen(attacks_into), attacks_from=_frozen(attacks_from),
        cuts_into=_frozen(cuts_into), cuts_from=_frozen(cuts_from), cuts_of_step=_frozen(cuts_of_step),
        toward=MappingProxyType({k: frozenset(v) for k, v in toward.items()}),
        needed_by=_frozen(needed_by),
        depth=MappingProxyType(_depths(debate, toward)),
        order=MappingProxyType({node_id: i for i, node_id in enumerate(debate.nodes)}),
        step_number=MappingProxyType({step.key: i for i, step in enumerate(debate.supports)}),
    )


def _bearers(debate: Debate) -> dict[str, set[str]]:
    """For each node, the nodes that bear on it directly (support, attack or undercut a step into it)."""
    toward: dict[str, set[str]] = defaultdict(set)
    for step in debate.supports:
        toward[step.conclusion].update(step.premises)
    for attack in debate.attacks:
        toward[attack.target].add(attack.attacker)
    for cut in debate.undercuts:
        toward[cut.conclusion].add(cut.undercutter)
    return toward


def _depths(debate: Debate, toward: Mapping[str, set[str]]) -> dict[str, int]:
    """How far each node lies from the debate's questions: the thesis is at 0, and so is each position of an issue
    that nothing leads from to the thesis (another question the text weighs, such as whether a policy succeeds);
    a position whose rival is reached sits beside it. First what bears on them, through chains of relations; then
    what they bear on in turn (a consequence, an elaboration), and what bears on that, one relation further each."""
    if debate.thesis not in debate.nodes:
        return {}
    found: dict[str, int] = {}
    rivals = {p: i for i, issue in enumerate(debate.issues) for p in issue.positions}  # each position's issue
    nearest: dict[int, int] = {}  # per issue: the least level found among its positions so far

    def place(node: str, level: int) -> None:
        found[node] = level
        if node in rivals:
            group = rivals[node]
            nearest[group] = min(nearest.get(group, level), level)

    def reach(root: str, level: int) -> None:
        place(root, level)
        queue = deque([root])
        while queue:
            node = queue.popleft()
            for source in sorted(toward.get(node, ())):
                if source not in found and source in debate.nodes:
                    place(source, found[node] + 1)
                    queue.append(source)

    reach(debate.thesis, 0)
    for issue in debate.issues:
        for position in issue.positions:
            if position not in found and position in debate.nodes:
                reach(position, nearest.get(rivals[position], 0))  # beside the nearest rival already placed
    ahead = defaultdict(set)  # what each node bears on
    for target, sources in toward.items():
        for source in sources:
            ahead[source].add(target)
    order = {node_id: i for i, node_id in enumerate(debate.nodes)}
    heap = [(level, order[node_id], node_id) for node_id, level in found.items()]
    heapq.heapify(heap)
    while heap:
        level, _, node = heapq.heappop(heap)
        if level > found[node]:
            continue
        for other in sorted(ahead.get(node, set()) | toward.get(node, set())):
            if other not in found and other in debate.nodes:
                found[other] = level + 1
                heapq.heappush(heap, (level + 1, order[other], other))
    return found


def strongly_connected(order: Mapping[str, int], after: Mapping[str, tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """The strongly connected parts of the graph ``after`` (node -> the nodes that come after it) over the nodes of
    ``order``, each part before every part it leads to, its nodes in that order (Tarjan's algorithm, without
    recursion; linear)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []
    for root in order:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            nexts = after.get(node, ())
            if i < len(nexts):
                work.append((node, i + 1))
                other = nexts[i]
                if other not in index:
                    work.append((other, 0))
                elif other in on_stack:
                    low[node] = min(low[node], index[other])
                continue
            if work:  # done with node: pass its low link to the node that reached it
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.append(member)
                    if member == node:
                        break
                found.append(tuple(sorted(part, key=order.__getitem__)))
    found.reverse()  # Tarjan's order ends with the parts nothing leads out of: turn it round
    return tuple(found)


def _frozen(items: dict) -> Mapping:
    return MappingProxyType({key: tuple(value) for key, value in items.items()})
