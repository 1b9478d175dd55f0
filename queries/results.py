"""Shared result helpers: `Rows`, a tuple of typed findings with `to_rows()` and `notes` (catalogue
`base.i18n.Phrase`s, made sentences by `views.sentences.note_text`), and
`LazyRows`, the same sequence for large results, whose findings are built only when read.

Every finding is a frozen dataclass; `to_row` turns one into a flat dict with stable keys
(enums become their values, tuples become lists) ready for JSON, CSV or a table.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Hit:
...     id: str
...     tags: tuple[str, ...] = ()
>>> rows = Rows([Hit("a", ("x", "y"))], notes=[Phrase("note.overlaps.province_wide")])
>>> rows.to_rows(), rows.notes, len(rows)
([{'id': 'a', 'tags': ['x', 'y']}], (Phrase('note.overlaps.province_wide', {}),), 1)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from typing import Any, Generic, TypeVar

from base.i18n import Phrase

__all__ = ["Rows", "LazyRows", "to_row", "node_fields", "line_fields", "government_name"]

T = TypeVar("T")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def to_row(item: Any) -> dict[str, Any]:
    """The fields of a result dataclass as a flat, JSON-ready dict, in declaration order."""
    return {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item)}


class Rows(tuple, Generic[T]):
    """An immutable sequence of findings, plus notes that explain how to read them."""

    notes: tuple[Phrase, ...]

    def __new__(cls, items: Iterable[T] = (), notes: Iterable[Phrase] = ()):
        self = super().__new__(cls, items)
        self.notes = tuple(notes)
        return self

    def to_rows(self) -> list[dict[str, Any]]:
        return [to_row(item) for item in self]


class LazyRows(Sequence, Generic[T]):
    """A result of `size` findings held as arrays by its analysis: `build(lo, hi)` makes findings
    ``lo..hi-1`` (in the result's order) when they are read. It reads as `Rows` does (``len``,
    indexing, slices, iteration, ``to_rows()``, ``notes``, equality with any sequence of the same
    findings), so a count costs nothing and a page of a national result costs a page. Findings are
    not kept: reading one twice builds it twice (equal, frozen values).

    >>> squares = LazyRows(5, lambda lo, hi: [i * i for i in range(lo, hi)], notes=[Phrase("note.cascade.context")])
    >>> len(squares), squares[2], squares[-1], squares[1:3], list(squares) == [0, 1, 4, 9, 16]
    (5, 4, 16, (1, 4), True)
    >>> squares == Rows([0, 1, 4, 9, 16]), squares.notes[0].key
    (True, 'note.cascade.context')
    """

    PAGE = 4096
    """Findings built at a time when iterating."""

    def __init__(self, size: int, build: Callable[[int, int], list[T]], notes: Iterable[Phrase] = ()):
        self._size = int(size)
        self._build = build
        self.notes = tuple(notes)

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, key):
        if isinstance(key, slice):
            lo, hi, step = key.indices(self._size)
            if step == 1:
                return Rows(self._build(lo, hi) if hi > lo else [], self.notes)
            return Rows([self[i] for i in range(lo, hi, step)], self.notes)
        i = key.__index__()
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError("finding index out of range")
        return self._build(i, i + 1)[0]

    def __iter__(self) -> Iterator[T]:
        for lo in range(0, self._size, self.PAGE):
            yield from self._build(lo, min(lo + self.PAGE, self._size))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(other) == self._size and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyRows({self._size} findings)"

    def to_rows(self) -> list[dict[str, Any]]:
        return [to_row(item) for item in self]


def node_fields(G, nid: str) -> dict[str, Any]:
    """What every finding says about a node: id, kind, code, name, government, agency, year, pagu."""
    d = G.nodes[nid]
    kode_pemda = d.get("pemda")
    if kode_pemda is None and d.get("kind") == "pemda":
        kode_pemda = d.get("kode")
    return {
        "id": nid,
        "kind": d.get("kind"),
        "code": d.get("code") or d.get("kode"),
        "name": d.get("name") or nid,
        "government": kode_pemda,
        "agency": d.get("agency"),
        "year": d.get("tahun"),
        "pagu": float(d.get("pagu") or 0.0),
    }


def line_fields(G, idx, i: int) -> dict[str, Any]:
    """What a finding about one sub kegiatan (at position `i` of `queries.index.GraphIndex` `idx`)
    says of it: `node_fields` without the kind, with ``government_level`` (e.g. ``kabupaten``)."""
    f = node_fields(G, idx.ids[i])
    del f["kind"]
    level = idx.government_level(f["government"])
    f["government_level"] = level.value if level else None
    return f


def government_name(G, kode_pemda: str | None) -> str:
    """The name of a government node (``pemda:<kode>``), else the code itself."""
    nid = f"pemda:{kode_pemda}"
    return G.nodes[nid].get("name", kode_pemda) if nid in G else str(kode_pemda)
