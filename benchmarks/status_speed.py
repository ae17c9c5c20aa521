"""How long the evaluation of statuses takes on large random graphs with issues, against the same
graphs read without weighing (grounded semantics: the baseline, measured in the same run).

    .venv/bin/python benchmarks/status_speed.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from types import MappingProxyType

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
    Weighing,
)
from build_tools.status import evaluate

HERE = Origin("bench")
FUNCTIONS = ("linked", "constant", "convergent", "cumulative", "factorized")


def random_debate(n: int, seed: int, shape: str = "knotted") -> Debate:
    """A tree of supports and attacks under one thesis, with cross-links, an issue per 50 nodes
    (2-3 positions, every standard), weighed arguments and some open conditions.

    ``"knotted"``: a linked argument's second premise and an issue's positions are drawn from anywhere in the
    tree, so a premise may lie above what it supports and one position may bear on its rival: cycles tie much
    of the debate into one knot. ``"layered"``: a second premise lies below what it supports, and an issue's
    positions are answers to one question (nodes that bear on the same node), as in a map read from a text:
    no cycle."""
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(n)]
    nodes = {i: Node(id=i, kind=NodeKind.CLAIM, label=i, statement=i, origin=HERE, open=rng.random() < 0.01)
             for i in ids}
    supports, attacks = {}, []
    for k in range(1, n):
        target = ids[rng.randrange(max(1, k // 3), k) if k > 3 else 0]
        weighing = Weighing(rng.choice(FUNCTIONS), rng.choice([None, 0.2, 0.5, 0.8]),
                            MappingProxyType({"critics": 0.3} if rng.random() < 0.2 else {}))
        if rng.random() < 0.3:
            attacks.append(Attack(ids[k], target, HERE, weighing=weighing))
        else:
            below = (int(target[1:]) + 1) if shape == "layered" else 1
            premises = (ids[k],) if rng.random() < 0.8 or k < 3 or below >= k else (ids[k], ids[rng.randrange(below, k)])
            step = Support(tuple(dict.fromkeys(premises)), target, ids[k], HERE, weighing)
            supports.setdefault(step.key, step)
    if shape == "layered":
        children: dict[str, list[str]] = {}
        for step in supports.values():
            children.setdefault(step.conclusion, []).append(step.premises[0])
        groups = [kids[:rng.choice([2, 3])] for _, kids in sorted(children.items()) if len(kids) >= 2]
        rng.shuffle(groups)
        groups = groups[:n // 50]
    else:
        free = ids[1:]
        rng.shuffle(free)
        groups = [free[3 * j: 3 * j + rng.choice([2, 3])] for j in range(n // 50)]
    issues = [Issue(f"i{j}", tuple(group), rng.choice(["PE", "CCE", "BRD"])) for j, group in enumerate(groups)]
    return Debate(id="bench", folder="arguments/bench", title="t", summary="s", source=SourceInfo(*(["unknown"] * 6)),
                  thesis="n0", perspectives=(Perspective("author", "A", "A"), Perspective("critics", "C", "C")),
                  nodes=MappingProxyType(nodes), supports=tuple(supports.values()), attacks=tuple(attacks),
                  undercuts=(), source_text=None, origin=HERE, issues=tuple(issues))


def best_of(work, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    print(f"{'nodes':>7} {'issues':>7} {'weighed s':>10} {'grounded s':>11} {'ratio':>6} {'median of 3':>12}")
    for n in (1_000, 3_000, 10_000):
        debate = random_debate(n, seed=n)
        graph = index(debate)
        weighed = best_of(lambda: evaluate(debate, graph))
        grounded = best_of(lambda: evaluate(debate, graph, weighing=False))
        median = statistics.median(best_of(lambda: evaluate(debate, graph), 1) for _ in range(3))
        print(f"{n:>7} {len(debate.issues):>7} {weighed:>10.3f} {grounded:>11.3f} {weighed / grounded:>6.2f} {median:>12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
