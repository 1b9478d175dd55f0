"""Load any supported file into a validated `Dataset`: format detection, reading, checking.

Formats: the Kaskade workbook (.xlsx, or a binary Excel 97-2003 .xls; one sheet per table), a
folder or .zip of ``<table>.csv``, one .json ``{"<table>": [...]}``, and a SIPD flat export (.xlsx,
.xls or .csv; give `kode_pemda`).
The container is recognised by suffix and magic bytes; a SIPD export by its columns.

`load` is all-or-nothing: it returns a Dataset or raises `LoadError` holding every issue.
`validate_path` returns a `ValidationReport` instead (with the warnings, even when ok).

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.json"
>>> _ = path.write_text(json.dumps({"dokumen": [{"id": "RPJMD-KUKAR", "jenis": "RPJMD",
...     "kode_pemda": "64.02", "nama": "RPJMD Kukar", "tahun_awal": 2025, "tahun_akhir": 2029}]}))
>>> load(path).dokumen[0].tahun_akhir
2029
>>> _ = path.write_text('{"dokumen": [}')
>>> [(i.rule, i.message_en) for i in validate_path(path).errors]
[('json', 'Invalid JSON at line 1, column 14: Expecting value.')]
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any, Literal

from base.collector import collector_paused
from base.errors import Issue, LoadError
from loaders.report import ValidationReport
from loaders.messages import make_issue
from loaders.models import TABLES, Dataset
from loaders.read_csv import csv_members, looks_binary, read_csv, read_csv_folder, read_csv_zip
from loaders.read_json import read_json
from loaders.given import FACTS, Facts
from loaders.read_goals import goals_tables, is_goals
from loaders.read_html import looks_html, read_html
from loaders.read_matrix import is_matrix, matrix_tables
from loaders.read_sipd import is_sipd, sipd_columns, sipd_tables, workbook_tables
from loaders.read_xls import read_xls
from loaders.read_xlsx import read_xlsx
from loaders.readers import RawTable, canonical, unstacked
from loaders.validate import validate_tables

__all__ = ["load", "validate_path", "needed_facts", "read_sheets", "detect_format", "MAX_BYTES", "Format"]

MAX_BYTES = 300 * 1024 * 1024
"""Largest file (or folder, or unpacked zip) read by default: 300 MB."""

Format = Literal["xlsx", "xls", "csv", "folder", "zip", "json", "sipd", "html"]

_EXCEL = {".xlsx", ".xlsm", ".xls"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature an Excel 97-2003 workbook starts with
_TEXT = {".csv", ".txt", ".tsv"}
_TEXT_FOUND = ("teks", "text")
_EXPECTED = {".xlsx": "Excel (.xlsx)", ".xlsm": "Excel (.xlsx)", ".xls": "Excel (.xls)", ".zip": "ZIP",
             ".json": "JSON", ".csv": "CSV"}


def _found(head: bytes) -> tuple[str, str]:
    """What the first bytes of a file say it really is."""
    if head.startswith(b"%PDF"):
        return "PDF", "PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ("Excel 97-2003 (.xls), dokumen Office lama, atau Excel yang dikunci kata sandi",
                "Excel 97-2003 (.xls), an old Office document, or a password-protected Excel file")
    if head.startswith(b"PK"):
        return "ZIP tanpa lembar kerja Excel", "a ZIP without an Excel workbook"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "gambar", "an image"
    if looks_binary(head):
        return "data biner", "binary data"
    return _TEXT_FOUND


def _fail(rule: str, source: str, **params: Any) -> LoadError:
    return LoadError([make_issue(rule, source=source, **params)])


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def detect_format(path: Path, *, max_bytes: int = MAX_BYTES) -> Format:
    """The container `path` really is: ``xlsx``, ``zip`` (of CSV), ``folder``, ``json`` or ``csv``.

    Raises LoadError for a missing, empty, too large or mislabelled file.
    """
    path = Path(path)
    source = path.name
    if path.is_dir():
        size = sum(p.stat().st_size for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        if size > max_bytes:
            raise _fail("too_large", source, size=_megabytes(size), limit=_megabytes(max_bytes))
        return "folder"
    if not path.is_file():
        raise _fail("not_found", source)
    size = path.stat().st_size
    if size > max_bytes:
        raise _fail("too_large", source, size=_megabytes(size), limit=_megabytes(max_bytes))
    if size == 0:
        raise _fail("empty", source)
    with path.open("rb") as handle:
        head = handle.read(512)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                unpacked = sum(i.file_size for i in archive.infolist())
                has_csv = bool(csv_members(archive))
        except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError):
            found = ("ZIP yang rusak", "a damaged ZIP")
            raise _fail("file_type", source, expected=_EXPECTED.get(suffix, "ZIP"), found=found) from None
        if unpacked > max_bytes:
            raise _fail("too_large", source, size=_megabytes(unpacked), limit=_megabytes(max_bytes))
        if "xl/workbook.xml" in names:
            return "xlsx"
        if has_csv or suffix == ".zip":
            return "zip"
        raise _fail("file_type", source, expected=_EXPECTED.get(suffix, "Excel (.xlsx)"), found=_found(head))
    if suffix in (*_EXCEL, ".html", ".htm") and looks_html(head):
        return "html"  # a report's web page saved as .xls
    if head.startswith(_OLE) and suffix in _EXCEL:
        return "xls"  # a binary Excel 97-2003 workbook (or another Office file under an Excel name: read_xls says)
    if suffix in _EXCEL or suffix == ".zip" or _found(head) != _TEXT_FOUND:
        raise _fail("file_type", source, expected=_EXPECTED.get(suffix, "CSV"), found=_found(head))
    if suffix == ".json":
        return "json"
    if suffix not in _TEXT and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return "json"
    return "csv"


def read_sheets(path: Path, *, fmt: Format | None = None, max_bytes: int = MAX_BYTES) -> list[RawTable]:
    """Every sheet (CSV file, JSON key) of `path` as raw tables; raises LoadError."""
    path = Path(path)
    container = detect_format(path, max_bytes=max_bytes)
    if fmt in ("xlsx", "csv", "json", "zip") and container not in ("folder", "xls"):
        container = fmt
    readers = {
        "xlsx": lambda: read_xlsx(path),
        "xls": lambda: read_xls(path),
        "zip": lambda: read_csv_zip(path),
        "folder": lambda: read_csv_folder(path),
        "json": lambda: read_json(path),
        "csv": lambda: [read_csv(path)],
        "html": lambda: [read_html(path)],
    }
    sheets = readers[container]()
    if not sheets:
        rule = "no_sheets" if container in ("folder", "zip") else "empty"
        raise _fail(rule, path.name, expected=", ".join(TABLES), found="-")
    return sheets


def _interpret(
    sheets: list[RawTable], *, source: str, fmt: Format | None, facts: Facts
) -> tuple[dict[str, RawTable], list[Issue]]:
    """Which sheet is which table; a SIPD / Renja table, a matrix or a tujuan / sasaran table becomes
    the tables it implies."""
    issues: list[Issue] = []
    known = [s for s in sheets if canonical(s.sheet) in TABLES]
    goals = [s for s in sheets if s not in known and is_goals(s)]
    matrix = [s for s in sheets if s not in known and s not in goals and is_matrix(s)]
    sipd = [s for s in sheets if s not in goals and s not in matrix and is_sipd(s)]
    lone_sipd = len(sheets) == 1 and sipd and "kode_pemda" not in {canonical(h) for h in sheets[0].headers}
    expected = ", ".join(TABLES)
    if fmt == "sipd" or ((sipd or matrix or goals) and (not known or lone_sipd)):
        if not (sipd or matrix or goals) or (fmt == "sipd" and not sipd):
            raise _fail("no_sheets", source, expected=expected, found=_names(sheets))
        chosen = [max(matrix + sipd, key=lambda s: len(sipd_columns(s.headers)) + 2 * is_matrix(s))] \
            if matrix or sipd else []
        chosen += goals[:1]
        several = len(sipd) > 1 and not matrix  # one agency's Renja per sheet: read as one table
        issues += [_unknown_sheet(s, expected) for s in sheets if s not in chosen and not (several and s in sipd)]
        tables: dict[str, RawTable] = {}
        if several:
            tables, more = workbook_tables(sipd, facts)
            issues += more
            chosen = [s for s in chosen if s not in sipd]
        for sheet in chosen:
            if sheet in goals:
                found, more = goals_tables(sheet, facts)
            elif sheet in matrix:
                found, more = matrix_tables(sheet, facts, goals=not goals)
            else:
                found, more = sipd_tables(sheet, facts=facts)
            tables.update(found)
            said = {i.rule for i in issues}
            issues += [i for i in more if not (i.rule.endswith("_missing") and i.rule in said)]  # said once
        return tables, issues
    if not known:
        raise _fail("no_sheets", source, expected=expected, found=_names(sheets))
    tables = {}
    for sheet in sheets:
        name = canonical(sheet.sheet)
        if name not in TABLES:
            issues.append(_unknown_sheet(sheet, expected))
        elif name in tables:
            other = tables[name]
            issues.append(make_issue("duplicate_sheet", source=sheet.source, sheet=sheet.sheet, table=name,
                                     other=f"{other.source}: {other.sheet}"))
        else:
            tables[name] = sheet
    return tables, issues


def _names(sheets: list[RawTable]) -> str:
    return ", ".join(f"'{s.sheet}'" for s in sheets)


def _unknown_sheet(sheet: RawTable, expected: str) -> Issue:
    return make_issue("unknown_sheet", source=sheet.source, sheet=sheet.sheet, expected=expected)


def validate_path(
    path: str | os.PathLike,
    *,
    kode_pemda: str | None = None,
    tahun: int | None = None,
    kode_skpd: str | None = None,
    nama_skpd: str | None = None,
    tahun_awal: int | None = None,
    nomenclature: Any = None,
    fmt: Format | None = None,
    max_bytes: int = MAX_BYTES,
) -> ValidationReport:
    """Read and check `path`; every problem is in the report, never raised.

    `kode_pemda`, `tahun`, `kode_skpd`, `nama_skpd` and `tahun_awal` are facts a file may not state
    (a SIPD export names no government; a Renja table of one agency no agency; a Renstra matrix
    counts years 1 to 5); a file lacking one it needs gets an error naming the option. `fmt` forces a
    format (``"sipd"`` to read a table as a SIPD export); `nomenclature` (None: the built-in 2027
    table; False: none) names unnamed codes and turns codes not valid in its year into warnings.
    """
    with collector_paused():  # rows and models hold no reference cycles
        try:
            path = Path(path)
            sheets = read_sheets(path, fmt=fmt, max_bytes=max_bytes)
            facts = Facts.of(kode_pemda=kode_pemda, tahun=tahun, kode_skpd=kode_skpd, nama_skpd=nama_skpd,
                             tahun_awal=tahun_awal)
            tables, issues = _interpret(sheets, source=path.name, fmt=fmt, facts=facts)
            issues = [i for sheet in sheets for i in sheet.issues] + issues
        except LoadError as exc:
            return ValidationReport.from_issues(exc.issues, counts={name: 0 for name in TABLES})
        counts = {name: len(tables[name].row_numbers) if name in tables else 0 for name in TABLES}
        dataset, issues = validate_tables(tables, nomenclature=nomenclature, found=issues)
        stacks = {t.sheet: t.sheets for t in tables.values() if t.sheets}  # sheets read as one table
        if stacks:
            issues = [unstacked(i, stacks) for i in issues]
    return ValidationReport.from_issues(issues, counts=counts, dataset=dataset)


def load(
    path: str | os.PathLike,
    *,
    kode_pemda: str | None = None,
    tahun: int | None = None,
    kode_skpd: str | None = None,
    nama_skpd: str | None = None,
    tahun_awal: int | None = None,
    nomenclature: Any = None,
    fmt: Format | None = None,
    max_bytes: int = MAX_BYTES,
) -> Dataset:
    """The validated Dataset in `path`; raises LoadError with every issue if anything is wrong."""
    report = validate_path(
        path, kode_pemda=kode_pemda, tahun=tahun, kode_skpd=kode_skpd, nama_skpd=nama_skpd, tahun_awal=tahun_awal,
        nomenclature=nomenclature, fmt=fmt, max_bytes=max_bytes,
    )
    if not report.ok:
        raise LoadError([*report.errors, *report.warnings])
    assert report.dataset is not None
    return report.dataset


def needed_facts(path: str | os.PathLike, **given: Any) -> tuple[str, ...]:
    """The facts (of `loaders.given.FACTS`, in that order) the file needs and `given` does not hold.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "renja.csv"
    >>> _ = path.write_text("KODE SUB KEGIATAN,PROGRAM DAN KEGIATAN,JUMLAH PAGU\\n1.03.10.2.01.0049,Pelebaran Jembatan,5\\n")
    >>> needed_facts(path), needed_facts(path, kode_pemda="64.02", tahun=2026)
    (('kode_pemda', 'tahun', 'kode_skpd', 'nama_skpd'), ('kode_skpd', 'nama_skpd'))
    """
    path = Path(path)
    try:
        _, issues = _interpret(read_sheets(path), source=path.name, fmt=None, facts=Facts.of(**given))
    except LoadError:
        return ()  # an unreadable file needs no facts; loading it reports why
    rules = {i.rule for i in issues}
    return tuple(name for name in FACTS if f"{name}_missing" in rules)
