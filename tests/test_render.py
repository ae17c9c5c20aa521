"""Maps: views, DOT escaping, rendering with Graphviz (batched, cached, isolated), `argmap render`."""

from __future__ import annotations

import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from build_tools.check import check_project
from build_tools.site import views
from build_tools.site.maps import map_source, site_maps
from build_tools.site.render import Renderer, RenderError, unsafe_parts
from build_tools.site.urls import Layout
from helpers import DEBATE, ROOT, run_argmap, run_argmap_process

TREES = "arguments/trees"
HOSTILE = '<script>alert(1)</script> & &lt; "q" {x} | # `tick` \\n [x](https://example.org/a_b)'
SVG = "{http://www.w3.org/2000/svg}"


def _hostile(project: Path) -> None:
    claim = project / TREES / "claims" / "trees-cost-too-much.yaml"
    text = claim.read_text()
    text = text.replace("label: Trees cost too much to maintain", f"label: '{HOSTILE}'")
    text = text.replace("statement: The upkeep of street trees is too expensive.", f"statement: '{HOSTILE} tip'")
    claim.write_text(text)


@pytest.mark.parametrize("fmt,magic", [("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF"), ("dot", b"digraph")])
def test_render_writes_each_format(project: Path, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"map.{fmt}"
    result = run_argmap("render", "--root", str(project), "--node", "trees-cool-streets", "--format", fmt,
                        "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)


def test_render_writes_with_the_usual_permissions(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    previous = os.umask(0o022)
    try:
        result = run_argmap_process("render", "--root", str(project), "--overview", "-o", str(out))
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize("which", [["--overview"], ["--whole"], ["--perspective", "critics"]])
def test_render_each_kind_of_map(project: Path, tmp_path: Path, which: list[str]) -> None:
    out = tmp_path / "map.svg"
    assert run_argmap("render", "--root", str(project), *which, "-o", str(out)).returncode == 0
    ET.fromstring(out.read_bytes())


def test_render_refuses_an_unknown_node_and_writes_nothing(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    result = run_argmap("render", "--root", str(project), "--node", "trees-cool-street", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == "argmap: error: no node 'trees-cool-street'; did you mean 'trees-cool-streets'?\n"
    assert not out.exists()


def test_render_refuses_a_debate_with_errors(project: Path, tmp_path: Path) -> None:
    (project / TREES / "claims" / "plant-more-trees.yaml").write_text("label: [\n")
    out = tmp_path / "map.svg"
    result = run_argmap("render", "--root", str(project), "--overview", "-o", str(out))
    assert result.returncode == 1 and "[yaml-syntax]" in result.stdout
    assert not out.exists()


def test_hostile_text_is_literal_in_the_svg(project: Path, tmp_path: Path) -> None:
    _hostile(project)
    out = tmp_path / "map.svg"
    assert run_argmap("render", "--root", str(project), "--node", "trees-cost-too-much", "-o", str(out)).returncode == 0
    svg = out.read_text()
    assert unsafe_parts(svg) == []
    tree = ET.fromstring(svg)
    assert not tree.findall(f".//{SVG}script")
    texts = " ".join(t.text or "" for t in tree.iter(f"{SVG}text"))
    assert "<script>alert(1)</script>" in texts and "&lt;" in texts and '"q"' in texts and "{x}" in texts
    assert "\\n" in texts  # a literal backslash-n, not a line break
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in tree.iter(f"{SVG}a")]
    assert f"{HOSTILE} tip" in titles


def test_views_of_the_article() -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate, graph = analysis.debate, analysis.graph
    overview = views.overview(debate, graph)
    assert overview.nodes[0] == debate.thesis
    # too many arguments bear on the two questions to show them all: each question's positions and conditions, and
    # the heaviest arguments on each side, the questions taking turns
    assert len(overview.nodes) <= 2 * views.HEAVIEST + 5
    assert {"reset-is-isolationism", "reset-vindicated", "reset-backfires", "managed-transition",
            "allies-adapt-without-fracturing", "middle-east-withstands-drawdown", "iraq-risks-loom",
            "reset-redefines-purpose", "frees-resources"} <= set(overview.nodes)
    assert "transition-reduces-resentment" not in overview.nodes  # weighed low
    assert overview.folds and all(f.parent in overview.nodes for f in overview.folds)
    for fold in overview.folds:
        assert not set(fold.hidden) & set(overview.nodes)
        assert fold.parent in views.focus(debate, graph, fold.parent).nodes
    chaos = views.focus(debate, graph, "withdrawal-invites-chaos")
    assert {"reset-is-isolationism", "reset-backfires", "iraq-pullout-2011", "managed-transition"} <= set(chaos.nodes)
    steps = {s.premises: s for s in chaos.steps}
    assert steps[("iraq-pullout-2011", "iraq-now-like-2011")].undercutters == ()
    assert steps[("withdrawal-invites-chaos",)].undercutters == ("managed-transition",)  # the 2011 precedent answered
    success = views.focus(debate, graph, "reset-vindicated")  # with the conditions it needs, drawn as such
    assert {"allies-adapt-without-fracturing", "middle-east-withstands-drawdown", "managed-transition"} <= set(success.nodes)
    assert {(e.source, e.relation) for e in success.edges if e.target == "reset-vindicated"} >= {
        ("allies-adapt-without-fracturing", "requires"), ("middle-east-withstands-drawdown", "requires")}
    assert len(views.whole(debate, graph).nodes) == len(debate.nodes)


def test_batched_render_is_cached_and_isolates_a_bad_graph(tmp_path: Path) -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    maps = site_maps(analysis, Layout(analysis.debate.id))
    sources = [(m.name, m.dot) for m in maps]
    renderer = Renderer(tmp_path / "cache", jobs=2)
    first = renderer.render(sources)
    assert renderer.rendered == len(sources) and set(first) == {m.name for m in maps}
    again = Renderer(tmp_path / "cache", jobs=2)
    assert again.render(sources) == first and again.rendered == 0
    victim = next((tmp_path / "cache").glob("*.svg"))
    victim.write_text("<?xml broken")
    third = Renderer(tmp_path / "cache")
    assert third.render(sources) == first and third.rendered == 1
    broken = sources[:3] + [("bad-map", "digraph { a -> }\n")] + sources[3:6]
    with pytest.raises(RenderError, match="the map 'bad-map'"):
        Renderer(None).render(broken)


def test_unsafe_svg_from_graphviz_is_refused() -> None:
    evil = 'digraph { a [URL="x\\"onmouseover=\\"alert(1)"]; }\n'
    with pytest.raises(RenderError, match="was refused"):
        Renderer(None).render([("evil", evil)])


def test_node_links_are_relative_to_the_page() -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate = analysis.debate
    layout = Layout(debate.id)
    view = views.focus(debate, analysis.graph, "iraq-risks-loom")
    text = map_source(analysis, layout, view, layout.node(debate.nodes["iraq-risks-loom"])).dot
    assert 'URL="../isis-may-regroup/"' in text
    assert 'URL="../../evidence/isis-cells-persist/"' in text  # the evidence of a supporter
    flat = map_source(analysis, layout, view, layout.node(debate.nodes["iraq-risks-loom"]), directory_urls=False).dot
    assert 'URL="isis-may-regroup.html"' in flat


def test_the_map_cache_keeps_only_what_the_current_site_draws(project: Path, tmp_path: Path) -> None:
    """A build prunes the cached maps no page of the site uses any longer: after an edit the cache holds one
    entry per map, not one per map per edit (the issue's 'cache no bigger than the site')."""
    from helpers import build

    (project / "mkdocs.yml").write_text("site_name: Trees\nplugins:\n  - argmap\n")
    (project / "docs").mkdir()
    cache = project / ".cache" / "argmap"
    first = build(project, tmp_path / "site")
    assert first.returncode == 0, first.stderr
    maps = sorted(cache.glob("*.svg"))
    assert maps
    stale = cache / ("0" * 64 + ".svg")
    stale.write_bytes(maps[0].read_bytes())  # an entry no page uses (as an old edit leaves behind)
    claim = project / "arguments" / "trees" / "claims" / "plant-more-trees.yaml"
    claim.write_text(claim.read_text().replace("label: ", "label: Edited, ", 1))
    again = build(project, tmp_path / "site")
    assert again.returncode == 0, again.stderr
    after = sorted(cache.glob("*.svg"))
    assert not stale.exists() and len(after) == len(maps)  # the edited maps replaced, not added
    pages = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "pages"))
    assert pages.returncode == 0 and sorted(cache.glob("*.svg")) == after  # the folder draws the same maps


def test_a_drawing_under_way_can_be_stopped_and_the_renderer_draws_again_after(tmp_path: Path) -> None:
    """make serve stops the drawing a rebuild left for after its pages when the next save comes: the render raises
    RenderStopped soon (its dot processes killed), draws nothing into the cache, and draws again once resumed."""
    import random
    import threading
    import time

    from build_tools.site.render import RenderStopped

    rng = random.Random(3)
    edges = "".join(f"n{rng.randrange(400)} -> n{rng.randrange(400)};\n" for _ in range(800))
    big = f"digraph big {{\n{edges}}}\n"  # dot takes about 25 s over it here
    renderer = Renderer(tmp_path / "cache")
    outcome: list = []

    def draw() -> None:
        try:
            outcome.append(renderer.render([("big", big)]))
        except RenderStopped as exc:
            outcome.append(exc)

    drawing = threading.Thread(target=draw)
    started = time.monotonic()
    drawing.start()
    time.sleep(0.3)
    renderer.stop()
    drawing.join(timeout=30)
    assert not drawing.is_alive() and isinstance(outcome[0], RenderStopped)
    assert time.monotonic() - started < 5  # not the drawing's 25 s
    assert not list((tmp_path / "cache").glob("*.svg"))
    renderer.resume()
    small = 'digraph small { a -> b; }\n'
    assert "<svg" in renderer.render([("small", small)])["small"]
