"""The analyses on a graph stored in Neo4j (or FalkorDB): the same functions, the same results.

Every public analysis carries `dispatch`: given a networkx graph it runs as it always did; given a
`graph.neo4j_store.Neo4jGraph` (what ``KASKADE_BACKEND=neo4j`` opens) it first selects, in the
database, the part of the graph the analysis can touch, and then runs the SAME Python code on it.

What runs in Cypher is the selection (`SCOPES`, the store's ``read_*`` statements with the
filters as parameters): the work (program, kegiatan, sub kegiatan) of the year, governments,
province and bidang the `Filters` name, every goal, indicator, agency, government and region, the
relationships among them, and the root or start node an analysis names with its kegiatan and
programme. Only work other analyses never look at stays in the database, which at national scale is
nearly all of it. The analyses themselves (reachability along up links whose status counts, equal
pagu splits, place overlaps, fuzzy name matching with rapidfuzz) finish in Python on that part:
portable Cypher (no APOC, no quantified path patterns) only has variable-length matching, which
enumerates paths rather than nodes, so it has no linear-time reachability, and it has no fuzzy
matching at all. `ALIGNED_SHARE` is the one analysis whose whole answer is also computed by Cypher;
`aligned_share_in_database` runs it, and the tests check it against the Python result.

The selection is exact because an up path from selected work never enters other work: up links
lead from work only to its own kegiatan and programme (same government and year) or to goals and
indicators, and `graph.build` never makes an indicator measure work.

>>> sorted(SCOPES)  # doctest: +NORMALIZE_WHITESPACE
['aligned_share', 'budget_flow', 'cascade', 'coverage', 'interventions_for', 'line_of_sight',
 'mandates', 'orphans', 'overlaps', 'who_where']
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import networkx as nx

from graph.schema import EdgeKind, IndicatorType
from queries.filters import Filters

__all__ = ["Scope", "SCOPES", "dispatch", "scoped_graph", "statements", "ALIGNED_SHARE", "aligned_share_in_database"]


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
    from graph.neo4j_store import ANCESTORS, scope_params, read, read_scope

    filters = arguments.get("filters") or Filters()
    extra: list[str] = []
    root = arguments.get(scope.root) if scope.root else None
    if root:
        extra.append(root)
        for record in read(store, ANCESTORS, id=root):
            extra.extend(p for p in record["parents"] if p)
    params = scope_params(year=filters.year, pemda=filters.pemda, province=filters.province,
                           bidang=filters.bidang, work=scope.filtered, extra=extra, programs=scope.programs)
    return read_scope(store, params)


ALIGNED_SHARE = """
MATCH (l:SubKegiatan)
WHERE ($year IS NULL OR l.tahun = $year) AND ($pemda IS NULL OR l.pemda IN $pemda)
  AND ($province IS NULL OR l.province = $province) AND ($bidang IS NULL OR l.bidang IN $bidang)
OPTIONAL MATCH path = (l)-[:PART_OF|CONTRIBUTES_TO|MEASURES|ALIGNS_WITH*1..]->(goal)
WHERE (goal:Priority OR goal:Target OR (goal:Indicator AND goal.jenis <> $output))
  AND all(r IN relationships(path) WHERE type(r) <> $contributes OR r.status IN $status)
WITH l, collect(DISTINCT goal:Priority) AS reached
WITH l.pemda AS government, l.pagu AS pagu, true IN reached AS national, size(reached) > 0 AS outcome
WITH government, count(*) AS lines, sum(pagu) AS total,
     sum(CASE WHEN national THEN pagu ELSE 0.0 END) AS pagu_national,
     sum(CASE WHEN outcome AND NOT national THEN pagu ELSE 0.0 END) AS pagu_regional,
     sum(CASE WHEN outcome THEN 0.0 ELSE pagu END) AS pagu_none
OPTIONAL MATCH (g:Government {kode: government})
RETURN government, g.name AS name, lines, total, pagu_national, pagu_regional, pagu_none
ORDER BY government
"""
"""`aligned_share` wholly in Cypher: per government, the pagu of the selected lines that reaches a
national priority, only a regional target or outcome, or nothing (up links; mendukung links count
when their status is in ``$status``)."""


def aligned_share_in_database(store, filters: Filters | None = None):
    """`queries.aligned_share` computed by `ALIGNED_SHARE` in the database (variable-length paths:
    fine for a province, slow for the whole country, where `aligned_share(store)` is the way)."""
    from graph.neo4j_store import read
    from queries.budget import AlignedShare
    from queries.results import Rows

    filters = filters or Filters()
    records = read(store, ALIGNED_SHARE, year=filters.year, pemda=list(filters.pemda) or None,
                   province=filters.province, bidang=list(filters.bidang) or None,
                   output=IndicatorType.KELUARAN.value, contributes=_type(EdgeKind.CONTRIBUTES_TO),
                   status=[s.value for s in filters.status])
    rows = []
    for r in records:
        whole = float(r["total"])
        share = (lambda x: float(x / whole)) if whole > 0 else (lambda x: 0.0)
        rows.append(AlignedShare(
            government=r["government"], name=r["name"] or r["government"], sub_kegiatan=r["lines"], pagu=whole,
            pagu_national=float(r["pagu_national"]), pagu_regional=float(r["pagu_regional"]),
            pagu_none=float(r["pagu_none"]), share_national=share(r["pagu_national"]),
            share_regional=share(r["pagu_regional"]), share_none=share(r["pagu_none"])))
    return Rows(rows)


def _type(kind: EdgeKind) -> str:
    from graph.neo4j_store import REL_TYPES

    return REL_TYPES[kind]


def statements() -> dict[str, str]:
    """The Cypher of this module by name (the scope reads are the store's ``read_*`` statements)."""
    return {"aligned_share": ALIGNED_SHARE}

