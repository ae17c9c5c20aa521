"""`make serve` (`mkdocs serve --dirty`): a rebuild after a saved change writes only the generated pages
whose output changes, and the site it leaves is, file for file, the site a full build makes.

The rebuilds run as `mkdocs serve` runs them (MkDocs' own build function, with the plugins living on
from one build to the next), in a process of their own; the full build is `mkdocs build`.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from helpers import article_project, build

pytestmark = pytest.mark.slow

# Runs MkDocs' build as `mkdocs serve --dirty` does: load the config, tell the plugins they serve, build; then
# for each edit (a file and its new text, or null to delete it, read from standard input as JSON), make it and build
# again. Prints the pages written by each rebuild.
SERVE = r"""
import json, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, edits = sys.argv[1], json.load(sys.stdin)
config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
for path, text, *same_time in edits:
    before = {p: p.stat().st_mtime_ns for p in Path(site).rglob("index.html")}
    time.sleep(0.01)
    kept = os.stat(path) if same_time else None
    Path(path).write_text(text) if text is not None else Path(path).unlink()
    if kept is not None:  # a rewrite of the same size that keeps the modification time (and, often, the inode)
        os.utime(path, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    config = load_config("mkdocs.yml", site_dir=site)
    build(config, dirty=True)
    written = sorted(str(p.relative_to(site)) for p in Path(site).rglob("index.html")
                     if before.get(p) != p.stat().st_mtime_ns)
    print(json.dumps(written))
    print("refilled", config.plugins["argmap"].preview.refilled)
config.plugins.on_shutdown()
"""


def _differences(a: Path, b: Path) -> list[str]:
    found = []
    compare = filecmp.dircmp(a, b)
    found += [f"only in the rebuilt site: {n}" for n in compare.left_only]
    found += [f"only in the full build: {n}" for n in compare.right_only]
    found += [n for n in compare.common_files if (a / n).read_bytes() != (b / n).read_bytes()]
    for sub in compare.common_dirs:
        found += [f"{sub}/{n}" for n in _differences(a / sub, b / sub)]
    return found


def test_a_rebuild_writes_only_what_changed_and_leaves_the_site_a_full_build_makes(tmp_path: Path) -> None:
    project = article_project(tmp_path / "project")
    claims = project / "arguments" / "nato-factory-settings" / "claims"
    leaf = claims / "abandonment-perceptions.yaml"
    relabelled = leaf.read_text().replace("label: An abrupt cut could make allies feel abandoned by the US",
                                          "label: A sudden cut could make allies feel the US is leaving them")
    assert relabelled != leaf.read_text()
    # a second edit that changes outcomes elsewhere: a premise of the claim's linked support is no longer taken
    # as given, so neither the claim nor what it supports stands any longer
    premise = claims / "allies-value-out-of-area-missions.yaml"
    rejected = premise.read_text().replace("\nrole: ", "\nassumed: false\nrole: ", 1)
    assert rejected != premise.read_text()
    # a claim added, and removed again: its page comes and goes
    added = claims / "a-claim-added-while-serving.yaml"
    new = (leaf.read_text().split("\nlabel:")[0] + "\nlabel: A claim added while serving\nstatement: Added.\n"
           "role: reason\nperspective: author\nimplicit: true\nrationale: For the test.\n"
           "supports: [strains-alliance-cohesion]\n")
    same_size = relabelled.replace("sudden", "abrupt")  # as many bytes
    assert len(same_size.encode()) == len(relabelled.encode()) and same_size != relabelled
    edits = [[str(leaf), relabelled], [str(premise), rejected], [str(added), new], [str(added), None],
             [str(leaf), same_size, "keep the time"]]
    served = subprocess.run([sys.executable, "-c", SERVE, str(tmp_path / "served")], cwd=project, input=json.dumps(edits),
                            capture_output=True, text=True, timeout=900)
    assert served.returncode == 0, served.stderr[-3000:]
    written = [json.loads(line) for line in served.stdout.splitlines() if line.startswith("[")]
    pages = sum(1 for _ in (tmp_path / "served").rglob("index.html"))
    # the claim's page is written again, and far from every page
    assert any("abandonment-perceptions" in p for p in written[0])
    assert 0 < len(written[0]) < pages / 3, (len(written[0]), pages)
    assert any("abandonment-perceptions" in p for p in written[1]) and len(written[1]) < pages
    assert any("a-claim-added-while-serving" in p for p in written[2])
    assert any("abandonment-perceptions" in p for p in written[4])  # seen by its content, not by its time
    # a page whose Markdown is the same and whose maps or outlines show the relabelled claim is filled again from
    # its last HTML, not converted and templated again
    refilled = [int(line.split()[1]) for line in served.stdout.splitlines() if line.startswith("refilled ")]
    assert refilled[0] > 0, refilled
    full = build(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr[-3000:]
    assert _differences(tmp_path / "served", tmp_path / "full") == []


def test_each_reuse_layer_can_be_left_out_and_the_site_is_the_same(tmp_path: Path) -> None:
    """benchmarks/reuse_layers.py measures what each layer saves by leaving it out: without any of them a
    rebuild still leaves the site a full build makes; a layer that does not exist is refused by name."""
    from build_tools.preview import LAYERS, Preview

    project = article_project(tmp_path / "project")
    leaf = project / "arguments" / "nato-factory-settings" / "claims" / "abandonment-perceptions.yaml"
    relabelled = leaf.read_text().replace("label: An abrupt cut", "label: A sudden cut")
    assert relabelled != leaf.read_text()
    served = subprocess.run([sys.executable, "-c", SERVE, str(tmp_path / "served")], cwd=project,
                            input=json.dumps([[str(leaf), relabelled]]), capture_output=True, text=True, timeout=900,
                            env={**os.environ, "ARGMAP_PREVIEW_WITHOUT": ",".join(LAYERS)})
    assert served.returncode == 0, served.stderr[-3000:]
    full = build(project, tmp_path / "full")
    assert full.returncode == 0, full.stderr[-3000:]
    assert _differences(tmp_path / "served", tmp_path / "full") == []
    with pytest.raises(ValueError, match="no reuse layer caches"):
        Preview(frozenset({"caches"}))


def test_the_private_behaviours_the_preview_uses_are_there() -> None:
    """Each behaviour of MkDocs, its search, Material's or watchdog that build_tools.preview.PRIVATE lists, as the
    installed versions have it: this fails when an upgrade changes one (then the preview's rebuilds need a look)."""
    import inspect
    import logging

    from material.plugins.search.plugin import SearchIndex as MaterialIndex
    from material.plugins.search.plugin import SearchPlugin as MaterialSearch
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.contrib.search.search_index import SearchIndex
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File
    from watchdog.observers.api import BaseObserver
    from watchdog.observers.polling import PollingEmitter

    from build_tools import preview

    assert callable(File.is_modified) and "is_modified()" in inspect.getsource(mkdocs_build)
    assert "_entries" in inspect.getsource(SearchIndex.__init__)
    assert "self.entries" in inspect.getsource(MaterialIndex)
    assert "search_index_prev" in inspect.getsource(MaterialSearch)
    assert BaseObserver(PollingEmitter, timeout=0.5)._timeout == 0.5
    assert "A 'dirty' build is being performed" in inspect.getsource(mkdocs_build)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert isinstance(server._rebuild_cond, threading.Condition) and server._want_rebuild is False
    assert isinstance(server.build_delay, float) and "self._want_rebuild" in inspect.getsource(LiveReloadServer)
    assert isinstance(server._epoch_cond, threading.Condition) and server._visible_epoch == server._wanted_epoch
    assert "self._visible_epoch > epoch" in inspect.getsource(LiveReloadServer)  # what a browser's poll waits for
    server.server_close()
    assert len(preview.PRIVATE) == 7  # one assertion above for each; a new one listed gets its own
    record = logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0,
                               "A 'dirty' build is being performed, this will likely lead to inaccurate navigation "
                               "and other links within your site.", None, None)
    assert preview._exact_dirty_builds(record) is False


def test_a_build_does_not_import_the_preview() -> None:
    """`mkdocs build` loads the plugin without the preview's module (it is make serve's only)."""
    probe = ("import sys; from build_tools.plugin import ArgmapPlugin; p = ArgmapPlugin(); "
             "p.on_startup(command='build', dirty=False); print('build_tools.preview' in sys.modules)")
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0 and ran.stdout.strip() == "False", ran.stderr
