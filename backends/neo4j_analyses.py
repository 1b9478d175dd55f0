"""The analyses on a graph stored in Neo4j (or FalkorDB): the same functions, the same results.

`run` is the one way the CLI and the app call an analysis of `queries`: given a networkx graph it
calls the function as is; given a `backends.neo4j_store.Neo4jGraph` (what ``KASKADE_BACKEND=neo4j``
opens) it asks the database. The analyses know nothing of the store.

The analyses of `IN_DATABASE` run wholly in the database: Cypher finds the findings and returns
only them, and Python builds the same result types from the returned rows (orphans, aligned
share, mandates, overlaps, cascade, line of sight, who_where, interventions, coverage,
budget_flow, theme and SPM lines; see `backends.neo4j_cypher`, `neo4j_mandates`,
`neo4j_overlaps`, `neo4j_near`, `neo4j_paths`, `neo4j_where`, `neo4j_coverage`, `neo4j_flow`,
`neo4j_themes`, each saying what small step stays in Python).

On a graph pushed before the name texts were stored, the near-duplicate overlaps select, in the
database, the part of the graph they can touch (the `Scope` of `queries.overlaps` in `SCOPES`,
the store's ``read_*`` statements with the filters as parameters: the work of the year,
governments, province and bidang the `Filters` name, every goal, indicator, agency, government
and region, and the relationships among them) and run the SAME Python code on it
(`backends.neo4j_near`). With no filter that reads most of the graph.

The selection is exact because an up path from selected work never enters other work: up links
lead from work only to its own kegiatan and programme (same government and year) or to goals and
indicators, and `graph.build` never makes an indicator measure work.

>>> sorted(f.__name__ for f in SCOPES)  # doctest: +NORMALIZE_WHITESPACE
['aligned_share', 'budget_flow', 'cascade', 'coverage', 'desk', 'interventions_for', 'interventions_in',
 'line_of_sight', 'mandates', 'orphans', 'overlaps', 'spm_lines', 'theme_lines', 'who_where']
>>> sorted(f.__name__ for f in SCOPES if f not in IN_DATABASE)
[]
>>> from queries._examples import tiny_graph
>>> len(run(queries.orphans, tiny_graph())) == len(queries.orphans(tiny_graph()))
True
"""
from __future__ import annotations

import inspect
from functools import partial
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

import queries
from backends import neo4j_app, neo4j_coverage, neo4j_cypher, neo4j_desk, neo4j_flow, neo4j_mandates, neo4j_near, neo4j_overlaps, neo4j_paths, neo4j_themes, neo4j_where
from backends.neo4j_store import Neo4jGraph, read_scope, scope_params, with_parents
from queries.filters import Filters
from queries.overlap_find import KINDS
from queries.results import Rows

__all__ = ["IN_DATABASE", "overlaps_in_database", "Scope", "SCOPES", "run", "scoped_graph", "statements"]


@dataclass(frozen=True)
class Scope:
    """What an analysis reads from the database. `root` names the argument holding a node id that
    is read with its kegiatan and programme; `filtered` says whether the work its `Filters` select
    is read (line_of_sight follows one node only); `programs` reads every programme (who_where names
    a programme family after the first government that named it)."""

    root: str | None = None
    filtered: bool = True
    programs: bool = False


SCOPES: dict[Callable, Scope] = {
    queries.cascade: Scope(root="root"),
    queries.line_of_sight: Scope(root="node", filtered=False),
    queries.orphans: Scope(),
    queries.mandates: Scope(),
    queries.overlaps: Scope(),
    queries.who_where: Scope(programs=True),
    queries.interventions_for: Scope(),
    queries.interventions_in: Scope(),
    queries.budget_flow: Scope(root="root"),
    queries.aligned_share: Scope(),
    queries.coverage: Scope(),
    queries.desk: Scope(),
    queries.theme_lines: Scope(),
    queries.spm_lines: Scope(),
}


IN_DATABASE: dict[Callable, Callable] = {
    queries.orphans: neo4j_cypher.orphans_in_database,
    queries.aligned_share: neo4j_cypher.aligned_share_in_database,
    queries.mandates: neo4j_mandates.mandates_in_database,
    queries.line_of_sight: neo4j_paths.line_of_sight_in_database,
    queries.cascade: neo4j_paths.cascade_in_database,
    queries.who_where: neo4j_where.who_where_in_database,
    queries.interventions_in: neo4j_where.interventions_in_database,
    queries.interventions_for: neo4j_where.interventions_for_in_database,
    queries.budget_flow: neo4j_flow.budget_flow_in_database,
    queries.theme_lines: neo4j_themes.theme_lines_in_database,
    queries.spm_lines: neo4j_themes.spm_lines_in_database,
    queries.desk: neo4j_desk.desk_in_database,
}
"""The analyses answered wholly in the database: the function of `queries` -> the one that asks
the database the same question (same arguments, same result type)."""


def overlaps_in_database(store, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
                         threshold: float = 90.0, max_pairs: int = 1000, nomenclature=None) -> Rows:
    """`queries.overlaps` on a stored graph: the same-code and family findings wholly in Cypher
    (`backends.neo4j_overlaps`), the near-duplicate ones from the few lines whose names can pair
    (`backends.neo4j_near`). On a graph pushed before the name texts were stored, the near
    duplicates (and then the family findings too) come from the scope read into networkx."""
    filters = filters or Filters()
    found = neo4j_overlaps.same_code_overlaps(store, filters) if "same_sub_kegiatan" in kinds else []
    near = None
    if "near_duplicate" in kinds:
        near = neo4j_near.near_duplicates(store, filters, threshold=threshold, max_pairs=max_pairs,
                                          nomenclature=nomenclature, skip_family="family" in kinds)
    if near is None and "near_duplicate" in kinds:  # no name texts stored: the scope, as before
        scoped = ("family", "near_duplicate") if "family" in kinds else ("near_duplicate",)
        near = queries.overlaps(scoped_graph(store, SCOPES[queries.overlaps], {"filters": filters}), filters,
                                kinds=scoped, threshold=threshold, max_pairs=max_pairs, nomenclature=nomenclature)
    elif "family" in kinds:
        found += neo4j_overlaps.family_overlaps(store, filters)
    if near is None:
        near = queries.overlaps(nx.MultiDiGraph(), filters, kinds=())  # no finding, the notes every answer has
    found += near
    found.sort(key=lambda o: (KINDS.index(o.reason), o.year, o.family, o.place, o.a_government, o.b_government,
                              o.a_lines, o.b_lines))
    return Rows(found, near.notes)


IN_DATABASE[queries.overlaps] = overlaps_in_database
IN_DATABASE[queries.coverage] = partial(neo4j_coverage.coverage_in_database, overlaps_of=overlaps_in_database)


def run(func: Callable, graph: Any, /, *args: Any, **kwargs: Any) -> Any:
    """``func(graph, *args, **kwargs)``; on a stored graph, wholly in the database when the analysis
    is in `IN_DATABASE`, else on the part its `Scope` selects."""
    if not isinstance(graph, Neo4jGraph):
        return func(graph, *args, **kwargs)
    if func in IN_DATABASE:
        return IN_DATABASE[func](graph, *args, **kwargs)
    scope = SCOPES[func]
    bound = inspect.signature(func).bind(graph, *args, **kwargs)
    bound.apply_defaults()
    return func(scoped_graph(graph, scope, bound.arguments), *args, **kwargs)


def scoped_graph(store, scope: Scope, arguments: dict) -> nx.MultiDiGraph:
    """The part of the stored graph an analysis called with `arguments` can touch, as networkx."""
    filters = arguments.get("filters") or Filters()
    root = arguments.get(scope.root) if scope.root else None
    extra = with_parents(store, root) if root else []
    params = scope_params(year=filters.year, pemda=filters.pemda, province=filters.province,
                           bidang=filters.bidang, work=scope.filtered, extra=extra, programs=scope.programs)
    return read_scope(store, params)


def statements() -> dict[str, str]:
    """The analyses' own Cypher by name, and the app's reads (the scope reads are the store's ``read_*`` statements)."""
    return {**neo4j_cypher.statements(), **{f"mandates_{k}": t for k, t in neo4j_mandates.statements().items()},
            **{f"overlaps_{k}": t for k, t in neo4j_overlaps.statements().items()},
            **{f"near_{k}": t for k, t in neo4j_near.statements().items()},
            **{f"desk_{k}": t for k, t in neo4j_desk.statements().items()},
            **{f"paths_{k}": t for k, t in neo4j_paths.statements().items()},
            **{f"where_{k}": t for k, t in neo4j_where.statements().items()},
            **{f"coverage_{k}": t for k, t in neo4j_coverage.statements().items()},
            **{f"flow_{k}": t for k, t in neo4j_flow.statements().items()},
            **{f"themes_{k}": t for k, t in neo4j_themes.statements().items()},
            **{f"app_{k}": t for k, t in neo4j_app.statements().items()}}

