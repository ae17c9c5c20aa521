"""A check's result kept on disk and used again while nothing it read has changed.

``argmap render``, ``export``, ``status`` and ``coverage`` need a debate that checks, not a fresh report:
at 1,000 nodes the check is most of their time. :class:`CheckCache` gives what
:func:`~build_tools.check.project.check_project` would, from the cache when its key matches.

The key is a digest of argmap's own code and schemas, this Python, the project's folder and the debate
asked for, and every entry under ``arguments/`` (each name, its kind, a file's bytes, a link's target):
any edit, new, renamed or removed file is a new key. What the check asked about outside that tree (whether the schema named on each
file's first line is there, :attr:`CheckResult.probes`) is asked again and must answer the same. A cache
entry that is missing, unreadable, of another key or another format is simply recomputed; ``argmap
check`` itself never uses the cache.

Entries are sealed (:mod:`build_tools.store`): each starts with an HMAC under this user's key, kept
outside every project, so an entry that came with a repository or was written by anyone else is never
read, only worked out again. Inside the seal they are pickles, as Sphinx keeps its environment: the
model is some twenty frozen dataclasses with derived indexes and worked-out statuses, and a second,
hand-written JSON form of all of it would be a second model to keep in step with the first. Only
argmap, as this user, can have written what passes the seal; even so, as a second wall, the unpickler
builds nothing but argmap's own model classes (by their plain names in their own modules: no dotted
name reaches another module's objects), arrays and read-only mappings (Python's "restricting globals"). The analysis is stored after the
command used it, so the outcomes it computed come back too. Beside each entry, the node files as the
last fresh check read and checked them (by the digests of their bytes) and its statuses (by their
outcome key): on a miss, unchanged files are not read again, and statuses nothing they rest on changed
are not worked out again.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from ..store import read_entry, write_entry
from .layout import ARGUMENTS
from .result import CheckResult

__all__ = ["CheckCache", "CACHE_FOLDER"]

CACHE_FOLDER = Path(".cache") / "argmap" / "checks"
_FORMAT = b"argmap-check 2\n"
_PACKAGE = Path(__file__).resolve().parent.parent


def _code_digest() -> bytes:
    """argmap's code and schemas, and this Python: another version never reads this one's entries."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _tree_digest(root: Path, digest, digests: dict[str, bytes]) -> None:
    """Every entry under ``root/arguments``: relative name, kind, and a file's bytes or a link's target; and
    a digest of each file's bytes, by its path from the project (``digests``)."""
    folders = [(str(root / ARGUMENTS), ARGUMENTS)]
    while folders:
        folder, rel = folders.pop()
        digest.update(f"d {rel}\0".encode("utf-8", "surrogateescape"))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:  # the kind of each entry comes with the listing: no further system call
            head = f"{entry.name}\0".encode("utf-8", "surrogateescape")
            if entry.is_symlink():
                digest.update(b"l " + head + os.readlink(entry.path).encode("utf-8", "surrogateescape") + b"\0")
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, f"{rel}/{entry.name}"))
            elif entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as stream:
                    mine = hashlib.blake2b(stream.read(), digest_size=20).digest()
                digests[f"{rel}/{entry.name}"] = mine
                digest.update(b"f " + head + mine)
            else:
                digest.update(b"o " + head)


def _key(root: Path, debate: str | None, digests: dict[str, bytes]) -> bytes:
    digest = hashlib.sha256(_code_digest())
    digest.update(f"{root}\0debate {debate}\0".encode("utf-8", "surrogateescape"))  # a copy checks again
    _tree_digest(root, digest, digests)
    return digest.hexdigest().encode()


def _proxy(items: dict) -> MappingProxyType:
    return MappingProxyType(items)


def _dumps(value) -> bytes:
    """``value`` pickled, a read-only mapping as the dict it shows (pickle has no way for one of its own); the
    rule is this pickler's, not registered for the whole process."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, 5)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: lambda proxy: (_proxy, (dict(proxy),))}
    pickler.dump(value)
    return out.getvalue()

# What an entry may build: argmap's model and check results (classes only, never a function), arrays
# (the quote index's offsets) and read-only mappings.
_MODULES = {"build_tools.model", "build_tools.analysis", "build_tools.diagnostics", "build_tools.graph",
            "build_tools.quotes", "build_tools.status", "build_tools.vocabulary", "build_tools.weighing",
            "build_tools.check.result", "build_tools.check.yamlfile", "build_tools.sensitivity"}
_OTHERS = {("array", "array"), ("array", "_array_reconstructor"), (__name__, "_proxy")}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):  # noqa: D102 - pickle's hook
        if (module, name) in _OTHERS:
            return super().find_class(module, name)
        if module in _MODULES and name.isidentifier():  # a dotted name could walk to another module's objects
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:  # defined there, not imported there
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in argmap's cache")


class CheckCache:
    """The check of one project (one debate, or all) through the cache: :meth:`result` is what
    ``check_project(root, debate=debate)`` returns; :meth:`keep` stores it after use."""

    def __init__(self, root: Path, debate: str | None = None) -> None:
        self.root, self.debate = Path(root).resolve(), debate
        self.entry = self.root / CACHE_FOLDER / f"{debate or '_all'}.pickle"
        self.files_entry = self.entry.with_suffix(".files.pickle")  # each node file as read and checked
        self._digests: dict[str, bytes] = {}
        self._key = _key(self.root, debate, self._digests)
        self._reuse = None
        self._result: CheckResult | None = None
        self._stored: list[int] = []  # how much each analysis had worked out when read from the cache

    def result(self) -> CheckResult:
        if self._result is None:
            self._result = self._read()
            if self._result is not None:
                self._stored = [len(vars(a)) for a in self._result.analyses]
            else:
                from .load import Reuse  # only on a miss: a hit needs none of the reading and checking code
                from .project import check_project
                probes, files, outcomes = self._read_files()
                self._reuse = Reuse(files, self._digests)
                self._result = check_project(self.root, debate=self.debate, reuse=self._reuse)
                self._result.probes.update(probes)  # what the reused files' checks asked, asked again just now
                for analysis in self._result.analyses:  # the last statuses, where nothing they rest on changed
                    if analysis.debate.id in outcomes:
                        analysis.adopt_statuses(*outcomes[analysis.debate.id])
        return self._result

    def _read(self) -> CheckResult | None:
        try:
            data = read_entry(self.entry)
            if data is None:
                return None
            head = _FORMAT + self._key + b"\n"
            if not data.startswith(head):
                return None
            probes, result = _Unpickler(io.BytesIO(data[len(head):])).load()
            if isinstance(result, CheckResult) and all(os.path.isfile(p) == there for p, there in probes.items()):
                return result
        except Exception:  # noqa: BLE001 - any doubt about an entry means checking again
            pass
        return None

    def _read_files(self) -> tuple[dict, dict, dict]:
        """What the last check asked outside arguments/, the node files as it read and checked them, by path
        (with their digests then), and each debate's statuses with their outcome key; nothing if any of those
        answers has changed since."""
        try:
            data = read_entry(self.files_entry)
            if data is None or not data.startswith(_FORMAT):
                return {}, {}, {}
            probes, files, outcomes = _Unpickler(io.BytesIO(data[len(_FORMAT):])).load()
            if (isinstance(files, dict) and isinstance(outcomes, dict)
                    and all(os.path.isfile(p) == there for p, there in probes.items())):
                return probes, files, outcomes
        except Exception:  # noqa: BLE001 - no reuse on any doubt: every file is read again
            pass
        return {}, {}, {}

    def keep(self) -> None:
        """Store the result, with whatever its analyses worked out since (outcomes...), unless the cache
        has all of it already. A cache that cannot be written is no reason to fail."""
        result = self._result
        if result is None or [len(vars(a)) for a in result.analyses] == self._stored:
            return
        reuse = self._reuse
        if reuse is not None:  # a fresh check: its files, and its statuses for the next check's reuse
            outcomes = {a.debate.id: (a.outcome_key, a.statuses) for a in result.analyses if "statuses" in vars(a)}
            if _write(self.files_entry, lambda: _FORMAT + _dumps((result.probes, reuse.files, outcomes))):
                self._reuse = None
        if _write(self.entry, lambda: _FORMAT + self._key + b"\n" + _dumps((result.probes, result))):
            self._stored = [len(vars(a)) for a in result.analyses]


def _write(entry: Path, data: Callable[[], bytes]) -> bool:
    """Write a cache entry whole and sealed; False if it cannot be done."""
    try:
        content = data()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return False
    return write_entry(entry, content)
