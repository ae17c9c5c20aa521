"""`argmap pages -o DIR`: the site as a folder any generator builds; all or nothing, never over a folder of
someone else's. (The folder built by plain MkDocs and by Zensical is compared with the plugin's site in
test_site.py.)"""

from __future__ import annotations

from pathlib import Path

from helpers import run_argmap


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_are_written_whole_and_written_again_whole(project: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "pages"
    first = run_argmap("pages", "--root", str(project), "-o", str(out))
    assert first.returncode == 0, first.stderr
    written = _files(out)
    assert "mkdocs.yml" in written and "docs/index.md" in written and any(p.endswith("graph.json") for p in written)
    assert b'class="argmap-svg"' in written["docs/index.md"]  # the maps inline, not as placeholders
    assert not any(b'class="argmap-slot"' in data for name, data in written.items() if name.endswith(".md"))
    (out / "docs" / "stale.md").write_text("left from before\n")
    again = run_argmap("pages", "--root", str(project), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert _files(out) == written  # the same bytes, and nothing left from before
    assert sorted(p.name for p in out.parent.iterdir()) == ["pages"]  # no staging folder left beside it


def test_a_folder_of_someone_elses_is_never_replaced(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n")
    refused = run_argmap("pages", "--root", str(project), "-o", str(out))
    assert refused.returncode == 1 and "is not a folder this command wrote" in refused.stderr
    assert _files(out) == {"notes.txt": b"mine\n"}
    inside = run_argmap("pages", "--root", str(project), "-o", str(project / "docs" / "out"))
    assert inside.returncode == 1 and "a folder of their own" in inside.stderr
    assert not (project / "docs" / "out").exists()


def test_a_broken_debate_writes_nothing(project: Path, tmp_path: Path) -> None:
    broken = next((project / "arguments").glob("*/claims/*.yaml"))
    broken.write_text(broken.read_text() + "\nunknown_key: 1\n")
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "pages"
    failed = run_argmap("pages", "--root", str(project), "-o", str(out))
    assert failed.returncode == 1
    assert f"{broken.relative_to(project).as_posix()}:" in failed.stderr and "nothing was built" in failed.stderr
    assert list(out.parent.iterdir()) == []
    assert "traceback" not in failed.stderr.lower()


def test_a_bad_site_configuration_is_named_with_its_place(project: Path, tmp_path: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: x\nnav: [\n")
    broken = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "out"))
    assert broken.returncode == 1 and f"{project / 'mkdocs.yml'}:3:1: not valid YAML" in broken.stderr
    missing = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "out"), "--config", str(tmp_path / "no.yml"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    (project / "mkdocs.yml").write_text("- a\n- b\n")
    listed = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "out"))
    assert listed.returncode == 1 and "a mapping of settings" in listed.stderr
    assert not (tmp_path / "out").exists()


def test_tags_the_safe_loader_does_not_know_are_kept_as_written(project: Path, tmp_path: Path) -> None:
    """`!ENV` and `!!python/name:` in mkdocs.yml: kept as data and written back with their tags, never run."""
    (project / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: !ENV [SITE_URL, null]\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\nplugins:\n  - search\n  - argmap\n")
    done = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "out" / "mkdocs.yml").read_text()
    assert "site_url: !ENV\n- SITE_URL\n- null" in written
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert "- argmap" not in written and "- search" in written


def test_an_error_listing_keeps_one_problem_a_line(project: Path, tmp_path: Path) -> None:
    for name in ("trees-cost-too-much.yaml", "plant-more-trees.yaml"):
        path = project / "arguments" / "trees" / "claims" / name
        path.write_text(path.read_text() + "\nunknown_key: 1\n")
    failed = run_argmap("pages", "--root", str(project), "-o", str(tmp_path / "out"))
    lines = failed.stderr.splitlines()
    assert failed.returncode == 1 and len([line for line in lines if "unknown key" in line]) == 2, failed.stderr
    assert "\\n" not in failed.stderr


def test_a_failed_build_lists_one_problem_a_line(project: Path, tmp_path: Path) -> None:
    """`mkdocs build` with the plugin: the errors under the message, each on a line of its own (not one line with
    escaped newlines), as `argmap check` prints them."""
    from helpers import build

    (project / "mkdocs.yml").write_text("site_name: Trees\nplugins:\n  - argmap\n")
    (project / "docs").mkdir()
    for name in ("trees-cost-too-much.yaml", "plant-more-trees.yaml"):
        path = project / "arguments" / "trees" / "claims" / name
        path.write_text(path.read_text() + "\nunknown_key: 1\n")
    failed = build(project, tmp_path / "site")
    assert failed.returncode == 1
    assert len([line for line in failed.stderr.splitlines() if line.startswith("arguments/trees/claims/")]) == 2
    assert "\\n" not in failed.stderr
