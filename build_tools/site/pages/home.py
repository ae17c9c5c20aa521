"""The debate's home page: the thesis, the overview map, how to read a map, where to go next."""

from __future__ import annotations

from ...escape import markdown_text
from ...prose import explain
from ...vocabulary import OUTCOMES, RELATIONS, REQUIRES, perspective_fills
from ..dot import perspective_class
from .common import Page, PageContext, byline, heading
from .procon import for_and_against
from .switches import switches

__all__ = ["home", "STATUS_NOTE"]

STATUS_INTRO = ("**Outcomes.** Each box says its outcome in a word, and each page says why. Outcomes follow "
                "from the map's own premises, relations and weights; they are not a verdict on whether a "
                "claim is true.")
STATUS_NOTE = STATUS_INTRO + "\n\n" + "\n".join(
    f"- *{o.word}*: {o.meaning}." for o in OUTCOMES.values() if o.word != "rejected")


def home(ctx: PageContext) -> Page:
    page, d, layout = ctx.layout.home, ctx.debate, ctx.layout
    thesis = d.nodes.get(d.thesis)
    link = lambda target: ctx.md_link(page, target)  # noqa: E731
    lines = [*heading(d.title, hide_toc=True, description=d.summary), *byline(d), markdown_text(d.summary), ""]
    if thesis:
        status = ctx.analysis.statuses[None][thesis.id]
        reason = explain(status, lambda n: ctx.node_link(page, n)).removeprefix(f"{status.outcome}: ")
        lines += ["## The thesis", "", f"> {markdown_text(thesis.statement)}", ""]
        if status.outcome == "open" and ctx.analysis.open_conditions:
            issue = next((i for i in d.issues if thesis.id in i.positions), None)
            lines += [ctx.fragment(page, "switches-thesis", switches(ctx, page, issue.positions if issue else
                                                                      (thesis.id,))), ""]
        lines += for_and_against(ctx, page, thesis.id, on_its_page=True)
        lines += [f"{ctx.node_link(page, thesis.id)}: **{status.outcome}** as the map stands: {reason}.", ""]
    for issue in d.issues:
        if d.thesis not in issue.positions:
            lines += _question(ctx, page, issue)
    lines += ["## The argument at a glance", "",
              "Each box is a claim (rounded) or a piece of evidence (folded corner)"
              + ("; a double-bordered box marked ARGUMENT is a named argument, between its premises and its "
                 "conclusion" if ctx.debate.arguments else "") + "; select it to see what "
              "supports and attacks it and where the article says it. Green arrows support, red dashed lines "
              "attack, orange dotted lines undercut a step. The word on each box is its outcome, which follows "
              "from the map's own premises and weights, not from our opinion ([how to read a map](#how-to-read-a-map)). "
              "A dashed box “N more, on its page” stands for what is folded away under the box it hangs from; "
              "select it to open that claim's page, whose map shows them.", "",
              ctx.map_block(page, "overview", "The overview"), "",
              "## How to read a map", "", legend(ctx), "",
              "## Explore", "",
              f"- [Read the article]({link(layout.source)}) with its map beside it: point at a passage to light "
              "the claims it grounds; select a box to find its words.",
              f"- [The whole map]({link(layout.map)}): every claim and relation at once, to pan and zoom.",
              f"- [Claims]({link(layout.claims)}) and [evidence]({link(layout.evidence)}), "
              f"listed by role and kind, and [tags]({link(layout.tags)}).",
              f"- [Where the debate stands]({link(layout.status)}): which claims stand or fall, "
              "as the map stands and from each perspective's premises.",
              f"- [About this debate]({link(layout.about)}): the text, how it is mapped, what it leaves out, and "
              "what the outcomes say.",
              "- Download the map: " + " · ".join(f"[{title}]({link(path)})" for title, path in ctx.downloads) + ".",
              "- The perspectives: " + ", ".join(
                  f"[{markdown_text(p.name)}]({link(layout.perspective(p.id))})" for p in d.perspectives
              ) + ".", ""]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/debate.yaml")


def _question(ctx: PageContext, page: str, issue) -> list[str]:
    """Another question the text weighs (an issue without the thesis): each answer's outcome and why, what it
    needs, what settling the open conditions would give, and what speaks for the first answer and against it."""
    analysis = ctx.analysis
    title = markdown_text(issue.question) if issue.question else "Another question the article weighs"
    lines = [f"## {title}", ""]
    for position in issue.positions:
        status = analysis.statuses[None][position]
        reason = explain(status, lambda n: ctx.node_link(page, n)).removeprefix(f"{status.outcome}: ")
        lines.append(f"- {ctx.node_link(page, position)}: **{status.outcome}** as the map stands: {reason}.")
        needs = analysis.debate.nodes[position].requires
        if needs:
            lines.append("    - It cannot stand without: " + "; ".join(
                f"{ctx.node_link(page, n)} ({analysis.statuses[None][n].outcome})" for n in needs) + ".")
    lines.append("")
    if any(analysis.statuses[None][p].outcome == "open" for p in issue.positions) and analysis.open_conditions:
        lines += [ctx.fragment(page, f"switches-{issue.id}", switches(ctx, page, issue.positions)), ""]
        for way, (grant, reject) in analysis.settlements.items():
            then = "; ".join(f"{ctx.node_link(page, p)} **{analysis.if_conditions[way][p].outcome}**"
                             for p in issue.positions)
            lines.append(f"- If {'they hold' if way == 'granted' else 'they fail'} (a reader "
                         + _settling(ctx, page, grant, reject) + f"): {then}.")
        lines.append("- (Any other mix: the *What if…* button on the map below.)")
        lines.append("")
    lines += for_and_against(ctx, page, issue.positions[0], on_its_page=True)
    return lines


def _settling(ctx: PageContext, page: str, grant, reject) -> str:
    """"grants A, B and rejects C": what a reader does to settle the open conditions one way."""
    links = lambda ids: ", ".join(ctx.node_link(page, n) for n in ids)  # noqa: E731
    return " and ".join(part for part in (f"grants {links(grant)}" if grant else "",
                                          f"rejects {links(reject)}" if reject else "") if part)


def legend(ctx: PageContext) -> str:
    """What each mark of a map means: relations (from the vocabulary), boxes, statuses, perspectives."""
    rows = ["| Mark | Meaning |", "|---|---|"]
    rows += [f'| <span class="argmap-key argmap-key-{r.name}">{r.key_mark}</span> {r.key_words} | {r.meaning} |'
             for r in RELATIONS.values()]
    if any(n.requires for n in ctx.debate.nodes.values()):
        rows.append(f'| <span class="argmap-key argmap-key-{REQUIRES.name}">{REQUIRES.key_mark}</span> '
                    f"{REQUIRES.key_words} | {REQUIRES.meaning} |")
    rows += ["| ● where lines join | a linked support: the premises support the claim only together |",
             "| rounded box | a claim |", "| box with a folded corner | a piece of evidence the article cites |"]
    if ctx.debate.arguments:
        rows.append('| <span class="argmap-swatch argument"></span> rounded box with a double border, ARGUMENT on it | '
                    "a named argument: its premises point into it, and it points to its conclusion |")
    rows += [f'| <span class="argmap-badge {o.css}" title="{o.word}: {o.meaning}">{o.word}</span> on a box, with its '
             "own border pattern | "
             f"the outcome: {o.meaning} |" for o in OUTCOMES.values()]
    rows += ["| IMPLICIT on a box | an implicit premise: our reconstruction, not in the article |",
             "| thick border | the thesis (or, on a claim's page, that claim) |",
             "| dashed box “N more, on its page” | that many more claims, folded away: it opens the page whose map shows them |"]
    fills = perspective_fills(ctx.debate.perspectives)
    for p in ctx.debate.perspectives:
        rows.append(f'| <span class="argmap-swatch {perspective_class(fills[p.id])}"></span> fill | '
                    f'{markdown_text(p.name)} |')
    return "\n".join(rows) + "\n\n" + STATUS_INTRO
