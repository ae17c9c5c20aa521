"""The source page, read beside the map: the article's text (or, where it may not be republished, the passages the
map quotes) with every quoted passage marked, and the whole map beside it.

Each passage carries the ids of the claims it grounds (``data-nodes``): pointing at it, or moving the focus into
it, lights their boxes on the map and brings them into view; selecting a box brings back its passage (argmap.js).
Sentences the debate leaves off the map on purpose are marked as such, with the reason it gives.
"""

from __future__ import annotations

from ...escape import html_text
from ...quotes import Passage
from ..urls import relative_url
from .common import Page, PageContext, byline, heading

__all__ = ["source_page", "READING_MAP"]

READING_MAP = "reading"  # the name of the source page's map (the whole map, in a panel beside the text)


def source_page(ctx: PageContext) -> Page:
    page, d = ctx.layout.source, ctx.debate
    text = d.source_text or ""
    found = ctx.analysis.passages
    lines = heading("The article, read with its map", hide_toc=True, hide_nav=True,
                    description=f"The text mapped in {ctx.debate.title}, each passage linked to the claims it grounds.")
    if not text:
        lines += ["This debate has no source text."]
        return Page(page, "\n".join(lines) + "\n")
    left_out = _left_out(ctx)
    lines += byline(d)
    how = "Tap or point at a marked passage to light its claims on the map; select a box to find its words."
    if d.source.may_republish:
        lines += [f"The full text of the article, with every passage the map quotes marked. {how}", ""]
        body = _full_text(ctx, page, text, found, left_out)
    else:
        lines += ["The rights to republish this article are not known: only the "
                  f"{len(found)} passages the map quotes are given, in order, each followed by the claims it grounds; "
                  f"“[…]” marks what is left out. {how}", ""]
        body = _quoted_prose(ctx, page, text, found, left_out)
    if left_out:
        lines += [f"Underlined with dots: the {len(left_out)} passages the map leaves out on purpose; tap or point "
                  "at one to read why.", ""]
    panel = (f'<aside class="argmap-reading-map" aria-label="The whole map, beside the text">'
             f'{ctx.map_html(f"{d.id}/{READING_MAP}")}'
             '<p class="argmap-reading-note" aria-live="polite"></p></aside>')
    lines += [f'<div class="argmap-reading"><div class="argmap-reading-text">{body}</div>{panel}</div>']
    return Page(page, "\n".join(lines) + "\n", f"{d.folder}/source.txt")


def _left_out(ctx: PageContext) -> list[tuple[int, int, str]]:
    """The sentences debate.yaml leaves off the map on purpose, found once in the text: (start, end, reason)."""
    quotes = ctx.analysis.quotes
    spans = [(quotes.unmapped_span(i), item.reason) for i, item in enumerate(ctx.debate.unmapped)
             if i < len(quotes.unmapped)]
    return sorted((span[0], span[1], reason) for span, reason in spans if span)


def _unmapped(text: str, reason: str) -> str:
    """A sentence left off the map: its words, and the reason (shown when it is selected, and read out)."""
    return (f'<span class="argmap-unmapped" tabindex="0">{html_text(text)}'
            f'<span class="argmap-unmapped-why"> (not on the map: {html_text(reason)})</span></span>')


def _passage(ctx: PageContext, page: str, passage: Passage, quoted: str) -> str:
    # the claims' labels go in after Markdown (a fragment): relabelling a claim fills this page again, without
    # converting the whole text once more
    links = ctx.fragment(page, f"grounds-{passage.number}",
                         "; ".join(ctx.html_node_link(page, n) for n in passage.nodes))
    return (f'<span class="argmap-passage" id="{passage.anchor}" data-nodes="{html_text(" ".join(passage.nodes))}">'
            f'<mark>{html_text(quoted)}</mark> <span class="argmap-grounds">(→ {links})</span></span>')


def _quoted_prose(ctx: PageContext, page: str, text: str, found: tuple[Passage, ...],
                  left_out: list[tuple[int, int, str]]) -> str:
    """The quoted passages as continuous text, paragraph by paragraph, with the gaps marked “[…]” and the sentences
    left out on purpose quoted with their reason."""
    paragraphs, start = [], 0
    for chunk in text.split("\n\n"):
        paragraphs.append((start, start + len(chunk)))
        start += len(chunk) + 2
    items = sorted([(p.start, p.end, p) for p in found] + [(s, e, reason) for s, e, reason in left_out],
                   key=lambda item: (item[0], item[1]))
    out = []
    for begin, end in paragraphs:
        inside = [item for item in items if begin <= item[0] < end]
        if not inside:
            continue
        parts, at = [], begin
        for s, e, what in inside:
            if not isinstance(what, Passage) and (s < at or any(p.start < e and s < p.end for p in found)):
                continue  # a sentence left out that a quoted passage overlaps: the passage shows its words
            if text[at:s].strip():
                parts.append('<span class="argmap-gap">[…]</span>')
            words = " ".join(text[s:e].split())
            parts.append(_passage(ctx, page, what, words) if isinstance(what, Passage) else _unmapped(words, what))
            at = max(at, e)
        if text[at:end].strip():
            parts.append('<span class="argmap-gap">[…]</span>')
        out.append(f'<p class="argmap-prose">{" ".join(parts)}</p>')
    return '<div class="argmap-quoted-text">' + "".join(out) + "</div>"


def _full_text(ctx: PageContext, page: str, text: str, found: tuple[Passage, ...],
               left_out: list[tuple[int, int, str]]) -> str:
    """The whole text, every quoted stretch marked and linked to the first claim it grounds, each passage's start
    anchored; the sentences left out on purpose marked with their reason."""
    cuts = sorted({0, len(text)} | {p.start for p in found} | {p.end for p in found}
                  | {s for s, _, _ in left_out} | {e for _, e, _ in left_out})
    starts = {p.start: p for p in found}
    out = ['<div class="argmap-fulltext"><p>']
    for begin, end in zip(cuts, cuts[1:]):
        if begin in starts:
            out.append(f'<span id="{starts[begin].anchor}"></span>')
        covering = [p for p in found if p.start <= begin and p.end >= end]
        skipped = next((reason for s, e, reason in left_out if s <= begin and e >= end), None)
        chunk = html_text(text[begin:end]).replace("\n\n", "</p><p>")
        if covering:
            nodes = " ".join(dict.fromkeys(n for p in covering for n in p.nodes))
            url = relative_url(page, ctx.layout.node(ctx.debate.nodes[covering[0].nodes[0]]), ctx.directory_urls)
            out.append(f'<a class="argmap-quoted argmap-passage" data-nodes="{html_text(nodes)}" '
                       f'href="{html_text(url)}"><mark>{chunk}</mark></a>')
        elif skipped is not None:
            out.append(_unmapped(text[begin:end], skipped) if "\n\n" not in text[begin:end] else chunk)
        else:
            out.append(chunk)
    out.append("</p></div>")
    return "".join(out)
