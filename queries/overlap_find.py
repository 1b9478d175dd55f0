"""Finding overlaps in arrays: the work behind `queries.overlaps`, linear in the lines.

From the arrays of `queries.places.place_entries`, lines are bucketed by (year, family,
kab/kota), (year, code, kab/kota) and (year, kab/kota, name text). A family finding is one side
(the lines of one government in a bucket) against each side of the other level in the bucket; its
members are the lines that overlap a line of the other side, found by set membership on place
chains, never by listing pairs of lines. Duplicate codes and near-identical names are listed as
pairs only within a bucket (one code, or two similar names, in one kab/kota and year); a bucket
that would give more than `max_pairs` pairs gives none and is named in the notes (at most
ten, then a count). Similar names come from `queries.names`, computed once per graph and threshold.

The result is a `Found`: per finding its reason, place and score, per member its finding, side
and line, which `queries.overlaps` turns into findings and `queries.coverage` counts.

>>> from queries._examples import tiny_graph
>>> from queries.index import graph_index
>>> scope, found, notes = find(graph_index(tiny_graph()), Filters(), ("family",), 90.0, 1000)
>>> found.n, notes
(1, [])
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from base.i18n import Phrase
from graph.schema import NATIONAL, GovLevel, NodeKind
from loaders.nomenclature import builtin_nomenclature
from reference import regions
from queries.arrays import member, ranks_within, stable_argsort, unique_all, unique_inverse
from queries.filters import Filters
from queries.index import GraphIndex
from queries.names import name_texts, similar_names
from queries.places import PlaceEntries, place_entries

__all__ = ["Scope", "Found", "find", "KINDS", "FAMILY", "SAME_CODE", "NEAR"]

KINDS = ("family", "same_sub_kegiatan", "near_duplicate")
FAMILY, SAME_CODE, NEAR = range(3)
_MAX_NOTES = 10
_ANSWER_BYTES = 256 << 20
"""The overlap answers held on the index (`GraphIndex.memo`) take at most this many bytes
together, measured by `_answer_bytes`. At tier L (1.1M sub kegiatan) the largest answer, every
kind over the whole graph, holds 43 MB (findings 26.7 MB, the scope's entries 16.3 MB; the place
entries it reads, 112 MB, are held once for all answers and not counted); a filtered one holds
less. So about six whole-graph answers, or many more of a province or a year, stay held."""


def find(idx: GraphIndex, filters: Filters, kinds: tuple[str, ...], threshold: float,
         max_pairs: int, nomenclature=None) -> tuple[Scope, Found, list[Phrase]]:
    """The findings of `kinds` among the lines `filters` selects, with notes on buckets too big to pair.
    `nomenclature` (default: the built-in 2027 table) tells which codes are official sub kegiatan.

    The answer is cached on the index per question (the coverage counts ask what the overlaps
    listed); a cached answer is only read, never changed."""
    nomenclature = nomenclature if nomenclature is not None else builtin_nomenclature()
    # a `Nomenclature` compares by identity: the key holds the very table the answer was found with
    key = ("overlaps_found", filters, tuple(kinds), float(threshold), int(max_pairs), nomenclature)
    scope, found, notes = idx.memo(key, lambda: _held(*_find(idx, filters, kinds, threshold, max_pairs, nomenclature)),
                                   max_bytes=_ANSWER_BYTES, size=_answer_bytes)
    return scope, found, list(notes)


def _answer_bytes(answer: tuple[Scope, Found, tuple[Phrase, ...]]) -> int:
    """The bytes an answer holds of its own: its findings' arrays and its scope's (not the place
    entries, the index's own, which every answer shares)."""
    scope, found, _ = answer
    return (sum(a.nbytes for part in found.parts for a in part)
            + scope.entries.nbytes + scope._support.nbytes + scope._province.nbytes)


def _held(scope: Scope, found: Found, notes: list[Phrase]) -> tuple[Scope, Found, tuple[Phrase, ...]]:
    return scope, found, tuple(notes)


def _find(idx: GraphIndex, filters: Filters, kinds: tuple[str, ...], threshold: float,
          max_pairs: int, nomenclature) -> tuple[Scope, Found, list[Phrase]]:
    scope = Scope(idx, filters, nomenclature)
    found = Found()
    notes: list[Phrase] = []
    if "family" in kinds:
        _families(scope, found)
    if "same_sub_kegiatan" in kinds:
        notes += _same_code(scope, found, max_pairs)
    if "near_duplicate" in kinds:
        notes += _near_duplicates(scope, found, threshold, max_pairs, skip_family="family" in kinds)
    return scope, found, notes


class Scope:
    """The selected lines' place entries and what the finders ask of their lines."""

    def __init__(self, idx: GraphIndex, filters: Filters, nomenclature=None):
        self.idx, self.statuses, self.nomenclature = idx, filters.status, nomenclature
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

    def official(self, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per line: a number for the official name of its code, as run by its government, when the
        nomenclature lists the code as a sub kegiatan (equal names, equal numbers), else -1; and
        whether the line's own name is that official name (case and spacing aside)."""
        number = np.full(lines.size, -1, dtype=np.int64)
        own = np.zeros(lines.size, dtype=bool)
        if self.nomenclature is None or not lines.size:
            return number, own
        idx, numbers = self.idx, {}
        # The official name depends on the code and the government's kind only (`name` reads the
        # JENIS PEMDA from the region list), so it is looked up once per (code, kind of government).
        pemdas, pemda_of = unique_inverse(idx.pemda[lines])
        kinds = [_region_level(idx.label(p)) for p in pemdas.tolist()]
        kind_ids = {k: n for n, k in enumerate(dict.fromkeys(kinds))}
        kind = np.array([kind_ids[k] for k in kinds], dtype=np.int64)[pemda_of.reshape(-1)]
        width = len(kind_ids) + 1
        unique, inverse = unique_inverse(idx.code[lines].astype(np.int64) * width + kind)
        inverse = inverse.reshape(-1)
        a_pemda = np.zeros(len(unique), dtype=np.int64)
        a_pemda[inverse] = idx.pemda[lines]
        official = np.full(len(unique), -1, dtype=np.int64)
        for k, (c, p) in enumerate(zip((unique // width).tolist(), a_pemda.tolist())):
            code = idx.label(c)
            name = self.nomenclature.name(code, idx.label(p)) if code and code.count(".") == 5 else None
            if name is not None:
                official[k] = numbers.setdefault(" ".join(name.lower().split()), len(numbers))
        number = official[inverse]
        names, name_of = unique_inverse(idx.name[lines])
        own_text = np.array([numbers.get(" ".join((idx.label(n) or "").lower().split()), -2)
                             for n in names.tolist()], dtype=np.int64)
        own = (number >= 0) & (own_text[name_of.reshape(-1)] == number)
        return number, own

    def outside_support(self) -> np.ndarray:
        return self.entries[~self.support(self.e.line[self.entries])]


class Found:
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


def _region_level(kode_pemda: str | None):
    """The government level the region list gives a code (None when it gives none)."""
    try:
        return regions.government_level(kode_pemda) if kode_pemda else None
    except ValueError:
        return None


def _key(*columns: np.ndarray) -> np.ndarray:
    """One integer per row of `columns` (integer arrays) that sorts as the rows do: the columns
    combined, the key renumbered (densely, in order) only when it would overflow."""
    key = np.zeros(columns[0].size, dtype=np.int64)
    if not key.size:
        return key
    for column in columns:
        low = int(column.min())
        width = int(column.max()) - low + 1
        if (int(key.max()) + 1) * width >= 1 << 62:
            key = unique_inverse(key)[1]
        key = key * width + (column - low)
    return key


class _Runs(NamedTuple):
    """Positions grouped by an integer key, from one sort: `order` sorts the positions by key
    (stably); run r (runs numbered in key order) is ``order[starts[r]:starts[r + 1]]``."""

    order: np.ndarray
    starts: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.starts)

    @property
    def first(self) -> np.ndarray:
        """Per run, its first position (the lowest)."""
        return self.order[self.starts[:-1]]


def _runs(key: np.ndarray) -> _Runs:
    order = stable_argsort(key)
    ordered = key[order]
    flag = np.concatenate(([True], ordered[1:] != ordered[:-1])) if key.size else np.zeros(0, dtype=bool)
    return _Runs(order, np.append(np.flatnonzero(flag), key.size))


def _families(s: Scope, found: Found) -> None:
    """Family findings: a side (bucket, government) of a bucket (year, family, kab/kota) meets every
    side of the other level in the bucket; its members are the lines overlapping the other side."""
    idx, e = s.idx, s.e
    ent = s.outside_support()
    line = e.line[ent]
    prov = s.province(line)
    bucket, side = _nested(idx.year[line], idx.family[line], e.kab[ent], idx.pemda[line])
    upper, lower = np.zeros(bucket.size, dtype=bool), np.zeros(bucket.size, dtype=bool)
    upper[bucket[prov]], lower[bucket[~prov]] = True, True
    keep = upper[bucket] & lower[bucket]
    ent, line, prov, bucket, side = ent[keep], line[keep], prov[keep], _renumber(bucket[keep]), _renumber(side[keep])
    if not ent.size:
        return
    side_bucket, side_prov = np.zeros(side.max() + 1, dtype=np.int64), np.zeros(side.max() + 1, dtype=bool)
    side_bucket[side], side_prov[side] = bucket, prov
    bucket_kab = np.zeros(bucket.max() + 1, dtype=np.int64)
    bucket_kab[bucket] = e.kab[ent]
    upper, lower = np.flatnonzero(side_prov), np.flatnonzero(~side_prov)
    lo = np.searchsorted(side_bucket[lower], side_bucket[upper], side="left")
    meets = np.searchsorted(side_bucket[lower], side_bucket[upper], side="right") - lo
    f_upper = np.repeat(upper, meets)
    f_lower = lower[np.repeat(lo, meets) + ranks_within(meets)]
    n = f_upper.size
    of_side, fid = np.concatenate([f_upper, f_lower]), np.tile(np.arange(n), 2)
    order = stable_argsort(of_side)
    starts = np.searchsorted(of_side[order], np.arange(side_bucket.size + 1))
    count = np.diff(starts)[side]
    member = np.repeat(np.arange(ent.size), count)
    f = fid[order][np.repeat(starts[side], count) + ranks_within(count)]
    upper_member = prov[member]
    hit = np.zeros(member.size, dtype=bool)
    a, b = ent[member[upper_member]], ent[member[~upper_member]]
    hit[upper_member] = _touching(e, f[upper_member], a, f[~upper_member], b)
    hit[~upper_member] = _touching(e, f[~upper_member], b, f[upper_member], a)
    f, side, line = f[hit], (~upper_member[hit]).astype(np.int64), line[member[hit]]
    once = unique_all(f * idx.n + line)[1]  # a line with two places in one kab/kota
    used, f = unique_inverse(f[once])
    found.add(FAMILY, bucket_kab[side_bucket[f_upper[used]]], np.full(used.size, np.nan), f.reshape(-1),
              side[once], line[once])


def _nested(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_dense` of all but the last of `columns` and `_dense` of all of them, from one sort."""
    key = _key(*columns)
    order = stable_argsort(key)
    if not key.size:
        return key, key
    ordered = key[order]
    inner = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    outer = np.zeros(key.size, dtype=bool)
    outer[0] = True
    for column in columns[:-1]:
        c = column[order]
        outer[1:] |= c[1:] != c[:-1]
    dense_outer, dense_inner = np.empty(key.size, dtype=np.int64), np.empty(key.size, dtype=np.int64)
    dense_outer[order], dense_inner[order] = np.cumsum(outer) - 1, np.cumsum(inner) - 1
    return dense_outer, dense_inner


def _renumber(ids: np.ndarray) -> np.ndarray:
    """Ids 0..k-1 for the distinct `ids` (small non-negative integers), in their order, without a sort."""
    if not ids.size:
        return ids
    present = np.zeros(int(ids.max()) + 1, dtype=bool)
    present[ids] = True
    return (np.cumsum(present) - 1)[ids]


def _touching(e: PlaceEntries, fx: np.ndarray, x: np.ndarray, fy: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per member (finding `fx[k]`, entry `x[k]`): whether the entry overlaps an entry `y` of the
    same finding: a place of y lies in or at x's place, or is one of the places containing x's.

    All entries of a finding lie in its kab/kota, so an entry at the kab/kota (or the province)
    overlaps every other, and every entry overlaps a finding whose other side has one: only the
    rest are looked up."""
    dx, dy = np.maximum(e.depth[x], 0), np.maximum(e.depth[y], 0)
    flat = np.zeros(int(max(fx.max(initial=-1), fy.max(initial=-1))) + 1, dtype=bool)
    flat[fy[dy == 0]] = True
    hit = (dx == 0) | flat[fx]
    ask = np.flatnonzero(~hit)
    if ask.size:
        wanted = np.zeros(flat.size, dtype=bool)
        wanted[fx[ask]] = True
        keep = wanted[fy]
        hit[ask] = _touching_deep(e, fx[ask], x[ask], fy[keep], y[keep])
    return hit


def _touching_deep(e: PlaceEntries, fx: np.ndarray, x: np.ndarray, fy: np.ndarray, y: np.ndarray) -> np.ndarray:
    """`_touching` by looking up places: kab/kota, kecamatan and desa codes per finding."""
    width = len(e.codes) + 1
    dx, dy = np.maximum(e.depth[x], 0), np.maximum(e.depth[y], 0)
    own_y = fy * width + e.chain[y, dy]
    inside_y = np.concatenate([fy[dy >= k] * width + e.chain[y[dy >= k], k] for k in range(3)])
    hit = member(fx * width + e.chain[x, dx], inside_y)
    for k in range(2):
        ask = (dx > k) & ~hit
        hit[ask] = member(fx[ask] * width + e.chain[x[ask], k], own_y)
    return hit


def _pairs_within(runs: _Runs, max_pairs: int,
                  pairable: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (x, y) of positions in one run (of the runs `pairable` marks, all by default),
    and the runs too big to pair (more than `max_pairs` pairs)."""
    sizes = runs.sizes
    big = sizes * (sizes - 1) // 2 > max_pairs
    if pairable is not None:
        big &= pairable
    skip = big if pairable is None else big | ~pairable
    size = np.repeat(np.where(skip, 0, sizes), sizes)
    count = np.maximum(size - 1 - ranks_within(sizes), 0)
    x = np.repeat(np.arange(runs.order.size), count)
    y = x + 1 + ranks_within(count)
    return runs.order[x], runs.order[y], np.flatnonzero(big)


def _pairs_across(runs: _Runs, g1: np.ndarray, g2: np.ndarray,
                  max_pairs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (x, y) of positions with x in run `g1[k]` and y in run `g2[k]`, with k; and the ks
    too big to pair."""
    order, starts = runs.order, runs.starts
    n1, n2 = starts[g1 + 1] - starts[g1], starts[g2 + 1] - starts[g2]
    big = n1 * n2 > max_pairs
    count = np.where(big, 0, n1 * n2)
    k = np.repeat(np.arange(g1.size), count)
    at = ranks_within(count)
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


def _same_code(s: Scope, found: Found, max_pairs: int) -> list[Phrase]:
    idx, e = s.idx, s.e
    ent = s.entries
    line = e.line[ent]
    runs = _runs(_key(idx.year[line], idx.code[line], e.kab[ent]))
    x, y, big = _pairs_within(runs, max_pairs)
    a, b = line[x], line[y]
    ok = (a != b) & ((idx.pemda[a] != idx.pemda[b]) | (idx.agency[a] != idx.agency[b]))
    ok &= e.overlapping(ent[x], ent[y])
    a, b, place, _ = _distinct(e, a[ok], b[ok], ent[x[ok]], ent[y[ok]])
    found.add_pairs(SAME_CODE, a, b, place, np.full(a.size, np.nan))
    first, size = runs.first, runs.sizes
    return _capped([Phrase("note.overlaps.same_code_capped", code=idx.labels[idx.code[line[first[g]]]],
                           place=e.codes[e.kab[ent[first[g]]]], year=int(idx.year[line[first[g]]]),
                           lines=int(size[g]), max_pairs=max_pairs) for g in big.tolist()])


def _near_duplicates(s: Scope, found: Found, threshold: float, max_pairs: int, *, skip_family: bool) -> list[Phrase]:
    idx, e = s.idx, s.e
    ent = s.outside_support()
    line = e.line[ent]
    of_label, texts = name_texts(idx)
    text = of_label[idx.name[line]]
    ent, line, text = ent[text >= 0], line[text >= 0], text[text >= 0]
    u, v, score = similar_names(idx, threshold)
    width = len(texts) + 1
    bucket = _key(idx.year[line], e.kab[ent])
    if bucket.size and (int(bucket.max()) + 1) * width >= 1 << 62:
        bucket = unique_inverse(bucket)[1]
    runs = _runs(bucket * width + text)  # a run: the lines of one text in one kab/kota and year
    # Lines of one text pair only across codes: a group whose lines all share one code (the
    # official name, run by many agencies or by a province in every kab/kota) has no pair to list,
    # so it is not paired at all (listing its pairs first is what would not fit in memory).
    n_groups = runs.starts.size - 1
    if n_groups:
        code = idx.code[line][runs.order]
        bounds = runs.starts[:-1]
        several = np.minimum.reduceat(code, bounds) != np.maximum.reduceat(code, bounds)
    else:
        several = np.zeros(0, dtype=bool)
    x1, y1, big1 = _pairs_within(runs, max_pairs, several)
    group_bucket, group_text = bucket[runs.first], text[runs.first]
    group_key = group_bucket * width + group_text
    by_u = stable_argsort(u)
    ptr = np.searchsorted(u[by_u], np.arange(width + 1))
    degree = np.diff(ptr)[group_text]
    g1 = np.repeat(np.arange(n_groups), degree)
    partner = by_u[np.repeat(ptr[group_text], degree) + ranks_within(degree)]
    wanted = group_bucket[g1] * width + v[partner]
    g2 = np.minimum(np.searchsorted(group_key, wanted), max(n_groups - 1, 0))
    there = group_key[g2] == wanted if n_groups else np.zeros(0, dtype=bool)
    g1, g2, partner = g1[there], g2[there], partner[there]
    x2, y2, k, big2 = _pairs_across(runs, g1, g2, max_pairs)
    x, y = np.concatenate([x1, x2]), np.concatenate([y1, y2])
    scores = np.concatenate([np.full(x1.size, 100.0), score[partner[k]]])
    a, b = line[x], line[y]
    ok = (a != b) & (idx.code[a] != idx.code[b]) & e.overlapping(ent[x], ent[y])
    # Two codes the nomenclature lists under different names are different work (RTRW …0001 is
    # not RRTR …0002), however alike those names read: a line named by its official name says no
    # more than its code. Names of the planner's own (a road, a hospital) still pair.
    asked = np.flatnonzero(ok)
    number, own = s.official(np.concatenate([a[asked], b[asked]]))
    official_a, official_b = number[:asked.size], number[asked.size:]
    ok[asked] &= ~((official_a >= 0) & (official_b >= 0) & (official_a != official_b)
                   & (own[:asked.size] | own[asked.size:]))
    if skip_family:
        ok &= ~((idx.family[a] == idx.family[b]) & (s.province(a) != s.province(b)))
    a, b, place, kept = _distinct(e, a[ok], b[ok], ent[x[ok]], ent[y[ok]])
    found.add_pairs(NEAR, a, b, place, scores[ok][kept])

    first = runs.first

    def name(g: int) -> str:
        return idx.labels[idx.name[line[first[g]]]]

    def where(g: int) -> dict:
        return {"place": e.codes[e.kab[ent[first[g]]]], "year": int(idx.year[line[first[g]]]), "max_pairs": max_pairs}

    notes = [Phrase("note.overlaps.near_capped", name=name(g), **where(g)) for g in big1.tolist()]
    notes += [Phrase("note.overlaps.near_pair_capped", name=name(g1[j]), other=name(g2[j]), **where(g1[j]))
              for j in big2.tolist()]
    return _capped(notes)


def _capped(notes: list[Phrase]) -> list[Phrase]:
    notes = sorted(notes, key=lambda note: note.text("en"))
    if len(notes) <= _MAX_NOTES:
        return notes
    return notes[:_MAX_NOTES] + [Phrase("note.overlaps.more", n=len(notes) - _MAX_NOTES)]
