"""`mkdocs serve`: many saves in quick succession end with the site showing the last one; one save is one
rebuild; the whole map follows the pages."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from helpers import MKDOCS, ROOT

pytestmark = pytest.mark.slow

SITE = "site_name: Serve\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - argmap\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


LABEL = "label: Trees cost too much to maintain"


@contextmanager
def _serving(tmp_path: Path, *options: str, log: Path | None = None) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` (with ``options``) of a copy of the valid example: the base URL of its debate, and the claim
    file the tests edit; stopped at the end of the block."""
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    port = _free_port()
    with open(log or os.devnull, "w") as out:
        server = subprocess.Popen([str(MKDOCS), "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/trees", project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_quick_saves_end_with_the_last_state(tmp_path: Path) -> None:
    with _serving(tmp_path) as (base, claim):
        page = f"{base}/claims/trees-cost-too-much/"
        assert _wait(lambda: (_get(page) or "").find("Trees cost too much") != -1, 90)
        original = claim.read_text()
        for n in range(1, 9):
            claim.write_text(original.replace(LABEL, f"label: Saved version {n}"))
            time.sleep(0.15)
        assert _wait(lambda: "Saved version 8" in (_get(page) or ""), 120)
        time.sleep(3)  # and it stays there
        assert "Saved version 8" in (_get(page) or "")


def test_one_save_is_one_rebuild_seen_at_once(tmp_path: Path) -> None:
    """make serve hears of a save from the system's file events and from its poll: one rebuild, not one each."""
    log = tmp_path / "serve.log"
    with _serving(tmp_path, "--dirty", log=log) as (base, claim):
        page = f"{base}/claims/trees-cost-too-much/"
        assert _wait(lambda: (_get(page) or "").find("Trees cost too much") != -1, 90)
        time.sleep(1)
        claim.write_text(claim.read_text().replace(LABEL, "label: Saved once"))
        assert _wait(lambda: "Saved once" in (_get(page) or ""), 60)
        time.sleep(2)  # past the poll that sees the same change
    assert log.read_text().count("Building documentation") == 2, log.read_text()[-3000:]


def test_the_whole_map_is_drawn_after_the_pages_and_the_browsers_reload(tmp_path: Path) -> None:
    """make serve serves a relabelled claim's page without waiting for the whole map (no claim's page shows it);
    the map's file follows (and the browsers are told to reload once more: the server's side of that is checked
    by test_preview.py's private behaviours)."""
    with _serving(tmp_path, "--dirty") as (base, claim):
        page, drawing = f"{base}/claims/trees-cost-too-much/", f"{base}/map/map.svg"
        assert _wait(lambda: "Trees cost too much" in (_get(drawing) or ""), 90)
        claim.write_text(claim.read_text().replace(LABEL, "label: Drawn later"))
        assert _wait(lambda: "Drawn later" in (_get(page) or ""), 60)
        assert _wait(lambda: "Drawn later" in (_get(drawing) or ""), 60)
        assert "Trees cost too much to maintain" not in (_get(drawing) or "")
