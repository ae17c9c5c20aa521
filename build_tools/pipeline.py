"""The pipeline in one place: checked debates -> maps -> rendered SVG -> pages.

Both the MkDocs plugin and the command line call :func:`build_site`; nothing here knows
MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .embed import inline_svg, slot
from .escape import markdown_text
from .exports import EXPORTS, SUFFIXES
from .graph import index
from .layout import Layout, relative_file_url
from .maps import MapSource, evaluations, site_maps
from .model import Debate
from .pages import Page, debate_pages, heading
from .render import Renderer
from .status import graph_data

__all__ = ["Site", "build_site"]


@dataclass(frozen=True)
class Site:
    """The generated pages, with a placeholder where each map goes, and the maps' HTML by name."""

    pages: tuple[Page, ...]
    maps: Mapping[str, str]
    files: Mapping[str, str]  # other generated files (path in the site -> text)


def build_site(debates: list[Debate], renderer: Renderer, directory_urls: bool = True) -> Site:
    """Every generated page of the site, with its maps rendered (through the renderer's cache)."""
    single = len(debates) == 1
    layouts = {d.id: Layout(d.id, single) for d in debates}
    graphs = {d.id: index(d) for d in debates}
    statuses = {d.id: evaluations(d, graphs[d.id]) for d in debates}
    sources = [m for d in debates
               for m in site_maps(d, layouts[d.id], directory_urls, graphs[d.id], statuses[d.id])]
    svgs = renderer.render([(m.name, m.dot) for m in sources])
    maps = {m.name: inline_svg(svgs[m.name], m.view.title, data=_what_if(m, layouts, directory_urls))
            for m in sources}
    files = {layouts[d.id].graph: json.dumps(graph_data(d, graphs[d.id]), sort_keys=True) for d in debates}
    for d in debates:
        files.update({layouts[d.id].export(SUFFIXES[name]): export(d) for name, export in EXPORTS.items()})

    pages: list[Page] = []
    for debate in debates:
        shown = {m.view.id: m.view for m in sources if m.name.startswith(f"{debate.id}/")}
        pages += debate_pages(debate, layouts[debate.id], slot, shown, graphs[debate.id], statuses[debate.id],
                              directory_urls)
    if not single:
        pages.append(_debates_index(debates, layouts))
    return Site(tuple(pages), MappingProxyType(maps), MappingProxyType(files))


def _what_if(source: MapSource, layouts: dict[str, Layout], directory_urls: bool) -> dict[str, str]:
    """The figure's data for the reader's what-if: where the debate's graph is, and whose premises it starts from."""
    debate = source.name.split("/", 1)[0]
    data = {"graph": relative_file_url(source.page, layouts[debate].graph, directory_urls)}
    if source.view.id.startswith("perspective-"):
        data["perspective"] = source.view.id[len("perspective-"):]
    return data


def _debates_index(debates: list[Debate], layouts: dict[str, Layout]) -> Page:
    lines = heading("Debates")
    for d in debates:
        lines.append(f"- [{markdown_text(d.title)}]({layouts[d.id].home}): {markdown_text(d.summary)}")
    return Page("index.md", "\n".join(lines) + "\n")
