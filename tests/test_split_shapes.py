"""Shapes of real planning files the loader once misread: a header whose group row sits above the
row with the most cells, a code split over several KODE columns, and agencies named without codes,
several to a cell.

No real export of a real government could be found in the public corpora searched (see
tests/shapes.py `write_split_renstra` for where each shape comes from); the files are written with
our own values from the real 2027 PUPR codes and names, and must load exactly: every year's pagu
equal to the file's sub kegiatan rows, each line once, and every name that cannot be matched to an
agency reported at its cell.
"""
from __future__ import annotations

import openpyxl
import pytest

from graph.build import build_graph
from loaders import load, validate_path
from loaders.nomenclature import load_nomenclature
from loaders.readers import table_from_rows
from tests.shapes import KUKAR, PUPR, PUPR_NAME, pupr_lines, write_calendar_renstra, write_split_renstra

LINES = pupr_lines()
DANA = [[1_000_000.0 * (i + 1) + 250_000 * k for k in range(5)] for i in range(len(LINES))]


@pytest.mark.parametrize("named", [True, False], ids=["URUSAN…SUB KEGIATAN under KODE", "KODE merged over five"])
def test_a_matrix_with_the_code_split_over_five_columns_loads_exactly(tmp_path, named):
    path = write_split_renstra(tmp_path / "renstra.xlsx", LINES, DANA, named=named)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)  # no agency given: the file names it
    assert report.ok, [e.message for e in report.errors]
    ds = report.dataset
    assert len(ds.sub_kegiatan) == 5 * len(LINES)
    G = build_graph(ds)
    for k, year in enumerate(range(2025, 2030)):
        lines = [s for s in ds.sub_kegiatan if s.tahun == year]
        assert sorted(s.kode_sub_giat for s in lines) == sorted(ln.code for ln in LINES)
        assert sum(s.pagu for s in lines) == sum(d[k] for d in DANA)
        assert sum(d["pagu"] for _, d in G.nodes(data=True) if d.get("pagu") and d.get("tahun") == year) == \
            sum(d[k] for d in DANA)
    # the parents' own totals equal their children's: no parent_total warning, and codes rebuilt whole
    assert not [w for w in report.warnings if w.rule in ("parent_total", "level_unknown", "misplaced")]
    assert {(p.kode, p.nama) for p in ds.program_kegiatan if p.tahun == 2025} == (
        {(ln.program, ln.nama_program) for ln in LINES} | {(ln.kegiatan, ln.nama_kegiatan) for ln in LINES})
    assert {s.kode_skpd for s in ds.sub_kegiatan} == {PUPR}
    assert [(a.kode_skpd, a.nama_skpd, a.bidang) for a in ds.perangkat_daerah] == [(PUPR, PUPR_NAME, ("1.03",))]


def test_a_name_that_matches_no_agency_is_reported_at_its_cell_once(tmp_path):
    program = LINES[8].program  # 1.03.03
    path = write_split_renstra(tmp_path / "renstra.xlsx", LINES, DANA,
                               agencies={program: f"{PUPR_NAME}\nBAPPEDA", LINES[-1].program: "BAPPEDA"})
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert report.ok
    (warning,) = [w for w in report.warnings if w.rule == "agency_unmatched"]
    sheet = openpyxl.load_workbook(path)["T-C.27"]
    first = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 26).value and "BAPPEDA" in sheet.cell(r, 26).value)
    assert (warning.row, warning.column, warning.value) == (first, "PERANGKAT DAERAH PENANGGUNG JAWAB", "BAPPEDA")
    assert "2" in warning.message and "BAPPEDA" in warning.text("en")
    # the programme named only by BAPPEDA still loads, without an agency; no line is lost
    works = {(p.kode, p.kode_skpd) for p in report.dataset.program_kegiatan if p.tahun == 2025}
    assert (LINES[-1].program, None) in works and (program, PUPR) in works
    assert sum(s.pagu for s in report.dataset.sub_kegiatan) == sum(map(sum, DANA))


def test_an_rpjmd_program_table_naming_several_agencies_in_one_cell(tmp_path):
    """RPJMD program tables name the responsible agencies by name, several to a cell (the
    ``PERANGKAT DAERAH PENANGGUNG JAWAB`` column of Permendagri 86/2017's RPJMD tables)."""
    path = tmp_path / "rpjmd.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "TARGET TAHUN 1", "DANA TAHUN 1",
               "PERANGKAT DAERAH PENANGGUNG JAWAB"])
    ws.append(["1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT",
               "Angka harapan hidup", 72, 90_000_000_000, "1. Dinas Kesehatan\n2. Dinas Sosial"])
    ws.append(["1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", "Rata-rata lama sekolah", 9, 120_000_000_000,
               "Dinas Pendidikan dan Kebudayaan; Bappeda"])
    ws.append(["1.03.10", "PROGRAM PENYELENGGARAAN JALAN", "Persentase jalan mantap", 70, 50_000_000_000,
               "Dinas Pekerjaan Umum dan Penataan Ruang"])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert report.ok, [e.message for e in report.errors]
    ds = report.dataset
    agencies = {a.nama_skpd: (a.kode_skpd, a.bidang) for a in ds.perangkat_daerah}
    assert agencies == {"Dinas Kesehatan": ("1.02.0.00.0.00.01.0000", ("1.02",)),
                        "Dinas Sosial": ("1.06.0.00.0.00.01.0000", ("1.06",)),
                        "Dinas Pendidikan dan Kebudayaan": ("1.01.2.22.0.00.01.0000", ("1.01", "2.22")),
                        PUPR_NAME: (PUPR, ("1.03",))}
    assert sorted((p.kode, p.kode_skpd) for p in ds.program_kegiatan) == sorted([
        ("1.02.02", "1.02.0.00.0.00.01.0000"), ("1.02.02", "1.06.0.00.0.00.01.0000"),
        ("1.01.02", "1.01.2.22.0.00.01.0000"), ("1.03.10", PUPR)])
    (unmatched,) = [w for w in report.warnings if w.rule == "agency_unmatched"]
    assert (unmatched.row, unmatched.column, unmatched.value) == (3, "PERANGKAT DAERAH PENANGGUNG JAWAB", "Bappeda")


def test_the_reader_keeps_the_group_row_above_a_fuller_header_row():
    rows = [["RENCANA 2025"], [], ["KODE", None, None, None, "NOMENKLATUR", "KINERJA"],
            ["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", None, None],
            ["1", "03", "10", "2.01", "Penyelenggaraan Jalan", "km"]]
    table = table_from_rows("n.xlsx", "s", rows)
    assert table.headers == ["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", "", ""]
    assert table.above == [["KODE", None, None, None, "NOMENKLATUR", "KINERJA"]]
    assert table.row_numbers == [5]
    # a data row with more cells than the header never becomes the header
    full = table_from_rows("n.xlsx", "s", [["KODE", "NAMA"], ["1.03.10", "Jalan", 5, 2025]])
    assert full.headers == ["KODE", "NAMA"] and full.above == []


def test_a_nomenclature_table_names_its_name_column_from_the_group_row(tmp_path):
    """KODE over URUSAN … SUB KEGIATAN, a blank spacer column, then NOMENKLATUR: the name is read from
    the column the group row names, not from the first unheaded one."""
    path = tmp_path / "lampiran.xlsx"
    wb = openpyxl.Workbook()
    for row in [["KODE", None, None, None, None, None, "NOMENKLATUR URUSAN KABUPATEN/KOTA"],
                ["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", None, None],
                ["1", "03", "10", "2.01", "53", "catatan", "Pembangunan Jalan"]]:
        wb.active.append(row)
    wb.save(path)
    table = load_nomenclature(path, year=2027)
    assert table.name("1.03.10.2.01.0053") == "Pembangunan Jalan"


def test_the_whole_load_of_a_split_matrix_is_all_or_nothing(tmp_path):
    """A bad part in one code column is a located error naming the code columns; nothing loads."""
    path = write_split_renstra(tmp_path / "renstra.xlsx", LINES[:3], DANA[:3])
    wb = openpyxl.load_workbook(path)
    ws = wb["T-C.27"]
    bad = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 6).value is not None)
    ws.cell(bad, 6).value = "12345"  # a five-digit sub kegiatan number
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert not report.ok
    (error,) = report.errors
    assert (error.rule, error.row) == ("code", bad) and "SUB KEGIATAN" in error.column
    with pytest.raises(Exception):
        load(path, kode_pemda=KUKAR, tahun_awal=2025)


def test_a_renstra_headed_by_calendar_years_states_its_own_first_year(tmp_path):
    dana = [[1_000_000.0 * (i + 1) + 250_000 * k for k in range(3)] for i in range(len(LINES))]
    path = write_calendar_renstra(tmp_path / "renstra.xlsx", LINES, dana)
    report = validate_path(path, kode_pemda=KUKAR)  # no --tahun-awal: the years are in the header
    assert report.ok, [e.message for e in report.errors]
    ds = report.dataset
    assert sorted({s.tahun for s in ds.sub_kegiatan}) == [2021, 2022, 2023]
    for k, year in enumerate((2021, 2022, 2023)):
        assert sum(s.pagu for s in ds.sub_kegiatan if s.tahun == year) == sum(d[k] for d in dana)
    assert {s.kode_sub_giat for s in ds.sub_kegiatan} == {ln.code for ln in LINES}
    assert {s.kode_skpd for s in ds.sub_kegiatan} == {PUPR}
    assert not [w for w in report.warnings if w.rule in ("parent_total", "merged_header")]
