"""A tujuan / sasaran table (``KELOMPOK``, ``TUJUAN/SASARAN``, ``INDIKATOR SASARAN``) -> goals and targets.

Each ``Tujuan`` row is a tujuan; each ``Sasaran`` row a sasaran of the tujuan row above it. The
indicator on the row (and on the rows below with an empty KELOMPOK) measures it: ``dampak`` for a
tujuan, ``hasil`` for a sasaran, with ``SATUAN``, ``DATA CAPAIAN AWAL`` as baseline and
``TARGET TAHUN k`` as the target of ``tahun_awal + k - 1``. Ids are made from the government code:
``64.02-T1``, ``64.02-S1.2``, ``64.02-S1.2-I1``.

>>> from loaders.readers import RawTable
>>> is_goals(RawTable("rpjmd.xlsx", "Tujuan", ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN"], [], []))
True
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from base.errors import Issue
from loaders.given import Facts, government_issues
from loaders.messages import make_issue
from loaders.read_matrix import derived_table, unknown_columns
from loaders.readers import RawTable, cell_text, is_blank
from loaders.vocabulary import MATRIX, match_columns, stacked_headers

__all__ = ["is_goals", "goals_tables"]

_YEARS = range(1, 6)


def is_goals(table: RawTable) -> bool:
    cols = match_columns(table.headers, MATRIX)
    return "kelompok" in cols and "tujuan_sasaran" in cols


def goals_tables(table: RawTable, facts: Facts) -> tuple[dict[str, RawTable], list[Issue]]:
    """The sasaran and indikator tables of one tujuan / sasaran table."""
    table = stacked_headers(table, MATRIX)
    cols = match_columns(table.headers, MATRIX)
    label = {name: table.labels[pos] for name, pos in cols.items()}
    at = dict(source=table.source, sheet=table.sheet)
    years = [k for k in _YEARS if f"target_{k}" in cols]
    lacking = facts.missing({"kode_pemda"} | ({"tahun_awal"} if years else set()),
                            year_column=label.get(f"target_{years[0]}") if years else None, **at)
    if facts.kode_pemda is not None:
        lacking += government_issues(facts.kode_pemda, table.source)
    if lacking:
        return {}, lacking
    pemda = facts.kode_pemda
    indicator = "indikator_sasaran" if "indikator_sasaran" in cols else "indikator"

    def cell(cells: Sequence[Any], name: str) -> Any:
        pos = cols.get(name)
        return cells[pos] if pos is not None and pos < len(cells) else None

    issues: list[Issue] = unknown_columns(table, cols)
    goals, goal_rows, measures, measure_rows = [], [], [], []
    tujuan: dict[str, Any] | None = None
    current: dict[str, Any] | None = None
    counts = {"tujuan": 0}
    for cells, number in zip(table.rows, table.row_numbers):
        group = cell_text(cell(cells, "kelompok"))
        name = cell_text(cell(cells, "tujuan_sasaran"))
        kind = None if group is None else group.split()[0].lower()
        if group is not None and kind not in ("tujuan", "sasaran"):
            issues.append(make_issue("kelompok", row=number, column=label["kelompok"], value=group, **at))
            continue
        if kind == "tujuan":
            counts["tujuan"] += 1
            counts[f"T{counts['tujuan']}"] = 0
            tujuan = current = {"id": f"{pemda}-T{counts['tujuan']}", "jenis": "tujuan", "kode_pemda": pemda,
                                "nama": name, "induk": None, "indicators": 0}
        elif kind == "sasaran":
            if tujuan is None:
                issues.append(make_issue("sasaran_without_tujuan", row=number, column=label["kelompok"],
                                         value=name, **at))
                current = None
                continue
            key = f"T{counts['tujuan']}"
            counts[key] += 1
            current = {"id": f"{pemda}-S{counts['tujuan']}.{counts[key]}", "jenis": "sasaran", "kode_pemda": pemda,
                       "nama": name, "induk": tujuan["id"], "indicators": 0}
        if kind is not None:
            goals.append(current)
            goal_rows.append(number)
        text = cell_text(cell(cells, indicator))
        if current is None or text is None:
            continue
        current["indicators"] += 1
        measure = {"id": f"{current['id']}-I{current['indicators']}", "milik": current["id"], "nama": text,
                   "jenis": "dampak" if current["jenis"] == "tujuan" else "hasil",
                   "satuan": cell_text(cell(cells, "satuan")), "baseline": cell(cells, "capaian_awal")}
        for k in years:
            value = cell(cells, f"target_{k}")
            if not is_blank(value):
                measure[f"target_{facts.tahun_awal + k - 1}"] = value
        measures.append(measure)
        measure_rows.append(number)
    year_fields = [f"target_{facts.tahun_awal + k - 1}" for k in years]
    labels = {"nama": label["tujuan_sasaran"], "jenis": label["kelompok"], "satuan": label.get("satuan", "satuan"),
              "baseline": label.get("capaian_awal", "baseline"),
              **{f"target_{facts.tahun_awal + k - 1}": label[f"target_{k}"] for k in years}}
    measure_labels = {**labels, "nama": label.get(indicator, indicator)}
    tables = {
        "sasaran": derived_table(table, ("id", "jenis", "kode_pemda", "nama", "induk"), labels, goals, goal_rows),
        "indikator": derived_table(table, ("id", "milik", "nama", "jenis", "satuan", "baseline", *year_fields),
                                   measure_labels, measures, measure_rows),
    }
    return tables, issues
