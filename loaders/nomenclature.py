"""Official nomenclature tables: the decree's code list with names and who may use each code.

Read from a Kepmendagri lampiran or SIPD master-data workbook or CSV (`load_nomenclature`); the
codes themselves are parsed by `base.codes`.
"""
from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from base.codes import _PLACEHOLDER, _URUSAN, CodeError, _normalize
from loaders.readers import canonical, cell_text

__all__ = ["Nomenclature", "load_nomenclature"]


@dataclass(frozen=True, slots=True)
class _Validity:
    """When and by whom a code may be used, as one row of the official table says."""

    set_prov: bool | None
    set_kab_kota: bool | None
    mulai_tahun: int | None
    kunci_tahun: int | None

    def allows(self, year: int | None, level: str | None, own_level: str | None) -> bool:
        if year is not None:
            if self.mulai_tahun is not None and year < self.mulai_tahun:
                return False
            if self.kunci_tahun is not None and year >= self.kunci_tahun:
                return False
        if level is None:
            return True
        flag = self.set_prov if level == "1" else self.set_kab_kota
        if flag is None:
            return own_level is None or own_level == level
        return flag


class Nomenclature:
    """The official code table of a decree: names and validity per code.

    A code listed only through deeper codes (a kegiatan whose rows are its sub kegiatan) is
    valid when one of those deeper rows is. `kunci_tahun` is the year a code is locked from:
    a code with ``mulai_tahun`` 2021 and ``kunci_tahun`` 2024 is valid 2021 to 2023.
    """

    def __init__(self, names: dict[str, str], rules: dict[str, set[_Validity]],
                 implied: dict[str, set[_Validity]], source: str = ""):
        self._names = names
        self._rules = {code: frozenset(r) for code, r in rules.items()}
        self._implied = {code: frozenset(r) for code, r in implied.items() if code not in rules}
        self.source = source

    def _keys(self, code: str) -> list[str]:
        """The table keys a code may be listed under: itself, then its X.XX support form."""
        text = str(code).strip()
        if _URUSAN.fullmatch(text):
            return [text]
        try:
            text = _normalize(text, _PLACEHOLDER)
        except CodeError:
            return []
        if text[5:7] == "01" and not text.startswith(_PLACEHOLDER):
            return [text, _PLACEHOLDER + text[4:]]
        return [text]

    def _rules_of(self, code: str) -> tuple[str, frozenset[_Validity]] | None:
        for key in self._keys(code):
            rules = self._rules.get(key) or self._implied.get(key)
            if rules is not None:
                return key, rules
        return None

    def name(self, code: str) -> str | None:
        """The official name, e.g. 'Pembangunan Jalan', or None when the table lacks the code."""
        return next((self._names[k] for k in self._keys(code) if k in self._names), None)

    def is_valid(self, code: str, year: int | None = None, level_digit: str | None = None) -> bool:
        """Whether `code` may be used in `year` by a government of `level_digit` ('1' or '2')."""
        found = self._rules_of(code)
        if found is None:
            return False
        key, rules = found
        parts = key.split(".")
        own_level = parts[3] if len(parts) > 3 else None
        return any(rule.allows(year, level_digit, own_level) for rule in rules)

    def __contains__(self, code: object) -> bool:
        """Listed in the file, itself or through deeper codes."""
        return isinstance(code, str) and self._rules_of(code) is not None

    def __len__(self) -> int:
        """The number of codes listed in the file (each row's deepest code)."""
        return len(self._rules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __repr__(self) -> str:
        return f"Nomenclature({len(self)} codes from {self.source or 'memory'})"


# Header spellings (after `loaders.readers.canonical`) in Kepmendagri lampiran and SIPD master
# data, deepest code first.
_CODE_COLUMNS = (
    (("kode_sub_giat", "kode_sub_kegiatan", "kode_subkegiatan"), ("nama_sub_giat", "nama_sub_kegiatan")),
    (("kode_giat", "kode_kegiatan"), ("nama_giat", "nama_kegiatan")),
    (("kode_program",), ("nama_program",)),
    (("kode", "kode_nomenklatur", "kode_rekening"), ("nomenklatur", "nama", "uraian", "nama_nomenklatur")),
)
_EXTRA_COLUMNS = ("set_prov", "set_kab_kota", "mulai_tahun", "kunci_tahun")
_TRUE = {"1", "true", "ya", "y", "v", "\u221a", "\u2713"}
_FALSE = {"0", "false", "tidak", "t", "n", "-"}
_HEADER_SCAN = 30
_MAX_ISSUES = 200


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a sheet keeps its columns: (code, name) pairs, deepest code first, and extras."""

    codes: tuple[tuple[int, int | None], ...]
    extras: dict[str, int]
    labels: tuple[str, ...]


def _layout(cells: list[object]) -> _Layout | None:
    """The column layout of a header row, or None when the row is no header."""
    header = [canonical(c) if c is not None else "" for c in cells]
    pairs = []
    for codes, names in _CODE_COLUMNS:
        code_col = next((header.index(c) for c in codes if c in header), None)
        if code_col is None:
            continue
        name_col = next((header.index(n) for n in names if n in header), None)
        if name_col is None and codes[0] == "kode":
            name_col = next((i for i, h in enumerate(header) if h.startswith("nomenklatur")), None)
        pairs.append((code_col, name_col))
    if not pairs:
        return None
    extras = {e: header.index(e) for e in _EXTRA_COLUMNS if e in header}
    return _Layout(tuple(pairs), extras, tuple("" if c is None else str(c).strip() for c in cells))


def _flag(text: str) -> bool | None:
    low = text.lower()
    if not low:
        return None
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("isi 1/0 atau ya/tidak")


def _year(text: str) -> int | None:
    if not text or text == "0":
        return None
    try:
        year = int(float(text))
    except ValueError:
        year = 0
    if not 1900 <= year <= 2200:
        raise ValueError("bukan tahun")
    return year


class _Builder:
    """Collects codes, names and validity rows from tables, and the issues of bad rows."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.rules: dict[str, set[_Validity]] = {}
        self.implied: dict[str, set[_Validity]] = {}
        self.issues: list = []

    def add_table(self, table) -> bool:
        """Read one `RawTable`; False when it has no header with a code column."""
        layout, start = _layout(table.labels), 0
        for offset, cells in enumerate(table.rows[:_HEADER_SCAN] if layout is None else ()):
            layout = _layout(cells)
            if layout is not None:
                start = offset + 1
                break
        if layout is None:
            return False
        for cells, number in zip(table.rows[start:], table.row_numbers[start:]):
            self._add_row(cells, layout, table.source, table.sheet, number)
        return True

    def _issue(self, rule: str, source: str, sheet: str, row: int, column: str, value: str, **params) -> None:
        from loaders.messages import make_issue

        self.issues.append(make_issue(rule, source=source, sheet=sheet, row=row, column=column,
                                      value=value, **params))

    def _add_row(self, cells: list[object], layout: _Layout, source: str, sheet: str, row: int) -> None:
        def text(col: int | None) -> str:
            return (cell_text(cells[col]) or "") if col is not None and col < len(cells) else ""

        deepest = None
        for code_col, name_col in layout.codes:
            raw = text(code_col)
            if not raw or raw.upper() == "X":
                continue
            try:
                code = raw if _URUSAN.fullmatch(raw) else _normalize(raw, _PLACEHOLDER)
            except CodeError as exc:
                self._issue("code", source, sheet, row, layout.labels[code_col], raw,
                            reason=(exc.reason_id, exc.reason_en))
                return
            name = text(name_col)
            if name:
                self.names[code] = name
            deepest = deepest or code
        if deepest is None or _URUSAN.fullmatch(deepest):
            return
        values: dict[str, object] = {}
        for column in _EXTRA_COLUMNS:
            raw = text(layout.extras.get(column))
            try:
                values[column] = (_flag if column.startswith("set_") else _year)(raw)
            except ValueError:
                label = layout.labels[layout.extras[column]]
                if column.startswith("set_"):
                    self._issue("invalid", source, sheet, row, label, raw,
                                detail=("isi 1/0 atau ya/tidak", "write 1/0 or ya/tidak"))
                else:
                    self._issue("year", source, sheet, row, label, raw)
                return
        rule = _Validity(**values)
        self.rules.setdefault(deepest, set()).add(rule)
        parts = deepest.split(".")
        for size in (2, 3, 5):
            if size < len(parts):
                self.implied.setdefault(".".join(parts[:size]), set()).add(rule)


def load_nomenclature(path: str | Path) -> Nomenclature:
    """Read the official nomenclature table of a year from an .xlsx or .csv file.

    Needs a code column (``kode``, ``kode_sub_giat``, ``kode_giat``, ``kode_program``) and
    reads, when present, the name (``nomenklatur`` / ``nama``), ``set_prov``,
    ``set_kab_kota``, ``mulai_tahun`` and ``kunci_tahun``. The header row may sit below title
    rows; every sheet with such a header is read. Raises `base.errors.LoadError` holding
    one issue (file, sheet, row, column) per bad row.
    """
    # Imported here: models imports this module, and a code check need not load the file readers.
    from base.errors import LoadError
    from loaders.messages import make_issue, summary_issue
    from loaders.read_csv import read_csv
    from loaders.read_xlsx import read_xlsx

    path = Path(path)
    if not path.is_file():
        raise LoadError([make_issue("not_found", source=str(path))])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        tables = read_xlsx(path)
    elif suffix == ".csv":
        tables = [read_csv(path)]
    else:
        raise LoadError([make_issue("file_type", source=path.name, expected="Excel (.xlsx) / CSV",
                                    found=(f"berkas {suffix}", f"a {suffix} file"))])
    builder = _Builder()
    without_codes = [t for t in tables if not builder.add_table(t)]
    issues = builder.issues
    if len(issues) > _MAX_ISSUES:
        issues = issues[:_MAX_ISSUES] + [summary_issue(issues[_MAX_ISSUES], len(issues) - _MAX_ISSUES)]
    if issues:
        raise LoadError(issues)
    if not builder.rules:
        raise LoadError([make_issue("missing_column", source=path.name, sheet=t.sheet,
                                    column="kode / kode_sub_giat") for t in without_codes]
                        or [make_issue("empty", source=path.name)])
    return Nomenclature(builder.names, builder.rules, builder.implied, source=path.name)
