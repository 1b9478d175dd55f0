"""Overlaps and duplicate interventions (tumpang tindih), each pair with why and the pagu on both sides.

Kinds of finding:

- ``family``: a province line and a district line of the same programme family (the same
  ``U.BB.PP``, whatever the level digit) in overlapping places in the same year; side a is the
  province's line. A province-wide line overlaps every kab/kota of its province.
- ``same_sub_kegiatan``: the same sub kegiatan code in overlapping places in the same year under
  two agencies or governments; one finding per pair of lines.
- ``near_duplicate``: lines of two different agencies or governments in overlapping places in the
  same year whose names are at least `threshold` similar (`rapidfuzz.fuzz.ratio`, 0-100) but whose
  codes differ (the same agency included: one agency can budget one road twice).

Every finding is one pair of lines with the pagu of each; `shared_outcomes` lists the regional
targets and outcome (hasil) indicators both lines reach. Support-programme lines (``XX.01``,
the same administrative work in every agency) are never compared.

Work is bucketed, never compared all against all: by (year, family, kab/kota) for families, by
(year, code, kab/kota) for codes, and by (year, place) for names, where the place of a line is
each kab/kota it lies in, or its province when it covers the whole province. Names of one bucket
are compared with one `rapidfuzz.process.cdist` call over the distinct names; a bucket of more than
`max_bucket` distinct names is split by bidang urusan, and a bidang part still above the cap is
skipped and named in ``notes``.

>>> from queries._examples import tiny_graph
>>> [(o.reason, o.place, o.a_codes, o.b_codes, o.b_pagu) for o in overlaps(tiny_graph())]
... # doctest: +NORMALIZE_WHITESPACE
[('family', '64.02.06', ('1.03.10.1.01.0001',), ('1.03.10.2.01.0001',), 0.0),
 ('family', '64.02.06', ('1.03.10.1.01.0001',), ('1.03.10.2.01.0053',), 500000000.0)]
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
from rapidfuzz import fuzz, process

from graph.schema import NATIONAL, GovLevel, NodeKind
from queries.filters import Filters
from queries.index import GraphIndex, graph_index
from queries.places import ancestors, kabkota_cover, line_places, overlap
from queries.results import Rows, government_name

__all__ = ["Overlap", "overlaps", "KINDS"]

KINDS = ("family", "same_sub_kegiatan", "near_duplicate")


@dataclass(frozen=True)
class Overlap:
    """Two sides that overlap: a_* and b_* list each side's government, agencies, lines, codes
    and summed pagu; `place` is where they meet; `score` is the name similarity (near duplicates)."""

    reason: str
    year: int
    place: str
    family: str
    a_government: str
    a_agencies: tuple[str, ...]
    a_ids: tuple[str, ...]
    a_codes: tuple[str, ...]
    a_pagu: float
    b_government: str
    b_agencies: tuple[str, ...]
    b_ids: tuple[str, ...]
    b_codes: tuple[str, ...]
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
        self.support = np.array([idx.labels[f].endswith(".01") if f >= 0 else False for f in idx.family[self.lines]],
                                dtype=bool)

    def gov(self, i: int) -> str:
        return self.idx.labels[self.idx.pemda[i]]

    def agency_key(self, i: int) -> tuple[int, int]:
        return int(self.idx.pemda[i]), int(self.idx.agency[i])

    def side(self, ids: list[int]) -> dict:
        idx = self.idx
        ids = sorted(set(ids), key=lambda i: (idx.ids[i]))
        return {
            "agencies": tuple(sorted({idx.ids[idx.agency[i]] for i in ids if idx.agency[i] >= 0})),
            "ids": tuple(idx.ids[i] for i in ids),
            "codes": tuple(idx.labels[idx.code[i]] for i in ids),
            "pagu": float(idx.pagu[ids].sum()),
        }


def overlaps(G: nx.MultiDiGraph, filters: Filters | None = None, *, kinds: tuple[str, ...] = KINDS,
             threshold: float = 90.0, max_bucket: int = 2000) -> Rows[Overlap]:
    """Every overlap of the requested `kinds` among the lines the filters select."""
    filters = filters or Filters()
    idx = graph_index(G)
    lines = _Lines(G, idx, filters)
    found: list[Overlap] = []
    notes: list[str] = []
    if "family" in kinds:
        found += _families(lines)
    if "same_sub_kegiatan" in kinds:
        found += _same_code(lines)
    if "near_duplicate" in kinds:
        pairs, skipped = _near_duplicates(lines, threshold, max_bucket)
        found += pairs
        notes += skipped
    found = _with_shared_outcomes(lines, found)
    found.sort(key=lambda o: (KINDS.index(o.reason), o.year, o.family, o.place, o.a_ids, o.b_ids))
    notes.append("A province-wide line overlaps every kab/kota of its province.")
    return Rows(found, notes)


def _group_keys(idx: GraphIndex, lines: np.ndarray, column: np.ndarray) -> np.ndarray:
    return idx.year[lines].astype(np.int64) * (len(idx.labels) + 1) + column[lines]


def _families(lines: _Lines) -> list[Overlap]:
    idx = lines.idx
    province = np.array([idx.government_level(idx.label(p)) is GovLevel.PROVINCE for p in idx.pemda[lines.lines]],
                        dtype=bool)
    keys = _group_keys(idx, lines.lines, idx.family)
    both = np.intersect1d(keys[province & ~lines.support], keys[~province & ~lines.support])
    candidates = lines.lines[np.isin(keys, both)]
    buckets: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in candidates.tolist():
        prov = idx.government_level(lines.gov(i)) is GovLevel.PROVINCE
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
                    found.append(_line_pair(lines, "family", a, b, place, None))
    return found


def _overlap(reason, year, place, family, ga, a, gb, b, score, text_id, text_en) -> Overlap:
    return Overlap(
        reason=reason, year=year, place=place, family=family,
        a_government=ga, a_agencies=a["agencies"], a_ids=a["ids"], a_codes=a["codes"], a_pagu=a["pagu"],
        b_government=gb, b_agencies=b["agencies"], b_ids=b["ids"], b_codes=b["codes"], b_pagu=b["pagu"],
        score=score, shared_outcomes=(), message_id=text_id, message_en=text_en,
    )


def _line_pair(lines: _Lines, reason: str, a: int, b: int, place: str, score: float | None) -> Overlap:
    idx = lines.idx
    if reason != "family" and idx.ids[a] > idx.ids[b]:
        a, b = b, a
    sa, sb = lines.side([a]), lines.side([b])
    name_a, name_b = idx.labels[idx.name[a]], idx.labels[idx.name[b]]
    year = int(idx.year[a])
    agency_a = idx.labels[idx.name[idx.agency[a]]] if idx.agency[a] >= 0 else lines.gov(a)
    agency_b = idx.labels[idx.name[idx.agency[b]]] if idx.agency[b] >= 0 else lines.gov(b)
    if reason == "family":
        family = idx.labels[idx.family[a]]
        na, nb = government_name(lines.G, lines.gov(a)), government_name(lines.G, lines.gov(b))
        text_id = (f"{na} ({sa['codes'][0]}, {_rp(sa['pagu'])}) dan {nb} ({sb['codes'][0]}, {_rp(sb['pagu'])}) "
                   f"sama-sama mendanai program {family} di {place} pada {year}.")
        text_en = (f"{na} ({sa['codes'][0]}, {_rp(sa['pagu'])}) and {nb} ({sb['codes'][0]}, {_rp(sb['pagu'])}) "
                   f"both fund programme family {family} in {place} in {year}.")
    elif reason == "same_sub_kegiatan":
        text_id = (f"Sub kegiatan {sa['codes'][0]} '{name_a}' dijalankan {agency_a} ({lines.gov(a)}) dan "
                   f"{agency_b} ({lines.gov(b)}) di {place} pada {year} ({_rp(sa['pagu'])} dan {_rp(sb['pagu'])}).")
        text_en = (f"Sub kegiatan {sa['codes'][0]} '{name_a}' is run by {agency_a} ({lines.gov(a)}) and "
                   f"{agency_b} ({lines.gov(b)}) in {place} in {year} ({_rp(sa['pagu'])} and {_rp(sb['pagu'])}).")
    else:
        text_id = (f"Nama mirip ({score:.0f}%) di {place} pada {year}: '{name_a}' ({agency_a}, {_rp(sa['pagu'])}) "
                   f"dan '{name_b}' ({agency_b}, {_rp(sb['pagu'])}).")
        text_en = (f"Similar names ({score:.0f}%) in {place} in {year}: '{name_a}' ({agency_a}, {_rp(sa['pagu'])}) "
                   f"and '{name_b}' ({agency_b}, {_rp(sb['pagu'])}).")
    family = idx.labels[idx.family[a]] if idx.family[a] >= 0 else ""
    return _overlap(reason, year, place, family, lines.gov(a), sa, lines.gov(b), sb, score, text_id, text_en)


def _same_code(lines: _Lines) -> list[Overlap]:
    idx = lines.idx
    keys = _group_keys(idx, lines.lines, idx.code)
    unique, counts = np.unique(keys[~lines.support], return_counts=True)
    candidates = lines.lines[np.isin(keys, unique[counts > 1]) & ~lines.support]
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
                if pair in seen or lines.agency_key(a) == lines.agency_key(b):
                    continue
                place = overlap(lines.places[a], lines.places[b])
                if place:
                    seen.add(pair)
                    found.append(_line_pair(lines, "same_sub_kegiatan", a, b, place, None))
    return found


def _near_duplicates(lines: _Lines, threshold: float, max_bucket: int) -> tuple[list[Overlap], list[str]]:
    idx = lines.idx
    buckets: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in lines.lines[~lines.support].tolist():
        keys = {p[:2] if len(p) == 2 else p[:5] for p in lines.places[i]}
        for key in keys:
            buckets[(int(idx.year[i]), key)].append(i)
    seen: set[tuple[int, int]] = set()
    found: list[Overlap] = []
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


def _similar_names(lines: _Lines, members: list[int], year: int, threshold: float,
                   seen: set[tuple[int, int]]) -> list[Overlap]:
    idx = lines.idx
    by_name: dict[int, list[int]] = defaultdict(list)
    for i in members:
        by_name[int(idx.name[i])].append(i)
    names = list(by_name)
    if len(members) < 2:
        return []
    texts = [idx.labels[n].lower() for n in names]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32, workers=-1)
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
                    found.append(_line_pair(lines, "near_duplicate", a, b, place, float(scores[r, c])))
    return found


def _with_shared_outcomes(lines: _Lines, found: list[Overlap]) -> list[Overlap]:
    """Each finding with the regional targets and outcome indicators both of its sides reach."""
    if not found:
        return found
    idx = lines.idx
    involved = sorted({idx.pos[i] for o in found for i in o.a_ids + o.b_ids})
    row_of = {p: r for r, p in enumerate(involved)}
    goals = idx.is_kind(NodeKind.TARGET) | idx.outcome_indicators()
    reach = idx.lines_below(np.array(involved, dtype=np.int64), lines.statuses, np.ones(idx.n, dtype=bool))

    def reached(ids: tuple[str, ...]) -> set[int]:
        rows = reach[[row_of[idx.pos[i]] for i in ids]]
        return {int(c) for c in rows.indices if goals[c]}

    result = []
    for o in found:
        shared = reached(o.a_ids) & reached(o.b_ids)
        result.append(replace(o, shared_outcomes=tuple(sorted(idx.ids[s] for s in shared))))
    return result
