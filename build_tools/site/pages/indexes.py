"""Pages that list or compare: the whole map, each perspective, where the debate stands, claims, evidence, tags."""

from __future__ import annotations

from ...escape import html_text, markdown_text
from ...model import Node
from ...vocabulary import KIND_NAMES, Label
from ..urls import relative_file_url
from .common import Page, PageContext, grouped, heading
from .home import STATUS_NOTE

__all__ = ["whole_map", "perspective", "status_page", "claims_index", "evidence_index", "tags"]


def whole_map(ctx: PageContext) -> Page:
    page = ctx.layout.map
    lines = [*heading("The whole map", hide_toc=True,
                      description=f"Every claim, piece of evidence and relation of the map of: {ctx.debate.title}"),
             f"Every claim, piece of evidence and relation of the debate: {len(ctx.debate.nodes)} boxes. "
             "It opens on the thesis, zoomed so its words can be read: drag to pan (on a touch screen, with two "
             "fingers); click the map, then scroll (or press + and −) to zoom; 0 or Fit shows it whole. The small "
             "overview in the bar under the map frames the part in view; press on it to go to another part. The "
             "list below tells the same map in words.", "",
             ctx.map_block(page, "map", "The whole map")]
    return Page(page, "\n".join(lines) + "\n")


def perspective(ctx: PageContext, perspective_id: str) -> Page:
    page, d = ctx.layout.perspective(perspective_id), ctx.debate
    p = d.perspective(perspective_id)
    own = [n for n in d.nodes.values() if n.perspective == perspective_id]
    lines = [*heading(p.name,
                      description=f"{p.name}, in the map of {ctx.debate.title}: {p.description}"),
             markdown_text(p.description), "",
             f"{len(own)} {'box' if len(own) == 1 else 'boxes'} of the map {'is' if len(own) == 1 else 'are'} in this "
             "voice; the claims they bear on are shown faded.", "",
             ctx.map_block(page, f"perspective-{perspective_id}", "This perspective's map"), ""]
    for i, (role, nodes) in enumerate(grouped(own)):  # (the lists go in after Markdown: a relabel refills the page)
        items = "".join(f"<li>{ctx.html_node_link(page, n.id)}</li>" for n in nodes)
        lines += [f"## {role}", "", ctx.fragment(page, f"voice-{i}", f"<ul>{items}</ul>"), ""]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/debate.yaml")


def status_page(ctx: PageContext) -> Page:
    page, d, statuses = ctx.layout.status, ctx.debate, ctx.analysis.statuses
    columns = [None, *(p.id for p in d.perspectives)]
    names = ["As the map stands", *(p.name for p in d.perspectives)]
    lines = [*heading("Where the debate stands", hide_toc=True,
                      description=f"Every claim's outcome, as the map stands and for each voice: {ctx.debate.title}")]
    lines += [ctx.fragment(page, "summary", _where_it_stands(ctx, page, columns, names)), ""]
    lines += ["The first column takes as given every piece of evidence and every claim that nothing "
              "supports. Each perspective's column takes as given the evidence and only that "
              "perspective's own unsupported claims: what follows from its premises alone. "
              "Claims are listed from the thesis down; ◆ marks a row where one column says the claim stands "
              "and another that it does not.", ""]
    depth = ctx.analysis.graph.depth
    claims = sorted(d.claims, key=lambda n: (depth.get(n.id, len(d.nodes)), ctx.analysis.graph.order[n.id]))
    head = "".join(f'<th scope="col">{html_text(name)}</th>' for name in ["Claim", *names])
    rows = []
    for node in claims:
        found = [statuses[c][node.id] for c in columns]
        labels = {s.label for s in found}
        mark = " ◆" if Label.IN in labels and Label.OUT in labels else ""
        cells = "".join(f'<td data-label="{html_text(name)}">{ctx.badge(page, s.outcome, node.id if column is None else None)}'
                        "</td>" for column, name, s in zip(columns, names, found))
        rows.append(f'<tr><th scope="row">{ctx.html_node_link(page, node.id)}{mark}</th>{cells}</tr>')
    graph = relative_file_url(page, ctx.layout.graph, ctx.directory_urls)
    table = (f'<div class="argmap-status-block"><p class="argmap-whatif-state" hidden></p>'
             f'<table class="argmap-status" data-graph="{html_text(graph)}">'
             f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
    lines += [ctx.fragment(page, "table", table), "", STATUS_NOTE]
    return Page(page, "\n".join(lines) + "\n")


def _where_it_stands(ctx: PageContext, page: str, columns, names) -> str:
    """One sentence per column: for each question of the debate (the thesis's first), what stands, or that it is
    open, or that nothing stands."""
    d, statuses = ctx.debate, ctx.analysis.statuses
    issues = sorted(d.issues, key=lambda i: d.thesis not in i.positions)
    items = []
    for column, name in zip(columns, names):
        parts = []
        for issue in issues:
            standing = [p for p in issue.positions if statuses[column][p].outcome == "stands"]
            if standing:
                parts.append("; ".join(f"{ctx.html_node_link(page, p)} stands" for p in standing))
            elif any(statuses[column][p].outcome == "open" for p in issue.positions):
                what = html_text(issue.question) if issue.question else "the question of " + ctx.html_node_link(
                    page, issue.positions[0])
                parts.append(f"{what} (open)")
            else:
                parts.append("no answer to " + (html_text(issue.question) if issue.question else
                                                ctx.html_node_link(page, issue.positions[0])) + " stands")
        if not issues and d.thesis in d.nodes:
            parts.append(f"{ctx.html_node_link(page, d.thesis)}: {html_text(statuses[column][d.thesis].outcome)}")
        items.append(f"<li><strong>{html_text(name)}:</strong> {'; '.join(parts)}.</li>")
    return "<ul class=\"argmap-where\">" + "".join(items) + "</ul>"


def claims_index(ctx: PageContext) -> Page:
    page = ctx.layout.claims
    lines = [*heading("Claims",
                      description=f"Every claim of the map of {ctx.debate.title}, by role."),
             f"All {len(ctx.debate.claims)} claims of the map, by role.", ""]
    for role, nodes in grouped(ctx.debate.claims):
        rows = [[ctx.html_node_link(page, n.id), html_text(ctx.analysis.statuses[None][n.id].outcome),
                 html_text(_perspective(ctx, n))] for n in nodes]
        lines += [f"## {role}", "", ctx.html_table(page, f"table-{slug_of(role)}", ["Claim", "Outcome", "Perspective"],
                                                   rows), ""]
    return Page(page, "\n".join(lines) + "\n")


def evidence_index(ctx: PageContext) -> Page:
    page = ctx.layout.evidence
    lines = [*heading("Evidence", description=f"Every piece of evidence the map of {ctx.debate.title} cites."),
             f"All {len(ctx.debate.evidence)} pieces of evidence the source cites, by kind. "
             "*Source* says whether the fact can be checked against a primary source or rests on the "
             "article's word.", ""]
    groups: dict[str, list[Node]] = {}
    for node in ctx.debate.evidence:
        groups.setdefault(node.evidence_kind, []).append(node)
    for kind in KIND_NAMES:
        if kind in groups:
            rows = [[ctx.html_node_link(page, n.id), html_text(n.citation.who),
                     "primary source" if not n.citation.rests_on_article else "article only"] for n in groups[kind]]
            lines += [f"## {KIND_NAMES[kind]}", "", ctx.html_table(page, f"table-{kind}", ["Evidence", "Who", "Source"],
                                                                    rows), ""]
    return Page(page, "\n".join(lines) + "\n")


def _perspective(ctx: PageContext, node: Node) -> str:
    p = ctx.debate.perspective(node.perspective) if node.perspective else None
    return p.name if p else "unclassified"


def slug_of(name: str) -> str:
    """A fragment's name from a heading: lowercase letters, digits and hyphens.

    >>> slug_of("Official statement")
    'official-statement'
    """
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def tags(ctx: PageContext) -> Page:
    page = ctx.layout.tags
    tagged: dict[str, list[Node]] = {}
    for node in ctx.debate.nodes.values():
        for tag in node.tags:
            tagged.setdefault(tag, []).append(node)
    names = {tag: ctx.debate.tag_name(tag) for tag in tagged}
    order = sorted(tagged, key=lambda tag: names[tag].casefold())
    lines = [*heading("Tags",
                      description=f"The topics of the map of {ctx.debate.title}."),
             " · ".join(f"[{markdown_text(names[t])}](#{t})" for t in order), ""]
    for tag in order:
        # a tag is an id: the anchor is the tag itself, whatever its name
        lines += [f'<h2 id="{tag}">{html_text(names[tag])}</h2>', ""]
        lines += [f"- {ctx.node_link(page, n.id)}" for n in tagged[tag]] + [""]
    return Page(page, "\n".join(lines) + "\n")
