"""Graph questions asked of a debate by several stages: who bears on whom, how far from the thesis."""

from __future__ import annotations

from collections import defaultdict, deque

from .model import Debate

__all__ = ["bearers", "depths"]


def bearers(debate: Debate) -> dict[str, set[str]]:
    """For each node, the nodes that bear on it directly (support, attack or undercut a step into it)."""
    toward: dict[str, set[str]] = defaultdict(set)
    for step in debate.supports:
        toward[step.conclusion].update(step.premises)
    for attack in debate.attacks:
        toward[attack.target].add(attack.attacker)
    for cut in debate.undercuts:
        toward[cut.conclusion].add(cut.undercutter)
    return toward


def depths(debate: Debate) -> dict[str, int]:
    """Each node's distance from the thesis: the fewest relations from it to the thesis.

    Nodes with no chain of relations to the thesis are absent.
    """
    if debate.thesis not in debate.nodes:
        return {}
    toward = bearers(debate)
    found = {debate.thesis: 0}
    queue = deque([debate.thesis])
    while queue:
        node = queue.popleft()
        for source in sorted(toward.get(node, ())):
            if source not in found:
                found[source] = found[node] + 1
                queue.append(source)
    return found
