"""The guide "Map your own article" (docs/map-your-own.md), followed as a newcomer would: each command of
its console blocks, in order, on the public-domain text it names, with the TODOs filled in between; the
debate checks clean, is fully covered, and builds strictly."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from helpers import MKDOCS, ROOT, empty_project, run_argmap

pytestmark = pytest.mark.slow

GUIDE = ROOT / "docs" / "map-your-own.md"
# The opening of Thomas Paine's Common Sense (1776), in the public domain.
TEXT = (
    "Some writers have so confounded society with government, as to leave little or no distinction between them; "
    "whereas they are not only different, but have different origins. Society is produced by our wants, and "
    "government by our wickedness; the former promotes our happiness positively by uniting our affections, the "
    "latter negatively by restraining our vices.\n\n"
    "Society in every state is a blessing, but government even in its best state is but a necessary evil; in its "
    "worst state an intolerable one.\n"
)
SITE = "site_name: Common Sense, mapped\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap\n"
# What a newcomer writes in place of each TODO, file by file.
FILLS = {
    "debate.yaml": {
        "TODO what the text argues, in two sentences of your own words":
            "Paine argues that government is at best a necessary evil, unlike society.",
        "TODO the text's own title": "Common Sense",
        "  author: unknown": "  author: Thomas Paine",
        "  date: unknown  # e.g. \"2025-02-14\"; quote it": "  date: \"1776\"",
        "rights: unknown  # full-text if the site may republish it; quotes-only otherwise": "rights: full-text",
        "  #   description: Those the text argues against.":  # what coverage found unquoted, and why
            "  #   description: Those the text argues against.\nunmapped:\n"
            "  - quote: Some writers have so confounded society with government\n"
            "    reason: a framing sentence that states no claim of its own\n"
            "  - quote: the former promotes our happiness positively by uniting our affections\n"
            "    reason: how society does good, beyond what this small map weighs\n"
            "  - quote: the latter negatively by restraining our vices\n"
            "    reason: how government does good, beyond what this small map weighs\n"
            "  - quote: in its worst state an intolerable one\n"
            "    reason: a rhetorical extension of the thesis, which claims only the best case",
    },
    "claims/thesis.yaml": {
        "TODO a short label in your own words, 12 words at most": "Government is a necessary evil at best",
        "TODO the text's conclusion in your own words, with the conditions it sets, if any":
            "Even the best government is an evil we put up with because we need it.",
        "TODO copy the sentence that states it from source.txt exactly":
            "government even in its best state is but a necessary evil",
    },
    "claims/society-is-a-blessing.yaml": {
        "TODO a short label in your own words, 12 words at most": "Society is always a good",
        "TODO the full claim in your own words, faithful to the article": "Living together is good in any condition.",
        "role: TODO": "role: reason",
        "TODO copy the passage from source.txt exactly  # or remove this line and set implicit: true":
            "Society in every state is a blessing",
    },
    "evidence/wickedness-of-government.yaml": {
        "TODO a short label in your own words, 12 words at most": "Government comes from our wickedness",
        "TODO the full fact, as the source reports it in your own words, faithful to the article":
            "Society grows from what we need; government from what is wrong in us.",
        "kind: TODO": "kind: other",
        "  who: TODO who said, published or signed it": "  who: Thomas Paine",
        "  what: TODO what it is (a report, a speech, an agreement...)": "  what: his account of the origins of government",
        "basis: named-in-article": "basis: article-only",
        "TODO copy the passage from source.txt exactly  # or remove this line and set implicit: true":
            "Society is produced by our wants, and government by our wickedness",
    },
}


def _commands() -> list[str]:
    """The commands of the guide's console blocks, in order."""
    blocks = re.findall(r"```console\n(.*?)```", GUIDE.read_text("utf-8"), re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def _fill(folder: Path) -> None:
    for name, replacements in FILLS.items():
        path = folder / name
        if not path.exists():
            continue
        text = path.read_text("utf-8")
        for old, new in replacements.items():
            if new not in text:  # each file is filled in once, after the command that wrote it
                text = text.replace(old, new)
        path.write_text(text, "utf-8")


def test_the_guide_maps_an_article_from_a_text_file_to_a_strict_build(tmp_path: Path) -> None:
    root = empty_project(tmp_path / "project")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(SITE)
    (root / "common-sense.txt").write_text(TEXT, "utf-8")
    commands = _commands()
    assert [c.split()[:3] for c in commands][:3] == [[".venv/bin/argmap", "new", "debate"],
                                                     [".venv/bin/argmap", "new", "claim"],
                                                     [".venv/bin/argmap", "new", "evidence"]]
    folder = root / "arguments" / "common-sense"
    for command in commands:
        argv = shlex.split(command)
        if argv[0].endswith("argmap"):
            result = run_argmap(*argv[1:], "--root", str(root), cwd=root)
            assert result.returncode == 0, (command, result.stdout, result.stderr)
            if argv[1] == "new":
                _fill(folder)
            if argv[1] == "check":
                assert result.stdout.strip().endswith("no problems"), result.stdout
            if argv[1] == "coverage":
                assert "0 unexplained, 0 unexplained clauses" in result.stdout, result.stdout
            if argv[1] == "status":
                assert re.search(r"^in\s+stands\s+thesis\s", result.stdout, re.M), result.stdout
        else:
            assert argv[0].endswith("mkdocs")
            built = subprocess.run([str(MKDOCS), *argv[1:]], cwd=root, capture_output=True, text=True, timeout=300)
            assert built.returncode == 0, built.stderr[-3000:]
    home = (root / "site" / "index.html").read_text("utf-8")
    assert "Government is a necessary evil at best" in home
