"""Page URLs: where each page of a debate lives in the site, and links between pages as MkDocs makes them."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from ..model import Node

__all__ = ["Layout", "page_url", "relative_url", "relative_file_url", "relpath", "map_file"]


@dataclass(frozen=True)
class Layout:
    """Page paths (Markdown source paths, relative to the docs folder) of one debate.

    The only debate of a site has its home at the site's home page.
    """

    debate: str
    single: bool = True

    @property
    def home(self) -> str:
        return "index.md" if self.single else f"{self.debate}/index.md"

    @property
    def map(self) -> str:
        return f"{self.debate}/map.md"

    @property
    def source(self) -> str:
        return f"{self.debate}/source.md"

    @property
    def claims(self) -> str:
        return f"{self.debate}/claims/index.md"

    @property
    def evidence(self) -> str:
        return f"{self.debate}/evidence/index.md"

    @property
    def graph(self) -> str:
        """The debate's relations as JSON, for the reader's what-if in the browser."""
        return f"{self.debate}/graph.json"

    def export(self, suffix: str) -> str:
        """A download of the debate in another format (see exports.SUFFIXES)."""
        return f"{self.debate}/exports/{self.debate}{suffix}"

    @property
    def status(self) -> str:
        return f"{self.debate}/status.md"

    @property
    def about(self) -> str:
        return f"{self.debate}/about.md"

    @property
    def tags(self) -> str:
        return f"{self.debate}/tags.md"

    def node(self, node: Node) -> str:
        return f"{self.debate}/{node.kind.folder}/{node.id}.md"

    def perspective(self, perspective_id: str) -> str:
        return f"{self.debate}/perspectives/{perspective_id}.md"


@functools.lru_cache(maxsize=1 << 16)  # pure; every page's address is asked for by every page linking to it
def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page built from ``src``.

    >>> page_url("d/claims/x.md"), page_url("d/claims/index.md"), page_url("index.md")
    ('d/claims/x/', 'd/claims/', '')
    >>> page_url("d/claims/x.md", False), page_url("index.md", False)
    ('d/claims/x.html', 'index.html')
    """
    stem = src[: -len(".md")]
    name = posixpath.basename(stem)
    if not directory_urls:
        return stem + ".html"
    if name == "index":
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for paths inside the site (relative, normalised: no ``..``), without asking the
    file system for the working folder (a site build computes tens of thousands of links).

    >>> [relpath(p, s) for p, s in [("d/map", "d/claims/x"), ("d", "d"), ("index.md", "."), ("d/a", "e")]]
    ['../../map', '.', 'index.md', '../d/a']
    """
    to = [p for p in path.split("/") if p and p != "."]
    here = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def map_file(src: str, directory_urls: bool = True) -> str:
    """Where the map of the page built from ``src`` is written when the page loads it from a file: in the page's own
    folder, so that the map's links (relative to the page) lead to the same pages from the file itself.

    >>> map_file("d/map.md"), map_file("d/perspectives/p.md", False), map_file("index.md")
    ('d/map/map.svg', 'd/perspectives/p.svg', 'map.svg')
    """
    here = page_url(src, directory_urls)
    return here + "map.svg" if here.endswith("/") or not here else here.removesuffix(".html") + ".svg"


def relative_file_url(from_src: str, path: str, directory_urls: bool = True) -> str:
    """The link from the page built from ``from_src`` to the site file ``path``.

    >>> relative_file_url("d/claims/x.md", "d/graph.json"), relative_file_url("index.md", "d/graph.json")
    ('../../graph.json', 'd/graph.json')
    """
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    return relpath(path, base or ".")


@functools.lru_cache(maxsize=1 << 17)  # pure; a map, its outline and its page link to the same nodes
def relative_url(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """The link from the page built from ``from_src`` to the one built from ``to_src``.

    >>> relative_url("d/claims/x.md", "d/claims/y.md")
    '../y/'
    >>> relative_url("index.md", "d/claims/y.md"), relative_url("d/claims/x.md", "index.md")
    ('d/claims/y/', '../../../')
    >>> relative_url("d/claims/x.md", "d/claims/y.md", False)
    'y.html'
    """
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    path = relpath(there or ".", base or ".")
    if there.endswith("/") or not there:
        path = "./" if path == "." else path + "/"
    return path
