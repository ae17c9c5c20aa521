"""The pipeline in one place: checked debates -> maps -> rendered SVG -> pages.

Both the MkDocs plugin and the command line call :func:`build_site`; nothing here knows
MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .embed import inline_svg
from .escape import markdown_text
from .layout import Layout
from .maps import site_maps
from .model import Debate
from .pages import Page, debate_pages, heading
from .render import Renderer

__all__ = ["Site", "build_site"]


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    maps: int


def build_site(debates: list[Debate], renderer: Renderer, directory_urls: bool = True) -> Site:
    """Every generated page of the site, with its maps rendered (through the renderer's cache)."""
    single = len(debates) == 1
    layouts = {d.id: Layout(d.id, single) for d in debates}
    sources = [m for d in debates for m in site_maps(d, layouts[d.id], directory_urls)]
    svgs = renderer.render([(m.name, m.dot) for m in sources])
    titles = {m.name: m.view.title for m in sources}

    def map_html(name: str) -> str:
        return inline_svg(svgs[name], titles[name])

    pages: list[Page] = []
    for debate in debates:
        pages += debate_pages(debate, layouts[debate.id], map_html, directory_urls)
    if not single:
        pages.append(_debates_index(debates, layouts))
    return Site(tuple(pages), len(sources))


def _debates_index(debates: list[Debate], layouts: dict[str, Layout]) -> Page:
    lines = heading("Debates")
    for d in debates:
        lines.append(f"- [{markdown_text(d.title)}]({layouts[d.id].home}): {markdown_text(d.summary)}")
    return Page("index.md", "\n".join(lines) + "\n")
