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
from queries.results import Rows, node_fields

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


def _finding(G: nx.MultiDiGraph, idx: GraphIndex, reason: str, i: int, related: str | None = None,
             counted: bool = False) -> Orphan:
    f = node_fields(G, idx.ids[i])
    if f["government"] is None:
        f["government"] = idx.label(idx.pemda[i])
    related_name = G.nodes[related].get("name", related) if related else None
    return Orphan(reason=reason, related=related, related_name=related_name, counted=counted, **f)


def orphans(G: nx.MultiDiGraph, filters: Filters | None = None, *, include_proposed: bool = False) -> Rows[Orphan]:
    """Every orphan finding, ordered by reason, government, year and code."""
    filters = filters or Filters()
    if include_proposed:
        filters = filters.with_status(LinkStatus.PROPOSED)
    idx = graph_index(G)
    flags = idx.flags(filters.status)
    lines = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN])
    found: list[Orphan] = []

    def add(reason: str, mask: np.ndarray) -> None:
        for i in _ordered(idx, np.flatnonzero(mask)):
            found.append(_finding(G, idx, reason, i))

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

    counted = LinkStatus.PROPOSED in filters.status
    src, dst = idx.edges[EdgeKind.CONTRIBUTES_TO]
    work = idx.work_mask(filters)
    for status, reason in ((LinkStatus.PROPOSED, "link_proposed"), (LinkStatus.REJECTED, "link_rejected")):
        keep = (idx.contrib_status == STATUSES.index(status)) & work[src]
        order = sorted(np.flatnonzero(keep), key=lambda e: (_sort_key(idx, src[e]), idx.ids[dst[e]]))
        for e in order:
            found.append(_finding(G, idx, reason, src[e], related=idx.ids[dst[e]],
                                  counted=counted and status is LinkStatus.PROPOSED))
    return Rows(found)


def _sort_key(idx: GraphIndex, i: int) -> tuple:
    return (idx.label(idx.pemda[i]) or "", int(idx.year[i]), idx.label(idx.code[i]) or "", idx.ids[i])


def _ordered(idx: GraphIndex, positions: np.ndarray) -> list[int]:
    return sorted((int(i) for i in positions), key=lambda i: _sort_key(idx, i))
