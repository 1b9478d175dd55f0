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
