"""The browser's evaluation (docs/assets/argmap-status.js, run in Node) gives exactly the Python labels."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from build_tools.analysis import analyse
from build_tools.check import check_project
from build_tools.graph import index
from build_tools.model import Attack, Debate, Node, NodeKind, Origin, Perspective, SourceInfo, Support, Undercut
from build_tools.site.whatif import graph_data
from build_tools.status import evaluate, perspective_grants
from helpers import HAND_MADE, ROOT, carneades_corpus, translate_carneades, write_graph_debate

pytestmark = pytest.mark.needs_node

SCRIPT = ROOT / "docs" / "assets" / "argmap-status.js"
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
    assert len(browser) == len(cases) > 400
    for (debate, options), labels in zip(cases, browser):
        granted = None
        if "granted" in options:
            granted = {n: "perspective" for n in options["granted"]}
        python = evaluate(debate, index(debate), granted=granted, grant=options.get("grant", ()),
                          reject=options.get("reject", ()))
        assert labels == {n: s.label.value for n, s in python.items()}, (debate.id, options)
