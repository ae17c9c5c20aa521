"""Exports: a debate as our own JSON (lossless), AIF JSON, Argdown, GraphML or DOT.

Each function takes the model and returns text; what each format carries and loses is in
docs/exports.md.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from . import views
from .graph import index
from .layout import Layout
from .maps import map_dot
from .model import Debate, Node
from .status import evaluate_from

__all__ = ["EXPORTS", "SUFFIXES", "to_json", "to_aif", "to_argdown", "to_graphml", "to_dot"]

JSON_FORMAT = "argmap-debate"
JSON_VERSION = 1


def to_json(debate: Debate) -> str:
    """Every field of the debate, its nodes and relations: the lossless machine-readable form."""
    data = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "debate": {
            "id": debate.id, "title": debate.title, "summary": debate.summary,
            "source": {k: getattr(debate.source, k) for k in ("title", "author", "publication", "date", "url", "rights")},
            "thesis": debate.thesis,
            "perspectives": [{"id": p.id, "name": p.name, "description": p.description} for p in debate.perspectives],
            "unmapped": [{"quote": u.quote, "reason": u.reason} for u in debate.unmapped],
        },
        "source_text": debate.source_text,
        "nodes": [_node_json(n) for n in debate.nodes.values()],
        "supports": [{"premises": list(s.premises), "conclusion": s.conclusion} for s in debate.supports],
        "attacks": [{"attacker": a.attacker, "target": a.target} for a in debate.attacks],
        "undercuts": [{"undercutter": u.undercutter, "premises": list(u.premises), "conclusion": u.conclusion}
                      for u in debate.undercuts],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _node_json(node: Node) -> dict:
    data = {"id": node.id, "kind": node.kind.value, "label": node.label, "statement": node.statement,
            "role": node.role, "perspective": node.perspective, "quotes": list(node.quotes),
            "occurrence": node.occurrence, "implicit": node.implicit, "assumed": node.assumed,
            "rationale": node.rationale, "tags": list(node.tags), "note": node.note,
            "evidence_kind": node.evidence_kind, "citation": None}
    if node.citation:
        c = node.citation
        data["citation"] = {"who": c.who, "what": c.what, "when": c.when, "url": c.url, "basis": c.basis}
    return data


def to_aif(debate: Debate) -> str:
    """AIF JSON as OVA and AIFdb read it: I-nodes, an RA-node per support step, a CA-node per attack and undercut."""
    nodes, edges = [], []
    ids: dict[str, str] = {}

    def add(text: str, kind: str) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append({"nodeID": node_id, "text": text, "type": kind})
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    for node in debate.nodes.values():
        ids[node.id] = add(node.statement, "I")
    steps = {}
    for step in debate.supports:
        ra = steps[step.key] = add("Default Inference", "RA")
        for premise in step.premises:
            edge(ids[premise], ra)
        edge(ra, ids[step.conclusion])
    for attack in debate.attacks:
        ca = add("Default Conflict", "CA")
        edge(ids[attack.attacker], ca)
        edge(ca, ids[attack.target])
    for cut in debate.undercuts:
        ca = add("Default Conflict", "CA")
        edge(ids[cut.undercutter], ca)
        edge(ca, steps[(frozenset(cut.premises), cut.conclusion)])
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=2, ensure_ascii=False) + "\n"


_ARGDOWN_SPECIAL = re.compile(r"([\\\[\]<>#*_@])")


def _argdown_text(text: str) -> str:
    return _ARGDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_argdown(debate: Debate) -> str:
    """An Argdown document: one statement per node (title = our id), relations, linked and undercut steps as arguments."""
    graph = index(debate)
    lines = ["===", f"title: {json.dumps(debate.title, ensure_ascii=False)}", "===", ""]
    linked = [s for s in debate.supports if s.linked or graph.cuts_of_step.get(s.key)]
    for node in debate.nodes.values():
        tags = [f"#({node.perspective})"] if node.perspective else []
        tags += [f"#({node.role})"] if node.role else ["#(evidence)"] if node.kind.value == "evidence" else []
        tags += [f"#({t})" for t in node.tags]
        lines.append(f"[{node.id}]: {_argdown_text(node.statement)} {' '.join(tags)}".rstrip())
        for step in graph.steps_from.get(node.id, ()):
            if step not in linked:
                lines.append(f"  +> [{step.conclusion}]")
        for attack in graph.attacks_from.get(node.id, ()):
            lines.append(f"  -> [{attack.target}]")
        for cut in graph.cuts_from.get(node.id, ()):
            lines.append(f"  _> <step-{graph.step_number[(frozenset(cut.premises), cut.conclusion)]}>")
        lines.append("")
    for step in linked:
        number = graph.step_number[step.key]
        lines += [f"<step-{number}>", ""]
        lines += [f"({i + 1}) [{premise}]" for i, premise in enumerate(step.premises)]
        lines += ["----", f"({len(step.premises) + 1}) [{step.conclusion}]", ""]
    return "\n".join(lines)


def to_graphml(debate: Debate) -> str:
    """GraphML for yEd and Gephi: nodes with their fields, support steps as nodes where linked or undercut."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    keys = [("label", "node"), ("statement", "node"), ("kind", "node"), ("role", "node"),
            ("perspective", "node"), ("relation", "edge")]
    for name, domain in keys:
        ET.SubElement(root, f"{{{ns}}}key", {"id": name, "for": domain, "attr.name": name, "attr.type": "string"})
    graph_el = ET.SubElement(root, f"{{{ns}}}graph", {"id": debate.id, "edgedefault": "directed"})
    index_ = index(debate)

    def node(node_id: str, **data: str | None) -> None:
        el = ET.SubElement(graph_el, f"{{{ns}}}node", {"id": node_id})
        for key, value in data.items():
            if value is not None:
                ET.SubElement(el, f"{{{ns}}}data", {"key": key}).text = value

    def edge(source: str, target: str, relation: str) -> None:
        el = ET.SubElement(graph_el, f"{{{ns}}}edge", {"source": source, "target": target})
        ET.SubElement(el, f"{{{ns}}}data", {"key": "relation"}).text = relation

    for n in debate.nodes.values():
        node(n.id, label=n.label, statement=n.statement, kind=n.kind.value, role=n.role, perspective=n.perspective)
    for step in debate.supports:
        if step.linked or index_.cuts_of_step.get(step.key):
            step_id = f"step-{index_.step_number[step.key]}"
            node(step_id, label="", kind="step")
            for premise in step.premises:
                edge(premise, step_id, "premise")
            edge(step_id, step.conclusion, "supports")
            for cut in index_.cuts_of_step.get(step.key, ()):
                edge(cut.undercutter, step_id, "undercuts")
        else:
            edge(step.premises[0], step.conclusion, "supports")
    for attack in debate.attacks:
        edge(attack.attacker, attack.target, "attacks")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def to_dot(debate: Debate) -> str:
    """The whole map as DOT, with statuses and links as on the site's home page."""
    layout = Layout(debate.id)
    return map_dot(debate, layout, views.whole(debate), layout.home, statuses=evaluate_from(debate))


EXPORTS: dict[str, Callable[[Debate], str]] = {
    "json": to_json, "aif": to_aif, "argdown": to_argdown, "graphml": to_graphml, "dot": to_dot,
}
SUFFIXES = {"json": ".json", "aif": ".aif.json", "argdown": ".argdown", "graphml": ".graphml", "dot": ".dot"}
