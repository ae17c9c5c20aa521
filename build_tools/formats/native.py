"""Our own JSON (``argmap export --format json``): every field, read back exactly.

Its JSON Schema is ``schemas/export.schema.json``.
"""

from __future__ import annotations

import json

from ..analysis import Analysis
from ..ids import RESERVED_IDS, FreeIds, is_valid_id
from ..model import Node, Weighing
from .folder import Imported, ImportRefused, slug

__all__ = ["write", "read", "JSON_FORMAT", "JSON_VERSION"]

JSON_FORMAT = "argmap-debate"
JSON_VERSION = 1


def write(analysis: Analysis) -> str:
    """Every field of the debate, its nodes and relations: the lossless machine-readable form."""
    debate = analysis.debate
    data = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "debate": {
            "id": debate.id, "title": debate.title, "summary": debate.summary,
            "source": {k: getattr(debate.source, k) for k in ("title", "author", "publication", "date", "url", "rights")},
            "thesis": debate.thesis,
            "perspectives": [{"id": p.id, "name": p.name, "description": p.description,
                              **({"role": p.role} if p.role else {}), **({"grants": list(p.grants)} if p.grants else {}),
                              **({"disputes": list(p.disputes)} if p.disputes else {})} for p in debate.perspectives],
            "unmapped": [{"quote": u.quote, "reason": u.reason} for u in debate.unmapped],
            "tags": dict(debate.tag_names),
            "checks": dict(debate.checks),
            "issues": [{"id": i.id, "question": i.question, "positions": list(i.positions), "standard": i.standard}
                       for i in debate.issues],
        },
        "source_text": debate.source_text,
        "nodes": [_node_json(n) for n in debate.nodes.values()],
        "supports": [{"premises": list(s.premises), "conclusion": s.conclusion, "weighing": _weighing_json(s.weighing),
                      "argument": s.declared_by if debate.in_structure(s) else None,
                      **({"relation": s.kind} if s.kind != "supports" else {})}
                     for s in debate.supports],
        "attacks": [{"attacker": a.attacker, "target": a.target, "relation": a.kind,
                     "weighing": _weighing_json(a.weighing)} for a in debate.attacks if not a.mirrored],
        "undercuts": [{"undercutter": u.undercutter, "premises": list(u.premises), "conclusion": u.conclusion}
                      for u in debate.undercuts],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"  # JSON has no Infinity


def _weighing_json(weighing: Weighing | None) -> dict | None:
    return None if weighing is None else weighing.as_dict()


def _weighing_yaml(weighing: dict | None) -> dict:
    """A relation's weighing as the keys of its YAML mapping."""
    if not weighing:
        return {}
    body = {}
    function = weighing["function"]
    if function == "criteria":
        body["weighing"] = {"criteria": weighing["criteria"]}
    elif function == "preference":
        body["weighing"] = {"preference": weighing["preference"]}
    elif function not in ("linked", "constant"):
        body["weighing"] = function
    for key in ("weight", "weights", "why", "properties"):
        if weighing.get(key) not in (None, {}, []):
            body[key] = weighing[key]
    return body


def _node_json(node: Node) -> dict:
    data = {"id": node.id, "kind": node.kind.value, "label": node.label, "statement": node.statement,
            "role": node.role, "perspective": node.perspective, "quotes": list(node.quotes),
            "occurrence": node.occurrence, "implicit": node.implicit, "assumed": node.assumed, "open": node.open,
            "requires": list(node.requires),
            "criterion": {"name": node.criterion[0], "value": node.criterion[1]} if node.criterion else None,
            "rationale": node.rationale, "tags": list(node.tags), "note": node.note, "caution": node.caution,
            "evidence_kind": node.evidence_kind, "citation": None,
            "structure": [{"premises": list(i.premises), "conclusion": i.conclusion} for i in node.structure]}
    if node.citation:
        c = node.citation
        data["citation"] = {"who": c.who, "what": c.what, "when": c.when, "url": c.url, "basis": c.basis}
    return data


def read(data: dict, name: str) -> Imported:
    """Our own export (argmap export --format json), back into files."""
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        raise ImportRefused("not an argmap JSON export (its 'format' is not 'argmap-debate')")
    debate = data["debate"]
    rename = {}
    free = FreeIds()
    for node in data["nodes"]:
        wanted = node["id"] if is_valid_id(node["id"]) and node["id"] not in RESERVED_IDS else slug(node["statement"])
        rename[node["id"]] = free.take(wanted)
    result = Imported({
        "title": debate["title"], "summary": debate["summary"], "source": debate["source"],
        "thesis": rename.get(debate["thesis"], debate["thesis"]), "perspectives": [
            {**p, **{k: [rename.get(n, n) for n in p[k]] for k in ("grants", "disputes") if p.get(k)}}
            for p in debate["perspectives"]],
        **({"unmapped": debate["unmapped"]} if debate.get("unmapped") else {}),
        **({"tags": debate["tags"]} if debate.get("tags") else {}),
        **({"checks": debate["checks"]} if debate.get("checks") else {}),
        **({"issues": [_issue_yaml(i, rename) for i in debate["issues"]]} if debate.get("issues") else {}),
    }, source_text=data.get("source_text"))
    for node in data["nodes"]:
        body = {"label": node["label"], "statement": node["statement"]}
        if node.get("role") is not None:
            body["role"] = node["role"]
        if node["kind"] == "evidence":
            body["kind"] = node["evidence_kind"]
            body["citation"] = node["citation"]
        if node.get("perspective") is not None:
            body["perspective"] = node["perspective"]
        quotes = node.get("quotes") or []
        if quotes:
            body["quote"] = quotes[0] if len(quotes) == 1 else quotes
        for key in ("occurrence", "rationale", "note", "caution"):
            if node.get(key) is not None:
                body[key] = node[key]
        if node.get("implicit"):
            body["implicit"] = True
        if node.get("assumed") is not None:
            body["assumed"] = node["assumed"]
        if node.get("open"):
            body["open"] = True
        if node.get("requires"):
            body["requires"] = [rename[r] for r in node["requires"]]
        if node.get("criterion"):
            body["criterion"] = dict(node["criterion"])
        if node.get("tags"):
            body["tags"] = node["tags"]
        if node.get("structure"):
            body["structure"] = [{"premises": [rename[p] for p in i["premises"]], "conclusion": rename[i["conclusion"]]}
                                 for i in node["structure"]]
        result.nodes[(node["kind"], rename[node["id"]])] = body
    claims = {new: body for (kind, new), body in result.nodes.items()}
    for step in data["supports"]:
        if step.get("argument"):
            continue  # written by its argument's structure
        premises = [rename[p] for p in step["premises"]]
        target = rename[step["conclusion"]]
        weighed = _weighing_yaml(step.get("weighing"))
        if len(premises) == 1 and not weighed:
            item = target
        else:
            item = {"to": target, **({"with": premises[1:]} if len(premises) > 1 else {}), **weighed}
        claims[premises[0]].setdefault(step.get("relation", "supports"), []).append(item)
    for attack in data["attacks"]:
        weighed = _weighing_yaml(attack.get("weighing"))
        item = {"to": rename[attack["target"]], **weighed} if weighed else rename[attack["target"]]
        claims[rename[attack["attacker"]]].setdefault(attack.get("relation", "attacks"), []).append(item)  # an
        # "undercuts" here undercuts a named argument: its item is the argument's id
    for cut in data["undercuts"]:
        premises = [rename[p] for p in cut["premises"]]
        claims[rename[cut["undercutter"]]].setdefault("undercuts", []).append(
            {"from": premises[0] if len(premises) == 1 else premises, "to": rename[cut["conclusion"]]})
    return result


def _issue_yaml(issue: dict, rename: dict) -> dict:
    body = {"id": issue["id"], "positions": [rename[p] for p in issue["positions"]], "standard": issue["standard"]}
    return {**({"question": issue["question"]} if issue.get("question") else {}), **body}
