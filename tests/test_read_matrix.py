"""Renstra / RPJMD matrices and Renja tables with parent rows: one line per year, pagu counted once,
every parent mismatch reported with both figures, never a crash."""
from __future__ import annotations

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from base.fmt import money_full
from graph.build import build_graph
from loaders import load, validate_path
from tests.shapes import KUKAR, PUPR, PUPR_NAME, pupr_lines, write_renja, write_renstra

AGENCY = dict(kode_skpd=PUPR, nama_skpd=PUPR_NAME)
LINES = pupr_lines()


def _dana(n: int) -> list[list[float]]:
    return [[1_000_000.0 * (i + 1) + 250_000 * k for k in range(5)] for i in range(n)]


def _graph_pagu(dataset, year=None) -> float:
    G = build_graph(dataset)
    return sum(p for _, d in G.nodes(data=True) if (p := d.get("pagu")) and (year is None or d.get("tahun") == year))


@pytest.mark.parametrize("two_rows", [False, True], ids=["flat header", "two-row header"])
def test_renstra_matrix_gives_one_line_per_year_with_that_years_dana(tmp_path, two_rows):
    dana = _dana(len(LINES))
    path = write_renstra(tmp_path / "renstra.xlsx", LINES, dana, two_rows=two_rows)
    ds = load(path, kode_pemda=KUKAR, tahun_awal=2025, **AGENCY)
    assert len(ds.sub_kegiatan) == 5 * len(LINES)
    for k, year in enumerate(range(2025, 2030)):
        lines = [s for s in ds.sub_kegiatan if s.tahun == year]
        assert sorted(s.kode_sub_giat for s in lines) == sorted(ln.code for ln in LINES)
        assert sum(s.pagu for s in lines) == sum(d[k] for d in dana)
        assert _graph_pagu(ds, year) == sum(d[k] for d in dana)
    first = next(s for s in ds.sub_kegiatan if s.kode_sub_giat == LINES[0].code and s.tahun == 2027)
    assert (first.keluaran, first.satuan, first.target, first.lokasi) == (LINES[0].indikator, LINES[0].satuan, 13.0,
                                                                          (KUKAR,))
    names = {p.kode: p.nama for p in ds.program_kegiatan if p.tahun == 2025}
    assert names[LINES[0].program] == LINES[0].nama_program and names[LINES[0].kegiatan] == LINES[0].nama_kegiatan
    assert ds.perangkat_daerah[0].bidang == ("1.03",)


def test_every_parent_mismatch_is_reported_with_both_figures_and_the_gap_summarised(tmp_path):
    dana = _dana(len(LINES))
    program = LINES[-1].program  # 1.03.10: Penyelenggaraan Jalan
    kegiatan = LINES[0].kegiatan
    path = write_renstra(tmp_path / "renstra.xlsx", LINES, dana,
                         parent_totals={(program, 1): 3_000_000, (kegiatan, 2): 1_500_000})
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025, **AGENCY)
    assert report.ok
    found = {(w.value, w.column): w for w in report.warnings if w.rule == "parent_total"}
    children = sum(d[0] for ln, d in zip(LINES, dana) if ln.program == program)
    assert set(found) == {(program, "DANA TAHUN 1"), ("1.03", "DANA TAHUN 1"), (kegiatan, "DANA TAHUN 2"),
                          (LINES[0].program, "DANA TAHUN 2")}
    message = found[(program, "DANA TAHUN 1")].message
    assert money_full(3_000_000) in message and money_full(children) in message
    assert found[(program, "DANA TAHUN 1")].row is not None
    summaries = [w for w in report.warnings if w.rule == "parent_gap"]
    assert [w.column for w in summaries] == ["DANA TAHUN 1", "DANA TAHUN 2"]
    assert money_full(sum(d[0] for d in dana)) in summaries[0].message
    # the wrong parent totals change nothing: pagu is the sub kegiatan rows'
    assert sum(s.pagu for s in report.dataset.sub_kegiatan if s.tahun == 2025) == sum(d[0] for d in dana)


def test_a_matrix_without_its_facts_says_which_options_to_give(tmp_path):
    path = write_renstra(tmp_path / "renstra.xlsx", LINES, _dana(len(LINES)))
    report = validate_path(path)
    assert [e.rule for e in report.errors] == ["kode_pemda_missing", "kode_skpd_missing", "nama_skpd_missing",
                                               "tahun_awal_missing"]
    assert all(e.source == "renstra.xlsx" and e.sheet == "T-C.27" for e in report.errors)
    assert "--tahun-awal" in report.errors[-1].message and report.errors[-1].column == "DANA TAHUN 1"


def test_renja_with_parent_rows_counts_pagu_once_and_names_programs(tmp_path):
    pagu = [125_000_000.0 + i for i in range(len(LINES))]
    kegiatan = LINES[0].kegiatan
    path = write_renja(tmp_path / "renja.xlsx", LINES, pagu, parents=True, parent_totals={kegiatan: 1.0})
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026, **AGENCY)
    assert report.ok, report.errors
    ds = report.dataset
    assert len(ds.sub_kegiatan) == len(LINES) and sum(s.pagu for s in ds.sub_kegiatan) == sum(pagu)
    assert _graph_pagu(ds) == sum(pagu)
    assert {p.kode: p.nama for p in ds.program_kegiatan}[kegiatan] == LINES[0].nama_kegiatan
    found = {w.value: w for w in report.warnings if w.rule == "parent_total"}
    # the kegiatan differs from its sub kegiatan, so its program differs from its kegiatan
    assert set(found) == {kegiatan, LINES[0].program}
    mismatch = found[kegiatan]
    assert (mismatch.column, mismatch.row) == ("JUMLAH PAGU", 4)
    assert money_full(1.0) in mismatch.message
    assert money_full(sum(p for ln, p in zip(LINES, pagu) if ln.kegiatan == kegiatan)) in mismatch.message


@pytest.mark.parametrize("code", ["1.03.02", "1.03.02.2.01"], ids=["program", "kegiatan"])
def test_a_parent_code_where_a_sub_kegiatan_is_expected_is_a_located_error_not_a_crash(tmp_path, code):
    path = tmp_path / "renja.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode_sub_giat", "nama_sub_giat", "pagu", "kode_skpd", "nama_skpd"])
    ws.append([LINES[12].code, LINES[12].name, 5_000_000, PUPR, PUPR_NAME])
    ws.append([code, "Pengelolaan SDA", 7_000_000, PUPR, PUPR_NAME])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026)
    assert not report.ok
    (error,) = report.errors
    assert (error.rule, error.row, error.column, error.value) == ("not_sub_kegiatan", 3, "kode_sub_giat", code)


def test_a_kaskade_sheet_with_a_program_code_as_sub_kegiatan_is_refused_by_the_model(tmp_path):
    path = tmp_path / "sub_kegiatan.csv"
    path.write_text("tahun,kode_pemda,kode_skpd,kode_sub_giat,nama_sub_giat,pagu\n"
                    "2026,64.02,1.03.0.00.0.00.01.0000,1.03.02,Pengelolaan SDA,100\n", encoding="utf-8")
    report = validate_path(path)
    assert [(e.rule, e.row, e.column) for e in report.errors if e.column == "kode_sub_giat"] == [
        ("code", 2, "kode_sub_giat")]
    assert "program" in report.errors[0].message_en


def test_sipd_table_and_renja_table_of_the_same_lines_give_equal_datasets(tmp_path):
    from tests.shapes import write_sipd

    pagu = [10_000_000.0 * (i + 1) for i in range(len(LINES))]
    sipd = load(write_sipd(tmp_path / "sipd.xlsx", LINES, pagu), kode_pemda=KUKAR)
    renja = load(write_renja(tmp_path / "renja.xlsx", LINES, pagu, parents=True), kode_pemda=KUKAR, tahun=2026,
                 **AGENCY)

    def lines(ds):
        return sorted((s.tahun, s.kode_pemda, s.kode_skpd, s.kode_sub_giat, s.nama_sub_giat, s.pagu, s.lokasi,
                       s.keluaran, s.satuan) for s in ds.sub_kegiatan)

    assert lines(sipd) == lines(renja)
    assert sorted((p.kode, p.nama) for p in sipd.program_kegiatan) == sorted(
        (p.kode, p.nama) for p in renja.program_kegiatan)
    assert [(a.kode_skpd, a.nama_skpd, a.bidang) for a in sipd.perangkat_daerah] == [
        (a.kode_skpd, a.nama_skpd, a.bidang) for a in renja.perangkat_daerah]


@st.composite
def _matrices(draw):
    """Any tree of program / kegiatan / sub kegiatan rows from the real lines, with any parent totals."""
    chosen = draw(st.lists(st.sampled_from(range(len(LINES))), min_size=1, max_size=len(LINES), unique=True))
    lines = [LINES[i] for i in sorted(chosen)]
    money = st.integers(min_value=0, max_value=10**12).map(float)
    dana = [[draw(money) for _ in range(5)] for _ in lines]
    parents = {ln.program for ln in lines} | {ln.kegiatan for ln in lines} | {"1.03"}
    wrong = draw(st.dictionaries(st.tuples(st.sampled_from(sorted(parents)), st.integers(1, 5)), money, max_size=4))
    return lines, dana, wrong


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_matrices())
def test_pagu_in_the_graph_equals_the_sum_of_the_lowest_level_rows(tmp_path, matrix):
    lines, dana, wrong = matrix
    path = write_renstra(tmp_path / "m.xlsx", lines, dana, parent_totals=wrong)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025, **AGENCY)
    assert report.ok, report.errors
    for k in range(5):
        assert _graph_pagu(report.dataset, 2025 + k) == sum(d[k] for d in dana)
    figures = {(w.value, w.column) for w in report.warnings if w.rule == "parent_total"}
    for (code, k), amount in wrong.items():
        children = [d[k - 1] for ln, d in zip(lines, dana) if ln.code.startswith(code + ".")]
        if code != "1.03" and abs(amount - sum(children)) > 0.5:
            assert (code, f"DANA TAHUN {k}") in figures


def test_an_rpjmd_program_table_loads_programs_per_year_and_says_which_funds_are_not_pagu(tmp_path):
    path = tmp_path / "rpjmd.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["SASARAN", "KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN", "TARGET TAHUN 1", "DANA TAHUN 1",
               "TARGET TAHUN 2", "DANA TAHUN 2", "PERANGKAT DAERAH PENANGGUNG JAWAB"])
    ws.append(["Meningkatnya kemantapan jalan", "1.03.10", LINES[-1].nama_program, "Persentase jalan mantap", "%",
               70, 50_000_000_000, 72, 55_000_000_000, PUPR_NAME])
    ws.append([None, "1.03.02", LINES[0].nama_program, "Persentase irigasi baik", "%", 60, 20_000_000_000, 62, None,
               PUPR_NAME])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert report.ok, report.errors
    ds = report.dataset
    assert sorted((p.tahun, p.kode) for p in ds.program_kegiatan) == [
        (2025, "1.03.02"), (2025, "1.03.10"), (2026, "1.03.02"), (2026, "1.03.10")]
    assert ds.sub_kegiatan == ()
    assert {p.mendukung for p in ds.program_kegiatan} == {(ds.sasaran[0].id,)}
    not_loaded = {w.value: w for w in report.warnings if w.rule == "pagu_not_loaded"}
    assert set(not_loaded) == {"1.03.10", "1.03.02"}
    assert money_full(105_000_000_000) in not_loaded["1.03.10"].message


@pytest.mark.parametrize("code", ["1.03", "1.03.02.2.01.0013"], ids=["bidang", "sub kegiatan"])
def test_a_program_kegiatan_row_must_name_a_program_or_kegiatan(tmp_path, code):
    path = tmp_path / "program_kegiatan.csv"
    path.write_text(f"tahun,kode_pemda,kode,nama\n2026,64.02,{code},Nama\n", encoding="utf-8")
    errors = validate_path(path).errors
    assert [(e.rule, e.row, e.column) for e in errors] == [("code", 2, "kode")]


def test_a_total_row_is_not_a_line_and_a_wrong_total_is_reported(tmp_path):
    pagu = [10_000_000.0] * 3
    path = write_renja(tmp_path / "renja.xlsx", LINES[:3], pagu)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.append([None, "JUMLAH"] + [None] * 9 + [31_000_000, None])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026, **AGENCY)
    assert report.ok, report.errors
    assert sum(s.pagu for s in report.dataset.sub_kegiatan) == 30_000_000
    (total,) = [w for w in report.warnings if w.rule == "grand_total"]
    assert (total.row, total.column) == (6, "JUMLAH PAGU")
    assert money_full(31_000_000) in total.message and money_full(30_000_000) in total.message


def test_a_matrix_total_row_is_checked_per_year(tmp_path):
    dana = _dana(3)
    path = write_renstra(tmp_path / "renstra.xlsx", LINES[:3], dana)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.append([None, None, "JUMLAH"] + [None] * 3 + [x for k in range(5) for x in (None, sum(d[k] for d in dana) + k)])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025, **AGENCY)
    assert report.ok, report.errors
    assert [w.column for w in report.warnings if w.rule == "grand_total"] == [f"DANA TAHUN {k}" for k in (2, 3, 4, 5)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_matrices())
def test_pagu_of_a_renja_with_any_parent_totals_is_the_sum_of_its_sub_kegiatan_rows(tmp_path, matrix):
    lines, dana, wrong = matrix
    pagu = [d[0] for d in dana]
    totals = {code: amount for (code, _), amount in wrong.items() if code != "1.03"}
    path = write_renja(tmp_path / "r.xlsx", lines, pagu, parents=True, parent_totals=totals)
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026, **AGENCY)
    assert report.ok, report.errors
    assert len(report.dataset.sub_kegiatan) == len(lines)
    assert _graph_pagu(report.dataset) == sum(pagu)


def test_a_row_under_a_parent_that_is_not_its_prefix_is_reported_and_placed_by_its_code(tmp_path):
    path = write_renja(tmp_path / "renja.xlsx", LINES[:2], [1e6, 2e6], parents=True)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.append([LINES[-1].code, LINES[-1].name] + [None] * 9 + [3e6, None])  # a road line under an SDA kegiatan
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun=2026, **AGENCY)
    assert report.ok, report.errors
    (warning,) = [w for w in report.warnings if w.rule == "misplaced"]
    assert (warning.value, warning.row) == (LINES[-1].code, 7) and LINES[0].kegiatan in warning.message
    assert sum(s.pagu for s in report.dataset.sub_kegiatan) == 6e6
