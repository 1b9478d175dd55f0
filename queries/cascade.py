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
from queries.index import KINDS, STATUSES, WORK_KINDS, GraphIndex, bfs, graph_index, propagate
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


def tier_positions(idx: GraphIndex, at: np.ndarray | None = None) -> np.ndarray:
    """Per node (of the positions `at`, every node by default), the position of its row
    (`tier_of`) in `TIERS`, ``len(TIERS)`` for a node no cascade shows: `tier_of` in arrays. The
    whole graph's is cached on the index; a cascade asks only for its own nodes."""
    if at is None:
        return idx.memo(("tier_positions",), lambda: _tier_positions(idx, np.arange(idx.n)))
    return _tier_positions(idx, at)


def _tier_positions(idx: GraphIndex, at: np.ndarray) -> np.ndarray:
    by_kind = np.full(len(KINDS), len(TIERS), dtype=np.int64)
    for kind in _TIER_KINDS:
        by_kind[idx.kind_code(kind)] = TIERS.index(kind.value)
    kind = idx.kind[at]
    tier = by_kind[kind]
    priority = kind == idx.kind_code(NodeKind.PRIORITY)
    tier[priority] = TIERS.index("pp_kp")
    tier[priority & (idx.jenis[at] == idx.lid(TargetType.PN.value))] = TIERS.index("pn")
    target = np.flatnonzero(kind == idx.kind_code(NodeKind.TARGET))
    pemda = idx.pemda[at[target]]
    national = (pemda < 0) | (pemda == idx.lid(NATIONAL)) | (pemda == idx.lid(""))
    district = idx.label_table(pemda, lambda p: bool(p) and p != NATIONAL and regions.is_district(p))[pemda]
    tier[target] = np.where(national, TIERS.index("pp_kp"),
                            np.where(district, TIERS.index("sasaran_kabkota"), TIERS.index("sasaran_provinsi")))
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
    positions = np.flatnonzero(shown)
    nodes = positions
    depth_key = np.where(below[nodes], dist[nodes], int(dist.max()) + 1)  # context rows after the rest
    ids = idx.ids
    perm = order(positions != r, tier_positions(idx, nodes), depth_key, label_ranks(idx, idx.pemda[nodes]),
                 label_ranks(idx, idx.code[nodes]), tie_ids=(nodes,), idx=idx)
    nodes = nodes[perm]

    held: list = []

    def build(lo: int, hi: int) -> list[CascadeNode]:
        if not held:
            held.append(_responsible(idx, shown))
        responsible = held[0]
        found = []
        for i in nodes[lo:hi].tolist():
            f = node_fields(G, ids[i])
            parents = tuple(sorted(ids[p] for p in up.indices[up.indptr[i]:up.indptr[i + 1]].tolist() if shown[p]))
            own = {ids[a] for a in responsible.get(i, ())}
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


def _responsible(idx: GraphIndex, shown: np.ndarray) -> dict[int, list[int]]:
    """Per node of `shown` with any: the agencies responsible for it (penanggung jawab edges), read
    when a cascade's first node is built, from the edges into its nodes only."""
    src, dst = idx.edges[EdgeKind.RESPONSIBLE_FOR]
    keep = np.flatnonzero(shown[dst])
    found: dict[int, list[int]] = {}
    for a, i in zip(src[keep].tolist(), dst[keep].tolist()):
        found.setdefault(i, []).append(a)
    return found


def _work_parents(idx: GraphIndex, nodes: np.ndarray) -> np.ndarray:
    """The work that `nodes` (a mask or positions) are part of: their kegiatan and programs."""
    def compute() -> tuple[np.ndarray, np.ndarray]:
        src, dst = idx.edges[EdgeKind.PART_OF]
        work = idx.kind_mask(*WORK_KINDS)
        keep = work[src] & work[dst]
        src, dst = src[keep], dst[keep]
        if src.size > 1 and (src[1:] < src[:-1]).any():  # the index lists edges by source: rarely needed
            by_src = stable_argsort(src)
            src, dst = src[by_src], dst[by_src]
        return np.concatenate(([0], np.cumsum(np.bincount(src, minlength=idx.n)))), dst

    start, parent = idx.memo(("work_parents",), compute)
    at = np.flatnonzero(nodes) if nodes.dtype == bool else nodes
    count = start[at + 1] - start[at]
    return parent[np.repeat(start[at], count) + ranks_within(count)]


def _totals(idx: GraphIndex, lines: np.ndarray, statuses, members: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per node: the pagu, the number and the number of agencies of the distinct `lines` below it
    inside `members` (a line counts for itself too), for any shape of graph.

    The nodes of `members` split in two. The *shared* ones are everything reachable upward from a
    goal (target, indicator, priority) or from a piece of work that two others are part of (and
    from a chain of work that loops); the rest, the *tree*, is work each part of at most one other
    tree node, which no shared node points into. A line reaches a tree node along one path only,
    so tree totals are sums up the tree (`_up_the_tree`). The shared nodes a line reaches are the
    closure (among shared nodes) of those its chain of tree nodes links to, the closure taken once
    per shared node and gathered per group of lines whose chains link alike (most lines link only
    through their kegiatan). In a plan's usual shape the shared nodes are the goals and the tree is
    all the work; a goal pointing down into work (an indicator measuring a kegiatan) makes that
    work and what is above it shared. Nodes are numbered compactly, so no step walks every node of
    the graph."""
    n = idx.n
    pagu_total, line_count, agency_count = np.zeros(n), np.zeros(n), np.zeros(n, dtype=np.int64)
    if not lines.size:
        return pagu_total, line_count, agency_count
    up = idx.up(statuses)
    nodes = np.flatnonzero(members)
    size = nodes.size
    at = np.full(n, -1, dtype=np.int64)
    at[nodes] = np.arange(size)
    rows = up[nodes]
    child = np.repeat(np.arange(size), np.diff(rows.indptr))
    keep = members[rows.indices]
    child, parent = child[keep], at[rows.indices[keep]]  # up edges inside members, by child
    is_work = idx.kind_mask(*WORK_KINDS)[nodes]
    step = is_work[child] & is_work[parent]
    seeds = ~is_work
    several = np.bincount(child[step], minlength=size) > 1
    seeds[parent[step & several[child]]] = True
    line_at = at[lines]
    for _ in range(2):  # the second time only when a chain of work loops
        shared = _upward(seeds, child, parent, size)
        tree = step & ~shared[child] & ~shared[parent]
        tree_parent = np.full(size, -1, dtype=np.int64)
        tree_parent[child[tree]] = parent[tree]
        looping = _looping(tree_parent, line_at[~shared[line_at]])
        if not looping.size:
            break
        seeds[looping] = True
    pagu = idx.pagu[lines].astype(np.float64)
    agency = idx.agency[lines]
    totals = _up_the_tree(tree_parent, line_at, pagu, agency, n)
    in_tree = np.flatnonzero(~shared)
    pagu_total[nodes[in_tree]], line_count[nodes[in_tree]], agency_count[nodes[in_tree]] = (t[in_tree] for t in totals)
    shared_at = np.flatnonzero(shared)
    if shared_at.size:
        got = _shared_totals(shared, shared_at, child, parent, tree_parent, line_at, pagu, agency)
        pagu_total[nodes[shared_at]], line_count[nodes[shared_at]], agency_count[nodes[shared_at]] = got
    return pagu_total, line_count, agency_count


def _upward(seeds: np.ndarray, child: np.ndarray, parent: np.ndarray, size: int) -> np.ndarray:
    """The `seeds` mask with every node reachable from a seed along the edges (`child` -> `parent`,
    sorted by child) added."""
    start = np.concatenate(([0], np.cumsum(np.bincount(child, minlength=size))))
    reached = seeds.copy()
    frontier = np.flatnonzero(seeds)
    while frontier.size:
        count = start[frontier + 1] - start[frontier]
        nxt = parent[np.repeat(start[frontier], count) + ranks_within(count)]
        nxt = nxt[~reached[nxt]]
        reached[nxt] = True
        frontier = distinct(nxt)
    return reached


def _looping(parent: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The nodes still climbing after `_MAX_CHAIN` steps up `parent` (-1: none) from `starts`: on a
    loop, since no plan's chain of work is that long (none when every chain ends)."""
    at = distinct(starts)
    for _ in range(_MAX_CHAIN):
        at = parent[at]
        at = distinct(at[at >= 0])
        if not at.size:
            break
    return at


_MAX_CHAIN = 64
"""A chain of work (sub kegiatan -> kegiatan -> program) longer than this is not a plan's: its
nodes are taken as a loop and counted with the shared nodes (`_totals`)."""


def _up_the_tree(parent: np.ndarray, lines: np.ndarray, pagu: np.ndarray, agency: np.ndarray,
                 n: int) -> tuple[np.ndarray, ...]:
    """Per node of a forest (`parent[w]` the node w is part of, -1 for none, no loop): the sum of
    `pagu` and the number of the `lines` at it or below it, and the number of distinct agencies
    (`agency[k]` runs line `lines[k]`, a node position below `n`, -1 for none)."""
    size = parent.size
    pagu_total, line_count = np.zeros(size), np.zeros(size)
    at, money = lines, pagu
    while at.size:
        pagu_total += np.bincount(at, weights=money, minlength=size)
        line_count += np.bincount(at, minlength=size)
        above = parent[at]
        keep = above >= 0
        at, money = above[keep], money[keep]
    agency_count = np.zeros(size, dtype=np.int64)
    has = agency >= 0
    held = distinct(lines[has] * n + agency[has])  # (node, agency), each once
    while held.size:
        at = held // n
        agency_count += np.bincount(at, minlength=size)
        above = parent[at]
        keep = above >= 0
        held = distinct(above[keep] * n + held[keep] % n)
    return pagu_total, line_count, agency_count


def _shared_totals(shared: np.ndarray, shared_at: np.ndarray, child: np.ndarray, parent: np.ndarray,
                   tree_parent: np.ndarray, line_at: np.ndarray, pagu: np.ndarray,
                   agency: np.ndarray) -> tuple[np.ndarray, ...]:
    """`_totals` of the shared nodes `shared_at` (compact numbers; see `_totals`)."""
    size = shared.size
    s_at = np.full(size, -1, dtype=np.int64)
    s_at[shared_at] = np.arange(shared_at.size)
    n_shared = shared_at.size
    inside = shared[child]
    adjacency = sparse.csr_matrix((np.ones(int(inside.sum()), dtype=np.float32), (s_at[child[inside]], s_at[parent[inside]])),
                                  shape=(n_shared, n_shared))
    closure = propagate(sparse.identity(n_shared, dtype=np.float32, format="csr"), adjacency)
    # links from the tree into the shared nodes, by tree node
    link = ~inside & shared[parent]
    links_from, links_to = child[link], s_at[parent[link]]
    links = np.bincount(links_from, minlength=size)
    link_start = np.concatenate(([0], np.cumsum(links)))
    # Per line, its head: the first node up its chain that links somewhere (a shared line is its
    # own entry); lines of one head reach the same shared nodes.
    own = shared[line_at]
    head = np.where(own, -1, line_at)
    for _ in range(_MAX_CHAIN + 1):
        move = (head >= 0) & (links[np.maximum(head, 0)] == 0) & (tree_parent[np.maximum(head, 0)] >= 0)
        if not move.any():
            break
        head[move] = tree_parent[head[move]]
    linked = own | ((head >= 0) & (links[np.maximum(head, 0)] > 0))
    key = np.where(own, -1 - s_at[line_at], head)[linked]  # a shared line: its own group
    groups, group = unique_inverse(key)
    group = group.reshape(-1)
    nothing = np.zeros(0, dtype=np.int64)
    own_groups = np.flatnonzero(groups < 0)
    entry_rows, entry_cols = [own_groups], [-1 - groups[own_groups]]
    chain = groups[groups >= 0]
    row = np.flatnonzero(groups >= 0)
    while chain.size:  # each head's links and those of the tree above it
        count = links[chain]
        entry_rows.append(np.repeat(row, count))
        entry_cols.append(links_to[np.repeat(link_start[chain], count) + ranks_within(count)])
        chain = tree_parent[chain]
        row, chain = row[chain >= 0], chain[chain >= 0]
    entry_rows, entry_cols = np.concatenate(entry_rows + [nothing]), np.concatenate(entry_cols + [nothing])
    # A group entering at one shared node reaches that node's closure: such groups are summed per
    # node before the closure is applied. Groups entering at several (two chains that may meet
    # higher up) reach the union of their closures, each node once.
    width = np.bincount(entry_rows, minlength=groups.size)
    one = width[entry_rows] == 1
    single = np.full(groups.size, -1, dtype=np.int64)
    single[entry_rows[one]] = entry_cols[one]
    many = np.flatnonzero(width > 1)
    renumber = np.full(groups.size, -1, dtype=np.int64)
    renumber[many] = np.arange(many.size)
    entry = sparse.csr_matrix((np.ones(int((~one).sum()), dtype=np.float32),
                               (renumber[entry_rows[~one]], entry_cols[~one])), shape=(many.size, n_shared))
    reached = (entry @ closure).tocsr()
    reached.data[:] = 1
    by_one = single[group]
    alone, joined = by_one >= 0, renumber[group]
    closure_t, reached_t = closure.T.tocsr(), reached.T.tocsr()
    totals = []
    for weight in (pagu[linked], np.ones(group.size)):
        totals.append(closure_t @ np.bincount(by_one[alone], weights=weight[alone], minlength=n_shared)
                      + reached_t @ np.bincount(joined[~alone], weights=weight[~alone], minlength=many.size))
    agency_count = np.zeros(n_shared, dtype=np.int64)
    ran = agency[linked] >= 0
    if ran.any():
        agencies, agency_of = unique_inverse(agency[linked][ran])
        width = agencies.size
        alone, by_one, joined, agency_of = alone[ran], by_one[ran], joined[ran], agency_of.reshape(-1)

        def held(rows: np.ndarray, size: int, take: np.ndarray) -> sparse.csr_matrix:
            pairs = distinct(rows[take] * width + agency_of[take])  # (row, agency), each once
            return sparse.csr_matrix((np.ones(pairs.size, dtype=np.float32), (pairs // width, pairs % width)),
                                     shape=(size, width))

        reaching = (closure_t @ held(by_one, n_shared, alone) + reached_t @ held(joined, many.size, ~alone)).tocsr()
        agency_count = np.diff(reaching.indptr)
    return totals[0], totals[1], agency_count


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
