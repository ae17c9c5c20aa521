"""``make serve`` (``mkdocs serve --dirty``): rebuilds after a save that write only the generated pages whose
output changes. A build does not need this module; the plugin hands it the preview's hooks.

A rebuild reuses from the build before (benchmarks/reuse_layers.py measures each): the theme's templates
compiled (Jinja's code for each, by the digest of its source, in memory only: a bytecode cache on disk would be
code read from a folder a pull request can write to), the node files read and checked, by the digest of their bytes, and each debate's statuses while their outcome key is the same (together
about 0.1-0.2 s of a 1.1 s save-to-visible at 1,000 nodes), each node's page and focus map while nothing they
were made from changed (:mod:`build_tools.site.reuse`), the checked SVG of each map (the renderer's
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
import threading
import time
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.structure.files import File, Files
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .check import check_project
from .check.layout import ARGUMENTS
from .check.load import Reuse
from .site.embed import fill_slots, slots_in
from .site.pipeline import Site
from .files import umask, write_whole
from .site.embed import svg_body
from .site.render import Renderer, RenderError, RenderStopped
from .site.reuse import NodeReuse

__all__ = ["Preview", "PRIVATE", "ARGUMENTS_POLL", "LAYERS", "watch"]

ARGUMENTS_POLL = 0.2  # seconds between two polls of the arguments folder under make serve, where file events miss

# What a rebuild reuses from the one before, each of which can be left out (ARGMAP_PREVIEW_WITHOUT=a,b) so that
# benchmarks/reuse_layers.py can measure what each saves; the site is the same without any of them.
LAYERS = ("templates", "node-files", "statuses", "node-pages", "svg", "pages")

# What the preview uses that MkDocs, its search plugin, Material's or watchdog do not document, in one place.
PRIVATE = (
    ("mkdocs.structure.files.File.is_modified", "a page whose key is unchanged says it is not modified, so that "
     "MkDocs' dirty build skips it (the method is documented as the dirty build's question, not as one to answer)"),
    ("mkdocs search plugin: search_index._entries / Material: search_index.entries", "the index of a rebuild "
     "keeps the entries of the pages it did not build"),
    ("Material search plugin: search_index_prev", "cleared: its own merge assumes one page changed"),
    ("watchdog BaseObserver._timeout", "the arguments folder polled every 0.2 s (MkDocs' pace is 0.5 s)"),
    ("mkdocs LiveReloadServer._rebuild_cond, _want_rebuild, build_delay", "a change the system's file events report "
     "starts a rebuild as MkDocs' own watch does, and a save's writes are waited for 0.05 s (MkDocs: 0.1 s)"),
    ("mkdocs LiveReloadServer._epoch_cond, _visible_epoch, _wanted_epoch", "the browsers reload once the maps drawn "
     "after a rebuild's pages are in, as MkDocs has them reload after a rebuild"),
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
        self.drawer: Renderer | None = None  # this build's renderer (the session's, or a fresh one without "svg")
        self.reuse = Reuse()  # the node files read and checked, by the digest of their bytes, for the next rebuild
        self.outcomes: dict = {}  # each debate's outcome key and statuses, as last built
        self.templates = _CompiledTemplates()  # the theme's templates as Jinja compiled them, for the next rebuild
        self.node_pages = NodeReuse()  # each node's page and focus map, with the texts they were made from
        self.later: dict[str, tuple[str, str, str]] = {}  # the map files this build draws after its pages (Site.later)
        self.drawing: threading.Thread | None = None  # ... drawing them
        self.server = None  # the live-reload server (mkdocs serve), told when those maps are in
        logging.getLogger("mkdocs.commands.build").addFilter(_exact_dirty_builds)

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_exact_dirty_builds)
        self.finish_drawing()
        if self.renderer is not None:
            self.renderer.flush()  # the maps of the last rebuild, on disk for the next session

    def check(self, root: Path):
        """The project checked, with the node files and statuses of the last rebuild where nothing they come
        from changed (content keys: the files' bytes, the statuses' outcome key). The maps the last rebuild left
        to draw after its pages are no longer drawn if they are not yet (they are out of date)."""
        self.finish_drawing(stop=True)
        result = check_project(root, reuse=self.reuse if self.uses["node-files"] else None)
        for analysis in result.analyses if self.uses["statuses"] else ():
            if analysis.debate.id in self.outcomes:
                analysis.adopt_statuses(*self.outcomes[analysis.debate.id])
        return result

    def built(self, analyses) -> None:
        self.outcomes = {a.debate.id: (a.outcome_key, a.statuses) for a in analyses}

    def environment(self, env):
        """The rebuild's Jinja environment (MkDocs makes one per build), given the templates compiled before: each
        is compiled again only if its source changed (about 0.1 s of every rebuild with Material)."""
        if self.uses["templates"]:
            env.bytecode_cache = self.templates
        return env

    def finish_drawing(self, stop: bool = False) -> None:
        """Wait for the maps the last rebuild draws after its pages (``stop``: stop drawing them first)."""
        if self.drawing is not None:
            if stop and self.drawer is not None:
                self.drawer.stop()
            self.drawing.join()
            self.drawing = None
        if self.drawer is not None:
            self.drawer.resume()

    def _draw_later(self, renderer: Renderer, later: dict[str, tuple[str, str, str]], site_dir: str) -> None:
        """Draw the whole map and the perspectives' maps after the pages were served (at 10,000 nodes, ``dot`` takes
        seconds over the whole map, which no claim's page shows), write them, and have the browsers reload."""
        try:
            svgs = renderer.render([(name, dot) for name, dot, _ in later.values()])
            for path, (name, _, title) in sorted(later.items()):
                target = Path(site_dir) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                write_whole(target, svg_body(svgs[name], title).encode("utf-8"), 0o666 & ~umask())
        except RenderStopped:  # a new save came first: its rebuild draws them again
            return
        except (RenderError, OSError) as exc:
            logging.getLogger("mkdocs.plugins.argmap").error(f"argmap: the whole map could not be drawn: {exc}")
            return
        except RuntimeError:  # the interpreter is stopping (no more threads): the next session draws it
            return
        server = self.server
        if server is not None and hasattr(server, "_epoch_cond"):  # as MkDocs does after a rebuild (its epochs are
            # monotonic milliseconds); not while another rebuild runs: its end reloads the browsers
            with server._epoch_cond:
                if server._visible_epoch == server._wanted_epoch:
                    server._wanted_epoch = server._visible_epoch = max(server._visible_epoch + 1,
                                                                       round(time.monotonic() * 1000))
                    server._epoch_cond.notify_all()

    def site_reuse(self) -> NodeReuse | None:
        """The node pages and focus maps of the last rebuild, for build_site to keep what it can."""
        return self.node_pages if self.uses["node-pages"] else None

    def renderer_for(self, renderer: Renderer) -> Renderer:
        """The session's renderer (the first build's), counting this build's renders afresh."""
        if not self.uses["svg"]:
            renderer.remember = False
            self.drawer = renderer
            return renderer
        self.renderer = self.drawer = self.renderer or renderer
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
        self.later = dict(site.later)  # (drawn after the build, kept meanwhile: the file there is the last one drawn)
        self.other_files |= {os.path.normpath(os.path.join(config.site_dir, path)) for path in self.later}

    def post_build(self, config) -> None:
        """Remove the pages gone from the site; give the search index the entries of the pages not built; start
        drawing the maps left for after the pages."""
        if self.later and self.drawer is not None:
            self.drawing = threading.Thread(target=self._draw_later, args=(self.drawer, dict(self.later),
                                                                           config.site_dir), name="argmap-later")
            self.drawing.start()
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


class _CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, in this process's memory: each template's code by its name and its source's
    checksum (Jinja's own key), never written anywhere."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.code = self.code.get((bucket.key, bucket.checksum))  # type: ignore[assignment]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.code


def watch(server, root: Path) -> "ArgumentsWatch | None":
    """``mkdocs serve`` also watches the arguments folder: through the system's own file events (inotify, FSEvents,
    ...), told within milliseconds of a save, and through MkDocs' poll for the folders whose system sends no events
    (some network and container mounts); once the poll sees a change the events missed, or when they cannot be had,
    it polls every :data:`ARGUMENTS_POLL` seconds (MkDocs' pace is 0.5 s: a quarter of a second of each save's
    wait, on average; a poll costs about 6 ms at 1,000 files). The same change seen by both starts one rebuild, not
    two. The server waits :data:`SETTLE` s for a save's last write (MkDocs waits 0.1 s). Where the server lacks
    what this uses (see :data:`PRIVATE`), the arguments are watched at MkDocs' pace."""
    folder = str(root / ARGUMENTS)
    if not all(hasattr(server, name) for name in ("_rebuild_cond", "_want_rebuild", "observer")):
        server.watch(folder)
        return None
    if isinstance(getattr(server, "build_delay", None), (int, float)):
        server.build_delay = min(server.build_delay, SETTLE)
    watching = ArgumentsWatch(server)
    server.observer.schedule(_Polled(watching), folder, recursive=True)
    if not watching.listen(folder):
        watching.poll_faster()
    return watching


SETTLE = 0.05  # seconds without a new change before a rebuild starts (an editor's save is a few writes in a row)


class ArgumentsWatch(FileSystemEventHandler):
    """Starts one rebuild per change of the arguments folder, whichever observer reports it first."""

    def __init__(self, server) -> None:
        self.server = server
        self.last: dict[str, tuple[int, int] | None] = {}  # each file's state as last reported
        self.lock = threading.Lock()
        self.native = None  # the system's event observer, if it could be started

    def listen(self, folder: str) -> bool:
        """Start the system's event observer on ``folder``; False if it cannot be had here."""
        try:
            native = Observer()
            native.schedule(self, folder, recursive=True)
            native.daemon = True
            native.start()
        except (OSError, RuntimeError):  # no events here (or too many watches)
            return False
        self.native = native
        return True

    def poll_faster(self) -> None:
        observer = self.server.observer
        if isinstance(getattr(observer, "_timeout", None), (int, float)):
            observer._timeout = min(observer._timeout, ARGUMENTS_POLL)

    def stop(self) -> None:
        if self.native is not None:
            self.native.stop()
            self.native = None

    def on_any_event(self, event) -> bool:
        """Start a rebuild if the event tells a change not yet reported; whether it did."""
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return False
        paths = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        with self.lock:
            fresh = False
            for path in paths:
                state = _state(path)
                if path not in self.last or self.last[path] != state:
                    self.last[path], fresh = state, True
        if fresh:  # as MkDocs' own watch does
            with self.server._rebuild_cond:
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()
        return fresh


class _Polled(FileSystemEventHandler):
    """The poll's events: a change it reports first is one the system's events missed, so it polls faster."""

    def __init__(self, watching: ArgumentsWatch) -> None:
        self.watching = watching

    def on_any_event(self, event) -> None:
        if self.watching.on_any_event(event):
            self.watching.poll_faster()


def _state(path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _page_url(file: File) -> str:
    """The URL MkDocs gives the file's page (and the search index its entries): the home page's is empty."""
    return "" if file.url in (".", "./") else file.url


def _exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave stale links (see the module's docstring)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
