"""`mkdocs serve`: many saves in quick succession end with the site showing the last one."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
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


def test_quick_saves_end_with_the_last_state(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    port = _free_port()
    server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/trees/claims/trees-cost-too-much/"
    try:
        assert _wait(lambda: (_get(page) or "").find("Trees cost too much") != -1, 90)
        claim = project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
        original = claim.read_text()
        for n in range(1, 9):
            claim.write_text(original.replace("label: Trees cost too much to maintain", f"label: Saved version {n}"))
            time.sleep(0.15)
        assert _wait(lambda: "Saved version 8" in (_get(page) or ""), 120)
        time.sleep(3)  # and it stays there
        assert "Saved version 8" in (_get(page) or "")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_one_save_is_one_rebuild_seen_at_once(tmp_path: Path) -> None:
    """make serve hears of a save from the system's file events and from its poll: one rebuild, not one each."""
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, text=True)
    page = f"http://127.0.0.1:{port}/trees/claims/trees-cost-too-much/"
    try:
        assert _wait(lambda: (_get(page) or "").find("Trees cost too much") != -1, 90)
        time.sleep(1)
        claim = project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
        claim.write_text(claim.read_text().replace("label: Trees cost too much to maintain", "label: Saved once"))
        assert _wait(lambda: "Saved once" in (_get(page) or ""), 60)
        time.sleep(2)  # past the poll that sees the same change
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert log.read_text().count("Building documentation") == 2, log.read_text()[-3000:]


def test_the_whole_map_is_drawn_after_the_pages_and_the_browsers_reload(tmp_path: Path) -> None:
    """make serve serves a relabelled claim's page without waiting for the whole map (no claim's page shows it);
    the map's file follows (and the browsers are told to reload once more: the server's side of that is checked
    by test_preview.py's private behaviours)."""
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    port = _free_port()
    server = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/trees"
    page, drawing = f"{base}/claims/trees-cost-too-much/", f"{base}/map/map.svg"
    try:
        assert _wait(lambda: "Trees cost too much" in (_get(drawing) or ""), 90)
        claim = project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
        claim.write_text(claim.read_text().replace("label: Trees cost too much to maintain", "label: Drawn later"))
        assert _wait(lambda: "Drawn later" in (_get(page) or ""), 60)
        assert _wait(lambda: "Drawn later" in (_get(drawing) or ""), 60)
        assert "Trees cost too much to maintain" not in (_get(drawing) or "")
    finally:
        server.terminate()
        server.wait(timeout=30)
