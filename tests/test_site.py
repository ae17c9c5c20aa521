"""The site: a real `mkdocs build --strict` into a temporary folder, and checks on the built HTML."""

from __future__ import annotations

import html
import html.parser
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.check import check_project
from helpers import DEBATE, MKDOCS, ROOT, article_project, build, copy_project, drawn

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped article's site, built once for the tests of this module (with a fresh render cache)."""
    project = article_project(tmp_path_factory.mktemp("shipped"))
    out = project / "site"
    result = build(project, out, NO_MKDOCS_2_WARNING="1")
    assert result.returncode == 0, result.stderr
    # a quiet build: what the maintainer needs (the maps, where the site goes), no list of pages outside the nav
    lines = [line.split(" -  ", 1)[-1] for line in result.stderr.strip().splitlines()]
    count = _expected_maps(project)
    assert len(lines) == 4 and lines[0].startswith(f"argmap: {count} maps, {count} rendered by Graphviz"), result.stderr
    assert lines[1:3] == ["Cleaning site directory", f"Building documentation to directory: {out}"]
    return out


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "xlink:href") and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text())
    return parser


def test_every_node_has_its_page(site: Path) -> None:
    [debate] = check_project(ROOT, debate=DEBATE).debates
    for node in debate.nodes.values():
        page = site / DEBATE / node.kind.folder / node.id / "index.html"
        assert page.is_file(), page
        assert node.label.replace("'", "&#39;") in page.read_text() or node.label in page.read_text()


def test_every_link_in_the_site_resolves(site: Path) -> None:
    checked = 0
    for page in site.rglob("*.html"):
        parsed = _parse(page)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not parts.scheme, f"{page}: link with scheme {link}"
            if not parts.path:
                continue
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if link.endswith("/") or target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: broken link {link}"
            checked += 1
    assert checked > 1000


def test_every_link_inside_every_map_leads_to_a_node_page(site: Path) -> None:
    maps = 0
    for page in site.rglob("*.html"):
        text = drawn(page)  # (with the maps it loads from files)
        for svg in re.findall(r'<svg[^>]*class="argmap-svg".*?</svg>', text, re.S):
            maps += 1
            assert 'width="' in svg.split(">", 1)[0] and 'height="' in svg.split(">", 1)[0]
            assert 'role="img"' not in svg
            for link in re.findall(r'xlink:href="([^"]+)"', svg):
                target = (page.parent / link).resolve() / "index.html"
                assert target.is_file(), f"{page.relative_to(site)}: map link {link}"
                assert f"/{DEBATE}/" in str(target)
    assert maps >= _expected_maps(site.parent)  # the site of the article's project


def test_search_finds_each_claim_on_its_own_page_not_in_every_map(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text())
    text = json.dumps(index)
    assert "<svg" not in text and "xlink" not in text
    assert "as a list" not in text  # the outlines repeat the maps: not indexed
    label = "Withdrawing from stabilising missions invites chaos"
    pages = {doc["location"].split("#")[0] for doc in index["docs"] if label in doc["text"] or label in doc["title"]}
    own = f"{DEBATE}/claims/withdrawal-invites-chaos/"
    assert own in pages and len(pages) <= 12, sorted(pages)  # its page, the indexes, its neighbours' lists


def test_the_source_page_links_each_passage(site: Path) -> None:
    page = site / DEBATE / "source" / "index.html"
    parsed = _parse(page)
    assert {"q1", "q2"} <= parsed.ids
    text = page.read_text()
    assert text.count('class="argmap-passage"') >= 60
    claim = (site / DEBATE / "claims" / "withdrawal-invites-chaos" / "index.html").read_text()
    anchor = re.search(r'href="../../source/#(q\d+)"', claim).group(1)
    assert anchor in parsed.ids


def _expected_maps(project: Path) -> int:
    """For each debate of the project: its overview, whole map, one per perspective, one per node."""
    return sum(2 + len(d.perspectives) + len(d.nodes) for d in check_project(project).debates)


CONTRIBUTED = """# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json
label: A vacuum would invite adversaries
statement: Leaving Iraq could leave a vacuum that adversaries fill.
role: objection
perspective: critics
implicit: true
rationale: Added as CONTRIBUTING shows, for the test.
attacks:
  - to: {thesis}
    weight: low
    why: The test says so.
"""


def _with_a_second_debate_and_a_contribution(project: Path) -> None:
    """Another debate beside the shipped ones (the test example, in German), and an objection to the article's
    thesis, written as CONTRIBUTING shows."""
    german = project / "arguments" / "baeume"
    shutil.copytree(ROOT / "tests" / "examples" / "valid" / "arguments" / "trees", german)
    debate = german / "debate.yaml"
    debate.write_text(debate.read_text().replace("title: Should cities plant more trees?",
                                                 "title: Sollen Städte mehr Bäume pflanzen?"))
    [article] = check_project(ROOT, debate=DEBATE).debates
    (project / "arguments" / DEBATE / "claims" / "a-contributed-objection.yaml").write_text(
        CONTRIBUTED.format(thesis=article.thesis))


@pytest.mark.parametrize("grown", [False, True], ids=["as-shipped", "with-another-debate-and-a-claim"])
def test_the_whole_shipped_project_builds_with_a_page_for_every_node_of_every_debate(tmp_path: Path,
                                                                                    grown: bool) -> None:
    """Whatever debates arguments/ holds (the article, and any other a contributor adds), the site builds strictly,
    every node of each has its page, and every link of every page resolves."""
    project = copy_project(tmp_path / "p")
    if grown:
        _with_a_second_debate_and_a_contribution(project)
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    debates = check_project(project).debates
    site = project / "site"
    for debate in debates:
        base = site if len(debates) == 1 else site / debate.id
        assert (base / "index.html").is_file(), debate.id
        for node in debate.nodes.values():
            page = (site / debate.id / node.kind.folder / node.id / "index.html").read_text("utf-8")
            # its own description, naming its own debate, for search engines and for a shared link
            [described] = re.findall(r'<meta name="description" content="([^"]*)"', page)
            assert html.unescape(described).startswith(f"{debate.title}: ") and 'property="og:title"' in page, described
    previews = set()
    for page in site.rglob("index.html"):  # every page a link can be shared to shows a preview image that exists
        text = page.read_text("utf-8")
        [image] = re.findall(r'<meta property="og:image" content="([^"]*)"', text)
        png = (page.parent / html.unescape(image)).resolve()
        data = png.read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n"), page
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert f'og:image:width" content="{width}"' in text and f'og:image:height" content="{height}"' in text
        assert width <= 1200 and height <= 630 and 'content="summary_large_image"' in text, (page, width, height)
        previews.add(png)
    assert len(previews) >= 1 + sum(len(d.nodes) for d in debates)  # each claim its own focus map, each debate its own
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # its links are from the server's root, wherever it is shown
            continue
        for link in _parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.exists() or (target / "index.html").exists(), f"{page.relative_to(site)}: {link}"


def test_a_second_build_renders_no_map(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    first = build(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    count = _expected_maps(project)
    assert f"{count} maps, {count} rendered by Graphviz" in first.stderr
    second = build(project, tmp_path / "two")
    assert f"{count} maps, 0 rendered by Graphviz" in second.stderr


def test_a_failing_build_keeps_the_last_site(tmp_path: Path) -> None:
    project = article_project(tmp_path / "p")
    site = project / "site"
    assert build(project, site).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    bad = project / "arguments" / DEBATE / "claims" / "frees-resources.yaml"
    bad.write_text(bad.read_text().replace("supports:", "suports:"))
    result = build(project, site)
    assert result.returncode == 1
    assert f"arguments/{DEBATE}/claims/frees-resources.yaml:10:1: error: unknown key 'suports'" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


HOSTILE = '<script>alert(1)</script> & &amp; "q" \'s\' {x} | a | # h `tick` [x](https://example.org) *e* _u_'
HOSTILE_LABEL = '<script>alert(1)</script> & &amp; "q" {x} | # `tick` [x](https://example.org)'
SMALL_SITE = """site_name: Test
theme:
  name: material
  font: false
plugins:
  - search
  - argmap
"""


def _small_project(tmp_path: Path, **settings: str) -> Path:
    project = tmp_path / "small"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", project)
    (project / "docs").mkdir()
    extra = "".join(f"{key}: {value}\n" for key, value in settings.items())
    (project / "mkdocs.yml").write_text(SMALL_SITE + extra)
    return project


def test_hostile_text_is_literal_everywhere(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    claim = project / "arguments" / "trees" / "claims" / "trees-cost-too-much.yaml"
    text = claim.read_text()
    text = text.replace("label: Trees cost too much to maintain", f"label: {json_string(HOSTILE_LABEL)}")
    text = text.replace("statement: The upkeep of street trees is too expensive.",
                        f"statement: {json_string(HOSTILE + ' (statement)')}")
    claim.write_text(text)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "trees" / "claims" / "trees-cost-too-much" / "index.html").read_text()
    assert "<script>alert(1)" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; "
    assert page.count(escaped) >= 3  # heading, statement, map label (and the tooltip)
    assert 'href="https://example.org"' not in page  # the Markdown link stays text
    assert "[x](https://example.org)" in page
    assert "`tick`" in page and "{x}" in page and "| a |" in page and "*e* _u_" in page
    svg = re.search(r'<svg[^>]*class="argmap-svg".*?</svg>', page, re.S).group(0)
    assert f'xlink:title="{escaped}' in svg.replace("&quot;", '"') or "&lt;script&gt;alert(1)" in svg
    for other in site.rglob("*.html"):
        assert "<script>alert(1)" not in other.read_text(), other


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


def test_links_resolve_without_directory_urls(tmp_path: Path) -> None:
    project = _small_project(tmp_path, use_directory_urls="false")
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    page = site / "trees" / "claims" / "trees-cool-streets.html"
    assert page.is_file()
    for html_page in site.rglob("*.html"):
        for link in _parse(html_page).links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path or parts.path.startswith("/"):
                continue
            assert (html_page.parent / unquote(parts.path)).resolve().is_file(), f"{html_page}: {link}"


def test_status_on_maps_and_pages(site: Path) -> None:
    page = (site / DEBATE / "claims" / "reset-vindicated" / "index.html").read_text()
    assert "<strong>Open</strong> as the map stands: it waits on what the map leaves open: " in page
    assert 'href="../managed-transition/"' in page
    # the leaning the weights give: success if the conditions hold, failure if they fail
    assert ('if they all hold (but <a href="../transition-is-hasty/">The withdrawal is a hasty '
            'exit</a>, which cannot hold with them and is rejected): <strong>stands</strong>: the strongest argument '
            'for it') in page
    failing = re.search(r'if they all fail \(a reader rejects (.*?) and grants (.*?) instead\): '
                        r'<strong>(.*?)</strong>', page)
    assert failing and "../managed-transition/" in failing.group(1) and "../allies-adapt-without-fracturing/" in \
        failing.group(1) and failing.group(2).count("<a ") == 1 and "../transition-is-hasty/" in failing.group(2)
    assert failing.group(3) == "not established"
    # "a hasty exit risks instability": with the conditions failing, the reset backfires
    backfires = (site / DEBATE / "claims" / "reset-backfires" / "index.html").read_text()
    assert re.search(r"if they all fail \(a reader rejects .*? instead\): <strong>stands</strong>", backfires)
    svg = html.unescape(re.search(r'<svg[^>]*class="argmap-svg".*?</svg>', page, re.S).group(0))
    node = re.search(r'<g id="focus-reset-vindicated-n\d+" class="node claim[^"]*focus status-undecided '
                     r'outcome-open">.*?</g>', svg, re.S)
    assert node and ">OPEN<" in node.group(0)
    assert 'class="edge requires"' in svg  # its necessary conditions, drawn
    thesis = (site / DEBATE / "claims" / "reset-redefines-nato" / "index.html").read_text()
    assert "<strong>Stands</strong> as the map stands" in thesis
    svg = html.unescape(re.search(r'<svg[^>]*class="argmap-svg".*?</svg>', thesis, re.S).group(0))
    rival = re.search(r'<g id="focus-reset-redefines-nato-n\d+" class="node claim[^"]*nid-reset-is-isolationism'
                      r'[^"]*status-out outcome-outweighed">.*?</g>', svg, re.S)
    assert rival and ">OUTWEIGHED<" in rival.group(0)  # the critics' reading, weighed and outweighed
    home = (site / "index.html").read_text()
    question = home[home.index('id="will-the-reset-succeed"'):]
    against = question[question.index('<section class="argmap-against">'):question.index("</section>", question.index(
        '<section class="argmap-against">'))]
    # against success: its rival, with the heaviest arguments for the rival (the risks)
    assert "rival position:" in against and "for it:" in against and "claims/hasty-exit-risks-instability/" in against
    table = (site / DEBATE / "status" / "index.html").read_text()
    [debate] = check_project(ROOT, debate=DEBATE).debates
    assert table.count("<tr>") == 1 + len(debate.claims)  # a row per claim
    assert "◆" in table


def test_exports_are_offered_as_downloads(site: Path) -> None:
    home = (site / "index.html").read_text()
    for suffix in (".json", ".aif.json", ".argdown", ".graphml", ".dot"):
        assert f'href="{DEBATE}/exports/{DEBATE}{suffix}"' in home
        assert (site / DEBATE / "exports" / f"{DEBATE}{suffix}").is_file()


def test_the_built_graph_json_follows_its_schema(site: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "build_tools" / "schemas" / "graph.schema.json").read_text("utf-8"))
    data = json.loads((site / DEBATE / "graph.json").read_text("utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    assert data["rules"][""] == {n: s.rule for n, s in analysis.statuses[None].items()}


def test_the_exports_page_lists_every_format_of_the_registry(site: Path) -> None:
    from build_tools.formats import FORMATS

    page = (site / "exports" / "index.html").read_text("utf-8")
    assert "argmap:formats" not in page
    for f in FORMATS:
        assert f"<code>export --format {f.name}</code>" in page and f"&lt;debate&gt;{f.suffix}" in page


def test_browser_tabs_name_the_page_then_the_site_and_the_home_page_the_site_once(site: Path) -> None:
    from mkdocs.config import load_config  # MkDocs reads it (it holds an !ENV tag)

    name = load_config(str(ROOT / "mkdocs.yml")).site_name
    titles = {path: html.unescape(re.findall(r"<title>([^<]*)</title>", (site / path).read_text())[0])
              for path in ("index.html", "about/index.html", f"{DEBATE}/map/index.html")}
    assert titles["index.html"] == name, titles  # not "<debate title> - <site name>"
    assert titles["about/index.html"] == f"About this map - {name}"
    assert titles[f"{DEBATE}/map/index.html"] == f"The whole map - {name}"
    # and the home page keeps its name in every page's navigation
    for path in titles:
        nav = re.sub(r"\s+", " ", (site / path).read_text())
        assert '<span class="md-ellipsis"> Home </span>' in nav, path


def test_every_node_page_says_whose_claim_it_is_before_its_outcome(site: Path) -> None:
    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate = analysis.debate
    for node in debate.nodes.values():
        text = re.sub(r"<[^>]+>", "", (site / DEBATE / node.kind.folder / node.id / "index.html").read_text())
        text = html.unescape(text)
        side = debate.perspective(node.perspective).name if node.perspective else None
        if node.kind.folder == "evidence":
            said = "Evidence the article cites." + (f" Side: {side}." if side else "")
        elif node.implicit:
            said = "Whose claim: ours, not the article's." + (f" Side: {side}, whose argument needs it." if side else "")
        else:
            said = f"Whose claim: {side}, as the article presents it." if side else "Whose claim: the article's."
        assert said in text, node.id
        assert text.index(said) < text.index(" as the map stands"), node.id  # said before the outcome


def test_edit_links_come_from_repo_url_and_edit_uri_and_open_the_yaml_file(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    (project / "mkdocs.yml").write_text(SMALL_SITE.replace("  font: false\n", "  font: false\n  features:\n"
                                                           "    - content.action.edit\n")
                                        + "repo_url: https://github.com/example/argmap\nedit_uri: edit/trunk/docs/\n")
    (project / "docs" / "guide.md").write_text("# A guide\n")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    edits = lambda page: re.findall(r'<a href="([^"]*)"[^>]*rel="edit"', (project / "site" / page).read_text())  # noqa: E731
    base = "https://github.com/example/argmap/edit/trunk/"
    assert edits("trees/claims/trees-cost-too-much/index.html") == [base + "arguments/trees/claims/trees-cost-too-much.yaml"]
    assert edits("trees/evidence/council-study/index.html") == [base + "arguments/trees/evidence/council-study.yaml"]
    assert edits("index.html") == [base + "arguments/trees/debate.yaml"]  # the home page: the debate's own file
    assert edits("guide/index.html") == [base + "docs/guide.md"]  # a hand-written page: MkDocs' own link
    assert edits("trees/claims/index.html") == []  # an index is built from many files: no single one to edit


def test_a_reader_can_propose_a_reason_where_the_site_names_its_repository(tmp_path: Path) -> None:
    """Each claim page links to the repository's new-file form with a claim answering it; the file it holds, filled
    in, checks clean. Without a repo_url there is no such link."""
    from urllib.parse import parse_qs

    project = _small_project(tmp_path, repo_url="https://github.com/o/r", edit_uri="edit/main/docs/")
    assert build(project, project / "site").returncode == 0
    page = (project / "site" / "trees" / "claims" / "trees-cool-streets" / "index.html").read_text("utf-8")
    links = [html.unescape(u) for u in re.findall(r'<a href="([^"]+)" rel="nofollow">Suggest a reason', page)]
    assert len(links) == 2 and all(u.startswith("https://github.com/o/r/new/main/arguments/trees/claims?") for u in links)
    text = parse_qs(urlsplit(links[1]).query)["value"][0]
    assert "attacks: [trees-cool-streets]" in text
    proposed = project / "arguments" / "trees" / "claims" / "shade-is-patchy.yaml"
    proposed.write_text(text)
    from helpers import run_argmap

    check = run_argmap("check", "--root", str(project))
    assert check.returncode == 1 and set(re.findall(r"\[([a-z-]+)\]", check.stdout)) <= {"placeholder", "bad-value"}
    proposed.write_text(text.replace("TODO a short label in your own words, 12 words at most", "Shade is patchy")
                        .replace("TODO the full claim in your own words, faithful to the article", "Shade is patchy.")
                        .replace("role: TODO", "role: objection").replace("perspective: TODO", "perspective: critics")
                        .replace("TODO copy the passage from source.txt exactly  # or remove this line and set "
                                 "implicit: true", "The study measured only one street"))
    assert run_argmap("check", "--root", str(project)).returncode == 0
    plain = _small_project(tmp_path / "plain")
    assert build(plain, plain / "site").returncode == 0
    assert "argmap-suggest" not in (plain / "site" / "trees" / "claims" / "trees-cool-streets" / "index.html").read_text()


def test_the_thesis_page_says_how_firm_its_outcome_is(site: Path) -> None:
    from build_tools.sensitivity import sensitivity

    [analysis] = check_project(ROOT, debate=DEBATE).analyses
    debate = analysis.debate
    flips = sensitivity(debate, analysis.graph)[debate.thesis]
    page = html.unescape(re.sub(r"<[^>]+>", "", (site / DEBATE / "claims" / debate.thesis / "index.html").read_text()))
    assert "How firm:" in page
    for flip in flips[:4]:  # each change the pass finds, in words, on the page
        assert flip.words(lambda n: debate.nodes[n].label) in page, flip


ZENSICAL = Path(sys.executable).with_name("zensical")


def _article(page: Path) -> str:
    found = re.search(r"<article\b.*?</article>", page.read_text("utf-8"), re.S)
    assert found, page
    return found.group(0)


def _written(site: Path, out: Path, *extra: str) -> Path:
    """``argmap pages`` of the project ``site`` was built from, into ``out``."""
    ran = subprocess.run([str(Path(sys.executable).with_name("argmap")), "pages", "--root", str(site.parent), "-o",
                          str(out), *extra], capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("wrote ") and "maps inline" in ran.stdout
    return out


def test_the_written_pages_build_without_the_plugin_into_the_same_pages(site: Path, tmp_path: Path) -> None:
    """`argmap pages -o DIR`, built by plain MkDocs (no argmap plugin in its mkdocs.yml): every page of the
    plugin's site, with the same content (maps, outlines, links, the what-if's graph)."""
    out = _written(site, tmp_path / "pages")
    config = (out / "mkdocs.yml").read_text()
    assert "argmap" not in re.findall(r"^plugins:\n((?:- .*\n)+)", config, re.M)[0]
    built = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(out / "mkdocs.yml"), "-d", str(tmp_path / "s")],
                           capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr
    assert "not included in the nav" not in built.stderr  # the pages outside the nav are said to be so
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(tmp_path / "s") for p in (tmp_path / "s").rglob("*.html"))
    different = [p for p in pages if _article(site / p) != _article(tmp_path / "s" / p)]
    assert not different, different[:5]
    for data in site.rglob("graph.json"):
        assert (tmp_path / "s" / data.relative_to(site)).read_bytes() == data.read_bytes()


def _resolved(page: Path, root: Path) -> str:
    """A page's article as a reader meets it, whatever the generator's markup: text and the pages each link
    reaches (relative links resolved against the page's address), the maps' drawings."""
    text = _article(page)
    text = re.sub(r'<a id="__skip"[^>]*></a>', "", text).replace(" data-search-exclude", "")
    address = "/" + page.parent.relative_to(root).as_posix() + "/"

    def target(match: re.Match) -> str:
        href = match.group(2)
        if re.match(r"[a-z]+:|/|#", href):
            return match.group(0)
        path, _, fragment = href.partition("#")
        return f'{match.group(1)}"{posixpath.normpath(posixpath.join(address, path)) if path else address}#{fragment}"'

    text = re.sub(r'(<a (?:[a-z-]+="[^"]*" )*href=)"([^"]*)"', target, text)
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text))


def test_the_written_pages_build_with_zensical(site: Path, tmp_path: Path) -> None:
    """Zensical (mkdocs-material's successor, which ignores plugins it does not know) builds the folder written
    for it into every page of the plugin's site: the same text, maps, and links to the same pages."""
    out = _written(site, tmp_path / "pages", "--generator", "zensical")
    built = subprocess.run([str(ZENSICAL), "build", "--strict", "-f", str(out / "mkdocs.yml")], cwd=out,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    made = out / "site"
    pages = sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(made) for p in made.rglob("*.html"))
    different = [p for p in pages if _resolved(site / p, site) != _resolved(made / p, made)]
    assert not different, different[:5]
    whole = drawn(made / DEBATE / "map" / "index.html")
    assert whole.count('class="argmap-svg"') == 1 and "argmap-whatif.js" in whole


def test_every_node_page_puts_the_articles_words_before_ours(site: Path) -> None:
    """The article's quote comes first, marked as the article's with its paragraph and a link to the passage;
    our restatement follows, marked "In our words"; an implicit claim says first that the article does not
    state it. Checked on every claim's and evidence's page of the debate."""
    [analysis] = check_project(site.parent, debate=DEBATE).analyses
    for node in analysis.debate.nodes.values():
        page = (site / DEBATE / node.kind.folder / node.id / "index.html").read_text()
        body = page[page.index("<h1"):]
        ours = body.index('class="argmap-ours"><strong>In our words:</strong>')
        assert ours < body.index("<h2"), node.id
        if analysis.passages_of.get(node.id):
            first = body.index('class="argmap-article"')
            assert first < ours, node.id
            assert re.search(r'class="argmap-article-source">The article, paragraph \d+ · <a href="[^"]*source/#q\d+">',
                             body[first:ours]), node.id
        elif node.implicit:
            assert body.index("The article does not state this") < ours, node.id


class _Visible(html.parser.HTMLParser):
    """The text a reader sees (no script, style or drawing)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden, self.text = 0, []

    def handle_starttag(self, tag, attrs) -> None:
        self.hidden += tag in ("script", "style", "svg")

    def handle_endtag(self, tag) -> None:
        self.hidden -= tag in ("script", "style", "svg")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.text.append(data)


GUIDES = {"format", "contributing", "map-your-own", "exports", "about", "search"}  # the technical words live here


def test_reader_pages_use_readers_words_and_every_badge_says_what_it_means(site: Path) -> None:
    """No "node" on a reader's page (the guides and About pages keep the technical terms); every outcome badge
    has a tooltip saying what it means and leads to the key."""
    found, bare = [], []
    for page in sorted(site.rglob("index.html")):
        rel = page.relative_to(site).as_posix()
        if rel.split("/")[0] in GUIDES or "/about/" in rel:
            continue
        text = page.read_text()
        seen = _Visible()
        seen.feed(text)
        found += [f"{rel}: {m.group(0)}" for m in re.finditer(r".{0,30}\bnodes?\b.{0,20}", " ".join(seen.text), re.I)]
        bare += [rel for m in re.finditer(r'<(?:span|a) class="argmap-badge[^"]*"([^>]*)>', text)
                 if "title=" not in m.group(1)]
        keyless = [m.group(0) for m in re.finditer(r'<a class="argmap-badge[^>]*>', text) if "#how-to-read-a-map" not in m.group(0)]
        assert keyless == [], rel  # each badge on a page leads to the key of every mark
    assert found == []
    assert bare == []
