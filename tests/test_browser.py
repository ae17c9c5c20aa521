"""A real browser: the built site served on localhost, driven in Chromium with Playwright.

The browser is the Debian package (/usr/bin/chromium) or the one named by ARGMAP_CHROMIUM;
`make test` installs Chromium where it is missing. No browser is ever downloaded.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from build_tools.check import check_project
from build_tools.vocabulary import OUTCOMES
from helpers import DEBATE, ROOT, article_project, build, write_issue_debate

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    project = article_project(tmp_path_factory.mktemp("browser"))
    yield from _built_and_served(project)


def _built_and_served(project: Path):
    """Build ``project`` strictly, serve its site on localhost for the module, then stop."""
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    httpd, url = _serve(project / "site")
    yield url
    httpd.shutdown()


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


TWO_DEBATES = {"trees": ("Should cities plant more trees?", ["The author", "Critics"]),
               "baeume": ("Stadtbäume: kühl oder teuer? — ein Beispiel", ["Die Autorin", "Kämmerei & Skeptiker"])}


@pytest.fixture(scope="module")
def two_debates(tmp_path_factory: pytest.TempPathFactory):
    """A site of two debates written for the test: the trees example, and a copy with other perspectives and
    non-ASCII names (its "critics" are "kaemmerei")."""
    project = tmp_path_factory.mktemp("two") / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "docs" / "guide.md").write_text("# A guide\n\nWritten by hand.\n")
    (project / "mkdocs.yml").write_text("site_name: Zwei Debatten\ntheme:\n  name: material\n  font: false\n"
                                        "  features:\n    - navigation.sections\nplugins:\n  - search\n  - argmap\n"
                                        "nav:\n  - argmap\n  - A guide: guide.md\n")
    trees, baeume = project / "arguments" / "trees", project / "arguments" / "baeume"
    shutil.copytree(trees, baeume)
    debate = baeume / "debate.yaml"
    title, (author, critics) = TWO_DEBATES["baeume"]
    debate.write_text(debate.read_text().replace("title: Should cities plant more trees?", f"title: '{title}'")
                      .replace("name: The author", f"name: {author}").replace("- id: critics", "- id: kaemmerei")
                      .replace("name: Critics", f"name: '{critics}'"))
    for path in baeume.glob("*/*.yaml"):
        path.write_text(path.read_text().replace("perspective: critics", "perspective: kaemmerei"))
    yield from _built_and_served(project)


def test_a_site_of_two_debates_gives_each_its_own_navigation(two_debates: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(two_debates + "/")
    links = page.locator("article a").evaluate_all("(links) => links.map(a => a.getAttribute('href'))")
    assert "trees/" in links and "baeume/" in links  # the site's home lists the debates
    assert page.title() == "Zwei Debatten"
    for debate, (title, names) in TWO_DEBATES.items():
        others = [n for d, (_, ns) in TWO_DEBATES.items() if d != debate for n in ns]
        for path in ("", "map/", "claims/", "claims/plant-more-trees/"):
            page.goto(f"{two_debates}/{debate}/{path}")
            assert page.locator(".md-tabs__item--active").inner_text().strip() == title  # its name, as a tab
            sidebar = page.locator(".md-sidebar--primary").inner_text()
            assert all(name in sidebar for name in names) and "The whole map" in sidebar, (debate, path, sidebar)
            assert not any(name in sidebar for name in others), (debate, path, sidebar)  # never the other's
        for href in page.locator(".md-sidebar--primary a[href]").evaluate_all(
                "(links) => links.map(a => a.href)"):
            assert page.request.get(href).ok, href  # every entry of its navigation leads somewhere
    page.goto(two_debates + "/baeume/perspectives/kaemmerei/")
    assert page.title() == "Kämmerei & Skeptiker - Zwei Debatten"
    page.goto(two_debates + "/guide/")  # the hand-written page keeps its place
    assert "A guide" in page.locator(".md-tabs").inner_text()


# Texts the checker accepts that once ran script or broke a page (issue 11), in every field a page shows.
HOSTILE_TEXT = "one = 1 {: onclick=alert(1) } \u2028 !!! danger <img src=x onerror=alert(2)> onload=alert(3)"
HOSTILE_URL = "https://example.org/a_b?c='d'&e=(f)*g!h;i=j,k$l@m~n"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory):
    """The example project with hostile texts in its labels, statements, notes, names, titles and URLs."""
    import yaml

    project = tmp_path_factory.mktemp("hostile") / "p"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text("site_name: Hostile\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - argmap\nmarkdown_extensions:\n  - admonition\n"
                                        "  - attr_list\n  - tables\n")
    folder = project / "arguments" / "trees"
    debate = yaml.safe_load((folder / "debate.yaml").read_text())
    debate["title"] = debate["summary"] = HOSTILE_TEXT
    debate["perspectives"][1]["name"] = HOSTILE_TEXT[:150]
    debate["source"]["url"] = HOSTILE_URL
    (folder / "debate.yaml").write_text("# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json\n"
                                        + yaml.safe_dump(debate, allow_unicode=True))
    for path in folder.glob("*/*.yaml"):
        body = yaml.safe_load(path.read_text())
        body["label"], body["note"] = HOSTILE_TEXT[:140], HOSTILE_TEXT
        if "citation" in body:
            body["citation"] = {**body["citation"], "url": HOSTILE_URL, "basis": "primary-source"}
        head = path.read_text().split("\n", 1)[0]
        path.write_text(head + "\n" + yaml.safe_dump(body, allow_unicode=True))
    yield from _built_and_served(project)


def test_no_script_runs_from_hostile_text(hostile_server: str, browser) -> None:
    page, problems, outside = _guarded_page(browser, hostile_server)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ["/", "/trees/claims/trees-cost-too-much/", "/trees/evidence/council-study/", "/trees/source/",
                 "/trees/perspectives/critics/", "/trees/status/", "/trees/map/"]:
        page.goto(hostile_server + path)
        page.wait_for_load_state("networkidle")
        page.mouse.move(200, 300)
        assert page.evaluate("document.querySelectorAll('[onclick],[onerror],[onload],img,.admonition.danger')"
                             ".length") == 0, path
    page.goto(hostile_server + "/")
    page.wait_for_load_state("networkidle")
    # the front matter parsed: the home page's heading is the title, literally (its tab says the site's name) ...
    assert page.title() == "Hostile"
    assert page.locator("article h1").inner_text().startswith("one = 1 {: onclick=alert(1) }")
    page.goto(hostile_server + "/trees/perspectives/critics/")  # ... and other pages' titles in their tabs
    page.wait_for_load_state("networkidle")
    assert page.title().startswith("one = 1 {: onclick=alert(1) }")
    page.goto(hostile_server + "/trees/evidence/council-study/")
    page.wait_for_load_state("networkidle")
    assert page.locator("a[href]").evaluate_all("(links) => links.map(a => a.getAttribute('href'))").count(HOSTILE_URL) == 1
    assert dialogs == [] and problems == [] and outside == []


@pytest.fixture(scope="module")
def issue_server(tmp_path_factory: pytest.TempPathFactory):
    """A site of the small debate with an issue, weights and an open condition."""
    project = tmp_path_factory.mktemp("issue") / "p"
    project.mkdir()
    write_issue_debate(project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text("site_name: Issue\ntheme:\n  name: material\n  font: false\n"
                                        "plugins:\n  - search\n  - argmap\nextra_javascript:\n"
                                        "  - assets/argmap-status.js\n  - assets/argmap-whatif.js\n")
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    yield from _built_and_served(project)


def test_the_what_if_weighs_an_issue_as_the_build_does(issue_server: str, browser) -> None:
    page, problems, _ = _guarded_page(browser, issue_server)
    page.goto(f"{issue_server}/weighed/claims/verdict/")
    assert "status-undecided" in _classes(page, "verdict")  # it waits on the open condition
    page.click("button.argmap-whatif-toggle")
    _select(page, "managed-exit", "rejected")  # reject the condition
    _select(page, "managed-exit", "granted")  # then grant it
    _wait_class(page, "verdict", "outcome-stands")
    assert {"status-out", "outcome-outweighed"} <= _classes(page, "rival")
    assert page.text_content("figure.argmap-map g.nid-verdict text").endswith("STANDS")
    assert page.text_content("figure.argmap-map g.nid-rival text").endswith("OUTWEIGHED")
    assert page.locator("select[data-argument='rival>verdict']").count() == 0  # rivals are not weighed
    assert page.locator("select[data-argument='risk>verdict']").count() == 1
    page.select_option("select[data-argument='benefit>verdict']", "low")  # what if the benefit weighed little?
    _wait_class(page, "verdict", "outcome-balanced")
    assert {"status-out", "outcome-balanced"} <= _classes(page, "rival")  # neither wins
    assert page.text_content("figure.argmap-map g.nid-verdict text").endswith("BALANCED")
    assert parse_qs(urlsplit(page.url).query)["weight"] == ["benefit>verdict:low"]
    assert "weighed low for" in page.text_content(".argmap-whatif-note")
    page.reload()
    _wait_class(page, "verdict", "status-out")
    assert page.input_value("select[data-argument='benefit>verdict']") == "low"
    page.click("button.argmap-whatif-reset")
    _wait_class(page, "verdict", "outcome-open")
    assert urlsplit(page.url).query == ""
    assert problems == []  # the browser agreed with the build's labels


def test_the_what_if_ignores_unknown_ids_and_caps_its_state(server: str, browser) -> None:
    page, problems, _ = _guarded_page(browser, server)
    many = ",".join(f"n{i}" for i in range(5000))
    page.goto(f"{server}/{DEBATE}/claims/managed-transition/?reject=constructor,__proto__,toString,"
              f"managed-transition,{many}&grant=hasOwnProperty")
    _wait_class(page, "managed-transition", "whatif-rejected")
    note = page.text_content(".argmap-whatif-note")
    assert "undefined" not in note and "constructor" not in note and "proto" not in note
    assert note.count("“") == 1  # only the one node of the debate is named
    assert problems == []


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
    """Relabelling follows the graph's (cached) fetch: wait for it (up to 10 s)."""
    for _ in range(100):
        if css_class in _classes(page, node):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{node} never had the class {css_class}: {sorted(_classes(page, node))}, url {page.url}")


def _select(page, node: str, becomes: str) -> None:
    """Select a node in what-if mode and wait until it is ``becomes`` (rejected or granted) on the map, and the
    note says so: the note may grow, and move the map, only after that."""
    page.wait_for_selector("figure.argmap-map.argmap-whatif-on")
    page.locator(f"figure.argmap-map g.nid-{node} a").scroll_into_view_if_needed()
    page.click(f"figure.argmap-map g.nid-{node} a", force=True)
    try:
        _wait_class(page, node, f"whatif-{becomes}")
        page.wait_for_function(f"document.querySelector('.argmap-whatif-note').textContent.includes('{becomes}:')",
                               timeout=10_000)
    except Exception as error:  # say what the page showed: a timeout alone tells nothing
        raise AssertionError(f"{node} did not become {becomes}: url {page.url}, note "
                             f"{page.text_content('.argmap-whatif-note')!r}, classes {_classes(page, node)}") from error


def _classes(page, node: str) -> set[str]:
    return set((page.get_attribute(f"figure.argmap-map g.nid-{node}", "class") or "").split())


def test_what_if_relabels_records_in_the_url_and_survives_a_reload(server: str, browser) -> None:
    page, problems, _ = _guarded_page(browser, server, viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/claims/allies-adapt-without-fracturing/")
    assert {"status-undecided", "outcome-open"} <= _classes(page, "reset-vindicated")  # waits on its conditions
    page.click("button.argmap-whatif-toggle")
    assert page.get_attribute("button.argmap-whatif-toggle", "aria-pressed") == "true"
    _select(page, "allies-adapt-without-fracturing", "rejected")
    _wait_class(page, "reset-vindicated", "outcome-not-established")  # a necessary condition failed: it cannot stand
    _select(page, "allies-adapt-without-fracturing", "granted")  # a second selection grants
    _wait_class(page, "reset-vindicated", "outcome-open")  # the other condition is still open
    query = parse_qs(urlsplit(page.url).query)
    assert query["grant"] == ["allies-adapt-without-fracturing"]
    assert page.url.split("?")[0].endswith("/claims/allies-adapt-without-fracturing/")  # no navigation
    assert {"status-in", "whatif-granted"} <= _classes(page, "allies-adapt-without-fracturing")
    assert "Allies adapt without fracturing" in page.text_content(".argmap-whatif-note")
    page.reload()
    _wait_class(page, "allies-adapt-without-fracturing", "whatif-granted")
    assert page.get_attribute("button.argmap-whatif-toggle", "aria-pressed") == "true"
    page.click("button.argmap-whatif-reset")
    _wait_class(page, "reset-vindicated", "outcome-open")
    assert urlsplit(page.url).query == ""
    assert problems == []  # among them: the browser's evaluation never disagreed with the build's labels


def test_the_browser_says_when_its_evaluation_disagrees_with_the_build(server: str, browser) -> None:
    page, problems, _ = _guarded_page(browser, server)

    def tampered(request_route):
        graph = request_route.fetch().json()
        graph["rules"][""]["withdrawal-invites-chaos"] = "attacked"  # the build's rule, falsified
        request_route.fulfill(json=graph)

    page.route("**/graph.json", tampered)
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    page.click("button.argmap-whatif-toggle")
    for _ in range(100):  # the warning comes once the map's data has loaded
        if problems:
            break
        page.wait_for_timeout(50)
    assert any("disagrees with the build's outcomes on withdrawal-invites-chaos" in p for p in problems), problems


def test_what_if_works_from_the_keyboard(server: str, browser) -> None:
    page, problems, _ = _guarded_page(browser, server)
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    page.click("button.argmap-whatif-toggle")
    page.focus("figure.argmap-map g.nid-iraq-pullout-2011 a")
    page.keyboard.press("Enter")
    _wait_class(page, "iraq-pullout-2011", "whatif-rejected")
    page.keyboard.press("Enter")
    _wait_class(page, "iraq-pullout-2011", "whatif-granted")
    assert page.url.endswith("?grant=iraq-pullout-2011")
    assert problems == []


def test_a_map_node_links_to_its_page(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/")
    page.click("figure.argmap-map g.nid-reset-is-isolationism a", force=True)
    page.wait_for_url(f"{server}/{DEBATE}/claims/reset-is-isolationism/")
    assert "The reset is an isolationist retreat" in page.text_content("h1")


PAGES = ["/", f"/{DEBATE}/claims/withdrawal-invites-chaos/", f"/{DEBATE}/evidence/politico-report/",
         f"/{DEBATE}/source/"]

CONTRAST = """
(figure) => {
  function rgb(value) { return (value.match(/[\\d.]+/g) || []).map(Number); }
  function luminance(c) {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const background = rgb(getComputedStyle(figure).backgroundColor);
  const worst = [];
  figure.querySelectorAll("g.node").forEach(node => {
    const shape = node.querySelector("path, polygon");
    const text = node.querySelector("text");
    if (!shape || !text) return;
    const style = getComputedStyle(shape);
    const fill = rgb(style.fill), opacity = parseFloat(style.fillOpacity);
    const behind = fill.length ? fill.slice(0, 3).map((v, i) => v * opacity + background[i] * (1 - opacity)) : background;
    const a = luminance(rgb(getComputedStyle(text).fill)), b = luminance(behind);
    worst.push((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  });
  return worst.length ? Math.min(...worst) : null;
}
"""


def _guarded_page(browser, server: str, **options):
    """A page that records console errors, argmap's warnings and failed local requests, and blocks every other host."""
    page = browser.new_page(**options)
    problems, outside = [], []
    host = urlsplit(server).netloc

    def route(request_route):
        if urlsplit(request_route.request.url).netloc == host:
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" or message.text.startswith("argmap:") else None)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}")
            if urlsplit(request.url).netloc == host else None)
    return page, problems, outside


def test_pages_load_cleanly_and_stay_on_the_site(server: str, browser) -> None:
    page, problems, outside = _guarded_page(browser, server)
    for path in PAGES + [f"/{DEBATE}/map/", f"/{DEBATE}/status/"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    assert problems == []
    assert outside == []


def test_accessibility_has_no_serious_violation(server: str, browser) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        for path in PAGES:
            page.goto(server + path)
            violations = axe.run(page).response["violations"]
            serious = [(v["id"], v["nodes"][0]["target"]) for v in violations if v["impact"] in ("serious", "critical")]
            assert serious == [], (scheme, path, serious)


def test_map_labels_keep_their_contrast_in_dark_and_light_mode(server: str, browser) -> None:
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
        ratio = page.eval_on_selector("figure.argmap-map", CONTRAST)
        assert ratio is not None and ratio >= 4.5, (scheme, ratio)


def test_a_phone_gets_the_outline_and_no_sideways_scrolling(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    for path in PAGES:
        page.goto(server + path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (path, width)
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    outline = page.locator("text=This map as a list").locator("xpath=following::ul[1]")
    assert outline.is_visible() and "The reset is an isolationist retreat" in outline.inner_text()


def test_tooltips_and_the_source_page_link_both_ways(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    title = page.get_attribute("figure.argmap-map g.nid-withdrawal-invites-chaos a", "xlink:title")
    assert title == "Pulling out of missions that keep fragile places stable opens the way to disorder."
    page.click("text=see it in the source")
    page.wait_for_url(f"{server}/{DEBATE}/source/#q*")  # instant navigation: wait for the page, not just the URL
    anchor = urlsplit(page.url).fragment
    assert anchor.startswith("q")
    page.wait_for_selector(f"#{anchor}", state="visible")
    page.locator(f"#{anchor} .argmap-grounds a").first.click()
    page.wait_for_url(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")


def test_maps_pan_and_zoom(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable")
    viewport = "figure.argmap-map svg .svg-pan-zoom_viewport"
    before = page.get_attribute(viewport, "transform") or page.get_attribute(viewport, "style")
    page.click("figure.argmap-zoomable button[aria-label='Zoom in']")
    changed = ("([sel, before]) => { const v = document.querySelector(sel); "
               "return v && (v.getAttribute('transform') || v.getAttribute('style')) !== before; }")
    page.wait_for_function(changed, arg=[viewport, before], timeout=10_000)  # the zoom is applied on a frame
    after = page.get_attribute(viewport, "transform") or page.get_attribute(viewport, "style")
    assert before != after


def _zoom(page) -> float:
    return page.evaluate("document.querySelector('figure.argmap-zoomable').argmapZoom.getZoom()")


def test_zoom_steps_keys_and_the_wheel(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable")
    start = _zoom(page)
    box = page.locator("figure.argmap-zoomable").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    page.mouse.wheel(0, 100)  # the map not clicked yet: the page scrolls, the map does not zoom
    page.wait_for_timeout(300)
    assert _zoom(page) == pytest.approx(start) and page.evaluate("window.scrollY") > 0
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.click(box["x"] + 8, box["y"] + 8)  # a click on the map's edge: it now takes the wheel
    page.mouse.wheel(0, -100)
    page.wait_for_timeout(300)
    assert _zoom(page) == pytest.approx(start * 1.5) and page.evaluate("window.scrollY") == 0  # zoomed, not scrolled
    page.mouse.click(5, 5)  # a press outside the map gives the wheel back to the page
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    page.mouse.wheel(0, 100)
    page.wait_for_timeout(300)
    assert _zoom(page) == pytest.approx(start * 1.5)
    page.evaluate("window.scrollTo(0, 0)")
    page.focus("figure.argmap-zoomable")
    page.keyboard.press("0")  # 0 fits the whole map (it opened zoomed in, to be readable)
    assert _zoom(page) == pytest.approx(1.0) and start > 1
    page.click("figure.argmap-zoomable button[aria-label='Zoom in']")
    assert _zoom(page) == pytest.approx(1.5)  # one step: x1.5
    page.keyboard.press("-")
    assert _zoom(page) == pytest.approx(1.0)
    page.keyboard.press("+")
    assert _zoom(page) == pytest.approx(1.5)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_zoomed_map_shows_the_part_in_view_on_an_overview_inset(server: str, browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900 if width > 500 else 844})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable .argmap-inset", state="visible")  # it opens zoomed in
    page.locator(".argmap-inset").scroll_into_view_if_needed()  # in the bar under the map
    inset = page.locator(".argmap-inset").bounding_box()
    view = page.locator(".argmap-inset .argmap-inset-view").bounding_box()
    assert view["width"] < inset["width"] * 0.8 and inset["width"] <= (170 if width > 500 else 100)
    nodes = page.locator("figure.argmap-zoomable g.node").count()
    assert page.locator(".argmap-inset .argmap-inset-node").count() == nodes  # one block per box
    pan = page.evaluate("document.querySelector('figure.argmap-zoomable').argmapZoom.getPan().x")
    target = inset["x"] + inset["width"] - view["width"] / 2 - 2  # the right end of the map
    page.mouse.click(target, inset["y"] + inset["height"] / 2)
    page.wait_for_function(f"document.querySelector('figure.argmap-zoomable').argmapZoom.getPan().x < {pan} - 10")
    page.wait_for_timeout(100)  # the frame follows on the next animation frame
    moved = page.locator(".argmap-inset .argmap-inset-view").bounding_box()
    assert abs(moved["x"] + moved["width"] / 2 - target) < 3, (moved, target)
    assert "map" in page.url and "claims" not in page.url  # a press on the inset follows no link
    page.focus("figure.argmap-zoomable")
    page.keyboard.press("0")  # the whole map in view: the inset steps aside
    page.wait_for_selector("figure.argmap-zoomable .argmap-inset", state="hidden")


def test_claim_pages_put_for_and_against_side_by_side_and_the_map_above_the_fold(server: str, browser) -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate, graph = analysis.debate, analysis.graph
    # the pages with the most above their map: the nodes with the most relations into them, and an evidence page
    busiest = sorted(debate.nodes.values(), key=lambda n: -len(graph.steps_into.get(n.id, ()) + graph.attacks_into.get(
        n.id, ())))[:8] + [next(n for n in debate.nodes.values() if n.citation)]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for node in busiest:
        page.goto(f"{server}/{DEBATE}/{node.kind.folder}/{node.id}/", wait_until="domcontentloaded")
        top = page.evaluate("document.querySelector('figure.argmap-map').getBoundingClientRect().top")
        assert top < 900, (node.id, top)  # the focus map starts on the first screen
    page.goto(f"{server}/{DEBATE}/claims/{debate.thesis}/")
    sides = page.locator(".argmap-procon > section")
    left, right = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]  # side by side
    assert sides.nth(0).locator("h2").inner_text() == "For it" and "rival position" in sides.nth(1).inner_text()
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(f"{server}/{DEBATE}/claims/{debate.thesis}/")
    sides = phone.locator(".argmap-procon > section")
    assert sides.nth(1).bounding_box()["y"] > sides.nth(0).bounding_box()["y"] + sides.nth(0).bounding_box()["height"] - 1


def test_the_home_page_shows_the_case_for_and_against_on_its_first_screen(server: str, browser) -> None:
    for scheme in ("light", "dark"):
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page.goto(f"{server}/")
        objection = page.locator(".argmap-procon .argmap-against > ul > li").first
        answer = objection.locator("li", has_text="answered by").first
        assert "isolationist retreat" in objection.inner_text()  # the critics' case
        reason = objection.locator(".argmap-because").first  # what their reason rests on: the 2011 precedent
        assert "2011" in reason.inner_text() and "chaos" in objection.inner_text()
        assert reason.bounding_box()["y"] + reason.bounding_box()["height"] < 900
        box = answer.bounding_box()
        assert box and box["y"] + box["height"] < 900, box  # and its answer, without scrolling
        assert page.locator(".argmap-procon .argmap-for > ul > li").first.bounding_box()["y"] < 900


LABEL_SIZES = """() => Array.from(document.querySelectorAll('figure.argmap-map g.node text')).map(
  t => (parseFloat(t.getAttribute('font-size')) || 11) * t.getScreenCTM().a)"""


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_every_map_label_is_readable_when_the_page_loads(server: str, browser, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    for path in ["/", f"/{DEBATE}/map/", f"/{DEBATE}/perspectives/author/", f"/{DEBATE}/claims/reset-redefines-nato/",
                 f"/{DEBATE}/claims/withdrawal-invites-chaos/", f"/{DEBATE}/evidence/politico-report/"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        sizes = page.evaluate(LABEL_SIZES)
        assert sizes and min(sizes) >= 10, (path, min(sizes))  # px, at first paint
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable[tabindex]")  # the map's keys are ready
    page.focus("figure.argmap-zoomable")
    page.keyboard.press("0")  # the whole map, at whatever size fits (drawn on the next animation frame)
    page.wait_for_function(f"Math.min(...({LABEL_SIZES})()) < 10", timeout=5_000)
    assert page.locator("figure.argmap-zoomable button.argmap-fullscreen").is_visible()


def test_a_drag_that_starts_on_a_box_pans_and_does_not_follow_its_link(server: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable")
    viewport = "figure.argmap-map svg .svg-pan-zoom_viewport"
    before = page.get_attribute(viewport, "transform")
    node = page.locator("figure.argmap-map g.nid-reset-redefines-nato a").bounding_box()
    x, y = node["x"] + node["width"] / 2, node["y"] + node["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y + 40, steps=6)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.url.endswith(f"/{DEBATE}/map/")  # no navigation
    assert page.get_attribute(viewport, "transform") != before  # it panned
    page.click("button.argmap-whatif-toggle")  # with the what-if on, a drag does not reject the box either
    node = page.locator("figure.argmap-map g.nid-reset-redefines-nato a").bounding_box()
    x, y = node["x"] + node["width"] / 2, node["y"] + node["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y - 40, steps=6)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert "whatif-rejected" not in _classes(page, "reset-redefines-nato") and "reject" not in page.url
    page.click("button.argmap-whatif-toggle")
    page.locator("figure.argmap-map g.nid-reset-redefines-nato a").click(force=True)  # a plain click still follows
    page.wait_for_url(f"{server}/{DEBATE}/claims/reset-redefines-nato/")


def test_the_reset_button_shows_only_in_what_if_mode(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{server}/")
    assert not page.is_visible("button.argmap-whatif-reset")
    page.click("button.argmap-whatif-toggle")
    assert page.is_visible("button.argmap-whatif-reset")


def _text_becomes(locator, wanted, what: str) -> str:
    """The locator's text once ``wanted(text)`` holds (the evaluation follows the graph's fetch; up to 10 s)."""
    for _ in range(100):
        text = locator.inner_text()
        if wanted(text):
            return text
        locator.page.wait_for_timeout(100)
    raise AssertionError(f"{what}: {text!r}")


def test_the_conditions_are_switches_whose_state_follows_the_reader(server: str, browser) -> None:
    """Where a verdict waits on open conditions, settling each takes one click; the verdict words and the page's
    badges follow, opposites move together, and the state goes with every link (a claim's page, the status
    page) until the reset."""
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    waiting = [i for i in analysis.debate.issues if any(
        analysis.statuses[None][p].outcome == "open" for p in i.positions)]
    assert waiting and analysis.grantable_conditions
    issue = waiting[0]
    expected = {p: analysis.if_conditions["granted"][p].outcome for p in issue.positions}
    assert expected != {p: "open" for p in issue.positions}  # settling them decides the question
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/")
    WORDS = {name: outcome.word for name, outcome in OUTCOMES.items()}
    block = page.locator(".argmap-switches").filter(has=page.locator(f'[data-node="{issue.positions[0]}"]')).first
    verdict = block.locator(".argmap-verdict")
    assert "open" in verdict.inner_text()
    for condition in analysis.grantable_conditions:  # one click each
        block.locator(f'fieldset[data-node="{condition}"] label:has(input[value="holds"])').click()
    words = {p: WORDS[expected[p]] for p in issue.positions}
    _text_becomes(verdict, lambda text: all(f"{label_of(analysis, p)}: {w}" in text for p, w in words.items()),
                  "the verdict after the switches")
    query = parse_qs(urlsplit(page.url).query)
    assert set(query["grant"][0].split(",")) == set(analysis.grantable_conditions)
    for other in (n for n in analysis.open_conditions if n not in analysis.grantable_conditions):
        follows = block.locator(f'fieldset[data-node="{other}"]')
        assert follows.locator('input[value="fails"]').is_checked()  # an opposite moves with its pair
        assert "follows" in follows.inner_text()
    badge = page.locator(f'.argmap-badge[data-node="{issue.positions[0]}"]').first
    if badge.count():
        assert badge.inner_text().lower() == WORDS[expected[issue.positions[0]]]
    # the state goes with a link to a claim's page, and from there to the status page
    block.locator("legend a").first.click()
    page.wait_for_url("**/claims/**")
    assert parse_qs(urlsplit(page.url).query)["grant"] == query["grant"]
    page.locator("nav a", has_text="Where the debate stands").first.click()
    page.wait_for_url("**/status/**")
    assert parse_qs(urlsplit(page.url).query)["grant"] == query["grant"]
    cell = page.locator(f'table.argmap-status .argmap-badge[data-node="{issue.positions[0]}"]')
    _text_becomes(cell, lambda text: text.lower() == WORDS[expected[issue.positions[0]]], "the status page")
    assert page.locator(".argmap-whatif-state").is_visible()
    # back on the home page, the reset returns the map as it stands
    page.goto(f"{server}/?grant={','.join(analysis.grantable_conditions)}")
    block = page.locator(".argmap-switches").filter(has=page.locator(f'[data-node="{issue.positions[0]}"]')).first
    _text_becomes(block.locator(".argmap-verdict"), lambda text: "open" not in text, "restored from the address")
    block.locator(".argmap-switches-reset").click()
    _text_becomes(block.locator(".argmap-verdict"), lambda text: "open" in text, "after the reset")
    assert "grant" not in page.url


def label_of(analysis, node_id: str) -> str:
    return analysis.debate.nodes[node_id].label


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_maps_use_the_screen_and_no_control_covers_a_box(server: str, browser, width: int, height: int) -> None:
    """The whole map's frame fills the screen below the header; on every zoomable map the controls and the
    overview sit in a bar under the drawing, outside it."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable .argmap-mapbar")
    frame = page.locator("figure.argmap-zoomable").bounding_box()
    assert frame["height"] >= 0.8 * height, frame
    for path in ["/", f"/{DEBATE}/map/", f"/{DEBATE}/claims/{check_project(ROOT, debate=DEBATE).analyses[0].debate.thesis}/"]:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        for figure in page.locator("figure.argmap-zoomable").all():
            drawing, bar = figure.locator("svg.argmap-svg").bounding_box(), figure.locator(".argmap-mapbar").bounding_box()
            assert bar["y"] >= drawing["y"] + drawing["height"] - 1, (path, drawing, bar)
            for control in figure.locator(".argmap-mapbar > *").all():
                box = control.bounding_box()
                if box:  # (a hidden overview has none)
                    assert box["y"] >= drawing["y"] + drawing["height"] - 1, (path, box, drawing)


def test_one_finger_scrolls_the_page_and_two_fingers_move_the_map(server: str, browser) -> None:
    """On a touch screen a one-finger drag over a map never pans it (the page scrolls, as everywhere); a
    two-finger spread zooms it."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-zoomable .argmap-mapbar")
    page.evaluate("document.fonts.ready.then(() => true)")  # the text's font in: nothing moves after this
    box = page.locator("figure.argmap-zoomable svg.argmap-svg").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 200)
    cdp = context.new_cdp_session(page)
    pan = page.evaluate("document.querySelector('figure.argmap-zoomable').argmapZoom.getPan()")
    zoom = _zoom(page)

    def touches(kind: str, points) -> None:
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": px, "y": py} for px, py in points]})

    touches("touchStart", [(x, y)])
    for step in range(1, 8):
        touches("touchMove", [(x - 10 * step, y - 10 * step)])
    touches("touchEnd", [])
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('figure.argmap-zoomable').argmapZoom.getPan()") == pan
    assert _zoom(page) == pytest.approx(zoom)
    assert "Two fingers" in page.locator(".argmap-touch-hint").inner_text()  # the hint says how
    touches("touchStart", [(x - 20, y), (x + 20, y)])
    for step in range(1, 8):
        touches("touchMove", [(x - 20 - 8 * step, y), (x + 20 + 8 * step, y)])
    touches("touchEnd", [])
    page.wait_for_timeout(300)
    assert _zoom(page) > zoom * 1.5  # spread apart: zoomed in
    context.close()


def test_a_claims_page_prints_as_a_readable_page(server: str, browser) -> None:
    """Printed, a page keeps its text and its map (fitted to the paper's width) and drops the navigation and the
    controls; the browser's own print to PDF works."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible() and not page.locator(".md-header").is_visible()
    assert not page.locator("button.argmap-whatif-toggle").is_visible()
    figure = page.locator("figure.argmap-map").first.bounding_box()
    drawing = page.locator("figure.argmap-map svg.argmap-svg").first.bounding_box()
    article = page.locator("article").bounding_box()
    assert drawing["width"] <= article["width"] + 1 and drawing["height"] > 50 and figure["height"] >= drawing["height"] - 1
    assert page.locator(".argmap-article").first.is_visible()  # the article's words print
    assert page.locator(".md-content a[data-print-href]").count() == 0  # links within the site print as text
    assert page.pdf(format="A4")[:4] == b"%PDF"
    # a map zoomed on the screen (the whole map opens zoomed in on the thesis) prints whole, not the part in view
    page.emulate_media(media="screen")
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("figure.argmap-map svg[data-argmap-zoom]", state="attached")
    page.emulate_media(media="print")
    page.wait_for_function("""() => { const svg = document.querySelector('figure.argmap-map svg.argmap-svg');
      const frame = svg.getBoundingClientRect(), all = svg.querySelector('g.graph').getBoundingClientRect();
      return all.left >= frame.left - 2 && all.right <= frame.right + 2 && all.top >= frame.top - 2
        && all.bottom <= frame.bottom + 2; }""", timeout=5000)


IN_FRAME = """(group) => {
  const box = group.getBoundingClientRect(), frame = group.closest("svg").getBoundingClientRect();
  return box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.top >= frame.top - 1
    && box.bottom <= frame.bottom + 1;
}"""


@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_the_reading_mode_links_the_text_and_the_map_both_ways(server: str, browser, width: int, height: int) -> None:
    """The source page reads beside its map: pointing at a passage (or moving the keyboard's focus into it) lights
    the boxes of the claims it grounds and brings them into view; selecting a box brings back its passage and moves
    the focus there, clear of the map's panel; a box no passage quotes says so; a sentence left off the map on
    purpose shows why when it is pointed at."""
    page = browser.new_page(viewport={"width": width, "height": height}, has_touch=width < 600)
    page.goto(f"{server}/{DEBATE}/source/")
    page.wait_for_selector("figure.argmap-map[data-fill=panel] svg[data-argmap-zoom]")
    panel = page.locator(".argmap-reading-map")
    passages = page.locator(".argmap-reading-text .argmap-passage[data-nodes]")
    count = passages.count()
    assert count >= 2
    lit_ids = lambda: sorted(page.evaluate(  # noqa: E731
        "[...document.querySelectorAll('g.node.argmap-lit')].map(g => g.getAttribute('class').match(/nid-(\\S+)/)[1])"))
    # two passages far apart in the text: pointing at each lights its own boxes, in view
    for passage in (passages.nth(count // 2), passages.nth(count - 1)):
        passage.scroll_into_view_if_needed()
        passage.locator("mark").first.hover()
        wanted = sorted(set(passage.get_attribute("data-nodes").split()))
        page.wait_for_function("n => document.querySelectorAll('g.node.argmap-lit').length === n", arg=len(wanted))
        assert lit_ids() == wanted
        for node in wanted:
            assert page.locator(f"g.node.nid-{node}").evaluate(IN_FRAME), (width, node)
    # the keyboard: the focus moving into a passage (its link to a claim) lights that passage's boxes
    first = passages.nth(0)
    first.locator("a").first.focus()
    assert lit_ids() == sorted(set(first.get_attribute("data-nodes").split()))
    # a box selected on the map brings back its passage, focused and clear of the panel
    target = passages.nth(count // 2)
    node = target.get_attribute("data-nodes").split()[0]
    expected = page.evaluate("""(node) => [...document.querySelectorAll('.argmap-reading-text .argmap-passage[data-nodes]')]
        .find(p => p.getAttribute('data-nodes').split(' ').includes(node)).id""", node)
    target.locator("mark").first.hover()
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(f"figure.argmap-map g.node.nid-{node}").click()
    page.wait_for_function("id => document.activeElement && document.activeElement.closest('#' + id)", arg=expected)
    assert urlsplit(page.url).path.endswith("/source/")
    box, frame = page.locator(f"#{expected} mark").bounding_box(), panel.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1 and box["y"] + box["height"] <= height
    if width < 600:  # the map's panel follows at the bottom of the screen: the passage is above it
        assert box["y"] + box["height"] <= frame["y"] + 1
    # a box that no passage quotes (an implicit premise) says so, with the way to its page
    quoted = set(" ".join(passages.evaluate_all("ps => ps.map(p => p.getAttribute('data-nodes'))")).split())
    shown = page.evaluate("[...document.querySelectorAll('.argmap-reading-map g.node')].map(g => "
                          "(g.getAttribute('class').match(/nid-(\\S+)/) || [])[1]).filter(Boolean)")
    unquoted = [n for n in shown if n not in quoted]
    if unquoted:
        page.locator(f"figure.argmap-map g.node.nid-{unquoted[0]}").scroll_into_view_if_needed()
        page.evaluate("id => document.querySelector('figure.argmap-map g.node.nid-' + id + ' a')"
                      ".dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))", unquoted[0])
        note = page.locator(".argmap-reading-note")
        assert "No passage of the text" in note.inner_text() and note.locator("a").count() == 1
        assert urlsplit(page.url).path.endswith("/source/")
    # a sentence left off the map: its reason is read out always, and shown when pointed at
    left_out = page.locator(".argmap-unmapped")
    if left_out.count():
        why = left_out.first.locator(".argmap-unmapped-why")
        assert "not on the map" in why.inner_text()
        left_out.first.scroll_into_view_if_needed()
        left_out.first.focus()
        assert why.bounding_box()["width"] > 20


GUIDES = ("/format/", "/contributing/", "/exports/", "/map-your-own/")


def test_a_readers_search_returns_the_maps_pages_before_the_guides(server: str, browser) -> None:
    """The guides for contributors are outside the readers' navigation and rank below the readers' pages in search
    (they stay searchable): a search for a word of the debate lists its pages first."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/claims/withdrawal-invites-chaos/")
    nav = page.locator(".md-nav--primary").inner_text()
    assert "Format reference" not in nav and "Contributing" not in nav
    page.locator(".md-search__input").click()  # the theme's search index is read by a worker: wait until it is
    page.wait_for_function("(document.querySelector('.md-search-result__meta') || {}).textContent"
                           " && !/initializ/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=60_000)
    page.keyboard.type("isolationism", delay=20)  # keys, as a reader types (the theme searches on its key events)
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item > a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    readers = [i for i, href in enumerate(links) if not any(g in href for g in GUIDES)]
    guides = [i for i, href in enumerate(links) if any(g in href for g in GUIDES)]
    assert readers and guides, links  # both found: the guides are searchable, in their place
    assert max(readers) < min(guides), links


def test_each_lens_changes_the_map_and_its_sentence_and_survives_a_reload(server: str, browser) -> None:
    """One click on a lens (from the keyboard here) changes the whole map and the sentence over it, and the lens is
    in the address: a reload shows the same. A side's lens gives that side's outcomes as the build computes them; the
    lenses that pick boxes out pick exactly those the build's data names."""
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate = analysis.debate
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{DEBATE}/map/")
    page.wait_for_selector("button.argmap-lens")
    data = page.evaluate("fetch(document.querySelector('figure.argmap-map[data-graph]').getAttribute('data-graph'))"
                         ".then(r => r.json())")["lenses"]
    page.locator("figure.argmap-map .argmap-mapbar button").last.focus()
    page.keyboard.press("Tab")  # the lenses come next in the keyboard's order, under the map
    assert page.evaluate("document.activeElement.classList.contains('argmap-lens')")
    thesis_badge = lambda: page.locator(f"figure.argmap-map g.node.nid-{debate.thesis} text").first.text_content()  # noqa: E731
    as_built = thesis_badge()
    picked = {"unsaid": set(data["unsaid"]),
              "check": set(data["check"]) | {r for c in data["check"].values() for r in c["resting"]}}
    sentences = set()
    for lens in ["unsaid", "check", *(f"side-{p.id}" for p in debate.perspectives)]:
        for _ in range(2):  # chosen, then as the address restores it
            if _ == 0:
                page.locator(f"button.argmap-lens[data-lens='{lens}']").focus()
                page.keyboard.press("Enter")
                page.wait_for_function("l => new URLSearchParams(location.search).get('lens') === l", arg=lens)
            else:
                page.reload()
                page.wait_for_selector(f"button.argmap-lens[data-lens='{lens}'][aria-pressed=true]")
            sentence = page.locator(".argmap-lens-note").first.inner_text()
            hits = set(page.evaluate("[...document.querySelectorAll('figure.argmap-map g.node.argmap-lens-hit')]"
                                     ".map(g => g.getAttribute('class').match(/nid-(\\S+)/)[1])"))
            if lens in picked:
                assert hits == picked[lens] and hits, lens
                assert page.locator("figure.argmap-map.argmap-lens-on").count() == 1
                assert page.locator(".argmap-lens-list li").count() == len(hits)
            else:
                side = lens.removeprefix("side-")
                outcome = analysis.statuses[side][debate.thesis].outcome
                assert hits == set() and outcome in sentence and debate.perspective(side).name in sentence
                assert thesis_badge().lower().endswith(OUTCOMES[outcome].badge.lower()), (lens, thesis_badge())
            sentences.add(sentence)
    assert len(sentences) == 2 + len(debate.perspectives)  # each lens says what it shows
    page.locator("button.argmap-lens[data-lens='']").click()
    page.wait_for_function("!new URLSearchParams(location.search).get('lens')")
    assert page.locator("figure.argmap-map.argmap-lens-on").count() == 0 and thesis_badge() == as_built
