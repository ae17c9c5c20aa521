"""`argmap check` through the command line: exit codes, scopes, reporters, hostile input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.check import check_project
from build_tools.check import project as check_module
from helpers import ARGMAP, ARTICLE, DEBATE, ROOT, needs_external, run_argmap, run_argmap_process

TREES = "arguments/trees"
EXAMPLE_FILES = sum(1 for f in (ROOT / "tests" / "examples" / "valid" / "arguments").rglob("*") if f.is_file())


def test_shipped_arguments_pass() -> None:
    result = run_argmap("check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("files: no problems\n"), result.stdout  # no error and no warning


def test_valid_example_has_no_problem(project: Path) -> None:
    result = run_argmap("check", "--root", str(project))
    assert result.returncode == 0
    assert result.stdout == f"checked {EXAMPLE_FILES} files: no problems\n"


def test_root_is_found_from_a_subfolder(project: Path) -> None:
    result = run_argmap("check", cwd=project / TREES / "claims")
    assert result.returncode == 0
    assert result.stdout.startswith(f"checked {EXAMPLE_FILES} files")


def _break(project: Path) -> Path:
    bad = project / TREES / "claims" / "trees-cost-too-much.yaml"
    bad.write_text(bad.read_text().replace("attacks:", "atacks:"))
    return bad


def test_an_error_exits_1_with_path_line_column(project: Path) -> None:
    _break(project)
    result = run_argmap("check", "--root", str(project))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{TREES}/claims/trees-cost-too-much.yaml:7:1: error: unknown key 'atacks'")
    assert "did you mean 'attacks'?" in first
    assert result.stdout.splitlines()[-1] == f"checked {EXAMPLE_FILES} files: 1 error, 1 warning"


def test_paths_limit_the_report_to_those_files(project: Path) -> None:
    _break(project)
    other = run_argmap("check", "--root", str(project), f"{project}/{TREES}/claims/plant-more-trees.yaml")
    assert other.returncode == 0 and other.stdout == "checked 1 file: no problems\n"
    broken = run_argmap("check", f"{TREES}/claims/trees-cost-too-much.yaml", cwd=project)
    assert broken.returncode == 1
    assert broken.stdout.count(": error: ") == 1


def test_github_annotations_escape_file_text(project: Path) -> None:
    claim = project / TREES / "claims" / "forged.yaml"
    source = (project / TREES / "claims" / "trees-cost-too-much.yaml").read_text()
    claim.write_text(source.replace("role: objection", 'role: "x\\n::error file=a,line=1::forged 100%,:"'))
    result = run_argmap("check", "--root", str(project), "--format", "github")
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "checked ")) for line in lines)
    assert not any(line.startswith("::error file=a,") for line in lines)
    quoted = [line for line in lines if "forged" in line]
    assert quoted and "%0A" in quoted[0]


def test_github_format_names_file_line_and_column(project: Path) -> None:
    _break(project)
    result = run_argmap("check", "--root", str(project), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"::error file={TREES}/claims/trees-cost-too-much.yaml,line=7,col=1,title=argmap unknown-key::unknown key")


def test_json_format(project: Path) -> None:
    _break(project)
    result = run_argmap("check", "--root", str(project), "--format", "json")
    report = json.loads(result.stdout)
    assert report["errors"] == 1 and report["warnings"] == 1 and report["files"] == 9
    first = report["diagnostics"][0]
    assert first == {
        "path": f"{TREES}/claims/trees-cost-too-much.yaml", "line": 7, "column": 1, "severity": "error",
        "code": "unknown-key", "message": first["message"],
    }


def test_debate_option(project: Path) -> None:
    assert run_argmap("check", "--root", str(project), "--debate", "trees").returncode == 0
    result = run_argmap("check", "--root", str(project), "--debate", "tree")
    assert result.returncode == 2
    assert result.stderr == "argmap: error: no debate 'tree'; did you mean 'trees'? (debates: trees)\n"


def test_no_arguments_folder(tmp_path: Path) -> None:
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 2
    assert "no 'arguments/' folder" in result.stderr and "Traceback" not in result.stderr


def test_empty_arguments_folder(tmp_path: Path) -> None:
    (tmp_path / "arguments").mkdir()
    result = run_argmap("check", "--root", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.startswith("arguments:1:1: error: there is no debate")


def test_path_outside_a_debate(project: Path) -> None:
    result = run_argmap("check", "--root", str(project), str(project / "build_tools"))
    assert result.returncode == 2
    assert "not a file or folder of a debate" in result.stderr


def test_a_missing_path_is_an_error(project: Path) -> None:
    result = run_argmap("check", "--root", str(project), f"{project}/{TREES}/claims/gone.yaml")
    assert result.returncode == 2
    assert result.stderr.endswith("claims/gone.yaml: no such file or folder\n")


def test_huge_file_is_refused_without_reading_it(project: Path) -> None:
    huge = project / TREES / "claims" / "huge.yaml"
    with huge.open("wb") as out:
        out.write(b"label: ")
        out.write(b"x" * (20 * 1024 * 1024))
    started = time.monotonic()
    result = run_argmap("check", "--root", str(project))
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    assert f"{TREES}/claims/huge.yaml:1:1: error: the file is 20,971,527 bytes, over the limit of 262,144" \
           in result.stdout
    assert "[file-too-large]" in result.stdout
    assert elapsed < 60  # a generous guard against hangs, not a speed test


def test_deep_nesting_ten_thousand_levels(project: Path) -> None:
    (project / TREES / "claims" / "deep.yaml").write_text("label: " + "[" * 10000 + "]" * 10000 + "\n")
    result = run_argmap("check", "--root", str(project))
    assert result.returncode == 1 and "[yaml-too-deep]" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_bug_in_a_rule_is_reported_not_raised(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_rule(debate, known):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check_module, "DEBATE_RULES", (broken_rule,))
    result = check_project(project)
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "internal-error" and diagnostic.path == f"{TREES}/debate.yaml"
    assert "ZeroDivisionError: boom" in diagnostic.message and "bug in argmap" in diagnostic.message


def test_loader_api_gives_the_model(project: Path) -> None:
    result = check_project(project)
    [debate] = result.debates
    assert debate.thesis == "plant-more-trees"
    linked = [s for s in debate.supports if s.linked]
    assert [(s.premises, s.conclusion) for s in linked] == [(("trees-cool-streets", "cooling-matters"),
                                                              "plant-more-trees")]
    [cut] = debate.undercuts
    assert (cut.undercutter, cut.premises, cut.conclusion) == (
        "study-measured-one-street", ("council-study",), "trees-cool-streets")
    assert debate.nodes["council-study"].citation.rests_on_article
    assert debate.nodes["trees-cool-streets"].where("quote").line == 6


def test_schemas_are_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for schema in (ROOT / "build_tools" / "schemas").glob("*.json"):
        Draft202012Validator.check_schema(json.loads(schema.read_text()))


def test_every_shipped_yaml_file_names_its_schema() -> None:
    for file in (ROOT / "arguments").rglob("*.yaml"):
        first = file.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), file
        assert (file.parent / first.split("=", 1)[1]).is_file(), file


@needs_external(ARTICLE)
def test_shipped_source_is_the_article_byte_for_byte() -> None:
    source = ROOT / "arguments" / DEBATE / "source.txt"  # the article's debate (other debates have their own texts)
    assert not source.is_symlink()
    assert source.read_bytes() == ARTICLE.read_bytes()


def test_the_installed_command_and_python_m_run_end_to_end(project: Path) -> None:
    """The console command and ``python -m build_tools`` in their own processes (the other tests run in-process)."""
    command = run_argmap_process("check", "--root", str(project))
    assert command.returncode == 0 and command.stdout.endswith("files: no problems\n"), command.stdout
    broken = project / TREES / "claims" / "trees-cost-too-much.yaml"
    broken.write_text(broken.read_text().replace("attacks:", "atacks:"))
    module = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert module.returncode == 1 and "unknown key 'atacks'" in module.stdout
    version = run_argmap_process("--version")
    assert version.returncode == 0 and version.stdout.startswith("argmap ")


def test_a_reader_that_stops_reading_gets_no_error(project: Path) -> None:
    """`argmap status | head -1`: the closed pipe ends the command quietly, as a shell tool does (not an
    "internal error")."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line
    try:
        status = subprocess.run([str(ARGMAP), "status", "--root", str(project)], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert status.stderr == "" and status.returncode == 141, (status.returncode, status.stderr)


def test_a_debate_sets_its_own_level_for_a_warning(project: Path) -> None:
    folder = project / "arguments" / "trees"
    alone = folder / "claims" / "alone.yaml"
    alone.write_text((folder / "claims" / "trees-cost-too-much.yaml").read_text().replace(
        "attacks: [plant-more-trees]", "").replace("label: Trees cost too much to maintain", "label: A claim alone"))
    debate = folder / "debate.yaml"
    original = debate.read_text()
    found = run_argmap("check", "--root", str(project))
    assert found.returncode == 0 and "alone.yaml:" in found.stdout and "warning:" in found.stdout
    assert "[disconnected]" in found.stdout
    debate.write_text(original + "checks:\n  disconnected: ignore\n")
    off = run_argmap("check", "--root", str(project))
    assert off.returncode == 0 and "[disconnected]" not in off.stdout, off.stdout
    debate.write_text(original + "checks:\n  disconnected: error\n")
    error = run_argmap("check", "--root", str(project))
    assert error.returncode == 1 and "error: 'alone' has no relation to any claim" in error.stdout, error.stdout
    debate.write_text(original + "checks:\n  quote-not-found: ignore\n")  # errors cannot be turned off
    refused = run_argmap("check", "--root", str(project))
    assert refused.returncode == 1 and "debate.yaml:" in refused.stdout and "quote-not-found" in refused.stdout


def test_the_schema_lists_exactly_the_warnings_a_debate_may_adjust() -> None:
    from build_tools.check.rules import ADJUSTABLE

    schema = json.loads((ROOT / "build_tools" / "schemas" / "debate.schema.json").read_text())
    assert schema["properties"]["checks"]["propertyNames"]["enum"] == list(ADJUSTABLE)
    documented = (ROOT / "docs" / "format.md").read_text()
    rows = {line.split("`")[1] for line in documented.splitlines() if line.startswith("| `") and "| warning |" in line}
    assert set(ADJUSTABLE) <= rows  # each is a documented warning
