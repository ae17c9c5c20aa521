"""Imports of documents as users save them (tests/wild/, written for these tests in the shapes real tools
write): text kept exactly, nothing written that the checker refuses, OVA3's wrapper, arguments-only Argdown,
I-node to I-node edges, ids from any Latin text; and a broken debate that need not take the others down."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import MKDOCS, ROOT, build, empty_project, run_argmap

WILD = ROOT / "tests" / "wild"
SITE = "site_name: Imported\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap\n"
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"


def _cli_json(name: str, out: Path) -> Path:
    if not ARGDOWN.exists():
        pytest.skip("the Argdown CLI is not installed: make test installs it (npm ci)")
    done = subprocess.run([str(ARGDOWN), "json", str(WILD / f"{name}.argdown"), str(out)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out / f"{name}.json"


def _import(tmp_path: Path, source: Path, fmt: str, debate: str = "d"):
    root = empty_project(tmp_path / "p")
    result = run_argmap("import", "--root", str(root), "--format", fmt, str(source), "--debate", debate)
    return root, result


def _nodes(root: Path, debate: str = "d") -> dict[str, dict]:
    found = {}
    for path in sorted((root / "arguments" / debate).glob("*/*.yaml")):
        found[path.stem] = yaml.safe_load(path.read_text().split("\n", 1)[1])
    return found


def _checks(root: Path) -> None:
    check = run_argmap("check", "--root", str(root))
    assert check.returncode == 0 and "error" not in check.stdout, check.stdout


@pytest.mark.needs_node
def test_argdown_tags_of_every_form_leave_the_text_exactly(tmp_path: Path) -> None:
    root, result = _import(tmp_path, _cli_json("tags", tmp_path), "argdown-json")
    assert result.returncode == 0, result.stderr
    statements = {n["statement"] for n in _nodes(root).values()}
    assert statements == {"Cars should be banned from the centre.",
                          "München sollte die Altstadt für Autos sperren.",
                          "La ville doit réduire le bruit, surtout la nuit.",
                          "Several tags at the end."}
    assert "differs" not in result.stderr
    assert (root / "arguments/d/claims/munchen-sollte-die-altstadt-fur-autos.yaml").is_file()  # transliterated
    _checks(root)


def test_a_text_that_differs_from_its_source_is_reported(tmp_path: Path) -> None:
    """A tag range that points elsewhere than its tag (as a buggy writer would give): the import says so."""
    data = {"statements": {"A": {"members": [{"text": "Cars should be banned. #pro",
                                               "ranges": [{"type": "tag", "start": 10, "stop": 12, "tag": "pro"}]}],
                                 "tags": ["pro"]}},
            "arguments": {}, "relations": []}
    source = tmp_path / "odd.json"
    source.write_text(json.dumps(data))
    root, result = _import(tmp_path, source, "argdown-json")
    assert result.returncode == 0, result.stderr
    assert "statement [A]: the text differs from the source's" in result.stderr


@pytest.mark.needs_node
def test_a_premise_over_the_statement_limit_is_shortened_and_kept_whole_in_its_note(tmp_path: Path) -> None:
    root, result = _import(tmp_path, _cli_json("long-premise", tmp_path), "argdown-json")
    assert result.returncode == 0, result.stderr
    assert "over the limit of 1000: shortened, and its full text is kept in its note" in result.stderr
    [premise] = [n for n in _nodes(root).values() if n["statement"].startswith("We study")]
    assert len(premise["statement"]) <= 1000 and premise["statement"].endswith("…")
    assert premise["note"].endswith("the limits of what one firm can show about a whole economy.")
    _checks(root)
    (root / "mkdocs.yml").write_text(SITE)
    (root / "docs").mkdir()
    built = build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-2000:]


def test_an_import_that_would_not_check_writes_nothing_and_says_why(tmp_path: Path) -> None:
    aif = {"nodes": [{"nodeID": "1", "text": "TODO: write the claim here.", "type": "I"}], "edges": []}
    source = tmp_path / "todo.json"
    source.write_text(json.dumps(aif))
    root, result = _import(tmp_path, source, "aif")
    assert result.returncode == 1 and "would not check, so nothing was written" in result.stderr
    # the errors one a line, each with its place, as 'argmap check' gives them
    assert any(line.lstrip().startswith("arguments/") and line.rstrip().endswith("[placeholder]")
               for line in result.stderr.splitlines()), result.stderr
    assert [p.name for p in (root / "arguments").iterdir()] == []


@pytest.mark.needs_node
def test_an_argdown_map_of_arguments_only_imports_checks_and_builds(tmp_path: Path) -> None:
    root, result = _import(tmp_path, _cli_json("dung", tmp_path), "argdown-json")
    assert result.returncode == 0, result.stderr
    assert "a map of arguments only" in result.stderr
    nodes = _nodes(root)
    assert len(nodes) == 4 and sum(len(n.get("attacks", [])) for n in nodes.values()) == 3
    _checks(root)


def test_an_ova3_file_is_read_through_its_aif_part(tmp_path: Path) -> None:
    root, result = _import(tmp_path, WILD / "ova3.json", "aif")
    assert result.returncode == 0, result.stderr
    assert "a file saved by OVA" in result.stderr and "1 L-node(s) not carried over" in result.stderr
    nodes = _nodes(root)
    assert nodes["the-air-in-the-centre-is"]["supports"] == ["we-should-close-the-centre-to"]
    assert nodes["closing-it-would-ruin-the-shops"]["attacks"] == ["we-should-close-the-centre-to"]
    _checks(root)


def test_an_edge_between_two_i_nodes_is_a_support_and_said_so(tmp_path: Path) -> None:
    root, result = _import(tmp_path, WILD / "i-to-i.json", "aif")
    assert result.returncode == 0, result.stderr
    assert "2 edge(s) go from one I-node straight to another" in result.stderr
    nodes = _nodes(root)
    assert nodes["remote-work-saves-commuting-time"]["supports"] == ["remote-work-makes-people-more-productive"]
    debate = yaml.safe_load((root / "arguments/d/debate.yaml").read_text().split("\n", 1)[1])
    assert debate["thesis"] == "offices-should-allow-remote-work"  # the end of the chain, not a step on it
    _checks(root)


def test_a_file_named_like_one_of_the_sites_pages_gets_another_id(tmp_path: Path) -> None:
    root = empty_project(tmp_path / "p")
    source = tmp_path / "tags.json"
    shutil.copy(WILD / "i-to-i.json", source)
    result = run_argmap("import", "--root", str(root), "--format", "aif", str(source))
    assert result.returncode == 0 and result.stdout.strip() == "arguments/tags-map", result.stderr
    refused = run_argmap("import", "--root", str(root), "--format", "aif", str(source), "--debate", "claims")
    assert refused.returncode == 1 and "a name the site keeps for its own pages" in refused.stderr


@pytest.mark.slow
def test_one_broken_debate_names_itself_and_can_be_left_out(tmp_path: Path) -> None:
    root = empty_project(tmp_path / "p")
    for name in ("good", "bad"):
        assert run_argmap("import", "--root", str(root), "--format", "aif", str(WILD / "i-to-i.json"),
                          "--debate", name).returncode == 0
    claim = next((root / "arguments/bad/claims").glob("*.yaml"))
    claim.write_text(claim.read_text() + "supports: [no-such-claim]\n")
    (root / "docs").mkdir()
    site = "site_name: Two\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap{}\n"
    (root / "mkdocs.yml").write_text(site.format(""))
    refused = subprocess.run([str(MKDOCS), "build", "--site-dir", str(tmp_path / "s1")], cwd=root,
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1 and "(fix the debate bad)" in refused.stderr
    (root / "mkdocs.yml").write_text(site.format(":\n      skip_broken_debates: true"))
    kept = subprocess.run([str(MKDOCS), "build", "--site-dir", str(tmp_path / "s2")], cwd=root,
                          capture_output=True, text=True, timeout=300)
    assert kept.returncode == 0, kept.stderr[-2000:]
    assert "the debate 'bad' has" in kept.stderr and "left out of this build" in kept.stderr
    assert (tmp_path / "s2" / "good").is_dir() and not (tmp_path / "s2" / "bad").exists()
    strict = build(root, tmp_path / "s3")
    assert strict.returncode == 1  # the warning fails a strict build: a broken debate is never left out silently
    assert re.search(r"the debate 'bad' has \d+ error", strict.stderr)
