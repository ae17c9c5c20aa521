"""`argmap diff`: what a change does to the argument, between two folders or two git revisions."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools.site.render import unsafe_parts
from helpers import ROOT, UPDATE, run_argmap, write_issue_debate

GOLDEN = ROOT / "tests" / "golden"
SCHEMA = json.loads((ROOT / "build_tools" / "schemas" / "diff.schema.json").read_text())


def _edit(claims: Path, node: str, change) -> None:
    path = claims / f"{node}.yaml"
    head, body = path.read_text().split("\n", 1)
    data = yaml.safe_load(body)
    change(data)
    path.write_text(head + "\n" + yaml.safe_dump(data, sort_keys=False))


def _change(project: Path) -> None:
    """One change of each kind: a node added, removed and changed; a relation added and removed, a weight and a
    weight per perspective changed; and so outcomes that change, one of them under the critics' premises only."""
    claims = project / "arguments" / "weighed" / "claims"
    _edit(claims, "risk", lambda d: d.update(statement="It risks chaos in the region."))
    _edit(claims, "risk", lambda d: d["attacks"][0].update(weight="high"))
    _edit(claims, "benefit", lambda d: d["supports"][0].update(weights={"critics": "medium"}))
    (claims / "doubt.yaml").unlink()
    head = (claims / "risk.yaml").read_text().split("\n", 1)[0]
    answer = {"label": "The risk is small | <b>", "statement": "The risk is small.", "role": "rebuttal",
              "perspective": "critics", "implicit": True, "rationale": "A test.", "attacks": ["risk"]}
    (claims / "answer.yaml").write_text(head + "\n" + yaml.safe_dump(answer, sort_keys=False))


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    write_issue_debate(base)
    write_issue_debate(head)
    _change(head)
    return base, head


def test_a_diff_names_every_kind_of_change(versions: tuple[Path, Path]) -> None:
    base, head = versions
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("weighed: 1 node added; 1 node removed; 1 node changed; 1 relation added; "
                           "1 relation removed; 2 relations changed; ")
    assert "  + claim answer: The risk is small | <b>\n" in text
    assert "  - claim doubt: Allies may read it as retreat\n" in text
    assert "  ~ claim risk: It risks chaos (statement)\n" in text
    assert "  + answer attacks risk\n" in text and "  - doubt supports rival (weight 0.2)\n" in text
    assert "  ~ risk attacks verdict: weight 0.5 -> 0.8\n" in text
    assert "  ~ benefit + managed-exit supports verdict: weights\n" in text
    # an outcome that changes under one perspective only: the verdict, from the critics' premises
    assert "  outcome of verdict (Critics): outweighed -> not established\n" in text
    assert "outcome of verdict (as the map stands)" not in text
    assert "      before: outweighed: The course is a retreat wins the issue" in text


def test_the_markdown_is_escaped_and_matches_its_golden_file(versions: tuple[Path, Path]) -> None:
    base, head = versions
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "The risk is small \\| &lt;b&gt;" in result.stdout  # a label cannot break the table or add markup
    path = GOLDEN / "diff.md"
    if UPDATE:
        path.write_text(result.stdout, "utf-8")
    assert result.stdout == path.read_text("utf-8"), "diff.md changed: review, then rewrite with UPDATE_EXPECTED=1"


def test_the_json_follows_its_schema(versions: tuple[Path, Path]) -> None:
    base, head = versions
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    [debate] = data["debates"]
    flips = [(o["node"], o["perspective"]) for o in debate["outcomes"] if not o["conditions"]]
    assert ("verdict", "critics") in flips and ("verdict", None) not in flips  # as the map stands: open either way
    settled = [(o["node"], o["conditions"]) for o in debate["outcomes"] if o["conditions"]]
    assert ("verdict", "rejected") in settled  # once the conditions are settled, the verdict's outcome changes
    assert {(r["relation"], r["change"]) for r in debate["relations"]} == {
        ("attacks", "added"), ("supports", "removed"), ("attacks", "changed"), ("supports", "changed")}


def test_the_diff_map_marks_changes_in_words_and_borders(versions: tuple[Path, Path], tmp_path: Path) -> None:
    base, head = versions
    out = tmp_path / "diff.svg"
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--map", str(out))
    assert result.returncode == 0, result.stderr
    svg = out.read_text()
    assert unsafe_parts(svg) == [] and "<b>" not in svg
    for words in ("ADDED", "REMOVED", "CHANGED: statement", "OUTCOME (Critics): outweighed → not established",
                  "weight 0.5 → 0.8", "The risk is small | <b>"):
        assert words in html.unescape(svg), words
    assert 'stroke-dasharray' in svg  # the removed box's dashed border (and the attacks' dashed lines)
    dot = tmp_path / "diff.dot"
    assert run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--map", str(dot)).returncode == 0
    assert "peripheries=\"2\"" in dot.read_text() and "penwidth=\"3\"" in dot.read_text()


def test_no_change_is_said_and_has_no_map(versions: tuple[Path, Path], tmp_path: Path) -> None:
    base, _ = versions
    result = run_argmap("diff", "--folder", str(base), str(base), "--root", str(base))
    assert result.returncode == 0 and result.stdout == "no change to the debates\n"
    markdown = run_argmap("diff", "--folder", str(base), str(base), "--root", str(base), "--format", "markdown")
    assert "No change to the debates" in markdown.stdout
    drawn = run_argmap("diff", "--folder", str(base), str(base), "--root", str(base), "--map", str(tmp_path / "x.svg"))
    assert drawn.returncode == 0 and "no change to draw" in drawn.stderr and not (tmp_path / "x.svg").exists()


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(project), "PATH": "/usr/bin:/bin"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_diff_between_git_revisions_and_the_working_tree(tmp_path: Path) -> None:
    project = tmp_path / "p"
    write_issue_debate(project)
    (project / "build_tools" / "schemas").unlink()  # the revision's own schemas, as in a real project
    shutil.copytree(ROOT / "build_tools" / "schemas", project / "build_tools" / "schemas")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    _change(project)
    working = run_argmap("diff", "main", "--root", str(project))  # HEAD defaults to the working tree
    assert working.returncode == 0 and "  + claim answer:" in working.stdout, working.stderr
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "head")
    between = run_argmap("diff", "main~1", "main", "--root", str(project))
    assert between.stdout == working.stdout
    wrong = run_argmap("diff", "no-such-branch", "--root", str(project))
    assert wrong.returncode == 1 and "'no-such-branch' is not a git revision" in wrong.stderr
    # a version whose arguments do not check is refused, with its problems
    (project / "arguments" / "weighed" / "claims" / "answer.yaml").write_text("label: [\n")
    broken = run_argmap("diff", "main", "--root", str(project))
    assert broken.returncode == 1 and "the working tree: its arguments have 1 error(s)" in broken.stderr
    assert "answer.yaml:" in broken.stdout


def _committed(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    write_issue_debate(project)
    (project / "build_tools" / "schemas").unlink()
    shutil.copytree(ROOT / "build_tools" / "schemas", project / "build_tools" / "schemas")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    return project


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_diff_reads_exactly_what_git_holds(tmp_path: Path) -> None:
    """A .gitattributes export-ignore hides nothing; a folder named like a revision is not read as it; a
    revision that looks like an option is not one; the summary says so, escaped, when a version does not check."""
    project = _committed(tmp_path)
    _git(project, "checkout", "-q", "-b", "pr")
    _change(project)
    claims = project / "arguments" / "weighed" / "claims"
    (project / ".gitattributes").write_text("arguments/weighed/claims/answer.yaml export-ignore\n")
    shutil.copytree(project / "arguments", project / "HEAD" / "arguments")  # a decoy: the base's arguments
    shutil.rmtree(project / "HEAD" / "arguments")
    write_issue_debate(project / "HEAD")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "pr")
    diff = run_argmap("diff", "main", "HEAD", "--root", str(project), "--format", "markdown", cwd=project)
    assert diff.returncode == 0, diff.stderr
    assert "`answer`" in diff.stdout and "No change" not in diff.stdout
    truncated = tmp_path / "keep.txt"
    truncated.write_text("kept")
    for option in (f"--output={truncated}", "--list"):
        odd = run_argmap("diff", "--root", str(project), "--", option)
        assert odd.returncode == 1 and "not a git revision" in odd.stderr and "internal error" not in odd.stderr
    assert truncated.read_text() == "kept"
    # a file whose error message carries a URL, an e-mail address and a bidi override
    (claims / "answer.yaml").write_text("label: [see https://evil.example, www.evil.example, a@evil.example \u202e\n")
    (claims / "www.evil.example.yaml").write_text("x: [\n")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "broken")
    broken = run_argmap("diff", "main", "HEAD", "--root", str(project), "--format", "markdown")
    assert broken.returncode == 1 and "do not check" in broken.stdout, broken.stdout + broken.stderr
    import cmarkgfm
    rendered = cmarkgfm.github_flavored_markdown_to_html(broken.stdout)
    assert "<a " not in rendered and "\u202e" not in rendered and "answer.yaml" in rendered


def test_the_diff_map_shows_what_now_decides_a_changed_issue(tmp_path: Path) -> None:
    """Granting the open condition settles the issue: the boxes of the strongest argument for the verdict and
    against it are drawn, each saying that it now decides the issue."""
    base, head = tmp_path / "base", tmp_path / "head"
    write_issue_debate(base)
    write_issue_debate(head)
    claims = head / "arguments" / "weighed" / "claims"
    _edit(claims, "managed-exit", lambda d: (d.pop("open"), d.update(assumed=True)))
    out = tmp_path / "diff.dot"
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--map", str(out))
    assert result.returncode == 0, result.stderr
    dot = out.read_text()
    assert "OUTCOME: open → stands" in dot
    assert dot.count("DECIDES course: strongest for “The course is sound”") == 2  # the benefit and its condition
    assert "DECIDES course: strongest against “The course is sound”" in dot


def test_a_change_that_shows_only_once_the_conditions_are_settled_is_reported(tmp_path: Path) -> None:
    """The risk weighs high now: as the map stands the verdict is open either way (it waits on the managed exit),
    but with every open condition granted it goes from standing to balanced, and the diff says so."""
    base, head = tmp_path / "base", tmp_path / "head"
    write_issue_debate(base)
    write_issue_debate(head)
    _edit(head / "arguments" / "weighed" / "claims", "risk", lambda d: d["attacks"][0].update(weight="high"))
    result = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    outcomes = data["debates"][0]["outcomes"]
    settled = [o for o in outcomes if o["node"] == "verdict" and o.get("conditions") == "granted"]
    assert settled and settled[0]["before"] == "stands" and settled[0]["after"] != "stands", outcomes
    assert not [o for o in outcomes if o["node"] == "verdict" and o["perspective"] is None and not o.get("conditions")]
    text = run_argmap("diff", "--folder", str(base), str(head), "--root", str(base)).stdout
    assert "outcome of verdict (with the open conditions all holding): stands ->" in text
