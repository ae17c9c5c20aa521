"""What a check gives: :class:`CheckResult`; and :class:`ProjectError`, when there is nothing to check.

Kept apart from :mod:`.project` so that a check read back from the cache (:mod:`.cache`) needs none of
the reading and checking code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..analysis import Analysis
from ..diagnostics import Diagnostic
from ..model import Debate

__all__ = ["CheckResult", "ProjectError"]


class ProjectError(Exception):
    """The project itself cannot be checked (no arguments/ folder, unknown debate...)."""


@dataclass
class CheckResult:
    """The analysis of every debate that could be assembled, every problem found, the files read."""

    analyses: list[Analysis] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    # Files outside arguments/ the check asked about (the schemas named on first lines): path to whether
    # a file was there. The check's cache is valid only while they are as they were.
    probes: dict[str, bool] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def debates(self) -> list[Debate]:
        return [a.debate for a in self.analyses]
