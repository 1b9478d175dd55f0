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

from base.i18n import Phrase
from graph.schema import NATIONAL, EdgeKind, LinkStatus, NodeKind, TargetType
from reference import regions
from queries.arrays import distinct, ranks_within, stable_argsort, unique_inverse
from queries.errors import QueryError
from queries.filters import Filters
from queries.index import KINDS, STATUSES, WORK_KINDS, GraphIndex, bfs, graph_index, keep_columns, propagate, reach_matrix
from queries.order import label_ranks, order
from queries.results import LazyRows, Rows, node_fields

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


CONTEXT_NOTE = Phrase("note.cascade.context")
"""The note every cascade carries, embedded or asked of the database (its sentence: `views.sentences.note_text`)."""


class Cascade(LazyRows):
    """The nodes of a cascade, root first, then tier by tier (see `TIERS`); each `CascadeNode` is
    built when it is read (`queries.results.LazyRows`)."""

    def __init__(self, root: str, size: int, build, notes=(), locate=None):
        super().__init__(size, build, notes)
        self.root = root
        self._locate = locate

    def node(self, nid: str) -> CascadeNode:
        """The cascade node `nid`; a `QueryError` when it is not in this cascade."""
        at = self._locate(nid) if self._locate else [k for k, n in enumerate(self) if n.id == nid]
        if not len(at):
            raise QueryError("query.not_in_cascade", node=nid)
        return self[int(at[0])]

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


def tier_positions(idx: GraphIndex) -> np.ndarray:
    """Per node, the position of its row (`tier_of`) in `TIERS`, ``len(TIERS)`` for a node no cascade
    shows: `tier_of` in arrays, cached on the index."""
    return idx.memo(("tier_positions",), lambda: _tier_positions(idx))


def _tier_positions(idx: GraphIndex) -> np.ndarray:
    tier = np.full(idx.n, len(TIERS), dtype=np.int64)
    for kind in _TIER_KINDS:
        tier[idx.kind == idx.kind_code(kind)] = TIERS.index(kind.value)
    priority = idx.kind == idx.kind_code(NodeKind.PRIORITY)
    tier[priority] = TIERS.index("pp_kp")
    tier[priority & (idx.jenis == idx.lid(TargetType.PN.value))] = TIERS.index("pn")
    target = idx.kind == idx.kind_code(NodeKind.TARGET)
    national = (idx.pemda < 0) | (idx.pemda == idx.lid(NATIONAL)) | (idx.pemda == idx.lid(""))
    district = idx.label_table(idx.pemda, lambda p: bool(p) and p != NATIONAL and regions.is_district(p))[idx.pemda]
    tier[target] = TIERS.index("sasaran_provinsi")
    tier[target & district] = TIERS.index("sasaran_kabkota")
    tier[target & national] = TIERS.index("pp_kp")
    return tier


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
    work = idx.kind_mask(*WORK_KINDS)
    selects = filters.year is not None or filters.pemda or filters.province is not None or filters.bidang
    allowed = ~work | idx.work_mask(filters) if selects else None
    seeds = np.zeros(idx.n, dtype=bool)
    seeds[r] = True
    dist, _ = bfs(idx.up(filters.status, reverse=True), seeds, allowed, predecessors=False)
    below = dist >= 0
    is_line = idx.kind_mask(NodeKind.SUB_KEGIATAN)

    members = below.copy()
    for _ in range(2):  # sub kegiatan -> kegiatan -> program
        members[_work_parents(idx, members & work)] = True
    lines = np.flatnonzero(below & is_line)
    pagu_total, line_count, agency_count = _totals(idx, lines, filters.status, members)

    shown = members.copy()
    if depth is not None:
        shown &= below & (dist <= depth)
        shown_lines = np.flatnonzero(shown & is_line)
        for _ in range(2):
            parents = _work_parents(idx, shown_lines)
            shown[parents[members[parents] & ~below[parents]]] = True
            shown_lines = parents
    up = idx.up(filters.status)
    responsible = idx.edge_csr(EdgeKind.RESPONSIBLE_FOR, reverse=True)
    positions = np.flatnonzero(shown)
    nodes = positions
    depth_key = np.where(below[nodes], dist[nodes], int(dist.max()) + 1)  # context rows after the rest
    ids = idx.ids
    perm = order(positions != r, tier_positions(idx)[nodes], depth_key, label_ranks(idx, idx.pemda[nodes]),
                 label_ranks(idx, idx.code[nodes]), tie_ids=(nodes,), idx=idx)
    nodes = nodes[perm]

    def build(lo: int, hi: int) -> list[CascadeNode]:
        found = []
        for i in nodes[lo:hi].tolist():
            f = node_fields(G, ids[i])
            parents = tuple(sorted(ids[p] for p in up.indices[up.indptr[i]:up.indptr[i + 1]].tolist() if shown[p]))
            own = {ids[a] for a in responsible.indices[responsible.indptr[i]:responsible.indptr[i + 1]].tolist()}
            if f["agency"]:
                own.add(f["agency"])
            found.append(CascadeNode(
                id=f["id"], kind=f["kind"], tier=node_tier(idx, G, i), depth=int(dist[i]) if below[i] else None,
                context=not bool(below[i]), code=f["code"], name=f["name"],
                government=f["government"] or idx.label(idx.pemda[i]), year=f["year"], parents=parents,
                agencies=tuple(sorted(own)), pagu_total=float(pagu_total[i]), sub_kegiatan_count=int(line_count[i]),
                agency_count=int(agency_count[i]),
            ))
        return found

    notes = [CONTEXT_NOTE]
    return Cascade(root, nodes.size, build, notes, lambda nid: np.flatnonzero(nodes == idx.pos.get(nid, -1)))


def _work_parents(idx: GraphIndex, nodes: np.ndarray) -> np.ndarray:
    """The work that `nodes` (a mask or positions) are part of: their kegiatan and programs."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        src, dst = idx.edges[EdgeKind.PART_OF]
        work = idx.is_kind(*WORK_KINDS)
        keep = work[src] & work[dst]
        src, dst = src[keep], dst[keep]
        by_src = stable_argsort(src)
        return np.searchsorted(src[by_src], np.arange(idx.n + 1)), dst[by_src]

    start, parent = idx.memo(("work_parents",), compute)
    at = np.flatnonzero(nodes) if nodes.dtype == bool else nodes
    count = start[at + 1] - start[at]
    return parent[np.repeat(start[at], count) + ranks_within(count)]


def _totals(idx: GraphIndex, lines: np.ndarray, statuses, members: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per node: the pagu, the number and the number of agencies of the distinct `lines` below it
    inside `members` (a line counts for itself too)."""
    up = idx.up(statuses)
    found = _forest_totals(idx, lines, up, members)
    return found if found is not None else _reach_totals(idx, lines, keep_columns(up, members))


_MAX_CHAIN = 64
"""A chain of work (sub kegiatan -> kegiatan -> program) longer than this is not a plan's: the
totals are then taken by reach (`_reach_totals`)."""


def _forest_totals(idx: GraphIndex, lines: np.ndarray, up: sparse.csr_matrix,
                   members: np.ndarray) -> tuple[np.ndarray, ...] | None:
    """`_totals` for the shape every plan has (None for another shape): inside `members`, the work
    (sub kegiatan, kegiatan, program) forms a forest, each piece of work part of at most one other,
    and no goal (target, indicator, priority) points down into work. A line then reaches a piece of
    work along one path only, so the work's totals are sums up the forest; the goals a line reaches
    are the closure of those its chain of work links to, the closure taken once per goal and
    gathered per group of lines whose chains link alike (most lines link only through their
    kegiatan). Work and goals are numbered compactly, so no step walks every node of the graph."""
    n = idx.n
    pagu_total, line_count, agency_count = np.zeros(n), np.zeros(n), np.zeros(n, dtype=np.int64)
    if not lines.size:
        return pagu_total, line_count, agency_count
    work = idx.kind_mask(*WORK_KINDS)
    # compact numbers: work w of `members` is 0..W-1, goal g is 0..Z-1 (`at` maps a node to either)
    in_work, in_goals = members & work, members & ~work
    works, goals = np.flatnonzero(in_work), np.flatnonzero(in_goals)
    at = np.full(n, -1, dtype=np.int64)
    at[works], at[goals] = np.arange(works.size), np.arange(goals.size)

    rows = up[works]
    owner = np.repeat(np.arange(works.size), np.diff(rows.indptr))
    above = rows.indices
    keep = members[above]
    owner, above = owner[keep], above[keep]
    step = work[above]
    child = owner[step]
    if child.size > 1 and (child[1:] == child[:-1]).any():  # work part of two pieces of work
        return None
    parent = np.full(works.size, -1, dtype=np.int64)
    parent[child] = at[above[step]]
    links_from, links_to = owner[~step], at[above[~step]]  # work -> goal, compact

    rows = up[goals]
    owner = np.repeat(np.arange(goals.size), np.diff(rows.indptr))
    above = rows.indices
    keep = members[above]
    if work[above[keep]].any():  # a goal points down into work: not a forest
        return None
    adjacency = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (owner[keep], at[above[keep]])),
                                  shape=(goals.size, goals.size))
    closure = propagate(sparse.identity(goals.size, dtype=np.float32, format="csr"), adjacency)

    line_at = at[lines]
    pagu = idx.pagu[lines].astype(np.float64)
    agency = idx.agency[lines]
    has = agency >= 0
    got = _up_the_forest(parent, line_at, pagu, line_at[has], agency[has], n)
    if got is None:
        return None
    pagu_total[works], line_count[works], agency_count[works] = got

    # Lines that link to no goal themselves reach the goals their kegiatan (or program) links to:
    # one group per first piece of work up the chain that links somewhere.
    links = np.bincount(links_from, minlength=works.size)
    head = line_at.copy()
    for _ in range(_MAX_CHAIN):
        move = (links[head] == 0) & (parent[head] >= 0)
        if not move.any():
            break
        head[move] = parent[head[move]]
    linked = links[head] > 0
    heads, group = unique_inverse(head[linked])
    group = group.reshape(-1)
    by_from = stable_argsort(links_from)
    link_start = np.concatenate(([0], np.cumsum(links)))
    nothing = np.zeros(0, dtype=np.int64)
    entry_rows, entry_cols, chain, row = [nothing], [nothing], heads, np.arange(heads.size)
    while chain.size:  # each head's links and those of the work above it
        count = links[chain]
        entry_rows.append(np.repeat(row, count))
        entry_cols.append(links_to[by_from[np.repeat(link_start[chain], count) + ranks_within(count)]])
        chain = parent[chain]
        row, chain = row[chain >= 0], chain[chain >= 0]
    entry_rows, entry_cols = np.concatenate(entry_rows), np.concatenate(entry_cols)
    width = np.bincount(entry_rows, minlength=heads.size)
    # A head linking to one goal reaches that goal's closure: such heads are summed per goal before
    # the closure is applied. Heads linking to several goals (two chains that may meet higher up)
    # reach the union of their closures, each goal once.
    one = width[entry_rows] == 1
    single = np.full(heads.size, -1, dtype=np.int64)
    single[entry_rows[one]] = entry_cols[one]
    several = np.flatnonzero(width > 1)
    renumber = np.full(heads.size, -1, dtype=np.int64)
    renumber[several] = np.arange(several.size)
    multi = ~one
    entry = sparse.csr_matrix((np.ones(int(multi.sum()), dtype=np.float32),
                               (renumber[entry_rows[multi]], entry_cols[multi])), shape=(several.size, goals.size))
    reached = (entry @ closure).tocsr()
    reached.data[:] = 1
    by_one = single[group]
    alone, joined = by_one >= 0, renumber[group]
    for total, weight in ((pagu_total, pagu[linked]), (line_count, np.ones(group.size))):
        total[goals] = (np.bincount(by_one[alone], weights=weight[alone], minlength=goals.size) @ closure
                        + np.bincount(joined[~alone], weights=weight[~alone], minlength=several.size) @ reached)
    ran = has[linked]
    if ran.any():
        agencies, agency_of = unique_inverse(agency[linked][ran])
        agency_of = agency_of.reshape(-1)
        alone, by_one, joined = alone[ran], by_one[ran], joined[ran]

        def held(rows: np.ndarray, agency_of: np.ndarray, size: int) -> sparse.csr_matrix:
            return sparse.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, agency_of)), shape=(size, agencies.size))

        reaching = (closure.T @ held(by_one[alone], agency_of[alone], goals.size)
                    + reached.T @ held(joined[~alone], agency_of[~alone], several.size)).tocsr()
        agency_count[goals] = np.diff(reaching.indptr)
    return pagu_total, line_count, agency_count


def _up_the_forest(parent: np.ndarray, lines: np.ndarray, pagu: np.ndarray, ran: np.ndarray,
                   agency: np.ndarray, n: int) -> tuple[np.ndarray, ...] | None:
    """Per piece of work (`parent[w]` the one it is part of, -1 for none): the sum of `pagu` and the
    number of the `lines` at it or below it, and the number of distinct agencies (`agency[k]` runs
    line `ran[k]`, an agency a node position below `n`); None when a chain is longer than
    `_MAX_CHAIN` (a cycle)."""
    size = parent.size
    pagu_total, line_count = np.zeros(size), np.zeros(size)
    at, money = lines, pagu
    for _ in range(_MAX_CHAIN + 1):
        if not at.size:
            break
        pagu_total += np.bincount(at, weights=money, minlength=size)
        line_count += np.bincount(at, minlength=size)
        above = parent[at]
        keep = above >= 0
        at, money = above[keep], money[keep]
    else:
        return None
    agency_count = np.zeros(size, dtype=np.int64)
    held = distinct(ran.astype(np.int64) * n + agency)  # (work, agency), each once
    while held.size:  # no cycle: the sums above got to the top
        at = held // n
        agency_count += np.bincount(at, minlength=size)
        above = parent[at]
        keep = above >= 0
        held = distinct(above[keep] * n + held[keep] % n)
    return pagu_total, line_count, agency_count


def _reach_totals(idx: GraphIndex, lines: np.ndarray, up: sparse.csr_matrix) -> tuple[np.ndarray, ...]:
    """`_totals` for any shape: a line reaches itself and whatever the nodes right above it reach;
    lines whose only node above is the same one (the kegiatan of most lines) are summed as one group,
    so the reach is computed for those nodes and groups, not once per line."""
    above = up[lines]
    one = np.diff(above.indptr) == 1
    key = np.where(one, 0, -1 - np.arange(lines.size))
    key[one] = above.indices[above.indptr[:-1][one]]
    groups, group_of = unique_inverse(key)
    group_of = group_of.reshape(-1)
    n_groups = groups.size
    first = np.zeros(n_groups, dtype=np.int64)
    first[group_of] = np.arange(lines.size)
    group_above = above[first]  # every line of a group has the same nodes above it
    starts = distinct(group_above.indices)
    pick = sparse.csr_matrix((np.ones(starts.size, dtype=np.float32), (starts, np.arange(starts.size))),
                             shape=(idx.n, starts.size))
    reach = (group_above @ pick @ reach_matrix(starts, up)).tocsr()
    reach.data[:] = 1
    group_pagu = np.bincount(group_of, weights=idx.pagu[lines], minlength=n_groups)
    pagu_total = group_pagu @ reach
    line_count = np.bincount(group_of, minlength=n_groups).astype(np.float64) @ reach
    pagu_total[lines] += idx.pagu[lines]
    line_count[lines] += 1
    agencies = np.asarray(idx.agency[lines])
    has = agencies >= 0
    agency_count = np.zeros(idx.n, dtype=np.int64)
    if has.any():
        held = sparse.csr_matrix((np.ones(int(has.sum()), dtype=np.float32), (group_of[has], agencies[has])),
                                 shape=(n_groups, idx.n))
        agency_count = np.diff((reach.T @ held).tocsr().indptr)
        agency_count[lines[has]] += 1
    return pagu_total, line_count, agency_count


def _uncounted_links(idx: GraphIndex, statuses) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The mendukung links whose status does not count, as (source, target, position of the status
    in `STATUSES`) arrays: a line of sight looks up the few nodes it passes in these, which costs
    less than ordering every link by source. Cached on the index per set of statuses."""
    def compute() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        src, dst = idx.edges[EdgeKind.CONTRIBUTES_TO]
        keep = np.flatnonzero(~np.isin(idx.contrib_status, [STATUSES.index(s) for s in statuses]))
        return src[keep], dst[keep], idx.contrib_status[keep]

    return idx.memo(("uncounted_links", frozenset(statuses)), compute)


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
    link_src, link_dst, link_status = _uncounted_links(idx, filters.status)
    priority = idx.kind_code(NodeKind.PRIORITY)
    target = idx.kind_code(NodeKind.TARGET)
    paths: list[SightPath] = []
    truncated = False
    nodes = G.nodes
    up_ptr, up_indices = up.indptr, up.indices
    blocked_at: dict[int, list[tuple[int, LinkStatus]]] = {}

    def blocked_from(here: int) -> list[tuple[int, LinkStatus]]:
        """The links from `here` that do not count, by the id they point to (found once per node)."""
        if here not in blocked_at:
            at = np.flatnonzero(link_src == here)
            blocked_at[here] = sorted(((v, STATUSES[c]) for v, c in zip(link_dst[at].tolist(), link_status[at].tolist())),
                                      key=lambda b: idx.ids[b[0]])
        return blocked_at[here]

    def emit(trail: list[int], reason: str, related: int | None) -> None:
        nonlocal truncated
        if len(paths) >= max_paths:
            truncated = True
            return
        end = trail[-1]
        paths.append(SightPath(
            path=len(paths) + 1, nodes=tuple(idx.ids[t] for t in trail),
            names=tuple(idx.label(idx.name[t]) for t in trail), end=idx.ids[end], reason=reason,
            related=idx.ids[related] if related is not None else None,
            end_kind=nodes[idx.ids[end]].get("kind"), end_government=idx.label(idx.pemda[end]),
            related_name=idx.label(idx.name[related]) if related is not None else None))

    def walk(trail: list[int]) -> None:
        if truncated:
            return
        here = trail[-1]
        nexts = [v for v in up_indices[up_ptr[here]:up_ptr[here + 1]].tolist() if v not in trail]
        blocked = blocked_from(here)
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
