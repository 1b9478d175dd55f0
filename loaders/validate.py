"""All checking in one place: raw tables -> a `Dataset`, or every problem found, at once.

The models check each value (numbers written the Indonesian way, codes, choices), column by column:
each distinct value of a column once, by its field's own validator (`loaders.columns`); only a row
holding a value that fails goes through its model, whose errors are mapped back to the file's row and
column with a readable message (``columnar=False`` runs every row through its model: the same result,
slower). Across rows, this
module checks ids, references, cycles, regions, plan periods and the ``X.XX`` placeholder, with
dicts and sets (linear in the number of rows). Nothing partial comes out: a dataset is returned
only when there is no error.

What each `tautan` end names (a planner id, an agency, a government, or a programme / kegiatan /
sub kegiatan code of the row's government) is decided here once: the returned dataset carries the
resolved ends (`tautan_ends`), and the graph builder turns them into edges without reading the
references again.

>>> from loaders.readers import RawTable
>>> raw = RawTable("d.csv", "sasaran", ["id", "jenis", "nama", "induk"],
...                [["T1", "tujuan", "Sejahtera", None], ["S1", "sasaran", "Miskin turun", "T9"]], [2, 3])
>>> dataset, issues = validate_tables({"sasaran": raw})
>>> dataset, [(i.row, i.column, i.rule) for i in issues]
(None, [(3, 'induk', 'unknown_ref')])
"""
from __future__ import annotations

import functools
import re
from operator import attrgetter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import ValidationError

from reference import regions
from base.errors import Issue
from base.i18n import Phrase
from loaders.messages import make_issue, summary_issue
from loaders.models import (
    NATIONAL,
    TABLES,
    Dataset,
    DocType,
    GovLevel,
    IndicatorType,
    LinkStatus,
    Relasi,
    Row,
    TargetType,
)
from base.codes import PLACEHOLDER, CodeError, normalize_code, repair_code
from loaders.columns import Column, blank, build_rows, check_columns
from loaders.numbers import TOO_LARGE
from loaders.readers import RawTable, canonical, cell_text, is_blank
from reference.bidang import known_bidang

__all__ = ["validate_tables", "tautan_ends", "LinkEnd", "ISSUE_CAP"]

ISSUE_CAP = 200
"""Issues kept per (file, sheet, column, rule); the rest are counted in one closing issue."""

_ORDER = {name: i for i, name in enumerate(TABLES)}
_TARGET_YEAR = re.compile(r"target_?(\d{4})")
_GOVERNMENT = re.compile(r"\d{2}(\.\d{2})?")
_CHOICES = {
    "tingkat": GovLevel,
    "status": LinkStatus,
    "relasi": Relasi,
    ("dokumen", "jenis"): DocType,
    ("sasaran", "jenis"): TargetType,
    ("indikator", "jenis"): IndicatorType,
}
_NUMBERS = {"pagu", "baseline", "target"}
_YEARS = ("tahun", "tahun_awal", "tahun_akhir")
_TYPES = {"dict_type": Phrase("issue.expected.dict_type")}
_REGIONAL = (GovLevel.PROVINCE, GovLevel.KABUPATEN, GovLevel.KOTA)
# Code columns repaired before the models read them, and the name each code can give.
_CODE_FIELDS = {"sub_kegiatan": ("kode_sub_giat", "nama_sub_giat"), "program_kegiatan": ("kode", "nama")}
_REPAIR_RULES = {"level_padded": "repair_level", "bidang_short": "repair_bidang",
                 "placeholder_case": "repair_placeholder", "sub_kegiatan_short": "repair_sub_kegiatan",
                 "account_code": "repair_account_code"}
_ROWS_NAMED = 5
_GOALS = Phrase("issue.target.goal")
_TAUTAN_ENDS = Phrase("issue.target.tautan_end")


_KODE_PEMDA = attrgetter("kode_pemda")
_PEMDA_LOKASI = attrgetter("kode_pemda", "lokasi")
_PEMDA_YEAR_CODE = attrgetter("kode_pemda", "tahun", "kode_sub_giat")
_KODE_SUB_GIAT = attrgetter("kode_sub_giat")


def _table(name: str) -> Phrase:
    return Phrase("issue.target.table", name=name)


LinkEnd = tuple
"""What one end of a `tautan` row names, as a key: ``("id", id)`` (a sasaran, indikator or dokumen),
``("skpd", kode_pemda, kode_skpd)``, ``("pemda", kode_pemda)``, or ``("code", kode_pemda, tahun, code)``
(every programme, kegiatan or sub kegiatan with that code; ``tahun`` None: in every year)."""


@functools.lru_cache(maxsize=65536)
def _level(kode: str) -> GovLevel | None | bool:
    """The government level of `kode`: None for a region that governs nothing, False for no region."""
    if kode == NATIONAL:
        return GovLevel.NATIONAL
    if not regions.exists(kode):
        return False
    try:
        level = regions.government_level(kode)
    except ValueError:
        return None
    return level if level in _REGIONAL else None


class _LinkResolver:
    """The rule for what a tautan end names, given the ids, agencies and work a dataset holds."""

    def __init__(self, ids: set, agencies: set, work: set) -> None:
        self.ids, self.agencies, self.work = ids, agencies, work

    def __call__(self, ref: str, row: Row) -> LinkEnd | CodeError | None:
        """The end `ref` of tautan `row` names; a CodeError for a malformed code, None for nothing."""
        if ref in self.ids:
            return ("id", ref)
        if row.kode_pemda and (row.kode_pemda, ref) in self.agencies:
            return ("skpd", row.kode_pemda, ref)
        if ref == NATIONAL or (_GOVERNMENT.fullmatch(ref) and _level(ref)):
            return ("pemda", ref)
        code = self.code(ref, row)
        if code is None or isinstance(code, CodeError):
            return code
        return ("code", row.kode_pemda, row.tahun, code) if (row.kode_pemda, row.tahun, code) in self.work else None

    @staticmethod
    def code(ref: str, row: Row) -> str | CodeError | None:
        """The work code end `ref` of tautan `row` may name (normalised); a CodeError when malformed."""
        if not row.kode_pemda or not re.match(r"\d|X\.XX", ref, re.IGNORECASE):
            return None
        try:
            return normalize_code(ref)
        except CodeError as exc:
            return exc

    @classmethod
    def asked(cls, tautan: Iterable[Row]) -> set[tuple[str, str]]:
        """(kode_pemda, code) of every work code the `tautan` rows' ends may name."""
        asked = set()
        for row in tautan:
            for ref in (row.dari, row.ke):
                code = cls.code(ref, row)
                if isinstance(code, str):
                    asked.add((row.kode_pemda, code))
        return asked

    @staticmethod
    def work(programs: Iterable[Row], lines: Iterable[Row], asked: set[tuple[str, str]] | None = None) -> set[tuple]:
        """(kode_pemda, tahun, code) of every programme, kegiatan and sub kegiatan, and with tahun None:
        the rows of program_kegiatan, the sub kegiatan lines, and the programme and kegiatan of each line
        (the graph has a node for each). Given `asked` (see `asked`), only the codes asked about."""
        work: set[tuple] = set()
        for r in programs:
            if asked is None or (r.kode_pemda, r.kode) in asked:
                work.update({(r.kode_pemda, r.tahun, r.kode), (r.kode_pemda, None, r.kode)})
        if asked is not None and not asked:
            return work
        lines = lines if isinstance(lines, (list, tuple)) else list(lines)
        family: dict[str, tuple[str, ...]] = {}  # line code -> its codes (line, kegiatan, programme) that count
        wanted = None if asked is None else {code for _, code in asked}
        for line in set(map(_KODE_SUB_GIAT, lines)):
            segments = line.split(".")
            codes = (line, ".".join(segments[:5]), ".".join(segments[:3]))
            codes = codes if wanted is None else tuple(c for c in codes if c in wanted)
            if codes:
                family[line] = codes
        if not family:
            return work
        kept = lines if wanted is None else [r for r in lines if r.kode_sub_giat in family]  # lines others can name
        for pemda, tahun, line in set(map(_PEMDA_YEAR_CODE, kept)):
            for code in family[line]:
                if asked is None or (pemda, code) in asked:
                    work.update({(pemda, tahun, code), (pemda, None, code)})
        return work

    @classmethod
    def of(cls, dataset: Dataset) -> _LinkResolver:
        ids = {r.id for name in ("sasaran", "indikator", "dokumen") for r in getattr(dataset, name)}
        agencies = {(a.kode_pemda, a.kode_skpd) for a in dataset.perangkat_daerah}
        work = cls.work(dataset.program_kegiatan, dataset.sub_kegiatan, cls.asked(dataset.tautan))
        return cls(ids, agencies, work)


def tautan_ends(dataset: Dataset) -> tuple[tuple[LinkEnd, LinkEnd] | None, ...]:
    """Per `tautan` row of `dataset`, the (dari, ke) ends it links (None when an end names nothing).

    A dataset returned by validation carries them; for one built in code they are resolved here,
    by the same rule.

    >>> from loaders.models import Tautan
    >>> tautan_ends(Dataset(tautan=[Tautan(dari="64", relasi="kerja_sama", ke="64.02")]))
    ((('pemda', '64'), ('pemda', '64.02')),)
    """
    carried = dataset.resolved_tautan()
    if carried is not None:
        return carried
    resolve = _LinkResolver.of(dataset)
    ends = []
    for row in dataset.tautan:
        pair = (resolve(row.dari, row), resolve(row.ke, row))
        ends.append(pair if all(isinstance(e, tuple) for e in pair) else None)
    return tuple(ends)


class _Issues:
    """Collects issues; past `cap` of one kind in one column, only counts them."""

    def __init__(self, cap: int, order: dict[tuple[str, str], int]):
        self.cap = cap
        self.order = order
        self.items: list[Issue] = []
        self.counts: dict[tuple, int] = {}
        self.first_left_out: dict[tuple, Issue] = {}

    def add(self, issue: Issue) -> None:
        kind = (issue.source, issue.sheet, issue.column, issue.rule)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= self.cap:
            self.items.append(issue)
        else:
            self.first_left_out.setdefault(kind, issue)

    def result(self) -> list[Issue]:
        """In table order, then row order; the counted-only kinds last."""
        items = sorted(self.items, key=lambda i: (self.order.get((i.source, i.sheet or ""), -1), i.row or 0))
        return items + [summary_issue(i, self.counts[k] - self.cap) for k, i in self.first_left_out.items()]

    def any_error(self) -> bool:
        return any(i.severity == "error" for i in (*self.items, *self.first_left_out.values()))


@dataclass
class _Table:
    """The valid rows of one table, their row numbers, and the headers as written."""

    name: str
    raw: RawTable
    labels: dict[Any, str] = field(default_factory=dict)  # field, or ("target", year) -> header
    rows: list[Row] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    failed_keys: set[Hashable] = field(default_factory=set)  # ids of failed rows: no follow-up errors

    def label(self, column: Any) -> str:
        return self.labels.get(column) or (column if isinstance(column, str) else f"target_{column[1]}")


def _pemda_text(value: Any) -> str:
    text = cell_text(value)
    return NATIONAL if text is None or text.lower() in {"0", "00", "nasional", "pusat", "national"} else text


class _Checker:
    def __init__(self, tables: Mapping[str, RawTable], nomenclature: Any, cap: int, columnar: bool = True):
        self.issues = _Issues(cap, {(raw.source, raw.sheet): _ORDER[name] for name, raw in tables.items()})
        self.nomenclature = nomenclature
        self.ends: list[tuple[LinkEnd, LinkEnd]] = []
        parse = self._parse_columns if columnar else self._parse
        self.t = {name: parse(name, tables[name]) for name in TABLES if name in tables}

    def at(self, table: _Table, index: int, column: Any, rule: str, value: Any, **params: Any) -> None:
        """Report a problem of valid row `index` of `table`."""
        self.issues.add(make_issue(rule, source=table.raw.source, sheet=table.raw.sheet, row=table.numbers[index],
                                   column=table.label(column), value=value, **params))

    def rows(self, name: str) -> list[Row]:
        return self.t[name].rows if name in self.t else []

    def failed(self, name: str) -> set[Hashable]:
        return self.t[name].failed_keys if name in self.t else set()

    def dataset(self) -> Dataset:
        dataset = Dataset(**{name: tuple(t.rows) for name, t in self.t.items()})
        return dataset.with_resolved_tautan(tuple(self.ends))

    # -- one table, row by row ---------------------------------------------------------------
    def _columns(self, table: _Table) -> tuple[list[tuple[int, str]], list[tuple[int, int]], set[str]]:
        """Where each field is: (position, field), indikator (position, year), and required fields missing."""
        raw, fields = table.raw, TABLES[table.name].model_fields
        at_sheet = dict(source=raw.source, sheet=raw.sheet)
        cols, years = [], []
        for pos, header in enumerate(raw.headers):
            label = raw.labels[pos] or f"kolom {pos + 1}"
            key = canonical(header)
            year = _TARGET_YEAR.fullmatch(key) if table.name == "indikator" else None
            column: Any = key if key in fields else ("target", int(year[1])) if year else None
            if column is None:
                if key or not raw.column(pos).blanks().all():
                    self.issues.add(make_issue("unknown_column", column=label, **at_sheet))
            elif column in table.labels:
                self.issues.add(make_issue("duplicate_column", column=label, other=table.labels[column], **at_sheet))
            else:
                table.labels[column] = label
                if year:
                    years.append((pos, column[1]))
                else:
                    cols.append((pos, column))
        missing = {f for f, info in fields.items() if info.is_required() and f not in table.labels}
        if self.nomenclature and table.name in _CODE_FIELDS:
            missing.discard(_CODE_FIELDS[table.name][1])  # named from the nomenclature, row by row
        for f in (f for f in fields if f in missing and raw.row_numbers):
            self.issues.add(make_issue("missing_column", column=f, **at_sheet))
        return cols, years, missing

    def _parse(self, name: str, raw: RawTable) -> _Table:
        table = _Table(name, raw)
        cols, years, missing = self._columns(table)
        code_field, name_field = _CODE_FIELDS.get(name, (None, None))
        repaired: dict[str, list[tuple[int, str, str]]] = {}
        for index, cells in enumerate(raw.rows):
            width = len(cells)
            # Blank cells are left out, so defaults apply and a required column reads as missing.
            data = {
                f: v
                for p, f in cols
                if p < width and (v := cells[p]) is not None and v != "" and not (v.__class__ is str and v.isspace())
            }
            if name == "indikator":
                data = self._targets(data, cells, years)
            if code_field in data:
                self._repair(data, code_field, name_field, raw.row_numbers[index], repaired)
            row = self._row(table, data, raw.row_numbers[index], missing)
            if row is not None:
                table.rows.append(row)
                table.numbers.append(raw.row_numbers[index])
        for repair, rows in repaired.items():
            numbers = ", ".join(str(r) for r, _, _ in rows[:_ROWS_NAMED]) + (" …" if len(rows) > _ROWS_NAMED else "")
            self.issues.add(make_issue(_REPAIR_RULES[repair], source=raw.source, sheet=raw.sheet, row=rows[0][0],
                                       column=table.label(code_field), value=rows[0][1], fixed=rows[0][2],
                                       count=len(rows), rows=numbers))
        return table

    def _row(self, table: _Table, data: dict[str, Any], number: int, missing: set[str]) -> Row | None:
        """The row model made of `data` (the cells of row `number`), or None with its errors reported."""
        raw = table.raw
        try:
            return TABLES[table.name].model_validate(data)
        except ValidationError as exc:
            self._row_errors(table, number, exc, data, missing)
            table.failed_keys.add(self._key_of(table.name, data))
        except ArithmeticError as exc:  # e.g. a year of 1e999 in JSON
            self.issues.add(make_issue("invalid", source=raw.source, sheet=raw.sheet, row=number,
                                       value=str(data)[:80], detail=str(exc)))
        return None

    def _parse_columns(self, name: str, raw: RawTable) -> _Table:
        """What `_parse` finds, column by column: each distinct value is repaired and checked once, and only
        rows with a failing value go through the row model (for its errors)."""
        model = TABLES[name]
        table = _Table(name, raw)
        cols, years, missing = self._columns(table)
        rows = len(raw.row_numbers)
        columns = {f: raw.column(p) for p, f in cols}
        if name == "indikator" and (years or "target" in columns):
            columns["target"] = Column.of(self._target_cells(raw, columns.get("target"), years))
        code_field, name_field = _CODE_FIELDS.get(name, (None, None))
        repaired: dict[str, list[int]] = {}
        written: list[Any] = []
        if code_field in columns:
            repaired, written = self._repair_column(columns, code_field, name_field)
        checked = check_columns(model, columns, rows)
        failing = checked.failing.tolist()
        keep = np.ones(rows, dtype=bool)
        keep[checked.failing] = False
        valid = np.flatnonzero(keep)
        made = build_rows(model, checked, valid)
        rescued: list[tuple[int, Row]] = []
        for index in failing:
            data = {f: v for f, column in columns.items() if not blank(v := column.cell(index))}
            row = self._row(table, data, raw.row_numbers[index], missing)
            if row is not None:
                rescued.append((index, row))  # never expected: the field checks are the model's own
        numbers = raw.row_numbers
        if rescued:
            merged = sorted([*zip(valid.tolist(), made), *rescued], key=lambda pair: pair[0])
            table.rows = [row for _, row in merged]
            table.numbers = [numbers[i] for i, _ in merged]
        else:
            table.rows = made
            table.numbers = [numbers[i] for i in valid.tolist()]
        code_column = columns.get(code_field)
        for repair, rows_repaired in repaired.items():
            shown = [numbers[i] for i in rows_repaired[:_ROWS_NAMED]]
            text = ", ".join(map(str, shown)) + (" …" if len(rows_repaired) > _ROWS_NAMED else "")
            first = rows_repaired[0]
            self.issues.add(make_issue(_REPAIR_RULES[repair], source=raw.source, sheet=raw.sheet, row=numbers[first],
                                       column=table.label(code_field), value=str(written[code_column.codes[first]]),
                                       fixed=code_column.cell(first), count=len(rows_repaired), rows=text))
        return table

    @staticmethod
    def _target_cells(raw: RawTable, given: Column | None, years: list[tuple[int, int]]) -> list[Any]:
        """Per row, the ``target`` `_targets` makes of it (None when it makes none)."""
        cells: list[Any] = []
        by_year = [(raw.column(p), year) for p, year in years]
        for index in range(len(raw.row_numbers)):
            value = None if given is None or blank(v := given.cell(index)) else v
            if value is not None and not isinstance(value, dict):
                cells.append(value)  # not a mapping: the model reports it
                continue
            target = {k: v for k, v in (value or {}).items() if not is_blank(v)}
            target.update((year, v) for column, year in by_year if not is_blank(v := column.cell(index)))
            cells.append(target if target or value is not None else None)
        return cells

    def _repair_column(self, columns: dict[str, Column], code_field: str, name_field: str
                       ) -> tuple[dict[str, list[int]], list[Any]]:
        """`_repair` for each distinct code of the column (in place); names rows with no name from the
        nomenclature. Returns per kind of repair the rows repaired (indices, ascending; kinds in the order
        rows meet them), and the distinct codes as written (the column's values before repair)."""
        written = columns[code_field].values
        column = columns[code_field] = Column(list(written), columns[code_field].codes)  # the table's stays
        fixed: list[tuple[str, tuple[str, ...]] | None] = []
        for value in column.values:
            if blank(value):
                fixed.append(None)
                continue
            try:
                fixed.append(repair_code(cell_text(value) or "", bidang=PLACEHOLDER, known_bidang=known_bidang()))
            except CodeError:
                fixed.append(None)
        column.values = [f[0] if f else v for f, v in zip(fixed, column.values)]
        kinds: dict[str, list[int]] = {}
        for k, f in enumerate(fixed):
            for repair in f[1] if f else ():
                kinds.setdefault(repair, []).append(k)
        repaired = {}
        for repair, distinct in kinds.items():
            repaired[repair] = np.flatnonzero(np.isin(column.codes, distinct)).tolist()
        # kinds in the order the rows meet them (a row meeting several: in the order it was repaired)
        order = {repair: (rows[0], fixed[column.codes[rows[0]]][1].index(repair)) for repair, rows in repaired.items()}
        repaired = dict(sorted(repaired.items(), key=lambda item: order[item[0]]))
        if self.nomenclature:
            rows = len(column)
            given = columns.get(name_field) or Column.blank_of(rows)
            names = Column(list(given.values), given.codes.copy())  # the table's column stays as read
            done = np.fromiter((f is not None for f in fixed), dtype=bool, count=len(fixed))[column.codes]
            pemda = columns.get("kode_pemda")
            for index in np.flatnonzero(done & names.blanks()).tolist():
                official = self.nomenclature.name(column.cell(index), cell_text(pemda.cell(index) if pemda else None))
                if official:
                    names.set(index, official)
            if len(names.values) > len(given.values):
                columns[name_field] = names
        return repaired, written

    def _repair(self, data: dict[str, Any], code_field: str, name_field: str, row: int,
                repaired: dict[str, list[tuple[int, str, str]]]) -> None:
        """Repair the row's code in place (counting each repair per kind) and name it from the
        nomenclature when the file does not; a code beyond repair is left for the model to report."""
        raw = data[code_field]
        try:
            code, repairs = repair_code(cell_text(raw) or "", bidang=PLACEHOLDER, known_bidang=known_bidang())
        except CodeError:
            return
        data[code_field] = code
        for repair in repairs:
            repaired.setdefault(repair, []).append((row, str(raw), code))
        if name_field not in data and self.nomenclature:
            official = self.nomenclature.name(code, cell_text(data.get("kode_pemda")))
            if official:
                data[name_field] = official

    @staticmethod
    def _targets(data: dict[str, Any], cells: list[Any], years: list[tuple[int, int]]) -> dict[str, Any]:
        """``target_YYYY`` columns (and a JSON ``target`` object) become the ``target`` dict."""
        given = data.get("target")
        if given is not None and not isinstance(given, dict):
            return data  # not a mapping: the model reports it
        target = {k: v for k, v in (given or {}).items() if not is_blank(v)}
        target.update((y, cells[p]) for p, y in years if p < len(cells) and not is_blank(cells[p]))
        if target or given is not None:
            data["target"] = target
        return data

    @staticmethod
    def _key_of(name: str, data: dict[str, Any]) -> Hashable:
        if name == "perangkat_daerah":
            return (_pemda_text(data.get("kode_pemda")), cell_text(data.get("kode_skpd")))
        if name == "pemda":
            return _pemda_text(data.get("kode_pemda"))
        return cell_text(data.get("id"))

    def _row_errors(self, table: _Table, row: int, exc: ValidationError, data: dict, missing: set[str]) -> None:
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            name = loc[0] if loc else None
            if name in missing:
                continue  # reported once for the whole column
            column: Any = name
            value = data.get(name) if isinstance(name, str) else None
            if name == "target" and len(loc) > 1:
                column = ("target", loc[1]) if ("target", loc[1]) in table.labels else "target"
                value = loc[1] if "[key]" in loc else (data.get("target") or {}).get(loc[1])
            rule, params = self._rule_of(table.name, name, loc, err)
            self.issues.add(make_issue(rule, source=table.raw.source, sheet=table.raw.sheet, row=row,
                                       column=table.label(column), value=value, **params))

    @staticmethod
    def _rule_of(table: str, name: Any, loc: tuple, err: dict) -> tuple[str, dict[str, Any]]:
        """The rule (and message parameters) a pydantic error stands for."""
        kind = err["type"]
        cause = (err.get("ctx") or {}).get("error")
        if kind == "missing":
            return "required", {}
        if kind == "enum":
            choices = _CHOICES.get((table, name)) or _CHOICES[name]
            return "enum", {"allowed": ", ".join(m.value for m in choices)}
        if isinstance(cause, CodeError):
            return "code", {"reason": cause.phrase}
        if name == "bidang":
            return "bidang", {}
        if "negatif" in str(cause or ""):
            return "negative", {}
        if str(cause or "") == TOO_LARGE:
            return "number_too_large", {"limit": "9.007.199.254.740.992"}
        if name in _YEARS or "[key]" in loc:
            return "year", {}
        if name in _NUMBERS and (kind == "value_error" or "parsing" in kind or "float" in kind):
            return "number", {}
        if kind.endswith("_type"):
            return "type", {"expected": _TYPES.get(kind, Phrase("issue.expected.text_or_number"))}
        return "invalid", {"detail": str(cause) if cause else err["msg"]}

    # -- regions and years -------------------------------------------------------------------
    level = staticmethod(_level)

    def check_governments(self) -> None:
        for table in self.t.values():
            if "kode_pemda" not in TABLES[table.name].model_fields:
                continue
            if table.name != "pemda" and all(k is None or self.level(k) for k in set(map(_KODE_PEMDA, table.rows))):
                continue  # every government named is one (checked once per code)
            for i, row in enumerate(table.rows):
                if row.kode_pemda is None:
                    continue
                level = self.level(row.kode_pemda)
                if level is False:
                    self.at(table, i, "kode_pemda", "unknown_region", row.kode_pemda)
                elif level is None:
                    self.at(table, i, "kode_pemda", "not_government", row.kode_pemda)
                elif table.name == "pemda" and row.tingkat and row.tingkat != level:
                    self.at(table, i, "tingkat", "tingkat", row.tingkat.value, kode=row.kode_pemda,
                            expected=level.value)

    def check_years(self) -> None:
        for table in self.t.values():
            for name in (n for n in _YEARS if n in TABLES[table.name].model_fields):
                if all(y is None or 1900 <= y <= 2100 for y in set(map(attrgetter(name), table.rows))):
                    continue
                for i, year in enumerate(getattr(r, name) for r in table.rows):
                    if year is not None and not 1900 <= year <= 2100:
                        self.at(table, i, name, "year", year)

    def check_lokasi(self) -> None:
        table = self.t.get("sub_kegiatan")
        rows = table.rows if table else []
        verdicts: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}
        for pemda, lokasi in set(map(_PEMDA_LOKASI, rows)):  # each (kode_pemda, lokasi) judged once
            # A lokasi equal to an unknown kode_pemda was reported with the kode_pemda.
            unknown = [c for c in lokasi if not regions.exists(c) and c != pemda]
            regional = pemda != NATIONAL and self.level(pemda)
            outside = [c for c in lokasi if regional and c not in unknown and not regions.contains(pemda, c)]
            if unknown or outside:
                verdicts[(pemda, lokasi)] = (unknown, outside)
        if not verdicts:
            return
        for i, row in enumerate(rows):
            unknown, outside = verdicts.get((row.kode_pemda, row.lokasi), ((), ()))
            for code in unknown:
                self.at(table, i, "lokasi", "unknown_region", code)
            for code in outside:
                self.at(table, i, "lokasi", "outside_region", code, kode=row.kode_pemda)

    def check_periods(self) -> None:
        """tahun_akhir not before tahun_awal; indikator target years inside their sasaran's dokumen."""
        table = self.t.get("dokumen")
        periods = {}
        for i, doc in enumerate(table.rows if table else []):
            periods[doc.id] = (doc.tahun_awal, doc.tahun_akhir)
            if doc.tahun_akhir < doc.tahun_awal:
                self.at(table, i, "tahun_akhir", "period", doc.tahun_akhir, start=doc.tahun_awal)
        dokumen_of = {s.id: s.dokumen for s in self.rows("sasaran") if s.dokumen in periods}
        table = self.t.get("indikator")
        for i, ind in enumerate(table.rows if table else []):
            doc = dokumen_of.get(ind.milik)
            start, end = periods.get(doc, (None, None))
            for year in ind.target if doc else ():
                if not start <= year <= end:
                    self.at(table, i, ("target", year), "year_outside_period", year, dokumen=doc, start=start, end=end)

    def replace_old_codes(self) -> None:
        """A line of the nomenclature's year or later under a code the nomenclature replaced
        (SUBKEGIATAN SEBELUMNYA) moves to the new code, with a warning; it keeps its code when its
        agency already has a line under the new code that year. Earlier lines used the code while
        it was current and keep it."""
        table = self.t.get("sub_kegiatan")
        if not self.nomenclature or table is None:
            return
        since = getattr(self.nomenclature, "year", None) or 0
        successors = {key: self.nomenclature.successor(*key)
                      for key in {(r.kode_sub_giat, r.kode_pemda) for r in table.rows if r.tahun >= since}}
        if not any(successors.values()):
            return
        taken = {(r.tahun, r.kode_pemda, r.kode_skpd, r.kode_sub_giat) for r in table.rows}
        for i, row in enumerate(table.rows):
            if row.tahun < since:
                continue
            new = successors[(row.kode_sub_giat, row.kode_pemda)]
            if new is None:
                continue
            self.at(table, i, "kode_sub_giat", "code_replaced", row.kode_sub_giat, new=new,
                    name=self.nomenclature.name(new, row.kode_pemda) or "", year=self.nomenclature.year or "")
            key = (row.tahun, row.kode_pemda, row.kode_skpd, new)
            if key not in taken:
                taken.add(key)
                table.rows[i] = row.model_copy(update={"kode_sub_giat": new})

    def check_nomenclature(self) -> None:
        if not self.nomenclature:
            return
        for name, column in (("program_kegiatan", "kode"), ("sub_kegiatan", "kode_sub_giat")):
            table = self.t.get(name)
            rows = table.rows if table else []
            key_of = attrgetter(column, "tahun")
            invalid = {key for key in set(map(key_of, rows)) if not self.nomenclature.is_valid(*key)}
            if not invalid:
                continue
            for i, row in enumerate(rows):
                key = key_of(row)
                if key in invalid:
                    self.at(table, i, column, "code_not_in_year", key[0], year=row.tahun)

    # -- ids and references ------------------------------------------------------------------
    def check_duplicates(self, name: str, key: Callable[[Row], Hashable], column: str, described: str) -> None:
        table = self.t.get(name)
        keys = list(map(key, table.rows if table else []))
        if len(set(keys)) == len(keys):
            return  # no key twice
        first: dict[Hashable, int] = {}
        for i, (row, k) in enumerate(zip(table.rows, keys)):
            if k in first:
                self.at(table, i, column, "duplicate_id", getattr(row, column), other=table.numbers[first[k]],
                        key=described)
            else:
                first[k] = i

    def fill_support_codes(self) -> None:
        """``X.XX`` takes the agency's first bidang (support programmes are published that way)."""
        agencies = {(a.kode_pemda, a.kode_skpd): a for a in reversed(self.rows("perangkat_daerah"))}
        for name, column in (("program_kegiatan", "kode"), ("sub_kegiatan", "kode_sub_giat")):
            table = self.t.get(name)
            rows = table.rows if table else []
            if not any(code.upper().startswith("X.XX") for code in set(map(attrgetter(column), rows))):
                continue  # no placeholder in this table
            for i, row in enumerate(rows):
                code = getattr(row, column)
                if not code.upper().startswith("X.XX"):
                    continue
                agency = agencies.get((row.kode_pemda, row.kode_skpd))
                if row.kode_skpd and agency is None:
                    continue  # reported as an unknown agency
                if agency is None or not agency.bidang:
                    reason = ((f"perangkat daerah {row.kode_skpd} tidak punya bidang",
                               f"agency {row.kode_skpd} has no bidang") if agency
                              else ("baris ini tidak menyebut kode_skpd", "this row names no kode_skpd"))
                    self.at(table, i, column, "bidang_missing", code, skpd=reason)
                    continue
                try:
                    filled = normalize_code(code, bidang=agency.bidang[0])
                except CodeError as exc:
                    self.at(table, i, column, "code", code, reason=exc.phrase)
                    continue
                table.rows[i] = row.model_copy(update={column: filled})

    def check_refs(self, name: str, column: str, known: Callable[[Row, str], bool], target: Phrase,
                   scope: tuple[str, ...] = ()) -> None:
        """Every reference in `column` of table `name` must be `known`; `known(row, ref)` reads no field
        of the row but those of `scope`, so each distinct (scope, value) is asked once first."""
        table = self.t.get(name)
        rows = table.rows if table else []
        key_of = attrgetter(*scope, column)
        one_of = dict(zip(map(key_of, rows), rows))  # a row for each distinct (scope fields, value)
        if all(known(row, ref) for row in one_of.values()
               for value in (getattr(row, column),)
               for ref in (value if isinstance(value, tuple) else () if value is None else (value,))):
            return
        for i, row in enumerate(rows):
            value = getattr(row, column)
            for ref in value if isinstance(value, tuple) else () if value is None else (value,):
                if not known(row, ref):
                    self.at(table, i, column, "unknown_ref", ref, target=target)

    def check_references(self) -> list[tuple]:
        """Every id, agency and code a row names must exist; returns the part-of edges found."""
        sasaran = {r.id for r in self.rows("sasaran")} | self.failed("sasaran")
        indikator = {r.id for r in self.rows("indikator")} | self.failed("indikator")
        dokumen = {r.id for r in self.rows("dokumen")} | self.failed("dokumen")
        agencies = {(a.kode_pemda, a.kode_skpd) for a in self.rows("perangkat_daerah")}
        agencies |= self.failed("perangkat_daerah")
        goals = sasaran | indikator

        def agency(row: Row, ref: str) -> bool:
            return (row.kode_pemda, ref) in agencies

        self.check_refs("sasaran", "induk", lambda r, v: v in sasaran, _table("sasaran"))
        self.check_refs("sasaran", "selaras", lambda r, v: v in sasaran, _table("sasaran"))
        self.check_refs("sasaran", "dokumen", lambda r, v: v in dokumen, _table("dokumen"))
        self.check_refs("indikator", "milik", lambda r, v: v in sasaran, _table("sasaran"))
        for name in ("sasaran", "program_kegiatan", "sub_kegiatan"):
            self.check_refs(name, "kode_skpd", agency, _table("perangkat_daerah"), scope=("kode_pemda",))
        for name in ("program_kegiatan", "sub_kegiatan"):
            self.check_refs(name, "mendukung", lambda r, v: v in goals, _GOALS)

        work = _LinkResolver.work(self.rows("program_kegiatan"), self.rows("sub_kegiatan"),
                                  _LinkResolver.asked(self.rows("tautan")))
        resolve = _LinkResolver(goals | dokumen, agencies, work)
        table = self.t.get("sasaran")
        edges = [(("id", s.id), ("id", s.induk), table, i, "induk", s.induk)
                 for i, s in enumerate(self.rows("sasaran")) if s.induk is not None]
        return edges + self._check_tautan(resolve)

    def _check_tautan(self, resolve: _LinkResolver) -> list[tuple]:
        """Report tautan ends that name nothing; keep the resolved ends (`self.ends`)."""
        table = self.t.get("tautan")
        edges = []
        for i, row in enumerate(table.rows if table else []):
            ends, update = [], {}
            for column in ("dari", "ke"):
                ref = getattr(row, column)
                found = resolve(ref, row)
                if isinstance(found, CodeError):
                    self.at(table, i, column, "code", ref, reason=found.phrase)
                elif found is None:
                    self.at(table, i, column, "unknown_ref", ref, target=_TAUTAN_ENDS)
                else:
                    ends.append(found)
                    if found[0] == "code" and found[-1] != ref:
                        update[column] = found[-1]  # the normalised code
            if update:
                table.rows[i] = row.model_copy(update=update)
            if len(ends) == 2:
                self.ends.append((ends[0], ends[1]))
            if len(ends) == 2 and row.relasi == Relasi.BAGIAN_DARI:
                edges.append((ends[0], ends[1], table, i, "dari", row.dari))
        return edges

    def check_cycles(self, edges: Iterable[tuple]) -> None:
        """One issue per loop in the part-of hierarchy, at the loop's first row."""
        edges = list(edges)
        if not edges:
            return
        import networkx as nx  # only when there is a hierarchy to check

        graph = nx.DiGraph((src, dst) for src, dst, *_ in edges)
        component = {n: i for i, c in enumerate(nx.strongly_connected_components(graph)) for n in c}
        reported = set()
        for src, dst, table, i, column, value in edges:
            c = component[src]
            if c != component[dst] or c in reported:
                continue
            reported.add(c)
            loop = nx.shortest_path(graph.subgraph(n for n in graph if component[n] == c), dst, src)
            self.at(table, i, column, "cycle", value, path=" → ".join(str(n[-1]) for n in [src, *loop]))


def validate_tables(
    tables: Mapping[str, RawTable],
    *,
    nomenclature: Any = None,
    found: Iterable[Issue] = (),
    cap: int = ISSUE_CAP,
    columnar: bool = True,
) -> tuple[Dataset | None, list[Issue]]:
    """Check `tables` (table name -> raw table); the Dataset is None when any error was found.

    `nomenclature` (``loaders.nomenclature.Nomenclature``; None for the built-in 2027 table,
    False for none) names the codes a file leaves unnamed, moves lines off replaced codes (a
    warning), and is asked ``is_valid(code, year)`` for every program, kegiatan and sub
    kegiatan code: a code not valid in its year is a warning. Codes are repaired where unambiguous, one warning per
    column and kind of repair. `found` are issues met while reading the tables; they are
    reported (and counted towards `cap`) with the rest. `columnar` False checks the rows one by one
    through the models (the reference the column-wise check is tested against; same result).
    """
    if nomenclature is None:
        from loaders.nomenclature import builtin_nomenclature

        nomenclature = builtin_nomenclature()
    c = _Checker(tables, nomenclature, cap, columnar)
    for issue in found:
        c.issues.add(issue)
    c.check_governments()
    c.check_years()
    c.fill_support_codes()
    c.replace_old_codes()
    for name, key, column, described in (
        ("pemda", attrgetter("kode_pemda"), "kode_pemda", "kode_pemda"),
        ("dokumen", attrgetter("id"), "id", "id"),
        ("sasaran", attrgetter("id"), "id", "id"),
        ("indikator", attrgetter("id"), "id", "id"),
        ("perangkat_daerah", attrgetter("kode_pemda", "kode_skpd"), "kode_skpd", "kode_pemda + kode_skpd"),
        ("program_kegiatan", attrgetter("tahun", "kode_pemda", "kode", "kode_skpd"), "kode",
         "tahun + kode_pemda + kode + kode_skpd"),
        ("sub_kegiatan", attrgetter("tahun", "kode_pemda", "kode_skpd", "kode_sub_giat"), "kode_sub_giat",
         "tahun + kode_pemda + kode_skpd + kode_sub_giat"),
    ):
        c.check_duplicates(name, key, column, described)
    c.check_cycles(c.check_references())
    c.check_periods()
    c.check_lokasi()
    c.check_nomenclature()
    return (None if c.issues.any_error() else c.dataset()), c.issues.result()
