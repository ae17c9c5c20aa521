"""make serve keeps a node's page and focus map from the last rebuild while nothing they were made from changed
(build_tools/site/reuse.py): after any edit of any node's texts, what it keeps is what a build from nothing makes."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from build_tools.analysis import analyse
from build_tools.check import check_project
from build_tools.model import Citation, NodeKind
from build_tools.site.pipeline import build_site
from build_tools.site.render import Renderer
from build_tools.site.reuse import TEXTS, NodeReuse
from build_tools.vocabulary import KIND_NAMES
from helpers import article_project, random_caes_debate

pytestmark = pytest.mark.slow

CITED = Citation("Someone", "a report", "2025", "https://example.org/report", "named-in-article")


def _same(kept, fresh) -> list[str]:
    """What differs between two sites' pages, maps, fragments and files (empty: nothing)."""
    found = [p.src for p, q in zip(kept.pages, fresh.pages) if p != q]
    if [p.src for p in kept.pages] != [p.src for p in fresh.pages]:
        found.append("the pages' list")
    for part in ("maps", "fragments", "files"):
        a, b = dict(getattr(kept, part)), dict(getattr(fresh, part))
        found += [f"{part}: {name}" for name in sorted(a.keys() | b.keys()) if a.get(name) != b.get(name)]
    return found


def _edited(debate, rng: random.Random, step: int):
    """The debate with one text of one node (or of a few) rewritten, as a contributor's save would."""
    nodes = dict(debate.nodes)
    for node_id in rng.sample(sorted(nodes), k=rng.choice([1, 1, 1, 2, 3])):
        name = rng.choice(TEXTS)
        nodes[node_id] = replace(nodes[node_id], **{name: f"{name} {step} of {node_id} <&> “x”"})
    return replace(debate, nodes=MappingProxyType(nodes))


def _walk(analyses, rng: random.Random, renderer: Renderer, edits: int, structure_every: int = 0) -> int:
    """Rebuild after each of ``edits`` random edits with reuse and from nothing; both must be the same. Returns
    how many node pages and maps the rebuilds with reuse made (the rest were kept)."""
    reuse = NodeReuse()
    build_site(analyses, renderer, previews=False, reuse=reuse)
    made = 0
    for step in range(edits):
        debates = [a.debate for a in analyses]
        i = rng.randrange(len(debates))
        if structure_every and step % structure_every == structure_every - 1:  # a change to the frame: a node
            # taken as given or not, which can change outcomes anywhere
            d = debates[i]
            node = rng.choice(sorted(d.nodes))
            debates[i] = replace(d, nodes=MappingProxyType({**d.nodes, node: replace(
                d.nodes[node], assumed=rng.choice([None, True, False]))}))
        else:
            debates[i] = _edited(debates[i], rng, step)
        analyses = [analyse(d) for d in debates]
        reuse.made = 0
        kept = build_site(analyses, renderer, previews=False, reuse=reuse)
        made += reuse.made
        fresh = build_site(analyses, renderer, previews=False)
        assert _same(kept, fresh) == [], (step, _same(kept, fresh)[:5])
    return made


def test_reuse_after_text_edits_on_the_article_equals_a_fresh_build(tmp_path: Path) -> None:
    analyses = list(check_project(article_project(tmp_path / "p")).analyses)
    nodes = sum(len(a.debate.nodes) for a in analyses)
    made = _walk(analyses, random.Random(7), Renderer(tmp_path / "cache", remember=True), edits=25, structure_every=8)
    assert made < 25 * 2 * nodes / 2  # most pages and maps were kept


@pytest.mark.parametrize("seed", range(6))
def test_reuse_after_text_edits_on_random_debates_equals_a_fresh_build(tmp_path: Path, seed: int) -> None:
    """Random graphs with issues, weighings, open and necessary conditions, opposites and cycles: a page or map
    that names a node far from its own (a condition in "why this outcome", a node of a cycle) is made again when
    that node's text changes."""
    rng = random.Random(seed)
    debates = []
    for k in range(2):
        d = random_caes_debate(rng, rng.randint(8, 30))
        nodes = {i: replace(n, evidence_kind=sorted(KIND_NAMES)[0], citation=CITED) if n.kind is NodeKind.EVIDENCE else n
                 for i, n in d.nodes.items()}  # (as the check requires of evidence)
        debates.append(replace(d, id=f"r{k}", folder=f"arguments/r{k}", nodes=MappingProxyType(nodes)))
    _walk([analyse(d) for d in debates], rng, Renderer(tmp_path / "cache", remember=True), edits=20,
          structure_every=6)
