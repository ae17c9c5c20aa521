"""How long `argmap diff` takes on a synthetic debate, against `argmap check` of one version in the same run.

    .venv/bin/python benchmarks/diff_speed.py [NODES ...]      (default: 1000 3000)

A diff checks both versions (so about twice a check) and evaluates every outcome under every
perspective in both; the ratio says what the comparison adds. Figures are the best of 3 runs.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import HEAD, make_debate  # noqa: E402

from build_tools.cli import main  # noqa: E402


def _best(argv: list[str]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(argv)
        times.append(time.perf_counter() - started)
        assert code == 0, (argv, code)
    return min(times)


def run(n: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="argmap-diff-bench-"))
    try:
        base, head = scratch / "base", scratch / "head"
        make_debate(base, n)
        make_debate(head, n)
        source = (head / "arguments" / "bench" / "source.txt").read_text()
        (head / "arguments" / "bench" / "claims" / "objection.yaml").write_text(
            HEAD.format("claim") + "label: A new objection\nstatement: A new objection to claim 1.\nrole: objection\n"
            f"perspective: critics\nquote: {source.split('. ')[1]}.\nattacks: [c1]\n")
        check = _best(["check", "--root", str(base)])
        diff = _best(["diff", str(base), str(head), "--root", str(base)])
        print(f"{n:>6} nodes   check {check:6.2f} s   diff {diff:6.2f} s   diff/check {diff / check:4.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    for size in [int(a) for a in sys.argv[1:]] or [1000, 3000]:
        run(size)
