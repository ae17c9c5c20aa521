"""`argmap import`: our JSON back exactly, and the 533 real AIF maps of the AraucariaDB corpus."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from build_tools.formats import ImportRefused, write_debate
from build_tools.formats.aif import read as from_aif
from helpers import ARAUCARIA, DEBATE, ROOT, empty_project, needs_external, run_argmap

CORPUS = ARAUCARIA


def _project(tmp_path: Path) -> Path:
    return empty_project(tmp_path / "project")


def test_json_round_trip_is_exact(tmp_path: Path) -> None:
    exported = tmp_path / "debate.json"
    assert run_argmap("export", "--debate", DEBATE, "--format", "json", "-o", str(exported)).returncode == 0
    root = _project(tmp_path)
    result = run_argmap("import", "--root", str(root), "--format", "json", str(exported),
                        "--debate", "nato-factory-settings")
    assert result.returncode == 0, result.stderr
    assert run_argmap("check", "--root", str(root)).stdout.endswith("no problems\n")
    again = run_argmap("export", "--root", str(root), "--format", "json")
    assert json.loads(again.stdout) == json.loads(exported.read_text())
    assert (root / "arguments" / "nato-factory-settings" / "source.txt").read_bytes() == \
        (ROOT / "arguments" / "nato-factory-settings" / "source.txt").read_bytes()


def test_import_never_overwrites_without_force(tmp_path: Path) -> None:
    exported = tmp_path / "debate.json"
    run_argmap("export", "--debate", DEBATE, "--format", "json", "-o", str(exported))
    root = _project(tmp_path)
    first = run_argmap("import", "--root", str(root), "--format", "json", str(exported), "--debate", "d")
    assert first.returncode == 0
    second = run_argmap("import", "--root", str(root), "--format", "json", str(exported), "--debate", "d")
    assert second.returncode == 1 and "exists already" in second.stderr and "--force" in second.stderr
    forced = run_argmap("import", "--root", str(root), "--format", "json", str(exported), "--debate", "d", "--force")
    assert forced.returncode == 0
    assert sorted(p.name for p in (root / "arguments").iterdir()) == ["d"]  # nothing half-written left


def test_bad_input_is_refused_clearly(tmp_path: Path) -> None:
    root = _project(tmp_path)
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00\xff{")
    result = run_argmap("import", "--root", str(root), "--format", "aif", str(garbage))
    assert result.returncode == 1 and "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty.json"
    empty.write_text('{"nodes": [], "edges": []}')
    result = run_argmap("import", "--root", str(root), "--format", "aif", str(empty))
    assert result.returncode == 1 and "nothing to import" in result.stderr
    ours = tmp_path / "ours.json"
    ours.write_text('{"nodes": []}')
    result = run_argmap("import", "--root", str(root), "--format", "json", str(ours))
    assert result.returncode == 1 and "not an argmap JSON export" in result.stderr
    assert list((root / "arguments").iterdir()) == []


def test_ids_come_from_the_text_never_from_the_input(tmp_path: Path) -> None:
    root = _project(tmp_path)
    aif = {"nodes": [{"nodeID": "../../etc/passwd", "text": "Premise one holds", "type": "I"},
                     {"nodeID": "x/y", "text": "The conclusion follows", "type": "I"},
                     {"nodeID": "r", "text": "RA", "type": "RA"},
                     {"nodeID": "l", "text": "someone said", "type": "L"}],
           "edges": [{"fromID": "../../etc/passwd", "toID": "r"}, {"fromID": "r", "toID": "x/y"}]}
    imported = from_aif(aif, "test.json")
    write_debate(root, "t", imported)
    names = sorted(p.name for p in (root / "arguments" / "t" / "claims").iterdir())
    assert names == ["premise-one-holds.yaml", "the-conclusion-follows.yaml"]
    assert any("L-node" in line for line in imported.report)
    with pytest.raises(ImportRefused):
        write_debate(root, "../escape", imported)


@pytest.mark.slow
@needs_external(CORPUS)
def test_every_corpus_map_imports_and_checks(tmp_path: Path) -> None:
    root = _project(tmp_path)
    files = sorted(CORPUS.glob("*.json"))
    assert len(files) == 533
    refused = {}
    for file in files:  # in one process, through the importer's API
        try:
            write_debate(root, file.stem, from_aif(json.loads(file.read_text("utf-8")), file.name))
        except ImportRefused as exc:
            refused[file.name] = str(exc)
    assert all(reason for reason in refused.values())
    check = run_argmap("check", "--root", str(root), "--format", "json")
    report = json.loads(check.stdout)
    # no error, and no warning either: maps with parts not connected to the thesis say so in their debate.yaml
    assert report["diagnostics"] == [], report["diagnostics"][:5]
    imported = sorted(p.name for p in (root / "arguments").iterdir())
    assert len(imported) + len(refused) == 533
    (tmp_path / "refused.json").write_text(json.dumps(refused, indent=1))
    # a site from a sample of the imported maps
    apart = [name for name in imported if "checks:" in (root / "arguments" / name / "debate.yaml").read_text()]
    # (a map is one piece when every node is joined to its thesis, either way: all 533 here, so none turns the check
    # off; a map with a piece apart does, see test_an_import_with_parts_apart_turns_the_check_off)
    sample = random.Random(3).sample(apart, min(2, len(apart))) + random.Random(3).sample(imported, 2)
    site_root = _project(tmp_path / "site")
    for name in sample:
        shutil.copytree(root / "arguments" / name, site_root / "arguments" / name)
    (site_root / "docs").mkdir()
    (site_root / "mkdocs.yml").write_text("site_name: Corpus\ntheme:\n  name: material\n  font: false\n"
                                          "plugins:\n  - search\n  - argmap\n")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    build = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site_root / "site")], cwd=site_root,
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    for name in sample:
        assert (site_root / "site" / name / "index.html").is_file()


def _structure(debate) -> tuple:
    """A debate's statements and relations, named by statement text (what AIF and Argdown keep)."""
    text = {n.id: n.statement for n in debate.nodes.values()}
    return (
        sorted(text.values()),
        sorted((tuple(sorted(text[p] for p in s.premises)), text[s.conclusion]) for s in debate.supports),
        sorted((text[a.attacker], text[a.target]) for a in debate.attacks),
        sorted((text[u.undercutter], tuple(sorted(text[p] for p in u.premises)), text[u.conclusion])
               for u in debate.undercuts),
    )


def _imported(root: Path, name: str):
    from build_tools.check import check_project

    result = check_project(root, debate=name)
    assert not [d for d in result.diagnostics if d.is_error], result.diagnostics[:3]
    return result.debates[0]


def test_aif_round_trip_keeps_statements_and_relations(tmp_path: Path) -> None:
    from build_tools.check import check_project

    aif = tmp_path / "debate.aif.json"
    assert run_argmap("export", "--debate", DEBATE, "--format", "aif", "-o", str(aif)).returncode == 0
    root = _project(tmp_path)
    result = run_argmap("import", "--root", str(root), "--format", "aif", str(aif), "--debate", "back")
    assert result.returncode == 0, result.stderr
    [original] = check_project(ROOT, debate=DEBATE).debates
    assert _structure(_imported(root, "back")) == _structure(original)


@pytest.mark.needs_node
def test_argdown_round_trip_keeps_statements_relations_and_roles(tmp_path: Path) -> None:
    from build_tools.check import check_project

    argdown = ROOT / "node_modules" / ".bin" / "argdown"
    if not argdown.exists():
        pytest.skip("the Argdown CLI is not installed: make test installs it (npm ci)")
    source = tmp_path / "debate.argdown"
    source.write_text(run_argmap("export", "--debate", DEBATE, "--format", "argdown").stdout)
    subprocess.run([str(argdown), "json", str(source), str(tmp_path / "out")], check=True, capture_output=True,
                   timeout=300)
    root = _project(tmp_path)
    result = run_argmap("import", "--root", str(root), "--format", "argdown-json", str(tmp_path / "out" / "debate.json"),
                        "--debate", "back")
    assert result.returncode == 0, result.stderr
    [original] = check_project(ROOT, debate=DEBATE).debates
    back = _imported(root, "back")
    assert _structure(back) == _structure(original)
    roles = {n.statement: n.role for n in back.nodes.values()}
    assert all(roles[n.statement] == n.role for n in original.claims)


AIF_APART = {"nodes": [{"nodeID": "1", "text": "Cities should plant more trees.", "type": "I"},
                       {"nodeID": "2", "text": "Trees cool the streets in summer.", "type": "I"},
                       {"nodeID": "3", "text": "", "type": "RA"},
                       {"nodeID": "4", "text": "The council meets on Tuesdays.", "type": "I"}],
             "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}]}


@pytest.mark.slow
def test_an_import_with_parts_apart_turns_the_check_off(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (tmp_path / "apart.json").write_text(json.dumps(AIF_APART))
    result = run_argmap("import", "--format", "aif", str(tmp_path / "apart.json"), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "1 of 3 nodes are not connected to the thesis" in result.stderr and "disconnected: ignore" in result.stderr
    debate_file = root / "arguments" / "apart" / "debate.yaml"
    assert "checks:\n  disconnected: ignore\n" in debate_file.read_text()
    check = run_argmap("check", "--root", str(root))
    assert check.returncode == 0 and "no problems" in check.stdout, check.stdout
    # our JSON carries the setting
    exported = tmp_path / "apart-export.json"
    assert run_argmap("export", "--format", "json", "--root", str(root), "-o", str(exported)).returncode == 0
    assert json.loads(exported.read_text())["debate"]["checks"] == {"disconnected": "ignore"}
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Apart\ntheme:\n  name: material\n  font: false\n"
                                     "plugins:\n  - search\n  - argmap\n")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    build = subprocess.run([str(mkdocs), "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    # the setting is the only reason: without it the warning returns, and a strict build stops on it
    debate_file.write_text(debate_file.read_text().replace("checks:\n  disconnected: ignore\n", ""))
    build = subprocess.run([str(mkdocs), "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=300)
    assert build.returncode != 0 and "[disconnected]" in build.stderr



ARGDOWN_RELATIONS = {
    "statements": {
        "A": {"members": [{"text": "Trees cool streets"}], "tags": ["US priorities", "cool", "reason"]},
        "B": {"members": [{"text": "Trees cost too much"}], "tags": ["NATO's purpose", "US priorities"]},
        "C": {"members": [{"text": "Trees are free"}]},
        "D": {"members": [{"text": "Plant more trees"}]}},
    "relations": [{"relationType": "contradictory", "from": "B", "to": "C", "toType": "equivalence-class"},
                  {"relationType": "contrary", "from": "A", "to": "B", "toType": "equivalence-class"},
                  {"relationType": "entails", "from": "A", "to": "D", "toType": "equivalence-class"}]}


def test_argdown_relations_between_statements_follow_argdown_and_tags_become_ids(tmp_path: Path) -> None:
    from build_tools.formats.argdown import read as from_argdown_json

    imported = from_argdown_json(ARGDOWN_RELATIONS, "relations.json")
    body = {node_id: fields for (_, node_id), fields in imported.nodes.items()}
    # contrary and contradictory kept as such, declared once (each holds both ways); entails as support
    assert body["trees-cost-too-much"]["contradicts"] == ["trees-are-free"]
    assert body["trees-cool-streets"]["contrary"] == ["trees-cost-too-much"]
    assert not any("attacks" in fields for fields in body.values())
    assert body["trees-cool-streets"]["supports"] == ["plant-more-trees"]
    # every tag kept: the ones that are not ids become ids, named as written
    assert body["trees-cool-streets"]["tags"] == ["us-priorities", "cool"]
    assert body["trees-cost-too-much"]["tags"] == ["nato-s-purpose", "us-priorities"]
    assert imported.debate["tags"] == {"nato-s-purpose": "NATO's purpose", "us-priorities": "US priorities"}
    root = _project(tmp_path)
    write_debate(root, "relations", imported)
    check = run_argmap("check", "--root", str(root))
    assert check.returncode == 0 and "no problems" in check.stdout, check.stdout
    status = run_argmap("status", "--root", str(root), "--format", "json")
    import json

    labels = json.loads(status.stdout)  # each of two opposites attacks the other: neither is taken as given
    assert labels["trees-are-free"]["label"] == labels["trees-cost-too-much"]["label"] == "undecided"
    for fmt in ("json", "aif"):  # our JSON and AIF say each relation once and read it back as it was
        exported = tmp_path / f"relations.{fmt}"
        assert run_argmap("export", "--root", str(root), "--debate", "relations", "--format", fmt, "-o",
                          str(exported)).returncode == 0
        again = run_argmap("import", "--root", str(root), "--format", fmt, str(exported), "--debate", f"back-{fmt}")
        assert again.returncode == 0, again.stderr
        kinds = sorted(line.split(":")[0] for p in (root / "arguments" / f"back-{fmt}" / "claims").glob("*.yaml")
                       for line in p.read_text().splitlines() if line.startswith(("contrary", "contradicts")))
        assert kinds == ["contradicts", "contrary"], (fmt, kinds)


def test_aif_import_says_when_it_folds_white_space(tmp_path: Path) -> None:
    data = {"nodes": [{"nodeID": "1", "text": "Cities should\nplant  more trees.", "type": "I"},
                      {"nodeID": "2", "text": "Trees cool streets.", "type": "I"},
                      {"nodeID": "3", "text": "", "type": "RA"}],
            "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"}]}
    imported = from_aif(data, "spaces.json")
    assert any(line.startswith("1 I-node text(s) had line breaks") for line in imported.report), imported.report
    assert ("claim", "cities-should-plant-more-trees") in imported.nodes


@pytest.mark.slow
@needs_external(CORPUS)
def test_aif_round_trips_over_the_corpus_keep_every_node_and_relation(tmp_path: Path) -> None:
    """AraucariaDB's maps, imported, exported as AIF and imported again: the same statements, supports,
    attacks and undercuts, and the export has one I-node per statement, one RA-node per support step
    and one CA-node per attack or undercut."""
    from build_tools.analysis import analyse
    from build_tools.check import check_project
    from build_tools.formats.aif import write as to_aif

    first, second = _project(tmp_path / "first"), _project(tmp_path / "second")
    for file in sorted(CORPUS.glob("*.json")):
        try:
            write_debate(first, file.stem, from_aif(json.loads(file.read_text("utf-8")), file.name))
        except ImportRefused:
            continue
    before = check_project(first)
    assert not [d for d in before.diagnostics if d.is_error]
    nodes = Counter()
    for debate in before.debates:
        aif = json.loads(to_aif(analyse(debate)))
        kinds = Counter(n["type"] for n in aif["nodes"])
        assert kinds == Counter({"I": len(debate.nodes), "RA": len(debate.supports),
                                 "CA": len(debate.attacks) + len(debate.undercuts)}) - Counter(), debate.id
        nodes += kinds
        write_debate(second, debate.id, from_aif(aif, f"{debate.id}.aif.json"))
    after = check_project(second)
    assert not [d for d in after.diagnostics if d.is_error]
    assert {d.id: _structure(d) for d in after.debates} == {d.id: _structure(d) for d in before.debates}
    assert nodes["I"] > 3000 and nodes["RA"] > 1000 and nodes["CA"] > 20  # the corpus, not a handful
