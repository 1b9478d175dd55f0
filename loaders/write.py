"""Write a `Dataset` as a Kaskade workbook (.xlsx), a CSV folder, a .zip of CSV, or .json.

What is written loads back equal (``load(write_dataset(ds, p)) == ds``). Output is stable:
tables and columns in model order, rows in dataset order, JSON keys sorted and one row per
line; so a committed CSV or JSON sample diffs cleanly. CSV text that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'`` (`base.spreadsheet`),
which the CSV reader takes off again. Lists are written ``a; b``; in CSV, decimals are written
the Indonesian way (``1250000,5``) so a single dot is never mistaken for thousands.

>>> import tempfile, pathlib
>>> from loaders.models import Dokumen
>>> ds = Dataset(dokumen=(Dokumen(id="RPJMD-KALTIM", jenis="RPJMD", kode_pemda="64",
...                               nama="RPJMD Kaltim", tahun_awal=2025, tahun_akhir=2029),))
>>> folder = write_dataset(ds, pathlib.Path(tempfile.mkdtemp()) / "kaskade")
>>> print((folder / "dokumen.csv").read_text(encoding="utf-8-sig").strip())
id,jenis,kode_pemda,nama,tahun_awal,tahun_akhir
RPJMD-KALTIM,RPJMD,64,RPJMD Kaltim,2025,2029
"""
from __future__ import annotations

import csv
import io
import json
import operator
import os
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from base.errors import CatalogueError
from base.spreadsheet import neutralise
from loaders.models import TABLES, Dataset, Row

__all__ = ["write_dataset", "table_columns", "table_rows", "csv_number", "XLSX_MAX_ROWS"]

XLSX_MAX_ROWS = 1_048_575
"""Data rows an Excel sheet holds (below its header row)."""

_ZIP_TIME = (2025, 1, 1, 0, 0, 0)  # fixed, so the same dataset gives the same zip


def table_columns(name: str, rows: tuple[Row, ...] = ()) -> list[str]:
    """The columns a table is written with: model fields, ``target`` spread over ``target_YYYY``.

    >>> table_columns("tautan")
    ['dari', 'relasi', 'ke', 'status', 'tahun', 'kode_pemda']
    """
    columns = list(TABLES[name].model_fields)
    if name == "indikator":
        years = sorted({year for row in rows for year in row.target})
        at = columns.index("target")
        columns[at : at + 1] = [f"target_{year}" for year in years]
    return columns


def csv_number(value: float) -> str:
    """A float as text that `parse_number` reads back exactly, whatever its size."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text.replace(".", ",")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return "; ".join(value)
    return value


def table_rows(name: str, rows: tuple[Row, ...], columns: list[str], number: Callable[[float], Any]) -> Iterator[list[Any]]:
    """Cell values per row; `number` decides how floats are written."""
    fields = [c for c in columns if not c.startswith("target_")] if name == "indikator" else columns
    years = [int(c[7:]) for c in columns if c.startswith("target_")] if name == "indikator" else []
    get = operator.attrgetter(*fields)
    at = columns.index(f"target_{years[0]}") if years else 0
    for row in rows:
        values = get(row)
        cells = [number(v) if isinstance(v, float) else _plain(v) for v in (values if len(fields) > 1 else (values,))]
        if years:
            target = row.target
            cells[at:at] = [
                None if (v := target.get(y)) is None else number(v) if isinstance(v, float) else v for y in years
            ]
        yield cells


def _csv_text(name: str, rows: tuple[Row, ...]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    columns = table_columns(name, rows)
    writer.writerow(columns)
    for cells in table_rows(name, rows, columns, csv_number):
        writer.writerow([neutralise(v) for v in cells])
    return buffer.getvalue()


def _write_folder(dataset: Dataset, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        # utf-8-sig: Excel opens a BOM-marked CSV as UTF-8 instead of the local code page.
        (folder / f"{name}.csv").write_text(_csv_text(name, getattr(dataset, name)), encoding="utf-8-sig", newline="")


def _write_zip(dataset: Dataset, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in TABLES:
            info = zipfile.ZipInfo(f"{name}.csv", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\ufeff" + _csv_text(name, getattr(dataset, name)))


def _json_row(row: Row) -> dict[str, Any]:
    data = {}
    for key, value in row:
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, dict):
            value = {str(year): v for year, v in sorted(value.items())}
        data[key] = _plain(value)
    return data


def _write_json(dataset: Dataset, path: Path) -> None:
    """One row per line, keys sorted: diffable, and written by the fast (unindented) encoder."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    tables = []
    for name in sorted(TABLES):
        rows = ",\n".join(f"  {encode(_json_row(r))}" for r in getattr(dataset, name))
        tables.append(f" {encode(name)}: [\n{rows}\n ]" if rows else f" {encode(name)}: []")
    path.write_text("{\n" + ",\n".join(tables) + "\n}\n", encoding="utf-8", newline="\n")


def _write_xlsx(dataset: Dataset, path: Path) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    for name in TABLES:
        if len(getattr(dataset, name)) > XLSX_MAX_ROWS:
            raise CatalogueError("write.too_many_rows", table=name, n=len(getattr(dataset, name)), limit=XLSX_MAX_ROWS)
    workbook = openpyxl.Workbook(write_only=True)
    for name in TABLES:
        sheet = workbook.create_sheet(name)
        rows = getattr(dataset, name)
        columns = table_columns(name, rows)
        sheet.append(columns)
        for number, cells in enumerate(table_rows(name, rows, columns, float), start=2):
            for i, value in enumerate(cells):
                if isinstance(value, str) and value.startswith("="):
                    # Text that looks like a formula stays text.
                    cells[i] = WriteOnlyCell(sheet, value=value)
                    cells[i].data_type = "s"
            try:
                sheet.append(cells)
            except IllegalCharacterError:
                raise CatalogueError("write.control_character", table=name, row=number) from None
    workbook.save(path)


def write_dataset(dataset: Dataset, path: str | os.PathLike) -> Path:
    """Write `dataset` to `path`, the format chosen by its suffix; returns the path written.

    ``.xlsx``: one sheet per table. ``.json``: ``{"<table>": [...]}``. ``.zip``: one
    ``<table>.csv`` per table. No suffix (or a trailing ``/``): a folder of ``<table>.csv``.
    """
    text = os.fspath(path)
    target = Path(text)
    suffix = target.suffix.lower()
    target.parent.mkdir(parents=True, exist_ok=True)
    if text.endswith(("/", os.sep)) or not suffix:
        _write_folder(dataset, target)
    elif suffix == ".xlsx":
        _write_xlsx(dataset, target)
    elif suffix == ".json":
        _write_json(dataset, target)
    elif suffix == ".zip":
        _write_zip(dataset, target)
    else:
        raise CatalogueError("write.bad_suffix", name=target.name)
    return target
