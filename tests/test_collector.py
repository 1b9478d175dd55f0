"""A national graph is kept out of the garbage collector's later passes; small graphs are not."""
from __future__ import annotations

import gc

from base.collector import settle_large
from graph.build import build_graph
from kaskade.sample import sample_dataset


def test_a_large_build_is_frozen_and_still_freed_by_reference_count():
    before = gc.get_freeze_count()
    try:
        payload = [[k] for k in range(1000)]
        assert settle_large(len(payload), threshold=500)
        assert gc.get_freeze_count() >= before + len(payload)
        del payload  # frozen objects are still freed when nothing refers to them
    finally:
        gc.unfreeze()


def test_the_sample_graph_is_not_frozen():
    gc.unfreeze()
    build_graph(sample_dataset())
    assert gc.get_freeze_count() == 0
