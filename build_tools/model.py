"""The model of a debate: plain, frozen dataclasses, built from validated documents.

A debate holds claims, evidence and named arguments (all *nodes*) and three kinds of
relation, each declared in the file of the node that makes it:

- a :class:`Support` is one inference step: its premises (one node, or several linked
  premises that work only together) support a conclusion;
- an :class:`Attack`: a node attacks a claim;
- an :class:`Undercut`: a node challenges the inference of a support step, not its
  premises or conclusion.

A named *argument* (Argdown's argument, AIF's RA node) is a node too. Its ``structure`` is a
chain of :class:`Inference` steps; the last step's premises support the argument and the
argument supports its main conclusion, so an argument stands exactly when its last step holds
(its intermediate steps are support steps like any other). An argument without a structure is
a premise the map takes as given, as a claim nothing supports is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "Origin", "Origins", "NodeKind", "Inference", "Perspective", "SourceInfo", "Citation", "Node", "Support",
    "Attack", "Undercut", "Unmapped", "Debate", "Weighing", "Issue",
]


@dataclass(frozen=True)
class Origin:
    """Where something was written: a file relative to the project root, line, column."""

    path: str
    line: int = 1
    column: int = 1


class Origins(Mapping):
    """Field name (dotted for nested fields) to the :class:`Origin` of its value, worked out from the
    reader's positions (JSON path to line and column) only when first asked: most never are."""

    __slots__ = ("_path", "_positions", "_table")

    def __init__(self, path: str, positions: Mapping) -> None:
        self._path, self._positions, self._table = path, positions, None

    def _origins(self) -> dict:
        if self._table is None:
            self._table = {".".join(map(str, where)): Origin(self._path, line, column)
                           for where, (line, column) in self._positions.items() if where}
        return self._table

    def __getitem__(self, name: str) -> Origin:
        return self._origins()[name]

    def __iter__(self):
        return iter(self._origins())

    def __len__(self) -> int:
        return len(self._origins())

    def __repr__(self) -> str:
        return f"Origins({self._origins()!r})"


class NodeKind(str, enum.Enum):
    CLAIM = "claim"
    EVIDENCE = "evidence"
    ARGUMENT = "argument"

    @property
    def folder(self) -> str:
        return {"claim": "claims", "evidence": "evidence", "argument": "arguments"}[self.value]


@dataclass(frozen=True)
class Inference:
    """One step of an argument's structure: ``premises`` together give ``conclusion``."""

    premises: tuple[str, ...]
    conclusion: str


@dataclass(frozen=True)
class Perspective:
    id: str
    name: str
    description: str
    role: str | None = None  # author | supporters | critics | officials: its colour (vocabulary.PERSPECTIVE_ROLES)
    grants: tuple[str, ...] = ()  # premises of other voices this voice takes as given too (shared premises)
    disputes: tuple[str, ...] = ()  # what this voice does not accept, evidence included: out from its premises


@dataclass(frozen=True)
class SourceInfo:
    """The source text's details, each as the source gives it, or 'unknown'."""

    title: str
    author: str
    publication: str
    date: str
    url: str
    rights: str  # full-text | quotes-only | unknown

    @property
    def may_republish(self) -> bool:
        return self.rights == "full-text"


@dataclass(frozen=True)
class Citation:
    who: str
    what: str
    when: str
    url: str
    basis: str  # primary-source | named-in-article | article-only

    @property
    def rests_on_article(self) -> bool:
        """True when the fact rests on the article's word alone (no primary source)."""
        return self.basis != "primary-source"


@dataclass(frozen=True, kw_only=True)
class Node:
    """A claim or a piece of evidence. ``origins`` maps a field name to where it is written."""

    id: str
    kind: NodeKind
    label: str
    statement: str
    role: str | None = None
    perspective: str | None = None
    quotes: tuple[str, ...] = ()
    occurrence: int | None = None
    implicit: bool = False
    assumed: bool | None = None  # overrides whether the status evaluation grants the node
    open: bool = False  # an open condition: neither granted nor refuted unless a what-if or a perspective says
    requires: tuple[str, ...] = ()  # necessary conditions: claims without which this one cannot stand
    criterion: tuple[str, str] | None = None  # (name, value): the value it gives a criterion of a criteria weighing
    rationale: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    caution: str | None = None  # (evidence) what the article simplifies or leaves contestable, in our words
    evidence_kind: str | None = None
    citation: Citation | None = None
    structure: tuple[Inference, ...] = ()  # (argument) its inference steps; the last gives its main conclusion
    origin: Origin
    origins: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def conclusion(self) -> str | None:
        """(argument) Its main conclusion: the conclusion of its structure's last step."""
        return self.structure[-1].conclusion if self.structure else None

    def where(self, name: str) -> Origin:
        """Where field ``name`` (dotted for nested fields) is written, else its parent, else the file."""
        while name not in self.origins and "." in name:
            name = name.rsplit(".", 1)[0]
        return self.origins.get(name, self.origin)


@dataclass(frozen=True)
class Weighing:
    """How much an argument (a support step, or an attack on a position of an issue) weighs.

    ``function`` is one of Carneades' weighing functions (see :mod:`build_tools.weighing`):
    linked (the default), convergent, cumulative, factorized, constant, criteria or
    preference. ``weight`` (in [0, 1]) makes a linked argument weigh that much when it
    holds; ``weights`` gives another weight under a perspective; ``why`` says why.
    ``criteria``, ``preference`` and ``properties`` are the parameters of those functions.
    """

    function: str = "linked"
    weight: float | None = None
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    why: str | None = None
    criteria: Mapping | None = None
    preference: tuple = ()
    properties: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def as_dict(self) -> dict:
        """Every field as plain JSON data (the JSON export and graph.json write it so)."""
        return {"function": self.function, "weight": self.weight, "weights": dict(self.weights), "why": self.why,
                "criteria": self.criteria, "preference": list(self.preference), "properties": dict(self.properties)}

    def weight_for(self, perspective: str | None) -> float:
        """The weight of the argument when it holds, under ``perspective`` (None: as the map stands)."""
        if perspective is not None and perspective in self.weights:
            return self.weights[perspective]
        return 1.0 if self.weight is None else self.weight


@dataclass(frozen=True)
class Issue:
    """Rival positions (claims) decided by weighing the arguments for and against each under a proof standard."""

    id: str
    positions: tuple[str, ...]
    standard: str = "PE"
    origin: Origin = field(default_factory=lambda: Origin("debate.yaml"))
    question: str | None = None


@dataclass(frozen=True)
class Support:
    """``premises`` together support ``conclusion`` (one premise unless linked)."""

    premises: tuple[str, ...]
    conclusion: str
    declared_by: str
    origin: Origin
    weighing: Weighing | None = field(default=None, compare=False)
    kind: str = field(default="supports", compare=False)  # the relation (vocabulary.RELATIONS) that declares it

    @property
    def linked(self) -> bool:
        return len(self.premises) > 1

    @property
    def key(self) -> tuple[frozenset, str]:
        return frozenset(self.premises), self.conclusion


@dataclass(frozen=True)
class Attack:
    """``attacker`` attacks ``target``; ``kind`` names the relation (see vocabulary.RELATIONS) that does it."""

    attacker: str
    target: str
    origin: Origin
    kind: str = "attacks"
    weighing: Weighing | None = field(default=None, compare=False)
    # a symmetric relation's other way (vocabulary.Relation.symmetric), made by the assembly: the file declares the
    # relation the other way round only; writers that say the relation once leave this one out
    mirrored: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Undercut:
    """``undercutter`` challenges the step from ``premises`` to ``conclusion``."""

    undercutter: str
    premises: tuple[str, ...]
    conclusion: str
    origin: Origin


@dataclass(frozen=True)
class Unmapped:
    """A sentence of the source left off the map on purpose, and why."""

    quote: str
    reason: str
    origin: Origin


@dataclass(frozen=True)
class Debate:
    id: str
    folder: str
    title: str
    summary: str
    source: SourceInfo
    thesis: str
    perspectives: tuple[Perspective, ...]
    nodes: Mapping[str, Node]
    supports: tuple[Support, ...]
    attacks: tuple[Attack, ...]
    undercuts: tuple[Undercut, ...]
    source_text: str | None
    origin: Origin
    unmapped: tuple[Unmapped, ...] = ()
    origins: Mapping[str, Origin] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    issues: tuple[Issue, ...] = ()
    tag_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    checks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # code -> off | warning | error

    def tag_name(self, tag: str) -> str:
        """How a tag is shown to readers: its name in debate.yaml, or the tag with spaces for hyphens."""
        return self.tag_names.get(tag) or tag.replace("-", " ")

    @property
    def claims(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind is NodeKind.CLAIM]

    @property
    def evidence(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind is NodeKind.EVIDENCE]

    @property
    def arguments(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind is NodeKind.ARGUMENT]

    def in_structure(self, step: Support) -> bool:
        """Whether ``step`` is part of a named argument's structure (rather than declared by a relation)."""
        node = self.nodes.get(step.declared_by)
        if node is None or not node.structure:
            return False
        if step.conclusion == node.id or step.premises == (node.id,) and step.conclusion == node.conclusion:
            return True
        return any(frozenset(i.premises) == frozenset(step.premises) and i.conclusion == step.conclusion
                   for i in node.structure[:-1])

    def perspective(self, perspective_id: str) -> Perspective | None:
        return next((p for p in self.perspectives if p.id == perspective_id), None)
