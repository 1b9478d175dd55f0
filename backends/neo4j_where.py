"""`queries.who_where`, `queries.interventions_in` and `queries.interventions_for` asked of the
database: who works where, found by Cypher.

A line's places are the regions it is located in, else its government's region (none for a
national line without lokasi), as in `queries.places.line_places` (`PLACES`).

`WHO_WHERE` groups the selected lines (tagged with the theme, when one is asked) by their sector
and the distinct places they cover, each cut to the cell level (a kecamatan, desa... to its
kab/kota, or to its kecamatan at kecamatan level; a province, or a kab/kota at kecamatan level,
stays whole), and returns per group the count, the pagu and the governments and agencies. Which
kab/kota a province holds, and which kecamatan a kab/kota, is the region list
(`reference.regions`, a Python reference no Cypher reads), so Python spreads each group over
the cells its places cover (a line counts once in a cell) and names regions and sectors; it
never sees a line. `PROGRAM_NAMES` names a programme family after the first government (by node
id) that named it.

`INTERVENTIONS_IN` returns the selected lines whose places overlap a region; `INTERVENTIONS_FOR`
(one statement per goal label) the lines below an indicator, target or priority along up links
whose status counts, through selected work, with the node each reaches it through on a shortest
path: where several shortest paths tie, the least id among the nodes the line links up to (the
embedded analysis takes the first in its graph's node order, which can name another of them).
Python only sorts them.

Theme matching lowercases in Cypher (``toLower``) where the embedded analysis casefolds: the same
for every theme name in the nomenclature, which are plain letters.

>>> sorted(statements())  # doctest: +NORMALIZE_WHITESPACE
['interventions_for_indikator', 'interventions_for_prioritas', 'interventions_for_sasaran', 'interventions_in',
 'program_names', 'who_where']
"""
from __future__ import annotations

from collections import defaultdict

from backends.neo4j_cypher import BATCH, COUNTS, FOUND, IS_WORK, WORK, batched, cypher, node_fields_of, parameters, read_rows, unbatched, v
from backends.neo4j_paths import check_node
from backends.neo4j_store import LABELS, read_in_chunks
from graph.schema import NodeKind
from queries.filters import Filters
from queries.results import Rows
from queries.who_where import (NOTE, Intervention, WhoWhereCell, by_level, cells_covered, cells_of, check_region,
                               check_who_where)
from reference import regions

__all__ = ["PLACES", "WHO_WHERE", "PROGRAM_NAMES", "INTERVENTIONS_IN", "INTERVENTIONS_FOR", "who_where_in_database",
           "interventions_in_database", "interventions_for_in_database", "statements"]

PLACES = """OPTIONAL MATCH (l)-[:{located_in}]->(r)
WITH l, collect(DISTINCT coalesce(r.code, r.kode)) AS placed
WITH l, CASE WHEN size(placed) > 0 THEN placed
             WHEN l.pemda IS NULL OR l.pemda = $national THEN []
             ELSE [l.pemda] END AS places"""
"""A line's places (`queries.places.line_places`), after a clause that keeps the line ``l``."""

THEMED = "($theme IS NULL OR any(t IN coalesce(l.tema, []) WHERE toLower(t) CONTAINS $theme))"
"""Whether line ``l`` is tagged with ``$theme`` (lowercase; null: any line)."""

_OVERLAPS = ("($place IS NULL OR any(p IN places WHERE p = $place OR left($place, size(p) + 1) = p + $dot "
             "OR left(p, size($place) + 1) = $place + $dot))")

WHO_WHERE = batched(cypher("""
MATCH (l:{line})
WHERE {work_l} AND {themed}
{places}
WITH l, places, coalesce(l.program, left(l.code, 7)) AS family
WITH l, CASE WHEN $by_bidang THEN l.bidang WHEN $by_urusan THEN left(family, 1) ELSE family END AS sector,
     reduce(cut = [], p IN places | CASE WHEN size(p) >= $keep AND left(p, $keep) IN cut THEN cut
                                         WHEN size(p) >= $keep THEN cut + left(p, $keep)
                                         WHEN p IN cut THEN cut ELSE cut + p END) AS cut
WHERE size(cut) > 0
WITH l, coalesce(sector, $empty) AS sector, [k IN range(0, size(cut) - 1) | head([c IN cut WHERE size([d IN cut WHERE d < c]) = k])] AS cells
OPTIONAL MATCH (a:{agency} {{id: l.agency}})
WITH cells, sector, count(l) AS lines, sum(coalesce(l.pagu, 0.0)) AS pagu, collect(DISTINCT l.pemda) AS governments,
     collect(DISTINCT a.id) AS agencies
RETURN cells, sector, lines, pagu, governments, agencies
""", work_l=v(WORK, "l"), themed=THEMED, places=PLACES))
"""Per sector and distinct list of places cut to the cell level (``$keep`` characters: 5 for
kab/kota, 8 for kecamatan), sorted: the selected lines' count, pagu, governments and agencies."""

PROGRAM_NAMES = batched(cypher("""
MATCH (p:{program})
WHERE p.code IN $codes AND p.name IS NOT NULL AND p.name <> $empty AND p.name <> p.code
WITH p.code AS code, min(p.id) AS first
MATCH (q:{program} {{id: first}})
RETURN code, q.name AS name
""", ))
"""The name of each programme code of ``$codes`` as the first programme of that code (by id) that
names it."""

INTERVENTIONS_IN = batched(cypher("""
MATCH (l:{line})
WHERE {work_l} AND {themed}
{places}
WITH l, places
WHERE {overlaps}
OPTIONAL MATCH (g:{government} {{kode: l.pemda}})
RETURN {found_l}, places, g.level AS government_level
""", work_l=v(WORK, "l"), themed=THEMED, places=PLACES, overlaps=_OVERLAPS, found_l=v(FOUND, "l")))
"""The selected lines (tagged with the theme) whose places overlap ``$place``."""

_GOAL_KINDS = (NodeKind.INDICATOR, NodeKind.TARGET, NodeKind.PRIORITY)

INTERVENTIONS_FOR: dict[NodeKind, str] = {kind: batched(cypher("""
MATCH p = (goal:{start} {{id: $id}})<-[:{up}*1..]-(l:{line})
WHERE {counts_p} AND all(x IN nodes(p)[1..] WHERE NOT {is_work_x} OR ({work_x}))
WITH l, length(p) AS depth, min(nodes(p)[length(p) - 1].id) AS via
WITH l, min(depth) AS best, collect([depth, via]) AS found
WITH l, head([f IN found WHERE f[0] = best | f[1]]) AS via
{places}
WHERE {overlaps}
OPTIONAL MATCH (g:{government} {{kode: l.pemda}})
RETURN {found_l}, places, g.level AS government_level, via
""", start=LABELS[kind], counts_p=v(COUNTS, "p"), is_work_x=v(IS_WORK, "x"), work_x=v(WORK, "x"),
    places=PLACES.replace("WITH l, ", "WITH l, via, "), overlaps=_OVERLAPS, found_l=v(FOUND, "l")))
    for kind in _GOAL_KINDS}
"""Per goal label: the lines below the goal (through selected work, along counted up links)
whose places overlap ``$place``, each with the node it reaches the goal through on a shortest path."""


def _theme(theme: str | None) -> str | None:
    return theme.strip().casefold() if theme else None


def who_where_in_database(store, level: str = "kabkota", within: str | None = None, sector: str = "urusan",
                          filters: Filters | None = None, theme: str | None = None) -> Rows[WhoWhereCell]:
    """`queries.who_where` computed by `WHO_WHERE` (and `PROGRAM_NAMES`): the same cells in the same order."""
    check_who_where(level, within, sector)
    filters = filters or Filters()
    wanted = _theme(theme)
    if theme and not wanted:
        return Rows([], [NOTE])
    params = {**parameters(filters), "theme": wanted, "by_bidang": sector == "bidang", "by_urusan": sector == "urusan",
              "empty": "", "keep": 5 if level == "kabkota" else 8}
    groups: dict[tuple[str, str], dict] = defaultdict(lambda: {"gov": set(), "agency": set(), "n": 0, "pagu": 0.0})
    for r in read_rows(store, WHO_WHERE, **params):
        covered = {c for place in r["cells"] for c in cells_covered(place, level)}
        for c in covered:
            if within is None or regions.contains(within, c):
                g = groups[(c, r["sector"])]
                g["gov"].update(p for p in r["governments"] if p is not None)
                g["agency"].update(r["agencies"])
                g["n"] += r["lines"]
                g["pagu"] += float(r["pagu"])
    if not groups:
        return Rows([], [NOTE])
    return cells_of(groups, sector, _program_names(store, sorted({s for _, s in groups if s})) if sector == "program"
                    else {})


def _program_names(store, codes: list[str]) -> dict[str, str]:
    records = read_in_chunks(store, PROGRAM_NAMES, "codes", codes, batch=BATCH, empty="")
    return {r["code"]: r["name"] for r in unbatched(PROGRAM_NAMES, records)}


def _intervention(r: dict, via: str) -> Intervention:
    f = node_fields_of(r["node"])
    del f["kind"]
    level = r["government_level"]
    if not level and f["government"] is not None:
        try:
            level = regions.government_level(f["government"]).value
        except ValueError:
            level = None
    return Intervention(**f, government_level=level or None, places=tuple(sorted(r["places"])), via=via)


def interventions_in_database(store, region: str, filters: Filters | None = None,
                              theme: str | None = None) -> Rows[Intervention]:
    """`queries.interventions_in` computed by `INTERVENTIONS_IN`: the same lines in the same order."""
    filters = filters or Filters()
    check_region(region, "wilayah")
    wanted = _theme(theme)
    if theme and not wanted:
        return Rows([])
    params = {**parameters(filters), "theme": wanted, "place": region, "dot": "."}
    return by_level([_intervention(r, "") for r in read_rows(store, INTERVENTIONS_IN, **params)])


def interventions_for_in_database(store, indicator_or_target: str, place: str | None = None,
                                  filters: Filters | None = None) -> Rows[Intervention]:
    """`queries.interventions_for` computed by `INTERVENTIONS_FOR`: the same lines in the same order."""
    filters = filters or Filters()
    check_region(place, "tempat")
    kind = check_node(store, indicator_or_target, _GOAL_KINDS)
    params = {**parameters(filters), "id": indicator_or_target, "place": place, "dot": "."}
    return by_level([_intervention(r, r["via"]) for r in read_rows(store, INTERVENTIONS_FOR[kind], **params)])


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"who_where": WHO_WHERE, "program_names": PROGRAM_NAMES, "interventions_in": INTERVENTIONS_IN,
            **{f"interventions_for_{k.value}": t for k, t in INTERVENTIONS_FOR.items()}}
