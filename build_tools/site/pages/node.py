"""A page per claim and per piece of evidence, laid out as a pro/con view: the claim and its outcome in a
sentence, what speaks for it and against it side by side (heaviest first), its focus map, then the details:
why the outcome, the weighing, the quotes, the citation, what it bears on."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...escape import html_link, html_text, markdown_text
from ...model import Node, NodeKind, Support, Undercut
from ...prose import explain
from ...quotes import paragraph_number
from ...status import LINKED
from ...vocabulary import (
    ATTACKS,
    BASIS_NAMES,
    KIND_NAMES,
    ROLE_NAMES,
    STANDARDS,
    SUPPORTS,
    UNDERCUTS,
    weight_word,
    acting_as,
)
from ..urls import relative_url
from .common import Page, PageContext, heading
from .procon import for_and_against
from .switches import switches

__all__ = ["node_page"]


def node_page(ctx: PageContext, node: Node) -> Page:
    """The node's page. Markdown holds what people wrote and search should find (the label, the statement, the
    quotes, the citation, the note) and the headings; the generated parts (whose it is, its outcome and why, what
    speaks for and against it, its facts, its relations) are escaped HTML that goes in after Markdown as
    fragments (see PageContext.fragment): Markdown has nothing to add to them, and search need not index
    every neighbour's label on every page."""
    page, d = ctx.layout.node(node), ctx.debate
    lines = [*heading(node.label, hide_toc=True,
                      description=f"{ctx.debate.title}: {node.statement}")]
    # the article's words first, marked as the article's; ours after them, marked as ours
    if node.implicit:
        lines += [ctx.fragment(page, "unstated", _admonition(
            "note", "The article does not state this: it is our reconstruction", node.rationale or "")), ""]
    lines += _quotes(ctx, page, node)
    lines += [f"**In our words:** {markdown_text(node.statement)}", "{: .argmap-ours }", ""]
    top = [_whose(ctx, page, node), *_outcome(ctx, page, node)]
    if node.caution:
        top.append(_admonition("warning", "Read with care", node.caution))
    lines += [ctx.fragment(page, "top", "\n".join(top)), ""]
    lines += _structure(ctx, page, node)
    procon = "\n".join(for_and_against(ctx, page, node.id)).strip()
    lines += [ctx.fragment(page, "procon", procon if procon.startswith("<") else f"<p>{html_text(procon)}</p>"), ""]
    under = ""
    if _waits_on_conditions(ctx, node):  # the conditions as switches, under the map they relabel
        issue = next((i for i in ctx.debate.issues if node.id in i.positions), None)
        under = ctx.fragment(page, "switches", switches(ctx, page, issue.positions if issue else (node.id,)))
    lines += ["## Around this " + node.kind.value, "", ctx.map_block(page, f"focus-{node.id}", "This map", under), ""]
    lines += ["## About this " + node.kind.value, "", ctx.fragment(page, "facts", _facts(ctx, page, node)), ""]
    lines += ["## Why this outcome", "", ctx.fragment(page, "why", _why(ctx, page, node)), ""]
    lines += _issue(ctx, page, node)
    if node.citation:
        lines += _citation(node)
    lines += _relations(ctx, page, node)
    if node.note:
        lines += ["## Note on the encoding", "", markdown_text(node.note), ""]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/{node.kind.folder}/{node.id}.yaml")


def _admonition(kind: str, title: str, text: str) -> str:
    """An admonition as Python-Markdown's extension writes it."""
    return (f'<div class="admonition {kind}">\n<p class="admonition-title">{html_text(title)}</p>\n'
            f"<p>{html_text(' '.join(text.split()))}</p>\n</div>")


def _html_links(ctx: PageContext, page: str, words: Callable[[Callable[[str], str]], str]) -> str:
    """``words(name)``, text made by the pipeline with ``name(node_id)`` where a node is named, as escaped HTML
    with each node a link to its page."""
    marked = words(lambda node_id: f"\x00{node_id}\x00")
    parts = html_text(marked).split("\x00")
    return "".join(ctx.html_node_link(page, part) if i % 2 else part for i, part in enumerate(parts))


def _page_link(ctx: PageContext, page: str, target: str, text: str) -> str:
    return f'<a href="{html_text(relative_url(page, target, ctx.directory_urls))}">{html_text(text)}</a>'


def _structure(ctx: PageContext, page: str, node: Node) -> list[str]:
    """A named argument's premise-conclusion structure, step by step (Argdown's numbered premises and
    conclusions); the argument stands when its last step's premises do."""
    if not node.structure:
        return []
    link = lambda node_id: ctx.html_node_link(page, node_id)  # noqa: E731
    items = []
    for i, step in enumerate(node.structure):
        last = i == len(node.structure) - 1
        premises = "; ".join(link(p) for p in step.premises)
        ends = "its main conclusion" if last else "an intermediate conclusion"
        items.append(f"<li>From {premises} follows <strong>{link(step.conclusion)}</strong> ({ends})</li>")
    html = ("<p>The argument holds when the premises of its last step stand and nothing undercuts it; it then "
            "supports its main conclusion.</p>\n<ol>\n" + "\n".join(items) + "\n</ol>")
    return ["## Its structure", "", ctx.fragment(page, "structure", html), ""]


def _whose(ctx: PageContext, page: str, node: Node) -> str:
    """Whose claim this is, before anything a reader could take for the article's position or ours."""
    p = ctx.debate.perspective(node.perspective) if node.perspective else None
    who = _page_link(ctx, page, ctx.layout.perspective(p.id), p.name) if p else None
    side = f" <strong>Side:</strong> {who}." if who else ""
    if node.kind is NodeKind.EVIDENCE:
        text = "<strong>Evidence</strong> the article cites." + side
    elif node.kind is NodeKind.ARGUMENT:
        text = "<strong>Whose argument:</strong> " + (f"{who}, as the article presents it." if who else "the article's.")
    elif node.implicit:
        text = ("<strong>Whose claim:</strong> ours, not the article's."
                + (f" <strong>Side:</strong> {who}, whose argument needs it." if who else ""))
    else:
        text = "<strong>Whose claim:</strong> " + (f"{who}, as the article presents it." if who else "the article's.")
    return f"<p>{text}</p>"


def _outcome(ctx: PageContext, page: str, node: Node) -> list[str]:
    """The outcome as the map stands, in one sentence; for a claim that waits on open conditions, what
    settling them would give."""
    status = ctx.analysis.statuses[None][node.id]
    upstream = _conditions_upstream(ctx, node.id) if _waits_on_conditions(ctx, node) else []
    if upstream:  # what it waits on, told at its source: the conditions the map leaves open
        reason = "it waits on what the map leaves open: " + ", ".join(ctx.html_node_link(page, n) for n in upstream)
    else:
        reason = _html_links(ctx, page, lambda name: explain(status, name).removeprefix(f"{status.outcome}: "))
    lines = [f"<p><strong>{html_text(status.outcome.capitalize())}</strong>{_what_it_means(ctx, node, status)} "
             f"as the map stands: {reason}.</p>"]
    if _waits_on_conditions(ctx, node):
        then = {way: ctx.analysis.if_conditions[way][node.id].outcome for way in ("granted", "rejected")}
        lines.append(f"<p>Settled, the open conditions would give: <strong>{html_text(then['granted'])}</strong> if they "
                     f"all hold, <strong>{html_text(then['rejected'])}</strong> if they all fail (settle them yourself under "
                     "the map).</p>")
    return lines


def _fragility(ctx: PageContext, page: str, node: Node) -> list[str]:
    """For the thesis and a position: how fragile its outcome is, the single changes that turn it."""
    found = ctx.analysis.sensitivity
    if found is None and (node.id == ctx.debate.thesis or any(node.id in i.positions for i in ctx.debate.issues)):
        return ["<p><strong>How firm:</strong> not worked out for this debate: trying every single change in turn "
                "would take its build too long (it is too large, or too knotted by cycles).</p>"]
    if found is None or node.id not in found:
        return []
    flips = found[node.id]
    if not flips:
        return ["<p><strong>How firm:</strong> no single change (an open condition granted or rejected, a premise "
                "rejected, a weight moved one step) turns this outcome.</p>"]
    name = lambda node_id: ctx.html_node_link(page, node_id)  # noqa: E731
    shown = [f"<strong>{html_text(f.after)}</strong> {f.words(name)}" for f in flips[:4]]
    more = f"; and {len(flips) - 4} more single changes" if len(flips) > 4 else ""
    return [f"<p><strong>How firm:</strong> this outcome turns {'; '.join(shown)}{more}.</p>"]


def _but(ctx: PageContext, page: str) -> str:
    """The open conditions "all granted" leaves out: each opposed to one granted before it (they cannot both hold)."""
    left = [n for n in ctx.analysis.open_conditions if n not in ctx.analysis.grantable_conditions]
    if not left:
        return ""
    return " (but " + ", ".join(ctx.html_node_link(page, n) for n in left) + \
        ", which cannot hold with them and is rejected)"


def _failing(ctx: PageContext, page: str) -> str:
    """How a reader makes every open condition fail: rejects each, and grants one opposed to a rejected one
    instead (the other way the text says things may go)."""
    grant, reject = ctx.analysis.settlements["rejected"]
    links = lambda ids: ", ".join(ctx.html_node_link(page, n) for n in ids)  # noqa: E731
    return f"a reader rejects {links(reject)}" + (f" and grants {links(grant)} instead" if grant else "")


HEDGES = re.compile(r"\b(could|may|might|would|risks?)\b", re.I)


def _what_it_means(ctx: PageContext, node: Node, status) -> str:
    """What "stands" means for a claim a reader could take for a fact: one we supply, or one the article hedges."""
    if status.outcome != "stands" or node.kind is not NodeKind.CLAIM:
        return ""
    if node.implicit:
        return " (it holds on the map: a step we supply, not a finding that it is true)"
    text = ctx.debate.source_text or ""
    for passage in ctx.analysis.passages_of.get(node.id, ()):
        hedge = HEDGES.search(text, passage.start, passage.end)
        if hedge:
            return (f" (the article says “{html_text(hedge.group(0))}”: it stands as what the article says may "
                    "happen, not as a fact)")
    return ""


def _conditions_upstream(ctx: PageContext, node_id: str) -> list[str]:
    """The open conditions that are still open and that the node's outcome can depend on (found up its premises,
    attackers, undercutters and required claims, in the debate's order)."""
    graph, debate, statuses = ctx.analysis.graph, ctx.debate, ctx.analysis.statuses[None]
    seen, todo = {node_id}, [node_id]
    while todo:
        at = todo.pop()
        nexts = [p for s in graph.steps_into.get(at, ()) for p in s.premises]
        nexts += [a.attacker for a in graph.attacks_into.get(at, ())]
        nexts += [c.undercutter for c in graph.cuts_into.get(at, ())]
        nexts += list(debate.nodes[at].requires)
        for n in nexts:
            if n not in seen and statuses[n].outcome == "open":
                seen.add(n)
                todo.append(n)
    return [n for n in ctx.analysis.open_conditions if n in seen]


def _waits_on_conditions(ctx: PageContext, node: Node) -> bool:
    status = ctx.analysis.statuses[None][node.id]
    return status.outcome == "open" and not node.open and bool(ctx.analysis.open_conditions)


def _facts(ctx: PageContext, page: str, node: Node) -> str:
    facts = []
    if node.kind is NodeKind.CLAIM:
        facts.append(f"<strong>Role:</strong> {html_text(ROLE_NAMES.get(node.role, 'unclassified'))}")
    elif node.kind is NodeKind.ARGUMENT:
        steps = len(node.structure)
        facts.append("<strong>Named argument</strong>" + (f", in {steps} step{'s' * (steps > 1)}" if steps else
                                                          ", without a premise-conclusion structure"))
    else:
        facts.append(f"<strong>Evidence:</strong> {html_text(KIND_NAMES[node.evidence_kind])}")
    p = ctx.debate.perspective(node.perspective) if node.perspective else None
    if p:
        facts.append(f"<strong>Perspective:</strong> {_page_link(ctx, page, ctx.layout.perspective(p.id), p.name)}")
    if node.id == ctx.debate.thesis:
        facts.append("<strong>The debate's thesis</strong>")
    if node.tags:
        tags = relative_url(page, ctx.layout.tags, ctx.directory_urls)
        facts.append("<strong>Tags:</strong> " + ", ".join(
            f'<a href="{html_text(tags)}#{t}">{html_text(ctx.debate.tag_name(t))}</a>' for t in node.tags))
    return "<p>" + " · ".join(facts) + "</p>"


def _why(ctx: PageContext, page: str, node: Node) -> str:
    """How firm the outcome is, what the open conditions would give, with the reasons, and each perspective's
    outcome."""
    statuses = ctx.analysis.statuses
    html = list(_fragility(ctx, page, node))
    if _waits_on_conditions(ctx, node):
        html.append("<p>What the weights give once the open conditions are settled:</p>\n<ul>")
        for way in ("granted", "rejected"):
            then = ctx.analysis.if_conditions[way][node.id]
            reason = _html_links(ctx, page, lambda name, then=then: explain(then, name).removeprefix(f"{then.outcome}: "))
            case = f"if they all hold{_but(ctx, page)}" if way == "granted" else \
                f"if they all fail ({_failing(ctx, page)})"
            html.append(f"<li>{case}: <strong>{html_text(then.outcome)}</strong>: {reason}.</li>")
        html.append("</ul>")
    others = [f"{html_text(p.name)}: {html_text(statuses[p.id][node.id].outcome)}" for p in ctx.debate.perspectives]
    html.append(f"<p>As the map stands, what every voice takes as given counts at once (the outcome above). From "
                f"what each side alone takes as given ({_page_link(ctx, page, ctx.layout.status, 'compare')}): "
                + " · ".join(others) + ".</p>")
    return "\n".join(html)


def _issue(ctx: PageContext, page: str, node: Node) -> list[str]:
    """For a position of an issue: the arguments for it and against it, strongest first, each with its
    weight, its why and the outcome of what it rests on."""
    issue = next((i for i in ctx.debate.issues if node.id in i.positions), None)
    if issue is None:
        return []
    g, statuses = ctx.analysis.graph, ctx.analysis.statuses[None]
    rivals = [p for p in issue.positions if p != node.id]
    pro = [(s.weighing, s.premises) for s in g.steps_into.get(node.id, ())]
    con = [(a.weighing, (a.attacker,)) for a in g.attacks_into.get(node.id, ()) if a.attacker not in rivals]
    con += [(s.weighing, s.premises) for rival in rivals for s in g.steps_into.get(rival, ())]
    question = f": {markdown_text(issue.question)}" if issue.question else ""
    lines = [f"## Weighing the issue{question}", "",
             f"A position of the issue, against {', '.join(ctx.node_link(page, r) for r in rivals)}, decided as "
             f"{STANDARDS[issue.standard].plain} ({STANDARDS[issue.standard].name}). Strongest first; each argument counts only if what it rests on holds.",
             ""]
    for title, items in (("For it", pro), ("Against it, and for its rivals", con)):
        lines += [f"### {title}", ""]
        ordered = sorted(items, key=lambda item: -(item[0] or LINKED).weight_for(None))
        lines += [_argument_line(ctx, page, weighing, premises, statuses) for weighing, premises in ordered] or ["- none"]
        lines.append("")
    return lines


def _argument_line(ctx: PageContext, page: str, weighing, premises, statuses) -> str:
    weighing = weighing or LINKED
    shown = weight_word(weighing.weight_for(None))
    names = {p.id: p.name for p in ctx.debate.perspectives}
    if weighing.weights:
        shown += " (" + "; ".join(f"{markdown_text(names.get(p, p))}: {weight_word(w)}"
                                  for p, w in weighing.weights.items()) + ")"
    held = " · ".join(f"{statuses[p].outcome}" for p in premises)
    why = f": {markdown_text(weighing.why)}" if weighing.why else ""
    return f"- weighs {shown}: {_names(premises, lambda i: ctx.node_link(page, i))} ({held}){why}"


def _quotes(ctx: PageContext, page: str, node: Node) -> list[str]:
    """The article's words for the node, each with its paragraph and a link to it in the source (Markdown: search
    finds the quotes)."""
    found = ctx.analysis.passages_of.get(node.id, ())
    if not found:
        return []
    source, text = ctx.md_link(page, ctx.layout.source), ctx.debate.source_text or ""
    lines = []
    for passage in found:
        quoted = " ".join(text[passage.start:passage.end].split())
        where = paragraph_number(ctx.analysis.quotes.paragraphs, passage.start)
        lines += [f"> “{markdown_text(quoted)}”", "{: .argmap-article }", "",
                  f"The article, paragraph {where} · [see it in the source]({source}#{passage.anchor})",
                  "{: .argmap-article-source }", ""]
    return lines


def _citation(node: Node) -> list[str]:
    c = node.citation
    url = "unknown" if c.url == "unknown" else html_link(c.url)
    lines = ["## Citation", "", "| | As the article gives it |", "|---|---|",
             f"| Who | {markdown_text(c.who)} |", f"| What | {markdown_text(c.what)} |",
             f"| When | {markdown_text(c.when)} |", f"| Link | {url} |",
             f"| Source | {markdown_text(BASIS_NAMES[c.basis])} |", ""]
    if c.rests_on_article:
        lines += ['!!! warning "This fact rests on the article\'s word"', "",
                  "    The map found no primary source for it: " + markdown_text(BASIS_NAMES[c.basis]) + ".", ""]
    return lines


def _relations(ctx: PageContext, page: str, node: Node) -> list[str]:
    """What the node bears on and what bears on it, each list as escaped HTML (Python-Markdown passes it through)."""
    g, me = ctx.analysis.graph, node.id
    link = lambda node_id: ctx.html_node_link(page, node_id)  # noqa: E731
    attacks = acting_as(ATTACKS.name)
    supports = acting_as(SUPPORTS.name)
    sections = [
        *((r.made, [_step_text(s, me, link) for s in g.steps_from.get(me, ()) if s.kind == r.name]) for r in supports),
        *((r.made, [link(a.target) for a in g.attacks_from.get(me, ()) if a.kind == r.name]) for r in attacks),
        (UNDERCUTS.made, [_cut_text(c, link) for c in g.cuts_from.get(me, ())]),
        *((r.received, [_premises_text(s, link) for s in g.steps_into.get(me, ()) if s.kind == r.name])
          for r in supports),
        *((r.received, [link(a.attacker) for a in g.attacks_into.get(me, ()) if a.kind == r.name])
          for r in attacks if not r.symmetric),  # a symmetric relation is listed once, under what the node makes
        (UNDERCUTS.received, [f"{link(c.undercutter)} challenges the support from {_names(c.premises, link)}"
                              for c in g.cuts_into.get(me, ())]),
    ]
    lines = []
    for i, (title, items) in enumerate(sections):
        if items:
            listing = "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"
            lines += [f"## {title}", "", ctx.fragment(page, f"relations-{i}", listing), ""]
    return lines


def _names(ids, link) -> str:
    return " together with ".join(link(i) for i in ids)


def _step_text(step: Support, me: str, link) -> str:
    others = [p for p in step.premises if p != me]
    return link(step.conclusion) + (f" (together with {_names(others, link)})" if others else "")


def _premises_text(step: Support, link) -> str:
    return _names(step.premises, link) + (" (linked: they support it only together)" if step.linked else "")


def _cut_text(cut: Undercut, link) -> str:
    return f"the support from {_names(cut.premises, link)} to {link(cut.conclusion)}"
