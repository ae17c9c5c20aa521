"""``argmap check``: every problem of the argument files, one a line, as text, GitHub annotations or JSON."""

from __future__ import annotations

import argparse
import sys

from ..check import check_project
from ..check.layout import docs_problems
from ..check.yamlfile import LIBYAML, NO_LIBYAML
from .common import root_of, root_option
from .reporters import REPORTERS


def register(commands) -> None:
    check = commands.add_parser(
        "check",
        help="check the argument files and report every problem",
        description="Check the argument files; print one problem a line as path:line:col: "
                    "severity: message [code]. Exit 1 on any error, 0 otherwise.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to report on (default: the whole project); "
                            "each file is checked within its debate")
    root_option(check)
    check.add_argument("--debate", help="check only this debate (its folder name)")
    check.add_argument("--format", choices=sorted(REPORTERS), default="text",
                       help="text (default), github (GitHub Actions annotations) or json")
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    result = check_project(root, args.paths, args.debate)
    if not args.paths and not args.debate:  # the pages' folder too, as the site build checks it
        result.diagnostics.extend(docs_problems(root, root / "docs"))
    sys.stdout.write(REPORTERS[args.format](result.diagnostics, result.files))
    if not LIBYAML:
        print(NO_LIBYAML, file=sys.stderr)
    return 0 if not any(d.is_error for d in result.diagnostics) else 1
