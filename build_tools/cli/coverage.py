"""``argmap coverage``: the sentences of the source that no node quotes."""

from __future__ import annotations

import argparse
import json
import sys

from ..check.coverage import Coverage, coverage
from ..quotes import LineIndex
from .common import checked_debate, debate_options


def register(commands) -> None:
    cover = commands.add_parser(
        "coverage",
        help="list the sentences of the source that no node quotes",
        description="List every sentence of the source text that no node quotes, and those the debate "
                    "leaves out on purpose (debate.yaml's 'unmapped'); print the share covered. "
                    "Exit 1 when a sentence is neither quoted nor listed as unmapped.",
    )
    debate_options(cover)
    cover.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
    cover.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with checked_debate(args) as (analysis, single):
        return _run(args, analysis, single)


def _run(args: argparse.Namespace, analysis, single: bool) -> int:
    debate = analysis.debate
    if debate.source_text is None:
        print(f"argmap: error: the debate '{debate.id}' has no source.txt: there is nothing to cover", file=sys.stderr)
        return 1
    report = coverage(analysis)
    source = f"{debate.folder}/source.txt"
    write = _as_json if args.format == "json" else _as_text
    sys.stdout.write(write(report, source, debate.source_text))
    return 1 if report.count("unexplained") or report.gaps else 0


def _as_text(report: Coverage, source: str, text: str) -> str:
    lines, index = [], LineIndex(text)
    for item in report.sentences:
        if item.status == "quoted":
            continue
        line, column = index.position(item.sentence.start)
        label = "unmapped" if item.status == "unexplained" else f"left out on purpose ({item.reason})"
        shown = " ".join(item.sentence.text.split())
        lines.append(f"{source}:{line}:{column}: {label}: \"{shown}\"")
    for clause in report.gaps:
        line, column = index.position(clause.start)
        shown = " ".join(clause.text.split())
        lines.append(f"{source}:{line}:{column}: unmapped clause (the rest of its sentence is quoted): \"{shown}\"")
    total = len(report.sentences)
    lines.append(
        f"coverage: {report.count('quoted')} of {total} sentences quoted ({report.sentence_share:.1%}), "
        f"{report.count('unmapped')} left out on purpose, {report.count('unexplained')} unexplained, "
        f"{len(report.gaps)} unexplained clauses; "
        f"{report.char_share:.1%} of the text's characters quoted"
    )
    return "\n".join(lines) + "\n"


def _as_json(report: Coverage, source: str, text: str) -> str:
    sentences, index = [], LineIndex(text)
    for item in report.sentences:
        line, column = index.position(item.sentence.start)
        sentences.append({"line": line, "column": column, "text": item.sentence.text, "status": item.status,
                          "nodes": list(item.nodes), "reason": item.reason})
    return json.dumps({
        "source": source,
        "sentences": sentences,
        "quoted": report.count("quoted"),
        "unmapped": report.count("unmapped"),
        "unexplained": report.count("unexplained"),
        "clauses": [{"line": (at := index.position(c.start))[0], "column": at[1], "text": c.text} for c in report.gaps],
        "sentence_share": round(report.sentence_share, 4),
        "char_share": round(report.char_share, 4),
    }, indent=2, ensure_ascii=False) + "\n"
