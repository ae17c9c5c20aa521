"""``argmap export``: a debate in another format (the formats registry says which)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..formats import EXPORTS
from ..text import visible
from .common import checked_debate, debate_options, write_atomically


def register(commands) -> None:
    export = commands.add_parser(
        "export",
        help="export a debate as " + ", ".join(f.title for f in EXPORTS.values()),
        description="Write the debate in another format (docs/exports.md says what each carries and loses).",
    )
    debate_options(export)
    export.add_argument("--format", choices=list(EXPORTS), required=True)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: standard output)")
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with checked_debate(args) as (analysis, single):
        return _run(args, analysis, single)


def _run(args: argparse.Namespace, analysis, single: bool) -> int:
    text = EXPORTS[args.format].write(analysis)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(args.output, text.encode("utf-8"))
        print(visible(f"wrote {args.output}"), file=sys.stderr)
    return 0
