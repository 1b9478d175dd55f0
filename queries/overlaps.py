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
  that is already part of a family overlap is not repeated.

Each side has its government, agencies, lines, their count and pagu, and the code and name of its
line when it has one; `shared_outcomes` lists the regional targets and outcome (hasil) indicators
both sides reach.

The work is linear in the lines. From the arrays of `queries.places.place_entries`, lines are
bucketed by (year, family, kab/kota), (year, code, kab/kota) and (year, kab/kota, name); a family
finding is found by set membership, never by listing pairs of lines. Pairs are listed only within
a bucket: one code, or two similar names, in one kab/kota and year. A bucket that would give more
than `max_pairs` pairs gives none and is named in ``notes``.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> [(o.reason, o.place, o.a_government, o.a_count, o.b_government, o.b_count, o.b_pagu) for o in overlaps(G)]
[('family', '64.02', '64', 1, '64.02', 2, 500000000.0)]
>>> [(a[-17:], b[-17:]) for a, b in overlap_lines(G, overlaps(G)[0])]
[('1.03.10.1.01.0001', '1.03.10.2.01.0001'), ('1.03.10.1.01.0001', '1.03.10.2.01.0053')]
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from graph.schema import NATIONAL, GovLevel, NodeKind
from loaders import regions
from queries.filters import Filters
from queries.index import GraphIndex, graph_index, reach_matrix
from queries.names import name_texts, similar_names
from queries.neo4j_backend import dispatch
from queries.places import PlaceEntries, overlap, place_entries
from queries.results import Rows, government_name

__all__ = ["Overlap", "overlaps", "overlap_lines", "KINDS"]

KINDS = ("family", "same_sub_kegiatan", "near_duplicate")
_FAMILY, _SAME_CODE, _NEAR = range(3)
_MAX_NOTES = 10


@dataclass(frozen=True)
class Overlap:
    """One finding: side a against side b. `place` is the kab/kota of a family finding, else the
    inner of the two lines' places; `family` the programme family (of side a's line for a pair).
    Per side: government, agencies (node ids), code and name of its line (None when the side has
    several), number of lines, their pagu and their ids. `score` is the name similarity of near
    duplicates."""

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
    message_id: str
    message_en: str


@dispatch
def overlaps(G: nx.MultiDiGraph, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
             threshold: float = 90.0, max_pairs: int = 1000) -> Rows[Overlap]:
    """Every overlap of the requested `kinds` among the lines the filters select."""
    filters = filters or Filters()
    scope = _Scope(graph_index(G), filters)
    found = _Found()
    notes: list[str] = []
    if "family" in kinds:
        _families(scope, found)
    if "same_sub_kegiatan" in kinds:
        notes += _same_code(scope, found, max_pairs)
    if "near_duplicate" in kinds:
        notes += _near_duplicates(scope, found, threshold, max_pairs, skip_family="family" in kinds)
    results = _results(G, scope, found)
    results.sort(key=lambda o: (KINDS.index(o.reason), o.year, o.family, o.place, o.a_government, o.b_government,
                                o.a_lines, o.b_lines))
    notes.append("A province-wide line overlaps every kab/kota of its province.")
    return Rows(results, notes)


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


class _Scope:
    """The selected lines' place entries and what the finders ask of their lines."""

    def __init__(self, idx: GraphIndex, filters: Filters):
        self.idx, self.statuses = idx, filters.status
        self.e = place_entries(idx)
        mask = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]) & (idx.pemda != idx.lid(NATIONAL))
        self.entries = np.flatnonzero(mask[self.e.line])
        lines = self.e.line[self.entries]
        self._support = idx.label_table(idx.family[lines], lambda f: f is not None and f.endswith(".01"))
        self._province = idx.label_table(idx.pemda[lines], lambda p: idx.government_level(p) is GovLevel.PROVINCE)

    def support(self, lines: np.ndarray) -> np.ndarray:
        return self._support[self.idx.family[lines]]

    def province(self, lines: np.ndarray) -> np.ndarray:
        return self._province[self.idx.pemda[lines]]

    def outside_support(self) -> np.ndarray:
        return self.entries[~self.support(self.e.line[self.entries])]


class _Found:
    """Findings as arrays: per finding its reason, place (an id of the place entries' codes) and
    score; per member its finding, side (0 = a, 1 = b) and line position."""

    def __init__(self):
        self.n = 0
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(self, reason: int, place: np.ndarray, score: np.ndarray, f: np.ndarray, side: np.ndarray,
            line: np.ndarray) -> None:
        """Findings numbered from 0 in `f`, with their members."""
        self.parts.append((np.full(place.size, reason), place, score, f + self.n, side, line))
        self.n += place.size

    def add_pairs(self, reason: int, a: np.ndarray, b: np.ndarray, place: np.ndarray, score: np.ndarray) -> None:
        k = np.arange(a.size)
        self.add(reason, place, score, np.concatenate([k, k]), np.repeat([0, 1], a.size), np.concatenate([a, b]))

    def arrays(self) -> tuple[np.ndarray, ...]:
        return tuple(np.concatenate([p[k] for p in self.parts]) for k in range(6))


def _dense(*columns: np.ndarray) -> np.ndarray:
    """Ids 0..k-1 of the distinct rows of `columns`, numbered in the rows' sorted order."""
    key = np.zeros(columns[0].size, dtype=np.int64)
    for column in columns:
        values, inverse = np.unique(column, return_inverse=True)
        key = np.unique(key * values.size + inverse.reshape(-1), return_inverse=True)[1].reshape(-1)
    return key


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., c-1 for each count c, concatenated."""
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)


def _families(s: _Scope, found: _Found) -> None:
    """Family findings: a side (bucket, government) of a bucket (year, family, kab/kota) meets every
    side of the other level in the bucket; its members are the lines overlapping the other side."""
    idx, e = s.idx, s.e
    ent = s.outside_support()
    line = e.line[ent]
    prov = s.province(line)
    bucket = _dense(idx.year[line], idx.family[line], e.kab[ent])
    keep = np.isin(bucket, np.intersect1d(bucket[prov], bucket[~prov]))
    ent, line, prov, bucket = ent[keep], line[keep], prov[keep], bucket[keep]
    if not ent.size:
        return
    side = _dense(bucket, idx.pemda[line])
    side_bucket, side_prov = np.zeros(side.max() + 1, dtype=np.int64), np.zeros(side.max() + 1, dtype=bool)
    side_bucket[side], side_prov[side] = bucket, prov
    bucket_kab = np.zeros(bucket.max() + 1, dtype=np.int64)
    bucket_kab[bucket] = e.kab[ent]
    upper, lower = np.flatnonzero(side_prov), np.flatnonzero(~side_prov)
    lo = np.searchsorted(side_bucket[lower], side_bucket[upper], side="left")
    meets = np.searchsorted(side_bucket[lower], side_bucket[upper], side="right") - lo
    f_upper = np.repeat(upper, meets)
    f_lower = lower[np.repeat(lo, meets) + _ranks(meets)]
    n = f_upper.size
    of_side, fid = np.concatenate([f_upper, f_lower]), np.tile(np.arange(n), 2)
    order = np.argsort(of_side, kind="stable")
    starts = np.searchsorted(of_side[order], np.arange(side_bucket.size + 1))
    count = np.diff(starts)[side]
    member = np.repeat(np.arange(ent.size), count)
    f = fid[order][np.repeat(starts[side], count) + _ranks(count)]
    upper_member = prov[member]
    hit = np.zeros(member.size, dtype=bool)
    a, b = ent[member[upper_member]], ent[member[~upper_member]]
    hit[upper_member] = _touching(e, f[upper_member], a, f[~upper_member], b)
    hit[~upper_member] = _touching(e, f[~upper_member], b, f[upper_member], a)
    used, f = np.unique(f[hit], return_inverse=True)
    found.add(_FAMILY, bucket_kab[side_bucket[f_upper[used]]], np.full(used.size, np.nan), f.reshape(-1),
              (~upper_member[hit]).astype(np.int64), line[member[hit]])


def _touching(e: PlaceEntries, fx: np.ndarray, x: np.ndarray, fy: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per member (finding `fx[k]`, entry `x[k]`): whether the entry overlaps an entry `y` of the
    same finding: a place of y lies in or at x's place, or is one of the places containing x's."""
    width = len(e.codes) + 1
    dx, dy = np.maximum(e.depth[x], 0), np.maximum(e.depth[y], 0)
    own_y = fy * width + e.chain[y, dy]
    inside_y = np.concatenate([fy[dy >= k] * width + e.chain[y[dy >= k], k] for k in range(3)])
    hit = np.isin(fx * width + e.chain[x, dx], inside_y)
    for k in range(2):
        ask = (dx > k) & ~hit
        hit[ask] = np.isin(fx[ask] * width + e.chain[x[ask], k], own_y)
    return hit


def _pairs_within(group: np.ndarray, max_pairs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (x, y) of positions with one `group`, and the groups too big to pair (more than
    `max_pairs` pairs)."""
    order = np.argsort(group, kind="stable")
    g = group[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if g.size else np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, g.size])
    big = sizes * (sizes - 1) // 2 > max_pairs
    size = np.repeat(np.where(big, 0, sizes), sizes)
    count = np.maximum(size - 1 - _ranks(sizes), 0)
    x = np.repeat(np.arange(g.size), count)
    y = x + 1 + _ranks(count)
    return order[x], order[y], g[starts[big]]


def _pairs_across(group: np.ndarray, g1: np.ndarray, g2: np.ndarray,
                  max_pairs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (x, y) of positions with x in group `g1[k]` and y in `g2[k]`, with k; and the ks
    too big to pair."""
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(group.max() + 2 if group.size else 1))
    n1, n2 = starts[g1 + 1] - starts[g1], starts[g2 + 1] - starts[g2]
    big = n1 * n2 > max_pairs
    count = np.where(big, 0, n1 * n2)
    k = np.repeat(np.arange(g1.size), count)
    at = _ranks(count)
    x = starts[g1[k]] + at // n2[k]
    y = starts[g2[k]] + at % n2[k]
    return order[x], order[y], k, np.flatnonzero(big)


def _distinct(e: PlaceEntries, line_x: np.ndarray, line_y: np.ndarray, x: np.ndarray,
              y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each pair of lines once (found through several entries), where it meets innermost: (low
    line, high line, place id, position of the kept row)."""
    low, high = np.minimum(line_x, line_y), np.maximum(line_x, line_y)
    place, depth = e.meeting(x, y), np.maximum(e.depth[x], e.depth[y])
    key = low * (int(high.max(initial=0)) + 1) + high
    order = np.lexsort((place, -depth, key))
    first = order[np.r_[True, key[order][1:] != key[order][:-1]]] if key.size else order
    return low[first], high[first], place[first], first


def _same_code(s: _Scope, found: _Found, max_pairs: int) -> list[str]:
    idx, e = s.idx, s.e
    ent = s.entries
    line = e.line[ent]
    group = _dense(idx.year[line], idx.code[line], e.kab[ent])
    x, y, big = _pairs_within(group, max_pairs)
    a, b = line[x], line[y]
    ok = (a != b) & ((idx.pemda[a] != idx.pemda[b]) | (idx.agency[a] != idx.agency[b]))
    ok &= e.overlapping(ent[x], ent[y])
    a, b, place, _ = _distinct(e, a[ok], b[ok], ent[x[ok]], ent[y[ok]])
    found.add_pairs(_SAME_CODE, a, b, place, np.full(a.size, np.nan))
    notes = []
    for g in big.tolist():
        k = int(np.flatnonzero(group == g)[0])
        size = int((group == g).sum())
        notes.append(f"Same sub kegiatan {idx.labels[idx.code[line[k]]]} in {e.codes[e.kab[ent[k]]]} "
                     f"{idx.year[line[k]]}: {size} lines, more than {max_pairs} pairs; not listed.")
    return _capped(notes)


def _near_duplicates(s: _Scope, found: _Found, threshold: float, max_pairs: int, *, skip_family: bool) -> list[str]:
    idx, e = s.idx, s.e
    ent = s.outside_support()
    line = e.line[ent]
    of_label, texts = name_texts(idx)
    text = of_label[idx.name[line]]
    bucket = _dense(idx.year[line], e.kab[ent])
    group = _dense(bucket, text)
    x1, y1, big1 = _pairs_within(group, max_pairs)
    u, v, score = similar_names(idx, threshold)
    n_groups = int(group.max(initial=-1)) + 1
    group_bucket = np.zeros(n_groups, dtype=np.int64)
    group_text = np.zeros(n_groups, dtype=np.int64)
    group_bucket[group], group_text[group] = bucket, text
    width = len(texts) + 1
    group_key = group_bucket * width + group_text
    by_u = np.argsort(u, kind="stable")
    ptr = np.searchsorted(u[by_u], np.arange(width + 1))
    degree = np.diff(ptr)[group_text]
    g1 = np.repeat(np.arange(n_groups), degree)
    partner = by_u[np.repeat(ptr[group_text], degree) + _ranks(degree)]
    wanted = group_bucket[g1] * width + v[partner]
    g2 = np.minimum(np.searchsorted(group_key, wanted), max(n_groups - 1, 0))
    there = group_key[g2] == wanted if n_groups else np.zeros(0, dtype=bool)
    g1, g2, partner = g1[there], g2[there], partner[there]
    x2, y2, k, big2 = _pairs_across(group, g1, g2, max_pairs)
    x, y = np.concatenate([x1, x2]), np.concatenate([y1, y2])
    scores = np.concatenate([np.full(x1.size, 100.0), score[partner[k]]])
    a, b = line[x], line[y]
    ok = (a != b) & (idx.code[a] != idx.code[b]) & e.overlapping(ent[x], ent[y])
    if skip_family:
        ok &= ~((idx.family[a] == idx.family[b]) & (s.province(a) != s.province(b)))
    a, b, place, kept = _distinct(e, a[ok], b[ok], ent[x[ok]], ent[y[ok]])
    found.add_pairs(_NEAR, a, b, place, scores[ok][kept])

    def where(g: int) -> str:
        k0 = int(np.flatnonzero(group == g)[0])
        return f"{e.codes[e.kab[ent[k0]]]} {idx.year[line[k0]]}"

    notes = [f"Near duplicates of '{texts[group_text[g]]}' in {where(g)}: more than {max_pairs} pairs; not listed."
             for g in big1.tolist()]
    notes += [f"Near duplicates of '{texts[group_text[g1[j]]]}' and '{texts[group_text[g2[j]]]}' in {where(g1[j])}: "
              f"more than {max_pairs} pairs; not listed." for j in big2.tolist()]
    return _capped(notes)


def _capped(notes: list[str]) -> list[str]:
    notes = sorted(notes)
    if len(notes) <= _MAX_NOTES:
        return notes
    return notes[:_MAX_NOTES] + [f"... and {len(notes) - _MAX_NOTES} more buckets not listed."]


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


def _rp(value: float) -> str:
    return f"Rp {value:,.0f}".replace(",", ".")


def _results(G: nx.MultiDiGraph, s: _Scope, found: _Found) -> list[Overlap]:
    """The findings as `Overlap`s: members grouped per side, pagu summed, outcomes both sides reach."""
    if not found.n:
        return []
    idx, e = s.idx, s.e
    reason, place, score, f, side, line = found.arrays()
    order = np.lexsort((line, side, f))
    f, side, line = f[order], side[order], line[order]
    group = f * 2 + side
    bounds = np.searchsorted(group, np.arange(2 * found.n + 1))
    pagu = np.bincount(group, weights=idx.pagu[line], minlength=2 * found.n)
    involved, column = np.unique(line, return_inverse=True)
    sides = sparse.csr_matrix((np.ones(line.size, dtype=np.float32), (group, column.reshape(-1))),
                              shape=(2 * found.n, involved.size))
    reached = (sides @ _goals_reached(idx, involved, s.statuses)).tocsr()
    shared = reached[0::2].multiply(reached[1::2]).tocsr()
    shared.eliminate_zeros()
    names: dict[str, str] = {}

    def gov_name(gov: str) -> str:
        if gov not in names:
            names[gov] = government_name(G, gov)
        return names[gov]

    results = []
    for k in range(found.n):
        a, b = (_Side(idx, line[bounds[2 * k + j]:bounds[2 * k + j + 1]], pagu[2 * k + j]) for j in (0, 1))
        if reason[k] != _FAMILY and a.lines > b.lines:
            a, b = b, a
        year = int(idx.year[a.first])
        family = idx.label(idx.family[a.first]) or ""
        outcomes = tuple(sorted(idx.ids[g] for g in shared.indices[shared.indptr[k]:shared.indptr[k + 1]].tolist()))
        value = None if np.isnan(score[k]) else float(score[k])
        text_id, text_en = _message(KINDS[reason[k]], a, b, e.codes[place[k]], year, family, value, outcomes,
                                    gov_name)
        results.append(Overlap(
            KINDS[reason[k]], year, e.codes[place[k]], family,
            a.government, a.agencies, a.code, a.name, a.count, a.pagu, a.lines,
            b.government, b.agencies, b.code, b.name, b.count, b.pagu, b.lines,
            value, outcomes, text_id, text_en))
    return results


class _Side:
    """What a finding says about one side."""

    def __init__(self, idx: GraphIndex, members: np.ndarray, pagu: float):
        self.lines = tuple(sorted(idx.ids[i] for i in members.tolist()))
        self.first = first = idx.pos[self.lines[0]]
        self.government = idx.labels[idx.pemda[first]]
        self.agencies = tuple(sorted({idx.ids[a] for a in idx.agency[members].tolist() if a >= 0}))
        self.count, self.pagu = int(members.size), float(pagu)
        self.code = idx.labels[idx.code[first]] if members.size == 1 else None
        self.name = idx.labels[idx.name[first]] if members.size == 1 else None
        agency = int(idx.agency[first])
        self.who = idx.labels[idx.name[agency]] if agency >= 0 else self.government


def _message(reason: str, a: _Side, b: _Side, place: str, year: int, family: str, score: float | None,
             outcomes: tuple[str, ...], gov_name) -> tuple[str, str]:
    if reason == "family":
        text_id = (f"{gov_name(a.government)} ({a.count} sub kegiatan, {_rp(a.pagu)}) dan {gov_name(b.government)} "
                   f"({b.count} sub kegiatan, {_rp(b.pagu)}) sama-sama mendanai program {family} di {place} "
                   f"pada {year}.")
        text_en = (f"{gov_name(a.government)} ({a.count} sub kegiatan, {_rp(a.pagu)}) and {gov_name(b.government)} "
                   f"({b.count} sub kegiatan, {_rp(b.pagu)}) both fund programme family {family} in {place} "
                   f"in {year}.")
        if outcomes:
            text_id += f" Keduanya mendukung {len(outcomes)} sasaran atau indikator hasil yang sama."
            text_en += f" Both support {len(outcomes)} shared targets or outcome indicators."
        return text_id, text_en
    who_a, who_b = f"{a.who} ({a.government})", f"{b.who} ({b.government})"
    if reason == "same_sub_kegiatan":
        return (f"Sub kegiatan {a.code} '{a.name}' dijalankan {who_a} dan {who_b} di {place} pada {year} "
                f"({_rp(a.pagu)} dan {_rp(b.pagu)}).",
                f"Sub kegiatan {a.code} '{a.name}' is run by {who_a} and {who_b} in {place} in {year} "
                f"({_rp(a.pagu)} and {_rp(b.pagu)}).")
    return (f"Nama mirip ({score:.0f}%) di {place} pada {year}: '{a.name}' ({who_a}, {_rp(a.pagu)}) "
            f"dan '{b.name}' ({who_b}, {_rp(b.pagu)}).",
            f"Similar names ({score:.0f}%) in {place} in {year}: '{a.name}' ({who_a}, {_rp(a.pagu)}) "
            f"and '{b.name}' ({who_b}, {_rp(b.pagu)}).")
