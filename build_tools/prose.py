"""The evaluator's answers in a reader's words: why a node has its status, in one sentence.

:mod:`build_tools.status` works out each node's label and the rule that gave it (:class:`Rule`); this module
says it, for the command line, the pages, the diff and the JSON outputs alike. A node is named by ``name``
(its id, a quoted label, a Markdown or HTML link), so that one sentence serves every output.
"""

from __future__ import annotations

from .status import SHORT_CYCLE, Status
from .vocabulary import STANDARDS, Rule, weight_word

__all__ = ["explain"]


def _weighed(status: Status, name) -> str:
    d, node = status.decision, status.node
    rule = STANDARDS[d.standard]
    standard = rule.plain or rule.name  # (its technical name is on the weighing, and the About page)
    names = lambda ids: " and ".join(name(i) for i in ids)  # noqa: E731

    def argument(weight: float, premises: tuple[str, ...], ties: int = 0) -> str:
        if not premises:
            return "none" if weight == 0 else f"weighs {weight_word(weight)}"
        more = f", and {ties} more as heavy" if ties else ""
        return f"weighs {weight_word(weight)}, from {names(premises)}{more}"

    def pro(position: str) -> str:
        return argument(d.strength[position], d.strongest.get(position, ()), d.as_heavy.get(position, 0))

    def con(position: str) -> str:
        return argument(d.against[position], d.strongest_against.get(position, ()), d.as_heavy_against.get(position, 0))

    rival = d.strongest_rival(node)
    if Rule(status.rule) is Rule.WON:
        against = [(d.against[node], con(node), "against it")]
        if rival is not None:
            against.append((d.strength[rival], pro(rival), f"for {name(rival)}"))
        _, text, what = max(against, key=lambda item: item[0])
        return f"stands: the strongest argument for it ({pro(node)}) beats the strongest {what} ({text}): {standard}"
    if Rule(status.rule) is Rule.OUTWEIGHED:
        return (f"outweighed: {name(d.winner)} wins the issue, its strongest argument ({pro(d.winner)}) against this "
                f"one's ({pro(node)}): {standard}")
    against = f"; against it: {con(node)}" if d.against[node] > 0 else ""
    return (f"balanced: no position of the issue wins where {standard} (the strongest argument for it: "
            f"{pro(node)}{against})")


def _which_stand(ids: tuple[str, ...]) -> str:
    return "which all stand" if len(ids) > 1 else "which stands"


def explain(status: Status, name=lambda node_id: node_id) -> str:
    """The reason for a status in one sentence; ``name`` turns a node id into text (or a link)."""
    names = lambda ids: ", ".join(name(i) for i in ids)  # noqa: E731
    rule = Rule(status.rule)  # (a status kept by an older cache names its rule as a string)
    if rule is Rule.REJECTED:
        return "rejected in this what-if"
    if rule is Rule.DISPUTED:
        return "disputed from this perspective: it does not accept it"
    if rule is Rule.GRANTED:
        why = {"default": "the map takes it as given (nothing on it argues for it)", "assumed": "assumed in its file",
               "perspective": "granted by this perspective", "you": "granted in this what-if"}[status.granted_by]
        return why + (f"; nothing against it stands ({names(status.rests_on)})" if status.rests_on else "")
    if rule is Rule.SUPPORTED:
        [step] = status.steps
        text = f"supported by {names(step.step.premises)}, {_which_stand(step.step.premises)}"
        return text + (f"; nothing against it stands ({names(status.rests_on)})" if status.rests_on else "")
    if rule is Rule.ATTACKED:
        return f"attacked by {names(status.rests_on)}, {_which_stand(status.rests_on)}"
    if rule in (Rule.WON, Rule.OUTWEIGHED, Rule.BALANCED):
        return _weighed(status, name)
    if rule is Rule.CONDITION_FAILED:
        verb = "do" if len(status.rests_on) > 1 else "does"
        return f"cannot stand: it needs {names(status.rests_on)}, which {verb} not stand"
    if rule is Rule.RIVAL_GRANTED:
        return f"a rival position is taken as given ({names(status.rests_on)})"
    if rule is Rule.OPEN:
        return "open: a condition the map leaves open; grant or reject it to see what follows"
    reasons = []
    for step in status.steps if rule in (Rule.NOT_ESTABLISHED, Rule.UNSUPPORTED) else ():
        if step.undercutters_in:
            reasons.append(f"the support from {names(step.step.premises)} is undercut by "
                           f"{names(step.undercutters_in)}, {_which_stand(step.undercutters_in)}")
        elif step.premises_out:
            verb = "do" if len(step.premises_out) > 1 else "does"
            reasons.append(f"the support from {names(step.step.premises)} fails: "
                           f"{names(step.premises_out)} {verb} not stand")
    if reasons:
        return "not established: " + "; ".join(reasons)
    if rule in (Rule.NOT_ESTABLISHED, Rule.UNSUPPORTED):
        return "not established: nothing supports it and it is not taken as given"
    text = f"waits on {names(status.rests_on)}"
    if len(status.cycle) - 1 > SHORT_CYCLE:  # told once, not every member in every reason
        text += f", in a cycle of {len(status.cycle) - 1} claims that wait on one another ({name(status.cycle[0])} " \
                "among them)"
    elif status.cycle:
        text += f", in the cycle {' -> '.join(name(n) for n in status.cycle)}"
    return text
