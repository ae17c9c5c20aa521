"""A debate's own About page, written from its files: the text it maps, its voices, how it is mapped (the
counts, the weighed issues and their standards), what it leaves out and why, and what its outcomes are and
are not. The site's hand-written About page (docs/about.md) says what the site is; this one says what one
debate is, so that every debate of a site has one, whoever wrote it."""

from __future__ import annotations

from ...escape import markdown_text
from ...model import NodeKind
from ...vocabulary import STANDARDS
from .common import Page, PageContext, heading, source_facts

__all__ = ["about_page"]


def about_page(ctx: PageContext) -> Page:
    page, d, layout = ctx.layout.about, ctx.debate, ctx.layout
    link = lambda target: ctx.md_link(page, target)  # noqa: E731
    nodes = list(d.nodes.values())
    quoted = sum(1 for n in nodes if n.quotes)
    implicit = sum(1 for n in nodes if n.implicit)
    evidence = sum(1 for n in nodes if n.kind is NodeKind.EVIDENCE)
    lines = [*heading("About this debate", description=f"What the map of {d.title} holds, how it was made, and "
                                                       "what its outcomes say and do not say."),
             f"The map of **{markdown_text(d.title)}**: {markdown_text(d.summary)}", "",
             "## The text", "", *source_facts(d)]
    if d.source_text is not None:
        lines += [f"Its words are on [the source page]({link(layout.source)}), each passage linked to the claims it "
                  "grounds.", ""]
    lines += ["## How it is mapped", "",
              f"- {len(nodes)} boxes: {len(nodes) - evidence} claims and {evidence} pieces of evidence"
              + (f", {len(d.arguments)} of them named arguments" if d.arguments else "") + ".",
              f"- {quoted} quote the text word for word, checked against it at every build; {implicit} are premises the "
              "text leaves unstated, marked as our reconstruction, each with the reason the map needs it.",
              f"- {len(d.supports)} supports, {sum(not a.mirrored for a in d.attacks)} attacks and {len(d.undercuts)} "
              "undercuts join them; labels and statements are our words, quotes are the text's.", ""]
    if d.issues:
        lines += ["## What is weighed", "",
                  "Where the text sets readings against each other, they are the positions of an issue: the arguments "
                  "for and against each are weighed (low, medium, high, each weight with its reason, ours), and a "
                  "proof standard decides which, if any, prevails.", ""]
        for issue in d.issues:
            question = markdown_text(issue.question) if issue.question else markdown_text(issue.id)
            positions = "; ".join(f"“{markdown_text(d.nodes[p].label)}”" for p in issue.positions if p in d.nodes)
            lines.append(f"- {question} Positions: {positions}. Standard: {STANDARDS[issue.standard].name}.")
        lines.append("")
    lines += ["## The voices", ""]
    lines += [f"- [{markdown_text(p.name)}]({link(layout.perspective(p.id))}): {markdown_text(p.description)}"
              for p in d.perspectives]
    lines.append("")
    if d.unmapped:
        lines += ["## What the map leaves out", "",
                  "Passages of the text that no box quotes, on purpose, each with the reason:", ""]
        lines += [f"- “{markdown_text(u.quote)}”: {markdown_text(u.reason)}" for u in d.unmapped]
        lines.append("")
    lines += ["## What the outcomes are, and are not", "",
              "Each box's outcome (stands, defeated, outweighed, balanced, open...) follows from the map's own "
              "premises, relations and weights, which are our reading of the text; it says where the argument "
              "stands as mapped, not whether a claim is true. "
              f"[Where the debate stands]({link(layout.status)}) gives every outcome with its reason, as the map "
              "stands and from each voice's premises; a map's *What if…* shows what follows when a premise is "
              "granted or rejected.", ""]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/debate.yaml")
