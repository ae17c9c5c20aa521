"""The site's pages as any site generator reads them: what the MkDocs plugin serves from memory and what
``argmap pages -o DIR`` writes to a folder.

Both go through the same stages here: the project checked (a broken debate stops the build, or is left out
with ``skip_broken_debates``), the site built (:func:`build_site`: pages, maps, downloads), the navigation
in ``mkdocs.yml``'s form, the formats table and the "suggest a reason" links. The plugin puts the maps
into the finished HTML (Markdown and search never parse them); the folder has them inline in its Markdown,
so that MkDocs without the plugin, or Zensical, which reads ``mkdocs.yml`` and ignores plugins it does not
know, builds the same pages. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin

import yaml

from .check import CheckResult, ProjectError
from .check.cache import CheckCache
from .check.layout import ARGUMENTS, docs_problems
from .diagnostics import Diagnostic
from .escape import html_text, safe_url
from .files import replace_folder, umask
from .formats import EXPORTS, formats_table
from .formats.templates import node_template
from .model import NodeKind
from .site.embed import fill_slots
from .site.pipeline import Download, Site, build_site
from .site.render import RENDER_CACHE, Renderer, RenderError

__all__ = ["PublishError", "Checked", "downloads", "checked", "site_nav", "NAV_MARKER", "FORMATS_TABLE",
           "with_formats", "suggestions", "suggest_url", "edit_url", "broken_debates", "write_pages", "Written"]

# A hand-written page may hold this line; it is replaced with the formats registry's table.
FORMATS_TABLE = "<!-- argmap:formats -->"

# In mkdocs.yml's nav, this entry stands for the debates' pages (without it they come first).
NAV_MARKER = "argmap"

# The file that marks a folder as one ``argmap pages`` wrote (and may replace).
MARK = ".argmap-pages"


class PublishError(Exception):
    """The site cannot be built; the message says why, and ``listing`` the errors, one a line (rendered
    diagnostics)."""

    def __init__(self, message: str, listing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.listing = listing


def downloads() -> tuple[Download, ...]:
    """What the site offers for download: every format of the registry that can be written."""
    return tuple(Download(f.title, f.suffix, f.write) for f in EXPORTS.values())


@dataclass(frozen=True)
class Checked:
    """The debates a site is built from, and what the check had to say on the way."""

    analyses: tuple
    warnings: tuple[str, ...]  # rendered diagnostics (warnings, and each debate left out with its errors)


def checked(result: CheckResult, root: Path, docs_dir: Path, skip_broken: bool = False) -> Checked:
    """The debates of a check that a site can be built from. Errors stop the build (:class:`PublishError`
    naming the debates to fix); with ``skip_broken`` a debate with errors is left out, with a warning saying
    so, unless the errors are in no debate (the pages' folder) or no debate is left."""
    warnings = [d.render() for d in result.diagnostics if not d.is_error]
    errors = [d for d in result.diagnostics if d.is_error] + docs_problems(root, docs_dir)
    analyses = list(result.analyses)
    if errors:
        broken = broken_debates(errors)
        if skip_broken and broken is not None:
            analyses = [a for a in analyses if a.debate.id not in broken]
        if not skip_broken or broken is None or not analyses:
            which = f" (fix the debate{'s' if len(broken) > 1 else ''} {', '.join(sorted(broken))})" if broken else ""
            raise PublishError(f"the arguments have {len(errors)} error(s){which}; nothing was built:",
                               tuple(d.render() for d in errors))
        for debate_id in sorted(broken):
            shown = [d for d in errors if broken_debates([d]) == {debate_id}]
            warnings.append(f"argmap: the debate '{debate_id}' has {len(shown)} error(s): its pages are left out of "
                            "this build (skip_broken_debates)\n" + "\n".join(d.render() for d in shown))
    return Checked(tuple(analyses), tuple(warnings))


def broken_debates(errors: list[Diagnostic]) -> set[str] | None:
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
    if site.home[1] not in _paths(nav):
        nav.insert(0, _entry(site.home))
    return nav


def _entry(entry) -> dict:
    title, target = entry
    return {title: target if isinstance(target, str) else [_entry(e) for e in target]}


def _paths(nav) -> set[str]:
    """Every page a nav in mkdocs.yml's form names."""
    if isinstance(nav, str):
        return {nav}
    items = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else ()
    return set().union(*(_paths(item) for item in items))


def with_formats(markdown: str) -> str:
    """A hand-written page with the formats registry's table where it says :data:`FORMATS_TABLE`."""
    return markdown.replace(FORMATS_TABLE, formats_table()) if FORMATS_TABLE in markdown else markdown


def suggest_url(repo_url: str | None, edit_uri: str | None, folder: str, node_id: str, relation: str,
                weighed: bool) -> str | None:
    """The repository's new-file form (GitHub's ``/new/<branch>/<folder>?filename=...&value=...``) holding a claim
    that ``relation``s ``node_id``, to fill in; None without ``repo_url`` or when the address is not a plain one.

    >>> url = suggest_url("https://github.com/o/r", "edit/dev/docs/", "arguments/d/claims", "x", "attacks", False)
    >>> url.split("?")[0], "filename=your-claim.yaml" in url, "attacks%3A%20%5Bx%5D" in url
    ('https://github.com/o/r/new/dev/arguments/d/claims', True, True)
    """
    if not repo_url:
        return None
    edit = (edit_uri or "").strip("/").split("/")
    branch = edit[1] if len(edit) > 1 and edit[0] in ("edit", "blob", "tree") else "main"
    text = node_template(NodeKind.CLAIM, node_id, relation, None, weighed)
    url = (f"{repo_url.rstrip('/')}/new/{quote(branch, safe='')}/{quote(folder)}"
           f"?filename=your-claim.yaml&value={quote(text, safe='')}")
    return url if safe_url(url) else None


def suggestions(repo_url: str | None, edit_uri: str | None, edit_path: str | None, analyses) -> str:
    """For a claim's page (built from ``edit_path``, ``arguments/<debate>/claims/<id>.yaml``), links that open the
    repository's new-file form with a claim file answering it, to fill in and propose as a pull request (a
    reader's reason arrives as a file the check reads); "" for any other page or without a repository."""
    parts = (edit_path or "").split("/")
    if len(parts) != 4 or parts[0] != ARGUMENTS or parts[2] != "claims":
        return ""
    debate, node_id = parts[1], parts[3].removesuffix(".yaml")
    links = []
    for relation, words in (("supports", "a reason for it"), ("attacks", "a reason against it")):
        url = suggest_url(repo_url, edit_uri, f"{ARGUMENTS}/{debate}/claims", node_id, relation,
                          _weighed(analyses, edit_path))
        if url:
            links.append(f'<a href="{html_text(url)}" rel="nofollow">Suggest {words}</a>')
    if not links:
        return ""
    return (f'<p class="argmap-suggest">{" · ".join(links)}: a new claim file, prefilled, to complete and propose '
            "as a pull request (the check says what is missing).</p>\n")


def edit_url(repo_url: str | None, edit_uri: str | None, edit_uri_template: str | None, docs_dir: Path | str,
             path: Path) -> str | None:
    """The link that edits ``path`` (a file of the project), from MkDocs' own ``repo_url`` and ``edit_uri``
    (or ``edit_uri_template``), which point at the docs folder: the file's path is taken from there.

    >>> edit_url("https://github.com/o/r", "edit/main/docs/", None, "/p/docs", Path("/p/arguments/d/claims/x.yaml"))
    'https://github.com/o/r/edit/main/arguments/d/claims/x.yaml'
    >>> edit_url("https://github.com/o/r", None, "src/main/docs/{path}?mode=edit", "/p/docs", Path("/p/arguments/x.yaml"))
    'https://github.com/o/r/src/main/arguments/x.yaml?mode=edit'
    """
    if not repo_url or not (edit_uri or edit_uri_template):
        return None
    relative = quote(Path(os.path.relpath(path, docs_dir)).as_posix(), safe="/")
    base = repo_url.rstrip("/") + "/"
    if edit_uri_template:
        return urljoin(base, edit_uri_template.format(path=relative, path_noext=relative.rsplit(".", 1)[0]))
    return urljoin(urljoin(base, edit_uri.lstrip("/")), relative)


# ---- the folder -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    """What :func:`write_pages` wrote."""

    folder: Path
    pages: int
    maps: int
    files: int
    warnings: tuple[str, ...]


class _Tagged:
    """A value of mkdocs.yml under a tag a safe loader does not know (``!ENV``, ``!!python/name:...``): kept as
    data, written back with its tag, never acted on."""

    def __init__(self, tag: str, value) -> None:
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _tagged(loader, suffix, node, prefix=""):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return _Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(tag, loader.construct_sequence(node, deep=True))
    return _Tagged(tag, loader.construct_mapping(node, deep=True))


def _represent_tagged(dumper, data: _Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_ConfigLoader.add_multi_constructor("!", _tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)
_ConfigDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def read_config(path: Path) -> dict:
    """mkdocs.yml as data (safe: a tag the safe loader does not know is kept as it is, not run)."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError) as exc:
        raise PublishError(f"{path}: cannot read it: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PublishError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PublishError(f"{path}: a site's configuration is a mapping of settings (site_name: ..., nav: ...)")
    return data


def _plain(value):
    """A setting's value without its tag, where it matters to us (``!ENV [NAME, default]``: the variable's value,
    as MkDocs would read it)."""
    if isinstance(value, _Tagged) and value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        for name in names[:-1] if len(names) > 1 else names:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return names[-1] if len(names) > 1 else None
    return None if isinstance(value, _Tagged) else value


GENERATORS = ("mkdocs", "zensical")


def write_pages(root: Path, out: Path, config_file: Path | None = None, *, skip_broken: bool = False,
                jobs: int = 2, generator: str = "mkdocs", progress: Callable[[str], None] | None = None) -> Written:
    """Write the site to the folder ``out``: ``out/docs`` (the hand-written pages and assets, the generated pages
    with their maps inline, graph.json and the downloads) and ``out/mkdocs.yml`` (the project's, with the whole
    navigation written out and without the argmap plugin), which ``mkdocs build -f out/mkdocs.yml`` and
    ``zensical build -f out/mkdocs.yml`` build. All or nothing: a folder this command wrote before is replaced
    in one step; any other existing folder is refused.

    ``generator`` "zensical": Zensical reads a link in a page's HTML as MkDocs reads one in its Markdown, relative
    to the Markdown file (MkDocs leaves HTML links alone): the pages' HTML links are written so."""
    if generator not in GENERATORS:
        raise PublishError(f"unknown generator '{generator}': choose one of {', '.join(GENERATORS)}")
    root = Path(root).resolve()
    if config_file is not None and not Path(config_file).is_file():
        raise PublishError(f"{config_file}: no such file: give the site's mkdocs.yml")
    config_file = Path(config_file).resolve() if config_file else root / "mkdocs.yml"
    config = read_config(config_file) if config_file.is_file() else {}
    base = config_file.parent
    docs_dir = (base / (_plain(config.get("docs_dir")) or "docs")).resolve()
    out = Path(out).resolve()
    if out.exists() and not (out.is_dir() and not out.is_symlink() and (not any(out.iterdir()) or (out / MARK).is_file())):
        raise PublishError(f"{out} exists and is not a folder this command wrote: give a new folder, or remove it")
    if out == root or out in root.parents or out == docs_dir or docs_dir in out.parents:
        raise PublishError(f"{out}: write the pages to a folder of their own, outside the pages' folder "
                           f"({docs_dir}) and not holding the project")
    try:
        check = CheckCache(root)
        found = checked(check.result(), root, docs_dir, skip_broken)
    except ProjectError as exc:
        raise PublishError(str(exc)) from exc
    directory_urls = _plain(config.get("use_directory_urls"))
    renderer = Renderer(root / RENDER_CACHE, jobs=jobs)
    try:
        # (no preview images: only the plugin writes the tags that show them when a link is shared)
        site = build_site(list(found.analyses), renderer, downloads(), directory_urls is not False, previews=False)
    except RenderError as exc:
        raise PublishError(str(exc)) from exc
    if len(found.analyses) == len(check.result().analyses):  # every debate drawn: the cache keeps these maps only
        renderer.prune()
    check.keep()  # with the outcomes the pages worked out
    if progress:
        progress(f"{len(site.maps)} maps, {renderer.rendered} rendered by Graphviz, the rest from the cache")

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        staging.chmod(0o777 & ~umask())
        docs = staging / "docs"
        if docs_dir.is_dir():
            shutil.copytree(docs_dir, docs, symlinks=True)  # docs_problems refused any link already
        docs.mkdir(exist_ok=True)
        written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
        for name in written:
            path = docs / name
            text = path.read_text("utf-8")
            if FORMATS_TABLE in text:
                path.write_text(with_formats(text), "utf-8")
        repo_url, edit_uri = _plain(config.get("repo_url")), _plain(config.get("edit_uri"))
        for page in site.pages:
            markdown = fill_slots(page.markdown, site)
            block = suggestions(repo_url, edit_uri, page.edit_path, found.analyses)
            if block:
                markdown = re.sub(r"^## Around this claim$", lambda m: block + "\n" + m.group(0), markdown,
                                  count=1, flags=re.M)
            if generator == "zensical" and directory_urls is not False:
                markdown = _from_source(markdown, page.src)
            _write(docs / page.src, markdown)
        for path, content in site.files.items():
            _write(docs / path, content)
        generated = {page.src for page in site.pages}
        nav = site_nav(config.get("nav"), site, [p for p in written if p not in generated])
        (staging / "mkdocs.yml").write_text(_config_text(config, base, out, nav, site, len(found.analyses)), "utf-8")
        (staging / MARK).write_text("This folder was written by `argmap pages`; it replaces it whole.\n", "utf-8")
        if out.exists():
            replace_folder(staging, out)
        else:
            staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Written(out, len(site.pages), len(site.maps), len(site.files), found.warnings)


_HTML_LINK = re.compile(r'(<a href=")([^"#?:]*)(["#?])')


def _from_source(markdown: str, src: str) -> str:
    """The page's HTML links (``<a href="...">``, written relative to the page's address, ``claims/x/``) written
    relative to its Markdown file's folder (``claims/``), as Zensical reads them; absolute addresses and the
    maps' links (``xlink:href``, which Zensical leaves alone) are left alone.

    >>> _from_source('<a href="../y/">Y</a> <a href="./">x</a> <a href="../../t/#a">t</a> <a href="https://e.org/">e'
    ...              '</a> <a href="/r/">r</a>', "d/claims/x.md")
    '<a href="y/">Y</a> <a href="x/">x</a> <a href="../t/#a">t</a> <a href="https://e.org/">e</a> <a href="/r/">r</a>'
    >>> _from_source('<a href="../y/">Y</a>', "d/claims/index.md")
    '<a href="../y/">Y</a>'
    """
    if posixpath.basename(src) in ("index.md", "README.md"):
        return markdown  # its address is its folder's: the two readings agree
    folder = posixpath.dirname(src)
    address = posixpath.join(folder, posixpath.basename(src).removesuffix(".md"))

    def moved(match: re.Match) -> str:
        href = match.group(2)
        if href.startswith("/"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(address, href))
        again = posixpath.relpath(target, folder or ".") + ("/" if href.endswith("/") or href in ("", ".") else "")
        return f"{match.group(1)}{again}{match.group(3)}"

    return _HTML_LINK.sub(moved, markdown)


def _weighed(analyses, edit_path: str | None) -> bool:
    """Whether the claim a page is built from is a position of an issue (a reason for it carries a weight)."""
    parts = (edit_path or "").split("/")
    if len(parts) != 4:
        return False
    node_id = parts[3].removesuffix(".yaml")
    return any(a.debate.id == parts[1] and any(node_id in i.positions for i in a.debate.issues) for a in analyses)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _config_text(config: dict, base: Path, out: Path, nav: list, site: Site, debates: int) -> str:
    """The folder's mkdocs.yml: the project's settings, paths made relative to the folder, the argmap plugin
    dropped (its pages are written out), the navigation written out, the pages outside it said to be so."""
    written = dict(config)
    written["docs_dir"] = "docs"
    written.pop("site_dir", None)
    for key in ("INHERIT",):
        if isinstance(written.get(key), str):
            written[key] = os.path.relpath(base / written[key], out)
    theme = written.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        written["theme"] = theme = {**theme, "custom_dir": os.path.relpath(base / theme["custom_dir"], out)}
    if isinstance(written.get("hooks"), list):
        written["hooks"] = [os.path.relpath(base / h, out) if isinstance(h, str) else h for h in written["hooks"]]
    plugins = written.get("plugins")
    if isinstance(plugins, list):
        written["plugins"] = [p for p in plugins if p != NAV_MARKER and not (isinstance(p, dict) and NAV_MARKER in p)]
    elif isinstance(plugins, dict):
        written["plugins"] = {k: v for k, v in plugins.items() if k != NAV_MARKER}
    if debates > 1 and isinstance(theme, dict) and isinstance(theme.get("features"), list) \
            and "navigation.tabs" not in theme["features"]:
        written["theme"] = {**theme, "features": [*theme["features"], "navigation.tabs"]}
    written["nav"] = nav
    listed = _paths(nav)
    outside = sorted(p.src for p in site.pages if p.src not in listed)
    if outside:  # MkDocs lists pages outside the nav at every build unless told
        written["not_in_nav"] = "".join(f"/{p}\n" for p in outside)
    head = ("# Written by `argmap pages` from the project's mkdocs.yml: the debates' pages are in docs/ and the\n"
            "# navigation below; build with `mkdocs build -f <this file>` (no plugin needed) or Zensical.\n")
    return head + yaml.dump(written, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=120)
