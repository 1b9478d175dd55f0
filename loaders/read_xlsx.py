"""Read an .xlsx workbook into one `RawTable` per sheet (cached values, not formulas).

What the cached values cannot show is read from the sheet's XML and reported on the table
(`RawTable.issues`): a formula with no stored value (a file written by a program and never
calculated in Excel) is an error at its cell, never a silent 0; a merged header cell that leaves
a filled column without a header is an error; hidden rows and hidden sheets load with a warning.

>>> import tempfile, openpyxl, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "kaskade.xlsx"
>>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "sasaran"
>>> ws.append(["id", "nama"]); ws.append(["S1", "Kemiskinan turun"]); ws.append(["S2", "=1000*5"]); wb.save(path)
>>> t, = read_xlsx(path)
>>> t.rows, [(i.rule, i.row, i.column) for i in t.issues]
([['S1', 'Kemiskinan turun'], ['S2', None]], [('formula_no_value', 3, 'nama')])
"""
from __future__ import annotations

import re
from pathlib import Path

from base.errors import Issue, LoadError
from base.i18n import Phrase
from loaders.controls import strip_controls
from loaders.messages import make_issue
from loaders.readers import (RawTable, canonical, column_letter, is_blank, is_heading, named_headers, shown_number,
                             table_from_rows, year_index_row)

__all__ = ["read_xlsx", "merged_header_issues"]

_CELL = re.compile(rb"<c\b([^>]*?)(/?)>")
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_HIDDEN_ROW = re.compile(rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>[^<]")  # a stored value; openpyxl writes an empty <v></v> for a formula
_MAX_LISTED = 20


def _column_index(letters: bytes) -> int:
    """0-based index of a column letter (``A`` -> 0, ``AA`` -> 26)."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _label(table: RawTable, index: int) -> str:
    label = table.labels[index] if index < len(table.labels) else ""
    return label or column_letter(index)


def _formulas_without_value(xml: bytes, table: RawTable) -> list[Issue]:
    """Cells holding ``<f>`` and no (or an empty) ``<v>``: data_only reading gives None for them."""
    issues: list[Issue] = []
    data_rows = set(table.row_numbers)
    found = 0
    for match in _CELL.finditer(xml):
        if match.group(2):
            continue
        end = xml.find(b"</c>", match.end())
        inner = xml[match.end():end]
        if b"<f" not in inner or _VALUE.search(inner):
            continue
        ref = _REF.search(match.group(1))
        if not ref or int(ref.group(2)) not in data_rows:
            continue
        found += 1
        if found <= _MAX_LISTED:
            formula = re.search(rb"<f\b[^>]*>(.*?)</f>", inner, re.S)
            text = "=" + formula.group(1).decode("utf-8", "replace") if formula else "="
            issues.append(make_issue("formula_no_value", source=table.source, sheet=table.sheet,
                                     row=int(ref.group(2)), column=_label(table, _column_index(ref.group(1))),
                                     value=text))
    if found > _MAX_LISTED:
        issues.append(make_issue("formula_no_value_more", source=table.source, sheet=table.sheet,
                                 count=found - _MAX_LISTED))
    return issues


def _header_levels(table: RawTable) -> tuple[list[str], int]:
    """Each column's name over every header row (the group rows above, the header, and up to two rows
    of words under it, such as ``TAHUN 1`` over ``Target | Rp``), and how many rows under the header
    are header rows."""
    under = 0
    rows = []
    for cells in table.rows[:2]:
        filled = [v for v in cells if not is_blank(v)]
        years = year_index_row(rows[-1] if rows else table.headers, cells)
        if years is None and (not filled or not all(map(is_heading, filled))):
            break
        rows.append(years or cells)
        under += 1
    return named_headers([*table.above, table.headers, *rows]), under


def _merged_headers(xml: bytes, table: RawTable) -> list[Issue]:
    """`merged_header_issues` of the merged cells a sheet's XML lists."""
    spans = [(_column_index(c1), int(r1), _column_index(c2), int(r2)) for c1, r1, c2, r2 in _MERGE.findall(xml)]
    return merged_header_issues(spans, table)


def merged_header_issues(spans: list[tuple[int, int, int, int]], table: RawTable) -> list[Issue]:
    """A merged cell above the data whose span leaves a column with data but no header in any header row.
    A ``KODE`` cell merged over unheaded columns is the code split over them, and is read so.
    `spans` are (first column, first row, last column, last row): columns from 0, rows as Excel shows them."""
    first_data = table.row_numbers[0] if table.row_numbers else None
    issues: list[Issue] = []
    names, under = _header_levels(table)
    for start, r1, end, r2 in spans:
        if first_data is None or r2 >= first_data:
            continue
        if start < len(names) and canonical(names[start]).startswith("kode"):
            continue
        hidden = [k for k in range(start + 1, end + 1)
                  if (k >= len(names) or not names[k])
                  and any(k < len(row) and not is_blank(row[k]) for row in table.rows[under:])]
        if hidden:
            cells = f"{column_letter(start)}{r1}:{column_letter(end)}{r2}"
            issues.append(make_issue("merged_header", source=table.source, sheet=table.sheet,
                                     row=r1, column=column_letter(hidden[0]), cells=cells))
    return issues


def _hidden_rows(xml: bytes, table: RawTable) -> list[Issue]:
    hidden = {int(m) for m in re.findall(rb'\br="(\d+)"', b" ".join(_HIDDEN_ROW.findall(xml)))}
    rows = [n for n in table.row_numbers if n in hidden]
    if not rows:
        return []
    shown = ", ".join(map(str, rows[:_MAX_LISTED])) + (" …" if len(rows) > _MAX_LISTED else "")
    return [make_issue("hidden_rows", source=table.source, sheet=table.sheet, count=len(rows), rows=shown)]


def _checks(workbook, sheet, table: RawTable) -> list[Issue]:
    issues: list[Issue] = []
    if sheet.sheet_state in ("hidden", "veryHidden"):
        issues.append(make_issue("hidden_sheet", source=table.source, sheet=table.sheet))
    xml = workbook._archive.read(sheet._worksheet_path)  # the XML openpyxl streams the rows from
    if b"hidden=" in xml:
        issues += _hidden_rows(xml, table)
    if b"<mergeCell" in xml:
        issues += _merged_headers(xml, table)
    if b"<f" in xml:
        issues += _formulas_without_value(xml, table)
    return issues + strip_controls(table)


def _number_format(workbook, style_id: int) -> str | None:
    """The number format of a cell's style (as openpyxl's ``ReadOnlyCell.number_format`` finds it)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        number = workbook._cell_styles[style_id].numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(number)
        return workbook._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, KeyError, AttributeError, TypeError):
        return None


def _shown_rows(workbook, sheet):
    """The sheet's rows of values (openpyxl's own ``values_only`` reading), with a fractional number
    whose format shows it otherwise (2.1 under ``0.00``: ``2.10``) as a `loaders.readers.Shown`: a
    code part Excel stored as a number keeps the digits the planner sees."""
    read_row = sheet._get_row  # openpyxl's: one parsed row (cell dicts with their style) to values
    formats: dict[int, str | None] = {}  # style -> number format, looked up once

    def row_values(row, min_col=1, max_col=None, values_only=False):
        values = read_row(row, min_col, max_col, values_only)
        if not values_only:
            return values
        changed = None
        for cell in row:
            value = cell["value"]
            if value.__class__ is float and (style := cell.get("style_id")) and not value.is_integer():
                if style not in formats:
                    formats[style] = _number_format(workbook, style)
                shown = shown_number(value, formats[style])
                if shown is not value:
                    changed = changed or list(values)
                    changed[cell["column"] - min_col] = shown
        return values if changed is None else tuple(changed)

    sheet._get_row = row_values
    return sheet.iter_rows(values_only=True)


def _declares_entities(path: Path) -> bool:
    """True when an XML part of the workbook opens with a DOCTYPE (entity definitions: what an
    "entity bomb" is made of, and what Excel never writes)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")):
                with archive.open(info) as part:
                    if b"<!DOCTYPE" in part.read(4096).upper():
                        return True
    return False


def read_xlsx(path: Path, source: str | None = None) -> list[RawTable]:
    """Every sheet of the workbook with a header row; raises LoadError if it is not a workbook."""
    import openpyxl  # imported here: a CSV or JSON load need not pay for it

    source = source or Path(path).name
    try:
        if _declares_entities(path):
            raise ValueError("DOCTYPE")
        # A file handle, not the name: openpyxl refuses a workbook whose name does not end in .xlsx.
        with open(path, "rb") as handle:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                tables = []
                for sheet in workbook.worksheets:
                    table = table_from_rows(source, sheet.title, _shown_rows(workbook, sheet))
                    if table.headers:
                        table.issues.extend(_checks(workbook, sheet, table))
                        tables.append(table)
            finally:
                workbook.close()
    # A damaged workbook makes openpyxl raise almost anything, while opening or while reading rows;
    # what it raised is a detail of the library, not something a planner can act on.
    except Exception:
        found = Phrase("issue.found.damaged")
        raise LoadError([make_issue("file_type", source=source, expected="Excel (.xlsx)", found=found)]) from None
    return tables
