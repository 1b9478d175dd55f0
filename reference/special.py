"""Special arrangements in the nomenclature: which provinces hold a level digit 3 to 8 or a
bidang of urusan 9, from ``reference/special_levels.csv``.

A code at level 1 or 2 of urusan 1 to 8 is no special arrangement (None). The table was read
off the names of the official 2027 nomenclature (level 3 "… di Provinsi Papua", 4 "… Papua
Barat", 5 Kasultanan dan Kadipaten, 6 kota/kabupaten administrasi, 7 Aceh, 8 desa adat Bali);
the provinces formed in 2022 from Papua and Papua Barat hold their parents' arrangements.

>>> sorted(special_provinces("1.01.07.7.01.0001"))
['11']
>>> sorted(special_provinces("9.02.02.1.01.0001")), special_provinces("1.03.10.2.01.0053")
(['91', '93', '94', '95'], None)
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

from base.codes import parse_code

__all__ = ["special_provinces", "arrangement"]

_HERE = Path(__file__).parent


@functools.cache
def _table() -> dict[str, tuple[frozenset[str], str]]:
    with open(_HERE / "special_levels.csv", encoding="utf-8", newline="") as handle:
        return {row["kode"]: (frozenset(row["provinsi"].split()), row["pengaturan"]) for row in csv.DictReader(handle)}


def _key(code: str) -> str | None:
    parsed = parse_code(code)
    if parsed.urusan == "9":
        return parsed.bidang_code
    if parsed.level is not None and parsed.level not in ("1", "2"):
        return parsed.level
    return None


def special_provinces(code: str) -> frozenset[str] | None:
    """The province codes whose governments (and their kab/kota) may run `code`; None when the
    code is no special arrangement. An unlisted urusan 9 bidang is held by no province."""
    key = _key(code)
    if key is None:
        return None
    found = _table().get(key)
    return found[0] if found else frozenset()


def arrangement(code: str) -> str | None:
    """What the special arrangement of `code` is, in English, or None.

    >>> arrangement("2.22.09.8.01.0001")
    'Bali (desa adat, Parahyangan, Pawongan, Palemahan)'
    """
    key = _key(code)
    found = _table().get(key) if key else None
    return found[1] if found else None
