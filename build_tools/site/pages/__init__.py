"""Pages: the Markdown of every generated page of a debate, one module per kind of page.

:mod:`.home` (thesis, overview, legend), :mod:`.node` (a claim or a piece of evidence),
:mod:`.indexes` (whole map, perspectives, statuses, claims, evidence, tags) and
:mod:`.source` (the article's passages) and :mod:`.about` (what the debate is) each read a :class:`~.common.PageContext`.
"""

from __future__ import annotations

from dataclasses import replace

from ..reuse import NodeReuse
from .about import about_page
from .common import Page, PageContext, heading
from .home import home
from .indexes import claims_index, evidence_index, perspective, status_page, tags, whole_map
from .node import node_page
from .source import source_page

__all__ = ["Page", "PageContext", "debate_pages", "heading"]


def debate_pages(ctx: PageContext, reuse: NodeReuse | None = None) -> list[Page]:
    """Every generated page of one debate (with ``reuse``, make serve's: a node's page kept from the last rebuild
    while nothing it was made from changed)."""
    d = ctx.debate
    pages = [home(ctx), whole_map(ctx), source_page(ctx), claims_index(ctx), evidence_index(ctx), tags(ctx),
             status_page(ctx), about_page(ctx)]
    pages += [perspective(ctx, p.id) for p in d.perspectives]
    for node in d.nodes.values():
        if reuse is None:
            pages.append(node_page(ctx, node))
            continue

        def made(node=node) -> tuple[Page, dict[str, str]]:
            own = replace(ctx, fragments={})  # the fragments this page adds, kept with it
            return node_page(own, node), own.fragments
        page, fragments = reuse.make(d.id, f"page {node.id}", made)
        ctx.fragments.update(fragments)
        pages.append(page)
    return pages
