"""Assemble the model of a debate from its schema-valid documents."""

from __future__ import annotations

from types import MappingProxyType

from ..model import (
    Attack,
    Citation,
    Debate,
    Inference,
    Issue,
    Node,
    Origin,
    Origins,
    Perspective,
    SourceInfo,
    Support,
    Undercut,
    Unmapped,
    Weighing,
)
from ..vocabulary import ATTACKS, RELATIONS, SUPPORTS, UNDERCUTS, WEIGHT_WORDS, acting_as
from .load import DebateFiles, NodeFile
from .yamlfile import Document

__all__ = ["assemble"]


def assemble(files: DebateFiles, valid_nodes: list[NodeFile], debate_valid: bool) -> Debate | None:
    """The :class:`Debate`, from ``debate.yaml`` (if valid) and the valid node files."""
    if not debate_valid:
        return None
    data = files.debate.data
    nodes = {n.id: _node(n) for n in valid_nodes}
    supports: dict = {}
    attacks, undercuts = [], []
    for node_file in valid_nodes:
        _relations(node_file, supports, attacks, undercuts)
    attacks = _both_ways(attacks, nodes)
    source = files.source.text if files.source else None
    return Debate(
        id=files.id,
        folder=files.folder,
        title=data["title"],
        summary=data["summary"],
        source=SourceInfo(**data["source"]),
        thesis=data["thesis"],
        perspectives=tuple(Perspective(**{**p, "grants": tuple(p.get("grants", ())),
                                           "disputes": tuple(p.get("disputes", ()))}) for p in data["perspectives"]),
        nodes=MappingProxyType(nodes),
        supports=tuple(supports.values()),
        attacks=tuple(attacks),
        undercuts=tuple(undercuts),
        source_text=source,
        origin=Origin(files.debate.path),
        unmapped=tuple(
            Unmapped(item["quote"], item["reason"], _at(files.debate, ("unmapped", i, "quote")))
            for i, item in enumerate(data.get("unmapped", ()))
        ),
        origins=_origins(files.debate),
        issues=tuple(
            Issue(item["id"], tuple(item["positions"]), item.get("standard", "PE"), _at(files.debate, ("issues", i)),
                  item.get("question"))
            for i, item in enumerate(data.get("issues", ()))
        ),
        tag_names=MappingProxyType(dict(data.get("tags", {}))),
        checks=MappingProxyType(dict(data.get("checks", {}))),
    )


def _node(node_file: NodeFile) -> Node:
    data = node_file.doc.data
    citation = data.get("citation")
    return Node(
        id=node_file.id,
        kind=node_file.kind,
        label=data["label"],
        statement=data["statement"],
        role=data.get("role"),
        perspective=data.get("perspective"),
        quotes=_as_tuple(data.get("quote")),
        occurrence=data.get("occurrence"),
        implicit=data.get("implicit", False),
        assumed=data.get("assumed"),
        open=data.get("open", False),
        requires=tuple(data.get("requires", ())),
        criterion=(data["criterion"]["name"], data["criterion"]["value"]) if "criterion" in data else None,
        rationale=data.get("rationale"),
        tags=tuple(data.get("tags", ())),
        note=data.get("note"),
        caution=data.get("caution"),
        evidence_kind=data.get("kind"),
        citation=Citation(**citation) if citation else None,
        structure=tuple(Inference(tuple(step["premises"]), step["conclusion"]) for step in data.get("structure", ())),
        origin=Origin(node_file.doc.path),
        origins=_origins(node_file.doc),
    )


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _relations(node_file: NodeFile, supports: dict, attacks: list, undercuts: list) -> None:
    doc, me = node_file.doc, node_file.id
    structure = doc.data.get("structure", ())
    for i, step in enumerate(structure):
        # an argument's intermediate steps are support steps; its last step's premises support the
        # argument itself, and the argument supports its main conclusion (see build_tools.model)
        origin = _at(doc, ("structure", i))
        last = i == len(structure) - 1
        inference = Support(tuple(step["premises"]), me if last else step["conclusion"], me, origin)
        supports.setdefault(inference.key, inference)
        if last:
            main = Support((me,), step["conclusion"], me, _at(doc, ("structure", i, "conclusion")))
            supports.setdefault(main.key, main)
    for relation in acting_as(SUPPORTS.name):  # supports, and any kind the registry says acts as one
        for i, item in enumerate(doc.data.get(relation.name, ())):
            origin = _at(doc, (relation.name, i))
            if isinstance(item, str):
                step = Support((me,), item, me, origin, kind=relation.name)
            else:
                step = Support((me, *item.get("with", ())), item["to"], me, origin, _weighing(item), relation.name)
            supports.setdefault(step.key, step)  # a linked step may be declared by each premise
    for relation in acting_as(ATTACKS.name):
        for i, item in enumerate(doc.data.get(relation.name, ())):
            origin = _at(doc, (relation.name, i))
            if isinstance(item, str):
                attacks.append(Attack(me, item, origin, relation.name))
            else:
                attacks.append(Attack(me, item["to"], origin, relation.name, _weighing(item)))
    for i, item in enumerate(doc.data.get(UNDERCUTS.name, ())):
        if isinstance(item, str):  # a named argument: undercutting it defeats its inference, as an attack on it
            attacks.append(Attack(me, item, _at(doc, (UNDERCUTS.name, i)), UNDERCUTS.name))
            continue
        premises = item["from"]
        premises = (premises,) if isinstance(premises, str) else tuple(premises)
        undercuts.append(Undercut(me, premises, item["to"], _at(doc, (UNDERCUTS.name, i))))


def _both_ways(attacks: list[Attack], nodes: dict) -> list[Attack]:
    """The attacks, each symmetric one (contrary, contradicts) also the other way (where both ends are nodes of
    the debate: an unknown id is reported once, where it is written), each once however often declared."""
    seen, found = set(), []
    for attack in attacks:
        pairs = [attack]
        if RELATIONS[attack.kind].symmetric and attack.target in nodes and attack.attacker != attack.target:
            pairs.append(Attack(attack.target, attack.attacker, attack.origin, attack.kind, attack.weighing, True))
        for one in pairs:
            key = (one.attacker, one.target, one.kind)
            if key not in seen:
                seen.add(key)
                found.append(one)
    return found


def _weighing(item: dict) -> Weighing | None:
    """The weighing a relation's mapping gives (None when it gives none: linked, weight 1)."""
    if not any(key in item for key in ("weight", "weights", "weighing", "why", "properties")):
        return None
    spec = item.get("weighing", "linked")
    function = spec if isinstance(spec, str) else next(iter(spec))
    return Weighing(
        function=function,
        weight=_number(item["weight"]) if "weight" in item else None,
        weights=MappingProxyType({p: _number(w) for p, w in item.get("weights", {}).items()}),
        why=item.get("why"),
        criteria=spec.get("criteria") if isinstance(spec, dict) else None,
        preference=tuple(spec.get("preference", ())) if isinstance(spec, dict) else (),
        properties=MappingProxyType(dict(item.get("properties", {}))),
    )


def _number(weight) -> float:
    return WEIGHT_WORDS[weight] if isinstance(weight, str) else float(weight)


def _at(doc: Document, path: tuple) -> Origin:
    position = doc.position(path)
    return Origin(doc.path, position.line, position.column)


def _origins(doc: Document) -> Origins:
    """Field name (dotted for nested fields) to where its value is written."""
    return Origins(doc.path, doc.values)
