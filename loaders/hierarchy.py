"""Rows of several levels in one code column: each row's level from its code, its parent from the rows above.

Renstra and RPJMD matrices, and Renja / DPA tables with parent rows, keep urusan (``1``), bidang
(``1.03``), program (``1.03.02``), kegiatan (``1.03.02.2.01``) and sub kegiatan
(``1.03.02.2.01.0001``) rows in one column. A row's parent is the nearest row above it of a higher
level (real files write bidang ``1.3`` for ``1.03``, so prefixes are not relied on). Money is counted
once, at the lowest level; a parent whose own total differs from its children's sum is reported
with both figures (`total_issues`).

>>> rows = [Entry(0, "1.03.02", 3), Entry(1, "1.03.02.2.01", 5), Entry(2, "1.03.02.2.01.0001", 6),
...         Entry(3, "1.03.02.2.01.0002", 6), Entry(4, "1.03.03", 3)]
>>> link(rows)
>>> [r.parent for r in rows], [r.has_sub for r in rows]
([None, 0, 1, 1, None], [True, True, True, True, False])
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from base.errors import Issue
from base.fmt import money_full
from base.i18n import Phrase
from loaders.messages import make_issue
from loaders.readers import RawTable, Shown, cell_text, column_letter, is_blank

__all__ = ["DEPTHS", "SUB_KEGIATAN", "Entry", "code_depth", "level_name", "link", "money_pair", "total_issues",
           "is_total_row", "is_subtotal_row", "grand_total_issue", "placement_issues", "code_columns", "SplitCode",
           "official_code", "split_code_issue"]

SUB_KEGIATAN = 6
_SPLIT = ("kode_urusan", "kode_bidang", "kode_program", "kode_kegiatan", "kode_sub_kegiatan")
_MAX_SEGMENTS = 6  # urusan, bidang, program, level digit, kegiatan, sub kegiatan
DEPTHS = (1, 2, 3, 5, 6)
"""Segments in a code that name a level: urusan, bidang urusan, program, kegiatan, sub kegiatan (the
catalogue's ``word.level.<depth>``)."""

_SEGMENT = re.compile(r"\d+|x|xx", re.IGNORECASE)
_TOLERANCE = 0.5  # rupiah: totals typed by hand are whole rupiah
_SUBTOTAL = re.compile(r"(sub\s*)?(jumlah|total)\s+(per\s+)?(urusan|bidang|program|kegiatan|sub\s*kegiatan|perangkat"
                       r"\s+daerah|skpd|opd|unit|sub\s*unit)\b.*", re.IGNORECASE | re.DOTALL)
_TOTAL = re.compile(r"(sub\s*)?(jumlah|total)(\s+(total|keseluruhan|belanja|pagu|anggaran|dana))?\s*:?",
                    re.IGNORECASE)


def code_depth(code: str) -> int | None:
    """How many segments `code` has when it names a level (1, 2, 3, 5 or 6), else None.

    >>> code_depth("1"), code_depth("1.3"), code_depth("X.XX.01"), code_depth("1.03.02.2"), code_depth("Jumlah")
    (1, 2, 3, None, None)
    """
    parts = "".join(code.split()).strip(".").split(".")
    if not all(_SEGMENT.fullmatch(p) for p in parts):
        return None
    depth = len(parts)
    return depth if depth in DEPTHS or depth > SUB_KEGIATAN and _glued(parts) else None


def _glued(parts: Sequence[str]) -> bool:
    """An account code glued after a sub kegiatan (…0053.5.2.04.01.001.0003) still names the sub kegiatan."""
    return len(parts[5]) >= 2


def level_name(depth: int) -> Phrase:
    """The name of the level a code of `depth` segments names, in either language (``word.level.<depth>``)."""
    return Phrase(f"word.level.{min(depth, SUB_KEGIATAN)}")


@dataclass
class Entry:
    """One coded row: its position among the table's rows, code and depth; `link` sets the rest."""

    index: int
    code: str
    depth: int
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    has_sub: bool = False  # a sub kegiatan itself, or one below it

    @property
    def is_sub(self) -> bool:
        return self.depth >= SUB_KEGIATAN


def link(entries: list[Entry]) -> None:
    """Set each entry's parent (the nearest entry above of a higher level) and children."""
    stack: list[int] = []
    for i, entry in enumerate(entries):
        depth = min(entry.depth, SUB_KEGIATAN)
        while stack and min(entries[stack[-1]].depth, SUB_KEGIATAN) >= depth:
            stack.pop()
        if stack:
            entry.parent = stack[-1]
            entries[stack[-1]].children.append(i)
        stack.append(i)
    for entry in reversed(entries):
        entry.has_sub = entry.is_sub or any(entries[c].has_sub for c in entry.children)


def money_pair(value: float) -> tuple[str, str]:
    """An amount to the rupiah, in Indonesian and English (a message parameter)."""
    return money_full(value, "id"), money_full(value, "en")


def total_issues(entries: Sequence[Entry], amounts: Sequence[float | None], table: RawTable, column: str,
                 row_numbers: Sequence[int]) -> list[Issue]:
    """Every parent whose own amount differs from its children's sum, and one summary of the gap.

    `amounts[i]` is entry i's own figure in `column` (None when blank); `row_numbers[i]` its row.
    """
    at = dict(source=table.source, sheet=table.sheet, column=column)
    issues = []
    for i, entry in enumerate(entries):
        own = amounts[i]
        given = [amounts[c] for c in entry.children if amounts[c] is not None]
        if own is None or not given:
            continue
        children = sum(given)
        if abs(own - children) > _TOLERANCE:
            issues.append(make_issue("parent_total", row=row_numbers[i], value=entry.code,
                                     level=level_name(entry.depth), own=money_pair(own), children=money_pair(children),
                                     gap=money_pair(own - children), **at))
    if not issues:
        return []
    totals: dict[int, float] = {}
    for entry, amount in zip(entries, amounts):
        if amount is not None:
            depth = min(entry.depth, SUB_KEGIATAN)
            totals[depth] = totals.get(depth, 0.0) + amount
    counted = sum(a for e, a in zip(entries, amounts) if a is not None and e.is_sub)
    shown = tuple("; ".join(f"{level_name(d).text(lang)} {money_full(v, lang)}" for d, v in sorted(totals.items()))
                  for lang in ("id", "en"))
    issues.append(make_issue("parent_gap", totals=shown, count=len(issues), counted=money_pair(counted), **at))
    return issues


def is_total_row(code: str | None, name: str | None) -> bool:
    """A row without a code whose name says it is a total (``JUMLAH``, ``Total``, ``Sub Total``), or whose
    code cell says so (``TOTAL`` written in the first column, merged over the code and name columns).

    >>> is_total_row(None, "JUMLAH TOTAL"), is_total_row(None, "Jumlah Sekolah"), is_total_row("1.03", "Jumlah")
    (True, False, False)
    >>> is_total_row("TOTAL", None), is_total_row("Jumlah Total", "JUMLAH TOTAL"), is_total_row("Total", "Jalan")
    (True, True, False)
    """
    if code is not None:
        return bool(_TOTAL.fullmatch(code.strip())) and (name is None or bool(_TOTAL.fullmatch(name.strip())))
    return name is not None and bool(_TOTAL.fullmatch(name.strip()) or _SUBTOTAL.fullmatch(name.strip()))


def is_subtotal_row(code: str | None, name: str | None) -> bool:
    """A total row of one part of the table (``Jumlah Program``, ``Total Kegiatan``, ``Jumlah per SKPD``):
    not a line, and not the table's total either (its figure is not compared with all the lines).

    >>> is_subtotal_row(None, "Jumlah Program"), is_subtotal_row(None, "JUMLAH"), is_total_row(None, "Jumlah Program")
    (True, False, True)
    """
    return code is None and name is not None and bool(_SUBTOTAL.fullmatch(name.strip()))


def grand_total_issue(own: float | None, counted: float, table: RawTable, column: str, row: int) -> Issue | None:
    """A warning when a total row's figure differs from the sum of the lines loaded (None when equal)."""
    if own is None or abs(own - counted) <= _TOLERANCE:
        return None
    return make_issue("grand_total", source=table.source, sheet=table.sheet, row=row, column=column,
                      own=money_pair(own), counted=money_pair(counted), gap=money_pair(own - counted))


def placement_issues(entries: Sequence[Entry], table: RawTable, column: str, row_numbers: Sequence[int]
                     ) -> list[Issue]:
    """A warning for each program, kegiatan or sub kegiatan row under a parent row whose code is not its
    prefix: its money is compared with that parent, but the graph places it by its own code."""
    issues = []
    for i, entry in enumerate(entries):
        parent = None if entry.parent is None else entries[entry.parent]
        if parent is None or parent.depth < 3 or entry.code.upper().startswith("X"):
            continue
        if not entry.code.startswith(parent.code + "."):
            issues.append(make_issue("misplaced", source=table.source, sheet=table.sheet, row=row_numbers[i],
                                     column=column, value=entry.code, level=level_name(parent.depth),
                                     parent=parent.code, parent_row=row_numbers[entry.parent]))
    return issues


def code_columns(table: RawTable, cols: dict[str, int]) -> list[int]:
    """The columns a row's code is written in, left to right: one ``KODE`` column; or the code split
    over named columns (``URUSAN | BIDANG URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN`` under a
    ``KODE`` group heading); or a ``KODE`` heading merged over the unheaded columns right of it.

    >>> t = RawTable("r.xlsx", "T-C.27", ["KODE", None, None, None, "PROGRAM DAN KEGIATAN"], [], [])
    >>> code_columns(t, {"kode": 0, "nama": 4})
    [0, 1, 2, 3]
    """
    named = sorted(cols[c] for c in _SPLIT if c in cols)
    if len(named) >= 3:
        return named
    if "kode" not in cols:
        return []
    found = [cols["kode"]]
    while (len(found) < _MAX_SEGMENTS and found[-1] + 1 < len(table.headers)
           and is_blank(table.headers[found[-1] + 1])):
        found.append(found[-1] + 1)
    return found


def _segment(value: Any, index: int, count: int) -> str | tuple[str, str] | None:
    """Part `index` of a code split over `count` columns, written as the nomenclature writes it. A
    spreadsheet number loses its zeros: bidang ``3`` is ``03``, sub kegiatan ``53`` is ``0053``. With six
    columns the level digit has its own; with four or five it shares the kegiatan's (``2.01``), and
    there a number hides a zero Excel dropped: under a ``0.00`` format 2.1 shows (and is) ``2.10``, and
    2.01 is ``2.01``, but the bare number 2.1 was typed ``2.10`` or ``2.1`` (short for ``2.01``): both
    readings are given back, for `SplitCode` to decide. The text ``2.1`` reads both ways too: SIPD
    itself always writes the part with two digits (``"no_giat": "2.01"`` beside ``"kode_giat":
    "7.01.02.2.01"`` in the records agusnurwanto/wp-sipd documents), so a one-digit part is what a
    spreadsheet saved as CSV writes for the number 2.1, and says no more than the number did.

    >>> [_segment(v, i, 5) for i, v in enumerate([1, 3, "10", 2.01, 53])]
    ['1', '03', '10', '2.01', '0053']
    >>> _segment(Shown(2.1, "2.10"), 3, 5), _segment(2.1, 3, 5), _segment("2.1", 3, 5), _segment("2.10", 3, 5)
    ('2.10', ('2.10', '2.01'), ('2.10', '2.01'), '2.10')
    """
    text = cell_text(value)
    if text is None:
        return None
    if count != 6 and index == 3:
        if isinstance(value, float) and not value.is_integer():
            text = value.shown if isinstance(value, Shown) else repr(value)
            level, _, number = text.partition(".")
            if len(number) == 1:
                return f"{level}.{number}0", f"{level}.0{number}"
            return text
        level, dot, number = text.partition(".")
        if dot and level.isdigit() and number.isdigit() and len(number) == 1:
            return f"{level}.{number}0", f"{level}.0{number}"
        return text
    widths = (1, 2, 2, 1, 2, 4) if count == 6 else (1, 2, 2, 0, 4)
    if text.isdigit() and index < len(widths):
        return text.zfill(widths[index])
    return text


class SplitCode:
    """Joins a row's code from its code columns: blanks above the deepest part repeat the row above
    (a lampiran writes each urusan and bidang once); a cell that already holds the code so far
    (``1.03`` under ``1``) stands for itself.

    A kegiatan part that reads two ways (the number 2.1: ``2.10`` or ``2.01``) is decided by `known`
    (is this code in the official nomenclature?) when exactly one of the two codes is; `guessed` then
    says so, and when neither or both are, the row has no code and `unsure` says why (the caller
    reports it at the cell):

    >>> split = SplitCode([0, 1, 2, 3, 4], known={"1.03.02.2.01.0013"}.__contains__)
    >>> split.code([1, 3, 2, 2.1, 13]), split.guessed
    ('1.03.02.2.01.0013', (3, '2.1', '2.01', '2.10'))
    >>> split.code([1, 3, 2, 2.1, 15]), split.unsure
    (None, (3, '2.1', ('1.03.02.2.10.0015', '1.03.02.2.01.0015'), 0))
    """

    def __init__(self, columns: list[int], known: Callable[[str], bool] | None = None):
        self.columns = columns
        self.known = known
        self.last: list[str | None] = [None] * len(columns)
        self.guessed: tuple[int, str, str, str] | None = None
        """(column, the cell as stored, the part read, the part not read) of the last row's code."""
        self.unsure: tuple[int, str, tuple[str, str], int] | None = None
        """(column, the cell as stored, the two codes, how many the nomenclature lists) of the last row."""
        self.written = False
        """Whether the part that reads two ways was written as text (``2.1`` in a CSV), not stored as a number."""

    def code(self, cells: Sequence[Any]) -> str | None:
        self.guessed = self.unsure = None
        if len(self.columns) == 1:
            pos = self.columns[0]
            return cell_text(cells[pos]) if pos < len(cells) else None
        parts = [_segment(cells[pos] if pos < len(cells) else None, i, len(self.columns))
                 for i, pos in enumerate(self.columns)]
        filled = [i for i, p in enumerate(parts) if p is not None]
        if not filled:
            return None
        deepest = filled[-1]
        parts = [p if p is not None else (self.last[i] if i < filled[0] else None) for i, p in enumerate(parts)]
        two = next((i for i, p in enumerate(parts) if isinstance(p, tuple)), None)
        if two is None:
            self.last = parts[:deepest + 1] + [None] * (len(parts) - deepest - 1)
            return self._joined(parts[:deepest + 1])
        options = parts[two]
        codes = tuple(self._joined([options[k] if i == two else p for i, p in enumerate(parts[:deepest + 1])])
                      for k in (0, 1))
        listed = [k for k in (0, 1) if codes[k] is not None and self.known is not None and self.known(codes[k])]
        stored = cell_text(cells[self.columns[two]]) or ""
        self.written = isinstance(cells[self.columns[two]], str)
        chosen = listed[0] if len(listed) == 1 else None
        parts[two] = options[chosen if chosen is not None else 0]
        self.last = parts[:deepest + 1] + [None] * (len(parts) - deepest - 1)
        if chosen is None:
            self.unsure = (self.columns[two], stored, codes, len(listed))
            return None
        self.guessed = (self.columns[two], stored, options[chosen], options[1 - chosen])
        return codes[chosen]

    @staticmethod
    def _joined(parts: Sequence[Any]) -> str | None:
        code = ""
        for part in parts:
            if part is None:
                return ".".join(p or "?" for p in parts)  # a gap: reported as no level
            code = part if code and part.startswith(code + ".") else (f"{code}.{part}" if code else part)
        return code


def official_code(code: str) -> bool:
    """Is `code` in the official nomenclature shipped with Kaskade (what decides a code part Excel
    stored as a number that reads two ways)?"""
    from loaders.nomenclature import builtin_nomenclature  # parsed (or read from its cache) only when asked

    return code in builtin_nomenclature()


def split_code_issue(split: SplitCode, table: RawTable, labels: Sequence[str], row: int) -> Issue | None:
    """The issue for the last code `split` joined, at its cell: an error when a part stored as a number
    reads two ways and the nomenclature cannot tell which, a warning when it could (``code_part_short…``
    when the part was written as text with one digit, ``2.1`` in a CSV)."""
    if split.unsure is not None:
        pos, stored, codes, listed = split.unsure
        found = (("keduanya", "both") if listed == 2 else ("tidak satu pun", "neither"))
        rule = "code_part_short" if split.written else "code_part_number"
        return make_issue(rule, source=table.source, sheet=table.sheet, row=row,
                          column=labels[pos] or column_letter(pos), value=stored, cell=f"{column_letter(pos)}{row}",
                          first=codes[0], second=codes[1], found=found)
    if split.guessed is not None:
        pos, stored, read, other = split.guessed
        rule = "code_part_short_guessed" if split.written else "code_part_guessed"
        return make_issue(rule, source=table.source, sheet=table.sheet, row=row,
                          column=labels[pos] or column_letter(pos), value=stored, cell=f"{column_letter(pos)}{row}",
                          read=read, other=other)
    return None
