"""Keep Python's cyclic garbage collector off the bulk of a national graph.

Loading national files, building their graph or its index makes millions of container objects
(rows, models, dicts, tuples) and no reference cycles; each full pass of the collector over them
costs seconds and frees nothing. `collector_paused` switches it off around a bulk build;
`settle_large` takes a large built graph out of every later pass (an analysis that makes a few
hundred thousand small objects would otherwise trigger full passes over the whole graph: at
tier L that was 5 of the 6.6 s of `orphans`).

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

__all__ = ["collector_paused", "settle_large", "LARGE"]

LARGE = 200_000
"""Objects (nodes) from which a built graph is taken out of the collector's passes."""


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


def settle_large(size: int, threshold: int = LARGE) -> bool:
    """After building something of `size` objects (a graph's nodes), move every object alive now
    into the collector's permanent generation (`gc.freeze`) when `size` is at least `threshold`:
    later passes skip them. They are still freed by reference counting as usual; only garbage
    cycles among them would stay (a built graph holds none). Small graphs, such as the tests'
    and one government's, are left as they are. Returns whether it froze.

    >>> settle_large(10)
    False
    """
    if size < threshold:
        return False
    gc.freeze()
    return True
