"""Fixtures, hypothesis profiles, and CI's rule that no test is skipped silently (helpers are in helpers.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import CORPORA_OPTIONAL, CORPUS_MISSING, ROOT

# Deterministic under CI: the same examples every run, no deadline (machines here are noisy).
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", deadline=None, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("ci" if os.environ.get("CI") == "true" else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small example project in tests/examples/valid, to modify."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", target, ignore=shutil.ignore_patterns(".cache"))
    return target


def _skips(config: pytest.Config) -> tuple[int, int]:
    """How many tests were skipped: for any reason but missing external data, and for that one."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    missing = sum(1 for report in skipped if CORPUS_MISSING in str(report.longrepr))
    return len(skipped) - missing, missing


def _skipped_under_ci(config: pytest.Config) -> int:
    if os.environ.get("CI") != "true":
        return 0
    other, missing = _skips(config)
    return other + (0 if CORPORA_OPTIONAL else missing)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    _, missing = _skips(config)
    if missing and CORPORA_OPTIONAL:
        terminalreporter.write_line(f"{missing} test(s) not run: the external corpora are not here "
                                    "(ARGMAP_CORPORA_OPTIONAL=1; .ci/run requires them)", yellow=True)
    if _skipped_under_ci(config):
        terminalreporter.write_line("CI=true: a test was skipped, and under CI nothing may be skipped: failing the run",
                                    red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test fails the run: nothing may be skipped silently."""
    if exitstatus == 0 and _skipped_under_ci(session.config):
        session.exitstatus = 1
