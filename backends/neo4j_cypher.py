"""Analyses answered wholly by Cypher in the database: the aligned share per government
(`ALIGNED_SHARE`) and the orphan findings (`ORPHANS`, one statement per reason).

They follow the same rules as `queries.aligned_share` and `queries.orphans` (up links: part-of,
aligns-with, measures, and mendukung links whose status is in the filters; the year, pemda,
province and bidang filters select work; pemda and province select the targets checked), and the
tests check them against the Python results. Variable-length paths enumerate paths, not nodes,
so these suit a province or a few districts; the scoped analyses (`backends.neo4j_analyses.run`) are
the way for the whole country.

Labels and relationship types come from `backends.neo4j_store.LABELS` / `REL_TYPES`; every value is a
parameter (`parameters`).

>>> sorted(ORPHANS)
['empty', 'kp_no_regional_link', 'line_reach', 'links', 'unsupported_target']
"""
from __future__ import annotations

from backends.neo4j_store import LABELS, REL_TYPES, read
from graph.schema import NATIONAL, UP_EDGES, EdgeKind, IndicatorType, LinkStatus, NodeKind, TargetType
from queries.budget import AlignedShare
from queries.filters import Filters
from queries.orphans import REASONS
from queries.results import Rows

__all__ = ["ALIGNED_SHARE", "ORPHANS", "aligned_share_in_database", "orphan_findings_in_database",
           "parameters", "statements"]

_NAMES = {
    "line": LABELS[NodeKind.SUB_KEGIATAN], "kegiatan": LABELS[NodeKind.KEGIATAN],
    "program": LABELS[NodeKind.PROGRAM], "priority": LABELS[NodeKind.PRIORITY],
    "target": LABELS[NodeKind.TARGET], "indicator": LABELS[NodeKind.INDICATOR],
    "government": LABELS[NodeKind.GOVERNMENT], "part_of": REL_TYPES[EdgeKind.PART_OF],
    "contributes": REL_TYPES[EdgeKind.CONTRIBUTES_TO],
    "up": "|".join(REL_TYPES[k] for k in sorted(UP_EDGES)),
}


def _cypher(text: str, **fragments: str) -> str:
    return text.format(**{k: v.format(**_NAMES) for k, v in fragments.items()}, **_NAMES).strip()


_WORK = ("($year IS NULL OR {v}.tahun = $year) AND ($pemda IS NULL OR {v}.pemda IN $pemda) AND "
         "($province IS NULL OR {v}.province = $province) AND ($bidang IS NULL OR {v}.bidang IN $bidang)")
_IS_WORK = "({v}:{program} OR {v}:{kegiatan} OR {v}:{line})"
_OWNED = "($pemda IS NULL OR {v} IN $pemda) AND ($province IS NULL OR {v} = $national OR left({v}, 2) = $province)"
_COUNTS = "all(r IN relationships({v}) WHERE type(r) <> $contributes OR r.status IN $status)"
_OUTCOME = "({v}:{priority} OR {v}:{target} OR ({v}:{indicator} AND {v}.jenis <> $output))"


def _f(template: str, v: str) -> str:
    return template.replace("{v}", v)


ALIGNED_SHARE = _cypher("""
MATCH (l:{line})
WHERE {work_l}
OPTIONAL MATCH path = (l)-[:{up}*1..]->(goal)
WHERE {outcome_goal} AND {counts_path}
WITH l, collect(DISTINCT goal:{priority}) AS reached
WITH l.pemda AS government, l.pagu AS pagu, true IN reached AS national, size(reached) > 0 AS outcome
WITH government, count(*) AS lines, sum(pagu) AS total,
     sum(CASE WHEN national THEN pagu ELSE 0.0 END) AS pagu_national,
     sum(CASE WHEN outcome AND NOT national THEN pagu ELSE 0.0 END) AS pagu_regional,
     sum(CASE WHEN outcome THEN 0.0 ELSE pagu END) AS pagu_none
OPTIONAL MATCH (g:{government} {{kode: government}})
RETURN government, g.name AS name, lines, total, pagu_national, pagu_regional, pagu_none
ORDER BY government
""", work_l=_f(_WORK, "l"), outcome_goal=_f(_OUTCOME, "goal"), counts_path=_f(_COUNTS, "path"))
"""`aligned_share` in Cypher: per government, the pagu of the selected lines reaching a national
priority, only a regional target or outcome, or nothing."""

ORPHANS: dict[str, str] = {
    "line_reach": _cypher("""
MATCH (l:{line})
WHERE {work_l}
OPTIONAL MATCH path = (l)-[:{up}*1..]->(goal)
WHERE {outcome_goal} AND {counts_path}
WITH l, collect(DISTINCT goal:{priority}) AS reached
RETURN l.id AS id, size(reached) > 0 AS outcome, true IN reached AS national
""", work_l=_f(_WORK, "l"), outcome_goal=_f(_OUTCOME, "goal"), counts_path=_f(_COUNTS, "path")),
    "unsupported_target": _cypher("""
MATCH (g)
WHERE (g:{target} OR (g:{indicator} AND g.jenis = $outcome_jenis)) AND {owned}
OPTIONAL MATCH path = (l:{line})-[:{up}*1..]->(g)
WHERE l.pagu > 0 AND {work_l} AND {counts_path}
WITH g, count(l) AS support
WHERE support = 0
RETURN g.id AS id
""", owned=_f(_OWNED, "g.pemda"), work_l=_f(_WORK, "l"), counts_path=_f(_COUNTS, "path")),
    "kp_no_regional_link": _cypher("""
MATCH (k:{priority} {{jenis: $kp}})
OPTIONAL MATCH path = (x)-[:{up}*1..]->(k)
WHERE {counts_path} AND (x.pemda IS NULL OR x.pemda <> $national)
  AND ((x:{target} AND {owned}) OR ({is_work} AND {work_x}))
WITH k, count(x) AS links
WHERE links = 0
RETURN k.id AS id
""", counts_path=_f(_COUNTS, "path"), owned=_f(_OWNED, "x.pemda"), is_work=_f(_IS_WORK, "x"),
        work_x=_f(_WORK, "x")),
    "empty": _cypher("""
MATCH (w)
WHERE (w:{program} OR w:{kegiatan}) AND {work_w} AND NOT (w)<-[:{part_of}*1..2]-(:{line})
RETURN w.id AS id, w:{program} AS program
""", work_w=_f(_WORK, "w")),
    "links": _cypher("""
MATCH (w)-[r:{contributes}]->(g)
WHERE {is_work} AND {work_w} AND r.status IN $flagged
RETURN w.id AS id, g.id AS related, r.status AS status
""", is_work=_f(_IS_WORK, "w"), work_w=_f(_WORK, "w")),
}
"""`orphans` in Cypher, one statement per group of reasons (see `orphan_findings_in_database`)."""


def parameters(filters: Filters) -> dict:
    """The parameters every statement of this module takes, from the filters."""
    return {
        "year": filters.year, "pemda": list(filters.pemda) or None, "province": filters.province,
        "bidang": list(filters.bidang) or None, "status": [s.value for s in filters.status],
        "contributes": REL_TYPES[EdgeKind.CONTRIBUTES_TO], "output": IndicatorType.KELUARAN.value,
        "outcome_jenis": IndicatorType.HASIL.value, "kp": TargetType.KP.value, "national": NATIONAL,
        "flagged": [LinkStatus.PROPOSED.value, LinkStatus.REJECTED.value],
    }


def aligned_share_in_database(store, filters: Filters | None = None) -> Rows:
    """`queries.aligned_share` computed by `ALIGNED_SHARE` (the same `AlignedShare` rows)."""
    filters = filters or Filters()
    rows = []
    for r in read(store, ALIGNED_SHARE, **parameters(filters)):
        rows.append(AlignedShare.of(r["government"], r["name"] or r["government"], r["lines"], r["total"],
                                    r["pagu_national"], r["pagu_regional"], r["pagu_none"]))
    return Rows(rows)


def orphan_findings_in_database(store, filters: Filters | None = None) -> dict[str, list[tuple[str, str | None]]]:
    """Per reason of `queries.orphans.REASONS`, the sorted ``(node id, related id)`` pairs of its
    findings, computed by `ORPHANS` (the `Orphan` rows come from `orphans`)."""
    params = parameters(filters or Filters())
    found: dict[str, list[tuple[str, str | None]]] = {reason: [] for reason in REASONS}
    for r in read(store, ORPHANS["line_reach"], **params):
        if not r["outcome"]:
            found["no_outcome"].append((r["id"], None))
        elif not r["national"]:
            found["unaligned"].append((r["id"], None))
    found["unsupported_target"] = [(r["id"], None) for r in read(store, ORPHANS["unsupported_target"], **params)]
    found["kp_no_regional_link"] = [(r["id"], None) for r in read(store, ORPHANS["kp_no_regional_link"], **params)]
    for r in read(store, ORPHANS["empty"], **params):
        found["program_empty" if r["program"] else "kegiatan_empty"].append((r["id"], None))
    for r in read(store, ORPHANS["links"], **params):
        reason = "link_proposed" if r["status"] == LinkStatus.PROPOSED.value else "link_rejected"
        found[reason].append((r["id"], r["related"]))
    return {reason: sorted(pairs) for reason, pairs in found.items()}


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"aligned_share": ALIGNED_SHARE, **{f"orphans_{k}": v for k, v in ORPHANS.items()}}
