"""Load stage: find the debates under ``arguments/`` and read their files.

Layout of one debate (the folder name is the debate's id)::

    arguments/<debate>/debate.yaml        the debate's metadata
    arguments/<debate>/source.txt         the source text, byte for byte (optional)
    arguments/<debate>/claims/<id>.yaml   one claim per file; the file name is its id
    arguments/<debate>/evidence/<id>.yaml one piece of evidence per file

Reading never raises for bad input: every problem becomes a diagnostic of the file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning
from ..model import NodeKind
from .layout import ARGUMENTS, DEBATE_FILE, SOURCE_FILE, find_debates, misnamed_debates
from .yamlfile import Document, load_yaml, read_text

__all__ = ["ARGUMENTS", "MAX_SOURCE_BYTES", "DebateFiles", "NodeFile", "find_debates", "misnamed_debates",
           "load_debate", "Reuse"]

MAX_SOURCE_BYTES = 4 * 1024 * 1024


@dataclass
class NodeFile:
    id: str
    kind: NodeKind
    doc: Document
    valid: bool | None = None  # the file checks' verdict, when it comes from a Reuse (None: not checked yet)
    identity: bytes | None = None  # (with a Reuse) a digest of the file's bytes when it was read


@dataclass
class Reuse:
    """Node files read and checked by an earlier check of the same project, by path, each with a digest of the
    file's bytes then: a file whose bytes are unchanged is not parsed or checked again. ``make serve`` keeps one
    from one rebuild to the next (it reads each file's bytes to compare: a rewrite that keeps the size and the
    modification time is seen); the commands' check cache keeps one on disk, with the digests it made while
    computing its key (``digests``, by path)."""

    files: dict[str, tuple] = field(default_factory=dict)
    digests: dict[str, bytes] | None = None

    def identity(self, path: str, entry: os.DirEntry):
        if self.digests is not None:
            return self.digests.get(path)
        try:
            with open(entry.path, "rb") as stream:
                return hashlib.blake2b(stream.read(), digest_size=20).digest()
        except OSError:
            return None  # read (and reported) as any other file


@dataclass
class DebateFiles:
    """The files of one debate, read but not yet validated."""

    id: str
    folder: str
    debate: Document
    source: Document | None = None  # its ``text`` is the source text
    nodes: list[NodeFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        docs = [self.debate, *(n.doc for n in self.nodes)]
        return docs + ([self.source] if self.source else [])


def load_debate(root: Path, debate_id: str, reuse: Reuse | None = None) -> DebateFiles:
    """Read every file of one debate."""
    folder = root / ARGUMENTS / debate_id
    rel = f"{ARGUMENTS}/{debate_id}"
    files = DebateFiles(debate_id, rel, Document(f"{rel}/{DEBATE_FILE}"))
    if folder.is_symlink():
        _problem(files, rel, "symlink", "a debate folder may not be a symbolic link: make it a plain folder")
        return files
    files.debate = _read_yaml(folder / DEBATE_FILE, f"{rel}/{DEBATE_FILE}", files)
    source = folder / SOURCE_FILE
    if source.exists() or source.is_symlink():
        files.source = Document(f"{rel}/{SOURCE_FILE}")
        text = read_text(source, files.source.path, MAX_SOURCE_BYTES, files.source)
        files.source.text = text if text is not None else ""
        files.source.data = text
    for kind in NodeKind:
        files.nodes.extend(_node_files(folder, rel, kind, files, reuse))
    _stray_entries(folder, rel, files)
    return files


def _read_yaml(file: Path, rel: str, files: DebateFiles) -> Document:
    if not file.exists() and not file.is_symlink():
        doc = Document(rel)
        doc.error("missing-file", f"the debate has no {file.name}: create it (see docs/format.md)")
        return doc
    return load_yaml(file, rel)


def _node_files(folder: Path, rel: str, kind: NodeKind, files: DebateFiles, reuse: Reuse | None = None) -> list[NodeFile]:
    sub = folder / kind.folder
    if sub.is_symlink():
        _problem(files, f"{rel}/{kind.folder}", "symlink", "this folder may not be a symbolic link")
        return []
    if not sub.is_dir():
        return []
    found = []
    for entry in sorted(os.scandir(sub), key=lambda e: e.name):
        path = f"{rel}/{kind.folder}/{entry.name}"
        if entry.name.startswith("."):
            continue  # reported by layout.hidden_entries
        if entry.is_dir(follow_symlinks=False):
            _problem(files, path, "unexpected-file", "folders are not allowed here: put the file directly in "
                     f"{kind.folder}/")
        elif not entry.is_file(follow_symlinks=False) and not entry.is_symlink():
            _problem(files, path, "special-file", "this is not a regular file (a pipe, a socket or a device): "
                     "remove it")
        elif not entry.name.endswith(".yaml"):
            hint = " (use the extension .yaml)" if entry.name.endswith(".yml") else ""
            _problem(files, path, "unexpected-file", f"only .yaml files belong in {kind.folder}/{hint}")
        else:
            node_id = entry.name[: -len(".yaml")]
            identity = None
            if reuse is not None and not entry.is_symlink():
                identity = reuse.identity(path, entry)
                known = reuse.files.get(path)
                if identity is not None and known is not None and known[0] == identity:
                    found.append(NodeFile(node_id, kind, known[1], known[2], identity))
                    continue
            found.append(NodeFile(node_id, kind, load_yaml(entry.path, path), identity=identity))
    return found


def _stray_entries(folder: Path, rel: str, files: DebateFiles) -> None:
    expected = {DEBATE_FILE, SOURCE_FILE, *(k.folder for k in NodeKind)}
    for entry in sorted(os.listdir(folder)):
        if entry not in expected and not entry.startswith("."):
            files.diagnostics.append(warning(
                f"{rel}/{entry}", "unexpected-file",
                f"'{entry}' is not part of a debate and is ignored: a debate holds {DEBATE_FILE}, "
                f"{SOURCE_FILE}, claims/, evidence/ and arguments/",
            ))


def _problem(files: DebateFiles, path: str, code: str, message: str) -> None:
    files.diagnostics.append(error(path, code, message))
