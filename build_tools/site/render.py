"""Render stage: DOT to SVG with Graphviz's ``dot``, cached on disk and batched.

Many small maps are fed to a few long-lived ``dot`` processes (one per core), each reading
all its graphs from one stream: about 0.5 ms a map instead of 8.5 ms for one process per
map. A syntax error in one graph of a stream drops every graph after it, so a batch that
comes back short is rendered again graph by graph, to name the map that fails.

Every SVG that leaves this module, fresh or from the cache, has passed :func:`unsafe_parts`: a cached
map is checked each time it is read, and read at all only if its seal holds (:mod:`build_tools.store`).

The ``graphviz`` package finds ``dot``, reads its version and renders single maps in any
format (``argmap render``): it turns a missing program and a failed run into distinct
exceptions carrying ``dot``'s own message. The site's many maps go through the batched
processes below, which the package has no way to do.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import threading
import time
import xml.parsers.expat as expat
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from ..store import read_entry, write_entry

__all__ = ["RenderError", "RenderStopped", "Renderer", "unsafe_parts", "dot_version", "INSTALL_HINT", "RENDER_CACHE"]

INSTALL_HINT = ("install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' "
                "(macOS), 'winget install graphviz' (Windows)")
DOT = "dot"
RENDER_CACHE = ".cache/argmap"  # the maps' cache, relative to the project (the plugin's cache_dir default)
_XML_START = "<?xml"
_SVG = "http://www.w3.org/2000/svg}"  # names as expat gives them (namespace, "}", local name)
_XLINK = "http://www.w3.org/1999/xlink}"
# What Graphviz writes for our maps, and nothing else: every other element (script,
# foreignObject, image, use, style, animate, set...) and attribute (on*, style, href outside
# a link...) is refused. Attribute names are given as they are after parsing.
_PRESENTATION = {"fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity",
                 "stroke-linecap", "stroke-linejoin"}
_ALLOWED = {
    "svg": {"width", "height", "viewBox"},
    "g": {"id", "class", "transform"},
    "title": set(),
    "a": {f"{_XLINK}href", f"{_XLINK}title", "target"},
    "path": {"d"} | _PRESENTATION,
    "polygon": {"points"} | _PRESENTATION,
    "polyline": {"points"} | _PRESENTATION,
    "ellipse": {"cx", "cy", "rx", "ry"} | _PRESENTATION,
    "text": {"x", "y", "text-anchor", "font-family", "font-size", "font-weight", "font-style"} | _PRESENTATION,
}
_PLAIN = {name: allowed - {f"{_XLINK}href", "target"} for name, allowed in _ALLOWED.items()}
_TARGETS = {"_top", "_self", "_blank"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_SAFE_SCHEMES = ("http", "https", "mailto")
# Outside the parsed tree: only Graphviz's prolog, its DOCTYPE without internal subset and plain comments.
_PROLOG = re.compile(r'<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>')
_DOCTYPE = re.compile(r"<!DOCTYPE svg PUBLIC \"[^\"<>\[\]]*\"\s*\"[^\"<>\[\]]*\">")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


class RenderError(Exception):
    """Graphviz is missing, failed, or produced something unsafe."""


class RenderStopped(RenderError):
    """The drawing was stopped (:meth:`Renderer.stop`)."""


def dot_version() -> str:
    """The version of Graphviz's ``dot``, such as ``2.43.0`` (part of every cache key)."""
    try:
        return ".".join(map(str, graphviz.version()))
    except graphviz.ExecutableNotFound as exc:
        raise RenderError(f"Graphviz's '{DOT}' program is not installed or not on PATH: {INSTALL_HINT}") from exc
    except (graphviz.CalledProcessError, RuntimeError, OSError) as exc:
        raise RenderError(f"cannot run '{DOT} -V': {exc}") from exc


def unsafe_parts(svg: str) -> list[str]:
    """What makes an SVG unsafe to inline, checked against an allow-list after a real XML parse.

    Only the elements and attributes Graphviz writes for our maps pass; links may go to our
    own pages (relative URLs) or to http(s) and mailto addresses; nothing but the prolog, the
    DOCTYPE and comments may stand outside the elements.

    >>> unsafe_parts('<svg xmlns="http://www.w3.org/2000/svg"><text x="1">one = 1 onclick=x</text></svg>')
    []
    >>> unsafe_parts('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>x</script></svg>')
    ["the attribute 'onload' on <svg>", 'a <script> element']
    >>> unsafe_parts('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    ...              '<a xlink:href="java&#x73;cript:x"/></svg>')
    ["a link to 'javascript:x'"]
    """
    found = _outside_the_tree(svg)
    scan = _Scan()
    # Expat itself, set up as defusedxml sets it (no entity declarations, no external entities, no
    # parameter entities): defusedxml's own parsers run ElementTree's Python-level parser, five times
    # slower on a 1,000-node map, and the elements are checked as they start, without building a tree.
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = parser.UnparsedEntityDeclHandler = parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = scan.start
    try:
        parser.Parse(svg, True)
    except (expat.ExpatError, _Refused, ValueError) as exc:
        return [*found, *scan.found, f"XML that cannot be read safely ({type(exc).__name__}: {exc})"]
    return list(dict.fromkeys(found + scan.found))


class _Refused(Exception):
    """An entity declaration or an external entity: Graphviz writes neither."""


def _refuse(*args) -> None:
    raise _Refused("entity declarations and external entities are not allowed")


class _Scan:
    """The parser's target: each element is checked as it starts; no tree is built."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def start(self, tag: str, attrib: dict) -> None:
        problems = _element_problems(tag, attrib)
        if problems:
            self.found.extend(problems)


def _outside_the_tree(svg: str) -> list[str]:
    rest = _COMMENT.sub(lambda m: "" if "--" not in m.group(1) and ">" not in m.group(1) else m.group(0), svg)
    rest = _DOCTYPE.sub("", _PROLOG.sub("", rest, count=1), count=1)
    if "<!" in rest or "<?" in rest:
        return ["a declaration, processing instruction, CDATA section or comment that Graphviz does not write"]
    return []


def _element_problems(tag: str, attrib: dict) -> list[str]:
    name = tag[len(_SVG):] if tag.startswith(_SVG) else None
    if name not in _ALLOWED:
        return [f"a <{tag.rsplit('}', 1)[-1]}> element"]
    if attrib.keys() <= _PLAIN[name] and not any("(" in value for value in attrib.values()):
        return []  # most elements: allowed attributes that are neither links nor targets, and no url(...)
    found = []
    for attribute, value in attrib.items():
        shown = attribute.replace(_XLINK, "xlink:")
        if attribute not in _ALLOWED[name]:
            found.append(f"the attribute '{shown}' on <{name}>")
        elif attribute == f"{_XLINK}href" and not _safe_link(value):
            found.append(f"a link to '{value[:60]}'")
        elif attribute == "target" and value not in _TARGETS:
            found.append(f"a link target '{value[:60]}'")
        elif "(" in value and "url(" in value.replace(" ", "").lower():
            found.append(f"a reference to another resource in '{shown}'")
    return found


def _safe_link(url: str) -> bool:
    """A link to one of our own pages (relative, no scheme, no host) or an http(s) or mailto address."""
    cleaned = "".join(c for c in url if c > " " and c != "\x7f")
    scheme = _SCHEME.match(cleaned)
    if scheme:
        return scheme.group(1).lower() in _SAFE_SCHEMES and cleaned == url
    return not cleaned.startswith(("//", "\\", "/\\")) and cleaned == url


@dataclass
class Renderer:
    """Renders DOT to SVG, with a cache folder (None: no cache) and ``jobs`` parallel ``dot`` processes.

    ``rendered`` counts the maps actually run through Graphviz (cache misses), for tests and benchmarks.
    """

    cache_dir: Path | None = None
    jobs: int = 2
    rendered: int = 0
    seconds: float = 0.0
    remember: bool = False  # keep the checked SVGs in memory too, for the next render (make serve's rebuilds)
    _memory: dict[str, str] = field(default_factory=dict, repr=False)
    used: set[str] = field(default_factory=set, repr=False)  # the cache keys of every map rendered so far
    images: int = 0  # the preview images actually run through Graphviz
    _kinds: set[str] = field(default_factory=set, repr=False)  # what was rendered (svg, png): what prune may remove
    _writer: ThreadPoolExecutor | None = field(default=None, repr=False)  # (make serve) writes the cache behind
    _running: set = field(default_factory=set, repr=False)  # the dot processes under way
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)

    def render(self, sources: list[tuple[str, str]], fmt: str = "svg") -> dict[str, str]:
        """SVG text for each ``(name, dot_source)``, keyed by name.

        Raises :class:`RenderError` naming every map that failed.
        """
        version = dot_version()
        keys = {name: self._key(version, source, fmt) for name, source in sources}
        result = self._drawn(sources, keys, fmt)
        missing = [(name, source) for name, source in sources if name not in result]
        started = time.perf_counter()
        fresh = self._run_batches(missing, fmt)
        self.seconds += time.perf_counter() - started
        self.rendered += len(missing)
        for name, svg in fresh.items():
            problems = unsafe_parts(svg)
            if problems:
                raise RenderError(f"the map '{name}' was refused: its SVG contains {', '.join(problems)}")
            result[name] = svg
            if self.remember:
                self._memory[keys[name]] = svg
        if self.cache_dir is not None and fresh:
            entries = [(keys[name], svg) for name, svg in fresh.items()]
            if self.remember:  # make serve: the maps are in memory for the next rebuild; their copies on disk (for
                # the next session) are written beside the rest of the build, not before it
                if self._writer is None:
                    self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-cache")
                self._writer.submit(self._store_all, entries)
            else:
                self._store_all(entries)
        return result

    def drawn(self, sources: list[tuple[str, str]], fmt: str = "svg") -> dict[str, str]:
        """The SVG of each ``(name, dot_source)`` drawn before (in memory, or in the cache and checked again as it
        is read), keyed by name; what was never drawn is left out, not drawn."""
        version = dot_version()
        return self._drawn(sources, {name: self._key(version, source, fmt) for name, source in sources}, fmt)

    def _drawn(self, sources: list[tuple[str, str]], keys: dict[str, str], fmt: str) -> dict[str, str]:
        self._kinds.add(fmt)
        result = {}
        for name, _ in sources:
            key = keys[name]
            self.used.add(key)
            cached = self._memory.get(key) or self._cached(key)
            if cached is not None:
                result[name] = cached
                if self.remember:
                    self._memory[key] = cached
        return result

    def _store_all(self, entries: list[tuple[str, str]]) -> None:
        with ThreadPoolExecutor(max_workers=4) as pool:  # the cold build's many small writes, side by side
            list(pool.map(lambda entry: self._store(*entry), entries))

    def flush(self) -> None:
        """Wait until every map rendered so far is written to the cache (make serve writes them in the background)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    def render_images(self, sources: list[tuple[str, str]]) -> dict[str, bytes]:
        """A PNG for each ``(name, dot_source)`` (the pages' preview images), keyed by name: batched and cached as
        the SVGs are; only a well-formed PNG is kept or read back. Raises :class:`RenderError` naming a failure."""
        version = dot_version()
        keys = {name: self._key(version, source, "png") for name, source in sources}
        self.used.update(keys.values())
        self._kinds.add("png")
        result: dict[str, bytes] = {}
        missing = []
        for name, source in sources:
            cached = read_entry(self.cache_dir / f"{keys[name]}.png") if self.cache_dir is not None else None
            if cached is not None and _png(cached):
                result[name] = cached
            else:
                missing.append((name, source))
        if not missing:
            return result
        started = time.perf_counter()
        fresh = self._run_batches(missing, "png")
        self.seconds += time.perf_counter() - started
        self.images += len(missing)
        if self.cache_dir is not None:
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(lambda item: write_entry(self.cache_dir / f"{keys[item[0]]}.png", item[1]), fresh.items()))
        return {**result, **fresh}

    def prune(self) -> int:
        """Remove every cached map (of a kind this renderer drew: maps, preview images) it did not use: after a whole
        site's render, the cache holds the current site's maps and no more (it would otherwise grow with every
        edit). Returns how many went."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return 0
        removed = 0
        for path in [p for kind in sorted(self._kinds) for p in self.cache_dir.glob(f"*.{kind}")]:
            if path.stem not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass  # (another build removed it, or it cannot be removed: it is only kept longer)
        return removed

    def render_one(self, source: str, fmt: str) -> bytes:
        """One graph in any format Graphviz writes (svg, png, pdf), uncached; SVG is checked as the site's is."""
        try:
            data = graphviz.pipe(DOT, fmt, source.encode("utf-8"), quiet=True)
        except graphviz.ExecutableNotFound as exc:
            raise RenderError(f"Graphviz's '{DOT}' program is not installed or not on PATH: {INSTALL_HINT}") from exc
        except graphviz.CalledProcessError as exc:
            stderr = (exc.stderr or b"").decode("utf-8", "replace").strip()
            raise RenderError(f"Graphviz failed: {stderr or exc}") from exc
        if fmt == "svg":
            problems = unsafe_parts(data.decode("utf-8", "replace"))
            if problems:
                raise RenderError(f"the map was refused: its SVG contains {', '.join(problems)}")
        return data

    def _key(self, version: str, source: str, fmt: str) -> str:
        return hashlib.sha256(f"{version}\0{fmt}\0{source}".encode("utf-8")).hexdigest()

    def _cached(self, key: str) -> str | None:
        """The cached SVG of ``key``, checked again as it is read; None when missing, not sealed by this
        user's argmap, corrupt or unsafe (it is then rendered again)."""
        if self.cache_dir is None:
            return None
        data = read_entry(self.cache_dir / f"{key}.svg")
        if data is None:
            return None
        try:
            svg = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not (svg.startswith(_XML_START) and svg.rstrip().endswith("</svg>")) or unsafe_parts(svg):
            return None
        return svg

    def _store(self, key: str, svg: str) -> None:
        assert self.cache_dir is not None
        write_entry(self.cache_dir / f"{key}.svg", svg.encode("utf-8"))

    def _run_batches(self, missing: list[tuple[str, str]], fmt: str) -> dict:
        """Each graph drawn in ``fmt`` (svg: text, png: bytes) by a few ``dot`` processes, each reading many."""
        if not missing:
            return {}
        jobs = max(1, min(self.jobs, len(missing)))
        chunks = [missing[i::jobs] for i in range(jobs)]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(lambda chunk: self._run_batch(chunk, fmt), chunks))
        fresh: dict = {}
        failures = []
        for rendered, failed in parts:
            fresh.update(rendered)
            failures.extend(failed)
        if failures:
            raise RenderError("Graphviz failed on " + "; ".join(f"the map '{n}': {e}" for n, e in failures))
        return fresh

    def _run_batch(self, chunk: list[tuple[str, str]], fmt: str) -> tuple[dict, list[tuple[str, str]]]:
        split, whole = _OUTPUTS[fmt]
        stream = "".join(source for _, source in chunk).encode("utf-8")
        result = self._run([DOT, f"-T{fmt}"], stream)
        outputs = split(result.stdout)
        if result.returncode == 0 and len(outputs) == len(chunk):
            return {name: output for (name, _), output in zip(chunk, outputs)}, []
        rendered, failed = {}, []
        for name, source in chunk:  # isolate the failing graph(s)
            single = self._run([DOT, f"-T{fmt}"], source.encode("utf-8"))
            output = whole(single.stdout) if single.returncode == 0 else None
            if output is not None:
                rendered[name] = output
            else:
                failed.append((name, single.stderr.decode("utf-8", "replace").strip() or "no output"))
        return rendered, failed

    def _run(self, command: list[str], data: bytes) -> subprocess.CompletedProcess:
        if self._stopping.is_set():
            raise RenderStopped("the drawing was stopped")
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError as exc:
            raise RenderError(f"Graphviz's '{command[0]}' program is not installed: {INSTALL_HINT}") from exc
        with self._lock:
            self._running.add(process)
        try:
            stdout, stderr = process.communicate(data, timeout=600)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.communicate()
            raise RenderError("Graphviz took more than 10 minutes and was stopped") from exc
        finally:
            with self._lock:
                self._running.discard(process)
        if self._stopping.is_set():
            raise RenderStopped("the drawing was stopped")
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    def stop(self) -> None:
        """Stop every drawing under way (its ``dot`` processes killed): the render that started them raises
        :class:`RenderStopped`. make serve stops the drawing a rebuild left for after its pages when the next
        save comes (that drawing is out of date). The renderer draws again once :meth:`resume` is called."""
        self._stopping.set()
        with self._lock:
            for process in self._running:
                process.kill()

    def resume(self) -> None:
        self._stopping.clear()


_PAGE_PREFIX = re.compile(r'(<g id=")page\d+,\d+_')


def _split(output: str) -> list[str]:
    """Split ``dot``'s output for many graphs into one SVG document each.

    From the second graph of a stream on, ``dot`` prefixes the top group's id with
    ``page0,1_``; it is removed, so that a map's SVG never depends on its batch.
    """
    parts = output.split(_XML_START)
    return [_PAGE_PREFIX.sub(r"\1", _XML_START + part, count=1) for part in parts[1:]]


_PNG_START = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the empty IEND chunk, with its CRC: the last bytes of a PNG


def _png(data: bytes) -> bool:
    return data.startswith(_PNG_START) and data.endswith(_PNG_END)


def _split_png(output: bytes) -> list[bytes]:
    """Split ``dot``'s PNG output for many graphs into one image each (each ends with its IEND chunk)."""
    images, at = [], 0
    while at < len(output):
        end = output.find(_PNG_END, at)
        if end < 0:
            break
        image = output[at:end + len(_PNG_END)]
        if not image.startswith(_PNG_START):
            break
        images.append(image)
        at = end + len(_PNG_END)
    return images if at == len(output) else []


def _whole_svg(data: bytes) -> str | None:
    text = data.decode("utf-8", "replace")
    return text if text.startswith(_XML_START) else None


# How each format's output is split into one document per graph, and read when one graph was drawn alone
_OUTPUTS = {"svg": (lambda data: _split(data.decode("utf-8", "replace")), _whole_svg),
            "png": (_split_png, lambda data: data if _png(data) else None)}
