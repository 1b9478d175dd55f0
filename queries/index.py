"""The query index: the columnar model of the graph that the analyses run on.

It is a second model of the same data, kept in columns: integer node positions, one array per
attribute the analyses filter or sum on, and one edge list (and CSR matrix) per edge kind.
Whole-graph analyses scan it instead of looping over networkx: a reachability scan is a frontier
loop over a `scipy.sparse` CSR matrix, linear in the number of edges and vectorized.

It is derived from the graph and cached with it: built once per graph object (one pass over nodes
and edges) on first use, kept in a `weakref.WeakKeyDictionary` (dropped with the graph), rebuilt
when the graph's node count changes. It derives no fact of its own: every value is copied from a
node or edge attribute the builder set (an indicator's government included), and attributes not
held here are read from the graph.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("sasaran:S1", kind="sasaran", name="S1", pemda="64.02")
>>> G.add_node("indikator:I1", kind="indikator", name="I1", jenis="hasil")
>>> G.add_node("sub_kegiatan:a", kind="sub_kegiatan", name="a", pemda="64.02", tahun=2025, pagu=5.0)
>>> _ = G.add_edge("indikator:I1", "sasaran:S1", key="mengukur", kind="mengukur")
>>> _ = G.add_edge("sub_kegiatan:a", "indikator:I1", key="mendukung", kind="mendukung", status="disepakati")
>>> idx = graph_index(G)
>>> [idx.ids[i] for i in np.flatnonzero(idx.reach(idx.is_kind(NodeKind.TARGET), down=True))]
['sasaran:S1', 'indikator:I1', 'sub_kegiatan:a']
>>> graph_index(G) is idx
True
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from scipy import sparse

from base.collector import collector_paused
from graph.lines import LineRow
from graph.schema import EdgeKind, GovLevel, IndicatorType, LinkStatus, NodeKind
from reference import regions
from queries.arrays import distinct, unique_all
from queries.errors import QueryError
from queries.filters import Filters

__all__ = ["GraphIndex", "graph_index", "bfs", "reach_matrix", "reach_above", "propagate", "keep_columns", "keep_rows", "KINDS", "WORK_KINDS", "STATUSES"]

KINDS: tuple[NodeKind, ...] = tuple(NodeKind)
_KIND = {k.value: i for i, k in enumerate(KINDS)}
WORK_KINDS = (NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN)
STATUSES: tuple[LinkStatus, ...] = tuple(LinkStatus)
_STATUS = {s.value: i for i, s in enumerate(STATUSES)}
_EDGE_KINDS = {k.value: k for k in EdgeKind}
_GOAL_UP = (EdgeKind.PART_OF, EdgeKind.ALIGNS_WITH, EdgeKind.MEASURES)
_PLANS = 1 << 16  # key dicts whose reading is remembered while indexing (held by the graph meanwhile)


@dataclass(eq=False)
class GraphIndex:
    """Arrays over node positions ``0..n-1`` (``ids[i]`` is the node id) and edge lists by kind.

    Label arrays (`pemda`, `province`, `bidang`, `family`, `code`, `jenis`, `name`) hold positions in
    `labels` (-1 when the node has no such attribute); `year` is 0 and `level` 0 when absent.
    """

    ids: list[str]
    pos: dict[str, int]
    kind: np.ndarray
    pagu: np.ndarray
    year: np.ndarray
    level: np.ndarray
    agency: np.ndarray
    pemda: np.ndarray
    province: np.ndarray
    bidang: np.ndarray
    family: np.ndarray
    code: np.ndarray
    jenis: np.ndarray
    name: np.ndarray
    labels: list[str]
    label_id: dict[str, int]
    edges: dict[EdgeKind, tuple[np.ndarray, np.ndarray]]
    contrib_status: np.ndarray
    funds_jenis: np.ndarray
    funds_year: np.ndarray
    gov_level: dict[str, str]
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.ids)

    def node(self, nid: str, kinds: Iterable[NodeKind] | None = None) -> int:
        """The position of a node id; a `QueryError` for an unknown id or a kind not in `kinds`."""
        i = self.pos.get(nid)
        if i is None:
            raise QueryError("query.unknown_node", node=nid)
        if kinds is not None:
            kinds = tuple(kinds)
            if KINDS[self.kind[i]] not in kinds:
                names = ", ".join(k.value for k in kinds)
                raise QueryError("query.wrong_kind", node=nid, kinds=names)
        return i

    def label(self, i: int) -> str | None:
        return None if i < 0 else self.labels[i]

    def government_level(self, kode_pemda: str | None) -> GovLevel | None:
        """The level of a government code: its node's ``level``, else read from the region list."""
        if kode_pemda is None:
            return None
        if self.gov_level.get(kode_pemda):
            return GovLevel(self.gov_level[kode_pemda])
        try:
            return regions.government_level(kode_pemda)
        except ValueError:
            return None

    def label_table(self, column: np.ndarray, fn, dtype=bool) -> np.ndarray:
        """`fn(label)` for every label used in `column`, as an array indexed by label position
        (the last slot stands for -1, no label); computed once per distinct label."""
        table = np.zeros(len(self.labels) + 1, dtype=dtype)
        for lab in distinct(column).tolist():
            table[lab] = fn(self.label(lab))
        return table

    def lid(self, text: str) -> int:
        return self.label_id.get(text, -2)

    @staticmethod
    def kind_code(kind: NodeKind) -> int:
        return _KIND[kind.value]

    def is_kind(self, *kinds: NodeKind) -> np.ndarray:
        table = np.zeros(len(KINDS), dtype=bool)
        table[[_KIND[k.value] for k in kinds]] = True
        return table[self.kind]

    def outcome_mask(self) -> np.ndarray:
        """What a line must reach not to be an orphan: a target, a national priority, or an
        indicator that is not an output (keluaran) indicator."""
        output = self.jenis == self.lid(IndicatorType.KELUARAN.value)
        return self.is_kind(NodeKind.TARGET, NodeKind.PRIORITY) | (self.is_kind(NodeKind.INDICATOR) & ~output)

    def outcome_indicators(self) -> np.ndarray:
        """Indicators of jenis hasil (outcome); impact (dampak) ones measure a tujuan, output
        (keluaran) ones measure work."""
        return self.is_kind(NodeKind.INDICATOR) & (self.jenis == self.lid(IndicatorType.HASIL.value))

    def work_mask(self, filters: Filters, kinds: Iterable[NodeKind] = WORK_KINDS) -> np.ndarray:
        """Work nodes of `kinds` selected by the year, pemda, province and bidang filters."""
        m = self.is_kind(*kinds)
        if filters.year is not None:
            m &= self.year == filters.year
        if filters.pemda:
            m &= np.isin(self.pemda, [self.lid(p) for p in filters.pemda])
        if filters.province is not None:
            m &= self.province == self.lid(filters.province)
        if filters.bidang:
            m &= np.isin(self.bidang, [self.lid(b) for b in filters.bidang])
        return m

    def owner_mask(self, filters: Filters) -> np.ndarray:
        """Nodes whose owning government is in the pemda / province scope of `filters`."""
        if not filters.pemda and filters.province is None:
            return np.ones(self.n, dtype=bool)
        return self.label_table(self.pemda, filters.selects_government)[self.pemda]

    def edge_csr(self, kind: EdgeKind, *, reverse: bool = False) -> sparse.csr_matrix:
        """Adjacency of one edge kind (row = source), or of its reverse."""
        key = ("edge", kind, reverse)
        if key not in self._cache:
            src, dst = self.edges[kind]
            self._cache[key] = _csr(dst, src, self.n) if reverse else _csr(src, dst, self.n)
        return self._cache[key]

    def work_parent(self) -> np.ndarray:
        """Per node: the kegiatan of a sub kegiatan, the program of a kegiatan, else -1."""
        key = ("work_parent",)
        if key not in self._cache:
            src, dst = self.edges[EdgeKind.PART_OF]
            parent = np.full(self.n, -1, dtype=np.int64)
            work = self.is_kind(NodeKind.SUB_KEGIATAN, NodeKind.KEGIATAN)[src]
            parent[src[work]] = dst[work]
            self._cache[key] = parent
        return self._cache[key]

    def contributions(self) -> sparse.csr_matrix:
        """Mendukung links as a CSR whose values are ``1 + position of the status in STATUSES``."""
        key = ("contributions",)
        if key not in self._cache:
            src, dst = self.edges[EdgeKind.CONTRIBUTES_TO]
            m = sparse.csr_matrix((self.contrib_status.astype(np.int16) + 1, (src, dst)), shape=(self.n, self.n))
            m.sort_indices()
            self._cache[key] = m
        return self._cache[key]

    def up(self, statuses: Iterable[LinkStatus], *, reverse: bool = False) -> sparse.csr_matrix:
        """Every up edge (part-of outside regions, aligns-with, measures, and contributes-to links
        whose status is in `statuses`) as one adjacency; `reverse` gives the down direction."""
        statuses = frozenset(statuses)
        key = ("up", statuses, reverse)
        if key not in self._cache:
            src_parts, dst_parts = [], []
            for kind in _GOAL_UP:
                src, dst = self.edges[kind]
                keep = self.kind[src] != _KIND[NodeKind.REGION.value]
                src_parts.append(src[keep])
                dst_parts.append(dst[keep])
            src, dst = self.edges[EdgeKind.CONTRIBUTES_TO]
            counts = np.zeros(len(STATUSES), dtype=bool)
            counts[[_STATUS[s.value] for s in statuses]] = True
            keep = counts[self.contrib_status]
            src_parts.append(src[keep])
            dst_parts.append(dst[keep])
            src, dst = np.concatenate(src_parts), np.concatenate(dst_parts)
            self._cache[key] = _csr(dst, src, self.n) if reverse else _csr(src, dst, self.n)
        return self._cache[key]

    def reach(self, seeds: np.ndarray, statuses: Iterable[LinkStatus] = (LinkStatus.AGREED,), *,
              down: bool = False, within: np.ndarray | None = None) -> np.ndarray:
        """Nodes reachable from the `seeds` mask along up edges (or down edges), seeds included.

        `within` restricts the nodes a path may pass through."""
        return bfs(self.up(statuses, reverse=down), seeds, within, predecessors=False)[0] >= 0

    def flags(self, statuses: Iterable[LinkStatus]) -> dict[str, np.ndarray]:
        """Per node: whether it reaches an outcome, a regional target, a national priority."""
        statuses = frozenset(statuses)
        key = ("flags", statuses)
        if key not in self._cache:
            self._cache[key] = {
                "outcome": self.reach(self.outcome_mask(), statuses, down=True),
                "target": self.reach(self.is_kind(NodeKind.TARGET), statuses, down=True),
                "priority": self.reach(self.is_kind(NodeKind.PRIORITY), statuses, down=True),
            }
        return self._cache[key]

    def lines_below(self, lines: np.ndarray, statuses: Iterable[LinkStatus], nodes: np.ndarray) -> sparse.csr_matrix:
        """Reach matrix: row r says which nodes sub kegiatan ``lines[r]`` reaches going up while
        staying inside the `nodes` mask (itself included)."""
        up = keep_columns(self.up(statuses), nodes)
        return reach_matrix(lines, up)


def reach_matrix(starts: np.ndarray, adj: sparse.csr_matrix) -> sparse.csr_matrix:
    """Row r: every node reachable from ``starts[r]`` along `adj` (itself included), as a 0/1 CSR."""
    n = adj.shape[0]
    return propagate(sparse.csr_matrix(
        (np.ones(starts.size, dtype=np.float32), (np.arange(starts.size), starts)), shape=(starts.size, n)), adj)


def reach_above(starts: np.ndarray, adj: sparse.csr_matrix) -> sparse.csr_matrix:
    """Row r: every node reachable from ``starts[r]`` along `adj` in one step or more (not itself,
    unless on a cycle), as a 0/1 CSR. The reach is computed once per node right above the starts,
    which many starts share (a kegiatan above its lines), then gathered per start."""
    n = adj.shape[0]
    above = adj[starts]
    heads = distinct(above.indices)
    pick = sparse.csr_matrix((np.ones(heads.size, dtype=np.float32), (heads, np.arange(heads.size))), shape=(n, heads.size))
    reached = (above @ pick @ reach_matrix(heads, adj)).tocsr()
    reached.data[:] = 1
    return reached


def propagate(initial: sparse.csr_matrix, adj: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row of `initial` (a 0/1 node set) with every node reachable from it along `adj` added.

    One sparse product per path length, so a node reached by several paths counts once."""
    reached = initial.tocsr()
    reached.data[:] = 1
    frontier = reached
    while frontier.nnz:
        step = (frontier @ adj).tocsr()
        step.data[:] = 1
        step = (step - step.multiply(reached)).tocsr()
        step.eliminate_zeros()
        reached = (reached + step).tocsr()
        frontier = step
    return reached


def keep_columns(m: sparse.csr_matrix, keep: np.ndarray) -> sparse.csr_matrix:
    """`m` with only its entries in the columns where `keep` is True: ``m @ diags(keep)`` for a
    0/1 matrix, in one pass over the entries instead of a sparse product."""
    m = m.tocsr()
    sel = keep[m.indices]
    kept = np.concatenate(([0], np.cumsum(sel, dtype=np.int64)))
    return sparse.csr_matrix((m.data[sel], m.indices[sel], kept[m.indptr]), shape=m.shape)


def keep_rows(keep: np.ndarray, m: sparse.csr_matrix) -> sparse.csr_matrix:
    """`m` with only its rows where `keep` is True: ``diags(keep) @ m`` for a 0/1 matrix."""
    m = m.tocsr()
    sizes = np.where(keep, np.diff(m.indptr), 0)
    sel = np.repeat(keep, np.diff(m.indptr))
    return sparse.csr_matrix((m.data[sel], m.indices[sel], np.concatenate(([0], np.cumsum(sizes)))), shape=m.shape)


def _csr(src: np.ndarray, dst: np.ndarray, n: int) -> sparse.csr_matrix:
    """The 0/1 adjacency of the pairs (src, dst), canonical (indices sorted, no duplicates): one
    sort of the pairs packed into single integers."""
    if n and (n - 1).bit_length() * 2 > 62:
        m = sparse.csr_matrix((np.ones(src.size, dtype=np.float32), (src, dst)), shape=(n, n))
        m.sum_duplicates()
        m.data[:] = 1
        return m
    pairs = distinct(np.asarray(src, dtype=np.int64) * n + np.asarray(dst, dtype=np.int64))
    rows = pairs // n
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    return sparse.csr_matrix((np.ones(pairs.size, dtype=np.float32), pairs - rows * n, indptr), shape=(n, n))


def bfs(adj: sparse.csr_matrix, seeds: np.ndarray, within: np.ndarray | None = None,
        max_depth: int | None = None, *, predecessors: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Breadth-first search from every seed at once: (depth per node, -1 when unreached;
    one predecessor per reached node, -1 for seeds and unreached). Without `predecessors` the
    second array stays all -1 and each step marks the nodes reached instead of sorting them."""
    depth = np.full(adj.shape[0], -1, dtype=np.int32)
    pred = np.full(adj.shape[0], -1, dtype=np.int64)
    frontier = np.flatnonzero(seeds)
    depth[frontier] = 0
    level = 0
    while frontier.size and (max_depth is None or level < max_depth):
        level += 1
        sub = adj[frontier]
        nb = sub.indices
        fresh = depth[nb] < 0
        if within is not None:
            fresh &= within[nb]
        if predecessors:
            origin = np.repeat(frontier, np.diff(sub.indptr))[fresh]
            nb, first, _, _ = unique_all(nb[fresh])
            pred[nb] = origin[first]
        else:
            reached = np.zeros(depth.size, dtype=bool)
            reached[nb[fresh]] = True
            nb = np.flatnonzero(reached)
        depth[nb] = level
        frontier = nb
    return depth, pred


def _build(G: nx.MultiDiGraph) -> GraphIndex:
    ids = list(G.nodes)
    pos = {nid: i for i, nid in enumerate(ids)}
    n = len(ids)
    labels: list[str] = []
    label_id: dict[str, int] = {}

    def lab(value) -> int:
        if value is None:
            return -1
        value = str(value)
        got = label_id.get(value)
        if got is None:
            got = label_id[value] = len(labels)
            labels.append(value)
        return got

    kind = np.zeros(n, dtype=np.int8)
    pagu = np.zeros(n, dtype=np.float64)
    year = np.zeros(n, dtype=np.int32)
    level = np.zeros(n, dtype=np.int8)
    agency = np.full(n, -1, dtype=np.int64)
    cols = {name: np.full(n, -1, dtype=np.int32) for name in ("pemda", "province", "bidang", "family", "code", "jenis", "name")}
    gov_level: dict[str, str] = {}
    agency_of: list[tuple[int, str]] = []
    line_kind = _KIND[NodeKind.SUB_KEGIATAN.value]
    table = None
    for i, (nid, d) in enumerate(G.nodes(data=True)):
        if d.__class__ is LineRow:  # a sub kegiatan of a built graph: read its table's columns
            if table is not d.table:
                table = d.table
                t_cols = [table.column(k) for k in
                          ("province", "name", "pemda", "code", "tahun", "bidang", "program", "level", "pagu", "agency")]
            if not table.sparse and "jenis" not in table.cols:
                r = d.row
                t_prov, t_name, t_pemda, t_code, t_tahun, t_bidang, t_program, t_level, t_pagu, t_agency = t_cols
                kind[i] = line_kind
                cols["province"][i] = lab(t_prov[r])
                cols["name"][i] = lab(t_name[r])
                cols["pemda"][i] = lab(t_pemda[r])
                code = t_code[r]
                cols["code"][i] = lab(code)
                year[i] = t_tahun[r] or 0
                cols["bidang"][i] = lab(t_bidang[r])
                cols["family"][i] = lab(t_program[r] or (code[:7] if code else None))
                lv = t_level[r]
                level[i] = int(lv) if lv in ("1", "2") else 0
                pagu[i] = t_pagu[r] or 0.0
                if t_agency[r]:
                    agency_of.append((i, t_agency[r]))
                continue
        k = d.get("kind") or nid.split(":", 1)[0]
        kind[i] = _KIND[k]
        cols["province"][i] = lab(d.get("province"))
        cols["name"][i] = lab(d.get("name"))
        if k == "pemda":
            cols["pemda"][i] = lab(d.get("kode"))
            cols["jenis"][i] = lab(d.get("level"))
            gov_level[d.get("kode")] = d.get("level")
            continue
        cols["pemda"][i] = lab(d.get("pemda"))
        cols["jenis"][i] = lab(d.get("jenis"))
        code = d.get("code") or d.get("kode")
        cols["code"][i] = lab(code)
        if k in ("program", "kegiatan", "sub_kegiatan"):
            year[i] = d.get("tahun") or 0
            cols["bidang"][i] = lab(d.get("bidang"))
            cols["family"][i] = lab(d.get("program") or (code[:7] if code else None))
            lv = d.get("level")
            level[i] = int(lv) if lv in ("1", "2") else 0
            if k == "sub_kegiatan":
                pagu[i] = d.get("pagu") or 0.0
                if d.get("agency"):
                    agency_of.append((i, d["agency"]))
    for i, a in agency_of:
        agency[i] = pos.get(a, -1)

    edge_lists: dict[EdgeKind, tuple[list[int], list[int]]] = {k: ([], []) for k in EdgeKind}
    status: list[int] = []
    f_jenis: list[int] = []
    f_year: list[int] = []
    agreed = _STATUS[LinkStatus.AGREED.value]
    plans: dict[int, list] = {}  # id of a key dict -> what each of its edges appends where

    def plan(keyed: dict) -> list:
        steps = []
        for key, d in keyed.items():
            ek = _EDGE_KINDS[d.get("kind", key)]
            extra: tuple = ()
            if ek is EdgeKind.CONTRIBUTES_TO:
                extra = ((status, _STATUS.get(d.get("status"), agreed)),)
            elif ek is EdgeKind.FUNDS:
                extra = ((f_jenis, lab(d.get("jenis"))), (f_year, d.get("tahun") or 0))
            steps.append((*edge_lists[ek], extra))
        return steps

    # a built graph shares its key dicts ({kind: attrs}) between edges, so each is read once
    for u, nbrs in G.adjacency():
        iu = pos[u]
        for v, keyed in nbrs.items():
            iv = pos[v]
            steps = plans.get(id(keyed))
            if steps is None:
                steps = plan(keyed)
                if len(plans) < _PLANS:
                    plans[id(keyed)] = steps
            for src, dst, extra in steps:
                src.append(iu)
                dst.append(iv)
                for target, value in extra:
                    target.append(value)
    edges = {k: (np.array(s, dtype=np.int64), np.array(t, dtype=np.int64)) for k, (s, t) in edge_lists.items()}
    return GraphIndex(
        ids=ids, pos=pos, kind=kind, pagu=pagu, year=year, level=level, agency=agency,
        labels=labels, label_id=label_id, edges=edges,
        contrib_status=np.array(status, dtype=np.int8), funds_jenis=np.array(f_jenis, dtype=np.int32),
        funds_year=np.array(f_year, dtype=np.int32), gov_level=gov_level, **cols,
    )


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def graph_index(G: nx.MultiDiGraph) -> GraphIndex:
    """The cached index of `G`, built on first use. Graphs are not changed after they are built;
    as a cheap guard the index is rebuilt when the node count changed (counting edges of a
    multigraph takes a pass over them, which would cost every query as much as a scan)."""
    size = len(G)
    cached = _INDEXES.get(G)
    if cached is None or cached[0] != size:
        with collector_paused():
            cached = (size, _build(G))
        _INDEXES[G] = cached
    return cached[1]
