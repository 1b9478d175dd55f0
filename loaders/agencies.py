"""Perangkat daerah named without a code (an RPJMD program table's ``PERANGKAT DAERAH PENANGGUNG
JAWAB`` cell, often naming several): each name split out and matched to an agency code.

A name is matched by the bidang urusan it names (the Permendagri 90/2019 names of
``reference/bidang_urusan.csv``, whole words, the longest first, up to three in the order written),
and given the SIPD form of agency code for those bidang: ``Dinas Pendidikan dan Kebudayaan`` runs
1.01 and 2.22, so ``1.01.2.22.0.00.01.0000``. Two names of the same bidang get the numbers 01, 02
in the order they appear. A name that names no bidang (``Bappeda``, an abbreviation) is not matched:
the reader reports it at its cell.

>>> split_names("1. Dinas Kesehatan\\n2. Dinas Sosial; Dinas Pendidikan dan Kebudayaan")
['Dinas Kesehatan', 'Dinas Sosial', 'Dinas Pendidikan dan Kebudayaan']
>>> a = Agencies()
>>> a.match("Dinas Pendidikan dan Kebudayaan"), a.match("Dinas Pekerjaan Umum dan Penataan Ruang")
(('1.01.2.22.0.00.01.0000', ('1.01', '2.22')), ('1.03.0.00.0.00.01.0000', ('1.03',)))
>>> a.match("BAPPEDA") is None
True
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

__all__ = ["split_names", "Agencies"]

_BIDANG_FILE = Path(__file__).resolve().parent.parent / "reference" / "bidang_urusan.csv"
_SEPARATOR = re.compile(r"\n|;|\u2022|\s(?=\d{1,2}[.)]\s)")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[.)]|-)\s+")
_SPACE = re.compile(r"\s+")


def split_names(text: str | None) -> list[str]:
    """The agency names of one cell: one per line, or separated by ``;``, bullets or ``1.`` / ``2)``.
    Commas do not separate (``Dinas Koperasi, Usaha Kecil dan Menengah`` is one agency)."""
    if not text:
        return []
    names = (_SPACE.sub(" ", _NUMBERING.sub("", part)).strip(" ,.") for part in _SEPARATOR.split(text))
    return list(dict.fromkeys(n for n in names if n))


@functools.cache
def _bidang_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern of a bidang urusan name, its code), the longest name first."""
    with open(_BIDANG_FILE, encoding="utf-8", newline="") as handle:
        rows = [(r["kode"], r["nama"]) for r in csv.DictReader(handle) if "." in r["kode"]]
    rows.sort(key=lambda r: -len(r[1]))
    return tuple((re.compile(r"\b" + r"\s+".join(map(re.escape, name.lower().split())) + r"\b"), kode)
                 for kode, name in rows)


class Agencies:
    """Agency codes given to names, kept for one file so a name seen twice gets one code."""

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._used: dict[tuple[str, ...], int] = {}

    def match(self, name: str) -> tuple[str, tuple[str, ...]] | None:
        """(agency code, the bidang it runs) for `name`, or None when it names no bidang urusan."""
        key = _SPACE.sub(" ", name).strip().lower()
        if key in self._codes:
            return self._codes[key]
        text, found = key, []
        for pattern, kode in _bidang_words():
            hit = pattern.search(text)
            if hit:
                found.append((hit.start(), kode))
                text = text[:hit.start()] + "\0" * (hit.end() - hit.start()) + text[hit.end():]
        if not found:
            return None
        bidang = tuple(kode for _, kode in sorted(found)[:3])
        number = self._used[bidang] = self._used.get(bidang, 0) + 1
        parts = list(bidang) + ["0.00"] * (3 - len(bidang))
        self._codes[key] = (f"{'.'.join(parts)}.{number:02d}.0000", bidang)
        return self._codes[key]
