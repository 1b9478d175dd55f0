"""Real government files, exactly: money written in thousands or millions, code parts Excel stored as
numbers, a workbook of one Renja per agency sheet, and binary Excel 97-2003 files.

Shapes: Renja / RKPD tables whose money heading carries its unit (``Pagu Indikatif (Rp 000)``,
``Jumlah (Rp)`` as SIPD's RKA print heads it: AntoDaiva/SIPD-excel-converter ``rka/rkaBelanjaHeader.js``),
a title line naming the unit (``(dalam ribuan rupiah)``, as RKPD and APBD lampiran print it), and
Renstra T-C.27 matrices whose ``Rp`` columns count in millions. The values are ours: real 2027 PUPR
codes and names (tests/data/nomenklatur_2027_pupr.csv) and made-up amounts.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from loaders import validate_path
from tests.shapes import KUKAR, LOKASI, PUPR, PUPR_NAME, _save, pupr_lines

LINES = pupr_lines()[:6]
FACTS = dict(kode_pemda=KUKAR, tahun=2026, kode_skpd=PUPR, nama_skpd=PUPR_NAME)
# amounts in thousands of rupiah as a planner types them, some with a fraction of a thousand
THOUSANDS = ["1.250.000", "735.500,5", "98.000", "2.000.000,25", "45.250", "310.000,125"]
HEADER = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "SUMBER DANA",
          "LOKASI"]


def rupiah_of(written: str, factor: int) -> Decimal:
    """What an amount written in units of `factor` rupiah is, computed here without Kaskade."""
    return Decimal(written.replace(".", "").replace(",", ".")) * factor


def loaded(report) -> tuple[int, Decimal]:
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    subs = report.dataset.sub_kegiatan
    return len(subs), sum((Decimal(str(s.pagu)) for s in subs if s.pagu is not None), Decimal(0))


def renja(path: Path, money_header: str, amounts: list[Any], titles: list[list[Any]] = ()) -> Path:
    rows = [*titles, HEADER + [money_header]]
    rows += [[ln.code, ln.name, ln.indikator, "12", "PAD", LOKASI, a] for ln, a in zip(LINES, amounts)]
    return _save(path, "Renja", rows)


@pytest.mark.parametrize("header, factor", [
    ("Pagu Indikatif (Rp 000)", 1000),
    ("Pagu Indikatif (Rp. 000,-)", 1000),
    ("JUMLAH PAGU (dalam ribuan rupiah)", 1000),
    ("Pagu (Ribuan Rupiah)", 1000),
    ("Pagu (x Rp 1.000)", 1000),
    ("Anggaran (Rp. Juta)", 1_000_000),
    ("PAGU INDIKATIF (Rp 000.000)", 1_000_000),
    ("Pagu Indikatif (Rp.)", 1),
])
def test_money_headed_with_its_unit_is_scaled_to_rupiah_exactly(tmp_path, header, factor):
    report = validate_path(renja(tmp_path / "renja.xlsx", header, THOUSANDS), **FACTS)
    expected = [rupiah_of(a, factor) for a in THOUSANDS]
    assert loaded(report) == (len(LINES), sum(expected))
    by_code = {s.kode_sub_giat: Decimal(str(s.pagu)) for s in report.dataset.sub_kegiatan}
    assert [by_code[ln.code] for ln in LINES] == expected  # each line, not only the sum
    scaled = [w for w in report.warnings if w.rule == "money_scaled"]
    if factor == 1:
        assert not scaled
    else:
        (warning,) = scaled
        assert (warning.source, warning.sheet, warning.column) == ("renja.xlsx", "Renja", header)
        assert f"{factor:,}".replace(",", ".") in warning.message and f"{factor:,}" in warning.message_en
    assert not [w for w in report.warnings if w.rule == "unknown_column"]


def test_a_title_line_in_thousands_scales_a_pagu_column_headed_without_a_unit(tmp_path):
    titles = [["RENCANA KERJA PERANGKAT DAERAH TAHUN 2026"], ["(dalam ribuan rupiah)"], []]
    report = validate_path(renja(tmp_path / "renja.xlsx", "JUMLAH PAGU", THOUSANDS, titles), **FACTS)
    assert loaded(report) == (len(LINES), sum(rupiah_of(a, 1000) for a in THOUSANDS))
    (warning,) = [w for w in report.warnings if w.rule == "money_scaled"]
    assert (warning.row, warning.column, warning.value) == (2, "JUMLAH PAGU", "(dalam ribuan rupiah)")


@pytest.mark.parametrize("note, factor", [
    ("*) Angka dalam ribuan rupiah", 1000),
    ("Keterangan : Dalam Jutaan Rupiah", 1_000_000),
    ("Ket: (Rp. 000)", 1000),
])
def test_a_unit_noted_under_the_table_scales_a_pagu_column_headed_without_a_unit(tmp_path, note, factor):
    """RKPD / APBD lampiran print the unit in a note line under the table, above the signature block
    (the shape of the Renja prints in tests/test_real_shapes.py, with its ``Mengetahui`` block)."""
    path = renja(tmp_path / "renja.xlsx", "JUMLAH PAGU", THOUSANDS)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    last = ws.max_row
    for offset, text in ((2, note), (4, "Tenggarong, 2 Januari 2026"), (5, "Kepala Dinas"), (8, "NIP. 19700101")):
        ws.cell(last + offset, 2, text)
    wb.save(path)
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), sum(rupiah_of(a, factor) for a in THOUSANDS))
    (warning,) = [w for w in report.warnings if w.rule == "money_scaled"]
    assert (warning.row, warning.column, warning.value) == (last + 2, "JUMLAH PAGU", note)


def test_a_title_and_a_note_naming_different_units_are_refused_at_the_note(tmp_path):
    """Thousands above the table and millions under it: no guess, nothing loads, the note's row is named."""
    titles = [["RENCANA KERJA PERANGKAT DAERAH TAHUN 2026 (dalam ribuan rupiah)"], []]
    path = renja(tmp_path / "renja.xlsx", "JUMLAH PAGU", THOUSANDS, titles)
    wb = openpyxl.load_workbook(path)
    note_row = wb.active.max_row + 2
    wb.active.cell(note_row, 2, "Ket: dalam jutaan rupiah")
    wb.save(path)
    report = validate_path(path, **FACTS)
    assert report.dataset is None
    (error,) = report.errors
    assert (error.rule, error.row, error.column) == ("money_unit_conflict", note_row, "JUMLAH PAGU")
    assert "row 1" in error.message_en and "baris 1" in error.message


def test_an_indicator_naming_its_unit_under_the_table_is_no_unit_note(tmp_path):
    """A line under the table is a unit note only when it says nothing but the unit; any other line is
    read as a row (here one without a code: an error at its row), never as a unit."""
    path = renja(tmp_path / "renja.xlsx", "JUMLAH PAGU", [1_250_000] * len(LINES))
    wb = openpyxl.load_workbook(path)
    wb.active.cell(wb.active.max_row + 2, 2, "Nilai investasi (Rp juta) naik")
    wb.save(path)
    last = wb.active.max_row
    report = validate_path(path, **FACTS)
    assert not [w for w in report.warnings if w.rule == "money_scaled"]
    assert [(e.row, e.rule) for e in report.errors] == [(last, "required")]  # a line with no code, at its row


def test_a_heading_in_rupiah_wins_over_a_title_in_thousands(tmp_path):
    """A title may speak of another table on the page; the column's own unit is the one that counts."""
    titles = [["RENJA 2026 (dalam ribuan rupiah)"]]
    amounts = [1_250_000_000, 735_500_000, 98_000_000, 2_000_000_000, 45_250_000, 310_000_000]
    report = validate_path(renja(tmp_path / "renja.xlsx", "Jumlah Pagu (Rp)", amounts, titles), **FACTS)
    assert loaded(report) == (len(LINES), sum(amounts))
    assert not [w for w in report.warnings if w.rule == "money_scaled"]


def test_numbers_typed_in_thousands_have_no_float_drift(tmp_path):
    """1.005 thousand is 1005 rupiah, not 1004.9999999999999 (what 1.005 * 1000 gives in floats)."""
    amounts = [1.005, 0.1 + 0.2, 2.675, 1234.567, 0.001, 99999.999]
    report = validate_path(renja(tmp_path / "renja.xlsx", "Pagu (Rp 000)", amounts), **FACTS)
    pagu = {s.kode_sub_giat: s.pagu for s in report.dataset.sub_kegiatan}
    assert [pagu[ln.code] for ln in LINES] == [1005, 300, 2675, 1234567, 1, 99999999]


def test_a_parent_total_in_thousands_is_compared_in_rupiah(tmp_path):
    """The JUMLAH row is scaled with its column: a total that matches the lines raises no warning,
    one that does not is named in rupiah."""
    rows = [HEADER + ["Pagu (Rp 000)"]]
    rows += [[ln.code, ln.name, ln.indikator, "12", "PAD", LOKASI, a] for ln, a in zip(LINES, THOUSANDS)]
    total = sum(rupiah_of(a, 1) for a in THOUSANDS)
    good = validate_path(_save(tmp_path / "a.xlsx", "Renja", rows + [[None, "JUMLAH", None, None, None, None,
                                                                     float(total)]]), **FACTS)
    assert loaded(good)[1] == total * 1000 and not [w for w in good.warnings if w.rule == "grand_total"]
    bad = validate_path(_save(tmp_path / "b.xlsx", "Renja", rows + [[None, "JUMLAH", None, None, None, None,
                                                                    float(total + 1)]]), **FACTS)
    (warning,) = [w for w in bad.warnings if w.rule == "grand_total"]
    assert "1.000" in warning.message  # the gap of one thousand, in rupiah


@pytest.mark.parametrize("unit, factor", [("Rp. Juta", 1_000_000), ("Rp 000", 1000), ("Rp", 1)])
def test_a_renstra_matrix_with_funds_in_millions_loads_rupiah_per_year(tmp_path, unit, factor):
    """T-C.27 with ``TAHUN-k`` over ``Target | <unit>``."""
    top = ["KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN"]
    second = [None] * 4
    for k in range(1, 6):
        top += [f"TAHUN-{k}", None]
        second += ["Target", unit]
    funds = [[Decimal(i + 1) * Decimal("1.5") + k for k in range(5)] for i in range(len(LINES))]
    rows = [["T-C.27 Rencana Program, Kegiatan dan Pendanaan"], top, second]
    seen: set[str] = set()
    for ln, money in zip(LINES, funds):
        for code, name in ((ln.program, ln.nama_program), (ln.kegiatan, ln.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                rows.append([code, name, "Persentase", "%"] + [None] * 10)
        cells = [ln.code, ln.name, ln.indikator, ln.satuan]
        for k in range(5):
            cells += [10 + k, float(money[k])]
        rows.append(cells)
    merges = tuple(f"{openpyxl.utils.get_column_letter(5 + 2 * k)}2:{openpyxl.utils.get_column_letter(6 + 2 * k)}2"
                   for k in range(5))
    report = validate_path(_save(tmp_path / "renstra.xlsx", "T-C.27", rows, merges), kode_pemda=KUKAR,
                           tahun_awal=2025, kode_skpd=PUPR, nama_skpd=PUPR_NAME)
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    for k, year in enumerate(range(2025, 2030)):
        lines = [s for s in report.dataset.sub_kegiatan if s.tahun == year]
        assert len(lines) == len(LINES)
        assert sum(Decimal(str(s.pagu)) for s in lines) == sum(m[k] for m in funds) * factor
    assert len([w for w in report.warnings if w.rule == "money_scaled"]) == (5 if factor != 1 else 0)


RENJA = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "SUMBER DANA",
         "LOKASI", "JUMLAH PAGU"]
DINKES = "1.02.0.00.0.00.01.0000"


def agency_workbook(path: Path, sheets: list[tuple[str, list[list[Any]], list[Any]]]) -> Path:
    """One sheet per agency: (sheet name, title rows, lines as (line, amount))."""
    wb = openpyxl.Workbook()
    for title, top, lines in sheets:
        ws = wb.create_sheet(title)
        for row in top:
            ws.append(row)
        ws.append(RENJA)
        for line, amount in lines:
            ws.append([line.code, line.name, line.indikator, "12", "PAD", LOKASI, amount])
    wb.remove(wb.worksheets[0])
    wb.save(path)
    return path


PAGU = [1_250_000_000, 735_500_000, 98_000_000, 2_000_000_000, 45_250_000, 310_000_000]


def test_a_workbook_of_one_renja_per_agency_sheet_loads_every_sheet_with_its_agency(tmp_path):
    """SIPD saves the Renja of every agency as one workbook, a sheet each, the agency named in a title
    line (``Unit Organisasi : <code> <name>``) or only by the sheet's name."""
    lines = list(zip(LINES, PAGU))
    path = agency_workbook(tmp_path / "renja-semua.xlsx", [
        ("PUPR", [["RENJA 2026"], [f"Unit Organisasi : {PUPR} {PUPR_NAME}"]], lines[:3]),
        ("Dinas Kesehatan", [["RENJA 2026"]], lines[3:5]),
        ("Sheet3", [["Perangkat Daerah : Dinas Sosial"]], lines[5:]),
    ])
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026)
    assert report.ok, [(e.rule, e.sheet, e.row, e.message) for e in report.errors]
    subs = report.dataset.sub_kegiatan
    assert len(subs) == len(LINES) and sum(s.pagu for s in subs) == sum(PAGU)
    by_agency = {}
    for s in subs:
        by_agency.setdefault(s.kode_skpd, []).append(s.kode_sub_giat)
    assert by_agency == {PUPR: [ln.code for ln in LINES[:3]], DINKES: [ln.code for ln in LINES[3:5]],
                         "1.06.0.00.0.00.01.0000": [LINES[5].code]}
    assert {a.kode_skpd: a.nama_skpd for a in report.dataset.perangkat_daerah} == {
        PUPR: PUPR_NAME, DINKES: "Dinas Kesehatan", "1.06.0.00.0.00.01.0000": "Dinas Sosial"}


def test_an_error_in_a_stacked_workbook_names_its_own_sheet_and_row(tmp_path):
    lines = list(zip(LINES, PAGU))
    bad = [(LINES[4], "lima juta")]  # no number
    path = agency_workbook(tmp_path / "renja-semua.xlsx", [
        ("Dinas Kesehatan", [], lines[:2]),
        ("Dinas Sosial", [["RENJA 2026"]], lines[2:4] + bad),
    ])
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026)
    assert not report.ok and report.dataset is None  # a failed load changes nothing
    (error,) = report.errors
    assert (error.source, error.sheet, error.row, error.column) == ("renja-semua.xlsx", "Dinas Sosial", 5, "JUMLAH PAGU")
    assert "lima juta" in error.message


def test_sheets_of_different_tables_are_refused_naming_the_sheet_and_columns(tmp_path):
    path = agency_workbook(tmp_path / "renja-semua.xlsx", [("Dinas Kesehatan", [], list(zip(LINES[:2], PAGU)))])
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Rekap SIPD")
    ws.append(["kode_skpd", "nama_skpd", "kode_sub_giat", "nama_sub_giat", "pagu"])
    ws.append([PUPR, PUPR_NAME, LINES[3].code, LINES[3].name, 5_000_000])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026)
    assert not report.ok and report.dataset is None
    (error,) = [e for e in report.errors if e.rule == "several_tables"]
    assert error.sheet == "Rekap SIPD" and "'Dinas Kesehatan'" in error.message_en and "kode_skpd" in error.message_en


DISHUB = dict(kode_pemda=KUKAR, tahun=2026, kode_skpd="2.15.0.00.0.00.01.0000", nama_skpd="Dinas Perhubungan")
SPLIT = ["KODE", None, None, None, None, "PROGRAM DAN KEGIATAN", "JUMLAH PAGU"]


def split_renja(path: Path, lines: list[tuple[list[Any], str, int]], kegiatan_format: str | None = None) -> Path:
    """A Renja print with its code a part per column (``2 | 15 | 2 | 2.1 | 1``: urusan, bidang, program,
    level and kegiatan, sub kegiatan), as wp-sipd's RKPD/Renja print lays it out (tests/test_real_shapes.py),
    the kegiatan part typed into a number cell under `kegiatan_format`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renja"
    ws.append(SPLIT)
    ws.merge_cells("A1:E1")
    for parts, name, amount in lines:
        ws.append([*parts, name, amount])
        if kegiatan_format is not None:
            ws.cell(ws.max_row, 4).number_format = kegiatan_format
    wb.save(path)
    return path


def test_a_kegiatan_part_stored_as_a_number_is_read_as_its_cell_format_shows_it(tmp_path):
    """``2.10`` typed into a cell formatted ``0.00`` is the number 2.1 shown as 2.10: kegiatan 10."""
    path = split_renja(tmp_path / "renja.xlsx", [
        ([2, 15, 2, 2.1, 1], "Perumusan Kebijakan Penetapan Kawasan Perkotaan", 150_000_000),
        ([2, 15, 2, 2.01, 2], "Penetapan Kebijakan dan Sosialisasi Rencana Induk Jaringan LLAJ", 80_000_000),
    ], kegiatan_format="0.00")
    report = validate_path(path, **DISHUB)
    assert loaded(report) == (2, 230_000_000)
    assert [s.kode_sub_giat for s in report.dataset.sub_kegiatan] == ["2.15.02.2.10.0001", "2.15.02.2.01.0002"]
    assert not [w for w in report.warnings if w.rule.startswith("code_part")]


def test_a_number_that_reads_two_ways_is_decided_by_the_nomenclature_when_only_one_exists(tmp_path):
    """The bare number 2.1 was typed 2.10 or 2.1 (short for 2.01); under program 1.03.02 only kegiatan
    2.01 exists, so it is 2.01, and the warning names the cell."""
    line = LINES[0]  # 1.03.02.2.01.0013
    path = split_renja(tmp_path / "renja.xlsx", [([1, 3, 2, 2.1, 13], line.name, 1_250_000_000)])
    report = validate_path(path, **FACTS)
    assert loaded(report) == (1, 1_250_000_000)
    assert [s.kode_sub_giat for s in report.dataset.sub_kegiatan] == [line.code]
    (warning,) = [w for w in report.warnings if w.rule == "code_part_guessed"]
    assert (warning.sheet, warning.row, warning.value) == ("Renja", 2, "2.1")
    assert "D2" in warning.message_en and "2.01" in warning.message_en and "2.10" in warning.message_en


def test_a_number_that_reads_two_ways_in_the_nomenclature_is_refused_at_its_cell(tmp_path):
    """Under program 2.15.02 both 2.15.02.2.10.0001 and 2.15.02.2.01.0001 exist: no guess, the cell is named
    and the planner told to format it as text; nothing loads."""
    path = split_renja(tmp_path / "renja.xlsx", [
        ([2, 15, 2, 2.02, 1], "Penetapan Kebijakan", 10_000_000),
        ([2, 15, 2, 2.1, 1], "Perumusan Kebijakan Penetapan Kawasan Perkotaan", 150_000_000),
    ])
    report = validate_path(path, **DISHUB)
    assert not report.ok and report.dataset is None
    (error,) = report.errors
    assert (error.rule, error.source, error.sheet, error.row, error.value) == (
        "code_part_number", "renja.xlsx", "Renja", 3, "2.1")
    assert "D3" in error.message and "2.15.02.2.10.0001" in error.message and "2.15.02.2.01.0001" in error.message
    assert "Format Cells > Text" in error.message_en and "both" in error.message_en


def split_csv(path: Path, rows: list[str]) -> Path:
    """`split_renja` saved by Excel as a semicolon CSV: the merged ``KODE`` heading leaves blank headers
    over the other code columns, and each part is written as the cell showed it (the number 2.1 as ``2.1``)."""
    path.write_text("\r\n".join(["KODE;;;;;PROGRAM DAN KEGIATAN;JUMLAH PAGU", *rows]) + "\r\n", encoding="utf-8")
    return path


def test_a_kegiatan_part_written_2_1_in_a_csv_reads_two_ways_and_the_nomenclature_decides(tmp_path):
    """SIPD writes a kegiatan part with two digits (``"no_giat": "2.01"`` in the records
    agusnurwanto/wp-sipd documents, ``public/partials/dokumentasi/wpsipd-public-dokumentasi-api.php``), so
    ``2.1`` in a CSV is the number 2.1 a spreadsheet saved: 2.10 or 2.01. Under program 1.03.02 only
    2.01 exists; the warning names the cell and says the part was written short, not stored as a number."""
    line = LINES[0]  # 1.03.02.2.01.0013
    report = validate_path(split_csv(tmp_path / "renja.csv", [f"1;03;02;2.1;0013;{line.name};1250000000"]), **FACTS)
    assert loaded(report) == (1, 1_250_000_000)
    assert [s.kode_sub_giat for s in report.dataset.sub_kegiatan] == [line.code]
    (warning,) = [w for w in report.warnings if w.rule.startswith("code_part")]
    assert (warning.rule, warning.source, warning.row, warning.value) == ("code_part_short_guessed", "renja.csv", 2,
                                                                         "2.1")
    assert "D2" in warning.message_en and "one digit" in warning.message_en and "satu angka" in warning.message


def test_a_kegiatan_part_written_2_1_in_a_csv_where_both_codes_exist_is_refused_at_its_cell(tmp_path):
    """Under program 2.15.02 both kegiatan 2.01 and 2.10 exist: the row is not guessed, nothing loads."""
    path = split_csv(tmp_path / "renja.csv", ["2;15;02;2.02;0001;Penetapan Kebijakan;10000000",
                                              "2;15;02;2.1;0001;Perumusan Kebijakan Penetapan Kawasan Perkotaan;1500"])
    report = validate_path(path, **DISHUB)
    assert not report.ok and report.dataset is None
    (error,) = report.errors
    assert (error.rule, error.source, error.row, error.value) == ("code_part_short", "renja.csv", 3, "2.1")
    assert "2.15.02.2.10.0001" in error.message_en and "2.15.02.2.01.0001" in error.message_en
    assert "two digits" in error.message_en and "dua angka" in error.message


def test_kegiatan_parts_written_with_two_digits_in_a_csv_are_read_as_written(tmp_path):
    path = split_csv(tmp_path / "renja.csv", ["2;15;02;2.10;0001;Perumusan Kebijakan Penetapan Kawasan Perkotaan;150",
                                              "2;15;02;2.01;0002;Penetapan Kebijakan;80"])
    report = validate_path(path, **DISHUB)
    assert [s.kode_sub_giat for s in report.dataset.sub_kegiatan] == ["2.15.02.2.10.0001", "2.15.02.2.01.0002"]
    assert not [w for w in report.warnings if w.rule.startswith("code_part")]


def write_xls(path: Path, sheets: dict[str, list[list[Any]]], merges: dict[str, list[tuple[int, int, int, int]]] = {},
              formats: dict[tuple[str, int, int], str] = {}, hidden_rows: dict[str, list[int]] = {}) -> Path:
    """A real BIFF8 workbook written by xlwt: `merges` as (first row, last row, first column, last column)
    from 0, `formats` a number format per (sheet, row, column)."""
    import xlwt

    wb = xlwt.Workbook()
    styles: dict[str, Any] = {}
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        spans = merges.get(name, [])
        covered = {(r, c) for r1, r2, c1, c2 in spans for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
                   if (r, c) != (r1, c1)}
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in covered:
                    continue
                fmt = formats.get((name, r, c))
                if fmt is None:
                    ws.write(r, c, value)
                else:
                    ws.write(r, c, value, styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt)))
        for r1, r2, c1, c2 in spans:
            ws.merge(r1, r2, c1, c2)
        for r in hidden_rows.get(name, []):
            ws.row(r).hidden = True
    wb.save(str(path))
    return path


def kop_renja_rows(amounts: list[Any]) -> list[list[Any]]:
    """A Renja print: two title lines, the code split over five columns under a merged ``KODE``, kegiatan
    parts as numbers, a kegiatan parent row with its total, a JUMLAH row, and a signature block."""
    rows: list[list[Any]] = [["PEMERINTAH KABUPATEN KUTAI KARTANEGARA"], ["RENCANA KERJA DINAS PERHUBUNGAN TAHUN 2026"],
                             SPLIT]
    rows.append([2, 15, 2, 2.1, None, "Penetapan Kawasan Perkotaan untuk Pelayanan Angkutan Perkotaan",
                 sum(amounts[:2])])
    rows.append([2, 15, 2, 2.1, 1, "Perumusan Kebijakan Penetapan Kawasan Perkotaan", amounts[0]])
    rows.append([2, 15, 2, 2.1, 2, "Sosialisasi dan Uji Coba Pelaksanaan Kebijakan", amounts[1]])
    rows.append([2, 15, 2, 2.01, None, "Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota", amounts[2]])
    rows.append([2, 15, 2, 2.01, 1, "Pelaksanaan Penyusunan Rencana Induk Jaringan LLAJ", amounts[2]])
    rows.append([None, None, None, None, None, "JUMLAH", sum(amounts)])
    rows += [[], [None] * 5 + ["Tenggarong, 12 Januari 2026"], [None] * 5 + ["Kepala Dinas Perhubungan"],
             [None] * 5 + ["NIP. 19700101 199503 1 002"]]
    return rows


def test_a_binary_xls_renja_print_loads_exactly_with_rows_as_excel_shows_them(tmp_path):
    amounts = [150_000_000, 72_500_000, 310_000_000]
    rows = kop_renja_rows(amounts)
    formats = {("Renja", r, 3): "0.00" for r in range(3, 8)}
    path = write_xls(tmp_path / "renja.xls", {"Renja": rows}, {"Renja": [(2, 2, 0, 4)]}, formats)
    report = validate_path(path, **DISHUB)
    assert loaded(report) == (3, sum(amounts))
    assert sorted(s.kode_sub_giat for s in report.dataset.sub_kegiatan) == [
        "2.15.02.2.01.0001", "2.15.02.2.10.0001", "2.15.02.2.10.0002"]
    assert not [w for w in report.warnings if w.rule in ("grand_total", "parent_total", "merged_header")]
    # an error points at the row Excel shows: the third line sits on row 8
    rows[7][6] = "tiga ratus juta"
    bad = validate_path(write_xls(tmp_path / "bad.xls", {"Renja": rows}, {"Renja": [(2, 2, 0, 4)]}, formats),
                        **DISHUB)
    assert not bad.ok and bad.dataset is None
    assert [(e.source, e.sheet, e.row, e.column) for e in bad.errors] == [("bad.xls", "Renja", 8, "JUMLAH PAGU")]


def test_a_binary_xls_with_hidden_rows_and_two_agency_sheets_loads_like_its_xlsx(tmp_path):
    lines = list(zip(LINES, PAGU))

    def sheet(title_line: str, part: list[tuple[Any, int]]) -> list[list[Any]]:
        return [["RENJA 2026"], [title_line], RENJA] + [
            [ln.code, ln.name, ln.indikator, "12", "PAD", LOKASI, amount] for ln, amount in part]

    sheets = {"PUPR": sheet(f"Unit Organisasi : {PUPR} {PUPR_NAME}", lines[:4]),
              "Dinkes": sheet("Perangkat Daerah : Dinas Kesehatan", lines[4:])}
    xls = validate_path(write_xls(tmp_path / "renja.xls", sheets, hidden_rows={"PUPR": [4]}), kode_pemda=KUKAR,
                        tahun=2026)
    wb = openpyxl.Workbook()
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.remove(wb.worksheets[0])
    wb.save(tmp_path / "renja.xlsx")
    xlsx = validate_path(tmp_path / "renja.xlsx", kode_pemda=KUKAR, tahun=2026)
    assert loaded(xls) == loaded(xlsx) == (len(LINES), sum(PAGU))
    assert xls.dataset == xlsx.dataset
    (hidden,) = [w for w in xls.warnings if w.rule == "hidden_rows"]
    assert (hidden.sheet, hidden.params["rows"]) == ("PUPR", "5")


CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # Debian libreoffice-calc(-nogui); `make test` installs it


@pytest.mark.skipif(__import__("shutil").which("soffice") is None or not CALC.exists(),
                    reason="LibreOffice Calc absent (Debian libreoffice-calc-nogui; make calc-deps)")
def test_an_xls_saved_by_libreoffice_from_a_renja_print_loads_like_the_xlsx(tmp_path):
    """The same print, converted by ``soffice --headless --convert-to xls`` (as a planner's office suite
    saves "Excel 97-2003"): merged cells, number formats and row numbers survive."""
    import subprocess

    amounts = [150_000_000, 72_500_000, 310_000_000]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renja"
    for row in kop_renja_rows(amounts):
        ws.append(row)
    ws.merge_cells("A3:E3")
    for r in range(4, 9):
        ws.cell(r, 4).number_format = "0.00"
    wb.save(tmp_path / "renja.xlsx")
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "xls",
                    "--outdir", str(out), str(tmp_path / "renja.xlsx")], check=True, capture_output=True, timeout=180)
    xls = validate_path(out / "renja.xls", **DISHUB)
    xlsx = validate_path(tmp_path / "renja.xlsx", **DISHUB)
    assert loaded(xls) == loaded(xlsx) == (3, sum(amounts))
    assert xls.dataset == xlsx.dataset


@pytest.mark.parametrize("unit, factor", [("(Rp. Juta)", 1_000_000), ("Rp 000", 1000), ("(Rp)", 1)])
def test_a_unit_written_on_its_own_row_under_the_heading_scales_that_column(tmp_path, unit, factor):
    """``PAGU INDIKATIF`` over ``(Rp. Juta)``: the unit row is part of the header, not a line."""
    amounts = [1.5, 2.25, 0.125]
    rows = [HEADER + ["PAGU INDIKATIF"], [None] * 6 + [unit]]
    rows += [[ln.code, ln.name, ln.indikator, "12", "PAD", LOKASI, a] for ln, a in zip(LINES, amounts)]
    report = validate_path(_save(tmp_path / "renja.xlsx", "Renja", rows), **FACTS)
    assert loaded(report) == (3, sum(Decimal(str(a)) for a in amounts) * factor)
    assert len([w for w in report.warnings if w.rule == "money_scaled"]) == (factor != 1)


def test_a_csv_in_thousands_with_semicolons_and_decimal_commas_loads_rupiah(tmp_path):
    """Excel's Indonesian "CSV": ``;`` between cells, ``1.234.567,89`` figures, Windows-1252 bytes,
    a title line in thousands."""
    amounts = ["1.234.567,89", "735.500,5", "98.000"]
    text = "RENJA DINAS PU TAHUN 2026 (dalam ribuan rupiah)\r\n" + ";".join(RENJA) + "\r\n"
    text += "".join(f"{ln.code};{ln.name};{ln.indikator};12;PAD;Kab. Kutai Kartanegara;{a}\r\n"
                    for ln, a in zip(LINES, amounts))
    path = tmp_path / "renja.csv"
    path.write_bytes(text.encode("cp1252"))
    report = validate_path(path, **FACTS)
    pagu = {s.kode_sub_giat: s.pagu for s in report.dataset.sub_kegiatan} if report.ok else {}
    assert loaded(report) == (3, sum(rupiah_of(a, 1000) for a in amounts))
    assert pagu[LINES[0].code] == 1_234_567_890


def test_a_csv_whose_unit_is_noted_under_the_table_loads_rupiah(tmp_path):
    """The same CSV with the unit in a note line under the rows (``;;`` cells as Excel saves the blank
    ones), then the signing place and date."""
    amounts = ["1.234.567,89", "735.500,5", "98.000"]
    text = ";".join(RENJA) + "\r\n"
    text += "".join(f"{ln.code};{ln.name};{ln.indikator};12;PAD;Kab. Kutai Kartanegara;{a}\r\n"
                    for ln, a in zip(LINES, amounts))
    text += ";;;;;;\r\n;*) Angka dalam ribuan rupiah;;;;;\r\n;Tenggarong, 2 Januari 2026;;;;;\r\n"
    path = tmp_path / "renja.csv"
    path.write_text(text, encoding="utf-8")
    report = validate_path(path, **FACTS)
    assert loaded(report) == (3, sum(rupiah_of(a, 1000) for a in amounts))
    (warning,) = [w for w in report.warnings if w.rule == "money_scaled"]
    assert (warning.source, warning.row, warning.value) == ("renja.csv", 6, "*) Angka dalam ribuan rupiah")


@pytest.mark.parametrize("where", ["title", "note"])
def test_a_renstra_matrix_in_millions_loads_rupiah(tmp_path, where):
    """T-C.27 printed with ``(dalam jutaan rupiah)`` under its title, or in a note line under the table
    above its signature block, and bare ``DANA TAHUN k`` headings."""
    header = ["KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN"]
    for k in range(1, 6):
        header += [f"TARGET TAHUN {k}", f"DANA TAHUN {k}"]
    title = [["(dalam jutaan rupiah)"]] if where == "title" else [[]]
    rows: list[list[Any]] = [["T-C.27 Rencana Program, Kegiatan dan Pendanaan"], *title, header]
    seen: set[str] = set()
    for i, ln in enumerate(LINES[:3]):
        for code, name in ((ln.program, ln.nama_program), (ln.kegiatan, ln.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                rows.append([code, name, None, None] + [None] * 10)
        rows.append([ln.code, ln.name, ln.indikator, ln.satuan] + [v for k in range(5) for v in (10, 1.25 * (i + 1))])
    if where == "note":
        rows += [[], [None, "Keterangan: dalam jutaan rupiah"], [], [None, "Kepala Dinas Pekerjaan Umum"],
                 [None, "NIP. 19700101 199503 1 002"]]
    report = validate_path(_save(tmp_path / "renstra.xlsx", "T-C.27", rows), kode_pemda=KUKAR, tahun_awal=2025,
                           kode_skpd=PUPR, nama_skpd=PUPR_NAME)
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    assert sum(s.pagu for s in report.dataset.sub_kegiatan) == 5 * (1.25 + 2.5 + 3.75) * 1_000_000
    scaled = [w for w in report.warnings if w.rule == "money_scaled"]
    assert len(scaled) == 5 and {w.row for w in scaled} == {2 if where == "title" else len(rows) - 3}


def test_a_recap_sheet_repeating_the_agency_sheets_is_not_counted_twice(tmp_path):
    """A SIPD workbook of all agencies often ends with a ``REKAP`` sheet of every line: read as one more
    agency's lines it would double the total."""
    lines = list(zip(LINES, PAGU))
    path = agency_workbook(tmp_path / "renja-semua.xlsx", [
        ("Dinas Kesehatan", [], lines[:3]),
        ("Dinas Sosial", [], lines[3:]),
        ("REKAP", [], lines),
    ])
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026, kode_skpd=PUPR, nama_skpd=PUPR_NAME)
    assert loaded(report) == (len(LINES), sum(PAGU))
    (warning,) = [w for w in report.warnings if w.rule == "recap_sheet"]
    assert warning.sheet == "REKAP" and "'Dinas Kesehatan', 'Dinas Sosial'" in warning.message_en


def test_a_unit_of_thousands_after_a_non_money_heading_does_not_make_it_a_known_column(tmp_path):
    """``Target (000)`` is no pagu and no target read in rupiah: it stays an unknown column; the money loads."""
    rows = [HEADER + ["Target (000)", "JUMLAH PAGU"]]
    rows += [[ln.code, ln.name, ln.indikator, "12", "PAD", LOKASI, 5, a] for ln, a in zip(LINES, PAGU)]
    report = validate_path(_save(tmp_path / "renja.xlsx", "Renja", rows), **FACTS)
    assert loaded(report) == (len(LINES), sum(PAGU))
    assert [w.column for w in report.warnings if w.rule == "unknown_column"] == ["Target (000)"]
    assert not [w for w in report.warnings if w.rule == "money_scaled"]


def test_a_report_page_saved_as_xls_with_its_money_in_thousands_loads_rupiah(tmp_path):
    """A SIPD print downloaded as ``.xls`` is a web page: its title line names the unit."""
    cells = "".join(f"<tr><td>{ln.code}</td><td>{ln.name}</td><td>{a}</td></tr>" for ln, a in zip(LINES, THOUSANDS))
    page = ("<html><body><div>RENCANA KERJA PERANGKAT DAERAH TAHUN 2026</div><div>(dalam ribuan rupiah)</div>"
            "<table><thead><tr><th>KODE SUB KEGIATAN</th><th>PROGRAM DAN KEGIATAN</th><th>JUMLAH PAGU</th></tr>"
            f"</thead><tbody>{cells}</tbody></table></body></html>")
    path = tmp_path / "renja.xls"
    path.write_text(page, encoding="utf-8")
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), sum(rupiah_of(a, 1000) for a in THOUSANDS))
    assert [w.rule for w in report.warnings if w.rule == "money_scaled"] == ["money_scaled"]


def test_sheets_of_one_agency_for_different_years_each_keep_their_year(tmp_path):
    """``RENJA TAHUN 2025`` and ``RENJA TAHUN 2026`` of one agency, a sheet each: not one year's lines twice."""
    lines = list(zip(LINES, PAGU))
    path = agency_workbook(tmp_path / "renja-pupr.xlsx", [
        ("2025", [["RENCANA KERJA DINAS PU TAHUN ANGGARAN 2025"]], lines[:3]),
        ("Sheet2", [["RENCANA KERJA DINAS PU TAHUN 2026"]], lines),
    ])
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES) + 3, sum(PAGU) + sum(PAGU[:3]))
    by_year = {}
    for s in report.dataset.sub_kegiatan:
        by_year[s.tahun] = by_year.get(s.tahun, 0) + s.pagu
    assert by_year == {2025: sum(PAGU[:3]), 2026: sum(PAGU)}


def test_a_workbook_whose_sheets_name_their_agencies_asks_only_for_government_and_year(tmp_path):
    from loaders import needed_facts

    lines = list(zip(LINES, PAGU))
    path = agency_workbook(tmp_path / "renja-semua.xlsx", [
        ("PUPR", [[f"Unit Organisasi : {PUPR} {PUPR_NAME}"]], lines[:3]),
        ("Dinas Kesehatan", [], lines[3:]),
    ])
    assert needed_facts(path) == ("kode_pemda", "tahun")
    unnamed = agency_workbook(tmp_path / "renja-2.xlsx", [("Sheet1", [], lines[:3]), ("Sheet2", [], lines[3:])])
    assert needed_facts(unnamed, kode_pemda=KUKAR, tahun=2026) == ("kode_skpd", "nama_skpd")
