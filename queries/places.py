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
"""
from __future__ import annotations

import functools
from collections.abc import Iterable

import numpy as np

from graph.schema import NATIONAL, EdgeKind, NodeKind
from loaders import regions
from queries.index import GraphIndex

__all__ = ["ancestors", "overlap", "kabkota_cover", "line_places"]


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
    key = ("line_places",)
    if key not in idx._cache:
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
        idx._cache[key] = places
    return idx._cache[key]
