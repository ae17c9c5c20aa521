"""Does the work stay near linear in the size of the input? Time for the pathological shapes of
issue 11, at three sizes each doubling the last.

For each shape it prints the time at each size, the time per MiB (or per thousand items), and
the ratio of each time to the one before: near 2 is linear, near 4 quadratic. The first line
is the floor measured in the same run: reading and folding the same source text.

    .venv/bin/python benchmarks/linear_speed.py
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from synthetic import make_debate

from build_tools.check import check_project
from build_tools.check.coverage import coverage
from build_tools.formats.aif import read as read_aif
from build_tools.quotes import fold

MIB = 1024 * 1024
LARGEST = 4 * MIB - 8192  # the source's limit is 4 MiB: the largest size is just under it
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"
WORDS = [f"w{i}" for i in range(5000)]


def source_text(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of sentences of random words."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        sentence = "The " + " ".join(rng.choice(WORDS) for _ in range(12)) + "."
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def project_with(folder: Path, text: str, claims: dict[str, str]) -> Path:
    """A one-debate project whose source is ``text``, with extra claims (file name -> YAML body)."""
    if folder.exists():
        shutil.rmtree(folder)
    make_debate(folder, 2)
    debate = folder / "arguments" / "bench"
    (debate / "source.txt").write_text(text + " Sentence number 0 states claim 0 of the benchmark debate."
                                       " Sentence number 1 states claim 1 of the benchmark debate.")
    for name, body in claims.items():
        (debate / "claims" / f"{name}.yaml").write_text(HEAD + body)
    return folder


def claim(quote: str, supports: str = "c0") -> str:
    return (f"label: A claim\nstatement: A claim.\nrole: reason\nperspective: author\n"
            f"quote: {json.dumps(quote)}\nsupports: [{supports}]\n")


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def shapes(base: Path):
    """Each shape: a name, the unit, the three sizes, and a function of the size that returns the work."""
    def frequent(size):
        text = source_text(size)
        root = project_with(base / "frequent", text, {"often": claim("The")})
        return lambda: check_project(root)

    def not_found(size):
        text = source_text(size)
        words = text[size // 2: size // 2 + 2000].split(" ", 1)[1].rsplit(" ", 1)[0]
        root = project_with(base / "missing", text, {"missing": claim(words.replace("w", "v", 1))})
        return lambda: check_project(root)

    def typos(size):
        text = source_text(size)
        rng = random.Random(2)
        claims = {}
        for i in range(200):
            at = rng.randrange(0, len(text) - 300)
            passage = text[at:at + 200].split(" ", 1)[1].rsplit(" ", 1)[0]
            claims[f"typo-{i}"] = claim(passage[:20] + "#" + passage[21:])
        root = project_with(base / "typos", text, claims)
        return lambda: check_project(root)

    def blank_lines(size):
        root = project_with(base / "blank", "Sentence.", {})
        lines = "\n" * (size - 200)
        (root / "arguments/bench/claims/blank.yaml").write_text(HEAD + "label: x\n" + lines + "  z\n")
        return lambda: check_project(root)

    def covering(size):
        text = source_text(size)
        sentences = text.split(". ")
        rng = random.Random(3)
        claims = {f"q{i}": claim(sentences[k] + ".") for i, k in enumerate(rng.sample(range(1, len(sentences) - 1), 500))}
        root = project_with(base / "coverage", text, claims)
        [analysis] = check_project(root).analyses
        return lambda: coverage(analysis)

    def identical(count):
        nodes = [{"nodeID": str(i), "text": "The same text in every node.", "type": "I"} for i in range(count)]
        data = {"nodes": nodes, "edges": [], "locutions": []}
        return lambda: read_aif(data, "same.json")

    mib = (MIB, 2 * MIB, LARGEST)
    yield "a short quote found very often (argmap check)", "MiB", mib, frequent
    yield "a long quote not found (argmap check)", "MiB", mib, not_found
    yield "200 quotes with one typo each (argmap check)", "MiB", mib, typos
    yield "a YAML file of blank lines (argmap check)", "MiB", (64 * 1024, 128 * 1024, 256 * 1024), blank_lines
    yield "coverage of a long source, 500 quotes", "MiB", mib, covering
    yield "an AIF import of identical texts", "thousand nodes", (2000, 4000, 8000), identical


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="argmap-linear-"))
    try:
        floor = [timed(lambda s=s: fold(source_text(s))) for s in (MIB, 2 * MIB, LARGEST)]
        print(f"{'shape':52} {'size':>9} {'seconds':>8} {'per unit':>9} {'ratio':>6}")
        _rows("floor: writing and folding the source text", "MiB", (MIB, 2 * MIB, LARGEST), floor)
        for name, unit, sizes, make in shapes(base):
            _rows(name, unit, sizes, [timed(make(size)) for size in sizes])
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


def _rows(name: str, unit: str, sizes, seconds) -> None:
    scale = MIB if unit == "MiB" else 1000
    for i, (size, t) in enumerate(zip(sizes, seconds)):
        ratio = f"{t / seconds[i - 1]:.2f}" if i else ""
        shown = f"{size / scale:.3g} {'MiB' if unit == 'MiB' else 'k'}"
        print(f"{name if i == 0 else '':52} {shown:>9} {t:8.2f} {t / (size / scale):9.2f} {ratio:>6}")


if __name__ == "__main__":
    sys.exit(main())
