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
