"""A real browser: the built site served on localhost, driven in Chromium with Playwright.

The browser is the Debian package (/usr/bin/chromium) or the one named by ARGMAP_CHROMIUM;
`make test` installs Chromium where it is missing. No browser is ever downloaded.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from test_site import DEBATE, build, copy_project

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("browser"))
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (set ARGMAP_CHROMIUM, or run make test to install it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _wait_class(page, node: str, css_class: str) -> None:
    """Relabelling follows the graph's (cached) fetch: wait for it."""
    page.wait_for_function(
        f"document.querySelector('figure.argmap-map g.nid-{node}').classList.contains('{css_class}')",
        timeout=10_000)


def _classes(page, node: str) -> set[str]:
    return set((page.get_attribute(f"figure.argmap-map g.nid-{node}", "class") or "").split())


def test_what_if_relabels_records_in_the_url_and_survives_a_reload(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    assert "status-out" in _classes(page, "withdrawal-invites-chaos")
    page.click("button.argmap-whatif-toggle")
    assert page.get_attribute("button.argmap-whatif-toggle", "aria-pressed") == "true"
    page.click("figure.argmap-map g.nid-truth-lies-in-execution a", force=True)
    page.click("figure.argmap-map g.nid-iraq-gains-against-isis a", force=True)
    _wait_class(page, "withdrawal-invites-chaos", "status-in")
    query = parse_qs(urlsplit(page.url).query)
    assert query["reject"] == ["truth-lies-in-execution,iraq-gains-against-isis"]
    assert page.url.split("?")[0].endswith("/claims/withdrawal-invites-chaos/")  # no navigation
    chaos = _classes(page, "withdrawal-invites-chaos")
    assert {"status-in", "whatif-changed"} <= chaos and "status-out" not in chaos
    assert {"status-out", "whatif-rejected"} <= _classes(page, "truth-lies-in-execution")
    assert page.text_content("figure.argmap-map g.nid-withdrawal-invites-chaos text") == "IN"
    assert "Iraq has made strides against ISIS since 2017" in page.text_content(".argmap-whatif-note")
    page.reload()
    _wait_class(page, "withdrawal-invites-chaos", "status-in")
    assert page.get_attribute("button.argmap-whatif-toggle", "aria-pressed") == "true"
    page.click("button.argmap-whatif-reset")
    _wait_class(page, "withdrawal-invites-chaos", "status-out")
    assert urlsplit(page.url).query == ""


def test_what_if_works_from_the_keyboard(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    page.click("button.argmap-whatif-toggle")
    page.focus("figure.argmap-map g.nid-truth-lies-in-execution a")
    page.keyboard.press("Enter")
    _wait_class(page, "truth-lies-in-execution", "whatif-rejected")
    page.keyboard.press("Enter")
    _wait_class(page, "truth-lies-in-execution", "whatif-granted")
    assert page.url.endswith("?grant=truth-lies-in-execution")


def test_a_map_node_links_to_its_page(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/")
    page.click("figure.argmap-map g.nid-reset-is-isolationism a", force=True)
    page.wait_for_url(f"{server}/{DEBATE}/claims/reset-is-isolationism/")
    assert "Critics call the reset isolationism" in page.text_content("h1")
