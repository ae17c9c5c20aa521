"""The check's cache under `argmap render` (and export, status, coverage): used while nothing the check
read has changed, never once something has, and never able to run code."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from build_tools.check import project as check_stage
from build_tools.check.cache import CACHE_FOLDER
from helpers import run_argmap

TREES = "arguments/trees"
CLAIM = f"{TREES}/claims/trees-cool-streets.yaml"


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The roots checked from scratch while the test runs."""
    seen: list[str] = []
    real = check_stage.check_project

    def counted(root, *args, **kwargs):
        seen.append(str(root))
        return real(root, *args, **kwargs)

    monkeypatch.setattr(check_stage, "check_project", counted)
    return seen


def _render(project: Path, out: Path, *which: str):
    return run_argmap("render", "--root", str(project), *(which or ("--whole",)), "-o", str(out))


def test_a_second_command_reads_the_check_from_the_cache(project: Path, tmp_path: Path, checks) -> None:
    first, second = tmp_path / "1.svg", tmp_path / "2.svg"
    assert _render(project, first).returncode == 0 and len(checks) == 1
    assert _render(project, second).returncode == 0 and len(checks) == 1  # no check from scratch
    assert first.read_bytes() == second.read_bytes()
    assert run_argmap("status", "--root", str(project)).returncode == 0 and len(checks) == 1
    assert (project / CACHE_FOLDER / "trees.pickle").is_file()


def test_an_edited_added_or_removed_file_means_a_new_check(project: Path, tmp_path: Path, checks) -> None:
    out = tmp_path / "map.svg"
    assert _render(project, out).returncode == 0
    claim = project / CLAIM
    claim.write_text(claim.read_text().replace("label: Trees cool streets", "label: Shade cools the pavement"))
    assert _render(project, out).returncode == 0 and len(checks) == 2
    assert "Shade cools the pavement" in out.read_text() and "Trees cool streets" not in out.read_text()
    stray = project / TREES / "notes.txt"
    stray.write_text("a note")
    assert _render(project, out).returncode == 0 and len(checks) == 3
    stray.unlink()
    assert _render(project, out).returncode == 0 and len(checks) == 4


def test_a_file_made_invalid_after_a_cached_check_is_reported(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert _render(project, out).returncode == 0
    (project / CLAIM).write_text((project / CLAIM).read_text() + "label: twice\n")
    result = _render(project, out)
    assert result.returncode == 1 and "[duplicate-key]" in result.stdout


def test_a_schema_gone_since_the_cached_check_is_reported(project: Path, tmp_path: Path) -> None:
    """The schema named on each file's first line lies outside arguments/: the cache asks again."""
    out = tmp_path / "map.svg"
    assert _render(project, out).returncode == 0
    schemas = project / "build_tools" / "schemas"
    schemas.rename(project / "build_tools" / "schemas-moved")
    result = _render(project, out)
    assert result.returncode == 1 and "[schema-line]" in result.stdout


def test_a_tampered_cache_entry_runs_no_code_and_is_checked_again(project: Path, tmp_path: Path, checks) -> None:
    out = tmp_path / "map.svg"
    assert _render(project, out).returncode == 0
    entry = project / CACHE_FOLDER / "trees.pickle"
    head = entry.read_bytes().split(b"\n", 2)
    witness = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return (Path.touch, (witness,))

    entry.write_bytes(head[0] + b"\n" + head[1] + b"\n" + pickle.dumps(({}, Exploit())))
    assert _render(project, out).returncode == 0
    assert not witness.exists() and len(checks) == 2
    entry.write_bytes(head[0] + b"\n" + head[1] + b"\n" + b"not a pickle")
    assert _render(project, out).returncode == 0 and len(checks) == 3


def test_argmap_check_never_uses_the_cache(project: Path, tmp_path: Path, monkeypatch) -> None:
    from build_tools.check import cache

    assert _render(project, tmp_path / "map.svg").returncode == 0

    def refused(self):
        raise AssertionError("argmap check read the cache")

    monkeypatch.setattr(cache.CheckCache, "result", refused)
    assert run_argmap("check", "--root", str(project)).returncode == 0


def test_after_an_edit_only_the_edited_node_file_is_read_again(project: Path, tmp_path: Path, monkeypatch) -> None:
    from build_tools.check import load

    out = tmp_path / "map.svg"
    assert _render(project, out).returncode == 0
    read: list[str] = []
    real = load.load_yaml
    monkeypatch.setattr(load, "load_yaml", lambda file, rel, *a, **k: read.append(rel) or real(file, rel, *a, **k))
    claim = project / CLAIM
    claim.write_text(claim.read_text().replace("label: Trees cool streets", "label: Shade cools the pavement"))
    assert _render(project, out).returncode == 0 and "Shade cools the pavement" in out.read_text()
    assert sorted(read) == [CLAIM, f"{TREES}/debate.yaml"]  # the other node files come from the cache
    claim.write_text(claim.read_text() + "label: twice\n")
    result = _render(project, out)
    assert result.returncode == 1 and "[duplicate-key]" in result.stdout


def _statuses(project: Path) -> dict:
    result = run_argmap("status", "--root", str(project), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_statuses_kept_across_a_relabel_are_those_a_fresh_check_gives(project: Path, tmp_path: Path,
                                                                     monkeypatch) -> None:
    """After a relabel the last statuses are taken (nothing they rest on changed); after a change of what they
    rest on they are worked out again: either way they are what a check from scratch gives."""
    from build_tools import analysis

    assert _render(project, tmp_path / "map.svg").returncode == 0  # statuses worked out and kept
    claim = project / CLAIM
    claim.write_text(claim.read_text().replace("label: Trees cool streets", "label: Shade cools the pavement"))
    evaluated: list = []
    real = analysis.evaluate_from
    monkeypatch.setattr(analysis, "evaluate_from", lambda *a, **k: evaluated.append(a) or real(*a, **k))
    kept = _statuses(project)
    assert evaluated == []  # taken from the cache, not worked out again
    monkeypatch.setattr(analysis, "evaluate_from", real)
    shutil.rmtree(project / ".cache")
    assert kept == _statuses(project)
    undercut = project / TREES / "claims" / "study-measured-one-street.yaml"
    undercut.write_text(undercut.read_text() + "assumed: false\n")
    changed = _statuses(project)
    shutil.rmtree(project / ".cache")
    assert changed == _statuses(project) != kept
