"""Read a binary Excel 97-2003 workbook (``.xls``, BIFF8) into one `RawTable` per sheet, as `read_xlsx`
reads an ``.xlsx``: cached values, merged cells blank but their first, rows numbered as Excel shows
them, a fractional number kept with the text its format shows (`loaders.readers.Shown`), hidden
rows and sheets warned about, a merged header that hides a column an error. Many government
systems still save this format (SIPD's and SIMDA's "Excel" downloads, files passed on for years).

>>> import tempfile, pathlib, xlwt
>>> path = pathlib.Path(tempfile.mkdtemp()) / "renja.xls"
>>> wb = xlwt.Workbook(); ws = wb.add_sheet("Renja")
>>> for r, row in enumerate([["KODE SUB KEGIATAN", "JUMLAH PAGU"], ["1.03.02.2.01.0013", 1250000]]):
...     for c, value in enumerate(row):
...         ws.write(r, c, value)
>>> wb.save(str(path))
>>> t, = read_xls(path)
>>> t.headers, t.rows, t.row_numbers
(['KODE SUB KEGIATAN', 'JUMLAH PAGU'], [['1.03.02.2.01.0013', 1250000]], [2])
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from base.errors import Issue, LoadError
from loaders.controls import strip_controls
from loaders.messages import make_issue
from loaders.read_xlsx import merged_header_issues
from loaders.readers import RawTable, shown_number, table_from_rows

__all__ = ["read_xls"]

_MAX_LISTED = 20
_NOT_READ = ("Excel 97-2003 (.xls) yang rusak, dokumen Office lama (Word, PowerPoint), "
             "atau Excel yang dikunci kata sandi",
             "a damaged Excel 97-2003 (.xls) file, an old Office document (Word, PowerPoint), or a password-protected "
             "Excel file")


def _number_format(book, cell) -> str | None:
    try:
        return book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    except (IndexError, KeyError, AttributeError, TypeError):
        return None


def _value(book, cell) -> Any:
    """A cell as openpyxl gives an .xlsx cell: text, a number (a fraction with its shown text), a
    datetime, a bool, an error as its text (``#N/A``), None when empty."""
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        value = cell.value
        if value.is_integer():
            return int(value) if abs(value) < 2**53 else value
        return shown_number(value, _number_format(book, cell))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell.value


def _rows(book, sheet) -> Iterator[list[Any]]:
    for r in range(sheet.nrows):
        yield [_value(book, cell) for cell in sheet.row(r)]


def _checks(sheet, table: RawTable) -> list[Issue]:
    issues: list[Issue] = []
    if getattr(sheet, "visibility", 0):
        issues.append(make_issue("hidden_sheet", source=table.source, sheet=table.sheet))
    rows_info = getattr(sheet, "rowinfo_map", {}) or {}
    hidden = [n for n in table.row_numbers if (info := rows_info.get(n - 1)) is not None and info.hidden]
    if hidden:
        shown = ", ".join(map(str, hidden[:_MAX_LISTED])) + (" …" if len(hidden) > _MAX_LISTED else "")
        issues.append(make_issue("hidden_rows", source=table.source, sheet=table.sheet, count=len(hidden), rows=shown))
    spans = [(clo, rlo + 1, chi - 1, rhi) for rlo, rhi, clo, chi in sheet.merged_cells]
    if spans:
        issues += merged_header_issues(spans, table)
    return issues + strip_controls(table)


def read_xls(path: Path, source: str | None = None) -> list[RawTable]:
    """Every sheet of the workbook with a header row; raises LoadError if it is not one xlrd can read."""
    import xlrd  # imported here: only an .xls load pays for it

    source = source or Path(path).name
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        try:
            tables = []
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                table = table_from_rows(source, sheet.name, _rows(book, sheet))
                if table.headers:
                    table.issues.extend(_checks(sheet, table))
                    tables.append(table)
        finally:
            book.release_resources()
    # xlrd raises many kinds of errors on a damaged, encrypted or non-Excel OLE file: none a planner can act on
    except Exception:
        raise LoadError([make_issue("file_type", source=source, expected="Excel (.xls)", found=_NOT_READ)]) from None
    return tables
