"""GraphML, for yEd and Gephi (written only)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..analysis import Analysis

__all__ = ["write"]

# Characters XML 1.0 cannot hold at all, not even as references: written as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str | None) -> str | None:
    return None if text is None else _NOT_XML.sub("\ufffd", text)


def write(analysis: Analysis) -> str:
    """GraphML for yEd and Gephi: nodes with their fields, support steps as nodes where linked or undercut."""
    debate = analysis.debate
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    keys = [("label", "node"), ("statement", "node"), ("kind", "node"), ("role", "node"),
            ("perspective", "node"), ("relation", "edge")]
    for name, domain in keys:
        ET.SubElement(root, f"{{{ns}}}key", {"id": name, "for": domain, "attr.name": name, "attr.type": "string"})
    graph_el = ET.SubElement(root, f"{{{ns}}}graph", {"id": _xml(debate.id), "edgedefault": "directed"})
    index_ = analysis.graph

    def node(node_id: str, **data: str | None) -> None:
        el = ET.SubElement(graph_el, f"{{{ns}}}node", {"id": node_id})
        for key, value in data.items():
            if value is not None:
                ET.SubElement(el, f"{{{ns}}}data", {"key": key}).text = _xml(value)

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
        edge(attack.attacker, attack.target, attack.kind)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
