"""Imports: a debate from our JSON (lossless) or from AIF JSON, written as our YAML files.

File names follow our id rule: derived from the node's text and made unique, never taken
from ids in the input (our own JSON keeps its ids only where they already follow the rule,
so that an export imports back exactly). Everything is written into a new folder next to
the debate's and renamed into place at the end: an import that fails leaves nothing behind,
and an existing debate is replaced only when asked (``force``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .ids import RESERVED_IDS, is_valid_id
from .load import ARGUMENTS
from .scaffold import free_id

__all__ = ["ImportError_", "Imported", "from_json", "from_aif", "from_argdown_json", "write_debate", "slug"]

HEAD = "# yaml-language-server: $schema={up}build_tools/schemas/{kind}.schema.json\n"
MAX_LABEL_WORDS = 12


class ImportError_(Exception):
    """The input cannot be imported; the message says why."""


@dataclass
class Imported:
    """A debate ready to write: debate.yaml's data, node files by (kind, id), a source text, and a report."""

    debate: dict
    nodes: dict[tuple[str, str], dict] = field(default_factory=dict)
    source_text: str | None = None
    report: list[str] = field(default_factory=list)


def slug(text: str, words: int = 6) -> str:
    """An id from text: its first words, lowercase, joined by hyphens.

    >>> slug("It is incongruous that Bristol university is accused!")
    'it-is-incongruous-that-bristol-university'
    """
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(parts)[:48].strip("-") or "node"


def _label(text: str) -> str:
    words = text.split()
    return " ".join(words[:MAX_LABEL_WORDS]) + ("…" if len(words) > MAX_LABEL_WORDS else "")


def _unknown_source() -> dict:
    return {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")}


def from_json(data: dict) -> Imported:
    """Our own export (argmap export --format json), back into files."""
    if not isinstance(data, dict) or data.get("format") != "argmap-debate":
        raise ImportError_("not an argmap JSON export (its 'format' is not 'argmap-debate')")
    debate = data["debate"]
    rename = {}
    taken: set[str] = set()
    for node in data["nodes"]:
        wanted = node["id"] if is_valid_id(node["id"]) and node["id"] not in RESERVED_IDS else slug(node["statement"])
        rename[node["id"]] = free_id(wanted, taken)
        taken.add(rename[node["id"]])
    result = Imported({
        "title": debate["title"], "summary": debate["summary"], "source": debate["source"],
        "thesis": rename.get(debate["thesis"], debate["thesis"]), "perspectives": debate["perspectives"],
        **({"unmapped": debate["unmapped"]} if debate.get("unmapped") else {}),
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
        for key in ("occurrence", "rationale", "note"):
            if node.get(key) is not None:
                body[key] = node[key]
        if node.get("implicit"):
            body["implicit"] = True
        if node.get("assumed") is not None:
            body["assumed"] = node["assumed"]
        if node.get("tags"):
            body["tags"] = node["tags"]
        result.nodes[(node["kind"], rename[node["id"]])] = body
    claims = {new: body for (kind, new), body in result.nodes.items()}
    for step in data["supports"]:
        premises = [rename[p] for p in step["premises"]]
        target = rename[step["conclusion"]]
        claims[premises[0]].setdefault("supports", []).append(
            target if len(premises) == 1 else {"to": target, "with": premises[1:]})
    for attack in data["attacks"]:
        claims[rename[attack["attacker"]]].setdefault("attacks", []).append(rename[attack["target"]])
    for cut in data["undercuts"]:
        premises = [rename[p] for p in cut["premises"]]
        claims[rename[cut["undercutter"]]].setdefault("undercuts", []).append(
            {"from": premises[0] if len(premises) == 1 else premises, "to": rename[cut["conclusion"]]})
    return result


def from_aif(data: dict, name: str) -> Imported:
    """An AIF JSON file: I-nodes become claims, RA-nodes supports, CA-nodes attacks or undercuts."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise ImportError_("not AIF JSON: it needs 'nodes' and 'edges' lists")
    nodes = {str(n.get("nodeID")): n for n in data["nodes"] if isinstance(n, dict)}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for edge in data["edges"]:
        source, target = str(edge.get("fromID")), str(edge.get("toID"))
        if source in nodes and target in nodes:
            into.setdefault(target, []).append(source)
            out.setdefault(source, []).append(target)
    result = Imported({"title": name, "summary": f"Imported from the AIF file {name}.", "source": _unknown_source(),
                       "thesis": "", "perspectives": [{"id": "author", "name": "The author",
                                                       "description": "The voice of the imported map."}]})
    ids: dict[str, str] = {}
    taken: set[str] = set()
    skipped_types: dict[str, int] = {}
    for node_id, node in nodes.items():
        kind = node.get("type")
        text = " ".join(str(node.get("text") or "").split())
        if kind == "I" and text:
            ids[node_id] = free_id(slug(text), taken)
            taken.add(ids[node_id])
            result.nodes[("claim", ids[node_id])] = {"label": _label(text), "statement": text}
        elif kind == "I":
            result.report.append(f"I-node {node_id} has no text: not imported")
        elif kind not in ("RA", "CA"):
            skipped_types[kind] = skipped_types.get(kind, 0) + 1
    for kind, count in sorted(skipped_types.items(), key=lambda kv: str(kv[0])):
        result.report.append(f"{count} {kind}-node(s) not carried over (the format has no {kind}-nodes)")
    if data.get("locutions"):
        result.report.append(f"{len(data['locutions'])} locution(s) not carried over (the format has no dialogue)")
    body = {new: result.nodes[("claim", new)] for new in ids.values()}
    steps: dict[str, tuple[list[str], str]] = {}
    seen_steps: set = set()
    for node_id, node in nodes.items():
        if node.get("type") != "RA":
            continue
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
        for target in out.get(node_id, []):
            for attacker in attackers:
                if target in ids:
                    if ids[target] == attacker or (attacker, ids[target]) in supported:
                        result.report.append(f"CA-node {node_id}: '{attacker}' cannot attack '{ids[target]}' "
                                             "(itself, or a claim it supports): not imported")
                    elif ids[target] not in body[attacker].get("attacks", []):
                        body[attacker].setdefault("attacks", []).append(ids[target])
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
    if not ids:
        raise ImportError_("the file has no I-node with text: there is nothing to import")
    result.debate["thesis"] = _thesis(body)
    result.report.append(f"thesis (AIF has none): '{result.debate['thesis']}', the claim most others lead to")
    return result


def _thesis(body: dict[str, dict]) -> str:
    """The claim most nodes lead to through supports and attacks (AIF marks no thesis)."""
    toward: dict[str, set[str]] = {n: set() for n in body}
    for node, fields in body.items():
        targets = [s if isinstance(s, str) else s["to"] for s in fields.get("supports", [])]
        targets += fields.get("attacks", []) + [u["to"] for u in fields.get("undercuts", [])]
        for target in targets:
            toward[target].add(node)

    def reach(node: str) -> int:
        seen, todo = {node}, [node]
        while todo:
            for source in toward[todo.pop()] - seen:
                seen.add(source)
                todo.append(source)
        return len(seen)

    return max(sorted(body), key=reach)


def write_debate(root: Path, debate_id: str, imported: Imported, force: bool = False) -> Path:
    """Write the debate's files into arguments/<debate_id>/, all or nothing."""
    if not is_valid_id(debate_id):
        raise ImportError_(f"'{debate_id}' is not a valid debate id: use lowercase letters, digits and hyphens")
    base = root / ARGUMENTS
    target = base / debate_id
    if (target.exists() or target.is_symlink()) and not force:
        raise ImportError_(f"{ARGUMENTS}/{debate_id} exists already: choose another --debate, or pass --force")
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{debate_id}-", dir=base))
    try:
        _write_files(staging, imported)
        if target.exists() or target.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{debate_id}-old-", dir=base))
            target.rename(old / debate_id)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _write_files(folder: Path, imported: Imported) -> None:
    (folder / "debate.yaml").write_text(HEAD.format(up="../../", kind="debate") + _yaml(imported.debate), "utf-8")
    if imported.source_text is not None:
        (folder / "source.txt").write_bytes(imported.source_text.encode("utf-8"))
    for (kind, node_id), body in imported.nodes.items():
        sub = folder / ("claims" if kind == "claim" else "evidence")
        sub.mkdir(exist_ok=True)
        (sub / f"{node_id}.yaml").write_text(HEAD.format(up="../../../", kind=kind) + _yaml(body), "utf-8")


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def from_argdown_json(data: dict, name: str) -> Imported:
    """The JSON that `argdown json` writes: statements become claims, support and attack relations
    between statements become ours, premise-conclusion arguments linked supports, undercuts undercuts."""
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ImportError_("not the JSON of `argdown json`: it needs a 'statements' object")
    roles = {"thesis", "reason", "consequence", "risk", "objection", "rebuttal", "caveat", "condition", "background"}
    result = Imported({"title": name, "summary": f"Imported from the Argdown JSON file {name}.",
                       "source": _unknown_source(), "thesis": "",
                       "perspectives": [{"id": "author", "name": "The author",
                                         "description": "The voice of the imported map."}]})
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for title, statement in data["statements"].items():
        member = next((m for m in statement.get("members", []) if m.get("text")), None)
        text = _argdown_plain(member) if member else ""
        if not text:
            text = title
            result.report.append(f"statement [{title}] has no text: its title is used")
        ids[title] = free_id(slug(text), taken)
        taken.add(ids[title])
        body = {"label": _label(text), "statement": text}
        tags = [t for t in statement.get("tags", []) if isinstance(t, str)]
        role = next((t for t in tags if t in roles), None)
        if role:
            body["role"] = role
        kept = [t for t in tags if t != role and is_valid_id(t)]
        if kept:
            body["tags"] = kept
        dropped = [t for t in tags if t != role and not is_valid_id(t)]
        if dropped:
            result.report.append(f"statement [{title}]: tags {dropped} are not valid tags: not carried over")
        result.nodes[("claim", ids[title])] = body
    if not ids:
        raise ImportError_("the file has no statement: there is nothing to import")
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
        if source in ids and target in ids and relation.get("toType") == "equivalence-class":
            key = {"support": "supports", "attack": "attacks"}.get(kind)
            if key and source != target and ids[target] not in body[ids[source]].get(key, []):
                body[ids[source]].setdefault(key, []).append(ids[target])
                continue
        if kind == "undercut" and source in ids and target in steps:
            premises, conclusion = steps[target]
            if ids[source] not in premises:
                body[ids[source]].setdefault("undercuts", []).append(
                    {"from": premises[0] if len(premises) == 1 else premises, "to": conclusion})
                continue
        result.report.append(f"relation {kind} from {source} to {target}: not carried over")
    result.debate["thesis"] = _thesis(body)
    result.report.append(f"thesis (not marked in Argdown): '{result.debate['thesis']}', the claim most others lead to")
    return result


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
