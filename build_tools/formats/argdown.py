"""Argdown: written as an Argdown document (statements, relations, linked and undercut steps
as arguments); read from the JSON that ``argdown json`` writes."""

from __future__ import annotations

import json
import re

from ..analysis import Analysis
from ..ids import FreeIds, is_valid_id
from ..vocabulary import ROLE_NAMES
from .folder import Imported, ImportRefused, imported_debate, most_reached, short_label, slug

__all__ = ["write", "read"]

_ARGDOWN_SPECIAL = re.compile(r"([\\\[\]<>#*_@])")
# "//" and "/*" start comments in Argdown: their slashes are escaped (a lone "/" is text, and
# inside a link Argdown keeps a backslash before one, so lone slashes are left alone).
_COMMENT_SLASH = re.compile(r"(?<=/)/|/(?=[/*])")


def _argdown_text(text: str) -> str:
    escaped = _ARGDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _COMMENT_SLASH.sub(r"\\/", escaped)


def write(analysis: Analysis) -> str:
    """An Argdown document: one statement per node (title = our id), relations, linked and undercut steps as arguments."""
    debate, graph = analysis.debate, analysis.graph
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


def read(data: dict, name: str) -> Imported:
    """The JSON that `argdown json` writes: statements become claims, support and attack relations
    between statements become ours, premise-conclusion arguments linked supports, undercuts undercuts."""
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ImportRefused("not the JSON of `argdown json`: it needs a 'statements' object")
    roles = set(ROLE_NAMES)
    result = imported_debate(name, "Argdown JSON")
    ids: dict[str, str] = {}
    free = FreeIds()
    tag_names: dict[str, str] = {}  # a tag's id -> the tag as written, where the two differ
    for title, statement in data["statements"].items():
        member = next((m for m in statement.get("members", []) if m.get("text")), None)
        text = _argdown_plain(member) if member else ""
        if not text:
            text = title
            result.report.append(f"statement [{title}] has no text: its title is used")
        ids[title] = free.take(slug(text))
        body = {"label": short_label(text), "statement": text}
        tags = [t for t in statement.get("tags", []) if isinstance(t, str)]
        role = next((t for t in tags if t in roles), None)
        if role:
            body["role"] = role
        kept = list(dict.fromkeys(_tag(t, tag_names) for t in tags if t != role))
        if kept:
            body["tags"] = kept
        result.nodes[("claim", ids[title])] = body
    if not ids:
        raise ImportRefused("the file has no statement: there is nothing to import")
    if tag_names:
        result.debate["tags"] = dict(sorted(tag_names.items()))
        result.report.append(f"{len(tag_names)} tag(s) written as ids, each with the tag as written for its name "
                             f"(debate.yaml, tags): " + ", ".join(f"{v!r} -> {k}" for k, v in sorted(tag_names.items())))
    body = {ids[t]: result.nodes[("claim", ids[t])] for t in ids}
    steps: dict[str, tuple[list[str], str]] = {}
    for title, argument in (data.get("arguments") or {}).items():
        pcs = argument.get("pcs") or []
        premises = [ids[s["title"]] for s in pcs if s.get("role") == "premise" and s.get("title") in ids]
        conclusions = [ids[s["title"]] for s in pcs if s.get("role") == "main-conclusion" and s.get("title") in ids]
        if not premises or len(conclusions) != 1 or conclusions[0] in premises:
            result.report.append(f"argument <{title}> has no premise-conclusion structure we can carry: "
                                 "not imported")
            continue
        premises = list(dict.fromkeys(premises))
        steps[title] = (premises, conclusions[0])
        body[premises[0]].setdefault("supports", []).append(
            conclusions[0] if len(premises) == 1 else {"to": conclusions[0], "with": premises[1:]})
    for relation in data.get("relations") or []:
        kind, source, target = relation.get("relationType"), relation.get("from"), relation.get("to")
        if source in ids and target in ids and relation.get("toType") == "equivalence-class" and source != target:
            # Argdown's own reading (@argdown/core, transformToArgumentRelationType and IRelation.isSymmetric):
            # entails supports; contrary and contradictory attack, both ways.
            key = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "attacks",
                   "contradictory": "attacks"}.get(kind)
            pairs = [(source, target), (target, source)] if kind in ("contrary", "contradictory") else [(source, target)]
            if key:
                for a, b in pairs:
                    if ids[b] not in body[ids[a]].get(key, []):
                        body[ids[a]].setdefault(key, []).append(ids[b])
                if kind in ("contrary", "contradictory", "entails"):
                    both = " both ways" if len(pairs) == 2 else ""
                    result.report.append(f"relation {kind} between [{source}] and [{target}]: carried over as "
                                         f"{key}{both}")
                continue
        if kind == "undercut" and source in ids and target in steps:
            premises, conclusion = steps[target]
            if ids[source] not in premises:
                body[ids[source]].setdefault("undercuts", []).append(
                    {"from": premises[0] if len(premises) == 1 else premises, "to": conclusion})
                continue
        result.report.append(f"relation {kind} from {source} to {target}: not carried over")
    result.debate["thesis"] = most_reached(body)
    result.report.append(f"thesis (not marked in Argdown): '{result.debate['thesis']}', the claim most others lead to")
    return result


def _tag(tag: str, names: dict[str, str]) -> str:
    """A tag as an id of ours: itself when it is one, else made from its words (and named after it)."""
    if is_valid_id(tag) and len(tag) <= 64:
        return tag
    made = slug(tag, words=8) or "tag"
    names.setdefault(made, tag)
    return made


def _argdown_plain(member: dict) -> str:
    """A statement's text without its tags."""
    text = member.get("text") or ""
    for item in sorted(member.get("ranges") or [], key=lambda r: -r.get("start", 0)):
        if item.get("type") == "tag":
            start, stop = item["start"], item["stop"]
            if text[start:start + 2] == "#(" and not text[start:stop].endswith(")") and text[stop:stop + 1] == ")":
                stop += 1  # Argdown 1.7 ends the range of a bracketed tag at the end of a text before its ")"
            text = text[:start] + text[stop:]
    return " ".join(text.split())
