"""The browser's evaluation (docs/assets/argmap-status.js, run in Node) gives exactly the Python labels."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from build_tools.analysis import analyse
from build_tools.check import check_project
from build_tools.graph import index
from build_tools.model import (
    Attack,
    Debate,
    Issue,
    Node,
    NodeKind,
    Origin,
    Perspective,
    SourceInfo,
    Support,
    Undercut,
    Weighing,
)
from build_tools.site.whatif import graph_data
from build_tools.status import evaluate, perspective_grants
from helpers import (
    CORPORA,
    HAND_MADE,
    ROOT,
    carneades_corpus,
    carneades_weighed_debate,
    translate_carneades,
    write_graph_debate,
)

pytestmark = pytest.mark.needs_node

SCRIPT = ROOT / "docs" / "assets" / "argmap-status.js"
WEIGHED = CORPORA / "carneades-weighed"
RUNNER = """
const {evaluate} = require(process.argv[2]);
const cases = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify(cases.map(c => evaluate(c.graph, c.options))));
"""


def _random_debate(rng: random.Random, n: int) -> Debate:
    ids = [f"n{i}" for i in range(n)]
    nodes = {}
    for node_id in ids:
        kind = NodeKind.EVIDENCE if rng.random() < 0.2 else NodeKind.CLAIM
        assumed = rng.choice([None, None, True, False])
        nodes[node_id] = Node(id=node_id, kind=kind, label=node_id, statement=node_id, assumed=assumed,
                              origin=Origin("x"))
    supports, attacks, undercuts = {}, set(), []
    for _ in range(rng.randint(0, 2 * n)):
        conclusion = rng.choice(ids)
        premises = tuple(rng.sample([i for i in ids if i != conclusion], k=min(rng.randint(1, 2), n - 1)))
        if premises:
            step = Support(premises, conclusion, premises[0], Origin("x"))
            supports.setdefault(step.key, step)
    for _ in range(rng.randint(0, 2 * n)):
        a, t = rng.choice(ids), rng.choice(ids)
        if a != t:
            attacks.add((a, t))
    for step in list(supports.values()):
        if rng.random() < 0.3:
            cutter = rng.choice(ids)
            if cutter not in step.premises:
                undercuts.append(Undercut(cutter, step.premises, step.conclusion, Origin("x")))
    return Debate(
        id="random", folder="arguments/random", title="t", summary="s",
        source=SourceInfo(*(["unknown"] * 6)), thesis=ids[0],
        perspectives=(Perspective("author", "Author", "Author"),), nodes=MappingProxyType(nodes),
        supports=tuple(supports.values()), attacks=tuple(Attack(a, t, Origin("x")) for a, t in sorted(attacks)),
        undercuts=tuple(undercuts), source_text=None, origin=Origin("x"),
    )


def _random_weighed_debate(rng: random.Random, n: int) -> Debate:
    """A random graph with an issue or two, weighed supports and attacks, weights per perspective,
    every weighing function but criteria, the three standards, and open conditions."""
    base = _random_debate(rng, n)
    ids = list(base.nodes)
    functions = ["linked", "constant", "convergent", "cumulative", "factorized", "preference"]
    nodes = {i: replace(node, open=rng.random() < 0.1 and node.assumed is None, perspective=rng.choice(["author", "critics"]))
             for i, node in base.nodes.items()}
    issues, free = [], ids[:]
    rng.shuffle(free)
    while len(free) >= 2 and len(issues) < 2 and rng.random() < 0.8:
        positions = tuple(free.pop() for _ in range(rng.randint(2, min(3, len(free)))))
        issues.append(Issue(f"i{len(issues)}", positions, rng.choice(["PE", "CCE", "BRD"])))

    def weighing():
        if rng.random() < 0.3:
            return None
        function = rng.choice(functions)
        weights = MappingProxyType({"critics": rng.choice([0.2, 0.5, 0.8])} if rng.random() < 0.4 else {})
        weight = rng.choice([None, 0.2, 0.5, 0.8, 1.0]) if function in ("linked", "constant", "convergent") else None
        preference = ({"property": "rank", "order": "ascending"},) if function == "preference" else ()
        properties = MappingProxyType({"rank": str(rng.randint(1, 3))} if function == "preference" else {})
        return Weighing(function, weight, weights, None, None, preference, properties)

    supports = tuple(replace(step, weighing=weighing()) for step in base.supports)
    attacks = tuple(replace(attack, weighing=weighing()) for attack in base.attacks)
    return replace(base, nodes=MappingProxyType(nodes), supports=supports, attacks=attacks, issues=tuple(issues),
                   perspectives=(Perspective("author", "Author", "Author"), Perspective("critics", "Critics", "C")))


def _cases(tmp_path: Path) -> list[tuple[Debate, dict]]:
    cases = []
    [article] = check_project(ROOT).debates
    cases.append((article, {}))
    for p in article.perspectives:
        cases.append((article, {"granted": sorted(perspective_grants(article, index(article), p.id))}))
    cases.append((article, {"reject": ["truth-lies-in-execution", "iraq-gains-against-isis"]}))
    cases.append((article, {"grant": ["reset-is-sound-course"], "reject": ["hasty-exit-risks-instability"]}))
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
        debate = _random_weighed_debate(rng, rng.randint(2, 10))
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
        debate = _random_debate(rng, rng.randint(1, 10))
        ids = list(debate.nodes)
        options = {"grant": rng.sample(ids, k=rng.randint(0, min(2, len(ids)))) if rng.random() < 0.3 else [],
                   "reject": rng.sample(ids, k=rng.randint(0, min(2, len(ids)))) if rng.random() < 0.3 else []}
        cases.append((debate, options))
    return cases


def test_browser_evaluation_matches_python(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    cases = _cases(tmp_path)
    payload = [{"graph": graph_data(analyse(d)), "options": o} for d, o in cases]
    data = tmp_path / "cases.json"
    data.write_text(json.dumps(payload))
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER)
    result = subprocess.run([node, str(runner), str(SCRIPT), str(data)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    browser = json.loads(result.stdout)
    assert len(browser) == len(cases) > 800
    for (debate, options), labels in zip(cases, browser):
        granted = None
        if "granted" in options:
            granted = {n: "perspective" for n in options["granted"]}
        weights = {tuple(k.split(">")): v for k, v in options.get("weights", {}).items()}
        python = evaluate(debate, index(debate), granted=granted, grant=options.get("grant", ()),
                          reject=options.get("reject", ()), perspective=options.get("perspective"), weights=weights)
        assert labels == {n: s.label.value for n, s in python.items()}, (debate.id, options)
