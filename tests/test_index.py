"""The compact index: one per graph, rebuilt after a change, reachability equal to networkx."""
from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from graph.schema import UP_EDGES, NodeKind
from queries._examples import random_dataset, tiny_graph
from queries.index import graph_index


def test_index_is_cached_per_graph_and_rebuilt_after_a_change():
    G = tiny_graph()
    idx = graph_index(G)
    assert graph_index(G) is idx
    assert graph_index(tiny_graph()) is not idx
    G.add_node("sasaran:NEW", kind="sasaran", name="baru", pemda="64")
    assert graph_index(G).n == idx.n + 1


def test_index_holds_attributes_of_lines():
    G = tiny_graph()
    idx = graph_index(G)
    i = idx.pos["sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"]
    assert idx.pagu[i] == 5e8 and idx.year[i] == 2025 and idx.level[i] == 2
    assert idx.label(idx.pemda[i]) == "64.02" and idx.label(idx.family[i]) == "1.03.10"
    assert idx.ids[idx.agency[i]] == "perangkat_daerah:64.02/1.03.0.00.0.00.01.0000"


def _agreed_up(G):
    H = nx.DiGraph()
    H.add_nodes_from(G)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in {e.value for e in UP_EDGES} and G.nodes[u]["kind"] != NodeKind.REGION:
            if d.get("status", "disepakati") == "disepakati":
                H.add_edge(u, v)
    return H


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_reach_equals_networkx_ancestors(seed):
    G = build_graph(random_dataset(seed))
    idx = graph_index(G)
    H = _agreed_up(G)
    targets = [n for n, k in G.nodes(data="kind") if k == NodeKind.TARGET]
    expected = set(targets).union(*(nx.ancestors(H, t) for t in targets)) if targets else set()
    got = {idx.ids[i] for i in np.flatnonzero(idx.reach(idx.is_kind(NodeKind.TARGET), down=True))}
    assert got == expected


def _fields(idx):
    out = {}
    for name, value in vars(idx).items():
        if name == "_cache":
            continue
        if name == "edges":
            value = {k: (a.tolist(), b.tolist()) for k, (a, b) in value.items()}
        elif isinstance(value, np.ndarray):
            value = (value.dtype.str, value.tolist())
        out[name] = value
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_the_index_read_from_line_columns_equals_the_index_read_node_by_node(seed):
    """A built graph's lines are indexed from their column table and its edges from shared key dicts;
    a copy holds plain dicts and is read node by node and edge by edge: the same index, labels numbered
    in the same order."""
    G = build_graph(random_dataset(seed))
    assert _fields(graph_index(G)) == _fields(graph_index(G.copy()))


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.booleans())
def test_up_edges_read_either_way_are_one_matrix_transposed(seed, down_first):
    """The down adjacency is the up one transposed, whichever was asked first (the second is
    derived from the first)."""
    from graph.schema import LinkStatus

    G = build_graph(random_dataset(seed))
    first = graph_index(G).up([LinkStatus.AGREED], reverse=down_first)
    second = graph_index(G).up([LinkStatus.AGREED], reverse=not down_first)
    fresh = graph_index(G.copy()).up([LinkStatus.AGREED], reverse=not down_first)  # built from the edges
    assert second.has_sorted_indices and (second != fresh).nnz == 0 and (first.T != second).nnz == 0
