"""The source page: the article's text with every quoted passage marked, or the passages alone."""

from __future__ import annotations

from ...escape import html_text
from ...quotes import Passage
from ..urls import relative_url
from .common import Page, PageContext, heading, source_facts

__all__ = ["source_page"]


def source_page(ctx: PageContext) -> Page:
    page, d = ctx.layout.source, ctx.debate
    text = d.source_text or ""
    found = ctx.analysis.passages
    lines = heading("The source",
                    description=f"The text mapped in {ctx.debate.title}, each passage linked to the claims it grounds.")
    if not text:
        lines += ["This debate has no source text."]
        return Page(page, "\n".join(lines) + "\n")
    facts = source_facts(d)
    if d.source.may_republish:
        lines += ["The full text of the article, with every passage the map quotes marked. Select a "
                  "marked passage to go to its claim.", ""] + facts
        lines += [_full_text(ctx, page, text, found)]
    else:
        lines += ["The rights to republish this article are not known, so this page gives only the "
                  f"{len(found)} passages the map quotes, in the article's order and paragraphs; “[…]” marks "
                  "what is left out. After each passage, the claims it grounds.", ""] + facts
        lines += [_quoted_prose(ctx, page, text, found)]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/source.txt")


def _quoted_prose(ctx: PageContext, page: str, text: str, found: tuple[Passage, ...]) -> str:
    """The quoted passages as continuous text, paragraph by paragraph, with the gaps marked “[…]”."""
    paragraphs, start = [], 0
    for chunk in text.split("\n\n"):
        paragraphs.append((start, start + len(chunk)))
        start += len(chunk) + 2
    out = []
    for begin, end in paragraphs:
        inside = [p for p in found if begin <= p.start < end]
        if not inside:
            continue
        parts, at = [], begin
        for passage in inside:
            if text[at:passage.start].strip():
                parts.append('<span class="argmap-gap">[…]</span>')
            quoted = " ".join(text[passage.start:passage.end].split())
            links = "; ".join(ctx.html_node_link(page, n) for n in passage.nodes)
            parts.append(f'<span class="argmap-passage" id="{passage.anchor}"><mark>{html_text(quoted)}</mark> '
                         f'<span class="argmap-grounds">(→ {links})</span></span>')
            at = max(at, passage.end)
        if text[at:end].strip():
            parts.append('<span class="argmap-gap">[…]</span>')
        out.append(f'<p class="argmap-prose">{" ".join(parts)}</p>')
    return '<div class="argmap-quoted-text">' + "".join(out) + "</div>"


def _full_text(ctx: PageContext, page: str, text: str, found: tuple[Passage, ...]) -> str:
    cuts = sorted({0, len(text)} | {p.start for p in found} | {p.end for p in found})
    starts = {p.start: p for p in found}
    out = ['<div class="argmap-fulltext"><p>']
    for begin, end in zip(cuts, cuts[1:]):
        if begin in starts:
            out.append(f'<span id="{starts[begin].anchor}"></span>')
        covering = [p for p in found if p.start <= begin and p.end >= end]
        chunk = html_text(text[begin:end]).replace("\n\n", "</p><p>")
        if covering:
            node = covering[0].nodes[0]
            url = relative_url(page, ctx.layout.node(ctx.debate.nodes[node]), ctx.directory_urls)
            out.append(f'<a class="argmap-quoted" href="{html_text(url)}"><mark>{chunk}</mark></a>')
        else:
            out.append(chunk)
    out.append("</p></div>")
    return "".join(out)
