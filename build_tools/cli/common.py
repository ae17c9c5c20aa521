"""What the commands share: finding the project, choosing a debate, failing clearly, writing files."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from ..analysis import Analysis
from ..check import ProjectError
from ..check.cache import CheckCache
from ..check.layout import ARGUMENTS, find_debates
from ..files import OutputRefused, write_output
from ..ids import did_you_mean
from .reporters import REPORTERS

__all__ = ["CommandFailed", "ProjectError", "find_root", "root_of", "debate_options", "one_debate",
           "checked_debate", "write_atomically", "known_perspective"]


class CommandFailed(Exception):
    """The command cannot do what was asked; the message says why (exit status 1), and ``listing`` the problems,
    one a line (diagnostics already rendered: each is printed on a line of its own)."""

    def __init__(self, message: str, listing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.listing = listing


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``arguments/``."""
    for folder in (start, *start.parents):
        if (folder / ARGUMENTS).is_dir():
            return folder
    return start


def root_of(args: argparse.Namespace) -> Path:
    return (args.root or find_root(Path.cwd())).resolve()


def root_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, help="the project folder (default: the nearest folder with arguments/)")


def debate_options(command: argparse.ArgumentParser) -> None:
    root_option(command)
    command.add_argument("--debate", help="the debate (its folder name); optional when there is only one")


def one_debate(root: Path, debate: str | None) -> str | None:
    """The debate a command works on: the one named, or the only one."""
    if debate is not None:
        return debate
    available = find_debates(root)
    if len(available) > 1:
        raise ProjectError(f"there are several debates ({', '.join(available)}): choose one with --debate")
    return available[0] if available else None


@contextlib.contextmanager
def checked_debate(args: argparse.Namespace) -> Iterator[tuple[Analysis, bool]]:
    """The analysis of the debate named by --debate (or the only one), and whether it is the only debate.

    Prints the problems and fails if the debate has errors. The check comes from the project's cache
    while no file it read has changed (see :mod:`build_tools.check.cache`); whatever the command works
    out from it (outcomes...) is kept there when the command ends.
    """
    root = root_of(args)
    check = CheckCache(root, one_debate(root, args.debate))
    result = check.result()
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or not result.analyses:
        sys.stdout.write(REPORTERS["text"](errors, result.files))
        raise CommandFailed(f"fix these problems first: '{args.command}' needs a debate that checks")
    yield result.analyses[0], len(find_debates(root)) == 1
    check.keep()  # the command went through: what it worked out from the check is kept with it


def known_perspective(analysis: Analysis, perspective: str | None) -> None:
    """Fail unless ``perspective`` is None or a perspective of the debate."""
    if perspective and analysis.debate.perspective(perspective) is None:
        known = [p.id for p in analysis.debate.perspectives]
        raise CommandFailed(f"no perspective '{perspective}'{did_you_mean(perspective, known)}")


def known_nodes(analysis: Analysis, node_ids) -> None:
    """Fail unless every id names a node of the debate."""
    for node_id in node_ids:
        if node_id not in analysis.debate.nodes:
            raise CommandFailed(f"no node '{node_id}'{did_you_mean(node_id, analysis.debate.nodes)}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write a command's output file (see :func:`build_tools.files.write_output`); fail clearly."""
    try:
        write_output(path, data)
    except OutputRefused as exc:
        raise CommandFailed(str(exc)) from exc
    except OSError as exc:
        raise CommandFailed(f"{path}: cannot write it: {exc.strerror or exc}") from exc
