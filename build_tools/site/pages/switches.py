"""The open conditions as switches: where a verdict waits on conditions the map leaves open (the home page's
questions, a position's page), each condition is a three-way control (holds, fails, unknown) that the
browser's what-if reads and writes (docs/assets/argmap-whatif.js): the verdict sentence and every badge of the
page follow at once, the state goes in the address and along every link of the debate. Without scripts the
block is hidden and the page's sentences say what settling the conditions gives."""

from __future__ import annotations

from ...escape import html_text
from ...vocabulary import OUTCOMES
from ..urls import relative_file_url
from .common import PageContext

__all__ = ["switches"]


def switches(ctx: PageContext, page: str, positions: tuple[str, ...] | list[str]) -> str:
    """The switches of the debate's open conditions, and a verdict line for ``positions`` (as the map stands,
    rewritten by the browser as the reader settles the conditions). "" when nothing is open."""
    conditions = ctx.analysis.open_conditions
    if not conditions:
        return ""
    statuses = ctx.analysis.statuses[None]
    graph = relative_file_url(page, ctx.layout.graph, ctx.directory_urls)
    rows = []
    for node_id in conditions:
        name = f"argmap-switch-{node_id}"
        choices = "".join(
            f'<label><input type="radio" name="{name}" value="{value}"{" checked" if value == "unknown" else ""}> '
            f"{words}</label>" for value, words in (("holds", "holds"), ("fails", "fails"), ("unknown", "not settled")))
        rows.append(f'<fieldset class="argmap-switch" data-node="{html_text(node_id)}"><legend>'
                    f"{ctx.html_node_link(page, node_id)}</legend>{choices}"
                    f'<span class="argmap-switch-follows" aria-live="polite"></span></fieldset>')
    verdict = "; ".join(
        f'{ctx.html_node_link(page, p)}: <span class="argmap-verdict-word" data-node="{html_text(p)}">'
        f"{html_text(OUTCOMES[statuses[p].outcome].word)}</span>" for p in positions)
    return (f'<div class="argmap-switches" data-graph="{html_text(graph)}" hidden>'
            "<p><strong>Settle the conditions yourself</strong> (one click each; the address keeps your choice "
            "as you follow links):</p>"
            + "".join(rows)
            + f'<p class="argmap-verdict" aria-live="polite">Then: {verdict}.</p>'
            '<button type="button" class="md-button argmap-switches-reset">Back to the map as it stands</button>'
            "</div>")
