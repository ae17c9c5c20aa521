"""The ``argmap`` command: a thin adapter from the command line to the pipeline stages."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from . import coverage as coverage_stage
from .check import ProjectError, check_project
from .load import ARGUMENTS, find_debates
from .quotes import line_column
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
    root = _root(args)
    result = check_project(root, debate=_one_debate(root, args.debate))
    errors = [d for d in result.diagnostics if d.is_error]
    if errors or not result.debates:
        sys.stdout.write(REPORTERS["text"](errors, result.files))
        print("argmap: error: fix these problems first; coverage needs a debate that checks", file=sys.stderr)
        return 1
    [debate] = result.debates
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
    import json

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
