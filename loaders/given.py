"""Facts a file does not state, given once by the planner: government, year, agency, first year.

A SIPD export names no government; a Renja / DPA table of one agency names neither the agency,
the government nor the year; a Renstra matrix counts "TAHUN 1 … 5" without saying which years.
The CLI options (``--kode-pemda``, ``--tahun``, ``--kode-skpd``, ``--nama-skpd``, ``--tahun-awal``)
and the app's Data page fill a `Facts`; a reader asks `Facts.missing` for the ones it needs, so a
file lacking one gets a located error naming the option to give.

>>> Facts(kode_pemda="64.02").missing(["kode_pemda", "tahun"], source="renja.xlsx", sheet="Sheet1")[0].rule
'tahun_missing'
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from base.errors import Issue
from loaders.messages import make_issue
from loaders.readers import cell_text
from reference import regions

__all__ = ["FACTS", "Facts", "government_issues", "resolved_places"]

FACTS = ("kode_pemda", "tahun", "kode_skpd", "nama_skpd", "tahun_awal")
"""Every fact a file may lack, in the order a form asks for them."""


@dataclass(frozen=True)
class Facts:
    """What the planner knows about a file that the file does not say (None: not given)."""

    kode_pemda: str | None = None
    tahun: int | None = None
    kode_skpd: str | None = None
    nama_skpd: str | None = None
    tahun_awal: int | None = None

    @classmethod
    def of(cls, **given: Any) -> Facts:
        """Facts from keywords; blank text counts as not given."""
        values = {f.name: given.get(f.name) for f in fields(cls)}
        for name in ("kode_pemda", "kode_skpd", "nama_skpd"):
            values[name] = cell_text(values[name])
        return cls(**values)

    def missing(self, needed: Iterable[str], *, source: str, sheet: str | None = None,
                year_column: str | None = None) -> list[Issue]:
        """One error per needed fact not given, each naming the option that gives it; a missing first year
        points at `year_column` (the ``TAHUN 1`` column it would date)."""
        return [make_issue(f"{name}_missing", source=source, sheet=sheet,
                           column=year_column if name == "tahun_awal" else None)
                for name in FACTS if name in set(needed) and getattr(self, name) is None]


def government_issues(kode: str, source: str) -> list[Issue]:
    """Problems of a given government code: not a region, or a region that governs nothing."""
    if not regions.exists(kode):
        return [make_issue("unknown_region", source=source, column="kode_pemda", value=kode)]
    try:
        level = regions.government_level(kode)
    except ValueError:
        level = None
    if level is None or level.level_digit is None:
        return [make_issue("not_government", source=source, column="kode_pemda", value=kode)]
    return []


def resolved_places(text: str | None, kode_pemda: str, cache: dict[str, tuple[list[str], list[str]]]
                    ) -> tuple[list[str], list[str]]:
    """Region codes for a cell of place names inside `kode_pemda`, and the names not found.

    ``Kab. Kutai Kartanegara, Semua Kecamatan, Semua Kelurahan/Desa`` is the whole government.
    """
    if not text:
        return [], []
    if text not in cache:
        cache[text] = regions.resolve_places(text, kode_pemda)
    return cache[text]
