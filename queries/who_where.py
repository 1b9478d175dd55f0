"""Who intervenes where: region x sector cells (`who_where`), and every intervention that feeds
one indicator or target in a place (`interventions_for`).

A line counts in every region cell its places cover: a province-wide line (no lokasi, or the
province as lokasi) counts in every kab/kota of its province, a kab/kota-wide line in every
kecamatan of it at ``level="kecamatan"``, each time with its full pagu, so cells do not add up to
the total budget.

>>> from queries._examples import tiny_graph
>>> G = tiny_graph()
>>> [(c.region, c.sector, c.governments, c.sub_kegiatan) for c in who_where(G, within="64.02", sector="bidang")]
[('64.02', '1.01', ('64.02',), 1), ('64.02', '1.02', ('64.02',), 1), ('64.02', '1.03', ('64', '64.02'), 3)]
>>> [(i.government, i.code, i.via) for i in interventions_for(G, "sasaran:KKR-S1", "64.02.06")]
[('64.02', '1.01.02.1.01.0014', 'sasaran:KKR-S1'), ('64.02', '1.03.10.2.01.0053', 'indikator:KKR-I1')]
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from base.i18n import Phrase
from graph.schema import NodeKind
from reference import regions
from reference.bidang import bidang_name, urusan_name
from queries.arrays import distinct, unique_inverse
from queries.errors import QueryError
from queries.filters import Filters
from queries.index import bfs, graph_index
from queries.places import kabkota_cover, line_places, overlap, place_entries
from queries.results import Rows, line_fields
from queries.themes import has_theme

__all__ = ["WhoWhereCell", "who_where", "Intervention", "interventions_for", "interventions_in", "LEVELS", "SECTORS",
           "cells_of", "cells_covered", "check_region", "check_who_where", "by_level"]

LEVELS = ("kabkota", "kecamatan")
SECTORS = ("urusan", "bidang", "program")
NOTE = Phrase("note.who_where.province_wide")
"""Why cells do not add up to the total (its sentence: `views.sentences.note_text`)."""


@dataclass(frozen=True)
class WhoWhereCell:
    """One region x sector cell: who intervenes there, with how many lines and how much pagu."""

    region: str
    region_name: str
    sector: str
    sector_name: str | None
    governments: tuple[str, ...]
    agencies: tuple[str, ...]
    sub_kegiatan: int
    pagu: float


@functools.lru_cache(maxsize=1 << 14)
def _cells(place: str, level: str) -> tuple[str, ...]:
    """The region codes of `level` a place covers."""
    kabkota = kabkota_cover(place)
    if level == "kabkota":
        return kabkota
    if len(place) >= 8:
        return (place[:8],)
    return tuple(k for kab in kabkota for k in regions.children(kab))


def _check_region(code: str | None, what: str) -> None:
    if code is not None and not regions.exists(code):
        raise QueryError("query.region", what=what, code=code)


def check_who_where(level: str, within: str | None, sector: str) -> None:
    """The `QueryError` of `who_where` arguments it cannot take (also used by the Neo4j backend)."""
    if level not in LEVELS:
        raise QueryError("query.level", level=level, choices=", ".join(LEVELS))
    if sector not in SECTORS:
        raise QueryError("query.sector", sector=sector, choices=", ".join(SECTORS))
    _check_region(within, "wilayah")


check_region = _check_region
"""The `QueryError` of an unknown region code (`what` names the argument), else nothing."""
cells_covered = _cells
"""The region codes of a level a place covers (cached)."""


def who_where(G: nx.MultiDiGraph, level: str = "kabkota", within: str | None = None, sector: str = "urusan",
              filters: Filters | None = None, theme: str | None = None) -> Rows[WhoWhereCell]:
    """Region x sector cells at `level` (kab/kota or kecamatan), optionally only inside region
    `within`; sector is the urusan digit, the bidang (``1.03``) or the programme family (``1.03.10``).
    With `theme`, only the lines tagged with that TAG theme (`queries.themes.has_theme`).
    Cells are ordered by region, then sector."""
    check_who_where(level, within, sector)
    filters = filters or Filters()
    idx = graph_index(G)
    lines = np.flatnonzero(idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]))
    if theme:
        lines = np.array([i for i in lines.tolist() if has_theme(G.nodes[idx.ids[i]], theme)], dtype=np.int64)
    sector_of = idx.bidang if sector == "bidang" else idx.family
    if level == "kabkota":
        groups = _kabkota_groups(idx, lines, within, sector_of, sector)
    else:
        groups = _groups(idx, line_places(idx), lines, level, within, sector_of, sector)
    if not groups:
        return Rows([], [NOTE])
    return cells_of(groups, sector, _program_names(G, idx) if sector == "program" else {})


def cells_of(groups: dict, sector: str, program_names: dict[str, str]) -> Rows[WhoWhereCell]:
    """The cells of `groups` ((region, sector text) -> governments ``gov``, agencies ``agency``,
    line count ``n`` and ``pagu``), ordered by region, then sector, with regions and sectors named
    (a programme family by `program_names`); also used by the Neo4j backend."""
    cells = []
    for (region, sec), g in sorted(groups.items()):
        found = regions.region(region)
        name = {"urusan": urusan_name, "bidang": bidang_name}.get(sector, program_names.get)(sec) if sec else None
        cells.append(WhoWhereCell(
            region=region, region_name=found.nama if found else region, sector=sec, sector_name=name,
            governments=tuple(sorted(g["gov"])), agencies=tuple(sorted(g["agency"])), sub_kegiatan=g["n"],
            pagu=g["pagu"]))
    return Rows(cells, [NOTE])


def _sector_texts(idx, labels: np.ndarray, sector: str) -> list[str | None]:
    """The sector text of each sector label: the urusan digit, else the label itself."""
    if sector == "urusan":
        return [idx.labels[lab][0] if lab >= 0 else None for lab in labels.tolist()]
    return [idx.label(int(lab)) for lab in labels.tolist()]


def _kabkota_groups(idx, lines: np.ndarray, within: str | None, sector_of: np.ndarray, sector: str) -> dict:
    """The cells at kab/kota level from the place entries (`queries.places.place_entries`: one per
    line and kab/kota it touches), grouped in arrays."""
    e = place_entries(idx)
    selected = np.zeros(idx.n, dtype=bool)
    selected[lines] = True
    ent = np.flatnonzero(selected[e.line])
    width = len(e.codes) + 1
    pairs = distinct(e.line[ent] * width + e.kab[ent])  # a line counts once in a kab/kota
    line, kab = pairs // width, pairs % width
    if within is not None:
        used = distinct(kab)
        inside = np.zeros(width, dtype=bool)
        inside[used] = [regions.contains(within, e.codes[k]) for k in used.tolist()]
        line, kab = line[inside[kab]], kab[inside[kab]]
    if not line.size:
        return {}
    labels, label_of = unique_inverse(sector_of[line])
    texts = _sector_texts(idx, labels, sector)
    text_ids = {t: k for k, t in enumerate(dict.fromkeys(t or "" for t in texts))}
    text = np.array([text_ids[t or ""] for t in texts], dtype=np.int64)[label_of.reshape(-1)]
    keys, group = unique_inverse(kab * len(text_ids) + text)
    group = group.reshape(-1)
    count = np.bincount(group, minlength=keys.size)
    pagu = np.bincount(group, weights=idx.pagu[line], minlength=keys.size)
    text_of = list(text_ids)
    groups = {(e.codes[k // len(text_ids)], text_of[k % len(text_ids)]): {
        "gov": set(), "agency": set(), "n": int(n), "pagu": float(p)}
        for k, n, p in zip(keys.tolist(), count.tolist(), pagu.tolist())}
    names = list(groups)
    labels_n = len(idx.labels) + 1
    for pair in distinct(group * labels_n + idx.pemda[line]).tolist():
        groups[names[pair // labels_n]]["gov"].add(idx.labels[pair % labels_n])
    agency = idx.agency[line]
    has = agency >= 0
    for pair in distinct(group[has] * (idx.n + 1) + agency[has]).tolist():
        groups[names[pair // (idx.n + 1)]]["agency"].add(idx.ids[pair % (idx.n + 1)])
    return groups


def _groups(idx, places, lines: np.ndarray, level: str, within: str | None, sector_of: np.ndarray,
            sector: str) -> dict:
    """The cells at `level`, line by line from its places."""
    line_ids, cell_ids = [], []
    cell_label: dict[str, int] = {}
    for i in lines.tolist():
        covered = {c for p in places[i] for c in _cells(p, level)}
        for c in covered:
            if within is None or regions.contains(within, c):
                line_ids.append(i)
                cell_ids.append(cell_label.setdefault(c, len(cell_label)))
    if not line_ids:
        return {}
    line_arr = np.array(line_ids, dtype=np.int64)
    labels, label_of = unique_inverse(sector_of[line_arr])
    texts = _sector_texts(idx, labels, sector)
    sector_text = [texts[k] for k in label_of.reshape(-1).tolist()]
    cell_names = list(cell_label)
    groups: dict[tuple[str, str], dict] = defaultdict(lambda: {"gov": set(), "agency": set(), "n": 0, "pagu": 0.0})
    for i, c, s in zip(line_ids, cell_ids, sector_text):
        g = groups[(cell_names[c], s or "")]
        g["gov"].add(idx.labels[idx.pemda[i]])
        if idx.agency[i] >= 0:
            g["agency"].add(idx.ids[idx.agency[i]])
        g["n"] += 1
        g["pagu"] += float(idx.pagu[i])
    return groups


def _program_names(G: nx.MultiDiGraph, idx) -> dict[str, str]:
    """A programme code's name as the first government (by node id) named it (the code itself when
    none did); by id, not graph order, so a graph read back from Neo4j names it the same."""
    names: dict[str, str] = {}
    for i in sorted(np.flatnonzero(idx.is_kind(NodeKind.PROGRAM)).tolist(), key=lambda i: idx.ids[i]):
        code, name = idx.label(idx.code[i]), idx.label(idx.name[i])
        if code and name and name != code:
            names.setdefault(code, name)
    return names


@dataclass(frozen=True)
class Intervention:
    """A sub kegiatan that feeds the asked indicator or target; `via` is the node it links to
    on a shortest path there."""

    id: str
    code: str
    name: str
    government: str
    government_level: str | None
    agency: str | None
    year: int
    pagu: float
    places: tuple[str, ...]
    via: str


_LEVEL_ORDER = {"nasional": 0, "provinsi": 1, "kabupaten": 2, "kota": 2}


def interventions_for(G: nx.MultiDiGraph, indicator_or_target: str, place: str | None = None,
                      filters: Filters | None = None) -> Rows[Intervention]:
    """Every sub kegiatan, at every level of government, with a path up to `indicator_or_target`
    (through links whose status counts), whose places overlap `place` (any place when None).
    Ordered national, province, district, then government and code."""
    filters = filters or Filters()
    _check_region(place, "tempat")
    idx = graph_index(G)
    goal = idx.node(indicator_or_target, (NodeKind.INDICATOR, NodeKind.TARGET, NodeKind.PRIORITY))
    seeds = np.zeros(idx.n, dtype=bool)
    seeds[goal] = True
    allowed = ~idx.is_kind(NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN) | idx.work_mask(filters)
    depth, pred = bfs(idx.up(filters.status, reverse=True), seeds, allowed)
    lines = np.flatnonzero((depth >= 0) & idx.is_kind(NodeKind.SUB_KEGIATAN)).tolist()
    return _interventions(G, idx, lines, place, via=lambda i: idx.ids[pred[i]])


def interventions_in(G: nx.MultiDiGraph, region: str, filters: Filters | None = None,
                     theme: str | None = None) -> Rows[Intervention]:
    """Every sub kegiatan the filters select (tagged with `theme`, when given) whose places overlap
    `region` (a province-wide line overlaps each of its kab/kota), national first, then province,
    then district; `via` is empty.

    >>> from queries._examples import tiny_graph
    >>> [(i.government_level, i.code) for i in interventions_in(tiny_graph(), "64.02")][:2]
    [('provinsi', '1.03.10.1.01.0001'), ('kabupaten', '1.01.02.1.01.0014')]
    """
    filters = filters or Filters()
    _check_region(region, "wilayah")
    idx = graph_index(G)
    lines = np.flatnonzero(idx.work_mask(filters, [NodeKind.SUB_KEGIATAN])).tolist()
    if theme:
        lines = [i for i in lines if has_theme(G.nodes[idx.ids[i]], theme)]
    return _interventions(G, idx, lines, region, via=lambda i: "")


def _interventions(G, idx, lines: list[int], place: str | None, via) -> Rows[Intervention]:
    """The lines among `lines` whose places overlap `place` (all when None), in level order."""
    places = line_places(idx)
    found = []
    for i in lines:
        if place is not None and not overlap(places[i], [place]):
            continue
        found.append(Intervention(**line_fields(G, idx, i), places=places[i], via=via(i)))
    return by_level(found)


def by_level(found: list[Intervention]) -> Rows[Intervention]:
    """Interventions in their order: national, province, district, then government, year, code."""
    found.sort(key=lambda x: (_LEVEL_ORDER.get(x.government_level, 3), x.government, x.year, x.code, x.id))
    return Rows(found)
