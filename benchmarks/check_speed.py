"""Benchmark: how fast `argmap check` checks debates of growing size.

Prints, for synthetic debates of N nodes, the time of a full check (load, schema, rules,
quotes) against baselines measured in the same run on the same files: PyYAML's ``safe_load``
of every file with its Python parser and with libyaml (``CSafeLoader``), the least any YAML
checker must do. The checker reads with libyaml where PyYAML has it (ARGMAP_NO_LIBYAML=1 turns
that off, for comparison). Machines here are noisy: read the ratios, not the seconds.
Run: ``.venv/bin/python benchmarks/check_speed.py [NODES ...]``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from synthetic import make_debate

from build_tools.check import check_project


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    print(f"{'nodes':>6} {'argmap check':>13} {'safe_load':>10} {'ratio':>6} {'C loader':>9} {'ratio':>6} "
          f"{'per node':>9}")
    for n in [int(a) for a in sys.argv[1:]] or (10, 100, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_debate(root, n)
            files = sorted((root / "arguments").rglob("*.yaml"))
            result = check_project(root)
            assert result.ok and not result.diagnostics, result.diagnostics[:3]
            full = best_of(5, lambda: check_project(root))
            baseline = best_of(5, lambda: [yaml.safe_load(f.read_text()) for f in files])
            c_loader = best_of(5, lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files])
            print(f"{n:>6} {full * 1000:>11.1f}ms {baseline * 1000:>8.1f}ms {full / baseline:>6.2f}"
                  f" {c_loader * 1000:>7.1f}ms {full / c_loader:>6.2f} {full / n * 1000:>7.2f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
