"""Read CSV files — one file, a folder of ``<table>.csv`` or a .zip of them — into `RawTable`s.

Text is UTF-8 (with or without BOM; a few stray bytes are read as Windows-1252 with a warning
naming their line), cp1252 or latin-1 as older Excel writes it, or UTF-16 with BOM (Excel's
"Unicode Text"); the delimiter (``,`` ``;`` or tab) is the one that splits the first lines evenly.
Cells stay text.

>>> t = read_csv_bytes("id;nama\\nS1;Kemiskinan turun\\n".encode("cp1252"), "s.csv", "sasaran")
>>> t.headers, t.rows
(['id', 'nama'], [['S1', 'Kemiskinan turun']])
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import numpy as np

from base.errors import Issue, LoadError
from base.i18n import Phrase
from base.spreadsheet import unneutralise
from loaders.columns import Column
from loaders.controls import CONTROL, strip_controls
from loaders.messages import make_issue
from loaders.readers import ColumnTable, RawTable, table_from_rows

__all__ = ["read_csv", "read_csv_bytes", "read_csv_folder", "read_csv_zip", "csv_members", "looks_binary", "decode_text"]

_DELIMITERS = (",", ";", "\t")
csv.field_size_limit(1 << 30)  # a long text cell is not an error


_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])


def looks_binary(data: bytes) -> bool:
    """True for data no planner would call text: a NUL in the first 64 KB and control bytes
    making up more than 1% of it (unless UTF-16). A stray NUL or BEL in a name is text with a
    control character (taken out, with a warning)."""
    head = data[:65536]
    if b"\x00" not in head or data.startswith(_UTF16):
        return False
    return (len(head) - len(head.translate(None, _CONTROL_BYTES))) * 100 > len(head)


_FOREIGN = re.compile("[^\x00-\x7f\udc80-\udcff]")
_STRAY = re.compile("[\udc80-\udcff]+")
_NEUTRALISED = re.compile("'[=+\\-@\t\r]")


def decode_text(data: bytes, source: str, sheet: str) -> tuple[str, list[Issue]]:
    """The text of `data` and a warning per line where bytes had to be guessed.

    A file that is UTF-8 but for a few stray bytes (a cell pasted from an old Excel) stays UTF-8:
    only those bytes are read as Windows-1252, each line is named. A file with no UTF-8 at all is
    Windows-1252 (or latin-1) as older Excel writes it.
    """
    if data.startswith(_UTF16):  # Excel's "Unicode Text" export
        return data.decode("utf-16"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="surrogateescape")
    if not _FOREIGN.search(text):  # not one valid UTF-8 character beyond ASCII: a legacy code page
        for encoding in ("cp1252", "latin-1"):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                continue
    issues: list[Issue] = []
    line, at = 1, 0

    def legacy(match: re.Match) -> str:
        nonlocal line, at
        raw = match.group().encode("utf-8", errors="surrogateescape")
        fixed = raw.decode("cp1252", errors="replace").replace("\ufffd", "?")
        line += text.count("\n", at, match.start())
        at = match.start()
        if len(issues) < 20:
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.end())
            context = _STRAY.sub("?", text[start:end if end >= 0 else len(text)])[:120]
            issues.append(make_issue("bad_bytes", source=source, sheet=sheet, row=line, value=context,
                                     bytes=" ".join(f"0x{b:02X}" for b in raw)))
        return fixed

    return _STRAY.sub(legacy, text), issues


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of fields (more than one):
    a semicolon file with commas inside its names is still a semicolon file."""
    head = [line for line in text[:16384].splitlines()[:10] if line.strip()]
    best, best_score = ",", (-1, 0)
    for delimiter in _DELIMITERS:
        widths = [len(row) for row in csv.reader(head, delimiter=delimiter)]
        if not widths:
            continue
        common = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = delimiter, score
    return best


_COLUMNAR_MIN = 1 << 16
"""Files from this size (bytes) are read column by column (pyarrow) when they can be: see `_read_columns`."""


def _head_records(text: str, delimiter: str, count: int = 3) -> list[list[str]]:
    """The first `count` records of `text` with at least one filled cell (fewer when the head ends)."""
    records = []
    for record in csv.reader(io.StringIO(text[:1 << 16], newline=""), delimiter=delimiter):
        if any(c.strip() for c in record):
            records.append(record)
            if len(records) == count:
                break
    return records


def _read_columns(data: bytes, text: str, source: str, sheet: str, delimiter: str) -> RawTable | None:
    """The table `read_csv_bytes` reads, read by pyarrow column by column, or None when this file needs
    the row-by-row reader. Only a plain file qualifies: UTF-8, its header on the first line, every
    record as wide as the header (pyarrow refuses any other), nothing neutralised or to take out.
    Blank lines and rows of blank cells are dropped and keep their numbers, as `table_from_rows` does."""
    try:  # imported here: small files need not pay for it
        import pyarrow as pa
        from pyarrow import csv as pacsv
    except ImportError:  # a dependency (and streamlit's); without it every file is read row by row
        return None

    head = _head_records(text, delimiter)
    if len(head) < 2 or not text.startswith(_joined(head[0], delimiter)):
        return None
    probe = table_from_rows(source, sheet, head)
    if probe.row_numbers[:1] != [2] or probe.headers != [c.strip() for c in head[0]]:
        return None  # a title above the header, or a header narrower than the data: the row reader decides
    width = len(head[0])
    names = [f"c{i}" for i in range(width)]
    try:
        read = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    columns = []
    for name in names:
        encoded = read[name].slice(1).combine_chunks().dictionary_encode()
        columns.append(Column(encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False)))
    if [read[n][0].as_py() for n in names] != head[0]:
        return None
    numbers = np.arange(2, read.num_rows + 1)
    filled = np.zeros(read.num_rows - 1, dtype=bool)
    for column in columns:
        filled |= ~column.blanks()
    if not filled.all():
        keep = np.flatnonzero(filled)
        numbers = numbers[keep]
        for column in columns:
            column.codes = column.codes[keep]
    return ColumnTable(source, sheet, [c.strip() for c in head[0]], columns, numbers.tolist())


def _joined(record: list[str], delimiter: str) -> str:
    """A record as plain text, when none of its cells needs quotes."""
    if any(delimiter in c or '"' in c or "\n" in c or "\r" in c for c in record):
        return "\0"  # never a prefix of the text: the row reader decides
    return delimiter.join(record)


def read_csv_bytes(data: bytes, source: str, sheet: str) -> RawTable:
    """One CSV file's bytes as a table; raises LoadError if the data is binary or empty.

    Control characters are taken out of cells, and a leading ``'`` that Kaskade (or any careful
    exporter) put before a formula start is taken off (`base.spreadsheet`); both with a warning
    in `RawTable.issues` where something was changed that the planner did not write.
    """
    if looks_binary(data):
        raise LoadError(
            [make_issue("file_type", source=source, expected="CSV", found=Phrase("issue.found.binary"))]
        )
    text, issues = decode_text(data, source, sheet)
    if not text.strip():
        raise LoadError([make_issue("empty", source=source)])
    delimiter = _delimiter(text)
    if (len(data) >= _COLUMNAR_MIN and not issues and not data.startswith(_UTF16)
            and not _NEUTRALISED.search(text) and not CONTROL.search(text)):
        table = _read_columns(data, text, source, sheet, delimiter)
        if table is not None:
            return table
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if _NEUTRALISED.search(text):
        reader = ([unneutralise(c) for c in row] for row in reader)
    table = table_from_rows(source, sheet, reader)
    if CONTROL.search(text):
        issues += strip_controls(table)
    table.issues.extend(issues)
    return table


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
    except RuntimeError:  # a password-protected member
        found = ("ZIP yang dikunci kata sandi", "a password-protected ZIP")
        raise LoadError([make_issue("file_type", source=path.name, expected="ZIP", found=found)]) from None
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError):  # damaged or an odd compression
        found = ("ZIP yang rusak atau dikompresi dengan cara yang tidak didukung",
                 "a damaged ZIP, or one compressed in a way not supported")
        raise LoadError([make_issue("file_type", source=path.name, expected="ZIP", found=found)]) from None
    return _read_all(parts)
