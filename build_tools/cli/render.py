"""``argmap render``: one map to a file (SVG, PNG, PDF or DOT), through the site's own pipeline."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import views
from ..site.maps import render_map
from ..site.render import RENDER_CACHE, Renderer, RenderError
from ..text import visible
from .common import (CommandFailed, checked_debate, debate_options, known_nodes, known_perspective, root_of,
                     write_atomically)


def register(commands) -> None:
    render = commands.add_parser(
        "render",
        help="render one map to a file, without building the site",
        description="Render one map of a debate to SVG, PNG, PDF or DOT. Links point where the site puts "
                    "each node's page, relative to the debate's home.",
    )
    debate_options(render)
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("--overview", action="store_true", help="the overview map (deeper levels folded)")
    which.add_argument("--whole", action="store_true", help="every node and relation")
    which.add_argument("--node", metavar="ID", help="the focus map of one claim or piece of evidence")
    which.add_argument("--perspective", metavar="P", help="the map of one perspective")
    render.add_argument("--format", choices=["svg", "png", "pdf", "dot"], default="svg")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="where to write it")
    render.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with checked_debate(args) as (analysis, single):
        return _run(args, analysis, single)


def _run(args: argparse.Namespace, analysis, single: bool) -> int:
    debate, graph = analysis.debate, analysis.graph
    if args.node:
        known_nodes(analysis, [args.node])
        view = views.focus(debate, graph, args.node)
    elif args.perspective:
        known_perspective(analysis, args.perspective)
        view = views.perspective_view(debate, graph, args.perspective)
    else:
        view = views.whole(debate, graph) if args.whole else views.overview(debate, graph)
    try:
        data = render_map(analysis, view, args.format, Renderer(root_of(args) / RENDER_CACHE), single)
    except RenderError as exc:
        raise CommandFailed(str(exc)) from exc
    write_atomically(args.output, data)
    print(visible(f"wrote {args.output}"))
    return 0
