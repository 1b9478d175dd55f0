"""Desk decisions kept in the Neo4j (or FalkorDB) database, for the Neo4j backend: the same interface
as `backends.decisions.DecisionStore`.

Each decision is a ``:KaskadeDecision`` node (``seq``, ``source``, ``target``, ``status``,
``previous``, ``note``, ``who``, ``at``, ``undone_at``, ``undone_by``), numbered from one
``:KaskadeDecisionCounter`` node. Taking a decision is ONE statement, so one transaction: it increments the
counter (which locks it on Neo4j; FalkorDB runs one write at a time), reads the status in force,
creates the decision and sets the ``status`` of the ``CONTRIBUTES_TO`` relationship (creating it for
a proposed link), so concurrent deciders lose nothing, a failure leaves neither half, and every
analysis run on the database sees the decision. An undo marks the latest decision undone and puts back the status in force before
it (or removes a link the desk had proposed). Every value travels as a parameter.

A ``kaskade push`` of the same data later writes the file's statuses again; `reapply` sets the
decisions in force once more.
"""
from __future__ import annotations

from datetime import datetime, timezone

from backends.neo4j_store import LABELS, REL_TYPES, Neo4jGraph, _write, read
from base.errors import CatalogueError
from graph.schema import ALLOWED, EdgeKind, NodeKind, kind_of
from queries.decisions import Decision, in_force
from queries.filters import parse_status

__all__ = ["Neo4jDecisionStore", "statements", "DECISION_LABELS"]

DECISION_LABELS = ("KaskadeDecision", "KaskadeDecisionCounter")
_CONTRIB = REL_TYPES[EdgeKind.CONTRIBUTES_TO]
_DECIDE = (  # both ends matched first: when one is not stored, nothing is written
    "MATCH (a:{source} {{id: $source}}) MATCH (b:{target} {{id: $target}}) "
    "MERGE (c:KaskadeDecisionCounter {{id: $counter}}) SET c.last = coalesce(c.last, 0) + 1 "
    "WITH a, b, c OPTIONAL MATCH (p:KaskadeDecision {{source: $source, target: $target}}) WHERE p.undone_at IS NULL "
    "WITH a, b, c, p ORDER BY p.seq DESC WITH a, b, c, collect(p.status) AS statuses "
    "CREATE (d:KaskadeDecision {{seq: c.last, source: $source, target: $target, status: $status, note: $note, "
    "who: $who, at: $at}}) "
    "SET d.previous = CASE WHEN size(statuses) > 0 THEN statuses[0] ELSE $base END "
    "MERGE (a)-[r:" + _CONTRIB + "]->(b) SET r.status = $status, r.kind = $kind "
    "RETURN d.seq AS seq, d.previous AS previous"
)
_UNDO = (
    "MATCH (p:KaskadeDecision {source: $source, target: $target}) WHERE p.undone_at IS NULL "
    "WITH p ORDER BY p.seq DESC LIMIT 1 SET p.undone_at = $at, p.undone_by = $who "
    "RETURN p.seq AS seq, p.status AS status, p.previous AS previous, p.note AS note, p.who AS who, p.at AS at"
)
_ACTIVE = (
    "MATCH (p:KaskadeDecision {source: $source, target: $target}) WHERE p.undone_at IS NULL "
    "RETURN p.status AS status ORDER BY p.seq DESC LIMIT 1"
)
_ALL = (
    "MATCH (d:KaskadeDecision) RETURN d.seq AS seq, d.source AS source, d.target AS target, d.status AS status, "
    "d.previous AS previous, d.note AS note, d.who AS who, d.at AS at, d.undone_at AS undone_at, "
    "d.undone_by AS undone_by ORDER BY d.seq"
)
_CLEAR = "MATCH (d) WHERE d:KaskadeDecision OR d:KaskadeDecisionCounter DETACH DELETE d"
_SET_LINK = (
    "MATCH (a:{source} {{id: $source}}) MATCH (b:{target} {{id: $target}}) "
    "MERGE (a)-[r:" + _CONTRIB + "]->(b) SET r.status = $status, r.kind = $kind"
)
_DROP_LINK = "MATCH (a:{source} {{id: $source}})-[r:" + _CONTRIB + "]->(b:{target} {{id: $target}}) DELETE r"
_LINK = (
    "MATCH (a:{source} {{id: $source}}) MATCH (b:{target} {{id: $target}}) "
    "OPTIONAL MATCH (a)-[r:" + _CONTRIB + "]->(b) RETURN r.status AS status"
)


def _pairs() -> list[tuple[NodeKind, NodeKind]]:
    return sorted(ALLOWED[EdgeKind.CONTRIBUTES_TO])


def statements() -> dict[str, str]:
    """Every statement this module sends, by name (for the lint test)."""
    out = {"decision_undo": _UNDO, "decision_active": _ACTIVE, "decision_all": _ALL,
           "decision_clear": _CLEAR}
    for src, dst in _pairs():
        labels = {"source": LABELS[src], "target": LABELS[dst]}
        out[f"decision_decide_{src.value}_{dst.value}"] = _DECIDE.format(**labels)
        out[f"decision_set_{src.value}_{dst.value}"] = _SET_LINK.format(**labels)
        out[f"decision_drop_{src.value}_{dst.value}"] = _DROP_LINK.format(**labels)
        out[f"decision_link_{src.value}_{dst.value}"] = _LINK.format(**labels)
    return out


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _labels(source: str, target: str) -> dict[str, str]:
    try:
        pair = (kind_of(source), kind_of(target))
    except ValueError:
        pair = None
    if pair not in ALLOWED[EdgeKind.CONTRIBUTES_TO]:
        raise CatalogueError("query.link_kinds", source=repr(source), target=repr(target))
    return {"source": LABELS[pair[0]], "target": LABELS[pair[1]]}


class Neo4jDecisionStore:
    """The decisions in the database `graph` holds (a `backends.neo4j_store.Neo4jGraph`)."""

    def __init__(self, graph: Neo4jGraph) -> None:
        self.graph = graph
        self.path = "Neo4j"

    def _write(self, statement: str, **params) -> list[dict]:
        g = self.graph
        return _write(g.driver, g.database, g.dialect, statement, params)

    def exists(self) -> bool:
        return True

    def link(self, source: str, target: str) -> tuple[bool, str | None]:
        """Whether both ends are stored, and the link's stored status (None when there is no link)."""
        found = read(self.graph, _LINK.format(**_labels(source, target)), source=source, target=target)
        return (bool(found), found[0]["status"] if found else None)

    def decide(self, source: str, target: str, status: str, *, who: str, note: str = "",
               base: str | None = None) -> Decision:
        value = parse_status(status).value
        who = (who or "").strip()
        if not who:
            raise CatalogueError("desk.who_missing")
        labels = _labels(source, target)
        at = _now()
        found = self._write(_DECIDE.format(**labels), source=source, target=target, status=value, note=note or "",
                            who=who, at=at, base=base, counter="decisions", kind=EdgeKind.CONTRIBUTES_TO.value)
        if not found:  # an end is not stored: nothing was written
            raise CatalogueError("desk.link_missing", source=source, target=target)
        got = found[0]
        return Decision(int(got["seq"]), source, target, value, got["previous"], note or "", who, at)

    def undo(self, source: str, target: str, *, who: str) -> Decision | None:
        labels = _labels(source, target)
        at = _now()
        got = self._write(_UNDO, source=source, target=target, at=at, who=who)
        if not got:
            return None
        row = got[0]
        active = read(self.graph, _ACTIVE, source=source, target=target)
        status = active[0]["status"] if active else row["previous"]
        if status is None:
            self._write(_DROP_LINK.format(**labels), source=source, target=target)
        else:
            self._write(_SET_LINK.format(**labels), source=source, target=target, status=status,
                        kind=EdgeKind.CONTRIBUTES_TO.value)
        return Decision(int(row["seq"]), source, target, row["status"], row["previous"], row["note"] or "", row["who"],
                        row["at"], undone_at=at, undone_by=who)

    def decisions(self) -> list[Decision]:
        return [Decision(int(r["seq"]), r["source"], r["target"], r["status"], r["previous"], r["note"] or "",
                         r["who"], r["at"], r["undone_at"], r["undone_by"]) for r in read(self.graph, _ALL)]

    def history(self, source: str, target: str) -> list[Decision]:
        return [d for d in self.decisions() if d.link == (source, target)]

    def in_force(self) -> dict[tuple[str, str], Decision]:
        return in_force(self.decisions())

    def version(self) -> tuple[int, int]:
        found = self.decisions()
        return (max((d.id for d in found), default=0), len(found) * 1_000_000 + sum(d.undone_at is not None for d in found))

    def clear(self) -> None:
        """Forget every decision (the links keep the status they have now)."""
        self._write(_CLEAR)

    def reapply(self) -> int:
        """Set the status of every link with a decision in force again (after a push); returns how many."""
        latest = self.in_force()
        for (source, target), d in latest.items():
            self._write(_SET_LINK.format(**_labels(source, target)), source=source, target=target, status=d.status,
                        kind=EdgeKind.CONTRIBUTES_TO.value)
        return len(latest)
