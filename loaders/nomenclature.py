"""Official nomenclature tables: the decree's code list with names, who may run each code, its
themes and SPM flag, and the code it replaces.

Read from a Kepmendagri lampiran or SIPD master-data workbook or CSV (`load_nomenclature`), in
the shapes they are published in:

- code and name in one cell per level column (the 2027 update: ``JENIS PEMDA``, ``BIDANG``,
  ``PROGRAM``, ``KEGIATAN``, ``SUBKEGIATAN`` holding ``1.01.02.1.01.0001 Pembangunan USB …``, with
  ``INDIKATOR``, ``SATUAN``, ``TAG``, ``SPM`` and ``SUBKEGIATAN SEBELUMNYA``);
- the code split over columns (``URUSAN | BIDANG | PROGRAM | KEGIATAN | SUB KEGIATAN``, e.g.
  ``X | XX | 1 | 2.01 | 1``, Kepmendagri 900.1.15.5-1317/2023) beside a name column;
- code and name columns (``kode`` / ``kode_sub_giat`` … and ``nomenklatur`` / ``nama``), with
  SIPD's ``set_prov``, ``set_kab_kota``, ``mulai_tahun`` and ``kunci_tahun`` when present.

Each table applies to a year, stated in the file (a title such as ``TAHUN 2027``, or the file
name) or given (`load_nomenclature(path, year=2027)`). The official 2027 table ships with
Kaskade (``reference/nomenklatur-2027.xlsx``): `builtin_nomenclature` loads it once per process.
The codes themselves are parsed by `base.codes`.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from base.codes import PLACEHOLDER, CodeError, is_urusan, parse_code, repair_code
from base.i18n import Phrase
from loaders.readers import canonical, cell_text, named_headers
from reference.bidang import known_bidang
from reference.regions import GovLevel, government_level
from reference.special import special_provinces

__all__ = ["Nomenclature", "load_nomenclature", "builtin_nomenclature", "BUILTIN_PATH", "BUILTIN_YEAR"]

BUILTIN_PATH = Path(__file__).resolve().parent.parent / "reference" / "nomenklatur-2027.xlsx"
"""The official table shipped with Kaskade (see ``reference/README.md``)."""
BUILTIN_YEAR = 2027
"""The budget year the shipped table applies to."""


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
            return own_level is None or own_level == level or own_level not in ("1", "2")
        return flag


@dataclass(frozen=True, slots=True)
class _Line:
    """What the table says about one sub kegiatan beyond its name."""

    indikator: str | None = None
    satuan: str | None = None
    tema: tuple[str, ...] = ()
    spm: bool = False


class Nomenclature:
    """The official code table of a decree: names, validity, themes and successors per code.

    A code listed only through deeper codes (a kegiatan whose rows are its sub kegiatan) is
    valid when one of those deeper rows is. `kunci_tahun` is the year a code is locked from:
    a code with ``mulai_tahun`` 2021 and ``kunci_tahun`` 2024 is valid 2021 to 2023. A table with
    a `year` speaks only to that year: asked about another, `is_valid` has no objection.
    """

    def __init__(self, names: dict[str, dict[str | None, str]], rules: dict[str, set[_Validity]],
                 implied: dict[str, set[_Validity]], source: str = "", *, year: int | None = None,
                 lines: dict[str, dict[str | None, _Line]] | None = None,
                 replaced: dict[str, dict[str | None, str]] | None = None):
        # Per code, per JENIS PEMDA ("prov", "kab"; None when the table has no such column): at
        # levels 3 to 8 one code can name different work for a province and for a kab/kota.
        self._names = names
        self._rules = {code: frozenset(r) for code, r in rules.items()}
        self._implied = {code: frozenset(r) for code, r in implied.items() if code not in rules}
        self._lines = lines or {}
        # An old code that is still a code of the table keeps its current meaning.
        self._replaced = {old: new for old, new in (replaced or {}).items() if old not in self._rules}
        self.source = source
        self.year = year

    @staticmethod
    def _jenis(kode_pemda: str | None) -> str | None:
        if not kode_pemda:
            return None
        try:
            level = government_level(kode_pemda)
        except ValueError:
            return None
        return {GovLevel.PROVINCE: "prov", GovLevel.KABUPATEN: "kab", GovLevel.KOTA: "kab"}.get(level)

    def _pick(self, table: dict, code: str, kode_pemda: str | None):
        """What `table` holds for `code` as run by `kode_pemda`: its JENIS PEMDA's entry, else the
        table's only or first one."""
        jenis = self._jenis(kode_pemda)
        for key in self._keys(code):
            found = table.get(key)
            if found:
                return found.get(jenis) or found.get(None) or next(iter(found.values()))
        return None

    def _keys(self, code: str) -> list[str]:
        """The table keys a code may be listed under: itself, then its X.XX support form."""
        text = str(code).strip()
        if is_urusan(text):
            return [text]
        try:
            text = repair_code(text, bidang=PLACEHOLDER)[0]
        except CodeError:
            return []
        if text[5:7] == "01" and not text.startswith(PLACEHOLDER):
            return [text, PLACEHOLDER + text[4:]]
        return [text]

    def _rules_of(self, code: str) -> tuple[str, frozenset[_Validity]] | None:
        for key in self._keys(code):
            rules = self._rules.get(key) or self._implied.get(key)
            if rules is not None:
                return key, rules
        return None

    def name(self, code: str, kode_pemda: str | None = None) -> str | None:
        """The official name, e.g. 'Pembangunan Jalan', or None when the table lacks the code; a
        code whose name depends on JENIS PEMDA takes the one for `kode_pemda`'s kind.

        >>> n = builtin_nomenclature()
        >>> n.name("1.01.02.3.04", "91"), n.name("1.01.02.3.04", "91.03")
        ('Pengelolaan Akademi Komunitas', 'Pengelolaan Pendidikan Non Formal/Kesetaraan')
        """
        return self._pick(self._names, code, kode_pemda)

    def is_valid(self, code: str, year: int | None = None, level_digit: str | None = None) -> bool:
        """Whether `code` may be used in `year` by a government of `level_digit` ('1' or '2')."""
        if self.year is not None and year is not None and year != self.year:
            return True
        found = self._rules_of(code)
        if found is None:
            return False
        key, rules = found
        parts = key.split(".")
        own_level = parts[3] if len(parts) > 3 else None
        return any(rule.allows(year, level_digit, own_level) for rule in rules)

    def may_run(self, code: str, kode_pemda: str) -> bool | None:
        """Whether the government `kode_pemda` may run `code`: its kind (provinsi or kab/kota) must
        be one the table's JENIS PEMDA names, and for a special arrangement (level digit 3 to 8,
        urusan 9) its province one that holds it (`reference.special`). None when neither the
        table nor the code's digits can say (a national line, an unknown code at level 1 or 2).

        >>> n = builtin_nomenclature()
        >>> n.may_run("1.01.07.7.01.0001", "11.01"), n.may_run("1.01.07.7.01.0001", "64.02")
        (True, False)
        >>> n.may_run("1.01.02.1.01.0001", "64.02"), n.may_run("2.22.09.8.01.0001", "51")
        (False, True)
        """
        try:
            level = government_level(kode_pemda)
        except ValueError:
            return None
        if level not in (GovLevel.PROVINCE, GovLevel.KABUPATEN, GovLevel.KOTA):
            return None
        provinces = special_provinces(code)
        if provinces is not None and kode_pemda.split(".")[0] not in provinces:
            return False
        found = self._rules_of(code)
        flags = [r.set_prov if level is GovLevel.PROVINCE else r.set_kab_kota for r in found[1]] if found else []
        if any(f is not None for f in flags):
            return any(flags)
        if provinces is not None:
            return True
        digit = parse_code(code).level
        return None if digit is None else digit == level.level_digit

    def themes(self, code: str, kode_pemda: str | None = None) -> tuple[str, ...]:
        """The thematic tags (TAG) of a sub kegiatan as the table writes them, e.g. ``STUNTING``."""
        line = self._pick(self._lines, code, kode_pemda)
        return line.tema if line else ()

    def is_spm(self, code: str, kode_pemda: str | None = None) -> bool:
        """Whether the table marks the sub kegiatan as an SPM (minimum service standard) line."""
        line = self._pick(self._lines, code, kode_pemda)
        return bool(line and line.spm)

    def themes_and_spm(self, code: str, kode_pemda: str | None = None) -> tuple[tuple[str, ...], bool]:
        """`themes` and `is_spm` of a sub kegiatan at once (the table's entry is looked up once)."""
        line = self._pick(self._lines, code, kode_pemda)
        return (line.tema, bool(line.spm)) if line else ((), False)

    def indicator(self, code: str, kode_pemda: str | None = None) -> tuple[str | None, str | None]:
        """The table's output indicator and its satuan for a sub kegiatan, (None, None) when absent."""
        line = self._pick(self._lines, code, kode_pemda)
        return (line.indikator, line.satuan) if line else (None, None)

    def successor(self, code: str, kode_pemda: str | None = None) -> str | None:
        """The code that replaces an old `code` (SUBKEGIATAN SEBELUMNYA), or None.

        >>> builtin_nomenclature().successor("1.02.02.1.02.0013")
        '1.02.02.1.02.0035'
        """
        return self._pick(self._replaced, code, kode_pemda)

    def __contains__(self, code: object) -> bool:
        """Listed in the file, itself or through deeper codes."""
        return isinstance(code, str) and self._rules_of(code) is not None

    def __len__(self) -> int:
        """The number of codes listed in the file (each row's deepest code)."""
        return len(self._rules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __repr__(self) -> str:
        year = f", {self.year}" if self.year else ""
        return f"Nomenclature({len(self)} codes from {self.source or 'memory'}{year})"


# Header spellings (after `loaders.readers.canonical`) in Kepmendagri lampiran and SIPD master
# data, deepest code first.
_CODE_COLUMNS = (
    (("kode_sub_giat", "kode_sub_kegiatan", "kode_subkegiatan"), ("nama_sub_giat", "nama_sub_kegiatan")),
    (("kode_giat", "kode_kegiatan"), ("nama_giat", "nama_kegiatan")),
    (("kode_program",), ("nama_program",)),
    (("kode", "kode_nomenklatur", "kode_rekening"), ("nomenklatur", "nama", "uraian", "nama_nomenklatur")),
)
# Level columns, shallowest first: either code and name in one cell, or one segment per column.
_LEVEL_COLUMNS = (
    ("urusan", "kode_urusan", "urusan_unsur"),
    ("bidang", "bidang_urusan", "kode_bidang", "kode_bidang_urusan", "bidang_urusan_bidang_unsur"),
    ("program",),
    ("kegiatan",),
    ("subkegiatan", "sub_kegiatan"),
)
_LEVEL_NAMES = ("nomenklatur", "nama", "uraian")
_EXTRA_COLUMNS = ("set_prov", "set_kab_kota", "mulai_tahun", "kunci_tahun")
_DETAIL_COLUMNS = {
    "jenis_pemda": ("jenis_pemda", "jenis_pemerintahan"),
    "indikator": ("indikator", "indikator_kinerja"),
    "satuan": ("satuan",),
    "tag": ("tag", "tema"),
    "spm": ("spm",),
    "previous": ("subkegiatan_sebelumnya", "sub_kegiatan_sebelumnya", "kode_sebelumnya"),
}
_TRUE = {"1", "true", "ya", "y", "v", "\u221a", "\u2713"}
_FALSE = {"0", "false", "tidak", "t", "n", "-"}
_HEADER_SCAN = 30
_MAX_ISSUES = 200
_CODE_AND_NAME = re.compile(r"([0-9Xx][0-9Xx.]*[0-9Xx])\s+(\S.*)", re.DOTALL)
_YEAR_STATED = re.compile(r"(?:tahun(?:\s+anggaran)?|\bta\b\.?|pemutakhiran|versi)\s*(20\d\d)\b", re.IGNORECASE)
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_JENIS = {"prov": "prov", "provinsi": "prov", "kabkot": "kab", "kab_kota": "kab", "kabupaten_kota": "kab",
          "kab": "kab", "kota": "kab"}


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a sheet keeps its columns: (code, name) pairs, deepest code first, or level columns
    (shallowest first) and their name column; extras and details."""

    codes: tuple[tuple[int, int | None], ...]
    levels: tuple[int | None, ...]
    level_name: int | None
    extras: dict[str, int]
    details: dict[str, int]
    labels: tuple[str, ...]


def _find(header: list[str], spellings: tuple[str, ...]) -> int | None:
    return next((header.index(s) for s in spellings if s in header), None)


def _layout(cells: list[object], *, levels_first: bool = False) -> _Layout | None:
    """The column layout of a header row, or None when the row is no header. With
    `levels_first`, level columns win over a ``KODE`` column."""
    header = [canonical(c) if c is not None else "" for c in cells]
    pairs = []
    for codes, names in _CODE_COLUMNS:
        code_col = _find(header, codes)
        if code_col is None:
            continue
        name_col = _find(header, names)
        if name_col is None and codes[0] == "kode":
            name_col = next((i for i, h in enumerate(header) if h.startswith("nomenklatur")), None)
        pairs.append((code_col, name_col))
    levels = tuple(_find(header, spellings) for spellings in _LEVEL_COLUMNS)
    level_name = next((i for i, h in enumerate(header) if h.startswith(_LEVEL_NAMES)), None)
    if levels_first and sum(c is not None for c in levels[1:]) >= 3:
        pairs = []
    if not pairs and sum(c is not None for c in levels[1:]) < 3:
        return None
    extras = {e: header.index(e) for e in _EXTRA_COLUMNS if e in header}
    details = {k: col for k, spellings in _DETAIL_COLUMNS.items() if (col := _find(header, spellings)) is not None}
    return _Layout(tuple(pairs), levels if not pairs else (), level_name, extras, details,
                   tuple("" if c is None else str(c).strip() for c in cells))


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


def _tags(text: str) -> tuple[str, ...]:
    """TAG as the 2027 table writes it: a JSON list (``[null]`` for none), else ``a; b``."""
    if not text:
        return ()
    try:
        found = json.loads(text)
    except ValueError:
        found = re.split(r"[;\n]", text)
    if not isinstance(found, list):
        found = [found]
    return tuple(dict.fromkeys(str(t).strip() for t in found if t is not None and str(t).strip()))


class _Builder:
    """Collects codes, names and validity rows from tables, and the issues of bad rows."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str | None, str]] = {}
        self.rules: dict[str, set[_Validity]] = {}
        self.implied: dict[str, set[_Validity]] = {}
        self.lines: dict[str, dict[str | None, _Line]] = {}
        self.replaced: dict[str, dict[str | None, str]] = {}
        self.issues: list = []
        self._segments: list[str | None] = [None] * 5

    def add_table(self, table) -> bool:
        """Read one `RawTable`; False when it has no header with a code column.

        The header is the reader's header row named from its group rows (`named_headers`: ``KODE |
        NOMENKLATUR`` over ``URUSAN | BIDANG URUSAN | …`` names the name column), else the first of
        the rows below that reads as one; a level row right under a ``KODE`` header (the group row had
        more cells) is its lower half.
        """
        levels = [*table.above, list(table.labels)]
        layout, start = _layout(named_headers(levels)), 0
        for offset, cells in enumerate(table.rows[:_HEADER_SCAN] if layout is None else ()):
            layout, levels = _layout(list(cells)), [list(cells)]
            if layout is not None:
                start = offset + 1
                break
        if layout is None:
            return False
        if layout.codes and start < len(table.rows):
            lower = _layout(named_headers([*levels, list(table.rows[start])]), levels_first=True)
            if lower is not None and not lower.codes:
                layout, start = lower, start + 1
        self._segments = [None] * 5
        for cells, number in zip(table.rows[start:], table.row_numbers[start:]):
            self._add_row(cells, layout, table.source, table.sheet, number)
        return True

    def _issue(self, rule: str, source: str, sheet: str, row: int, column: str, value: str, **params) -> None:
        from loaders.messages import make_issue

        self.issues.append(make_issue(rule, source=source, sheet=sheet, row=row, column=column,
                                      value=value, **params))

    def _code(self, raw: str) -> str:
        return raw if is_urusan(raw) else repair_code(raw, bidang=PLACEHOLDER, known_bidang=known_bidang())[0]

    def _level_codes(self, text, layout: _Layout) -> list[tuple[str, str, int]] | None:
        """(code, name, column) per level column of a row, shallowest first; None past a bad cell
        (reported)."""
        found: list[tuple[str, str, int]] = []
        split: list[tuple[int, str]] = []
        for depth, col in enumerate(layout.levels):
            raw = text(col)
            if not raw or col is None:
                continue
            whole = _CODE_AND_NAME.fullmatch(raw)
            if whole and "." in whole[1]:
                found.append((whole[1], " ".join(whole[2].split()), col))
            else:
                split.append((depth, raw))
        if found:
            return found
        if not split:
            return []
        # One segment per column: blanks above the deepest segment repeat the row above.
        deepest = split[-1][0]
        segments = self._segments[:deepest + 1] + [None] * (4 - deepest)
        for depth, raw in split:
            segments[depth] = raw
        for depth in range(deepest + 1, 5):
            segments[depth] = None
        self._segments = segments
        if deepest == 0:
            return []  # an urusan row names no code of its own
        parts = []
        for depth, raw in enumerate(segments[:deepest + 1]):
            if raw is None:
                raw = "?"  # a part no column gives: the code is reported, never dropped unsaid
            if depth == 2 and raw.isdigit():
                raw = raw.zfill(2)
            parts.append(raw)
        code = ".".join(parts)
        name = cell_text(text(layout.level_name)) or ""
        return [(code, " ".join(name.split()), layout.levels[deepest])]

    def _add_row(self, cells: list[object], layout: _Layout, source: str, sheet: str, row: int) -> None:
        def text(col: int | None) -> str:
            return (cell_text(cells[col]) or "") if col is not None and col < len(cells) else ""

        if layout.codes:
            named = [(text(c), text(n), c) for c, n in layout.codes]
            named = [(c, n, col) for c, n, col in reversed(named) if c and c.upper() != "X"]
        else:
            named = self._level_codes(text, layout)
        jenis = _JENIS.get(canonical(text(layout.details.get("jenis_pemda"))))
        deepest = None
        for raw, name, column in named:
            try:
                code = self._code(raw)
            except CodeError as exc:
                self._issue("code", source, sheet, row, layout.labels[column], raw, reason=exc.phrase)
                return
            if name:
                self.names.setdefault(code, {}).setdefault(jenis, name)
            deepest = code
        if deepest is None or is_urusan(deepest):
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
                                detail=Phrase("issue.detail.flag"))
                else:
                    self._issue("year", source, sheet, row, label, raw)
                return
        if jenis is not None:
            values["set_prov"], values["set_kab_kota"] = jenis == "prov", jenis == "kab"
        rule = _Validity(**values)
        self.rules.setdefault(deepest, set()).add(rule)
        parts = deepest.split(".")
        for size in (2, 3, 5):
            if size < len(parts):
                self.implied.setdefault(".".join(parts[:size]), set()).add(rule)
        if len(parts) == 6 and layout.details:
            self._details(deepest, jenis, text, layout, source, sheet, row)

    def _details(self, code: str, jenis: str | None, text, layout: _Layout, source: str, sheet: str,
                 row: int) -> None:
        d = layout.details
        spm = canonical(text(d.get("spm")))
        before = self.lines.get(code, {}).get(jenis, _Line())
        self.lines.setdefault(code, {})[jenis] = _Line(
            indikator=text(d.get("indikator")) or before.indikator,
            satuan=text(d.get("satuan")) or before.satuan,
            tema=tuple(dict.fromkeys(before.tema + _tags(text(d.get("tag"))))),
            spm=before.spm or spm in ("spm", "ya", "y", "1", "true"),
        )
        previous = text(d.get("previous"))
        if previous:
            old = previous.split()[0]
            try:
                self.replaced.setdefault(self._code(old), {})[jenis] = code
            except CodeError as exc:
                self._issue("code", source, sheet, row, layout.labels[d["previous"]], old, reason=exc.phrase)


def _stated_year(path: Path) -> int | None:
    """The year a table states in its title rows (``… TAHUN 2027``), else in its file name."""
    titles: list[str] = []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl

        with open(path, "rb") as handle:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    titles.append(sheet.title)
                    for cells in sheet.iter_rows(max_row=_HEADER_SCAN, values_only=True):
                        filled = [str(c) for c in cells if c is not None and str(c).strip()]
                        if len(filled) > 1:
                            break  # the header: titles stand above it, one cell to a row
                        titles += filled
            finally:
                workbook.close()
    else:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            for line in handle:
                if len([c for c in re.split(r"[,;\t]", line) if c.strip()]) > 1:
                    break
                titles.append(line)
    for text in titles:
        found = _YEAR_STATED.search(text)
        if found:
            return int(found[1])
    found = _YEAR_IN_NAME.search(path.stem)
    return int(found[1]) if found else None


def load_nomenclature(path: str | Path, *, year: int | None = None) -> Nomenclature:
    """Read the official nomenclature table of a year from an .xlsx or .csv file.

    Reads any of the published shapes (see the module); `year` is the budget year the table
    applies to, when the file does not state it (a given year wins over a stated one). The
    header row may sit below title rows; every sheet with such a header is read. Raises
    `base.errors.LoadError` holding one issue (file, sheet, row, column) per bad row.

    >>> n = load_nomenclature(BUILTIN_PATH)
    >>> n.year, n.name("1.01.02.1.01.0001"), n.themes("1.02.02.2.02.0026")[:1]
    (2027, 'Pembangunan USB (Unit Sekolah Baru)', ('STUNTING',))
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
                                    found=Phrase("issue.found.suffix", suffix=suffix))])
    builder = _Builder()
    without_codes = [t for t in tables if not builder.add_table(t)]
    issues = builder.issues
    if len(issues) > _MAX_ISSUES:
        issues = issues[:_MAX_ISSUES] + [summary_issue(issues[_MAX_ISSUES], len(issues) - _MAX_ISSUES)]
    if issues:
        raise LoadError(issues)
    if not builder.rules:
        raise LoadError([make_issue("missing_column", source=path.name, sheet=t.sheet,
                                    column="kode / kode_sub_giat / SUBKEGIATAN") for t in without_codes]
                        or [make_issue("empty", source=path.name)])
    return Nomenclature(builder.names, builder.rules, builder.implied, source=path.name,
                        year=year if year is not None else _stated_year(path),
                        lines=builder.lines, replaced=builder.replaced)


def _cache_file() -> Path:
    """Where the parsed built-in table is kept between runs: ``KASKADE_CACHE`` (the setting of that
    name in `kaskade.settings`), else the user's cache directory; keyed by the workbook's content and
    this module's source (a changed reader never meets an old cache)."""
    given = os.environ.get("KASKADE_CACHE", "").strip()
    root = Path(given).expanduser() if given else (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kaskade")
    digest = hashlib.sha256(BUILTIN_PATH.read_bytes() + Path(__file__).read_bytes()).hexdigest()[:16]
    return root / f"nomenklatur-{BUILTIN_YEAR}-{digest}.pickle"


@functools.cache
def builtin_nomenclature() -> Nomenclature:
    """The official 2027 table shipped with Kaskade, loaded once per process.

    Parsing the workbook takes over a second; the parsed table is kept in ``KASKADE_CACHE``, else the
    user's cache directory (``$XDG_CACHE_HOME/kaskade`` or ``~/.cache/kaskade``), and read from there while the
    workbook is unchanged. A missing, unreadable or unwritable cache only costs the parse.

    >>> len({c for c in builtin_nomenclature() if c.count(".") == 5})
    7115
    """
    cache = _cache_file()
    try:
        with open(cache, "rb") as handle:
            table = pickle.load(handle)
        if isinstance(table, Nomenclature):
            return table
    except Exception:  # no cache yet, or one from another version: parse again
        pass
    table = load_nomenclature(BUILTIN_PATH, year=BUILTIN_YEAR)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(partial, "wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache)
    except OSError:
        pass
    return table
