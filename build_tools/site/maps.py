"""Maps: which view each page shows, as DOT with links relative to that page.

:func:`map_source` is the one place a map's DOT is made, for the site's pages, for
``argmap render`` and for the DOT export alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis import Analysis
from . import views
from .dot import to_dot
from .render import Renderer
from .reuse import NodeReuse
from .urls import Layout, relative_url

__all__ = ["MapSource", "map_source", "site_maps", "render_map"]


@dataclass(frozen=True)
class MapSource:
    """One map to render: its debate, its view, the page that shows it, and its DOT."""

    debate: str
    view: views.View
    page: str
    dot: str

    @property
    def name(self) -> str:
        """Unique in the site: the key of the map's slot in its page and of its rendering."""
        return f"{self.debate}/{self.view.id}"


def map_source(analysis: Analysis, layout: Layout, view: views.View, page: str,
               directory_urls: bool = True) -> MapSource:
    """The map of ``view`` as shown on ``page``: every node links to its own page, and each box
    carries its status under the view's perspective (or as the map stands)."""
    debate = analysis.debate
    statuses = analysis.statuses[view.perspective]

    def link(node_id: str) -> str:
        return relative_url(page, layout.node(debate.nodes[node_id]), directory_urls)

    return MapSource(debate.id, view, page, to_dot(debate, view, link, statuses=statuses))


def site_maps(analysis: Analysis, layout: Layout, directory_urls: bool = True,
              reuse: NodeReuse | None = None) -> list[MapSource]:
    """Every map of the debate's pages: overview, whole map, perspectives, and one focus map per node (with
    ``reuse``, make serve's: a focus map kept from the last rebuild while nothing it was made from changed)."""
    debate, graph = analysis.debate, analysis.graph
    planned = [(layout.home, views.overview(debate, graph)), (layout.map, views.whole(debate, graph))]
    planned += [(layout.perspective(p.id), views.perspective_view(debate, graph, p.id)) for p in debate.perspectives]
    found = [map_source(analysis, layout, view, page, directory_urls) for page, view in planned]
    for node in debate.nodes.values():
        def focus(node=node) -> MapSource:
            return map_source(analysis, layout, views.focus(debate, graph, node.id), layout.node(node), directory_urls)
        found.append(reuse.make(debate.id, f"map {node.id}", focus) if reuse is not None else focus())
    return found


def render_map(analysis: Analysis, view: views.View, fmt: str, renderer: Renderer, single: bool = True) -> bytes:
    """One map of a debate as a file (svg, png, pdf or dot), its links relative to the debate's home."""
    layout = Layout(analysis.debate.id, single)
    source = map_source(analysis, layout, view, layout.home)
    if fmt == "dot":
        return source.dot.encode("utf-8")
    if fmt == "svg":  # through the renderer's cache, as the site's maps
        return renderer.render([("map", source.dot)])["map"].encode("utf-8")
    return renderer.render_one(source.dot, fmt)
