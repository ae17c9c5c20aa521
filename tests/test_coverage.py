"""`argmap coverage`: the sentences of the source that the map quotes, skips on purpose, or misses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from build_tools.check.coverage import sentences
from helpers import DEBATE, ROOT, run_argmap

TREES = "arguments/trees"
DEBATE_FILE = f"{TREES}/debate.yaml"


def test_shipped_article_is_fully_covered() -> None:
    result = run_argmap("coverage", "--debate", DEBATE)
    assert result.returncode == 0, result.stdout
    report = json.loads(run_argmap("coverage", "--debate", DEBATE, "--format", "json").stdout)
    total = len(sentences((ROOT / report["source"]).read_text("utf-8")))
    assert report["unexplained"] == 0 and report["quoted"] + report["unmapped"] == total > 0
    assert result.stdout.splitlines()[-1].startswith(
        f"coverage: {report['quoted']} of {total} sentences quoted ({report['quoted'] / total:.1%}), "
        f"{report['unmapped']} left out on purpose, 0 unexplained, 0 unexplained clauses; ")
    assert report["clauses"] == []


def test_sentences_left_out_on_purpose_are_reported_with_their_reason(project: Path) -> None:
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 0
    assert result.stdout == (
        f"{TREES}/source.txt:3:110: left out on purpose (a closing summary that repeats claims already on the "
        "map): \"Trees cool streets; trees cost money.\"\n"
        "coverage: 5 of 6 sentences quoted (83.3%), 1 left out on purpose, 0 unexplained, 0 unexplained clauses; "
        "87.6% of the text's characters quoted\n"
    )


def test_a_clause_dropped_from_a_quoted_sentence_is_reported(project: Path) -> None:
    """A sentence quoted in part hides no clause: the unquoted one is reported at its line and column, until a
    node quotes it or the debate lists it as unmapped."""
    claim = project / TREES / "claims" / "study-measured-one-street.yaml"
    claim.write_text(claim.read_text().replace(
        "quote: The study measured only one street, so it says little about a whole city.",
        "quote: The study measured only one street"))
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 1
    assert (f'{TREES}/source.txt:1:178: unmapped clause (the rest of its sentence is quoted): '
            '"so it says little about a whole city."') in result.stdout.splitlines()
    assert "0 unexplained, 1 unexplained clauses" in result.stdout
    report = json.loads(run_argmap("coverage", "--root", str(project), "--format", "json").stdout)
    assert report["clauses"] == [{"line": 1, "column": 178, "text": "so it says little about a whole city."}]
    debate = project / DEBATE_FILE
    debate.write_text(debate.read_text().replace("unmapped:", "unmapped:\n  - quote: so it says little about a whole city\n"
                                                 "    reason: the claim quotes its premise only\n", 1))
    assert run_argmap("coverage", "--root", str(project)).returncode == 0


def test_an_unexplained_sentence_fails(project: Path) -> None:
    debate = project / DEBATE_FILE
    debate.write_text(debate.read_text().split("unmapped:")[0])
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{TREES}/source.txt:3:110: unmapped: \"Trees cool streets; trees cost money.\""
    assert "1 unexplained" in result.stdout.splitlines()[-1]


def test_removing_a_node_uncovers_its_sentence(project: Path) -> None:
    (project / TREES / "claims" / "savings-outweigh-costs.yaml").unlink()
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 1
    assert (f"{TREES}/source.txt:3:46: unmapped: \"But maintenance costs are small next to the savings on cooling.\""
            in result.stdout)


def test_json_report(project: Path) -> None:
    result = run_argmap("coverage", "--root", str(project), "--format", "json")
    report = json.loads(result.stdout)
    assert (report["quoted"], report["unmapped"], report["unexplained"]) == (5, 1, 0)
    first = report["sentences"][0]
    assert first == {"line": 1, "column": 1, "text": "Cities should plant more trees.", "status": "quoted",
                     "nodes": ["plant-more-trees"], "reason": None}


def test_a_debate_with_errors_is_not_measured(project: Path) -> None:
    bad = project / TREES / "claims" / "plant-more-trees.yaml"
    bad.write_text(bad.read_text().replace("label:", "lable:"))
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 1
    assert "unknown key 'lable'" in result.stdout
    assert "'coverage' needs a debate that checks" in result.stderr


def test_several_debates_need_the_debate_option(project: Path) -> None:
    shutil.copytree(project / TREES, project / "arguments" / "parks")
    result = run_argmap("coverage", "--root", str(project))
    assert result.returncode == 2
    assert "several debates (parks, trees): choose one with --debate" in result.stderr
    assert run_argmap("coverage", "--root", str(project), "--debate", "parks").returncode == 0


def test_sentence_splitting_keeps_abbreviations_and_quotes_together() -> None:
    text = ('It signals more than "forever wars." It represents U.S. policy. U.S. Ambassador Smith spoke. '
            "Supporters\n\ncounter that it works. Is it? Yes!")
    assert [s.text for s in sentences(text)] == [
        'It signals more than "forever wars."',
        "It represents U.S. policy.",
        "U.S. Ambassador Smith spoke.",
        "Supporters\n\ncounter that it works.",
        "Is it?",
        "Yes!",
    ]
