"""What speaks for a claim and against it, side by side: the pro/con view of a claim's page and of the home page."""

from __future__ import annotations

from ...escape import html_text
from ...model import Support
from ...status import LINKED
from ...vocabulary import WEIGHT_WORDS
from .common import PageContext

__all__ = ["for_and_against", "PROCON_ITEMS"]

PROCON_ITEMS = 3  # arguments shown in each column; the rest are listed further down the page
ANSWERS = 2  # answers shown under an objection


def for_and_against(ctx: PageContext, page: str, node_id: str, limit: int = PROCON_ITEMS, *,
                    on_its_page: bool = False) -> list[str]:
    """Two columns, For and Against: the supports and attacks into the node (and, for a position, its rivals),
    each premise with its outcome and an objection with its answers, heaviest first; an undercut shown on the
    reason it undercuts. What does not fit is listed further down ``page``, or on the node's own page."""
    g, me = ctx.analysis.graph, node_id
    issue = next((i for i in ctx.debate.issues if me in i.positions), None)
    rivals = [p for p in issue.positions if p != me] if issue else []
    pro = [(_weight(s.weighing), g.step_number[s.key], _step_item(ctx, page, s)
            + ("".join(_quote(ctx, p) for p in s.premises) if on_its_page else "")) for s in g.steps_into.get(me, ())]
    con = [(_weight(a.weighing), g.order[a.attacker], _item(ctx, page, (a.attacker,), a.weighing)
            + _answers(ctx, page, a.attacker, me)) for a in g.attacks_into.get(me, ()) if a.attacker not in rivals]
    con += [(2.0, g.order[r], "rival position: " + _badged(ctx, page, r) + (_quote(ctx, r) if on_its_page else "")
             + _for_rival(ctx, page, r, on_its_page) + _answers(ctx, page, r, me)) for r in rivals]  # rivals first
    if not pro and not con:
        return ["Nothing on the map supports or attacks it.", ""]
    html = ['<div class="argmap-procon">']
    for title, css, items in (("For it", "argmap-for", pro), ("Against it", "argmap-against", con)):
        items = [text for _, _, text in sorted(items, key=lambda item: (-item[0], item[1]))]
        shown = [f"<li>{text}</li>" for text in items[:limit]]
        if len(items) > limit:
            where = f"on {ctx.html_node_link(page, node_id)}" if on_its_page else "all listed below"
            shown.append(f'<li class="argmap-more">and {len(items) - limit} more, {where}</li>')
        html += [f'<section class="{css}">', f"<h2>{title}</h2>",
                 f"<ul>{''.join(shown)}</ul>" if shown else "<p>Nothing on the map.</p>", "</section>"]
    html.append("</div>")
    return ["".join(html), ""]


def _weight(weighing) -> float:
    return (weighing or LINKED).weight_for(None)


def _badged(ctx: PageContext, page: str, node_id: str) -> str:
    return ctx.badge(page, ctx.analysis.statuses[None][node_id].outcome, node_id) + " " + \
        ctx.html_node_link(page, node_id)


def _item(ctx: PageContext, page: str, premises, weighing) -> str:
    text = " <em>with</em> ".join(_badged(ctx, page, p) for p in premises)
    if weighing is not None:
        weight = weighing.weight_for(None)
        word = next((w for w, value in WEIGHT_WORDS.items() if value == weight), f"{weight:g}")
        text += f' <span class="argmap-weight">weighs {html_text(word)}</span>'
    return text


def _step_item(ctx: PageContext, page: str, step: Support) -> str:
    text = _item(ctx, page, step.premises, step.weighing)
    cuts = ctx.analysis.graph.cuts_of_step.get(step.key, ())
    if cuts:
        text += "<ul>" + "".join(f"<li>its step undercut by {_badged(ctx, page, c.undercutter)}</li>"
                                 for c in cuts) + "</ul>"
    return text


def _for_rival(ctx: PageContext, page: str, rival: str, quoted: bool = False) -> str:
    """The heaviest arguments for a rival position: in an issue, what weighs for a rival weighs against the node.
    ``quoted`` (a summary page): each premise in the article's words, and what it rests on in turn."""
    g = ctx.analysis.graph
    found = sorted(((_weight(s.weighing), g.step_number[s.key], s) for s in g.steps_into.get(rival, ())),
                   key=lambda item: (-item[0], item[1]))
    items = []
    for _, _, s in found[:ANSWERS]:
        text = f"for it: {_step_item(ctx, page, s)}"
        if quoted:
            text += "".join(_quote(ctx, p) for p in s.premises) + _because(ctx, page, s.premises)
        items.append(f"<li>{text}</li>")
    if len(found) > ANSWERS:
        items.append(f'<li class="argmap-more">and {len(found) - ANSWERS} more for it on its page</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _quote(ctx: PageContext, node_id: str) -> str:
    """The article's words for a node (its first quoted passage), or nothing."""
    found = ctx.analysis.passages_of.get(node_id, ())
    if not found:
        return ""
    text = " ".join((ctx.debate.source_text or "")[found[0].start:found[0].end].split())
    return f' <q class="argmap-q" title="the article\'s words">{html_text(text)}</q>'


def _because(ctx: PageContext, page: str, premises) -> str:
    """What each premise rests on: the heaviest argument into it, named (the precedent under a warning, say)."""
    g = ctx.analysis.graph
    items = []
    for premise in premises:
        steps = sorted(g.steps_into.get(premise, ()), key=lambda s: (-_weight(s.weighing), g.step_number[s.key]))
        if steps:
            items.append("because " + " <em>and</em> ".join(
                ctx.html_node_link(page, p) + _quote(ctx, p) for p in steps[0].premises))
    return f'<span class="argmap-because">{"; ".join(items)}</span>' if items else ""


def _answers(ctx: PageContext, page: str, objection: str, answered: str) -> str:
    """What attacks an objection (other than the claim it objects to), heaviest first: its answers."""
    g = ctx.analysis.graph
    found = sorted(((_weight(a.weighing), g.order[a.attacker], a) for a in g.attacks_into.get(objection, ())
                    if a.attacker != answered), key=lambda item: (-item[0], item[1]))
    items = [f"<li>answered by {_item(ctx, page, (a.attacker,), a.weighing)}</li>" for _, _, a in found[:ANSWERS]]
    if len(found) > ANSWERS:
        items.append(f'<li class="argmap-more">and {len(found) - ANSWERS} more answers on its page</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""
