"""Invalid example files, each with the diagnostics `argmap check` must print.

Each folder in tests/examples/invalid/ is laid over a copy of the valid example project
(tests/examples/valid): its files replace or add to the project's, symbolic links
included, and the paths listed in its DELETE file are removed. ``expected.txt`` holds the
exact lines `argmap check` must print (path:line:col: severity: message [code]), without
the summary. Set UPDATE_EXPECTED=1 to rewrite them from the current output (then review
the diff).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, run_argmap

CASES = ROOT / "tests" / "examples" / "invalid"
SPECIAL = {"expected.txt", "DELETE", "README.md"}


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _overlay(case: Path, project: Path) -> None:
    for path in sorted(case.rglob("*")):
        rel = path.relative_to(case)
        if rel.as_posix() in SPECIAL or (path.is_dir() and not path.is_symlink()):
            continue
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if path.is_symlink():
            target.symlink_to(os.readlink(path))
        else:
            shutil.copyfile(path, target)
    delete = case / "DELETE"
    if delete.exists():
        for line in delete.read_text().split():
            victim = project / line
            shutil.rmtree(victim) if victim.is_dir() else victim.unlink()


@pytest.mark.parametrize("name", _cases())
def test_invalid_example(name: str, project: Path) -> None:
    case = CASES / name
    _overlay(case, project)
    result = run_argmap("check", "--root", str(project))
    lines = result.stdout.splitlines()
    diagnostics, summary = lines[:-1], lines[-1]
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_EXPECTED"):
        expected_file.write_text("".join(line + "\n" for line in diagnostics))
    expected = expected_file.read_text().splitlines()
    assert "Traceback" not in result.stderr
    assert diagnostics == expected
    has_error = any(": error: " in line for line in expected)
    assert result.returncode == (1 if has_error else 0), result.stderr
    assert summary.startswith("checked ")


def test_every_documented_code_has_an_example() -> None:
    """Every rule of the format reference is shown by an invalid example (or a test below)."""
    documented = _documented_codes()
    shown = set()
    for expected in CASES.glob("*/expected.txt"):
        for line in expected.read_text().splitlines():
            shown.add(line.rsplit("[", 1)[1].rstrip("]"))
    covered_elsewhere = {"file-too-large", "no-debate", "internal-error", "unreadable", "special-file", "chain-too-deep",
                         "too-many-relations"}  # test_limits.py
    assert documented - shown - covered_elsewhere == set()
    assert shown <= documented, "a code in an example is not documented in docs/format.md"


def _documented_codes() -> set[str]:
    text = (ROOT / "docs" / "format.md").read_text()
    table = text.split("## Checker rules", 1)[1]
    return {line.split("`")[1] for line in table.splitlines() if line.startswith("| `")}
