"""``make serve``: a node's page and focus map kept from the last rebuild while nothing they were made from changed.

Relabelling a claim changes the text of a few pages and maps, yet a rebuild made every node's page and focus map
again to find out which (about 0.3 s at 1,000 nodes). Here each is made again only when it may differ:

- the debate's **frame** (everything but the nodes' texts: the nodes and their other fields, the relations, issues,
  perspectives, the source, the layout of its pages) is the same as last time; the analysis is worked out from the
  frame alone, so every status, condition and weighing is the same too (a change to the frame makes everything
  again);
- and none of the **texts** (:data:`TEXTS`: label, statement, rationale, note, caution) that the page or map read
  when it was last made has changed. Which node's texts each one reads is recorded as it is made: while it is made,
  the nodes' texts are read through properties that note the node (:class:`_Reading`), so a neighbour's label on a
  for-and-against list, a condition named in "why this outcome" or a box on the focus map are all noted, however
  far from the node they are.

The site is the same as without it (tests/test_preview.py builds both ways after each kind of edit and compares
them file by file); ``ARGMAP_PREVIEW_WITHOUT=node-pages`` leaves it out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import TypeVar

from ..analysis import Analysis
from ..model import Debate, Node

__all__ = ["NodeReuse", "TEXTS"]

TEXTS = ("label", "statement", "rationale", "note", "caution")  # what a node says, as opposed to what it is
_FRAME_NODE = tuple(f.name for f in fields(Node) if f.name not in TEXTS and f.name not in ("origin", "origins"))
_FRAME_DEBATE = tuple(f.name for f in fields(Debate) if f.name not in ("nodes", "origin", "origins"))

T = TypeVar("T")

_reader: set[str] | None = None  # the nodes whose texts were read since the page or map being made began


def _noting(name: str) -> property:
    def read(node: Node) -> str | None:
        if _reader is not None:
            _reader.add(node.id)
        return node.__dict__[name]
    return property(read)


class _Reading(Node):
    """A node whose texts note, as they are read, that this node was read (see :func:`_reading`)."""


for _name in TEXTS:
    setattr(_Reading, _name, _noting(_name))


@contextmanager
def _reading(debate: Debate) -> Iterator[None]:
    """The debate's nodes read their texts through :class:`_Reading` while the pages and maps are made (each node
    keeps its fields and identity: only the class through which its texts are read changes, and is changed back)."""
    nodes = [n for n in debate.nodes.values() if type(n) is Node]
    for node in nodes:
        object.__setattr__(node, "__class__", _Reading)
    try:
        yield
    finally:
        for node in nodes:
            object.__setattr__(node, "__class__", Node)


@dataclass
class _Kept:
    frame: str
    texts: dict[str, tuple]
    made: dict[str, tuple[object, frozenset[str]]] = field(default_factory=dict)  # key -> (what was made, texts read)


class NodeReuse:
    """What one make serve session keeps of each debate's node pages and focus maps, from one rebuild to the next."""

    def __init__(self) -> None:
        self.kept: dict[str, _Kept] = {}
        self.made = 0  # pages and maps made in the last rebuild (the rest were kept): for tests and benchmarks
        self.changed: dict[str, frozenset[str]] = {}

    @contextmanager
    def debate(self, analysis: Analysis, layout_key: str) -> Iterator[None]:
        """Begin a rebuild of ``analysis``'s pages (``layout_key``: whatever else its pages depend on, such as
        their URLs' form): what is kept from the last rebuild is what this one can still use."""
        debate = analysis.debate
        frame = _frame(debate, layout_key)
        texts = {n.id: tuple(n.__dict__[name] for name in TEXTS) for n in debate.nodes.values()}
        last = self.kept.get(debate.id)
        if last is None or last.frame != frame:
            last = self.kept[debate.id] = _Kept(frame, texts)
            self.changed[debate.id] = frozenset(texts)
        else:
            self.changed[debate.id] = frozenset(n for n, said in texts.items() if last.texts.get(n) != said)
            last.texts = texts
        with _reading(debate):
            yield

    def make(self, debate_id: str, key: str, make: Callable[[], T]) -> T:
        """``make()``, or what it made last time if no text it read has changed since."""
        global _reader
        kept = self.kept[debate_id]
        before = kept.made.get(key)
        if before is not None and before[1].isdisjoint(self.changed[debate_id]):
            return before[0]  # type: ignore[return-value]
        outer, _reader = _reader, set()
        try:
            made = make()
            kept.made[key] = (made, frozenset(_reader))
        finally:
            if outer is not None:
                outer |= _reader
            _reader = outer
        self.made += 1
        return made


def _frame(debate: Debate, layout_key: str) -> str:
    """A digest of everything the debate's pages are made from but the nodes' texts."""
    digest = hashlib.blake2b(layout_key.encode("utf-8"))
    digest.update(repr(tuple(getattr(debate, name) for name in _FRAME_DEBATE)).encode("utf-8"))
    for node in debate.nodes.values():
        digest.update(repr(tuple(node.__dict__[name] for name in _FRAME_NODE)).encode("utf-8"))
    return digest.hexdigest()
