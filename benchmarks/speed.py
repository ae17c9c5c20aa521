"""Speed at 100 to 10,000 nodes, each figure against its baseline measured in the same run.

    .venv/bin/python benchmarks/speed.py [NODES ...]      (default: 1000 3000)
    .venv/bin/python benchmarks/speed.py 100 300 1000 3000 10000      (the curve)
    --no-serve leaves out save-to-visible; --no-build also the builds

For a synthetic debate of each size (benchmarks/synthetic.py: a tree of claims under one thesis), prints:

- check: ``check_project`` in-process (the work of ``argmap check`` without the interpreter's start) against
  PyYAML's C loader reading the same files, best of 3 each. Goal: at most 2x.
- render: ``argmap render --whole`` (a process) against ``dot -Tsvg`` on the DOT that command draws, best of 3:
  once nothing changed since the last command (the check and the map from the caches), and with one claim
  relabelled before each run (checked again, drawn again, rendered by dot again). Goal: at most 1.5x warm, 2x
  after a relabel.
- argdown: the pinned Argdown CLI's ``argdown map`` on our Argdown export of the same debate (one run, up to
  3,000 nodes) against the relabelled ``argmap render --whole``. Goal: argmap at least 5x faster.
- build: ``mkdocs build --strict`` of the argmap site with a warm map cache, against a plain Material site of
  as many prose pages of the same text length, under a navigation of the same shape (the prose baseline),
  and against the twin site (our generated Markdown built without the plugin, maps left out). Goal: at most
  1.5x the prose baseline.
- build: also against what a user compares with, a plain Material site of as many pages of the same text under
  a one-entry navigation, warm (goal: at most 1.3x) and cold (no cache of ours: at most 1.6x); the sites' sizes
  (goal: at most 1.5x) and our cache's (goal: at most the site's).
- reader: the whole map's page loaded in Chromium against the same page without its map
  (``benchmarks/reader_load.py``; goal: at most 2x).
- serve: from saving a relabelled claim to the served claim page showing it on the page and on its map, under
  ``mkdocs serve --dirty`` (``make serve``), median of 3, for a leaf and for an inner claim (c1: its parent's,
  its children's and the overview's maps show it). Goal: under 1 s at 1,000 nodes, 2 s at 10,000.

- memory: the peak resident memory of each build (its process and the ``dot`` processes it ran), against the
  one-entry-nav prose site's (goal: at most 2x at 10,000 nodes).

The processes measured write and read Python's bytecode, as they do by default on a user's machine
(PYTHONDONTWRITEBYTECODE, if set here, is unset for them: without bytecode each start compiles every module of
argmap again, a cost no installed tool pays). These machines are shared and noisy: the load average is printed
with each size; read the ratios, whose two sides ran side by side.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from preview_speed import measure as save_to_visible  # noqa: E402
from site_speed import THEME, argmap_site  # noqa: E402

from build_tools.check import check_project  # noqa: E402

ROOT = HERE.parent
BIN = Path(sys.executable).parent
ARGMAP, MKDOCS = BIN / "argmap", BIN / "mkdocs"
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"
WORDS = ("the alliance returns to its first task while its members weigh what an ending mission in Iraq "
         "leaves behind and what collective defence asks of each of them").split()


os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # (see the docstring)
PEAK: dict[str, int] = {}  # the peak resident memory of the last build of each site, in KiB


def best(action, runs: int = 3, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def run(command: list, cwd: Path) -> int:
    """Run ``command`` in ``cwd``; its peak resident memory (KiB, with the processes it waited for)."""
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(map(str, command))} failed:\n{err.read().decode()[-2000:]}")
    return usage.ru_maxrss


def relabel(project: Path, node: int):
    claim = project / "arguments" / "bench" / "claims" / f"c{node}.yaml"
    count = [0]

    def edit() -> None:
        count[0] += 1
        claim.write_text(re.sub(r"^label: .*$", f"label: Relabelled {count[0]} claim {node}", claim.read_text(),
                                flags=re.M))
    return edit


def check_figures(project: Path) -> tuple[float, float]:
    files = sorted((project / "arguments").rglob("*.yaml"))
    check = best(lambda: check_project(project))
    loader = best(lambda: [yaml.load(f.read_text("utf-8"), Loader=yaml.CSafeLoader) for f in files])
    return check, loader


def render_figures(project: Path, node: int) -> tuple[float, float, float]:
    render = [ARGMAP, "render", "--whole", "-o", "whole.svg"]
    run(render, project)  # fills the caches
    warm = best(lambda: run(render, project))
    edited = best(lambda: run(render, project), before=relabel(project, node))
    run([ARGMAP, "render", "--whole", "--format", "dot", "-o", "whole.dot"], project)
    dot = best(lambda: run(["dot", "-Tsvg", "whole.dot", "-o", "plain.svg"], project))
    return warm, edited, dot


def argdown_figure(project: Path) -> float:
    run([ARGMAP, "export", "--format", "argdown", "-o", "debate.argdown"], project)
    return best(lambda: run([ARGDOWN, "map", "debate.argdown", "argdown-out"], project), runs=1)


def build(project: Path) -> float:
    started = time.perf_counter()
    PEAK[project.name] = run([MKDOCS, "build", "--strict", "--site-dir", project / "site"], project)
    return time.perf_counter() - started


def page_texts(site: Path) -> list[int]:
    """The length of the text a reader reads on each page of a built site (its article, tags removed)."""
    lengths = []
    for page in sorted(site.rglob("index.html")):
        found = re.search(r"<article[^>]*>(.*?)</article>", page.read_text("utf-8"), re.S)
        if found:
            text = re.sub(r"<svg.*?</svg>", " ", found.group(1), flags=re.S)
            lengths.append(len(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())))
    return lengths


def generated(project: Path):
    """The argmap site's generated pages and navigation, as the plugin makes them (maps left out)."""
    from build_tools.plugin import downloads
    from build_tools.site.pipeline import build_site
    from build_tools.site.render import Renderer

    class NoMaps(Renderer):
        def render(self, sources, fmt="svg"):
            return {name: "<svg xmlns='http://www.w3.org/2000/svg'></svg>" for name, _ in sources}

    return build_site(check_project(project).analyses, NoMaps(), downloads())


def nav_yaml(entries, page, depth: int = 1) -> str:
    """A navigation of the same shape as ``entries`` (title, path or entries), each path replaced by ``page(path)``."""
    lines = []
    for title, target in entries:
        if isinstance(target, str):
            lines.append(f"{'  ' * depth}- {title!r}: {page(target)}")
        else:
            lines.append(f"{'  ' * depth}- {title!r}:")
            lines.append(nav_yaml(target, page, depth + 1))
    return "\n".join(lines)


def prose_site(folder: Path, lengths: list[int], nav) -> Path:
    """A plain Material site of as many pages of prose, each as long as one of the argmap site's pages, with a
    navigation of the same shape as the argmap site's (every page carries it)."""
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    links = []
    for i, length in enumerate(lengths):
        words, size, k = [], 0, i
        while size < length:
            word = WORDS[k % len(WORDS)]
            words.append(word)
            size += len(word) + 1
            k += 7
        paragraphs = [" ".join(words[j:j + 60]).capitalize() + "." for j in range(0, len(words), 60)]
        (docs / "pages" / f"p{i}.md").write_text(f"# Page {i}\n\n" + "\n\n".join(paragraphs) + "\n")
        links.append(f"- [Page {i}](pages/p{i}.md)")
    (docs / "index.md").write_text("# Index\n\n" + "\n".join(links) + "\n")
    pages = iter(["index.md", *(f"pages/p{i}.md" for i in range(len(lengths)))])
    (folder / "mkdocs.yml").write_text(f"site_name: Prose\n{THEME}plugins:\n  - search\n"
                                       f"nav:\n{nav_yaml(nav, lambda path: next(pages))}\n")
    return folder


def twin_site(folder: Path, site) -> Path:
    """The argmap site's generated Markdown, written out and built without the plugin (maps left out)."""
    docs = folder / "docs"
    for page in site.pages:
        (docs / page.src).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.src).write_text(page.markdown)
    (folder / "mkdocs.yml").write_text(f"site_name: Twin\n{THEME}plugins:\n  - search\n"
                                       f"nav:\n{nav_yaml([site.home, *site.nav], lambda path: path)}\n"
                                       "validation:\n  links:\n    not_found: info\n    anchors: info\n")
    return folder


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.exists() else 0


def build_figures(tmp: Path, project: Path) -> dict[str, float]:
    """Warm and cold builds of the argmap site and of its prose baselines, and the sizes of the sites and the cache."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = build(project)  # no cache of any kind: every map drawn, every file checked
    peak_cold = PEAK[project.name]
    argmap = min(build(project) for _ in range(2))
    peak_warm = PEAK[project.name]
    lengths = page_texts(project / "site")
    site = generated(project)
    prose = prose_site(tmp / "prose", lengths, [site.home, *site.nav])
    build(prose)
    plain = min(build(prose) for _ in range(2))
    # what a user compares with: a plain Material site of as many pages of the same text under a one-entry nav
    single = prose_site(tmp / "prose-one", lengths, [("Home", "index.md")])
    single_cold = build(single)
    single_warm = min(build(single) for _ in range(2))
    peak_single = PEAK[single.name]
    twin = twin_site(tmp / "twin", site)
    build(twin)
    twin_time = min(build(twin) for _ in range(2))
    return {"cold": cold, "warm": argmap, "prose": plain, "one cold": single_cold, "one warm": single_warm,
            "twin": twin_time, "pages": len(lengths), "site bytes": size(project / "site"),
            "prose bytes": size(single / "site"), "cache bytes": size(project / ".cache"),
            "peak cold": peak_cold, "peak warm": peak_warm, "peak prose": peak_single}


def measure(n: int, serve: bool, build: bool = True) -> None:
    print(f"\n{n:,} nodes (load average {os.getloadavg()[0]:.2f})", flush=True)
    with tempfile.TemporaryDirectory(prefix="argmap-speed-") as scratch:
        tmp = Path(scratch)
        project = argmap_site(tmp / "argmap", n)
        node = n - 1
        check, loader = check_figures(project)
        print(f"  check         {check:7.3f} s   C loader   {loader:7.3f} s   x{check / loader:5.2f}  (goal <= 2)",
              flush=True)
        warm, edited, dot = render_figures(project, node)
        print(f"  render warm   {warm:7.3f} s   dot alone  {dot:7.3f} s   x{warm / dot:5.2f}  (goal <= 1.5)", flush=True)
        print(f"  render edited {edited:7.3f} s   dot alone  {dot:7.3f} s   x{edited / dot:5.2f}  (goal <= 2)", flush=True)
        if ARGDOWN.exists() and n <= 3000:
            argdown = argdown_figure(project)
            print(f"  argdown map   {argdown:7.3f} s   against render edited: argmap x{argdown / edited:5.2f} faster, "
                  f"warm x{argdown / warm:5.2f}  (goal >= 5)", flush=True)
        if not build:
            return
        b = build_figures(tmp, project)
        print(f"  mkdocs build  warm {b['warm']:6.2f} s   one-entry-nav prose site {b['one warm']:6.2f} s   "
              f"x{b['warm'] / b['one warm']:5.2f}  (goal <= 1.3); prose under our nav's shape {b['prose']:.2f} s "
              f"x{b['warm'] / b['prose']:.2f}; twin site {b['twin']:.2f} s x{b['warm'] / b['twin']:.2f}; "
              f"{b['pages']} pages", flush=True)
        print(f"  mkdocs build  cold {b['cold']:6.2f} s   one-entry-nav prose site {b['one cold']:6.2f} s   "
              f"x{b['cold'] / b['one cold']:5.2f}  (goal <= 1.6)", flush=True)
        print(f"  sizes         site {b['site bytes'] / 1e6:6.1f} MB   prose site {b['prose bytes'] / 1e6:6.1f} MB   "
              f"x{b['site bytes'] / b['prose bytes']:5.2f}  (goal <= 1.5); cache {b['cache bytes'] / 1e6:.1f} MB, "
              f"x{b['cache bytes'] / b['site bytes']:.2f} the site (goal <= 1)", flush=True)
        print(f"  peak memory   warm {b['peak warm'] / 1024:6.0f} MiB cold {b['peak cold'] / 1024:.0f} MiB   "
              f"one-entry-nav prose site {b['peak prose'] / 1024:.0f} MiB   x{b['peak warm'] / b['peak prose']:5.2f} "
              f"warm, x{b['peak cold'] / b['peak prose']:.2f} cold  (goal <= 2 at 10,000 nodes)", flush=True)
        if CHROMIUM_THERE():
            from reader_load import measure as reader_load, report
            print(f"  reader        {report(reader_load(project / 'site', 'bench'))}", flush=True)
        if serve:
            for kind, claim in (("a leaf", node), ("an inner claim", 1)):
                times = save_to_visible(project, True, claim)
                print(f"  save to visible (make serve), {kind} relabelled: {', '.join(f'{t:.2f}' for t in times)} s, "
                      f"median {statistics.median(times):.2f} s  (goal < 1 s at 1,000 nodes, < 2 s at 10,000)",
                      flush=True)
        shutil.rmtree(project / "site", ignore_errors=True)


def CHROMIUM_THERE() -> bool:  # noqa: N802 - a check, read as a constant
    return Path(os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")).exists()


def main(argv: list[str]) -> None:
    build = "--no-build" not in argv  # check, render and Argdown only
    serve = "--no-serve" not in argv and build
    sizes = [int(a) for a in argv if not a.startswith("--")] or [1000, 3000]
    for n in sizes:
        measure(n, serve, build)


if __name__ == "__main__":
    main(sys.argv[1:])
