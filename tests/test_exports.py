"""`argmap export` and the downloads: each format well-formed, checked against its schema, faithful."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from build_tools.check import check_project
from helpers import ARAUCARIA, DEBATE, ROOT, needs_external, run_argmap

SCHEMAS = ROOT / "build_tools" / "schemas"
CORPUS = ARAUCARIA


def _export(fmt: str, *args: str) -> str:
    # the shipped article (at ROOT, the default root), beside any other debate
    chosen = ("--debate", DEBATE) if "--root" not in args or str(ROOT) in args else ()
    result = run_argmap("export", *chosen, "--format", fmt, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_is_lossless_and_valid() -> None:
    data = json.loads(_export("json"))
    Draft202012Validator(json.loads((SCHEMAS / "export.schema.json").read_text())).validate(data)
    [debate] = check_project(ROOT, debate=DEBATE).debates
    assert data["source_text"] == debate.source_text
    assert [n["id"] for n in data["nodes"]] == list(debate.nodes)
    thesis = next(n for n in data["nodes"] if n["id"] == debate.thesis)
    assert thesis["quotes"] == list(debate.nodes[debate.thesis].quotes)
    assert [i["positions"] for i in data["debate"]["issues"]] == [list(i.positions) for i in debate.issues]
    assert len(data["supports"]) == len(debate.supports) and len(data["undercuts"]) == len(debate.undercuts)


EXAMPLE = ROOT / "tests" / "examples" / "valid"  # it has an undercut; the article has none


@pytest.mark.parametrize("root", [ROOT, EXAMPLE], ids=["article", "example"])
def test_aif_has_the_structure_aif_tools_expect(root: Path) -> None:
    data = json.loads(_export("aif", "--root", str(root)))
    Draft202012Validator(json.loads((SCHEMAS / "aif.schema.json").read_text())).validate(data)
    [debate] = check_project(root, debate=DEBATE if root == ROOT else None).debates
    types = [n["type"] for n in data["nodes"]]
    assert types.count("I") == len(debate.nodes)
    assert types.count("RA") == len(debate.supports)
    assert types.count("CA") == len(debate.attacks) + len(debate.undercuts)
    by_id = {n["nodeID"]: n for n in data["nodes"]}
    into = {}
    for edge in data["edges"]:
        into.setdefault(edge["toID"], []).append(by_id[edge["fromID"]]["type"])
    # an undercut: a CA-node pointing at an RA-node
    assert any(by_id[e["fromID"]]["type"] == "CA" and by_id[e["toID"]]["type"] == "RA"
               for e in data["edges"]) == bool(debate.undercuts)
    # a linked support: one RA-node with two or more I-node premises
    assert any(node["type"] == "RA" and into[node["nodeID"]].count("I") >= 2 for node in data["nodes"])


@pytest.mark.slow
@needs_external(CORPUS)
def test_the_aif_schema_accepts_the_real_corpus() -> None:
    tool = Path(sys.executable).with_name("check-jsonschema")
    files = sorted(CORPUS.glob("*.json"))
    assert len(files) == 533
    result = subprocess.run([str(tool), "--schemafile", str(SCHEMAS / "aif.schema.json"), *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize("root", [ROOT, EXAMPLE], ids=["article", "example"])
def test_argdown_names_every_statement_and_relation(root: Path) -> None:
    text = _export("argdown", "--root", str(root))
    [debate] = check_project(root, debate=DEBATE if root == ROOT else None).debates
    for node_id in debate.nodes:
        assert f"\n[{node_id}]: " in text
    assert text.count("  -> [") == len(debate.attacks)
    assert ("_> <step-" in text) == bool(debate.undercuts) and "\n----\n" in text


def test_graphml_and_dot(tmp_path: Path) -> None:
    tree = ET.fromstring(_export("graphml").encode())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    [debate] = check_project(ROOT, debate=DEBATE).debates
    ids = {n.get("id") for n in tree.findall(".//g:node", ns)}
    assert set(debate.nodes) <= ids
    out = tmp_path / "map.dot"
    assert run_argmap("export", "--debate", DEBATE, "--format", "dot", "-o", str(out)).returncode == 0
    rendered = subprocess.run(["dot", "-Tsvg", str(out)], capture_output=True, timeout=60)
    assert rendered.returncode == 0 and b"<svg" in rendered.stdout


ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"


@pytest.mark.needs_node
def test_the_real_argdown_cli_parses_our_export(tmp_path: Path) -> None:
    if not ARGDOWN.exists():
        pytest.skip("the Argdown CLI is not installed: make test installs it (npm ci)")
    source = tmp_path / "debate.argdown"
    source.write_text(_export("argdown"))
    result = subprocess.run([str(ARGDOWN), "json", str(source), str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    output = (result.stdout + result.stderr).lower()
    assert "error" not in output and "warning" not in output, output
    data = json.loads((tmp_path / "out" / "debate.json").read_text())
    [debate] = check_project(ROOT, debate=DEBATE).debates
    assert set(data["statements"]) == set(debate.nodes)
    for node_id, node in debate.nodes.items():
        text = next(m["text"] for m in data["statements"][node_id]["members"] if "text" in m)
        assert text.startswith(" ".join(node.statement.split())), node_id
    relations = {(r["from"], r["relationType"], r["to"]) for r in data["relations"]}
    assert {(a.attacker, "attack", a.target) for a in debate.attacks} <= relations
    simple = [s for s in debate.supports if not s.linked and not any(
        (frozenset(u.premises), u.conclusion) == s.key for u in debate.undercuts)]
    assert {(s.premises[0], "support", s.conclusion) for s in simple} <= relations
    undercuts = {(r["from"], r["to"]) for r in data["relations"] if r["relationType"] == "undercut"}
    assert len(undercuts) == len(debate.undercuts)
    linked = [a for a in data["arguments"].values() if a["title"].startswith("step-")]
    assert len(linked) == len(debate.supports) - len(simple)


@pytest.mark.needs_node
def test_argdown_special_characters_survive_the_argdown_cli(project: Path, tmp_path: Path) -> None:
    if not ARGDOWN.exists():
        pytest.skip("the Argdown CLI is not installed: make test installs it (npm ci)")
    tricky = r"Upkeep [x] <y> #tag *b* _i_ @z \ costs (a) + - too // much /* not a comment */ http://x.org/a."
    claim = project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
    claim.write_text(claim.read_text().replace("statement: The upkeep of street trees is too expensive.",
                                               f"statement: {json.dumps(tricky)}"))
    source = tmp_path / "t.argdown"
    source.write_text(_export("argdown", "--root", str(project)))
    result = subprocess.run([str(ARGDOWN), "json", str(source), str(tmp_path / "out")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0
    data = json.loads((tmp_path / "out" / "t.json").read_text())
    members = data["statements"]["trees-cost-too-much"]["members"]
    assert next(m["text"] for m in members if "text" in m).startswith(tricky)
