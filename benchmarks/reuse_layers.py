"""What each of make serve's reuse layers saves: save-to-visible with every layer, and with each left out.

    .venv/bin/python benchmarks/reuse_layers.py [NODES]        (default: 1000)

For a synthetic debate (benchmarks/synthetic.py), runs `mkdocs serve --dirty` (what `make serve` runs) once with
every layer of build_tools/preview.py (LAYERS), then once with each left out (ARGMAP_PREVIEW_WITHOUT), and each
time relabels a leaf, then an inner claim (its neighbours' pages change too: the slow case), three times each,
and waits until its page shows the new label (benchmarks/preview_speed.py's measurement). Prints the median of each and its ratio to the run with every layer: a layer whose ratio stays
near 1 saves nothing a maintainer would notice. The baseline is the same server with the layer, in the same run.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from preview_speed import measure  # noqa: E402
from site_speed import argmap_site  # noqa: E402

from build_tools.preview import LAYERS  # noqa: E402


def main(nodes: int) -> None:
    edited = {"a leaf": nodes - 1, "an inner claim": 3}  # synthetic.py: c3 sits under the thesis, with a subtree
    with tempfile.TemporaryDirectory() as tmp:
        project = argmap_site(Path(tmp) / "argmap", nodes)
        results = {}
        for left_out in ("", *LAYERS):
            os.environ["ARGMAP_PREVIEW_WITHOUT"] = left_out
            for what, node in edited.items():
                results[left_out, what] = statistics.median(measure(project, True, node))
        os.environ.pop("ARGMAP_PREVIEW_WITHOUT", None)
    for what in edited:
        base = results["", what]
        print(f"{nodes} nodes, {what} relabelled, save to visible under make serve (median of 3):")
        print(f"  every layer            {base:.2f} s")
        for layer in LAYERS:
            print(f"  without {layer:<14} {results[layer, what]:.2f} s   x {results[layer, what] / base:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
