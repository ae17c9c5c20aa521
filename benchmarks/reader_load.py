"""How long a reader waits for a big map's page, against a prose page of the same text, in Chromium.

For the whole-map page of a built site (``DEBATE/map/index.html``), the baseline is the same page with its map's
figure taken out: the same text (the map told as a list), the same CSS, fonts and scripts, at the same depth of the
same site. Both are served on localhost and loaded in a fresh Chromium context each (no cache), interleaved, five
times; the figures are the medians of the load event and, for the map's page, of the moment its map is ready to
pan and zoom (``svg[data-argmap-zoom]``). Also printed: each page's HTML size.

    .venv/bin/python benchmarks/reader_load.py SITE [DEBATE]     (speed.py runs it on its synthetic site)
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import statistics
import sys
import threading
from pathlib import Path

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
_FIGURE = re.compile(r'<figure class="argmap-map"[^>]*>.*?</figure>', re.S)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def measure(site: Path, debate: str, rounds: int = 5) -> dict[str, float]:
    """Medians (ms) of the map page's load and map-ready times and the prose page's load time, and the pages' sizes."""
    from playwright.sync_api import sync_playwright

    page = site / debate / "map" / "index.html"
    prose = site / debate / "map-prose" / "index.html"
    prose.parent.mkdir(exist_ok=True)
    html = page.read_text("utf-8")
    prose.write_text(_FIGURE.sub("", html), "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{debate}"
    found: dict[str, list[float]] = {"map load": [], "map ready": [], "prose load": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for _ in range(rounds):
                for name in ("map", "map-prose"):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    tab = context.new_page()
                    tab.goto(f"{base}/{name}/", wait_until="load")
                    load = tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                    if name == "map":
                        tab.wait_for_selector("svg[data-argmap-zoom]", state="attached", timeout=120_000)
                        found["map ready"].append(tab.evaluate("performance.now()"))
                        found["map load"].append(load)
                    else:
                        found["prose load"].append(load)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(prose.parent, ignore_errors=True)
    result = {key: statistics.median(values) for key, values in found.items()}
    result["map bytes"], result["prose bytes"] = len(html.encode()), len(_FIGURE.sub("", html).encode())
    return result


def report(figures: dict[str, float]) -> str:
    return (f"whole-map page load {figures['map load']:.0f} ms (map ready {figures['map ready']:.0f} ms), "
            f"{figures['map bytes'] / 1e6:.2f} MB; the same page without its map {figures['prose load']:.0f} ms, "
            f"{figures['prose bytes'] / 1e6:.2f} MB: x{figures['map load'] / figures['prose load']:.2f} "
            f"(map ready x{figures['map ready'] / figures['prose load']:.2f})  (goal <= 2)")


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    name = sys.argv[2] if len(sys.argv) > 2 else next(p.parent.name for p in folder.glob("*/map/index.html"))
    print(report(measure(folder, name)))
