"""Desk decisions on mendukung links, and the overlay that applies them to a graph.

A `Decision` says: the link from work `source` to target `target` is now `status` (usulan /
disepakati / ditolak), decided by `who` at `at` with a `note`; `previous` is the status it had
before. Decisions are kept by a store (`backends.decisions`); an undone decision stays in the
history (``undone_at``) but no longer counts. `apply_decisions` returns a copy of the graph in
which every link's status is that of its latest decision still in force; a decision on a link the
data does not hold proposes a new link. Analyses stay pure functions of the graph they are given.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> line = "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"
>>> d = Decision(1, line, "indikator:KKR-I1", "ditolak", "disepakati", "not a road outcome", "Rina", "2026-12-03T08:00:00+00:00")
>>> H = apply_decisions(G, [d])
>>> H.edges[line, "indikator:KKR-I1", "mendukung"]["status"], G.edges[line, "indikator:KKR-I1", "mendukung"]["status"]
('ditolak', 'disepakati')
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.schema import ALLOWED, EdgeKind, LinkStatus, kind_of
from queries.errors import QueryError
from queries.filters import parse_status

__all__ = ["Decision", "apply_decisions", "in_force", "link_status", "check_link"]


@dataclass(frozen=True)
class Decision:
    """One decision on one link; `previous` is None for a link proposed at the desk."""

    id: int
    source: str
    target: str
    status: str
    previous: str | None
    note: str
    who: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def link(self) -> tuple[str, str]:
        return (self.source, self.target)


def in_force(decisions: Iterable[Decision]) -> dict[tuple[str, str], Decision]:
    """The latest decision not undone, per link (decisions in the order they were taken)."""
    latest: dict[tuple[str, str], Decision] = {}
    for d in sorted(decisions, key=lambda d: d.id):
        if d.undone_at is None:
            latest[d.link] = d
    return latest


def link_status(G: nx.MultiDiGraph, source: str, target: str) -> str | None:
    """The status of the mendukung link source -> target in `G`, None when there is none."""
    key = EdgeKind.CONTRIBUTES_TO.value
    if G.has_edge(source, target, key):
        return G.edges[source, target, key].get("status") or LinkStatus.AGREED.value
    return None


def check_link(G: nx.MultiDiGraph, source: str, target: str, status: str) -> str:
    """The status value of a decision, checked against the graph: both ends exist and a mendukung link
    may join them. Raises `QueryError` otherwise."""
    value = parse_status(status).value
    for nid in (source, target):
        if nid not in G:
            raise QueryError("query.not_in_data", node=nid)
    pair = (kind_of(source), kind_of(target))
    if pair not in ALLOWED[EdgeKind.CONTRIBUTES_TO]:
        raise QueryError("query.link_kinds", source=pair[0].value, target=pair[1].value)
    return value


def apply_decisions(G: nx.MultiDiGraph, decisions: Iterable[Decision]) -> nx.MultiDiGraph:
    """A copy of `G` with the link statuses the decisions in force set, and the links they propose.
    Decisions naming a node the graph does not hold (data changed since) are skipped."""
    latest = in_force(decisions)
    if not latest:
        return G
    H = G.copy()
    key = EdgeKind.CONTRIBUTES_TO.value
    for (source, target), d in latest.items():
        if source not in H or target not in H:
            continue
        if H.has_edge(source, target, key):
            H.edges[source, target, key]["status"] = d.status
        else:
            H.add_edge(source, target, key, kind=key, status=d.status, decided=True)
    return H
