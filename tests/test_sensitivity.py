"""How fragile an outcome is: `argmap status --sensitivity` names the single changes that flip the thesis and
each position; on random debates it finds exactly what trying every one-step change on every node finds."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from build_tools.graph import index
from build_tools.model import NodeKind
from build_tools.sensitivity import _steps, sensitivity
from build_tools.status import (
    COMPUTED_WEIGHTS,
    evaluate,
    evaluate_from,
    granted_by_default,
    perspective_grants,
    wiring,
)
from helpers import random_caes_debate, run_argmap, write_issue_debate


def test_sensitivity_names_the_changes_that_flip_the_verdict(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    text = run_argmap("status", "--root", str(tmp_path), "--sensitivity", "--grant", "managed-exit")
    assert text.returncode == 0, text.stderr
    assert "verdict (stands): turns" in text.stdout
    assert "if the argument from risk to verdict weighs high" in text.stdout  # the risk, one step up, balances it
    data = json.loads(run_argmap("status", "--root", str(tmp_path), "--sensitivity", "--format", "json").stdout)
    assert data["verdict"]["outcome"] == "open"
    assert {(f["change"], f["node"]) for f in data["verdict"]["flips"]} >= {("grant", "managed-exit")}


def _brute_force(debate, perspective=None) -> dict[str, set]:
    """Every one-step change on every node and every weighed argument, tried with a whole evaluation each."""
    graph = index(debate)

    def run(**change):
        return evaluate_from(debate, graph, perspective, **change)

    base = run()
    targets = [debate.thesis, *(p for issue in debate.issues for p in issue.positions)]
    granted = perspective_grants(debate, graph, perspective) if perspective else granted_by_default(debate, graph)
    found = {t: set() for t in targets}

    def tried(key, result):
        for t in targets:
            if result[t].outcome != base[t].outcome:
                found[t].add((*key, result[t].outcome))

    for node in debate.nodes.values():
        if node.open and base[node.id].rule == "open":
            tried(("grant", node.id), run(grant=(node.id,)))
            tried(("reject", node.id), run(reject=(node.id,)))
        elif node.id in granted and base[node.id].label.value == "in" and node.kind is not NodeKind.ARGUMENT:
            tried(("reject", node.id), run(reject=(node.id,)))
    seen = set()
    for source, target, w in [(s.premises[0], s.conclusion, s.weighing) for s in debate.supports] + \
                             [(a.attacker, a.target, a.weighing) for a in debate.attacks if not a.mirrored]:
        if w is None or w.function in COMPUTED_WEIGHTS or (source, target) in seen:
            continue
        seen.add((source, target))
        for step in _steps(w.weight_for(perspective)):
            tried(("weight", source, target, step), run(weights={(source, target): step}))
    return found


def test_sensitivity_finds_what_trying_every_change_finds() -> None:
    """On random debates with issues, criteria, preference, necessary conditions, opposites and perspectives."""
    rng = random.Random(24)
    for _ in range(400):
        debate = random_caes_debate(rng, rng.randint(3, 10))
        perspective = rng.choice([None, "author", "critics"])
        found = sensitivity(debate, index(debate), perspective)
        ours = {t: {(f.change, f.node, f.to, f.weight_to, f.after) if f.change == "weight"
                    else (f.change, f.node, f.after) for f in flips} for t, flips in found.items()}
        assert ours == _brute_force(debate, perspective), (perspective, debate)


def test_a_change_worked_out_part_by_part_is_the_whole_evaluation() -> None:
    """Every single change, worked out from the labels as the map stands (only the parts it moves), gives every
    node the status a whole evaluation gives it: labels, rules and reasons."""
    rng = random.Random(2028)
    for _ in range(300):
        debate = random_caes_debate(rng, rng.randint(3, 12))
        graph, wired = index(debate), None
        wired = wiring(debate, graph)
        base = evaluate(debate, graph, wired=wired)
        known = {n: s.label for n, s in base.items()}
        opposites = {n: [debate.attacks[i].target for i in wired.opposites.get(n, ())] for n in debate.nodes}
        changes = [({"grant": (n,)}, [n, *opposites[n]]) for n in debate.nodes]
        changes += [({"reject": (n,)}, [n, *opposites[n]]) for n in debate.nodes]
        changes += [({"weights": {(s.premises[0], s.conclusion): w}}, [s.conclusion])
                    for s in debate.supports for w in (0.2, 0.8)]
        changes += [({"weights": {(a.attacker, a.target): 0.9}}, [a.target]) for a in debate.attacks]
        for change, touched in changes:
            whole = evaluate(debate, graph, **change)
            part = evaluate(debate, graph, **change, wired=wired, known=known, changed=touched)
            for node_id in debate.nodes:
                if node_id in part:
                    assert part[node_id].label == whole[node_id].label, (change, node_id, debate)
                    assert part[node_id].rule == whole[node_id].rule, (change, node_id, debate)
                    assert part[node_id].decision == whole[node_id].decision, (change, node_id, debate)
                else:  # not worked out again: it keeps its status as the map stands
                    assert whole[node_id].label == base[node_id].label, (change, node_id, debate)
                    assert whole[node_id].rule == base[node_id].rule, (change, node_id, debate)


def test_the_pass_stops_when_its_budget_is_spent_and_the_page_says_so(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget (nodes worked out again, over every change) bounds the pass a build makes; within it the result is
    the unbounded pass's, past it none, and the thesis page says the firmness was not worked out (not "no single
    change turns it")."""
    rng = random.Random(11)
    for _ in range(20):
        debate = random_caes_debate(rng, rng.randint(5, 25))
        graph = index(debate)
        assert sensitivity(debate, graph, budget=10**9) == sensitivity(debate, graph)
        spent = sensitivity(debate, graph, budget=0)
        assert spent is None or not any(spent.values()) or spent == sensitivity(debate, graph)
    from build_tools import analysis as analysis_module
    from build_tools.check import check_project
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer

    write_issue_debate(tmp_path)

    def thesis_page() -> str:
        a = check_project(tmp_path).analyses[0]
        site = build_site([a], Renderer(tmp_path / "cache"), previews=False)
        name = f"/{a.debate.thesis}"
        return "".join(v for k, v in site.fragments.items() if k.endswith(name))

    assert "How firm:</strong> this outcome turns" in thesis_page()
    monkeypatch.setattr(analysis_module, "SENSITIVITY_WORK", 0)
    page = thesis_page()
    assert "How firm:</strong> not worked out" in page and "this outcome turns" not in page
