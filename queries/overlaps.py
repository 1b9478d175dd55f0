"""Overlaps and duplicate interventions (tumpang tindih): two sides funding the same thing in the
same place and year, each finding with why it was flagged and the pagu on both sides.

Kinds of finding:

- ``family``: a province and a district government both fund one programme family (the same
  ``U.BB.PP``, whatever the level digit) in overlapping places in the same year. One finding per
  (year, family, province, district, kab/kota where they meet): side a is the province, side b the
  district, each with its lines of the family in that kab/kota that overlap a line of the other
  side. A province-wide line overlaps every kab/kota of its province, a kecamatan its kabupaten.
  The support programme (``XX.01``, which every agency runs for itself) is left out.
  `overlap_lines` lists the pairs of lines behind a finding.
- ``same_sub_kegiatan``: the same sub kegiatan code in overlapping places in the same year under
  two agencies or governments; one finding per pair of lines.
- ``near_duplicate``: two lines outside the support programme, with different codes, in
  overlapping places in the same year, whose names score at least `threshold` (0-100) as
  `queries.names` compares them (``token_sort_ratio`` after spelling out ``jln.`` and ``pemb.``).
  Lines of one agency count too: one agency can budget one road twice under two codes. A pair
  that is already part of a family overlap is not repeated, nor a pair of two codes that the
  `nomenclature` (default: the built-in 2027 table) lists as sub kegiatan of different names when
  a line goes by its official name (``Penyusunan RTRW`` and ``Penyusunan RDTR`` are different
  work); lines named by the planner (a road, a hospital) under two codes still pair.

Each side has its government, agencies, lines, their count and pagu, and the code and name of its
line when it has one; `shared_outcomes` lists the regional targets and outcome (hasil) indicators
both sides reach.

The work is linear in the lines (`queries.overlap_find`): lines are bucketed by year, family or
code or name, and kab/kota; a family finding is found by set membership, never by listing pairs of
lines. Pairs are listed only within a bucket (one code, or two similar names, in one kab/kota and
year); a bucket that would give more than `max_pairs` pairs gives none and is named in ``notes``.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> [(o.reason, o.place, o.a_government, o.a_count, o.b_government, o.b_count, o.b_pagu) for o in overlaps(G)]
[('family', '64.02', '64', 1, '64.02', 2, 500000000.0)]
>>> [(a[-17:], b[-17:]) for a, b in overlap_lines(G, overlaps(G)[0])]
[('1.03.10.1.01.0001', '1.03.10.2.01.0001'), ('1.03.10.1.01.0001', '1.03.10.2.01.0053')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx
import numpy as np
from scipy import sparse

from graph.schema import NodeKind
from reference import regions
from queries.filters import Filters
from queries.index import GraphIndex, graph_index, reach_matrix
from queries.overlap_find import FAMILY, KINDS, Found, Scope, find
from queries.places import overlap
from queries.results import Rows, government_name

__all__ = ["Overlap", "overlaps", "overlap_lines", "overlap_members", "KINDS"]


@dataclass(frozen=True)
class Overlap:
    """One finding: side a against side b. `place` is the kab/kota of a family finding, else the
    inner of the two lines' places; `family` the programme family (of side a's line for a pair).
    Per side: government, agencies (node ids), code and name of its line (None when the side has
    several), number of lines, their pagu and their ids; `a_government_name` / `b_government_name`
    name the governments, `a_agency_name` / `b_agency_name` the agency of the side's first line (None
    without one). `score` is the name similarity of near duplicates."""

    reason: str
    year: int
    place: str
    family: str
    a_government: str
    a_agencies: tuple[str, ...]
    a_code: str | None
    a_name: str | None
    a_count: int
    a_pagu: float
    a_lines: tuple[str, ...]
    b_government: str
    b_agencies: tuple[str, ...]
    b_code: str | None
    b_name: str | None
    b_count: int
    b_pagu: float
    b_lines: tuple[str, ...]
    score: float | None
    shared_outcomes: tuple[str, ...]
    a_government_name: str
    a_agency_name: str | None
    b_government_name: str
    b_agency_name: str | None


def overlaps(G: nx.MultiDiGraph, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
             threshold: float = 90.0, max_pairs: int = 1000, nomenclature=None) -> Rows[Overlap]:
    """Every overlap of the requested `kinds` among the lines the filters select."""
    scope, found, notes = find(graph_index(G), filters or Filters(), kinds, threshold, max_pairs, nomenclature)
    results = _results(G, scope, found)
    results.sort(key=lambda o: (KINDS.index(o.reason), o.year, o.family, o.place, o.a_government, o.b_government,
                                o.a_lines, o.b_lines))
    notes.append("A province-wide line overlaps every kab/kota of its province.")
    return Rows(results, notes)


def overlap_members(G: nx.MultiDiGraph, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
                    threshold: float = 90.0, max_pairs: int = 1000,
                    nomenclature=None) -> tuple[np.ndarray, np.ndarray]:
    """Which lines the findings of `overlaps` involve, without building the findings, for counts
    (`queries.coverage`): arrays (finding number, line position in `graph_index(G)`), one entry
    per line of each side of each finding, findings numbered in no particular order.

    >>> from queries._examples import tiny_graph
    >>> finding, line = overlap_members(tiny_graph())
    >>> finding.tolist(), len(line)
    ([0, 0, 0], 3)
    """
    _, found, _ = find(graph_index(G), filters or Filters(), kinds, threshold, max_pairs, nomenclature)
    if not found.n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    _, _, _, finding, _, line = found.arrays()
    return finding, line


def overlap_lines(G: nx.MultiDiGraph, finding: Overlap) -> list[tuple[str, str]]:
    """The pairs (line of side a, line of side b) behind `finding` whose places overlap in its
    place: the one pair of a pair finding; for a family finding, each province line with each
    district line it overlaps in the finding's kab/kota."""
    if finding.reason != "family":
        return [(finding.a_lines[0], finding.b_lines[0])]

    def places(nid: str) -> list[str]:
        d = G.nodes[nid]
        return [p for p in d.get("lokasi") or (d.get("pemda"),)
                if regions.contains(p, finding.place) or regions.contains(finding.place, p)]

    here = {nid: places(nid) for nid in finding.a_lines + finding.b_lines}
    return [(a, b) for a in finding.a_lines for b in finding.b_lines if overlap(here[a], here[b])]


def _goals_reached(idx: GraphIndex, lines: np.ndarray, statuses) -> sparse.csr_matrix:
    """Row r: the regional targets and outcome (hasil) indicators `lines[r]` reaches going up,
    from the reach of the nodes right above the lines (which many lines share)."""
    up = idx.up(statuses)
    above = up[lines]
    starts = np.unique(above.indices)
    goals = idx.is_kind(NodeKind.TARGET) | idx.outcome_indicators()
    reach = reach_matrix(starts, up) @ sparse.diags(goals.astype(np.float32))
    pick = sparse.csr_matrix((np.ones(starts.size, dtype=np.float32), (starts, np.arange(starts.size))),
                             shape=(idx.n, starts.size))
    return (above @ pick @ reach).tocsr()


def _results(G: nx.MultiDiGraph, s: Scope, found: Found) -> list[Overlap]:
    """The findings as `Overlap`s: members grouped per side and sorted by id, pagu summed, the
    outcomes both sides reach."""
    if not found.n:
        return []
    idx, e = s.idx, s.e
    reason, place, score, f, side, line = found.arrays()
    group = f * 2 + side
    involved, column = np.unique(line, return_inverse=True)
    column = column.reshape(-1)
    ids = [idx.ids[i] for i in involved.tolist()]
    rank = np.empty(involved.size, dtype=np.int64)
    rank[sorted(range(involved.size), key=ids.__getitem__)] = np.arange(involved.size)
    order = np.lexsort((rank[column], group))
    group, column = group[order], column[order]
    member = involved[column]
    bounds = np.searchsorted(group, np.arange(2 * found.n + 1))
    sides = sparse.csr_matrix((np.ones(group.size, dtype=np.float32), (group, column)),
                              shape=(2 * found.n, involved.size))
    reached = (sides @ _goals_reached(idx, involved, s.statuses)).tocsr()
    shared = reached[0::2].multiply(reached[1::2]).tocsr()
    shared.eliminate_zeros()
    shared.sort_indices()
    first = member[bounds[:-1]]
    agency = idx.agency[member]
    agencies, agency_of = np.unique(agency[agency >= 0], return_inverse=True)
    agency_ids = [idx.ids[a] for a in agencies.tolist()]
    by_id = sorted(range(agencies.size), key=agency_ids.__getitem__)
    rank = np.empty(agencies.size, dtype=np.int64)
    rank[by_id] = np.arange(agencies.size)
    agency_ids = [agency_ids[a] for a in by_id]
    held = np.unique(group[agency >= 0] * (agencies.size + 1) + rank[agency_of.reshape(-1)])
    side_of = _Sides(
        lines=[ids[c] for c in column.tolist()], bounds=bounds.tolist(),
        agencies=[agency_ids[r] for r in (held % (agencies.size + 1)).tolist()],
        agency_bounds=np.searchsorted(held // (agencies.size + 1), np.arange(2 * found.n + 1)).tolist(),
        pagu=np.bincount(group, weights=idx.pagu[member], minlength=2 * found.n).tolist(),
        government=[idx.labels[g] for g in idx.pemda[first].tolist()],
        code=[idx.labels[c] for c in idx.code[first].tolist()], name=[idx.labels[n] for n in idx.name[first].tolist()],
        who=[idx.labels[idx.name[a]] if a >= 0 else None for a in idx.agency[first].tolist()],
        year=idx.year[first].tolist(), family=[idx.label(fam) or "" for fam in idx.family[first].tolist()])
    names: dict[str, str] = {}

    def gov_name(gov: str) -> str:
        if gov not in names:
            names[gov] = government_name(G, gov)
        return names[gov]

    results = []
    outcome_ids = [idx.ids[g] for g in shared.indices.tolist()]
    scores = [None if np.isnan(v) else float(v) for v in score.tolist()]
    for k, (kind, where, value) in enumerate(zip(reason.tolist(), place.tolist(), scores)):
        a, b = side_of.side(2 * k), side_of.side(2 * k + 1)
        if kind != FAMILY and a.lines > b.lines:
            a, b = b, a
        year, family = side_of.year[a.j], side_of.family[a.j]
        outcomes = tuple(sorted(outcome_ids[shared.indptr[k]:shared.indptr[k + 1]]))
        results.append(Overlap(
            KINDS[kind], year, e.codes[where], family,
            a.government, a.agencies, a.code, a.name, a.count, a.pagu, a.lines,
            b.government, b.agencies, b.code, b.name, b.count, b.pagu, b.lines,
            value, outcomes, gov_name(a.government), a.who, gov_name(b.government), b.who))
    return results


@dataclass
class _Sides:
    """Per side (finding k has sides 2k and 2k + 1): its lines from ``bounds[j]`` to ``bounds[j + 1]``
    of `lines`, its agencies likewise in `agencies`, and the facts of its first line."""

    lines: list[str]
    bounds: list[int]
    agencies: list[str]
    agency_bounds: list[int]
    pagu: list[float]
    government: list[str]
    code: list[str]
    name: list[str]
    who: list[str | None]
    year: list[int]
    family: list[str]

    def side(self, j: int) -> _Side:
        lo, hi = self.bounds[j], self.bounds[j + 1]
        agencies = tuple(self.agencies[self.agency_bounds[j]:self.agency_bounds[j + 1]])
        if hi - lo == 1:
            return _Side(j, (self.lines[lo],), self.government[j], agencies, self.code[j], self.name[j], 1,
                         self.pagu[j], self.who[j])
        return _Side(j, tuple(self.lines[lo:hi]), self.government[j], agencies, None, None, hi - lo, self.pagu[j],
                     self.who[j])


class _Side(NamedTuple):
    """What a finding says about one side (`j` is its position in `_Sides`)."""

    j: int
    lines: tuple[str, ...]
    government: str
    agencies: tuple[str, ...]
    code: str | None
    name: str | None
    count: int
    pagu: float
    who: str | None
