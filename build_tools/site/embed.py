"""Embed: a rendered SVG made ready to sit inline in a page.

Graphviz's prolog, doctype and comments go; the per-element ``<title>`` tooltips that
name our generated ids go (each node's link keeps its statement as ``xlink:title``); the
map gets a title of its own, its size is kept (Material's styles would collapse an SVG
without one), and it is wrapped in a figure that search does not index (the outline
beside it is what search reads). The SVG comes from :meth:`Renderer.render`, which returns
only SVG that passed the allow-list (fresh, or from the cache as it was checked); nothing
added here comes from the SVG or from user text unescaped, so it is not parsed again.
"""

from __future__ import annotations

import functools
import re

from ..escape import html_text

__all__ = ["inline_svg", "svg_body", "loaded_figure", "slot", "fill_slots", "slots_in"]

_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>", re.S)
_SLOT = re.compile(r'<div class="argmap-slot" data-map="([a-z0-9/\-]+)"></div>')


def slot(name: str) -> str:
    """A placeholder for the map ``name``, filled in the finished HTML.

    Maps go in after Markdown and after the search index have seen the page: neither has to
    parse thousands of SVG elements, and search never indexes them.

    >>> fill_slots("<p>" + slot("d/overview") + "</p>", {"d/overview": "<figure></figure>"})
    '<p><figure></figure></p>'
    """
    return f'<div class="argmap-slot" data-map="{name}"></div>'


def slots_in(text: str) -> list[str]:
    """The names of the maps whose placeholders ``text`` holds, in order."""
    return _SLOT.findall(text)


def fill_slots(html: str, maps) -> str:
    """``html`` with every placeholder replaced by its map or outline (``maps`` is a mapping of names, or anything
    with a ``slotted(name)`` method); unknown names are left alone."""
    find = maps.slotted if hasattr(maps, "slotted") else maps.get
    return _SLOT.sub(lambda m: find(m.group(1)) or m.group(0), html)


@functools.lru_cache(maxsize=1 << 16)  # pure; make serve's rebuilds place the same (remembered) SVGs again (more than
# a 10,000-node debate's maps: an LRU smaller than them misses every time)
def svg_body(svg: str, title: str) -> str:
    """The SVG as it sits in a page (see :func:`inline_svg`), also a document of its own: a page that loads a map
    from a file (:func:`loaded_figure`) puts this text into its figure."""
    body = _TITLE.sub("", _PROLOG.sub("", svg))
    body = _SVG_OPEN.sub(lambda m: f'<svg{m.group(1)} class="argmap-svg"><title>{html_text(title)}</title>',
                         body, count=1)
    return "\n".join(line for line in body.splitlines() if line.strip())


def loaded_figure(url: str, title: str, data: dict[str, str] | None = None) -> str:
    """A map's figure that loads its drawing from the file ``url`` (written with :func:`svg_body`) once the page's
    text is in: the page stays light, and unchanged when only the map changes. Without scripts, it links to the
    drawing itself (whose links lead where the map's do).

    >>> print(loaded_figure("../map/map.svg", "The <whole> map", {"fill": "panel"}))
    <figure class="argmap-map" data-search-exclude data-fill="panel" data-src="../map/map.svg"><p class="argmap-map-loading">The &lt;whole&gt; map is loading… <a href="../map/map.svg">Open the drawing</a>.</p></figure>
    """
    attributes = "".join(f' data-{key}="{html_text(value)}"' for key, value in sorted({**(data or {}), "src": url}.items()))
    return (f'<figure class="argmap-map" data-search-exclude{attributes}><p class="argmap-map-loading">'
            f'{html_text(title)} is loading… <a href="{html_text(url)}">Open the drawing</a>.</p></figure>')


def inline_svg(svg: str, title: str, css_class: str = "argmap-map", data: dict[str, str] | None = None) -> str:
    """The HTML of a map: a ``<figure>`` holding the SVG, with no blank line inside.

    >>> svg = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    ...        '<svg width="10pt" height="5pt" xmlns="http://www.w3.org/2000/svg"><title>n0</title></svg>')
    >>> html = inline_svg(svg, "A <map>")
    >>> html.startswith('<figure class="argmap-map" data-search-exclude>') and "<title>A &lt;map&gt;</title>" in html
    True
    """
    body = svg_body(svg, title)
    attributes = "".join(f' data-{key}="{html_text(value)}"' for key, value in sorted((data or {}).items()))
    return f'<figure class="{css_class}" data-search-exclude{attributes}>\n{body}\n</figure>'
