"""Rules on single files, valid or not: the schema line, ids, placeholders and links."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..escape import SAFE_SCHEMES, safe_url
from ..ids import RESERVED_IDS, is_valid_id
from .yamlfile import Document

__all__ = ["SCHEMA_LINE", "schema_line", "node_id", "placeholders", "links", "numbers", "SAFE_SCHEMES"]

SCHEMA_LINE = "# yaml-language-server: $schema="
URL_FIELDS = {"debate": [("source", "url")], "claim": [], "evidence": [("citation", "url")], "argument": []}

_PLACEHOLDER = re.compile(r"\bTODO\b")
_MD_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
# The part before the first colon holds no colon: a "<" and a run of colons cannot make it backtrack.
_AUTOLINK = re.compile(r"<([^<>\s:]*:[^<>\s]*)>")
_REFERENCE = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(\s|$)", re.M)  # within one line: linear
_BARE = re.compile(r"\b(javascript|data|vbscript|file):", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def schema_line(doc: Document, kind: str, file: str | Path,
                exists: Callable[[str], bool] = os.path.isfile) -> Iterator[tuple[str, str]]:
    """The first line names this kind's JSON Schema, for editors' completion (``exists`` says whether a
    file is there: the check's cache records what it was asked)."""
    first = doc.text.split("\n", 1)[0].rstrip("\r")
    expected = f"{kind}.schema.json"
    if not first.startswith(SCHEMA_LINE):
        yield "schema-line", f"the first line must be '{SCHEMA_LINE}<path to {expected}>' so that editors check the file"
        return
    target = first[len(SCHEMA_LINE):].strip()
    if "://" in target or target.startswith("//"):
        yield "schema-line", (f"the schema line names '{target}', an address on the web: name the schema in "
                              "this project (build_tools/schemas/), relative to this file's folder")
    elif target.rsplit("/", 1)[-1] != expected:
        yield "schema-line", f"the schema line names '{target}', but this file is checked against {expected}"
    elif not exists(os.path.normpath(os.path.join(os.path.dirname(file), target))):
        yield "schema-line", f"the schema line names '{target}', which does not exist from this file's folder"


def node_id(name: str) -> Iterator[tuple[str, str]]:
    """The file name is the id: valid, and not a name the site keeps for itself."""
    if not is_valid_id(name):
        suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "a-claim"
        yield "invalid-id", (f"'{name}' is not a valid id: use lowercase letters, digits and single hyphens "
                             f"(rename the file to '{suggestion}.yaml')")
    elif name in RESERVED_IDS:
        yield "reserved-id", f"'{name}' is a name the site needs for its own pages: choose another id"


def placeholders(doc: Document) -> Iterator[tuple[tuple, str]]:
    for path, value in _strings(doc.data, ()):
        if _PLACEHOLDER.search(value):
            yield path, "a placeholder (TODO) is left in the file: replace it with the real value"


def numbers(doc: Document) -> Iterator[tuple[tuple, str]]:
    """Every number finite: YAML reads ``.inf``, ``.nan`` and ``1e999`` as numbers that JSON cannot hold."""
    stack = [((), doc.data)]
    while stack:
        path, data = stack.pop()
        if isinstance(data, float) and not math.isfinite(data):
            yield path, (f"{data} is not a number a map can use: write a finite number (a weight is between 0 "
                         "and 1)")
        elif isinstance(data, dict):
            stack.extend((path + (key,), value) for key, value in data.items())
        elif isinstance(data, list):
            stack.extend((path + (i,), value) for i, value in enumerate(data))


def links(doc: Document, kind: str) -> Iterator[tuple[tuple, str]]:
    """Only http(s) and mailto links, in URL fields and in any Markdown in the text."""
    url_paths = {tuple(p) for p in URL_FIELDS[kind]}
    for path, value in _strings(doc.data, ()):
        if path in url_paths:
            if value != "unknown" and not safe_url(value):
                yield path, (f"'{_short(value)}' is not an http(s) or mailto URL written with URL characters "
                             "only: give the full address (https://..., with spaces and quotes percent-encoded) "
                             "or 'unknown'")
            continue
        for target in _link_targets(value):
            if not safe_url(target):
                yield path, f"link to '{_short(target)}': only http(s) and mailto links are allowed"


def _link_targets(value: str) -> list[str]:
    """Link targets in Markdown text, and bare dangerous schemes, each once (by position)."""
    if ":" not in value and "](" not in value:  # what every pattern below needs
        return []
    found: dict[int, str] = {}
    for pattern in (_MD_LINK, _AUTOLINK, _REFERENCE):
        for match in pattern.finditer(value):
            found.setdefault(match.start(1), match.group(1))
    for match in _BARE.finditer(value):
        found.setdefault(match.start(), value[match.start():].split()[0])
    return [found[start] for start in sorted(found)]


def _strings(data, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
