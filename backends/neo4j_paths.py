"""`queries.line_of_sight` asked of the database: every path up from one node, found by Cypher.

`SIGHT` (one statement per start label, the label being no parameter in Cypher) matches every path
up from the start node along up links whose status counts, and keeps the paths that end (no
counted up link goes on) or stop at a link that does not count. Python numbers the returned paths
in the embedded analysis's order (depth first, the next nodes by id, a node's blocked links before
its children) and cuts them at ``max_paths``. A node's several blocked links are ordered by the id
of the node they point to (the embedded analysis keeps the graph's order). The graph is taken to
have no cycle of up links (the build never makes one).

>>> sorted(SIGHT) == sorted(WORK_KINDS + (NodeKind.TARGET, NodeKind.INDICATOR))
True
"""
from __future__ import annotations

from backends.neo4j_cypher import cypher, parameters
from backends.neo4j_store import LABELS, read
from graph.schema import LinkStatus, NodeKind, kind_of
from queries.cascade import LineOfSight, SightPath
from queries.errors import QueryError
from queries.filters import Filters
from queries.index import WORK_KINDS

__all__ = ["SIGHT", "EXISTS", "check_node", "line_of_sight_in_database", "statements"]

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
    return {**{f"sight_{k.value}": t for k, t in SIGHT.items()}, **{f"exists_{k.value}": t for k, t in EXISTS.items()}}
