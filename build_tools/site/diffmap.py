"""The diff map: the changed part of each changed debate, drawn so that no change is told by colour alone.

Boxes added, removed or changed, and boxes whose outcome changes, are drawn with the boxes their changed
relations join (as context, plain and grey). Each changed box says what happened in words on its first
line (ADDED, REMOVED, CHANGED: fields, OUTCOME: before -> after) and has a border of its own (added: bold;
removed: dashed; changed: double); changed arrows carry a label (added, removed, weight 0.5 -> 0.8) and
the relation's own line and head (supports: solid, arrow; attacks: dashed, bar; undercuts: dotted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..analysis import Analysis
from ..diff import ADDED, CHANGED, REMOVED, DebateDiff, relation_key
from ..escape import dot_label, dot_string
from ..vocabulary import RELATIONS

__all__ = ["diff_dot"]

_BOX = {ADDED: 'style="rounded,bold" penwidth="3"', REMOVED: 'style="rounded,dashed" color="#757575" fontcolor="#616161"',
        CHANGED: 'style="rounded" peripheries="2"', None: 'style="rounded" color="#9e9e9e" fontcolor="#424242"'}
_EDGE = {ADDED: 'penwidth="2.4"', REMOVED: 'color="#9e9e9e" fontcolor="#616161"', CHANGED: 'penwidth="2"'}


def diff_dot(diffs: Sequence[DebateDiff], before: Mapping[str, Analysis], after: Mapping[str, Analysis]) -> str:
    """One DOT graph, a cluster per changed debate."""
    lines = ["digraph \"argmap-diff\" {", '  rankdir="BT"; nodesep="0.3"; ranksep="0.5"; bgcolor="white";',
             '  node [shape="box" fontname="Helvetica" fontsize="10" margin="0.12,0.06"];',
             '  edge [fontname="Helvetica" fontsize="9"];',
             '  label="Changed boxes say what changed on their first line; added: bold border, removed: dashed, '
             'changed: double. Changed arrows are labelled."; labelloc="t"; fontname="Helvetica"; fontsize="11";']
    for i, diff in enumerate(diffs):
        lines += _cluster(i, diff, before.get(diff.id), after.get(diff.id))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _cluster(index: int, diff: DebateDiff, old: Analysis | None, new: Analysis | None) -> list[str]:
    marks: dict[str, list[str]] = {}
    state: dict[str, str | None] = {}
    for n in diff.nodes:
        state[n.id] = n.change
        marks.setdefault(n.id, []).append(n.change.upper() + (f": {', '.join(n.fields)}" if n.fields else ""))
    for o in diff.outcomes:
        state.setdefault(o.node, CHANGED)
        under = "" if o.perspective is None and o.conditions is None else f" ({o.perspective_name})"
        marks.setdefault(o.node, []).append(f"OUTCOME{under}: {o.before} → {o.after}")
    shown = dict.fromkeys(state)
    for node_id, mark in _deciders(diff, new):  # what now decides an issue whose outcome changed
        shown.setdefault(node_id, None)
        marks.setdefault(node_id, []).append(mark)
    for r in diff.relations:
        for node_id in (*r.sources, r.target, *r.step):
            shown.setdefault(node_id, None)
    names = {node_id: f"d{index}n{i}" for i, node_id in enumerate(shown)}
    lines = [f"  subgraph \"cluster_{index}\" {{", f"    label={dot_string(diff.id)}; style=\"rounded\"; color=\"#bdbdbd\";"]
    for node_id in shown:
        node = _node(node_id, new, old)
        text = node.label if node else node_id
        head = "\\n".join(dot_string(m)[1:-1] for m in marks.get(node_id, []))
        label = dot_label(text)[1:-1]
        lines.append(f"    {names[node_id]} [label=\"{head + chr(92) + 'n' if head else ''}{label}\" "
                     f"{_BOX[state.get(node_id)]}];")
    changed = {(r.relation, r.sources, r.target, r.step) for r in diff.relations}
    if new is not None:  # the unchanged relations between the boxes shown: how a change reaches an outcome
        d = new.debate
        for relation in (*d.supports, *d.attacks, *d.undercuts):
            kind, sources, target, step = key = relation_key(relation)
            if key in changed or target not in names:
                continue
            style = RELATIONS[kind].dot_style
            for source in (s for s in sources if s in names):
                lines.append(f"    {names[source]} -> {names[target]} [{style} color=\"#9e9e9e\"];")
    for r in diff.relations:
        relation = RELATIONS[r.relation]
        words = r.change if r.change != CHANGED else ", ".join(r.fields)
        if r.change == CHANGED and "weight" in r.fields:
            words = f"weight {_w(r.weight_before)} → {_w(r.weight_after)}"
        for source in r.sources:
            lines.append(f"    {names[source]} -> {names[r.target]} [{relation.dot_style} "
                         f"color=\"{relation.colour}\" label={dot_string(words)} {_EDGE[r.change]}];")
    lines.append("  }")
    return lines


def _deciders(diff: DebateDiff, new: Analysis | None) -> list[tuple[str, str]]:
    """For each position whose outcome changes as the map stands: the premises of the strongest argument for it and
    against it in the new version, each with a line saying so (the boxes that now decide the issue)."""
    if new is None:
        return []
    found = []
    for o in diff.outcomes:
        if o.perspective is not None or o.conditions is not None or o.node not in new.debate.nodes:
            continue
        decision = new.statuses[None][o.node].decision
        if decision is None:
            continue
        for premises, side in ((decision.strongest.get(o.node, ()), "for"),
                               (decision.strongest_against.get(o.node, ()), "against")):
            found += [(p, f"DECIDES {decision.issue}: strongest {side} “{o.label}”") for p in premises
                      if p in new.debate.nodes and p != o.node]
    return found


def _node(node_id: str, new: Analysis | None, old: Analysis | None):
    for analysis in (new, old):
        if analysis is not None and node_id in analysis.debate.nodes:
            return analysis.debate.nodes[node_id]
    return None


def _w(weight: float | None) -> str:
    return "none" if weight is None else f"{weight:g}"
