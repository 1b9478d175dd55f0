"""Overlaps and duplicate interventions (tumpang tindih), each pair with why and the pagu on both sides.

Kinds of finding:

- ``family``: a province line and a district line of the same programme family (the same
  ``U.BB.PP``, whatever the level digit) in overlapping places in the same year; side a is the
  province's line. A province-wide line overlaps every kab/kota of its province.
- ``same_sub_kegiatan``: the same sub kegiatan code in overlapping places in the same year under
  two agencies or governments; one finding per pair of lines.
- ``near_duplicate``: two lines outside the support programme (``XX.01``, whose standard names
  repeat in every agency) in overlapping places in the same year, with different codes, whose
  names score at least `threshold` (0-100) with ``rapidfuzz.fuzz.token_sort_ratio`` after
  lowercasing, stripping punctuation (``rapidfuzz.utils.default_process``) and expanding the
  abbreviations planners use (``jln.``, ``jl.`` -> jalan, ``pemb.`` -> pembangunan). Lines of one
  agency count too: one agency can budget one road twice under two codes. A pair already
  reported as a family overlap is not repeated.

Every finding is one pair of lines with the pagu of each; `shared_outcomes` lists the regional
targets and outcome (hasil) indicators both lines reach.

Work is bucketed, never compared all against all: by (year, family, kab/kota) for families, by
(year, code, kab/kota) for codes, and by (year, place) for names, where the place of a line is
each kab/kota it lies in, or its province when it covers the whole province. Names of one bucket
are compared with one `rapidfuzz.process.cdist` call over the distinct names; a bucket of more than
`max_bucket` distinct names is split by bidang urusan, and a bidang part still above the cap is
skipped and named in ``notes``.

>>> from queries._examples import tiny_graph
>>> [(o.reason, o.place, o.a_code, o.b_code, o.b_pagu) for o in overlaps(tiny_graph())]
... # doctest: +NORMALIZE_WHITESPACE
[('family', '64.02.06', '1.03.10.1.01.0001', '1.03.10.2.01.0001', 0.0),
 ('family', '64.02.06', '1.03.10.1.01.0001', '1.03.10.2.01.0053', 500000000.0)]
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from graph.schema import NATIONAL, GovLevel, NodeKind
from queries.filters import Filters
from queries.index import GraphIndex, graph_index
from queries.neo4j_backend import dispatch
from queries.places import kabkota_cover, line_places, overlap
from queries.results import Rows, government_name

__all__ = ["Overlap", "overlaps", "KINDS"]

KINDS = ("family", "same_sub_kegiatan", "near_duplicate")


@dataclass(frozen=True)
class Overlap:
    """Two lines that overlap: a_* and b_* give each line's id, government, agency, code, name
    and pagu; `place` is where they meet (the inner of two overlapping places); `score` is the
    name similarity of near duplicates."""

    reason: str
    year: int
    place: str
    family: str
    a_id: str
    a_government: str
    a_agency: str | None
    a_code: str
    a_name: str
    a_pagu: float
    b_id: str
    b_government: str
    b_agency: str | None
    b_code: str
    b_name: str
    b_pagu: float
    score: float | None
    shared_outcomes: tuple[str, ...]
    message_id: str
    message_en: str


def _rp(value: float) -> str:
    return f"Rp {value:,.0f}".replace(",", ".")


class _Lines:
    """Per-line facts the three finders share."""

    def __init__(self, G: nx.MultiDiGraph, idx: GraphIndex, filters: Filters):
        self.G, self.idx = G, idx
        mask = idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]) & (idx.pemda != idx.lid(NATIONAL))
        self.lines = np.flatnonzero(mask)
        self.places = line_places(idx)
        self.statuses = filters.status
        self._names: dict[str, str] = {}
        families = idx.family[self.lines]
        self.support = idx.label_table(families, lambda f: f is not None and f.endswith(".01"))[families]
        pemda = idx.pemda[self.lines]
        self.province = idx.label_table(pemda, lambda p: idx.government_level(p) is GovLevel.PROVINCE)[pemda]

    def gov(self, i: int) -> str:
        return self.idx.labels[self.idx.pemda[i]]

    def government_name(self, i: int) -> str:
        gov = self.gov(i)
        if gov not in self._names:
            self._names[gov] = government_name(self.G, gov)
        return self._names[gov]

    def agency_name(self, i: int) -> str:
        a = self.idx.agency[i]
        return self.idx.labels[self.idx.name[a]] if a >= 0 else self.gov(i)


@dispatch
def overlaps(G: nx.MultiDiGraph, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
             threshold: float = 90.0, max_bucket: int = 2000) -> Rows[Overlap]:
    """Every overlap of the requested `kinds` among the lines the filters select."""
    filters = filters or Filters()
    idx = graph_index(G)
    lines = _Lines(G, idx, filters)
    pairs: list[_Pair] = []
    notes: list[str] = []
    if "family" in kinds:
        pairs += _families(lines)
    if "same_sub_kegiatan" in kinds:
        pairs += _same_code(lines)
    if "near_duplicate" in kinds:
        reported = {(min(a, b), max(a, b)) for _, a, b, _, _ in pairs}
        similar, skipped = _near_duplicates(lines, threshold, max_bucket, reported)
        pairs += similar
        notes += skipped
    found = _findings(lines, pairs)
    found.sort(key=lambda o: (KINDS.index(o.reason), o.year, o.family, o.place, o.a_id, o.b_id))
    notes.append("A province-wide line overlaps every kab/kota of its province.")
    return Rows(found, notes)


def _group_keys(idx: GraphIndex, lines: np.ndarray, column: np.ndarray) -> np.ndarray:
    return idx.year[lines].astype(np.int64) * (len(idx.labels) + 1) + column[lines]


def _families(lines: _Lines) -> list[_Pair]:
    idx = lines.idx
    province = lines.province
    keys = _group_keys(idx, lines.lines, idx.family)
    both = np.intersect1d(keys[province], keys[~province])
    chosen = np.isin(keys, both)
    buckets: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i, prov in zip(lines.lines[chosen].tolist(), province[chosen].tolist()):
        for kab in {k for p in lines.places[i] for k in kabkota_cover(p)}:
            buckets[(int(idx.year[i]), int(idx.family[i]), kab)][0 if prov else 1].append(i)
    seen: set[tuple[int, int]] = set()
    found = []
    for prov_lines, dist_lines in buckets.values():
        for a in prov_lines:
            for b in dist_lines:
                place = overlap(lines.places[a], lines.places[b])
                if place and (a, b) not in seen:
                    seen.add((a, b))
                    found.append(("family", a, b, place, None))
    return found


_Pair = tuple  # (reason, a, b, place, score): line positions, a is the province line of a family pair


class _Line:
    """What a finding says about one line, computed once per line however many pairs it is in."""

    __slots__ = ("id", "government", "agency", "code", "name", "pagu", "rp", "who", "gov_name", "outcomes")

    def __init__(self, lines: _Lines, i: int, outcomes: frozenset[int]):
        idx = lines.idx
        self.id, self.government = idx.ids[i], lines.gov(i)
        self.agency = idx.ids[idx.agency[i]] if idx.agency[i] >= 0 else None
        self.code, self.name = idx.labels[idx.code[i]], idx.labels[idx.name[i]]
        self.pagu = float(idx.pagu[i])
        self.rp = _rp(self.pagu)
        self.who = f"{lines.agency_name(i)} ({self.government})"
        self.gov_name = lines.government_name(i)
        self.outcomes = outcomes


def _message(reason: str, a: _Line, b: _Line, place: str, year: int, family: str,
             score: float | None) -> tuple[str, str]:
    if reason == "family":
        return (f"{a.gov_name} ({a.code}, {a.rp}) dan {b.gov_name} ({b.code}, {b.rp}) sama-sama mendanai "
                f"program {family} di {place} pada {year}.",
                f"{a.gov_name} ({a.code}, {a.rp}) and {b.gov_name} ({b.code}, {b.rp}) both fund programme "
                f"family {family} in {place} in {year}.")
    if reason == "same_sub_kegiatan":
        return (f"Sub kegiatan {a.code} '{a.name}' dijalankan {a.who} dan {b.who} di {place} pada {year} "
                f"({a.rp} dan {b.rp}).",
                f"Sub kegiatan {a.code} '{a.name}' is run by {a.who} and {b.who} in {place} in {year} "
                f"({a.rp} and {b.rp}).")
    return (f"Nama mirip ({score:.0f}%) di {place} pada {year}: '{a.name}' ({a.who}, {a.rp}) "
            f"dan '{b.name}' ({b.who}, {b.rp}).",
            f"Similar names ({score:.0f}%) in {place} in {year}: '{a.name}' ({a.who}, {a.rp}) "
            f"and '{b.name}' ({b.who}, {b.rp}).")


def _findings(lines: _Lines, pairs: list[_Pair]) -> list[Overlap]:
    """The findings of raw pairs, each with the regional targets and outcome (hasil) indicators
    both lines reach (one sparse reach computation for all lines involved)."""
    if not pairs:
        return []
    idx = lines.idx
    involved = np.array(sorted({i for p in pairs for i in p[1:3]}), dtype=np.int64)
    goals = idx.is_kind(NodeKind.TARGET) | idx.outcome_indicators()
    reach = idx.lines_below(involved, lines.statuses, np.ones(idx.n, dtype=bool))
    reach = (reach @ sparse.diags(goals.astype(np.float32))).tocsr()
    reach.eliminate_zeros()
    info = {int(i): _Line(lines, int(i), frozenset(reach.indices[reach.indptr[r]:reach.indptr[r + 1]].tolist()))
            for r, i in enumerate(involved)}
    found = []
    for reason, a, b, place, score in pairs:
        la, lb = info[a], info[b]
        if reason != "family" and la.id > lb.id:
            a, b, la, lb = b, a, lb, la
        year, family = int(idx.year[a]), idx.labels[idx.family[a]] if idx.family[a] >= 0 else ""
        shared = la.outcomes & lb.outcomes
        text_id, text_en = _message(reason, la, lb, place, year, family, score)
        found.append(Overlap(
            reason, year, place, family, la.id, la.government, la.agency, la.code, la.name, la.pagu,
            lb.id, lb.government, lb.agency, lb.code, lb.name, lb.pagu, score,
            tuple(sorted(idx.ids[g] for g in shared)) if shared else (), text_id, text_en))
    return found


def _same_code(lines: _Lines) -> list[_Pair]:
    idx = lines.idx
    keys = _group_keys(idx, lines.lines, idx.code)
    unique, counts = np.unique(keys, return_counts=True)
    candidates = lines.lines[np.isin(keys, unique[counts > 1])]
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i in candidates.tolist():
        for kab in {k for p in lines.places[i] for k in kabkota_cover(p)}:
            buckets[(int(idx.year[i]), int(idx.code[i]), kab)].append(i)
    seen: set[tuple[int, int]] = set()
    found = []
    for members in buckets.values():
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                pair = (min(a, b), max(a, b))
                if pair in seen or (idx.pemda[a], idx.agency[a]) == (idx.pemda[b], idx.agency[b]):
                    continue
                place = overlap(lines.places[a], lines.places[b])
                if place:
                    seen.add(pair)
                    found.append(("same_sub_kegiatan", a, b, place, None))
    return found


def _near_duplicates(lines: _Lines, threshold: float, max_bucket: int,
                     seen: set[tuple[int, int]]) -> tuple[list[_Pair], list[str]]:
    """Near-duplicate name pairs, bucket by bucket; pairs in `seen` (already reported for
    another reason) are not repeated."""
    idx = lines.idx
    buckets: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in lines.lines[~lines.support].tolist():
        keys = {p[:2] if len(p) == 2 else p[:5] for p in lines.places[i]}
        for key in keys:
            buckets[(int(idx.year[i]), key)].append(i)
    found: list[_Pair] = []
    skipped: list[str] = []
    for (year, place), members in sorted(buckets.items()):
        parts = [members]
        if len({idx.name[i] for i in members}) > max_bucket:
            by_bidang: dict[int, list[int]] = defaultdict(list)
            for i in members:
                by_bidang[int(idx.bidang[i])].append(i)
            parts = []
            for bidang, part in sorted(by_bidang.items()):
                if len({idx.name[i] for i in part}) > max_bucket:
                    skipped.append(f"Near duplicates not checked in {place} {year}, bidang {idx.label(bidang)}: "
                                   f"more than {max_bucket} distinct names.")
                else:
                    parts.append(part)
        for part in parts:
            found += _similar_names(lines, part, year, threshold, seen)
    return found, skipped


_ABBREVIATIONS = ((re.compile(r"\bjln?\b\.?", re.IGNORECASE), "jalan "),
                  (re.compile(r"\bpemb\.", re.IGNORECASE), "pembangunan "))


def _expand(name: str) -> str:
    """A name with the abbreviations planners write spelled out, for comparison.

    >>> _expand("Pemb. Jln. Lingkar")
    'pembangunan  jalan  lingkar'
    """
    text = name.lower()
    for pattern, word in _ABBREVIATIONS:
        text = pattern.sub(word, text)
    return text


def _similar_names(lines: _Lines, members: list[int], year: int, threshold: float,
                   seen: set[tuple[int, int]]) -> list[_Pair]:
    idx = lines.idx
    by_name: dict[int, list[int]] = defaultdict(list)
    for i in members:
        by_name[int(idx.name[i])].append(i)
    names = list(by_name)
    if len(members) < 2:
        return []
    texts = [_expand(idx.labels[n]) for n in names]
    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=default_process,
                           score_cutoff=threshold, dtype=np.float32, workers=-1)
    rows, cols = np.nonzero(np.triu(scores >= threshold))
    found = []
    for r, c in zip(rows.tolist(), cols.tolist()):
        group_a, group_b = by_name[names[r]], by_name[names[c]]
        for a in group_a:
            for b in group_b:
                if a == b or (r == c and a > b):
                    continue
                pair = (min(a, b), max(a, b))
                if pair in seen or idx.code[a] == idx.code[b]:
                    continue
                place = overlap(lines.places[a], lines.places[b])
                if place:
                    seen.add(pair)
                    found.append(("near_duplicate", a, b, place, float(scores[r, c])))
    return found
