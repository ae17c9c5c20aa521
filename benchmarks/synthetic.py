"""A synthetic debate of any size, for benchmarks: a tree of claims under one thesis."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/{}.schema.json\n"
WORDS = ("alliance", "mission", "burden", "defence", "Europe", "Iraq", "spending", "security", "risk", "reset")


def make_debate(root: Path, n: int, debate: str = "bench") -> None:
    """Write ``n`` claims (every third an attack, the rest supports) under one thesis into ``root``."""
    folder = root / "arguments" / debate
    (folder / "claims").mkdir(parents=True)
    (root / "build_tools").mkdir(exist_ok=True)
    if not (root / "build_tools" / "schemas").exists():
        (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    sentences = [f"Sentence number {i} states claim {i} of the benchmark debate." for i in range(n)]
    (folder / "source.txt").write_text(" ".join(sentences))
    (folder / "debate.yaml").write_text(
        "# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json\n"
        "title: Benchmark\nsummary: A synthetic debate.\nsource:\n  title: unknown\n  author: unknown\n"
        "  publication: unknown\n  date: unknown\n  url: unknown\n  rights: unknown\nthesis: c0\n"
        "perspectives:\n  - id: author\n    name: Author\n    description: The author.\n"
        "  - id: critics\n    name: Critics\n    description: The critics.\n")
    for i in range(n):
        relation = "" if i == 0 else f"{'attacks' if i % 3 == 0 else 'supports'}: [c{(i - 1) // 3}]\n"
        words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(6))
        (folder / "claims" / f"c{i}.yaml").write_text(
            HEAD.format("claim") + f"label: Claim {i} about {words}\n"
            f"statement: The benchmark's claim number {i}, about {words}.\n"
            f"role: {'thesis' if i == 0 else 'reason'}\nperspective: {'critics' if i % 3 == 0 else 'author'}\n"
            f"quote: {sentences[i]}\n{relation}")
