"""The MkDocs plugin: wires the pipeline into a build. Pages are generated in memory.

Loading, checking and rendering happen in ``on_pre_build``, before MkDocs empties the site
folder, so a failing build leaves the last good site in place. ``mkdocs serve`` also
watches the arguments folder.

Under ``mkdocs serve --dirty`` (``make serve``) a rebuild writes only the generated pages whose
output changes: each page's key is a digest of everything its HTML is made from (its Markdown,
the maps it embeds, the navigation, mkdocs.yml), and a page whose key is the one it was last
written with is not converted, templated or written again; the search index keeps the entries
of those pages, in the order a full build gives them. Hand-written pages are always rebuilt.
What is written is what a full build writes (tests/test_preview.py compares the two).
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
from pathlib import Path
from urllib.parse import quote, urljoin

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from .check import ProjectError, check_project
from .check.cache import CheckCache
from .check.layout import docs_problems
from .check.load import ARGUMENTS, Reuse
from .check.yamlfile import LIBYAML, NO_LIBYAML
from .formats import EXPORTS, formats_table
from .formats.templates import node_template
from .model import NodeKind
from .site.embed import fill_slots, slots_in
from .site.memo import Memo
from .site.pipeline import Download, Site, build_site
from .site.render import RENDER_CACHE, Renderer, RenderError
from .escape import html_text, safe_url
from .text import visible

__all__ = ["ArgmapPlugin"]

log = get_plugin_logger("argmap")

ARGUMENTS_POLL = 0.2  # seconds between two looks at the arguments folder under make serve

# A hand-written page may hold this line; the plugin replaces it with the formats registry's table.
FORMATS_TABLE = "<!-- argmap:formats -->"


def downloads() -> tuple[Download, ...]:
    """What the site offers for download: every format of the registry that can be written."""
    return tuple(Download(f.title, f.suffix, f.write) for f in EXPORTS.values())


def suggest_url(config, folder: str, node_id: str, relation: str, weighed: bool) -> str | None:
    """The repository's new-file form (GitHub's ``/new/<branch>/<folder>?filename=...&value=...``) holding a claim
    that ``relation``s ``node_id``, to fill in; None without ``repo_url`` or when the address is not a plain one.

    >>> from types import SimpleNamespace as S
    >>> url = suggest_url(S(repo_url="https://github.com/o/r", edit_uri="edit/dev/docs/"), "arguments/d/claims", "x",
    ...                   "attacks", False)
    >>> url.split("?")[0], "filename=your-claim.yaml" in url, "attacks%3A%20%5Bx%5D" in url
    ('https://github.com/o/r/new/dev/arguments/d/claims', True, True)
    """
    if not config.repo_url:
        return None
    edit = (config.edit_uri or "").strip("/").split("/")
    branch = edit[1] if len(edit) > 1 and edit[0] in ("edit", "blob", "tree") else "main"
    text = node_template(NodeKind.CLAIM, node_id, relation, None, weighed)
    url = (f"{config.repo_url.rstrip('/')}/new/{quote(branch, safe='')}/{quote(folder)}"
           f"?filename=your-claim.yaml&value={quote(text, safe='')}")
    return url if safe_url(url) else None


def social_tags(output: str, page, config) -> str:
    """The page's Open Graph and Twitter tags (a shared link shows its title and its own description), before
    ``</head>``: from the page's title and ``description`` (its front matter, else the site's), entities read
    once and escaped once, and the page's address where the site has a ``site_url``.

    >>> from types import SimpleNamespace as S
    >>> page = S(title="A &amp; B", meta={"description": "x <y>"}, canonical_url=None)
    >>> print(social_tags("<head></head>", page, S(site_name="Site", site_description=None)))
    <head><meta property="og:type" content="article">
    <meta property="og:site_name" content="Site">
    <meta property="og:title" content="A &amp; B">
    <meta property="og:description" content="x &lt;y&gt;">
    <meta name="twitter:card" content="summary">
    </head>
    """
    def text(value) -> str:
        return html_text(html.unescape(str(value)))

    description = (page.meta or {}).get("description") or config.site_description
    tags = [("property", "og:type", "article"), ("property", "og:site_name", config.site_name),
            ("property", "og:title", page.title or config.site_name)]
    if description:
        tags.append(("property", "og:description", description))
    if getattr(page, "canonical_url", None):
        tags.append(("property", "og:url", page.canonical_url))
    tags.append(("name", "twitter:card", "summary"))
    block = "".join(f'<meta {kind}="{name}" content="{text(value)}">\n' for kind, name, value in tags)
    at = output.find("</head>")
    return output if at < 0 else output[:at] + block + output[at:]


def broken_debates(errors) -> set[str] | None:
    """The debates these errors are in, by the folder of each file (arguments/<debate>/...); None when an error
    is in no debate (the arguments folder itself, the pages' folder): then nothing can be built.

    >>> from build_tools.diagnostics import Diagnostic, Severity
    >>> broken_debates([Diagnostic("arguments/a/claims/x.yaml", 1, 1, Severity.ERROR, "c", "m")])
    {'a'}
    >>> broken_debates([Diagnostic("docs/x y.md", 1, 1, Severity.ERROR, "c", "m")]) is None
    True
    """
    found = set()
    for error in errors:
        parts = error.path.split("/")
        if len(parts) < 3 or parts[0] != ARGUMENTS:
            return None
        found.add(parts[1])
    return found


def edit_url(config, path: Path) -> str | None:
    """The link that edits ``path`` (a file of the project), from MkDocs' own ``repo_url`` and ``edit_uri``
    (or ``edit_uri_template``), which point at the docs folder: the file's path is taken from there.

    >>> from types import SimpleNamespace as S
    >>> site = S(repo_url="https://github.com/o/r", edit_uri="edit/main/docs/", edit_uri_template=None, docs_dir="/p/docs")
    >>> edit_url(site, Path("/p/arguments/d/claims/x.yaml"))
    'https://github.com/o/r/edit/main/arguments/d/claims/x.yaml'
    >>> edit_url(S(**{**vars(site), "edit_uri_template": "src/main/docs/{path}?mode=edit"}), Path("/p/arguments/x.yaml"))
    'https://github.com/o/r/src/main/arguments/x.yaml?mode=edit'
    """
    if not config.repo_url or not (config.edit_uri or config.edit_uri_template):
        return None
    relative = quote(Path(os.path.relpath(path, config.docs_dir)).as_posix(), safe="/")
    base = config.repo_url.rstrip("/") + "/"
    if config.edit_uri_template:
        return urljoin(base, config.edit_uri_template.format(path=relative, path_noext=relative.rsplit(".", 1)[0]))
    return urljoin(urljoin(base, config.edit_uri.lstrip("/")), relative)


# In mkdocs.yml's nav, this entry stands for the debates' pages (without it they come first).
NAV_MARKER = "argmap"


def site_nav(user_nav: list | None, site: Site, written: list[str]) -> list:
    """The site's navigation in mkdocs.yml's form: the user's, with the debates' entries where it says ``argmap``
    (or first), and the home page first unless the user's names it; without a nav of the user's, the debates'
    entries and then the hand-written pages (``written``) in MkDocs' order.

    >>> site = Site((), {}, {}, nav=(("Maps", (("The whole map", "d/map.md"),)),))
    >>> site_nav(["about.md", "argmap", {"Guides": ["format.md"]}], site, [])
    [{'Home': 'index.md'}, 'about.md', {'Maps': [{'The whole map': 'd/map.md'}]}, {'Guides': ['format.md']}]
    >>> site_nav(None, site, ["about.md", "format.md"])
    [{'Home': 'index.md'}, {'Maps': [{'The whole map': 'd/map.md'}]}, 'about.md', 'format.md']
    """
    debates = [_entry(e) for e in site.nav]
    if user_nav is None:
        return [_entry(site.home), *debates, *(p for p in written if p != site.home[1])]
    nav: list = []
    for item in user_nav:
        nav += debates if item == NAV_MARKER else [item]
    if NAV_MARKER not in user_nav:
        nav = debates + nav
    if not _names(nav, site.home[1]):
        nav.insert(0, _entry(site.home))
    return nav


def _entry(entry) -> dict:
    title, target = entry
    return {title: target if isinstance(target, str) else [_entry(e) for e in target]}


def _names(nav, path: str) -> bool:
    """Whether a nav in mkdocs.yml's form names the page ``path``."""
    if isinstance(nav, str):
        return nav == path
    if isinstance(nav, dict):
        return any(_names(v, path) for v in nav.values())
    return any(_names(item, path) for item in nav)


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as Jinja compiled them, kept in memory across make serve's rebuilds: MkDocs makes
    a new Jinja environment for each build, which would parse and compile every template again (0.3 s with
    Material). Jinja checks each entry against its template's source before using it."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class ArgmapConfig(Config):
    root = c.Optional(c.Type(str))  # the project folder holding arguments/ (default: beside mkdocs.yml)
    cache_dir = c.Type(str, default=RENDER_CACHE)
    jobs = c.Type(int, default=2)
    # Build the debates that check, leaving out (with a warning each) a debate whose files have errors; off by
    # default, and a warning fails `mkdocs build --strict`: a broken debate is never published silently.
    skip_broken_debates = c.Type(bool, default=False)


class ArgmapPlugin(BasePlugin[ArgmapConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.edit_paths: dict[str, str] = {}
        self.positions: set[tuple[str, str]] = set()  # (debate, claim) for every position of an issue
        self.user_nav: list | None = None
        self.seen_config = False
        self.sections: dict[str, Section] = {}  # a debate's section of the nav, by its folder (several debates)
        # Under `mkdocs serve --dirty` the plugin lives across rebuilds (it has on_startup) and remembers what it wrote.
        self.preview = False
        self.written: dict[str, tuple[str, str]] = {}  # a generated page's source -> (its key, its file) as last written
        self.keys: dict[str, str] = {}  # ... and the keys of this build
        self.entries: dict[str, list] = {}  # a page's URL -> its entries in the search index, as last built
        self.order: list[str] = []  # the documentation pages' URLs, in the order MkDocs builds them
        self.rebuilt: set[str] = set()  # the URLs of the pages this build writes
        self.dests: dict[str, str] = {}  # a generated page's source -> its file in the site
        self.renderer: Renderer | None = None  # (make serve) the session's renderer
        self.reuse = Reuse()  # (make serve) the node files read and checked, for the next rebuild
        self.templates = CompiledTemplates()  # (make serve) the theme's templates, compiled once
        self.memo = Memo()  # (make serve) maps and outlines of the build before (see site.memo)
        self.outcomes: dict = {}  # (make serve) each debate's outcome key and statuses, as last built

    def on_startup(self, *, command, dirty):
        self.preview = command == "serve" and dirty
        self.written, self.entries = {}, {}
        if self.preview:  # MkDocs warns that a dirty build may leave links stale: this plugin's rebuilds do not
            logging.getLogger("mkdocs.commands.build").addFilter(_exact_dirty_builds)

    def on_shutdown(self) -> None:
        self.preview, self.written, self.entries, self.renderer, self.reuse = False, {}, {}, None, Reuse()
        self.templates, self.memo, self.outcomes = CompiledTemplates(), Memo(), {}
        logging.getLogger("mkdocs.commands.build").removeFilter(_exact_dirty_builds)

    def on_config(self, config):
        if not self.seen_config:  # the nav as mkdocs.yml gives it (on_files replaces it with the whole site's)
            self.user_nav, self.seen_config = config.nav, True
        return config

    def _root(self, config) -> Path:
        base = Path(config.config_file_path).parent
        return (base / self.config.root).resolve() if self.config.root else base.resolve()

    def on_pre_build(self, config) -> None:
        root = self._root(config)
        kept = None
        try:
            if self.preview:  # make serve: the last rebuild's files and statuses, in memory
                result = check_project(root, reuse=self.reuse)
                for analysis in result.analyses:
                    if analysis.debate.id in self.outcomes:
                        analysis.adopt_statuses(*self.outcomes[analysis.debate.id])
            else:  # a build: the last build's check from the project's cache, while no file it read has changed
                kept = CheckCache(root)
                result = kept.result()
        except ProjectError as exc:
            raise PluginError(f"argmap: {visible(str(exc))}") from exc
        for warning in (d for d in result.diagnostics if not d.is_error):
            log.warning(warning.render())
        errors = [d for d in result.diagnostics if d.is_error] + docs_problems(root, Path(config.docs_dir))
        analyses = result.analyses
        if errors:
            broken = broken_debates(errors)
            if self.config.skip_broken_debates and broken is not None:
                analyses = [a for a in analyses if a.debate.id not in broken]
            if not self.config.skip_broken_debates or broken is None or not analyses:
                listing = "\n".join(d.render() for d in errors)
                which = f" (fix the debate{'s' if len(broken) > 1 else ''} {', '.join(sorted(broken))})" if broken else ""
                raise PluginError(f"argmap: the arguments have {len(errors)} error(s){visible(which)}; nothing was "
                                  f"built:\n{listing}")
            for debate_id in sorted(broken):
                shown = [d for d in errors if broken_debates([d]) == {debate_id}]
                log.warning(visible(f"argmap: the debate '{debate_id}' has {len(shown)} error(s): its pages are left "
                                    "out of this build (skip_broken_debates)\n") + "\n".join(d.render() for d in shown))
        features = config.theme.get("features")
        if len(analyses) > 1 and isinstance(features, list) and "navigation.tabs" not in features:
            features.append("navigation.tabs")  # each debate a tab: its pages show its own sidebar, not the others'
        renderer = Renderer(root / self.config.cache_dir, jobs=self.config.jobs, remember=self.preview)
        if self.preview:  # make serve: one renderer for the whole session, its checked maps in memory
            self.renderer = renderer = self.renderer or renderer
            renderer.rendered, renderer.seconds = 0, 0.0
            self.memo.next_build()
        try:
            self.site = build_site(analyses, renderer, downloads(), config.use_directory_urls,
                                   self.memo if self.preview else None)
        except RenderError as exc:
            raise PluginError(f"argmap: {visible(str(exc))}") from exc
        self.positions = {(a.debate.id, p) for a in analyses for issue in a.debate.issues for p in issue.positions}
        if kept is not None:
            kept.keep()  # with the outcomes the pages worked out
        if self.preview:
            self.outcomes = {a.debate.id: (a.outcome_key, a.statuses) for a in analyses}
        if not LIBYAML:
            log.info(NO_LIBYAML.removeprefix("argmap: "))
        log.info(f"{len(self.site.maps)} maps, {renderer.rendered} rendered by Graphviz ({renderer.seconds:.2f} s), "
                 f"the rest from the cache")

    def on_files(self, files: Files, config) -> Files:
        assert self.site is not None
        # The plugin writes the nav (below): readers reach the claims' and evidence's pages from the maps and
        # indexes, not from the nav, so MkDocs need not list them as pages outside it.
        inclusion = InclusionLevel.NOT_IN_NAV
        generated = {page.src for page in self.site.pages}
        written = [f.src_uri for f in files.documentation_pages() if f.src_uri not in generated]
        config.nav = site_nav(self.user_nav, self.site, written)
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)  # a generated page replaces a hand-written one of the same name
            files.append(File.generated(config, page.src, content=page.markdown, inclusion=inclusion))
            if page.edit_path:
                self.edit_paths[page.src] = page.edit_path
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        if self.preview:
            self._mark_unchanged(files, config)
        return files

    def _mark_unchanged(self, files: Files, config) -> None:
        """Tell MkDocs' dirty build which generated pages need not be built again: those whose key (a digest of
        what the page's HTML is made from) is the one they were last written with, and whose file is there."""
        assert self.site is not None
        generated = {page.src: page.markdown for page in self.site.pages}
        config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        custom = config.theme.custom_dir  # the theme's overrides, if any: a template edited there changes every page
        if custom and os.path.isdir(custom):
            config_file += json.dumps(sorted((str(p), hashlib.blake2b(p.read_bytes()).hexdigest())
                                             for p in Path(custom).rglob("*") if p.is_file())).encode()
        common = hashlib.sha256(json.dumps([config.nav, sorted(f.src_uri for f in files.documentation_pages())],
                                           sort_keys=True).encode() + config_file).hexdigest()
        self.keys, self.rebuilt = {}, set()
        for file in files.documentation_pages():
            markdown = generated.get(file.src_uri)
            if markdown is None:  # a hand-written page: always built (MkDocs reads its title from its text)
                file.is_modified = lambda: True  # type: ignore[method-assign]
                self.rebuilt.add(_page_url(file))
                continue
            digest = hashlib.sha256(common.encode() + markdown.encode())
            for name in slots_in(markdown):
                digest.update((self.site.slotted(name) or "").encode())
            key = self.keys[file.src_uri] = digest.hexdigest()
            unchanged = self.written.get(file.src_uri) == (key, file.abs_dest_path) and os.path.isfile(file.abs_dest_path)
            file.is_modified = (lambda changed=not unchanged: changed)  # type: ignore[method-assign]
            if not unchanged:
                self.rebuilt.add(_page_url(file))
        self.order = [_page_url(f) for f in files.documentation_pages()]
        self.dests = {f.src_uri: f.abs_dest_path for f in files.documentation_pages() if f.src_uri in self.keys}

    def on_env(self, env, config, files):
        if self.preview:
            env.bytecode_cache = self.templates
        return env

    def on_nav(self, nav, config, files):
        # In a site of several debates, each debate is a section of the nav: remember which, by folder.
        self.sections = {}
        for item in nav.items:
            if isinstance(item, Section):
                folders = {p.file.src_uri.split("/")[0] for p in _pages_in(item) if p.file.generated_by}
                if len(folders) == 1:
                    self.sections[folders.pop()] = item
        return nav

    def on_pre_page(self, page, config, files):
        # A claim's or evidence's page is not in the nav; in a site of several debates, it belongs to its debate's
        # section all the same, so that its sidebar (and tab) are its debate's, never another's.
        if page.parent is None and page.file.generated_by:
            section = self.sections.get(page.file.src_uri.split("/")[0])
            if section is not None:
                page.parent = section
        return page

    def on_page_context(self, context, page, config, nav):
        if page.file.generated_by:
            # a generated page is edited in the YAML file it is built from (none: no edit link)
            edit_path = self.edit_paths.get(page.file.src_uri)
            page.edit_url = edit_url(config, self._root(config) / edit_path) if edit_path else None
        if page.edit_url and not safe_url(page.edit_url):  # the theme writes it into an attribute as it is
            page.edit_url = None
        if page.is_homepage and page.meta.get("title"):
            # The theme writes "<meta title> - <site name>" into the browser tab, which on the home page repeats
            # itself; without the meta title it writes the site name alone. The page keeps its name in the navigation
            # (or, without one, the escaped title: not the one MkDocs would take from the heading, entities decoded).
            title = page.meta.pop("title")
            if "title" not in vars(page):
                page.title = title
        return context

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        return markdown.replace(FORMATS_TABLE, formats_table())

    def on_post_page(self, output: str, page, config) -> str:
        # Maps go in last, after Markdown and the search index have seen the page (see embed.slot).
        assert self.site is not None
        output = fill_slots(output, self.site)
        if page.file.generated_by and config.repo_url:
            output = self._suggestions(output, page, config)
        return social_tags(output, page, config)

    def _suggestions(self, output: str, page, config) -> str:
        """On a claim's page, links that open the repository's new-file form with a claim file answering this one,
        to fill in and propose as a pull request (a reader's reason arrives as a file the check reads)."""
        edit_path = self.edit_paths.get(page.file.src_uri, "")
        parts = edit_path.split("/")
        at = output.find('<h2 id="around-this-claim"')
        if len(parts) != 4 or parts[2] != "claims" or at < 0:
            return output
        debate, node_id = parts[1], parts[3].removesuffix(".yaml")
        links = []
        for relation, words in (("supports", "a reason for it"), ("attacks", "a reason against it")):
            url = suggest_url(config, f"{ARGUMENTS}/{debate}/claims", node_id, relation,
                              (debate, node_id) in self.positions)
            if url:
                links.append(f'<a href="{html_text(url)}" rel="nofollow">Suggest {words}</a>')
        if not links:
            return output
        block = (f'<p class="argmap-suggest">{" · ".join(links)}: a new claim file, prefilled, to complete and propose '
                 "as a pull request (the check says what is missing).</p>\n")
        return output[:at] + block + output[at:]

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config) -> None:
        if not self.preview:
            return
        for src, (_, dest) in self.written.items():
            if src not in self.keys and os.path.isfile(dest):  # a page gone from the site (its node was removed)
                os.remove(dest)
                if not os.listdir(os.path.dirname(dest)):
                    os.rmdir(os.path.dirname(dest))
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

    def on_serve(self, server, config, builder):
        # MkDocs' watcher polls every 0.5 s: a quarter of a second of each save's wait, on average. The arguments
        # folder, where a maintainer saves, is polled every 0.2 s (about 6 ms a poll at 1,000 files). The interval
        # of the watches scheduled from here on is the observer's (watchdog's BaseObserver keeps it in _timeout);
        # where that is not so, the arguments are watched at MkDocs' pace.
        observer = getattr(server, "observer", None)
        if isinstance(getattr(observer, "_timeout", None), (int, float)):
            observer._timeout = min(observer._timeout, ARGUMENTS_POLL)
        server.watch(str(self._root(config) / "arguments"))
        return server


def _page_url(file: File) -> str:
    """The URL MkDocs gives the file's page (and the search index its entries): the home page's is empty."""
    return "" if file.url in (".", "./") else file.url


def _exact_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build may leave stale links (see the module's docstring)."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _pages_in(section: Section):
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child
