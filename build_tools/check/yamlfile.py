"""Read one YAML file safely into plain data, keeping where every key and value is.

Only a safe subset of YAML is accepted, and every departure is a diagnostic rather than
an exception: files that are too large, not UTF-8, not regular files, syntax errors,
duplicate keys (PyYAML would silently keep the last), anchors and aliases (the "billion
laughs"), absurd nesting, explicit tags, YAML 1.1's implicit booleans and dates (``no``,
``on``, ``2024-06-01``), which must be quoted, and text holding characters text may not
hold (see :mod:`build_tools.text`), which escapes in double quotes could smuggle in. Nothing is ever constructed from a tag: the
composer's node tree is walked by hand.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import Position, Severity, problem
from ..text import describe, forbidden

__all__ = ["Position", "Document", "read_text", "load_yaml", "MAX_YAML_BYTES", "MAX_DEPTH", "LIBYAML", "NO_LIBYAML"]

MAX_YAML_BYTES = 256 * 1024
MAX_DEPTH = 32

_STR = "tag:yaml.org,2002:str"
_PLAIN_TYPES = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
}


JsonPath = tuple  # of str keys and int indices


@dataclass
class Document:
    """A YAML file read into plain data.

    ``data`` is None when the file could not be read at all. ``values`` and ``keys`` map a
    JSON path (a tuple of keys and indices) to the position of the value, or of its key.
    """

    path: str
    data: Any = None
    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    diagnostics: list = field(default_factory=list)
    text: str = ""

    def position(self, path: JsonPath, *, key: bool = False) -> Position:
        """The position of the value (or key) at ``path``, or of its nearest parent."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Position(1, 1))

    def error(self, code: str, message: str, position: Position | None = None) -> None:
        self.diagnostics.append(problem(Severity.ERROR, self.path, code, message, position))

    def warning(self, code: str, message: str, position: Position | None = None) -> None:
        self.diagnostics.append(problem(Severity.WARNING, self.path, code, message, position))


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark) -> None:
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


class _Loader(yaml.SafeLoader):
    """A safe composer that refuses aliases and deep nesting while it reads."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(
                "yaml-alias",
                f"aliases (*{event.anchor}) are not allowed: write the value out in full",
                event.start_mark,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                "yaml-too-deep",
                f"nesting deeper than {MAX_DEPTH} levels: argument files are shallow; "
                "check the brackets and indentation",
                self.peek_event().start_mark,
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# libyaml (PyYAML's C parser) reads the text into events about 5x faster than PyYAML's own Python
# parser; the events are composed into nodes here, so that every rule above (aliases, depth) holds
# while composing, and the rest of the reading is the same either way. Without libyaml, PyYAML's
# own parser does the same work (``LIBYAML`` says which; the CLI and the plugin say so once).
# ARGMAP_NO_LIBYAML=1 reads the slow way even where libyaml is (for tests and benchmarks).
LIBYAML = bool(getattr(yaml, "__with_libyaml__", False)) and os.environ.get("ARGMAP_NO_LIBYAML") != "1"
NO_LIBYAML = ("argmap: note: this PyYAML has no libyaml, so YAML is read by its slower Python parser (the same "
              "results); a PyYAML wheel for this platform, or the libyaml headers when it is built, make it faster")


# Where libyaml accepts what PyYAML's parser refuses (a tab inside a plain scalar, "?" inside a flow
# sequence's plain scalar, a block scalar's header run into a "#": `>#-`), PyYAML reads the file: the few files
# holding these are read the slow way.
_LENIENT = ("\t", "?")
_LENIENT_HEADER = re.compile(r"[|>][-+0-9]*#")


def _parse(text: str, fast: bool = LIBYAML) -> Node | None:
    """The single document of ``text`` as a node tree (None if empty), refusing aliases and deep nesting."""
    if not fast or any(c in text for c in _LENIENT) or _LENIENT_HEADER.search(text):
        return _Loader(text).get_single_node()
    try:
        # Each level of nesting takes one of these characters, so they bound the depth from above.
        nesting = sum(map(text.count, "\n[{-?"))
        if "*" not in text and "!" not in text and nesting < _C_NESTING:
            node = _compose_in_c(text)
            if nesting + 2 > MAX_DEPTH and _depth(node) > MAX_DEPTH:
                node = _parse_fast(text)  # says where the nesting is too deep, as PyYAML's parser does
        else:
            node = _parse_fast(text)  # says where an alias or too deep a nesting is, as PyYAML's parser does
        if ("{" in text or "[" in text) and _empty_in_flow(node):
            return _Loader(text).get_single_node()  # libyaml places an empty value in braces one column on
        return node
    except yaml.YAMLError:
        # A file libyaml refuses is read again by PyYAML's parser, which says what is wrong in its own
        # words (and accepts the escapes of lone surrogates, which the text rules then name): the
        # diagnostics never depend on whether libyaml is installed.
        return _Loader(text).get_single_node()


# PyYAML's composer compiled with libyaml is a third faster than composing its events here, but it
# follows aliases, reads an empty node tagged "!" unlike PyYAML, and recurses in C: it reads only text
# that holds no "*" nor "!" and nests far less deep than would strain the C stack, and a tree deeper than
# MAX_DEPTH is read again event by event.
_C_NESTING = 2000


def _depth(node: Node | None) -> int:
    """How deep the tree goes, counted as :func:`_compose` counts (the root is 1)."""
    deepest, stack = 0, [(node, 1)] if node is not None else []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((part, depth + 1) for pair in node.value for part in pair)
    return deepest


def _empty_in_flow(node: Node | None) -> bool:
    """Whether an empty plain value stands in a flow collection (``{a: , b: c}``)."""
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, (SequenceNode, MappingNode)):
            items = node.value if isinstance(node, SequenceNode) else [part for pair in node.value for part in pair]
            if node.flow_style and any(isinstance(i, ScalarNode) and not i.value and not i.style for i in items):
                return True
            stack.extend(items)
    return False


def _compose_in_c(text: str) -> Node | None:
    """The nodes :func:`_parse_fast` makes, made by libyaml's composer (see _C_NESTING)."""
    parser = yaml.CSafeLoader(text)
    try:
        return parser.get_single_node()
    finally:
        parser.dispose()


def _parse_fast(text: str) -> Node | None:
    parser = yaml.CSafeLoader(text)
    try:
        parser.get_event()  # the stream's start
        node = None
        if not parser.check_event(StreamEndEvent):
            parser.get_event()  # the document's start
            node = _compose(parser, 1)
            parser.get_event()  # the document's end
        if not parser.check_event(StreamEndEvent):
            event = parser.get_event()
            raise yaml.composer.ComposerError("expected a single document in the stream", node.start_mark if node
                                              else None, "but found another document", event.start_mark)
        return node
    finally:
        parser.dispose()


def _compose(parser, depth: int) -> Node:
    """A node from the C parser's events: what PyYAML's composer does, refusing aliases and deep nesting."""
    if parser.check_event(AliasEvent):
        event = parser.peek_event()
        raise _Refused("yaml-alias", f"aliases (*{event.anchor}) are not allowed: write the value out in full",
                       event.start_mark)
    if depth > MAX_DEPTH:
        raise _Refused("yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels: argument files are shallow; "
                       "check the brackets and indentation", parser.peek_event().start_mark)
    event = parser.get_event()
    if isinstance(event, ScalarEvent):
        # A "!" (non-specific) tag resolves as a plain scalar would; libyaml says otherwise for an empty one
        implicit = (True, False) if event.tag == "!" else event.implicit
        tag = event.tag if event.tag not in (None, "!") else parser.resolve(ScalarNode, event.value, implicit)
        return ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style or None)
    if isinstance(event, SequenceStartEvent):
        tag = event.tag if event.tag not in (None, "!") else parser.resolve(SequenceNode, None, event.implicit)
        node = SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
        while not parser.check_event(SequenceEndEvent):
            node.value.append(_compose(parser, depth + 1))
        node.end_mark = parser.get_event().end_mark
        return node
    tag = event.tag if event.tag not in (None, "!") else parser.resolve(MappingNode, None, event.implicit)
    node = MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
    while not parser.check_event(MappingEndEvent):
        key = _compose(parser, depth + 1)
        node.value.append((key, _compose(parser, depth + 1)))
    node.end_mark = parser.get_event().end_mark
    return node


def read_text(file: str | Path, rel: str, limit: int, doc: Document) -> str | None:
    """Read a file as UTF-8 text (a byte-order mark and CRLF line ends are fine)."""
    try:
        info = os.lstat(file)
    except OSError as exc:
        doc.error("unreadable", f"cannot read the file: {exc.strerror}")
        return None
    if stat.S_ISLNK(info.st_mode):
        doc.error("symlink", "symbolic links are not allowed here: replace the link with a plain file")
        return None
    if not stat.S_ISREG(info.st_mode):
        doc.error("special-file", "this is not a regular file (a folder, a pipe or a device): replace it with a "
                  "plain file")
        return None
    if info.st_size > limit:
        doc.error(
            "file-too-large",
            f"the file is {info.st_size:,} bytes, over the limit of {limit:,}: split it or shorten it",
        )
        return None
    try:
        with open(file, "rb") as stream:
            raw = stream.read()
    except OSError as exc:
        doc.error("unreadable", f"cannot read the file: {exc.strerror}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        doc.error(
            "not-utf8",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it as UTF-8",
            _position_in(before, len(before)),
        )
        return None
    bad = forbidden(text)
    if bad is not None:
        doc.error("bad-character", f"the file holds the character {describe(text[bad])}, which text may not "
                  "hold: remove it", _position_in(text, bad))
        return None
    return text


def load_yaml(file: str | Path, rel: str, limit: int = MAX_YAML_BYTES, fast: bool = LIBYAML) -> Document:
    """Read one YAML file into a :class:`Document`; problems go to its diagnostics.

    ``fast`` reads with libyaml (the default where PyYAML has it), else with PyYAML's Python parser:
    the same document, positions and diagnostics either way (a test compares them).
    """
    doc = Document(rel)
    text = read_text(file, rel, limit, doc)
    if text is None:
        return doc
    doc.text = text
    try:
        node = _parse(text, fast)
    except _Refused as exc:
        doc.error(exc.code, exc.message, _mark(exc.mark))
        return doc
    except yaml.reader.ReaderError as exc:
        doc.error(
            "yaml-syntax",
            f"character U+{exc.character:04X} is not allowed in YAML: remove it",
            _position_in(text, exc.position),
        )
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        doc.error("yaml-syntax", f"YAML syntax: {problem}{context}", _mark(mark))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        doc.error("yaml-syntax", f"YAML syntax: {exc}")
        return doc
    if node is None:
        doc.error("empty-file", "the file is empty: fill in the fields (see the format reference)")
        return doc
    doc.data = _convert(node, (), doc)
    return doc


def _convert(node: Node, path: JsonPath, doc: Document) -> Any:
    mark = node.start_mark
    where = doc.values[path] = Position(mark.line + 1, mark.column + 1)
    if isinstance(node, MappingNode):
        return _convert_mapping(node, path, doc)
    if isinstance(node, SequenceNode):
        _check_collection_tag(node, "tag:yaml.org,2002:seq", doc)
        return [_convert(item, path + (i,), doc) for i, item in enumerate(node.value)]
    return _convert_scalar(node, where, doc)


def _convert_mapping(node: MappingNode, path: JsonPath, doc: Document) -> dict:
    _check_collection_tag(node, "tag:yaml.org,2002:map", doc)
    result: dict = {}
    for key_node, value_node in node.value:
        where = _mark(key_node.start_mark)
        if isinstance(key_node, ScalarNode) and key_node.tag == "tag:yaml.org,2002:bool":
            doc.error("yaml-key", f"key {key_node.value} is read by YAML as a boolean: quote it (\"{key_node.value}\")",
                      where)
            continue
        if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
            shown = key_node.value if isinstance(key_node, ScalarNode) else "a collection"
            doc.error("yaml-key", f"key {shown!r} is not text: keys are plain names such as 'label'", where)
            continue
        key = key_node.value
        if key_node.style == '"' and _bad_text(key, where, doc):
            continue
        if key in result:
            first = doc.keys[path + (key,)]
            doc.error(
                "duplicate-key",
                f"key '{key}' appears twice in this mapping (first on line {first.line}): keep one",
                where,
            )
            continue
        doc.keys[path + (key,)] = where
        result[key] = _convert(value_node, path + (key,), doc)
    return result


def _bad_text(value: str, where: Position, doc: Document) -> bool:
    """Report text holding a character text may not hold (written as an escape in double quotes)."""
    bad = forbidden(value)
    if bad is None:
        return False
    doc.error("bad-character", f"this text holds the character {describe(value[bad])} (character {bad + 1}), "
              "which text may not hold: remove it (or the escape that writes it)", where)
    return True


def _check_collection_tag(node: Node, expected: str, doc: Document) -> None:
    if node.tag != expected:
        doc.error("yaml-tag", f"YAML tag {node.tag!r} is not allowed: remove it", _mark(node.start_mark))


def _convert_scalar(node: ScalarNode, where: Position, doc: Document) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        if node.style == '"':  # the file's text was checked whole: only escapes can add a character
            _bad_text(value, where, doc)
        return value
    if tag == "tag:yaml.org,2002:bool":
        if value in ("true", "false"):
            return value == "true"
        doc.error(
            "yaml-ambiguous",
            f"{value} is read by YAML as a boolean: quote it (\"{value}\") if you mean the text, "
            "or write true or false",
            where,
        )
        return value
    if tag == "tag:yaml.org,2002:timestamp":
        doc.error("yaml-ambiguous", f"{value} is read by YAML as a date: quote it (\"{value}\")", where)
        return value
    if tag in _PLAIN_TYPES and not node.style:  # plain: style None from PyYAML, "" from libyaml
        return _plain_value(tag, value)
    doc.error("yaml-tag", f"YAML tag {tag!r} is not allowed: remove it", where)
    return value


def _plain_value(tag: str, value: str) -> Any:
    if tag.endswith(":null"):
        return None
    if tag.endswith(":int"):
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value  # sexagesimal or other YAML 1.1 forms: leave as text
    try:
        return float(value.replace("_", ""))
    except ValueError:
        return value


def _mark(mark) -> Position:
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def _position_in(text: str, offset: int) -> Position:
    before = text[:offset]
    line = before.count("\n") + 1
    return Position(line, offset - (before.rfind("\n") + 1) + 1)
