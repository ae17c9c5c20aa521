"""The checker's fast paths say what the slow ones say.

YAML is read with libyaml where PyYAML has it (about 5x faster) and with PyYAML's own parser where it
does not: the same documents, positions and diagnostics. A document that fastjsonschema's compiled
check passes skips jsonschema: the two must agree on which documents are valid.
"""

from __future__ import annotations

from pathlib import Path

import fastjsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.check.yamlfile import LIBYAML, load_yaml
from helpers import ROOT

needs_libyaml = pytest.mark.skipif(not LIBYAML, reason="PyYAML without libyaml: only one way to read")

REAL = sorted([*ROOT.glob("arguments/**/*.yaml"), *ROOT.glob("tests/examples/**/*.yaml")])
SHAPES = {
    "alias": "a: &x [1, 2]\nb: *x\n",
    "deep": "a: " + "[" * 40 + "]" * 40 + "\n",
    "just deep enough": "a: " + "[" * 30 + "]" * 30 + "\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comment only": "# nothing\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "booleans and dates": "a: no\nb: on\nc: 2024-06-01\nd: true\n\"e\": yes\n",
    "tags": "a: !!python/object:os.system x\nb: !!str 3\nc: !custom [1]\n",
    "keys": "? [a]\n: 1\n3: x\nyes: 2\n",
    "escapes": 'a: "\\ud800 \\x85 \\0"\nb: "caf\\u00e9 \\U0001F44D"\n',
    "syntax": "a: [1, 2\nb: {c: d\n",
    "tab": "a:\n\t- b\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n",
    "block scalar header run into a comment": "a: >#-\n  text\nb: |2#\n  x\n",  # libyaml takes it, PyYAML refuses
    "non-ascii columns": "é: ü\nlist:\n  - 👍🏽 x\n  - {k: ñ}\n",
    "anchor without alias": "a: &x 1\nb: 2\n",
    "explicit document": "---\na: 1\n...\n",
    "non-specific tag on empty nodes": "a: !\nb: ! x\nc:\n  - !\n",  # libyaml resolves an empty one as text
    "deep on one line": "- " * 40 + "x\n",
    "many lines, shallow": "".join(f"k{i}:\n  - a\n  - b\n" for i in range(40)),
    "empty values in braces": "a: {b: , c}\nd: {e: ,f: g}\n",  # libyaml places them a column later
    "escaped key": '"a\\x85": 1\n"\\u00e9": 2\n',
}


def _same(path: Path) -> None:
    fast, slow = load_yaml(path, path.name, fast=True), load_yaml(path, path.name, fast=False)
    assert (fast.data, fast.values, fast.keys, fast.diagnostics) == (slow.data, slow.values, slow.keys,
                                                                      slow.diagnostics), path


@needs_libyaml
def test_every_real_file_reads_the_same() -> None:
    assert len(REAL) > 100
    for path in REAL:
        _same(path)


@needs_libyaml
@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_shape_reads_the_same(name: str, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(SHAPES[name], "utf-8")
    _same(path)


@needs_libyaml
@settings(max_examples=300)
@given(data=st.data())
def test_mutations_of_real_files_read_the_same(tmp_path_factory, data) -> None:
    raw = bytearray(data.draw(st.sampled_from(REAL)).read_bytes())
    alphabet = b" \n\t\r:-[]{},#&*!|>'\"?%@`abc\\\xc3\xa9"
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        byte = data.draw(st.sampled_from(list(alphabet)))
        if data.draw(st.booleans()) and raw:
            del raw[position]
        else:
            raw.insert(position, byte)
    path = tmp_path_factory.mktemp("mutated") / "x.yaml"
    path.write_bytes(bytes(raw))
    _same(path)


@needs_libyaml
@settings(max_examples=100)
@given(document=st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=15))
def test_generated_documents_read_the_same(tmp_path_factory, document) -> None:
    path = tmp_path_factory.mktemp("generated") / "x.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    _same(path)


def test_without_libyaml_the_check_says_so_once_and_the_same(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    invalid = ROOT / "tests" / "examples" / "invalid" / "yaml-syntax"
    run = lambda env: subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(invalid)],  # noqa: E731
                                     capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env}, timeout=120)
    fast, slow = run({}), run({"ARGMAP_NO_LIBYAML": "1"})
    assert slow.stdout == fast.stdout and "yaml-syntax" in fast.stdout
    assert slow.stderr.count("has no libyaml") == 1 and "libyaml" not in fast.stderr



def _agree(kind: str, data) -> None:
    from build_tools.check.schema import _valid, _validator

    try:
        _valid(kind)(data)
        fast = True
    except fastjsonschema.JsonSchemaException:
        fast = False
    slow = _validator(kind).is_valid(data)
    assert fast == slow, (kind, data)


def _kind(path: Path) -> str:
    return "debate" if path.name == "debate.yaml" else "evidence" if path.parent.name == "evidence" else "claim"


def test_the_compiled_schemas_agree_on_every_real_and_invalid_file() -> None:
    for path in REAL:
        data = load_yaml(path, path.name).data
        if data is not None:
            _agree(_kind(path), data)


_values = st.one_of(st.none(), st.booleans(), st.integers(-3, 200), st.floats(allow_nan=False),
                    st.sampled_from(["", "x", "TODO", "a-b", "A B", "thesis", "reason", "objection", "author",
                                     "high", "low", "linked", "PE", "CCE", "https://example.org", "unknown",
                                     "primary-source", "study", "x" * 300, "Ünïcode", "a--b", "-a"]),
                    st.lists(st.sampled_from(["x", "a-b", "plant-more-trees", "", 3]), max_size=3),
                    st.dictionaries(st.sampled_from(["to", "with", "weight", "why", "name", "value", "x"]),
                                    st.sampled_from(["x", "a-b", "high", 1, None, ["a-b"]]), max_size=3))


@settings(max_examples=400)
@given(data=st.data())
def test_the_compiled_schemas_agree_on_changed_documents(data) -> None:
    path = data.draw(st.sampled_from([p for p in REAL if "invalid" not in p.parts]))
    document = load_yaml(path, path.name).data
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["set", "drop", "add"]))
        keys = sorted(document)
        if action == "drop" and keys:
            document.pop(data.draw(st.sampled_from(keys)))
        elif action == "set" and keys:
            document[data.draw(st.sampled_from(keys))] = data.draw(_values)
        else:
            document[data.draw(st.sampled_from(["extra", "note", "tags", "open", "assumed", "occurrence",
                                                "supports", "attacks", "undercuts", "citation", "checks"]))] = \
                data.draw(_values)
    _agree(_kind(path), document)


def test_a_check_that_reuses_the_last_one_reads_only_changed_files_and_agrees(tmp_path: Path) -> None:
    """make serve's checks: unchanged node files are neither read nor checked again; a saved file is."""
    import shutil

    from build_tools.check import check_project
    from build_tools.check.load import Reuse

    root = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", root)
    (root / "build_tools").mkdir(exist_ok=True)
    if not (root / "build_tools" / "schemas").exists():
        (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    reuse = Reuse()
    first = check_project(root, reuse=reuse)
    assert first.ok and len(reuse.files) == 7
    kept = dict(reuse.files)
    claim = root / "arguments" / "trees" / "claims" / "trees-cool-streets.yaml"
    claim.write_text(claim.read_text().replace("role: reason", "role: reasons"))
    second = check_project(root, reuse=reuse)
    assert second.diagnostics == check_project(root).diagnostics  # what a check from scratch says
    assert "bad-value" in [d.code for d in second.diagnostics]
    changed = "arguments/trees/claims/trees-cool-streets.yaml"
    assert reuse.files[changed][1] is not kept[changed][1]  # read again
    assert all(reuse.files[p][1] is kept[p][1] for p in kept if p != changed)  # the others reused as they were
