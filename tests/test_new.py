"""`argmap new`: a contributor's new file, with TODOs the checker reports until they are filled in."""

from __future__ import annotations

from pathlib import Path

from helpers import run_argmap

TREES = "arguments/trees"


def test_new_claim_then_fill_it_in_then_check_passes(project: Path) -> None:
    result = run_argmap("new", "claim", "--root", str(project), "--id", "roots-damage-pavements",
                        "--responds-to", "plant-more-trees", "--relation", "attacks", "--perspective", "critics")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{TREES}/claims/roots-damage-pavements.yaml\n"
    path = project / result.stdout.strip()
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n")
    check = run_argmap("check", "--root", str(project), str(path))
    assert check.returncode == 1
    assert check.stdout.count("[placeholder]") == 4 and "'role' cannot be 'TODO'" in check.stdout
    filled = (text.replace("TODO a short label in your own words, 12 words at most", "Maintenance is costly")
              .replace("TODO the full claim in your own words, faithful to the article", "Upkeep costs a lot.")
              .replace("role: TODO", "role: objection")
              .replace("TODO copy the passage from source.txt exactly", "Critics say trees cost too much to maintain."))
    path.write_text(filled)
    assert run_argmap("check", "--root", str(project)).returncode == 0


def test_new_evidence_has_a_citation(project: Path) -> None:
    result = run_argmap("new", "evidence", "--root", str(project), "--id", "pavement-survey",
                        "--responds-to", "trees-cool-streets", "--relation", "supports")
    assert result.returncode == 0
    text = (project / result.stdout.strip()).read_text()
    assert "citation:" in text and "basis: named-in-article" in text and "supports: [trees-cool-streets]" in text


def test_new_refuses_taken_reserved_and_unknown_ids(project: Path) -> None:
    def new(*args: str):
        return run_argmap("new", "claim", "--root", str(project), *args)

    taken = new("--id", "trees-cool-streets", "--responds-to", "plant-more-trees", "--relation", "supports")
    assert taken.returncode == 1
    assert taken.stderr == "argmap: error: 'trees-cool-streets' exists already; 'trees-cool-streets-2' is free\n"
    reserved = new("--id", "index", "--responds-to", "plant-more-trees", "--relation", "supports")
    assert "'index' is a name the site keeps for itself; 'index-2' is free" in reserved.stderr
    invalid = new("--id", "Bad_Id", "--responds-to", "plant-more-trees", "--relation", "supports")
    assert "is not a valid id" in invalid.stderr
    unknown = new("--id", "x", "--responds-to", "plant-more-tree", "--relation", "supports")
    assert "did you mean 'plant-more-trees'?" in unknown.stderr
    evidence = new("--id", "x", "--responds-to", "council-study", "--relation", "supports")
    assert "no claim 'council-study'" in evidence.stderr
    assert not (project / TREES / "claims" / "x.yaml").exists()


def test_a_new_objection_to_a_position_says_how_much_it_weighs_and_why(tmp_path: Path) -> None:
    """Into a position of an issue the template asks for a weight and a why; filled in, the file checks without a
    warning; a bare attack instead is reported (it would weigh the most of any argument)."""
    from helpers import write_issue_debate

    write_issue_debate(tmp_path)
    result = run_argmap("new", "claim", "--root", str(tmp_path), "--id", "a-vacuum", "--responds-to", "verdict",
                        "--relation", "attacks", "--perspective", "critics")
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.strip()
    text = path.read_text()
    assert "  - to: verdict\n    weight: TODO" in text and "    why: TODO" in text
    filled = (text.replace("TODO a short label in your own words, 12 words at most", "A vacuum invites adversaries")
              .replace("TODO the full claim in your own words, faithful to the article", "A vacuum invites them.")
              .replace("role: TODO", "role: objection")
              .replace("quote: TODO copy the passage from source.txt exactly", "implicit: true\nrationale: A test.")
              .replace("weight: TODO", "weight: low")
              .replace("why: TODO why", "why: The critics say so; why"))
    path.write_text(filled)
    check = run_argmap("check", "--root", str(tmp_path))
    assert check.returncode == 0 and "a-vacuum" not in check.stdout, check.stdout
    start = filled.index("attacks:")
    path.write_text(filled[:start] + "attacks: [verdict]\n")  # a bare attack, as before the template asked
    check = run_argmap("check", "--root", str(tmp_path))
    assert "a-vacuum.yaml:" in check.stdout and "[unweighed-relation]" in check.stdout, check.stdout


def test_new_debate_from_a_text_checks_clean_once_its_todos_are_filled(tmp_path: Path) -> None:
    from helpers import empty_project

    root = empty_project(tmp_path / "p")
    essay = tmp_path / "essay.txt"
    essay.write_text("Cities should ban cars from their centres. Cars make the streets loud.\n")
    result = run_argmap("new", "debate", "--root", str(root), "--id", "car-free", "--source", str(essay),
                        "--title", "Should city centres be car-free?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["arguments/car-free/debate.yaml", "arguments/car-free/claims/thesis.yaml",
                                     "arguments/car-free/source.txt"]
    folder = root / "arguments" / "car-free"
    assert (folder / "source.txt").read_bytes() == essay.read_bytes()
    check = run_argmap("check", "--root", str(root))
    assert check.returncode == 1 and "[placeholder]" in check.stdout
    debate = folder / "debate.yaml"
    debate.write_text(debate.read_text().replace("TODO what the text argues, in two sentences of your own words",
                                                 "An essay for car-free centres.")
                      .replace("TODO the text's own title", "Car-free centres"))
    thesis = folder / "claims" / "thesis.yaml"
    thesis.write_text(thesis.read_text().replace("TODO a short label in your own words, 12 words at most",
                                                 "City centres should be car-free")
                      .replace("TODO the text's conclusion in your own words, with the conditions it sets, if any",
                               "Cities should keep cars out of their centres.")
                      .replace("TODO copy the sentence that states it from source.txt exactly",
                               "Cities should ban cars from their centres."))
    check = run_argmap("check", "--root", str(root))
    assert check.returncode == 0, check.stdout
    again = run_argmap("new", "debate", "--root", str(root), "--id", "car-free")
    assert again.returncode == 1 and "exists already" in again.stderr


def test_new_claim_can_be_a_thesis(project: Path) -> None:
    result = run_argmap("new", "claim", "--root", str(project), "--id", "another-thesis", "--role", "thesis")
    assert result.returncode == 0, result.stderr
    text = (project / result.stdout.strip()).read_text()
    assert "role: thesis" in text and "supports" not in text and "attacks" not in text
    assert "thesis: another-thesis" in result.stderr
    missing = run_argmap("new", "claim", "--root", str(project), "--id", "loose")
    assert missing.returncode == 1 and "--responds-to" in missing.stderr
