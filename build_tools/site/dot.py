"""DOT: a view written as Graphviz text, every piece of user text escaped.

Node ids in DOT are generated (``n0``, ``n1``...), never taken from user text, and no
Graphviz attribute comes from YAML. Colours in the DOT are the light-mode ones, so that
PNG and PDF exports read well on paper; on the site, CSS classes override them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..escape import dot_label, dot_string, url_path
from ..model import Debate, Node, NodeKind
from ..status import Status
from ..vocabulary import (
    ARGUMENT_FILL,
    OUTCOMES,
    PERSPECTIVE_FILLS,
    UNCLASSIFIED_FILL,
    UNDERCUTS,
    Outcome,
    drawn,
    perspective_fills,
    status_class,
)
from .views import View

__all__ = ["to_dot", "perspective_class", "preview_dot"]

# A node with more than this many arrows into it gets them on staggered ranks (as Graphviz's
# `unflatten` does), so that a wide fan of reasons becomes rows instead of one long line.
FAN_OUT = 4
STAGGER = 3
Link = Callable[[str], str]


def perspective_class(index: int) -> str:
    """The CSS class of the fill of the ``index``-th perspective (the palette repeats).

    >>> perspective_class(0), perspective_class(9)
    ('p0', 'p1')
    """
    return f"p{index % len(PERSPECTIVE_FILLS)}"


_BACKGROUND = ' bgcolor="transparent";'
# A preview image: on white (a shared link's card may be dark or light), at most 1200 x 624 px at 96 dpi.
_PREVIEW = ' bgcolor="white"; size="12.5,6.5"; dpi="96"; pad="0.25";'


def preview_dot(dot: str) -> str:
    r"""The DOT of a map's preview image (what a link shared to its page shows), from the map's own DOT.

    >>> preview_dot('digraph "m" {\n  rankdir="BT"; bgcolor="transparent";\n}').splitlines()[1]
    '  rankdir="BT"; bgcolor="white"; size="12.5,6.5"; dpi="96"; pad="0.25";'
    """
    if _BACKGROUND not in dot:
        raise ValueError("not a map's DOT from to_dot")
    return dot.replace(_BACKGROUND, _PREVIEW, 1)


def to_dot(debate: Debate, view: View, link: Link, fold_link: Link | None = None,
           statuses: Mapping[str, Status] | None = None) -> str:
    """The DOT text of ``view``; ``link(node_id)`` gives the relative URL of a node's page.

    ``fold_link(parent_id)`` gives the URL an 'N more' node leads to (default: the parent's page).
    With ``statuses``, each box carries its status as a word, a border style and a CSS class.
    """
    fold_link = fold_link or link
    names = {node_id: f"n{i}" for i, node_id in enumerate(view.nodes)}
    names.update({fold.id: f"f{i}" for i, fold in enumerate(view.folds)})
    prefix = view.id
    lines = [
        f"digraph {dot_string(prefix)} {{",
        f"  id={dot_string(prefix)};",
        f'  rankdir="BT"; newrank="true"; nodesep="0.25"; ranksep="0.45";{_BACKGROUND}',
        '  node [shape="box" style="rounded,filled" fontname="Helvetica,Arial,sans-serif" fontsize="11"'
        ' margin="0.12,0.06" color="#424242" fontcolor="#000000" penwidth="1"];',
        '  edge [fontname="Helvetica,Arial,sans-serif" fontsize="9" arrowsize="0.8"];',
    ]
    order = perspective_fills(debate.perspectives)  # by each voice's part: a colour means the same in every debate
    fills = {p: PERSPECTIVE_FILLS[i] for p, i in order.items()}
    classes = {p: perspective_class(i) for p, i in order.items()}
    for node_id in view.nodes:
        node = debate.nodes[node_id]
        status = OUTCOMES[statuses[node_id].outcome] if statuses else None
        lines.append(_node(node, names[node_id], prefix, link(node_id), fills, classes, view, debate.thesis, status))
    for fold in view.folds:
        count = len(fold.hidden)
        parent = debate.nodes[fold.parent].label
        lines.append(
            f"  {names[fold.id]} [id={dot_string(f'{prefix}-{names[fold.id]}')} class=\"fold\" shape=\"box\""
            f' style="rounded,dashed" fillcolor="#ffffff" label={dot_label(f"{count} more, on its page")}'
            f" tooltip={dot_string(f'{count} more bearing on “{parent}”: open its page, whose map shows them')}"
            f" URL={dot_string(url_path(fold_link(fold.parent)))} target=\"_top\"];"
        )
    minlen = _staggered(view, names)
    for i, step in enumerate(view.steps):
        junction = f"j{i}"
        lines.append(f'  {junction} [id={dot_string(f"{prefix}-{junction}")} class="junction" shape="point"'
                     f' width="0.09" style="filled" fillcolor="#424242" label=""];')
        for premise in step.premises:
            lines.append(_edge(names[premise], junction, step.relation, prefix, f"{step.id}-{premise}", head=False))
        lines.append(_edge(junction, names[step.conclusion], step.relation, prefix, f"{step.id}-to",
                           minlen=minlen.get((junction, names[step.conclusion]), 1)))
        for cutter in step.undercutters:
            lines.append(_edge(names[cutter], junction, UNDERCUTS.name, prefix, f"{step.id}-cut-{cutter}"))
    for i, edge in enumerate(view.edges):
        pair = (names[edge.source], names[edge.target])
        lines.append(_edge(*pair, edge.relation, prefix, f"e{i}", minlen=minlen.get(pair, 1)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(node: Node, name: str, prefix: str, url: str, fills, classes, view: View, thesis: str,
          status: Outcome | None) -> str:
    css = [node.kind.value, f"nid-{node.id}"]  # ids are [a-z0-9-]: safe as a class name
    css.append(classes.get(node.perspective, "unclassified"))
    if node.role:
        css.append(f"role-{node.role}")
    if node.implicit:
        css.append("implicit")
    if node.id == view.focus:
        css.append("focus")
    if node.id in view.context:
        css.append("context")
    style = ["filled"]
    style.append("" if node.kind is NodeKind.EVIDENCE else "rounded")
    if status:  # status is told by a word on the box and by its border, not by colour alone
        css += [status_class(status.label), status.css]
        style.append(status.border)
    elif node.implicit:
        style.append("dashed")
    if node.id == thesis or node.id == view.focus:
        style.append("bold")
    shape = "note" if node.kind is NodeKind.EVIDENCE else "box"
    argument = node.kind is NodeKind.ARGUMENT
    fill = ARGUMENT_FILL if argument else fills.get(node.perspective, UNCLASSIFIED_FILL)
    width = 22 if node.kind is NodeKind.EVIDENCE else 26
    penwidth = "2.2" if node.id in (thesis, view.focus) else "1"
    return (
        f"  {name} [id={dot_string(f'{prefix}-{name}')} class={dot_string(' '.join(css))} shape=\"{shape}\""
        f" style={dot_string(','.join(s for s in style if s))} fillcolor=\"{fill}\" penwidth=\"{penwidth}\""
        + (' peripheries="2"' if argument else "") +
        f" label={_label(node.label, width, status, node.implicit, argument)} tooltip={dot_string(node.statement)}"
        f" URL={dot_string(url_path(url))} target=\"_top\"];"
    )


def _label(text: str, width: int, status: Outcome | None, implicit: bool, argument: bool = False) -> str:
    label = dot_label(text, width)
    if not status and not argument:
        return label
    badge = " · ".join(["ARGUMENT"] * argument + ["IMPLICIT"] * implicit + ([status.badge] if status else []))
    return f'"{badge}\\n{label[1:]}'


def _staggered(view: View, names: dict[str, str]) -> dict[tuple[str, str], int]:
    """Rank lengths for the arrows into a wide fan: 1, 2, 3, 1, 2, 3..., leaves first."""
    into: dict[str, list[str]] = {}
    for i, step in enumerate(view.steps):
        into.setdefault(names[step.conclusion], []).append(f"j{i}")
    for edge in view.edges:
        into.setdefault(names[edge.target], []).append(names[edge.source])
    minlen = {}
    for target, sources in into.items():
        if len(sources) > FAN_OUT:
            for i, source in enumerate(sources):
                minlen[(source, target)] = 1 + i % STAGGER
    return minlen


def _edge(source: str, target: str, relation: str, prefix: str, suffix: str, head: bool = True,
          minlen: int = 1) -> str:
    kind = drawn(relation)
    style = kind.dot_style if head else 'style="solid" arrowhead="none"'
    rank = f' minlen="{minlen}"' if minlen != 1 else ""
    return (f"  {source} -> {target} [id={dot_string(f'{prefix}-{suffix}')} class=\"{relation}\""
            f" color=\"{kind.colour}\" {style}{rank}];")
