"""Maps: which view each page shows, as DOT with links relative to that page."""

from __future__ import annotations

from dataclasses import dataclass

from . import views
from .dot import to_dot
from .graph import Graph, index
from .layout import Layout, relative_url
from .model import Debate

__all__ = ["MapSource", "map_dot", "site_maps"]


@dataclass(frozen=True)
class MapSource:
    name: str  # unique in the site: the debate's id and the view's id
    page: str  # the page that shows it
    view: views.View
    dot: str


def map_dot(debate: Debate, layout: Layout, view: views.View, page: str, directory_urls: bool = True) -> str:
    """The DOT of ``view`` as shown on ``page``: every node links to its own page."""
    def link(node_id: str) -> str:
        return relative_url(page, layout.node(debate.nodes[node_id]), directory_urls)

    return to_dot(debate, view, link)


def site_maps(debate: Debate, layout: Layout, directory_urls: bool = True,
              graph: Graph | None = None) -> list[MapSource]:
    """Every map of the debate's pages: overview, whole map, perspectives, and one focus map per node."""
    graph = graph or index(debate)
    planned = [(layout.home, views.overview(debate, graph)), (layout.map, views.whole(debate, graph))]
    planned += [(layout.perspective(p.id), views.perspective_view(debate, p.id, graph)) for p in debate.perspectives]
    planned += [(layout.node(node), views.focus(debate, node.id, graph)) for node in debate.nodes.values()]
    return [
        MapSource(f"{debate.id}/{view.id}", page, view, map_dot(debate, layout, view, page, directory_urls))
        for page, view in planned
    ]
