"""Weighing functions: how much an argument weighs, given the labels of its premises (Carneades' CAES).

An argument is a support step (its premises and conclusion) or, for a position of an issue,
an attack (its one premise, the attacker, against the position). Each function gives a
weight in [0, 1]:

- ``linked``: the argument's weight (1 unless given) if every premise is in, else 0;
- ``convergent``: that weight if some premise is in, else 0;
- ``cumulative``: the share of premises that are in;
- ``factorized``: 0 if a premise is out; else the premises in, divided by the distinct
  premises of all arguments for all positions of the conclusion's issue;
- ``constant``: its weight if every premise is in, else 0 (the same as a weighted linked);
- ``criteria``: hard criteria (premises that must not be out) and soft ones, each a factor
  and a score for each value the argument's premises give;
- ``preference``: arguments for the positions of an issue ranked by their properties.

The functions are pure; :mod:`build_tools.status` decides when an argument is applicable
(no premise undecided) and what the weights decide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Weighing
from .vocabulary import Label

__all__ = ["Argument", "weigh", "FUNCTIONS"]

@dataclass(frozen=True)
class Argument:
    """One argument as the weighing sees it: its premises, its conclusion and its weighing."""

    key: object  # what identifies it (a support step's key, or an attack)
    premises: tuple[str, ...]
    conclusion: str
    weighing: Weighing


@dataclass(frozen=True)
class Context:
    """What some functions need beyond the argument: the labels, the issue's arguments, the perspective."""

    labels: Mapping[str, Label]
    issue_arguments: Sequence[Argument]  # every argument for every position of the conclusion's issue
    positions_of: Callable[[str], Sequence[str]]  # the positions of the issue a statement belongs to
    perspective: str | None
    criterion_of: Callable[[str], tuple[str, str] | None] = lambda node: None  # the (name, value) a node gives
    # What the issue's arguments give every one of them (the factorized share's denominator, the preference
    # ranks), worked out once per context, not once per argument: weighing an issue stays linear in its size.
    _once: dict = field(default_factory=dict, compare=False, repr=False)

    def once(self, name: str, make: Callable[[], object]):
        if name not in self._once:
            self._once[name] = make()
        return self._once[name]


def weigh(argument: Argument, context: Context) -> float:
    """The argument's weight in [0, 1] under its weighing function."""
    return FUNCTIONS[argument.weighing.function](argument, context)


def _in(context: Context, node: str) -> bool:
    return context.labels[node] is Label.IN


def _linked(argument: Argument, context: Context) -> float:
    held = all(_in(context, p) for p in argument.premises)
    return argument.weighing.weight_for(context.perspective) if held else 0.0


def _convergent(argument: Argument, context: Context) -> float:
    held = any(_in(context, p) for p in argument.premises)
    return argument.weighing.weight_for(context.perspective) if held else 0.0


def _cumulative(argument: Argument, context: Context) -> float:
    if not argument.premises:
        return 0.0
    return sum(_in(context, p) for p in argument.premises) / len(argument.premises)


def _factorized(argument: Argument, context: Context) -> float:
    if any(context.labels[p] is Label.OUT for p in argument.premises):
        return 0.0
    every = context.once("premises", lambda: len({p for a in context.issue_arguments for p in a.premises}))
    every = every or len(set(argument.premises))
    return sum(_in(context, p) for p in argument.premises) / every if every else 0.0


def _criteria(argument: Argument, context: Context) -> float:
    criteria = argument.weighing.criteria or {}
    for index in criteria.get("hard", ()):
        if context.labels[argument.premises[index]] is Label.OUT:
            return 0.0
    soft = criteria.get("soft", {})
    total = sum(spec["factor"] for spec in soft.values())
    if not total:
        return 0.0
    weight = 0.0
    for name, spec in soft.items():
        value = _criterion_value(argument, context, name)
        if value is None:
            return 0.0
        weight += spec["factor"] / total * spec["values"].get(value, 0.0)
    return weight


def _criterion_value(argument: Argument, context: Context, name: str) -> str | None:
    """The value the argument gives a criterion: from its premise that gives that criterion a value
    (its ``criterion``), or, if that premise is not in, from whichever position of that premise's
    issue is in."""
    for premise in argument.premises:
        given = context.criterion_of(premise)
        if not given or given[0] != name:
            continue
        candidates = [premise] if _in(context, premise) else [
            p for p in context.positions_of(premise) if _in(context, p)]
        for candidate in candidates:
            found = context.criterion_of(candidate)
            if found and found[0] == name:
                return found[1]
    return None


def _preference(argument: Argument, context: Context) -> float:
    if not all(_in(context, p) for p in argument.premises):
        return 0.0
    items = argument.weighing.preference
    key = repr(items)  # the ranking by this argument's preference: every argument of the issue, by its properties
    ranked = context.once(f"ranks {key}", lambda: sorted({_rank(a, items) for a in context.issue_arguments}))
    if not context.positions_of(argument.conclusion) or not ranked:
        return 1.0
    mine = _rank(argument, items)
    place = context.once(f"places {key}", lambda: {rank: i for i, rank in enumerate(ranked)}).get(mine)
    if place is None:  # an argument against ranks among them too
        ranks = sorted({*ranked, mine})
        return (ranks.index(mine) + 1) / len(ranks)
    return (place + 1) / len(ranked)


def _rank(argument: Argument, items: Sequence[Mapping] | None = None) -> tuple:
    """An argument's place by the properties a preference names (``items``, by default its own), first property
    first. Carneades ranks every argument of the issue so, whatever its weighing function; an argument without a
    property the preference names ranks below every argument with it (the checker reports a preference argument
    without its own)."""
    key = []
    for item in argument.weighing.preference if items is None else items:
        value = argument.weighing.properties.get(item["property"])
        order = item["order"]
        if isinstance(order, list):
            key.append((1, order.index(value) if value in order else -1))
        elif not isinstance(value, str):
            key.append((0,))
        elif order == "ascending":
            key.append((1, value))
        else:  # descending: lower values are stronger
            key.append((1, _Reversed(value)))
    return tuple(key)


class _Reversed:
    """A value that sorts the other way round."""

    def __init__(self, value) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


FUNCTIONS: dict[str, Callable[[Argument, Context], float]] = {
    "linked": _linked, "constant": _linked, "convergent": _convergent, "cumulative": _cumulative,
    "factorized": _factorized, "criteria": _criteria, "preference": _preference,
}
