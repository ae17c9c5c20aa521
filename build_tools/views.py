"""Views: which nodes and relations each map shows. DOT is written from views only.

A view holds node ids of the debate, fold markers ('N more' nodes that stand for a hidden
part of the graph), and the relations among the nodes it shows:

- an :class:`Edge` for a simple support or an attack;
- a :class:`Step` for a support drawn through a junction point: a linked support (several
  premises that work only together) or a support that some shown node undercuts. An
  undercut is drawn as an attack on the step's junction.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .graph import bearers, depths
from .model import Debate, Support

__all__ = ["Fold", "Edge", "Step", "View", "overview", "whole", "focus", "perspective_view", "MAX_RANK_WIDTH"]

MAX_RANK_WIDTH = 14


@dataclass(frozen=True)
class Fold:
    """'N more': the hidden nodes that bear on ``parent``, shown as one node linking to its page."""

    id: str
    parent: str
    hidden: tuple[str, ...]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # supports | attacks | more


@dataclass(frozen=True)
class Step:
    """A support drawn through a junction: premises -> junction -> conclusion."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    undercutters: tuple[str, ...]


@dataclass(frozen=True)
class View:
    id: str
    title: str
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    steps: tuple[Step, ...] = ()
    folds: tuple[Fold, ...] = ()
    focus: str | None = None
    context: tuple[str, ...] = ()  # shown for orientation, not part of the view's subject


def whole(debate: Debate) -> View:
    """Every node and relation of the debate."""
    return _view(debate, "map", "The whole map", set(debate.nodes))


def overview(debate: Debate, max_rank_width: int = MAX_RANK_WIDTH) -> View:
    """The thesis and the levels below it while each level stays narrow; deeper levels are folded."""
    depth = depths(debate)
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, level in depth.items():
        by_level[level].append(node)
    shown = set()
    for level in sorted(by_level):
        if level > 0 and len(by_level[level]) > max_rank_width:
            break
        shown.update(by_level[level])
    toward = bearers(debate)
    folds = []
    for parent in sorted(shown, key=lambda n: (depth[n], n)):
        hidden = tuple(sorted(n for n in toward.get(parent, ()) if n not in shown))
        if hidden:
            folds.append(Fold(f"more-{parent}", parent, hidden))
    return _view(debate, "overview", "Overview", shown, folds=tuple(folds))


def focus(debate: Debate, node_id: str) -> View:
    """A node's neighbourhood: the path up to the thesis, what it bears on, what bears on it and their evidence."""
    toward = bearers(debate)
    shown = {node_id} | set(toward.get(node_id, ()))
    for bearer in list(shown - {node_id}):
        shown.update(n for n in toward.get(bearer, ()) if debate.nodes[n].kind.value == "evidence")
    shown.update(_targets(debate, node_id))
    shown.update(_path_to_thesis(debate, node_id))
    return _view(debate, f"focus-{node_id}", f"Around: {debate.nodes[node_id].label}", shown, focus=node_id)


def perspective_view(debate: Debate, perspective_id: str) -> View:
    """A perspective's nodes, with the nodes they bear on shown as context."""
    own = {n.id for n in debate.nodes.values() if n.perspective == perspective_id}
    context = set()
    for node in own:
        context.update(_targets(debate, node))
    context -= own
    name = debate.perspective(perspective_id).name
    return _view(debate, f"perspective-{perspective_id}", name, own | context, context=tuple(sorted(context)))


def _targets(debate: Debate, node_id: str) -> set[str]:
    found = {s.conclusion for s in debate.supports if node_id in s.premises}
    found.update(a.target for a in debate.attacks if a.attacker == node_id)
    found.update(c.conclusion for c in debate.undercuts if c.undercutter == node_id)
    for cut in debate.undercuts:
        if cut.undercutter == node_id:
            found.update(cut.premises)
    return found


def _path_to_thesis(debate: Debate, node_id: str) -> list[str]:
    depth = depths(debate)
    if node_id not in depth:
        return []
    path, current = [], node_id
    while depth[current] > 0:
        nxt = min((t for t in _targets(debate, current) if t in depth), key=lambda t: (depth[t], t))
        path.append(nxt)
        current = nxt
    return path


def _view(debate: Debate, view_id: str, title: str, shown: set[str], *, folds: tuple[Fold, ...] = (),
          focus: str | None = None, context: tuple[str, ...] = ()) -> View:
    undercutters: dict[tuple, list[str]] = defaultdict(list)
    for cut in debate.undercuts:
        if cut.undercutter in shown:
            undercutters[(frozenset(cut.premises), cut.conclusion)].append(cut.undercutter)
    edges, steps = [], []
    for i, step in enumerate(debate.supports):
        premises = tuple(p for p in step.premises if p in shown)
        if step.conclusion not in shown or not premises:
            continue
        cutters = tuple(sorted(undercutters.get(step.key, ())))
        if step.linked or cutters:
            steps.append(Step(f"step{i}", premises, step.conclusion, cutters))
        else:
            edges.append(Edge(premises[0], step.conclusion, "supports"))
    for attack in debate.attacks:
        if attack.attacker in shown and attack.target in shown:
            edges.append(Edge(attack.attacker, attack.target, "attacks"))
    for fold in folds:
        edges.append(Edge(fold.id, fold.parent, "more"))
    order = {node_id: i for i, node_id in enumerate(debate.nodes)}
    nodes = tuple(sorted(shown, key=lambda n: (n != debate.thesis, order[n])))
    return View(view_id, title, nodes, tuple(edges), tuple(steps), folds, focus, context)
