"""Outlines: each map told as a nested list, the text alternative for screen readers and phones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..escape import markdown_text
from ..model import Debate, NodeKind
from ..vocabulary import MORE, RELATIONS, SUPPORTS, UNDERCUTS
from .views import View

__all__ = ["outline"]

Link = Callable[[str], str]


MAX_DEPTH = 12  # deeper levels of an outline are left to the pages of the nodes at this depth


def outline(debate: Debate, view: View, link: Link, fold_link: Link | None = None) -> str:
    """The view as a nested Markdown list: each claim, then what bears on it, indented.

    ``link(node_id)`` gives the Markdown link target of a node's page. The list is built
    without recursion and nests at most :data:`MAX_DEPTH` levels, whatever the map's depth.
    """
    fold_link = fold_link or link
    children = _children(view)
    bears = {child for items in children.values() for child, _ in items}
    roots = [n for n in view.nodes if n not in bears] or list(view.nodes[:1])
    lines: list[str] = []
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
                lines.append(f"{'    ' * (depth + 1)}- what bears on it is on [its page]({link(node_id)})")
            elif below:
                stack.extend((child, kind, depth + 1) for child, kind in reversed(children.get(node_id, ())))
    return "\n".join(lines) + "\n"


def _children(view: View) -> dict[str, list[tuple[str, str]]]:
    items: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for edge in view.edges:
        if edge.relation != MORE.name:
            items[edge.target].append((edge.source, edge.relation))
    for step in view.steps:
        for premise in step.premises:
            others = [p for p in step.premises if p != premise]
            items[step.conclusion].append((premise, f"{SUPPORTS.name}|" + ",".join(others)))
        for cutter in step.undercutters:
            items[step.conclusion].append((cutter, f"{UNDERCUTS.name}|" + ",".join(step.premises)))
    for fold in view.folds:
        items[fold.parent].append((fold.id, MORE.name))
    return items


def _item(debate, node_id, relation, depth, link, fold_link, seen, lines, folds) -> bool:
    """Write one item; True when what bears on it is to be listed below it."""
    indent = "    " * depth
    fold = folds.get(node_id)
    if fold is not None:
        lines.append(f"{indent}- [{len(fold.hidden)} more]({fold_link(fold.parent)})")
        return False
    node = debate.nodes[node_id]
    prefix = _relation_words(debate, relation)
    kind = "evidence: " if node.kind is NodeKind.EVIDENCE else ""
    text = f"{indent}- {prefix}{kind}[{markdown_text(node.label)}]({link(node_id)})"
    if node_id in seen:
        lines.append(text + " (shown above)")
        return False
    seen.add(node_id)
    lines.append(text)
    return True


def _relation_words(debate: Debate, relation: str) -> str:
    if not relation:
        return ""
    kind, _, others = relation.partition("|")
    names = [markdown_text(debate.nodes[o].label) for o in others.split(",") if o]
    # an item under X reads as a sentence about X: "supported by Y", "attacked by Z"
    if kind == SUPPORTS.name:
        return f"*supported by (together with {'; '.join(names)}):* " if names else f"*{SUPPORTS.reads}:* "
    if kind == UNDERCUTS.name:
        return f"*its support from {'; '.join(names)} undercut by:* "
    return f"*{RELATIONS[kind].reads}:* "
