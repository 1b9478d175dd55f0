"""`queries.desk` on a stored graph, reading only the nodes the desk looks at.

The desk reads a few things about many kinds of node (links, owners, measuring indicators,
responsible agencies, lines below a programme), so rather than write it twice, Cypher finds the
ids of every node the embedded `queries.desk` can read for one bidang, province and year, and
only those nodes and the relationships among them are read into networkx, where the SAME
`queries.desk` runs:

- `WORK`: the work of the bidang, year and province (a superset of the desk's own selection,
  which also leaves out the support programme), with its kegiatan and programme, what they link
  to, the lines below it and the agencies responsible for it;
- `HELD`: the regional targets and indicators an agency holding the bidang is responsible for,
  in the province (an indicator owned through its sasaran comes with `CONTEXT`);
- `CONTEXT`, repeated until nothing new comes: per outcome node, what it measures, the
  indicators measuring it and the agencies responsible for it.

Then `backends.neo4j_app.subgraph` reads those nodes and their relationships, by label and id. Every other
goal, indicator, agency and region of the graph stays in the database (the scope read before
held every one of them).

>>> sorted(statements())
['context', 'held', 'work']
"""
from __future__ import annotations

import networkx as nx

import queries
from backends.neo4j_app import each_label, subgraph
from backends.neo4j_cypher import IS_WORK, batched, cypher, read_rows, v
from backends.neo4j_store import LABELS, REL_TYPES
from graph.schema import EdgeKind, NodeKind
from queries.desk import Desk
from queries.filters import Filters

__all__ = ["WORK", "HELD", "CONTEXT", "desk_ids", "desk_in_database", "statements"]

_EXTRA = {"responsible": REL_TYPES[EdgeKind.RESPONSIBLE_FOR]}

WORK = batched(cypher("""
MATCH (w)
WHERE {is_work} AND w.bidang = $bidang AND ($year IS NULL OR w.tahun = $year)
  AND ($province IS NULL OR w.province = $province)
OPTIONAL MATCH (w)-[:{part_of}*1..2]->(p)
WITH w, [w] + collect(DISTINCT p) AS ups
UNWIND ups AS u
OPTIONAL MATCH (u)-[:{contributes}]->(t)
WITH w, ups, collect(DISTINCT t.id) AS linked
OPTIONAL MATCH (x:{line})-[:{part_of}*1..2]->(w)
WITH w, ups, linked, collect(DISTINCT x.id) AS below
OPTIONAL MATCH (h:{agency})-[:{responsible}]->(w)
WITH w, ups, linked, below, collect(DISTINCT h.id) AS holders
RETURN [u IN ups | u.id] AS ups, linked, below, holders, w.agency AS agency
""", is_work=v(IS_WORK, "w"), **_EXTRA))
"""Per work node of the bidang, year and province: the ids of itself and its kegiatan and programme,
of what those link to, of the lines below it, of its responsible agencies and its agency."""

HELD = batched(cypher("""
MATCH (a:{agency})-[:{responsible}]->(o)
WHERE $bidang IN a.bidang AND (o:{target} OR o:{indicator})
  AND ($province IS NULL OR o.pemda IS NULL OR left(o.pemda, 2) = $province)
RETURN DISTINCT o.id AS id
""", **_EXTRA))
"""The targets and indicators an agency holding the bidang is responsible for (in the province,
when the node names its government)."""

CONTEXT = batched("""
UNWIND $ids AS id
MATCH (o:{label} {{id: id}})
OPTIONAL MATCH (o)-[:{measures}]->(m)
WITH o, collect(DISTINCT m.id) AS measured
OPTIONAL MATCH (i:{indicator})-[:{measures}]->(o)
WITH o, measured, collect(DISTINCT i.id) AS measuring
OPTIONAL MATCH (h:{agency})-[:{responsible}]->(o)
WITH o, measured, measuring, collect(DISTINCT h.id) AS holders
RETURN measured + measuring + holders AS near
""".strip())
"""Per node of a label: what it measures, the indicators measuring it, the agencies responsible
for it (``{label}`` filled in per label)."""

def _fill(text: str, label: str) -> str:
    """A statement of one label."""
    return cypher(text, label=label, **_EXTRA)


def _each_label(store, text: str, ids) -> list[dict]:
    """The rows of a `batched` statement of one label, run per label for the ids of that label."""
    return each_label(store, text, ids, **_EXTRA)


def _outcomes(ids) -> list[str]:
    """The targets and indicators among `ids` (what the desk asks of owners and holders)."""
    kinds = (NodeKind.TARGET, NodeKind.INDICATOR)
    return [n for n in ids if n.split(":", 1)[0] in kinds]


def desk_ids(store, bidang: str, province: str | None, year: int | None) -> set[str]:
    """The ids of every node the desk of `bidang` in `province` and `year` can read."""
    params = {"bidang": bidang, "province": province, "year": year}
    ids: set[str] = set()
    outcome: set[str] = set()
    for r in read_rows(store, WORK, **params):
        ids.update(r["ups"], r["below"], r["holders"])
        outcome.update(r["linked"])
        if r["agency"]:
            ids.add(r["agency"])
    outcome.update(r["id"] for r in read_rows(store, HELD, **params))
    todo = outcome
    while todo:
        ids |= todo
        near = {n for r in _each_label(store, CONTEXT, _outcomes(todo)) for n in r["near"]}
        todo = near - ids
    return ids


def desk_in_database(store, bidang: str, *, province: str | None = None, year: int | None = None,
                     filters: Filters | None = None) -> Desk:
    """`queries.desk` on the nodes `desk_ids` names and the relationships among them."""
    asked = queries.desk(nx.MultiDiGraph(), bidang, province=province, year=year, filters=filters)  # checks the bidang
    ids = desk_ids(store, asked.bidang, asked.province, asked.year)
    G = subgraph(store, ids, context=False)
    return queries.desk(G, asked.bidang, province=asked.province, year=asked.year)


def statements() -> dict[str, str]:
    """Every statement of this module by name, for one label each (for the lint test)."""
    return {"work": WORK, "held": HELD, "context": _fill(CONTEXT, LABELS[NodeKind.TARGET])}
