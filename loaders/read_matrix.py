"""A five-year matrix (Renstra T-C.27, RPJMD program table) -> Kaskade tables, one line per year.

Rows of every level share the ``KODE`` column (see `loaders.hierarchy`). A sub kegiatan row becomes
one `sub_kegiatan` line per year ``tahun_awal + k - 1`` that has a ``DANA TAHUN k`` or
``TARGET TAHUN k``, with that year's DANA as pagu, its INDIKATOR as keluaran, SATUAN and that
year's target. Program and kegiatan rows become `program_kegiatan` rows per year with their
names; a ``SASARAN`` cell becomes a sasaran the programs below it support. Pagu is counted once, at
the sub kegiatan; a parent whose own total differs from its children's is a warning with both
figures. The agency, government and first year come from the given `Facts` when the file does not
state them.

>>> from loaders.readers import RawTable
>>> raw = RawTable("renstra.xlsx", "T-C.27", ["KODE", "PROGRAM DAN KEGIATAN", "DANA TAHUN 1"], [], [])
>>> is_matrix(raw)
True
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from base.codes import CodeError, normalize_code
from base.errors import Issue
from loaders.agencies import Agencies, split_names
from loaders.given import Facts, government_issues, resolved_places
from loaders.hierarchy import (SUB_KEGIATAN, Entry, SplitCode, code_columns, code_depth, grand_total_issue,
                               official_code, split_code_issue,
                               is_subtotal_row, is_total_row, level_name, link, money_pair, placement_issues,
                               total_issues)
from loaders.messages import make_issue
from loaders.numbers import parse_number
from loaders.readers import RawTable, cell_text, is_blank, scaled_money
from loaders.vocabulary import MATRIX, calendar_column, match_columns, stacked_headers

__all__ = ["is_matrix", "matrix_tables", "derived_table", "unknown_columns"]

_YEARS = range(1, 6)
_ALL_YEARS = "1…5"


def _calendar(table: RawTable) -> dict[tuple[int, str], int]:
    """(year, target / dana) -> column, for year groups headed by calendar years (``2021`` over
    ``Target | Rp``), as a Renstra printed for its own period heads them."""
    found: dict[tuple[int, str], int] = {}
    for pos, header in enumerate(table.headers):
        if (named := calendar_column(header)) is not None:
            found.setdefault(named, pos)
    return found


def stated_first_year(table: RawTable) -> int | None:
    """The first year of a matrix whose year groups are headed by calendar years, else None."""
    return min((year for year, _ in _calendar(table)), default=None)


def _columns(table: RawTable) -> dict[str, int]:
    """Column -> position; calendar-year groups count as ``TAHUN 1..5`` from the first year they name."""
    cols = match_columns(table.headers, MATRIX)
    if not any(f"dana_{k}" in cols or f"target_{k}" in cols for k in _YEARS):
        first = stated_first_year(table)
        for (year, kind), pos in _calendar(table).items():
            if 1 <= year - first + 1 <= len(_YEARS):
                cols.setdefault(f"{kind}_{year - first + 1}", pos)
    return cols


def is_matrix(table: RawTable) -> bool:
    """Codes of every level with yearly targets or funds: ``KODE`` (in one column or split over
    several) and ``TARGET/DANA TAHUN k``."""
    table = stacked_headers(table, MATRIX)
    cols = _columns(table)
    yearly = any(f"dana_{k}" in cols or f"target_{k}" in cols for k in _YEARS)
    return bool(code_columns(table, cols)) and "nama" in cols and yearly


def derived_table(table: RawTable, fields: Sequence[str], labels: dict[str, str], rows: list[dict[str, Any]],
                  numbers: list[int]) -> RawTable:
    """A Kaskade table made from `table`: `fields` as headers, the file's header for each as its label."""
    return RawTable(table.source, table.sheet, list(fields), [[r.get(f) for f in fields] for r in rows], numbers,
                    [labels.get(f, f) for f in fields])


def unknown_columns(table: RawTable, cols: dict[str, int]) -> list[Issue]:
    """A warning for each filled header the vocabulary does not know (its cells are not loaded)."""
    used = set(cols.values())
    return [make_issue("unknown_column", source=table.source, sheet=table.sheet, column=table.labels[pos])
            for pos, header in enumerate(table.headers) if pos not in used and not is_blank(header)]


def _amount(value: Any, table: RawTable, row: int, label: str, issues: list[Issue]) -> float | None:
    if is_blank(value):
        return None
    try:
        return float(value) if isinstance(value, (int, float)) else parse_number(value)
    except ValueError:
        issues.append(make_issue("number", source=table.source, sheet=table.sheet, row=row, column=label,
                                 value=value))
        return None


def matrix_tables(table: RawTable, facts: Facts, *, goals: bool = True) -> tuple[dict[str, RawTable], list[Issue]]:
    """The sub_kegiatan, program_kegiatan, perangkat_daerah and sasaran tables of one matrix.

    With `goals` False (the workbook has its own tujuan / sasaran table) the SASARAN column is not read.
    """
    titles = table.titles
    table = stacked_headers(table, MATRIX)
    cols = _columns(table)
    # funds in thousands or millions (``DANA TAHUN 1 (Rp 000)``, a title ``dalam jutaan rupiah``) made rupiah
    table, scaling = scaled_money(table, [pos for name, pos in cols.items() if name.startswith("dana_")], titles)
    label = {name: table.labels[pos] for name, pos in cols.items()}
    at = dict(source=table.source, sheet=table.sheet)
    split = SplitCode(code_columns(table, cols), known=official_code)
    if len(split.columns) > 1:
        shown = [table.labels[pos] for pos in split.columns if not is_blank(table.labels[pos])]
        label["kode"] = " | ".join(dict.fromkeys(shown)) or "KODE"
        cols.update({f"kode_{i}": pos for i, pos in enumerate(split.columns)})  # read, not unknown

    def cell(cells: Sequence[Any], name: str) -> Any:
        pos = cols.get(name)
        return cells[pos] if pos is not None and pos < len(cells) else None

    # coded rows, their levels and parents
    issues: list[Issue] = unknown_columns(table, cols) + scaling
    entries: list[Entry] = []
    rows: list[Sequence[Any]] = []
    numbers: list[int] = []
    sasaran_of: list[str | None] = []
    totals: list[tuple[Sequence[Any], int]] = []
    sasaran = None
    for cells, number in zip(table.rows, table.row_numbers):
        sasaran = cell_text(cell(cells, "sasaran")) or sasaran
        code = split.code(cells)
        if (said := split_code_issue(split, table, table.labels, number)) is not None:
            issues.append(said)  # a code part Excel stored as a number that reads two ways
            if split.unsure is not None:
                continue
        if is_total_row(code, name := cell_text(cell(cells, "nama"))):
            if not is_subtotal_row(code, name):
                totals.append((cells, number))
            continue
        if code is None:
            continue  # a continuation line (a second indicator, a merged sasaran)
        depth = code_depth(code)
        if depth is None:
            issues.append(make_issue("level_unknown", row=number, column=label["kode"], value=code, **at))
            continue
        entries.append(Entry(len(entries), "".join(code.split()).strip("."), depth))
        rows.append(cells)
        numbers.append(number)
        sasaran_of.append(sasaran)
    link(entries)
    issues += placement_issues(entries, table, label["kode"], numbers)

    years = [k for k in _YEARS if f"dana_{k}" in cols or f"target_{k}" in cols]
    needed = {"kode_pemda", "tahun_awal"}
    by_name = "kode_skpd" not in cols and facts.kode_skpd is None and "nama_skpd" in cols
    if any(e.is_sub for e in entries) and not by_name:
        needed |= {name for name in ("kode_skpd", "nama_skpd") if name not in cols}
    first_year = label.get(f"dana_{years[0]}", label.get(f"target_{years[0]}")) if years else None
    stated = stated_first_year(table)
    if stated is not None:
        needed.discard("tahun_awal")  # the file names its years
    lacking = facts.missing(needed, year_column=first_year, **at)
    if facts.kode_pemda is not None:
        lacking += government_issues(facts.kode_pemda, table.source)
    if lacking:
        return {}, lacking + issues

    # money per year, checked against the children
    dana: dict[int, list[float | None]] = {}
    for k in years:
        if f"dana_{k}" in cols:
            dana[k] = [_amount(cell(c, f"dana_{k}"), table, n, label[f"dana_{k}"], issues)
                       for c, n in zip(rows, numbers)]
            issues += total_issues(entries, dana[k], table, label[f"dana_{k}"], numbers)
            counted = sum(a for e, a in zip(entries, dana[k]) if a is not None and e.is_sub)
            for cells, number in totals:
                own = _amount(cell(cells, f"dana_{k}"), table, number, label[f"dana_{k}"], issues)
                if (issue := grand_total_issue(own, counted, table, label[f"dana_{k}"], number)) is not None:
                    issues.append(issue)

    kode_pemda, start = facts.kode_pemda, facts.tahun_awal if facts.tahun_awal is not None else stated
    places: dict[str, tuple[list[str], list[str]]] = {}
    lines, line_rows, works, work_rows = [], [], {}, {}
    targets: dict[str, str] = {}
    agencies: dict[str, dict[str, Any]] = {}
    named = Agencies()
    unmatched: dict[str, list[int]] = {}  # agency name -> the rows naming it
    for i, entry in enumerate(entries):
        cells, number = rows[i], numbers[i]
        amounts = {k: dana[k][i] for k in dana}
        if not entry.has_sub:
            funds = sum(a for a in amounts.values() if a is not None)
            if entry.depth in (3, 5) and funds:
                issues.append(make_issue("pagu_not_loaded", row=number, column=label.get(f"dana_{years[0]}"),
                                         value=entry.code, level=level_name(entry.depth),
                                         amount=money_pair(funds), **at))
        if entry.depth < 3:
            continue  # urusan and bidang rows only group
        try:
            code = normalize_code(entry.code)
        except CodeError as exc:
            issues.append(make_issue("code", row=number, column=label["kode"], value=entry.code,
                                     reason=exc.phrase, **at))
            continue
        name = cell_text(cell(cells, "nama"))
        owners: list[str] = []
        if by_name:  # agencies named without codes, several to a cell
            for agency_name in split_names(cell_text(cell(cells, "nama_skpd"))):
                found = named.match(agency_name)
                if found is None:
                    unmatched.setdefault(agency_name, []).append(number)
                    continue
                owners.append(found[0])
                agencies.setdefault(found[0], {"kode_skpd": found[0], "kode_pemda": kode_pemda,
                                               "bidang": list(found[1]), "nama_skpd": agency_name})
        elif (skpd := cell_text(cell(cells, "kode_skpd")) or facts.kode_skpd) is not None:
            owners.append(skpd)
            agency = agencies.setdefault(skpd, {"kode_skpd": skpd, "kode_pemda": kode_pemda, "bidang": [],
                                                "nama_skpd": cell_text(cell(cells, "nama_skpd")) or facts.nama_skpd})
            bidang = ".".join(code.split(".")[:2])
            if not code.upper().startswith("X") and bidang not in agency["bidang"] and len(agency["bidang"]) < 3:
                agency["bidang"].append(bidang)
        skpd = owners[0] if owners else None  # a sub kegiatan line is counted once, for the first agency named
        text = sasaran_of[i]
        goal = None
        if goals and text is not None and entry.depth == 3:
            goal = targets.setdefault(text, f"{skpd or kode_pemda}-S{len(targets) + 1}")
        lokasi, unresolved = resolved_places(cell_text(cell(cells, "lokasi")), kode_pemda, places)
        for place in unresolved:
            issues.append(make_issue("unknown_place", row=number, column=label["lokasi"], value=place,
                                     kode=kode_pemda, **at))
        for k in years:
            year = start + k - 1
            target = cell(cells, f"target_{k}")
            if entry.depth < SUB_KEGIATAN:
                for owner in owners or [None]:
                    key = (year, code, owner)
                    if key not in works:
                        works[key] = {"tahun": year, "kode_pemda": kode_pemda, "kode": code, "nama": name,
                                      "kode_skpd": owner, "mendukung": goal}
                        work_rows[key] = number
                continue
            if amounts.get(k) is None and is_blank(target):
                continue
            lines.append({"tahun": year, "kode_pemda": kode_pemda, "kode_skpd": skpd, "kode_sub_giat": code,
                          "nama_sub_giat": name, "pagu": amounts.get(k) or 0.0, "lokasi": lokasi,
                          "keluaran": cell_text(cell(cells, "indikator")), "target": target,
                          "satuan": cell_text(cell(cells, "satuan"))})
            line_rows.append(number)

    for agency_name, at_rows in unmatched.items():
        issues.append(make_issue("agency_unmatched", row=at_rows[0], column=label["nama_skpd"], value=agency_name,
                                 count=len(at_rows), **at))
    labels = {"kode_sub_giat": label["kode"], "kode": label["kode"], "nama_sub_giat": label["nama"],
              "nama": label["nama"], "keluaran": label.get("indikator", "keluaran"),
              "satuan": label.get("satuan", "satuan"), "lokasi": label.get("lokasi", "lokasi"),
              "pagu": ", ".join(label[f"dana_{k}"] for k in dana) or "pagu",
              "target": ", ".join(label[f"target_{k}"] for k in years if f"target_{k}" in label) or "target",
              "kode_skpd": label.get("kode_skpd", "--kode-skpd"), "nama_skpd": label.get("nama_skpd", "--nama-skpd")}
    tables = {
        "sub_kegiatan": derived_table(table, ("tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "nama_sub_giat",
                                              "pagu", "lokasi", "keluaran", "target", "satuan"),
                                      labels, lines, line_rows),
        "program_kegiatan": derived_table(table, ("tahun", "kode_pemda", "kode", "nama", "kode_skpd", "mendukung"),
                                          labels, list(works.values()), list(work_rows.values())),
    }
    if agencies:
        first = numbers[0] if numbers else 1
        tables["perangkat_daerah"] = derived_table(
            table, ("kode_skpd", "nama_skpd", "kode_pemda", "bidang"), labels,
            [{**a, "bidang": list(a["bidang"])} for a in agencies.values()], [first] * len(agencies))
    if targets:
        sasaran_label = {"nama": label.get("sasaran", "sasaran")}
        owner = next(iter(agencies)) if len(agencies) == 1 else None
        tables["sasaran"] = derived_table(
            table, ("id", "jenis", "kode_pemda", "nama", "kode_skpd"), sasaran_label,
            [{"id": gid, "jenis": "sasaran", "kode_pemda": kode_pemda, "nama": text, "kode_skpd": owner}
             for text, gid in targets.items()],
            [numbers[sasaran_of.index(text)] for text in targets])
    return tables, issues

