"""Shared result helpers: `Rows`, a tuple of typed findings with `to_rows()` and `notes`.

Every finding is a frozen dataclass; `to_row` turns one into a flat dict with stable keys
(enums become their values, tuples become lists) ready for JSON, CSV or a table.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Hit:
...     id: str
...     tags: tuple[str, ...] = ()
>>> rows = Rows([Hit("a", ("x", "y"))], notes=["illustrative"])
>>> rows.to_rows(), rows.notes, len(rows)
([{'id': 'a', 'tags': ['x', 'y']}], ('illustrative',), 1)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from enum import Enum
from typing import Any, Generic, TypeVar

__all__ = ["Rows", "to_row", "node_fields", "line_fields", "government_name"]

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

    notes: tuple[str, ...]

    def __new__(cls, items: Iterable[T] = (), notes: Iterable[str] = ()):
        self = super().__new__(cls, items)
        self.notes = tuple(notes)
        return self

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
