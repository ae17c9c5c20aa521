"""Argument status: the grounded evaluation with support and undercut, and `argmap status`."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from build_tools.model import Attack, Debate, Node, NodeKind, Origin, Perspective, SourceInfo
from build_tools.status import Label, evaluate
from conftest import ROOT, run_argmap

CORPUS = ROOT.parent / "shared" / "corpora" / "carneades-status"
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/{}.schema.json\n"


def _write_debate(root: Path, nodes: dict[str, dict], thesis: str) -> None:
    """A debate without a source text, in our format, from node specs (id -> fields)."""
    folder = root / "arguments" / "graph"
    for kind in ("claims", "evidence"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
    (root / "build_tools").mkdir(exist_ok=True)
    if not (root / "build_tools" / "schemas").exists():
        (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    debate = {"title": "Graph", "summary": "A test graph.",
              "source": {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")},
              "thesis": thesis, "perspectives": [{"id": "author", "name": "Author", "description": "Author."}]}
    (folder / "debate.yaml").write_text(HEAD.format("debate").replace("../../../", "../../")
                                        + yaml.safe_dump(debate, sort_keys=False))
    for node_id, spec in nodes.items():
        kind = spec.pop("kind", "claim")
        body = {"label": node_id, "statement": f"Statement {node_id}.", **spec}
        if kind == "evidence":
            body |= {"kind": "other", "citation": {"who": "unknown", "what": "a test", "when": "unknown",
                                                   "url": "unknown", "basis": "article-only"}}
        sub = "claims" if kind == "claim" else "evidence"
        (folder / sub / f"{node_id}.yaml").write_text(HEAD.format(kind) + yaml.safe_dump(body, sort_keys=False))


def _status(root: Path, *args: str) -> dict:
    result = run_argmap("status", "--root", str(root), "--format", "json", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def _translate(graph: dict) -> tuple[dict[str, dict], dict[str, str], str]:
    """A Carneades-style graph in our format: ids made valid, argument steps with no premise
    given a granted evidence node as premise, every unsupported node not granted unless listed."""
    ids = {}
    for i, name in enumerate(graph["nodes"]):
        ids[name] = f"s{i}-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "n")
    nodes: dict[str, dict] = {ids[n]: {} for n in graph["nodes"]}
    attacks = {(ids[a], ids[t]) for a, t in graph["attacks"]}
    steps = {}
    for k, step in enumerate(graph["supports"]):
        premises = [ids[p] for p in step["from"]]
        target = ids[step["to"]]
        if not premises:
            evidence = f"a{k}-basis"
            nodes[evidence] = {"kind": "evidence"}
            premises = [evidence]
        if any((p, target) in attacks for p in premises):
            # our format refuses a node that supports and attacks the same claim: an
            # ungranted proxy, in exactly when the premises are, carries the support
            proxy = f"a{k}-proxy"
            nodes[proxy] = {"assumed": False, "supports": [target]}
            nodes[premises[0]].setdefault("supports", []).append(
                proxy if len(premises) == 1 else {"to": proxy, "with": premises[1:]})
            steps[step["id"]] = [proxy]
            continue
        steps[step["id"]] = premises
        first = nodes[premises[0]]
        first.setdefault("supports", []).append(
            target if len(premises) == 1 else {"to": target, "with": premises[1:]})
    for attacker, target in graph["attacks"]:
        if attacker == target:  # our format refuses self-attack: an even cycle with a mirror is equivalent
            mirror = f"{ids[attacker]}-mirror"
            nodes[mirror] = {"attacks": [ids[attacker]]}
            nodes[ids[attacker]].setdefault("attacks", []).append(mirror)
            continue
        nodes[ids[attacker]].setdefault("attacks", []).append(ids[target])
    for cut in graph["undercuts"]:
        premises = steps[cut["link"]]
        target = next(s["to"] for s in graph["supports"] if s["id"] == cut["link"])
        nodes[ids[cut["by"]]].setdefault("undercuts", []).append(
            {"from": premises[0] if len(premises) == 1 else premises, "to": ids[target]})
    supported = {ids[s["to"]] for s in graph["supports"]}
    for name in graph["nodes"]:
        node = nodes[ids[name]]
        if name in graph["premises"]:
            node["assumed"] = True
        elif ids[name] not in supported:
            node["assumed"] = False
    for spec in nodes.values():  # our format lists each target once
        for key in ("attacks",):
            if key in spec:
                spec[key] = sorted(set(spec[key]))
    expected = {ids[n]: label for n, label in graph["expected_grounded"].items()}
    return nodes, expected, ids[graph["nodes"][0]]


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.yml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Carneades corpus is not at {CORPUS}")
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_carneades_corpus(path: Path, tmp_path: Path) -> None:
    graph = yaml.safe_load(path.read_text())
    nodes, expected, thesis = _translate(graph)
    _write_debate(tmp_path, nodes, thesis)
    labels = {n: s["label"].replace("undecided", "undec") for n, s in _status(tmp_path).items()}
    assert {n: labels[n] for n in expected} == expected


def test_the_corpus_is_there_under_ci() -> None:
    if os.environ.get("CI") == "true":
        assert len(_corpus()) == 26


def _attack_only(n: int, attacks: list[tuple[int, int]]) -> Debate:
    nodes = {
        f"a{i}": Node(id=f"a{i}", kind=NodeKind.CLAIM, label=f"a{i}", statement=f"a{i}", origin=Origin("x"))
        for i in range(n)
    }
    return Debate(
        id="random", folder="arguments/random", title="t", summary="s",
        source=SourceInfo("unknown", "unknown", "unknown", "unknown", "unknown", "unknown"),
        thesis="a0", perspectives=(Perspective("author", "Author", "Author"),),
        nodes=MappingProxyType(nodes), supports=(),
        attacks=tuple(Attack(f"a{s}", f"a{t}", Origin("x")) for s, t in attacks),
        undercuts=(), source_text=None, origin=Origin("x"),
    )


def test_attack_only_graphs_match_an_independent_library() -> None:
    """Seeded random attack graphs: our labels equal python-argumentation's grounded labelling."""
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    rng = random.Random(20261126)
    graphs = 0
    for _ in range(3000):
        n = rng.randint(1, 9)
        attacks = sorted({(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 2 * n))})
        ours = evaluate(_attack_only(n, attacks))
        arguments = {i: Argument(f"a{i}") for i in range(n)}
        framework = AbstractArgumentationFramework(
            "af", list(arguments.values()), [Defeat(arguments[s], arguments[t]) for s, t in attacks])
        grounded = {a.name for a in get_grounded_extension(framework)}
        defeated = {f"a{t}" for s, t in attacks if f"a{s}" in grounded}
        for name, status in ours.items():
            expected = Label.IN if name in grounded else Label.OUT if name in defeated else Label.UNDECIDED
            assert status.label is expected, (n, attacks, name)
        graphs += 1
    assert graphs == 3000


HAND_MADE = {
    # a attacked by b, b attacked by c: c reinstates a.
    "reinstatement": ({"t": {}, "b": {"attacks": ["t"]}, "c": {"attacks": ["b"]}},
                      {"t": "in", "b": "out", "c": "in"}),
    # an odd cycle leaves all undecided; its target too.
    "odd-cycle": ({"t": {}, "x": {"attacks": ["y", "t"]}, "y": {"attacks": ["z"]}, "z": {"attacks": ["x"]}},
                  {"t": "undecided", "x": "undecided", "y": "undecided", "z": "undecided"}),
    "even-cycle": ({"t": {}, "x": {"attacks": ["y"]}, "y": {"attacks": ["x", "t"]}},
                   {"t": "undecided", "x": "undecided", "y": "undecided"}),
    # a linked step with one premise out fails: its conclusion is not established.
    "linked-premise-out": ({"t": {}, "p": {"supports": [{"to": "t", "with": ["q"]}]}, "q": {},
                            "r": {"attacks": ["q"]}},
                           {"t": "out", "p": "in", "q": "out", "r": "in"}),
    # an undercut switches the step off, and nothing else.
    "undercut": ({"t": {}, "p": {"supports": ["t"]}, "u": {"undercuts": [{"from": "p", "to": "t"}]}},
                 {"t": "out", "p": "in", "u": "in"}),
    # circular support establishes nothing.
    "circular-support": ({"t": {}, "p": {"supports": ["q", "t"]}, "q": {"supports": ["p"]}},
                         {"t": "undecided", "p": "undecided", "q": "undecided"}),
}


@pytest.mark.parametrize("case", sorted(HAND_MADE))
def test_hand_made_cases(case: str, tmp_path: Path) -> None:
    nodes, expected = HAND_MADE[case]
    _write_debate(tmp_path, {k: dict(v) for k, v in nodes.items()}, "t")
    labels = {n: s["label"] for n, s in _status(tmp_path).items()}
    assert labels == expected


def test_every_reason_leads_to_granted_premises() -> None:
    result = json.loads(run_argmap("status", "--format", "json").stdout)
    for node_id, status in result.items():
        if status["label"] != "in":
            continue
        seen, todo = set(), [node_id]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            s = result[current]
            assert s["label"] == "in" and s["rule"] in ("granted", "supported")
            if s["rule"] == "supported":
                todo.extend(s["steps"][0]["premises"])
        assert any(result[n]["rule"] == "granted" for n in seen)


def test_status_text_perspective_and_what_if() -> None:
    text = run_argmap("status")
    assert text.returncode == 0
    line = next(l for l in text.stdout.splitlines() if " withdrawal-invites-chaos " in l)
    assert line.startswith("out ") and "undercut by truth-lies-in-execution, which is in" in line
    assert re.search(r"^status: \d+ in, \d+ out, \d+ undecided$", text.stdout.splitlines()[-1])
    critics = _status(ROOT, "--perspective", "critics")
    author = _status(ROOT, "--perspective", "author")
    assert author["truth-lies-in-execution"]["label"] == "in"
    assert critics["truth-lies-in-execution"]["label"] == "out"  # the author's premises are not granted
    assert critics["hasty-exit-risks-instability"]["rule"] == "not-established"
    assert critics["withdrawal-invites-chaos"]["label"] == "out"  # its premise falls to the evidence
    assert critics["iraq-now-like-2011"]["rests_on"] == ["iraq-gains-against-isis"]
    what_if = _status(ROOT, "--reject", "truth-lies-in-execution", "iraq-gains-against-isis")
    assert what_if["withdrawal-invites-chaos"]["label"] == "in"
    assert what_if["truth-lies-in-execution"]["rule"] == "rejected"


def test_status_refuses_unknown_ids() -> None:
    result = run_argmap("status", "--reject", "truth-lies")
    assert result.returncode == 1 and "no node 'truth-lies'" in result.stderr
    result = run_argmap("status", "--perspective", "critic")
    assert result.returncode == 1 and "did you mean 'critics'?" in result.stderr
