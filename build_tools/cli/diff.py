"""``argmap diff BASE [HEAD]``: what a change does to the argument, between two git revisions or two folders."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..check import check_project
from ..check.load import ARGUMENTS
from ..diff import as_json, as_markdown, as_text, compare
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
                    "project's repository) or project folders; HEAD defaults to the working tree. Lists nodes "
                    "added, removed and changed (with the fields), relations and weights added, removed and "
                    "changed, and every node whose outcome changes, as the map stands or under a perspective, "
                    "with the reason before and after.",
    )
    diff.add_argument("base", metavar="BASE", help="a git revision (main, HEAD~1, a commit) or a project folder")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="the same (default: the working tree)")
    root_option(diff)
    diff.add_argument("--format", choices=list(FORMATS), default="text",
                      help="text (default), markdown (for a pull request) or json")
    diff.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: standard output)")
    diff.add_argument("--map", type=Path, metavar="FILE",
                      help="also draw the changed part of each changed debate (FILE.svg, or .dot)")
    diff.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    with tempfile.TemporaryDirectory(prefix="argmap-diff-") as scratch:
        before = _analyses(_version(root, args.base, Path(scratch) / "base"), args.base)
        after = _analyses(_version(root, args.head, Path(scratch) / "head") if args.head else root,
                          args.head or "the working tree")
    diffs = compare(before, after)
    text = FORMATS[args.format](diffs)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text.encode("utf-8"))
    if args.map:
        _write_map(args.map, diffs, before, after)
    return 0


def _version(root: Path, where: str, scratch: Path) -> Path:
    """A project folder holding version ``where``: the folder itself, or the revision's arguments/ (and its
    schemas) taken out of git into ``scratch``."""
    folder = Path(where)
    if not folder.is_absolute():
        folder = Path.cwd() / folder
    if folder.is_dir():
        return folder.parent if folder.name == ARGUMENTS and not (folder / ARGUMENTS).is_dir() else folder
    try:
        git = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", f"{where}", "--", ARGUMENTS,
                              SCHEMAS], capture_output=True, timeout=120)
        if git.returncode != 0:  # an older revision without the schemas folder: the arguments alone
            git = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", where, "--", ARGUMENTS],
                                 capture_output=True, timeout=120)
    except FileNotFoundError as exc:
        raise CommandFailed(f"'{where}' is not a folder, and git is not installed to read it as a revision") from exc
    if git.returncode != 0:
        message = git.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CommandFailed(f"'{where}' is neither a folder nor a git revision with {ARGUMENTS}/ in {root}: "
                            f"{message[-1] if message else 'git failed'}")
    scratch.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(git.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(scratch, filter="data")
        else:  # Python before 3.10.12: only plain files and folders, inside the scratch folder
            members = [m for m in tar.getmembers() if (m.isfile() or m.isdir()) and not m.name.startswith("/")
                       and ".." not in Path(m.name).parts]
            tar.extractall(scratch, members=members)  # noqa: S202 - members checked above
    if not (scratch / SCHEMAS).is_dir():
        (scratch / "build_tools").mkdir(exist_ok=True)
        (scratch / SCHEMAS).symlink_to(root / SCHEMAS)
    return scratch


def _analyses(folder: Path, name: str):
    result = check_project(folder)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors:
        sys.stdout.write(REPORTERS["text"](errors[:20], result.files))
        raise CommandFailed(f"{name}: its arguments have {len(errors)} error(s): fix them before comparing")
    return result.analyses


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
