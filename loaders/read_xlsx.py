"""Read an .xlsx workbook into one `RawTable` per sheet (cached values, not formulas).

>>> import tempfile, openpyxl, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "kaskade.xlsx"
>>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "sasaran"
>>> ws.append(["id", "nama"]); ws.append(["S1", "Kemiskinan turun"]); wb.save(path)
>>> [(t.sheet, t.rows, t.row_numbers) for t in read_xlsx(path)]
[('sasaran', [['S1', 'Kemiskinan turun']], [2])]
"""
from __future__ import annotations

from pathlib import Path

from base.errors import LoadError
from loaders.messages import make_issue
from loaders.readers import RawTable, table_from_rows

__all__ = ["read_xlsx"]


def read_xlsx(path: Path, source: str | None = None) -> list[RawTable]:
    """Every sheet of the workbook with a header row; raises LoadError if it is not a workbook."""
    import openpyxl  # imported here: a CSV or JSON load need not pay for it

    source = source or Path(path).name
    try:
        # A file handle, not the name: openpyxl refuses a workbook whose name does not end in .xlsx.
        with open(path, "rb") as handle:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                tables = [
                    table_from_rows(source, sheet.title, sheet.iter_rows(values_only=True))
                    for sheet in workbook.worksheets
                ]
            finally:
                workbook.close()
    # A damaged workbook makes openpyxl raise almost anything, while opening or while reading rows.
    except Exception as exc:
        kind = type(exc).__name__
        found = (f"rusak atau tidak lengkap ({kind})", f"damaged or incomplete ({kind})")
        raise LoadError([make_issue("file_type", source=source, expected="Excel (.xlsx)", found=found)]) from None
    return [t for t in tables if t.headers]
