"""Weighing: issues decided by proof standards over weighed arguments (Carneades' CAES), checked
against the labels the Carneades authors asserted for their own example graphs."""

from __future__ import annotations

import json
from types import MappingProxyType

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.graph import index
from build_tools.model import Debate, Issue, Node, NodeKind, Origin, Perspective, SourceInfo, Support, Weighing
from build_tools.status import evaluate
from build_tools.vocabulary import STANDARDS, Label
from helpers import (
    CORPORA,
    ROOT,
    carneades_criterion,
    carneades_weighed_debate,
    needs_external,
    random_weighed_debate,
    run_argmap,
    write_issue_debate,
)

WEIGHED = CORPORA / "carneades-weighed"
LABELS = {"in": Label.IN, "out": Label.OUT, "undec": Label.UNDECIDED}
HERE = Origin("test")


def _corpus() -> list:
    return sorted(WEIGHED.glob("*.yml")) if WEIGHED.is_dir() else []


@needs_external(WEIGHED)
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_carneades_weighed_graphs_give_the_asserted_labels(path) -> None:
    graph = yaml.safe_load(path.read_text("utf-8"))
    debate = carneades_weighed_debate(graph)
    statuses = evaluate(debate, index(debate))
    assert {s: statuses[s].label for s in graph["expected_caes"]} == {
        s: LABELS[label] for s, label in graph["expected_caes"].items()}


@needs_external(WEIGHED)
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_without_weighing_they_give_the_grounded_labels(path) -> None:
    graph = yaml.safe_load(path.read_text("utf-8"))
    debate = carneades_weighed_debate(graph)
    statuses = evaluate(debate, index(debate), weighing=False)
    assert {s: statuses[s].label for s in graph["expected_grounded"]} == {
        s: LABELS[label] for s, label in graph["expected_grounded"].items()}


def _issue_debate(pro: float, con: float, standard: str = "PE", *, con_as_attack: bool = False,
                  pro_weights: dict | None = None, open_condition: bool = False) -> Debate:
    """Two positions, p and q, each with one granted reason weighing ``pro`` and ``con``; the
    reason against p is an attack on it instead of a reason for q when ``con_as_attack``."""
    def node(node_id, **fields):
        return Node(id=node_id, kind=NodeKind.CLAIM, label=node_id, statement=node_id, origin=HERE, **fields)

    nodes = {"p": node("p"), "q": node("q"), "rp": node("rp", assumed=True), "rq": node("rq", assumed=True)}
    premises_p = ("rp",)
    if open_condition:
        nodes["cond"] = node("cond", open=True)
        premises_p = ("rp", "cond")
    weighing_p = Weighing("constant", weight=pro, weights=MappingProxyType(pro_weights or {}))
    supports = [Support(premises_p, "p", "rp", HERE, weighing_p)]
    attacks = ()
    if con_as_attack:
        from build_tools.model import Attack

        attacks = (Attack("rq", "p", HERE, weighing=Weighing("constant", weight=con)),)
        positions = ("p", "q")
    else:
        supports.append(Support(("rq",), "q", "rq", HERE, Weighing("constant", weight=con)))
        positions = ("p", "q")
    return Debate(id="i", folder="arguments/i", title="t", summary="s", source=SourceInfo(*(["unknown"] * 6)),
                  thesis="p", perspectives=(Perspective("author", "Author", "Author"),
                                            Perspective("critics", "Critics", "Critics")),
                  nodes=MappingProxyType(nodes), supports=tuple(supports), attacks=attacks, undercuts=(),
                  source_text=None, origin=HERE, issues=(Issue("i", positions, standard),))


def _labels(debate: Debate, **options) -> dict:
    return {k: v.label for k, v in evaluate(debate, index(debate), **options).items()}


@pytest.mark.parametrize("standard,pro,con,wins", [
    ("PE", 0.51, 0.5, True), ("PE", 0.5, 0.5, False), ("PE", 0.4, 0.5, False),
    ("CCE", 0.81, 0.3, True), ("CCE", 0.8, 0.3, False), ("CCE", 0.9, 0.45, False),
    ("BRD", 0.85, 0.29, True), ("BRD", 0.95, 0.3, False), ("BRD", 0.79, 0.29, False),
])
def test_each_proof_standard_on_both_sides_of_its_threshold(standard, pro, con, wins) -> None:
    labels = _labels(_issue_debate(pro, con, standard))
    assert labels["p"] is (Label.IN if wins else Label.OUT)
    rival_wins = STANDARDS[standard].met(con, pro)
    assert labels["q"] is (Label.IN if rival_wins else Label.OUT)


def test_a_tie_leaves_every_position_out_and_says_balanced() -> None:
    debate = _issue_debate(0.5, 0.5)
    statuses = evaluate(debate, index(debate))
    assert statuses["p"].rule == statuses["q"].rule == "balanced"
    assert statuses["p"].label is statuses["q"].label is Label.OUT


def test_an_attack_on_a_position_is_an_argument_against_it_not_a_defeater() -> None:
    assert _labels(_issue_debate(0.8, 0.2, con_as_attack=True))["p"] is Label.IN  # outweighs its con
    assert _labels(_issue_debate(0.2, 0.8, con_as_attack=True))["p"] is Label.OUT
    statuses = evaluate(_issue_debate(0.8, 0.2, con_as_attack=True), index(_issue_debate(0.8, 0.2, con_as_attack=True)))
    assert statuses["p"].rule == "won" and "beats the strongest against it (weighs low, from " in __import__(
        "build_tools.prose", fromlist=["explain"]).explain(statuses["p"])


def test_an_open_condition_leaves_the_issue_open_until_granted_or_rejected() -> None:
    debate = _issue_debate(0.8, 0.2, open_condition=True)
    assert _labels(debate)["p"] is Label.UNDECIDED and _labels(debate)["cond"] is Label.UNDECIDED
    assert _labels(debate, grant=["cond"])["p"] is Label.IN
    assert _labels(debate, reject=["cond"])["p"] is Label.OUT and _labels(debate, reject=["cond"])["q"] is Label.IN


def test_weights_per_perspective_can_reverse_the_outcome() -> None:
    debate = _issue_debate(0.8, 0.5, pro_weights={"critics": 0.3})
    assert _labels(debate)["p"] is Label.IN
    granted = {"rp": "perspective", "rq": "perspective"}
    assert _labels(debate, granted=granted, perspective="critics")["p"] is Label.OUT
    assert _labels(debate, granted=granted, perspective="critics")["q"] is Label.IN


@pytest.mark.parametrize("function,premises_in,expected", [
    ("linked", 1, 0.0), ("linked", 2, 1.0), ("convergent", 1, 1.0), ("convergent", 0, 0.0),
    ("cumulative", 1, 0.5), ("cumulative", 2, 1.0), ("factorized", 2, 2 / 3),
])
def test_each_weighing_function(function, premises_in, expected) -> None:
    from build_tools.weighing import Argument, Context, weigh

    labels = {"a": Label.IN if premises_in >= 1 else Label.OUT, "b": Label.IN if premises_in >= 2 else Label.UNDECIDED,
              "c": Label.IN}
    if function in ("linked", "convergent", "cumulative") and premises_in < 2:
        labels["b"] = Label.OUT
    argument = Argument("k", ("a", "b"), "p", Weighing(function))
    rival = Argument("r", ("c",), "q", Weighing(function))
    context = Context(labels, [argument, rival], lambda s: ["p", "q"] if s in ("p", "q") else [], None)
    assert weigh(argument, context) == pytest.approx(expected)


def test_raising_a_weight_for_a_position_never_turns_it_from_in_to_out() -> None:
    """A property over a grid of weights and standards: more weight for p never loses p the issue."""
    steps = [i / 20 for i in range(21)]
    for standard in ("PE", "CCE", "BRD"):
        for con in steps:
            was_in = False
            for pro in steps:
                now_in = _labels(_issue_debate(pro, con, standard))["p"] is Label.IN
                assert not (was_in and not now_in), (standard, pro, con)
                was_in = now_in


def _status_of(root, *args) -> dict:
    result = run_argmap("status", "--root", str(root), "--format", "json", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_an_issue_in_yaml_through_argmap_status(tmp_path) -> None:
    write_issue_debate(tmp_path)
    assert run_argmap("check", "--root", str(tmp_path)).returncode == 0
    open_ = _status_of(tmp_path)
    assert open_["verdict"]["label"] == open_["rival"]["label"] == "undecided"
    assert open_["managed-exit"]["rule"] == "open"
    granted = _status_of(tmp_path, "--grant", "managed-exit")
    assert granted["verdict"]["rule"] == "won" and granted["rival"]["rule"] == "outweighed"
    assert granted["verdict"]["decision"]["strength"] == {"verdict": 0.8, "rival": 0.2}
    assert granted["verdict"]["decision"]["against"]["verdict"] == 0.5
    lowered = _status_of(tmp_path, "--grant", "managed-exit", "--weight", "benefit>verdict=low")
    assert lowered["verdict"]["rule"] == lowered["rival"]["rule"] == "balanced"
    critics = _status_of(tmp_path, "--grant", "managed-exit", "--perspective", "critics")
    assert critics["verdict"]["label"] == "out"  # the critics weigh the benefit low
    text = run_argmap("status", "--root", str(tmp_path), "--grant", "managed-exit")
    line = next(x for x in text.stdout.splitlines() if x.startswith("in ") and " verdict " in x)
    assert ("stands: the strongest argument for it (weighs high, from benefit and managed-exit) beats the strongest "
            "against it (weighs medium, from risk): the heavier side wins") in line
    assert granted["verdict"]["decision"]["strongest"] == {"verdict": ["benefit", "managed-exit"], "rival": ["doubt"]}
    assert granted["verdict"]["decision"]["strongest_against"] == {"verdict": ["risk"], "rival": []}
    assert granted["verdict"]["decision"]["as_heavy"] == {"verdict": 0, "rival": 0}
    assert line.split()[:2] == ["in", "stands"]
    rival = next(x for x in text.stdout.splitlines() if " rival " in x)
    assert rival.split()[:2] == ["out", "outweighed"]
    assert granted["rival"]["outcome"] == "outweighed" and granted["managed-exit"]["outcome"] == "stands"
    bad = run_argmap("status", "--root", str(tmp_path), "--weight", "risk>rival=high")
    assert bad.returncode == 1 and "'risk' neither supports nor attacks 'rival'" in bad.stderr


def test_issues_weights_and_open_conditions_survive_a_json_round_trip(tmp_path) -> None:
    write_issue_debate(tmp_path)
    first = run_argmap("export", "--root", str(tmp_path), "--format", "json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["debate"]["issues"] == [{"id": "course", "question": "Is the course sound?",
                                         "positions": ["verdict", "rival"], "standard": "PE"}]
    exported = tmp_path / "debate.json"
    exported.write_text(first.stdout)
    back = run_argmap("import", "--root", str(tmp_path), "--format", "json", str(exported), "--debate", "back")
    assert back.returncode == 0, back.stderr
    again = run_argmap("export", "--root", str(tmp_path), "--debate", "back", "--format", "json")
    assert json.loads(again.stdout) == {**data, "debate": {**data["debate"], "id": "back"}}
    assert _status_of(tmp_path, "--debate", "back", "--grant", "managed-exit")["verdict"]["rule"] == "won"


def test_a_debate_with_an_issue_builds_and_its_pages_give_the_reasons(tmp_path) -> None:
    from build_tools.check import check_project
    from build_tools.site.embed import fill_slots
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer

    write_issue_debate(tmp_path)
    site = build_site(check_project(tmp_path).analyses, Renderer(None))
    pages = {p.src: fill_slots(p.markdown, site.fragments) for p in site.pages}
    assert ('<strong>Open</strong> as the map stands: it waits on what the map leaves open: <a href="../managed-exit/">The exit is managed</a>'
            in pages["weighed/claims/verdict.md"])
    assert ("<strong>Open</strong> as the map stands: a condition the map leaves open"
            in pages["weighed/claims/managed-exit.md"])
    verdict = pages["weighed/claims/verdict.md"]
    assert "## Weighing the issue: Is the course sound?" in verdict and "preponderance of the evidence" in verdict
    pro, con = verdict.split("### For it", 1)[1].split("### Against it, and for its rivals", 1)
    assert "- weighs high (Critics: low): [It frees resources]" in pro and "(stands · open)" in pro
    assert con.index("weighs medium: [It risks chaos]") < con.index("weighs low: [Allies may read")
    graph = json.loads(site.files["weighed/graph.json"])
    assert graph["issues"] == [{"id": "course", "positions": ["verdict", "rival"], "standard": "PE"}]
    assert graph["rules"][""]["verdict"] == "waiting"


def _id(name: str) -> str:
    """A statement id of the corpus (a Prolog-style term) as one of ours."""
    import re

    return "s-" + (re.sub(r"[^a-z0-9]+", "-", name.replace("¬", "not-").lower()).strip("-") or "x")


def write_carneades_yaml(root, graph: dict) -> dict[str, str]:
    """A Carneades graph written as our YAML files (ids made valid; an argument with no premise gets a granted
    piece of evidence as its premise, since our supports are declared by a premise). Returns the id map."""
    ids = {name: _id(name) for name in graph["statements"]}
    assumed = set(graph.get("assumptions", []))
    bodies = {ids[n]: {"label": ids[n][:150], "statement": str(t)[:1000] or ids[n], "assumed": n in assumed}
              for n, t in graph["statements"].items()}
    for name in graph["statements"]:
        if criterion := carneades_criterion(name):
            bodies[ids[name]]["criterion"] = {"name": criterion[0], "value": criterion[1]}
    evidence = {}
    for argument in graph["arguments"]:
        premises = [ids[p] for p in argument["premises"]]
        if not premises:
            basis = f"basis-{argument['id'].lower()}"
            evidence[basis] = {"label": basis, "statement": "A premise the argument takes for granted.",
                               "kind": "other", "assumed": True,
                               "citation": {"who": "unknown", "what": "a test", "when": "unknown", "url": "unknown",
                                            "basis": "article-only"}}
            premises = [basis]
        item = {"to": ids[argument["conclusion"]]}
        if len(premises) > 1:
            item["with"] = premises[1:]
        spec = argument["weighing"]
        if isinstance(spec, str):
            if spec != "linked":
                item["weighing"] = spec
        elif "constant" in spec:
            item["weight"] = spec["constant"]
        else:
            item["weighing"] = spec
        if argument.get("properties"):
            item["properties"] = {k: str(v) for k, v in argument["properties"].items()}
        target = evidence.get(premises[0]) or bodies[premises[0]]
        target.setdefault("supports", []).append(item)
        if argument.get("undercutter"):
            bodies[ids[argument["undercutter"]]].setdefault("undercuts", []).append(
                {"from": premises[0] if len(premises) == 1 else premises, "to": ids[argument["conclusion"]]})
    folder = root / "arguments" / "graph"
    for sub in ("claims", "evidence"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (root / "build_tools").mkdir(exist_ok=True)
    (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    debate = {"title": graph["title"][:200], "summary": "A Carneades example.",
              "source": {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")},
              "thesis": next(iter(bodies)), "perspectives": [{"id": "author", "name": "Author", "description": "A."}],
              "issues": [{"id": _id(i["id"])[2:], "positions": [ids[p] for p in i["positions"]],
                          "standard": i.get("standard", "PE")} for i in graph.get("issues", [])]}
    if not debate["issues"]:
        del debate["issues"]
    (folder / "debate.yaml").write_text("# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json\n"
                                        + yaml.safe_dump(debate, allow_unicode=True, sort_keys=False))
    for sub, kind, nodes in (("claims", "claim", bodies), ("evidence", "evidence", evidence)):
        for node_id, body in nodes.items():
            (folder / sub / f"{node_id}.yaml").write_text(
                f"# yaml-language-server: $schema=../../../build_tools/schemas/{kind}.schema.json\n"
                + yaml.safe_dump(body, allow_unicode=True, sort_keys=False))
    return ids


@needs_external(WEIGHED)
@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.stem)
def test_carneades_weighed_graphs_in_our_yaml_through_argmap_status(path, tmp_path) -> None:
    graph = yaml.safe_load(path.read_text("utf-8"))
    ids = write_carneades_yaml(tmp_path, graph)
    check = run_argmap("check", "--root", str(tmp_path))
    assert check.returncode == 0, check.stdout
    statuses = _status_of(tmp_path)
    assert {s: statuses[ids[s]]["label"] for s in graph["expected_caes"]} == {
        s: LABELS[label].value for s, label in graph["expected_caes"].items()}


@settings(max_examples=150)
@given(seed=st.integers(0, 10**9), size=st.integers(2, 12), raise_to=st.sampled_from([0.2, 0.5, 0.8, 1.0]))
def test_raising_the_weight_of_an_argument_for_a_position_never_turns_it_from_in_to_out(seed, size, raise_to) -> None:
    """A property over random weighed graphs: weigh one argument for a position more, and a position
    that was in stays in."""
    import random

    debate = random_weighed_debate(random.Random(seed), size)
    positions = {p for issue in debate.issues for p in issue.positions}
    steps = [s for s in debate.supports if s.conclusion in positions]
    if not steps:
        return
    step = random.Random(seed).choice(steps)
    before = evaluate(debate, index(debate))[step.conclusion].label
    current = (step.weighing or Weighing()).weight_for(None)
    if raise_to < current or before is not Label.IN:
        return
    if any(a.attacker == step.premises[0] and a.target == step.conclusion for a in debate.attacks):
        return  # a premise that also attacks its conclusion: the checker refuses such a debate (one relation each)
    after = evaluate(debate, index(debate), weights={(step.premises[0], step.conclusion): raise_to})
    assert after[step.conclusion].label is Label.IN
