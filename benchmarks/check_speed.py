"""Benchmark: how fast `argmap check` checks debates of growing size.

Prints, for synthetic debates of N nodes, the time of a full check (load, schema, rules,
quotes) against a baseline measured in the same run on the same files: PyYAML's
``safe_load`` of every file, which is the least any YAML checker must do. Machines here are
noisy: read the ratio, not the seconds. Run: ``.venv/bin/python benchmarks/check_speed.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from build_tools.check import check_project

ROOT = Path(__file__).resolve().parent.parent
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/{}.schema.json\n"


def make_debate(root: Path, n: int) -> None:
    """A tree of n claims under one thesis, every one quoting its own sentence."""
    debate = root / "arguments" / "bench"
    (debate / "claims").mkdir(parents=True)
    (root / "build_tools").mkdir()
    (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    sentences = [f"Sentence number {i} states claim {i} of the benchmark debate." for i in range(n)]
    (debate / "source.txt").write_text(" ".join(sentences))
    (debate / "debate.yaml").write_text(
        "# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json\n"
        "title: Benchmark\nsummary: A synthetic debate.\nsource:\n  title: unknown\n  author: unknown\n"
        "  publication: unknown\n  date: unknown\n  url: unknown\n  rights: unknown\nthesis: c0\n"
        "perspectives:\n  - id: author\n    name: Author\n    description: The author.\n")
    for i in range(n):
        relation = "" if i == 0 else f"{'attacks' if i % 3 == 0 else 'supports'}: [c{(i - 1) // 3}]\n"
        (debate / "claims" / f"c{i}.yaml").write_text(
            HEAD.format("claim") + f"label: Claim {i}\nstatement: The benchmark's claim number {i}.\n"
            f"role: {'thesis' if i == 0 else 'reason'}\nperspective: author\nquote: {sentences[i]}\n{relation}")


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    print(f"{'nodes':>6} {'argmap check':>13} {'safe_load':>10} {'ratio':>6} {'per node':>9}")
    for n in (10, 100, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_debate(root, n)
            files = sorted((root / "arguments").rglob("*.yaml"))
            result = check_project(root)
            assert result.ok and not result.diagnostics, result.diagnostics[:3]
            full = best_of(5, lambda: check_project(root))
            baseline = best_of(5, lambda: [yaml.safe_load(f.read_text()) for f in files])
            print(f"{n:>6} {full * 1000:>11.1f}ms {baseline * 1000:>8.1f}ms {full / baseline:>6.2f}"
                  f" {full / n * 1000:>7.2f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
