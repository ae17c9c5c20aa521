"""The site's pipeline in one place: analyses -> maps -> rendered SVG -> pages and files.

Both the MkDocs plugin and ``argmap render`` call into this module; nothing here knows
MkDocs. What the site offers for download is passed in (the formats registry), so that the
site does not depend on the formats that themselves draw on its maps.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from types import MappingProxyType

from ..analysis import Analysis
from ..escape import html_text, markdown_text
from ..heap import collector_paused
from ..prose import explain
from .dot import preview_dot
from .embed import inline_svg, loaded_figure, slot, svg_body
from .maps import MapSource, site_maps
from .pages import Page, PageContext, debate_pages, heading
from .pages.source import READING_MAP
from .render import Renderer
from .reuse import NodeReuse
from .urls import Layout, map_file, relative_file_url
from .whatif import graph_data

__all__ = ["Site", "Download", "NavEntry", "build_site", "debate_nav"]


@dataclass(frozen=True)
class Download:
    """A file of each debate the site offers: its title, its file name's suffix, how to write it."""

    title: str
    suffix: str
    write: Callable[[Analysis], str]


# An entry of the site's navigation: a title (HTML-escaped: themes print it as it is) and a page's path, or a
# section's entries.
NavEntry = tuple[str, "str | tuple[NavEntry, ...]"]


@dataclass(frozen=True)
class Site:
    """The generated pages, with a placeholder where each map or outline goes, and their HTML by name.

    ``home`` is the site's home page; ``nav`` the navigation of the debates' pages (readers reach the claims and
    evidence from the maps and indexes, not from the navigation).
    """

    pages: tuple[Page, ...]
    maps: Mapping[str, str]
    files: Mapping[str, str | bytes]  # other generated files (path in the site -> text, or an image's bytes)
    home: NavEntry = ("Home", "index.md")
    nav: tuple[NavEntry, ...] = ()
    fragments: Mapping[str, str] = field(default_factory=dict)  # the outlines' HTML (and a drawing shown twice),
    # by the name of their placeholder
    map_files: Mapping[str, str] = field(default_factory=dict)  # a map drawn to a file, by name: the file's path
    # each page's preview image: its path in the site, and what it shows (its alternative text)
    previews: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # (make serve) the map files to draw once the pages are served: path in the site -> (map name, DOT, title)
    later: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)

    def slotted(self, name: str) -> str | None:
        """The HTML that replaces the placeholder ``name``: a map or an outline."""
        return self.maps.get(name, self.fragments.get(name))


PREVIEW_LIMIT = 300  # nodes: a debate up to this size has a preview image per claim; a larger one, its overview's


def build_site(analyses: Sequence[Analysis], renderer: Renderer, downloads: Sequence[Download] = (),
               directory_urls: bool = True, previews: bool = True, reuse: NodeReuse | None = None,
               later: bool = False) -> Site:
    """Every generated page of the site, with its maps rendered (through the renderer's cache) and, with
    ``previews``, the preview image a link shared to each page shows: its focus map (a claim's or evidence's page,
    in a debate of up to PREVIEW_LIMIT nodes), else its debate's overview, drawn to PNG. With ``reuse`` (make
    serve's), the node pages and focus maps that nothing changed since the last rebuild are kept from it. With
    ``later`` (make serve's), a map in a file of its own (the whole map, a perspective's) that was not drawn before
    is not drawn now: ``Site.later`` lists it, to be drawn once the pages are served (no page waits for it)."""
    single = len(analyses) == 1
    layouts = {a.debate.id: Layout(a.debate.id, single) for a in analyses}
    with ExitStack() as scope:
        scope.enter_context(collector_paused())  # (see build_tools.heap)
        if reuse is not None:
            for a in analyses:
                scope.enter_context(reuse.debate(a, repr((layouts[a.debate.id], directory_urls,
                                                          [(d.title, d.suffix) for d in downloads]))))
        return _build_site(analyses, renderer, downloads, directory_urls, previews, reuse, layouts, later)


def _build_site(analyses: Sequence[Analysis], renderer: Renderer, downloads: Sequence[Download],
                directory_urls: bool, previews: bool, reuse: NodeReuse | None, layouts: dict[str, Layout],
                later: bool) -> Site:
    single = len(analyses) == 1
    sources = {a.debate.id: site_maps(a, layouts[a.debate.id], directory_urls, reuse) for a in analyses}
    every = [m for found in sources.values() for m in found]

    def inline(m: MapSource) -> bool:
        return m.page == layouts[m.debate].home or m.view.focus is not None

    waiting: set[str] = set()
    if later:  # the maps in files of their own that were not drawn before: drawn once the pages are served
        filed = [(m.name, m.dot) for m in every if not inline(m)]
        waiting = {name for name, _ in filed} - set(renderer.drawn(filed))
    svgs = renderer.render([(m.name, m.dot) for m in every if m.name not in waiting])
    late: dict[str, tuple[str, str, str]] = {}

    files: dict[str, str | bytes] = {}
    fragments: dict[str, str] = {}
    drawn: dict[str, str] = {}

    def placed(m: MapSource) -> str:
        """A map in its page: inline where it is a page's own (the overview, a claim's focus map: small, on the first
        screen); a map of the whole debate or of a perspective (large) in a file beside its page, loaded once the
        page's text is in, so that the page stays light."""
        data = _what_if(m, layouts[m.debate], directory_urls)
        if inline(m):
            return inline_svg(svgs[m.name], m.view.title, data=data)
        path = drawn[m.name] = map_file(m.page, directory_urls)
        if m.name in waiting:
            late[path] = (m.name, m.dot, m.view.title)
        else:
            files[path] = svg_body(svgs[m.name], m.view.title)
        return loaded_figure(relative_file_url(m.page, path, directory_urls), m.view.title, data)

    maps = {m.name: placed(m) for m in every}
    for m in every:  # the source page reads beside the whole map: the same file (its links are relative to a page
        # of the same folder), in a panel, without the what-if
        layout = layouts[m.debate]
        if m.view.id == "map" and posixpath.dirname(layout.source) == posixpath.dirname(m.page):
            fragments[f"{m.debate}/{READING_MAP}"] = loaded_figure(
                relative_file_url(layout.source, drawn[m.name], directory_urls), m.view.title, {"fill": "panel"})
    pages: list[Page] = []
    for analysis in analyses:
        layout = layouts[analysis.debate.id]
        files[layout.graph] = json.dumps(graph_data(analysis), sort_keys=True, allow_nan=False)
        files.update({layout.export(d.suffix): d.write(analysis) for d in downloads})
        ctx = PageContext(analysis, layout, slot, {m.view.id: m.view for m in sources[analysis.debate.id]},
                          tuple((d.title, layout.export(d.suffix)) for d in downloads), directory_urls)
        pages += debate_pages(ctx, reuse)
        fragments.update(ctx.fragments)
    shown: dict[str, tuple[str, str]] = {}
    if previews:
        shown = _previews(analyses, layouts, sources, renderer, files)
        for page in pages:
            debate = page.src.split("/")[0] if not single else analyses[0].debate.id
            home = shown.get(layouts[debate].home) if debate in layouts else None
            if page.src not in shown and home:
                shown[page.src] = home  # a page without a map of its own: its debate's overview
    if not single:
        pages.append(_debates_index(analyses, layouts))
        if previews and analyses:
            shown["index.md"] = shown[layouts[analyses[0].debate.id].home]
    nav = tuple(entry for a in analyses for entry in debate_nav(a, layouts[a.debate.id]))
    return Site(tuple(pages), MappingProxyType(maps), MappingProxyType(files), nav=nav,
                fragments=MappingProxyType(fragments), previews=MappingProxyType(shown),
                map_files=MappingProxyType(drawn), later=MappingProxyType(late))


def _previews(analyses: Sequence[Analysis], layouts: Mapping[str, Layout], sources: Mapping[str, list[MapSource]],
              renderer: Renderer, files: dict) -> dict[str, tuple[str, str]]:
    """The preview images (added to ``files``) and what each shows, by the page they preview."""
    wanted = [m for a in analyses for m in sources[a.debate.id]
              if m.page == layouts[m.debate].home or (m.view.focus and len(a.debate.nodes) <= PREVIEW_LIMIT)]
    images = renderer.render_images([(m.name, preview_dot(m.dot)) for m in wanted])
    debates = {a.debate.id: a.debate for a in analyses}
    shown = {}
    for m in wanted:
        path = f"{m.debate}/previews/{m.view.id}.png"
        files[path] = images[m.name]
        debate = debates[m.debate]
        about = debate.nodes[m.view.focus].label if m.view.focus else debate.title
        shown[m.page] = (path, f"The argument map {'around' if m.view.focus else 'of'} “{about}”")
    return shown


def debate_nav(analysis: Analysis, layout: Layout) -> tuple[NavEntry, ...]:
    """A debate's entries in the navigation: its maps and indexes; in a site of several debates, in a section
    named after the debate that begins with the debate's own home.

    The only debate of a site has its home at the site's home page, which the navigation names "Home".
    """
    d = analysis.debate
    maps = (("Read the article", layout.source), ("The whole map", layout.map),
            *((html_text(p.name), layout.perspective(p.id)) for p in d.perspectives))
    indexes = (("Where the debate stands", layout.status), ("Claims", layout.claims), ("Evidence", layout.evidence),
               ("Tags", layout.tags), ("About this debate", layout.about))
    entries: tuple[NavEntry, ...] = (("Maps", maps), ("Indexes", indexes))
    if layout.single:
        return entries
    return ((html_text(d.title), (("Overview", layout.home), *entries)),)


def _what_if(source: MapSource, layout: Layout, directory_urls: bool) -> dict[str, str]:
    """The figure's data for the reader's what-if: where the debate's graph is, and whose premises it starts from."""
    data = {"graph": relative_file_url(source.page, layout.graph, directory_urls)}
    if source.view.perspective:
        data["perspective"] = source.view.perspective
    if source.view.id == "map":
        data["fill"] = "screen"  # the whole map's page: its frame fills the screen below the header (argmap.js)
    return data


def _debates_index(analyses: Sequence[Analysis], layouts: dict[str, Layout]) -> Page:
    """The home page of a site of several debates: for each, its question, what the text argues, its thesis and
    where the thesis stands as the map stands, with the reason, and the way to its map."""
    lines = heading("Debates", hide_toc=True, description="; ".join(a.debate.title for a in analyses))
    lines += [f"{len(analyses)} texts, each mapped claim by claim and checked against its own words.", ""]
    for a in analyses:
        d, layout = a.debate, layouts[a.debate.id]
        lines += [f"## [{markdown_text(d.title)}]({layout.home})", "", markdown_text(d.summary), ""]
        thesis = d.nodes.get(d.thesis)
        if thesis is not None:
            status = a.statuses[None][thesis.id]
            label = lambda n: f"“{markdown_text(d.nodes[n].label)}”" if n in d.nodes else n  # noqa: E731
            reason = explain(status, label).removeprefix(f"{status.outcome}: ")
            lines += [f"> {markdown_text(thesis.statement)}", "",
                      f"The thesis: **{status.outcome}** as the map stands: {reason}.", ""]
        lines += [f"[Its overview and map]({layout.home}) · [the whole map]({layout.map}) · "
                  f"[where it stands]({layout.status})", ""]
    return Page("index.md", "\n".join(lines) + "\n")
