"""What a pull request can bring besides arguments and docs is not trusted: caches, git attributes, folders
named like revisions, hostile file names. Each case goes through the CLI or `mkdocs build`."""

from __future__ import annotations

import io
import os
import pickle
import pickletools
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import MKDOCS, ROOT, run_argmap

VALID = ROOT / "tests" / "examples" / "valid"
CLAIM = Path("arguments/trees/claims/trees-cost-too-much.yaml")
STATEMENT = "The upkeep of street trees is too expensive."
POISON = "The upkeep of street trees is POISONED!!!!!!"  # as long as the statement: the pickle stays whole
SITE = "site_name: Trust\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap\n"


def _site_project(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(VALID, project, ignore=shutil.ignore_patterns(".cache"))
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    return project


def _as_someone_else(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Write caches as another user would (another key): what a contributor can commit under .cache/."""
    monkeypatch.setenv("ARGMAP_KEY_FILE", str(tmp_path / "their-key"))


def test_the_caches_a_pull_request_brings_are_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.store import write_entry

    project = _site_project(tmp_path)
    ours = os.environ.get("ARGMAP_KEY_FILE")
    _as_someone_else(monkeypatch, tmp_path)
    assert assert_ok(run_argmap("render", "--root", str(project), "--whole", "-o", str(tmp_path / "m.svg")))
    cache = project / ".cache" / "argmap"
    entries = sorted((cache / "checks").glob("*.pickle"))
    maps = sorted(cache.glob("*.svg"))
    assert entries and maps
    # (b) the check of the very files in the tree, with another text in it; (a) a pickle that runs code;
    # (c) every cached map with a script in it: each sealed with the contributor's own key.
    witness = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (witness,))

    poisoned = 0
    for entry in entries:
        data = entry.read_bytes()[32:]
        if STATEMENT.encode() in data:
            poisoned += write_entry(entry, data.replace(STATEMENT.encode(), POISON.encode()))
        else:
            write_entry(entry, b"argmap-check 2\n" + pickle.dumps(({}, Exploit(), {})))
    assert poisoned and "POISONED" in run_argmap("export", "--root", str(project), "--format", "json").stdout  # were it read
    for svg in maps:
        text = svg.read_bytes()[32:].replace(b"</svg>", b"<script>alert(1)</script></svg>")
        write_entry(svg, text)
    if ours is None:
        monkeypatch.delenv("ARGMAP_KEY_FILE")
    else:
        monkeypatch.setenv("ARGMAP_KEY_FILE", ours)
    built = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(project / "site")], cwd=project,
                           capture_output=True, text=True, timeout=300, env={**os.environ})
    assert built.returncode == 0, built.stderr[-2000:]
    pages = "".join(p.read_text("utf-8") for p in (project / "site").rglob("*.html"))
    assert STATEMENT in pages and "POISONED" not in pages and "<script>alert(1)" not in pages
    assert not witness.exists()
    exported = run_argmap("export", "--root", str(project), "--format", "json")
    assert exported.returncode == 0 and STATEMENT in exported.stdout and "POISONED" not in exported.stdout
    assert not witness.exists()


def assert_ok(ran) -> bool:
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return True


@pytest.mark.parametrize("module, name", [
    ("build_tools.check.yamlfile", "Path"),  # a class imported there, not defined there
    ("build_tools.model", "enum.Enum"),  # a dotted name walks to another module
    ("build_tools.quotes", "re.compile"),
    ("build_tools.graph", "operator.attrgetter"),
    ("os", "system"),
])
def test_the_check_cache_builds_only_argmap_classes_defined_where_named(module: str, name: str) -> None:
    """Even a sealed entry (second wall): no class by a dotted path, nothing imported into an allowed module."""
    from build_tools.check.cache import _Unpickler

    data = (b"\x80\x04" + pickle.SHORT_BINUNICODE + bytes([len(module)]) + module.encode()
            + pickle.SHORT_BINUNICODE + bytes([len(name)]) + name.encode() + pickle.STACK_GLOBAL + pickle.STOP)
    pickletools.dis(data, out=io.StringIO())  # a well-formed pickle
    with pytest.raises(pickle.UnpicklingError):
        _Unpickler(io.BytesIO(data)).load()
