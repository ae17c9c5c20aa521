"""Benchmark: from saving a claim file to the served site showing the change, under `make serve`.

    .venv/bin/python benchmarks/preview_speed.py [NODES ...]        (default: 1000)

For a synthetic debate of NODES claims, starts `mkdocs serve --dirty` (what `make serve` runs) and, as the
baseline in the same run, `mkdocs serve` (every rebuild a full one); then, three times each, relabels a claim
deep in the tree and polls the claim's page over HTTP (localhost) until the new label is on the page and on its
map. Prints each time, the median, and the ratio of the two. The time is what a reader of the page waits:
MkDocs' file watcher, the rebuild, and the page being served.
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_speed import argmap_site  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # the server writes and reads bytecode, as by default


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        page = fetch(url)
        if page is not None and text in page and page.count(text) >= 2:  # on the page and on its map
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def measure(project: Path, dirty: bool, node: int) -> list[float]:
    port = free_port()
    command = [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    log = open(project / f"serve-{'dirty' if dirty else 'full'}.log", "w")
    server = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/bench/claims/c{node}/"
        claim = project / "arguments" / "bench" / "claims" / f"c{node}.yaml"
        wait_for(url, re.search(r"^label: (.*)$", claim.read_text(), flags=re.M).group(1), 900)
        time.sleep(2)  # let the watcher settle after the first build
        times = []
        for attempt in range(3):
            label = f"Relabelled {'dirty' if dirty else 'full'} {attempt} claim {node}"
            text = re.sub(r"^label: .*$", f"label: {label}", claim.read_text(), flags=re.M)
            started = time.perf_counter()
            claim.write_text(text)
            wait_for(url, label, 600)
            times.append(time.perf_counter() - started)
            time.sleep(1)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def main(sizes: list[int]) -> None:
    for nodes in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = argmap_site(Path(tmp) / "argmap", nodes)
            node = nodes - 1  # a leaf: its page, its parent's, the maps that show it
            preview = measure(project, True, node)
            full = measure(project, False, node)
        print(f"{nodes} nodes: save to visible, make serve (--dirty): "
              + ", ".join(f"{t:.2f}" for t in preview) + f" s (median {statistics.median(preview):.2f} s)")
        print(f"{nodes} nodes: save to visible, plain mkdocs serve:    "
              + ", ".join(f"{t:.2f}" for t in full) + f" s (median {statistics.median(full):.2f} s)")
        print(f"  ratio, make serve / full rebuild: {statistics.median(preview) / statistics.median(full):.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
