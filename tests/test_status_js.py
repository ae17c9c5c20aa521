"""The browser's evaluation (docs/assets/argmap-status.js, run in Node) gives exactly the Python labels,
and each by the same rule (so the same outcome word)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from build_tools.check import check_project
from build_tools.graph import index
from build_tools.model import (
    Debate,
)
from build_tools.status import evaluate, perspective_grants
from helpers import (
    CORPORA,
    DEBATE,
    HAND_MADE,
    ROOT,
    browser_evaluate,
    carneades_corpus,
    carneades_weighed_debate,
    random_debate,
    random_weighed_debate,
    translate_carneades,
    write_graph_debate,
)

pytestmark = pytest.mark.needs_node

WEIGHED = CORPORA / "carneades-weighed"


def _cases(tmp_path: Path) -> list[tuple[Debate, dict]]:
    cases = []
    [article] = check_project(ROOT, debate=DEBATE).debates
    cases.append((article, {}))
    for p in article.perspectives:
        cases.append((article, {"granted": sorted(perspective_grants(article, index(article), p.id))}))
    conditions = ["managed-transition", "allies-adapt-without-fracturing", "middle-east-withstands-drawdown"]
    cases.append((article, {"grant": conditions}))
    cases.append((article, {"reject": conditions[:1], "grant": conditions[1:]}))
    cases.append((article, {"grant": conditions, "weights": {"hasty-exit-risks-instability>reset-redefines-nato": 1.0}}))
    critics = sorted(perspective_grants(article, index(article), "critics"))
    cases.append((article, {"granted": critics, "perspective": "critics", "grant": conditions}))
    graphs = [(name, nodes, "t") for name, (nodes, _) in HAND_MADE.items()]
    for path in carneades_corpus():
        nodes, _, thesis = translate_carneades(yaml.safe_load(path.read_text()))
        graphs.append((path.stem, nodes, thesis))
    for name, nodes, thesis in graphs:
        root = tmp_path / name
        write_graph_debate(root, {k: dict(v) for k, v in nodes.items()}, thesis)
        [debate] = check_project(root).debates
        cases.append((debate, {}))
    for path in sorted(WEIGHED.glob("*.yml")) if WEIGHED.is_dir() else []:
        weighed = carneades_weighed_debate(yaml.safe_load(path.read_text("utf-8")))
        cases.append((weighed, {}))
        cases.append((weighed, {"reject": sorted(weighed.nodes)[:1]}))
    rng = random.Random(11)
    for _ in range(400):
        debate = random_weighed_debate(rng, rng.randint(2, 10))
        ids = list(debate.nodes)
        options = {"grant": rng.sample(ids, k=rng.randint(0, 2)) if rng.random() < 0.3 else [],
                   "reject": rng.sample(ids, k=rng.randint(0, 2)) if rng.random() < 0.3 else []}
        if rng.random() < 0.4:
            options["perspective"] = "critics"
            options["granted"] = sorted(perspective_grants(debate, index(debate), "critics"))
        if rng.random() < 0.3 and debate.supports:
            step = rng.choice(debate.supports)
            options["weights"] = {f"{step.premises[0]}>{step.conclusion}": rng.choice([0.0, 0.2, 0.5, 0.8, 1.0])}
        cases.append((debate, options))
    rng = random.Random(7)
    for _ in range(400):
        debate = random_debate(rng, rng.randint(1, 10))
        ids = list(debate.nodes)
        options = {"grant": rng.sample(ids, k=rng.randint(0, min(2, len(ids)))) if rng.random() < 0.3 else [],
                   "reject": rng.sample(ids, k=rng.randint(0, min(2, len(ids)))) if rng.random() < 0.3 else []}
        cases.append((debate, options))
    return cases


def test_browser_evaluation_matches_python(tmp_path: Path) -> None:
    cases = _cases(tmp_path)
    browser = browser_evaluate(cases, tmp_path / "js")
    assert len(browser) == len(cases) > 800
    for (debate, options), found in zip(cases, browser):
        granted = None
        if "granted" in options:
            granted = {n: "perspective" for n in options["granted"]}
        weights = {tuple(k.split(">")): v for k, v in options.get("weights", {}).items()}
        python = evaluate(debate, index(debate), granted=granted, grant=options.get("grant", ()),
                          reject=options.get("reject", ()), perspective=options.get("perspective"), weights=weights)
        assert found["labels"] == {n: s.label.value for n, s in python.items()}, (debate.id, options)
        assert found["rules"] == {n: s.rule for n, s in python.items()}, (debate.id, options)
