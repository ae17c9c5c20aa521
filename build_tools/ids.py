"""Ids of debates and nodes, the names the site keeps for itself, and "did you mean"."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["ID_PATTERN", "RESERVED_IDS", "is_valid_id", "closest", "did_you_mean", "free_id", "FreeIds"]

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 64

# Names the site needs for its own pages and folders: a node may not take them.
RESERVED_IDS = frozenset(
    {
        "index", "claims", "evidence", "tags", "perspectives", "perspective", "source",
        "overview", "map", "maps", "search", "assets", "exports", "export", "contributing",
        "format", "about", "404", "sitemap", "debate", "debates", "all", "new", "status",
        "javascripts", "stylesheets", "images", "img", "js", "css",
        # names Windows keeps for devices, whatever the extension: a file so named cannot be checked out there
        "con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10)),
    }
)


def is_valid_id(name: str) -> bool:
    """True for lowercase letters, digits and single hyphens, and nothing else (not even a final newline).

    >>> is_valid_id("iraq-mission-ends"), is_valid_id("Iraq"), is_valid_id("../x"), is_valid_id("x\\n")
    (True, False, False, False)
    """
    return len(name) <= MAX_ID_LENGTH and bool(ID_PATTERN.fullmatch(name))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough.

    >>> closest("suports", ["supports", "attacks"])
    'supports'
    """
    found = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A "; did you mean 'x'?" suffix, or nothing."""
    match = closest(word, candidates)
    return f"; did you mean '{match}'?" if match else ""


def free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or the first ``wanted-2``, ``wanted-3``... that is free and allowed.

    >>> free_id("index", set()), free_id("x", {"x", "x-2"})
    ('index-2', 'x-3')
    """
    if is_valid_id(wanted) and wanted not in taken and wanted not in RESERVED_IDS:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


class FreeIds:
    """Hands out ids that are free: the one wanted, else ``wanted-2``, ``wanted-3``... Each id
    costs about the same however many times the same one is wanted (an import of many
    identical texts stays linear).

    >>> ids = FreeIds()
    >>> [ids.take("x") for _ in range(3)], ids.take("index")
    (['x', 'x-2', 'x-3'], 'index-2')
    """

    def __init__(self, taken=()) -> None:
        self.taken: set[str] = set(taken)
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        if is_valid_id(wanted) and wanted not in self.taken and wanted not in RESERVED_IDS:
            found = wanted
        else:
            n = self._next.get(wanted, 2)
            while f"{wanted}-{n}" in self.taken:
                n += 1
            self._next[wanted] = n + 1
            found = f"{wanted}-{n}"
        self.taken.add(found)
        return found
