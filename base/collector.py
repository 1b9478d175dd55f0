"""Pause Python's cyclic garbage collector around a bulk build.

Loading national files, building their graph or its index makes millions of container objects
(rows, models, dicts, tuples) and no reference cycles; each full pass of the collector over them
costs seconds and frees nothing.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, and back as it was after (also on an exception)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
