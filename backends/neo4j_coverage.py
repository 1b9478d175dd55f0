"""`queries.coverage` asked of the database: lines and pagu linked to an outcome per government
and agency, with the mandate and overlap findings counted, all found by Cypher.

`COVERAGE` groups the selected lines by government and agency (a line whose agency is not stored
counts for its government only) and sums, per group, the lines and the pagu that reach an outcome
(a regional target, a national priority or an indicator that is not an output) along up links
whose status counts, and those that do not. The conflicts and overlaps come from the mandate and
overlap findings the database gives (`backends.neo4j_mandates`, `backends.neo4j_analyses.
overlaps_in_database`): Python counts those findings per agency and government and sorts the rows.
The overlap counts hold the near-duplicate findings (`backends.neo4j_near`: only the lines whose
names can pair are read).

>>> sorted(statements())
['coverage']
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from backends.neo4j_cypher import COUNTS, OUTCOME, WORK, batched, cypher, parameters, read_rows, v
from backends.neo4j_mandates import mandates_in_database
from queries.coverage import CoverageRow
from queries.filters import Filters
from queries.results import Rows

__all__ = ["COVERAGE", "coverage_in_database", "statements"]

COVERAGE = batched(cypher("""
MATCH (l:{line})
WHERE {work_l}
OPTIONAL MATCH path = (l)-[:{up}*1..]->(goal)
WHERE {outcome_goal} AND {counts_path}
WITH l, count(goal) > 0 AS linked
OPTIONAL MATCH (a:{agency} {{id: l.agency}})
WITH l.pemda AS government, a, linked, coalesce(l.pagu, 0.0) AS pagu
WITH government, a, sum(CASE WHEN linked THEN 1 ELSE 0 END) AS linked, sum(CASE WHEN linked THEN 0 ELSE 1 END) AS unlinked,
     sum(CASE WHEN linked THEN pagu ELSE 0.0 END) AS pagu_linked, sum(CASE WHEN linked THEN 0.0 ELSE pagu END) AS pagu_unlinked
OPTIONAL MATCH (g:{government} {{kode: government}})
RETURN government, g.name AS government_name, a.id AS agency, a.name AS agency_name, a.pemda AS agency_government,
       linked, unlinked, pagu_linked, pagu_unlinked
""", work_l=v(WORK, "l"), outcome_goal=v(OUTCOME, "goal"), counts_path=v(COUNTS, "path")))
"""Per government and stored agency of the selected lines: lines and pagu reaching an outcome or not."""


def coverage_in_database(store, filters: Filters | None = None, *, nomenclature=None,
                         overlaps_of: Callable) -> Rows[CoverageRow]:
    """`queries.coverage` computed by `COVERAGE` and the mandate and overlap findings of the
    database (`overlaps_of(store, filters)`: `backends.neo4j_analyses.overlaps_in_database`, which
    `backends.neo4j_analyses` gives): the same rows in the same order."""
    filters = filters or Filters()
    groups = read_rows(store, COVERAGE, **parameters(filters))
    known = {r["agency"]: r["agency_government"] for r in groups if r["agency"] is not None}
    conflicts: Counter = Counter(m.agency for m in mandates_in_database(store, filters, nomenclature=nomenclature)
                                 if m.agency in known)
    gov_conflicts: Counter = Counter()
    for agency, n in conflicts.items():
        gov_conflicts[known[agency]] += n
    involved: Counter = Counter()
    gov_involved: Counter = Counter()
    for o in overlaps_of(store, filters):
        involved.update(set(o.a_agencies) | set(o.b_agencies))
        gov_involved.update({o.a_government, o.b_government})
    totals: dict[tuple[str, str | None], list] = {}
    names: dict[str | None, str | None] = {None: None}
    gov_names: dict[str, str] = {}
    for r in groups:
        gov, agency = r["government"], r["agency"]
        values = [r["linked"], r["unlinked"], float(r["pagu_linked"]), float(r["pagu_unlinked"])]
        gov_names[gov] = r["government_name"] if r["government_name"] is not None else str(gov)
        if agency is not None:
            totals[(gov, agency)] = values
            names[agency] = r["agency_name"] if r["agency_name"] is not None else agency
        total = totals.setdefault((gov, None), [0, 0, 0.0, 0.0])
        totals[(gov, None)] = [t + x for t, x in zip(total, values)]
    rows = []
    for (gov, agency), (n_in, n_out, p_in, p_out) in sorted(
            totals.items(), key=lambda kv: (kv[0][0], kv[0][1] is None, names[kv[0][1]] or "")):
        rows.append(CoverageRow(
            government=gov, government_name=gov_names[gov], agency=agency, agency_name=names[agency],
            sub_kegiatan=int(n_in + n_out), linked=int(n_in), unlinked=int(n_out), pagu=p_in + p_out,
            pagu_linked=p_in, pagu_unlinked=p_out, conflicts=conflicts[agency] if agency else gov_conflicts[gov],
            overlaps=involved[agency] if agency else gov_involved[gov]))
    return Rows(rows)


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"coverage": COVERAGE}
