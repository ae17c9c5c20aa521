"""Hostile input that needs no site build: SVG by allow-list, careful files, imports, exports, ids.

The cases that go through `mkdocs build` are in test_hostile.py, those in a browser in
test_browser.py; the near-linear figures for pathological sizes come from
benchmarks/linear_speed.py.
"""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from build_tools.analysis import analyse
from build_tools.check import check_project
from build_tools.formats import folder as folder_module
from build_tools.formats import graphml, write_debate
from build_tools.formats.aif import read as read_aif
from build_tools.ids import is_valid_id
from build_tools.site.render import Renderer, unsafe_parts
from helpers import ROOT, map_drawing, run_argmap, run_argmap_process

SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
VECTORS = {
    "script element": f"<svg {SVG_NS}><script>alert(1)</script></svg>",
    "unquoted javascript link": f"<svg {SVG_NS}><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "entity-hidden javascript link": f"<svg {SVG_NS}><a xlink:href=\"java&#x73;cript:alert(1)\"/></svg>",
    "link with a tab in its scheme": f"<svg {SVG_NS}><a xlink:href=\"java&#9;script:alert(1)\"/></svg>",
    "protocol-relative link": f"<svg {SVG_NS}><a xlink:href=\"//evil.example/x\"/></svg>",
    "plain href": f"<svg {SVG_NS}><a href=\"https://example.org\"/></svg>",
    "event handler": f"<svg {SVG_NS} onload=\"alert(1)\"/>",
    "animation setting a link": f"<svg {SVG_NS}><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a></svg>",
    "animate element": f"<svg {SVG_NS}><animate attributeName=\"x\"/></svg>",
    "external image": f"<svg {SVG_NS}><image xlink:href=\"https://evil.example/x.png\"/></svg>",
    "use of an external file": f"<svg {SVG_NS}><use xlink:href=\"https://evil.example/x.svg#a\"/></svg>",
    "style sheet processing instruction": f"<?xml-stylesheet href=\"https://evil.example/x.css\"?><svg {SVG_NS}/>",
    "style element": f"<svg {SVG_NS}><style>@import url(https://evil.example/x.css)</style></svg>",
    "style attribute": f"<svg {SVG_NS}><g style=\"fill:url(https://evil.example/#x)\"/></svg>",
    "fill pointing elsewhere": f"<svg {SVG_NS}><path fill=\"url(https://evil.example/#x)\" d=\"M0 0\"/></svg>",
    "meta refresh in a foreign object": f"<svg {SVG_NS}><foreignObject><meta xmlns=\"http://www.w3.org/1999/xhtml\" "
                                        "http-equiv=\"refresh\" content=\"0;url=https://evil.example\"/></foreignObject></svg>",
    "entity declaration": f"<!DOCTYPE svg [<!ENTITY x \"y\">]><svg {SVG_NS}>&x;</svg>",
    "CDATA hiding markup": f"<svg {SVG_NS}><text><![CDATA[</svg><script>alert(1)</script>]]></text></svg>",
    "comment that HTML closes early": f"<svg {SVG_NS}><!-- a --!><script>alert(1)</script> --></svg>",
    "not XML": "<svg><g></svg>",
}


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_svg_vectors_are_refused(name: str) -> None:
    assert unsafe_parts(PROLOG + VECTORS[name]) != []


def test_graphviz_output_passes_the_allow_list_whatever_the_text(project: Path) -> None:
    claim = project / "arguments/trees/claims/trees-cost-too-much.yaml"
    claim.write_text(claim.read_text().replace("statement: The upkeep of street trees is too expensive.",
                                               "statement: 'one = 1, onclick=alert(1) <script> javascript:x //a'"))
    [analysis] = check_project(project).analyses
    from build_tools.site.pipeline import build_site

    site = build_site([analysis], Renderer(None))
    assert site.maps and all("<svg" in map_drawing(site, name) for name in site.maps)


def test_a_tampered_cache_entry_is_rendered_again(tmp_path: Path) -> None:
    source = 'digraph "m" { a [label="x" URL="../a/"]; }\n'
    first = Renderer(tmp_path / "cache").render([("m", source)])
    [entry] = (tmp_path / "cache").glob("*.svg")
    for vector in VECTORS.values():
        entry.write_text(PROLOG + vector)
        again = Renderer(tmp_path / "cache")
        assert again.render([("m", source)]) == first and again.rendered == 1


def test_every_cached_map_is_checked_when_read_and_an_unsealed_one_is_never_used(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.site import render as render_module

    sources = [(f"m{i}", f'digraph "m{i}" {{ a [label="x{i}" URL="../a/"]; }}\n') for i in range(5)]
    first = Renderer(tmp_path / "cache").render(sources)
    checked = []
    real = render_module.unsafe_parts
    monkeypatch.setattr(render_module, "unsafe_parts", lambda svg: checked.append(svg) or real(svg))
    warm = Renderer(tmp_path / "cache")
    assert warm.render(sources) == first and warm.rendered == 0 and len(checked) == 5  # each read is checked
    entry = sorted((tmp_path / "cache").glob("*.svg"))[0]
    entry.write_bytes(entry.read_bytes().replace(b">x", b">y"))  # a harmless-looking edit: the seal breaks
    again = Renderer(tmp_path / "cache")
    assert again.render(sources) == first and again.rendered == 1  # rendered anew, not taken from the file


def test_ids_match_in_full_and_device_names_are_reserved(project: Path) -> None:
    assert not is_valid_id("trees\n") and not is_valid_id("trees\r\n")
    claims = project / "arguments/trees/claims"
    (claims / "aux.yaml").write_text((claims / "trees-cost-too-much.yaml").read_text())
    result = run_argmap("check", "--root", str(project))
    assert result.returncode == 1 and "'aux' is a name the site needs" in result.stdout


def test_import_force_never_leaves_no_debate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    aif = {"nodes": [{"nodeID": "1", "text": "The old claim.", "type": "I"}], "edges": []}
    write_debate(root, "d", read_aif(aif, "old.json"))
    newer = {"nodes": [{"nodeID": "1", "text": "The new claim.", "type": "I"}], "edges": []}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # stopped just after the swap, while removing the old folder

    monkeypatch.setattr(folder_module.shutil, "rmtree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_debate(root, "d", read_aif(newer, "new.json"), force=True)
    monkeypatch.undo()
    claims = sorted(p.name for p in (root / "arguments/d/claims").iterdir())
    assert claims == ["the-new-claim.yaml"]
    assert (root / "arguments/d/debate.yaml").is_file()
    hidden = [p for p in (root / "arguments").iterdir() if p.name.startswith(".")]
    assert hidden and all((p / "arguments" / "d" / "claims" / "the-old-claim.yaml").is_file()
                          for p in hidden)  # the old one, set aside


def test_import_force_interrupted_before_the_swap_keeps_the_old_debate(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    write_debate(root, "d", read_aif({"nodes": [{"nodeID": "1", "text": "Old.", "type": "I"}], "edges": []}, "a"))

    def interrupted(a, b):
        raise KeyboardInterrupt

    monkeypatch.setattr(folder_module, "replace_folder", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_debate(root, "d", read_aif({"nodes": [{"nodeID": "1", "text": "New.", "type": "I"}], "edges": []}, "b"),
                     force=True)
    assert sorted(p.name for p in (root / "arguments/d/claims").iterdir()) == ["old.yaml"]
    assert [p for p in (root / "arguments").iterdir() if p.name.startswith(".")] == []


def test_imported_folders_and_files_get_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        folder = write_debate(tmp_path, "d", read_aif({"nodes": [{"nodeID": "1", "text": "A.", "type": "I"}],
                                                       "edges": []}, "a"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "debate.yaml").stat().st_mode) == 0o644


def test_imports_replace_characters_text_may_not_hold_and_say_so(tmp_path: Path) -> None:
    data = {"nodes": [{"nodeID": "1", "text": "A \x9b[2J claim \x00 here.", "type": "I"}], "edges": []}
    aif = tmp_path / "control.json"
    aif.write_text(json.dumps(data))
    (tmp_path / "build_tools").mkdir()
    (tmp_path / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    result = run_argmap("import", "--root", str(tmp_path), "--format", "aif", str(aif))
    assert result.returncode == 0, result.stderr
    assert "replaced by U+FFFD" in result.stderr and "\x9b" not in result.stderr
    assert run_argmap("check", "--root", str(tmp_path)).returncode == 0


@pytest.mark.parametrize("text,why", [("[" * 100_000 + "]" * 100_000, "nested too deeply"),
                                      ('{"nodes": [{"nodeID": ' + "9" * 5000 + "}]}", "cannot be read")])
def test_malformed_json_imports_fail_clearly(tmp_path: Path, text: str, why: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    result = run_argmap("import", "--root", str(tmp_path), "--format", "aif", str(bad))
    assert result.returncode == 1 and why in result.stderr and "internal error" not in result.stderr


def test_output_to_standard_output_a_device_or_a_folder(project: Path, tmp_path: Path) -> None:
    dash = run_argmap_process("render", "--root", str(project), "--overview", "--format", "dot", "-o", "-")
    assert dash.returncode == 0 and dash.stdout.startswith("digraph")
    device = run_argmap_process("export", "--root", str(project), "--format", "json", "-o", "/dev/stdout")
    assert device.returncode == 0 and json.loads(device.stdout)["format"] == "argmap-debate"
    assert Path("/dev/stdout").exists()
    folder = run_argmap("render", "--root", str(project), "--overview", "-o", str(tmp_path))
    assert folder.returncode == 1 and "is a folder" in folder.stderr


def test_output_to_a_socket_is_refused(project: Path, tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = run_argmap("export", "--root", str(project), "--format", "json", "-o", str(path))
    finally:
        server.close()
    assert result.returncode == 1 and "neither a file nor a pipe" in result.stderr


def test_graphml_is_well_formed_whatever_the_text() -> None:
    [analysis] = check_project(ROOT / "tests/examples/valid").analyses
    debate = analysis.debate
    node = debate.nodes["trees-cost-too-much"]
    nodes = dict(debate.nodes)
    nodes[node.id] = replace(node, statement="bell \x07, escape \x1b, nul \x00, \ufffe end", label="<&>")
    text = graphml.write(analyse(replace(debate, nodes=nodes)))
    root = ET.fromstring(text.encode("utf-8"))
    values = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert "bell \ufffd, escape \ufffd, nul \ufffd, \ufffd end" in values and "<&>" in values


def test_a_long_quote_not_found_in_a_large_source_gets_a_hint(project: Path) -> None:
    """The closest passage is still found when comparing with the whole text would be slow."""
    source = project / "arguments/trees/source.txt"
    filler = " ".join(f"Filler sentence {i} says nothing of trees." for i in range(20_000))
    source.write_text(filler + " " + source.read_text())
    claim = project / "arguments/trees/claims/trees-cost-too-much.yaml"
    claim.write_text(claim.read_text().replace("quote: Critics say trees cost too much to maintain.",
                                               "quote: Filler sentence 12345 says nothing of tres. Filler sentence "
                                               "12346 says nothing of trees."))
    result = run_argmap("check", "--root", str(project))
    assert "[quote-not-found]" in result.stdout
    assert 'the closest passage (source.txt:1:' in result.stdout
    assert "sentence 12345 says nothing of trees. Filler sentence 12346" in result.stdout


def test_a_quote_found_thousands_of_times_is_reported_briefly(project: Path) -> None:
    source = project / "arguments/trees/source.txt"
    source.write_text(source.read_text() + "\n" + "Trees cost. \n" * 5000)
    claim = project / "arguments/trees/claims/trees-cost-too-much.yaml"
    claim.write_text(claim.read_text().replace("quote: Critics say trees cost too much to maintain.",
                                               "quote: Trees cost."))
    result = run_argmap("check", "--root", str(project))
    [line] = [x for x in result.stdout.splitlines() if "[quote-ambiguous]" in x]
    assert "occurs more than 999 times" in line and ", ...)" in line and len(line) < 400
