"""Cascades: everything below a priority, target or programme (`cascade`), and every path up
from one piece of work (`line_of_sight`), with the point and reason where a chain breaks.

A cascade follows up edges backwards (part-of, aligns-with, measures, and mendukung links whose
status counts), across governments. Every sub kegiatan found brings its kegiatan and program as
*context* nodes (``context=True``, ``depth=None``) so a view can lay the cascade out in rows per
tier (`TIERS`), even when the line links to a target directly. ``pagu_total`` of a node sums the
pagu of the distinct sub kegiatan of the cascade below it: a line below a node by two paths counts
once.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> c = cascade(G, "prioritas:PN3")
>>> [(n.tier, n.name, n.pagu_total) for n in c if n.tier in ("pn", "sasaran_provinsi", "sasaran_kabkota")]
[('pn', 'Infrastruktur', 2800000000.0), ('sasaran_provinsi', 'Konektivitas Kaltim', 2800000000.0), ('sasaran_kabkota', 'Jalan mantap Kukar', 800000000.0)]
>>> los = line_of_sight(G, "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0001")
>>> [(p.reason, p.end) for p in los.paths]
[('no_link', 'program:64.02/2025/1.03.10'), ('unaligned', 'sasaran:KKR-S2')]
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from graph.schema import NATIONAL, EdgeKind, LinkStatus, NodeKind, TargetType
from reference import regions
from queries.errors import QueryError
from queries.filters import Filters
from queries.index import KINDS, STATUSES, WORK_KINDS, GraphIndex, bfs, graph_index
from queries.results import Rows, node_fields

__all__ = ["TIERS", "tier_of", "node_tier", "CascadeNode", "Cascade", "cascade", "SightPath", "LineOfSight", "line_of_sight"]

TIERS = ("pn", "pp_kp", "sasaran_provinsi", "sasaran_kabkota", "indikator", "program", "kegiatan", "sub_kegiatan")
"""Row order of a cascade view, top to bottom (PP, KP and Proyek Prioritas share the ``pp_kp`` row)."""

_ROOT_KINDS = (NodeKind.PRIORITY, NodeKind.TARGET, NodeKind.INDICATOR, NodeKind.PROGRAM, NodeKind.KEGIATAN)


@dataclass(frozen=True)
class CascadeNode:
    """One node of a cascade. `parents` are the cascade nodes it points up to; `agencies` the
    agencies responsible for it; the totals count the distinct sub kegiatan below it (itself for
    a line) and the distinct agencies running them."""

    id: str
    kind: str
    tier: str
    depth: int | None
    context: bool
    code: str | None
    name: str
    government: str | None
    year: int | None
    parents: tuple[str, ...]
    agencies: tuple[str, ...]
    pagu_total: float
    sub_kegiatan_count: int
    agency_count: int


class Cascade(Rows):
    """The nodes of a cascade, root first, then tier by tier (see `TIERS`)."""

    root: str

    def __new__(cls, root: str, nodes, notes=()):
        self = super().__new__(cls, nodes, notes)
        self.root = root
        return self

    def node(self, nid: str) -> CascadeNode:
        """The cascade node `nid`; a `QueryError` when it is not in this cascade."""
        found = next((n for n in self if n.id == nid), None)
        if found is None:
            raise QueryError("query.not_in_cascade", node=nid)
        return found

    def children(self, nid: str) -> list[CascadeNode]:
        return [n for n in self if nid in n.parents]


_TIER_KINDS = (NodeKind.INDICATOR, NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN)


def tier_of(attrs: Mapping) -> str | None:
    """The cascade row (one of `TIERS`) of a node, from its attributes; None for a node no cascade
    shows (regions, governments, agencies, documents). A regional target is a province's when its
    ``pemda`` is a province code (no dot); one with no government or the national one sits with PP / KP.

    >>> tier_of({"kind": "prioritas", "jenis": "kp"}), tier_of({"kind": "sasaran", "pemda": "64.02"})
    ('pp_kp', 'sasaran_kabkota')
    >>> tier_of({"kind": "perangkat_daerah"}) is None
    True
    """
    kind = attrs.get("kind")
    if kind == NodeKind.PRIORITY:
        return "pn" if attrs.get("jenis") == TargetType.PN else "pp_kp"
    if kind == NodeKind.TARGET:
        pemda = str(attrs.get("pemda") or "")
        if pemda in ("", NATIONAL):
            return "pp_kp"
        return "sasaran_kabkota" if regions.is_district(pemda) else "sasaran_provinsi"
    return str(kind) if kind in _TIER_KINDS else None


def node_tier(idx: GraphIndex, G: nx.MultiDiGraph, i: int) -> str:
    """The cascade row of the node at position `i` (`tier_of`; its kind when it has no tier)."""
    return tier_of(G.nodes[idx.ids[i]]) or KINDS[idx.kind[i]].value


def cascade(G: nx.MultiDiGraph, root: str, depth: int | None = None, filters: Filters | None = None) -> Cascade:
    """Everything below `root` (a priority, regional target, indicator, programme or kegiatan).

    `depth` limits how many links down from the root are listed (totals still count the whole
    cascade); `filters` select the work (year, pemda, province, bidang) and the link statuses.
    """
    filters = filters or Filters()
    if depth is not None and depth < 0:
        raise QueryError("query.depth", depth=depth)
    idx = graph_index(G)
    r = idx.node(root, _ROOT_KINDS)
    work = idx.is_kind(*WORK_KINDS)
    allowed = ~work | idx.work_mask(filters)
    seeds = np.zeros(idx.n, dtype=bool)
    seeds[r] = True
    dist, _ = bfs(idx.up(filters.status, reverse=True), seeds, allowed)
    below = dist >= 0
    is_line = idx.is_kind(NodeKind.SUB_KEGIATAN)

    part = idx.edge_csr(EdgeKind.PART_OF)
    members = below.copy()
    for _ in range(2):  # sub kegiatan -> kegiatan -> program
        parents = part[np.flatnonzero(members & work)].indices
        members[parents[work[parents]]] = True
    lines = np.flatnonzero(below & is_line)
    reach = idx.lines_below(lines, filters.status, members)
    pagu_total = idx.pagu[lines] @ reach
    line_count = np.asarray(reach.sum(axis=0)).ravel()
    agencies = np.asarray(idx.agency[lines])
    has_agency = agencies >= 0
    agency_count = np.zeros(idx.n, dtype=np.int64)
    if has_agency.any():
        onehot = sparse.csr_matrix((np.ones(int(has_agency.sum()), dtype=np.float32),
                                    (np.flatnonzero(has_agency), agencies[has_agency])), shape=(lines.size, idx.n))
        per_node = (reach.T @ onehot).tocsr()
        agency_count = np.diff(per_node.indptr)

    shown = members.copy()
    if depth is not None:
        shown &= below & (dist <= depth)
        shown_lines = np.flatnonzero(shown & is_line)
        for _ in range(2):
            parents = part[shown_lines].indices
            shown[parents[members[parents] & ~below[parents]]] = True
            shown_lines = parents
    up = idx.up(filters.status)
    responsible = idx.edge_csr(EdgeKind.RESPONSIBLE_FOR, reverse=True)
    nodes = []
    for i in np.flatnonzero(shown).tolist():
        f = node_fields(G, idx.ids[i])
        parents = tuple(sorted(idx.ids[p] for p in up.indices[up.indptr[i]:up.indptr[i + 1]] if shown[p]))
        own = {idx.ids[a] for a in responsible.indices[responsible.indptr[i]:responsible.indptr[i + 1]]}
        if f["agency"]:
            own.add(f["agency"])
        nodes.append(CascadeNode(
            id=f["id"], kind=f["kind"], tier=node_tier(idx, G, i), depth=int(dist[i]) if below[i] else None,
            context=not bool(below[i]), code=f["code"], name=f["name"],
            government=f["government"] or idx.label(idx.pemda[i]), year=f["year"], parents=parents,
            agencies=tuple(sorted(own)), pagu_total=float(pagu_total[i]), sub_kegiatan_count=int(line_count[i]),
            agency_count=int(agency_count[i]),
        ))
    order = {t: k for k, t in enumerate(TIERS)}
    nodes.sort(key=lambda n: (n.id != root, order.get(n.tier, len(TIERS)), n.depth if n.depth is not None else len(idx.ids),
                              n.government or "", n.code or "", n.id))
    notes = ["Context nodes (context=True) are the kegiatan and programmes of lines in the cascade."]
    return Cascade(root, nodes, notes)


@dataclass(frozen=True)
class SightPath:
    """One path up from the start node. `reason` is ``national`` when it reaches a national
    priority, else why it stops at `end`: ``unaligned`` (a regional target aligned with nothing
    higher), ``no_link`` (work or an indicator that supports nothing), ``link_proposed`` /
    ``link_rejected`` (its only way on is a link to `related` that does not count). `end_kind` and
    `end_government` say what and whose the end is; `related_name` names `related`."""

    path: int
    nodes: tuple[str, ...]
    names: tuple[str, ...]
    end: str
    reason: str
    related: str | None
    end_kind: str | None
    end_government: str | None
    related_name: str | None


@dataclass(frozen=True)
class LineOfSight:
    """Every path up from `node`; `priorities` lists the national priorities reached."""

    node: str
    paths: tuple[SightPath, ...]
    priorities: tuple[str, ...]
    truncated: bool

    @property
    def reaches_national(self) -> bool:
        return bool(self.priorities)

    @property
    def breaks(self) -> tuple[SightPath, ...]:
        """The distinct paths ends that are not a national priority."""
        seen, found = set(), []
        for p in self.paths:
            if p.reason != "national" and (p.end, p.reason, p.related) not in seen:
                seen.add((p.end, p.reason, p.related))
                found.append(p)
        return tuple(found)

    def to_rows(self) -> list[dict]:
        return Rows(self.paths).to_rows()


def line_of_sight(G: nx.MultiDiGraph, node: str, filters: Filters | None = None, *,
                  max_paths: int = 1000) -> LineOfSight:
    """Every path from `node` (sub kegiatan, kegiatan, programme, target or indicator) up to the
    national priorities it serves, and where each other path breaks. Links count by
    ``filters.status``; at most `max_paths` paths are listed (``truncated`` says when more exist).
    Paths come depth first: a node's links that do not count (by the id they point to), then the
    paths through its next nodes, by id.
    """
    filters = filters or Filters()
    idx = graph_index(G)
    start = idx.node(node, WORK_KINDS + (NodeKind.TARGET, NodeKind.INDICATOR))
    up = idx.up(filters.status)
    links = idx.contributions()
    counted = {STATUSES.index(s) + 1 for s in filters.status}
    priority = idx.kind_code(NodeKind.PRIORITY)
    target = idx.kind_code(NodeKind.TARGET)
    paths: list[SightPath] = []
    truncated = False

    def emit(trail: list[int], reason: str, related: int | None) -> None:
        nonlocal truncated
        if len(paths) >= max_paths:
            truncated = True
            return
        end = trail[-1]
        paths.append(SightPath(
            path=len(paths) + 1, nodes=tuple(idx.ids[t] for t in trail),
            names=tuple(G.nodes[idx.ids[t]].get("name") for t in trail), end=idx.ids[end], reason=reason,
            related=idx.ids[related] if related is not None else None,
            end_kind=G.nodes[idx.ids[end]].get("kind"), end_government=idx.label(idx.pemda[end]),
            related_name=G.nodes[idx.ids[related]].get("name") if related is not None else None))

    def walk(trail: list[int]) -> None:
        if truncated:
            return
        here = trail[-1]
        nexts = [int(v) for v in up[here].indices if v not in trail]
        row = links[here]
        blocked = sorted(((int(v), STATUSES[c - 1]) for v, c in zip(row.indices, row.data) if c not in counted),
                         key=lambda b: idx.ids[b[0]])
        for v, status in blocked:
            emit(trail, "link_proposed" if status is LinkStatus.PROPOSED else "link_rejected", v)
        if not nexts:
            if idx.kind[here] == priority:
                emit(trail, "national", None)
            elif not blocked:
                emit(trail, "unaligned" if idx.kind[here] == target else "no_link", None)
        for v in sorted(nexts, key=lambda v: idx.ids[v]):
            walk(trail + [v])

    walk([start])
    priorities = tuple(dict.fromkeys(p.end for p in paths if p.reason == "national"))
    return LineOfSight(node=node, paths=tuple(paths), priorities=priorities, truncated=truncated)
