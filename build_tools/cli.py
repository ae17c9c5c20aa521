"""The ``argmap`` command: a thin adapter from the command line to the pipeline stages."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .check import ProjectError, check_project
from .load import ARGUMENTS
from .reporters import REPORTERS

__all__ = ["main"]


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``arguments/``."""
    for folder in (start, *start.parents):
        if (folder / ARGUMENTS).is_dir():
            return folder
    return start


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="argmap", description="Check and build argument maps of an article.")
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check the argument files and report every problem",
        description="Check the argument files; print one problem a line as path:line:col: "
                    "severity: message [code]. Exit 1 on any error, 0 otherwise.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to report on (default: the whole project); "
                            "each file is checked within its debate")
    check.add_argument("--root", type=Path, help="the project folder (default: the nearest folder with arguments/)")
    check.add_argument("--debate", help="check only this debate (its folder name)")
    check.add_argument("--format", choices=sorted(REPORTERS), default="text",
                       help="text (default), github (GitHub Actions annotations) or json")
    check.set_defaults(run=_check)
    return parser


def _check(args: argparse.Namespace) -> int:
    root = (args.root or find_root(Path.cwd())).resolve()
    result = check_project(root, args.paths, args.debate)
    sys.stdout.write(REPORTERS[args.format](result.diagnostics, result.files))
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback; say it is our bug
        print(f"argmap: internal error ({type(exc).__name__}: {exc}): this is a bug in argmap; please report it",
              file=sys.stderr)
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        return 3


if __name__ == "__main__":
    sys.exit(main())
