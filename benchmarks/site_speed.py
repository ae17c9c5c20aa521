"""Benchmark: how long the site takes to build, and what the maps cost.

For the shipped article and for a synthetic debate of 1,000 nodes, prints: the whole
`mkdocs build` with an empty render cache, the time spent in Graphviz, the rebuild with
a warm cache, the Graphviz time per map, and the ratio to a plain `mkdocs build` (same
theme and plugins, without argmap) of a site with as many plain pages, reached the same
way (from index pages, with a small navigation), measured in the same run.
Run: ``.venv/bin/python benchmarks/site_speed.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import make_debate

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
THEME = "theme:\n  name: material\n  font: false\nmarkdown_extensions:\n  - admonition\n  - attr_list\n  - tables\n"


def timed_build(project: Path) -> tuple[float, float, int]:
    """Seconds for `mkdocs build`, seconds in Graphviz, maps rendered (from the plugin's log line)."""
    started = time.perf_counter()
    result = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(project / "site")],
                            cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    found = re.search(r"(\d+) maps, (\d+) rendered by Graphviz \(([\d.]+) s\)", result.stderr)
    return seconds, float(found.group(3)) if found else 0.0, int(found.group(2)) if found else 0


def plain_site(folder: Path, pages: int) -> Path:
    """As many plain pages as the argmap site has, reached from one index page."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    links = []
    for i in range(pages):
        (docs / "pages" / f"p{i}.md").write_text(
            f"# Page {i}\n\n> A statement of page {i}, about the alliance and its missions.\n\n"
            f"**Role:** reason · **Perspective:** author\n\n## Supported by\n\n- [Page {i + 1}](p{i + 1}.md)\n"
            if i + 1 < pages else f"# Page {i}\n\nThe last page.\n")
        links.append(f"- [Page {i}](pages/p{i}.md)")
    (docs / "index.md").write_text("# Index\n\n" + "\n".join(links) + "\n")
    (folder / "mkdocs.yml").write_text(f"site_name: Plain\n{THEME}plugins:\n  - search\nnav:\n  - Home: index.md\n")
    return folder


def argmap_site(folder: Path, nodes: int | None) -> Path:
    folder.mkdir(parents=True)
    if nodes is None:  # the shipped article
        for name in ("mkdocs.yml", "docs", "arguments", "build_tools"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, folder / name)
        return folder
    make_debate(folder, nodes)
    (folder / "docs").mkdir()
    # the site's own stylesheets, fonts and scripts, as the project's mkdocs.yml lists them: a reader's page is
    # measured as it is published
    shutil.copytree(ROOT / "docs" / "assets", folder / "docs" / "assets")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assets = "".join(m.group(0) for m in re.finditer(r"^(?:extra_(?:css|javascript)|exclude_docs):(?: \|)?\n"
                                                     r"(?:  .*\n)+", config, re.M))
    (folder / "mkdocs.yml").write_text(
        f"site_name: Bench\n{THEME}plugins:\n  - search\n  - argmap\n{assets}"
        "nav:\n  - Home: index.md\n  - Claims: bench/claims/index.md\n")
    return folder


def measure(name: str, nodes: int | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = argmap_site(Path(tmp) / "argmap", nodes)
        cold, graphviz, maps = timed_build(project)
        warm, _, rerendered = timed_build(project)
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        plain = plain_site(Path(tmp) / "plain", pages)
        baseline, _, _ = timed_build(plain)
        baseline_warm, _, _ = timed_build(plain)
        print(f"{name}: {pages} pages, {maps} maps rendered cold, {rerendered} warm")
        print(f"  mkdocs build, empty cache   {cold:7.2f} s")
        print(f"  of which Graphviz           {graphviz:7.2f} s  ({graphviz / max(maps, 1) * 1000:.2f} ms a map)")
        print(f"  mkdocs build, warm cache    {warm:7.2f} s")
        print(f"  plain site, same pages      {baseline:7.2f} s (again: {baseline_warm:.2f} s)")
        print(f"  ratio, warm / plain         {warm / baseline_warm:7.2f}")
        print(f"  ratio, cold / plain         {cold / baseline:7.2f}")


def main() -> int:
    measure("the article", None)
    measure("synthetic, 1,000 nodes", 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
