"""Argument status: which nodes stand (in), fall (out) or stay undecided, and why.

Grounded, sceptical semantics (Dung's grounded labelling, extended to support and undercut
as in abstract dialectical frameworks):

- Granted by default: every piece of evidence and every claim with no incoming support; a
  node's ``assumed`` field overrides this; a perspective or a what-if changes the set.
- A support step is *in* when all its premises are in and every node undercutting it is
  out; *out* when a premise is out or an undercutter is in.
- A node is *in* when it is granted or has a step that is in, and every attacker is out;
  *out* when an attacker is in, or when it is not granted and every step into it is out
  (a node with no step into it and not granted is out: not established).
- Everything else is *undecided*: start with every node undecided and apply the rules until
  nothing changes.

The labels follow from the map's own premises and relations; they are not a verdict on the
truth. :func:`evaluate` is a pure function of the model.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from .graph import Graph
from .model import Debate, NodeKind, Support
from .vocabulary import Label

__all__ = ["Label", "StepStatus", "Status", "evaluate", "granted_by_default", "perspective_grants", "explain",
           "evaluate_from"]


@dataclass(frozen=True)
class StepStatus:
    step: Support
    label: Label
    premises_out: tuple[str, ...] = ()
    undercutters_in: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()


@dataclass(frozen=True)
class Status:
    """A node's label and the rule that gave it.

    ``rule`` is one of: granted, supported (in); attacked, unsupported, not-established,
    rejected (out); waiting (undecided). ``rests_on`` names the nodes the rule rests on: the
    attackers that are out (in), the accepted attacker (attacked), the undecided nodes waited
    on (waiting); ``steps`` gives the working step (supported) or every failed step.
    """

    node: str
    label: Label
    rule: str
    granted_by: str | None = None  # default, assumed, perspective, you
    rests_on: tuple[str, ...] = ()
    steps: tuple[StepStatus, ...] = ()
    cycle: tuple[str, ...] = ()


def granted_by_default(debate: Debate, graph: Graph) -> dict[str, str]:
    """The granted nodes, each with why: 'default' (evidence, or a claim nothing supports) or 'assumed'."""
    granted = {}
    for node in debate.nodes.values():
        if node.assumed is not None:
            if node.assumed:
                granted[node.id] = "assumed"
        elif node.kind is NodeKind.EVIDENCE or not graph.steps_into.get(node.id):
            granted[node.id] = "default"
    return granted


def perspective_grants(debate: Debate, graph: Graph, perspective: str) -> dict[str, str]:
    """What a perspective grants: all evidence, and only its own premises (claims nothing supports)."""
    granted = {}
    for node_id in granted_by_default(debate, graph):
        node = debate.nodes[node_id]
        if node.kind is NodeKind.EVIDENCE or node.perspective == perspective:
            granted[node_id] = "perspective"
    return granted


def evaluate_from(debate: Debate, graph: Graph, perspective: str | None = None, *,
                  grant: Iterable[str] = (), reject: Iterable[str] = ()) -> dict[str, Status]:
    """Every node's status as the map stands (``perspective`` None) or from one perspective's premises."""
    granted = perspective_grants(debate, graph, perspective) if perspective else None
    return evaluate(debate, graph, granted=granted, grant=grant, reject=reject)


def evaluate(debate: Debate, graph: Graph, *, granted: dict[str, str] | None = None,
             grant: Iterable[str] = (), reject: Iterable[str] = ()) -> dict[str, Status]:
    """Every node's :class:`Status`. ``grant`` and ``reject`` are a reader's what-if."""
    granted = dict(granted_by_default(debate, graph) if granted is None else granted)
    rejected = set(reject)
    for node_id in grant:
        granted[node_id] = "you"
    labels = {node_id: Label.UNDECIDED for node_id in debate.nodes}
    for node_id in rejected:
        labels[node_id] = Label.OUT
    _propagate(debate, graph, labels, granted, rejected)
    return {node_id: _explain(graph, node_id, labels, granted, rejected) for node_id in debate.nodes}


def _step_label(step: Support, graph: Graph, labels: dict[str, Label]) -> Label:
    cutters = [c.undercutter for c in graph.cuts_of_step.get(step.key, ())]
    if any(labels[p] is Label.OUT for p in step.premises) or any(labels[c] is Label.IN for c in cutters):
        return Label.OUT
    if all(labels[p] is Label.IN for p in step.premises) and all(labels[c] is Label.OUT for c in cutters):
        return Label.IN
    return Label.UNDECIDED


def _decide(node_id: str, graph: Graph, labels: dict[str, Label], granted: dict[str, str]) -> Label:
    attackers = [a.attacker for a in graph.attacks_into.get(node_id, ())]
    steps = [_step_label(s, graph, labels) for s in graph.steps_into.get(node_id, ())]
    if any(labels[a] is Label.IN for a in attackers):
        return Label.OUT
    if node_id not in granted and all(s is Label.OUT for s in steps):
        return Label.OUT
    if all(labels[a] is Label.OUT for a in attackers) and (node_id in granted or Label.IN in steps):
        return Label.IN
    return Label.UNDECIDED


def _propagate(debate, graph: Graph, labels, granted, rejected) -> None:
    """Apply the rules until nothing changes; each node is looked at again only when a node it depends on changes."""
    queue = deque(n for n in debate.nodes if n not in rejected)
    queued = set(queue)
    while queue:
        node_id = queue.popleft()
        queued.discard(node_id)
        if labels[node_id] is not Label.UNDECIDED:
            continue
        label = _decide(node_id, graph, labels, granted)
        if label is Label.UNDECIDED:
            continue
        labels[node_id] = label
        for dependent in graph.targets(node_id):
            if dependent not in queued and dependent not in rejected:
                queue.append(dependent)
                queued.add(dependent)


def _explain(graph: Graph, node_id: str, labels, granted, rejected) -> Status:
    label = labels[node_id]
    attackers = tuple(sorted(a.attacker for a in graph.attacks_into.get(node_id, ())))
    steps = tuple(_step_status(s, graph, labels) for s in graph.steps_into.get(node_id, ()))
    if node_id in rejected:
        return Status(node_id, label, "rejected")
    if label is Label.IN:
        if node_id in granted:
            return Status(node_id, label, "granted", granted[node_id], attackers)
        working = next(s for s in steps if s.label is Label.IN)
        return Status(node_id, label, "supported", None, attackers, (working,))
    if label is Label.OUT:
        accepted = [a for a in attackers if labels[a] is Label.IN]
        if accepted:
            return Status(node_id, label, "attacked", None, (accepted[0],))
        return Status(node_id, label, "unsupported" if steps else "not-established", None, (), steps)
    waiting = [a for a in attackers if labels[a] is Label.UNDECIDED]
    for step in steps:
        waiting.extend(step.waiting)
    waiting = tuple(dict.fromkeys(waiting))
    return Status(node_id, label, "waiting", None, waiting, steps, _cycle(graph, node_id, labels))


def _step_status(step: Support, graph: Graph, labels) -> StepStatus:
    cutters = [c.undercutter for c in graph.cuts_of_step.get(step.key, ())]
    label = _step_label(step, graph, labels)
    return StepStatus(
        step, label,
        premises_out=tuple(p for p in step.premises if labels[p] is Label.OUT),
        undercutters_in=tuple(c for c in cutters if labels[c] is Label.IN),
        waiting=tuple([p for p in step.premises if labels[p] is Label.UNDECIDED]
                      + [c for c in cutters if labels[c] is Label.UNDECIDED]),
    )


def _waits_on(graph: Graph, node_id: str, labels) -> list[str]:
    found = [a.attacker for a in graph.attacks_into.get(node_id, ()) if labels[a.attacker] is Label.UNDECIDED]
    for step in graph.steps_into.get(node_id, ()):
        found += [p for p in step.premises if labels[p] is Label.UNDECIDED]
        found += [c.undercutter for c in graph.cuts_of_step.get(step.key, ()) if labels[c.undercutter] is Label.UNDECIDED]
    return sorted(set(found))


def _cycle(graph: Graph, node_id: str, labels) -> tuple[str, ...]:
    """A cycle of undecided nodes that ``node_id`` is on or waits on, as a path back to its start."""
    path, seen = [node_id], {node_id: 0}
    current = node_id
    while True:
        nxt = _waits_on(graph, current, labels)
        if not nxt:
            return ()
        current = nxt[0]
        if current in seen:
            return tuple(path[seen[current]:]) + (current,)
        seen[current] = len(path)
        path.append(current)


def explain(status: Status, name=lambda node_id: node_id) -> str:
    """The reason for a status in one sentence; ``name`` turns a node id into text (or a link)."""
    names = lambda ids: ", ".join(name(i) for i in ids)  # noqa: E731
    rule = status.rule
    if rule == "rejected":
        return "rejected in this what-if"
    if rule == "granted":
        why = {"default": "a premise the map takes as given", "assumed": "assumed in its file",
               "perspective": "granted by this perspective", "you": "granted in this what-if"}[status.granted_by]
        return why + (f"; every attacker is out ({names(status.rests_on)})" if status.rests_on else "")
    if rule == "supported":
        [step] = status.steps
        text = f"supported by {names(step.step.premises)}, " + ("all in" if step.step.linked else "which is in")
        return text + (f"; every attacker is out ({names(status.rests_on)})" if status.rests_on else "")
    if rule == "attacked":
        return f"attacked by {names(status.rests_on)}, which is in"
    if rule == "not-established":
        return "not established: nothing supports it and the map does not take it as given"
    if rule == "unsupported":
        reasons = []
        for step in status.steps:
            if step.undercutters_in:
                reasons.append(f"the support from {names(step.step.premises)} is undercut by "
                               f"{names(step.undercutters_in)}, which is in")
            else:
                verb = "are" if len(step.premises_out) > 1 else "is"
                reasons.append(f"the support from {names(step.step.premises)} fails: "
                               f"{names(step.premises_out)} {verb} out")
        return "not established: " + "; ".join(reasons)
    text = f"waits on {names(status.rests_on)}"
    if status.cycle:
        text += f", in the cycle {' -> '.join(name(n) for n in status.cycle)}"
    return text
