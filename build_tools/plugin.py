"""The MkDocs plugin: wires the pipeline into a build. Pages are generated in memory.

Loading, checking and rendering happen in ``on_pre_build``, before MkDocs empties the site
folder, so a failing build leaves the last good site in place. ``mkdocs serve`` also
watches the arguments folder.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .check import ProjectError, check_project
from .formats import EXPORTS, formats_table
from .site.embed import fill_slots
from .site.pipeline import Download, Site, build_site
from .site.render import Renderer, RenderError
from .text import visible

__all__ = ["ArgmapPlugin"]

log = get_plugin_logger("argmap")

# A hand-written page may hold this line; the plugin replaces it with the formats registry's table.
FORMATS_TABLE = "<!-- argmap:formats -->"


def downloads() -> tuple[Download, ...]:
    """What the site offers for download: every format of the registry that can be written."""
    return tuple(Download(f.title, f.suffix, f.write) for f in EXPORTS.values())


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
    relative = Path(os.path.relpath(path, config.docs_dir)).as_posix()
    base = config.repo_url.rstrip("/") + "/"
    if config.edit_uri_template:
        return urljoin(base, config.edit_uri_template.format(path=relative, path_noext=relative.rsplit(".", 1)[0]))
    return urljoin(urljoin(base, config.edit_uri.lstrip("/")), relative)


class ArgmapConfig(Config):
    root = c.Optional(c.Type(str))  # the project folder holding arguments/ (default: beside mkdocs.yml)
    cache_dir = c.Type(str, default=".cache/argmap")
    jobs = c.Type(int, default=2)


class ArgmapPlugin(BasePlugin[ArgmapConfig]):
    def __init__(self) -> None:
        self.site: Site | None = None
        self.edit_paths: dict[str, str] = {}

    def _root(self, config) -> Path:
        base = Path(config.config_file_path).parent
        return (base / self.config.root).resolve() if self.config.root else base.resolve()

    def on_pre_build(self, config) -> None:
        root = self._root(config)
        try:
            result = check_project(root)
        except ProjectError as exc:
            raise PluginError(f"argmap: {visible(str(exc))}") from exc
        for warning in (d for d in result.diagnostics if not d.is_error):
            log.warning(warning.render())
        errors = [d for d in result.diagnostics if d.is_error]
        if errors:
            listing = "\n".join(d.render() for d in errors)
            raise PluginError(f"argmap: the arguments have {len(errors)} error(s); nothing was built:\n{listing}")
        renderer = Renderer(root / self.config.cache_dir, jobs=self.config.jobs)
        try:
            self.site = build_site(result.analyses, renderer, downloads(), config.use_directory_urls)
        except RenderError as exc:
            raise PluginError(f"argmap: {visible(str(exc))}") from exc
        log.info(f"{len(self.site.maps)} maps, {renderer.rendered} rendered by Graphviz ({renderer.seconds:.2f} s), "
                 f"the rest from the cache")

    def on_files(self, files: Files, config) -> Files:
        assert self.site is not None
        # With a nav of its own, the site reaches most generated pages from the maps and indexes, not the nav: MkDocs
        # need not list them. Without one, MkDocs builds the nav from every page, these included.
        inclusion = InclusionLevel.NOT_IN_NAV if config.nav else InclusionLevel.UNDEFINED
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)  # a generated page replaces a hand-written one of the same name
            files.append(File.generated(config, page.src, content=page.markdown, inclusion=inclusion))
            if page.edit_path:
                self.edit_paths[page.src] = page.edit_path
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_context(self, context, page, config, nav):
        if page.file.generated_by:
            # a generated page is edited in the YAML file it is built from (none: no edit link)
            edit_path = self.edit_paths.get(page.file.src_uri)
            page.edit_url = edit_url(config, self._root(config) / edit_path) if edit_path else None
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
        return fill_slots(output, self.site.maps)

    def on_serve(self, server, config, builder):
        server.watch(str(self._root(config) / "arguments"))
        return server
