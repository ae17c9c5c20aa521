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

from build_tools.check import check_project
from build_tools.graph import index
from build_tools.model import Attack, Debate, Node, NodeKind, Origin, Perspective, SourceInfo
from build_tools.status import Label, evaluate
from helpers import (
    CARNEADES,
    CORPORA_OPTIONAL,
    DEBATE,
    HAND_MADE,
    ROOT,
    carneades_corpus,
    needs_external,
    run_argmap,
    translate_carneades,
    write_graph_debate,
)


def _status(root: Path, *args: str) -> dict:
    chosen = ("--debate", DEBATE) if root == ROOT else ()  # the shipped article, whatever other debates there are
    result = run_argmap("status", "--root", str(root), *chosen, "--format", "json", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


@needs_external(CARNEADES)
@pytest.mark.parametrize("path", carneades_corpus(), ids=lambda p: p.stem)
def test_carneades_corpus(path: Path, tmp_path: Path) -> None:
    graph = yaml.safe_load(path.read_text())
    nodes, expected, thesis = translate_carneades(graph)
    write_graph_debate(tmp_path, nodes, thesis)
    labels = {n: s["label"].replace("undecided", "undec") for n, s in _status(tmp_path).items()}
    assert {n: labels[n] for n in expected} == expected


def test_the_corpus_is_there_under_ci() -> None:
    if os.environ.get("CI") == "true" and not CORPORA_OPTIONAL:
        assert len(carneades_corpus()) == 26


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
        debate = _attack_only(n, attacks)
        ours = evaluate(debate, index(debate))
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


@pytest.mark.parametrize("case", sorted(HAND_MADE))
def test_hand_made_cases(case: str, tmp_path: Path) -> None:
    nodes, expected = HAND_MADE[case]
    write_graph_debate(tmp_path, {k: dict(v) for k, v in nodes.items()}, "t")
    labels = {n: s["label"] for n, s in _status(tmp_path).items()}
    assert labels == expected


def test_every_reason_leads_to_granted_premises() -> None:
    result = json.loads(run_argmap("status", "--debate", DEBATE, "--format", "json").stdout)
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
            assert s["label"] == "in" and s["rule"] in ("granted", "supported", "won")
            if s["rule"] == "supported":
                todo.extend(s["steps"][0]["premises"])
            if s["rule"] == "won":  # a position that won its issue: its strongest argument's premises stand
                todo.extend(s["decision"]["strongest"][current])
        assert any(result[n]["rule"] == "granted" for n in seen)


# The article's two questions, and the conditions of the second as it states them.
SUCCESS = ("reset-vindicated", "reset-backfires")
MET = ["managed-transition", "allies-adapt-without-fracturing", "middle-east-withstands-drawdown"]
FAILED = ["allies-adapt-without-fracturing", "middle-east-withstands-drawdown"]


def test_status_text_perspective_and_what_if() -> None:
    """The article's two questions as it asks them: what the reset is, asserted (the repositioning stands for the
    author and every voice that shares its premises; the critics' own column keeps their charge); whether it
    succeeds, left open for every voice until a reader settles the conditions; and the corners: conditions met with
    a managed transition, every voice concedes success; a hasty exit with the conditions failing, the critics win
    in their own column."""
    text = run_argmap("status", "--debate", DEBATE)
    assert text.returncode == 0
    rows = {x.split()[2]: x for x in text.stdout.splitlines()[:-1]}  # label, outcome (one or two words), node
    rows.update({x.split()[3]: x for x in text.stdout.splitlines()[:-1] if x.split()[1] == "not"})
    line = rows["reset-redefines-nato"]
    assert line.split()[:2] == ["in", "stands"]
    line = rows["reset-vindicated"]
    assert line.split()[:2] == ["undecided", "open"] and "allies-adapt-without-fracturing" in line
    assert re.search(r"^status: \d+ in, \d+ out, \d+ undecided$", text.stdout.splitlines()[-1])
    [debate] = check_project(ROOT, debate=DEBATE).debates
    for perspective in debate.perspectives:
        statuses = _status(ROOT, "--perspective", perspective.id)
        assert [statuses[p]["outcome"] for p in SUCCESS] == ["open", "open"], perspective.id
        expected = "outweighed" if perspective.id == "critics" else "stands"
        assert statuses["reset-redefines-nato"]["outcome"] == expected, perspective.id
        met = _status(ROOT, "--perspective", perspective.id, "--grant", *MET)
        assert met["reset-vindicated"]["outcome"] == "stands", perspective.id  # every voice concedes success
        assert met["transition-is-hasty"]["rule"] == "rejected"  # its contrary, granted, rejects it
        failed = _status(ROOT, "--perspective", perspective.id, "--grant", "transition-is-hasty", "--reject", *FAILED)
        assert failed["reset-vindicated"]["rule"] == "condition-failed", perspective.id
    critics = _status(ROOT, "--perspective", "critics")
    assert critics["withdrawal-invites-chaos"]["outcome"] == "stands"  # the critics' case, from their premises
    assert critics["reset-is-isolationism"]["outcome"] == "stands"
    failed = _status(ROOT, "--perspective", "critics", "--grant", "transition-is-hasty", "--reject", *FAILED)
    assert failed["reset-backfires"]["outcome"] == "stands"  # the critics win in their own column
    author = _status(ROOT, "--perspective", "author")
    assert author["reset-is-isolationism"]["outcome"] == "outweighed"
    # a managed transition answers the critics' 2011 precedent: the step from their warning to failure is undercut
    managed = _status(ROOT, "--grant", "managed-transition")
    assert {"premises": ["withdrawal-invites-chaos"], "label": "out", "premises_out": [],
            "undercutters_in": ["managed-transition"], "waiting": []} in managed["reset-backfires"]["steps"]


def test_status_refuses_unknown_ids() -> None:
    result = run_argmap("status", "--debate", DEBATE, "--reject", "truth-lies")
    assert result.returncode == 1 and "no node 'truth-lies'" in result.stderr
    result = run_argmap("status", "--debate", DEBATE, "--perspective", "critic")
    assert result.returncode == 1 and "did you mean 'critics'?" in result.stderr


def test_repeated_grant_and_reject_accumulate(project) -> None:
    once = _status(project, "--reject", "study-measured-one-street", "council-study")
    twice = _status(project, "--reject", "study-measured-one-street", "--reject", "council-study")
    assert once == twice
    assert twice["council-study"]["rule"] == twice["study-measured-one-street"]["rule"] == "rejected"
