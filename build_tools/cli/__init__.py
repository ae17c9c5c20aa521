"""The ``argmap`` command: a thin adapter from the command line to the pipeline's stages.

Each command is a module with ``register(commands)``, which adds its parser and sets its
``run``; :data:`COMMANDS` lists them in the order ``argmap --help`` shows them. Only this
package prints or exits.
"""

from __future__ import annotations

import argparse
import os
import sys

import importlib

from .. import __version__
from ..text import visible
from .common import CommandFailed, ProjectError

__all__ = ["main", "parser", "COMMANDS"]

# Command name to the module that registers it, in the order ``argmap --help`` lists them. A command
# line naming one command imports only that module (each pulls in the stages it needs).
COMMANDS = {"check": "check", "coverage": "coverage", "render": "render", "status": "status", "diff": "diff",
            "new": "new", "export": "export", "import": "importing", "pages": "pages"}


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line, built from the command modules (``only``: just that command's)."""
    top = argparse.ArgumentParser(prog="argmap", description="Check and build argument maps of an article.")
    top.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"{__name__}.{module}").register(commands)
    return top


def _named_command(argv: list[str]) -> str | None:
    """The command an argument list names first, if it names one (else the full parser answers)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(_named_command(argv)).parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as exc:
        print(f"argmap: error: {visible(str(exc))}", file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(f"argmap: error: {visible(str(exc))}", file=sys.stderr)
        for line in exc.listing:  # the problems, one a line (each made safe on its own)
            print(visible(line), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped reading (`argmap status | head`): as a shell tool does, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit fails no more
        return 141  # 128 + SIGPIPE, what a shell reports for a command that a closed pipe stopped
    except Exception as exc:  # noqa: BLE001 - never a traceback; say it is our bug
        print(f"argmap: internal error ({type(exc).__name__}: {visible(str(exc))}): this is a bug in argmap; "
              "please report it", file=sys.stderr)
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        return 3
