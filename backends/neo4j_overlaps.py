"""`queries.overlaps` asked of the database: same-code and family overlaps found by Cypher.

`SAME_CODE` pairs the selected lines (national ones left out) of one sub kegiatan code and year
under two agencies or governments whose places overlap (one place is, or contains, the other: a
line's places are its lokasi, the regions it is located in, else its government's region), and returns each pair with the
places where they meet, the names of their governments and agencies, and the regional targets and
outcome (hasil) indicators both reach along up links whose status counts. Python picks the inner
meeting place of a pair (the longest code, then the first) and sorts the findings.

`FAMILY` takes the selected lines outside the support programme (``XX.01``) of one year and
programme family held by both a province and a district government, pairs the province's lines
with the districts' whose places overlap, and returns one row per (year, family, kab/kota where
they meet, province, district) with the lines of each side that meet (their fields, agency name
and the goals each reaches). Where two province-wide places meet, the kab/kota are the region
list's (`reference.regions`, which no Cypher reads): that row comes back with the province code
and Python spreads it over the province's kab/kota, merging it with the rows of those kab/kota.
Python builds the sides (lines sorted by id, pagu summed, agencies, shared goals) and sorts.

The ``near_duplicate`` kind needs fuzzy name similarity (``token_sort_ratio``), which portable
Cypher has not: `backends.neo4j_near` narrows it to the lines whose stored name texts can pair.
Differences from the embedded analysis, both at the edges: a bucket of more than ``max_pairs`` pairs
is not capped (the embedded one lists none of its pairs and notes it), and a province-wide place
overlaps whatever lies in the province (the embedded one, only the kab/kota the region list names).

>>> sorted(statements())
['family', 'same_code']
"""
from __future__ import annotations

from collections import defaultdict

from backends.neo4j_cypher import COUNTS, WORK, batched, cypher, parameters, read_rows, v
from backends.neo4j_store import read
from queries.filters import Filters
from queries.places import kabkota_cover
from reference.regions import GovLevel
from queries.overlap_find import KINDS
from queries.overlaps import Overlap
from queries.results import Rows

__all__ = ["SAME_CODE", "FAMILY", "KINDS_IN_DATABASE", "same_code_overlaps", "family_overlaps", "statements"]

KINDS_IN_DATABASE = ("family", "same_sub_kegiatan")

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


FAMILY = batched(cypher("""
MATCH (l:{line})
WHERE {work_l} AND l.pemda <> $national
WITH l, coalesce(l.program, left(l.code, 7)) AS family
WHERE NOT family ENDS WITH $support
OPTIONAL MATCH (l)-[:{located_in}]->(r)
WITH l, family, collect(DISTINCT coalesce(r.code, r.kode)) AS places
OPTIONAL MATCH (g:{government} {{kode: l.pemda}})
WITH l, family, CASE WHEN size(places) > 0 THEN places ELSE [l.pemda] END AS places,
     coalesce(g.level, CASE WHEN size(l.pemda) = 2 THEN $province_level ELSE $empty END) = $province_level AS upper
WITH l.tahun AS tahun, family, collect(CASE WHEN upper THEN [l, places] END) AS province,
     collect(CASE WHEN NOT upper THEN [l, places] END) AS district
WHERE size(province) > 0 AND size(district) > 0
UNWIND province AS a
UNWIND district AS b
UNWIND a[1] AS pa
UNWIND b[1] AS pb
WITH tahun, family, a[0] AS a, b[0] AS b, pa, pb
WHERE pa = pb OR left(pb, size(pa) + 1) = pa + $dot OR left(pa, size(pb) + 1) = pb + $dot
WITH DISTINCT tahun, family, a, b, left(CASE WHEN size(pa) >= size(pb) THEN pa ELSE pb END, 5) AS kab
WITH tahun, family, kab, a.pemda AS a_government, b.pemda AS b_government, collect(DISTINCT a) AS side_a,
     collect(DISTINCT b) AS side_b
UNWIND side_a + side_b AS m
OPTIONAL MATCH q = (m)-[:{up}*1..]->(o)
WHERE (o:{target} OR (o:{indicator} AND o.jenis = $outcome_jenis)) AND {counts_q}
WITH tahun, family, kab, a_government, b_government, side_a, m, collect(DISTINCT o.id) AS outcomes
OPTIONAL MATCH (am:{agency} {{id: m.agency}})
OPTIONAL MATCH (ga:{government} {{kode: a_government}})
OPTIONAL MATCH (gb:{government} {{kode: b_government}})
RETURN tahun, family, kab, a_government, b_government, ga.name AS a_government_name, gb.name AS b_government_name,
       {line_m} AS line, am.name AS agency_name, am IS NOT NULL AS agency_known, outcomes, m IN side_a AS a
""", work_l=v(WORK, "l"), counts_q=v(COUNTS, "q"), line_m=v(_LINE, "m")))
"""Per year, family, kab/kota (the province code where two province-wide places meet), province
and district: each line of each side whose places overlap a line of the other side, one row per
line (a finding of many lines would not fit one record)."""


def family_overlaps(store, filters: Filters | None = None) -> list[Overlap]:
    """The ``family`` findings of `queries.overlaps` computed by `FAMILY` (unsorted)."""
    params = {**parameters(filters or Filters()), "dot": ".", "support": ".01",
              "province_level": GovLevel.PROVINCE.value, "empty": ""}
    findings: dict[tuple, dict] = defaultdict(lambda: {"a": {}, "b": {}})
    for r in read_rows(store, FAMILY, **params):
        for kab in (kabkota_cover(r["kab"]) if len(r["kab"]) == 2 else (r["kab"],)):
            f = findings[(r["tahun"], r["family"], kab, r["a_government"], r["b_government"])]
            f["names"] = (r["a_government_name"], r["b_government_name"])
            f["a" if r["a"] else "b"][r["line"]["id"]] = r
    found = []
    for (tahun, family, kab, a_gov, b_gov), f in findings.items():
        a, b = _family_side(f["a"], a_gov, f["names"][0]), _family_side(f["b"], b_gov, f["names"][1])
        shared = tuple(sorted(a[9] & b[9]))
        found.append(Overlap("family", tahun, kab, family, *a[:7], *b[:7], None, shared, a[7], a[8], b[7], b[8]))
    return found


def _family_side(members: dict[str, dict], government: str, government_name: str | None) -> tuple:
    """What a family finding says of one side, from its member lines (by id)."""
    ids = sorted(members)
    first = members[ids[0]]
    one = len(ids) == 1
    agencies = tuple(sorted({m["line"]["agency"] for m in members.values() if m["agency_known"]}))
    pagu = 0.0
    for i in ids:
        pagu += float(members[i]["line"]["pagu"] or 0.0)
    outcomes = {o for m in members.values() for o in m["outcomes"]}
    return (government, agencies, first["line"]["code"] if one else None, first["line"]["name"] if one else None,
            len(ids), pagu, tuple(ids), government_name or government,
            first["agency_name"] if first["agency_known"] else None, outcomes)


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"same_code": SAME_CODE, "family": FAMILY}
