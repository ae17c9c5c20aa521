"""Property-based fuzzing: no input makes the checker crash, and valid debates always build."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.check import check_project
from helpers import MKDOCS, ROOT

VALID = ROOT / "tests" / "examples" / "valid"
CLAIM = "arguments/trees/claims/trees-cost-too-much.yaml"
DIAGNOSTIC = re.compile(r"^arguments/\S+:\d+:\d+$")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def _project(tmp: Path) -> Path:
    project = tmp / "p"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(VALID, project)
    return project


def _assert_well_reported(project: Path) -> None:
    result = check_project(project)
    for d in result.diagnostics:
        assert d.code != "internal-error", d.render()
        assert DIAGNOSTIC.match(f"{d.path}:{d.line}:{d.column}") and d.line >= 1, d.render()


@given(document=documents)
def test_arbitrary_yaml_documents_are_reported_not_crashed_on(tmp_path_factory, document) -> None:
    project = _project(tmp_path_factory.mktemp("fuzz"))
    (project / CLAIM).write_text("# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"
                                 + yaml.safe_dump(document, allow_unicode=True))
    _assert_well_reported(project)


@given(data=st.data())
def test_arbitrary_mutations_of_real_files_are_reported_not_crashed_on(tmp_path_factory, data) -> None:
    project = _project(tmp_path_factory.mktemp("mutate"))
    files = sorted(p for p in (project / "arguments").rglob("*") if p.is_file())
    target = data.draw(st.sampled_from(files))
    raw = bytearray(target.read_bytes())
    for _ in range(data.draw(st.integers(1, 5))):
        position = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        byte = data.draw(st.integers(0, 255))
        if action == "delete" and raw:
            del raw[position]
        elif action == "insert":
            raw.insert(position, byte)
        elif raw:
            raw[position] = byte
    target.write_bytes(bytes(raw))
    _assert_well_reported(project)


words = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po", "Sm", "So")),
                min_size=1, max_size=40).map(lambda s: " ".join(s.split()) or "x")


@pytest.mark.slow
@settings(max_examples=4)
@given(labels=st.lists(words, min_size=2, max_size=6), shape=st.data())
def test_arbitrary_valid_debates_build_and_every_node_is_reachable(tmp_path_factory, labels, shape) -> None:
    root = tmp_path_factory.mktemp("valid")
    folder = root / "arguments" / "gen"
    (folder / "claims").mkdir(parents=True)
    (root / "build_tools").mkdir()
    (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    (root / "docs").mkdir()
    (folder / "debate.yaml").write_text(
        "# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json\n" + yaml.safe_dump({
            "title": "Generated", "summary": "A generated debate.",
            "source": {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")},
            "thesis": "c0", "perspectives": [{"id": "author", "name": "Author", "description": "Author."}]}))
    for i, label in enumerate(labels):
        body = {"label": label[:60], "statement": f"{label} (statement {i})"}
        if i:
            parent = shape.draw(st.integers(0, i - 1))
            body[shape.draw(st.sampled_from(["supports", "attacks"]))] = [f"c{parent}"]
        (folder / "claims" / f"c{i}.yaml").write_text(
            "# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"
            + yaml.safe_dump(body, allow_unicode=True))
    (root / "mkdocs.yml").write_text("site_name: Gen\ntheme:\n  name: material\n  font: false\n"
                                     "plugins:\n  - search\n  - argmap\n")
    result = subprocess.run([str(MKDOCS), "build", "--site-dir", str(root / "site")], cwd=root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    # every node's page is reached by following links from the home page
    site = root / "site"
    seen, todo = set(), [site / "index.html"]
    while todo:
        page = todo.pop()
        if page in seen or not page.is_file() or page.suffix != ".html":
            continue
        seen.add(page)
        for link in re.findall(r'(?:href|xlink:href)="([^"#?]+)', page.read_text()):
            if "://" in link or link.startswith(("/", "mailto:")):
                continue
            target = (page.parent / link).resolve()
            todo.append(target / "index.html" if link.endswith("/") or target.is_dir() else target)
    for i in range(len(labels)):
        assert site / "gen" / "claims" / f"c{i}" / "index.html" in seen
