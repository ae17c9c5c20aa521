"""The what-if's data: what the browser needs to relabel a map as a reader rejects or grants nodes.

``graph.json`` (its JSON Schema is ``schemas/graph.schema.json``) carries the relations, the
premises each perspective grants, and the rule that gave each node its status in the build
(its label and outcome follow from the rule), as the map stands and under each perspective.
The browser (``argmap-status.js``) evaluates only what a reader changes, and warns when its
own evaluation of the unchanged map disagrees with these rules.
"""

from __future__ import annotations

from ..analysis import Analysis
from ..model import Node, Weighing
from ..status import granted_by_default, perspective_disputes, perspective_grants
from ..vocabulary import OUTCOMES, RELATIONS, RULE_OUTCOMES, WEIGHT_WORDS
from .lenses import lens_data

__all__ = ["graph_data", "weighing_data", "MAP_AS_IT_STANDS"]

MAP_AS_IT_STANDS = ""  # the key of the rules as the map stands, beside the perspectives' ids


def graph_data(analysis: Analysis) -> dict:
    """The JSON of ``graph.json`` for one debate."""
    debate, graph = analysis.debate, analysis.graph
    default = granted_by_default(debate, graph)
    return {
        "debate": debate.id,
        "nodes": {node.id: _node(node, node.id in default) for node in debate.nodes.values()},
        "perspectives": {p.id: sorted(perspective_grants(debate, graph, p.id)) for p in debate.perspectives},
        # what each voice disputes: out from its premises (status.perspective_disputes)
        "disputes": {p.id: list(perspective_disputes(debate, p.id)) for p in debate.perspectives if p.disputes},
        "steps": [
            {"premises": list(step.premises), "conclusion": step.conclusion,
             "undercutters": sorted(c.undercutter for c in graph.cuts_of_step.get(step.key, ())),
             "weighing": weighing_data(step.weighing)}
            for step in debate.supports
        ],
        "attacks": [[a.attacker, a.target, weighing_data(a.weighing), a.kind] for a in debate.attacks],
        # the relations whose two ends move together in a what-if: kind -> whether exactly one end is true
        "opposites": {r.name: r.exactly_one for r in RELATIONS.values() if r.symmetric},
        "issues": [{"id": i.id, "positions": list(i.positions), "standard": i.standard} for i in debate.issues],
        "outcomes": {rule: _outcome(word) for rule, word in RULE_OUTCOMES.items()},
        "weight_words": dict(WEIGHT_WORDS),
        "rules": {
            (MAP_AS_IT_STANDS if key is None else key): {node_id: s.rule for node_id, s in statuses.items()}
            for key, statuses in analysis.statuses.items()
        },
        "lenses": lens_data(analysis),
    }


def _node(node: Node, granted: bool) -> dict:
    data = {"granted": granted, "label": node.label, "open": node.open}
    if node.criterion:
        data["criterion"] = list(node.criterion)
    if node.requires:
        data["requires"] = list(node.requires)
    return data


def _outcome(word: str) -> dict:
    outcome = OUTCOMES[word]
    return {"word": word, "label": outcome.label.value, "badge": outcome.badge, "css": outcome.css}


def weighing_data(weighing: Weighing | None) -> dict | None:
    """A weighing as the browser's evaluator reads it (None: linked, weight 1)."""
    return None if weighing is None else weighing.as_dict()
