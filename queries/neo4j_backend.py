"""The analyses on a graph stored in Neo4j (or FalkorDB): the same functions, the same results.

Every public analysis carries `dispatch`: given a networkx graph it runs as it always did; given a
`graph.neo4j_store.Neo4jGraph` (what ``KASKADE_BACKEND=neo4j`` opens) it first selects, in the
database, the part of the graph the analysis can touch, and then runs the SAME Python code on it.

What runs in Cypher is the selection (`SCOPES`, the store's ``read_*`` statements with the
filters as parameters): the work (program, kegiatan, sub kegiatan) of the year, governments,
province and bidang the `Filters` name, every goal, indicator, agency, government and region, the
relationships among them, and the root or start node an analysis names with its kegiatan and
programme. With a year and a government chosen, the work left in the database is nearly all of it
at national scale; with no filter the whole graph is read. The analyses themselves (reachability along up links whose status counts, equal
pagu splits, place overlaps, fuzzy name matching with rapidfuzz) finish in Python on that part:
portable Cypher (no APOC, no quantified path patterns) only has variable-length matching, which
enumerates paths rather than nodes, so it has no linear-time reachability, and it has no fuzzy
matching at all. `queries.neo4j_cypher` computes two answers wholly in Cypher (the aligned share
per government and the orphan findings), checked against the Python results in the tests.

The selection is exact because an up path from selected work never enters other work: up links
lead from work only to its own kegiatan and programme (same government and year) or to goals and
indicators, and `graph.build` never makes an indicator measure work.

>>> sorted(SCOPES)  # doctest: +NORMALIZE_WHITESPACE
['aligned_share', 'budget_flow', 'cascade', 'coverage', 'interventions_for', 'interventions_in',
 'line_of_sight', 'mandates', 'orphans', 'overlaps', 'who_where']
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import networkx as nx

from queries.filters import Filters

__all__ = ["Scope", "SCOPES", "dispatch", "scoped_graph", "statements"]


@dataclass(frozen=True)
class Scope:
    """What an analysis reads from the database. `root` names the argument holding a node id that
    is read with its kegiatan and programme; `filtered` says whether the work its `Filters` select
    is read (line_of_sight follows one node only); `programs` reads every programme (who_where names
    a programme family after the first government that named it)."""

    root: str | None = None
    filtered: bool = True
    programs: bool = False


SCOPES: dict[str, Scope] = {
    "cascade": Scope(root="root"),
    "line_of_sight": Scope(root="node", filtered=False),
    "orphans": Scope(),
    "mandates": Scope(),
    "overlaps": Scope(),
    "who_where": Scope(programs=True),
    "interventions_for": Scope(),
    "interventions_in": Scope(),
    "budget_flow": Scope(root="root"),
    "aligned_share": Scope(),
    "coverage": Scope(),
}


def dispatch(func):
    """Run `func` on networkx as is, or on the part of a stored graph its `Scope` selects."""
    scope = SCOPES[func.__name__]
    signature = inspect.signature(func)

    @functools.wraps(func)
    def run(G, *args, **kwargs):
        if isinstance(G, nx.Graph):
            return func(G, *args, **kwargs)
        from graph.neo4j_store import Neo4jGraph

        if not isinstance(G, Neo4jGraph):
            return func(G, *args, **kwargs)
        bound = signature.bind(G, *args, **kwargs)
        bound.apply_defaults()
        return func(scoped_graph(G, scope, bound.arguments), *args, **kwargs)

    return run


def scoped_graph(store, scope: Scope, arguments: dict) -> nx.MultiDiGraph:
    """The part of the stored graph an analysis called with `arguments` can touch, as networkx."""
    from graph.neo4j_store import read_scope, scope_params, with_parents

    filters = arguments.get("filters") or Filters()
    root = arguments.get(scope.root) if scope.root else None
    extra = with_parents(store, root) if root else []
    params = scope_params(year=filters.year, pemda=filters.pemda, province=filters.province,
                           bidang=filters.bidang, work=scope.filtered, extra=extra, programs=scope.programs)
    return read_scope(store, params)


def statements() -> dict[str, str]:
    """The analyses' own Cypher by name (the scope reads are the store's ``read_*`` statements)."""
    from queries import neo4j_cypher

    return neo4j_cypher.statements()

