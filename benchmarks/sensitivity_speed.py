"""How long `argmap status --sensitivity` takes, against what a user would do without it: try every single change
(grant or reject each open condition, reject each premise taken as given, move each weight one step) with a
whole evaluation each, as `argmap status --grant/--reject/--weight` does. Both are measured in the same run, on
the random debates of status_speed.py in two shapes: "layered" (no cycle, as a map read from a text) and
"knotted" (a premise above what it supports, a position bearing on its rival: cycles tie much of the debate into
one knot, which is worked out again whole whenever a change reaches it).

    .venv/bin/python benchmarks/sensitivity_speed.py
"""

from __future__ import annotations

import sys
import time

from status_speed import random_debate

from build_tools.graph import index
from build_tools.model import NodeKind
from build_tools.sensitivity import _steps, sensitivity
from build_tools.status import COMPUTED_WEIGHTS, evaluate, granted_by_default


def try_every_change(debate, graph) -> int:
    """The baseline: each single change, one whole evaluation; returns how many were tried."""
    base = evaluate(debate, graph)
    granted = granted_by_default(debate, graph)
    tried = 0
    for node in debate.nodes.values():
        if node.open and base[node.id].rule == "open":
            evaluate(debate, graph, grant=(node.id,))
            evaluate(debate, graph, reject=(node.id,))
            tried += 2
        elif node.id in granted and base[node.id].label.value == "in" and node.kind is not NodeKind.ARGUMENT:
            evaluate(debate, graph, reject=(node.id,))
            tried += 1
    for source, target, w in [(s.premises[0], s.conclusion, s.weighing) for s in debate.supports] + \
                             [(a.attacker, a.target, a.weighing) for a in debate.attacks]:
        if w is not None and w.function not in COMPUTED_WEIGHTS:
            for step in _steps(w.weight_for(None)):
                evaluate(debate, graph, weights={(source, target): step})
                tried += 1
    return tried


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> int:
    print(f"{'shape':>8} {'nodes':>6} {'issues':>6} {'sensitivity s':>14} {'every change s':>15} {'ratio':>6}")
    for shape, sizes in (("layered", (1_000, 10_000)), ("knotted", (1_000, 4_000))):
        for n in sizes:
            debate = random_debate(n, seed=1, shape=shape)
            graph = index(debate)
            ours = timed(lambda: sensitivity(debate, graph))
            if n <= 1_000:
                baseline = f"{timed(lambda: try_every_change(debate, graph)):>15.2f}"
                ratio = f"{float(baseline) / ours:>6.1f}"
            else:
                baseline, ratio = f"{'(not run)':>15}", f"{'':>6}"
            print(f"{shape:>8} {n:>6} {len(debate.issues):>6} {ours:>14.2f} {baseline} {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
