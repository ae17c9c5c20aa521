"""Argument status: which nodes stand (in), fall (out) or stay undecided, and why.

Grounded, sceptical semantics (Dung's grounded labelling, extended to support and undercut
as in abstract dialectical frameworks):

- Granted by default: every piece of evidence and every claim with no incoming support; a
  node's ``assumed`` field overrides this; a perspective or a what-if changes the set.
- A support step is *in* when all its premises are in and every node undercutting it is
  out; *out* when a premise is out or an undercutter is in.
- A node is *in* when it is granted or has a step that is in, and every attacker is out;
  *out* when an attacker is in, or when it is not granted and every step into it is out
  (a node with no step into it and not granted is out: not established).
- Everything else is *undecided*: start with every node undecided and apply the rules until
  nothing changes.

Positions of an *issue* are decided by weighing instead (Carneades' CAES): each support
step into a position is an argument for it, each attack into it an argument against it,
weighed by its weighing function (:mod:`build_tools.weighing`). An argument is applicable
when an undercutter of it is in (it then weighs 0), or when none is and no premise is
undecided; a criteria argument whose premise is not in reads its value from the position of
that premise's issue that is in, so it waits until that issue is decided. A position is out
when every argument for it is applicable and weighs 0; once every argument for and against
every position of the issue is applicable, the issue is weighed, once for all its positions:
the position whose strongest argument beats the strongest for every rival, and the strongest
against it, under the issue's proof standard, is in, and the others are out (all are out when
none wins). A granted position is in and its rivals out; a position a what-if rejects is out
and weighs nothing in its issue (it can neither win nor stand in a rival's way). Open
conditions stay undecided unless a perspective or a what-if grants or rejects them.

One rule decides earlier than CAES: an argument that needs every premise (linked, constant,
preference) weighs 0 as soon as one premise is out, where CAES waits for its other premises
too. It never turns a label CAES gives: such an argument weighs 0 in CAES as well, once it is
applicable; the labels it settles sooner are the ones CAES reaches later.

Each node is looked at again only when something it depends on changes, each issue is weighed
once and each cycle is walked once: the evaluation is linear in the size of the debate.

The labels follow from the map's own premises and relations; they are not a verdict on the
truth. :func:`evaluate` is a pure function of the model.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from heapq import heappop, heappush
from types import MappingProxyType

from .graph import Graph, strongly_connected
from .model import Attack, Debate, Issue, NodeKind, Support, Weighing
from .vocabulary import RELATIONS, STANDARDS, Label, Rule
from .weighing import Argument, Context, weigh

LINKED = Weighing()
NEEDS_EVERY_PREMISE = ("linked", "constant", "preference")  # the weighing functions that give 0 if a premise is out
# the weighing functions that compute an argument's weight themselves: a weight given to one is not used
COMPUTED_WEIGHTS = ("cumulative", "factorized", "criteria", "preference")

__all__ = ["Label", "StepStatus", "Status", "evaluate", "granted_by_default", "perspective_grants",
           "evaluate_from", "Wiring", "wiring", "issue_key", "COMPUTED_WEIGHTS", "perspective_disputes"]


@dataclass(frozen=True)
class StepStatus:
    step: Support
    label: Label
    premises_out: tuple[str, ...] = ()
    undercutters_in: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()


@dataclass(frozen=True)
class Status:
    """A node's label and the rule that gave it.

    ``rule`` is one of: granted, supported (in); attacked, unsupported, not-established,
    rejected (out); waiting (undecided). ``rests_on`` names the nodes the rule rests on: the
    attackers that are out (in), the accepted attacker (attacked), the undecided nodes waited
    on (waiting); ``steps`` gives the working step (supported) or every failed step.
    """

    node: str
    label: Label
    rule: Rule
    granted_by: str | None = None  # default, assumed, perspective, you
    rests_on: tuple[str, ...] = ()
    steps: tuple[StepStatus, ...] = ()
    cycle: tuple[str, ...] = ()
    decision: Decision | None = None  # for a position of an issue: how the issue was decided

    @property
    def outcome(self) -> str:
        """The outcome in a reader's words (vocabulary.OUTCOMES): stands, defeated, outweighed..."""
        return Rule(self.rule).outcome


@dataclass(frozen=True)
class Decision:
    """How an issue was decided: each position's strength (its strongest argument) and the
    strongest argument against it, the standard, and the winner (None: no position won)."""

    issue: str
    standard: str
    strength: dict[str, float] = field(compare=False)
    against: dict[str, float] = field(compare=False)
    winner: str | None
    # the premises of each position's strongest argument for it, and against it (none: nothing weighs)
    strongest: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    strongest_against: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    # how many other arguments weigh as much as the one named, for and against each position
    as_heavy: dict[str, int] = field(default_factory=dict, compare=False)
    as_heavy_against: dict[str, int] = field(default_factory=dict, compare=False)

    def strongest_rival(self, position: str) -> str | None:
        """The first position but ``position`` whose strongest argument weighs most (None: it has no rival)."""
        ranked = self._leaders
        return next((p for p in ranked if p != position), None)

    @cached_property
    def _leaders(self) -> tuple[str, ...]:
        """The first two positions of greatest strength, in order (enough to name any position's strongest rival)."""
        first = max(self.strength, key=self.strength.__getitem__, default=None)
        if first is None:
            return ()
        second = max((p for p in self.strength if p != first), key=self.strength.__getitem__, default=None)
        return (first,) if second is None else (first, second)


def granted_by_default(debate: Debate, graph: Graph) -> dict[str, str]:
    """The granted nodes, each with why: 'default' (evidence, or a claim nothing supports) or 'assumed'."""
    positions = {p for issue in debate.issues for p in issue.positions}
    granted = {}
    for node in debate.nodes.values():
        if node.assumed is not None:
            if node.assumed:
                granted[node.id] = "assumed"
        elif node.open or node.id in positions:
            continue  # an open condition, or a position its issue decides
        elif node.kind is NodeKind.EVIDENCE or not graph.steps_into.get(node.id):
            granted[node.id] = "default"
    return granted


def perspective_grants(debate: Debate, graph: Graph, perspective: str) -> dict[str, str]:
    """What a perspective grants (as an audience does): all evidence and its own premises (claims nothing
    supports), the premises it says it shares (``grants``), less what it disputes (``disputes``)."""
    voice = debate.perspective(perspective)
    shared = set(voice.grants) if voice else set()
    disputed = set(voice.disputes) if voice else set()
    granted = {}
    for node_id in granted_by_default(debate, graph):
        node = debate.nodes[node_id]
        if (node.kind is NodeKind.EVIDENCE or node.perspective == perspective or node_id in shared) \
                and node_id not in disputed:
            granted[node_id] = "perspective"
    for node_id in shared - disputed:  # a shared premise it grants even where the map does not (an open condition)
        if node_id in debate.nodes and node_id not in granted:
            granted[node_id] = "perspective"
    return granted


def perspective_disputes(debate: Debate, perspective: str | None) -> tuple[str, ...]:
    """What a perspective disputes: from its premises, each is out."""
    voice = debate.perspective(perspective) if perspective else None
    return tuple(n for n in voice.disputes if n in debate.nodes) if voice else ()


def evaluate_from(debate: Debate, graph: Graph, perspective: str | None = None, *,
                  grant: Iterable[str] = (), reject: Iterable[str] = (),
                  weights: Mapping[tuple[str, str], float] | None = None,
                  only: Iterable[str] | None = None) -> dict[str, Status]:
    """Every node's status (or ``only`` these nodes') as the map stands (``perspective`` None) or from one
    perspective's premises."""
    granted = perspective_grants(debate, graph, perspective) if perspective else None
    return evaluate(debate, graph, granted=granted, grant=grant, reject=reject, perspective=perspective,
                    weights=weights, disputed=perspective_disputes(debate, perspective), only=only)


@dataclass(frozen=True)
class Wiring:
    """What each node's label reads, worked out once per debate and shared by every evaluation of it.

    ``watchers`` are the nodes to look at again when a node is decided beyond what it bears on (what needs it, and
    what a criteria argument reads from its issue); ``opposites`` are the symmetric relations (contraries,
    contradictories) by the node they leave. Every evaluation needs these; the rest is worked out on first use, by
    an evaluation that tries one change after another (:func:`evaluate` with ``known``):

    ``reads`` gives, for each node, every node its label can depend on directly: what bears on it, its necessary
    conditions, the positions a criteria argument into it reads a value from, and for a position its issue
    (:func:`issue_key`), which reads what bears on every position of the issue; ``read_by`` is the same relation
    the other way. ``parts`` are the strongly connected parts of ``reads``, each before every part that reads from
    it, and ``part`` gives each node's place among them: a part's labels follow from its own nodes and the labels
    of the parts before it (grounded labels are computed part by part), so a change is worked out part by part."""

    debate: Debate
    graph: Graph
    issue_of: Mapping[str, Issue]
    watchers: Mapping[str, frozenset[str]]
    opposites: Mapping[str, tuple[int, ...]]  # indexes into debate.attacks

    @cached_property
    def reads(self) -> Mapping:
        debate, graph, issue_of = self.debate, self.graph, self.issue_of
        reads: dict = {n: dict.fromkeys(graph.toward.get(n, ())) for n in debate.nodes}
        for node in debate.nodes.values():
            for required in node.requires:
                reads[node.id][required] = None
        for step in debate.supports:
            if step.weighing is not None and step.weighing.function == "criteria":
                for premise in step.premises:
                    for position in (issue_of[premise].positions if premise in issue_of else ()):
                        reads[step.conclusion][position] = None
        for issue in debate.issues:  # an issue is weighed from what bears on each of its positions, and each
            # position takes the decision (once weighed, a position's label reads no rival's: the issue stands between)
            key = issue_key(issue.id)
            reads[key] = {source: None for p in issue.positions if p in reads for source in reads[p]}
            for position in issue.positions:
                if position in reads:
                    reads[position][key] = None
        return MappingProxyType({k: tuple(n for n in v if n in reads) for k, v in reads.items()})

    @cached_property
    def read_by(self) -> Mapping:
        found: dict = {}
        for node_id, sources in self.reads.items():
            for source in sources:
                found.setdefault(source, []).append(node_id)
        return MappingProxyType({k: tuple(v) for k, v in found.items()})

    @cached_property
    def parts(self) -> tuple[tuple, ...]:
        return strongly_connected({key: i for i, key in enumerate(self.reads)}, self.read_by)

    @cached_property
    def part(self) -> Mapping:
        return MappingProxyType({node_id: i for i, part in enumerate(self.parts) for node_id in part})


def wiring(debate: Debate, graph: Graph) -> Wiring:
    """The debate's :class:`Wiring` (linear in the size of the debate)."""
    issue_of = {p: issue for issue in debate.issues for p in issue.positions}
    watchers: dict[str, set[str]] = {k: set(v) for k, v in graph.needed_by.items()}  # a necessary condition, once
    # settled, settles what needs it
    for step in debate.supports:
        if step.weighing is not None and step.weighing.function == "criteria":
            for premise in step.premises:
                for position in (issue_of[premise].positions if premise in issue_of else ()):
                    watchers.setdefault(position, set()).add(step.conclusion)
    opposites: dict[str, list[int]] = {}
    for i, attack in enumerate(debate.attacks):
        if RELATIONS[attack.kind].symmetric or RELATIONS[attack.kind].exactly_one:
            opposites.setdefault(attack.attacker, []).append(i)
    return Wiring(debate, graph, MappingProxyType(issue_of),
                  MappingProxyType({k: frozenset(v) for k, v in watchers.items()}),
                  MappingProxyType({k: tuple(v) for k, v in opposites.items()}))


def issue_key(issue_id: str) -> tuple[str, str]:
    """An issue's place in :attr:`Wiring.reads` (beside the nodes, whose keys are their ids)."""
    return ("issue", issue_id)


def evaluate(debate: Debate, graph: Graph, *, granted: dict[str, str] | None = None,
             grant: Iterable[str] = (), reject: Iterable[str] = (), perspective: str | None = None,
             weighing: bool = True, weights: Mapping[tuple[str, str], float] | None = None,
             disputed: Iterable[str] = (), only: Iterable[str] | None = None, wired: Wiring | None = None,
             known: Mapping[str, Label] | None = None, changed: Iterable[str] = (),
             within: Collection[str] | None = None, tally: list[int] | None = None) -> dict[str, Status]:
    """Every node's :class:`Status`. ``grant``, ``reject`` and ``weights`` (a weight for the argument
    from a premise or attacker to a claim, by their ids) are a reader's what-if; ``perspective``
    chooses the weights given per perspective; ``weighing=False`` reads every issue as its positions
    attacking each other and every argument as a plain step (grounded semantics throughout).

    To try one change after an evaluation of the same debate, pass that evaluation's labels as ``known`` and the
    nodes the change touches directly as ``changed`` (what it grants or rejects, and what moves with it; the
    claim whose argument it weighs anew): the parts of :attr:`Wiring.parts` are then worked out again in order,
    only those with a changed node or reading a label that came out different, and (if given) only ``within``
    those nodes. The result then tells only the nodes worked out again (of ``only``, if given): every other node
    keeps its known status. A cycle is then told from those nodes alone (``Status.cycle`` may start elsewhere
    than in a whole evaluation; labels and rules are the same); ``tally[0]`` (if given) grows by how many nodes
    were worked out again, the measure of the work done."""
    wired = wired or wiring(debate, graph)
    grant, reject = tuple(grant), tuple(reject)
    granted = dict(granted_by_default(debate, graph) if granted is None else granted)
    disputed = {n for n in disputed if n not in set(grant)}  # a what-if's grant overrides a voice's dispute
    for node_id in disputed:
        granted.pop(node_id, None)
    rejected = set(reject) | disputed
    for node_id in grant:
        granted[node_id] = "you"
    grant, reject = set(grant), set(reject)
    moved = sorted({i for node_id in grant | reject for i in wired.opposites.get(node_id, ())})
    for attack in (debate.attacks[i] for i in moved):  # opposites move together in a what-if (vocabulary: symmetric)
        if RELATIONS[attack.kind].symmetric and attack.attacker in grant and attack.target not in grant:
            rejected.add(attack.target)  # granting one of two claims that cannot both be true rejects the other
        if RELATIONS[attack.kind].exactly_one and attack.attacker in reject and attack.target not in reject \
                and attack.target not in rejected:
            granted[attack.target] = "you"  # exactly one of two contradictories is true: rejecting one grants the other
    labels = {node_id: Label.UNDECIDED for node_id in debate.nodes} if known is None else dict(known)
    for node_id in rejected:
        labels[node_id] = Label.OUT
    rules = _Rules(debate, graph, labels, granted, perspective, weighing, dict(weights or {}), wired=wired,
                   rejected=rejected)
    if known is None:
        _propagate(rules, rejected, [n for n in debate.nodes if n not in rejected])
        told = list(debate.nodes) if only is None else [n for n in dict.fromkeys(only) if n in debate.nodes]
        rules.cycles = _cycles(graph, labels)
    else:
        reworked = _rework(rules, known, changed, within)  # (in the debate's order: sorted by graph.order)
        if tally is not None:
            tally[0] += len(reworked)
        asked = None if only is None else set(only)
        told = sorted((n for n in reworked if asked is None or n in asked), key=graph.order.__getitem__)
        rules.cycles = _cycles(graph, labels, told)
    return {node_id: _explain(rules, node_id, rejected, disputed - set(reject)) for node_id in told}


def _inside(key, within) -> bool:
    return key in within if isinstance(key, str) else True  # an issue is weighed if any of its positions is


def _rework(rules: _Rules, known: Mapping[str, Label], changed: Iterable[str], within) -> set[str]:
    """Work out again, part by part in order, the parts of the debate a change reaches (see :func:`evaluate`);
    return the nodes worked out again."""
    wired, labels = rules.wired, rules.labels
    if not rules.weighing:
        raise ValueError("a change is worked out part by part only with weighing (positions then read no rival)")
    changed = [*changed, *(issue_key(wired.issue_of[n].id) for n in changed if n in wired.issue_of)]
    heap = sorted({wired.part[n] for n in changed if n in wired.part and (within is None or _inside(n, within))})
    waiting = set(heap)
    reworked: set[str] = set()
    while heap:
        part = heappop(heap)
        nodes = [n for n in wired.parts[part] if within is None or _inside(n, within)]
        todo = [n for n in nodes if isinstance(n, str) and n not in rules.rejected]
        for node_id in todo:
            labels[node_id] = Label.UNDECIDED
        _propagate(rules, rules.rejected, todo, set(todo))
        for node_id in nodes:
            if isinstance(node_id, str):
                reworked.add(node_id)
            if not isinstance(node_id, str) or labels[node_id] is not known[node_id]:  # (an issue: reweighed)
                for reader in wired.read_by.get(node_id, ()):
                    later = wired.part[reader]
                    if later not in waiting and (within is None or _inside(reader, within)):
                        waiting.add(later)
                        heappush(heap, later)
    return reworked


@dataclass
class _Rules:
    """One evaluation's state: the labels so far, what is granted, and each issue's decision."""

    debate: Debate
    graph: Graph
    labels: dict[str, Label]
    granted: dict[str, str]
    perspective: str | None
    weighing: bool
    overrides: dict[tuple[str, str], float] = field(default_factory=dict)
    issue_of: Mapping[str, Issue] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)

    # Worked out once per evaluation: each position's arguments, each issue's context, and how far each issue's
    # (and each position's) arguments are known to be applicable. Labels only ever go from undecided to in or
    # out, so an argument once applicable stays so: a scan resumes where the last one stopped, and an issue is
    # weighed once, when every argument on it is applicable (linear in the issue's size, however many positions).
    _for: dict[str, list[Argument]] = field(default_factory=dict)
    _against: dict[str, list[Argument]] = field(default_factory=dict)
    _contexts: dict[str | None, Context] = field(default_factory=dict)
    _ready: dict[str, int] = field(default_factory=dict)
    _rivals: dict[str, list[str]] = field(default_factory=dict)
    wired: Wiring | None = None
    cycles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # (after propagation) see _cycles
    rejected: set[str] = field(default_factory=set)  # a what-if's rejected nodes
    # the conclusions of criteria arguments that read a value from a position of another issue, by each position
    # of that issue: when one is decided, the argument may weigh (see _criteria_waits)
    watchers: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.issue_of = self.wired.issue_of
        self.watchers = self.wired.watchers

    def rivals(self, node_id: str) -> list[str]:
        if node_id not in self._rivals:
            issue = self.issue_of.get(node_id)
            self._rivals[node_id] = [p for p in issue.positions if p != node_id] if issue else []
        return self._rivals[node_id]

    def context(self, issue: Issue | None) -> Context:
        key = issue.id if issue else None
        if key not in self._contexts:
            arguments = [a for p in issue.positions for a in self.arguments_for(p)] if issue else []
            self._contexts[key] = Context(self.labels, arguments, self.positions_of, self.perspective,
                                          self.criterion_of)
        return self._contexts[key]

    def granted_positions(self, issue: Issue) -> tuple[str, ...]:
        """The positions of the issue taken as given (what is granted does not change during an evaluation)."""
        return self.context(issue).once("granted", lambda: tuple(p for p in issue.positions if p in self.granted))

    def ready(self, key: str, arguments: list[Argument], applicable) -> bool:
        """Whether every argument of ``arguments`` is applicable, resuming after those found so before."""
        at = self._ready.get(key, 0)
        while at < len(arguments) and applicable(arguments[at]):
            at += 1
        self._ready[key] = at
        return at == len(arguments)

    def criterion_of(self, node_id: str) -> tuple[str, str] | None:
        return self.debate.nodes[node_id].criterion

    def positions_of(self, node_id: str) -> list[str]:
        issue = self.issue_of.get(node_id)
        return list(issue.positions) if issue else []

    def arguments_for(self, node_id: str) -> list[Argument]:
        if node_id not in self._for:
            self._for[node_id] = [
                Argument(s.key, s.premises, s.conclusion, self.weighing_of(s.weighing, s.premises, s.conclusion))
                for s in self.graph.steps_into.get(node_id, ())]
        return self._for[node_id]

    def arguments_against(self, node_id: str) -> list[Argument]:
        """The attacks on a position, as arguments against it (a rival position's attack adds nothing:
        the issue itself sets the positions against each other)."""
        if node_id not in self._against:
            issue = self.issue_of.get(node_id)
            self._against[node_id] = [
                Argument(a, (a.attacker,), a.target, self.weighing_of(a.weighing, (a.attacker,), a.target))
                for a in self.graph.attacks_into.get(node_id, ())
                if issue is None or self.issue_of.get(a.attacker) is not issue or a.attacker == node_id]
        return self._against[node_id]

    def weighing_of(self, weighing: Weighing | None, sources: tuple[str, ...], target: str) -> Weighing:
        """The argument's weighing, with a what-if's weight for it if there is one."""
        weighing = weighing or LINKED
        override = next((self.overrides[(s, target)] for s in sources if (s, target) in self.overrides), None)
        return weighing if override is None else replace(weighing, weight=override, weights=MappingProxyType({}))


def _cutters(rules: _Rules, key) -> list[str]:
    return [c.undercutter for c in rules.graph.cuts_of_step.get(key, ())]


def _argument_cutters(rules: _Rules, argument: Argument) -> list[str]:
    """What undercuts an argument: a support step's undercutters (an attack cannot be undercut)."""
    return [] if isinstance(argument.key, Attack) else _cutters(rules, argument.key)


def _step_label(step: Support, rules: _Rules) -> Label:
    labels, weighing = rules.labels, rules.weighing_of(step.weighing, step.premises, step.conclusion)
    cutters = _cutters(rules, step.key)
    if any(labels[c] is Label.IN for c in cutters):
        return Label.OUT
    if weighing.function in ("convergent", "cumulative"):  # any premise can carry it
        if all(labels[p] is Label.OUT for p in step.premises):
            return Label.OUT
        if not rules.weighing:
            working = any(labels[p] is Label.IN for p in step.premises)
            return Label.IN if working and all(labels[c] is Label.OUT for c in cutters) else Label.UNDECIDED
    elif any(labels[p] is Label.OUT for p in step.premises) and (weighing.function != "criteria" or not rules.weighing):
        return Label.OUT  # (criteria: only a hard criterion's premise out gives 0, which the weighing says)
    if not rules.weighing or weighing.function in ("linked", "constant"):
        held = all(labels[p] is Label.IN for p in step.premises) and all(labels[c] is Label.OUT for c in cutters)
        if held and rules.weighing and weighing.weight_for(rules.perspective) <= 0:
            return Label.OUT
        return Label.IN if held else Label.UNDECIDED
    applicable = all(labels[c] is Label.OUT for c in cutters) and all(labels[p] is not Label.UNDECIDED
                                                                      for p in step.premises)
    argument = Argument(step.key, step.premises, step.conclusion, weighing)
    if not applicable or _criteria_waits(argument, rules):
        return Label.UNDECIDED
    return Label.IN if weigh(argument, rules.context(rules.issue_of.get(step.conclusion))) > 0 else Label.OUT


def _decide(node_id: str, rules: _Rules) -> Label:
    """The label the rules give ``node_id`` now, capped by its necessary conditions: none stands if one is out, and
    none is more than undecided while one is."""
    label = _decide_uncapped(node_id, rules)
    needs = rules.debate.nodes[node_id].requires
    if not needs or node_id in rules.granted:
        return label
    if any(rules.labels[r] is Label.OUT for r in needs):
        return Label.OUT
    if label is Label.IN and any(rules.labels[r] is Label.UNDECIDED for r in needs):
        return Label.UNDECIDED
    return label


def _failed_conditions(rules: _Rules, node_id: str) -> tuple[str, ...]:
    return tuple(r for r in rules.debate.nodes[node_id].requires if rules.labels[r] is Label.OUT)


def _decide_uncapped(node_id: str, rules: _Rules) -> Label:
    if _held_open(rules, node_id):  # an open condition: left open, unless something that stands attacks it
        attackers = rules.graph.attacks_into.get(node_id, ())
        return Label.OUT if any(rules.labels[a.attacker] is Label.IN for a in attackers) else Label.UNDECIDED
    if rules.weighing and node_id in rules.issue_of:
        return _decide_position(node_id, rules)
    labels, granted = rules.labels, rules.granted
    attackers = [a.attacker for a in rules.graph.attacks_into.get(node_id, ())]
    if node_id not in granted:  # without weighing, the positions of an issue attack each other
        attackers += rules.rivals(node_id)
    steps = [_step_label(s, rules) for s in rules.graph.steps_into.get(node_id, ())]
    if any(labels[a] is Label.IN for a in attackers):
        return Label.OUT
    if node_id not in granted and all(s is Label.OUT for s in steps):
        return Label.OUT
    if all(labels[a] is Label.OUT for a in attackers) and (node_id in granted or Label.IN in steps):
        return Label.IN
    return Label.UNDECIDED


def _applicable_weight(argument: Argument, rules: _Rules, context: Context) -> float | None:
    """The argument's weight if it is applicable, else None."""
    labels = rules.labels
    cutters = _argument_cutters(rules, argument)
    if any(labels[c] is Label.IN for c in cutters):
        return 0.0
    if argument.weighing.function in NEEDS_EVERY_PREMISE and any(labels[p] is Label.OUT for p in argument.premises):
        return 0.0  # one premise out is enough: it weighs nothing, whatever the others turn out to be
    if any(labels[c] is Label.UNDECIDED for c in cutters) or any(labels[p] is Label.UNDECIDED
                                                                 for p in argument.premises):
        return None
    if _criteria_waits(argument, rules):
        return None
    return weigh(argument, context)


def _criteria_waits(argument: Argument, rules: _Rules) -> bool:
    """A criteria argument whose premise is not in reads its value from the position of that premise's issue
    that is in (Carneades' CAES): while that issue is undecided, the argument cannot be weighed yet."""
    if argument.weighing.function != "criteria":
        return False
    for premise in argument.premises:
        if rules.labels[premise] is not Label.IN and premise in rules.issue_of:
            if any(rules.labels[p] is Label.UNDECIDED for p in rules.issue_of[premise].positions):
                return True
    return False


def _decide_position(node_id: str, rules: _Rules) -> Label:
    issue = rules.issue_of[node_id]
    if node_id in rules.granted:
        return Label.IN
    if rules.granted_positions(issue):
        return Label.OUT
    decided = rules.decisions.get(issue.id)
    if decided is not None:  # weighed once, for every position
        return Label.IN if decided.winner == node_id else Label.OUT
    context = rules.context(issue)
    nothing_for = rules.ready(f"for {node_id}", rules.arguments_for(node_id),
                              lambda a: (_applicable_weight(a, rules, context) or 0) <= 0
                              and _applicable_weight(a, rules, context) is not None)
    if nothing_for:  # every argument for it applicable and weighing nothing
        return Label.OUT
    if not rules.ready(f"issue {issue.id}", _issue_arguments(rules, issue),
                       lambda a: _applicable_weight(a, rules, context) is not None):
        return Label.UNDECIDED
    if any(rules.labels[r] is Label.UNDECIDED for p in issue.positions if p not in rules.rejected
           for r in rules.debate.nodes[p].requires):
        return Label.UNDECIDED  # a position's necessary condition is still open: so is the issue
    strength, against, strongest, strongest_against, as_heavy, as_heavy_against = {}, {}, {}, {}, {}, {}
    for position in issue.positions:
        pros, cons = rules.arguments_for(position), rules.arguments_against(position)
        weights = [_applicable_weight(a, rules, context) for a in pros]
        con_weights = [_applicable_weight(a, rules, context) for a in cons]
        if position in rules.rejected or _failed_conditions(rules, position):  # rejected, or a condition it needs
            # failed: it cannot win, nor stand in another's way
            weights = [0.0] * len(weights)
        strength[position], strongest[position], as_heavy[position] = _strongest(pros, weights)
        against[position], strongest_against[position], as_heavy_against[position] = _strongest(cons, con_weights)
    standard = STANDARDS[issue.standard]
    # a standard is met against every rival once it is met against the strongest (it only gets harder as the other
    # side weighs more): one pass, however many positions
    first = max(issue.positions, key=strength.__getitem__)
    second = max((strength[q] for q in issue.positions if q != first), default=float("-inf"))
    winner = next((p for p in issue.positions if strength[p] > 0
                   and standard.met(strength[p], second if p == first else strength[first])
                   and standard.met(strength[p], against[p])), None)
    rules.decisions[issue.id] = Decision(issue.id, issue.standard, strength, against, winner, strongest,
                                         strongest_against, as_heavy, as_heavy_against)
    return Label.IN if winner == node_id else Label.OUT


def _issue_arguments(rules: _Rules, issue: Issue) -> list[Argument]:
    return rules.context(issue).once("for and against", lambda: [
        a for p in issue.positions for a in (*rules.arguments_for(p), *rules.arguments_against(p))])


def _strongest(arguments: list[Argument], weights: list[float]) -> tuple[float, tuple[str, ...], int]:
    """The greatest weight, the premises of the first argument that has it (none if nothing weighs), and
    how many others weigh as much."""
    best = max(weights, default=0.0)
    if best <= 0:
        return best, (), 0
    return best, arguments[weights.index(best)].premises, weights.count(best) - 1


def _propagate(rules: _Rules, rejected: set[str], todo: list[str], within: set[str] | None = None) -> None:
    """Apply the rules until nothing changes, starting from ``todo`` (and, if given, looking only ``within`` those
    nodes); each node is looked at again only when a node it depends on changes."""
    labels = rules.labels
    queue = deque(todo)
    queued = set(queue)
    spread: set[str] = set()  # the issues whose decision has been passed to all their positions
    next_at: dict[str, int] = {}  # per issue: the positions before this one are decided (see _next_undecided)
    while queue:
        node_id = queue.popleft()
        queued.discard(node_id)
        if labels[node_id] is not Label.UNDECIDED:
            continue
        label = _decide(node_id, rules)
        if label is Label.UNDECIDED:
            continue
        labels[node_id] = label
        dependents = set(rules.graph.targets(node_id)) | rules.watchers.get(node_id, set())
        if rules.weighing:  # an argument on a position that will not be decided here (out already, rejected, held
            # open) bears on the issue all the same: one other position weighs it
            for target in [t for t in dependents if t in rules.issue_of and (
                    labels[t] is not Label.UNDECIDED or t in rejected or _held_open(rules, t))]:
                other = _next_undecided(rules, rules.issue_of[target], rejected, next_at)
                if other is not None:
                    dependents.add(other)
        issue = rules.issue_of.get(node_id) if rules.weighing else None
        if issue is not None and issue.id in rules.decisions:
            if issue.id not in spread:
                spread.add(issue.id)  # the issue is weighed: its other positions take the decision, once
                dependents.update(rules.rivals(node_id))
        elif issue is not None:  # out before the issue is weighed: one other position may weigh it now
            other = _next_undecided(rules, issue, rejected, next_at)
            if other is not None:
                dependents.add(other)
        elif not rules.weighing:
            dependents.update(rules.rivals(node_id))  # positions attack each other
        for dependent in sorted(dependents):
            if dependent not in queued and dependent not in rejected and (within is None or dependent in within):
                queue.append(dependent)
                queued.add(dependent)


def _next_undecided(rules: _Rules, issue: Issue, rejected: set[str], at: dict[str, int]) -> str | None:
    """A position of the issue that is still undecided and may be decided, if any (positions only ever leave
    undecided, so the search resumes where it stopped: linear over the whole evaluation)."""
    i = at.get(issue.id, 0)
    positions = issue.positions
    while i < len(positions) and (rules.labels[positions[i]] is not Label.UNDECIDED or positions[i] in rejected
                                  or _held_open(rules, positions[i])):
        i += 1
    at[issue.id] = i
    return positions[i] if i < len(positions) else None


def _held_open(rules: _Rules, node_id: str) -> bool:
    """An open condition stays undecided unless granted (rejected ones are out already)."""
    return rules.debate.nodes[node_id].open and node_id not in rules.granted


def _explain(rules: _Rules, node_id: str, rejected, disputed=frozenset()) -> Status:
    graph, labels, granted = rules.graph, rules.labels, rules.granted
    label = labels[node_id]
    attackers = tuple(sorted(a.attacker for a in graph.attacks_into.get(node_id, ())))
    steps = tuple(_step_status(s, rules) for s in graph.steps_into.get(node_id, ()))
    if node_id in disputed:
        return Status(node_id, label, Rule.DISPUTED)
    if node_id in rejected:
        return Status(node_id, label, Rule.REJECTED)
    failed = _failed_conditions(rules, node_id) if node_id not in granted else ()
    if failed and label is Label.OUT:
        return Status(node_id, label, Rule.CONDITION_FAILED, None, failed)
    if _held_open(rules, node_id) and label is Label.OUT:  # an open condition that something standing attacks
        return Status(node_id, label, Rule.ATTACKED, None, tuple(a for a in attackers if labels[a] is Label.IN)[:1])
    issue = rules.issue_of.get(node_id) if rules.weighing else None
    if issue and label is not Label.UNDECIDED and node_id not in granted:
        decision = rules.decisions.get(issue.id)
        if rules.granted_positions(issue):
            return Status(node_id, label, Rule.RIVAL_GRANTED, None, rules.granted_positions(issue))
        if decision is None:
            return Status(node_id, label, Rule.NOT_ESTABLISHED, None, (), steps)
        rule = Rule.WON if decision.winner == node_id else Rule.OUTWEIGHED if decision.winner else Rule.BALANCED
        return Status(node_id, label, rule, None, (), steps, decision=decision)
    if rules.debate.nodes[node_id].open and label is Label.UNDECIDED:
        return Status(node_id, label, Rule.OPEN)
    if issue and label is Label.UNDECIDED:
        return Status(node_id, label, Rule.WAITING, None, _issue_waits_on(rules, issue), steps)
    if label is Label.IN:
        if node_id in granted:
            return Status(node_id, label, Rule.GRANTED, granted[node_id], attackers)
        working = next(s for s in steps if s.label is Label.IN)
        return Status(node_id, label, Rule.SUPPORTED, None, attackers, (working,))
    if label is Label.OUT:
        accepted = [a for a in attackers if labels[a] is Label.IN]
        if accepted:
            return Status(node_id, label, Rule.ATTACKED, None, (accepted[0],))
        return Status(node_id, label, Rule.UNSUPPORTED if steps else Rule.NOT_ESTABLISHED, None, (), steps)
    waiting = [a for a in attackers if labels[a] is Label.UNDECIDED]
    waiting += [r for r in rules.debate.nodes[node_id].requires if labels[r] is Label.UNDECIDED]
    for step in steps:
        waiting.extend(step.waiting)
    waiting = tuple(dict.fromkeys(waiting))
    return Status(node_id, label, Rule.WAITING, None, waiting, steps, rules.cycles.get(node_id, ()))


def _issue_waits_on(rules: _Rules, issue: Issue) -> tuple[str, ...]:
    """What an undecided issue waits on: the undecided premises and undercutters of the arguments on it, and its
    positions' undecided necessary conditions (worked out once per issue, told for each of its positions)."""
    def work() -> tuple[str, ...]:
        labels, positions = rules.labels, set(issue.positions)
        waiting = [n for a in _issue_arguments(rules, issue) for n in (*a.premises, *_argument_cutters(rules, a))
                   if labels[n] is Label.UNDECIDED and n not in positions]
        waiting += [r for p in issue.positions for r in rules.debate.nodes[p].requires if labels[r] is Label.UNDECIDED]
        return tuple(dict.fromkeys(waiting))
    return rules.context(issue).once("waits on", work)


def _step_status(step: Support, rules: _Rules) -> StepStatus:
    labels = rules.labels
    cutters = _cutters(rules, step.key)
    label = _step_label(step, rules)
    return StepStatus(
        step, label,
        premises_out=tuple(p for p in step.premises if labels[p] is Label.OUT),
        undercutters_in=tuple(c for c in cutters if labels[c] is Label.IN),
        waiting=tuple([p for p in step.premises if labels[p] is Label.UNDECIDED]
                      + [c for c in cutters if labels[c] is Label.UNDECIDED]),
    )


def _waits_on(graph: Graph, node_id: str, labels) -> list[str]:
    found = [a.attacker for a in graph.attacks_into.get(node_id, ()) if labels[a.attacker] is Label.UNDECIDED]
    for step in graph.steps_into.get(node_id, ()):
        found += [p for p in step.premises if labels[p] is Label.UNDECIDED]
        found += [c.undercutter for c in graph.cuts_of_step.get(step.key, ()) if labels[c.undercutter] is Label.UNDECIDED]
    return sorted(set(found))


SHORT_CYCLE = 8  # a cycle of up to this many nodes is told in full, from the node it is told for


def _cycles(graph: Graph, labels, starts=None) -> dict[str, tuple[str, ...]]:
    """For every undecided node, the cycle of undecided nodes it is on or waits on (following the first node
    each one waits on), as a path back to its start; () when the wait ends. Each node is walked once: a long
    cycle is one tuple shared by all its nodes (from where it was entered), a short one is told from each node."""
    found: dict[str, tuple[str, ...]] = {}
    for start in labels if starts is None else starts:
        if labels[start] is not Label.UNDECIDED or start in found:
            continue
        path, index, current = [], {}, start
        while current not in found and current not in index:
            index[current] = len(path)
            path.append(current)
            nxt = _waits_on(graph, current, labels)
            if not nxt:
                current = None
                break
            current = nxt[0]
        if current is None:
            tail = ()
        elif current in found:
            tail = found[current]  # the cycle from where this path enters it (a long one: as first found)
        else:  # a new cycle: the path from ``current`` on
            ring = path[index[current]:]
            if len(ring) <= SHORT_CYCLE:
                for i, node in enumerate(ring):
                    found[node] = tuple(ring[i:] + ring[:i]) + (node,)
            else:
                shared = tuple(ring) + (current,)
                for node in ring:
                    found[node] = shared
            tail = found[current]
            path = path[:index[current]]
        for node in path:
            if node not in found:
                found[node] = tail
    return found
