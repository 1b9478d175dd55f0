"""All checking in one place: raw tables -> a `Dataset`, or every problem found, at once.

Per row, the models check each value (numbers written the Indonesian way, codes, enums); their
errors are mapped back to the file's row and column with a readable message. Across rows, this
module checks ids, references, cycles, regions, plan periods and the ``X.XX`` placeholder, with
dicts and sets (linear in the number of rows). Nothing partial comes out: a dataset is returned
only when there is no error.

>>> from loaders.readers import RawTable
>>> raw = RawTable("d.csv", "sasaran", ["id", "jenis", "nama", "induk"],
...                [["T1", "tujuan", "Sejahtera", None], ["S1", "sasaran", "Miskin turun", "T9"]], [2, 3])
>>> dataset, issues = validate_tables({"sasaran": raw})
>>> dataset, [(i.row, i.column, i.rule) for i in issues]
(None, [(3, 'induk', 'unknown_ref')])
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from loaders import regions
from loaders.errors import Issue
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
from loaders.nomenclature import CodeError, normalize_code
from loaders.readers import RawTable, canonical, is_blank

__all__ = ["validate_tables", "ISSUE_CAP"]

ISSUE_CAP = 200
"""Issues kept per (file, sheet, column, rule); the rest are summed up in one issue."""

_TARGET_YEAR = re.compile(r"target_?(\d{4})")
_ENUMS = {
    "tingkat": GovLevel,
    "status": LinkStatus,
    "relasi": Relasi,
    ("dokumen", "jenis"): DocType,
    ("sasaran", "jenis"): TargetType,
    ("indikator", "jenis"): IndicatorType,
}
_NUMBERS = {"pagu", "baseline", "target"}
_YEARS = {"tahun", "tahun_awal", "tahun_akhir"}
_TYPE_NAMES = {
    "dict_type": ("daftar target per tahun", "a mapping of year to target"),
    "tuple_type": ("daftar", "a list"),
}
_GOV = (GovLevel.PROVINCE, GovLevel.KABUPATEN, GovLevel.KOTA)
_ORDER = {name: i for i, name in enumerate(TABLES)}


class _Issues:
    """Collects issues, keeping at most `cap` of one kind per column so a broken 1M-row file stays readable."""

    def __init__(self, cap: int, order: dict[tuple[str, str], int]):
        self.cap = cap
        self.order = order
        self.items: list[Issue] = []
        self.extra: dict[tuple, tuple[Issue, int]] = {}
        self.seen: dict[tuple, int] = {}

    def add(self, issue: Issue) -> None:
        kind = (issue.source, issue.sheet, issue.column, issue.rule)
        count = self.seen.get(kind, 0) + 1
        self.seen[kind] = count
        if count <= self.cap:
            self.items.append(issue)
        else:
            first, _ = self.extra.get(kind, (issue, 0))
            self.extra[kind] = (first, count - self.cap)

    def result(self) -> list[Issue]:
        issues = sorted(self.items, key=lambda i: (self.order.get((i.source, i.sheet or ""), -1), i.row or 0))
        return issues + [summary_issue(first, n) for first, n in self.extra.values()]

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.items) or any(
            first.severity == "error" for first, _ in self.extra.values()
        )


@dataclass
class _Table:
    """The valid rows of one table with their row numbers, and where its columns are."""

    name: str
    raw: RawTable
    labels: dict[Any, str]  # field name, or ("target", year), -> header as written
    rows: list[Row] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    failed_keys: set[Hashable] = field(default_factory=set)  # ids of rows that failed, so no follow-up errors

    def label(self, name: Any) -> str:
        return self.labels.get(name) or (name if isinstance(name, str) else f"target_{name[1]}")


def _key_text(value: Any) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _pemda_text(value: Any) -> str:
    text = _key_text(value)
    return NATIONAL if text is None or text.lower() in {"0", "00", "nasional", "pusat", "national"} else text


class _Checker:
    def __init__(self, tables: Mapping[str, RawTable], nomenclature: Any, cap: int):
        order = {(raw.source, raw.sheet): _ORDER[name] for name, raw in tables.items()}
        self.issues = _Issues(cap, order)
        self.nomenclature = nomenclature
        self.t: dict[str, _Table] = {}
        self._levels: dict[str, GovLevel | None | bool] = {}
        for name in TABLES:
            if name in tables:
                self.t[name] = self._parse(name, tables[name])

    # -- reporting ---------------------------------------------------------------------------
    def at(self, table: _Table, index: int | None, column: Any, rule: str, value: Any = None, **params: Any) -> None:
        self.issues.add(
            make_issue(
                rule,
                source=table.raw.source,
                sheet=table.raw.sheet,
                row=None if index is None else table.numbers[index],
                column=table.label(column) if column is not None else None,
                value=value,
                **params,
            )
        )

    def rows(self, name: str) -> list[Row]:
        return self.t[name].rows if name in self.t else []

    # -- one table, row by row ---------------------------------------------------------------
    def _parse(self, name: str, raw: RawTable) -> _Table:
        model = TABLES[name]
        fields = model.model_fields
        table = _Table(name, raw, {})
        at_sheet = dict(source=raw.source, sheet=raw.sheet)
        cols: list[tuple[int, str]] = []
        years: list[tuple[int, int]] = []
        for pos, header in enumerate(raw.headers):
            label = raw.labels[pos] or f"kolom {pos + 1}"
            key = canonical(header)
            year = _TARGET_YEAR.fullmatch(key) if name == "indikator" else None
            target: Any = key if key in fields else ("target", int(year[1])) if year else None
            if target is None:
                if key or any(pos < len(r) and not is_blank(r[pos]) for r in raw.rows):
                    self.issues.add(make_issue("unknown_column", column=label, **at_sheet))
            elif target in table.labels:
                self.issues.add(
                    make_issue("duplicate_column", column=label, other=table.labels[target], **at_sheet)
                )
            else:
                table.labels[target] = label
                (years.append((pos, target[1])) if isinstance(target, tuple) else cols.append((pos, target)))
        missing = {f for f, info in fields.items() if info.is_required() and f not in table.labels}
        if raw.rows:
            for f in sorted(missing, key=list(fields).index):
                self.issues.add(make_issue("missing_column", column=f, **at_sheet))
        fill_lokasi = name == "sub_kegiatan"
        for index, cells in enumerate(raw.rows):
            width = len(cells)
            # Blank cells are left out, so defaults apply and a required column reads as missing.
            data = {
                f: v
                for p, f in cols
                if p < width and (v := cells[p]) is not None and v != "" and not (v.__class__ is str and v.isspace())
            }
            if fill_lokasi and not data.get("lokasi") and (kode := _pemda_text(data.get("kode_pemda"))) != NATIONAL:
                data["lokasi"] = kode  # an empty lokasi means the government's whole region
            if name == "indikator":
                given = data.get("target")
                target = {k: v for k, v in given.items() if not is_blank(v)} if isinstance(given, dict) else {}
                target.update((y, cells[p]) for p, y in years if p < width and not is_blank(cells[p]))
                if target or given is not None:
                    data["target"] = target if isinstance(given, dict | None) else given
            try:
                row = model.model_validate(data)
            except ValidationError as exc:
                self._row_errors(table, raw.row_numbers[index], exc, data, missing)
                table.failed_keys.add(self._key_of(name, data))
                continue
            except ArithmeticError as exc:  # e.g. a year of 1e999 in JSON
                self.issues.add(make_issue("invalid", row=raw.row_numbers[index], value=str(data)[:80], detail=str(exc), **at_sheet))
                continue
            table.rows.append(row)
            table.numbers.append(raw.row_numbers[index])
        return table

    @staticmethod
    def _key_of(name: str, data: dict[str, Any]) -> Hashable:
        if name == "perangkat_daerah":
            return (_pemda_text(data.get("kode_pemda")), _key_text(data.get("kode_skpd")))
        if name == "pemda":
            return _pemda_text(data.get("kode_pemda"))
        return _key_text(data.get("id"))

    def _row_errors(self, table: _Table, row: int, exc: ValidationError, data: dict, missing: set[str]) -> None:
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            name = loc[0] if loc else None
            if name in missing:
                continue
            column: Any = name
            value = data.get(name) if isinstance(name, str) else None
            if name == "target" and len(loc) > 1:
                column = ("target", loc[1]) if ("target", loc[1]) in table.labels else "target"
                value = loc[1] if "[key]" in loc else (data.get("target") or {}).get(loc[1])
            rule, params = self._rule_of(table.name, name, loc, err)
            self.issues.add(
                make_issue(
                    rule, source=table.raw.source, sheet=table.raw.sheet, row=row,
                    column=table.label(column), value=value, **params,
                )
            )

    @staticmethod
    def _rule_of(table: str, name: Any, loc: tuple, err: dict) -> tuple[str, dict[str, Any]]:
        kind = err["type"]
        cause = (err.get("ctx") or {}).get("error")
        if kind == "missing":
            return "required", {}
        if kind == "enum":
            enum = _ENUMS.get((table, name)) or _ENUMS.get(name)
            allowed = ", ".join(m.value for m in enum) if enum else str(err.get("ctx", {}).get("expected"))
            return "enum", {"allowed": allowed}
        if isinstance(cause, CodeError):
            return "code", {"reason": (cause.reason_id, cause.reason_en)}
        if name == "bidang":
            return "bidang", {}
        if "negatif" in str(cause or ""):
            return "negative", {}
        if name in _YEARS or "[key]" in loc:
            return "year", {}
        if name in _NUMBERS and (kind == "value_error" or "parsing" in kind or "float" in kind):
            return "number", {}
        if kind in _TYPE_NAMES or kind.endswith("_type"):
            return "type", {"expected": _TYPE_NAMES.get(kind, ("teks atau angka", "text or a number"))}
        return "invalid", {"detail": str(cause) if cause else err["msg"]}

    # -- regions -----------------------------------------------------------------------------
    def _level(self, kode: str) -> GovLevel | None | bool:
        """The government level of `kode`; False when the code is no region at all."""
        if kode not in self._levels:
            if kode == NATIONAL:
                self._levels[kode] = GovLevel.NATIONAL
            elif not regions.exists(kode):
                self._levels[kode] = False
            else:
                try:
                    level = regions.government_level(kode)
                except (KeyError, ValueError):
                    level = None
                self._levels[kode] = level if level in _GOV else None
        return self._levels[kode]

    def check_governments(self) -> None:
        for table in self.t.values():
            if "kode_pemda" not in TABLES[table.name].model_fields:
                continue
            for i, row in enumerate(table.rows):
                kode = row.kode_pemda
                if kode is None:
                    continue
                level = self._level(kode)
                if level is False:
                    self.at(table, i, "kode_pemda", "unknown_region", kode)
                elif level is None:
                    self.at(table, i, "kode_pemda", "not_government", kode)
                elif table.name == "pemda" and row.tingkat and row.tingkat != level:
                    self.at(table, i, "tingkat", "tingkat", row.tingkat.value, kode=kode, expected=level.value)

    def check_years(self) -> None:
        for table in self.t.values():
            for name in ("tahun", "tahun_awal", "tahun_akhir"):
                if name not in TABLES[table.name].model_fields:
                    continue
                values = {getattr(r, name) for r in table.rows}
                if all(v is None or 1900 <= v <= 2100 for v in values):
                    continue
                for i, r in enumerate(table.rows):
                    if getattr(r, name) is not None and not 1900 <= getattr(r, name) <= 2100:
                        self.at(table, i, name, "year", getattr(r, name))

    def check_lokasi(self) -> None:
        table = self.t.get("sub_kegiatan")
        if table is None:
            return
        verdicts: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}
        for i, row in enumerate(table.rows):
            key = (row.kode_pemda, row.lokasi)
            if key not in verdicts:
                # A lokasi equal to an unknown kode_pemda was reported with the kode_pemda.
                unknown = [c for c in row.lokasi if not regions.exists(c) and c != row.kode_pemda]
                outside = [
                    c for c in row.lokasi
                    if c not in unknown and row.kode_pemda != NATIONAL and self._level(row.kode_pemda)
                    and not regions.contains(row.kode_pemda, c)
                ]
                verdicts[key] = (unknown, outside)
            unknown, outside = verdicts[key]
            for code in unknown:
                self.at(table, i, "lokasi", "unknown_region", code)
            for code in outside:
                self.at(table, i, "lokasi", "outside_region", code, kode=row.kode_pemda)

    # -- ids and references ------------------------------------------------------------------
    def check_duplicates(self, name: str, key: Callable[[Row], Hashable], column: str, described: str) -> None:
        table = self.t.get(name)
        if table is None:
            return
        first: dict[Hashable, int] = {}
        for i, row in enumerate(table.rows):
            k = key(row)
            if k in first:
                self.at(table, i, column, "duplicate_id", getattr(row, column), other=table.numbers[first[k]], key=described)
            else:
                first[k] = i

    def agencies(self) -> dict[tuple[str, str], Row]:
        found: dict[tuple[str, str], Row] = {}
        for row in self.rows("perangkat_daerah"):
            found.setdefault((row.kode_pemda, row.kode_skpd), row)
        return found

    def fill_support_codes(self, agencies: dict[tuple[str, str], Row]) -> None:
        """``X.XX`` takes the agency's first bidang (support programmes are published that way)."""
        for name, column in (("program_kegiatan", "kode"), ("sub_kegiatan", "kode_sub_giat")):
            table = self.t.get(name)
            for i, row in enumerate(table.rows if table else []):
                code = getattr(row, column)
                if not code.upper().startswith("X.XX"):
                    continue
                agency = agencies.get((row.kode_pemda, row.kode_skpd)) if row.kode_skpd else None
                if row.kode_skpd and agency is None:
                    continue  # reported as an unknown agency
                if agency is None or not agency.bidang:
                    reason = (
                        (f"perangkat daerah {row.kode_skpd} tidak punya bidang", f"agency {row.kode_skpd} has no bidang")
                        if agency else ("baris ini tidak menyebut kode_skpd", "this row names no kode_skpd")
                    )
                    self.at(table, i, column, "bidang_missing", code, skpd=reason)
                    continue
                try:
                    filled = normalize_code(code, bidang=agency.bidang[0])
                except CodeError as exc:
                    self.at(table, i, column, "code", code, reason=(exc.reason_id, exc.reason_en))
                    continue
                table.rows[i] = row.model_copy(update={column: filled})

    def check_refs(
        self, name: str, column: str, known: Callable[[Row, str], bool], target: tuple[str, str], many: bool = False
    ) -> None:
        table = self.t.get(name)
        for i, row in enumerate(table.rows if table else []):
            value = getattr(row, column)
            for ref in value if many else (value,) if value is not None else ():
                if not known(row, ref):
                    self.at(table, i, column, "unknown_ref", ref, target=target)

    def check_tautan(self, resolve: Callable[[str, Row], Hashable | CodeError | None]) -> list:
        table = self.t.get("tautan")
        edges = []
        for i, row in enumerate(table.rows if table else []):
            update = {}
            ends = []
            for column in ("dari", "ke"):
                ref = getattr(row, column)
                found = resolve(ref, row)
                if isinstance(found, CodeError):
                    self.at(table, i, column, "code", ref, reason=(found.reason_id, found.reason_en))
                elif found is None:
                    self.at(table, i, column, "unknown_ref", ref, target=_TAUTAN_TARGET)
                else:
                    ends.append(found)
                    if found[0] == "code" and found[-1] != ref:
                        update[column] = found[-1]
            if update:
                table.rows[i] = row.model_copy(update=update)
            if len(ends) == 2 and row.relasi == Relasi.BAGIAN_DARI:
                edges.append((ends[0], ends[1], table, i, "dari", row.dari))
        return edges

    def check_cycles(self, edges: list) -> None:
        graph: dict[Hashable, list[Hashable]] = {}
        for src, dst, *_ in edges:
            graph.setdefault(src, []).append(dst)
            graph.setdefault(dst, [])
        component = _components(graph)
        reported: set[int] = set()
        for src, dst, table, i, column, value in edges:
            c = component[src]
            if c != component[dst] or c in reported:
                continue
            reported.add(c)
            path = _path_back(graph, dst, src, lambda n: component[n] == c)
            text = " → ".join(str(n[-1]) for n in [src, *path])
            self.at(table, i, column, "cycle", value, path=text)

    def check_periods(self) -> None:
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
            if doc is None:
                continue
            start, end = periods[doc]
            for year in ind.target:
                if not start <= year <= end:
                    self.at(table, i, ("target", year), "year_outside_period", year, dokumen=doc, start=start, end=end)

    def check_nomenclature(self) -> None:
        if self.nomenclature is None:
            return
        for name, column in (("program_kegiatan", "kode"), ("sub_kegiatan", "kode_sub_giat")):
            table = self.t.get(name)
            verdict: dict[tuple[str, int], bool] = {}
            for i, row in enumerate(table.rows if table else []):
                key = (getattr(row, column), row.tahun)
                if key not in verdict:
                    verdict[key] = self.nomenclature.is_valid(*key)
                if not verdict[key]:
                    self.at(table, i, column, "code_not_in_year", key[0], year=row.tahun)


_TAUTAN_TARGET = (
    "id sasaran/indikator/dokumen, kode perangkat daerah, kode pemda, atau kode program/kegiatan/"
    "sub kegiatan pada kode_pemda dan tahun baris ini",
    "sasaran/indikator/dokumen ids, agency codes, government codes, or program/kegiatan/"
    "sub kegiatan codes of this row's kode_pemda and tahun",
)


def _components(graph: dict[Hashable, list[Hashable]]) -> dict[Hashable, int]:
    """Strongly connected components (iterative Tarjan); a node's component number.

    Single nodes without a self-loop get a component of their own that no edge stays inside.
    """
    index: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    on_stack: set[Hashable] = set()
    stack: list[Hashable] = []
    component: dict[Hashable, int] = {}
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = index[node]
                        if member == node:
                            break
    return component


def _path_back(graph: dict, start: Hashable, goal: Hashable, inside: Callable[[Hashable], bool]) -> list:
    """Shortest path start -> goal through nodes `inside` the component (breadth first)."""
    previous: dict[Hashable, Hashable | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for child in graph[node]:
            if child not in previous and inside(child):
                previous[child] = node
                queue.append(child)
    path = []
    node: Hashable | None = goal
    while node is not None:
        path.append(node)
        node = previous[node]
    return path[::-1]


def _support(table: str) -> tuple[str, str]:
    return (f"tabel {table}", f"table {table}")


def validate_tables(
    tables: Mapping[str, RawTable], *, nomenclature: Any = None, cap: int = ISSUE_CAP
) -> tuple[Dataset | None, list[Issue]]:
    """Check `tables` (table name -> raw table); the Dataset is None when any error was found.

    `nomenclature`, when given, is asked ``is_valid(code, year)`` for every program, kegiatan
    and sub kegiatan code; a code not valid in its year is a warning.
    """
    c = _Checker(tables, nomenclature, cap)
    c.check_governments()
    c.check_years()
    agencies = c.agencies()
    c.fill_support_codes(agencies)
    c.check_duplicates("pemda", lambda r: r.kode_pemda, "kode_pemda", "kode_pemda")
    c.check_duplicates("dokumen", lambda r: r.id, "id", "id")
    c.check_duplicates("sasaran", lambda r: r.id, "id", "id")
    c.check_duplicates("indikator", lambda r: r.id, "id", "id")
    c.check_duplicates(
        "perangkat_daerah", lambda r: (r.kode_pemda, r.kode_skpd), "kode_skpd", "kode_pemda + kode_skpd"
    )
    c.check_duplicates(
        "program_kegiatan", lambda r: (r.tahun, r.kode_pemda, r.kode, r.kode_skpd), "kode",
        "tahun + kode_pemda + kode + kode_skpd",
    )
    c.check_duplicates(
        "sub_kegiatan", lambda r: (r.tahun, r.kode_pemda, r.kode_skpd, r.kode_sub_giat), "kode_sub_giat",
        "tahun + kode_pemda + kode_skpd + kode_sub_giat",
    )

    def ids(name: str) -> set[str]:
        return {r.id for r in c.rows(name)} | (c.t[name].failed_keys if name in c.t else set())

    sasaran, indikator, dokumen = ids("sasaran"), ids("indikator"), ids("dokumen")
    agency_keys = set(agencies) | (c.t["perangkat_daerah"].failed_keys if "perangkat_daerah" in c.t else set())
    goals = sasaran | indikator

    def agency(row: Row, ref: str) -> bool:
        return (row.kode_pemda, ref) in agency_keys

    c.check_refs("sasaran", "induk", lambda r, v: v in sasaran, _support("sasaran"))
    c.check_refs("sasaran", "selaras", lambda r, v: v in sasaran, _support("sasaran"), many=True)
    c.check_refs("sasaran", "dokumen", lambda r, v: v in dokumen, _support("dokumen"))
    c.check_refs("sasaran", "kode_skpd", agency, _support("perangkat_daerah"))
    c.check_refs("indikator", "milik", lambda r, v: v in sasaran, _support("sasaran"))
    c.check_refs("program_kegiatan", "kode_skpd", agency, _support("perangkat_daerah"))
    c.check_refs("sub_kegiatan", "kode_skpd", agency, _support("perangkat_daerah"))
    target = ("indikator atau sasaran", "indikator or sasaran")
    c.check_refs("program_kegiatan", "mendukung", lambda r, v: v in goals, target, many=True)
    c.check_refs("sub_kegiatan", "mendukung", lambda r, v: v in goals, target, many=True)

    work: set[tuple] = set()
    for r in c.rows("program_kegiatan"):
        work.update({(r.kode_pemda, r.tahun, r.kode), (r.kode_pemda, None, r.kode)})
    for r in c.rows("sub_kegiatan"):
        work.update({(r.kode_pemda, r.tahun, r.kode_sub_giat), (r.kode_pemda, None, r.kode_sub_giat)})

    def resolve(ref: str, row: Row) -> Hashable | CodeError | None:
        if ref in sasaran or ref in indikator or ref in dokumen:
            return ("id", ref)
        if row.kode_pemda and (row.kode_pemda, ref) in agency_keys:
            return ("skpd", row.kode_pemda, ref)
        if ref == NATIONAL or (re.fullmatch(r"\d{2}(\.\d{2})?", ref) and c._level(ref)):
            return ("pemda", ref)
        if not re.match(r"(\d|X\.XX)", ref, re.IGNORECASE) or not row.kode_pemda:
            return None
        try:
            code = normalize_code(ref)
        except CodeError as exc:
            return exc
        return ("code", row.kode_pemda, code) if (row.kode_pemda, row.tahun, code) in work else None

    edges = [
        (("id", s.id), ("id", s.induk), c.t["sasaran"], i, "induk", s.induk)
        for i, s in enumerate(c.rows("sasaran"))
        if s.induk is not None
    ]
    edges += c.check_tautan(resolve)
    c.check_cycles(edges)
    c.check_periods()
    c.check_lokasi()
    c.check_nomenclature()
    issues = c.issues.result()
    if c.issues.has_errors:
        return None, issues
    return Dataset(**{name: tuple(t.rows) for name, t in c.t.items()}), issues
