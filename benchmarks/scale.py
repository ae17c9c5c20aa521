"""How the command line scales: `argmap check` and `argmap render --whole` on synthetic debates, each
against its floor measured in the same run.

    .venv/bin/python benchmarks/scale.py [NODES ...]        (default: 100 300 1000 3000)

For each size: `argmap check` (in-process, best of 3) against PyYAML's C loader reading the same
files (the least a YAML checker must do); `argmap render --whole` to SVG (the real command, a
process each time, best of 3) against `dot -Tsvg` on the DOT that command draws; and, where the
pinned Argdown CLI is installed (`make test` installs it) and the size is at most 3,000 nodes,
`argdown map` on our Argdown export of the same debate against `argmap render --whole`.
These machines are noisy: read the ratios, which compare runs made side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from synthetic import make_debate  # noqa: E402

from build_tools.check import check_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARGMAP = Path(sys.executable).with_name("argmap")
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"


def best(action, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, timeout=1800)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()[-500:]}")


def measure(n: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="argmap-scale-"))
    try:
        make_debate(scratch, n)
        files = sorted((scratch / "arguments").rglob("*.yaml"))
        check = best(lambda: check_project(scratch))
        loader = best(lambda: [yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader) for f in files])
        run([str(ARGMAP), "render", "--whole", "--format", "dot", "-o", "whole.dot"], scratch)
        render = best(lambda: run([str(ARGMAP), "render", "--whole", "-o", "whole.svg"], scratch))
        dot = best(lambda: run(["dot", "-Tsvg", "whole.dot", "-o", "plain.svg"], scratch))
        line = (f"{n:>6} | check {check:6.2f} s  C loader {loader:6.2f} s  x{check / loader:5.2f} | "
                f"render --whole {render:6.2f} s  dot {dot:6.2f} s  x{render / dot:5.2f}")
        if ARGDOWN.exists() and n <= 3000:
            run([str(ARGMAP), "export", "--format", "argdown", "-o", "debate.argdown"], scratch)
            argdown = best(lambda: run([str(ARGDOWN), "map", "debate.argdown", "argdown-out"], scratch), runs=1)
            line += f" | argdown map {argdown:6.2f} s  x{argdown / render:5.2f} slower than argmap"
        print(line, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    print("  nodes | argmap check against PyYAML's C loader | argmap render --whole against dot alone "
          "| the Argdown CLI on the same graph")
    for size in [int(a) for a in sys.argv[1:]] or [100, 300, 1000, 3000]:
        measure(size)
