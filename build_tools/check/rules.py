"""Semantic rules: what the schema cannot say about a debate.

Each rule is a function ``(analysis, known) -> iterable of Diagnostic``: the
:class:`~build_tools.analysis.Analysis` of the assembled debate (its model, relation index and
the places of its quotes), and the :class:`Known` facts about the files behind the model: every node id that has a file,
valid or not (so that one broken file does not make every reference to it an error too),
and whether a source text exists but could not be read. :data:`DEBATE_RULES` lists them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .. import quotes
from ..analysis import Analysis
from ..diagnostics import Diagnostic, Severity, error, warning
from ..graph import strongly_connected
from ..ids import closest, did_you_mean
from ..model import NodeKind, Origin
from ..status import COMPUTED_WEIGHTS
from ..text import HIDDEN, describe
from ..vocabulary import RELATIONS, Label

__all__ = ["DEBATE_RULES", "MAX_LABEL_WORDS", "MAX_CHAIN_DEPTH", "Known", "ADJUSTABLE", "adjusted"]

MAX_LABEL_WORDS = 12


@dataclass(frozen=True)
class Known:
    ids: frozenset[str]
    source_unreadable: bool = False

    def __contains__(self, node_id: str) -> bool:
        return node_id in self.ids

    def __iter__(self):
        return iter(sorted(self.ids))


def thesis(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    where = debate.origins.get("thesis", debate.origin)
    node = debate.nodes.get(debate.thesis)
    if node is None and debate.thesis not in known:
        yield error(where, "unknown-thesis", f"the thesis '{debate.thesis}' has no file claims/{debate.thesis}.yaml"
                     f"{did_you_mean(debate.thesis, debate.nodes)}")
    elif node is not None and node.kind is not NodeKind.CLAIM:
        what = "evidence" if node.kind is NodeKind.EVIDENCE else "an argument"
        yield error(where, "wrong-target", f"the thesis '{debate.thesis}' is {what}: the thesis must be a claim")
    elif node is not None and node.role not in (None, "thesis"):
        yield error(node.where("role"), "thesis-role", "this claim is the debate's thesis: its role must be 'thesis'")
    for other in debate.claims if node is not None else ():
        if other.role == "thesis" and other.id != debate.thesis:
            yield error(other.where("role"), "thesis-role",
                         f"only the debate's thesis ('{debate.thesis}') has the role 'thesis': choose another role")


def perspectives(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    ids = [p.id for p in debate.perspectives]
    seen: set[str] = set()
    for i, pid in enumerate(ids):
        if pid in seen:
            yield error(debate.origins.get(f"perspectives.{i}.id", debate.origin), "duplicate-id",
                         f"the perspective id '{pid}' is used twice")
        seen.add(pid)
    for node in debate.nodes.values():
        if node.perspective is not None and node.perspective not in seen:
            yield error(node.where("perspective"), "unknown-perspective",
                         f"no perspective '{node.perspective}' in debate.yaml{did_you_mean(node.perspective, seen)}"
                         f" (declared: {', '.join(ids)})")
    for i, p in enumerate(debate.perspectives):  # what a voice grants or disputes names nodes of the debate
        for field in ("grants", "disputes"):
            for node_id in getattr(p, field):
                where = debate.origins.get(f"perspectives.{i}.{field}", debate.origin)
                yield from _reference(debate, known, where, node_id, f"{p.id}: {field}", ANY)


def classification(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """With a source text, every claim has a role and a perspective."""
    debate = analysis.debate
    if debate.source_text is None:
        return
    for node in debate.claims:
        for name in ("role", "perspective"):
            if getattr(node, name) is None:
                yield error(node.origin, f"missing-{name}",
                             f"a claim of a debate with a source text needs a {name}: add '{name}:'")


CLAIMS = frozenset({NodeKind.CLAIM})
CLAIMS_OR_ARGUMENTS = frozenset({NodeKind.CLAIM, NodeKind.ARGUMENT})
STATEMENTS = frozenset({NodeKind.CLAIM, NodeKind.EVIDENCE})  # what an argument's structure is made of
ARGUMENTS = frozenset({NodeKind.ARGUMENT})
ANY = frozenset(NodeKind)
_TARGETS = {
    CLAIMS: "claims", CLAIMS_OR_ARGUMENTS: "claims or arguments", STATEMENTS: "claims or evidence",
    ARGUMENTS: "named arguments (undercut a support step with {from, to})",
}


def references(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """Every id a relation names exists; supports, attacks and undercuts target claims or arguments;
    an argument's structure is made of claims and evidence."""
    debate = analysis.debate
    for step in debate.supports:
        author = debate.nodes.get(step.declared_by)
        if author is not None and author.structure and step.declared_by not in step.premises:
            # a step of an argument's structure: it concludes a claim (or, the last step, the argument itself)
            if step.conclusion != step.declared_by:
                yield from _reference(debate, known, step.origin, step.conclusion, "conclusion", CLAIMS)
            for premise in step.premises:
                yield from _reference(debate, known, step.origin, premise, "premises", STATEMENTS)
            continue
        where = "conclusion" if author is not None and author.conclusion == step.conclusion and author.structure \
            else "supports"
        yield from _reference(debate, known, step.origin, step.conclusion, where,
                              CLAIMS if where == "conclusion" else CLAIMS_OR_ARGUMENTS)
        for premise in step.premises[1:]:
            yield from _reference(debate, known, step.origin, premise, "with", ANY)
    for attack in debate.attacks:
        allowed = ARGUMENTS if attack.kind == "undercuts" else CLAIMS_OR_ARGUMENTS
        yield from _reference(debate, known, attack.origin, attack.target, attack.kind, allowed)
    for node in debate.nodes.values():
        for required in node.requires:
            if required == node.id:
                yield error(node.where("requires"), "self-reference", f"'{node.id}' cannot require itself")
            else:
                yield from _reference(debate, known, node.where("requires"), required, "requires", CLAIMS)
    for cut in debate.undercuts:
        yield from _reference(debate, known, cut.origin, cut.conclusion, "undercuts", CLAIMS_OR_ARGUMENTS)
        for premise in cut.premises:
            yield from _reference(debate, known, cut.origin, premise, "undercuts", ANY)


def _reference(debate, known, origin, target, relation, allowed=ANY) -> Iterator[Diagnostic]:
    node = debate.nodes.get(target)
    if node is None and target not in known:
        near = closest(target, known)
        hint = f"; the closest existing id is '{near}'" if near else ""
        yield error(origin, "unknown-reference", f"'{relation}' names '{target}', which does not exist{hint}")
    elif node is not None and node.kind not in allowed:
        what = "evidence" if node.kind is NodeKind.EVIDENCE else f"a{'n' if node.kind.value[0] in 'ae' else ''} " \
            f"{node.kind.value}"
        yield error(origin, "wrong-target", f"'{relation}' names '{target}', which is {what}: "
                     f"'{relation}' names {_TARGETS[allowed]}")


def self_reference(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    for step in debate.supports:
        if step.conclusion in step.premises:
            yield error(step.origin, "self-reference", f"'{step.conclusion}' cannot support itself")
        elif len(set(step.premises)) < len(step.premises):
            yield error(step.origin, "self-reference", "a node cannot be linked with itself: remove it from 'with'")
    for attack in debate.attacks:
        if attack.target == attack.attacker:
            yield error(attack.origin, "self-reference", f"'{attack.attacker}' cannot {RELATIONS[attack.kind].verb} itself")
    for cut in debate.undercuts:
        if cut.undercutter in cut.premises:
            yield error(cut.origin, "self-undercut",
                         f"'{cut.undercutter}' cannot undercut a support step of which it is itself a premise")


def structures(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """An argument's structure is a chain: each intermediate conclusion is a premise of a later step; an argument
    with a structure holds by its structure alone, so nothing else supports it."""
    debate = analysis.debate
    for step in debate.supports:
        target = debate.nodes.get(step.conclusion)
        if target is not None and target.structure and step.declared_by != target.id:
            yield error(step.origin, "supports-structure",
                         f"'{target.id}' is an argument with a structure: it holds when its premises do, so support "
                         f"one of its premises ({', '.join(target.structure[-1].premises)}) instead")
    for node in debate.arguments:
        if node.structure:
            for key in RELATIONS:
                if key in node.origins:
                    yield error(node.where(key), "argument-relation",
                                 f"an argument with a structure bears on others through its main conclusion (as "
                                 f"Argdown reads it): move '{key}' to the file of '{node.conclusion}'")
        for i, step in enumerate(node.structure[:-1]):
            if not any(step.conclusion in later.premises for later in node.structure[i + 1:]):
                yield error(node.where(f"structure.{i}.conclusion"), "loose-step",
                             f"the intermediate conclusion '{step.conclusion}' is not a premise of any later step: "
                             "add it to a later step's premises, or make it a separate argument")


def contradictions(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    supported = {(s.declared_by, s.conclusion) for s in debate.supports}
    for attack in debate.attacks:
        if attack.attacker != attack.target and (attack.attacker, attack.target) in supported:
            yield error(attack.origin, "contradictory-relation",
                         f"'{attack.attacker}' both supports and attacks '{attack.target}': keep one")


def undercut_targets(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """An undercut names a support step that exists, exactly (all premises of a linked one)."""
    debate = analysis.debate
    steps = {s.key for s in debate.supports}
    for cut in debate.undercuts:
        if (frozenset(cut.premises), cut.conclusion) in steps:
            continue
        if not all(p in debate.nodes for p in (*cut.premises, cut.conclusion)):
            continue  # reported by `references`
        into = [s for s in debate.supports if s.conclusion == cut.conclusion and set(cut.premises) & set(s.premises)]
        if into:
            forms = " or ".join(f"from: [{', '.join(s.premises)}]" for s in into)
            hint = f": the support is linked; write {forms}"
        else:
            hint = ": add the support to the premise's file, or correct 'from' and 'to'"
        yield error(cut.origin, "unknown-support",
                     f"no support from {' + '.join(cut.premises)} to '{cut.conclusion}' to undercut{hint}")


def support_cycles(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    graph: dict[str, set[str]] = defaultdict(set)
    for step in debate.supports:
        for premise in step.premises:
            graph[premise].add(step.conclusion)
    for component in _cycles(graph):
        first = min(component)
        node = debate.nodes.get(first)
        origin = node.where("supports") if node else debate.origin
        cycle = " -> ".join(sorted(component) + [first])
        yield warning(origin, "support-cycle", f"circular support: {cycle}")


def _cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected parts of ``graph`` that hold a cycle, each after the parts it leads to."""
    nodes = sorted(set(graph) | {n for targets in graph.values() for n in targets})
    after = {node: tuple(sorted(graph.get(node, ()))) for node in nodes}
    parts = strongly_connected({node: i for i, node in enumerate(nodes)}, after)
    return [part for part in reversed(parts) if len(part) > 1 or part[0] in graph.get(part[0], ())]


def connected(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """Every node is part of the map: a chain of relations joins it to the thesis, or to a position of an issue (a
    question the text weighs), either way (what bears on them, and what they bear on)."""
    debate, graph = analysis.debate, analysis.graph
    if debate.thesis not in debate.nodes:
        return
    # What bears on the thesis, through chains of relations; the positions of an issue are joined by their issue
    # (weighed against each other), so what bears on a rival of a position reached is reached too.
    reached = set(graph.depth)
    todo = list(reached)
    rivals = {p: issue.positions for issue in debate.issues for p in issue.positions}
    while todo:
        node = todo.pop()
        for other in (*graph.toward.get(node, ()), *rivals.get(node, ())):
            if other not in reached and other in debate.nodes:
                reached.add(other)
                todo.append(other)
    for node in debate.nodes.values():
        if node.id in reached:
            continue
        bears_on = sorted(graph.targets(node.id) | {s.conclusion for s in graph.steps_from.get(node.id, ())})
        if bears_on:
            message = (f"'{node.id}' bears on {', '.join(repr(n) for n in bears_on[:3])}, but no chain of relations "
                       f"joins it to the thesis '{debate.thesis}' or to a position of an issue: connect what it bears "
                       "on to one of them, or make it bear on a claim that is")
        else:
            message = (f"'{node.id}' has no relation to any claim, so nothing joins it to the thesis "
                       f"'{debate.thesis}' or to a position of an issue: add a supports, attacks or undercuts relation")
        yield warning(node.origin, "disconnected", message)


def issues(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """Issues name existing claims as positions, each claim a position of one issue at most; ids are unique."""
    debate = analysis.debate
    seen_ids: set[str] = set()
    position_of: dict[str, str] = {}
    for issue in debate.issues:
        if issue.id in seen_ids:
            yield error(issue.origin, "duplicate-id", f"the issue id '{issue.id}' is used twice")
        seen_ids.add(issue.id)
        for position in issue.positions:
            yield from _reference(debate, known, issue.origin, position, "positions", CLAIMS)
            if position in position_of:
                yield error(issue.origin, "issue-position",
                             f"'{position}' is already a position of the issue '{position_of[position]}': a claim "
                             "answers one issue at most")
            position_of.setdefault(position, issue.id)


def weights(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """Weights per perspective name perspectives; a weight on an attack outside an issue is not used."""
    debate = analysis.debate
    perspectives = {p.id for p in debate.perspectives}
    positions = {p for issue in debate.issues for p in issue.positions}
    weighed = [(s.origin, s.weighing) for s in debate.supports] + [(a.origin, a.weighing) for a in debate.attacks]
    for origin, weighing in weighed:
        for perspective in (weighing.weights if weighing else {}):
            if perspective not in perspectives:
                yield error(origin, "unknown-perspective",
                             f"'weights' names '{perspective}', which is not a perspective of debate.yaml"
                             f"{did_you_mean(perspective, perspectives)}")
    yield from _criteria(debate)
    yield from _preferences(debate)
    yield from _inert_weights(analysis)
    for origin, weighing in weighed:
        if weighing is not None and weighing.function in COMPUTED_WEIGHTS and (weighing.weight is not None
                                                                             or weighing.weights):
            yield warning(origin, "ignored-weight",
                           f"a {weighing.function} weighing computes the argument's weight itself: 'weight' and "
                           "'weights' are not used; remove them, or weigh the argument as linked (the default)")
    issues_of: dict[str, list[str]] = {}
    for issue in debate.issues:
        for p in issue.positions:
            issues_of.setdefault(p, []).append(issue.id)
    into = [(s.origin, s.weighing, s.conclusion, "support", s.premises[0]) for s in debate.supports
            if not debate.in_structure(s)]
    into += [(a.origin, a.weighing, a.target, "attack", a.attacker) for a in debate.attacks if not a.mirrored]
    for origin, weighing, target, what, source in into:
        if target not in issues_of or set(issues_of.get(source, ())) & set(issues_of[target]):
            continue  # not into a position (or between two positions of one issue, which adds nothing)
        if weighing is None or (weighing.function in ("linked", "constant", "convergent") and weighing.weight is None
                                and not weighing.weights):
            yield warning(origin, "unweighed-relation",
                           f"'{target}' is a position of the issue '{issues_of[target][0]}', where every argument is "
                           f"weighed: this {what} from '{source}' gives no weight, so it weighs 1, the most of any: "
                           f"write it as {{to: {target}, weight: low | medium | high, why: ...}}")
    for attack in debate.attacks:
        if attack.weighing is not None and attack.target not in positions:
            yield warning(attack.origin, "unused-weight",
                           f"'{attack.target}' is not a position of an issue, so this attack defeats it whatever "
                           "its weight: make it a position of an issue in debate.yaml, or drop the weight")
    for node in debate.nodes.values():
        if node.open and node.assumed is not None:
            yield error(node.where("open"), "open-assumed",
                         "an open condition is neither granted nor refuted: remove 'assumed' or 'open'")


def _inert_weights(analysis: Analysis) -> Iterator[Diagnostic]:
    """A weight given for a perspective to an argument that can never hold from that perspective's premises: a
    premise that is out from them with the open conditions settled either way (all holding, all failing: the two
    cases a reader can make of them at once, :attr:`Analysis.settlements`; a condition may answer a risk, so
    granting is not always the best case), or that the perspective disputes."""
    debate = analysis.debate
    known = {p.id for p in debate.perspectives}
    best: dict[str, dict] = {}
    arguments = [(s.origin, s.weighing, s.premises) for s in debate.supports] + \
                [(a.origin, a.weighing, (a.attacker,)) for a in debate.attacks if not a.mirrored]
    for origin, weighing, premises in arguments:
        for perspective in (weighing.weights if weighing else {}):
            if perspective not in known:
                continue  # reported as unknown-perspective
            if perspective not in best:
                best[perspective] = tuple(analysis.settled(way, perspective) for way in analysis.settlements)
            dead = [p for p in premises if p in debate.nodes
                    and all(case[p].label is Label.OUT for case in best[perspective])]
            if dead:
                yield warning(origin, "inert-weight",
                               f"the weight for '{perspective}' never takes effect: from that perspective's premises "
                               f"'{dead[0]}' does not hold, with the open conditions all holding or all failing: grant what it "
                               "rests on in the perspective (debate.yaml, grants), or drop the weight")


def _preferences(debate) -> Iterator[Diagnostic]:
    """A preference weighing can rank its argument: the argument has every property its preference names."""
    for step in debate.supports:
        weighing = step.weighing
        if weighing is None or weighing.function != "preference":
            continue
        for item in weighing.preference:
            if item["property"] not in weighing.properties:
                yield error(step.origin, "missing-property",
                             f"the preference ranks by '{item['property']}', but this argument has no such property: "
                             f"add 'properties: {{{item['property']}: ...}}' beside 'weighing'")


def _criteria(debate) -> Iterator[Diagnostic]:
    """A criteria weighing can score its argument: its hard criteria index premises, and each soft
    criterion is given a value by a premise (or by a position of a premise's issue)."""
    positions = {p: issue.positions for issue in debate.issues for p in issue.positions}
    for step in debate.supports:
        criteria = step.weighing.criteria if step.weighing and step.weighing.function == "criteria" else None
        if criteria is None:
            continue
        for index in criteria.get("hard", ()):
            if index >= len(step.premises):
                yield error(step.origin, "bad-criterion",
                             f"the hard criterion {index} names a premise the support does not have: it has "
                             f"{len(step.premises)}, counted from 0: this node, then each of 'with'")
        given = {debate.nodes[n].criterion[0] for p in step.premises if p in debate.nodes
                 for n in positions.get(p, (p,)) if n in debate.nodes and debate.nodes[n].criterion}
        for name in criteria.get("soft", {}):
            if name not in given:
                yield error(step.origin, "bad-criterion",
                             f"the soft criterion '{name}' gets no value: none of the premises gives it one; add "
                             f"'criterion: {{name: {name}, value: ...}}' to the premise that does")


MAX_CHAIN_DEPTH = 100


def chain_depth(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """No node is more than MAX_CHAIN_DEPTH relations from the thesis (reported where a chain crosses it)."""
    for node_id, depth in analysis.graph.depth.items():
        if depth == MAX_CHAIN_DEPTH + 1:
            yield error(analysis.debate.nodes[node_id].origin, "chain-too-deep",
                         f"'{node_id}' is more than {MAX_CHAIN_DEPTH} relations away from the thesis: a chain of "
                         "reasons this long cannot be read on a map; shorten it, or split it into several debates")


def quoting(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    if known.source_unreadable:
        return  # the unreadable source.txt is reported; quotes cannot be checked against it
    text = debate.source_text
    for node in debate.nodes.values():
        if node.implicit:
            if not node.rationale:
                yield error(node.where("implicit"), "implicit-rationale",
                             "an implicit node needs a 'rationale': say why the map needs this unstated premise")
            if node.quotes:
                yield error(node.where("quote"), "implicit-quote",
                             "an implicit node is not in the text, so it has no quote: remove 'quote' or 'implicit'")
            continue
        if not node.quotes:
            if text is not None:
                yield error(node.origin, "missing-quote",
                             "add a 'quote' copied from source.txt, or mark the node 'implicit: true' with a rationale")
            continue
        if text is None:
            yield warning(node.where("quote"), "unverifiable-quote",
                           "the debate has no source.txt, so this quote cannot be checked")
            continue
        if node.occurrence is not None and len(node.quotes) > 1:
            yield error(node.where("occurrence"), "bad-occurrence",
                         "'occurrence' applies to a single quoted passage: with a list, quote each passage so "
                         "that it occurs only once")
            continue
        found = analysis.quotes.found[node.id]
        for i, passage in enumerate(node.quotes):
            field = f"quote.{i}" if len(node.quotes) > 1 else "quote"
            yield from _check_quote(passage, found[i], node.occurrence,
                                    lambda which, node=node, field=field: node.where(which or field),
                                    analysis.quotes)


def unmapped(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """Sentences left out on purpose are found in the source, and are not quoted after all."""
    debate = analysis.debate
    text = debate.source_text
    if not debate.unmapped or known.source_unreadable:
        return
    if text is None:
        yield warning(debate.unmapped[0].origin, "unverifiable-quote",
                     "'unmapped' lists sentences of a source text, but the debate has no source.txt")
        return
    index = analysis.quotes
    quoted = [span for node_id in index.found for span in index.grounded(node_id) if span]
    for i, item in enumerate(debate.unmapped):
        problems = list(_check_quote(item.quote, index.unmapped[i], None, lambda _, item=item: item.origin, index))
        yield from problems
        span = index.unmapped_span(i)
        if not problems and any(start < span[1] and end > span[0] for start, end in quoted):
            yield warning(item.origin, "stale-unmapped",
                           "this passage is listed as unmapped, but a node quotes it: remove it from 'unmapped'")


def _check_quote(passage: str, spans: tuple[quotes.Span, ...], occurrence: int | None,
                 where: Callable[[str | None], Origin], index: quotes.QuoteIndex) -> Iterator[Diagnostic]:
    """``passage`` is in the text, once or as ``occurrence`` says; ``where(None)`` is where the passage is
    written and ``where("occurrence")`` where its occurrence is (asked only for a diagnostic)."""
    text = index.text
    if not spans:
        near = index.closest(passage)
        hint = ""
        if near:
            line, column = index.lines.position(near[0])
            shown = " ".join(text[near[0]:near[1]].split())
            hint = f"; the closest passage (source.txt:{line}:{column}) is \"{shown}\""
        yield error(where(None), "quote-not-found", f"the quote is not in the source text{hint}")
    elif occurrence is not None and occurrence > len(spans):
        yield error(where("occurrence"), "bad-occurrence",
                     f"'occurrence: {occurrence}' but the quote occurs {_count(spans)} time(s) in the source")
    elif len(spans) > 1 and occurrence is None:
        lines = ", ".join(str(index.lines.position(s)[0]) for s, _ in spans[:_LISTED])
        more = ", ..." if len(spans) > _LISTED else ""
        yield error(where(None), "quote-ambiguous",
                     f"the quote occurs {_count(spans)} times in the source (lines {lines}{more}): quote a longer "
                     "passage, or add 'occurrence: N' to say which")


_LISTED = 10  # lines listed for an ambiguous quote


def _count(spans) -> str:
    return f"more than {quotes.MAX_OCCURRENCES - 1}" if len(spans) >= quotes.MAX_OCCURRENCES else str(len(spans))


def labels(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    for node in debate.nodes.values():
        words = len(node.label.split())
        if words > MAX_LABEL_WORDS:
            yield warning(node.where("label"), "long-label",
                           f"the label has {words} words: keep it to {MAX_LABEL_WORDS} or fewer so the map stays legible")


def citations(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    debate = analysis.debate
    for node in debate.evidence:
        citation = node.citation
        if citation.basis == "primary-source" and citation.url == "unknown":
            yield error(node.where("citation.url"), "citation-url",
                         "'basis: primary-source' needs the primary source's URL: give it, or say "
                         "'named-in-article' or 'article-only'")
        elif citation.basis != "primary-source" and citation.url != "unknown":
            yield warning(node.where("citation.basis"), "citation-basis",
                           "the citation links a source, so its basis is 'primary-source'")


# How many relations (each premise of a support, each attack, each premise of an undercut: the edges of a map)
# one node may take part in, and a debate may hold: a few dozen attackers that each attack the same few dozen
# claims, from as many small files, would otherwise make Graphviz take minutes over every map that shows them.
MAX_NODE_RELATIONS = 200
MIN_DEBATE_RELATIONS = 2000  # a debate may always hold this many; beyond it, at most 4 per node
RELATIONS_PER_NODE = 4


def relation_counts(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """No node in more than MAX_NODE_RELATIONS relations; no debate with more than max(MIN_DEBATE_RELATIONS,
    RELATIONS_PER_NODE x its nodes). Counted in one pass over the relations."""
    debate = analysis.debate
    count: dict[str, int] = {}
    total = 0
    for step in debate.supports:
        for node in (*step.premises, step.conclusion):
            count[node] = count.get(node, 0) + 1
        total += len(step.premises)
    for attack in debate.attacks:
        for node in (attack.attacker, attack.target):
            count[node] = count.get(node, 0) + 1
        total += 1
    for cut in debate.undercuts:
        count[cut.undercutter] = count.get(cut.undercutter, 0) + 1
        total += 1
    for node_id, n in count.items():
        if n > MAX_NODE_RELATIONS and node_id in debate.nodes:
            yield error(debate.nodes[node_id].origin, "too-many-relations",
                         f"'{node_id}' takes part in {n} relations, more than the {MAX_NODE_RELATIONS} a map can show "
                         "readably: group its reasons into fewer, stronger ones, or split the debate")
    limit = max(MIN_DEBATE_RELATIONS, RELATIONS_PER_NODE * len(debate.nodes))
    if total > limit:
        yield error(debate.origin, "too-many-relations",
                     f"the debate has {total} relations among {len(debate.nodes)} nodes, more than its limit of "
                     f"{limit} (at least {MIN_DEBATE_RELATIONS}, else {RELATIONS_PER_NODE} a node): its maps could "
                     "not be drawn in reasonable time; remove relations that repeat others, or split the debate")


_NODE_TEXTS = ("label", "statement", "note", "rationale", "caution")


def hidden_characters(analysis: Analysis, known: Known) -> Iterator[Diagnostic]:
    """A warning for a bidirectional control or an invisible zero-width character in a text readers read: it
    can make a text read otherwise than it is written ("Trojan Source"). Right-to-left text may need some: a
    debate can turn the warning off (``checks: {hidden-character: ignore}``)."""
    debate = analysis.debate
    # (where a text is written is worked out only for a text with such a character: most have none)
    texts = [(lambda name=name: debate.origins.get(name, debate.origin), getattr(debate, name))
             for name in ("title", "summary")]
    texts += [(lambda: debate.origin, p.name) for p in debate.perspectives]
    for node in debate.nodes.values():
        texts += [(lambda node=node, name=name: node.where(name), getattr(node, name)) for name in _NODE_TEXTS]
        texts += [(lambda node=node: node.where("quote"), quote) for quote in node.quotes]
    for origin, text in texts:
        found = HIDDEN.search(text) if text else None
        if found:
            yield warning(origin(), "hidden-character",
                           f"{describe(found.group(0))} is an invisible character that can change how the text "
                           "around it reads: remove it, unless right-to-left text needs it")


DEBATE_RULES = (
    thesis, perspectives, classification, references, structures, issues, weights, self_reference, contradictions,
    undercut_targets, support_cycles, connected, chain_depth, relation_counts, quoting, unmapped, labels, citations,
    hidden_characters,
)

# The warnings a debate may turn off, or make errors, in its debate.yaml (``checks: {disconnected: ignore}``): what
# is a fault in a map written by hand can be a feature of an imported one (real maps have parts not connected).
# Errors are never adjustable: they are what the build cannot render or the format does not allow.
ADJUSTABLE = ("disconnected", "support-cycle", "unused-weight", "unverifiable-quote", "stale-unmapped",
              "long-label", "citation-basis", "hidden-character", "ignored-weight", "unweighed-relation",
              "inert-weight")


def adjusted(diagnostics: list[Diagnostic], checks: Mapping[str, str]) -> list[Diagnostic]:
    """The rules' diagnostics with a debate's own settings applied: ``ignore`` drops a warning, ``error`` makes it one.

    >>> found = [Diagnostic("d.yaml", 1, 1, Severity.WARNING, "disconnected", "x"),
    ...          Diagnostic("d.yaml", 2, 1, Severity.WARNING, "long-label", "y")]
    >>> [(d.code, d.severity.value) for d in adjusted(found, {"disconnected": "ignore", "long-label": "error"})]
    [('long-label', 'error')]
    """
    kept = []
    for d in diagnostics:
        level = checks.get(d.code) if d.code in ADJUSTABLE else None
        if level == "ignore":
            continue
        kept.append(replace(d, severity=Severity.ERROR) if level == "error" else d)
    return kept
