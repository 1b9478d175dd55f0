"""Analyses answered wholly by Cypher in the database: the aligned share per government
(`ALIGNED_SHARE`) and the orphan findings (`ORPHANS`, one statement per group of reasons), and
what the other ``neo4j_*`` analysis modules share: the statement fragments (`WORK`, `COUNTS`,
`OUTCOME`, `FOUND`...), `cypher` to fill them in, `parameters` from the filters, and `batched` /
`read_rows` for answers of many rows.

They follow the same rules as `queries.aligned_share` and `queries.orphans` (up links: part-of,
aligns-with, measures, and mendukung links whose status is in the filters; the year, pemda,
province and bidang filters select work; pemda and province select the targets checked), and the
parity tests check them against the Python results. Python only sorts the orphan findings and
turns the returned node properties into fields. Variable-length paths enumerate paths, not nodes:
fine for a province, slower where a line reaches its goals by very many paths.

Labels and relationship types come from `backends.neo4j_store.LABELS` / `REL_TYPES`; every value is a
parameter (`parameters`).

>>> sorted(ORPHANS)
['empty', 'kp_no_regional_link', 'line_reach', 'links', 'unsupported_target']
"""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from backends.neo4j_store import LABELS, REL_TYPES, read
from graph.schema import NATIONAL, UP_EDGES, EdgeKind, IndicatorType, LinkStatus, NodeKind, TargetType
from queries.budget import AlignedShare
from queries.filters import Filters
from queries.orphans import REASONS, Orphan
from queries.results import Rows, node_fields

__all__ = ["ALIGNED_SHARE", "ORPHANS", "NAMES", "WORK", "IS_WORK", "OWNED", "COUNTS", "OUTCOME", "FOUND",
           "cypher", "v", "batched", "read_rows", "unbatched", "BATCH", "aligned_share_in_database", "orphans_in_database",
           "node_fields_of", "parameters", "statements"]

NAMES = {
    "line": LABELS[NodeKind.SUB_KEGIATAN], "kegiatan": LABELS[NodeKind.KEGIATAN],
    "program": LABELS[NodeKind.PROGRAM], "priority": LABELS[NodeKind.PRIORITY],
    "target": LABELS[NodeKind.TARGET], "indicator": LABELS[NodeKind.INDICATOR],
    "government": LABELS[NodeKind.GOVERNMENT], "agency": LABELS[NodeKind.AGENCY],
    "region": LABELS[NodeKind.REGION], "part_of": REL_TYPES[EdgeKind.PART_OF],
    "funds": REL_TYPES[EdgeKind.FUNDS], "located_in": REL_TYPES[EdgeKind.LOCATED_IN],
    "aligns": REL_TYPES[EdgeKind.ALIGNS_WITH], "measures": REL_TYPES[EdgeKind.MEASURES],
    "contributes": REL_TYPES[EdgeKind.CONTRIBUTES_TO],
    "up": "|".join(REL_TYPES[k] for k in sorted(UP_EDGES)),
}


def cypher(text: str, **fragments: str) -> str:
    """`text` with the labels and types of `NAMES` and the `fragments` (themselves formatted) filled in."""
    return text.format(**{k: v.format(**NAMES) for k, v in fragments.items()}, **NAMES).strip()


WORK = ("($year IS NULL OR {v}.tahun = $year) AND ($pemda IS NULL OR {v}.pemda IN $pemda) AND "
         "($province IS NULL OR {v}.province = $province) AND ($bidang IS NULL OR {v}.bidang IN $bidang)")
IS_WORK = "({v}:{program} OR {v}:{kegiatan} OR {v}:{line})"
OWNED = "($pemda IS NULL OR {v} IN $pemda) AND ($province IS NULL OR {v} = $national OR left({v}, 2) = $province)"
COUNTS = "all(r IN relationships({v}) WHERE type(r) <> $contributes OR r.status IN $status)"
OUTCOME = "({v}:{priority} OR {v}:{target} OR ({v}:{indicator} AND {v}.jenis <> $output))"


BATCH = 16
"""Result rows a batched statement returns per record (`batched`)."""


def _aliases(clause: str) -> list[str]:
    """The names a RETURN clause gives its columns (``expression AS name``, or a variable)."""
    items, depth, start = [], 0, 0
    for k, ch in enumerate(clause):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(clause[start:k])
            start = k + 1
    items.append(clause[start:])
    return [item.rsplit(" AS ", 1)[-1].strip() for item in items]


def batched(text: str) -> str:
    """`text` (ending in ``RETURN ... AS a, ... AS b``) returning its rows in lists of up to
    ``$batch`` (FalkorDB's Bolt layer spends about as long on a record as on a short list of rows,
    so fewer records make a large answer several times faster); `read_rows` reads them back."""
    head, _, clause = text.rpartition("\nRETURN ")
    names = _aliases(clause.removeprefix("DISTINCT "))
    return (f"{head}\nWITH {clause}\nWITH collect([{', '.join(names)}]) AS found\n"
            f"UNWIND range(0, size(found) - 1, $batch) AS k\nRETURN found[k..k + $batch] AS batch")


def unbatched(text: str, records: list[dict]) -> list[dict]:
    """The rows of the records of a `batched` statement as dicts by column name."""
    names = _aliases(text.rpartition("\nWITH ")[0].rpartition("\nWITH ")[2].removeprefix("DISTINCT "))
    return [dict(zip(names, row)) for r in records for row in r["batch"]]


def read_rows(store, text: str, **params) -> list[dict]:
    """The rows of a `batched` statement as dicts by column name."""
    return unbatched(text, read(store, text, batch=BATCH, **params))


def v(template: str, name: str) -> str:
    """`template` about the node variable `name` (its ``{v}`` replaced)."""
    return template.replace("{v}", name)


ALIGNED_SHARE = cypher("""
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
""", work_l=v(WORK, "l"), outcome_goal=v(OUTCOME, "goal"), counts_path=v(COUNTS, "path"))
"""`aligned_share` in Cypher: per government, the pagu of the selected lines reaching a national
priority, only a regional target or outcome, or nothing."""

_FIELDS = ("id", "kind", "code", "kode", "name", "pemda", "agency", "tahun", "pagu", "level", "bidang")
FOUND = "{{" + ", ".join(f"{k}: {{v}}.{k}" for k in _FIELDS) + "}} AS node"
"""What a statement returns of a node a finding is about: the properties `node_fields` reads, as a
map (``properties(n)`` costs FalkorDB several times more)."""

ORPHANS: dict[str, str] = {
    "line_reach": batched(cypher("""
MATCH (l:{line})
WHERE {work_l}
OPTIONAL MATCH path = (l)-[:{up}*1..]->(goal)
WHERE {outcome_goal} AND {counts_path}
WITH l, collect(DISTINCT goal:{priority}) AS reached
WHERE NOT true IN reached
RETURN {found_l}, size(reached) > 0 AS outcome
""", work_l=v(WORK, "l"), outcome_goal=v(OUTCOME, "goal"), counts_path=v(COUNTS, "path"),
        found_l=v(FOUND, "l"))),
    "unsupported_target": batched(cypher("""
MATCH (g)
WHERE (g:{target} OR (g:{indicator} AND g.jenis = $outcome_jenis)) AND {owned}
OPTIONAL MATCH path = (l:{line})-[:{up}*1..]->(g)
WHERE l.pagu > 0 AND {work_l} AND {counts_path}
WITH g, count(l) AS support
WHERE support = 0
RETURN {found_g}
""", owned=v(OWNED, "g.pemda"), work_l=v(WORK, "l"), counts_path=v(COUNTS, "path"),
        found_g=v(FOUND, "g"))),
    "kp_no_regional_link": batched(cypher("""
MATCH (k:{priority} {{jenis: $kp}})
OPTIONAL MATCH path = (x)-[:{up}*1..]->(k)
WHERE {counts_path} AND (x.pemda IS NULL OR x.pemda <> $national)
  AND ((x:{target} AND {owned}) OR ({is_work} AND {work_x}))
WITH k, count(x) AS links
WHERE links = 0
RETURN {found_k}
""", counts_path=v(COUNTS, "path"), owned=v(OWNED, "x.pemda"), is_work=v(IS_WORK, "x"),
        work_x=v(WORK, "x"), found_k=v(FOUND, "k"))),
    "empty": batched(cypher("""
MATCH (w)
WHERE (w:{program} OR w:{kegiatan}) AND {work_w} AND NOT (w)<-[:{part_of}*1..2]-(:{line})
RETURN {found_w}, w:{program} AS program
""", work_w=v(WORK, "w"), found_w=v(FOUND, "w"))),
    "links": batched(cypher("""
MATCH (w)-[r:{contributes}]->(g)
WHERE {is_work} AND {work_w} AND r.status IN $flagged
RETURN {found_w}, g.id AS related, g.name AS related_name, r.status AS status
""", is_work=v(IS_WORK, "w"), work_w=v(WORK, "w"), found_w=v(FOUND, "w"))),
}
"""`orphans` in Cypher, one statement per group of reasons (see `orphans_in_database`)."""


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


def node_fields_of(node: dict) -> dict:
    """`queries.results.node_fields` of a node from the map `FOUND` returned."""
    nid = node["id"]
    return node_fields(SimpleNamespace(nodes={nid: node}), nid)


def _orphan(reason: str, props: dict, related: str | None = None, related_name: str | None = None,
            counted: bool = False) -> Orphan:
    return Orphan(reason=reason, related=related, related_name=related_name, counted=counted,
                  **node_fields_of(props))


def _orphan_order(o: Orphan) -> tuple:
    return (o.government or "", o.year or 0, o.code or "", o.id)


def orphans_in_database(store, filters: Filters | None = None, *, include_proposed: bool = False) -> Rows[Orphan]:
    """`queries.orphans` computed by the `ORPHANS` statements: the same `Orphan` rows in the same
    order (Python only sorts the returned findings and turns their properties into fields)."""
    filters = filters or Filters()
    if include_proposed:
        filters = filters.with_status(LinkStatus.PROPOSED)
    params = parameters(filters)
    found: dict[str, list[Orphan]] = {reason: [] for reason in REASONS}
    for r in read_rows(store, ORPHANS["line_reach"], **params):
        found["unaligned" if r["outcome"] else "no_outcome"].append(_orphan("", r["node"]))
    for reason in ("unsupported_target", "kp_no_regional_link"):
        found[reason] = [_orphan("", r["node"]) for r in read_rows(store, ORPHANS[reason], **params)]
    for r in read_rows(store, ORPHANS["empty"], **params):
        found["program_empty" if r["program"] else "kegiatan_empty"].append(_orphan("", r["node"]))
    counted = LinkStatus.PROPOSED in filters.status
    links = sorted(read_rows(store, ORPHANS["links"], **params),
                   key=lambda r: (_orphan_order(_orphan("", r["node"])), r["related"]))
    for r in links:
        proposed = r["status"] == LinkStatus.PROPOSED.value
        found["link_proposed" if proposed else "link_rejected"].append(
            _orphan("", r["node"], r["related"], r["related_name"] or r["related"], counted and proposed))
    rows = []
    for reason in REASONS:
        ordered = found[reason] if reason.startswith("link_") else sorted(found[reason], key=_orphan_order)
        rows += [replace(o, reason=reason) for o in ordered]
    return Rows(rows)


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"aligned_share": ALIGNED_SHARE, **{f"orphans_{k}": v for k, v in ORPHANS.items()}}
