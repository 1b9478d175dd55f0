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

from base.i18n import Phrase
from graph.schema import NodeKind
from reference import regions
from queries.arrays import distinct, stable_argsort, unique_inverse
from queries.filters import Filters
from queries.index import GraphIndex, graph_index, keep_columns, reach_matrix
from queries.overlap_find import FAMILY, KINDS, Found, Scope, find
from queries.places import overlap
from queries.order import label_ranks, order
from queries.results import LazyRows, Rows, government_name

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
    """Every overlap of the requested `kinds` among the lines the filters select (a `LazyRows`:
    found, grouped and ordered as arrays, each `Overlap` built when it is read)."""
    scope, found, notes = find(graph_index(G), filters or Filters(), kinds, threshold, max_pairs, nomenclature)
    notes.append(Phrase("note.overlaps.province_wide"))
    if not found.n:
        return LazyRows(0, lambda lo, hi: [], notes)
    return LazyRows(found.n, _Findings(G, scope, found).build, notes)


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
    starts = distinct(above.indices)
    goals = idx.is_kind(NodeKind.TARGET) | idx.outcome_indicators()
    reach = keep_columns(reach_matrix(starts, up), goals)
    pick = sparse.csr_matrix((np.ones(starts.size, dtype=np.float32), (starts, np.arange(starts.size))),
                             shape=(idx.n, starts.size))
    return (above @ pick @ reach).tocsr()


class _Findings:
    """The findings as arrays, in their order (kind, year, family, place, governments, lines):
    members grouped per side (finding k has sides 2k and 2k + 1) and sorted by id, pagu summed, the
    outcomes both sides reach; `build` makes the `Overlap`s of a range."""

    def __init__(self, G: nx.MultiDiGraph, s: Scope, found: Found):
        idx, e = s.idx, s.e
        self.G, self.idx, self.e = G, idx, e
        reason, place, score, f, side, line = found.arrays()
        n = found.n
        group = f * 2 + side
        ids = idx.ids
        order_ = stable_argsort(group)  # a side's lines are sorted by id when it is built
        group, member = group[order_], line[order_]
        self.member = member
        self.bounds = np.searchsorted(group, np.arange(2 * n + 1))
        self.statuses = s.statuses
        first = member[self.bounds[:-1]]
        agency = idx.agency[member]
        agencies, agency_of = unique_inverse(agency[agency >= 0])
        agency_ids = [ids[a] for a in agencies.tolist()]
        by_agency_id = sorted(range(agencies.size), key=agency_ids.__getitem__)
        a_rank = np.empty(agencies.size, dtype=np.int64)
        a_rank[by_agency_id] = np.arange(agencies.size)
        self.agency_ids = [agency_ids[a] for a in by_agency_id]
        held = distinct(group[agency >= 0] * (agencies.size + 1) + a_rank[agency_of.reshape(-1)])
        self.held = held % (agencies.size + 1)
        self.agency_bounds = np.searchsorted(held // (agencies.size + 1), np.arange(2 * n + 1))
        self.pagu = np.bincount(group, weights=idx.pagu[member], minlength=2 * n)

        # Side a and b of each finding: a pair's sides in the order of their lines' ids.
        a_side = np.arange(n) * 2
        pairs = np.flatnonzero(reason != FAMILY)
        swap = np.zeros(n, dtype=bool)
        swap[pairs] = [ids[x] > ids[y] for x, y in zip(first[2 * pairs].tolist(), first[2 * pairs + 1].tolist())]
        a_side = a_side + swap
        b_side = a_side + 1 - 2 * swap
        a_first, b_first = first[a_side], first[b_side]
        place_rank = label_ranks(_Codes(e.codes), place)
        perm = order(reason, idx.year[a_first], label_ranks(idx, idx.family[a_first]), place_rank,
                     label_ranks(idx, idx.pemda[a_first]), label_ranks(idx, idx.pemda[b_first]),
                     tie_ids=(a_first, b_first), idx=idx, python_ties=reason == FAMILY,
                     tiebreak=lambda k: (self._lines(a_side[k]), self._lines(b_side[k])))
        self.a_side, self.b_side = a_side[perm], b_side[perm]
        self.reason, self.place, self.score = reason[perm], place[perm], score[perm]
        self.names: dict[str, str] = {}

    def _lines(self, j: int) -> tuple[str, ...]:
        ids = self.idx.ids
        return tuple(sorted(ids[i] for i in self.member[self.bounds[j]:self.bounds[j + 1]].tolist()))

    def _side(self, j: int) -> _Side:
        idx = self.idx
        lines = self._lines(j)
        agencies = tuple(self.agency_ids[a] for a in self.held[self.agency_bounds[j]:self.agency_bounds[j + 1]].tolist())
        first = idx.pos[lines[0]]  # the side's first line by id
        one = len(lines) == 1
        who = int(idx.agency[first])
        government = idx.labels[idx.pemda[first]]
        if government not in self.names:
            self.names[government] = government_name(self.G, government)
        return _Side(lines, government, self.names[government], agencies,
                     idx.labels[idx.code[first]] if one else None, idx.labels[idx.name[first]] if one else None,
                     len(lines), float(self.pagu[j]), idx.labels[idx.name[who]] if who >= 0 else None,
                     int(idx.year[first]), idx.label(idx.family[first]) or "")

    def _shared(self, lo: int, hi: int) -> sparse.csr_matrix:
        """Row r - lo: the goals both sides of finding r reach (r in ``lo..hi-1``)."""
        sides = np.stack([self.a_side[lo:hi], self.b_side[lo:hi]], axis=1).reshape(-1)
        starts, ends = self.bounds[sides], self.bounds[sides + 1]
        counts = ends - starts
        members = np.concatenate([self.member[a:b] for a, b in zip(starts.tolist(), ends.tolist())])
        involved, column = unique_inverse(members)
        rows = sparse.csr_matrix((np.ones(members.size, dtype=np.float32), (np.repeat(np.arange(sides.size), counts),
                                  column.reshape(-1))), shape=(sides.size, involved.size))
        reached = (rows @ _goals_reached(self.idx, involved, self.statuses)).tocsr()
        shared = reached[0::2].multiply(reached[1::2]).tocsr()
        shared.eliminate_zeros()
        return shared

    def build(self, lo: int, hi: int) -> list[Overlap]:
        results = []
        outcome_ids, shared = self.idx.ids, self._shared(lo, hi)
        for r in range(lo, hi):
            a, b = self._side(int(self.a_side[r])), self._side(int(self.b_side[r]))
            value = float(self.score[r])
            row = shared.indices[shared.indptr[r - lo]:shared.indptr[r - lo + 1]]
            outcomes = tuple(sorted(outcome_ids[g] for g in row.tolist()))
            results.append(Overlap(
                KINDS[int(self.reason[r])], a.year, self.e.codes[int(self.place[r])], a.family,
                a.government, a.agencies, a.code, a.name, a.count, a.pagu, a.lines,
                b.government, b.agencies, b.code, b.name, b.count, b.pagu, b.lines,
                None if np.isnan(value) else value, outcomes, a.government_name, a.who, b.government_name, b.who))
        return results


class _Codes:
    """The place codes of `queries.places.PlaceEntries` as `queries.order.label_ranks` reads labels."""

    def __init__(self, codes: list[str]):
        self.codes = codes

    def label(self, i: int) -> str | None:
        return None if i < 0 else self.codes[i]


class _Side(NamedTuple):
    """What a finding says about one side."""

    lines: tuple[str, ...]
    government: str
    government_name: str
    agencies: tuple[str, ...]
    code: str | None
    name: str | None
    count: int
    pagu: float
    who: str | None
    year: int
    family: str
