"""Argdown: written as an Argdown document (statements, relations, linked and undercut steps
as arguments); read from the JSON that ``argdown json`` writes."""

from __future__ import annotations

import json
import re

from ..analysis import Analysis
from ..ids import RESERVED_IDS, FreeIds, is_valid_id
from ..model import Inference
from ..vocabulary import CONTRADICTS, CONTRARY, RELATIONS, ROLE_NAMES
from .folder import Imported, ImportRefused, imported_debate, most_reached, short_label, slug

__all__ = ["write", "read"]

_ARGDOWN_SPECIAL = re.compile(r"([\\\[\]<>#*_@])")
# "//" and "/*" start comments in Argdown: their slashes are escaped (a lone "/" is text, and
# inside a link Argdown keeps a backslash before one, so lone slashes are left alone).
_COMMENT_SLASH = re.compile(r"(?<=/)/|/(?=[/*])")


def _argdown_text(text: str) -> str:
    escaped = _ARGDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _COMMENT_SLASH.sub(r"\\/", escaped)


_SAFE_TITLE = re.compile(r"[^<>\[\]\n#@*_\\/{}():\s][^<>\[\]\n#@*_\\/{}():]*")
_TAG_BREAKS = re.compile(r"[()\\#\[\]<>]")
LINKED_STEP = "linked-step"  # the data of an argument our export writes for an unnamed linked (or undercut) step


def write(analysis: Analysis) -> str:
    """An Argdown document: a statement per claim and piece of evidence (its title our id), an argument per
    named argument (with its premise-conclusion structure), and the relations; a linked or undercut support
    step that is not part of a named argument is written as an argument marked ``{argmap: linked-step}``."""
    debate, graph = analysis.debate, analysis.graph
    # Argdown says "contrary" only in its strict mode, where every attack between two statements is read as one:
    # the document is strict when the debate has a contrary and no other attack between statements.
    titles = _titles(debate)
    statements = {n.id for n in debate.nodes.values() if n.id not in titles}
    between = [a for a in debate.attacks if a.attacker in statements and a.target in statements]
    strict = any(a.kind == CONTRARY.name for a in between) and all(
        RELATIONS[a.kind].symmetric for a in between)
    lines = ["===", f"title: {json.dumps(debate.title, ensure_ascii=False)}"] + (
        ["model:", "    mode: strict"] if strict else []) + ["===", ""]
    written: set[tuple] = set()
    plain = [s for s in debate.supports if not debate.in_structure(s)]
    linked = [s for s in plain if s.linked or graph.cuts_of_step.get(s.key)]
    single = set(plain) - set(linked)  # written as a relation under its premise

    def ref(node_id: str) -> str:
        return f"<{titles[node_id]}>" if node_id in titles else f"[{node_id}]"

    in_structure = {(frozenset(i.premises), i.conclusion) for n in debate.arguments for i in n.structure[:-1]}
    for node in debate.nodes.values():
        if node.id in titles:
            lines.append(f"<{titles[node.id]}>: {_argdown_text(node.statement)} {_tag_marks(node, debate.tag_names)}".rstrip())
        else:
            lines.append(f"[{node.id}]: {_argdown_text(node.statement)} {_tag_marks(node, debate.tag_names)}".rstrip())
        for step in graph.steps_from.get(node.id, ()):
            if step in single:
                lines.append(f"  +> {ref(step.conclusion)}")
        for attack in graph.attacks_from.get(node.id, ()):
            pair = (frozenset((attack.attacker, attack.target)), attack.kind)
            if attack.kind == CONTRADICTS.name or (attack.kind == CONTRARY.name and strict):
                if pair not in written and not attack.mirrored:  # one relation, which Argdown reads both ways
                    written.add(pair)
                    lines.append(f"  {'><' if attack.kind == CONTRADICTS.name else '->'} {ref(attack.target)}")
                continue
            lines.append(f"  {'_>' if attack.kind == 'undercuts' else '->'} {ref(attack.target)}")
        for cut in graph.cuts_from.get(node.id, ()):
            key = (frozenset(cut.premises), cut.conclusion)
            if key not in in_structure:
                lines.append(f"  _> <step-{graph.step_number[key]}>")
        lines.append("")
        if node.structure:
            lines += _pcs(node.structure, graph, ref) + [""]
    for step in linked:
        lines += [f"<step-{graph.step_number[step.key]}> {{argmap: {LINKED_STEP}}}", ""]
        lines += _pcs((Inference(step.premises, step.conclusion),), graph, ref) + [""]
    return "\n".join(lines)


def _titles(debate) -> dict[str, str]:
    """Each argument's Argdown title: its label where that reads back as the same label and id, else its id."""
    titles = {}
    for node in debate.arguments:
        label = node.label
        safe = _SAFE_TITLE.fullmatch(label) and label == label.strip() and "  " not in label
        titles[node.id] = label if safe and slug(label) == node.id and short_label(label) == label else node.id
    return titles


def _tag_marks(node, names) -> str:
    """A node's perspective, role and tags as Argdown tags; a tag with a name is written as named (it reads
    back as the same id and name), unless the name holds what ends a tag."""
    tags = [f"#({node.perspective})"] if node.perspective else []
    tags += [f"#({node.role})"] if node.role else ["#(evidence)"] if node.kind.value == "evidence" else []
    for tag in node.tags:
        name = names.get(tag, tag)
        plain = not _TAG_BREAKS.search(name) and _argdown_text(name) == name
        tags.append(f"#({name if plain else tag})")
    return " ".join(tags)


def _pcs(structure, graph, ref) -> list[str]:
    """A premise-conclusion structure: each step's new premises, its inference line (with ``uses`` where the
    premises are not the ones Argdown readers take by default) and its conclusion; undercuts under the line."""
    lines: list[str] = []
    number: dict[str, int] = {}
    previous: str | None = None
    for step in structure:
        new = [p for p in step.premises if p not in number]
        for premise in new:
            number[premise] = len(number) + 1
            lines.append(f"({number[premise]}) {ref(premise)}")
        default = ([previous] if previous else []) + new
        uses = "" if set(default) == set(step.premises) else \
            f" {{uses: [{', '.join(str(number[p]) for p in step.premises)}]}}"
        lines.append(f"--{uses} --" if uses else "----")
        for cut in graph.cuts_of_step.get((frozenset(step.premises), step.conclusion), ()):
            lines.append(f"  <_ {ref(cut.undercutter)}")
        number[step.conclusion] = len(number) + 1
        lines.append(f"({number[step.conclusion]}) {ref(step.conclusion)}")
        previous = step.conclusion
    return lines


# Argdown's own reading of relations between statements (@argdown/core, transformToArgumentRelationType and
# IRelation.isSymmetric): entails supports; contrary and contradictory attack, both ways.
_STATEMENT_RELATIONS = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "contrary",
                        "contradictory": "contradicts"}
_SYMMETRIC = ("contrary", "contradictory")
_FIELD_ORDER = ["label", "statement", "role", "tags", "structure", "supports", "attacks", "contrary", "contradicts",
                "undercuts"]


def read(data: dict, name: str) -> Imported:
    """The JSON that `argdown json` writes: statements become claims, arguments named arguments (with their
    premise-conclusion structures), relations ours; anything that cannot be carried is reported."""
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict):
        raise ImportRefused("not the JSON of `argdown json`: it needs a 'statements' object")
    roles = set(ROLE_NAMES)
    result = imported_debate(name, "Argdown JSON")
    ids: dict[str, str] = {}  # statement title -> id
    arg_ids: dict[str, str] = {}  # argument title -> id
    free = FreeIds()
    tag_names: dict[str, str] = {}  # a tag's id -> the tag as written, where the two differ
    for title, statement in data["statements"].items():
        members = [m for m in statement.get("members", []) if m.get("text") and m["text"].strip()]
        member = members[0] if members else None
        text = _argdown_plain(member) if member else ""
        others = [t for t in dict.fromkeys(_argdown_plain(m) for m in members[1:]) if t != text]
        if others:
            result.report.append(f"statement [{title}] has {len(others) + 1} different texts (an equivalence class): "
                                 f"the first is kept, {len(others)} more not carried over")
        if not text:
            text = title
            result.report.append(f"statement [{title}] has no text: its title is used")
        elif (differs := text_differences(member, text)) is not None:
            result.report.append(f"statement [{title}]: the text differs from the source's: {differs}")
        ids[title] = free.take(_own_id(title) or slug(text))
        body = {"label": short_label(text), "statement": text}
        _tags(body, statement.get("tags", []), roles, tag_names)
        result.nodes[("claim", ids[title])] = body
    arguments = data.get("arguments") or {}
    unnamed = {t: a for t, a in arguments.items() if (a.get("data") or {}).get("argmap") == LINKED_STEP}
    arguments = {t: a for t, a in arguments.items() if t not in unnamed}
    for title, argument in arguments.items():
        member = next((m for m in argument.get("members", []) if m.get("role") == "argument-description"
                       and (m.get("text") or "").strip() and not m.get("isReference")), None)
        text = _argdown_plain(member) if member else ""
        if member and (differs := text_differences(member, text)) is not None:
            result.report.append(f"argument <{title}>: the text differs from the source's: {differs}")
        arg_ids[title] = free.take(_own_id(title) or slug(title))
        body = {"label": short_label(title), "statement": text or title}
        _tags(body, argument.get("tags", []), (), tag_names)
        result.nodes[("argument", arg_ids[title])] = body
    if not ids and not arg_ids:
        raise ImportRefused("the file has no statement and no argument: there is nothing to import")
    if tag_names:
        result.debate["tags"] = dict(sorted(tag_names.items()))
        result.report.append(f"{len(tag_names)} tag(s) written as ids, each with the tag as written for its name "
                             f"(debate.yaml, tags): " + ", ".join(f"{v!r} -> {k}" for k, v in sorted(tag_names.items())))
    body = {node_id: fields for (_, node_id), fields in result.nodes.items()}
    structures: dict[str, list[dict]] = {}  # argument title -> its steps, by the index of each conclusion
    for title, argument in arguments.items():
        steps = _structure(title, argument.get("pcs") or [], ids, result.report)
        if steps:
            body[arg_ids[title]]["structure"] = [{"premises": p, "conclusion": c} for p, c, _ in steps]
            structures[title] = steps
    steps: dict[str, tuple[list[str], str]] = {}  # an unnamed step's title -> (premises, conclusion)
    for title, argument in unnamed.items():
        found = _structure(title, argument.get("pcs") or [], ids, result.report)
        if len(found) != 1:
            result.report.append(f"argument <{title}> is marked as one linked step but has {len(found)}: not imported")
            continue
        premises, conclusion, _ = found[0]
        steps[title] = (premises, conclusion)
        body[premises[0]].setdefault("supports", []).append(
            conclusion if len(premises) == 1 else {"to": conclusion, "with": premises[1:]})
    for relation in data.get("relations") or []:
        if relation.get("to") in steps and relation.get("relationType") == "undercut" \
                and relation.get("fromType") in ("equivalence-class", "argument"):
            source = (ids if relation["fromType"] == "equivalence-class" else arg_ids).get(relation.get("from"))
            premises, conclusion = steps[relation["to"]]
            if source is not None and source not in premises:
                cut = {"from": premises[0] if len(premises) == 1 else premises, "to": conclusion}
                if cut not in body[source].get("undercuts", []):  # (Argdown may list the same undercut twice)
                    body[source].setdefault("undercuts", []).append(cut)
                continue
        _relation(relation, ids, arg_ids, structures, body, result.report)
    dropped = _drop_contradictions(body, result.report)
    _unused(data, arguments, result.report)
    relations = data.get("relations") or []
    dropped += sum(1 for line in result.report if line.startswith("relation ") and ": not carried over (" in line)
    with_pcs = [t for t, a in arguments.items() if a.get("pcs")]
    result.report.append(
        f"carried over: {len(ids)} of {len(data['statements'])} statements, {len(arg_ids)} of {len(arguments)} "
        f"arguments ({len(structures)} of {len(with_pcs)} premise-conclusion structures), "
        f"{len(relations) - dropped} of {len(relations)} relations" + ("; the rest is listed above" if
                                                                       dropped or len(structures) < len(with_pcs)
                                                                       else ""))
    claims = [ids[t] for t in ids]
    if not claims:  # a map of arguments only (a Dung-style framework): its arguments are the claims
        plain = [arg_ids[t] for t in arguments if "structure" not in body[arg_ids[t]]]
        if not plain:
            raise ImportRefused("the file has no statement: a debate needs a claim for its thesis")
        for node_id in plain:
            result.nodes[("claim", node_id)] = result.nodes.pop(("argument", node_id))
        claims = plain
        result.report.append(f"the file has no statement (a map of arguments only): its {len(plain)} arguments are "
                             "imported as claims, with their relations, so that one can be the thesis")
    marked = [c for c in claims if body[c].get("role") == "thesis"]
    if len(marked) == 1:
        result.debate["thesis"] = marked[0]
        result.report.append(f"thesis: '{marked[0]}', the statement tagged #thesis")
    else:
        for claim in marked:
            del body[claim]["role"]
        result.debate["thesis"] = most_reached(body, among=claims)
        why = f"{len(marked)} statements are tagged #thesis (their tag is dropped)" if marked else "not marked in Argdown"
        result.report.append(f"thesis ({why}): '{result.debate['thesis']}', the claim most others lead to")
        body[result.debate["thesis"]]["role"] = "thesis" if marked else body[result.debate["thesis"]].get("role")
        if body[result.debate["thesis"]]["role"] is None:
            del body[result.debate["thesis"]]["role"]
    for key, fields in result.nodes.items():  # one order of fields, whatever the order of the relations
        result.nodes[key] = {k: fields[k] for k in sorted(fields, key=_FIELD_ORDER.index)}
    return result


def _unused(data: dict, arguments: dict, report: list[str]) -> None:
    """Say what of the document has no place in our format: inference rules, metadata, sections."""
    rules = [r for a in arguments.values() for s in a.get("pcs") or [] for r in (s.get("inference") or {})
             .get("inferenceRules") or []]
    if rules:
        report.append(f"{len(rules)} inference rule name(s) ({', '.join(sorted(set(rules))[:3])}"
                      f"{', ...' if len(set(rules)) > 3 else ''}) not carried over (our steps name no rule)")
    data_items = sum(1 for group in (data["statements"], data.get("arguments") or {}) for item in group.values()
                     for m in item.get("members") or [] if m.get("data")) + sum(
        1 for a in arguments.values() for s in a.get("pcs") or [] if (s.get("inference") or {}).get("data")
        and set(s["inference"]["data"]) - {"uses"})
    if data_items:
        report.append(f"{data_items} block(s) of metadata ({{...}}) not carried over (our format has no free metadata)")
    if data.get("sections"):
        report.append(f"{len(data['sections'])} section heading(s) not carried over (a debate is one list of nodes)")


def _drop_contradictions(body: dict[str, dict], report: list[str]) -> int:
    """A node that both supports and attacks (or undercuts, or is contrary to) another keeps the support; the rest
    is reported (and counted). A symmetric relation conflicts with a support either way."""
    dropped = 0

    def supported_by(node_id: str) -> set[str]:
        fields = body[node_id]
        found = set(s if isinstance(s, str) else s["to"] for s in fields.get("supports", []))
        if (fields.get("structure") or [{}])[-1].get("conclusion"):
            found.add(fields["structure"][-1]["conclusion"])
        return found

    for node_id, fields in body.items():
        supported = supported_by(node_id)
        for key in ("attacks", "contrary", "contradicts", "undercuts"):
            symmetric = RELATIONS[key].symmetric
            both = [t for t in fields.get(key, []) if isinstance(t, str)
                    and (t in supported or symmetric and t in body and node_id in supported_by(t))]
            for target in both:
                dropped += 1
                fields[key].remove(target)
                report.append(f"'{node_id}' both supports and {RELATIONS[key].verb.split()[0]}s '{target}' (or the other "
                              f"way): the {key} relation is not carried over (our format keeps one relation between "
                              "two nodes)")
            if key in fields and not fields[key]:
                del fields[key]
    return dropped


def _tags(body: dict, tags, roles, names: dict[str, str]) -> None:
    tags = [t for t in tags if isinstance(t, str)]
    role = next((t for t in tags if t in roles), None)
    if role:
        body["role"] = role
    kept = list(dict.fromkeys(_tag(t, names) for t in tags if t != role))
    if kept:
        body["tags"] = kept


def _structure(title: str, pcs: list, ids: dict[str, str], report: list[str]) -> list[tuple[list[str], str, int]]:
    """An argument's premise-conclusion structure as steps (premises, conclusion, the conclusion's index in
    the pcs). A step uses the statements its inference's ``uses`` names (numbered from 1) or, without it, the
    premises since the previous inference and that inference's conclusion."""
    steps: list[tuple[list[str], str, int]] = []
    since: list[str] = []
    for index, item in enumerate(pcs):
        statement = ids.get(item.get("title"))
        if statement is None:
            report.append(f"argument <{title}>: statement ({index + 1}) [{item.get('title')}] is unknown: its "
                          "structure is not imported")
            return []
        if item.get("role") == "premise":
            since.append(statement)
            continue
        uses = ((item.get("inference") or {}).get("data") or {}).get("uses")
        if uses is not None:
            if not isinstance(uses, list) or not all(isinstance(u, int) and 1 <= u <= index for u in uses):
                report.append(f"argument <{title}>: the inference to ({index + 1}) uses {uses!r}, which are not "
                              "statements above it: its structure is not imported")
                return []
            premises = [ids[pcs[u - 1]["title"]] for u in uses]
        else:
            premises = ([steps[-1][1]] if steps else []) + since
        premises = list(dict.fromkeys(premises))
        if not premises or statement in premises:
            report.append(f"argument <{title}>: the inference to ({index + 1}) has no premise other than its "
                          "conclusion: its structure is not imported")
            return []
        steps.append((premises, statement, index))
        since = []
    if steps and pcs and pcs[-1].get("role") != "main-conclusion":
        report.append(f"argument <{title}>: its structure does not end with a conclusion: not imported")
        return []
    for i, (_, conclusion, _) in enumerate(steps[:-1]):
        if not any(conclusion in later for later, _, _ in steps[i + 1:]):
            report.append(f"argument <{title}>: the intermediate conclusion [{conclusion}] is used by no later "
                          "inference: its structure is not imported")
            return []
    return steps


def _relation(relation: dict, ids, arg_ids, structures, body, report: list[str]) -> None:
    kind, source, target = relation.get("relationType"), relation.get("from"), relation.get("to")
    from_type = relation.get("fromType", "equivalence-class")  # Argdown's JSON names both; a statement otherwise
    to_type = relation.get("toType", "equivalence-class")
    names = {"equivalence-class": ids, "argument": arg_ids, "inference": arg_ids}
    what = f"relation {kind} from {_mark(source, from_type)} to {_mark(target, to_type)}"
    a, b = names.get(from_type, {}).get(source), names.get(to_type, {}).get(target)
    if a is None or b is None:
        report.append(f"{what}: not carried over (it names something that is not in the file)")
        return
    if a == b:
        report.append(f"{what}: not carried over (a node cannot bear on itself)")
        return
    if kind == "undercut":
        _undercut(relation, a, b, target, structures, body, report, what)
        return
    key = _STATEMENT_RELATIONS.get(kind)
    if key is None or to_type == "inference":
        report.append(f"{what}: not carried over (Argdown has no such relation)")
        return
    if key == "supports" and to_type == "argument" and structures.get(target):
        report.append(f"{what}: not carried over (Argdown reads it as a support of one of <{target}>'s premises, "
                      "and does not say which: support that premise instead)")
        return
    symmetric = kind in _SYMMETRIC
    if kind in ("contrary", "contradictory", "entails") and (from_type, to_type) != ("equivalence-class",) * 2:
        report.append(f"{what}: not carried over ({kind} relates statements only)")
        return
    if symmetric and a in body[b].get(key, []):
        return  # declared once: it holds both ways
    if b not in body[a].get(key, []):
        body[a].setdefault(key, []).append(b)
    if kind == "entails":
        report.append(f"{what}: carried over as {key}")


def _undercut(relation, a, b, target, structures, body, report, what) -> None:
    """An undercut of an argument's inference: of its last inference (or an argument without a structure),
    the argument itself; of an intermediate inference, that support step."""
    steps = structures.get(target, [])
    index = relation.get("conclusionIndex")
    step = next((s for s in steps if s[2] == index), None) if index is not None else None
    if step is None or step is steps[-1]:
        if b not in body[a].get("undercuts", []):
            body[a].setdefault("undercuts", []).append(b)
        return
    premises, conclusion, _ = step
    if a in premises:
        report.append(f"{what}: not carried over (a node cannot undercut an inference it is a premise of)")
        return
    cut = {"from": premises[0] if len(premises) == 1 else premises, "to": conclusion}
    if cut not in body[a].get("undercuts", []):
        body[a].setdefault("undercuts", []).append(cut)


def _mark(title, kind) -> str:
    return f"<{title}>" if kind in ("argument", "inference") else f"[{title}]"


def _own_id(title: str) -> str | None:
    """A title that is an id of ours already (as our export writes them) is kept: a round trip keeps every id."""
    return title if is_valid_id(title) and len(title) <= 64 and title not in RESERVED_IDS else None


def _tag(tag: str, names: dict[str, str]) -> str:
    """A tag as an id of ours: itself when it is one, else made from its words (and named after it)."""
    if is_valid_id(tag) and len(tag) <= 64:
        return tag
    made = slug(tag, words=8) or "tag"
    names.setdefault(made, tag)
    return made


def _argdown_plain(member: dict) -> str:
    """A statement's text without its tags. Argdown's tag ranges end on the tag's last character (``stop`` is
    inclusive: ``#pro`` at 39 is ``start: 39, stop: 42``; a plain tag's range may take the blank after it)."""
    text = member.get("text") or ""
    for item in sorted(member.get("ranges") or [], key=lambda r: -r.get("start", 0)):
        if item.get("type") == "tag":
            start, stop = item["start"], item["stop"] + 1
            tag = _TAG.match(text, start)
            if tag is not None and stop != tag.end():  # a range that does not cover its tag: the tag's own end
                stop = tag.end()
            text = text[:start] + text[stop:]
    return " ".join(text.split())


# A tag as Argdown writes it: "#(words in brackets)" or "#word" (up to a blank or a bracket).
_TAG = re.compile(r"#\([^)]*\)|#[^\s#()\[\]<>]+")


def text_differences(member: dict, kept: str) -> str | None:
    """How ``kept`` (the text an import writes) differs from the member's text with each tag removed as the tag
    itself reads (``#tag`` or ``#(tag)`` at the tag's start, whatever its range's end says), white space
    folded. None when they agree."""
    text = member.get("text") or ""
    for item in sorted(member.get("ranges") or [], key=lambda r: -r.get("start", 0)):
        if item.get("type") != "tag":
            continue
        start, tag = item.get("start", 0), str(item.get("tag", ""))
        for written in (f"#({tag})", f"#{tag}"):
            if text.startswith(written, start):
                text = text[:start] + " " + text[start + len(written):]
                break
        else:
            return f"its tag {tag!r} is not written where Argdown places it"
    expected = " ".join(text.split())
    return None if expected == kept else f"kept {kept!r}, the source reads {expected!r}"
