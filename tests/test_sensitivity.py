"""How fragile an outcome is: `argmap status --sensitivity` names the single changes that flip the thesis and
each position; on random debates it finds exactly what trying every one-step change on every node finds."""

from __future__ import annotations

import json
import random
from pathlib import Path

from build_tools.graph import index
from build_tools.model import NodeKind
from build_tools.sensitivity import _steps, sensitivity
from build_tools.status import COMPUTED_WEIGHTS, evaluate, granted_by_default
from helpers import random_weighed_debate, run_argmap, write_issue_debate


def test_sensitivity_names_the_changes_that_flip_the_verdict(tmp_path: Path) -> None:
    write_issue_debate(tmp_path)
    text = run_argmap("status", "--root", str(tmp_path), "--sensitivity", "--grant", "managed-exit")
    assert text.returncode == 0, text.stderr
    assert "verdict (stands): turns" in text.stdout
    assert "if the argument from risk to verdict weighs high" in text.stdout  # the risk, one step up, balances it
    data = json.loads(run_argmap("status", "--root", str(tmp_path), "--sensitivity", "--format", "json").stdout)
    assert data["verdict"]["outcome"] == "open"
    assert {(f["change"], f["node"]) for f in data["verdict"]["flips"]} >= {("grant", "managed-exit")}


def _brute_force(debate) -> dict[str, set]:
    """Every one-step change on every node and every weighed argument, tried."""
    graph = index(debate)
    base = evaluate(debate, graph)
    targets = [debate.thesis, *(p for issue in debate.issues for p in issue.positions)]
    granted = granted_by_default(debate, graph)
    found = {t: set() for t in targets}

    def tried(key, result):
        for t in targets:
            if result[t].outcome != base[t].outcome:
                found[t].add((*key, result[t].outcome))

    for node in debate.nodes.values():
        if node.open and base[node.id].rule == "open":
            tried(("grant", node.id), evaluate(debate, graph, grant=(node.id,)))
            tried(("reject", node.id), evaluate(debate, graph, reject=(node.id,)))
        elif node.id in granted and base[node.id].label.value == "in" and node.kind is not NodeKind.ARGUMENT:
            tried(("reject", node.id), evaluate(debate, graph, reject=(node.id,)))
    seen = set()
    for source, target, w in [(s.premises[0], s.conclusion, s.weighing) for s in debate.supports] + \
                             [(a.attacker, a.target, a.weighing) for a in debate.attacks if not a.mirrored]:
        if w is None or w.function in COMPUTED_WEIGHTS or (source, target) in seen:
            continue
        seen.add((source, target))
        for step in _steps(w.weight_for(None)):
            tried(("weight", source, target, step), evaluate(debate, graph, weights={(source, target): step}))
    return found


def test_sensitivity_finds_what_trying_every_change_finds() -> None:
    rng = random.Random(24)
    for _ in range(150):
        debate = random_weighed_debate(rng, rng.randint(3, 9))
        found = sensitivity(debate, index(debate))
        ours = {t: {(f.change, f.node, f.to, f.weight_to, f.after) if f.change == "weight"
                    else (f.change, f.node, f.after) for f in flips} for t, flips in found.items()}
        brute = {t: {k if k[0] != "weight" else (k[0], k[1], k[2], k[3], k[4]) for k in keys}
                 for t, keys in _brute_force(debate).items()}
        assert ours == brute, debate
