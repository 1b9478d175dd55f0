"""Coverage summary: per government and agency, how much work and pagu is linked to an outcome,
and how many mandate conflicts and overlaps it is part of.

A line is *linked* when it reaches an outcome (a regional target, a national priority or an
outcome indicator) through links whose status counts. One row per agency, then one total row per
government (``agency`` None), ordered by government.

>>> from queries._examples import tiny_graph
>>> [(c.government, c.agency_name, c.linked, c.unlinked, c.conflicts, c.overlaps) for c in coverage(tiny_graph())]
... # doctest: +NORMALIZE_WHITESPACE
[('64', 'Dinas PUPR-PERA Kaltim', 1, 0, 0, 1), ('64', None, 1, 0, 0, 1),
 ('64.02', 'Dinas Kesehatan Kukar', 0, 1, 0, 0), ('64.02', 'Dinas PUPR Kukar', 2, 0, 0, 1),
 ('64.02', 'Dinas Pendidikan Kukar', 1, 0, 1, 0), ('64.02', None, 3, 1, 1, 1)]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.schema import NodeKind
from queries.arrays import distinct, unique_inverse
from queries.filters import Filters
from queries.index import graph_index
from queries.mandates import conflict_lines
from queries.overlaps import overlap_members
from queries.results import Rows, government_name

__all__ = ["CoverageRow", "coverage"]


@dataclass(frozen=True)
class CoverageRow:
    """Counts and pagu of one agency (or of a whole government when `agency` is None).
    `conflicts` counts mandate findings on its lines; `overlaps` the overlap findings that
    involve at least one of its lines (a family finding once, however many of its lines it has)."""

    government: str
    government_name: str
    agency: str | None
    agency_name: str | None
    sub_kegiatan: int
    linked: int
    unlinked: int
    pagu: float
    pagu_linked: float
    pagu_unlinked: float
    conflicts: int
    overlaps: int


def coverage(G: nx.MultiDiGraph, filters: Filters | None = None, *, nomenclature=None) -> Rows[CoverageRow]:
    """Per government and agency: lines and pagu linked / unlinked, conflicts and overlaps."""
    filters = filters or Filters()
    idx = graph_index(G)
    lines = np.flatnonzero(idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]))
    linked = idx.flags(filters.status)["outcome"][lines]
    width = idx.n + 1
    keys, group = unique_inverse(idx.pemda[lines].astype(np.int64) * width + idx.agency[lines] + 1)
    group = group.reshape(-1)
    pagu = idx.pagu[lines]
    sums = [np.bincount(group, weights=w, minlength=keys.size)
            for w in (linked.astype(np.float64), (~linked).astype(np.float64), pagu * linked, pagu * ~linked)]
    selected = np.zeros(idx.n, dtype=bool)
    selected[lines] = True
    at = conflict_lines(G, filters, nomenclature=nomenclature)
    at = at[selected[at] & (idx.agency[at] >= 0)]
    per_agency = np.bincount(idx.agency[at], minlength=idx.n)
    conflicts: Counter = Counter({idx.ids[a]: int(per_agency[a]) for a in np.flatnonzero(per_agency).tolist()})
    finding, member = overlap_members(G, filters)
    agency = idx.agency[member]
    involved = np.bincount(distinct(finding[agency >= 0] * width + agency[agency >= 0]) % width, minlength=width)
    labels = len(idx.labels) + 1
    gov_involved = np.bincount(distinct(finding * labels + idx.pemda[member]) % labels, minlength=labels)
    totals: dict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for k, key in enumerate(keys.tolist()):
        gov, agency = idx.labels[key // width], key % width - 1
        values = [float(s[k]) for s in sums]
        if agency >= 0:
            totals[(gov, idx.ids[agency])] = values
        totals[(gov, None)] = [t + v for t, v in zip(totals[(gov, None)], values)]
    gov_conflicts: Counter = Counter()
    for a, v in conflicts.items():
        gov_conflicts[G.nodes[a].get("pemda")] += v
    rows = []
    for (gov, agency), (n_in, n_out, p_in, p_out) in sorted(
            totals.items(), key=lambda kv: (kv[0][0], kv[0][1] is None, _name(G, kv[0][1]) or "")):
        rows.append(CoverageRow(
            government=gov, government_name=government_name(G, gov), agency=agency, agency_name=_name(G, agency),
            sub_kegiatan=int(n_in + n_out), linked=int(n_in), unlinked=int(n_out), pagu=p_in + p_out,
            pagu_linked=p_in, pagu_unlinked=p_out, conflicts=conflicts[agency] if agency else gov_conflicts[gov],
            overlaps=int(involved[idx.pos[agency]] if agency else gov_involved[idx.label_id[gov]])))
    return Rows(rows)


def _name(G: nx.MultiDiGraph, nid: str | None) -> str | None:
    return None if nid is None else G.nodes[nid].get("name", nid)
