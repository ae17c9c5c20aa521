"""AIF JSON, as OVA and AIFdb read and write it: I-nodes for claims, RA-nodes for support
steps, CA-nodes for attacks and undercuts.

A named argument is an RA-node whose text is the argument's statement (an unnamed step's RA-node
says "Default Inference"): its premises point into it and it points to its conclusion. Reading,
an RA-node with a text of its own and no ``scheme`` (not "RA", not "Default Inference") is such a
named argument; an RA-node of one of its intermediate steps names it in ``argument`` (an extra key that
other readers ignore). AIF has one kind of conflict: an attack on a named argument and an undercut of it
are both a CA-node pointing at its RA-node, read back as an undercut (the outcome is the same)."""

from __future__ import annotations

import json

from ..analysis import Analysis
from ..check.rules import MAX_NODE_RELATIONS
from ..ids import FreeIds
from ..model import NodeKind
from ..vocabulary import RELATIONS
from .folder import Imported, ImportRefused, imported_debate, most_reached, short_label, slug

__all__ = ["write", "read"]


def write(analysis: Analysis) -> str:
    """AIF JSON as OVA and AIFdb read it: I-nodes, an RA-node per support step, a CA-node per attack and undercut."""
    debate = analysis.debate
    nodes, edges = [], []
    ids: dict[str, str] = {}

    def add(text: str, kind: str) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append({"nodeID": node_id, "text": text, "type": kind})
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    for node in debate.nodes.values():
        ids[node.id] = add(node.statement, "RA" if node.kind is NodeKind.ARGUMENT else "I")
    steps = {}
    for step in debate.supports:
        argument = debate.nodes[step.declared_by] if debate.in_structure(step) else None
        if argument is not None and step.conclusion == argument.id:  # the last step's premises into the argument
            for premise in step.premises:
                edge(ids[premise], ids[argument.id])
            continue
        if len(step.premises) == 1 and debate.nodes[step.premises[0]].kind is NodeKind.ARGUMENT:
            # an argument to what it supports: its own RA-node points there
            edge(ids[step.premises[0]], ids[step.conclusion])
            continue
        ra = steps[step.key] = add("Default Inference", "RA")
        if argument is not None:  # an intermediate step of a named argument: which one, for a reader to regroup
            nodes[-1]["argument"] = ids[argument.id]
        for premise in step.premises:
            edge(ids[premise], ra)
        edge(ra, ids[step.conclusion])
    for attack in debate.attacks:  # a symmetric relation as two conflicts, each named by the relation
        ca = add(_CONFLICT_TEXTS.get(attack.kind, "Default Conflict"), "CA")
        edge(ids[attack.attacker], ca)
        edge(ca, ids[attack.target])
    for cut in debate.undercuts:
        ca = add("Default Conflict", "CA")
        edge(ids[cut.undercutter], ca)
        edge(ca, steps[(frozenset(cut.premises), cut.conclusion)])
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=2, ensure_ascii=False,
                      allow_nan=False) + "\n"


def read(data: dict, name: str) -> Imported:
    """An AIF JSON file: I-nodes become claims, RA-nodes supports, CA-nodes attacks or undercuts. A file saved
    by OVA3 (``{"AIF": {...}, "OVA": {...}, "text": ...}``) is read through its ``AIF`` part."""
    wrapped = isinstance(data, dict) and isinstance(data.get("AIF"), dict)
    if wrapped:
        outer, data = data, data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ImportRefused("not AIF JSON: it needs 'nodes' and 'edges' lists")
    nodes = {str(n.get("nodeID")): n for n in data["nodes"] if isinstance(n, dict)}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for edge in data["edges"]:
        source, target = str(edge.get("fromID")), str(edge.get("toID"))
        if source in nodes and target in nodes:
            into.setdefault(target, []).append(source)
            out.setdefault(source, []).append(target)
    result = imported_debate(name, "AIF")
    if wrapped:
        left = [key for key in outer if key != "AIF"]
        result.report.append("a file saved by OVA: its AIF graph is imported" + (
            f"; {', '.join(map(repr, sorted(left)))} (OVA's layout and the analysed text) not carried over" if left
            else ""))
    ids: dict[str, str] = {}
    free = FreeIds()
    skipped_types: dict[str, int] = {}
    named: dict[str, str] = {}  # RA-nodes that are named arguments -> their ids
    normalised = 0
    for node_id, node in nodes.items():
        kind = node.get("type")
        raw = str(node.get("text") or "")
        text = " ".join(raw.split())
        normalised += kind == "I" and bool(text) and text != raw
        if kind == "I" and text:
            ids[node_id] = free.take(slug(text))
            result.nodes[("claim", ids[node_id])] = {"label": short_label(text), "statement": text}
        elif _named(node):
            ids[node_id] = free.take(slug(text))
            named[node_id] = ids[node_id]
            result.nodes[("argument", ids[node_id])] = {"label": short_label(text), "statement": text}
        elif kind == "I":
            result.report.append(f"I-node {node_id} has no text: not imported")
        elif kind not in ("RA", "CA"):
            skipped_types[kind] = skipped_types.get(kind, 0) + 1
    if normalised:
        result.report.append(f"{normalised} I-node text(s) had line breaks, tabs or repeated spaces: each run of white "
                             "space became one space (our statements are one paragraph)")
    for kind, count in sorted(skipped_types.items(), key=lambda kv: str(kv[0])):
        result.report.append(f"{count} {kind}-node(s) not carried over (the format has no {kind}-nodes)")
    if data.get("locutions"):
        result.report.append(f"{len(data['locutions'])} locution(s) not carried over (the format has no dialogue)")
    body = {node_id: fields for (_, node_id), fields in result.nodes.items()}
    steps: dict[str, tuple[list[str], str]] = {}
    seen_steps: set = set()
    statements = {n for n in ids if n not in named}
    if named:
        result.report.append(f"{len(named)} RA-node(s) with a text of their own (not a scheme's) read as named "
                             "arguments, each between its premises and its conclusion")
    for node_id, argument in named.items():
        premises = list(dict.fromkeys(ids[p] for p in into.get(node_id, []) if p in statements))
        targets = [ids[c] for c in out.get(node_id, []) if c in ids]
        if premises and targets and targets[0] not in premises:
            body[argument]["structure"] = _intermediate(node_id, nodes, into, out, ids) + \
                [{"premises": premises, "conclusion": targets[0]}]
            for extra in targets[1:]:
                result.report.append(f"RA-node {node_id} (the argument '{argument}') also points at '{extra}': not "
                                     "carried over (an argument with premises bears on others through its conclusion)")
        elif targets:
            if premises:
                result.report.append(f"RA-node {node_id} (the argument '{argument}') concludes one of its premises: "
                                     "its structure is not imported")
            body[argument]["supports"] = list(dict.fromkeys(targets))
    for node_id, node in nodes.items():
        if node.get("type") != "RA" or node_id in named:
            continue
        if str(node.get("argument")) in named:
            steps[node_id] = ([ids[p] for p in into.get(node_id, []) if p in ids],
                              next((ids[c] for c in out.get(node_id, []) if c in ids), ""))
            continue  # an intermediate step of a named argument: its structure holds it
        premises = [ids[p] for p in into.get(node_id, []) if p in ids]
        conclusions = [ids[c] for c in out.get(node_id, []) if c in ids]
        if not premises or len(conclusions) != 1:
            result.report.append(f"RA-node {node_id} has {len(premises)} premise(s) and {len(conclusions)} "
                                 "conclusion(s): not imported")
            continue
        premises = list(dict.fromkeys(premises))
        if conclusions[0] in premises:
            result.report.append(f"RA-node {node_id} concludes one of its own premises: not imported")
            continue
        key = (frozenset(premises), conclusions[0])
        if key in seen_steps:
            result.report.append(f"RA-node {node_id} repeats another inference: merged")
            steps[node_id] = (premises, conclusions[0])
            continue
        seen_steps.add(key)
        steps[node_id] = (premises, conclusions[0])
        body[premises[0]].setdefault("supports", []).append(
            conclusions[0] if len(premises) == 1 else {"to": conclusions[0], "with": premises[1:]})
    supported = {(p, c) for premises, c in steps.values() for p in premises}
    for node_id, node in nodes.items():
        if node.get("type") != "CA":
            continue
        attackers = [ids[a] for a in into.get(node_id, []) if a in ids]
        if len(attackers) * len(out.get(node_id, [])) > MAX_NODE_RELATIONS:  # before expanding it, not after
            raise ImportRefused(f"CA-node {node_id} has {len(attackers)} attackers and {len(out.get(node_id, []))} "
                                f"targets: as relations each attacker to each target, that is more than the "
                                f"{MAX_NODE_RELATIONS} a node may take part in (see docs/format.md, Limits)")
        for target in out.get(node_id, []):
            for attacker in attackers:
                if target in named:
                    if named[target] not in body[attacker].get("undercuts", []):
                        body[attacker].setdefault("undercuts", []).append(named[target])
                elif target in ids:
                    if ids[target] == attacker or (attacker, ids[target]) in supported:
                        result.report.append(f"CA-node {node_id}: '{attacker}' cannot attack '{ids[target]}' "
                                             "(itself, or a claim it supports): not imported")
                    else:
                        key = _CONFLICT_KINDS.get(" ".join(str(node.get("text") or "").lower().split()), "attacks")
                        if RELATIONS[key].symmetric and attacker in body[ids[target]].get(key, []):
                            continue  # the other way of a relation that holds both ways: declared once
                        if ids[target] not in body[attacker].get(key, []):
                            body[attacker].setdefault(key, []).append(ids[target])
                elif target in steps:
                    premises, conclusion = steps[target]
                    if attacker in premises:
                        result.report.append(f"CA-node {node_id}: '{attacker}' cannot undercut an inference it "
                                             "is a premise of: not imported")
                        continue
                    body[attacker].setdefault("undercuts", []).append(
                        {"from": premises[0] if len(premises) == 1 else premises, "to": conclusion})
                else:
                    result.report.append(f"CA-node {node_id} points at node {target}, which was not imported")
        if not attackers:
            result.report.append(f"CA-node {node_id} has no attacker: not imported")
    _direct_edges(data, nodes, ids, statements, body, result.report)
    if not statements:
        raise ImportRefused("the file has no I-node with text: there is nothing to import")
    result.debate["thesis"] = most_reached(body, among=[ids[n] for n in statements])
    result.report.append(f"thesis (AIF has none): '{result.debate['thesis']}', the claim most others lead to")
    return result


# The conflicts our export names after a symmetric relation, and the names read back as one (AIF's own CA-nodes
# carry a scheme's name, most often "Default Conflict": an attack).
_CONFLICT_TEXTS = {"contrary": "Contrary", "contradicts": "Contradictory"}
_CONFLICT_KINDS = {"contrary": "contrary", "contradictory": "contradicts"}


def _direct_edges(data: dict, nodes: dict, ids: dict, statements: set, body: dict, report: list[str]) -> None:
    """Edges from one I-node straight to another, with no S-node between them (some tools write an inference
    so): read as the support they stand for, and said so; one that would contradict an attack is left out."""
    read, left = 0, 0
    for edge in data["edges"]:
        source, target = str(edge.get("fromID")), str(edge.get("toID"))
        if source not in statements or target not in statements:
            continue
        premise, conclusion = ids[source], ids[target]
        fields = body[premise]
        if premise == conclusion or conclusion in fields.get("attacks", []):
            left += 1
            continue
        if conclusion not in fields.get("supports", []):
            fields.setdefault("supports", []).append(conclusion)
        read += 1
    if read:
        report.append(f"{read} edge(s) go from one I-node straight to another, with no S-node between them: each is "
                      "read as a support of the second by the first")
    if left:
        report.append(f"{left} edge(s) from one I-node straight to another not carried over (to itself, or to a claim "
                      "it also attacks)")


GENERIC_INFERENCES = ("", "RA", "Default Inference")


def _intermediate(argument: str, nodes: dict, into: dict, out: dict, ids: dict) -> list[dict]:
    """The intermediate steps of a named argument: the RA-nodes that name it, in the file's order."""
    steps = []
    for node_id, node in nodes.items():
        if node.get("type") == "RA" and str(node.get("argument")) == argument:
            premises = list(dict.fromkeys(ids[p] for p in into.get(node_id, []) if p in ids))
            conclusions = [ids[c] for c in out.get(node_id, []) if c in ids]
            if premises and len(conclusions) == 1:
                steps.append({"premises": premises, "conclusion": conclusions[0]})
    return steps


def _named(node: dict) -> bool:
    """Whether an AIF node is a named argument: an RA-node with a text of its own, not a scheme's."""
    text = " ".join(str(node.get("text") or "").split())
    return node.get("type") == "RA" and "scheme" not in node and text not in GENERIC_INFERENCES
