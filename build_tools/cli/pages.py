"""``argmap pages``: the site as a folder of Markdown pages that any generator reading mkdocs.yml builds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..publish import GENERATORS, PublishError, write_pages
from ..text import visible
from .common import CommandFailed, root_of, root_option


def register(commands) -> None:
    pages = commands.add_parser(
        "pages",
        help="write the site's pages (maps inline) and a mkdocs.yml to a folder, for any site generator",
        description="Write every page of the site as Markdown with its maps inline, the hand-written pages, the "
                    "downloads and graph.json to DIR/docs, and DIR/mkdocs.yml (the project's, with the whole "
                    "navigation written out and without the argmap plugin). `mkdocs build -f DIR/mkdocs.yml` "
                    "(no plugin needed) or `zensical build -f DIR/mkdocs.yml` builds the site from it.",
    )
    root_option(pages)
    pages.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                       help="the folder to write (a new one, or one this command wrote before: it is replaced whole)")
    pages.add_argument("--config", type=Path, metavar="FILE", help="the site's mkdocs.yml (default: the project's)")
    pages.add_argument("--skip-broken-debates", action="store_true",
                       help="leave out a debate with errors (with a warning) instead of writing nothing")
    pages.add_argument("--generator", choices=GENERATORS, default="mkdocs",
                       help="the site generator that builds the folder (default: mkdocs; zensical reads the pages' "
                            "HTML links relative to their Markdown files, and gets them written so)")
    pages.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        written = write_pages(root_of(args), args.output, args.config, skip_broken=args.skip_broken_debates, generator=args.generator,
                              progress=lambda line: print(visible(line), file=sys.stderr))
    except PublishError as exc:
        raise CommandFailed(str(exc), exc.listing) from exc
    for warning in written.warnings:
        print(visible(warning), file=sys.stderr)
    print(visible(f"wrote {written.pages} pages ({written.maps} maps inline) and {written.files} files to "
                  f"{written.folder}; build it with: mkdocs build -f {written.folder / 'mkdocs.yml'}"))
    return 0
