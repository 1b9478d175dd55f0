"""A national graph is kept out of the garbage collector's later passes, by the front door that opens
it (`kaskade.open_path`, and the benchmark's networkx engine); small graphs and the library's own
builders leave the collector alone."""
from __future__ import annotations

import gc

import pytest

from base.collector import settle_large
from graph.build import build_graph
from graph.graph_file import open_graph, save_graph
from kaskade.open import open_path
from kaskade.sample import sample_dataset
from loaders.write import write_dataset


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    dataset = sample_dataset()
    return write_dataset(dataset, folder / "rencana"), save_graph(build_graph(dataset), folder / "rencana.kgraph")


def test_a_large_build_is_frozen_and_still_freed_by_reference_count(unfrozen):
    before = gc.get_freeze_count()
    payload = [[k] for k in range(1000)]
    assert settle_large(len(payload), threshold=500)
    assert gc.get_freeze_count() >= before + len(payload)
    del payload  # frozen objects are still freed when nothing refers to them


@pytest.mark.parametrize("which", [0, 1], ids=["csv folder", "kgraph"])
def test_open_path_freezes_a_graph_at_or_above_the_threshold(sample_files, which, unfrozen):
    source = sample_files[which]
    nodes = open_path(source).graph.number_of_nodes()
    assert gc.get_freeze_count() == 0  # the sample is far below a national graph
    opened = open_path(source, freeze_from=nodes)
    assert opened.graph.number_of_nodes() == nodes
    assert gc.get_freeze_count() > nodes  # the graph's nodes (and their dicts) are out of later passes


def test_the_library_builders_never_freeze(sample_files, unfrozen):
    dataset = sample_dataset()
    build_graph(dataset)
    open_graph(sample_files[1])
    assert gc.get_freeze_count() == 0
