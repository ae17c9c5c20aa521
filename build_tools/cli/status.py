"""``argmap status``: every node in, out or undecided, with the reason; a what-if with --grant and --reject."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from ..prose import explain
from ..status import COMPUTED_WEIGHTS, SHORT_CYCLE, Status, evaluate_from
from ..text import visible
from ..vocabulary import WEIGHT_WORDS, Label
from .common import CommandFailed, checked_debate, debate_options, known_nodes, known_perspective


def register(commands) -> None:
    status = commands.add_parser(
        "status",
        help="label every node in, out or undecided, with the reason",
        description="Evaluate the debate under grounded semantics (with support and undercut) and print "
                    "each node's label and the reason, one a line. The labels follow from the map's own "
                    "premises and relations, not from the truth of the claims.",
    )
    debate_options(status)
    status.add_argument("--perspective", metavar="P",
                        help="grant only the evidence and this perspective's unsupported claims")
    status.add_argument("--grant", nargs="+", action="extend", default=[], metavar="ID",
                        help="what if these nodes were granted (may be repeated)")
    status.add_argument("--reject", nargs="+", action="extend", default=[], metavar="ID",
                        help="what if these nodes were rejected (may be repeated)")
    status.add_argument("--weight", action="append", default=[], metavar="FROM>TO=WEIGHT",
                        help="what if the argument from FROM (a premise or an attacker) to TO weighed WEIGHT "
                             "(low, medium, high or a number from 0 to 1); may be repeated")
    status.add_argument("--sensitivity", action="store_true",
                        help="how fragile each headline outcome is: for the thesis and every position of an issue, "
                             "the single changes that flip it (an open condition granted or rejected, a premise "
                             "rejected, a weight moved one step)")
    status.add_argument("--format", choices=["text", "json"], default="text")
    status.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with checked_debate(args) as (analysis, single):
        return _run(args, analysis, single)


def _run(args: argparse.Namespace, analysis, single: bool) -> int:
    known_nodes(analysis, (*args.grant, *args.reject))
    known_perspective(analysis, args.perspective)
    weights = dict(_weight(analysis, text) for text in args.weight)
    if args.sensitivity:
        return _sensitivity(analysis, args, weights)
    if args.grant or args.reject or weights:
        result = evaluate_from(analysis.debate, analysis.graph, args.perspective, grant=args.grant,
                               reject=args.reject, weights=weights)
    else:
        result = analysis.statuses[args.perspective]
    if args.format == "json":
        sys.stdout.write(_as_json(result))
        return 0
    width = max(len(n) for n in result)
    for node_id, status in result.items():
        print(f"{status.label.value:<9} {status.outcome:<15} {node_id:<{width}}  {explain(status)}")
    counts = Counter(s.label for s in result.values())
    print(f"status: {counts[Label.IN]} in, {counts[Label.OUT]} out, {counts[Label.UNDECIDED]} undecided")
    return 0


def _sensitivity(analysis, args: argparse.Namespace, weights: dict) -> int:
    from ..sensitivity import sensitivity  # only this option needs it

    found = sensitivity(analysis.debate, analysis.graph, args.perspective, grant=args.grant, reject=args.reject,
                        weights=weights)
    statuses = evaluate_from(analysis.debate, analysis.graph, args.perspective, grant=args.grant,
                             reject=args.reject, weights=weights)
    if args.format == "json":
        sys.stdout.write(json.dumps({target: {"outcome": statuses[target].outcome, "flips": [
            {"change": f.change, "node": f.node, "to": f.to, "weight_from": f.weight_from, "weight_to": f.weight_to,
             "after": f.after, "words": f.words()} for f in flips]} for target, flips in found.items()}, indent=2) + "\n")
        return 0
    for target, flips in found.items():
        if not flips:
            print(visible(f"{target} ({statuses[target].outcome}): no single change flips it"))
            continue
        print(visible(f"{target} ({statuses[target].outcome}): turns"))
        for f in flips:
            print(visible(f"  {f.after} {f.words()}"))
    return 0


def _weight(analysis, text: str) -> tuple[tuple[str, str], float]:
    """``FROM>TO=WEIGHT`` as ((from, to), weight), for an argument the debate has."""
    edge, _, value = text.partition("=")
    source, _, target = edge.partition(">")
    if not (source and target and value):
        raise CommandFailed(f"--weight {text!r}: write FROM>TO=WEIGHT, e.g. --weight risk-a>verdict=low")
    known_nodes(analysis, (source, target))
    g = analysis.graph
    if not (any(target == s.conclusion for s in g.steps_from.get(source, ()))
            or any(target == a.target for a in g.attacks_from.get(source, ()))):
        raise CommandFailed(f"--weight {text!r}: '{source}' neither supports nor attacks '{target}'")
    try:
        weight = WEIGHT_WORDS[value] if value in WEIGHT_WORDS else float(value)
    except ValueError:
        weight = -1.0
    if not 0 <= weight <= 1:
        raise CommandFailed(f"--weight {text!r}: the weight is low, medium, high or a number from 0 to 1")
    computed = [s.weighing.function for s in g.steps_from.get(source, ()) if s.conclusion == target
                and s.weighing is not None and s.weighing.function in COMPUTED_WEIGHTS]
    if computed:
        print(visible(f"argmap: warning: --weight {text}: the argument from '{source}' to '{target}' is weighed by "
                      f"its {computed[0]} function, which computes its weight itself: the weight given is not used"),
              file=sys.stderr)
    return (source, target), weight


def _as_json(result: dict[str, Status]) -> str:
    return json.dumps({
        node_id: {
            "label": s.label.value, "outcome": s.outcome, "rule": s.rule, "granted_by": s.granted_by,
            "rests_on": list(s.rests_on),
            "steps": [{"premises": list(x.step.premises), "label": x.label.value,
                       "premises_out": list(x.premises_out), "undercutters_in": list(x.undercutters_in),
                       "waiting": list(x.waiting)} for x in s.steps],
            # a long cycle is given by its length and its first members, not in full for each of its nodes
            "cycle": list(s.cycle[:SHORT_CYCLE + 1]), "cycle_length": max(len(s.cycle) - 1, 0), "reason": explain(s),
            "decision": None if s.decision is None else {
                "issue": s.decision.issue, "standard": s.decision.standard, "winner": s.decision.winner,
                "strength": s.decision.strength, "against": s.decision.against,
                "strongest": {p: list(ids) for p, ids in s.decision.strongest.items()},
                "strongest_against": {p: list(ids) for p, ids in s.decision.strongest_against.items()},
                "as_heavy": s.decision.as_heavy, "as_heavy_against": s.decision.as_heavy_against},
        } for node_id, s in result.items()
    }, indent=2) + "\n"
