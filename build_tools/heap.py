"""Python's cyclic garbage collector, paused while a stage makes many objects that outlive it.

Checking a debate, analysing it and building its pages make hundreds of thousands of small objects (YAML nodes,
positions, statuses, page texts) that live on; each of the collector's full passes walks all of them again, so
with the collector running these stages grew faster than the debate (at 10,000 nodes, a third of the check's
time). Almost none of them form cycles: reference counting frees them. The collector runs again as soon as the
stage ends (benchmarks/speed.py shows the check at 1,000 and 10,000 nodes).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the ``with`` block (as it was before, after it; nested blocks are fine)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
