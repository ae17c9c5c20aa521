"""``argmap diff BASE [HEAD]``: what a change does to the argument, between two git revisions or two folders."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ..check import check_project
from ..check.layout import ARGUMENTS
from ..diff import as_json, as_markdown, as_text, compare
from ..escape import gfm_text
from ..site.diffmap import diff_dot
from ..site.render import Renderer, RenderError
from ..text import visible
from .common import CommandFailed, root_of, root_option, write_atomically
from .reporters import REPORTERS

FORMATS = {"text": as_text, "markdown": as_markdown, "json": lambda diffs: json.dumps(as_json(diffs), indent=1) + "\n"}
SCHEMAS = "build_tools/schemas"


def register(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="what a change does to the argument: nodes, relations, weights and outcomes",
        description="Compare the debates of two versions of the project: BASE and HEAD are git revisions (of the "
                    "project's repository), or project folders with --folder; HEAD defaults to the working tree. Lists nodes "
                    "added, removed and changed (with the fields), relations and weights added, removed and "
                    "changed, and every node whose outcome changes, as the map stands or under a perspective, "
                    "with the reason before and after.",
    )
    diff.add_argument("base", metavar="BASE", help="a git revision (main, HEAD~1, a commit); a project folder "
                                                   "with --folder")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="the same (default: the working tree)")
    diff.add_argument("--folder", action="store_true",
                      help="BASE and HEAD are project folders, not git revisions (a revision is never taken for "
                           "a folder of the same name otherwise)")
    root_option(diff)
    diff.add_argument("--format", choices=list(FORMATS), default="text",
                      help="text (default), markdown (for a pull request) or json")
    diff.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: standard output)")
    diff.add_argument("--map", type=Path, metavar="FILE",
                      help="also draw the changed part of each changed debate (FILE.svg, or .dot)")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    try:
        with tempfile.TemporaryDirectory(prefix="argmap-diff-") as scratch:
            before = _analyses(_version(root, args.base, Path(scratch) / "base", args.folder), args.base, args.format)
            after = _analyses(_version(root, args.head, Path(scratch) / "head", args.folder) if args.head else root,
                              args.head or "the working tree", args.format)
    except CheckFailed as exc:
        report = _failure(exc, args.format)
        if report and args.output is None:
            sys.stdout.write(report)
        elif report:
            write_atomically(args.output, report.encode("utf-8"))
        raise
    diffs = compare(before, after)
    text = FORMATS[args.format](diffs)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text.encode("utf-8"))
    if args.map:
        _write_map(args.map, diffs, before, after)
    return 0


def _version(root: Path, where: str, scratch: Path, folder: bool) -> Path:
    """A project folder holding version ``where``: with ``--folder`` the folder itself, else the revision's
    arguments/ (and its schemas) taken out of git into ``scratch``."""
    if folder:
        path = Path(where)
        if not path.is_dir():
            raise CommandFailed(f"'{visible(where)}' is not a folder")
        return path.parent if path.name == ARGUMENTS and not (path / ARGUMENTS).is_dir() else path
    scratch.mkdir(parents=True)
    wrote = _from_git(root, where, scratch)
    if not any(name.startswith(f"{ARGUMENTS}/") for name in wrote):
        raise CommandFailed(f"the revision '{visible(where)}' has no {ARGUMENTS}/ folder")
    if not (scratch / SCHEMAS).is_dir():  # an older revision without the schemas folder: today's
        (scratch / "build_tools").mkdir(exist_ok=True)
        (scratch / SCHEMAS).symlink_to(root / SCHEMAS)
    return scratch


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        ran = subprocess.run(["git", "-C", str(root), *args], input=data, capture_output=True, timeout=120)
    except FileNotFoundError as exc:
        raise CommandFailed("git is not installed: it is needed to read a revision (or give --folder)") from exc
    if ran.returncode != 0:
        message = ran.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CommandFailed(visible(message[-1] if message else "git failed"))
    return ran.stdout


def _from_git(root: Path, where: str, scratch: Path) -> list[str]:
    """Write the files of ``arguments/`` and the schemas folder at revision ``where`` into ``scratch``,
    exactly as git holds them: read with plumbing (ls-tree, cat-file), which no ``.gitattributes`` line
    (export-ignore, filters) changes; the revision is never read as an option (``--end-of-options``)."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{where}^{{commit}}").strip()
    except CommandFailed as exc:
        raise CommandFailed(f"'{visible(where)}' is not a git revision of {root} (to compare folders, give "
                            f"--folder): {exc}") from exc
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit.decode(), "--", ARGUMENTS, SCHEMAS)
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.split(b" ")
        path = name.decode("utf-8", "surrogateescape")
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise CommandFailed(f"git lists a path that cannot be written safely: {visible(path)}")
        entries.append((mode, kind, sha, path))
    blobs = [e for e in entries if e[1] == b"blob"]
    contents = _blobs(root, [sha for _, _, sha, _ in blobs])
    for mode, _, sha, path in blobs:
        target = scratch.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == b"120000":  # a symbolic link, written as one: the check refuses it by its path
            os.symlink(contents[sha].decode("utf-8", "surrogateescape"), target)
        else:
            target.write_bytes(contents[sha])
    for mode, kind, _, path in entries:
        if kind != b"blob":  # a submodule: nothing the check could read; made a folder so the check says so
            scratch.joinpath(*path.split("/")).mkdir(parents=True, exist_ok=True)
    return [path for _, _, _, path in entries]


def _blobs(root: Path, shas: list[bytes]) -> dict[bytes, bytes]:
    """The contents of these blobs, in one ``git cat-file --batch``."""
    if not shas:
        return {}
    out = _git(root, "cat-file", "--batch", data=b"".join(sha + b"\n" for sha in shas))
    found, at = {}, 0
    for sha in shas:
        end = out.index(b"\n", at)
        head = out[at:end].split(b" ")
        size = int(head[2])
        found[sha] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found


def _analyses(folder: Path, name: str, fmt: str):
    result = check_project(folder)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors:
        raise CheckFailed(name, errors, result.files)
    return result.analyses


class CheckFailed(CommandFailed):
    """A version's arguments do not check: nothing to compare."""

    def __init__(self, name: str, errors: list, files: int) -> None:
        super().__init__(f"{visible(name)}: its arguments have {len(errors)} error(s): fix them before comparing")
        self.name, self.errors, self.files = name, errors, files


def _failure(exc: CheckFailed, fmt: str) -> str:
    """What the output says when a version does not check: the summary of a pull request says so."""
    if fmt == "markdown":
        lines = ["## What this change does to the argument", "",
                 f"**Not compared: the arguments of {gfm_text(exc.name)} do not check "
                 f"({len(exc.errors)} error(s)).** Fix them; the check's messages:", ""]
        lines += [f"- {gfm_text(d.render())}" for d in exc.errors[:50]]
        if len(exc.errors) > 50:
            lines.append(f"- and {len(exc.errors) - 50} more")
        return "\n".join(lines) + "\n"
    if fmt == "text":
        return REPORTERS["text"](exc.errors[:20], exc.files)
    return ""


def _write_map(path: Path, diffs, before, after) -> None:
    changed = [d for d in diffs if not d.empty]
    if not changed:
        print(visible(f"no change to draw: {path} not written"), file=sys.stderr)
        return
    old = {a.debate.id: a for a in before}
    new = {a.debate.id: a for a in after}
    dot = diff_dot(changed, old, new)
    try:
        data = dot.encode("utf-8") if path.suffix == ".dot" else Renderer().render_one(dot, "svg")
    except RenderError as exc:
        raise CommandFailed(str(exc)) from exc
    write_atomically(path, data)
    print(visible(f"wrote {path}"), file=sys.stderr)
