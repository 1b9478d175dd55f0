"""A tujuan / sasaran table -> goals (tujuan -> sasaran) and their indicators with targets per year.

Two shapes are read into the same goals:

- the KELOMPOK form (``KELOMPOK | TUJUAN/SASARAN | INDIKATOR SASARAN``): each ``Tujuan`` row is a
  tujuan, each ``Sasaran`` row a sasaran of the tujuan row above it;
- the column form RPJMD and Renstra print (``[NO] | [MISI] | TUJUAN | [INDIKATOR TUJUAN] | SASARAN |
  INDIKATOR (SASARAN) | SATUAN | KONDISI AWAL | TARGET 2025 … 2029`` or ``TAHUN 1..5 | KONDISI
  AKHIR``; Permendagri 86/2017 table T-C.23 "Tujuan dan Sasaran" and the RPJMD chapter tables): the
  tujuan cell is merged down over its sasaran rows, written only on its first row, or repeated on
  each; so is the sasaran cell over its indicators. A row that starts a tujuan and leaves SASARAN
  blank carries the tujuan's own indicator (T-C.23 writes it so), as do the rows under it until its
  first sasaran. With a separate ``INDIKATOR TUJUAN`` column, the tujuan's indicators are read from
  it, and a row's targets belong to the sasaran indicator on that row, or to the tujuan indicator
  when the row has none.

An indicator measures its goal: ``dampak`` for a tujuan, ``hasil`` for a sasaran, with ``SATUAN``,
``DATA CAPAIAN AWAL`` / ``KONDISI AWAL`` as baseline and ``TARGET TAHUN k`` as the target of
``tahun_awal + k - 1`` (calendar-year columns, ``TARGET 2025``, state their own years). ``MISI`` /
``VISI`` are not in Kaskade's model (a warning); numbering (``NO``, ``1.1``) and ``KONDISI AKHIR`` are
not loaded. Ids are made from the government code: ``64.02-T1``, ``64.02-S1.2``, ``64.02-S1.2-I1``,
the same in both forms.

A cascading matrix (pohon kinerja, PermenPAN-RB 89/2021: tujuan, sasaran, program, kegiatan, sub
kegiatan as columns left to right) is refused with the cell it starts at (`is_goals` takes it so
that it is not read as anything else): its work is written as names, without the agency, codes and
pagu Kaskade links goals to.

>>> from loaders.readers import RawTable
>>> is_goals(RawTable("rpjmd.xlsx", "Tujuan", ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN"], [], []))
True
>>> is_goals(RawTable("rpjmd.xlsx", "Tabel 5.1", ["TUJUAN", "SASARAN", "INDIKATOR", "TARGET 2025"], [], []))
True
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from base.errors import Issue
from loaders.given import Facts, government_issues
from loaders.messages import make_issue
from loaders.read_matrix import derived_table, is_matrix, unknown_columns
from loaders.readers import RawTable, cell_text, is_blank
from loaders.vocabulary import MATRIX, calendar_column, match_columns, stacked_headers

__all__ = ["is_goals", "goals_tables"]

_YEARS = range(1, 6)
_WORK = ("kode_program", "kode_kegiatan", "kode_sub_kegiatan")  # PROGRAM | KEGIATAN | SUB KEGIATAN columns
_NOT_MODELLED = ("visi", "misi")


def _form(table: RawTable, cols: dict[str, int]) -> str | None:
    if "kelompok" in cols and "tujuan_sasaran" in cols:
        return "kelompok"
    if "tujuan" in cols and "sasaran" in cols and not is_matrix(table):
        return "cascading" if any(name in cols for name in _WORK) else "columns"
    return None


def is_goals(table: RawTable) -> bool:
    """A tujuan / sasaran table in either form (or a cascading matrix, which `goals_tables` refuses)."""
    table = stacked_headers(table, MATRIX)
    return _form(table, match_columns(table.headers, MATRIX)) is not None


def _years(table: RawTable, cols: dict[str, int], facts: Facts) -> tuple[dict[int, int], list[int]]:
    """Calendar year -> target column, and the ``TAHUN k`` that need the first year (`facts.tahun_awal`)."""
    stated = {}
    for pos, header in enumerate(table.headers):
        named = calendar_column(header)
        if named is not None and named[1] == "target":
            stated.setdefault(named[0], pos)
    relative = [k for k in _YEARS if f"target_{k}" in cols and cols[f"target_{k}"] not in stated.values()]
    if facts.tahun_awal is not None:
        for k in relative:
            stated.setdefault(facts.tahun_awal + k - 1, cols[f"target_{k}"])
    return stated, relative


def goals_tables(table: RawTable, facts: Facts) -> tuple[dict[str, RawTable], list[Issue]]:
    """The sasaran and indikator tables of one tujuan / sasaran table."""
    table = stacked_headers(table, MATRIX)
    cols = match_columns(table.headers, MATRIX)
    form = _form(table, cols)
    at = dict(source=table.source, sheet=table.sheet)
    if form == "cascading":
        return {}, [_cascading(table, cols)]
    label = {name: table.labels[pos] for name, pos in cols.items()}
    years, relative = _years(table, cols, facts)
    lacking = facts.missing({"kode_pemda"} | ({"tahun_awal"} if relative else set()),
                            year_column=label.get(f"target_{relative[0]}") if relative else None, **at)
    if facts.kode_pemda is not None:
        lacking += government_issues(facts.kode_pemda, table.source)
    if lacking:
        return {}, lacking
    reader = _Goals(table, cols, facts.kode_pemda, years)
    if form == "kelompok":
        reader.kelompok()
    else:
        reader.columns()
    issues = unknown_columns(table, {**cols, **{f'year_{y}': pos for y, pos in years.items()}}) + reader.issues + [
        make_issue("goal_column_not_loaded", column=label[name], **at)
        for name in _NOT_MODELLED if name in cols and any(not is_blank(c) for c in _cells(table, cols[name]))]
    return reader.tables(label), issues


def _cells(table: RawTable, pos: int) -> list[Any]:
    return [cells[pos] if pos < len(cells) else None for cells in table.rows]


def _cascading(table: RawTable, cols: dict[str, int]) -> Issue:
    """The refusal of a cascading matrix, at the first work cell it holds."""
    shown = [table.labels[cols[name]] for name in ("tujuan", "sasaran", *_WORK) if name in cols]
    work = [cols[name] for name in _WORK if name in cols]
    row, pos, value = table.row_numbers[0] if table.row_numbers else None, work[0], None
    for cells, number in zip(table.rows, table.row_numbers):
        filled = [p for p in work if p < len(cells) and not is_blank(cells[p])]
        if filled:
            row, pos, value = number, filled[0], cell_text(cells[filled[0]])
            break
    return make_issue("cascading_table", source=table.source, sheet=table.sheet, row=row,
                      column=table.labels[pos], value=value, columns=" | ".join(shown))


class _Goals:
    """The goals and indicators of one table, row by row, with the row each came from."""

    def __init__(self, table: RawTable, cols: dict[str, int], pemda: str, years: dict[int, int]):
        self.table, self.cols, self.pemda, self.years = table, cols, pemda, years
        self.at = dict(source=table.source, sheet=table.sheet)
        self.goals: list[dict[str, Any]] = []
        self.goal_rows: list[int] = []
        self.measures: list[dict[str, Any]] = []
        self.measure_rows: list[int] = []
        self.issues: list[Issue] = []
        self.tujuan_count = 0
        self.sasaran_count: dict[str, int] = {}
        self.indicator = "indikator_sasaran" if "indikator_sasaran" in cols else "indikator"

    def cell(self, cells: Sequence[Any], name: str) -> Any:
        pos = self.cols.get(name)
        return cells[pos] if pos is not None and pos < len(cells) else None

    def label(self, name: str) -> str:
        return self.table.labels[self.cols[name]]

    def tujuan(self, name: str | None, row: int) -> dict[str, Any]:
        self.tujuan_count += 1
        goal = {"id": f"{self.pemda}-T{self.tujuan_count}", "jenis": "tujuan", "kode_pemda": self.pemda,
                "nama": name, "induk": None, "indicators": 0, "number": self.tujuan_count}
        self.sasaran_count[goal["id"]] = 0
        self.goals.append(goal)
        self.goal_rows.append(row)
        return goal

    def sasaran(self, tujuan: dict[str, Any], name: str | None, row: int) -> dict[str, Any]:
        self.sasaran_count[tujuan["id"]] += 1
        goal = {"id": f"{self.pemda}-S{tujuan['number']}.{self.sasaran_count[tujuan['id']]}", "jenis": "sasaran",
                "kode_pemda": self.pemda, "nama": name, "induk": tujuan["id"], "indicators": 0}
        self.goals.append(goal)
        self.goal_rows.append(row)
        return goal

    def measure(self, goal: dict[str, Any], text: str, cells: Sequence[Any], row: int, targets: bool = True) -> None:
        goal["indicators"] += 1
        measure = {"id": f"{goal['id']}-I{goal['indicators']}", "milik": goal["id"], "nama": text,
                   "jenis": "dampak" if goal["jenis"] == "tujuan" else "hasil",
                   "satuan": cell_text(self.cell(cells, "satuan")) if targets else None,
                   "baseline": self.cell(cells, "capaian_awal") if targets else None}
        for year, pos in self.years.items():
            value = cells[pos] if targets and pos < len(cells) else None
            if not is_blank(value):
                measure[f"target_{year}"] = value
        self.measures.append(measure)
        self.measure_rows.append(row)

    def kelompok(self) -> None:
        """``KELOMPOK | TUJUAN/SASARAN | INDIKATOR``: a sasaran belongs to the tujuan row above it."""
        tujuan = current = None
        for cells, number in zip(self.table.rows, self.table.row_numbers):
            group = cell_text(self.cell(cells, "kelompok"))
            name = cell_text(self.cell(cells, "tujuan_sasaran"))
            kind = None if group is None else group.split()[0].lower()
            if group is not None and kind not in ("tujuan", "sasaran"):
                self.issues.append(make_issue("kelompok", row=number, column=self.label("kelompok"), value=group,
                                              **self.at))
                continue
            if kind == "tujuan":
                tujuan = current = self.tujuan(name, number)
            elif kind == "sasaran":
                if tujuan is None:
                    self.issues.append(make_issue("sasaran_without_tujuan", row=number,
                                                  column=self.label("kelompok"), value=name, **self.at))
                    current = None
                    continue
                current = self.sasaran(tujuan, name, number)
            text = cell_text(self.cell(cells, self.indicator))
            if current is not None and text is not None:
                self.measure(current, text, cells, number)

    def columns(self) -> None:
        """``TUJUAN | SASARAN | INDIKATOR``: a cell merged down (blank below its first row) or repeated
        names the goal of the rows under it."""
        tujuan = sasaran = None
        last_tujuan_indicator = None
        separate = "indikator_tujuan" in self.cols
        for cells, number in zip(self.table.rows, self.table.row_numbers):
            t_name = cell_text(self.cell(cells, "tujuan"))
            s_name = cell_text(self.cell(cells, "sasaran"))
            new_tujuan = t_name is not None and (tujuan is None or t_name != tujuan["nama"])
            if new_tujuan:
                tujuan, sasaran, last_tujuan_indicator = self.tujuan(t_name, number), None, None
            if s_name is not None and (sasaran is None or s_name != sasaran["nama"]):
                if tujuan is None:
                    self.issues.append(make_issue("sasaran_without_tujuan", row=number, column=self.label("sasaran"),
                                                  value=s_name, **self.at))
                    continue
                sasaran = self.sasaran(tujuan, s_name, number)
            text = cell_text(self.cell(cells, self.indicator))
            own = cell_text(self.cell(cells, "indikator_tujuan")) if separate else None
            if own is not None and tujuan is not None and own != last_tujuan_indicator:
                self.measure(tujuan, own, cells, number, targets=text is None)
                last_tujuan_indicator = own
            if text is None:
                continue
            owner = sasaran if (separate or s_name is not None or (sasaran is not None and not new_tujuan)) else tujuan
            if owner is None:  # an indicator of a sasaran column with no sasaran yet
                self.issues.append(make_issue("indicator_without_goal", row=number, column=self.label(self.indicator),
                                              value=text, **self.at))
                continue
            self.measure(owner, text, cells, number)

    def tables(self, label: dict[str, str]) -> dict[str, RawTable]:
        year_fields = [f"target_{year}" for year in sorted(self.years)]
        name_label = label.get("tujuan_sasaran") or " / ".join(
            label[n] for n in ("tujuan", "sasaran") if n in label)
        labels = {"nama": name_label, "jenis": label.get("kelompok", name_label),
                  "satuan": label.get("satuan", "satuan"), "baseline": label.get("capaian_awal", "baseline"),
                  **{f"target_{year}": self.table.labels[pos] for year, pos in self.years.items()}}
        measure_labels = {**labels, "nama": label.get(self.indicator, self.indicator)}
        return {
            "sasaran": derived_table(self.table, ("id", "jenis", "kode_pemda", "nama", "induk"), labels, self.goals,
                                     self.goal_rows),
            "indikator": derived_table(self.table, ("id", "milik", "nama", "jenis", "satuan", "baseline",
                                                    *year_fields), measure_labels, self.measures, self.measure_rows),
        }
