"""What every importer shares: the debate to write, ids from text, and the all-or-nothing writer.

File names follow our id rule: derived from the node's text and made unique, never taken
from ids in the input (our own JSON keeps its ids only where they already follow the rule,
so that an export imports back exactly). Everything is written into a new folder next to
the debate's and renamed into place at the end: an import that fails leaves nothing behind,
and an existing debate is replaced only when asked (``force``).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..check.layout import ARGUMENTS
from ..files import replace_folder, umask
from ..ids import RESERVED_IDS, is_valid_id
from ..model import NodeKind
from ..text import replace_forbidden, visible

__all__ = ["ImportRefused", "Imported", "write_debate", "slug", "short_label", "unknown_source", "imported_debate"]

HEAD = "# yaml-language-server: $schema={up}build_tools/schemas/{kind}.schema.json\n"
MAX_LABEL_WORDS = 12


class ImportRefused(Exception):
    """The input cannot be imported; the message says why, and ``listing`` the problems, one a line."""

    def __init__(self, message: str, listing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.listing = listing


@dataclass
class Imported:
    """A debate ready to write: debate.yaml's data, node files by (kind, id), a source text, and a report."""

    debate: dict
    nodes: dict[tuple[str, str], dict] = field(default_factory=dict)
    source_text: str | None = None
    report: list[str] = field(default_factory=list)


# Latin letters that Unicode's decomposition does not reduce to a letter and a mark.
_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
                        "ŋ": "ng", "ħ": "h", "ĸ": "k", "ſ": "s"})


def slug(text: str, words: int = 6) -> str:
    """An id from text: its first words, lowercase, transliterated to ASCII (accents and other marks dropped:
    ``ü`` becomes ``u``, ``é`` ``e``; ``ß`` ``ss``, ``æ`` ``ae``, ``ø`` ``o``), joined by hyphens. Letters of
    other scripts have no ASCII form here: a text of them only gives the fallback ``node``.

    >>> slug("It is incongruous that Bristol university is accused!")
    'it-is-incongruous-that-bristol-university'
    >>> slug("München: Straße für Fußgänger"), slug("Ærø's œuvre, déjà vu")
    ('munchen-strasse-fur-fussganger', 'aero-s-oeuvre-deja-vu')
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_LATIN))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    parts = re.findall(r"[a-z0-9]+", folded)[:words]
    return "-".join(parts)[:48].strip("-") or "node"


def short_label(text: str) -> str:
    """A label from a statement: its first words, with '…' if it goes on."""
    words = text.split()
    return " ".join(words[:MAX_LABEL_WORDS]) + ("…" if len(words) > MAX_LABEL_WORDS else "")


def unknown_source() -> dict:
    return {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")}


def imported_debate(name: str, what: str) -> Imported:
    """An empty debate for a map imported from ``name`` (a file of format ``what``), in one voice."""
    return Imported({"title": name, "summary": f"Imported from the {what} file {name}.", "source": unknown_source(),
                     "thesis": "", "perspectives": [{"id": "author", "name": "The author",
                                                     "description": "The voice of the imported map."}]})


def most_reached(body: dict[str, dict], among=None) -> str:
    """The claim most nodes lead to through supports and attacks (for formats that mark no thesis), of
    ``among`` (default: every node of ``body``). Only a node that leads nowhere can be a thesis, so only those
    are counted when there are any: each is walked back once, so a chain or a tree costs its size, not its
    size squared (a walk from every node of a chain of N was N squared over 2 steps)."""
    toward = _toward(body, partners=False)
    pool = sorted(body if among is None else among)
    leading = {source for sources in toward.values() for source in sources}
    candidates = [n for n in pool if n not in leading] or pool

    def reach(node: str) -> int:
        seen, todo = {node}, [node]
        while todo:
            for source in toward[todo.pop()] - seen:
                seen.add(source)
                todo.append(source)
        return len(seen)

    return max(candidates, key=reach)


def _toward(body: dict[str, dict], partners: bool) -> dict[str, set[str]]:
    """For each node, the nodes that bear on it directly (with ``partners``, a linked support's other premises too)."""
    toward: dict[str, set[str]] = {n: set() for n in body}
    for node, fields in body.items():
        for support in fields.get("supports", []):
            target = support if isinstance(support, str) else support["to"]
            others = support.get("with", []) if partners and not isinstance(support, str) else []
            toward.setdefault(target, set()).update([node, *others])
        for other in fields.get("attacks", []) + fields.get("undercuts", []):
            toward.setdefault(other if isinstance(other, str) else other["to"], set()).add(node)
        for i, step in enumerate(fields.get("structure", [])):  # a named argument's inference steps
            last = i == len(fields["structure"]) - 1
            toward.setdefault(node if last else step["conclusion"], set()).update(step["premises"])
            if last:
                toward.setdefault(step["conclusion"], set()).add(node)
    return toward


def not_connected(body: dict[str, dict], thesis: str, positions: tuple[str, ...] = ()) -> list[str]:
    """The nodes that no chain of supports, attacks or undercuts joins to ``thesis`` or to one of ``positions`` (the
    positions of the debate's issues), either way: the rule of the ``disconnected`` check, on files not yet read.

    >>> not_connected({"t": {}, "a": {"supports": [{"to": "t", "with": ["p"]}]}, "p": {}, "b": {"attacks": ["a"]},
    ...                "c": {}, "d": {}, "e": {"supports": ["d"]}, "f": {}}, "t", ("d",))
    ['c', 'f']
    """
    toward = _toward(body, partners=True)
    joined: dict[str, set[str]] = {}
    for target, sources in toward.items():
        for source in sources:
            joined.setdefault(target, set()).add(source)
            joined.setdefault(source, set()).add(target)
    roots = [n for n in (thesis, *positions) if n in body]
    seen, todo = set(roots), list(roots)
    while todo:
        for other in joined.get(todo.pop(), set()) - seen:
            seen.add(other)
            todo.append(other)
    return sorted(n for n in body if n not in seen)


def settle_checks(imported: Imported) -> None:
    """Turn off, in the imported debate.yaml, the checks its map fails by nature, and say so.

    Real maps have parts that are not connected to the thesis chosen for them; a warning for each would stop a
    strict build, though nothing is wrong with the import.
    """
    body = {node_id: fields for (_, node_id), fields in imported.nodes.items()}
    positions = tuple(p for issue in imported.debate.get("issues", []) for p in issue.get("positions", []))
    apart = not_connected(body, imported.debate.get("thesis", ""), positions)
    if apart and imported.debate.get("thesis") in body:
        imported.debate.setdefault("checks", {})["disconnected"] = "ignore"
        imported.report.append(f"{len(apart)} of {len(body)} nodes are not connected to the thesis "
                               f"'{imported.debate['thesis']}' or to a position of an issue: debate.yaml turns that "
                               "check off "
                               "(checks: disconnected: ignore)")


def write_debate(root: Path, debate_id: str, imported: Imported, force: bool = False) -> Path:
    """Write the debate's files into arguments/<debate_id>/, all or nothing, and only if they check.

    Texts over the format's limits are shortened first (a statement's full text kept in its note where it
    fits), and said so. The files are written into a hidden folder beside the debate's and checked there as
    ``argmap check`` would: an import that would not check writes nothing and says why. They are then put in
    place in one step: a rename, or, replacing a debate (``force``), an exchange of the two folders where the
    system has one (Linux's ``renameat2``), so that an interruption at any moment leaves either the old debate
    or the new one. The folders get the usual permissions.
    """
    if not is_valid_id(debate_id):
        raise ImportRefused(f"'{debate_id}' is not a valid debate id: use lowercase letters, digits and hyphens")
    if debate_id in RESERVED_IDS:
        raise ImportRefused(f"'{debate_id}' is a name the site keeps for its own pages: give another --debate")
    base = root / ARGUMENTS
    target = base / debate_id
    if (target.exists() or target.is_symlink()) and not force:
        raise ImportRefused(f"{ARGUMENTS}/{debate_id} exists already: choose another --debate, or pass --force")
    base.mkdir(parents=True, exist_ok=True)
    _clean(imported)
    _fit(imported)
    settle_checks(imported)
    scratch = Path(tempfile.mkdtemp(prefix=f".import-{debate_id}-", dir=base))  # a project of its own, to check
    staging = scratch / ARGUMENTS / debate_id
    try:
        staging.mkdir(parents=True)
        staging.chmod(0o777 & ~umask())
        _write_files(staging, imported)
        _check(root, scratch, debate_id)
        if target.exists() or target.is_symlink():
            replace_folder(staging, target)
        else:
            staging.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # what is left of it: nothing, or the old debate
    return target


def _check(root: Path, scratch: Path, debate_id: str) -> None:
    """Check the written debate as ``argmap check`` would, against the project's schemas (or argmap's own
    where the project has none yet); refuse it, naming its errors, if it does not check."""
    from ..check import ProjectError, check_project  # the checker is needed only here

    schemas = root / "build_tools" / "schemas"
    (scratch / "build_tools").mkdir()
    (scratch / "build_tools" / "schemas").symlink_to(schemas.resolve() if schemas.is_dir() else SCHEMAS)
    try:
        result = check_project(scratch, debate=debate_id)
    except ProjectError as exc:
        raise ImportRefused(f"the imported debate cannot be checked, so nothing was written: {exc}") from exc
    errors = [d for d in result.diagnostics if d.is_error]
    if errors:
        shown = tuple(visible(f"{d.path}:{d.line}:{d.column}: {d.message} [{d.code}]") for d in errors[:10])
        more = (f"(and {len(errors) - 10} more)",) if len(errors) > 10 else ()
        raise ImportRefused(f"the imported debate would not check, so nothing was written ({len(errors)} "
                            f"error{'s' if len(errors) > 1 else ''}):", shown + more)


def _fit(imported: Imported) -> None:
    """Shorten the texts over the format's limits (the schemas' maxLength), keeping a statement's full text in
    its note where the note can hold it, and say so in the report."""
    for (kind, node_id), body in imported.nodes.items():
        limits = _limits(kind)
        statement = body.get("statement")
        if isinstance(statement, str) and len(statement) > limits.get("statement", len(statement)):
            full = f"The full text, as imported: {statement}"
            body["statement"] = _cut(statement, limits["statement"])
            if "note" not in body and len(full) <= limits.get("note", 0):
                body["note"] = full
                kept = "its full text is kept in its note"
            else:
                kept = "the rest of its text is not carried over"
            imported.report.append(f"{kind} '{node_id}': its statement of {len(statement)} characters is over the "
                                   f"limit of {limits['statement']}: shortened, and {kept}")
        for name, value in list(body.items()):
            if isinstance(value, str) and len(value) > limits.get(name, len(value)):
                body[name] = _cut(value, limits[name])
                imported.report.append(f"{kind} '{node_id}': its {name} of {len(value)} characters is over the limit "
                                       f"of {limits[name]}: shortened")
    limits = _limits("debate")
    for name, value in list(imported.debate.items()):
        if isinstance(value, str) and len(value) > limits.get(name, len(value)):
            imported.debate[name] = _cut(value, limits[name])
            imported.report.append(f"debate.yaml: its {name} of {len(value)} characters is over the limit of "
                                   f"{limits[name]}: shortened")


SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


@functools.lru_cache(maxsize=None)
def _limits(kind: str) -> dict[str, int]:
    """The longest text each top-level field of a file of this kind may hold, from its JSON Schema."""
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8"))
    return {name: spec["maxLength"] for name, spec in schema.get("properties", {}).items()
            if isinstance(spec, dict) and isinstance(spec.get("maxLength"), int)}


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters, at a blank where there is one, ending in '…'."""
    head = text[: limit - 1]
    if " " in head[limit // 2:]:
        head = head[: head.rindex(" ")]
    return head.rstrip() + "…"


def _clean(imported: Imported) -> None:
    """Replace the characters text may not hold (see build_tools.text) by U+FFFD, and say so in the report."""
    count = 0

    def clean(value):
        nonlocal count
        if isinstance(value, str):
            value, n = replace_forbidden(value)
            count += n
            return value
        if isinstance(value, dict):
            return {clean(k): clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    imported.debate = clean(imported.debate)
    imported.nodes = {key: clean(body) for key, body in imported.nodes.items()}
    if imported.source_text is not None:
        imported.source_text = clean(imported.source_text)
    if count:
        imported.report.append(f"{count} control or non-character(s) in the texts were replaced by U+FFFD "
                               "(text may not hold them)")


def _write_files(folder: Path, imported: Imported) -> None:
    (folder / "debate.yaml").write_text(HEAD.format(up="../../", kind="debate") + _yaml(imported.debate), "utf-8")
    if imported.source_text is not None:
        (folder / "source.txt").write_bytes(imported.source_text.encode("utf-8"))
    for (kind, node_id), body in imported.nodes.items():
        sub = folder / NodeKind(kind).folder
        sub.mkdir(exist_ok=True)
        (sub / f"{node_id}.yaml").write_text(HEAD.format(up="../../../", kind=kind) + _yaml(body), "utf-8")


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
