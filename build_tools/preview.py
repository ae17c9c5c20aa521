"""``make serve`` (``mkdocs serve --dirty``): rebuilds after a save that write only the generated pages whose
output changes. A build does not need this module; the plugin hands it the preview's hooks.

A rebuild reuses from the build before (benchmarks/reuse_layers.py measures each): the node files read and
checked, by the digest of their bytes, and each debate's statuses while their outcome key is the same (together
about 0.1-0.2 s of a 1.1 s save-to-visible at 1,000 nodes), the checked SVG of each map (the renderer's
memory, x1.3 without it) and the pages themselves (x3.5 without). Each generated page's key is a digest
of everything its HTML is made from (its Markdown, the maps it embeds, the navigation, mkdocs.yml and the
theme's overrides); a page whose key is the one it was last written with is not converted, templated or
written again; a page whose Markdown is the same but whose placeholders are not (a neighbour relabelled shows
on its focus map and in its outline) is filled again from its last HTML and written, not converted or
templated; and the search index keeps the entries of those pages, in the order a full build gives them.
Hand-written pages are always rebuilt. What is left is what a full build writes (tests/test_preview.py).

MkDocs offers no public way to do some of this; the behaviours of MkDocs, Material and watchdog it relies on
are :data:`PRIVATE`, each checked by tests/test_preview.py::test_the_private_behaviours_the_preview_uses_are_there
(which fails when a new version changes one). Where one is missing, the preview still builds whole pages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from mkdocs.structure.files import File, Files

from .check import check_project
from .check.layout import ARGUMENTS
from .check.load import Reuse
from .site.embed import fill_slots, slots_in
from .site.pipeline import Site
from .site.render import Renderer

__all__ = ["Preview", "PRIVATE", "ARGUMENTS_POLL", "LAYERS"]

ARGUMENTS_POLL = 0.2  # seconds between two looks at the arguments folder under make serve

# What a rebuild reuses from the one before, each of which can be left out (ARGMAP_PREVIEW_WITHOUT=a,b) so that
# benchmarks/reuse_layers.py can measure what each saves; the site is the same without any of them.
LAYERS = ("node-files", "statuses", "svg", "pages")

# What the preview uses that MkDocs, its search plugin, Material's or watchdog do not document, in one place.
PRIVATE = (
    ("mkdocs.structure.files.File.is_modified", "a page whose key is unchanged says it is not modified, so that "
     "MkDocs' dirty build skips it (the method is documented as the dirty build's question, not as one to answer)"),
    ("mkdocs search plugin: search_index._entries / Material: search_index.entries", "the index of a rebuild "
     "keeps the entries of the pages it did not build"),
    ("Material search plugin: search_index_prev", "cleared: its own merge assumes one page changed"),
    ("watchdog BaseObserver._timeout", "the arguments folder polled every 0.2 s (MkDocs' pace is 0.5 s)"),
    ("mkdocs.commands.build log: \"A 'dirty' build is being performed\"", "that warning is dropped: these "
     "rebuilds leave no stale link"),
)


class Preview:
    """What one ``mkdocs serve --dirty`` session remembers from one rebuild to the next."""

    refilled = 0  # the pages of the last rebuild written again with new placeholders only (no Markdown, no template)

    def __init__(self, without: frozenset[str] = frozenset()) -> None:
        unknown = set(without) - set(LAYERS)
        if unknown:
            raise ValueError(f"no reuse layer {', '.join(sorted(unknown))}: the layers are {', '.join(LAYERS)}")
        self.uses = {layer: layer not in without for layer in LAYERS}
        self.written: dict[str, tuple[str, str]] = {}  # a generated page's source -> (its key, its file) as last written
        self.keys: dict[str, str] = {}  # ... and the keys of this build
        self.entries: dict[str, list] = {}  # a page's URL -> its entries in the search index, as last built
        self.order: list[str] = []  # the documentation pages' URLs, in the order MkDocs builds them
        self.rebuilt: set[str] = set()  # the URLs of the pages this build writes
        self.dests: dict[str, str] = {}  # a generated page's source -> its file in the site
        # each generated page's HTML before its placeholders are filled (maps, outlines, tables), as last built: a
        # page whose Markdown is unchanged but whose placeholders are not is filled again, not converted or templated
        self.shells: dict[str, str] = {}
        self.other_files: set[str] = set()  # the generated files that are not pages (images, data), in the site
        self.last_files: set[str] = set()  # ... as the build before wrote them
        self.renderer: Renderer | None = None  # the session's renderer, its checked maps in memory
        self.reuse = Reuse()  # the node files read and checked, by the digest of their bytes, for the next rebuild
        self.outcomes: dict = {}  # each debate's outcome key and statuses, as last built
        logging.getLogger("mkdocs.commands.build").addFilter(_exact_dirty_builds)

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_exact_dirty_builds)

    def check(self, root: Path):
        """The project checked, with the node files and statuses of the last rebuild where nothing they come
        from changed (content keys: the files' bytes, the statuses' outcome key)."""
        result = check_project(root, reuse=self.reuse if self.uses["node-files"] else None)
        for analysis in result.analyses if self.uses["statuses"] else ():
            if analysis.debate.id in self.outcomes:
                analysis.adopt_statuses(*self.outcomes[analysis.debate.id])
        return result

    def built(self, analyses) -> None:
        self.outcomes = {a.debate.id: (a.outcome_key, a.statuses) for a in analyses}

    def renderer_for(self, renderer: Renderer) -> Renderer:
        """The session's renderer (the first build's), counting this build's renders afresh."""
        if not self.uses["svg"]:
            renderer.remember = False
            return renderer
        self.renderer = self.renderer or renderer
        self.renderer.rendered, self.renderer.seconds, self.renderer.used = 0, 0.0, set()
        return self.renderer

    def mark_unchanged(self, files: Files, config, site: Site) -> None:
        """Tell MkDocs' dirty build which generated pages need not be built again: those whose key (a digest of
        what the page's HTML is made from) is the one they were last written with, and whose file is there."""
        generated = {page.src: page.markdown for page in site.pages}
        config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        custom = config.theme.custom_dir  # the theme's overrides, if any: a template edited there changes every page
        if custom and os.path.isdir(custom):
            config_file += json.dumps(sorted((str(p), hashlib.blake2b(p.read_bytes()).hexdigest())
                                             for p in Path(custom).rglob("*") if p.is_file())).encode()
        common = hashlib.sha256(json.dumps([config.nav, sorted(f.src_uri for f in files.documentation_pages())],
                                           sort_keys=True).encode() + config_file).hexdigest()
        self.keys, self.rebuilt, self.refilled = {}, set(), 0
        for file in files.documentation_pages():
            markdown = generated.get(file.src_uri)
            if markdown is None:  # a hand-written page: always built (MkDocs reads its title from its text)
                file.is_modified = lambda: True  # type: ignore[method-assign]
                self.rebuilt.add(_page_url(file))
                continue
            image = (site.previews.get(file.src_uri) or site.previews.get(site.home[1]) or ("", ""))[0]
            # (the page's head names its preview image's size: part of what is outside its placeholders)
            size = bytes(site.files.get(image, b"")[16:24]) if isinstance(site.files.get(image), bytes) else b""
            shell = hashlib.sha256(common.encode() + markdown.encode() + image.encode() + size).hexdigest()
            slots = hashlib.sha256()
            for name in slots_in(markdown):
                slots.update((site.slotted(name) or "").encode())
            key = self.keys[file.src_uri] = f"{shell} {slots.hexdigest()}"
            last, dest = self.written.get(file.src_uri, ("", None)), file.abs_dest_path
            there = self.uses["pages"] and last[1] == dest and os.path.isfile(dest)
            unchanged = there and last[0] == key
            if there and not unchanged and last[0].split(" ")[0] == shell and file.src_uri in self.shells:
                # only what goes into its placeholders changed (a neighbour's label on its map or outline): the
                # page is filled again from its last HTML, as the plugin fills it, and written
                Path(dest).write_bytes(fill_slots(self.shells[file.src_uri], site).encode("utf-8"))
                unchanged = True
                self.refilled += 1
            file.is_modified = (lambda changed=not unchanged: changed)  # type: ignore[method-assign]
            if not unchanged:
                self.rebuilt.add(_page_url(file))
        self.order = [_page_url(f) for f in files.documentation_pages()]
        self.dests = {f.src_uri: f.abs_dest_path for f in files.documentation_pages() if f.src_uri in self.keys}
        self.other_files = {f.abs_dest_path for f in files if f.src_uri in site.files}

    def post_build(self, config) -> None:
        """Remove the pages gone from the site; give the search index the entries of the pages not built."""
        for src, (_, dest) in self.written.items():
            if src not in self.keys and os.path.isfile(dest):  # a page gone from the site (its node was removed)
                os.remove(dest)
                if not os.listdir(os.path.dirname(dest)):
                    os.rmdir(os.path.dirname(dest))
        for dest in self.last_files - self.other_files:  # a file gone from the site (the preview of a removed claim)
            if os.path.isfile(dest):
                os.remove(dest)
        self.last_files = self.other_files
        self.written = {src: (key, self.dests[src]) for src, key in self.keys.items()}
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        field = "entries" if hasattr(index, "entries") else "_entries"  # Material's search, or MkDocs' own
        if index is None or not isinstance(getattr(index, field, None), list):
            return
        fresh: dict[str, list] = {}
        for entry in getattr(index, field):
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        self.entries = {url: fresh.get(url, []) if url in self.rebuilt else self.entries.get(url, [])
                        for url in self.order}
        # the pages built this time bring their own entries; the others keep theirs, in a full build's order
        setattr(index, field, [entry for url in self.order for entry in self.entries[url]])
        search.search_index_prev = None  # the theme's own merge assumes a single page changed


def watch(server, root: Path):
    """``mkdocs serve`` also watches the arguments folder, polled every :data:`ARGUMENTS_POLL` seconds (MkDocs'
    watcher polls every 0.5 s: a quarter of a second of each save's wait, on average; a poll costs about 6 ms at
    1,000 files). The interval of the watches scheduled from here on is the observer's (watchdog's BaseObserver
    keeps it in ``_timeout``); where that is not so, the arguments are watched at MkDocs' pace."""
    observer = getattr(server, "observer", None)
    if isinstance(getattr(observer, "_timeout", None), (int, float)):
        observer._timeout = min(observer._timeout, ARGUMENTS_POLL)
    server.watch(str(root / ARGUMENTS))
    return server


def _page_url(file: File) -> str:
    """The URL MkDocs gives the file's page (and the search index its entries): the home page's is empty."""
    return "" if file.url in (".", "./") else file.url


def _exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave stale links (see the module's docstring)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
