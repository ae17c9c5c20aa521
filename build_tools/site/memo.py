"""What ``make serve``'s rebuilds reuse from the build before: results of pure steps, by all they read.

A rebuild after saving one file recomputes every map's DOT, its outline and its inline SVG although
almost all of them come out the same. A :class:`Memo` keeps the last build's results under keys made of
everything the step reads (the view, the nodes it shows, their outcomes, the page it is on and how URLs
are written), so a result is reused exactly when it would come out the same; anything not in a key is
not reused. A node or an outcome stands in a key as a digest of its whole record (every field that
takes part in its equality), made once per build: comparing thousands of records in every key would
cost what the memo saves. Only the last build's entries are kept. A full build passes no memo.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = ["Memo"]

T = TypeVar("T")


class Memo:
    """Results by key, from this build and the one before it."""

    def __init__(self) -> None:
        self._before: dict = {}
        self._now: dict = {}
        self.reused = 0
        self.made = 0
        self._digests: dict[int, tuple[object, dict]] = {}  # this build's digests, by analysis

    def nodes(self, analysis) -> dict[str, bytes]:
        """A digest of each node's record, by id."""
        return self._of(analysis, "nodes", lambda: {n.id: _digest(n) for n in analysis.debate.nodes.values()})

    def shown(self, analysis, view) -> tuple[bytes, ...]:
        """The digests of the nodes a map's view draws: its nodes, and the parents its folds name."""
        nodes = self.nodes(analysis)
        return tuple(nodes[n] for n in (*view.nodes, *(f.parent for f in view.folds)))

    def outcomes(self, analysis, perspective: str | None) -> dict[str, bytes]:
        """A digest of each node's status under ``perspective`` (None: as the map stands), by id."""
        return self._of(analysis, ("status", perspective),
                        lambda: {n: _digest(s) for n, s in analysis.statuses[perspective].items()})

    def _of(self, analysis, what, make):
        _, table = self._digests.setdefault(id(analysis), (analysis, {}))  # held: its id stays its own
        if what not in table:
            table[what] = make()
        return table[what]

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The result under ``key``: this build's, the last build's, or ``make()``'s."""
        if key in self._now:
            return self._now[key]
        if key in self._before:
            value = self._before[key]
            self.reused += 1
        else:
            value = make()
            self.made += 1
        self._now[key] = value
        return value

    def next_build(self) -> None:
        """Forget what the last build used but this one did not; count afresh."""
        self._before, self._now = self._now, {}
        self.reused = self.made = 0
        self._digests = {}


def _digest(record) -> bytes:
    """A digest of a frozen dataclass's compared fields (their reprs are plain and complete)."""
    fields = tuple(getattr(record, f.name) for f in dataclasses.fields(record) if f.compare)
    return hashlib.blake2b(repr(fields).encode("utf-8", "surrogatepass"), digest_size=16).digest()
