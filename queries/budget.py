"""Where the money goes: Sankey-ready pagu flows (`budget_flow`) and, per government, the share
of pagu that reaches a national priority, a regional target only, or nothing (`aligned_share`).

`budget_flow` gives links ``source -> target`` with a value, from national priorities through
regional targets, programmes and kegiatan down to sub kegiatan. Each funded line's pagu is
counted exactly once per column: it flows line <- kegiatan <- programme, then is split equally
among the *nearest* regional targets the line reaches (through any of its links, its kegiatan's
or its programme's); from there each share climbs, split equally at every step, to the next
goals above it (a higher target, a national priority, the PP and PN above a KP). A line that reaches no regional target but a priority directly
flows from that priority to its programme. Nodes with no link above them are the left edge of
the Sankey; nothing is invented to fill a column.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> [(l.source, l.target, l.value) for l in budget_flow(G)][:3]  # doctest: +NORMALIZE_WHITESPACE
[('prioritas:PN3', 'prioritas:PP3.1', 2800000000.0), ('prioritas:PP3.1', 'prioritas:KP3.1.1', 2800000000.0),
 ('prioritas:KP3.1.1', 'sasaran:KTM-S1', 2800000000.0)]
>>> [(s.government, s.share_national, s.share_regional, s.share_none) for s in aligned_share(G)]
[('64', 1.0, 0.0, 0.0), ('64.02', 0.8888888888888888, 0.0, 0.1111111111111111)]
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from graph.schema import NodeKind
from queries.cascade import node_tier, tier_positions
from queries.filters import Filters
from queries.index import bfs, graph_index, keep_columns, keep_rows, propagate, reach_above
from queries.order import id_ranks, order
from queries.results import LazyRows, Rows, government_name

__all__ = ["FlowLink", "budget_flow", "AlignedShare", "aligned_share"]

_ROOT_KINDS = (NodeKind.PRIORITY, NodeKind.TARGET, NodeKind.PROGRAM)


@dataclass(frozen=True)
class FlowLink:
    """One Sankey link: pagu flowing between two nodes (source is the higher tier)."""

    source: str
    target: str
    value: float
    source_tier: str
    target_tier: str
    source_name: str
    target_name: str


def budget_flow(G: nx.MultiDiGraph, root: str | None = None, filters: Filters | None = None) -> Rows[FlowLink]:
    """Pagu links priority -> target -> programme -> kegiatan -> sub kegiatan, optionally only for
    the work below `root` (a priority, regional target or programme) and only through targets and
    priorities below it. Links are ordered by tier, then source and target."""
    filters = filters or Filters()
    idx = graph_index(G)
    lines_mask = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]) & (idx.pagu > 0)
    goals_allowed = np.ones(idx.n, dtype=bool)
    if root is not None:
        r = idx.node(root, _ROOT_KINDS)
        seeds = np.zeros(idx.n, dtype=bool)
        seeds[r] = True
        below = bfs(idx.up(filters.status, reverse=True), seeds, predecessors=False)[0] >= 0
        lines_mask &= below
        if idx.kind[r] != idx.kind_code(NodeKind.PROGRAM):
            goals_allowed = below
    lines = np.flatnonzero(lines_mask)
    if not lines.size:
        return Rows([])
    pagu = idx.pagu[lines]
    parent = idx.work_parent()
    kegiatan = parent[lines]
    program = np.where(kegiatan >= 0, parent[np.maximum(kegiatan, 0)], -1)
    has_kegiatan, has_program = kegiatan >= 0, program >= 0
    parts = [
        (kegiatan[has_kegiatan], lines[has_kegiatan], pagu[has_kegiatan]),
        (program[has_program], kegiatan[has_program], pagu[has_program]),
    ]
    up = idx.up(filters.status)
    target = idx.is_kind(NodeKind.TARGET)
    priority = idx.is_kind(NodeKind.PRIORITY)
    to_target = _first_reached(idx, lines, up, target & goals_allowed)
    to_priority = _first_reached(idx, lines, up, priority & goals_allowed, stop=target)
    has_target = np.diff(to_target.indptr) > 0
    into_program = sparse.csr_matrix((np.ones(int(has_program.sum())), (np.flatnonzero(has_program),
                                      program[has_program])), shape=(lines.size, idx.n))
    received = np.zeros(idx.n)
    for reached, keep in ((to_target, has_target), (to_priority, ~has_target)):
        weights = _split(reached, np.where(keep, pagu, 0.0))
        received += np.asarray(weights.sum(axis=0)).ravel()
        parts.append(_entries((weights.T @ into_program).tocoo()))
    parts.append(_up_from_goals(idx, up, received, (target | priority) & goals_allowed))

    rows = np.concatenate([p[0] for p in parts]).astype(np.int64)
    cols = np.concatenate([p[1] for p in parts]).astype(np.int64)
    flows = sparse.coo_matrix((np.concatenate([p[2] for p in parts]), (rows, cols)), shape=(idx.n, idx.n)).tocsr()
    flows.sum_duplicates()
    flows = flows.tocoo()
    keep = flows.data > 0
    source, target, value = flows.row[keep], flows.col[keep], flows.data[keep]
    tier = tier_positions(idx)
    ids, labels, name = idx.ids, idx.labels, idx.name
    ordered: list[np.ndarray] = []

    def build(lo: int, hi: int) -> list[FlowLink]:
        if not ordered:  # sorting by node id waits for the first read: a count needs none
            rank = id_ranks(idx, np.concatenate([source, target]))
            perm = order(tier[source], tier[target], rank[:source.size], rank[source.size:])
            ordered.extend((source[perm], target[perm], value[perm]))
        source_, target_, value_ = ordered
        return [FlowLink(source=ids[s], target=ids[t], value=float(v), source_tier=node_tier(idx, G, s),
                         target_tier=node_tier(idx, G, t), source_name=labels[name[s]], target_name=labels[name[t]])
                for s, t, v in zip(source_[lo:hi].tolist(), target_[lo:hi].tolist(), value_[lo:hi].tolist())]

    return LazyRows(source.size, build)


def _split(reached: sparse.csr_matrix, amount: np.ndarray) -> sparse.csr_matrix:
    """Row r of `reached` with `amount[r]` shared equally among its entries."""
    counts = np.diff(reached.indptr).astype(np.float64)
    share = np.divide(amount, counts, out=np.zeros_like(counts), where=counts > 0)
    reached = reached.tocsr(copy=True)
    reached.data = np.repeat(share, np.diff(reached.indptr))
    return reached


def _entries(m: sparse.coo_matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return m.row, m.col, m.data


def _up_from_goals(idx, up: sparse.csr_matrix, received: np.ndarray,
                   goals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Links carrying the pagu each goal received from work up to the next goals (higher targets
    or priorities) it reaches first, split equally, up to the top of the priority tree or to a
    target aligned with nothing. Returned as (source, target, value) arrays; source is higher."""
    positions = np.flatnonzero(goals)
    through = keep_rows(~goals, up)
    nxt = keep_columns(propagate(up[positions], through), goals)
    itself = sparse.csr_matrix((np.ones(positions.size), (np.arange(positions.size), positions)), shape=nxt.shape)
    nxt = (nxt - nxt.multiply(itself)).tocsr()
    nxt.eliminate_zeros()
    split = _split(nxt, np.ones(positions.size))
    step = received[positions]
    total = np.zeros(positions.size)
    for _ in range(64):  # alignment chains are short; the bound only stops a cycle in bad data
        if not step.any():
            break
        total += step
        step = (split.T @ step)[positions]
    carried = (sparse.diags(total) @ split).tocoo()
    return carried.col, positions[carried.row], carried.data


def _first_reached(idx, starts: np.ndarray, up: sparse.csr_matrix, wanted: np.ndarray,
                   stop: np.ndarray | None = None) -> sparse.csr_matrix:
    """Row r: the `wanted` nodes ``starts[r]`` reaches first, without passing through another
    wanted node or a `stop` node (starts are never wanted or stop nodes here)."""
    halt = wanted if stop is None else wanted | stop
    through = keep_rows(~halt, up)
    reached = keep_columns(reach_above(starts, through), wanted)
    reached.eliminate_zeros()
    return reached


@dataclass(frozen=True)
class AlignedShare:
    """Per government: pagu (and lines) reaching a national priority, a regional target or outcome
    only, or nothing; shares are fractions of the government's pagu (0 when it has none)."""

    government: str
    name: str
    sub_kegiatan: int
    pagu: float
    pagu_national: float
    pagu_regional: float
    pagu_none: float
    share_national: float
    share_regional: float
    share_none: float

    @classmethod
    def of(cls, government: str, name: str, sub_kegiatan: int, pagu: float, pagu_national: float,
           pagu_regional: float, pagu_none: float) -> AlignedShare:
        """The row of these totals, with the shares computed from them."""
        def share(x: float) -> float:
            return float(x / pagu) if pagu > 0 else 0.0

        return cls(government, name, int(sub_kegiatan), float(pagu), float(pagu_national), float(pagu_regional),
                   float(pagu_none), share(pagu_national), share(pagu_regional), share(pagu_none))


def aligned_share(G: nx.MultiDiGraph, filters: Filters | None = None) -> Rows[AlignedShare]:
    """Per government (ordered by code) the share of pagu that reaches a national priority, a
    regional target only, or nothing."""
    filters = filters or Filters()
    idx = graph_index(G)
    flags = idx.flags(filters.status)
    lines = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN])
    national = lines & flags["priority"]
    regional = lines & flags["outcome"] & ~flags["priority"]
    none = lines & ~flags["outcome"]
    size = len(idx.labels) + 1

    def total(mask: np.ndarray) -> np.ndarray:
        return np.bincount(idx.pemda[mask], weights=idx.pagu[mask], minlength=size)

    counts = np.bincount(idx.pemda[lines], minlength=size)
    all_pagu, nat, reg, nothing = total(lines), total(national), total(regional), total(none)
    found = []
    for g in sorted(np.flatnonzero(counts).tolist(), key=lambda g: idx.labels[g]):
        found.append(AlignedShare.of(idx.labels[g], government_name(G, idx.labels[g]), counts[g], all_pagu[g],
                                     nat[g], reg[g], nothing[g]))
    return Rows(found)
