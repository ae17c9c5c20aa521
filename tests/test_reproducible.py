"""Builds that are reproducible byte for byte, and that fail safe."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest

from helpers import article_project, build, copy_project

pytestmark = pytest.mark.slow

EPOCH = "1764115200"


def _tree(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*"))


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    one = build(copy_project(tmp_path / "a"), tmp_path / "a" / "site", PYTHONHASHSEED="1", SOURCE_DATE_EPOCH=EPOCH)
    two = build(copy_project(tmp_path / "b"), tmp_path / "b" / "site", PYTHONHASHSEED="2", SOURCE_DATE_EPOCH=EPOCH)
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    first, second = tmp_path / "a" / "site", tmp_path / "b" / "site"
    files = _tree(first)
    assert files == _tree(second) and len(files) > 100
    _, mismatch, errors = filecmp.cmpfiles(first, second, [f for f in files if (first / f).is_file()], shallow=False)
    assert mismatch == [] and errors == []


def _fake_dot(folder: Path, body: str) -> str:
    folder.mkdir()
    script = folder / "dot"
    script.write_text("#!/bin/sh\nif [ \"$1\" = -V ]; then echo 'dot - graphviz version 2.43.0 (0)' >&2; exit 0; fi\n"
                      + body + "\n")
    script.chmod(0o755)
    return f"{folder}:{os.environ['PATH']}"


def _failing_build_keeps_the_site(tmp_path: Path, path: str) -> str:
    project = article_project(tmp_path / "p")
    site = project / "site"
    assert build(project, site).returncode == 0
    before = {f: (site / f).read_bytes() for f in _tree(site) if (site / f).is_file()}
    cache = project / ".cache" / "argmap"
    cached = sorted(p.name for p in cache.iterdir())
    claim = project / "arguments" / "nato-factory-settings" / "claims" / "frees-resources.yaml"
    claim.write_text(claim.read_text().replace("label: Ending peripheral", "label: Stopping peripheral"))
    result = build(project, site, PATH=path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert {f: (site / f).read_bytes() for f in _tree(site) if (site / f).is_file()} == before
    assert sorted(p.name for p in cache.iterdir()) == cached  # nothing half-written in the cache
    return result.stderr


def test_dot_missing_fails_clearly_and_keeps_the_last_site(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    stderr = _failing_build_keeps_the_site(tmp_path, str(empty))
    assert "Graphviz's 'dot' program is not installed or not on PATH" in stderr
    assert "apt-get install graphviz" in stderr


def test_dot_killed_part_way_fails_clearly_and_keeps_the_last_site(tmp_path: Path) -> None:
    path = _fake_dot(tmp_path / "bin", 'kill -9 $$')
    stderr = _failing_build_keeps_the_site(tmp_path, path)
    assert "Graphviz failed on the map" in stderr


def test_dot_writing_garbage_is_refused(tmp_path: Path) -> None:
    path = _fake_dot(tmp_path / "bin", "cat >/dev/null; echo '<?xml version=\"1.0\"?><svg><script>x</script></svg>'")
    stderr = _failing_build_keeps_the_site(tmp_path, path)
    assert "was refused" in stderr and "script" in stderr
