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
from collections.abc import Callable, Hashable, Iterable
from itertools import chain, repeat
from operator import attrgetter, is_, methodcaller
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from base.collector import collector_paused
from graph.lines import LineRow
from graph.schema import EdgeKind, GovLevel, IndicatorType, LinkStatus, NodeKind
from reference import regions
from queries.arrays import distinct, ranks_within, unique_all
from queries.errors import QueryError
from queries.filters import Filters

__all__ = ["GraphIndex", "graph_index", "nbytes", "bfs", "reach_matrix", "reach_above", "propagate", "keep_columns", "keep_rows", "KINDS", "WORK_KINDS", "STATUSES"]

KINDS: tuple[NodeKind, ...] = tuple(NodeKind)
_KIND = {k.value: i for i, k in enumerate(KINDS)}
WORK_KINDS = (NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN)
STATUSES: tuple[LinkStatus, ...] = tuple(LinkStatus)
_STATUS = {s.value: i for i, s in enumerate(STATUSES)}
_EDGE_KINDS = {k.value: k for k in EdgeKind}
_GOAL_UP = (EdgeKind.PART_OF, EdgeKind.ALIGNS_WITH, EdgeKind.MEASURES)


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

    def memo(self, key: tuple[Hashable, ...], compute: Callable[[], object], *, keep: int | None = None,
             max_bytes: int | None = None, size: Callable[[object], int] | None = None):
        """The value held on this index under `key`, computed by ``compute()`` the first time it is
        asked: what an analysis derives from the graph once and reuses (an edge matrix, the names'
        texts, the findings the coverage counts). ``key[0]`` names what is held. The app asks many
        questions, so answers can be bounded per name: with `keep`, at most that many values of
        that name are held; with `max_bytes`, the values of that name (measured by ``size(value)``,
        default `nbytes`) take at most that many bytes together, a value larger than that alone
        being returned and not held. The oldest are dropped first. A held value is shared: read
        it, never change it.

        >>> idx = graph_index(nx.MultiDiGraph())
        >>> idx.memo(("answer", 1), lambda: [42])
        [42]
        >>> idx.memo(("answer", 1), lambda: [0])  # held: not computed again
        [42]
        >>> _ = idx.memo(("answer", 2), lambda: [2], keep=1)
        >>> idx.held("answer")
        [('answer', 2)]
        >>> _ = idx.memo(("big", 1), lambda: np.zeros(100), max_bytes=1000)
        >>> _ = idx.memo(("big", 2), lambda: np.zeros(100), max_bytes=1000)  # 800 + 800 bytes > 1000
        >>> idx.held("big")
        [('big', 2)]
        """
        if key in self._cache:
            return self._cache[key]
        value = compute()
        sizes = self._cache.setdefault(_SIZES, {})
        if max_bytes is not None:
            sizes[key] = (size or nbytes)(value)
            if sizes[key] > max_bytes:
                del sizes[key]
                return value
        named = self.held(key[0])
        drop = max(len(named) - keep + 1, 0) if keep is not None else 0
        if max_bytes is not None:
            total = sum(sizes.get(k, 0) for k in named) + sizes[key]
            while drop < len(named) and total > max_bytes:
                total -= sizes.get(named[drop], 0)
                drop += 1
        for old in named[:drop]:
            del self._cache[old]
            sizes.pop(old, None)
        self._cache[key] = value
        return value

    def held(self, name: Hashable) -> list[tuple]:
        """The keys of the values `memo` holds under `name` (``key[0]``), oldest first."""
        return [k for k in self._cache if k[0] == name and k is not _SIZES]

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

    def kind_mask(self, *kinds: NodeKind) -> np.ndarray:
        """`is_kind`, held on the index (`memo`) for the masks every query asks: read it, never
        change it."""
        return self.memo(("kind_mask", frozenset(kinds)), lambda: self.is_kind(*kinds))

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
        src, dst = self.edges[kind]
        return self.memo(("edge", kind, reverse), lambda: _csr(dst, src, self.n) if reverse else _csr(src, dst, self.n))

    def work_parent(self) -> np.ndarray:
        """Per node: the kegiatan of a sub kegiatan, the program of a kegiatan, else -1."""
        def compute() -> np.ndarray:
            src, dst = self.edges[EdgeKind.PART_OF]
            parent = np.full(self.n, -1, dtype=np.int64)
            work = self.is_kind(NodeKind.SUB_KEGIATAN, NodeKind.KEGIATAN)[src]
            parent[src[work]] = dst[work]
            return parent

        return self.memo(("work_parent",), compute)

    def contributions(self) -> sparse.csr_matrix:
        """Mendukung links as a CSR whose values are ``1 + position of the status in STATUSES``."""
        def compute() -> sparse.csr_matrix:
            src, dst = self.edges[EdgeKind.CONTRIBUTES_TO]
            m = sparse.csr_matrix((self.contrib_status.astype(np.int16) + 1, (src, dst)), shape=(self.n, self.n))
            m.sort_indices()
            return m

        return self.memo(("contributions",), compute)

    def up(self, statuses: Iterable[LinkStatus], *, reverse: bool = False) -> sparse.csr_matrix:
        """Every up edge (part-of outside regions, aligns-with, measures, and contributes-to links
        whose status is in `statuses`) as one adjacency; `reverse` gives the down direction."""
        statuses = frozenset(statuses)

        def compute() -> sparse.csr_matrix:
            held = self._cache.get(("up", statuses, not reverse))
            if held is not None:  # the other direction, transposed: no sort of the edges again
                m = held.T.tocsr()
                m.sort_indices()
                return m
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
            return _csr(dst, src, self.n) if reverse else _csr(src, dst, self.n)

        return self.memo(("up", statuses, reverse), compute)

    def reach(self, seeds: np.ndarray, statuses: Iterable[LinkStatus] = (LinkStatus.AGREED,), *,
              down: bool = False, within: np.ndarray | None = None) -> np.ndarray:
        """Nodes reachable from the `seeds` mask along up edges (or down edges), seeds included.

        `within` restricts the nodes a path may pass through."""
        return bfs(self.up(statuses, reverse=down), seeds, within, predecessors=False)[0] >= 0

    def flags(self, statuses: Iterable[LinkStatus]) -> dict[str, np.ndarray]:
        """Per node: whether it reaches an outcome, a regional target, a national priority."""
        statuses = frozenset(statuses)
        return self.memo(("flags", statuses), lambda: {
            "outcome": self.reach(self.outcome_mask(), statuses, down=True),
            "target": self.reach(self.is_kind(NodeKind.TARGET), statuses, down=True),
            "priority": self.reach(self.is_kind(NodeKind.PRIORITY), statuses, down=True),
        })


_SIZES = ("memo_sizes",)
"""Where `GraphIndex.memo` keeps the size of each value it holds under a byte bound."""


def nbytes(value) -> int:
    """The bytes of the numpy arrays and sparse matrices in `value`, looked for in tuples, lists,
    dicts and the attributes of plain objects (not through another `GraphIndex`): what holding it
    costs, give or take the Python objects around them.

    >>> nbytes((np.zeros(10), [np.zeros(5, dtype=np.int8)], {"a": 1}))
    85
    """
    seen: set[int] = set()

    def walk(v) -> int:
        if id(v) in seen or isinstance(v, GraphIndex):
            return 0
        seen.add(id(v))
        if isinstance(v, np.ndarray):
            return v.nbytes
        if sparse.issparse(v):
            return sum(walk(getattr(v, a, None)) for a in ("data", "indices", "indptr", "row", "col"))
        if isinstance(v, (tuple, list)):
            return sum(walk(x) for x in v)
        if isinstance(v, dict):
            return sum(walk(x) for x in v.values())
        if hasattr(v, "__dict__") and not isinstance(v, type):
            return sum(walk(x) for x in vars(v).values())
        return 0

    return walk(value)


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


_TABLE, _ROW = attrgetter("_t"), attrgetter("_i")  # a LineRow's table and row (its slots, read in C)
_LABELLED = ("province", "name", "pemda", "jenis", "code", "bidang", "family")
"""The label columns, in the order a node's labels are numbered (first met, node by node)."""
_LINE_COLUMNS = ("province", "name", "pemda", "code", "tahun", "bidang", "program", "level", "pagu", "agency")


def _build(G: nx.MultiDiGraph) -> GraphIndex:
    """The index of `G`, column by column: the lines of a built graph are read from their
    `graph.lines.LineTable` columns, other nodes one by one, edges by their shared key dicts.
    Labels are numbered in the order a walk node by node (then edge by edge) first meets them."""
    ids = list(G._node)
    n = len(ids)
    pos = dict(zip(ids, range(n)))
    kind = np.zeros(n, dtype=np.int8)
    pagu = np.zeros(n, dtype=np.float64)
    year = np.zeros(n, dtype=np.int32)
    level = np.zeros(n, dtype=np.int8)
    agency = np.full(n, -1, dtype=np.int64)
    values = {name: np.full(n, None, dtype=object) for name in _LABELLED}  # per node, the label text
    gov_level: dict[str, str] = {}
    tables: dict[int, tuple] = {}  # id of a line table -> (table, node positions, its rows)
    attrs = list(G._node.values())
    at_lines = np.flatnonzero(np.fromiter(map(is_, map(type, attrs), repeat(LineRow)), dtype=bool,
                                          count=len(attrs))).tolist()
    if at_lines:
        lines = [attrs[i] for i in at_lines]
        of_table = list(map(_TABLE, lines))
        if of_table.count(of_table[0]) == len(of_table):  # a built graph: one table
            tables[id(of_table[0])] = (of_table[0], at_lines, list(map(_ROW, lines)))
        else:
            for i, d, t in zip(at_lines, lines, of_table):
                got = tables.setdefault(id(t), (t, [], []))
                got[1].append(i)
                got[2].append(d.row)
        del lines, of_table
    slow = {k for k, (t, _, _) in tables.items() if t.sparse or "jenis" in t.cols}  # read node by node
    others = [i for i, d in enumerate(attrs) if d.__class__ is not LineRow or (slow and id(d.table) in slow)]
    for k in slow:
        del tables[k]
    del attrs
    for table, at, rows in tables.values():
        _index_lines(table, np.asarray(at, dtype=np.int64), rows, kind, pagu, year, level, values)
    for table, at, rows in tables.values():  # each distinct agency looked up once
        codes, uniques = _factorize(_objects(_rows_of(table.column("agency"), rows)))
        where = np.array([pos.get(a, -1) if a else -1 for a in uniques] + [-1], dtype=np.int64)
        agency[np.asarray(at, dtype=np.int64)] = where[codes]
    agency_of: list[tuple[int, str]] = []
    got_all: list[tuple] = []  # per node of `others`, its label values (`_LABELLED`)
    kinds, years, levels = [], [], []  # per node of `others`
    node = G._node
    for i in others:
        nid = ids[i]
        d = node[nid]
        k = d.get("kind") or nid.split(":", 1)[0]
        kinds.append(_KIND[k])
        if k == "pemda":
            got = (d.get("province"), d.get("name"), d.get("kode"), d.get("level"), None, None, None)
            gov_level[d.get("kode")] = d.get("level")
            years.append(0)
            levels.append(0)
        else:
            code = d.get("code") or d.get("kode")
            got = (d.get("province"), d.get("name"), d.get("pemda"), d.get("jenis"), code, None, None)
            if k in ("program", "kegiatan", "sub_kegiatan"):
                years.append(d.get("tahun") or 0)
                got = (*got[:5], d.get("bidang"), d.get("program") or (code[:7] if code else None))
                lv = d.get("level")
                levels.append(int(lv) if lv in ("1", "2") else 0)
                if k == "sub_kegiatan":
                    pagu[i] = d.get("pagu") or 0.0
                    if d.get("agency"):
                        agency_of.append((i, d["agency"]))
            else:
                years.append(0)
                levels.append(0)
        got_all.append(got)
    where = np.asarray(others, dtype=np.int64)
    kind[where] = np.asarray(kinds, dtype=kind.dtype)
    year[where] = np.asarray(years, dtype=year.dtype)
    level[where] = np.asarray(levels, dtype=level.dtype)
    for name, column in zip(_LABELLED, zip(*got_all) if got_all else [()] * len(_LABELLED)):
        values[name][where] = _objects(list(column))
    for i, a in agency_of:
        agency[i] = pos.get(a, -1)
    labels, label_id, cols = _labels(values, n)
    del values
    edges, status, f_jenis, f_year = _edges(G, pos, labels, label_id)
    return GraphIndex(
        ids=ids, pos=pos, kind=kind, pagu=pagu, year=year, level=level, agency=agency,
        labels=labels, label_id=label_id, edges=edges,
        contrib_status=status, funds_jenis=f_jenis, funds_year=f_year, gov_level=gov_level, **cols,
    )


def _rows_of(column: list, rows: list[int]) -> list:
    """`column`'s values at `rows` (the column itself when the rows are all of it, in order)."""
    if len(rows) == len(column) and (not rows or (rows[0] == 0 and rows[-1] == len(rows) - 1
                                                  and rows == list(range(len(rows))))):
        return column
    return [column[r] for r in rows]


def _index_lines(table, at: np.ndarray, rows: list[int], kind, pagu, year, level, values) -> None:
    """The lines of one `LineTable` (at node positions `at`, rows `rows`), column by column."""
    prov, name, pemda, code, tahun, bidang, program, lv, money, _ = (
        _rows_of(table.column(k), rows) for k in _LINE_COLUMNS)
    kind[at] = _KIND[NodeKind.SUB_KEGIATAN.value]
    for key, column in (("province", prov), ("name", name), ("pemda", pemda), ("code", code), ("bidang", bidang)):
        values[key][at] = _objects(column)
    values["family"][at] = _objects([p or (c[:7] if c else None) for p, c in zip(program, code)])
    for target, column, read in ((year, tahun, lambda t: t or 0), (level, lv, lambda v: int(v) if v in ("1", "2") else 0),
                                 (pagu, money, lambda p: p or 0.0)):
        codes, uniques = _factorize(_objects(column))  # each distinct value read once
        target[at] = np.array([read(u) for u in uniques] + [read(None)], dtype=target.dtype)[codes]


def _factorize(values: np.ndarray) -> tuple[np.ndarray, list]:
    """Per item of the object array `values`, the position of its value among the distinct values
    (in the order first met; -1 for None), and those values. Values equal as keys are one (1, 1.0)."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:  # an unhashable value: one by one
        index: dict = {}
        codes = np.fromiter((-1 if v is None else index.setdefault(id(v), len(index)) for v in values.tolist()),
                            dtype=np.int64, count=len(values))
        by_id = {id(v): v for v in values.tolist() if v is not None}
        return codes, [by_id[k] for k in index]
    return np.asarray(codes, dtype=np.int64), list(uniques)


def _first_met(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes of `codes` numbered in the order first met (`_factorize`: 0, 1, 2, …; -1 for
    none) and where each is first met, as ``np.unique(codes, return_index=True)`` gives them, without a
    sort: a code is first met where the running maximum grows.

    >>> [a.tolist() for a in _first_met(np.array([-1, 0, 0, -1, 1, 0, 2, 1]))]
    [[-1, 0, 1, 2], [0, 1, 4, 6]]
    """
    if not codes.size:
        return codes[:0], np.zeros(0, dtype=np.int64)
    grown = np.maximum.accumulate(codes)
    at = np.flatnonzero(np.concatenate(([True], grown[1:] > grown[:-1])))
    if codes[0] != -1:
        none = np.flatnonzero(codes == -1)[:1]
        seen = codes[at]
        if none.size:
            seen, at = np.concatenate(([-1], seen)), np.concatenate((none, at))
        return seen, at
    return codes[at], at


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _labels(values: dict[str, np.ndarray], n: int) -> tuple[list[str], dict[str, int], dict[str, np.ndarray]]:
    """Label texts numbered in the order a walk node by node, column by column (`_LABELLED`) first
    meets them (``str`` of each value), and per column the label position of each node (-1: none)."""
    factors = [_factorize(values[name]) for name in _LABELLED]  # per column: codes, distinct values
    first: dict = {}  # value -> (node, column) where first met
    text = all(v.__class__ is str for _, u in factors for v in u)
    for c, (codes, uniques) in enumerate(factors if text else ()):
        seen, at = _first_met(codes)
        for u, i in zip(seen.tolist(), at.tolist()):
            if u >= 0:
                value = uniques[u]
                got = first.get(value)
                if got is None or (i, c) < got:
                    first[value] = (i, c)
    labels: list[str] = []
    label_id: dict[str, int] = {}
    if text:
        for value in sorted(first, key=first.__getitem__):
            label_id[value] = len(labels)
            labels.append(value)
        cols = {name: np.array([label_id[v] for v in uniques] + [-1], dtype=np.int32)[codes]
                for name, (codes, uniques) in zip(_LABELLED, factors)}
        return labels, label_id, cols
    columns = [values[name].tolist() for name in _LABELLED]
    # values that are not all text (1 and 1.0 are one key but two labels): node by node, as text
    cols = {name: np.full(n, -1, dtype=np.int32) for name in _LABELLED}
    arrays = [cols[name] for name in _LABELLED]
    for i in range(n):
        for column, array in zip(columns, arrays):
            value = column[i]
            if value is not None:
                text = str(value)
                got = label_id.get(text)
                if got is None:
                    got = label_id[text] = len(labels)
                    labels.append(text)
                array[i] = got
    return labels, label_id, cols


def _edges(G: nx.MultiDiGraph, pos: dict[str, int], labels: list[str], label_id: dict[str, int]) -> tuple:
    """Per edge kind (source, target) position arrays in the order `G.edges` gives them, with the
    status of each contributes-to edge and the jenis and year of each funds edge. A built graph
    shares its key dicts ({kind: attrs}) between edges, so each distinct one is read once."""
    adj = G._adj
    counts = np.fromiter(map(len, adj.values()), dtype=np.int64, count=len(adj))
    total = int(counts.sum())
    src = np.repeat(np.fromiter(map(pos.__getitem__, adj), dtype=np.int64, count=len(adj)), counts)
    dst = np.fromiter(map(pos.__getitem__, chain.from_iterable(adj.values())), dtype=np.int64, count=total)
    keyed = list(chain.from_iterable(map(methodcaller("values"), adj.values())))
    kid = np.fromiter(map(id, keyed), dtype=np.int64, count=total)
    # each distinct key dict numbered in the order the edges first meet it (a hash pass, no sort)
    inverse, distinct = pd.factorize(kid)
    inverse = np.asarray(inverse, dtype=np.int64)
    del kid
    first = _first_met(inverse)[1]
    agreed = _STATUS[LinkStatus.AGREED.value]

    def lab(value) -> int:
        if value is None:
            return -1
        value = str(value)
        got = label_id.get(value)
        if got is None:
            got = label_id[value] = len(labels)
            labels.append(value)
        return got

    # per distinct key dict, in the order the edges first meet it: (kind, status, jenis, year) per key
    plans: list = [None] * len(distinct)
    for u in range(len(distinct)):  # numbered in the order first met
        steps = []
        for key, d in keyed[first[u]].items():
            ek = _EDGE_KINDS[d.get("kind", key)]
            if ek is EdgeKind.CONTRIBUTES_TO:
                steps.append((ek, _STATUS.get(d.get("status"), agreed), 0, 0))
            elif ek is EdgeKind.FUNDS:
                steps.append((ek, 0, lab(d.get("jenis")), d.get("tahun") or 0))
            else:
                steps.append((ek, 0, 0, 0))
        plans[u] = steps
    del keyed
    width = np.fromiter(map(len, plans), dtype=np.int64, count=len(plans))
    flat = [step for steps in plans for step in steps]
    start = np.concatenate(([0], np.cumsum(width)[:-1])) if len(plans) else np.zeros(0, dtype=np.int64)
    per_pair = width[inverse]
    if per_pair.size and (per_pair == 1).all():
        entry = start[inverse]
    else:  # a pair with edges of several kinds: one entry per key, in its key dict's order
        pair = np.repeat(np.arange(per_pair.size), per_pair)
        offset = ranks_within(per_pair)
        entry = start[inverse[pair]] + offset
        src, dst = src[pair], dst[pair]
    kinds = {ek: i for i, ek in enumerate(EdgeKind)}
    step_kind = np.array([kinds[s[0]] for s in flat], dtype=np.int8)[entry] if flat else np.zeros(0, dtype=np.int8)
    edges = {}
    for ek, code in kinds.items():
        mask = step_kind == code
        edges[ek] = (src[mask], dst[mask])
    contrib = entry[step_kind == kinds[EdgeKind.CONTRIBUTES_TO]]
    funds = entry[step_kind == kinds[EdgeKind.FUNDS]]
    column = lambda j, dtype: np.array([s[j] for s in flat] or [0], dtype=dtype)  # noqa: E731
    status = column(1, np.int8)[contrib]
    f_jenis = column(2, np.int32)[funds]
    f_year = column(3, np.int32)[funds]
    return edges, status, f_jenis, f_year


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
