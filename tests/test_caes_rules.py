"""The weighing as the corpus README states Carneades' CAES, on the smallest graph of each bug found by a
differential test against an independent evaluator; each checked in Python and in the browser's evaluator,
and in every order of the statements. Then random graphs with criteria, preference and rejected positions:
the browser gives Python's labels, and no label depends on the order of the statements."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from build_tools.graph import index
from build_tools.model import Debate, Origin, Weighing
from build_tools.status import evaluate
from helpers import browser_evaluate, carneades_weighed_debate, random_caes_debate

pytestmark = pytest.mark.needs_node
HERE = Origin("random")


def _graph(statements: list[str], arguments: list[dict], issues: list[dict], assumptions: list[str]) -> Debate:
    return carneades_weighed_debate({"title": "t", "statements": {s: s for s in statements}, "assumptions": assumptions,
                                     "issues": issues, "arguments": arguments})


def _labels(debate: Debate, **options) -> dict[str, str]:
    return {n: s.label.value for n, s in evaluate(debate, index(debate), **options).items()}


def _reordered(debate: Debate, order: tuple[str, ...]) -> Debate:
    return replace(debate, nodes=MappingProxyType({n: debate.nodes[n] for n in order}),
                   supports=tuple(sorted(debate.supports, key=lambda s: order.index(s.conclusion))))


def _renamed(debate: Debate, names: dict[str, str]) -> Debate:
    """The same debate with every node renamed (as if its files had other names)."""
    from build_tools.model import Issue, Support, Undercut

    def n(node_id: str) -> str:
        return names.get(node_id, node_id)

    nodes = {n(k): replace(v, id=n(k), requires=tuple(n(r) for r in v.requires)) for k, v in debate.nodes.items()}
    supports = tuple(Support(tuple(n(p) for p in s.premises), n(s.conclusion), n(s.declared_by), s.origin, s.weighing,
                             s.kind) for s in debate.supports)
    attacks = tuple(replace(a, attacker=n(a.attacker), target=n(a.target)) for a in debate.attacks)
    undercuts = tuple(Undercut(n(u.undercutter), tuple(n(p) for p in u.premises), n(u.conclusion), u.origin)
                      for u in debate.undercuts)
    issues = tuple(Issue(i.id, tuple(n(p) for p in i.positions), i.standard) for i in debate.issues)
    return replace(debate, nodes=MappingProxyType(nodes), supports=supports, attacks=attacks, undercuts=undercuts,
                   issues=issues, thesis=n(debate.thesis))


def _in_every_order(debate: Debate, tmp_path: Path, expected: dict[str, str], **options) -> None:
    """The labels are ``expected`` in Python for every order of the statements, and in the browser."""
    for order in itertools.permutations(debate.nodes):
        assert {k: v for k, v in _labels(_reordered(debate, order), **options).items() if k in expected} == expected, \
            order
    js_options = {k: list(v) for k, v in options.items()}
    [found] = browser_evaluate([(debate, js_options)], tmp_path)
    assert {k: v for k, v in found["labels"].items() if k in expected} == expected


# Issue x/y; x's criteria argument reads its value from issue p/q, which q (carried by e) wins: x weighs 0.9,
# y 0.5. Read from p before q was decided, the value was missing and y won, or both positions stood.
CRITERIA = dict(
    statements=["x", "y", "price(a,low)", "price(a,high)", "e", "f"],
    arguments=[{"id": "a1", "conclusion": "x", "premises": ["price(a,low)"],
                "weighing": {"criteria": {"hard": [], "soft": {"price": {"factor": 1, "values": {"high": 0.9,
                                                                                            "low": 0.1}}}}}},
               {"id": "a2", "conclusion": "y", "premises": ["f"], "weighing": {"constant": 0.5}},
               {"id": "a3", "conclusion": "price(a,high)", "premises": ["e"], "weighing": "linked"}],
    issues=[{"id": "i", "positions": ["x", "y"], "standard": "PE"},
            {"id": "j", "positions": ["price(a,low)", "price(a,high)"], "standard": "PE"}],
    assumptions=["e", "f"])


def test_a_criteria_value_is_read_once_the_issue_it_comes_from_is_decided(tmp_path: Path) -> None:
    debate = _graph(**CRITERIA)
    _in_every_order(debate, tmp_path, {"x": "in", "y": "out", "price(a,high)": "in", "price(a,low)": "out"})


def test_a_criteria_argument_for_a_claim_outside_an_issue_weighs_with_a_premise_out(tmp_path: Path) -> None:
    """z is no position: its criteria argument, whose premise is out, takes the value from the premise's issue."""
    spec = dict(CRITERIA)
    spec["statements"] = [*CRITERIA["statements"], "z"]
    spec["arguments"] = [*CRITERIA["arguments"], {**CRITERIA["arguments"][0], "id": "a4", "conclusion": "z"}]
    _in_every_order(_graph(**spec), tmp_path, {"z": "in"})


def test_a_rejected_position_cannot_win_nor_block_its_rival(tmp_path: Path) -> None:
    debate = _graph(["x", "y", "e", "f"],
                    [{"id": "a1", "conclusion": "x", "premises": ["e"], "weighing": {"constant": 0.8}},
                     {"id": "a2", "conclusion": "y", "premises": ["f"], "weighing": {"constant": 0.5}}],
                    [{"id": "i", "positions": ["x", "y"], "standard": "PE"}], ["e", "f"])
    _in_every_order(debate, tmp_path, {"x": "in", "y": "out"})
    _in_every_order(debate, tmp_path, {"x": "out", "y": "in"}, reject=("x",))


def test_preference_ranks_every_argument_of_the_issue(tmp_path: Path) -> None:
    """Ranks 1, 2 and 3 among the three arguments (the README's rule): x's weighs 1/3, y's 1, so y wins even under
    clear and convincing evidence; ranked among the preference arguments alone (1/2 against 1) it did not."""
    order = [{"property": "rank", "order": "ascending"}]
    debate = _graph(["x", "y", "e1", "e2", "e3"],
                    [{"id": "a1", "conclusion": "x", "premises": ["e1"], "weighing": {"preference": order},
                      "properties": {"rank": "1"}},
                     {"id": "a2", "conclusion": "y", "premises": ["e2"], "weighing": {"preference": order},
                      "properties": {"rank": "3"}},
                     {"id": "a3", "conclusion": "y", "premises": ["e3"], "weighing": {"constant": 0.1},
                      "properties": {"rank": "2"}}],
                    [{"id": "i", "positions": ["x", "y"], "standard": "CCE"}], ["e1", "e2", "e3"])
    _in_every_order(debate, tmp_path, {"x": "out", "y": "in"})


def test_random_weighed_graphs_agree_in_the_browser_and_in_every_order(tmp_path: Path) -> None:
    rng = random.Random(2027)
    cases = []
    for _ in range(3000):
        debate = random_caes_debate(rng, rng.randint(3, 12))
        positions = [p for issue in debate.issues for p in issue.positions]
        ids = list(debate.nodes)
        options = {"reject": rng.sample(positions, k=1) if positions and rng.random() < 0.3 else [],
                   "grant": rng.sample(ids, k=1) if rng.random() < 0.3 else [], "perspective": None}
        cases.append((debate, options))
    found = browser_evaluate([(d, {k: v for k, v in o.items() if v is not None}) for d, o in cases], tmp_path)
    for (debate, options), browser in zip(cases, found):
        python = evaluate(debate, index(debate), reject=options["reject"], grant=options["grant"])
        assert browser["labels"] == {n: s.label.value for n, s in python.items()}, debate
        assert browser["rules"] == {n: s.rule for n, s in python.items()}, debate
        order = list(debate.nodes)
        rng.shuffle(order)
        shuffled = _reordered(debate, tuple(order))
        assert _labels(shuffled, reject=options["reject"], grant=options["grant"]) == {
            n: s.label.value for n, s in python.items()}
        names = dict(zip(order, sorted(f"x{rng.randrange(10**6)}-{i}" for i in range(len(order)))))  # new file names
        renamed = _renamed(debate, names)
        labels = _labels(renamed, reject=[names[n] for n in options["reject"]],
                         grant=[names[n] for n in options["grant"]])
        assert {n: labels[names[n]] for n in debate.nodes} == {n: s.label.value for n, s in python.items()}
        for issue in debate.issues:  # never two winners (but two positions both granted both stand, as in CAES)
            if sum(python[p].rule == "granted" for p in issue.positions) < 2:
                assert sum(python[p].label.value == "in" for p in issue.positions) <= 1, (debate, issue)


def _both_evaluators_give(debate: Debate, cases: list[tuple[dict, dict]], tmp_path: Path) -> None:
    """For each (what-if, expected labels): Python gives those labels, and the browser gives Python's labels and
    rules."""
    found = browser_evaluate([(debate, options) for options, _ in cases], tmp_path)
    for (options, expected), browser in zip(cases, found):
        python = evaluate(debate, index(debate), grant=options.get("grant", ()), reject=options.get("reject", ()))
        labels = {n: s.label.value for n, s in python.items()}
        assert {n: labels[n] for n in expected} == expected, options
        assert browser["labels"] == labels and browser["rules"] == {n: s.rule for n, s in python.items()}, options


def _opposites(kind: str) -> Debate:
    """a and b open, opposites (``kind``); a supports c; e, granted, attacks the open d."""
    from build_tools.model import Attack, Node, NodeKind, Origin, Perspective, SourceInfo, Support

    here = Origin("t")
    nodes = {n: Node(id=n, kind=NodeKind.CLAIM, label=n, statement=n, origin=here, open=n in ("a", "b", "d"))
             for n in ("c", "a", "b", "d", "e")}
    attacks = (Attack("a", "b", here, kind), Attack("b", "a", here, kind, mirrored=True), Attack("e", "d", here))
    return Debate(id="o", folder="arguments/o", title="t", summary="s", source=SourceInfo(*["unknown"] * 6), thesis="c",
                  perspectives=(Perspective("author", "A", "a"),), nodes=MappingProxyType(nodes),
                  supports=(Support(("a",), "c", "a", here),), attacks=attacks, undercuts=(), source_text=None,
                  origin=here)


@pytest.mark.parametrize("kind", ["contrary", "contradicts"])
def test_opposites_move_together_in_a_what_if_and_an_attacked_open_claim_falls(kind: str, tmp_path: Path) -> None:
    debate = _opposites(kind)
    cases = [({}, {"a": "undecided", "b": "undecided", "c": "undecided", "d": "out", "e": "in"}),
             ({"grant": ["a"]}, {"a": "in", "b": "out", "c": "in"}),
             ({"grant": ["b"]}, {"a": "out", "b": "in", "c": "out"}),
             ({"reject": ["b"]}, {"a": "in" if kind == "contradicts" else "undecided", "b": "out"})]
    _both_evaluators_give(debate, cases, tmp_path)
    assert evaluate(debate, index(debate))["d"].rule == "attacked"  # the open claim falls to what stands against it


def _conditioned() -> Debate:
    """t, supported by the granted s, needs the open c; issue x/y: x (strong) needs c too, y is weaker."""
    from build_tools.model import Issue, Node, NodeKind, Origin, Perspective, SourceInfo, Support

    here = Origin("t")
    specs = {"t": dict(requires=("c",)), "s": {}, "c": dict(open=True), "x": dict(requires=("c",)), "y": {},
             "e": {}, "f": {}}
    nodes = {n: Node(id=n, kind=NodeKind.CLAIM, label=n, statement=n, origin=here, **spec) for n, spec in specs.items()}
    supports = (Support(("s",), "t", "s", here), Support(("e",), "x", "e", here, Weighing("linked", 0.8)),
                Support(("f",), "y", "f", here, Weighing("linked", 0.3)))
    return Debate(id="c", folder="arguments/c", title="t", summary="s", source=SourceInfo(*["unknown"] * 6), thesis="t",
                  perspectives=(Perspective("author", "A", "a"),), nodes=MappingProxyType(nodes), supports=supports,
                  attacks=(), undercuts=(), source_text=None, origin=here, issues=(Issue("i", ("x", "y")),))


def test_a_necessary_condition_caps_what_needs_it_whatever_else_supports_it(tmp_path: Path) -> None:
    debate = _conditioned()
    cases = [({}, {"t": "undecided", "x": "undecided", "y": "undecided"}),
             ({"grant": ["c"]}, {"t": "in", "x": "in", "y": "out"}),
             ({"reject": ["c"]}, {"t": "out", "x": "out", "y": "in"})]
    _both_evaluators_give(debate, cases, tmp_path)
    from build_tools.prose import explain

    rejected = evaluate(debate, index(debate), reject=("c",))
    assert rejected["t"].rule == rejected["x"].rule == "condition-failed"
    assert explain(rejected["t"]) == "cannot stand: it needs c, which does not stand"
    assert "c" in evaluate(debate, index(debate))["t"].rests_on  # as the map stands: it waits on its condition


def test_perspectives_are_audiences_that_grant_and_dispute_their_own_premises(tmp_path: Path) -> None:
    """The critics grant a premise of the author's (shared, written once) and so reach a conclusion the supporters
    cannot; the supporters dispute a piece of evidence, which is out for them only; in Python and in the browser."""
    from build_tools.model import Node, NodeKind, Origin, Perspective, SourceInfo, Support
    from build_tools.status import evaluate_from, perspective_disputes, perspective_grants

    here = Origin("t")
    kinds = {"ev": NodeKind.EVIDENCE}
    owners = {"shared": "author", "ev": "author", "t": "author", "u": "author"}
    nodes = {n: Node(id=n, kind=kinds.get(n, NodeKind.CLAIM), label=n, statement=n, origin=here,
                     perspective=owners[n]) for n in ("t", "u", "shared", "ev")}
    perspectives = (Perspective("author", "A", "a"), Perspective("critics", "C", "c", grants=("shared",)),
                    Perspective("supporters", "S", "s", disputes=("ev",)))
    debate = Debate(id="p", folder="arguments/p", title="t", summary="s", source=SourceInfo(*["unknown"] * 6),
                    thesis="t", perspectives=perspectives, nodes=MappingProxyType(nodes),
                    supports=(Support(("shared",), "t", "shared", here), Support(("ev",), "u", "ev", here)),
                    attacks=(), undercuts=(), source_text=None, origin=here)
    graph = index(debate)
    critics = evaluate_from(debate, graph, "critics")
    supporters = evaluate_from(debate, graph, "supporters")
    assert critics["t"].outcome == "stands" and supporters["t"].outcome == "not established"
    assert supporters["ev"].rule == "disputed" and supporters["u"].outcome == "not established"
    assert critics["ev"].outcome == "stands" and critics["u"].outcome == "stands"
    cases = [(debate, {"granted": sorted(perspective_grants(debate, graph, p)), "perspective": p,
                       "disputed": list(perspective_disputes(debate, p))}) for p in ("critics", "supporters")]
    for (_, options), browser, python in zip(cases, browser_evaluate(cases, tmp_path), (critics, supporters)):
        assert browser["labels"] == {n: s.label.value for n, s in python.items()}, options
        assert browser["rules"] == {n: s.rule for n, s in python.items()}, options


def test_a_weight_that_can_never_take_effect_is_reported(tmp_path: Path) -> None:
    from helpers import run_argmap, write_issue_debate

    write_issue_debate(tmp_path)
    debate = tmp_path / "arguments" / "weighed" / "debate.yaml"
    debate.write_text(debate.read_text().replace("checks: {inert-weight: ignore}\n", ""))
    claims = tmp_path / "arguments" / "weighed" / "claims"
    doubt = claims / "doubt.yaml"  # the critics' own claim; a weight for the author on it never takes effect
    doubt.write_text(doubt.read_text().replace("weight: low", "weight: low\n  weights: {author: high}"))
    result = run_argmap("check", "--root", str(tmp_path))
    assert "doubt.yaml:" in result.stdout and "[inert-weight]" in result.stdout, result.stdout


def test_what_a_voice_grants_or_disputes_must_exist(tmp_path: Path) -> None:
    from helpers import run_argmap, write_issue_debate

    write_issue_debate(tmp_path)
    debate = tmp_path / "arguments" / "weighed" / "debate.yaml"
    debate.write_text(debate.read_text().replace("description: The critics.}",
                                                 "description: The critics., grants: [benfit], disputes: [doubt]}"))
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1 and "'critics: grants' names 'benfit'" in result.stdout, result.stdout
    assert "closest existing id is 'benefit'" in result.stdout and "doubt" not in result.stdout.split("error")[0]
