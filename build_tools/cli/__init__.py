"""The ``argmap`` command: a thin adapter from the command line to the pipeline's stages.

Each command is a module with ``register(commands)``, which adds its parser and sets its
``run``; :data:`COMMANDS` lists them in the order ``argmap --help`` shows them. Only this
package prints or exits.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..text import visible
from . import check, coverage, diff, export, importing, new, render, status
from .common import CommandFailed, ProjectError

__all__ = ["main", "parser", "COMMANDS"]

COMMANDS = (check, coverage, render, status, diff, new, export, importing)


def parser() -> argparse.ArgumentParser:
    """The command line, built from the command modules."""
    top = argparse.ArgumentParser(prog="argmap", description="Check and build argument maps of an article.")
    top.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as exc:
        print(f"argmap: error: {visible(str(exc))}", file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(f"argmap: error: {visible(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback; say it is our bug
        print(f"argmap: internal error ({type(exc).__name__}: {visible(str(exc))}): this is a bug in argmap; "
              "please report it", file=sys.stderr)
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        return 3
