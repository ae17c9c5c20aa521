"""The ``argmap`` command: a thin adapter from the command line to the pipeline stages."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

from . import __version__, views
from . import coverage as coverage_stage
from .check import ProjectError, check_project
from .exports import EXPORTS
from .graph import index
from .ids import RESERVED_IDS, did_you_mean, is_valid_id
from .imports import (
    ImportError_,
    from_aif,
    from_argdown_json,
    from_json,
    slug,
    write_debate,
)
from .layout import Layout
from .load import ARGUMENTS, find_debates
from .maps import map_dot
from .model import NodeKind
from .quotes import line_column
from .render import Renderer, RenderError
from .reporters import REPORTERS
from .scaffold import free_id, node_template
from .status import evaluate_from, explain

__all__ = ["main"]


class CommandFailed(Exception):
    """The command cannot do what was asked; the message says why (exit status 1)."""


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

    cover = commands.add_parser(
        "coverage",
        help="list the sentences of the source that no node quotes",
        description="List every sentence of the source text that no node quotes, and those the debate "
                    "leaves out on purpose (debate.yaml's 'unmapped'); print the share covered. "
                    "Exit 1 when a sentence is neither quoted nor listed as unmapped.",
    )
    _debate_options(cover)
    cover.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
    cover.set_defaults(run=_coverage)

    render = commands.add_parser(
        "render",
        help="render one map to a file, without building the site",
        description="Render one map of a debate to SVG, PNG, PDF or DOT. Links point where the site puts "
                    "each node's page, relative to the debate's home.",
    )
    _debate_options(render)
    which = render.add_mutually_exclusive_group(required=True)
    which.add_argument("--overview", action="store_true", help="the overview map (deeper levels folded)")
    which.add_argument("--whole", action="store_true", help="every node and relation")
    which.add_argument("--node", metavar="ID", help="the focus map of one claim or piece of evidence")
    which.add_argument("--perspective", metavar="P", help="the map of one perspective")
    render.add_argument("--format", choices=["svg", "png", "pdf", "dot"], default="svg")
    render.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="where to write it")
    render.set_defaults(run=_render)

    status = commands.add_parser(
        "status",
        help="label every node in, out or undecided, with the reason",
        description="Evaluate the debate under grounded semantics (with support and undercut) and print "
                    "each node's label and the reason, one a line. The labels follow from the map's own "
                    "premises and relations, not from the truth of the claims.",
    )
    _debate_options(status)
    status.add_argument("--perspective", metavar="P",
                        help="grant only the evidence and this perspective's unsupported claims")
    status.add_argument("--grant", nargs="+", default=[], metavar="ID", help="what if these nodes were granted")
    status.add_argument("--reject", nargs="+", default=[], metavar="ID", help="what if these nodes were rejected")
    status.add_argument("--format", choices=["text", "json"], default="text")
    status.set_defaults(run=_status)

    new = commands.add_parser(
        "new",
        help="write a new claim or evidence file to fill in",
        description="Write arguments/<debate>/claims/<id>.yaml (or evidence/) with every field, a comment on "
                    "each and TODO placeholders, which 'argmap check' reports until they are replaced.",
    )
    new.add_argument("kind", choices=["claim", "evidence"])
    _debate_options(new)
    new.add_argument("--id", required=True, help="the new node's id: lowercase letters, digits and hyphens")
    new.add_argument("--responds-to", required=True, metavar="ID", help="the claim it supports or attacks")
    new.add_argument("--relation", choices=["supports", "attacks"], required=True)
    new.add_argument("--perspective", metavar="P", help="whose view it is (a perspective of debate.yaml)")
    new.set_defaults(run=_new)

    export = commands.add_parser(
        "export",
        help="export a debate as JSON, AIF, Argdown, GraphML or DOT",
        description="Write the debate in another format (docs/exports.md says what each carries and loses).",
    )
    _debate_options(export)
    export.add_argument("--format", choices=sorted(EXPORTS), required=True)
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it (default: standard output)")
    export.set_defaults(run=_export)

    imp = commands.add_parser(
        "import",
        help="write a debate's YAML files from our JSON or from AIF JSON",
        description="Import a debate from our JSON export (lossless) or from an AIF JSON file (OVA, AIFdb). "
                    "File names follow our id rule; what could not be carried over is listed.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--format", choices=["json", "aif", "argdown-json"], required=True,
                     help="json (our export), aif (AIF JSON), argdown-json (what `argdown json` writes)")
    imp.add_argument("--root", type=Path, help="the project folder (default: the nearest folder with arguments/)")
    imp.add_argument("--debate", help="the new debate's id (default: from the file name)")
    imp.add_argument("--force", action="store_true", help="replace a debate of the same id")
    imp.set_defaults(run=_import)
    return parser


def _debate_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--root", type=Path, help="the project folder (default: the nearest folder with arguments/)")
    command.add_argument("--debate", help="the debate (its folder name); optional when there is only one")


def _root(args: argparse.Namespace) -> Path:
    return (args.root or find_root(Path.cwd())).resolve()


def _one_debate(root: Path, debate: str | None) -> str | None:
    """The debate a command works on: the one named, or the only one."""
    if debate is not None:
        return debate
    available = find_debates(root)
    if len(available) > 1:
        raise ProjectError(f"there are several debates ({', '.join(available)}): choose one with --debate")
    return available[0] if available else None


def _check(args: argparse.Namespace) -> int:
    root = _root(args)
    result = check_project(root, args.paths, args.debate)
    sys.stdout.write(REPORTERS[args.format](result.diagnostics, result.files))
    return 0 if result.ok else 1


def _coverage(args: argparse.Namespace) -> int:
    debate, _ = _checked_debate(args)
    if debate.source_text is None:
        print(f"argmap: error: the debate '{debate.id}' has no source.txt: there is nothing to cover", file=sys.stderr)
        return 1
    report = coverage_stage.coverage(debate)
    source = f"{debate.folder}/source.txt"
    if args.format == "json":
        sys.stdout.write(_coverage_json(report, source, debate.source_text))
    else:
        sys.stdout.write(_coverage_text(report, source, debate.source_text))
    return 1 if report.count("unexplained") else 0


def _coverage_text(report: coverage_stage.Coverage, source: str, text: str) -> str:
    lines = []
    for item in report.sentences:
        if item.status == "quoted":
            continue
        line, column = line_column(text, item.sentence.start)
        label = "unmapped" if item.status == "unexplained" else f"left out on purpose ({item.reason})"
        shown = " ".join(item.sentence.text.split())
        lines.append(f"{source}:{line}:{column}: {label}: \"{shown}\"")
    total = len(report.sentences)
    lines.append(
        f"coverage: {report.count('quoted')} of {total} sentences quoted ({report.sentence_share:.1%}), "
        f"{report.count('unmapped')} left out on purpose, {report.count('unexplained')} unexplained; "
        f"{report.char_share:.1%} of the text's characters quoted"
    )
    return "\n".join(lines) + "\n"


def _coverage_json(report: coverage_stage.Coverage, source: str, text: str) -> str:

    sentences = []
    for item in report.sentences:
        line, column = line_column(text, item.sentence.start)
        sentences.append({"line": line, "column": column, "text": item.sentence.text, "status": item.status,
                          "nodes": list(item.nodes), "reason": item.reason})
    return json.dumps({
        "source": source,
        "sentences": sentences,
        "quoted": report.count("quoted"),
        "unmapped": report.count("unmapped"),
        "unexplained": report.count("unexplained"),
        "sentence_share": round(report.sentence_share, 4),
        "char_share": round(report.char_share, 4),
    }, indent=2, ensure_ascii=False) + "\n"


def _checked_debate(args: argparse.Namespace):
    """The debate named by --debate (or the only one), checked; exits 1 with the problems if it has errors."""
    root = _root(args)
    result = check_project(root, debate=_one_debate(root, args.debate))
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or not result.debates:
        sys.stdout.write(REPORTERS["text"](errors, result.files))
        raise CommandFailed(f"fix these problems first: '{args.command}' needs a debate that checks")
    return result.debates[0], len(find_debates(root)) == 1


def _render(args: argparse.Namespace) -> int:
    debate, single = _checked_debate(args)
    layout = Layout(debate.id, single)
    if args.node:
        if args.node not in debate.nodes:
            raise CommandFailed(f"no node '{args.node}'{did_you_mean(args.node, debate.nodes)}")
        view = views.focus(debate, args.node)
    elif args.perspective:
        if debate.perspective(args.perspective) is None:
            known = [p.id for p in debate.perspectives]
            raise CommandFailed(f"no perspective '{args.perspective}'{did_you_mean(args.perspective, known)}")
        view = views.perspective_view(debate, args.perspective)
    else:
        view = views.whole(debate) if args.whole else views.overview(debate)
    statuses = evaluate_from(debate, args.perspective)
    source = map_dot(debate, layout, view, layout.home, statuses=statuses)
    try:
        data = source.encode("utf-8") if args.format == "dot" else Renderer().render_one(source, args.format)
    except RenderError as exc:
        raise CommandFailed(str(exc)) from exc
    _write_atomically(args.output, data)
    print(f"wrote {args.output}")
    return 0


def _status(args: argparse.Namespace) -> int:
    debate, _ = _checked_debate(args)
    graph = index(debate)
    for node_id in (*args.grant, *args.reject):
        if node_id not in debate.nodes:
            raise CommandFailed(f"no node '{node_id}'{did_you_mean(node_id, debate.nodes)}")
    if args.perspective and debate.perspective(args.perspective) is None:
        known = [p.id for p in debate.perspectives]
        raise CommandFailed(f"no perspective '{args.perspective}'{did_you_mean(args.perspective, known)}")
    result = evaluate_from(debate, args.perspective, graph, grant=args.grant, reject=args.reject)
    if args.format == "json":
        sys.stdout.write(_status_json(result))
        return 0
    width = max(len(n) for n in result)
    for node_id, status in result.items():
        print(f"{status.label.value:<9} {node_id:<{width}}  {explain(status)}")
    counts = Counter(s.label.value for s in result.values())
    print(f"status: {counts['in']} in, {counts['out']} out, {counts['undecided']} undecided")
    return 0


def _status_json(result) -> str:

    return json.dumps({
        node_id: {
            "label": s.label.value, "rule": s.rule, "granted_by": s.granted_by, "rests_on": list(s.rests_on),
            "steps": [{"premises": list(x.step.premises), "label": x.label.value,
                       "premises_out": list(x.premises_out), "undercutters_in": list(x.undercutters_in),
                       "waiting": list(x.waiting)} for x in s.steps],
            "cycle": list(s.cycle), "reason": explain(s),
        } for node_id, s in result.items()
    }, indent=2) + "\n"


def _new(args: argparse.Namespace) -> int:
    root = _root(args)
    result = check_project(root, debate=_one_debate(root, args.debate))
    if not result.debates:  # other files may have errors (a TODO left elsewhere): only debate.yaml must be sound
        sys.stdout.write(REPORTERS["text"]([d for d in result.diagnostics if d.is_error], result.files))
        raise CommandFailed("fix debate.yaml first: 'new' needs the debate's metadata")
    [debate] = result.debates
    folder = root / debate.folder
    taken = set(debate.nodes) | {f.stem for kind in NodeKind for f in (folder / kind.folder).glob("*.yaml")}
    if args.id in taken or args.id in RESERVED_IDS or not is_valid_id(args.id):
        why = ("is not a valid id (lowercase letters, digits and single hyphens)" if not is_valid_id(args.id)
               else "is a name the site keeps for itself" if args.id in RESERVED_IDS else "exists already")
        suggestion = free_id(args.id, taken) if is_valid_id(args.id) else None
        raise CommandFailed(f"'{args.id}' {why}" + (f"; '{suggestion}' is free" if suggestion else ""))
    target = debate.nodes.get(args.responds_to)
    if target is None and args.responds_to in taken:
        raise CommandFailed(f"the file of '{args.responds_to}' has errors: run 'argmap check' and fix it first")
    if target is None or target.kind is not NodeKind.CLAIM:
        claims = [n.id for n in debate.claims]
        raise CommandFailed(f"no claim '{args.responds_to}'{did_you_mean(args.responds_to, claims)}")
    if args.perspective and debate.perspective(args.perspective) is None:
        known = [p.id for p in debate.perspectives]
        raise CommandFailed(f"no perspective '{args.perspective}'{did_you_mean(args.perspective, known)}")
    kind = NodeKind(args.kind)
    path = root / debate.folder / kind.folder / f"{args.id}.yaml"
    if path.exists():
        raise CommandFailed(f"{path.relative_to(root)} exists already")
    path.parent.mkdir(exist_ok=True)
    _write_atomically(path, node_template(kind, args.responds_to, args.relation, args.perspective).encode())
    print(path.relative_to(root).as_posix())
    return 0


def _export(args: argparse.Namespace) -> int:
    debate, _ = _checked_debate(args)
    text = EXPORTS[args.format](debate)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write_atomically(args.output, text.encode("utf-8"))
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:

    root = _root(args)
    try:
        data = json.loads(args.file.read_text("utf-8"))
    except OSError as exc:
        raise CommandFailed(f"{args.file}: cannot read it: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandFailed(f"{args.file}: not valid JSON ({exc})") from exc
    name = args.file.name.split(".")[0]
    debate_id = args.debate or slug(name, words=8)
    try:
        readers = {"json": lambda: from_json(data), "aif": lambda: from_aif(data, args.file.name),
                   "argdown-json": lambda: from_argdown_json(data, args.file.name)}
        imported = readers[args.format]()
        folder = write_debate(root, debate_id, imported, force=args.force)
    except ImportError_ as exc:
        raise CommandFailed(f"{args.file}: {exc}") from exc
    except (KeyError, TypeError, AttributeError) as exc:
        raise CommandFailed(f"{args.file}: not a valid {args.format} file (missing or wrong field: {exc})") from exc
    for line in imported.report:
        print(f"{args.file}: note: {line}", file=sys.stderr)
    print(folder.relative_to(root).as_posix())
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    """Write, then rename: a failure never leaves a half-written file."""
    path = path.resolve()
    if not path.parent.is_dir():
        raise CommandFailed(f"{path.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ProjectError as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(f"argmap: error: {exc}", file=sys.stderr)
        return 1
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
