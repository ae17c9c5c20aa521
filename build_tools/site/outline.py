"""Outlines: each map told as a nested list, the text alternative for screen readers and phones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ..escape import markdown_text
from ..model import Debate, NodeKind
from ..vocabulary import MORE, SUPPORTS, UNDERCUTS
from .views import View

__all__ = ["outline"]

Link = Callable[[str], str]


def outline(debate: Debate, view: View, link: Link, fold_link: Link | None = None) -> str:
    """The view as a nested Markdown list: each claim, then what bears on it, indented.

    ``link(node_id)`` gives the Markdown link target of a node's page.
    """
    fold_link = fold_link or link
    children = _children(view)
    bears = {child for items in children.values() for child, _ in items}
    roots = [n for n in view.nodes if n not in bears] or list(view.nodes[:1])
    lines: list[str] = []
    seen: set[str] = set()
    for root in roots:
        _item(debate, root, "", 0, children, link, fold_link, seen, lines, view)
    for node in view.nodes:  # anything only reachable through a cycle
        if node not in seen:
            _item(debate, node, "", 0, children, link, fold_link, seen, lines, view)
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


def _item(debate, node_id, relation, depth, children, link, fold_link, seen, lines, view) -> None:
    indent = "    " * depth
    fold = next((f for f in view.folds if f.id == node_id), None)
    if fold is not None:
        lines.append(f"{indent}- [{len(fold.hidden)} more]({fold_link(fold.parent)})")
        return
    node = debate.nodes[node_id]
    prefix = _relation_words(debate, relation)
    kind = "evidence: " if node.kind is NodeKind.EVIDENCE else ""
    text = f"{indent}- {prefix}{kind}[{markdown_text(node.label)}]({link(node_id)})"
    if node_id in seen:
        lines.append(text + " (shown above)")
        return
    seen.add(node_id)
    lines.append(text)
    for child, child_relation in children.get(node_id, ()):
        _item(debate, child, child_relation, depth + 1, children, link, fold_link, seen, lines, view)


def _relation_words(debate: Debate, relation: str) -> str:
    if not relation:
        return ""
    kind, _, others = relation.partition("|")
    names = [markdown_text(debate.nodes[o].label) for o in others.split(",") if o]
    if kind == SUPPORTS.name:
        return f"*supports (together with {'; '.join(names)}):* " if names else "*supports:* "
    if kind == UNDERCUTS.name:
        return f"*undercuts the support from {'; '.join(names)}:* "
    return f"*{kind}:* "
