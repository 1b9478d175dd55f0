"""Desk decisions applied when data is opened: where they are kept and the graph they make.

`store_for` names the decisions store of a data source (`backends.decisions.decisions_path`, the
KASKADE_DECISIONS setting passed in by the caller); `decided` applies the decisions in force to a
graph (`queries.decisions.apply_decisions`), so every analysis sees the statuses the desk agreed.
A source with no decisions file yet is returned as it is, and nothing is created.

>>> import tempfile, pathlib
>>> from kaskade.open import sample_graph
>>> store = store_for(None, str(pathlib.Path(tempfile.mkdtemp()) / "d.sqlite"))
>>> G = sample_graph()
>>> decided(G, store) is G
True
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from backends.decisions import DecisionStore, decisions_path
from queries.decisions import apply_decisions

__all__ = ["store_for", "decided", "database_store"]


def store_for(source: str | Path | None, setting: str | None = None) -> DecisionStore:
    """The decisions store of `source` (None: the bundled sample); `setting` overrides the place."""
    return DecisionStore(decisions_path(source, setting))


def decided(G: nx.MultiDiGraph, store) -> nx.MultiDiGraph:
    """`G` with the decisions in force applied (a copy), or `G` itself when there are none. `store` is a
    `backends.decisions.DecisionStore` or a `backends.neo4j_decisions.Neo4jDecisionStore`."""
    if not store.exists():
        return G
    return apply_decisions(G, store.decisions())


def database_store(graph):
    """The decisions kept in the database of a `backends.neo4j_store.Neo4jGraph`."""
    from backends.neo4j_decisions import Neo4jDecisionStore

    return Neo4jDecisionStore(graph)
