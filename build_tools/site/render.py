"""Render stage: DOT to SVG with Graphviz's ``dot``, cached on disk and batched.

Many small maps are fed to a few long-lived ``dot`` processes (one per core), each reading
all its graphs from one stream: about 0.5 ms a map instead of 8.5 ms for one process per
map. A syntax error in one graph of a stream drops every graph after it, so a batch that
comes back short is rendered again graph by graph, to name the map that fails.

Every SVG that leaves this module, fresh or from the cache, has passed :func:`unsafe_parts`.

The ``graphviz`` package finds ``dot``, reads its version and renders single maps in any
format (``argmap render``): it turns a missing program and a failed run into distinct
exceptions carrying ``dot``'s own message. The site's many maps go through the batched
processes below, which the package has no way to do.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import graphviz

__all__ = ["RenderError", "Renderer", "unsafe_parts", "dot_version", "INSTALL_HINT"]

INSTALL_HINT = ("install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' "
                "(macOS), 'winget install graphviz' (Windows)")
DOT = "dot"
_XML_START = "<?xml"
_SAFE_SCHEMES = ("http", "https", "mailto")
_ON_ATTRIBUTE = re.compile(r"[\s\"'/]on[a-z]+\s*=", re.I)
_FORBIDDEN_TAG = re.compile(r"<\s*(script|foreignobject|iframe|object|embed)\b", re.I)
_HREF = re.compile(r"""\shref\s*=\s*(["'])(.*?)\1|\sxlink:href\s*=\s*(["'])(.*?)\3""", re.I | re.S)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


class RenderError(Exception):
    """Graphviz is missing, failed, or produced something unsafe."""


def dot_version() -> str:
    """The version of Graphviz's ``dot``, such as ``2.43.0`` (part of every cache key)."""
    try:
        return ".".join(map(str, graphviz.version()))
    except graphviz.ExecutableNotFound as exc:
        raise RenderError(f"Graphviz's '{DOT}' program is not installed or not on PATH: {INSTALL_HINT}") from exc
    except (graphviz.CalledProcessError, RuntimeError, OSError) as exc:
        raise RenderError(f"cannot run '{DOT} -V': {exc}") from exc


def unsafe_parts(svg: str) -> list[str]:
    """What makes an SVG unsafe to inline: scripts, event handlers, foreign objects, bad links.

    >>> unsafe_parts('<svg><a xlink:href="java&#x73;cript:x"/></svg>')
    ["a link to 'javascript:x'"]
    >>> unsafe_parts('<svg><a xlink:href="x"onmouseover="alert(1)"/></svg>')
    ['an on* event attribute']
    """
    found = []
    if _ON_ATTRIBUTE.search(svg):
        found.append("an on* event attribute")
    for match in _FORBIDDEN_TAG.finditer(svg):
        found.append(f"a <{match.group(1)}> element")
    for match in _HREF.finditer(svg):
        target = _INVISIBLE.sub("", html.unescape(match.group(2) or match.group(4) or ""))
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
            found.append(f"a link to '{target[:60]}'")
    return found


@dataclass
class Renderer:
    """Renders DOT to SVG, with a cache folder (None: no cache) and ``jobs`` parallel ``dot`` processes.

    ``rendered`` counts the maps actually run through Graphviz (cache misses), for tests and benchmarks.
    """

    cache_dir: Path | None = None
    jobs: int = 2
    rendered: int = 0
    seconds: float = 0.0

    def render(self, sources: list[tuple[str, str]], fmt: str = "svg") -> dict[str, str]:
        """SVG text for each ``(name, dot_source)``, keyed by name.

        Raises :class:`RenderError` naming every map that failed.
        """
        version = dot_version()
        keys = {name: self._key(version, source, fmt) for name, source in sources}
        result = {}
        missing = []
        for name, source in sources:
            cached = self._cached(keys[name])
            if cached is not None:
                result[name] = cached
            else:
                missing.append((name, source))
        started = time.perf_counter()
        fresh = self._run_batches(missing, fmt)
        self.seconds += time.perf_counter() - started
        self.rendered += len(missing)
        for name, svg in fresh.items():
            problems = unsafe_parts(svg)
            if problems:
                raise RenderError(f"the map '{name}' was refused: its SVG contains {', '.join(problems)}")
            self._store(keys[name], svg)
            result[name] = svg
        return result

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
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{key}.svg"
        try:
            svg = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not (svg.startswith(_XML_START) and svg.rstrip().endswith("</svg>")) or unsafe_parts(svg):
            return None  # corrupt or tampered: render again
        return svg

    def _store(self, key: str, svg: str) -> None:
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".tmp-", suffix=".svg")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(svg)
            os.replace(tmp, self.cache_dir / f"{key}.svg")  # atomic: never a half-written entry
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _run_batches(self, missing: list[tuple[str, str]], fmt: str) -> dict[str, str]:
        if not missing:
            return {}
        jobs = max(1, min(self.jobs, len(missing)))
        chunks = [missing[i::jobs] for i in range(jobs)]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(lambda chunk: self._run_batch(chunk, fmt), chunks))
        fresh: dict[str, str] = {}
        failures = []
        for rendered, failed in parts:
            fresh.update(rendered)
            failures.extend(failed)
        if failures:
            raise RenderError("Graphviz failed on " + "; ".join(f"the map '{n}': {e}" for n, e in failures))
        return fresh

    def _run_batch(self, chunk: list[tuple[str, str]], fmt: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
        stream = "".join(source for _, source in chunk).encode("utf-8")
        result = self._run([DOT, f"-T{fmt}"], stream)
        outputs = _split(result.stdout.decode("utf-8", "replace"))
        if result.returncode == 0 and len(outputs) == len(chunk):
            return {name: svg for (name, _), svg in zip(chunk, outputs)}, []
        rendered, failed = {}, []
        for name, source in chunk:  # isolate the failing graph(s)
            single = self._run([DOT, f"-T{fmt}"], source.encode("utf-8"))
            text = single.stdout.decode("utf-8", "replace")
            if single.returncode == 0 and text.startswith(_XML_START):
                rendered[name] = text
            else:
                failed.append((name, single.stderr.decode("utf-8", "replace").strip() or "no output"))
        return rendered, failed

    def _run(self, command: list[str], data: bytes) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(command, input=data, capture_output=True, timeout=600)
        except FileNotFoundError as exc:
            raise RenderError(f"Graphviz's '{command[0]}' program is not installed: {INSTALL_HINT}") from exc
        except subprocess.TimeoutExpired as exc:
            raise RenderError("Graphviz took more than 10 minutes and was stopped") from exc


_PAGE_PREFIX = re.compile(r'(<g id=")page\d+,\d+_')


def _split(output: str) -> list[str]:
    """Split ``dot``'s output for many graphs into one SVG document each.

    From the second graph of a stream on, ``dot`` prefixes the top group's id with
    ``page0,1_``; it is removed, so that a map's SVG never depends on its batch.
    """
    parts = output.split(_XML_START)
    return [_PAGE_PREFIX.sub(r"\1", _XML_START + part, count=1) for part in parts[1:]]
