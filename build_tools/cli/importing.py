"""``argmap import``: a new debate's YAML files from another tool's file (the formats registry says which)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..formats import IMPORTS, ImportRefused, write_debate
from ..formats.folder import slug
from ..ids import RESERVED_IDS
from ..text import visible
from .common import CommandFailed, root_of, root_option


def register(commands) -> None:
    imp = commands.add_parser(
        "import",
        help="write a debate's YAML files from " + ", ".join(f"{f.title} ({name})" for name, f in IMPORTS.items()),
        description="Import a debate from another tool's file. File names follow our id rule; what could "
                    "not be carried over is listed.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=list(IMPORTS), required=True,
                     help="json (our export), aif (AIF JSON), argdown-json (what `argdown json` writes)")
    root_option(imp)
    imp.add_argument("--debate", help="the new debate's id (default: from the file name)")
    imp.add_argument("--force", action="store_true", help="replace a debate of the same id")
    imp.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    try:
        data = json.loads(args.file.read_text("utf-8"))
    except OSError as exc:
        raise CommandFailed(f"{args.file}: cannot read it: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandFailed(f"{args.file}: not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise CommandFailed(f"{args.file}: the JSON is nested too deeply to be a debate") from exc
    except ValueError as exc:  # a number with thousands of digits
        raise CommandFailed(f"{args.file}: the JSON holds a value that cannot be read ({exc})") from exc
    debate_id = args.debate or slug(args.file.name.split(".")[0], words=8)
    if not args.debate and debate_id in RESERVED_IDS:  # a file named like one of the site's own pages
        debate_id += "-map"
    try:
        imported = IMPORTS[args.format].read(data, args.file.name)
        folder = write_debate(root, debate_id, imported, force=args.force)
    except ImportRefused as exc:
        raise CommandFailed(f"{args.file}: {exc}", exc.listing) from exc
    except RecursionError as exc:
        raise CommandFailed(f"{args.file}: the JSON is nested too deeply to be a debate") from exc
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise CommandFailed(f"{args.file}: not a valid {args.format} file (missing or wrong field: {exc})") from exc
    for line in imported.report:
        print(visible(f"{args.file}: note: {line}"), file=sys.stderr)
    print(folder.relative_to(root).as_posix())
    return 0
