"""Orphans: work and targets cut off from the cascade, each with a reason code (its sentence is
rendered at the edge, `views.sentences.finding_text`).

Reasons, in the order they are reported:

- ``no_outcome``: a sub kegiatan with no up path (through its kegiatan and program, and the
  mendukung links of any of them) to an outcome: a regional target, a national priority, or an
  indicator that is not an output (keluaran) indicator.
- ``unaligned``: a sub kegiatan that reaches an outcome but no national priority: the regional
  targets it reaches align with nothing higher.
- ``unsupported_target``: a regional target (tujuan, sasaran, flagship) or an outcome (hasil)
  indicator that no funded sub kegiatan (pagu > 0) reaches. An indicator counts as supported
  only when a line links to it (or to work or indicators below it), not through its target.
- ``kp_no_regional_link``: a national Kegiatan Prioritas that no regional target and no regional
  work reaches.
- ``program_empty`` / ``kegiatan_empty``: a programme or kegiatan with no sub kegiatan below it.
- ``link_proposed`` / ``link_rejected``: a mendukung link still proposed (usulan) or rejected
  (ditolak), one finding per link. Such links never count as support, unless
  ``include_proposed=True`` (or ``Filters.status``) makes proposed ones count; they are listed
  either way.

Support follows only links whose status is in ``filters.status`` (agreed by default). The
year / pemda / province / bidang filters select the work that is checked and that counts as
support; pemda / province also select the targets checked. Every whole-graph step is a sparse
reachability scan (`queries.index`), linear in the size of the graph.

>>> from queries._examples import tiny_graph
>>> [(o.reason, o.code or o.id) for o in orphans(tiny_graph())]  # doctest: +NORMALIZE_WHITESPACE
[('no_outcome', '1.02.02.2.02.0020'), ('unaligned', '1.03.10.2.01.0001'),
 ('unsupported_target', 'sasaran:KKR-S2'), ('kp_no_regional_link', 'prioritas:KP3.1.2')]
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.schema import NATIONAL, EdgeKind, LinkStatus, NodeKind, TargetType
from queries.filters import Filters
from queries.index import STATUSES, GraphIndex, graph_index
from queries.order import label_ranks, order
from queries.results import LazyRows, Rows, node_fields

__all__ = ["Orphan", "orphans", "REASONS"]

REASONS = (
    "no_outcome",
    "unaligned",
    "unsupported_target",
    "kp_no_regional_link",
    "program_empty",
    "kegiatan_empty",
    "link_proposed",
    "link_rejected",
)


@dataclass(frozen=True)
class Orphan:
    """One finding. `related` is the other end of a link finding (`related_name` its name); `counted`
    says whether that link counts as support; `year` and `pagu` apply to work."""

    reason: str
    id: str
    kind: str
    code: str | None
    name: str
    government: str | None
    agency: str | None
    year: int | None
    pagu: float
    related: str | None
    related_name: str | None
    counted: bool


def orphans(G: nx.MultiDiGraph, filters: Filters | None = None, *, include_proposed: bool = False) -> Rows[Orphan]:
    """Every orphan finding, ordered by reason, government, year and code (a `LazyRows`: the
    findings are found as arrays and each `Orphan` is built when it is read)."""
    filters = filters or Filters()
    if include_proposed:
        filters = filters.with_status(LinkStatus.PROPOSED)
    idx = graph_index(G)
    flags = idx.flags(filters.status)
    lines = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN])
    parts: list[tuple[int, np.ndarray, np.ndarray]] = []  # (reason, node, related node or -1)

    def add(reason: str, mask: np.ndarray) -> None:
        found = np.flatnonzero(mask)
        parts.append((REASONS.index(reason), found, np.full(found.size, -1, dtype=np.int64)))

    add("no_outcome", lines & ~flags["outcome"])
    add("unaligned", lines & flags["outcome"] & ~flags["priority"])

    funded = lines & (idx.pagu > 0)
    supported = idx.reach(funded, filters.status)
    goals = idx.is_kind(NodeKind.TARGET) | idx.outcome_indicators()
    add("unsupported_target", goals & idx.owner_mask(filters) & ~supported)

    regional = (idx.is_kind(NodeKind.TARGET) & idx.owner_mask(filters)) | idx.work_mask(filters)
    regional &= idx.pemda != idx.lid(NATIONAL)
    linked = idx.reach(regional, filters.status)
    kp = idx.is_kind(NodeKind.PRIORITY) & (idx.jenis == idx.lid(TargetType.KP.value))
    add("kp_no_regional_link", kp & ~linked)

    part_src, part_dst = idx.edges[EdgeKind.PART_OF]
    has_line = np.zeros(idx.n, dtype=bool)
    has_line[part_dst[idx.is_kind(NodeKind.SUB_KEGIATAN)[part_src]]] = True
    from_kegiatan = idx.is_kind(NodeKind.KEGIATAN)[part_src] & has_line[part_src]
    has_line[part_dst[from_kegiatan]] = True
    add("program_empty", idx.work_mask(filters, [NodeKind.PROGRAM]) & ~has_line)
    add("kegiatan_empty", idx.work_mask(filters, [NodeKind.KEGIATAN]) & ~has_line)

    src, dst = idx.edges[EdgeKind.CONTRIBUTES_TO]
    work = idx.work_mask(filters)
    for status, reason in ((LinkStatus.PROPOSED, "link_proposed"), (LinkStatus.REJECTED, "link_rejected")):
        keep = np.flatnonzero((idx.contrib_status == STATUSES.index(status)) & work[src])
        parts.append((REASONS.index(reason), src[keep], dst[keep]))

    reason = np.concatenate([np.full(p[1].size, p[0], dtype=np.int8) for p in parts])
    node = np.concatenate([p[1] for p in parts]).astype(np.int64)
    related = np.concatenate([p[2] for p in parts]).astype(np.int64)
    ids = idx.ids
    perm = order(reason, label_ranks(idx, idx.pemda[node]), idx.year[node], label_ranks(idx, idx.code[node]),
                 tie_ids=(node, related), idx=idx)
    reason, node, related = reason[perm], node[perm], related[perm]
    counted = (reason == REASONS.index("link_proposed")) & (LinkStatus.PROPOSED in filters.status)

    def build(lo: int, hi: int) -> list[Orphan]:
        return [_finding(G, idx, REASONS[r], i, ids[j] if j >= 0 else None, c) for r, i, j, c in
                zip(reason[lo:hi].tolist(), node[lo:hi].tolist(), related[lo:hi].tolist(), counted[lo:hi].tolist())]

    return LazyRows(node.size, build)


def _finding(G: nx.MultiDiGraph, idx: GraphIndex, reason: str, i: int, related: str | None = None,
             counted: bool = False) -> Orphan:
    f = node_fields(G, idx.ids[i])
    if f["government"] is None:
        f["government"] = idx.label(idx.pemda[i])
    related_name = G.nodes[related].get("name", related) if related else None
    return Orphan(reason=reason, related=related, related_name=related_name, counted=counted, **f)
