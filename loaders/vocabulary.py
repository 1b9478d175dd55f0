"""The header vocabulary: which spellings name which column, per source format, from ``headers.csv``.

Real files spell one column many ways (``KODE SUB KEGIATAN``, ``kode_sub_giat``, ``Kode Sub
Kegiatan``). `headers.csv` lists every accepted spelling with the formats it is read in (SIPD,
SIPD-RI, Renja, DPA, DPPA, RKPD, Renstra, RPJMD). Matching ignores case, spaces, dots, underscores,
slashes, hyphens and line breaks (`header_key`). Headers over two or three rows (a merged
``TARGET KINERJA`` above ``TAHUN 1`` above ``Rp``) are joined first by `stacked_headers`.

>>> header_key("TOLAK UKUR\\nCAPAIAN KEG.")
'tolakukurcapaiankeg'
>>> match_columns(["KODE SUB KEGIATAN", "Program dan Kegiatan", "JUMLAH  PAGU"], FLAT)
{'kode_sub_giat': 0, 'nama_sub_giat': 1, 'pagu': 2}
>>> match_columns(["KODE", "PROGRAM DAN KEGIATAN", "DANA TAHUN 1"], MATRIX)
{'kode': 0, 'nama': 1, 'dana_1': 2}
"""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from loaders.numbers import money_unit, unit_only
from loaders.readers import RawTable, is_blank, is_heading, named_headers, without_footer, year_index_row

__all__ = ["FORMATS", "FLAT", "MATRIX", "Spelling", "header_key", "vocabulary", "spellings", "match_columns",
           "stacked_headers", "calendar_column", "docs_table", "lookup"]

FORMATS = ("SIPD", "SIPD-RI", "Renja", "DPA", "DPPA", "RKPD", "Renstra", "RPJMD")
"""Every source format the vocabulary names."""
FLAT = ("SIPD", "SIPD-RI", "Renja", "DPA", "DPPA", "RKPD")
"""Formats with one row per sub kegiatan (parent rows allowed)."""
MATRIX = ("Renstra", "RPJMD")
"""Formats with one row per urusan, bidang, program, kegiatan and sub kegiatan, and five years."""

_FILE = Path(__file__).with_name("headers.csv")
_NOT_KEY = re.compile(r"[^0-9a-z]+")
_NUMBERING = 3  # a row of column numbers 1, 2, 3, … under a header has at least this many
_YEAR = re.compile(r"tahun(?:19|20)\d\d")
_HEAD_ROWS = 8  # header rows under the header row and numbering rows: at most this many
_MONEY = ("pagu", "dana")  # the columns a unit of thousands or millions may follow
_CALENDAR = re.compile(r".*?((?:19|20)\d\d)(target|k|rp|dana|pagu)")
_TARGET_YEAR = re.compile(r"target\w*?((?:19|20)\d\d)")  # ``TARGET 2025``, ``TARGET KINERJA`` over ``2025``
_WITH_YEAR = re.compile(r"(.*?)(?:tahun)?((?:19|20)\d\d)")  # ``KONDISI AWAL 2024``: the baseline, named with its year
_DATED = ("capaian_awal", "target_akhir")
_TARGET_KE = re.compile(r"target\w*?tahunke([1-9])")


class Spelling(NamedTuple):
    column: str
    spelling: str
    formats: tuple[str, ...]


def header_key(text: Any) -> str:
    """The form a header is compared in: lower case letters and digits only.

    >>> header_key(" Kode_Sub  Kegiatan "), header_key("TUJUAN / SASARAN")
    ('kodesubkegiatan', 'tujuansasaran')
    """
    return _NOT_KEY.sub("", str(text).lower())


@functools.cache
def vocabulary() -> tuple[Spelling, ...]:
    """Every row of `headers.csv`, in file order."""
    with open(_FILE, encoding="utf-8", newline="") as handle:
        return tuple(Spelling(r["column"], r["spelling"], tuple(r["formats"].split(";")))
                     for r in csv.DictReader(handle))


@functools.cache
def spellings(formats: tuple[str, ...]) -> dict[str, str]:
    """Header key -> column, for the spellings read in any of `formats` (the first listed wins)."""
    found: dict[str, str] = {}
    for s in vocabulary():
        if set(s.formats) & set(formats):
            found.setdefault(header_key(s.spelling), s.column)
    return found


def match_columns(headers: Sequence[Any], formats: tuple[str, ...]) -> dict[str, int]:
    """Column -> its position among `headers` (the first match wins)."""
    known = spellings(formats)
    found: dict[str, int] = {}
    for pos, header in enumerate(headers):
        column = lookup(header, known)
        if column and column not in found:
            found[column] = pos
    return found


def calendar_column(text: Any) -> tuple[int, str] | None:
    """(year, ``target`` or ``dana``) for a yearly column headed by its calendar year rather than
    ``TAHUN k`` (``2021`` over ``Target | Rp``, joined: ``2021 Target``), else None.

    >>> calendar_column("Capaian Kinerja dan Kerangka Pendanaan 2021 Rp"), calendar_column("TAHUN 1 Rp")
    ((2021, 'dana'), None)
    >>> calendar_column("TARGET 2025"), calendar_column("Target Kinerja Tahun 2026")
    ((2025, 'target'), (2026, 'target'))
    """
    key = header_key(text)
    if (target := _TARGET_YEAR.fullmatch(key)) is not None:
        return int(target[1]), "target"
    found = _CALENDAR.fullmatch(key)
    if found is None and (unit := money_unit(text)) is not None:  # ``2021 Rp (000)``, ``2021 Pagu (Rp. Juta)``
        found = _CALENDAR.fullmatch(header_key(unit[0])) or _CALENDAR.fullmatch(header_key(unit[0]) + "rp")
    if found is None:
        return None
    return int(found[1]), "target" if found[2] in ("target", "k") else "dana"


def lookup(text: Any, known: dict[str, str]) -> str | None:
    """The column `text` spells among `known`; a spelling followed by its unit, ``(Rp)``, ``(Rp.)``,
    ``(Rp 000)``, ``(dalam ribuan rupiah)``, ``Rp. Juta`` (`loaders.numbers.money_unit`), is the same
    column (the reader scales its figures to rupiah: `loaders.readers.scaled_money`).

    A group heading naming the plan's year (``Rencana Tahun 2026`` over ``Pagu Indikatif (Rp.)``, joined)
    is spelled with ``TAHUN`` alone, whatever the year.

    >>> known = spellings(FLAT)
    >>> lookup("PAGU INDIKATIF (Rp.)", known), lookup("Jumlah Pagu (Rp)", known), lookup("Pagu (Rp 000)", known)
    ('pagu', 'pagu', 'pagu')
    >>> lookup("Rencana Tahun 2026 Pagu Indikatif (Rp.)", known), lookup("Prakiraan Maju Rencana Tahun 2027 Kebutuhan Dana/Pagu Indikatif", known)
    ('pagu', 'pagu_n_depan')

    The baseline and end-of-period columns may carry their year (``KONDISI AWAL 2024``):

    >>> lookup("KONDISI AWAL 2024", spellings(MATRIX)), lookup("Kondisi Akhir Tahun 2029", spellings(MATRIX))
    ('capaian_awal', 'target_akhir')
    """
    key = header_key(text)
    column = known.get(key)
    if column is not None:
        return column
    if (dated := _WITH_YEAR.fullmatch(key)) is not None and known.get(dated[1]) in _DATED:
        return known[dated[1]]  # ``KONDISI AWAL`` over ``2024``
    if (year := _TARGET_KE.fullmatch(key)) is not None and f"target_{year[1]}" in known.values():
        return f"target_{year[1]}"  # ``TARGET KINERJA TUJUAN/SASARAN PADA TAHUN KE- 2``
    unit = money_unit(text)
    # ``TAHUN-1 Rp. Juta`` is the ``TAHUN-1 Rp`` column, counted in millions
    keys = [key] if unit is None else [key, header_key(unit[0]), header_key(unit[0]) + "rp"]
    for each in keys:
        column = known.get(each) or known.get(_YEAR.sub("tahun", each))
        if column is not None and (each == key or unit is None or unit[1] == 1 or column.startswith(_MONEY)):
            return column  # a unit of thousands names a money column only (``Target (000)`` is not a target)
    return None


def _known(text: str, known: dict[str, str], calendar: bool) -> bool:
    return lookup(text, known) is not None or (calendar and calendar_column(text) is not None)


def _is_numbering(cells: Sequence[Any]) -> bool:
    """A row of column numbers (1, 2, 3, …) that real tables print under their header."""
    filled = [c for c in cells if not is_blank(c)]
    try:
        numbers = [int(str(c).strip().rstrip(".").removeprefix("(").removesuffix(")")) for c in filled]
    except ValueError:
        return False
    return len(numbers) >= _NUMBERING and numbers == sorted(numbers) and numbers[0] in (0, 1)


def _is_text(cells: Sequence[Any]) -> bool:
    return all(is_blank(c) or isinstance(c, str) or is_heading(c) for c in cells)


def stacked_headers(table: RawTable, formats: tuple[str, ...]) -> RawTable:
    """`table` with a header written over several rows joined into one, a numbering row dropped, and
    the signature block under it left out (`loaders.readers.without_footer`): a printed table read
    as its rows of data.

    The header's group rows (`RawTable.above`, kept by the reader) are its upper levels. A row under
    the header is part of it when one of its cells, joined with the (merged) header cells above,
    spells a known column and none of its cells is a number. A merged cell is blank to the right of
    its first cell, so the last filled header cell carries over.

    >>> t = RawTable("r.xlsx", "T-C.27", ["KODE", "TARGET KINERJA", None, "KETERANGAN"],
    ...              [[None, "TAHUN 1", "TAHUN 2", None], ["1", "2", "3", "4"], ["1.03", 5, 6, "-"]], [5, 6, 7])
    >>> s = stacked_headers(t, MATRIX)
    >>> s.headers, s.rows, s.row_numbers
    (['KODE', 'TARGET KINERJA TAHUN 1', 'TARGET KINERJA TAHUN 2', 'KETERANGAN'], [['1.03', 5, 6, '-']], [7])
    """
    return without_footer(_stacked(table, formats))


def _stacked(table: RawTable, formats: tuple[str, ...]) -> RawTable:
    known = spellings(formats)
    calendar = bool(set(formats) & set(MATRIX))
    levels = [list(cells) for cells in table.above] + [list(table.headers)]
    head = table.head(_HEAD_ROWS)  # the rows a header can reach down to, without making a large table's rows
    skip = 0
    units: list[Any] = []
    while skip < len(head):
        if (years := year_index_row(levels[-1], head[skip])) is not None:
            levels.append(years)  # ``1 2 3 4 5`` under ``TARGET … PADA TAHUN KE-``: the years, not a numbering
            skip += 1
            continue
        if _is_numbering(head[skip]):
            skip += 1
            continue
        if _is_units(head[skip]):
            units = list(head[skip])  # ``(Rp. Juta)`` under ``PAGU INDIKATIF``: the column's unit
            skip += 1
            continue
        # a middle header row (``TAHUN - 1`` over ``Target | Rp``) spells a column only with the row below it
        for take in (1, 2):
            below = [list(cells) for cells in head[skip:skip + take]]
            if len(below) == take and all(_is_text(cells) for cells in below) and _join(levels + below, known,
                                                                                         calendar):
                levels += below
                skip += take
                break
        else:
            break
    if skip == 0 and len(levels) == 1:
        return table
    rows, numbers = table.rows[skip:], table.row_numbers[skip:]
    if len(levels) == 1 and not units:
        return RawTable(table.source, table.sheet, table.headers, rows, numbers, table.labels, titles=table.titles)
    headers = list(table.headers) if len(levels) == 1 else (
        _join(levels, known, calendar) or named_headers(levels[:len(table.above) + 1]))
    for pos, unit in enumerate(units):
        if not is_blank(unit) and pos < len(headers):
            headers[pos] = f"{headers[pos] or ''} {' '.join(str(unit).split())}".strip()
    return RawTable(table.source, table.sheet, headers, rows, numbers, titles=table.titles)


def _is_units(cells: Sequence[Any]) -> bool:
    """A row under the header holding only money units (``(Rp)``, ``Rp. Juta``), one per money column."""
    filled = [c for c in cells if not is_blank(c)]
    return bool(filled) and all(isinstance(c, str) and unit_only(c) is not None for c in filled)


def _join(levels: list[list[Any]], known: dict[str, str], calendar: bool = False) -> list[str] | None:
    """The joined headers when the lowest level adds a known column, else None."""
    width = max(len(level) for level in levels)
    written = [[" ".join(str(level[pos]).split()) if pos < len(level) and not is_blank(level[pos]) else ""
                for pos in range(width)] for level in levels]
    carried: list[list[str]] = []
    for index, texts in enumerate(written):
        shown, last = [], ""
        for pos, text in enumerate(texts):
            if text:
                last = text
            elif any(above[pos] for above in written[:index]):
                last = ""  # a new block starts above: nothing to carry
            elif any(lower[pos] for lower in written[index + 1:]):
                text = last  # a merged cell is filled only in its first column
            shown.append(text)
        carried.append(shown)
    joined, added = [], False
    for pos in range(width):
        parts = [texts[pos] for texts in carried if texts[pos]]
        best = " ".join(parts)
        for candidate in _candidates(parts):
            if _known(candidate, known, calendar):
                best = candidate
                break
        # a new column only under a group header: a header cell that names a column itself has no sub-header
        upper = [texts[pos] for texts in carried[:-1] if texts[pos]]
        if carried[-1][pos] and _known(best, known, calendar) and upper and not any(
                _known(u, known, calendar) for u in upper):
            added = True
        joined.append(best)
    return joined if added else None


def _candidates(parts: list[str]) -> Iterable[str]:
    """Ways to read stacked header parts, the fullest first: all, then dropping upper groups, never a lower
    part alone (a data row whose cell happens to spell a header, such as ``Sasaran``, is not a header)."""
    if len(parts) == 1:
        yield parts[0]
    for start in range(len(parts) - 1):
        yield " ".join(parts[start:])
    if len(parts) > 2:
        yield " ".join([parts[0], parts[-1]])


def docs_table() -> str:
    """The Markdown table of accepted headers that docs/formats.md shows (kept equal by a test)."""
    by_column: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for s in vocabulary():
        by_column.setdefault((s.column, s.formats), []).append(s.spelling)
    lines = ["| column | accepted headers | formats |", "|---|---|---|"]
    for (column, formats), names in by_column.items():
        shown = ", ".join(f"`{n}`" for n in names)
        lines.append(f"| `{column}` | {shown} | {', '.join(formats)} |")
    return "\n".join(lines)
