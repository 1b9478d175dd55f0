"""`queries.line_of_sight` asked of the database: every path up from one node, found by Cypher.

`SIGHT` (one statement per start label, the label being no parameter in Cypher) matches every path
up from the start node along up links whose status counts, and keeps the paths that end (no
counted up link goes on) or stop at a link that does not count. Python numbers the returned paths
in the embedded analysis's order (depth first, the next nodes by id, a node's blocked links before
its children) and cuts them at ``max_paths``. A node's several blocked links are ordered by the id
of the node they point to, as in the embedded analysis. The graph is taken to
have no cycle of up links (the build never makes one).

>>> sorted(SIGHT) == sorted(WORK_KINDS + (NodeKind.TARGET, NodeKind.INDICATOR))
True
"""
from __future__ import annotations

import numpy as np
from scipy import sparse

from backends.neo4j_cypher import COUNTS, FOUND, IS_WORK, WORK, batched, cypher, node_fields_of, parameters, read_rows, v
from backends.neo4j_store import LABELS, REL_TYPES, read
from graph.schema import EdgeKind, LinkStatus, NodeKind, kind_of
from queries.cascade import CONTEXT_NOTE, TIERS, Cascade, CascadeNode, LineOfSight, SightPath, tier_of
from queries.index import WORK_KINDS, reach_matrix
from queries.errors import QueryError
from queries.filters import Filters

__all__ = ["SIGHT", "CASCADE", "EXISTS", "check_node", "line_of_sight_in_database", "cascade_in_database", "statements"]

_SIGHT_KINDS = WORK_KINDS + (NodeKind.TARGET, NodeKind.INDICATOR)

SIGHT: dict[NodeKind, str] = {kind: cypher("""
MATCH p = (s:{start} {{id: $id}})-[:{up}*0..]->(e)
WHERE all(r IN relationships(p) WHERE type(r) <> $contributes OR r.status IN $status)
OPTIONAL MATCH (e)-[u:{up}]->(x)
WITH p, e, collect(CASE WHEN type(u) <> $contributes OR u.status IN $status THEN x.id END) AS nexts,
     collect(CASE WHEN type(u) = $contributes AND NOT u.status IN $status THEN [x.id, x.name, u.status] END) AS blocked
WHERE size(nexts) = 0 OR size(blocked) > 0
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names, e.kind AS end_kind,
       CASE WHEN e:{government} THEN e.kode ELSE e.pemda END AS end_government, size(nexts) = 0 AS last, blocked
""", start=LABELS[kind]) for kind in _SIGHT_KINDS}
"""Per start kind: every counted path up from the start that ends or meets a link that does not count."""

EXISTS: dict[NodeKind, str] = {kind: f"MATCH (n:{LABELS[kind]} {{id: $id}}) RETURN count(n) AS n" for kind in NodeKind}
"""Per kind: whether a node of that id is stored."""


def check_node(store, nid: str, kinds: tuple[NodeKind, ...]) -> NodeKind:
    """The kind of the stored node `nid`; the `QueryError` of `queries.index.GraphIndex.node` when
    it is not stored or not of `kinds`."""
    try:
        kind = kind_of(nid)
    except ValueError:
        raise QueryError("query.unknown_node", node=nid) from None
    if not read(store, EXISTS[kind], id=nid)[0]["n"]:
        raise QueryError("query.unknown_node", node=nid)
    if kind not in kinds:
        raise QueryError("query.wrong_kind", node=nid, kinds=", ".join(k.value for k in kinds))
    return kind


_BLOCKED = ""  # sorts before every node id: a node's blocked links come before its children
_END = "\U0010ffff"  # sorts after every node id


def line_of_sight_in_database(store, node: str, filters: Filters | None = None, *,
                              max_paths: int = 1000) -> LineOfSight:
    """`queries.line_of_sight` computed by `SIGHT`: the same paths in the same order."""
    filters = filters or Filters()
    kind = check_node(store, node, _SIGHT_KINDS)
    emitted: dict[tuple, dict] = {}
    for r in read(store, SIGHT[kind], id=node, **parameters(filters)):
        ids, names = tuple(r["ids"]), tuple(r["names"])
        end = {"nodes": ids, "names": names, "end": ids[-1], "end_kind": r["end_kind"],
               "end_government": r["end_government"]}
        for related, related_name, status in r["blocked"]:
            reason = "link_proposed" if status == LinkStatus.PROPOSED.value else "link_rejected"
            emitted[ids + (_BLOCKED, related)] = {**end, "reason": reason, "related": related,
                                                  "related_name": related_name}
        if r["last"]:
            if r["end_kind"] == NodeKind.PRIORITY.value:
                reason = "national"
            elif r["blocked"]:
                continue
            else:
                reason = "unaligned" if r["end_kind"] == NodeKind.TARGET.value else "no_link"
            emitted[ids + (_END,)] = {**end, "reason": reason, "related": None, "related_name": None}
    ordered = [emitted[k] for k in sorted(emitted)]
    paths = tuple(SightPath(path=k + 1, **p) for k, p in enumerate(ordered[:max_paths]))
    priorities = tuple(dict.fromkeys(p.end for p in paths if p.reason == "national"))
    return LineOfSight(node=node, paths=paths, priorities=priorities, truncated=len(ordered) > max_paths)


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {**{f"sight_{k.value}": t for k, t in SIGHT.items()}, **{f"exists_{k.value}": t for k, t in EXISTS.items()},
            **{f"cascade_{k.value}": t for k, t in CASCADE.items()}}


_PARENTS = (NodeKind.KEGIATAN, NodeKind.PROGRAM)  # the up links of work to these are part-of links
_ROOT_KINDS = (NodeKind.PRIORITY, NodeKind.TARGET, NodeKind.INDICATOR, NodeKind.PROGRAM, NodeKind.KEGIATAN)

CASCADE: dict[NodeKind, str] = {kind: batched(cypher("""
MATCH p = (root:{start} {{id: $id}})<-[:{up}*0..]-(n)
WHERE {counts_p} AND all(x IN nodes(p)[1..] WHERE NOT {is_work_x} OR ({work_x}))
WITH n, min(length(p)) AS depth
OPTIONAL MATCH (n)-[:{part_of}*1..2]->(c)
WHERE (n:{line} OR n:{kegiatan}) AND (c:{kegiatan} OR c:{program})
WITH n, depth, collect(c) AS context
UNWIND [n] + context AS m
WITH m, min(CASE WHEN m = n THEN depth END) AS depth
OPTIONAL MATCH (m)-[u:{up}]->(x)
WHERE type(u) <> $contributes OR u.status IN $status
WITH m, depth, collect(x.id) AS ups
OPTIONAL MATCH (m)<-[:{responsible}]-(a)
RETURN {found_m}, m.jenis AS jenis, depth, ups, collect(a.id) AS agencies
""", start=LABELS[kind], counts_p=v(COUNTS, "p"), is_work_x=v(IS_WORK, "x"), work_x=v(WORK, "x"),
    found_m=v(FOUND, "m"),
    responsible=REL_TYPES[EdgeKind.RESPONSIBLE_FOR])) for kind in _ROOT_KINDS}
"""Per root kind: every node below the root along counted up links through selected work (with
its least depth), the kegiatan and programme of such work (depth null), each with its counted up
links (a line's or kegiatan's to its kegiatan or programme among them) and the agencies
responsible for it."""


def cascade_in_database(store, root: str, depth: int | None = None, filters: Filters | None = None) -> Cascade:
    """`queries.cascade` computed by `CASCADE`: the same nodes in the same order. The totals (pagu,
    sub kegiatan and agencies below each node) are summed in Python over the returned nodes and
    their links (sparse reachability over the cascade itself)."""
    filters = filters or Filters()
    if depth is not None and depth < 0:
        raise QueryError("query.depth", depth=depth)
    kind = check_node(store, root, _ROOT_KINDS)
    rows = read_rows(store, CASCADE[kind], id=root, **parameters(filters))
    ids = [r["node"]["id"] for r in rows]
    pos = {nid: i for i, nid in enumerate(ids)}
    n = len(ids)
    below = np.array([r["depth"] is not None for r in rows], dtype=bool)
    dist = np.array([r["depth"] if r["depth"] is not None else -1 for r in rows], dtype=np.int64)
    is_line = np.array([r["node"]["kind"] == NodeKind.SUB_KEGIATAN.value for r in rows], dtype=bool)
    src = [i for i, r in enumerate(rows) for u in r["ups"] if u in pos]
    dst = [pos[u] for r in rows for u in r["ups"] if u in pos]
    up = sparse.csr_matrix((np.ones(len(src), dtype=np.float32), (src, dst)), shape=(n, n))
    up.sum_duplicates()
    up.data[:] = 1
    lines = np.flatnonzero(below & is_line)
    reach = reach_matrix(lines, up)
    pagu = np.array([float(rows[i]["node"]["pagu"] or 0.0) for i in lines.tolist()])
    pagu_total = pagu @ reach
    line_count = np.asarray(reach.sum(axis=0)).ravel()
    agency_of = [rows[i]["node"]["agency"] for i in lines.tolist()]
    agency_count = np.zeros(n, dtype=np.int64)
    coo = reach.tocoo()
    seen = {(int(c), agency_of[r]) for r, c in zip(coo.row.tolist(), coo.col.tolist()) if agency_of[r]}
    for c, _ in seen:
        agency_count[c] += 1
    shown = np.ones(n, dtype=bool)
    if depth is not None:
        shown = below & (dist <= depth)
        shown_lines = [i for i in np.flatnonzero(shown & is_line).tolist()]
        for _ in range(2):
            parents = [pos[p] for i in shown_lines for p in rows[i]["ups"] if p in pos and kind_of(p) in _PARENTS]
            for p in parents:
                if not below[p]:
                    shown[p] = True
            shown_lines = parents
    nodes = []
    for i in np.flatnonzero(shown).tolist():
        r = rows[i]
        f = node_fields_of(r["node"])
        own = set(r["agencies"])
        if f["agency"]:
            own.add(f["agency"])
        tier = tier_of({"kind": f["kind"], "jenis": r["jenis"], "pemda": r["node"]["pemda"]}) or f["kind"]
        nodes.append(CascadeNode(
            id=f["id"], kind=f["kind"], tier=tier, depth=int(dist[i]) if below[i] else None,
            context=not bool(below[i]), code=f["code"], name=f["name"], government=f["government"],
            year=f["year"], parents=tuple(sorted({u for u in r["ups"] if u in pos and shown[pos[u]]})),
            agencies=tuple(sorted(own)), pagu_total=float(pagu_total[i]), sub_kegiatan_count=int(line_count[i]),
            agency_count=int(agency_count[i])))
    order = {t: k for k, t in enumerate(TIERS)}
    nodes.sort(key=lambda c: (c.id != root, order.get(c.tier, len(TIERS)), c.depth if c.depth is not None else n + 1,
                              c.government or "", c.code or "", c.id))
    return Cascade(root, len(nodes), lambda lo, hi: nodes[lo:hi], [CONTEXT_NOTE])
