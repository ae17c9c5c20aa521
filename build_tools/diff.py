"""A structural diff of two versions of a project's debates: what a change does to the argument.

:func:`compare` takes the analyses of the debates before and after (from ``check_project`` on each
version) and says, for each debate, which nodes were added, removed or changed (and which fields),
which relations and weights were added, removed or changed, and which nodes' outcomes change, as
the map stands or under any perspective both versions have, with the reason before and after.
:func:`as_text`, :func:`as_markdown` and :func:`as_json` write it for a terminal, a pull request
and tools (``build_tools/schemas/diff.schema.json``); ``site.diffmap`` draws its map.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .analysis import Analysis
from .escape import gfm_text
from .model import Attack, Debate, Node, Support, Undercut
from .prose import explain

__all__ = ["Change", "NodeChange", "RelationChange", "OutcomeChange", "DebateDiff", "compare", "summary", "as_text",
           "as_markdown", "as_json", "relation_key", "DIFF_FORMAT"]

DIFF_FORMAT = "argmap-diff"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
Change = str  # added | removed | changed

# The node fields a diff compares, by their names in the YAML files (origins are where, not what).
_NODE_FIELDS = tuple(f.name for f in dataclasses.fields(Node) if f.name not in ("id", "origin", "origins"))
_DEBATE_FIELDS = ("title", "summary", "source", "thesis", "perspectives", "issues", "unmapped", "tag_names", "checks",
                  "source_text")
_FIELD_NAMES = {"evidence_kind": "kind", "tag_names": "tags", "source_text": "source text"}


@dataclass(frozen=True)
class NodeChange:
    id: str
    kind: str  # claim | evidence
    label: str  # after (before, for a removed node)
    change: Change
    fields: tuple[str, ...] = ()  # for a changed node: which fields
    # for a changed node: each text that changed (label, statement, quote...), as (field, before, after)
    texts: tuple[tuple[str, str, str], ...] = ()


# The fields whose text a diff shows before and after (what a reviewer reads), by their YAML names.
_TEXT_FIELDS = ("label", "statement", "quotes", "rationale", "note", "caution")


def _texts(x: Node, y: Node, changed: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    found = []
    for name in _TEXT_FIELDS:
        shown = _FIELD_NAMES.get(name, name)
        if shown in changed:
            before, after = getattr(x, name), getattr(y, name)
            if name == "quotes":
                before, after = " / ".join(before), " / ".join(after)
            found.append((shown, before or "", after or ""))
    return tuple(found)


@dataclass(frozen=True)
class RelationChange:
    """A relation added, removed or changed: ``sources`` (the premises of a support, the attacker, the
    undercutter) bear on ``target``; an undercut's ``step`` is the premises of the support it challenges."""

    relation: str  # supports | attacks (or another kind acting so) | undercuts
    sources: tuple[str, ...]
    target: str
    change: Change
    fields: tuple[str, ...] = ()  # for a changed relation: which fields of its weighing
    weight_before: float | None = None
    weight_after: float | None = None
    step: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeChange:
    node: str
    label: str
    perspective: str | None  # None: as the map stands
    perspective_name: str
    before: str
    after: str
    reason_before: str
    reason_after: str
    conditions: str | None = None  # granted | rejected: with the open conditions all holding or all failing (the map's perspective; see Analysis.settlements)


@dataclass(frozen=True)
class DebateDiff:
    id: str
    change: Change | None  # added, removed, changed, or None (the same)
    fields: tuple[str, ...] = ()  # debate.yaml's fields that changed
    nodes: tuple[NodeChange, ...] = ()
    relations: tuple[RelationChange, ...] = ()
    outcomes: tuple[OutcomeChange, ...] = ()

    @property
    def empty(self) -> bool:
        return self.change is None


def compare(before: Sequence[Analysis], after: Sequence[Analysis]) -> list[DebateDiff]:
    """The diff of every debate in either version, in the order of their ids."""
    old = {a.debate.id: a for a in before}
    new = {a.debate.id: a for a in after}
    result = []
    for debate_id in sorted(old.keys() | new.keys()):
        if debate_id not in old:
            result.append(_whole(new[debate_id], ADDED))
        elif debate_id not in new:
            result.append(_whole(old[debate_id], REMOVED))
        else:
            result.append(_debate(old[debate_id], new[debate_id]))
    return result


def _whole(analysis: Analysis, change: Change) -> DebateDiff:
    d = analysis.debate
    nodes = tuple(NodeChange(n.id, n.kind.value, n.label, change) for n in d.nodes.values())
    relations = tuple(_relation(key, value, change) for key, value in _relations(d).items())
    return DebateDiff(d.id, change, nodes=nodes, relations=relations)


def _debate(old: Analysis, new: Analysis) -> DebateDiff:
    a, b = old.debate, new.debate
    fields = tuple(_FIELD_NAMES.get(f, f) for f in _DEBATE_FIELDS if getattr(a, f) != getattr(b, f))
    nodes = []
    for node_id in sorted(a.nodes.keys() | b.nodes.keys()):
        x, y = a.nodes.get(node_id), b.nodes.get(node_id)
        if x is None:
            nodes.append(NodeChange(node_id, y.kind.value, y.label, ADDED))
        elif y is None:
            nodes.append(NodeChange(node_id, x.kind.value, x.label, REMOVED))
        else:
            changed = tuple(_FIELD_NAMES.get(f, f) for f in _NODE_FIELDS if getattr(x, f) != getattr(y, f))
            if changed:
                nodes.append(NodeChange(node_id, y.kind.value, y.label, CHANGED, changed, _texts(x, y, changed)))
    ra, rb = _relations(a), _relations(b)
    relations = []
    for key in sorted(ra.keys() | rb.keys()):
        if key not in ra:
            relations.append(_relation(key, rb[key], ADDED))
        elif key not in rb:
            relations.append(_relation(key, ra[key], REMOVED))
        elif ra[key] != rb[key]:
            changed = tuple(k for k in sorted((ra[key] or {}).keys() | (rb[key] or {}).keys())
                            if (ra[key] or {}).get(k) != (rb[key] or {}).get(k))
            relations.append(dataclasses.replace(_relation(key, rb[key], CHANGED), fields=changed,
                                                 weight_before=_weight(ra[key])))
    outcomes = _outcomes(old, new)
    same = not (fields or nodes or relations or outcomes)
    return DebateDiff(b.id, None if same else CHANGED, fields, tuple(nodes), tuple(relations), outcomes)


# A relation's identity (kind, sources, target, step) and its weighing as plain data (None: no weighing).
RelationKey = tuple[str, tuple[str, ...], str, tuple[str, ...]]


def _relations(d: Debate) -> dict[RelationKey, dict | None]:
    found: dict[RelationKey, dict | None] = {}
    for s in d.supports:
        found[relation_key(s)] = s.weighing.as_dict() if s.weighing else None
    for t in d.attacks:
        found[relation_key(t)] = t.weighing.as_dict() if t.weighing else None
    for u in d.undercuts:
        found[relation_key(u)] = None
    return found


def relation_key(relation: Support | Attack | Undercut) -> RelationKey:
    """What identifies a relation between two versions: its kind, sources, target and (undercuts) step."""
    if isinstance(relation, Support):
        return relation.kind, tuple(sorted(relation.premises)), relation.conclusion, ()
    if isinstance(relation, Attack):
        return relation.kind, (relation.attacker,), relation.target, ()
    return "undercuts", (relation.undercutter,), relation.conclusion, tuple(sorted(relation.premises))


def _relation(key: RelationKey, weighing: dict | None, change: Change) -> RelationChange:
    kind, sources, target, step = key
    weight = _weight(weighing)
    return RelationChange(kind, sources, target, change, weight_before=weight if change == REMOVED else None,
                          weight_after=None if change == REMOVED else weight, step=step)


def _weight(weighing: dict | None) -> float | None:
    return None if not weighing else weighing.get("weight")


def _outcomes(old: Analysis, new: Analysis) -> tuple[OutcomeChange, ...]:
    """Every node of both versions whose outcome differs, as the map stands and under each perspective of both."""
    a, b = old.debate, new.debate
    names = {None: "as the map stands", **{p.id: p.name for p in b.perspectives}}
    common = [None, *(p.id for p in b.perspectives if p.id in {q.id for q in a.perspectives})]
    label = lambda d: lambda node_id: d.nodes[node_id].label if node_id in d.nodes else node_id  # noqa: E731
    found = []
    for node_id in (n for n in b.nodes if n in a.nodes):
        changes = []
        for key in common:
            x, y = old.statuses[key][node_id], new.statuses[key][node_id]
            if x.outcome != y.outcome:
                changes.append(OutcomeChange(node_id, b.nodes[node_id].label, key, names[key], x.outcome, y.outcome,
                                             explain(x, label(a)), explain(y, label(b))))
        # a perspective whose change is the map's, word for word, is named on the map's line, not on one of its own
        first = changes[0] if changes and changes[0].perspective is None else None
        agree = [c for c in changes[1:] if first and (c.before, c.after, c.reason_before, c.reason_after)
                 == (first.before, first.after, first.reason_before, first.reason_after)]
        if agree:
            names_agreeing = ", ".join(c.perspective_name for c in agree)
            changes = [dataclasses.replace(first, perspective_name=f"{first.perspective_name}, and for {names_agreeing}"),
                       *(c for c in changes[1:] if c not in agree)]
        found.extend(changes)
        for settled in ("granted", "rejected"):  # what shows only once a reader settles the open conditions
            x, y = old.if_conditions[settled][node_id], new.if_conditions[settled][node_id]
            if x.outcome != y.outcome and not any(c.perspective is None and (c.before, c.after) == (x.outcome, y.outcome)
                                                  for c in changes):
                found.append(OutcomeChange(node_id, b.nodes[node_id].label, None,
                                           "with the open conditions all " + ("holding" if settled == "granted" else "failing"), x.outcome, y.outcome,
                                           explain(x, label(a)), explain(y, label(b)), settled))
    return tuple(found)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def summary(diff: DebateDiff) -> str:
    """One line: what changed in a debate."""
    if diff.change in (ADDED, REMOVED):
        return f"debate {diff.change}: {_count(len(diff.nodes), 'node')}, {_count(len(diff.relations), 'relation')}"
    if diff.empty:
        return "no change"
    parts = [f"{_count(sum(n.change == c for n in diff.nodes), 'node')} {c}" for c in (ADDED, REMOVED, CHANGED)]
    parts += [f"{_count(sum(r.change == c for r in diff.relations), 'relation')} {c}" for c in (ADDED, REMOVED, CHANGED)]
    parts = [p for p in parts if not p.startswith("0 ")]
    parts.append(_count(len(diff.outcomes), "outcome") + " changed")
    if diff.fields:
        parts.insert(0, "debate.yaml: " + ", ".join(diff.fields))
    return "; ".join(parts)


def _relation_text(r: RelationChange, name=lambda i: i) -> str:
    sources = " + ".join(name(s) for s in r.sources)
    step = f" (the step from {' + '.join(name(s) for s in r.step)})" if r.step else ""
    weight = ""
    if r.change == CHANGED:
        weight = f": {', '.join(r.fields)}" + (f" {_w(r.weight_before)} -> {_w(r.weight_after)}"
                                              if "weight" in r.fields else "")
    elif r.weight_after is not None or r.weight_before is not None:
        weight = f" (weight {_w(r.weight_after if r.change == ADDED else r.weight_before)})"
    return f"{sources} {r.relation} {name(r.target)}{step}{weight}"


def _w(weight: float | None) -> str:
    return "none" if weight is None else f"{weight:g}"


_MARK = {ADDED: "+", REMOVED: "-", CHANGED: "~"}


def as_text(diffs: Sequence[DebateDiff]) -> str:
    """The diff for a terminal: one block per debate that changed."""
    lines = []
    for d in diffs:
        if d.empty:
            continue
        lines.append(f"{d.id}: {summary(d)}")
        for n in d.nodes:
            fields = f" ({', '.join(n.fields)})" if n.fields else ""
            lines.append(f"  {_MARK[n.change]} {n.kind} {n.id}: {n.label}{fields}")
            for field, before, after in n.texts:
                lines.append(f"      {field}: {before!r} -> {after!r}")
        for r in d.relations:
            lines.append(f"  {_MARK[r.change]} {_relation_text(r)}")
        for o in d.outcomes:
            lines.append(f"  outcome of {o.node} ({o.perspective_name}): {o.before} -> {o.after}")
            lines.append(f"      before: {o.reason_before}")
            lines.append(f"      after:  {o.reason_after}")
    return "\n".join(lines) + "\n" if lines else "no change to the debates\n"


def as_markdown(diffs: Sequence[DebateDiff]) -> str:
    """The diff for a pull request (GitHub's job summary or a comment): every user text escaped."""
    changed = [d for d in diffs if not d.empty]
    lines = ["## What this change does to the argument", ""]
    if not changed:
        return "\n".join(lines + ["No change to the debates: no node, relation or outcome differs.", ""])
    for d in changed:
        name = lambda i: f"`{i}`"  # noqa: E731 - ids are [a-z0-9-]: safe in code spans
        lines += [f"### `{d.id}`", "", f"**{gfm_text(summary(d))}**", ""]
        if d.outcomes:
            lines += ["#### Outcomes that change", "", "| Claim | Under | Before | After |", "|---|---|---|---|"]
            lines += [f"| {gfm_text(o.label)} ({name(o.node)}) | {gfm_text(o.perspective_name)} | "
                      f"{o.before} | **{o.after}** |" for o in d.outcomes]
            lines += ["", "<details><summary>Why, before and after</summary>", ""]
            for o in d.outcomes:
                lines += [f"- {name(o.node)}, {gfm_text(o.perspective_name)}:",
                          f"  - before: {gfm_text(o.reason_before)}",
                          f"  - after: {gfm_text(o.reason_after)}"]
            lines += ["", "</details>", ""]
        if d.nodes:
            lines += ["#### Claims and evidence", ""]
            for n in d.nodes:
                lines.append(f"- **{n.change}** {n.kind} {name(n.id)}: {gfm_text(n.label)}"
                             + (f" (changed: {', '.join(n.fields)})" if n.fields else ""))
                lines += [f"  - {field}: before «{gfm_text(before)}», after «{gfm_text(after)}»"
                          for field, before, after in n.texts]
            lines.append("")
        if d.relations:
            lines += ["#### Relations", ""]
            lines += [f"- **{r.change}**: {_relation_text(r, name)}" for r in d.relations]
            lines.append("")
        if d.fields:
            lines += [f"`debate.yaml` changed: {', '.join(d.fields)}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(diffs: Sequence[DebateDiff]) -> dict:
    """The diff as plain data (see build_tools/schemas/diff.schema.json)."""
    return {"format": DIFF_FORMAT, "version": 1, "debates": [dataclasses.asdict(d) for d in diffs if not d.empty]}
