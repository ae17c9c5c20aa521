"""The source page: the article's text with every quoted passage marked, or the passages alone."""

from __future__ import annotations

from ...escape import html_text
from ...quotes import Passage
from ..urls import relative_url
from .common import Page, PageContext, heading, source_facts

__all__ = ["source_page", "CONTEXT_CHARS"]

CONTEXT_CHARS = 45


def source_page(ctx: PageContext) -> Page:
    page, d = ctx.layout.source, ctx.debate
    text = d.source_text or ""
    found = ctx.analysis.passages
    lines = heading("The source")
    if not text:
        lines += ["This debate has no source text."]
        return Page(page, "\n".join(lines) + "\n")
    facts = source_facts(d)
    if d.source.may_republish:
        lines += ["The full text of the article, with every passage the map quotes marked. Select a "
                  "marked passage to go to its claim.", ""] + facts
        lines += [_full_text(ctx, page, text, found)]
    else:
        lines += ["The rights to republish this article are not known, so this page shows only the "
                  f"{len(found)} passages the map quotes, in the article's order, each with a little "
                  "context and the claims it grounds.", ""] + facts
        for passage in found:
            lines += [_passage(ctx, page, text, passage), ""]
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/source.txt")


def _passage(ctx: PageContext, page: str, text: str, passage: Passage) -> str:
    before, after = context(text, passage.start, passage.end)
    quoted = " ".join(text[passage.start:passage.end].split())
    line, _ = ctx.analysis.quotes.lines.position(passage.start)
    links = ", ".join(ctx.html_node_link(page, n) for n in passage.nodes)
    return (f'<div class="argmap-passage" id="{passage.anchor}"><p>'
            f'<span class="argmap-context">{html_text(before)}</span><mark>{html_text(quoted)}</mark>'
            f'<span class="argmap-context">{html_text(after)}</span></p>'
            f'<p class="argmap-grounds">Line {line} of the source · grounds: {links}</p></div>')


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


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """A few whole words before and after a passage, with '…' where the text goes on.

    >>> context("one two three four five", 8, 13)
    ('one two ', ' four five')
    """
    head = text[max(0, start - CONTEXT_CHARS):start]
    if start - CONTEXT_CHARS > 0 and " " in head.strip():
        head = "…" + head.split(None, 1)[1] if not head[0].isspace() else "…" + head.lstrip()
    tail = text[end:end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(text) and " " in tail.strip():
        tail = tail.rsplit(None, 1)[0] + "…" if not tail[-1].isspace() else tail.rstrip() + "…"
    return " ".join(head.split()) + (" " if head[-1:].isspace() else ""), \
        (" " if tail[:1].isspace() else "") + " ".join(tail.split())
