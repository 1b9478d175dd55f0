"""Turn a SIPD-style flat export, or a Renja / DPA / DPPA table of one agency, into Kaskade tables.

Headers are read through the vocabulary (`loaders/headers.csv`): ``kode_sub_giat`` and
``KODE SUB KEGIATAN``, ``pagu`` and ``JUMLAH PAGU`` are the same column. A SIPD export carries no
government code, a Renja table neither agency, government nor year: the caller gives them as
`Facts`. Places are names (``Kec. Tenggarong``), resolved with `reference.regions.resolve_places`
inside that government. Parent rows (program, kegiatan) in the code column name and total their
sub kegiatan and are never counted as lines (`loaders.hierarchy`). The derived rows keep the export's row numbers and headers, so every issue points
at the export itself. The ``label_pusat`` / ``label_prov`` / ``label_kokab`` tags are not loaded.

>>> from loaders.readers import RawTable
>>> raw = RawTable("renja.csv", "renja", ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"], [], [])
>>> is_sipd(raw), sorted(sipd_columns(raw.headers))
(True, ['kode_sub_giat', 'nama_sub_giat', 'pagu'])
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from base.errors import Issue
from loaders.agencies import Agencies
from loaders.given import Facts, government_issues, resolved_places
from loaders.hierarchy import (Entry, SplitCode, code_columns, code_depth, grand_total_issue, is_subtotal_row,
                               official_code, split_code_issue,
                               is_total_row, level_name, link, placement_issues, total_issues)
from loaders.messages import make_issue
from loaders.numbers import parse_number
from loaders.readers import RawTable, canonical, cell_text, is_blank, scaled_money, stack_tables
from loaders.vocabulary import FLAT, match_columns, stacked_headers

__all__ = ["sipd_columns", "is_sipd", "sipd_tables", "stated_agency", "workbook_tables"]

_LABELS = ("label_pusat", "label_prov", "label_kokab")
# Renja / DPA columns read by name but not kept: said once each when they hold values
_NOT_KEPT = ("capaian", "target_capaian", "hasil", "target_hasil", "awal_pelaksanaan", "akhir_pelaksanaan")
_BIDANG = re.compile(r"\d\.\d{2}")
_PART = re.compile(r"[0-9xX]+(\.[0-9]+)?\.?|(sub\s*)?(jumlah|total)(\s+\w+)?", re.IGNORECASE)
_AGENCY_CODE = re.compile(r"[0-9xX]\.[0-9xX]{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}")  # 1.03.0.00.0.00.01.0000
_CODED_NAME = re.compile(r"[0-9xX]+(\.[0-9xX]+){2,}\.?\s+(?=\S)")
_AGENCY_ROW = re.compile(r"\s*(sub\s+)?(unit\s+organisasi|organisasi|perangkat\s+daerah|skpd|opd|unit\s+kerja)\s*:",
                         re.IGNORECASE)
_AGENCY_LINE = re.compile(r"\s*(?:sub\s+)?(?:unit\s+organisasi|organisasi|perangkat\s+daerah|skpd|opd|unit\s+kerja)"
                          r"\s*:\s*(?P<rest>.*\S)", re.IGNORECASE | re.DOTALL)
_YEAR_NAME = re.compile(r"(?:19|20)\d\d")
_YEAR_TITLE = re.compile(r"\btahun(?:\s+anggaran)?\s+((?:19|20)\d\d)\b(?!\s*(?:-|\u2013|s\.?\s?d|sampai))", re.IGNORECASE)
_AGENCY_SCAN = 12  # rows under the header an ``Unit Organisasi :`` row can sit in
_YEARLY = re.compile(r"target_(\d{4})")
_MONEY = ("pagu", "pagu_n_lalu", "pagu_n_depan")

# Kaskade column -> the SIPD columns it is taken from, first present wins.
_ALWAYS = {"tahun", "kode_pemda"}  # given as facts when the table lacks them
_OPTION = {"kode_pemda": "--kode-pemda", "tahun": "--tahun", "kode_skpd": "--kode-skpd", "nama_skpd": "--nama-skpd"}
_SUB = {
    "tahun": ("tahun_anggaran",),
    "kode_pemda": (),
    "kode_skpd": ("kode_skpd",),
    "kode_sub_giat": ("kode_sub_giat",),
    "nama_sub_giat": ("nama_sub_giat",),
    "pagu": ("pagu",),
    "lokasi": ("nama_lokasi",),
    "keluaran": ("output_sub_giat", "indikator"),
    "target": ("target", "target_1"),
    "satuan": ("satuan",),
    "sumber_dana": ("nama_dana",),
}
_PROGRAM = {"tahun": ("tahun_anggaran",), "kode_pemda": (), "kode": ("kode_program", "kode_giat", "kode_sub_giat"),
            "nama": ("nama_program", "nama_giat", "nama_sub_giat"), "kode_skpd": ("kode_skpd",)}
_AGENCY = {"kode_skpd": ("kode_skpd",), "nama_skpd": ("nama_skpd",), "kode_pemda": (),
           "bidang": ("kode_bidang_urusan", "kode_skpd", "kode_sub_giat")}


def sipd_columns(headers: Sequence[str]) -> dict[str, int]:
    """SIPD column -> its position among `headers` (the first match wins; spellings in headers.csv)."""
    return match_columns(headers, FLAT)


def is_sipd(table: RawTable) -> bool:
    """Does the table look like a SIPD sub kegiatan export (codes and names of sub kegiatan)?"""
    columns = sipd_columns(stacked_headers(table, FLAT).headers)
    return "kode_sub_giat" in columns and "nama_sub_giat" in columns


def _prepared(table: RawTable) -> tuple[RawTable, list[Issue]]:
    """`table` with a code split over the columns under a merged ``KODE`` heading joined into its first
    column (``1 | 03 | 02 | 2.01 | 0013``, as a Renja / RKPD print writes it: `loaders.hierarchy.SplitCode`),
    without the rows that only name the agency (``Unit Organisasi : …``, ``Sub Unit Organisasi : …``),
    and with a row giving an agency by its code (``1.03.0.00.0.00.01.0000 | Dinas …``, as an RKPD of
    several agencies heads each one's lines) made the agency of the lines under it. A code part Excel
    stored as a number that reads two ways is decided by the nomenclature or reported at its cell
    (`loaders.hierarchy.split_code_issue`), the row left out."""
    found = sipd_columns(table.headers)
    code, name = found.get("kode_sub_giat"), found.get("nama_sub_giat")
    columns = [] if code is None else code_columns(table, {"kode": code})
    if len(columns) > 1 and not all(_code_part(row[pos]) for row in table.rows if not _names_agency(row)
                                    for pos in columns[1:] if pos < len(row)):
        columns = columns[:1]  # unheaded columns right of the code that hold something else

    def agency(cells: Sequence[Any]) -> tuple[str, str | None] | None:
        text = _cell(cells, code)
        return (text, _cell(cells, name)) if text is not None and _AGENCY_CODE.fullmatch(text) else None

    headed = "kode_skpd" not in found and any(agency(row) for row in table.rows)
    if len(columns) == 1 and not headed and not any(map(_names_agency, table.rows)):
        return table, []
    split = SplitCode(columns, known=official_code)
    rows, numbers, current, issues = [], [], None, []
    for cells, number in zip(table.rows, table.row_numbers):
        if headed and (named := agency(cells)) is not None:
            current = named
            continue
        if _names_agency(cells):
            continue
        cells = list(cells)
        if len(columns) > 1:
            joined = split.code(cells)
            if (said := split_code_issue(split, table, table.labels, number)) is not None:
                issues.append(said)
                if split.unsure is not None:
                    continue
            for pos in columns:
                if pos < len(cells):
                    cells[pos] = None
            cells[columns[0]] = joined
        if headed:
            cells = cells + [None] * (len(table.headers) - len(cells)) + list(current or (None, None))
        rows.append(cells)
        numbers.append(number)
    if not headed:
        return (RawTable(table.source, table.sheet, table.headers, rows, numbers, table.labels, notes=table.notes),
                issues)
    assert code is not None
    labels = [table.labels[code], table.labels[name] if name is not None else table.labels[code]]
    return RawTable(table.source, table.sheet, [*table.headers, "kode_skpd", "nama_skpd"], rows, numbers,
                    [*table.labels, *labels], notes=table.notes), issues


def _bare(name: str | None) -> str | None:
    """A name without the code SIPD writes before it (``1.03.02.2.01.0013 Pembangunan …``; the code has
    its own column).

    >>> _bare("1.03.02.2.01.0013 Pembangunan Stasiun Pompa Banjir"), _bare("1.000 Rumah Layak Huni")
    ('Pembangunan Stasiun Pompa Banjir', '1.000 Rumah Layak Huni')
    """
    if name is None or not name[:1].isalnum():
        return name
    found = _CODED_NAME.match(name)
    return name[found.end():] if found else name


def _code_part(value: Any) -> bool:
    """A cell that can be part of a split code: blank, a number, or digits (``03``, ``2.01``, ``X``, ``TOTAL``)."""
    return is_blank(value) or isinstance(value, (int, float)) or bool(_PART.fullmatch(str(value).strip()))


def _names_agency(cells: Sequence[Any]) -> bool:
    """A row that only names the agency above its lines (``Unit Organisasi : Dinas …``)."""
    first = next((c for c in cells if not is_blank(c)), None)
    return isinstance(first, str) and _AGENCY_ROW.match(first) is not None


def _cell(cells: Sequence[Any], pos: int | None) -> str | None:
    """The text at `pos` (None when blank or past the row's end)."""
    return cell_text(cells[pos]) if pos is not None and pos < len(cells) else None


def _number_cell(cells: Sequence[Any], pos: int | None) -> Any:
    """A money cell as read: a spreadsheet number stays the number (as text ``0.125`` would read as
    125, Indonesian thousands), text stays text for validation to read.

    >>> _number_cell([0.125], 0), _number_cell([" 1.250.000 "], 0), _number_cell([True], 0)
    (0.125, '1.250.000', 'True')
    """
    if pos is None or pos >= len(cells):
        return None
    value = cells[pos]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if isinstance(value, float) else value
    return cell_text(value)


def _full(code: str | None, parent: str | None, segments: int) -> str | None:
    """Prefix a short code with its parent: SIPD may give ``02`` for program 1.02.02."""
    if code is None or parent is None or code.upper().startswith("X") or code.count(".") + 1 >= segments:
        return code
    return f"{parent}.{code}"


def _skpd_bidang(kode_skpd: str) -> list[str]:
    """``1.01.2.22.0.00.01.0000`` holds bidang 1.01 and 2.22 (``0.00`` is an empty slot)."""
    parts = kode_skpd.split(".")
    pairs = [f"{parts[i]}.{parts[i + 1]}" for i in (0, 2, 4) if i + 1 < len(parts)]
    return [p for p in pairs if _BIDANG.fullmatch(p) and p != "0.00"]


def _layout(spec: dict[str, tuple[str, ...]], cols: dict[str, int], labels: list[str], *, given: Facts
            ) -> tuple[list[str], list[str]]:
    """The derived table's columns (those the table or the given facts fill) and the headers they come from."""
    headers, names = [], []
    for name, sources in spec.items():
        present = [s for s in sources if s in cols]
        if not present and name not in _ALWAYS and getattr(given, name, None) is None:
            continue
        headers.append(name)
        names.append(labels[cols[present[0]]] if present else _OPTION.get(name, name))
    return headers, names


def _column_warnings(table: RawTable, cols: dict[str, int], yearly: set[int]) -> list[Issue]:
    """Columns that are not SIPD's, and priority tags that are not loaded."""
    at = dict(source=table.source, sheet=table.sheet)
    used = set(cols.values()) | yearly
    issues = [make_issue("unknown_column", column=table.labels[pos], **at)
              for pos, header in enumerate(table.headers) if pos not in used and not is_blank(header)]
    kept = ("kolom ini belum disimpan Kaskade", "Kaskade does not keep this column")
    for name in (*_LABELS, *_NOT_KEPT):
        pos = cols.get(name)
        if pos is not None and any(pos < len(r) and not is_blank(r[pos]) for r in table.rows):
            reason = (("tag prioritas SIPD belum dihubungkan ke sasaran Kaskade",
                       "SIPD priority tags are not linked to Kaskade targets") if name in _LABELS else kept)
            issues.append(make_issue("not_loaded", column=table.labels[pos], reason=reason, **at))
    return issues


def _facts_issues(table: RawTable, cols: dict[str, int], facts: Facts) -> list[Issue]:
    """The facts this table needs and does not state, and a given government that is not one."""
    needed = {"kode_pemda"}
    if "tahun_anggaran" not in cols:
        needed.add("tahun")
    if "kode_skpd" not in cols:
        needed |= {"kode_skpd"} | ({"nama_skpd"} if "nama_skpd" not in cols else set())
    issues = facts.missing(needed, source=table.source, sheet=table.sheet)
    if facts.kode_pemda is not None:
        issues += government_issues(facts.kode_pemda, table.source)
    return issues


def _amount(value: Any) -> float | None:
    """A parent row's total, for the comparison with its children (a bad number is left to validate)."""
    try:
        return None if is_blank(value) else float(value) if isinstance(value, (int, float)) else parse_number(value)
    except ValueError:
        return None


def _parents(table: RawTable, cols: dict[str, int], lines: list[dict[str, Any]]
             ) -> tuple[list[int], dict[int, tuple[int, str]], list[Issue]]:
    """Which lines are sub kegiatan, which are parents (index -> depth, code), and the problems.

    A table whose code column also holds urusan, bidang, program and kegiatan rows is read as a
    hierarchy: a parent of sub kegiatan rows only names and totals them; a program or kegiatan
    code with no sub kegiatan below it, where a sub kegiatan is expected, is an error.
    """
    totals = {i for i, line in enumerate(lines) if is_total_row(line["kode_sub_giat"], line["nama_sub_giat"])}
    depths = [None if line["kode_sub_giat"] is None else code_depth(line["kode_sub_giat"]) for line in lines]
    parents: dict[int, tuple[int, str]] = {}
    issues: list[Issue] = []
    keep = [i for i, d in enumerate(depths) if i not in totals and (d is None or d >= 6)]
    pagu = cols.get("pagu")
    label = None if pagu is None else table.labels[pagu]

    def amount(i: int) -> float | None:
        return None if pagu is None or pagu >= len(table.rows[i]) else _amount(table.rows[i][pagu])

    if any(d is not None and d < 6 for d in depths):
        coded = [i for i, d in enumerate(depths) if d is not None]
        entries = [Entry(n, lines[i]["kode_sub_giat"], depths[i]) for n, i in enumerate(coded)]
        link(entries)
        at = dict(source=table.source, sheet=table.sheet, column=table.labels[cols["kode_sub_giat"]])
        issues += placement_issues(entries, table, at["column"], [table.row_numbers[i] for i in coded])
        for entry, i in zip(entries, coded):
            if entry.has_sub and not entry.is_sub:
                parents[i] = (entry.depth, entry.code)
            elif not entry.is_sub:
                issues.append(make_issue("not_sub_kegiatan", row=table.row_numbers[i], value=entry.code,
                                         level=level_name(entry.depth), **at))
        if label is not None:
            issues += total_issues(entries, [amount(i) for i in coded], table, label,
                                   [table.row_numbers[i] for i in coded])
    if label is not None:
        counted = sum(a for i in keep if (a := amount(i)) is not None)
        for i in sorted(totals):
            if is_subtotal_row(lines[i]["kode_sub_giat"], lines[i]["nama_sub_giat"]):
                continue  # a part's total: not the table's
            if (issue := grand_total_issue(amount(i), counted, table, label, table.row_numbers[i])) is not None:
                issues.append(issue)
    return keep, parents, issues


def sipd_tables(
    table: RawTable, *, facts: Facts | None = None, **given: Any
) -> tuple[dict[str, RawTable], list[Issue]]:
    """The perangkat_daerah, program_kegiatan and sub_kegiatan tables of one SIPD or Renja / DPA table.

    `facts` (or the keywords of `Facts`: kode_pemda, tahun, kode_skpd, nama_skpd) give what the
    table does not state.
    """
    facts = facts or Facts.of(**given)
    titles = table.titles
    table, split_issues = _prepared(stacked_headers(table, FLAT))  # header rows joined, split codes joined
    cols = sipd_columns(table.headers)
    issues = _facts_issues(table, cols, facts)
    if issues:
        return {}, issues
    # money in thousands or millions (``Pagu (Rp 000)``, a title ``dalam ribuan rupiah``) made rupiah
    table, issues = scaled_money(table, [cols[c] for c in _MONEY if c in cols], titles)
    issues += split_issues
    kode, tahun = facts.kode_pemda, facts.tahun
    at = dict(source=table.source, sheet=table.sheet)
    # target_2025 ... : a target per year, preferred over target_1 for the line's year
    yearly = {m[1]: pos for pos, h in enumerate(table.headers) if (m := _YEARLY.fullmatch(canonical(h)))}
    issues += _column_warnings(table, cols, set(yearly.values()))
    place_column = table.labels[cols["nama_lokasi"]] if "nama_lokasi" in cols else "lokasi"
    places: dict[str, tuple[list[str], list[str]]] = {}

    def first(cells: Sequence[Any], *names: str) -> str | None:
        return next((v for name in names if (v := _cell(cells, cols.get(name))) is not None), None)

    lines: list[dict[str, Any]] = []
    works: list[tuple[tuple[str | None, str | None], ...]] = []
    for cells, number in zip(table.rows, table.row_numbers):
        year = first(cells, "tahun_anggaran") or (None if tahun is None else str(tahun))
        bidang = _full(first(cells, "kode_bidang_urusan"), first(cells, "kode_urusan"), 2)
        program = _full(first(cells, "kode_program"), bidang, 3)
        kegiatan = _full(first(cells, "kode_giat"), program, 5)
        lokasi, unresolved = resolved_places(first(cells, "nama_lokasi"), kode, places)
        for name in unresolved:
            issues.append(make_issue("unknown_place", row=number, column=place_column, value=name, kode=kode, **at))
        lines.append({
            "tahun": year, "kode_pemda": kode, "kode_skpd": first(cells, "kode_skpd") or facts.kode_skpd,
            "nama_skpd": first(cells, "nama_skpd") or facts.nama_skpd, "bidang": bidang,
            "kode_sub_giat": _full(first(cells, "kode_sub_giat"), kegiatan, 6),
            "nama_sub_giat": _bare(first(cells, "nama_sub_giat")), "pagu": _number_cell(cells, cols.get("pagu")), "lokasi": list(lokasi),
            "keluaran": first(cells, "output_sub_giat", "indikator"),
            "target": _cell(cells, yearly.get(str(year))) or first(cells, "target", "target_1"),
            "satuan": first(cells, "satuan"), "sumber_dana": first(cells, "nama_dana"),
        })
        works.append(((program, _bare(first(cells, "nama_program"))), (kegiatan, _bare(first(cells, "nama_giat")))))
    keep, parents, more = _parents(table, cols, lines)
    kept = set(keep)  # asked once per line: a list would make a large export quadratic
    issues += more

    subs: list[list[Any]] = []
    programs: dict[tuple, tuple[list[Any], int]] = {}
    agencies: dict[str, tuple[list[Any], int]] = {}
    coded: dict[str, list[str | None]] = {}  # agency -> the bidang of its codes, when nothing else names them
    named = "nama_program" in cols or "nama_giat" in cols or bool(parents)
    sub_fields, sub_labels = _layout(_SUB, cols, table.labels, given=facts)
    for i, line in enumerate(lines):
        number, skpd, year = table.row_numbers[i], line["kode_skpd"], line["tahun"]
        found = list(works[i])
        if i in parents:
            depth, code = parents[i]
            found = [(code, line["nama_sub_giat"])] if depth in (3, 5) else []
        for code, name in found:
            if code is not None and (year, code, skpd) not in programs:
                programs[(year, code, skpd)] = ([year, kode, code, name, skpd], number)
        if i not in parents and i in kept:
            subs.append([line[f] for f in sub_fields])
        if skpd is not None:
            held = agencies.setdefault(skpd, ([skpd, line["nama_skpd"], kode, []], number))[0][3]
            bidang = line["bidang"]
            if bidang and _BIDANG.fullmatch(bidang) and bidang not in held and len(held) < 3:
                held.append(bidang)
            coded.setdefault(skpd, []).append(_code_bidang(line["kode_sub_giat"]))
    for values, _ in agencies.values():
        from_codes = [b for b in dict.fromkeys(coded.get(values[0], [])) if b and _BIDANG.fullmatch(b)]
        values[3] = values[3] or _skpd_bidang(values[0]) or from_codes[:3]

    def derived(spec: dict[str, tuple[str, ...]], found: dict[Any, tuple[list[Any], int]]) -> RawTable:
        headers, labels = _layout(spec, cols, table.labels, given=facts)
        keep_fields = [i for i, name in enumerate(spec) if name in headers]
        rows = [[values[i] for i in keep_fields] for values, _ in found.values()]
        return RawTable(table.source, table.sheet, headers, rows, [n for _, n in found.values()], labels)

    tables = {"sub_kegiatan": RawTable(table.source, table.sheet, sub_fields, subs,
                                       [table.row_numbers[i] for i in keep if i not in parents], sub_labels)}
    if programs and named:
        tables["program_kegiatan"] = derived(_PROGRAM, programs)
    if agencies:
        tables["perangkat_daerah"] = derived(_AGENCY, agencies)
    return tables, issues


def _code_bidang(code: str | None) -> str | None:
    """The bidang of a full code (``1.03`` of ``1.03.02.2.01.0001``)."""
    return None if code is None else ".".join(code.split(".")[:2])


def stated_agency(table: RawTable, agencies: Agencies) -> tuple[str, str] | None:
    """(kode_skpd, nama_skpd) of the agency a sheet's lines belong to, when the sheet says so outside
    its columns: a line ``Unit Organisasi : 1.03.0.00.0.00.01.0000 Dinas …`` (or ``Perangkat Daerah :
    Dinas …``, ``SKPD : …``) above the header or among the first rows, else the sheet's name; a name
    without its code is matched by the bidang urusan it names (`loaders.agencies.Agencies`).

    >>> t = RawTable("w.xlsx", "Sheet2", ["KODE"], [], [], titles=[(2, "Perangkat Daerah : Dinas Kesehatan")])
    >>> stated_agency(t, Agencies())
    ('1.02.0.00.0.00.01.0000', 'Dinas Kesehatan')
    >>> stated_agency(RawTable("w.xlsx", "Dinas Sosial", ["KODE"], [], []), Agencies())
    ('1.06.0.00.0.00.01.0000', 'Dinas Sosial')
    """
    lines = [text for _, text in table.titles]
    lines += [" ".join(str(c).strip() for c in cells if not is_blank(c)) for cells in table.head(_AGENCY_SCAN)
              if _names_agency(cells)]
    for text in lines:
        found = _AGENCY_LINE.match(text)
        if found is None:
            continue
        rest = " ".join(found["rest"].split())
        code = _AGENCY_CODE.search(rest)
        if code is not None:
            return code[0], rest[code.end():].strip(" -:") or table.sheet
        if (matched := agencies.match(rest)) is not None:
            return matched[0], rest
    matched = agencies.match(table.sheet)
    return None if matched is None else (matched[0], table.sheet)


def _stated_year(table: RawTable) -> int | None:
    """The budget year a sheet's title states (``RENCANA KERJA … TAHUN 2026``, ``TAHUN ANGGARAN 2026``) or
    its name is (``2026``); a period (``TAHUN 2021-2026``) states none.

    >>> _stated_year(RawTable("w.xlsx", "S1", [], [], [], titles=[(1, "RENJA TAHUN ANGGARAN 2026")]))
    2026
    >>> _stated_year(RawTable("w.xlsx", "2025", [], [], [])), _stated_year(RawTable("w.xlsx", "S", [], [], [],
    ...     titles=[(1, "RENSTRA TAHUN 2021-2026")]))
    (2025, None)
    """
    if _YEAR_NAME.fullmatch(table.sheet.strip()):
        return int(table.sheet.strip())
    for _, text in table.titles:
        if (found := _YEAR_TITLE.search(text)) is not None:
            return int(found[1])
    return None


def _shape(table: RawTable) -> frozenset[str]:
    """The SIPD columns a sheet's table has: sheets of one shape are one table."""
    return frozenset(sipd_columns(stacked_headers(table, FLAT).headers))


def _states_agency(table: RawTable) -> bool:
    """Does the table give each line its agency (a ``kode_skpd`` column, or agency-code rows)?"""
    stacked = stacked_headers(table, FLAT)
    found = sipd_columns(stacked.headers)
    code = found.get("kode_sub_giat")
    return "kode_skpd" in found or any(
        (text := _cell(cells, code)) is not None and _AGENCY_CODE.fullmatch(text) for cells in stacked.rows)


def workbook_tables(sheets: Sequence[RawTable], facts: Facts) -> tuple[dict[str, RawTable], list[Issue]]:
    """The Kaskade tables of a workbook holding the same SIPD / Renja table on several sheets (one
    agency's each, as a SIPD workbook of all agencies is saved), read as one table: each sheet with
    its own agency (`stated_agency`; the given facts where a sheet names none), its rows keeping
    their sheet (`loaders.readers.stack_tables`). Sheets of different shapes are refused
    (``several_tables``), naming the sheet that differs and its columns.
    """
    first = sheets[0]
    shape = _shape(first)
    for sheet in sheets[1:]:
        other = _shape(sheet)
        if other != shape:
            differ = sorted(shape ^ other)
            return {}, [make_issue("several_tables", source=sheet.source, sheet=sheet.sheet, first=first.sheet,
                                   sheets=", ".join(f"'{s.sheet}'" for s in sheets), columns=", ".join(differ))]
    agencies = Agencies()
    years = [_stated_year(sheet) for sheet in sheets]
    by_year = len({y for y in years if y is not None}) > 1  # one sheet per year: each its own
    read: list[tuple[RawTable, dict[str, RawTable], list[Issue]]] = []
    for sheet, year in zip(sheets, years):
        own = facts
        if not _states_agency(sheet) and (stated := stated_agency(sheet, agencies)) is not None:
            own = dataclasses.replace(own, kode_skpd=stated[0], nama_skpd=stated[1])
        if by_year and year is not None:
            own = dataclasses.replace(own, tahun=year)
        read.append((sheet, *sipd_tables(sheet, facts=own)))
    recaps = _recaps([found.get("sub_kegiatan") for _, found, _ in read])
    parts: dict[str, list[RawTable]] = {}
    issues: list[Issue] = []
    for k, (sheet, found, more) in enumerate(read):
        if k in recaps:
            others = ", ".join(f"'{read[j][0].sheet}'" for j in range(len(read)) if j != k)
            issues.append(make_issue("recap_sheet", source=sheet.source, sheet=sheet.sheet, others=others))
            continue
        said = {i.rule for i in issues}
        issues += [i for i in more if not (i.rule.endswith("_missing") and i.rule in said)]  # said once
        for name, table in found.items():
            parts.setdefault(name, []).append(table)
    names = [s.sheet for s, _, _ in read if s.sheet not in {read[k][0].sheet for k in recaps}]
    tables = {name: _distinct(stack_tables(found, names)) for name, found in parts.items()}
    return tables, issues


def _recaps(subs: Sequence[RawTable | None]) -> set[int]:
    """The sheets (by position) whose every line, code and pagu, is also a line of the other sheets, drawn
    from two of them or more: a ``REKAP`` sheet repeating the agencies' sheets, whose lines would
    otherwise count twice (two agencies running one sub kegiatan for the same pagu are not a recap)."""
    def lines(table: RawTable | None) -> Counter:
        if table is None or "kode_sub_giat" not in table.headers:
            return Counter()
        code = table.headers.index("kode_sub_giat")
        pagu = table.headers.index("pagu") if "pagu" in table.headers else None
        return Counter((row[code], None if pagu is None else _amount(row[pagu])) for row in table.rows)

    each = [lines(t) for t in subs]
    found: set[int] = set()
    for k in sorted(range(len(each)), key=lambda k: -sum(each[k].values())):
        rest = [c for j, c in enumerate(each) if j != k and j not in found]
        size = sum(each[k].values())
        drawn = sum(1 for c in rest if each[k] & c)
        if size and drawn >= 2 and size >= max(sum(c.values()) for c in rest) and not (each[k] - sum(rest, Counter())):
            found.add(k)  # lines of two sheets or more, no smaller than any, and nothing of its own
    return found


def _distinct(table: RawTable) -> RawTable:
    """A stacked agency or program table without the rows an earlier sheet already gave (one agency
    over two sheets; a program of one agency named on each); sub kegiatan lines are all kept."""
    if "nama_sub_giat" in table.headers:
        return table
    seen: set[str] = set()
    rows, numbers = [], []
    for cells, number in zip(table.rows, table.row_numbers):
        key = repr(cells)
        if key not in seen:
            seen.add(key)
            rows.append(cells)
            numbers.append(number)
    return dataclasses.replace(table, rows=rows, row_numbers=numbers)
