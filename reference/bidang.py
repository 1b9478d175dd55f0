"""Bidang urusan and urusan names (Permendagri 90/2019), from ``reference/bidang_urusan.csv``.

>>> bidang_name("1.02.02.2.02.0020")
'Kesehatan'
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

from base.codes import parse_code

__all__ = ["bidang_name", "urusan_name", "known_bidang"]

_HERE = Path(__file__).parent


@functools.cache
def _bidang_table() -> dict[str, str]:
    with open(_HERE / "bidang_urusan.csv", encoding="utf-8", newline="") as handle:
        return {row["kode"]: row["nama"] for row in csv.DictReader(handle)}


def bidang_name(code: str) -> str | None:
    """The bidang urusan name of any code (bidang, program, kegiatan, sub kegiatan).

    >>> bidang_name("2.11.11.2.01")
    'Lingkungan Hidup'
    """
    return _bidang_table().get(parse_code(code).bidang_code)


def urusan_name(code: str) -> str | None:
    """The urusan group of a code (or of the single urusan digit).

    >>> urusan_name("5.01")
    'Unsur Penunjang Urusan Pemerintahan'
    """
    return _bidang_table().get(str(code).strip().split(".")[0])


@functools.cache
def known_bidang() -> frozenset[str]:
    """Every bidang urusan code of the table (``1.01`` … ``9.03``), for repairing ``1.3`` to ``1.03``.

    >>> "1.03" in known_bidang(), "1.30" in known_bidang()
    (True, False)
    """
    return frozenset(code for code in _bidang_table() if "." in code)
