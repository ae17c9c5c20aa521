"""Check stage: validate every file of a project, assemble each debate, apply the rules.

:func:`check_project` is the one entry point, used by ``argmap check`` and by the MkDocs
plugin alike. It returns every problem found (never raises for bad input); a bug in a rule
is reported as an ``internal-error`` diagnostic naming the file being read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..analysis import Analysis
from ..diagnostics import Diagnostic, error, sort_key
from ..graph import index
from ..heap import collector_paused
from ..ids import did_you_mean
from ..quotes import index_quotes
from . import filerules, load, schema
from .assemble import assemble
from .layout import hidden_entries
from .result import CheckResult, ProjectError
from .rules import DEBATE_RULES, Known, adjusted
from .yamlfile import Document

__all__ = ["CheckResult", "ProjectError", "check_project", "check_debate"]


def check_project(root: Path, paths: Iterable[str] = (), debate: str | None = None,
                  reuse: load.Reuse | None = None) -> CheckResult:
    """Check the debates of the project at ``root``.

    ``paths`` (relative to ``root`` or absolute) limits the report to those files and
    folders; each file is still checked within its whole debate, so references resolve.
    ``reuse`` (make serve) skips reading and checking node files unchanged since the last check, and remembers
    this check's files for the next.
    """
    root = Path(root).resolve()
    available = load.find_debates(root)
    if not (root / load.ARGUMENTS).is_dir():
        raise ProjectError(f"{root}: no '{load.ARGUMENTS}/' folder here: run from the project, or pass --root")
    scope = [_relative(root, p) for p in paths]
    wanted = _debates_for(scope, available, debate)
    result = CheckResult()
    for debate_id in wanted:
        with collector_paused():  # (see build_tools.heap)
            one, diagnostics, files = check_debate(root, debate_id, reuse, result.probes)
        if one is not None:
            result.analyses.append(one)
        result.diagnostics.extend(diagnostics)
        result.files += files
    result.diagnostics.extend(d for d in load.misnamed_debates(root) if debate is None)
    result.diagnostics.extend(d for d in hidden_entries(root) if debate is None or d.path.startswith(
        f"{load.ARGUMENTS}/{debate}/"))
    if not available:
        result.diagnostics.append(error(load.ARGUMENTS, "no-debate",
                                             "there is no debate: add a folder arguments/<debate>/ with debate.yaml"))
    if scope:
        result.diagnostics = [d for d in result.diagnostics if _in_scope(d.path, scope)]
        result.files = _count_in_scope(root, scope)
    result.diagnostics.sort(key=sort_key)
    return result


def check_debate(root: Path, debate_id: str, reuse: load.Reuse | None = None, probes: dict | None = None
                 ) -> tuple[Analysis | None, list[Diagnostic], int]:
    """The analysis of one debate (None if debate.yaml is unusable), its diagnostics, its file count;
    ``probes`` gets the files outside the debate the check asked about (see :class:`CheckResult`)."""
    files = load.load_debate(root, debate_id, reuse)
    exists = _recorded(probes if probes is not None else {})
    debate_ok = _guarded(files.debate, lambda: _check_file(files.debate, "debate", root, exists))
    for n in files.nodes:
        if n.valid is None:
            n.valid = _guarded(n.doc, lambda n=n: _check_node_file(n, root, exists))
    if reuse is not None:
        reuse.files.update({n.doc.path: (n.identity, n.doc, n.valid) for n in files.nodes if n.identity is not None})
    valid = [n for n in files.nodes if n.valid]
    known = Known(frozenset(n.id for n in files.nodes),
                  source_unreadable=files.source is not None and files.source.data is None)
    duplicates = _duplicate_ids(files)
    valid = [n for n in valid if n.doc.path not in {d.path for d in duplicates}]
    diagnostics = list(files.diagnostics) + duplicates
    analysis = None
    try:
        model = assemble(files, valid, debate_ok)
        if model is not None:
            analysis = Analysis(model, index(model), index_quotes(model))
            found = [d for rule in DEBATE_RULES for d in rule(analysis, known)]
            diagnostics.extend(adjusted(found, model.checks))
    except Exception as exc:  # noqa: BLE001 - a bug in a rule must not become a traceback
        diagnostics.append(_internal(files.debate.path, exc))
    for doc in files.documents:
        diagnostics.extend(doc.diagnostics)
    return analysis, diagnostics, len(files.documents)


def _recorded(probes: dict) -> Callable[[str], bool]:
    """os.path.isfile, asked once per path, the answers kept in ``probes``."""
    def exists(path: str) -> bool:
        if path not in probes:
            probes[path] = os.path.isfile(path)
        return probes[path]
    return exists


def _check_file(doc: Document, kind: str, root: Path, exists: Callable[[str], bool] = os.path.isfile) -> bool:
    if doc.data is None:
        return False
    for code, message in filerules.schema_line(doc, kind, os.path.join(root, doc.path), exists):
        doc.error(code, message)
    for path, message in filerules.placeholders(doc):
        doc.error("placeholder", message, doc.position(path))
    for path, message in filerules.links(doc, kind):
        doc.error("unsafe-link", message, doc.position(path))
    for path, message in filerules.numbers(doc):
        doc.error("bad-number", message, doc.position(path))
    return schema.validate(doc, kind)


def _check_node_file(node: load.NodeFile, root: Path, exists: Callable[[str], bool] = os.path.isfile) -> bool:
    for code, message in filerules.node_id(node.id):
        node.doc.error(code, message)
    valid = _check_file(node.doc, node.kind.value, root, exists)
    return valid and not any(d.is_error and d.code in ("invalid-id", "reserved-id") for d in node.doc.diagnostics)


def _duplicate_ids(files: load.DebateFiles) -> list[Diagnostic]:
    """An error on each node file whose id a file of another folder holds already (claims, then evidence, then
    arguments): ids are unique across a debate, or one node would silently replace the other."""
    first: dict[str, load.NodeFile] = {}
    found = []
    for n in files.nodes:  # in the folders' order: claims, evidence, arguments
        if n.id in first:
            found.append(error(n.doc.path, "duplicate-id",
                                    f"'{n.id}' is already the id of {first[n.id].kind.folder}/{n.id}.yaml: ids are "
                                    "unique within a debate, across claims, evidence and arguments; rename one"))
        else:
            first[n.id] = n
    return found


def _guarded(doc: Document, step: Callable[[], bool]) -> bool:
    try:
        return step()
    except Exception as exc:  # noqa: BLE001 - a bug in the checker must not become a traceback
        doc.diagnostics.append(_internal(doc.path, exc))
        return False


def _internal(path: str, exc: Exception) -> Diagnostic:
    return error(path, "internal-error",
                      f"argmap failed while checking this file ({type(exc).__name__}: {exc}): "
                      "this is a bug in argmap; please report it with the file")


def _relative(root: Path, path: str) -> str:
    p = Path(path)
    absolute = (p if p.is_absolute() else Path.cwd() / p).resolve()
    if not absolute.exists():
        raise ProjectError(f"{path}: no such file or folder")
    try:
        return absolute.relative_to(root).as_posix().rstrip("/") or "."
    except ValueError:
        raise ProjectError(f"{path}: not inside the project at {root}") from None


def _debates_for(scope: list[str], available: list[str], debate: str | None) -> list[str]:
    if debate is not None:
        if debate not in available:
            raise ProjectError(f"no debate '{debate}'{did_you_mean(debate, available)} "
                               f"(debates: {', '.join(available) or 'none'})")
        return [debate]
    if not scope or any(s in (".", load.ARGUMENTS) for s in scope):
        return available
    wanted = []
    for s in scope:
        parts = s.split("/")
        if parts[0] != load.ARGUMENTS or len(parts) < 2:
            raise ProjectError(f"{s}: not a file or folder of a debate (they live in {load.ARGUMENTS}/<debate>/)")
        if parts[1] not in available:
            raise ProjectError(f"{s}: no debate '{parts[1]}'{did_you_mean(parts[1], available)}")
        if parts[1] not in wanted:
            wanted.append(parts[1])
    return wanted


def _in_scope(path: str, scope: list[str]) -> bool:
    return any(s == "." or path == s or path.startswith(s + "/") for s in scope)


def _count_in_scope(root: Path, scope: list[str]) -> int:
    count = 0
    for s in scope:
        p = root / s
        count += sum(1 for f in p.rglob("*") if f.is_file()) if p.is_dir() else 1
    return count
