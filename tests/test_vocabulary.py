"""One vocabulary: the stylesheet, the browser scripts and graph.json use exactly the names Python defines."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from build_tools.analysis import analyse
from build_tools.check import check_project
from build_tools.site.dot import perspective_class
from build_tools.site.embed import fill_slots
from build_tools.site.whatif import graph_data
from build_tools.vocabulary import DRAWN_ONLY, OUTCOMES, REQUIRES, PERSPECTIVE_FILLS, RELATIONS, RULE_OUTCOMES, Label, status_class
from helpers import DEBATE, ROOT, map_drawing

ASSETS = ROOT / "docs" / "assets"
CSS = (ASSETS / "argmap.css").read_text("utf-8")
STATUS_JS = (ASSETS / "argmap-status.js").read_text("utf-8")
WHATIF_JS = (ASSETS / "argmap-whatif.js").read_text("utf-8")
SCRIPTS = [p.read_text("utf-8") for p in sorted(ASSETS.glob("argmap*.js"))]
GRAPH_SCHEMA = Draft202012Validator(json.loads((ROOT / "build_tools/schemas/graph.schema.json").read_text("utf-8")))


def test_the_stylesheet_styles_exactly_the_statuses_and_outcomes() -> None:
    assert set(re.findall(r"\.(status-[a-z]+)\b", CSS)) == {status_class(label) for label in Label}
    assert set(re.findall(r"\.(outcome-[a-z-]+[a-z])\b", CSS)) == {o.css for o in OUTCOMES.values()}


def test_the_stylesheet_styles_exactly_the_relations() -> None:
    assert set(re.findall(r"\.edge\.([a-z]+)\b", CSS)) == set(RELATIONS) | set(DRAWN_ONLY)
    assert set(re.findall(r"\.argmap-key-([a-z]+)\b", CSS)) == set(RELATIONS) | {REQUIRES.name}


def test_the_stylesheet_has_a_fill_for_every_perspective_colour() -> None:
    classes = {perspective_class(i) for i in range(len(PERSPECTIVE_FILLS))}
    assert set(re.findall(r"\.node\.(p\d+)\b", CSS)) == classes
    assert set(re.findall(r"\.argmap-swatch\.(p\d+)\b", CSS)) == classes
    assert set(re.findall(r"--argmap-(p\d+):", CSS)) == classes


# Colour-vision deficiencies (Machado, Oliveira and Fernandes 2009, severity 1), on linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
    "typical": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}


def _lab(colour: str, matrix) -> tuple[float, float, float]:
    """CIE Lab of an sRGB colour as a reader with the given vision sees it."""
    lin = [(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
           for c in (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    r, g, b = (max(0.0, min(1.0, sum(row[k] * lin[k] for k in range(3)))) for row in matrix)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (
        0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_first_perspective_fills_stay_apart_for_every_kind_of_colour_vision(scheme) -> None:
    """The four fills a debate usually uses differ by a CIE76 distance of 8 or more (clearly visible) as readers
    with protanopia, deuteranopia and tritanopia see them; none is the hue of a relation."""
    import colorsys
    import itertools
    import math

    light, dark = re.findall(r"--argmap-p0: (#[0-9a-f]{6}); --argmap-p1: (#[0-9a-f]{6}); --argmap-p2: (#[0-9a-f]{6}); "
                             r"--argmap-p3: (#[0-9a-f]{6});", CSS)[:2]
    fills = light if scheme == "light" else dark
    if scheme == "light":
        assert list(fills) == list(PERSPECTIVE_FILLS[:4])  # the DOT's fills and the stylesheet's agree
    for vision, matrix in CVD.items():
        for a, b in itertools.combinations(fills, 2):
            assert math.dist(_lab(a, matrix), _lab(b, matrix)) >= 8, (vision, a, b)
    for fill in fills:
        h, _, s = colorsys.rgb_to_hls(*(int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5)))
        for relation in RELATIONS.values():
            rh, _, _ = colorsys.rgb_to_hls(*(int(relation.colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))
            gap = min(abs(h - rh), 1 - abs(h - rh)) * 360
            assert s < 0.1 or gap > 30, (fill, relation.name)  # grey, or a hue of its own


def test_the_evaluator_uses_exactly_the_vocabulary() -> None:
    """Its strings are the status words, the weighing functions and the proof standards, and its
    thresholds are the Python ones."""
    from build_tools.vocabulary import BRD_DOUBT, CCE_MARGIN, STANDARDS
    from build_tools.weighing import FUNCTIONS

    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", STATUS_JS, flags=re.S)  # strings in comments do not count
    literals = set(re.findall(r'"([^"]*)"', code)) - {"use strict", "object", "string", ">", ",", "ascending"}
    assert literals - set(FUNCTIONS) - set(STANDARDS) == {label.value for label in Label} | set(RULE_OUTCOMES)
    assert set(FUNCTIONS) <= literals and {"PE", "CCE"} <= literals
    assert re.search(rf"var MARGIN = {CCE_MARGIN}, DOUBT = {BRD_DOUBT};", STATUS_JS)


def test_the_what_if_takes_status_words_and_badges_from_the_data() -> None:
    for label in Label:
        assert f'"{label.value}"' not in WHATIF_JS
    for outcome in OUTCOMES.values():
        assert outcome.badge not in WHATIF_JS and f'"{outcome.css}"' not in WHATIF_JS
    assert '"status-"' in WHATIF_JS  # the class prefix of status_class, completed from graph.json's labels


HOOKS = {"argmap-whatif-toggle", "argmap-whatif-reset"}  # buttons the scripts find by class; styled as md-button


def test_every_class_the_scripts_set_is_styled() -> None:
    set_by_scripts = set()
    for script in SCRIPTS:
        set_by_scripts.update(re.findall(r'classList\.(?:toggle|add)\("([a-z-]+)"', script))
        for names in re.findall(r'className = "([a-z -]+)"', script):
            set_by_scripts.update(n for n in names.split() if not n.startswith("md-"))
    set_by_scripts -= {"status-", *HOOKS}
    unstyled = [name for name in set_by_scripts if not re.search(rf"\.{re.escape(name)}(?![\w-])", CSS)]
    assert set_by_scripts and unstyled == []


@pytest.mark.parametrize("root", [ROOT, ROOT / "tests" / "examples" / "valid"], ids=["article", "example"])
def test_graph_json_follows_its_schema_and_carries_the_build_labels(root) -> None:
    [analysis] = check_project(root, debate=DEBATE if root == ROOT else None).analyses
    data = graph_data(analysis)
    assert list(GRAPH_SCHEMA.iter_errors(data)) == []
    assert data["rules"][""] == {n: s.rule for n, s in analysis.statuses[None].items()}
    for p in analysis.debate.perspectives:
        assert data["rules"][p.id] == {n: s.rule for n, s in analysis.statuses[p.id].items()}
    for rule, outcome in data["outcomes"].items():
        words = OUTCOMES[RULE_OUTCOMES[rule]]
        assert outcome == {"word": words.word, "label": words.label.value, "badge": words.badge, "css": words.css}


def test_graph_json_of_a_fresh_analysis_is_the_same() -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    assert graph_data(analyse(analysis.debate)) == graph_data(analysis)


def test_a_new_relation_kind_needs_only_the_schema_and_the_registry(project, tmp_path, monkeypatch) -> None:
    """A 'contrary' that acts as an attack: declared in the schema and the registry, nothing else changed."""
    import shutil
    from dataclasses import replace

    from build_tools import vocabulary
    from build_tools.check import schema
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer

    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "build_tools" / "schemas", schemas)
    claim = json.loads((schemas / "claim.schema.json").read_text("utf-8"))
    claim["properties"]["contrary"] = {"$ref": "common.schema.json#/$defs/ids", "description": "Claims it is contrary to."}
    (schemas / "claim.schema.json").write_text(json.dumps(claim), "utf-8")
    monkeypatch.setattr(schema, "SCHEMA_DIR", schemas)
    schema._validator.cache_clear()
    contrary = replace(vocabulary.ATTACKS, name="contrary", verb="be contrary to", colour="#6a1b9a",
                       made="It is contrary to", received="Contrary claims", reads="contrary to")
    monkeypatch.setitem(vocabulary.RELATIONS, "contrary", contrary)
    try:
        file = project / "arguments/trees/claims/trees-cost-too-much.yaml"
        file.write_text(file.read_text("utf-8").replace("attacks: [plant-more-trees]", "contrary: [plant-more-trees]"))
        result = check_project(project)
        assert result.ok, [d.render() for d in result.diagnostics]
        [analysis] = result.analyses
        [attack] = [a for a in analysis.debate.attacks if a.attacker == "trees-cost-too-much"]
        assert attack.kind == "contrary"
        statuses = analysis.statuses[None]
        assert statuses["trees-cost-too-much"].label is Label.OUT  # the rebuttal still defeats it, as for attacks
        site = build_site(result.analyses, Renderer(None))
        page = next(p.markdown for p in site.pages if p.src == "trees/claims/trees-cost-too-much.md")
        assert "## It is contrary to" in page
        home = next(p.markdown for p in site.pages if p.src == "index.md")
        home = fill_slots(home, site)  # as the finished page has it: the outline goes in after Markdown
        assert "argmap-key-contrary" in home and "<em>contrary to:</em>" in home
        whole = map_drawing(site, "trees/map")
        assert 'class="edge contrary"' in whole and "#6a1b9a" in whole
    finally:
        schema._validator.cache_clear()


def test_a_new_export_format_needs_only_its_module_and_a_registry_row(project, tmp_path, monkeypatch) -> None:
    """A format added to the registry reaches `argmap export`, the site's downloads and the docs' table."""
    from build_tools import formats
    from build_tools.publish import downloads
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer
    from helpers import run_argmap

    def write(analysis) -> str:
        return "".join(f"{node_id}\n" for node_id in analysis.debate.nodes)

    ids = formats.Format("ids", "Node ids", ".ids.txt", "shell scripts", write)
    monkeypatch.setitem(formats.EXPORTS, "ids", ids)
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, ids))
    result = run_argmap("export", "--root", str(project), "--format", "ids")
    assert result.returncode == 0 and "trees-cool-streets\n" in result.stdout
    assert "| Node ids (`<debate>.ids.txt`) | shell scripts | `export --format ids` |" in formats.formats_table()
    site = build_site(check_project(project).analyses, Renderer(None), downloads())
    assert "trees-cool-streets\n" in site.files["trees/exports/trees.ids.txt"]
    home = next(p.markdown for p in site.pages if p.src == "index.md")
    assert "[Node ids](trees/exports/trees.ids.txt)" in home


def test_a_new_kind_acting_as_a_support_works_end_to_end(project, tmp_path, monkeypatch) -> None:
    """An 'entails' that acts as a support: in the schema and the registry only, and it reaches the model, the
    statuses, the node page, the map, the outline, the diff's key and our JSON (read back as it was)."""
    import shutil
    from dataclasses import replace

    from build_tools import vocabulary
    from build_tools.check import schema
    from build_tools.diff import relation_key
    from build_tools.formats import native
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer

    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "build_tools" / "schemas", schemas)
    claim = json.loads((schemas / "claim.schema.json").read_text("utf-8"))
    claim["properties"]["entails"] = claim["properties"]["supports"]
    (schemas / "claim.schema.json").write_text(json.dumps(claim), "utf-8")
    monkeypatch.setattr(schema, "SCHEMA_DIR", schemas)
    schema._validator.cache_clear()
    entails = replace(vocabulary.SUPPORTS, name="entails", verb="entail", colour="#1b5e20", made="It entails",
                      received="Entailed by", reads="entailed by")
    monkeypatch.setitem(vocabulary.RELATIONS, "entails", entails)
    try:
        file = project / "arguments/trees/claims/savings-outweigh-costs.yaml"
        file.write_text(file.read_text("utf-8") + "entails: [cooling-matters]\n")
        result = check_project(project)
        assert result.ok, [d.render() for d in result.diagnostics]
        [analysis] = result.analyses
        [step] = [s for s in analysis.debate.supports if s.declared_by == "savings-outweigh-costs"]
        assert step.kind == "entails" and relation_key(step)[0] == "entails"
        assert analysis.statuses[None]["cooling-matters"].outcome == "stands"
        site = build_site(result.analyses, Renderer(None))
        page = next(p.markdown for p in site.pages if p.src == "trees/claims/savings-outweigh-costs.md")
        assert "## It entails" in page
        assert 'class="edge entails"' in map_drawing(site, "trees/map")
        home = fill_slots(next(p.markdown for p in site.pages if p.src == "index.md"), site)
        assert "<em>entailed by:</em>" in home
        data = json.loads(native.write(analysis))
        assert any(s.get("relation") == "entails" for s in data["supports"])
        back = native.read(data, "x.json")
        assert back.nodes[("claim", "savings-outweigh-costs")]["entails"] == ["cooling-matters"]
    finally:
        schema._validator.cache_clear()
