"""Where work happens: the places of each sub kegiatan and when two places overlap.

A line's places are its lokasi (kode wilayah); a line with no lokasi covers its government's
whole region (a province-wide line covers every kab/kota of the province). Two places overlap
when one contains the other: a province overlaps every district in it, a kecamatan its kabupaten.

>>> ancestors("64.02.06.1002")
('64.02.06.1002', '64.02.06', '64.02', '64')
>>> overlap(["64"], ["64.02.06"]), overlap(["64.02.01"], ["64.02.06"])
('64.02.06', None)
>>> kabkota_cover("64.02.06"), len(kabkota_cover("64"))
(('64.02',), 10)

For whole-graph work `place_entries` holds the same facts as arrays: one entry per line and
kab/kota it touches, so lines can be bucketed by kab/kota and compared without per-pair loops.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from graph.schema import NATIONAL, EdgeKind, NodeKind
from reference import regions
from queries.arrays import ranks_within, stable_argsort, unique_inverse
from queries.index import GraphIndex

__all__ = ["ancestors", "overlap", "kabkota_cover", "line_places", "PlaceEntries", "place_entries"]


@functools.lru_cache(maxsize=1 << 16)
def ancestors(code: str) -> tuple[str, ...]:
    """The code and every region containing it, innermost first."""
    parts = code.split(".")
    return tuple(".".join(parts[:k]) for k in range(len(parts), 0, -1))


def overlap(a: Iterable[str], b: Iterable[str]) -> str | None:
    """The innermost place shared by two place lists (the contained one of an overlapping pair),
    or None when no place of `a` contains or lies in a place of `b`."""
    a, b = set(a), set(b)
    best: str | None = None
    for code in a:
        if any(up in b for up in ancestors(code)):
            best = _deeper(best, code)
    for code in b:
        if any(up in a for up in ancestors(code)):
            best = _deeper(best, code)
    return best


def _deeper(current: str | None, code: str) -> str:
    return code if current is None or len(code) > len(current) or (len(code) == len(current) and code < current) else current


@functools.lru_cache(maxsize=1 << 16)
def kabkota_cover(code: str) -> tuple[str, ...]:
    """The kab/kota codes a place touches: all of a province's, or the one a smaller place lies in."""
    if code == NATIONAL:
        return ()
    if len(code) == 2:
        return tuple(regions.kabkota_in(code))
    return (code[:5],)


def line_places(idx: GraphIndex) -> dict[int, tuple[str, ...]]:
    """Sub kegiatan position -> its places (lokasi, else its government's region; national lines
    with no lokasi have none). Cached on the index."""
    return idx.memo(("line_places",), lambda: _line_places(idx))


def _line_places(idx: GraphIndex) -> dict[int, tuple[str, ...]]:
    src, dst = idx.edges[EdgeKind.LOCATED_IN]
    found: dict[int, list[str]] = {}
    is_line = idx.is_kind(NodeKind.SUB_KEGIATAN)
    for s, d in zip(src[is_line[src]].tolist(), dst[is_line[src]].tolist()):
        found.setdefault(s, []).append(idx.labels[idx.code[d]])
    places: dict[int, tuple[str, ...]] = {}
    for i in np.flatnonzero(is_line).tolist():
        if i in found:
            places[i] = tuple(sorted(found[i]))
        else:
            gov = idx.label(idx.pemda[i])
            places[i] = () if gov in (None, NATIONAL) else (gov,)
    return places


@dataclass(frozen=True, eq=False)
class PlaceEntries:
    """Every (sub kegiatan, kab/kota) where a line works, as arrays over entries sorted by line.

    `codes` names the places, sorted (a smaller id is a smaller code). Per entry: `line` (node
    position), `kab` (id of the kab/kota), `place` (id of the lokasi, or government region, the
    entry comes from), its `depth` (-1 province, 0 kab/kota, 1 kecamatan, 2 desa) and `chain`, the
    ids of its kab/kota, kecamatan and desa (-1 below its depth; a province-wide place counts as
    the whole kab/kota)."""

    codes: list[str]
    line: np.ndarray
    kab: np.ndarray
    place: np.ndarray
    depth: np.ndarray
    chain: np.ndarray

    def overlapping(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether entries `x[k]` and `y[k]` (of one kab/kota) overlap: one place contains the other."""
        d = np.maximum(np.minimum(self.depth[x], self.depth[y]), 0)
        return self.chain[x, d] == self.chain[y, d]

    def meeting(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """The place where overlapping entries `x[k]` and `y[k]` meet: the inner of the two."""
        return np.where(self.depth[x] >= self.depth[y], self.place[x], self.place[y])


def place_entries(idx: GraphIndex) -> PlaceEntries:
    """The `PlaceEntries` of every sub kegiatan of the graph, cached on the index. A line's places
    are those of `line_places`; a province place touches every kab/kota of the province."""
    return idx.memo(("place_entries",), lambda: _place_entries(idx))


def _place_entries(idx: GraphIndex) -> PlaceEntries:
    is_line = idx.is_kind(NodeKind.SUB_KEGIATAN)
    src, dst = idx.edges[EdgeKind.LOCATED_IN]
    keep = is_line[src]
    lines, labels = src[keep], idx.code[dst[keep]]
    placed = np.zeros(idx.n, dtype=bool)
    placed[lines] = True
    rest = np.flatnonzero(is_line & ~placed & (idx.pemda >= 0) & (idx.pemda != idx.lid(NATIONAL)))
    lines, labels = np.concatenate([lines, rest]), np.concatenate([labels, idx.pemda[rest]])
    used, inverse = unique_inverse(labels)
    rows: list[tuple[str, str, int, str | None, str | None]] = []
    starts = np.zeros(used.size + 1, dtype=np.int64)
    for k, label in enumerate(used.tolist()):
        code = idx.labels[label]
        parts = code.split(".")
        depth = len(parts) - 2
        for kab in kabkota_cover(code):
            kec = ".".join(parts[:3]) if depth >= 1 else None
            rows.append((kab, code, depth, kec, code if depth >= 2 else None))
        starts[k + 1] = len(rows)
    codes = sorted({c for r in rows for c in (r[0], r[1], r[3], r[4]) if c is not None})
    ids = {c: i for i, c in enumerate(codes)}
    table = np.array([(ids[kab], ids[code], depth, ids[kab], -1 if kec is None else ids[kec],
                       -1 if desa is None else ids[desa]) for kab, code, depth, kec, desa in rows],
                     dtype=np.int64).reshape(-1, 6)
    # entries in line order, a line's entries in the order of its places then of their kab/kota:
    # the places sorted by line (stably) before they are spread into entries
    by_line = stable_argsort(lines)
    lines, inverse = lines[by_line], inverse[by_line]
    counts = np.diff(starts)[inverse]
    first = np.repeat(starts[:-1][inverse], counts)
    within = ranks_within(counts)
    at = first + within
    return PlaceEntries(codes=codes, line=np.repeat(lines, counts), kab=table[:, 0][at],
                        place=table[:, 1][at], depth=table[:, 2][at], chain=table[:, 3:][at])
