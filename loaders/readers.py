"""What every reader returns: a `RawTable` of plain cell values with its provenance.

Readers (`read_xlsx`, `read_csv`, `read_json`) only turn a file into `RawTable`s; they never
interpret a value. `canonical` is the one tolerant header rule (case, spaces or underscores,
surrounding spaces, punctuation) used for sheet names and column headers alike.

>>> canonical("  Kode Sub Kegiatan ")
'kode_sub_kegiatan'
>>> canonical("Sub-Kegiatan")
'sub_kegiatan'
>>> t = table_from_rows("a.csv", "sasaran", [["Title only"], ["id", "nama"], ["S1", "Naik"], []])
>>> t.headers, t.rows, t.row_numbers
(['id', 'nama'], [['S1', 'Naik']], [3])

A header written over two rows keeps its upper (group) row in `RawTable.above`; `named_headers`
names each blank header cell from it, the one rule every reader uses:

>>> t = table_from_rows("n.xlsx", "lampiran", [["KODE", None, None, "NOMENKLATUR"],
...     ["URUSAN", "BIDANG", "PROGRAM", None], ["1", "03", "10", "Penyelenggaraan Jalan"]])
>>> t.headers, t.above, named_headers([*t.above, t.headers])
(['URUSAN', 'BIDANG', 'PROGRAM', ''], [['KODE', None, None, 'NOMENKLATUR']], ['URUSAN', 'BIDANG', 'PROGRAM', 'NOMENKLATUR'])
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from base.fmt import number
from loaders.columns import Column
from loaders.messages import make_issue
from loaders.numbers import money_unit, note_unit, noted_unit, scaled

__all__ = ["column_letter", "Shown", "format_decimals", "shown_number", "RawTable", "ColumnTable", "canonical", "table_from_rows", "named_headers", "is_blank", "cell_text",
           "is_heading", "year_index_row", "without_footer", "scaled_money", "ROW_SPAN", "stack_tables", "unstacked"]

_NON_WORD = re.compile(r"[^0-9a-z]+")
_NUMBER = re.compile(r"[-+(]?[\d.,]+\)?")  # a figure, a code (1.03.02) or a column number ((3))
_GROUP_ROWS = 2  # header rows kept above the header row: TARGET KINERJA over TAHUN 1 over Target
_TAHUN_KE = re.compile(r"tahun(?:_?ke)?$")  # ``TARGET KINERJA … PADA TAHUN KE-`` over ``1 2 3 4 5``
_TITLE_ROWS = 20  # filled rows above the header whose text is kept as the table's titles


def canonical(name: Any) -> str:
    """The form headers and sheet names are matched in: lower case, words joined by ``_``."""
    return _NON_WORD.sub("_", str(name).strip().lower()).strip("_")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str | None:
    """A cell as stripped text (None when blank); a whole float such as 2025.0, as a spreadsheet
    gives a code or year, reads ``2025``.

    >>> cell_text(" 64.02 "), cell_text(2025.0), cell_text("  ")
    ('64.02', '2025', None)
    """
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def column_letter(index: int) -> str:
    """The letter Excel names a column by (0 -> ``A``, 26 -> ``AA``).

    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


class Shown(float):
    """A spreadsheet number with the text its cell's number format shows it as, when that differs from
    the number itself: 2.1 in a cell formatted ``0.00`` shows ``2.10`` (a kegiatan part typed ``2.10``,
    which Excel keeps as 2.1). Arithmetic treats it as the float it is.

    >>> x = Shown(2.1, "2.10")
    >>> x + 1, x.shown, cell_text(x)
    (3.1, '2.10', '2.1')
    """

    shown: str

    def __new__(cls, value: float, shown: str) -> Shown:
        made = super().__new__(cls, value)
        made.shown = shown
        return made

    def __reduce__(self):  # pickles as the float it is
        return float, (float(self),)


_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def format_decimals(number_format: str | None) -> int | None:
    """How many decimals a cell's number format shows (``0.00`` and ``#,##0.00``: 2), None when it
    shows as many as the number has (``General``), is text (``@``), a percentage or a date.

    >>> format_decimals("0.00"), format_decimals("#,##0.0_);(#,##0.0)"), format_decimals("General"), format_decimals("0%")
    (2, 1, None, None)
    """
    if not number_format:
        return None
    section = _FORMAT_TEXT.sub("", number_format.split(";")[0])
    if "%" in section or "@" in section or any(c in section.lower() for c in "dmyhs") or "0" not in section:
        return None
    _, dot, rest = section.partition(".")
    return len(rest) - len(rest.lstrip("0#?")) if dot else 0


def shown_number(value: float, number_format: str | None) -> float:
    """`value` as a `Shown` when its cell's format shows it otherwise than its shortest form (2.1 under
    ``0.00``), else `value`.

    >>> shown_number(2.1, "0.00").shown, shown_number(2.01, "0.00").__class__.__name__, shown_number(2.1, "General")
    ('2.10', 'float', 2.1)
    """
    decimals = format_decimals(number_format)
    if decimals is None:
        return value
    text = f"{value:.{decimals}f}"
    return value if text == repr(value) else Shown(value, text)


@dataclass
class RawTable:
    """One sheet (or CSV file, or JSON list) as plain values, with where each row came from.

    `headers` are the names matched to model fields; `labels` are what the planner sees in
    the file and what issues quote (they differ only for tables derived from a SIPD export).
    """

    source: str
    sheet: str
    headers: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    labels: list[str] = field(default_factory=list)
    issues: list[Any] = field(default_factory=list)
    """What the reader noticed about the file that the rows cannot show (hidden rows, bytes it
    could not decode, characters it took out): `loaders.load` reports them."""
    above: list[list[Any]] = field(default_factory=list)
    """The group rows of a header written over several rows, top first: the filled rows right above
    the header row (``KODE`` over ``URUSAN | BIDANG | …``, ``TARGET KINERJA`` over ``TAHUN 1``)."""
    sheets: list[str] = field(default_factory=list)
    """For a table stacked from several sheets (`stack_tables`): the sheets, a row number ``n`` being
    row ``n % ROW_SPAN`` of sheet ``n // ROW_SPAN``; empty for a table of one sheet."""
    titles: list[tuple[int, str]] = field(default_factory=list)
    """The text of each filled row above the header and its group rows (its row number, its cells
    joined): the report's title lines, which may say the unit its money is written in (``dalam ribuan
    rupiah``)."""
    notes: list[tuple[int, str]] = field(default_factory=list)
    """The text of each note line under the table that names the unit its money is written in
    (``*) dalam ribuan rupiah`` below the last row; its row number, its cells joined), taken out of
    the rows by `without_footer`."""

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = list(self.headers)

    def column(self, pos: int) -> Column:
        """The cells at position `pos` (None past a row's end), as a `loaders.columns.Column`."""
        return Column.of(cells[pos] if pos < len(cells) else None for cells in self.rows)

    def head(self, count: int) -> list[list[Any]]:
        """The first `count` data rows (where a header written over several rows ends)."""
        return [list(cells) for cells in self.rows[:count]]

    def tail(self, count: int) -> list[list[Any]]:
        """The last `count` data rows (where a signature block sits)."""
        return [list(cells) for cells in self.rows[-count:]] if count else []


class ColumnTable(RawTable):
    """A `RawTable` read column by column (a large plain CSV file, by pyarrow): its `rows` are made
    only when asked for; `column` gives a column as read.

    >>> t = ColumnTable("a.csv", "s", ["id", "nama"], [Column.of(["S1", "S2"]), Column.of(["Naik", "Naik"])], [2, 3])
    >>> t.rows, t.column(1).values
    ([['S1', 'Naik'], ['S2', 'Naik']], ['Naik'])
    """

    def __init__(self, source: str, sheet: str, headers: list[str], columns: list[Column], row_numbers: list[int]):
        self._columns: list[Column] | None = columns
        self._rows: list[list[Any]] | None = None
        super().__init__(source, sheet, headers, None, row_numbers)  # type: ignore[arg-type]

    @property  # type: ignore[override]
    def rows(self) -> list[list[Any]]:
        if self._rows is None:
            assert self._columns is not None
            cells = [[c.values[k] for k in c.codes.tolist()] for c in self._columns]
            self._rows = [list(row) for row in zip(*cells)]
            self._columns = None  # rows may be changed in place from now on: they are the table
        return self._rows

    @rows.setter
    def rows(self, value: list[list[Any]] | None) -> None:
        if value is not None:
            self._rows, self._columns = value, None

    def __eq__(self, other: object) -> bool:
        """As a `RawTable`; tables told apart by name or shape are, without making their rows."""
        if self is other:
            return True
        if not isinstance(other, RawTable) or (self.source, self.sheet, self.headers, self.row_numbers) != (
                other.source, other.sheet, other.headers, other.row_numbers):
            return False
        return RawTable.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def head(self, count: int) -> list[list[Any]]:
        if self._columns is None:
            return super().head(count)
        cells = [[c.values[k] for k in c.codes[:count].tolist()] for c in self._columns]
        return [list(row) for row in zip(*cells)]

    def tail(self, count: int) -> list[list[Any]]:
        if self._columns is None:
            return super().tail(count)
        cells = [[c.values[k] for k in c.codes[-count:].tolist()] for c in self._columns] if count else []
        return [list(row) for row in zip(*cells)]

    def column(self, pos: int) -> Column:
        if self._columns is None:
            return super().column(pos)
        if pos >= len(self._columns):
            return Column.blank_of(len(self.row_numbers))
        return self._columns[pos]


def _filled(cells: Sequence[Any]) -> int:
    return sum(not is_blank(c) for c in cells)


def is_heading(value: Any) -> bool:
    """A cell that can head a column: words, or a calendar year (``2021`` over ``Target | Rp``); not a
    figure, a code or a column number.

    >>> is_heading("Target"), is_heading(2021), is_heading("1.03.02"), is_heading(5_000_000)
    (True, True, False, False)
    """
    if isinstance(value, str) and not _NUMBER.fullmatch(value.strip()):
        return True
    text = str(value).strip().removesuffix(".0")
    return isinstance(value, (int, float, str)) and text.isdigit() and 1900 <= int(text) <= 2100


def year_index_row(header: Sequence[Any], cells: Sequence[Any]) -> list[Any] | None:
    """The row of year numbers ``1 … 5`` under one merged ``TARGET KINERJA … PADA TAHUN KE-`` heading
    (Permendagri 86/2017's tujuan / sasaran tables), as header text; None for any other row (a numbering
    row numbers every column from the first).

    >>> year_index_row(["NO", "TUJUAN", "TARGET PADA TAHUN KE-", None, None], [None, None, 1, 2, 3])
    [None, None, '1', '2', '3']
    >>> year_index_row(["NO", "TUJUAN", "TARGET"], [1, 2, 3]) is None
    True
    """
    filled = [pos for pos, c in enumerate(cells) if not is_blank(c)]
    if len(filled) < 2 or filled != list(range(filled[0], filled[0] + len(filled))):
        return None
    try:
        numbers = [int(str(cells[pos]).strip().removesuffix(".0")) for pos in filled]
    except ValueError:
        return None
    first = filled[0]
    heading = header[first] if first < len(header) else None
    if numbers != list(range(1, len(filled) + 1)) or is_blank(heading) or not _TAHUN_KE.search(canonical(heading)):
        return None
    if any(pos < len(header) and not is_blank(header[pos]) for pos in filled[1:]):
        return None
    return [str(c).strip().removesuffix(".0") if not is_blank(c) else None for c in cells]


def _header_like(cells: Sequence[Any]) -> bool:
    """Two filled cells or more, most of them headings (words, years): a data row holds codes and figures."""
    filled = [c for c in cells if not is_blank(c)]
    return len(filled) >= 2 and 2 * sum(map(is_heading, filled)) > len(filled)


def _text(cells: Iterable[Any]) -> list[str]:
    return ["" if c is None else str(c).strip() for c in cells]


def table_from_rows(source: str, sheet: str, rows: Iterable[Sequence[Any]]) -> RawTable:
    """Split grid rows (numbered from 1) into a header and data rows.

    The header is the first row of words (two filled cells or more, mostly not numbers) with no
    fewer filled cells than the next filled row, so title lines above it (``Renja 2025 | Kab. Kutai
    Kartanegara``) are skipped; the filled rows right above it of two cells or more are kept as its
    group rows (`RawTable.above`). Blank rows are dropped but keep their numbering, as the
    spreadsheet shows it.

    >>> table_from_rows("a.csv", "s", [["Renja 2025", "Kukar"], ["id", "nama", "pagu"], ["S1", "Jalan", 5]]).headers
    ['id', 'nama', 'pagu']
    """
    headers: list[str] | None = None
    titles: list[tuple[int, str]] = []
    candidate: tuple[int, Sequence[Any]] | None = None
    seen: list[tuple[int, Sequence[Any]]] = []  # the filled rows up to the candidate
    body: list[list[Any]] = []
    numbers: list[int] = []
    for number, cells in enumerate(rows, start=1):
        if headers is None:
            filled = _filled(cells)
            if not filled:
                continue
            if len(titles) < _TITLE_ROWS:
                titles.append((number, " ".join(_text(c for c in cells if not is_blank(c)))))
            if candidate is not None and (_filled(candidate[1]) >= filled or not _header_like(cells)):
                headers = _text(candidate[1])
            elif _header_like(cells):
                candidate = (number, cells)
                seen = (seen + [(number, list(cells))])[-(_GROUP_ROWS + 1):]
                continue
            else:
                seen = (seen + [(number, list(cells))])[-(_GROUP_ROWS + 1):]
                continue
        if any(not is_blank(c) for c in cells):
            body.append(list(cells))
            numbers.append(number)
    if headers is None and candidate is not None:
        headers = _text(candidate[1])
    above: list[list[Any]] = []
    if candidate is not None:
        expected = candidate[0] - 1
        for number, cells in reversed(seen[:-1]):
            if number != expected or _filled(cells) < 2:
                break
            above.insert(0, cells)
            expected -= 1
    header_row = None if candidate is None else candidate[0]
    first_group = header_row - len(above) if header_row is not None else None
    return RawTable(source, sheet, headers or [], body, numbers, above=above if headers else [],
                    titles=[(n, text) for n, text in titles if first_group is not None and n < first_group])


_SIGNATURE = re.compile(
    r"(mengetahui|menyetujui|disetujui|diperiksa|dibuat oleh|disusun oleh|ditetapkan|kepala|plt|plh|pj|a\.\s?n|an|"
    r"sekretaris|bupati|wali\s?kota|gubernur|camat|nip|pembina|penata)\b"
    r"|.*,\s*(\d{1,2}\s+)?(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember"
    r"|\.{3,})\s*(\d{4})?\s*$", re.IGNORECASE)
_CODE = re.compile(r"[0-9xX]+(\.[0-9xX]+)+\.?")
_FOOTER_SCAN = 40  # rows from the end a signature block can start in
_FOOTER_CELLS = 3  # a signature row holds at most this many cells (two signers side by side, a date)


def without_footer(table: RawTable) -> RawTable:
    """`table` without the signature block printed under it (see `_footer_start`): what a printed
    report (a Renja, a Renstra matrix, a SIPD print) ends with, never a line.

    >>> t = RawTable("r.xlsx", "Renja", ["KODE", "NAMA"], [["1.03.02.2.01.0013", "Jalan"], ["Mengetahui,"],
    ...              ["Kepala Dinas"], ["NIP. 1970"]], [2, 4, 5, 6])
    >>> without_footer(t).row_numbers
    [2]
    """
    tail = table.tail(_FOOTER_SCAN)
    cut = _footer_start(tail)
    first = len(table.row_numbers) - len(tail)
    noted = [pos for pos in range(_sparse_start(tail), len(tail)) if _unit_note(tail[pos])]
    notes = [(table.row_numbers[first + pos], " ".join(_text(c for c in tail[pos] if not is_blank(c))))
             for pos in noted]
    if noted:  # a unit note under the table (``Ket: dalam ribuan rupiah``) is no row, nor is what follows it
        cut = min(cut, noted[0])
    if cut == len(tail):
        return table
    keep = len(table.row_numbers) - (len(tail) - cut)
    return RawTable(table.source, table.sheet, table.headers, table.rows[:keep], table.row_numbers[:keep],
                    table.labels, issues=table.issues, above=table.above, titles=table.titles,
                    notes=table.notes + notes)


def _sparse_start(body: Sequence[Sequence[Any]]) -> int:
    """Where the sparse text-only rows that end a table begin (`len(body)` when the last row holds data)."""
    start = len(body)
    while start and _sparse_text(body[start - 1]):
        start -= 1
    return start


def _unit_note(cells: Sequence[Any]) -> bool:
    """A note line naming a money unit (``*) Angka dalam ribuan rupiah``), not a data row."""
    return any(isinstance(c, str) and note_unit(c) is not None for c in cells)


def _footer_start(body: Sequence[Sequence[Any]]) -> int:
    """Where the signature block under a table starts (``Mengetahui,`` / ``Kepala Dinas …`` / the name /
    ``NIP. …``, or a place and date): the first signature row among the sparse text-only rows that end
    the table; `len(body)` when there is none.

    >>> _footer_start([["1.03.02.2.01.0013", "Jalan", 5], [None, "JUMLAH", 5], ["Tenggarong, 2 Januari 2026"],
    ...                ["Mengetahui,"], ["Ir. Budi"], ["NIP. 19700101 199503 1 002"]])
    2
    >>> _footer_start([["1.03.02", "Program"], ["1.03.02.2.01.0013", "Jalan"]])
    2
    >>> _footer_start([["1.03.02.2.01.0013", "Jalan", 5], ["Tenggarong, 2 Januari 2026\\nKepala Dinas\\nNIP. 1970"]])
    1
    """
    for pos in range(_sparse_start(body), len(body)):
        if any(isinstance(c, str) and any(_SIGNATURE.match(line.strip()) for line in c.splitlines())
               for c in body[pos]):  # a signature typed in one cell, a line each
            return pos
    return len(body)


def _sparse_text(cells: Sequence[Any]) -> bool:
    """Few cells, all words: no figure and no code."""
    filled = [c for c in cells if not is_blank(c)]
    return len(filled) <= _FOOTER_CELLS and all(isinstance(c, str) and not _CODE.fullmatch(c.strip()) for c in filled)


def named_headers(levels: Sequence[Sequence[Any]]) -> list[str]:
    """The lowest header row of `levels` (top first) with each blank cell named by the nearest filled
    cell above it: the one rule that gives a column whose heading sits in a group row its name.

    >>> named_headers([["KODE", None, "NOMENKLATUR"], ["URUSAN", "BIDANG", None]])
    ['URUSAN', 'BIDANG', 'NOMENKLATUR']
    """
    width = max((len(level) for level in levels), default=0)
    names = []
    for pos in range(width):
        texts = [str(level[pos]).strip() for level in levels if pos < len(level) and not is_blank(level[pos])]
        names.append(texts[-1] if texts else "")
    return names


def scaled_money(table: RawTable, positions: Iterable[int], titles: Sequence[tuple[int, str]] = ()
                 ) -> tuple[RawTable, list[Any]]:
    """`table` with the money columns at `positions` in rupiah, and a warning per column scaled.

    A column whose heading ends with its unit (``Pagu (Rp 000)``, ``DANA TAHUN 1 Rp. Juta``:
    `loaders.numbers.money_unit`) counts in that unit; a column headed without one counts in the unit
    a title line above the table names (``(dalam ribuan rupiah)``: `loaders.numbers.noted_unit`), else in
    the unit a note line under it names (``*) Angka dalam ribuan rupiah``: `RawTable.notes`); a title and
    a note naming different units are an error at the note (nothing is scaled). Each
    figure is multiplied exactly (`loaders.numbers.scaled`); a cell that is no number is left for
    validation to name.

    >>> t = RawTable("r.xlsx", "Renja", ["KODE", "Pagu (Rp 000)"], [["1.03.02.2.01.0013", "1.250,5"]], [5])
    >>> rupiah, issues = scaled_money(t, [1])
    >>> rupiah.rows, [(i.rule, i.column, i.params["factor"]) for i in issues]
    ([['1.03.02.2.01.0013', 1250500]], [('money_scaled', 'Pagu (Rp 000)', ('1.000', '1,000'))])
    """
    above = next(((row, text, factor) for row, text in titles if (factor := noted_unit(text)) is not None), None)
    below = next(((row, text, factor) for row, text in table.notes if (factor := note_unit(text)) is not None), None)
    noted = above or below
    factors: dict[int, int] = {}
    issues = []
    positions = list(positions)
    bare = [table.labels[pos] for pos in positions if pos < len(table.labels) and money_unit(table.labels[pos]) is None]
    if above is not None and below is not None and above[2] != below[2] and bare:
        return table, [make_issue("money_unit_conflict", source=table.source, sheet=table.sheet, row=below[0],
                                  column=bare[0], value=below[1], title=above[1], title_row=above[0])]
    for pos in positions:
        label = table.labels[pos] if pos < len(table.labels) else ""
        unit = money_unit(label)
        if unit is not None:
            factor, row, said = unit[1], None, label
        elif noted is not None:
            row, said, factor = noted
        else:
            continue
        if factor == 1:
            continue
        factors[pos] = factor
        issues.append(make_issue("money_scaled", source=table.source, sheet=table.sheet, row=row, column=label,
                                 value=said, factor=(number(factor, "id"), number(factor, "en"))))
    if not factors:
        return table, []
    rows = [list(cells) for cells in table.rows]
    for cells in rows:
        for pos, factor in factors.items():
            if pos < len(cells):
                cells[pos] = scaled(cells[pos], factor)
    return RawTable(table.source, table.sheet, table.headers, rows, list(table.row_numbers), table.labels,
                    issues=table.issues, above=table.above, titles=table.titles, notes=table.notes), issues


ROW_SPAN = 1 << 21
"""Row numbers of a stacked table (`stack_tables`): sheet k's row n is ``k * ROW_SPAN + n`` (a sheet
has at most 1,048,576 rows)."""


def stack_tables(parts: Sequence[RawTable], sheets: Sequence[str]) -> RawTable:
    """The same table of several sheets (equal headers) as one: rows in sheet order, each numbered
    ``k * ROW_SPAN + row`` for sheet ``sheets[k]``; `unstacked` gives an issue back its sheet and row.

    >>> a = RawTable("w.xlsx", "PUPR", ["kode"], [["1.03"]], [5])
    >>> b = RawTable("w.xlsx", "Dinkes", ["kode"], [["1.02"]], [7])
    >>> t = stack_tables([a, b], ["PUPR", "Dinkes"])
    >>> t.sheet, t.rows, [divmod(n, ROW_SPAN) for n in t.row_numbers]
    ("'PUPR' + 'Dinkes'", [['1.03'], ['1.02']], [(0, 5), (1, 7)])
    """
    first = parts[0]
    rows: list[list[Any]] = []
    numbers: list[int] = []
    for part in parts:
        offset = sheets.index(part.sheet) * ROW_SPAN
        rows += part.rows
        numbers += [offset + n for n in part.row_numbers]
    label = " + ".join(f"'{name}'" for name in sheets)
    return RawTable(first.source, label, list(first.headers), rows, numbers, list(first.labels), sheets=list(sheets))


def unstacked(issue: Any, stacks: dict[str, list[str]]) -> Any:
    """`issue` at the sheet and row it names, when it names a row of a stacked table (see
    `stack_tables`): row numbers in its parameters (``other``, ``rows``) are told the same way."""
    sheets = stacks.get(issue.sheet) if issue.row is not None else None
    if not sheets or issue.row < ROW_SPAN:
        return issue

    def place(number: int) -> str:
        sheet, row = divmod(number, ROW_SPAN)
        return f"{row} ('{sheets[sheet]}')"

    params = dict(issue.params)
    if isinstance(params.get("other"), int) and params["other"] >= ROW_SPAN:
        params["other"] = place(params["other"])
    if isinstance(params.get("rows"), str):
        params["rows"] = re.sub(r"\d+", lambda m: place(int(m[0])) if int(m[0]) >= ROW_SPAN else m[0], params["rows"])
    sheet, row = divmod(issue.row, ROW_SPAN)
    return type(issue)(source=issue.source, sheet=sheets[sheet], row=row, column=issue.column, value=issue.value,
                       rule=issue.rule, params=params, severity=issue.severity)
