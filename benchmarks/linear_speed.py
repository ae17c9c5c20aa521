"""Does the work stay near linear in the size of the input? Time for the pathological shapes of
issues 11 and 27, at three sizes each doubling the last.

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

from types import MappingProxyType

from build_tools.check import check_project
from build_tools.check.coverage import coverage, sentences
from build_tools.formats.aif import read as read_aif
from build_tools.graph import index
from build_tools.model import Debate, Issue, Node, NodeKind, Origin, Perspective, SourceInfo, Support, Weighing
from build_tools.quotes import fold
from build_tools.status import evaluate

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


HERE = Origin("bench")


def _debate(nodes: list[str], supports=(), attacks=(), issues=()) -> Debate:
    made = {i: Node(id=i, kind=NodeKind.CLAIM, label=i, statement=i, origin=HERE) for i in nodes}
    return Debate(id="bench", folder="arguments/bench", title="t", summary="s", source=SourceInfo(*["unknown"] * 6),
                  thesis=nodes[0], perspectives=(Perspective("author", "Author", "A"),),
                  nodes=MappingProxyType(made), supports=tuple(supports), attacks=tuple(attacks), undercuts=(),
                  source_text=None, origin=HERE, issues=tuple(issues))


def one_issue(count: int, function: str, positions: int = 2) -> Debate:
    """One issue of ``positions`` positions with ``count`` arguments for them, each from its own premise,
    weighed by ``function``."""
    heads = [f"p{i}" for i in range(positions)]
    premises = [f"a{i}" for i in range(count)]
    order = ({"property": "rank", "order": "ascending"},) if function == "preference" else ()
    supports = []
    for i, premise in enumerate(premises):
        ranked = MappingProxyType({"rank": f"{i % 97:02d}"} if order else {})
        supports.append(Support((premise,), heads[i % positions], premise, HERE, Weighing(function, preference=order,
                                                                                          properties=ranked)))
    return _debate(heads + premises, supports, issues=[Issue("i", tuple(heads))])


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

    def preference(count):
        debate = one_issue(count, "preference")
        return lambda: evaluate(debate, index(debate))

    def factorized(count):
        debate = one_issue(count, "factorized")
        return lambda: evaluate(debate, index(debate))

    def many_positions(count):
        debate = one_issue(count * 4, "linked", positions=count)
        return lambda: evaluate(debate, index(debate))

    def waiting_chain(count):
        """A chain waiting on a support loop: every node waits, through the chain, on the same cycle."""
        ids = [f"c{i}" for i in range(count)]
        steps = [Support((ids[i + 1],), ids[i], ids[i + 1], HERE) for i in range(count - 1)]
        loop = [f"l{i}" for i in range(50)]
        steps += [Support((loop[i],), loop[(i + 1) % 50], loop[i], HERE) for i in range(50)]
        steps.append(Support((loop[0],), ids[-1], loop[0], HERE))
        debate = _debate(ids + loop, steps)
        return lambda: evaluate(debate, index(debate))

    def long_cycle(count):
        ids = [f"c{i}" for i in range(count)]
        debate = _debate(ids, [Support((ids[(i + 1) % count],), ids[i], ids[(i + 1) % count], HERE)
                               for i in range(count)])
        return lambda: evaluate(debate, index(debate))

    def colons(size):
        root = project_with(base / "colons", "Sentence.", {})
        (root / "arguments/bench/claims/colons.yaml").write_text(HEAD + "label: x\nnote: '<" + ":" * (size - 200)
                                                                 + "'\n")
        return lambda: check_project(root)

    def dots(size):
        text = "A sentence" + "." * size + " Another sentence."
        return lambda: sentences(text)

    def aif_chain(count):
        nodes = [{"nodeID": f"i{k}", "text": f"Statement {k}.", "type": "I"} for k in range(count)]
        nodes += [{"nodeID": f"r{k}", "text": "Default Inference", "type": "RA"} for k in range(count - 1)]
        edges = [{"edgeID": f"a{k}", "fromID": f"i{k + 1}", "toID": f"r{k}"} for k in range(count - 1)]
        edges += [{"edgeID": f"b{k}", "fromID": f"r{k}", "toID": f"i{k}"} for k in range(count - 1)]
        data = {"nodes": nodes, "edges": edges, "locutions": []}
        return lambda: read_aif(data, "chain.json")

    mib = (MIB, 2 * MIB, LARGEST)
    yield "a short quote found very often (argmap check)", "MiB", mib, frequent
    yield "a long quote not found (argmap check)", "MiB", mib, not_found
    yield "200 quotes with one typo each (argmap check)", "MiB", mib, typos
    yield "a YAML file of blank lines (argmap check)", "MiB", (64 * 1024, 128 * 1024, 256 * 1024), blank_lines
    yield "coverage of a long source, 500 quotes", "MiB", mib, covering
    yield "an AIF import of identical texts", "thousand nodes", (2000, 4000, 8000), identical
    yield "one issue, preference arguments (status)", "thousand arguments", (1000, 2000, 4000), preference
    yield "one issue, factorized arguments (status)", "thousand arguments", (1000, 2000, 4000), factorized
    yield "one issue with many positions (status)", "thousand positions", (400, 800, 1600), many_positions
    yield "a chain waiting on a support loop (status)", "thousand nodes", (2500, 5000, 10000), waiting_chain
    yield "a support cycle (status, its reasons)", "thousand nodes", (2500, 5000, 10000), long_cycle
    yield "'<' and a run of colons in a note (argmap check)", "MiB", (64 * 1024, 128 * 1024, 256 * 1024 - 1024), colons
    yield "a run of dots (sentence ends)", "MiB", mib, dots
    yield "an AIF import of one long chain (thesis guess)", "thousand nodes", (2000, 4000, 8000), aif_chain


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
