"""Outlines: each map told as a nested list, the text alternative for screen readers and phones.

The list is written as HTML, every text escaped and every link a final URL: Python-Markdown passes it
through as it is (it has nothing to add, and parsing thousands of generated list items and links was
most of a big site's build). It is kept out of the search index, which would otherwise find every
claim on every page whose map shows it; each claim is found on its own page and in the indexes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..escape import html_text
from ..model import Debate, NodeKind
from ..vocabulary import MORE, RELATIONS, SUPPORTS, UNDERCUTS, drawn
from .views import View

__all__ = ["outline"]

Link = Callable[[str], str]


MAX_DEPTH = 12  # deeper levels of an outline are left to the pages of the nodes at this depth


def outline(debate: Debate, view: View, link: Link, fold_link: Link | None = None) -> str:
    """The view as a nested HTML list: each claim, then what bears on it, one level down.

    ``link(node_id)`` gives the URL of a node's page, relative to the page the list is on. The
    list is built without recursion and nests at most :data:`MAX_DEPTH` levels, whatever the
    map's depth.
    """
    fold_link = fold_link or link
    children = _children(view)
    bears = {child for items in children.values() for child, _ in items}
    roots = [n for n in view.nodes if n not in bears] or list(view.nodes[:1])
    lines: list[tuple[int, str]] = []
    seen: set[str] = set()
    folds = {f.id: f for f in view.folds}
    for root in [*roots, *view.nodes]:  # then anything only reachable through a cycle
        if root in seen:
            continue
        stack = [(root, "", 0)]
        while stack:
            node_id, relation, depth = stack.pop()
            below = _item(debate, node_id, relation, depth, link, fold_link, seen, lines, folds)
            if below and depth + 1 >= MAX_DEPTH and children.get(node_id):
                lines.append((depth + 1, f'what bears on it is on <a href="{html_text(link(node_id))}">its page</a>'))
            elif below:
                stack.extend((child, kind, depth + 1) for child, kind in reversed(children.get(node_id, ())))
    return _nested(lines)


def _nested(items: list[tuple[int, str]]) -> str:
    """``(depth, HTML)`` items, each at most one level deeper than the one before, as nested lists."""
    out: list[str] = []
    depth = -1
    for level, content in items:
        if level > depth:
            out.append("<ul>")
            depth += 1
        else:
            out.append("</li>")
            while depth > level:
                out.append("</ul></li>")
                depth -= 1
        out.append(f"<li>{content}")
    if depth >= 0:
        out.append("</li>")
    while depth > 0:
        out.append("</ul></li>")
        depth -= 1
    if items:
        out.append("</ul>")
    return "\n".join(out) + "\n"


def _children(view: View) -> dict[str, list[tuple[str, str]]]:
    items: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for edge in view.edges:
        if edge.relation != MORE.name:
            items[edge.target].append((edge.source, edge.relation))
    for step in view.steps:
        for premise in step.premises:
            others = [p for p in step.premises if p != premise]
            items[step.conclusion].append((premise, f"{step.relation}|" + ",".join(others)))
        for cutter in step.undercutters:
            items[step.conclusion].append((cutter, f"{UNDERCUTS.name}|" + ",".join(step.premises)))
    for fold in view.folds:
        items[fold.parent].append((fold.id, MORE.name))
    return items


def _item(debate, node_id, relation, depth, link, fold_link, seen, lines, folds) -> bool:
    """Write one item; True when what bears on it is to be listed below it."""
    fold = folds.get(node_id)
    if fold is not None:
        lines.append((depth, f'<a href="{html_text(fold_link(fold.parent))}">{len(fold.hidden)} more</a>'))
        return False
    node = debate.nodes[node_id]
    prefix = _relation_words(debate, relation)
    kind = "evidence: " if node.kind is NodeKind.EVIDENCE else ""
    text = f'{prefix}{kind}<a href="{html_text(link(node_id))}">{html_text(node.label)}</a>'
    if node_id in seen:
        lines.append((depth, text + " (shown above)"))
        return False
    seen.add(node_id)
    lines.append((depth, text))
    return True


def _relation_words(debate: Debate, relation: str) -> str:
    if not relation:
        return ""
    kind, _, others = relation.partition("|")
    names = [html_text(debate.nodes[o].label) for o in others.split(",") if o]
    # an item under X reads as a sentence about X: "supported by Y", "attacked by Z"
    if kind in RELATIONS and RELATIONS[kind].acts_as == SUPPORTS.name:
        reads = html_text(RELATIONS[kind].reads)
        return f"<em>{reads} (together with {'; '.join(names)}):</em> " if names else f"<em>{reads}:</em> "
    if kind == UNDERCUTS.name and names:
        return f"<em>its support from {'; '.join(names)} undercut by:</em> "
    if kind == UNDERCUTS.name:  # a named argument, undercut as a whole
        return "<em>undercut by:</em> "
    return f"<em>{html_text(drawn(kind).reads)}:</em> "
