"""`queries.overlaps` asked of the database: same-code overlaps found by Cypher.

`SAME_CODE` pairs the selected lines (national ones left out) of one sub kegiatan code and year
under two agencies or governments whose places overlap (one place is, or contains, the other: a
line's places are its lokasi, the regions it is located in, else its government's region), and returns each pair with the
places where they meet, the names of their governments and agencies, and the regional targets and
outcome (hasil) indicators both reach along up links whose status counts. Python picks the inner
meeting place of a pair (the longest code, then the first) and sorts the findings.

Only ``same_sub_kegiatan`` is asked of the database (`KINDS_IN_DATABASE`); the family and near
duplicate kinds are computed on the analysis's scope read into networkx (`backends.neo4j_analyses`):
near duplicates need fuzzy name similarity (``token_sort_ratio``), which portable Cypher has not.
Differences from the embedded analysis, both at the edges: a bucket of more than ``max_pairs`` pairs
is not capped (the embedded one lists none of its pairs and notes it), and a province-wide place
overlaps whatever lies in the province (the embedded one, only the kab/kota the region list names).

>>> sorted(statements())
['same_code']
"""
from __future__ import annotations

from backends.neo4j_cypher import COUNTS, WORK, batched, cypher, parameters, read_rows, v
from backends.neo4j_store import read
from queries.filters import Filters
from queries.overlap_find import KINDS
from queries.overlaps import Overlap
from queries.results import Rows

__all__ = ["SAME_CODE", "KINDS_IN_DATABASE", "same_code_overlaps", "statements"]

KINDS_IN_DATABASE = ("same_sub_kegiatan",)

_LINE = ("{{id: {v}.id, code: {v}.code, name: {v}.name, pemda: {v}.pemda, agency: {v}.agency, pagu: {v}.pagu, "
         "tahun: {v}.tahun, program: {v}.program}}")

SAME_CODE = batched(cypher("""
MATCH (l:{line})
WHERE {work_l} AND l.pemda <> $national
WITH l.tahun AS tahun, l.code AS code, collect(l) AS lines
WHERE size(lines) > 1
UNWIND lines AS a
UNWIND lines AS b
WITH a, b
WHERE a.id < b.id AND (a.pemda <> b.pemda OR a.agency <> b.agency)
UNWIND CASE WHEN size(coalesce(a.lokasi, [])) > 0 THEN a.lokasi ELSE [a.pemda] END AS pa
UNWIND CASE WHEN size(coalesce(b.lokasi, [])) > 0 THEN b.lokasi ELSE [b.pemda] END AS pb
WITH a, b, pa, pb
WHERE pa = pb OR left(pb, size(pa) + 1) = pa + $dot OR left(pa, size(pb) + 1) = pb + $dot
WITH a, b, collect(DISTINCT CASE WHEN size(pa) >= size(pb) THEN pa ELSE pb END) AS places
OPTIONAL MATCH (ga:{government} {{kode: a.pemda}})
OPTIONAL MATCH (aa:{agency} {{id: a.agency}})
OPTIONAL MATCH qa = (a)-[:{up}*1..]->(oa)
WHERE (oa:{target} OR (oa:{indicator} AND oa.jenis = $outcome_jenis)) AND {counts_a}
WITH a, b, places, ga, aa, collect(DISTINCT oa.id) AS outcomes_a
OPTIONAL MATCH (gb:{government} {{kode: b.pemda}})
OPTIONAL MATCH (ab:{agency} {{id: b.agency}})
OPTIONAL MATCH qb = (b)-[:{up}*1..]->(ob)
WHERE (ob:{target} OR (ob:{indicator} AND ob.jenis = $outcome_jenis)) AND {counts_b}
WITH a, b, places, ga, aa, outcomes_a, gb, ab, collect(DISTINCT ob.id) AS outcomes_b
RETURN {line_a} AS a, {line_b} AS b, places, ga.name AS a_government_name, aa.name AS a_agency_name,
       aa IS NOT NULL AS a_agency_known, gb.name AS b_government_name, ab.name AS b_agency_name,
       ab IS NOT NULL AS b_agency_known, [o IN outcomes_a WHERE o IN outcomes_b] AS shared
""", work_l=v(WORK, "l"), line_a=v(_LINE, "a"), line_b=v(_LINE, "b"), counts_a=v(COUNTS, "qa"),
                   counts_b=v(COUNTS, "qb")))
"""Every pair of same-code lines of one year whose places overlap, with what a finding says."""


def _place(places: list[str]) -> str:
    """Where a pair meets: the inner of its meeting places (the longest code, then the first)."""
    return min(places, key=lambda p: (-len(p), p))


def _side(line: dict, agency_known: bool, government_name: str | None, agency_name: str | None) -> tuple:
    agency = line["agency"] if agency_known else None
    return (line["pemda"], (agency,) if agency else (), line["code"], line["name"], 1, float(line["pagu"] or 0.0),
            (line["id"],), government_name or line["pemda"], agency_name if agency else None)


def same_code_overlaps(store, filters: Filters | None = None) -> list[Overlap]:
    """The ``same_sub_kegiatan`` findings of `queries.overlaps` computed by `SAME_CODE` (unsorted)."""
    params = {**parameters(filters or Filters()), "dot": "."}
    found = []
    for r in read_rows(store, SAME_CODE, **params):
        a = _side(r["a"], r["a_agency_known"], r["a_government_name"], r["a_agency_name"])
        b = _side(r["b"], r["b_agency_known"], r["b_government_name"], r["b_agency_name"])
        family = r["a"]["program"] or (r["a"]["code"] or "")[:7]
        found.append(Overlap("same_sub_kegiatan", r["a"]["tahun"], _place(r["places"]), family,
                             *a[:7], *b[:7], None, tuple(sorted(r["shared"])), a[7], a[8], b[7], b[8]))
    return found


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"same_code": SAME_CODE}
