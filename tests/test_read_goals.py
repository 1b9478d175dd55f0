"""Tujuan / sasaran tables load as goals (a sasaran belongs to the tujuan above it) and their indicators."""
from __future__ import annotations

import openpyxl

from loaders import load, validate_path
from tests.shapes import KUKAR, write_goals


def test_tujuan_and_sasaran_rows_become_goals_with_indicators_per_year(tmp_path):
    ds = load(write_goals(tmp_path / "tujuan.xlsx"), kode_pemda=KUKAR, tahun_awal=2025)
    goals = {g.id: (g.jenis.value, g.nama, g.induk) for g in ds.sasaran}
    assert goals == {
        "64.02-T1": ("tujuan", "Meningkatnya kualitas infrastruktur wilayah", None),
        "64.02-S1.1": ("sasaran", "Meningkatnya kemantapan jalan kabupaten", "64.02-T1"),
        "64.02-S1.2": ("sasaran", "Meningkatnya layanan air minum", "64.02-T1"),
        "64.02-T2": ("tujuan", "Meningkatnya tata ruang yang berkelanjutan", None),
        "64.02-S2.1": ("sasaran", "Tersedianya rencana detail tata ruang", "64.02-T2"),
    }
    measures = {i.id: i for i in ds.indikator}
    assert sorted(i.milik for i in ds.indikator if i.milik == "64.02-S1.1") == ["64.02-S1.1", "64.02-S1.1"]
    road = measures["64.02-S1.1-I1"]
    assert (road.nama, road.jenis.value, road.satuan, road.baseline) == ("Persentase jalan mantap", "hasil", "%", 70)
    assert road.target == {2025: 72, 2026: 74, 2027: 76, 2028: 78, 2029: 80}
    assert measures["64.02-S1.1-I2"].target[2029] == 25
    assert measures["64.02-T1-I1"].jenis.value == "dampak"


def test_a_sasaran_before_any_tujuan_and_an_unknown_kelompok_are_located_errors(tmp_path):
    path = tmp_path / "tujuan.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN"])
    ws.append(["Sasaran", "Meningkatnya kemantapan jalan", "Persentase jalan mantap"])
    ws.append(["Misi", "Kukar Idaman", None])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR)
    assert [(e.rule, e.row, e.column) for e in report.errors] == [("sasaran_without_tujuan", 2, "KELOMPOK"),
                                                                  ("kelompok", 3, "KELOMPOK")]


def test_without_the_first_year_yearly_targets_ask_for_tahun_awal(tmp_path):
    report = validate_path(write_goals(tmp_path / "tujuan.xlsx"), kode_pemda=KUKAR)
    assert [(e.rule, e.column) for e in report.errors] == [("tahun_awal_missing", "TARGET TAHUN 1")]


# The same plan as tests/shapes.py `write_goals`, in the shapes real RPJMD / Renstra tables print it.
PLAN = [  # tujuan, its indicators, its sasaran with theirs: (name, satuan, baseline, targets 2025..2029)
    ("Meningkatnya kualitas infrastruktur wilayah", [("Indeks infrastruktur", "indeks", 60, [61, 62, 63, 64, 65])], [
        ("Meningkatnya kemantapan jalan kabupaten", [("Persentase jalan mantap", "%", 70, [72, 74, 76, 78, 80]),
                                                     ("Panjang jalan dibangun", "km", 0, [5, 10, 15, 20, 25])]),
        ("Meningkatnya layanan air minum", [("Persentase rumah tangga dengan air minum layak", "%", 80,
                                             [82, 84, 86, 88, 90])]),
    ]),
    ("Meningkatnya tata ruang yang berkelanjutan",
     [("Persentase kesesuaian tata ruang", "%", 50, [55, 60, 65, 70, 75])], [
        ("Tersedianya rencana detail tata ruang", [("Jumlah RDTR ditetapkan", "dokumen", 1, [2, 3, 4, 5, 6])]),
    ]),
]


def write_tc23(path):
    """Permendagri 86/2017 table T-C.23 "Tujuan dan Sasaran" as RPJMD chapter tables print it: ``NO | TUJUAN
    | SASARAN | INDIKATOR TUJUAN/SASARAN | SATUAN | KONDISI AWAL | TARGET`` merged over calendar years ``2025
    … 2029`` on the row below ``| KONDISI AKHIR``, a ``(1) (2) …`` numbering row, the tujuan cell merged down
    over its rows and its own indicator on its first row (SASARAN blank), each sasaran merged over its
    indicators, numbers ``1``, ``1.1``; a title and a signature block (the shape of the RPJMD tables
    quoted in the Jawa Tengah RPJMD evaluation, Tabel 5.1, ``Tujuan | Sasaran | Indikator Sasaran |
    Target RPJMD 2013 2014 2015 | Target Akhir``; the values are ours)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 4.1"
    ws.append(["TABEL 4.1 TUJUAN DAN SASARAN RPJMD KABUPATEN KUTAI KARTANEGARA 2025-2029"])
    ws.append([])
    ws.append(["NO", "TUJUAN", "SASARAN", "INDIKATOR TUJUAN/SASARAN", "SATUAN", "KONDISI AWAL", "TARGET",
               None, None, None, None, "KONDISI AKHIR"])
    ws.append([None] * 6 + [2025, 2026, 2027, 2028, 2029, None])
    for col in range(1, 7):
        ws.merge_cells(start_row=3, end_row=4, start_column=col, end_column=col)
    ws.merge_cells("G3:K3")
    ws.merge_cells("L3:L4")
    ws.append([f"({k})" for k in range(1, 13)])
    for t, (tujuan, own, sasaran) in enumerate(PLAN, start=1):
        first = ws.max_row + 1
        for name, unit, base, targets in own:
            ws.append([str(t), tujuan, None, name, unit, base, *targets, targets[-1]])
        for s, (goal, measures) in enumerate(sasaran, start=1):
            top = ws.max_row + 1
            for name, unit, base, targets in measures:
                ws.append([f"{t}.{s}", tujuan if ws.max_row + 1 == first else None, goal, name, unit, base,
                           *targets, targets[-1]])
            if ws.max_row > top:
                ws.merge_cells(start_row=top, end_row=ws.max_row, start_column=3, end_column=3)
        ws.merge_cells(start_row=first, end_row=ws.max_row, start_column=2, end_column=2)
    ws.append([])
    ws.append([None, None, None, "Tenggarong, 2 Januari 2025"])
    ws.append([None, None, None, "BUPATI KUTAI KARTANEGARA"])
    wb.save(path)
    return path


def write_misi_columns(path):
    """An RPJMD table with a MISI column left of TUJUAN and a separate ``INDIKATOR TUJUAN`` column, every
    cell repeated on every row (as a table copied out of SIPD or filtered in Excel), ``TAHUN 1..5`` under
    ``TARGET KINERJA`` (the column order of wp-sipd's RPJMD print, agusnurwanto/wp-sipd
    ``public/partials/monev/wpsipd-public-monev-rpjm.php``: ``Visi | Misi | Tujuan | Sasaran | … | Target
    Awal | Target Tahun 1..5 | Target Akhir | Satuan``). The tujuan's indicator row has no sasaran."""
    rows = [["MISI", "TUJUAN", "INDIKATOR TUJUAN", "SASARAN", "INDIKATOR SASARAN", "SATUAN", "TARGET AWAL",
             "TARGET KINERJA", None, None, None, None, "TARGET AKHIR"],
            [None] * 7 + [f"TAHUN {k}" for k in range(1, 6)] + [None]]
    misi = "Mewujudkan infrastruktur yang merata"
    for tujuan, own, sasaran in PLAN:
        (name, unit, base, targets), = own
        rows.append([misi, tujuan, name, None, None, unit, base, *targets, targets[-1]])
        for goal, measures in sasaran:
            for m_name, m_unit, m_base, m_targets in measures:
                rows.append([misi, tujuan, name, goal, m_name, m_unit, m_base, *m_targets, m_targets[-1]])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tujuan Sasaran"
    for row in rows:
        ws.append(row)
    ws.merge_cells("H1:L1")
    wb.save(path)
    return path


def _goals(ds):
    return ([(g.id, g.jenis.value, g.nama, g.induk) for g in ds.sasaran],
            [(i.id, i.milik, i.nama, i.jenis.value, i.satuan, i.baseline, i.target) for i in ds.indikator])


def test_the_column_form_gives_the_same_goals_as_the_kelompok_form(tmp_path):
    kelompok = load(write_goals(tmp_path / "kelompok.xlsx"), kode_pemda=KUKAR, tahun_awal=2025)
    report = validate_path(write_tc23(tmp_path / "tc23.xlsx"), kode_pemda=KUKAR)  # the years are in the file
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    assert _goals(report.dataset) == _goals(kelompok)
    assert report.dataset == kelompok
    assert not [w for w in report.warnings if w.rule == "unknown_column"]


def test_a_misi_column_and_repeated_cells_give_the_same_goals_with_a_warning_for_misi(tmp_path):
    kelompok = load(write_goals(tmp_path / "kelompok.xlsx"), kode_pemda=KUKAR, tahun_awal=2025)
    report = validate_path(write_misi_columns(tmp_path / "misi.xlsx"), kode_pemda=KUKAR, tahun_awal=2025)
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    assert _goals(report.dataset) == _goals(kelompok)
    assert [(w.rule, w.sheet, w.column) for w in report.warnings] == [
        ("goal_column_not_loaded", "Tujuan Sasaran", "MISI")]


def test_a_target_written_as_text_in_the_column_form_is_kept_as_written(tmp_path):
    """An opinion target (``WTP``) is a target, not a number: kept as the file writes it, in its year."""
    path = write_tc23(tmp_path / "tc23.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 4).value == "Panjang jalan dibangun")
    ws.cell(row, 8).value = "WTP"
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR)
    measure = next(i for i in report.dataset.indikator if i.nama == "Panjang jalan dibangun")
    assert measure.target == {2025: 5, 2026: "WTP", 2027: 15, 2028: 20, 2029: 25}


def test_a_sasaran_before_any_tujuan_in_the_column_form_is_a_located_error(tmp_path):
    path = tmp_path / "tujuan.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["TUJUAN", "SASARAN", "INDIKATOR", "TARGET 2025"])
    ws.append([None, "Meningkatnya kemantapan jalan", "Persentase jalan mantap", 70])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR)
    assert [(e.rule, e.row, e.column) for e in report.errors] == [("sasaran_without_tujuan", 2, "SASARAN")]


def test_a_cascading_matrix_is_refused_at_its_first_work_cell(tmp_path):
    """A pohon kinerja / cascading matrix (PermenPAN-RB 89/2021: tujuan, sasaran, program, kegiatan, sub
    kegiatan as columns left to right, each with its indicator, cells merged down; the levels wp-sipd's
    "Transformasi Cascading" page names, agusnurwanto/wp-sipd
    ``public/partials/input_perencanaan/wpsipd-public-input-transformasi-cascading.php``) names its work
    without codes, agencies or pagu: refused, naming the sheet, row and column, and what to load instead."""
    path = tmp_path / "cascading.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cascading"
    ws.append(["TUJUAN", "INDIKATOR TUJUAN", "SASARAN", "INDIKATOR SASARAN", "PROGRAM", "INDIKATOR PROGRAM",
               "KEGIATAN", "INDIKATOR KEGIATAN", "SUB KEGIATAN", "INDIKATOR SUB KEGIATAN"])
    ws.append(["Meningkatnya kualitas infrastruktur wilayah", "Indeks infrastruktur",
               "Meningkatnya kemantapan jalan kabupaten", "Persentase jalan mantap",
               "Program Penyelenggaraan Jalan", "Persentase jalan kabupaten mantap",
               "Penyelenggaraan Jalan Kabupaten/Kota", "Panjang jalan yang ditangani",
               "Rehabilitasi Jalan", "Panjang jalan yang direhabilitasi"])
    ws.append([None] * 8 + ["Pemeliharaan Berkala Jalan", "Panjang jalan yang dipelihara"])
    for col in range(1, 9):
        ws.merge_cells(start_row=2, end_row=3, start_column=col, end_column=col)
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert report.dataset is None
    (error,) = report.errors
    assert (error.rule, error.source, error.sheet, error.row, error.column, error.value) == (
        "cascading_table", "cascading.xlsx", "Cascading", 2, "PROGRAM", "Program Penyelenggaraan Jalan")
    assert "pohon kinerja" in error.message and "T-C.27" in error.message_en
    assert "TUJUAN | SASARAN | PROGRAM | KEGIATAN | SUB KEGIATAN" in error.message_en


def test_an_rpjmd_program_table_by_tujuan_and_sasaran_without_codes_is_refused_as_cascading(tmp_path):
    """wp-sipd's RPJMD print (``No | Visi | Misi | Tujuan | Sasaran | Program | Indikator | Target Awal |
    Target Tahun 1..5 | Target Akhir | Satuan | Keterangan``, a numbering row 0..15, a row per level
    numbered 1, 1.1, 1.1.1 …: agusnurwanto/wp-sipd ``public/partials/monev/wpsipd-public-monev-rpjm.php``)
    puts programs by name under each sasaran: refused at the first program."""
    path = tmp_path / "rpjm.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Visi", "Misi", "Tujuan", "Sasaran", "Program", "Indikator", "Target Awal"]
              + [f"Target Tahun {k}" for k in range(1, 6)] + ["Target Akhir", "Satuan", "Keterangan"])
    ws.append(list(range(16)))
    ws.append(["1", "Kukar Idaman"] + [None] * 14)
    ws.append(["1.1", None, "Mewujudkan infrastruktur yang merata"] + [None] * 13)
    ws.append(["1.1.1", None, None, "Meningkatnya kualitas infrastruktur wilayah"] + [None] * 12)
    ws.append(["1.1.1.1", None, None, None, "Meningkatnya kemantapan jalan kabupaten"] + [None] * 11)
    ws.append(["1.1.1.1.1", None, None, None, None, "PROGRAM PENYELENGGARAAN JALAN", "Persentase jalan mantap",
               70, 72, 74, 76, 78, 80, 80, "%", "1.03.0.00.0.00.01.0000 Dinas Pekerjaan Umum"])
    wb.save(path)
    report = validate_path(path, kode_pemda=KUKAR, tahun_awal=2025)
    assert report.dataset is None
    assert [(e.rule, e.row, e.column) for e in report.errors] == [("cascading_table", 7, "Program")]


def test_targets_under_pada_tahun_ke_over_year_numbers_are_the_five_years(tmp_path):
    """Permendagri 86/2017's Renstra table of tujuan and sasaran: ``NO | TUJUAN | SASARAN | INDIKATOR
    TUJUAN/SASARAN | TARGET KINERJA TUJUAN/SASARAN PADA TAHUN KE-`` merged over ``1 2 3 4 5``, then the
    ``(1) … (9)`` numbering row. The year numbers are no numbering row: each is its year's target."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NO", "TUJUAN", "SASARAN", "INDIKATOR TUJUAN/SASARAN", "TARGET KINERJA TUJUAN/SASARAN PADA TAHUN KE-"])
    ws.append([None] * 4 + [1, 2, 3, 4, 5])
    ws.merge_cells("E1:I1")
    for col in range(1, 5):
        ws.merge_cells(start_row=1, end_row=2, start_column=col, end_column=col)
    ws.append([f"({k})" for k in range(1, 10)])
    for t, (tujuan, own, sasaran) in enumerate(PLAN, start=1):
        for name, _, _, targets in own:
            ws.append([t, tujuan, None, name, *targets])
        for goal, measures in sasaran:
            for name, _, _, targets in measures:
                ws.append([None, None, goal, name, *targets])
    wb.save(tmp_path / "renstra-tujuan.xlsx")
    kelompok = load(write_goals(tmp_path / "kelompok.xlsx"), kode_pemda=KUKAR, tahun_awal=2025)
    report = validate_path(tmp_path / "renstra-tujuan.xlsx", kode_pemda=KUKAR, tahun_awal=2025)
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    assert [(i.id, i.milik, i.nama, i.target) for i in report.dataset.indikator] == [
        (i.id, i.milik, i.nama, i.target) for i in kelompok.indikator]
    assert report.dataset.sasaran == kelompok.sasaran
    assert not report.warnings
    without = validate_path(tmp_path / "renstra-tujuan.xlsx", kode_pemda=KUKAR)
    assert [(e.rule, e.column) for e in without.errors] == [
        ("tahun_awal_missing", "TARGET KINERJA TUJUAN/SASARAN PADA TAHUN KE- 1")]
