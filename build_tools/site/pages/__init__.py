"""Pages: the Markdown of every generated page of a debate, one module per kind of page.

:mod:`.home` (thesis, overview, legend), :mod:`.node` (a claim or a piece of evidence),
:mod:`.indexes` (whole map, perspectives, statuses, claims, evidence, tags) and
:mod:`.source` (the article's passages) and :mod:`.about` (what the debate is) each read a :class:`~.common.PageContext`.
"""

from __future__ import annotations

from .about import about_page
from .common import Page, PageContext, heading
from .home import home
from .indexes import claims_index, evidence_index, perspective, status_page, tags, whole_map
from .node import node_page
from .source import source_page

__all__ = ["Page", "PageContext", "debate_pages", "heading"]


def debate_pages(ctx: PageContext) -> list[Page]:
    """Every generated page of one debate."""
    d = ctx.debate
    pages = [home(ctx), whole_map(ctx), source_page(ctx), claims_index(ctx), evidence_index(ctx), tags(ctx),
             status_page(ctx), about_page(ctx)]
    pages += [perspective(ctx, p.id) for p in d.perspectives]
    pages += [node_page(ctx, node) for node in d.nodes.values()]
    return pages
