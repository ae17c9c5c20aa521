"""Pages: the Markdown of every generated page of a debate.

All text from YAML goes through :mod:`escape`; maps arrive as finished, safe SVG (see
:mod:`embed`). Links between pages are relative ``.md`` paths, which MkDocs resolves and
checks; raw HTML (maps, the source text) carries URLs computed for the page it is on.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from . import quotes, views
from .dot import PERSPECTIVE_FILLS
from .escape import html_text, markdown_text
from .graph import Graph
from .layout import Layout, relative_url
from .model import Debate, Node, NodeKind
from .outline import outline
from .status import Status, explain

__all__ = ["Page", "Passage", "passages", "debate_pages", "ROLE_NAMES", "KIND_NAMES"]

ROLE_NAMES = {
    "thesis": "Thesis", "reason": "Reason", "consequence": "Consequence", "risk": "Risk",
    "objection": "Objection", "rebuttal": "Rebuttal", "caveat": "Caveat", "condition": "Condition",
    "background": "Background",
}
KIND_NAMES = {
    "report": "Report", "official-statement": "Official statement", "statistic": "Statistic",
    "agreement": "Agreement", "policy-document": "Policy document", "historical-precedent": "Historical precedent",
    "event": "Event", "expert-opinion": "Expert opinion", "other": "Other",
}
BASIS_NAMES = {
    "primary-source": "linked to its primary source",
    "named-in-article": "the article names its source but gives no link: the fact rests on the article's word",
    "article-only": "the article gives no source: the fact rests on the article's word alone",
}
CONTEXT_CHARS = 45
DOWNLOADS = (("JSON", ".json"), ("AIF", ".aif.json"), ("Argdown", ".argdown"), ("GraphML", ".graphml"),
             ("DOT", ".dot"))
STATUS_WORDS = {"in": "In", "out": "Out", "undecided": "Undecided"}
STATUS_NOTE = ("**Status.** A claim is *in* when it stands against every objection the map records, *out* when "
               "an accepted objection defeats it or nothing establishes it, and *undecided* when the map "
               "leaves it in unresolved back-and-forth. The labels follow from the map's own premises and "
               "relations (grounded semantics); they are not a verdict on whether a claim is true.")

MapHtml = Callable[[str], str]  # map name -> the HTML (or the placeholder) that shows it


@dataclass(frozen=True)
class Page:
    src: str  # the Markdown path, relative to the docs folder
    markdown: str
    edit_path: str | None = None  # the YAML file it is built from, relative to the project


@dataclass(frozen=True)
class Passage:
    """A quoted span of the source, in the article's order, with the nodes it grounds."""

    number: int
    start: int
    end: int
    nodes: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"q{self.number}"


def passages(debate: Debate) -> list[Passage]:
    """Every distinct quoted span of the source, in order."""
    text = debate.source_text or ""
    folded = quotes.fold(text)
    grounds: dict[tuple[int, int], list[str]] = defaultdict(list)
    for node in debate.nodes.values():
        for span in quotes.locate(node.quotes, node.occurrence, text, folded):
            if span:
                grounds[span].append(node.id)
    return [Passage(i + 1, start, end, tuple(ids)) for i, ((start, end), ids) in enumerate(sorted(grounds.items()))]


def debate_pages(debate: Debate, layout: Layout, map_html: MapHtml, shown: Mapping[str, views.View],
                 graph: Graph, statuses: Mapping[str | None, Mapping[str, Status]],
                 directory_urls: bool = True) -> list[Page]:
    """Every generated page of ``debate``; ``shown`` gives the view of each map by its id."""
    found = passages(debate)
    by_node: dict[str, list[Passage]] = defaultdict(list)
    for passage in found:
        for node_id in passage.nodes:
            by_node[node_id].append(passage)
    builder = _Builder(debate, layout, map_html, directory_urls, by_node, shown, graph, statuses)
    pages = [builder.home(), builder.whole_map(), builder.source(found), builder.claims_index(),
             builder.evidence_index(), builder.tags(), builder.status_page()]
    pages += [builder.perspective(p.id) for p in debate.perspectives]
    pages += [builder.node(node) for node in debate.nodes.values()]
    return pages


@dataclass
class _Builder:
    debate: Debate
    layout: Layout
    map_html: MapHtml
    directory_urls: bool
    by_node: dict
    shown: Mapping[str, views.View]
    graph: Graph
    statuses: Mapping[str | None, Mapping[str, Status]]

    # --- links -------------------------------------------------------------------------
    def md_link(self, page: str, target: str) -> str:
        """A relative link to the Markdown page ``target`` from ``page``."""
        return posixpath.relpath(target, posixpath.dirname(page) or ".")

    def node_link(self, page: str, node_id: str) -> str:
        node = self.debate.nodes[node_id]
        return f"[{markdown_text(node.label)}]({self.md_link(page, self.layout.node(node))})"

    def outline_of(self, page: str, view: views.View) -> str:
        return outline(self.debate, view, lambda n: self.md_link(page, self.layout.node(self.debate.nodes[n])))

    def map_block(self, page: str, view: views.View, caption: str) -> str:
        return (
            f"{self.map_html(f'{self.debate.id}/{view.id}')}\n\n"
            f"**{markdown_text(caption)} as a list:**\n\n"
            + self.outline_of(page, view)
        )

    # --- pages -------------------------------------------------------------------------
    def home(self) -> Page:
        page, d = self.layout.home, self.debate
        thesis = d.nodes.get(d.thesis)
        link = lambda target: self.md_link(page, target)  # noqa: E731
        lines = [*heading(d.title, hide_toc=True), markdown_text(d.summary), ""]
        if thesis:
            lines += ["## The thesis", "", f"> {markdown_text(thesis.statement)}", "",
                      f"{self.node_link(page, thesis.id)}", ""]
        lines += ["## The argument at a glance", "",
                  "Each box is a claim or a piece of evidence: select it to see what supports and attacks it, "
                  "its evidence, and where the article says it. Boxes marked with a number stand for the "
                  "parts of the map folded away; select them to open that part.", "",
                  self.map_block(page, self.shown["overview"], "The overview"), "",
                  "## How to read a map", "", _legend(d, page, self), "",
                  "## Explore", "",
                  f"- [The whole map]({link(self.layout.map)}): every claim and relation at once, to pan and zoom.",
                  f"- [Claims]({link(self.layout.claims)}) and [evidence]({link(self.layout.evidence)}), "
                  f"listed by role and kind, and [tags]({link(self.layout.tags)}).",
                  f"- [The source]({link(self.layout.source)}): every quoted passage of the article, "
                  "with the claims it grounds.",
                  f"- [Where the debate stands]({link(self.layout.status)}): which claims stand or fall, "
                  "as the map stands and from each perspective's premises.",
                  "- Download the map: " + " · ".join(
                      f"[{name}]({link(self.layout.export(suffix))})" for name, suffix in DOWNLOADS)
                  + ".",
                  "- The perspectives: " + ", ".join(
                      f"[{markdown_text(p.name)}]({link(self.layout.perspective(p.id))})" for p in d.perspectives
                  ) + ".", ""]
        lines += _source_facts(d)
        return Page(page, "\n".join(lines) + "\n", f"{d.folder}/debate.yaml")

    def whole_map(self) -> Page:
        page = self.layout.map
        lines = [*heading("The whole map", hide_toc=True),
                 f"Every claim, piece of evidence and relation of the debate: {len(self.debate.nodes)} nodes. "
                 "Drag to pan, scroll or pinch to zoom; the list below tells the same map in words.", "",
                 self.map_block(page, self.shown["map"], "The whole map")]
        return Page(page, "\n".join(lines) + "\n")

    def perspective(self, perspective_id: str) -> Page:
        page, d = self.layout.perspective(perspective_id), self.debate
        p = d.perspective(perspective_id)
        own = [n for n in d.nodes.values() if n.perspective == perspective_id]
        lines = [*heading(p.name), markdown_text(p.description), "",
                 f"{len(own)} node(s) of the map are in this voice; the claims they bear on are shown faded.", "",
                 self.map_block(page, self.shown[f"perspective-{perspective_id}"], "This perspective's map"), ""]
        for role, nodes in _grouped(own):
            lines += [f"## {role}", ""] + [f"- {self.node_link(page, n.id)}" for n in nodes] + [""]
        return Page(page, "\n".join(lines) + "\n", f"{d.folder}/debate.yaml")

    def status_page(self) -> Page:
        page, d = self.layout.status, self.debate
        columns = [None, *(p.id for p in d.perspectives)]
        names = ["As the map stands", *(markdown_text(p.name) for p in d.perspectives)]
        lines = [*heading("Where the debate stands", hide_toc=True), STATUS_NOTE, "",
                 "The first column takes as given every piece of evidence and every claim that nothing "
                 "supports. Each perspective's column takes as given the evidence and only that "
                 "perspective's own unsupported claims: what follows from its premises alone. "
                 "Rows where the columns disagree are marked ◆.", "",
                 "| Claim | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
        for node in d.claims:
            labels = [self.statuses[c][node.id].label.value for c in columns]
            mark = " ◆" if len(set(labels)) > 1 else ""
            lines.append(f"| {self.node_link(page, node.id)}{mark} | " + " | ".join(
                f"**{label}**" if label == "in" else label for label in labels) + " |")
        return Page(page, "\n".join(lines) + "\n")

    def _status(self, page: str, node: Node) -> list[str]:
        status = self.statuses[None][node.id]
        link = lambda node_id: self.node_link(page, node_id)  # noqa: E731
        lines = ["## Status", "", f"**{STATUS_WORDS[status.label.value]}** as the map stands: "
                 f"{explain(status, link)}.", ""]
        others = [f"{markdown_text(p.name)}: {self.statuses[p.id][node.id].label.value}"
                  for p in self.debate.perspectives]
        lines += [f"From each perspective's premises alone ([compare]({self.md_link(page, self.layout.status)})): "
                  + " · ".join(others) + ".", ""]
        return lines

    def claims_index(self) -> Page:
        page = self.layout.claims
        lines = [*heading("Claims"), f"All {len(self.debate.claims)} claims of the map, by role.", ""]
        for role, nodes in _grouped(self.debate.claims):
            lines += [f"## {role}", "", "| Claim | Perspective |", "|---|---|"]
            lines += [f"| {self.node_link(page, n.id)} | {self._perspective_name(n)} |" for n in nodes] + [""]
        return Page(page, "\n".join(lines) + "\n")

    def evidence_index(self) -> Page:
        page = self.layout.evidence
        lines = [*heading("Evidence"),
                 f"All {len(self.debate.evidence)} pieces of evidence the source cites, by kind. "
                 "*Source* says whether the fact can be checked against a primary source or rests on the "
                 "article's word.", ""]
        groups: dict[str, list[Node]] = defaultdict(list)
        for node in self.debate.evidence:
            groups[node.evidence_kind].append(node)
        for kind in KIND_NAMES:
            if kind in groups:
                lines += [f"## {KIND_NAMES[kind]}", "", "| Evidence | Who | Source |", "|---|---|---|"]
                lines += [f"| {self.node_link(page, n.id)} | {markdown_text(n.citation.who)} | "
                          f"{'primary source' if not n.citation.rests_on_article else 'article only'} |"
                          for n in groups[kind]] + [""]
        return Page(page, "\n".join(lines) + "\n")

    def tags(self) -> Page:
        page = self.layout.tags
        tagged: dict[str, list[Node]] = defaultdict(list)
        for node in self.debate.nodes.values():
            for tag in node.tags:
                tagged[tag].append(node)
        lines = heading("Tags")
        for tag in sorted(tagged):
            lines += [f"## {markdown_text(tag)}", ""]  # a tag is an id, so its heading's anchor is the tag
            lines += [f"- {self.node_link(page, n.id)}" for n in tagged[tag]] + [""]
        return Page(page, "\n".join(lines) + "\n")

    def source(self, found: list[Passage]) -> Page:
        page, d = self.layout.source, self.debate
        text = d.source_text or ""
        lines = heading("The source")
        if not text:
            lines += ["This debate has no source text."]
            return Page(page, "\n".join(lines) + "\n")
        facts = _source_facts(d)
        if d.source.may_republish:
            lines += ["The full text of the article, with every passage the map quotes marked. Select a "
                      "marked passage to go to its claim.", ""] + facts
            lines += [self._full_text(page, text, found)]
        else:
            lines += ["The rights to republish this article are not known, so this page shows only the "
                      f"{len(found)} passages the map quotes, in the article's order, each with a little "
                      "context and the claims it grounds.", ""] + facts
            for passage in found:
                lines += [self._passage(page, text, passage), ""]
        return Page(page, "\n".join(lines) + "\n", f"{d.folder}/source.txt")

    def _passage(self, page: str, text: str, passage: Passage) -> str:
        before, after = _context(text, passage.start, passage.end)
        quoted = " ".join(text[passage.start:passage.end].split())
        line, _ = quotes.line_column(text, passage.start)
        links = ", ".join(self._html_node_link(page, n) for n in passage.nodes)
        return (f'<div class="argmap-passage" id="{passage.anchor}"><p>'
                f'<span class="argmap-context">{html_text(before)}</span><mark>{html_text(quoted)}</mark>'
                f'<span class="argmap-context">{html_text(after)}</span></p>'
                f'<p class="argmap-grounds">Line {line} of the source · grounds: {links}</p></div>')

    def _full_text(self, page: str, text: str, found: list[Passage]) -> str:
        cuts = sorted({0, len(text)} | {p.start for p in found} | {p.end for p in found})
        starts = {p.start: p for p in found}
        out = ['<div class="argmap-fulltext"><p>']
        for begin, end in zip(cuts, cuts[1:]):
            if begin in starts:
                out.append(f'<span id="{starts[begin].anchor}"></span>')
            covering = [p for p in found if p.start <= begin and p.end >= end]
            chunk = html_text(text[begin:end]).replace("\n\n", "</p><p>")
            if covering:
                node = covering[0].nodes[0]
                url = relative_url(page, self.layout.node(self.debate.nodes[node]), self.directory_urls)
                out.append(f'<a class="argmap-quoted" href="{html_text(url)}"><mark>{chunk}</mark></a>')
            else:
                out.append(chunk)
        out.append("</p></div>")
        return "".join(out)

    def _html_node_link(self, page: str, node_id: str) -> str:
        node = self.debate.nodes[node_id]
        url = relative_url(page, self.layout.node(node), self.directory_urls)
        return f'<a href="{html_text(url)}">{html_text(node.label)}</a>'

    def _perspective_name(self, node: Node) -> str:
        p = self.debate.perspective(node.perspective) if node.perspective else None
        return markdown_text(p.name) if p else "unclassified"

    def node(self, node: Node) -> Page:
        page, d = self.layout.node(node), self.debate
        lines = [*heading(node.label), f"> {markdown_text(node.statement)}", ""]
        lines += [self._facts(page, node), ""]
        lines += self._status(page, node)
        if node.implicit:
            lines += ['!!! note "Our reconstruction: the article does not state this"', "",
                      "    " + markdown_text(node.rationale or ""), ""]
        lines += self._quotes(page, node)
        if node.citation:
            lines += self._citation(node)
        lines += self._relations(page, node)
        if node.note:
            lines += ["## Note on the encoding", "", markdown_text(node.note), ""]
        lines += ["## Around this " + ("claim" if node.kind is NodeKind.CLAIM else "evidence"), "",
                  self.map_block(page, self.shown[f"focus-{node.id}"], "This map")]
        return Page(page, "\n".join(lines) + "\n", f"{d.folder}/{node.kind.folder}/{node.id}.yaml")

    def _facts(self, page: str, node: Node) -> str:
        facts = []
        if node.kind is NodeKind.CLAIM:
            facts.append(f"**Role:** {ROLE_NAMES.get(node.role, 'unclassified')}")
        else:
            facts.append(f"**Evidence:** {KIND_NAMES[node.evidence_kind]}")
        p = d_p = self.debate.perspective(node.perspective) if node.perspective else None
        if d_p:
            facts.append(f"**Perspective:** [{markdown_text(p.name)}]"
                         f"({self.md_link(page, self.layout.perspective(p.id))})")
        if node.id == self.debate.thesis:
            facts.append("**The debate's thesis**")
        if node.tags:
            tags = ", ".join(f"[{markdown_text(t)}]({self.md_link(page, self.layout.tags)}#{t})" for t in node.tags)
            facts.append(f"**Tags:** {tags}")
        return " · ".join(facts)

    def _quotes(self, page: str, node: Node) -> list[str]:
        found = self.by_node.get(node.id, [])
        if not found:
            return []
        source = self.md_link(page, self.layout.source)
        lines = ["## In the article", ""]
        for passage in found:
            quoted = " ".join((self.debate.source_text or "")[passage.start:passage.end].split())
            lines += [f"> “{markdown_text(quoted)}”", "", f"[See it in the source]({source}#{passage.anchor})", ""]
        return lines

    def _citation(self, node: Node) -> list[str]:
        c = node.citation
        url = "unknown" if c.url == "unknown" else f"<{c.url}>"
        lines = ["## Citation", "", "| | As the article gives it |", "|---|---|",
                 f"| Who | {markdown_text(c.who)} |", f"| What | {markdown_text(c.what)} |",
                 f"| When | {markdown_text(c.when)} |", f"| Link | {url} |",
                 f"| Source | {markdown_text(BASIS_NAMES[c.basis])} |", ""]
        if c.rests_on_article:
            lines += ['!!! warning "This fact rests on the article\'s word"', "",
                      "    The map found no primary source for it: " + markdown_text(BASIS_NAMES[c.basis]) + ".", ""]
        return lines

    def _relations(self, page: str, node: Node) -> list[str]:
        g, me = self.graph, node.id
        sections: list[tuple[str, list[str]]] = []
        out_support = [self._step_text(page, s, me) for s in g.steps_from.get(me, ())]
        out_attack = [self.node_link(page, a.target) for a in g.attacks_from.get(me, ())]
        out_cut = [self._cut_text(page, c) for c in g.cuts_from.get(me, ())]
        in_support = [self._premises_text(page, s) for s in g.steps_into.get(me, ())]
        in_attack = [self.node_link(page, a.attacker) for a in g.attacks_into.get(me, ())]
        in_cut = [f"{self.node_link(page, c.undercutter)} challenges the support from "
                  f"{self._names(page, c.premises)}" for c in g.cuts_into.get(me, ())]
        sections += [("It supports", out_support), ("It attacks", out_attack), ("It undercuts", out_cut),
                     ("Supported by", in_support), ("Attacked by", in_attack), ("Its supports are undercut by", in_cut)]
        lines = []
        for title, items in sections:
            if items:
                lines += [f"## {title}", ""] + [f"- {item}" for item in items] + [""]
        return lines

    def _names(self, page: str, ids) -> str:
        return " together with ".join(self.node_link(page, i) for i in ids)

    def _step_text(self, page: str, step, me: str) -> str:
        others = [p for p in step.premises if p != me]
        text = self.node_link(page, step.conclusion)
        return text + (f" (together with {self._names(page, others)})" if others else "")

    def _premises_text(self, page: str, step) -> str:
        text = self._names(page, step.premises)
        return text + (" (linked: they support it only together)" if step.linked else "")

    def _cut_text(self, page: str, cut) -> str:
        return f"the support from {self._names(page, cut.premises)} to {self.node_link(page, cut.conclusion)}"


def heading(title: str, hide_toc: bool = False) -> list[str]:
    """Front matter and the first heading of a page.

    The title is given in the front matter, HTML-escaped: MkDocs would otherwise take it from
    the heading with its entities decoded, and themes insert it into ``<title>`` unescaped.

    >>> heading("a </title><b>")
    ['---', 'title: "a &lt;/title&gt;&lt;b&gt;"', '---', '', '# a &lt;/title&gt;&lt;b&gt;', '']
    """
    front = ["---", f"title: {json.dumps(html_text(title), ensure_ascii=False)}"]
    if hide_toc:
        front += ["hide:", "  - toc"]
    return [*front, "---", "", f"# {markdown_text(title)}", ""]


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """A few whole words before and after a passage, with '…' where the text goes on.

    >>> _context("one two three four five", 8, 13)
    ('one two ', ' four five')
    """
    head = text[max(0, start - CONTEXT_CHARS):start]
    if start - CONTEXT_CHARS > 0 and " " in head.strip():
        head = "…" + head.split(None, 1)[1] if not head[0].isspace() else "…" + head.lstrip()
    tail = text[end:end + CONTEXT_CHARS]
    if end + CONTEXT_CHARS < len(text) and " " in tail.strip():
        tail = tail.rsplit(None, 1)[0] + "…" if not tail[-1].isspace() else tail.rstrip() + "…"
    return " ".join(head.split()) + (" " if head[-1:].isspace() else ""), \
        (" " if tail[:1].isspace() else "") + " ".join(tail.split())


def _grouped(nodes: list[Node]) -> list[tuple[str, list[Node]]]:
    groups: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        if node.kind is NodeKind.EVIDENCE:
            groups["Evidence"].append(node)
        else:
            groups[ROLE_NAMES.get(node.role, "Unclassified")].append(node)
    order = [*ROLE_NAMES.values(), "Unclassified", "Evidence"]
    return [(name, groups[name]) for name in order if name in groups]


def _source_facts(d: Debate) -> list[str]:
    s = d.source
    url = "unknown" if s.url == "unknown" else f"<{s.url}>"
    return ["| The article | |", "|---|---|", f"| Title | {markdown_text(s.title)} |",
            f"| Author | {markdown_text(s.author)} |", f"| Publication | {markdown_text(s.publication)} |",
            f"| Date | {markdown_text(s.date)} |", f"| Link | {url} |", ""]


def _legend(d: Debate, page: str, builder: _Builder) -> str:
    rows = ["| Mark | Meaning |", "|---|---|",
            '| <span class="argmap-key argmap-key-supports">──▶</span> solid green arrow | supports |',
            '| <span class="argmap-key argmap-key-attacks">╌╌┤</span> dashed red line ending in a bar | attacks |',
            '| <span class="argmap-key argmap-key-undercuts">┈┈┤●</span> dotted orange line to a dot | '
            "undercuts: challenges the step from the premises at the dot to their conclusion |",
            "| ● where lines join | a linked support: the premises support the claim only together |",
            "| rounded box | a claim |", "| box with a folded corner | a piece of evidence the article cites |",
            "| IN, OUT, UNDECIDED on a box; solid, dotted or dashed border | the node's status (below) |",
            "| IMPLICIT on a box | an implicit premise: our reconstruction, not in the article |",
            "| thick border | the thesis (or, on a claim's page, that claim) |",
            "| dashed box with a number | that many more nodes, folded away: open it to see them |"]
    for i, p in enumerate(d.perspectives):
        rows.append(f'| <span class="argmap-swatch p{i % len(PERSPECTIVE_FILLS)}"></span> fill | '
                    f"{markdown_text(p.name)} |")
    return "\n".join(rows) + "\n\n" + STATUS_NOTE

