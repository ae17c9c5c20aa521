"""The one vocabulary of the project: relation kinds, status labels, roles and evidence kinds.

Every name that crosses a boundary is defined here once: the YAML keys of the relations,
the words pages use for them, the marks the maps draw, the CSS classes the stylesheet and
the browser scripts select on, and the outcome words and badges of a status. A test checks that
``docs/assets/argmap.css`` and the browser scripts use exactly these names.

Adding a relation kind that acts as one of the three the evaluation knows (a "contrary"
that acts as an attack, say) means a :class:`Relation` in :data:`RELATIONS`, its key in the
claim and evidence schemas, its colour in ``docs/assets/argmap.css`` and its row in
``docs/format.md``: reading, maps, legends, outlines, node pages and statuses take it from
here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "Relation", "RELATIONS", "acting_as", "SUPPORTS", "ATTACKS", "UNDERCUTS", "CONTRARY", "CONTRADICTS", "MORE",
    "Label", "HEDGES",
    "ROLE_NAMES", "KIND_NAMES", "BASIS_NAMES", "PERSPECTIVE_FILLS", "PERSPECTIVE_ROLES", "perspective_fills", "UNCLASSIFIED_FILL", "ARGUMENT_FILL", "status_class",
    "WEIGHT_WORDS", "weight_word", "STANDARDS", "Standard", "CCE_MARGIN", "BRD_DOUBT", "Outcome", "OUTCOMES", "Rule", "RULE_OUTCOMES",
    "REQUIRES", "DRAWN_ONLY", "drawn",
]


@dataclass(frozen=True)
class Relation:
    """A kind of relation between nodes, and how every output shows it.

    ``name`` is the YAML key that declares it and the CSS class of its arrows; ``colour`` is
    the light-mode colour written into the DOT (the site's CSS overrides it by class).
    """

    name: str
    verb: str  # "X cannot <verb> itself"
    acts_as: str  # supports | attacks | undercuts: how reading and evaluation treat it
    colour: str
    dot_style: str  # Graphviz edge attributes
    key_mark: str  # the legend's drawing of the arrow
    key_words: str  # the legend's description of the mark
    meaning: str  # what the relation says, in the legend
    made: str  # the node page's heading for relations the node makes: "It supports"
    received: str  # the node page's heading for relations into the node: "Supported by"
    reads: str  # an outline item under X reads "<reads> Y": "supported by"
    # Declared once, it holds both ways (two claims that cannot both be true): the evaluation sees an attack each
    # way, the maps draw one line with a bar at each end, a node page lists it once.
    symmetric: bool = False
    # (symmetric) exactly one of the two is true: in a what-if, rejecting one grants the other
    exactly_one: bool = False


SUPPORTS = Relation(
    "supports", "support", "supports", "#2e7d32", 'style="solid" arrowhead="normal"', "──▶", "solid green arrow",
    "supports", "It supports", "Supported by", "supported by",
)
ATTACKS = Relation(
    "attacks", "attack", "attacks", "#c62828", 'style="dashed" arrowhead="tee" penwidth="1.4"', "╌╌┤",
    "dashed red line ending in a bar", "attacks", "It attacks", "Attacked by", "attacked by",
)
UNDERCUTS = Relation(
    "undercuts", "undercut", "undercuts", "#e65100", 'style="dotted" arrowhead="tee" penwidth="1.6"', "┈┈┤●",
    "dotted orange line to a dot", "undercuts: challenges the step from the premises at the dot to their conclusion",
    "It undercuts", "Its supports are undercut by", "its support undercut by",
)
CONTRARY = Relation(
    "contrary", "be contrary to", "attacks", "#c62828",
    'style="dashed" dir="both" arrowhead="tee" arrowtail="tee" penwidth="1.4"', "┤╌╌┤",
    "dashed red line with a bar at each end", "contrary: the two cannot both be true (each attacks the other)",
    "It is contrary to", "Contrary to it", "contrary to", symmetric=True,
)
CONTRADICTS = Relation(
    "contradicts", "contradict", "attacks", "#c62828",
    'style="solid" dir="both" arrowhead="tee" arrowtail="tee" penwidth="1.8"', "┤──┤",
    "solid red line with a bar at each end",
    "contradictory: exactly one of the two is true (each attacks the other)",
    "It contradicts", "Contradicted by", "contradicted by", symmetric=True, exactly_one=True,
)
RELATIONS: dict[str, Relation] = {r.name: r for r in (SUPPORTS, ATTACKS, UNDERCUTS, CONTRARY, CONTRADICTS)}


def acting_as(kind: str) -> list[Relation]:
    """The relations that act as ``kind`` (supports, attacks or undercuts), in the registry's order.

    >>> [r.name for r in acting_as("attacks")]
    ['attacks', 'contrary', 'contradicts']
    """
    return [r for r in RELATIONS.values() if r.acts_as == kind]

# Not a relation of the debate: the line from a folded "N more" box to the node it folds under.
MORE = Relation("more", "", "more", "#616161", 'style="dotted" arrowhead="none"', "", "", "", "", "", "")
# Drawn, not declared as a relation: a claim's necessary conditions (its ``requires`` field), from each condition to
# the claim that needs it.
REQUIRES = Relation(
    "requires", "require", "requires", "#1565c0", 'style="dashed" arrowhead="odiamond" penwidth="1.4"', "╌╌◇",
    "dashed blue line to an open diamond",
    "a necessary condition: the claim at the diamond cannot stand without this one, whatever else supports it",
    "It is needed by", "It needs", "needs",
)
DRAWN_ONLY: dict[str, Relation] = {REQUIRES.name: REQUIRES, MORE.name: MORE}  # lines a map draws for no relation


def drawn(name: str) -> Relation:
    """The kind of line a map draws by this name: a relation of the registry, a necessary condition, or a fold.

    >>> drawn("supports").colour, drawn("requires").key_words
    ('#2e7d32', 'dashed blue line to an open diamond')
    """
    return RELATIONS[name] if name in RELATIONS else DRAWN_ONLY[name]


class Label(str, enum.Enum):
    """A node's status under grounded semantics (see :mod:`build_tools.status`)."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Outcome:
    """What a status means to a reader, in one word or two: one set for the CLI, the pages, the maps
    and the browser. Each outcome belongs to one label; each rule of the evaluation (see
    build_tools.status) gives one outcome."""

    word: str  # in running text
    label: Label
    border: str  # the box's Graphviz border style ("" = solid); the stylesheet refines it per outcome
    meaning: str

    @property
    def badge(self) -> str:
        """The word on a map's box."""
        return self.word.upper()

    @property
    def css(self) -> str:
        """The CSS class of a box with this outcome.

        >>> OUTCOMES["not established"].css
        'outcome-not-established'
        """
        return "outcome-" + self.word.replace(" ", "-")


OUTCOMES: dict[str, Outcome] = {o.word: o for o in [
    Outcome("stands", Label.IN, "",
            "taken as given, or established by an argument that holds, with every attack on it answered"),
    Outcome("defeated", Label.OUT, "dotted",
            "an attacker that stands defeats it (or, in an issue, a rival position is taken as given)"),
    Outcome("outweighed", Label.OUT, "dotted", "a rival position of its issue weighs more under the issue's standard"),
    Outcome("balanced", Label.OUT, "dashed", "no position of its issue wins under the issue's standard"),
    Outcome("not established", Label.OUT, "dotted",
            "nothing establishes it: no argument for it holds and the map (or the perspective) does not take "
            "it as given"),
    Outcome("open", Label.UNDECIDED, "dashed",
            "it waits on an open condition, an undecided premise or an unresolved cycle"),
    Outcome("rejected", Label.OUT, "dotted", "rejected in a reader's what-if"),
]}
class Rule(str, enum.Enum):
    """The rule that gave a node its status (the evaluator's answer; :mod:`build_tools.prose` says it in words),
    and the outcome word a reader sees for it."""

    GRANTED = "granted"  # taken as given (by default, assumed, by a perspective, in a what-if)
    SUPPORTED = "supported"  # an argument for it holds, nothing against it stands
    WON = "won"  # its issue weighed, it wins
    ATTACKED = "attacked"  # an attacker stands
    RIVAL_GRANTED = "rival-granted"  # a rival position of its issue is taken as given
    OUTWEIGHED = "outweighed"  # its issue weighed, a rival wins
    BALANCED = "balanced"  # its issue weighed, no position wins
    UNSUPPORTED = "unsupported"  # every argument for it fails
    NOT_ESTABLISHED = "not-established"  # nothing argues for it and nothing grants it
    CONDITION_FAILED = "condition-failed"  # a claim it requires does not stand
    OPEN = "open"  # an open condition, left open
    WAITING = "waiting"  # it waits on something undecided
    REJECTED = "rejected"  # rejected in a what-if
    DISPUTED = "disputed"  # the perspective does not accept it

    @property
    def outcome(self) -> str:
        """The outcome word (a key of :data:`OUTCOMES`)."""
        return RULE_OUTCOMES[self.value]

    def __str__(self) -> str:  # as its name is written in graph.json and the JSON outputs, on every Python
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


RULE_OUTCOMES = {
    "granted": "stands", "supported": "stands", "won": "stands",
    "attacked": "defeated", "rival-granted": "defeated", "outweighed": "outweighed", "balanced": "balanced",
    "unsupported": "not established", "not-established": "not established", "condition-failed": "not established",
    "open": "open", "waiting": "open", "rejected": "rejected", "disputed": "rejected",
}
assert set(RULE_OUTCOMES) == {r.value for r in Rule}


def status_class(label: Label | str) -> str:
    """The CSS class of a box with this status.

    >>> status_class(Label.OUT)
    'status-out'
    """
    return f"status-{Label(label).value}"


# Weights in words, and the proof standards that decide an issue (Carneades): a position with
# strength w1 > 0 wins if, against the strength w2 of every rival, the standard holds.
WEIGHT_WORDS = {"low": 0.2, "medium": 0.5, "high": 0.8}
# Words by which a text hedges what it says (the weight rubric's "could", "may", "might", "risks", and their kin):
# the reader's lens "what the article leaves unsaid" marks them in the quotes of the claims that use them.
HEDGES = ("could", "may", "might", "would", "risk", "risks", "perhaps", "possibly", "potentially", "likely",
          "seem", "seems", "appear", "appears")
CCE_MARGIN = 0.5  # clear and convincing evidence: w1 - w2 > CCE_MARGIN
BRD_DOUBT = 0.3  # beyond reasonable doubt: as CCE, and w2 < BRD_DOUBT


@dataclass(frozen=True)
class Standard:
    code: str
    name: str
    plain: str = ""  # what it asks, in a reader's words

    def met(self, w1: float, w2: float) -> bool:
        """Whether strength ``w1`` for a position beats ``w2`` against it under this standard.

        >>> [STANDARDS[c].met(0.8, 0.2) for c in ("PE", "CCE", "BRD")], STANDARDS["BRD"].met(0.9, 0.35)
        ([True, True, True], False)
        """
        if not w1 > w2:
            return False
        if self.code == "PE":
            return True
        return w1 - w2 > CCE_MARGIN and (self.code == "CCE" or w2 < BRD_DOUBT)


STANDARDS = {s.code: s for s in (
    Standard("PE", "preponderance of the evidence", "the heavier side wins"),
    Standard("CCE", "clear and convincing evidence", "a side wins only if it weighs clearly more"),
    Standard("BRD", "beyond reasonable doubt", "a side wins only if it weighs clearly more and the other almost "
                                              "nothing"))}


def weight_word(weight: float) -> str:
    """A weight as a reader says it: low, medium or high where it is one of them, else its number.

    >>> weight_word(0.8), weight_word(0.35), weight_word(0)
    ('high', '0.35', 'nothing')
    """
    if weight == 0:
        return "nothing"
    return next((word for word, value in WEIGHT_WORDS.items() if value == weight), f"{weight:g}")

ROLE_NAMES = {
    "thesis": "Thesis", "reason": "Reason", "consequence": "Consequence", "risk": "Risk",
    "objection": "Objection", "rebuttal": "Rebuttal", "caveat": "Caveat", "condition": "Condition",
    "background": "Background", "outcome": "Outcome",
}
KIND_NAMES = {
    "report": "Report", "official-statement": "Official statement", "statistic": "Statistic",
    "agreement": "Agreement", "policy-document": "Policy document", "historical-precedent": "Historical precedent",
    "event": "Event", "expert-opinion": "Expert opinion", "other": "Other",
}
BASIS_NAMES = {
    "primary-source": "linked to its primary source",
    "named-in-article": "the article names its source but gives no link: the fact rests on the article's word",
    "article-only": "the article gives no source: the fact rests on the article's word alone",
}

# Material's light palette, 50 shades: readable behind black text (contrast > 12:1). The CSS
# classes p0...p7 carry the same fills (and dark-mode ones) on the site.
# Pale fills, in the order perspectives are declared: blue, yellow, lilac and grey first, so that the first
# four never look like the relations' green (supports), red (attacks) or orange (undercuts), and stay apart
# for readers with a colour-vision deficiency (tests/test_vocabulary.py simulates three).
# The parts a perspective plays, each with its fill (the index in PERSPECTIVE_FILLS), the same in every debate; the
# voices with no such part take the fills left, in the debate's order.
PERSPECTIVE_ROLES = ("author", "supporters", "critics", "officials")


def perspective_fills(perspectives) -> dict[str, int]:
    """Each perspective's fill (an index in PERSPECTIVE_FILLS): by its role, or by its id where that names a role,
    else the first fill no role holds, in order.

    >>> from build_tools.model import Perspective as P
    >>> perspective_fills([P("author", "A", "a"), P("critics", "C", "c")])
    {'author': 0, 'critics': 2}
    >>> perspective_fills([P("skeptics", "S", "s", role="critics"), P("press", "P", "p"), P("city", "C", "c")])
    {'skeptics': 2, 'press': 4, 'city': 5}
    """
    found: dict[str, int] = {}
    for p in perspectives:
        role = p.role or (p.id if p.id in PERSPECTIVE_ROLES else None)
        if role is not None:
            found[p.id] = PERSPECTIVE_ROLES.index(role)
    spare = [i for i in range(len(PERSPECTIVE_FILLS)) if i >= len(PERSPECTIVE_ROLES)]
    for n, p in enumerate(q for q in perspectives if q.id not in found):
        found[p.id] = spare[n % len(spare)]
    return {p.id: found[p.id] for p in perspectives}


PERSPECTIVE_FILLS = ("#dbeafe", "#f5f0b0", "#e7b6f7", "#d6d6d6", "#e0f7fa", "#fff3e0", "#e8f5e9", "#fce4ec")
UNCLASSIFIED_FILL = "#f5f5f5"
# A named argument's own fill (Argdown draws arguments as rounded boxes of their own colour): a pale teal apart
# from the perspectives' fills; its box also has a double border and the word ARGUMENT, so colour is not the only
# sign. The CSS class "argument" carries it (and its dark-mode fill) on the site.
ARGUMENT_FILL = "#c4ebe0"
