"""The MkDocs plugin: a thin adapter from MkDocs' events to the site's stages (:mod:`build_tools.publish`).

Checking and rendering happen in ``on_pre_build``, before MkDocs empties the site folder, so a failing build
leaves the last good site in place. The pages are handed to MkDocs in memory (``on_files``), the navigation
written out (``on_files``), each map put into its page's finished HTML (``on_post_page``: Markdown and search
never parse it), and each generated page's edit link pointed at the YAML file it is built from. ``argmap pages``
writes the same pages to a folder for a generator without this plugin. Under ``mkdocs serve --dirty`` (``make
serve``) the rebuilds are :mod:`build_tools.preview`'s, which a build does not import.
"""

from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from .check import ProjectError
from .check.cache import CheckCache
from .check.yamlfile import LIBYAML, NO_LIBYAML
from .escape import html_text, safe_url
from .publish import PublishError, checked, downloads, edit_url, site_nav, suggestions, with_formats
from .site.embed import fill_slots
from .site.pipeline import Site, build_site
from .site.render import RENDER_CACHE, Renderer, RenderError
from .text import visible

__all__ = ["ArgmapPlugin"]

log = get_plugin_logger("argmap")


def social_tags(output: str, page, config, preview: tuple[str, str] | None = None, files=None) -> str:
    """The page's Open Graph and Twitter tags (a shared link shows its title and its own description), before
    ``</head>``: from the page's title and ``description`` (its front matter, else the site's), entities read
    once and escaped once, the page's address where the site has a ``site_url``, and its ``preview`` image (path in
    the site, alternative text; its size read from ``files``), addressed from the site's URL or else from the page.

    >>> from types import SimpleNamespace as S
    >>> page = S(title="A &amp; B", meta={"description": "x <y>"}, canonical_url=None, url="d/c/x/")
    >>> print(social_tags("<head></head>", page, S(site_name="Site", site_description=None, site_url=None)))
    <head><meta property="og:type" content="article">
    <meta property="og:site_name" content="Site">
    <meta property="og:title" content="A &amp; B">
    <meta property="og:description" content="x &lt;y&gt;">
    <meta name="twitter:card" content="summary">
    </head>
    >>> print(social_tags("</head>", page, S(site_name="Site", site_description=None, site_url=None),
    ...                   ("d/previews/x.png", "The map"), {}).splitlines()[4:7])
    ['<meta property="og:image" content="../../previews/x.png">', '<meta property="og:image:alt" content="The map">', '<meta name="twitter:card" content="summary_large_image">']
    """
    def text(value) -> str:
        return html_text(html.unescape(str(value)))

    description = (page.meta or {}).get("description") or config.site_description
    tags = [("property", "og:type", "article"), ("property", "og:site_name", config.site_name),
            ("property", "og:title", config.site_name if getattr(page, "is_homepage", False)
             else page.title or config.site_name)]
    if description:
        tags.append(("property", "og:description", description))
    if getattr(page, "canonical_url", None):
        tags.append(("property", "og:url", page.canonical_url))
    image, alt = preview or (None, None)
    if image:  # its address from the site's (a card needs it whole), else from the page
        folder = page.url if page.url.endswith("/") else posixpath.dirname(page.url) + "/" if page.url else ""
        url = (config.site_url.rstrip("/") + "/" + image) if getattr(config, "site_url", None) \
            else posixpath.relpath(image, folder.rstrip("/") or ".")
        tags.append(("property", "og:image", url))
        data = (files or {}).get(image)
        if isinstance(data, bytes) and len(data) >= 24:  # the PNG's size, from its header
            tags += [("property", "og:image:width", str(int.from_bytes(data[16:20], "big"))),
                     ("property", "og:image:height", str(int.from_bytes(data[20:24], "big")))]
        tags.append(("property", "og:image:alt", alt))
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    block = "".join(f'<meta {kind}="{name}" content="{text(value)}">\n' for kind, name, value in tags)
    at = output.find("</head>")
    return output if at < 0 else output[:at] + block + output[at:]



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
        self.analyses: list = []  # the debates this build's pages are built from
        self.edit_paths: dict[str, str] = {}
        self.user_nav: list | None = None
        self.seen_config = False
        self.sections: dict[str, Section] = {}  # a debate's section of the nav, by its folder (several debates)
        self.preview = None  # under `mkdocs serve --dirty`: the session's build_tools.preview.Preview
        self.root = Path(".")  # the project folder holding arguments/, as this build found it
        self.watching = None  # under `mkdocs serve`: the watch of the arguments folder (build_tools.preview.watch)

    def on_startup(self, *, command, dirty):
        if command == "serve" and dirty:  # the plugin lives across rebuilds (it has on_startup)
            from .preview import Preview
            without = os.environ.get("ARGMAP_PREVIEW_WITHOUT", "")  # benchmarks/reuse_layers.py
            try:
                self.preview = Preview(frozenset(filter(None, without.split(","))))
            except ValueError as exc:
                raise PluginError(f"argmap: ARGMAP_PREVIEW_WITHOUT: {exc}") from exc

    def on_shutdown(self) -> None:
        if self.watching is not None:
            self.watching.stop()
            self.watching = None
        if self.preview is not None:
            self.preview.close()
        self.preview = None

    def on_config(self, config):
        if not self.seen_config:  # the nav as mkdocs.yml gives it (on_files replaces it with the whole site's)
            self.user_nav, self.seen_config = config.nav, True
        return config

    def _root(self, config) -> Path:
        base = Path(config.config_file_path).parent
        return (base / self.config.root).resolve() if self.config.root else base.resolve()

    def on_pre_build(self, config) -> None:
        root = self.root = self._root(config)  # (worked out once a build: resolving it costs a few system calls)
        kept = None
        try:
            if self.preview is not None:  # make serve: the last rebuild's files and statuses, in memory
                result = self.preview.check(root)
            else:  # a build: the last build's check from the project's cache, while no file it read has changed
                kept = CheckCache(root)
                result = kept.result()
            found = checked(result, root, Path(config.docs_dir), self.config.skip_broken_debates)
        except (ProjectError, PublishError) as exc:
            listing = "".join("\n" + visible(line) for line in getattr(exc, "listing", ()))
            raise PluginError(f"argmap: {visible(str(exc))}{listing}") from exc
        for warning in found.warnings:
            log.warning(visible(warning))
        analyses = list(found.analyses)
        features = config.theme.get("features")
        if len(analyses) > 1 and isinstance(features, list) and "navigation.tabs" not in features:
            features.append("navigation.tabs")  # each debate a tab: its pages show its own sidebar, not the others'
        renderer = Renderer(root / self.config.cache_dir, jobs=self.config.jobs, remember=self.preview is not None)
        if self.preview is not None:
            renderer = self.preview.renderer_for(renderer)
        try:
            self.site = build_site(analyses, renderer, downloads(), config.use_directory_urls,
                                   reuse=self.preview.site_reuse() if self.preview is not None else None,
                                   later=self.preview is not None)
        except RenderError as exc:
            raise PluginError(f"argmap: {visible(str(exc))}") from exc
        if len(analyses) == len(result.analyses):  # every debate drawn: the cache keeps this site's maps only
            renderer.prune()
        self.analyses = analyses
        if kept is not None:
            kept.keep()  # with the outcomes the pages worked out
        if self.preview is not None:
            self.preview.built(analyses)
        if not LIBYAML:
            log.info(NO_LIBYAML.removeprefix("argmap: "))
        images = f", and {renderer.images} preview images" if renderer.images else ""
        log.info(f"{len(self.site.maps)} maps, {renderer.rendered} rendered by Graphviz{images} "
                 f"({renderer.seconds:.2f} s), the rest from the cache")

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
        if self.preview is not None:
            self.preview.mark_unchanged(files, config, self.site)
        return files

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
            page.edit_url = edit_url(config.repo_url, config.edit_uri, config.edit_uri_template, config.docs_dir,
                                     self.root / edit_path) if edit_path else None
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

    def on_env(self, env, config, files):
        return self.preview.environment(env) if self.preview is not None else env

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        return with_formats(markdown)

    def on_post_page(self, output: str, page, config) -> str:
        assert self.site is not None
        if page.file.generated_by and config.repo_url:
            block = suggestions(config.repo_url, config.edit_uri, self.edit_paths.get(page.file.src_uri), self.analyses)
            at = output.find('<h2 id="around-this-claim"')
            if block and at >= 0:
                output = output[:at] + block + output[at:]
        preview = self.site.previews.get(page.file.src_uri) or self.site.previews.get(self.site.home[1])
        output = social_tags(output, page, config, preview, self.site.files)
        if self.preview is not None and page.file.generated_by:
            self.preview.shells[page.file.src_uri] = output  # (filled again when only its placeholders change)
        # Maps go in last, after Markdown and the search index have seen the page (see embed.slot).
        return fill_slots(output, self.site)

    @event_priority(100)  # before the search plugin writes its index
    def on_post_build(self, config) -> None:
        if self.preview is not None:
            self.preview.post_build(config)

    def on_serve(self, server, config, builder):
        from .preview import watch
        self.watching = watch(server, self._root(config))
        if self.preview is not None:
            self.preview.server = server
        return server


def _pages_in(section: Section):
    for child in section.children:
        if isinstance(child, Section):
            yield from _pages_in(child)
        elif isinstance(child, Page):
            yield child
