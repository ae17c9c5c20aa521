"""What the checker refuses so that nothing after it meets it: numbers that are not finite, preferences without
their property, more relations than a map can draw, ids with a final newline, hidden characters; and shapes
that must stay linear (the times themselves are in benchmarks/linear_speed.py, not here)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import MKDOCS, run_argmap, write_issue_debate

HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"
SITE = "site_name: Limits\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap\n"


def _claims(project: Path) -> Path:
    return project / "arguments" / "weighed" / "claims"


def _write(project: Path, node: str, body: dict) -> None:
    full = {"statement": body["label"] + ".", "implicit": True, "rationale": "A test.", **body}
    (_claims(project) / f"{node}.yaml").write_text(HEAD + yaml.safe_dump(full, sort_keys=False))


def _edit(project: Path, node: str, change) -> None:
    path = _claims(project) / f"{node}.yaml"
    head, body = path.read_text().split("\n", 1)
    data = yaml.safe_load(body)
    change(data)
    path.write_text(head + "\n" + yaml.safe_dump(data, sort_keys=False))


def _built(project: Path) -> subprocess.CompletedProcess:
    (project / "docs").mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text(SITE)
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(project / "site")], cwd=project,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("number", ["1.0e+999", "-.inf", ".nan", ".NaN"])
def test_a_number_that_is_not_finite_is_refused_where_it_is_written(tmp_path: Path, number: str) -> None:
    write_issue_debate(tmp_path)
    path = _claims(tmp_path) / "benefit.yaml"
    path.write_text(path.read_text().replace("weight: high", f"weight: {number}"))
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "benefit.yaml:" in result.stdout, result.stdout
    assert "[bad-number]" in result.stdout or "[bad-value]" in result.stdout
    export = run_argmap("export", "--root", str(tmp_path), "--format", "json")
    assert export.returncode == 1 and "needs a debate that checks" in export.stderr


def test_a_criteria_factor_of_infinity_is_refused(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    _write(tmp_path, "cheap", {"label": "It is cheap", "role": "reason", "perspective": "author",
                               "criterion": {"name": "price", "value": "low"},
                               "supports": [{"to": "verdict", "weighing": {"criteria": {
                                   "hard": [], "soft": {"price": {"factor": 1e999, "values": {"low": 1}}}}}}]})
    path = _claims(tmp_path) / "cheap.yaml"
    path.write_text(path.read_text().replace("factor: .inf", "factor: 1.0e+999"))
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "cheap.yaml:" in result.stdout and "[bad-number]" in result.stdout, result.stdout
    build = _built(tmp_path)
    assert build.returncode == 1 and "[bad-number]" in build.stderr


def test_a_preference_without_its_property_is_reported_and_never_a_traceback(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    _edit(tmp_path, "benefit", lambda d: d["supports"][0].update(
        weighing={"preference": [{"property": "rank", "order": "ascending"}]}, properties={"other": "1"}))
    _edit(tmp_path, "doubt", lambda d: d["supports"][0].update(
        weighing={"preference": [{"property": "rank", "order": "ascending"}]}, properties={"rank": "2"}))
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "[missing-property]" in result.stdout and "benefit.yaml:" in result.stdout
    from build_tools.analysis import analyse
    from build_tools.check.project import check_debate

    analysis, _, _ = check_debate(tmp_path.resolve(), "weighed")
    assert analysis is not None
    statuses = analyse(analysis.debate).statuses  # the evaluator itself ranks the argument lowest, no TypeError
    assert set(statuses[None]) == set(analysis.debate.nodes)


def test_more_relations_than_a_map_can_draw_are_refused(tmp_path: Path) -> None:
    """Thirty attackers each attacking the same seventy claims: 2,100 relations among 100 claims."""
    write_issue_debate(tmp_path)
    for i in range(70):
        _write(tmp_path, f"target-{i}", {"label": f"Target {i}", "role": "reason", "perspective": "author",
                                         "supports": ["verdict"]})
    for i in range(30):
        _write(tmp_path, f"attacker-{i}", {"label": f"Attacker {i}", "role": "objection", "perspective": "critics",
                                           "attacks": [f"target-{j}" for j in range(70)]})
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "[too-many-relations]" in result.stdout
    assert "debate.yaml:1:1: error: the debate has 2" in result.stdout


def test_one_node_in_more_relations_than_the_limit_is_named(tmp_path: Path) -> None:
    from build_tools.check.rules import MAX_NODE_RELATIONS

    write_issue_debate(tmp_path)
    for i in range(MAX_NODE_RELATIONS + 1):
        _write(tmp_path, f"reason-{i}", {"label": f"Reason {i}", "role": "reason", "perspective": "author",
                                         "supports": ["verdict"]})
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "verdict.yaml:1:1: error: 'verdict' takes part in" in result.stdout


def test_an_aif_attack_that_would_expand_past_the_limit_is_refused_at_import(tmp_path: Path) -> None:
    n = 100
    nodes = [{"nodeID": f"a{i}", "text": f"Attacker {i}.", "type": "I"} for i in range(n)]
    nodes += [{"nodeID": f"t{i}", "text": f"Target {i}.", "type": "I"} for i in range(n)]
    nodes.append({"nodeID": "ca", "text": "Default Conflict", "type": "CA"})
    edges = [{"edgeID": f"e{i}", "fromID": f"a{i}", "toID": "ca"} for i in range(n)]
    edges += [{"edgeID": f"f{i}", "fromID": "ca", "toID": f"t{i}"} for i in range(n)]
    source = tmp_path / "clique.json"
    source.write_text(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}))
    project = tmp_path / "p"
    (project / "arguments").mkdir(parents=True)
    result = run_argmap("import", "--root", str(project), "--format", "aif", str(source))
    assert result.returncode == 1 and "CA-node ca has 100 attackers and 100 targets" in result.stderr
    assert list((project / "arguments").iterdir()) == []  # nothing written


def test_a_run_of_colons_after_a_bracket_is_read_in_linear_time(tmp_path: Path) -> None:
    """The autolink pattern cannot backtrack: '<' and 200,000 colons is checked as fast as plain text."""
    write_issue_debate(tmp_path)
    _edit(tmp_path, "risk", lambda d: d.update(note="<" + ":" * 200_000))
    result = run_argmap("check", "--root", str(tmp_path))  # the note is over its length limit: reported, quickly
    assert result.returncode == 1 and "risk.yaml:" in result.stdout


@pytest.mark.parametrize("where", ["perspective", "tag", "issue"])
def test_ids_with_a_final_newline_are_refused_everywhere(tmp_path: Path, where: str) -> None:
    write_issue_debate(tmp_path)
    debate = tmp_path / "arguments" / "weighed" / "debate.yaml"
    if where == "perspective":
        _edit(tmp_path, "risk", lambda d: d.update(perspective="author\n"))
    elif where == "tag":
        _edit(tmp_path, "risk", lambda d: d.update(tags=["reading\n"]))
    else:
        debate.write_text(debate.read_text().replace("  - id: course\n", '  - id: "course\\n"\n'))
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1, result.stdout


def test_hidden_characters_are_flagged_in_text_and_escaped_in_every_report(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    _edit(tmp_path, "risk", lambda d: d.update(label="It risks \u202echaos\u202c", note="zero\u200bwidth"))
    for fmt in ("text", "github", "json"):
        result = run_argmap("check", "--root", str(tmp_path), "--format", fmt)
        assert "[hidden-character]" in result.stdout or "hidden-character" in result.stdout, result.stdout
        assert "\u202e" not in result.stdout and "\u200b" not in result.stdout or fmt == "json"
        assert "U+202E" in result.stdout and "U+200B" in result.stdout
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 0  # a warning: right-to-left text may need them


def test_a_long_support_cycle_is_told_once_not_in_every_reason(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    n = 150  # each also supports the thesis: near it, however long the cycle
    for i in range(n):
        _write(tmp_path, f"link-{i}", {"label": f"Link {i}", "role": "reason", "perspective": "author",
                                       "supports": [f"link-{(i + 1) % n}", "verdict"]})
    debate = tmp_path / "arguments" / "weighed" / "debate.yaml"
    debate.write_text(debate.read_text().replace("checks: {inert-weight: ignore}",
                                                 "checks: {inert-weight: ignore, support-cycle: ignore}"))
    status = run_argmap("status", "--root", str(tmp_path), "--format", "json")
    assert status.returncode == 0, status.stderr
    links = {k: v for k, v in json.loads(status.stdout).items() if k.startswith("link-")}
    assert len(links) == n and all(v["cycle_length"] == n for v in links.values())
    assert all(len(v["reason"]) < 200 and len(v["cycle"]) <= 9 for v in links.values())  # not every member
    assert f"in a cycle of {n} claims" in run_argmap("status", "--root", str(tmp_path)).stdout
