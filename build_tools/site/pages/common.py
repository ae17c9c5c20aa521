"""What every page builder shares: the page record, front matter, links and map blocks.

All text from YAML goes through :mod:`build_tools.escape`; maps arrive as finished, safe
SVG (see :mod:`..embed`). Links between pages are relative ``.md`` paths, which MkDocs
resolves and checks; raw HTML (maps, the source text) carries URLs computed for the page
it is on.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ...analysis import Analysis
from ...escape import front_matter_string, html_link, html_text, markdown_text, safe_url
from ...model import Debate, Node, NodeKind
from ...vocabulary import OUTCOMES, ROLE_NAMES
from ..outline import outline
from ..urls import Layout, relative_url, relpath
from ..views import View

__all__ = ["Page", "PageContext", "MapHtml", "heading", "grouped"]

MapHtml = Callable[[str], str]  # map name -> the HTML (or the placeholder) that shows it


@dataclass(frozen=True)
class Page:
    src: str  # the Markdown path, relative to the docs folder
    markdown: str
    edit_path: str | None = None  # the YAML file it is built from, relative to the project


@dataclass(frozen=True)
class PageContext:
    """One debate's analysis and where its pages and maps are: what every page builder reads."""

    analysis: Analysis
    layout: Layout
    map_html: MapHtml
    shown: Mapping[str, View]  # the view of each map, by view id
    downloads: tuple[tuple[str, str], ...]  # (format title, file path in the site)
    directory_urls: bool = True
    # HTML that goes into the finished page where its placeholder is (see embed.slot), by name: the outlines,
    # which neither Markdown nor the search index need to read (a 1,000-node outline costs them seconds)
    fragments: dict[str, str] = field(default_factory=dict)

    @property
    def debate(self) -> Debate:
        return self.analysis.debate

    def md_link(self, page: str, target: str) -> str:
        """A relative link to the Markdown page ``target`` from ``page``."""
        return relpath(target, posixpath.dirname(page) or ".")

    def node_link(self, page: str, node_id: str) -> str:
        node = self.debate.nodes[node_id]
        return f"[{markdown_text(node.label)}]({self.md_link(page, self.layout.node(node))})"

    def badge(self, page: str, outcome_word: str, node_id: str | None = None) -> str:
        """An outcome's badge: its word, a tooltip saying what it means, a link to the key of every mark (the
        home page's "How to read a map"), and (``node_id``) the node it is the outcome of, for the what-if."""
        outcome = OUTCOMES[outcome_word]
        key = relative_url(page, self.layout.home, self.directory_urls) + "#how-to-read-a-map"
        node = f' data-node="{html_text(node_id)}"' if node_id else ""
        return (f'<a class="argmap-badge {outcome.css}"{node} href="{html_text(key)}" '
                f'title="{html_text(outcome.word)}: {html_text(outcome.meaning)} (the key of every mark)">'
                f"{html_text(outcome.word)}</a>")

    def html_node_link(self, page: str, node_id: str) -> str:
        node = self.debate.nodes[node_id]
        url = relative_url(page, self.layout.node(node), self.directory_urls)
        return f'<a href="{html_text(url)}">{html_text(node.label)}</a>'

    def map_block(self, page: str, view_id: str, caption: str, under: str = "") -> str:
        """The map's slot, ``under`` it (a fragment's slot: controls that act on the map), then the same map told
        as a nested list."""
        view, debate = self.shown[view_id], self.debate

        listing = outline(debate, view, lambda n: relative_url(page, self.layout.node(debate.nodes[n]),
                                                               self.directory_urls))
        listing = (f'<div class="argmap-outline" data-search-exclude>\n<p><strong>{html_text(caption)} '
                   f"as a list:</strong></p>\n{listing}</div>")
        under = f"{under}\n\n" if under else ""
        return f"{self.map_html(f'{self.debate.id}/{view.id}')}\n\n{under}{self.fragment(page, f'outline/{view.id}', listing)}"

    def fragment(self, page: str, name: str, html: str) -> str:
        """The placeholder of ``html`` (escaped HTML of ours), which goes into the page after Markdown: long
        generated tables and lists that Markdown adds nothing to, and that search need not index."""
        key = f"{name}/{page.removesuffix('.md')}"
        self.fragments[key] = html
        return self.map_html(key)

    def html_table(self, page: str, name: str, head: list[str], rows: list[list[str]]) -> str:
        """A table (cells are HTML already) as a fragment of ``page``."""
        header = "".join(f"<th>{cell}</th>" for cell in head)
        body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
        return self.fragment(page, name, f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>{body}</tbody>\n</table>")

    def perspective_name(self, node: Node) -> str:
        p = self.debate.perspective(node.perspective) if node.perspective else None
        return markdown_text(p.name) if p else "unclassified"


def heading(title: str, hide_toc: bool = False, description: str | None = None, hide_nav: bool = False) -> list[str]:
    """Front matter and the first heading of a page.

    The title is given in the front matter, HTML-escaped: MkDocs would otherwise take it from
    the heading with its entities decoded, and themes insert it into ``<title>`` unescaped.
    It is written so that the front matter parses whatever the title holds. ``description``
    (the page's own, for its ``<meta name="description">`` and the links shared to it) is
    folded to one line, shortened to 300 characters and escaped the same way.

    >>> heading("a </title><b>")
    ['---', 'title: "a &lt;/title&gt;&lt;b&gt;"', '---', '', '# a &lt;/title&gt;&lt;b&gt;', '']
    >>> heading("t", description="One <b>line</b>")[2]
    'description: "One &lt;b&gt;line&lt;/b&gt;"'
    """
    front = ["---", f"title: {front_matter_string(html_text(title))}"]
    if description:
        text = " ".join(description.split())
        text = text if len(text) <= 300 else text[:299].rsplit(" ", 1)[0] + "…"
        front.append(f"description: {front_matter_string(html_text(text))}")
    if hide_toc or hide_nav:  # (a page read beside its map takes the navigation's room too)
        front += ["hide:", *(["  - toc"] if hide_toc else []), *(["  - navigation"] if hide_nav else [])]
    return [*front, "---", "", f"# {markdown_text(title)}", ""]


def grouped(nodes: list[Node]) -> list[tuple[str, list[Node]]]:
    """Nodes grouped under their role's name (evidence last), in the roles' order."""
    groups: dict[str, list[Node]] = {}
    for node in nodes:
        name = "Evidence" if node.kind is NodeKind.EVIDENCE else ROLE_NAMES.get(node.role, "Unclassified")
        groups.setdefault(name, []).append(node)
    order = [*ROLE_NAMES.values(), "Unclassified", "Evidence"]
    return [(name, groups[name]) for name in order if name in groups]


def source_facts(d: Debate) -> list[str]:
    """The article's bibliographic details as a table; what is not recorded is said once, not printed as 'unknown'."""
    s = d.source
    fields = [("Title", s.title), ("Author", s.author), ("Publication", s.publication), ("Date", s.date),
              ("Link", s.url)]
    known = [(name, html_link(value) if name == "Link" else markdown_text(value))
             for name, value in fields if value != "unknown"]
    missing = [name.lower() for name, value in fields if value == "unknown"]
    lines = []
    if known:
        lines += ["| The article | |", "|---|---|", *(f"| {name} | {value} |" for name, value in known), ""]
    if missing:
        lines += [f"Not recorded for this article: its {_listed(missing)}.", ""]
    return lines


def byline(d: Debate) -> list[str]:
    r"""The article's byline, under a page's title: its title, author, publication and date where recorded, a link
    to the original where it is safe; what is not recorded is said once.

    >>> from types import SimpleNamespace as S
    >>> byline(S(source=S(title="A *B*", author="C", publication="unknown", date="2025-06-01", url="unknown")))
    ['A map of the article “A \\*B\\*”, by C, 2025-06-01. Not recorded: its publication and link.', '{: .argmap-byline }', '']
    """
    s = d.source
    known = lambda value: value != "unknown"  # noqa: E731
    parts = [f"the article “{markdown_text(s.title)}”" if known(s.title) else "an article"]
    if known(s.author):
        parts.append(f"by {markdown_text(s.author)}")
    parts += [markdown_text(value) for value in (s.publication, s.date) if known(value)]
    text = "A map of " + ", ".join(parts)
    if known(s.url) and safe_url(s.url):
        text += f' · <a href="{html_text(s.url).replace("|", "&#124;")}">the original</a>'
    missing = [name for name, value in (("title", s.title), ("author", s.author), ("publication", s.publication),
                                        ("date", s.date), ("link", s.url)) if not known(value)]
    text += "." + (f" Not recorded: its {_listed(missing)}." if missing else "")
    return [text, "{: .argmap-byline }", ""]


def _listed(words: list[str]) -> str:
    """Words joined as in a sentence.

    >>> _listed(["title"]), _listed(["title", "date"]), _listed(["a", "b", "c"])
    ('title', 'title and date', 'a, b and c')
    """
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
