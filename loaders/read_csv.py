"""Read CSV files — one file, a folder of ``<table>.csv`` or a .zip of them — into `RawTable`s.

Text is UTF-8 (with or without BOM), falling back to cp1252 and latin-1 as older Excel writes
it, or UTF-16 with BOM (Excel's "Unicode Text"); the delimiter (``,`` ``;`` or tab) is sniffed from the first lines. Cells stay text.

>>> t = read_csv_bytes("id;nama\\nS1;Kemiskinan turun\\n".encode("cp1252"), "s.csv", "sasaran")
>>> t.headers, t.rows
(['id', 'nama'], [['S1', 'Kemiskinan turun']])
"""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from base.errors import LoadError
from loaders.messages import make_issue
from loaders.readers import RawTable, table_from_rows

__all__ = ["read_csv", "read_csv_bytes", "read_csv_folder", "read_csv_zip", "csv_members", "looks_binary"]

_DELIMITERS = (",", ";", "\t")
csv.field_size_limit(1 << 30)  # a long text cell is not an error


_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    """True for data no planner would call text (NUL bytes in the first 64 KB, unless UTF-16)."""
    return b"\x00" in data[:65536] and not data.startswith(_UTF16)


def _decode(data: bytes) -> str:
    if data.startswith(_UTF16):  # Excel's "Unicode Text" export
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    head = text[:8192].splitlines()[:5]
    counts = {d: sum(line.count(d) for line in head) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: counts[d])


def read_csv_bytes(data: bytes, source: str, sheet: str) -> RawTable:
    """One CSV file's bytes as a table; raises LoadError if the data is binary or empty."""
    if looks_binary(data):
        raise LoadError(
            [make_issue("file_type", source=source, expected="CSV", found=("data biner", "binary data"))]
        )
    text = _decode(data)
    if not text.strip():
        raise LoadError([make_issue("empty", source=source)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return table_from_rows(source, sheet, reader)


def read_csv(path: Path, source: str | None = None) -> RawTable:
    path = Path(path)
    return read_csv_bytes(path.read_bytes(), source or path.name, path.stem)


def _read_all(parts: list[tuple[bytes, str, str]]) -> list[RawTable]:
    """Read every part, reporting the problems of all broken files at once."""
    tables: list[RawTable] = []
    issues = []
    for data, source, sheet in parts:
        try:
            tables.append(read_csv_bytes(data, source, sheet))
        except LoadError as exc:
            issues.extend(exc.issues)
    if issues:
        raise LoadError(issues)
    return tables


def read_csv_folder(path: Path) -> list[RawTable]:
    """Every ``*.csv`` directly inside the folder, by name."""
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    return _read_all([(p.read_bytes(), f"{path.name}/{p.name}", p.stem) for p in files])


def csv_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The CSV files in a zip, leaving out folders and macOS resource forks."""
    return sorted(
        (
            info
            for info in archive.infolist()
            if not info.is_dir()
            and info.filename.lower().endswith(".csv")
            and not info.filename.startswith("__MACOSX/")
            and not PurePosixPath(info.filename).name.startswith("._")
        ),
        key=lambda info: info.filename,
    )


def read_csv_zip(path: Path) -> list[RawTable]:
    """Every CSV file inside the zip (in any folder), named by its file stem."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = [
                (archive.read(info), f"{path.name}/{info.filename}", PurePosixPath(info.filename).stem)
                for info in csv_members(archive)
            ]
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:  # damaged, odd, encrypted
        raise LoadError(
            [make_issue("file_type", source=path.name, expected="ZIP", found=(f"rusak ({exc})", f"damaged ({exc})"))]
        ) from None
    return _read_all(parts)
