"""Named arguments end to end: their status as the map stands, and how the site shows them.

The debate is tests/argdown/arguments.argdown, parsed by the real Argdown CLI and imported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, argdown_json, build, drawn, empty_project, run_argmap

pytestmark = pytest.mark.needs_node


@pytest.fixture
def project(tmp_path: Path) -> Path:
    argdown_json(ROOT / "tests" / "argdown" / "arguments.argdown", tmp_path / "json")
    root = empty_project(tmp_path / "project")
    result = run_argmap("import", "--root", str(root), "--format", "argdown-json",
                        str(tmp_path / "json" / "arguments.json"), "--debate", "args")
    assert result.returncode == 0, result.stderr
    return root


def test_an_argument_stands_when_its_last_step_holds_and_falls_with_an_attack_or_undercut(project: Path) -> None:
    status = json.loads(run_argmap("status", "--root", str(project), "--format", "json").stdout)
    outcome = {node: s["outcome"] for node, s in status.items()}
    # <Cost>: its premises stand; its undercutter <Chaos> rests on <Partners>, which [Ready] defeats
    assert outcome["cost"] == "stands" and outcome["chaos"] == "not established"
    assert outcome["partners"] == "defeated" and status["partners"]["rests_on"] == ["iraqi-forces-have-held-territory-on"]
    # <Rotation>: the undercut of its intermediate step takes the intermediate conclusion, and with it the argument
    assert outcome["the-iraq-mission-competes-with-the"] == "not established"
    assert outcome["rotation"] == "not established" and outcome["ending-the-mission-frees-troops-for"] == "not established"
    # <Focus>, a sketched argument, falls to the undercut by <Costs & "benefits">
    assert outcome["focus"] == "defeated" and status["focus"]["rests_on"] == ["costs-benefits"]
    # the thesis stands by <Cost>, the argument, not by its premises directly
    thesis = status["nato-should-end-its-mission-in"]
    assert thesis["outcome"] == "stands" and thesis["steps"][0]["premises"] == ["cost"]


@pytest.mark.slow
def test_the_site_draws_arguments_and_gives_each_a_page_with_its_structure(project: Path) -> None:
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text("site_name: Arguments\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - argmap\n")
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    page = (project / "site" / "args" / "arguments" / "rotation" / "index.html").read_text()
    assert "Whose argument:" in page and "Its structure" in page
    structure = page[page.index('id="its-structure"'):]
    structure = structure[:structure.index("</ol>")]
    assert structure.count("<li>") == 2 and "an intermediate conclusion" in structure and "its main conclusion" in structure
    assert structure.index("Troops in Iraq are drawn") < structure.index("The Iraq mission competes")
    whole = drawn(project / "site" / "args" / "map" / "index.html")
    # every argument is a box of its own kind on the whole map, with the word ARGUMENT on it
    nodes = re.split(r'(?=<g id="[^"]*" class="node )', whole)
    boxes = [part for part in nodes if re.match(r'<g id="[^"]*" class="node argument ', part)]
    assert len(boxes) == 6 and all(">ARGUMENT · " in box for box in boxes)
    legend = (project / "site" / "index.html").read_text()  # one debate: its home is the site's
    assert "a named argument: its premises point into it, and it points to its conclusion" in legend
