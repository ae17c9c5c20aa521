"""Golden files: the DOT of a focus map and the Markdown of node pages (with the HTML fragments that go into
them after Markdown), for the example project.

A change to either shows up as a diff of ``tests/golden/``; after checking that the change
is wanted, rewrite them with ``UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_golden.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.check import check_project
from build_tools.publish import downloads
from build_tools.site.embed import fill_slots
from build_tools.site.pipeline import build_site
from build_tools.site.render import Renderer
from helpers import ROOT, UPDATE, run_argmap

GOLDEN = ROOT / "tests" / "golden"
EXAMPLE = ROOT / "tests" / "examples" / "valid"


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, "utf-8")
    assert path.is_file(), f"{path} is missing: run with UPDATE_EXPECTED=1 to write it"
    assert actual == path.read_text("utf-8"), f"{name} changed: review, then rewrite with UPDATE_EXPECTED=1"


def test_focus_map_dot(tmp_path: Path) -> None:
    out = tmp_path / "focus.dot"
    result = run_argmap("render", "--root", str(EXAMPLE), "--node", "trees-cool-streets", "--format", "dot",
                        "-o", str(out))
    assert result.returncode == 0, result.stderr
    _compare("focus-trees-cool-streets.dot", out.read_text("utf-8"))


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Each page's Markdown with its generated HTML fragments put in (maps stay placeholders)."""
    site = build_site(check_project(EXAMPLE).analyses, Renderer(None), downloads())
    return {page.src: fill_slots(page.markdown, site.fragments) for page in site.pages}


@pytest.mark.parametrize("src", ["trees/claims/trees-cool-streets.md", "trees/evidence/council-study.md"])
def test_node_page_markdown(pages: dict[str, str], src: str) -> None:
    _compare(src.replace("/", "--"), pages[src])
