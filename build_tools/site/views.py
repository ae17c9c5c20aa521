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

from ..graph import Graph
from ..model import Debate, NodeKind
from ..vocabulary import MORE, RELATIONS, REQUIRES

__all__ = ["Fold", "Edge", "Step", "View", "overview", "whole", "focus", "perspective_view", "MAX_RANK_WIDTH", "HEAVIEST"]

MAX_RANK_WIDTH = 14
HEAVIEST = 8  # when the reasons for and against the thesis are too many to show, at most this many boxes of them


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
    relation: str  # a name of vocabulary.DRAWN: a relation, a necessary condition, or a fold


@dataclass(frozen=True)
class Step:
    """A support drawn through a junction: premises -> junction -> conclusion."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    undercutters: tuple[str, ...]
    relation: str = "supports"  # the kind of the support (vocabulary.RELATIONS)


@dataclass(frozen=True)
class View:
    """What one map shows. ``perspective`` is the perspective whose premises its statuses
    follow (None: the map as it stands); ``focus`` the node a focus map is about."""

    id: str
    title: str
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    steps: tuple[Step, ...] = ()
    folds: tuple[Fold, ...] = ()
    focus: str | None = None
    context: tuple[str, ...] = ()  # shown for orientation, not part of the view's subject
    perspective: str | None = None


def whole(debate: Debate, graph: Graph) -> View:
    """Every node and relation of the debate."""
    return _view(debate, graph, "map", "The whole map", set(debate.nodes))


def overview(debate: Debate, graph: Graph, max_rank_width: int = MAX_RANK_WIDTH) -> View:
    """The thesis and the levels below it while each level stays narrow; deeper levels are folded."""
    depth = graph.depth
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, level in depth.items():
        by_level[level].append(node)
    shown = set()
    for level in sorted(by_level):
        if level > 0 and len(by_level[level]) > max_rank_width:
            if level == 1:
                roots = sorted((n for n, d in depth.items() if d == 0), key=lambda n: (n != debate.thesis, graph.order[n]))
                questions = {next((i.id for i in debate.issues if r in i.positions), r) for r in roots}
                shown.update(_heaviest(debate, graph, HEAVIEST * len(questions), roots))
            break
        shown.update(by_level[level])
    folds = []
    for parent in sorted(shown, key=lambda n: (depth[n], n)):
        hidden = tuple(sorted(n for n in graph.toward.get(parent, ()) if n not in shown))
        if hidden:
            folds.append(Fold(f"more-{parent}", parent, hidden))
    return _view(debate, graph, "overview", "Overview", shown, folds=tuple(folds))


def _heaviest(debate: Debate, graph: Graph, limit: int, roots: list[str] | None = None) -> set[str]:
    """What bears on the thesis (and on each other question's position at the top of the map: ``roots``), most weight
    first: each root's rival positions, then the arguments for and against it in turn, each heaviest first (a linked
    argument with all its premises), the roots taking turns, up to ``limit`` boxes. Unweighed arguments weigh 1, as
    they do in the evaluation; among equal weights, the argument with more of the map behind it (more relations
    into its premises) comes first."""
    order = graph.order
    roots = roots or [debate.thesis]

    def behind(premises: tuple[str, ...]) -> int:
        return sum(len(graph.toward.get(p, ())) for p in premises)

    def groups_of(root: str) -> list[tuple[str, ...]]:
        rivals = [p for issue in debate.issues if root in issue.positions for p in issue.positions if p != root]
        pro = [(-(s.weighing.weight_for(None) if s.weighing else 1.0), -behind(s.premises), order[s.premises[0]],
                s.premises) for s in graph.steps_into.get(root, ())]
        con = [(-(a.weighing.weight_for(None) if a.weighing else 1.0), -behind((a.attacker,)), order[a.attacker],
                (a.attacker,)) for a in graph.attacks_into.get(root, ()) if a.attacker not in rivals]
        pro.sort(key=lambda g: g[:3])
        con.sort(key=lambda g: g[:3])
        groups = [(r,) for r in rivals] + [g[3] for pair in zip(pro, con) for g in pair]
        longer = pro if len(pro) > len(con) else con
        return groups + [g[3] for g in longer[min(len(pro), len(con)):]]

    each = [groups_of(root) for root in roots]
    turns = [group for i in range(max(map(len, each), default=0)) for groups in each if i < len(groups)
             for group in [groups[i]]]
    shown: set[str] = set(roots) | {r for root in roots for r in debate.nodes[root].requires}  # its conditions
    limit += len(shown)
    for group in turns:
        if len(shown | set(group)) <= limit:
            shown.update(group)
    return shown


def focus(debate: Debate, graph: Graph, node_id: str) -> View:
    """A node's neighbourhood: the path up to the thesis, what it bears on, what bears on it and their evidence."""
    shown = {node_id} | set(graph.toward.get(node_id, ())) | set(debate.nodes[node_id].requires) | \
        set(graph.needed_by.get(node_id, ()))
    for bearer in list(shown - {node_id}):
        shown.update(n for n in graph.toward.get(bearer, ()) if debate.nodes[n].kind is NodeKind.EVIDENCE)
    shown.update(_neighbours(graph, node_id))
    shown.update(c.undercutter for s in graph.steps_from.get(node_id, ()) for c in graph.cuts_of_step.get(s.key, ()))
    shown.update(_path_to_thesis(graph, node_id))
    title = f"Around: {debate.nodes[node_id].label}"
    return _view(debate, graph, f"focus-{node_id}", title, shown, focus=node_id)


def perspective_view(debate: Debate, graph: Graph, perspective_id: str) -> View:
    """A perspective's nodes, with the nodes they bear on shown as context; statuses from its premises."""
    own = {n.id for n in debate.nodes.values() if n.perspective == perspective_id}
    context = set()
    for node in own:
        context.update(_neighbours(graph, node))
    context -= own
    name = debate.perspective(perspective_id).name
    return _view(debate, graph, f"perspective-{perspective_id}", name, own | context, context=tuple(sorted(context)),
                 perspective=perspective_id)


def _neighbours(graph: Graph, node_id: str) -> set[str]:
    """What a node bears on, with the premises of the steps it undercuts and its partners in a linked
    step (without them the step would show one premise of several)."""
    found = graph.targets(node_id)
    for cut in graph.cuts_from.get(node_id, ()):
        found.update(cut.premises)
    for step in graph.steps_from.get(node_id, ()):
        if step.linked:
            found.update(p for p in step.premises if p != node_id)
    return found


def _path_to_thesis(graph: Graph, node_id: str) -> list[str]:
    depth = graph.depth
    if node_id not in depth:
        return []
    path, current = [], node_id
    while depth[current] > 0:  # towards the thesis (or the position of the question the node bears on)
        closer = [t for t in graph.targets(current) if depth.get(t, depth[current]) < depth[current]] or \
            [t for t in graph.toward.get(current, ()) if depth.get(t, depth[current]) < depth[current]]
        nxt = min(closer, key=lambda t: (depth[t], t))
        path.append(nxt)
        current = nxt
    return path


def _view(debate: Debate, graph: Graph, view_id: str, title: str, shown: set[str], *,
          folds: tuple[Fold, ...] = (), focus: str | None = None, context: tuple[str, ...] = (),
          perspective: str | None = None) -> View:
    order, step_number = graph.order, graph.step_number
    edges, steps = [], []
    into = sorted({s for node in shown for s in graph.steps_into.get(node, ())}, key=lambda s: step_number[s.key])
    for step in into:
        premises = tuple(p for p in step.premises if p in shown)
        if not premises:
            continue
        cutters = tuple(sorted(c.undercutter for c in graph.cuts_of_step.get(step.key, ()) if c.undercutter in shown))
        if step.linked or cutters:
            steps.append(Step(f"step{step_number[step.key]}", premises, step.conclusion, cutters, step.kind))
        else:
            edges.append(Edge(premises[0], step.conclusion, step.kind))
    attacks = sorted({a for node in shown for a in graph.attacks_into.get(node, ())},
                     key=lambda a: (order[a.target], order[a.attacker]))
    drawn = set()
    for attack in attacks:
        if attack.attacker in shown:
            if RELATIONS[attack.kind].symmetric:  # one line, with a bar at each end
                pair = (frozenset((attack.attacker, attack.target)), attack.kind)
                if pair in drawn:
                    continue
                drawn.add(pair)
            edges.append(Edge(attack.attacker, attack.target, attack.kind))
    for node_id in sorted(shown, key=order.__getitem__):  # necessary conditions: from each to what needs it
        edges += [Edge(r, node_id, REQUIRES.name) for r in debate.nodes[node_id].requires if r in shown]
    for fold in folds:
        edges.append(Edge(fold.id, fold.parent, MORE.name))
    nodes = tuple(sorted(shown, key=lambda n: (n != debate.thesis, order[n])))
    return View(view_id, title, nodes, tuple(edges), tuple(steps), folds, focus, context, perspective)
