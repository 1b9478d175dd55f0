"""Validation: every planted error found at its row and column, and nothing else."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import validate_path
from loaders.nomenclature import load_nomenclature
from loaders.readers import RawTable
from loaders.models import Dataset
from loaders.validate import ISSUE_CAP, tautan_ends, validate_tables

BROKEN = Path(__file__).parent / "data" / "broken"
EXPECTED = json.loads((BROKEN / "expected.json").read_text(encoding="utf-8"))
PU, SETDA = "1.03.0.00.0.00.01.0000", "4.01.0.00.0.00.01.0000"
AGENCIES = ("perangkat_daerah", ["kode_skpd", "nama_skpd", "kode_pemda", "bidang"],
            [PU, "Dinas PU", "64.02", "1.03"], [SETDA, "Setda", "64.02", None], [PU, "Dinas PUPR", "64", "1.03"])
SUB_HEADER = ["tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "nama_sub_giat", "pagu", "lokasi", "mendukung"]


def raw(sheet: str, header: list[str], *rows: list) -> RawTable:
    return RawTable(f"{sheet}.csv", sheet, header, [list(r) for r in rows], list(range(2, len(rows) + 2)))


def check(*tables: tuple, **options):
    """Validate tables given as (name, header, *rows); returns the dataset and (sheet, row, column, rule)."""
    dataset, issues = validate_tables({t[0]: raw(*t) for t in tables}, **options)
    return dataset, [(i.sheet, i.row, i.column, i.rule) for i in issues], issues


@pytest.mark.parametrize("name", sorted({e["file"] for e in EXPECTED}))
def test_broken_files_report_exactly_the_planted_errors(name):
    report = validate_path(BROKEN / name)
    found = sorted(
        ((i.sheet, i.row, i.column, i.rule) for i in report.errors + report.warnings), key=str
    )
    expected = sorted(((e["sheet"], e["row"], e["column"], e["rule"]) for e in EXPECTED if e["file"] == name), key=str)
    assert found == expected
    assert not report.ok and report.dataset is None
    for issue in report.errors:
        assert issue.source == name
        assert issue.message and issue.message_en and "Input should" not in issue.message_en


def test_broken_files_are_reproducible(tmp_path):
    """make_broken.py regenerates the committed expectations (and the files beside them)."""
    script = BROKEN.parent / "make_broken.py"
    copy = tmp_path / "make_broken.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run([sys.executable, str(copy)], check=True, cwd=tmp_path)
    assert json.loads((tmp_path / "broken" / "expected.json").read_text()) == EXPECTED
    assert sorted(p.name for p in (tmp_path / "broken").iterdir()) == sorted(p.name for p in BROKEN.iterdir())


def test_enum_message_lists_the_allowed_values():
    _, found, issues = check(("sasaran", ["id", "jenis", "nama"], ["S1", "misi", "Misi daerah"]))
    assert found == [("sasaran", 2, "jenis", "enum")]
    assert "pn, pp, kp, proyek_prioritas, tujuan, sasaran, program_unggulan" in issues[0].message


def test_row_errors_name_column_as_written_and_read_plainly():
    _, found, issues = check(
        ("dokumen", ["ID", "Jenis", "Nama", "Tahun Awal", "Tahun Akhir"],
         ["D1", "RPJMD", "RPJMD Kukar", "dua ribu", 2029], ["D2", "RPJMD", "RPJMD Kaltim", 2025, 2020])
    )
    assert found == [("dokumen", 2, "Tahun Awal", "year"), ("dokumen", 3, "Tahun Akhir", "period")]
    assert issues[0].message == "'dua ribu' bukan tahun (tulis misalnya 2025)."


def test_missing_and_duplicate_and_unknown_columns():
    _, found, _ = check(("sasaran", ["id", "nama", "Nama ", "warna"], ["S1", "Naik", "Naik", "biru"]))
    assert found == [
        ("sasaran", None, "Nama ", "duplicate_column"),
        ("sasaran", None, "warna", "unknown_column"),
        ("sasaran", None, "jenis", "missing_column"),
    ]


def test_agency_key_is_government_and_code():
    """The same agency code in two governments is fine; twice in one government is not."""
    dataset, found, _ = check(AGENCIES)
    assert found == [] and len(dataset.perangkat_daerah) == 3
    _, found, _ = check((*AGENCIES, [PU, "Dinas PU lagi", "64.02", "1.03"]))
    assert found == [("perangkat_daerah", 5, "kode_skpd", "duplicate_id")]


def test_sub_kegiatan_references_and_duplicates():
    _, found, issues = check(
        AGENCIES,
        ("indikator", ["id", "milik", "nama", "jenis"], ["I1", "S1", "Mantap", "hasil"]),
        ("sasaran", ["id", "jenis", "nama"], ["S1", "sasaran", "Jalan mantap"]),
        ("sub_kegiatan", SUB_HEADER,
         [2025, "64.02", PU, "1.03.10.2.01.0053", "Pembangunan Jalan", 1, "64.02.06", "I1; S1"],
         [2025, "64.02", PU, "1.03.10.2.01.53", "Pembangunan Jalan lagi", 1, None, None],  # same key once padded
         [2026, "64.02", PU, "1.03.10.2.01.0053", "Tahun lain", 1, None, "I9"],
         [2025, "64.72", PU, "1.03.10.2.01.0053", "Agency of another government", 1, None, None]),
    )
    assert found == [
        ("sub_kegiatan", 3, "kode_sub_giat", "repair_sub_kegiatan"),
        ("sub_kegiatan", 3, "kode_sub_giat", "duplicate_id"),
        ("sub_kegiatan", 4, "mendukung", "unknown_ref"),
        ("sub_kegiatan", 5, "kode_skpd", "unknown_ref"),
    ]
    # what was not found is named in the message's own language only
    assert [(i.message, i.message_en) for i in issues[2:]] == [
        ("'I9' tidak ditemukan di indikator atau sasaran.", "'I9' was not found in indikator or sasaran."),
        (f"'{PU}' tidak ditemukan di tabel perangkat_daerah.", f"'{PU}' was not found in table perangkat_daerah.")]


def test_failed_row_does_not_cause_follow_up_errors():
    """An indikator of a sasaran whose own row is broken is not also 'unknown'."""
    _, found, _ = check(
        ("sasaran", ["id", "jenis", "nama"], ["S1", "bukan-jenis", "Naik"]),
        ("indikator", ["id", "milik", "nama", "jenis"], ["I1", "S1", "Mantap", "hasil"]),
    )
    assert found == [("sasaran", 2, "jenis", "enum")]


def test_support_placeholder_takes_the_agency_first_bidang():
    dataset, found, _ = check(
        ("perangkat_daerah", ["kode_skpd", "nama_skpd", "kode_pemda", "bidang"],
         ["5.01.0.00.0.00.01.0000", "Bappeda", "64.02", "5.01; 5.02"]),
        ("program_kegiatan", ["tahun", "kode_pemda", "kode", "nama", "kode_skpd"],
         [2025, "64.02", "X.XX.01", "Program Penunjang", "5.01.0.00.0.00.01.0000"],
         [2025, "64.02", "X.XX.01.2.01", "Perencanaan", None]),
        ("sub_kegiatan", SUB_HEADER[:5],
         [2025, "64.02", "5.01.0.00.0.00.01.0000", "x.xx.01.2.01.1", "Penyusunan Dokumen"]),
    )
    assert found == [("program_kegiatan", 3, "kode", "bidang_missing"),
                     ("sub_kegiatan", 2, "kode_sub_giat", "repair_placeholder"),
                     ("sub_kegiatan", 2, "kode_sub_giat", "repair_sub_kegiatan")]
    dataset, found, _ = check(
        ("perangkat_daerah", ["kode_skpd", "nama_skpd", "kode_pemda", "bidang"],
         ["5.01.0.00.0.00.01.0000", "Bappeda", "64.02", "5.01; 5.02"]),
        ("sub_kegiatan", SUB_HEADER[:5],
         [2025, "64.02", "5.01.0.00.0.00.01.0000", "x.xx.01.2.01.1", "Penyusunan Dokumen"]),
    )
    assert found == [("sub_kegiatan", 2, "kode_sub_giat", "repair_placeholder"),
                     ("sub_kegiatan", 2, "kode_sub_giat", "repair_sub_kegiatan")]
    assert dataset.sub_kegiatan[0].kode_sub_giat == "5.01.01.2.01.0001"


def test_regions_kode_pemda_and_lokasi():
    dataset, found, issues = check(
        AGENCIES,
        ("sub_kegiatan", SUB_HEADER,
         [2025, "64.02", PU, "1.03.10.2.01.0053", "Jalan", 1, None, None],
         [2025, "64.02", PU, "1.03.10.2.01.0054", "Jalan", 1, "64.72.01", None]),
    )
    assert found == [("sub_kegiatan", 3, "lokasi", "outside_region")]
    assert issues[0].severity == "warning" and "64.02" in issues[0].message
    # an empty lokasi stays empty in the dataset; build_graph places such a line in the whole region
    assert [s.lokasi for s in dataset.sub_kegiatan] == [(), ("64.72.01",)]
    _, found, _ = check(
        ("pemda", ["kode_pemda", "nama", "tingkat"],
         ["64.04", "Tidak ada", None], ["64.02.06", "Kecamatan Tenggarong", None], ["64.72", "Samarinda", "kabupaten"],
         ["00", "Pemerintah Pusat", "nasional"]),
    )
    assert found == [("pemda", 2, "kode_pemda", "unknown_region"), ("pemda", 3, "kode_pemda", "not_government"),
                     ("pemda", 4, "tingkat", "tingkat")]


def test_national_lines_keep_an_empty_lokasi():
    dataset, found, _ = check(
        ("perangkat_daerah", ["kode_skpd", "nama_skpd", "kode_pemda"], ["K01", "Kementerian PUPR", "nasional"]),
        ("sub_kegiatan", SUB_HEADER[:6], [2025, "00", "K01", "1.03.10.1.01.0001", "Jalan nasional", 5]),
    )
    assert found == [] and dataset.sub_kegiatan[0].lokasi == ()


TAUTAN = ["dari", "relasi", "ke", "tahun", "kode_pemda"]


def test_tautan_ends_resolve_to_ids_governments_agencies_and_codes():
    work = (("program_kegiatan", ["tahun", "kode_pemda", "kode", "nama"],
             [2025, "64.02", "1.03.10", "Jalan"], [2026, "64.02", "1.02.02", "Kesehatan"]),
            ("sasaran", ["id", "jenis", "nama"], ["S1", "sasaran", "Naik"]))
    dataset, found, issues = check(
        AGENCIES, *work,
        ("tautan", TAUTAN,
         ["64", "bantuan_keuangan", "1.03.10", 2025, "64.02"],  # government -> program of that year
         [PU, "penanggung_jawab", "1.03.10", None, "64.02"],  # agency -> program, any year
         ["S1", "selaras", "00", None, None],
         ["1.02.02", "mendukung", "S1", 2025, "64.02"],  # program exists only in 2026
         ["1.03.10", "mendukung", "S1", 2025, None],  # a code needs kode_pemda
         ["1.01.01.12.01", "mendukung", "S1", 2025, "64.02"],  # malformed
         ["S1", "selaras", "S-tidak-ada", None, None]),
    )
    assert found == [("tautan", 5, "dari", "unknown_ref"), ("tautan", 6, "dari", "unknown_ref"),
                     ("tautan", 7, "dari", "code"), ("tautan", 8, "ke", "unknown_ref")]
    assert "segmen ke-4" in issues[2].message
    assert "kode_pemda dan tahun baris ini" in issues[3].message and "codes" not in issues[3].message
    assert "of this row's kode_pemda and tahun" in issues[3].message_en and "baris" not in issues[3].message_en


def test_tautan_codes_are_normalised():
    dataset, found, _ = check(
        AGENCIES,
        ("sub_kegiatan", SUB_HEADER[:5], [2025, "64.02", PU, "1.03.10.2.01.0053", "Jalan"]),
        ("tautan", TAUTAN, ["64", "bantuan_keuangan", "1.03.10.2.01.53", 2025, "64.02"]),
    )
    assert found == [] and dataset.tautan[0].ke == "1.03.10.2.01.0053"


def test_validation_returns_what_each_tautan_end_names():
    work = (("program_kegiatan", ["tahun", "kode_pemda", "kode", "nama"],
             [2025, "64.02", "1.03.10", "Jalan"], [2026, "64.02", "1.03.10", "Jalan"]),
            ("sasaran", ["id", "jenis", "nama"], ["S1", "sasaran", "Naik"]))
    dataset, found, _ = check(
        AGENCIES, *work,
        ("tautan", TAUTAN,
         ["64", "bantuan_keuangan", "1.03.10", 2025, "64.02"],
         [PU, "penanggung_jawab", "1.03.10", None, "64.02"],
         ["S1", "selaras", "00", None, None],
         ["00", "dak", "1.03.10.2.01", 2025, "64.02"]),  # the kegiatan of a line, with no row of its own
        ("sub_kegiatan", SUB_HEADER[:5], [2025, "64.02", PU, "1.03.10.2.01.0053", "Jalan"]),
    )
    expected = ((("pemda", "64"), ("code", "64.02", 2025, "1.03.10")),
                (("skpd", "64.02", PU), ("code", "64.02", None, "1.03.10")),
                (("id", "S1"), ("pemda", "00")),
                (("pemda", "00"), ("code", "64.02", 2025, "1.03.10.2.01")))
    assert found == [] and dataset.resolved_tautan() == expected
    # the same rule answers for a dataset built in code, and the carried ends do not change equality
    rebuilt = Dataset(**{name: getattr(dataset, name) for name in dataset.counts()})
    assert rebuilt.resolved_tautan() is None and tautan_ends(rebuilt) == expected and rebuilt == dataset


def test_cycles_across_induk_and_bagian_dari_are_reported_once():
    _, found, issues = check(
        ("sasaran", ["id", "jenis", "nama", "induk"],
         ["A", "sasaran", "A", "B"], ["B", "sasaran", "B", None], ["C", "sasaran", "C", "C"]),
        ("tautan", TAUTAN, ["B", "bagian_dari", "A", None, None], ["A", "selaras", "B", None, None]),
    )
    assert found == [("sasaran", 2, "induk", "cycle"), ("sasaran", 4, "induk", "cycle")]
    assert issues[0].message_en.endswith("A → B → A.")


def test_target_years_are_checked_against_the_plan_period():
    _, found, issues = check(
        ("dokumen", ["id", "jenis", "nama", "tahun_awal", "tahun_akhir"], ["D", "RPJMD", "RPJMD", 2025, 2029]),
        ("sasaran", ["id", "jenis", "nama", "dokumen"], ["S1", "sasaran", "Naik", "D"], ["S2", "sasaran", "Naik", None]),
        ("indikator", ["id", "milik", "nama", "jenis", "Target 2024", "target_2025", "target_2030"],
         ["I1", "S1", "Mantap", "hasil", 1, 2, 3], ["I2", "S2", "Bebas", "hasil", 1, 2, 3]),
    )
    assert found == [("indikator", 2, "Target 2024", "year_outside_period"),
                     ("indikator", 2, "target_2030", "year_outside_period")]
    assert issues[0].message == "Tahun target 2024 di luar periode dokumen D (2025–2029)."


def test_json_target_with_a_bad_year_key():
    _, found, _ = check(("indikator", ["id", "milik", "nama", "jenis", "target"], ["I1", "S", "M", "hasil", {"dua": 1}]),
                        ("sasaran", ["id", "jenis", "nama"], ["S", "sasaran", "Naik"]))
    assert found == [("indikator", 2, "target", "year")]


def test_many_errors_of_one_kind_are_summed_up():
    rows = [[2025, "64.02", PU, f"1.03.10.2.01.{i + 1:04d}", "Jalan", "banyak"] for i in range(ISSUE_CAP + 50)]
    _, found, issues = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:6], *rows))
    assert len(issues) == ISSUE_CAP + 1
    assert issues[-1].row is None and "50" in issues[-1].message and issues[-1].rule == "number"


def test_out_of_range_year():
    _, found, _ = check(("program_kegiatan", ["tahun", "kode_pemda", "kode", "nama"], [25, "64.02", "1.03.10", "Jalan"]))
    assert found == [("program_kegiatan", 2, "tahun", "year")]


def test_codes_not_valid_in_their_year_are_warnings(tmp_path):
    table = tmp_path / "kepmendagri.csv"
    table.write_text(
        "kode,nomenklatur,set_prov,set_kab_kota,mulai_tahun,kunci_tahun\n"
        "1.03.10.2.01.0053,Pembangunan Jalan,0,1,2021,\n"
        "1.03.10.2.01.0060,Sub kegiatan lama,0,1,2021,2024\n",
        encoding="utf-8",
    )
    nomenclature = load_nomenclature(table)
    dataset, found, issues = check(
        AGENCIES,
        ("sub_kegiatan", SUB_HEADER[:5],
         [2025, "64.02", PU, "1.03.10.2.01.0053", "Pembangunan Jalan"],
         [2025, "64.02", PU, "1.03.10.2.01.0060", "Sub kegiatan lama"]),
        nomenclature=nomenclature,
    )
    assert found == [("sub_kegiatan", 3, "kode_sub_giat", "code_not_in_year")]
    assert issues[0].severity == "warning" and dataset is not None


# Codes repaired and named by the nomenclature --------------------------------------------

def test_each_kind_of_repair_is_one_warning_per_column_counting_its_rows():
    padded = [[2025, "64.02", PU, f"1.03.10.02.01.{n:04d}", f"Jalan {n}"] for n in range(1, 8)]
    short = [[2025, "64.02", PU, "1.3.10.2.01.53", "Pembangunan Jalan"]]
    dataset, found, issues = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:5], *padded, *short))
    assert dataset is not None
    assert found == [("sub_kegiatan", 2, "kode_sub_giat", "repair_level"),
                     ("sub_kegiatan", 9, "kode_sub_giat", "repair_bidang"),
                     ("sub_kegiatan", 9, "kode_sub_giat", "repair_sub_kegiatan")]
    level = issues[0]
    assert level.severity == "warning" and level.value == "1.03.10.02.01.0001"
    assert "7 codes" in level.message_en and "Rows: 2, 3, 4, 5, 6 …" in level.message_en
    assert "'1.03.10.2.01.0001'" in level.message_en and "7 kode" in level.message
    assert [s.kode_sub_giat for s in dataset.sub_kegiatan][-2:] == ["1.03.10.2.01.0007", "1.03.10.2.01.0053"]


def test_an_ambiguous_code_is_refused_at_its_row():
    dataset, found, _ = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:5],
                                         [2025, "64.02", PU, "2.1.10.2.01.0001", "Bidang satu angka"]))
    assert found == [("sub_kegiatan", 2, "kode_sub_giat", "repair_bidang")]  # no 2.01: it is 2.10
    assert dataset.sub_kegiatan[0].kode_sub_giat == "2.10.10.2.01.0001"
    _, found, issues = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:5],
                                        [2025, "64.02", PU, "4.3.10.2.01.0001", "Bukan bidang"]))
    assert found == [("sub_kegiatan", 2, "kode_sub_giat", "code")] and "4.03" in issues[0].message_en
    _, found, issues = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:5],
                                        [2025, "64.02", PU, "1.03.10.12.01.0001", "Tingkat 12"]))
    assert found == [("sub_kegiatan", 2, "kode_sub_giat", "code")] and "'12'" in issues[0].message_en


def test_names_a_file_leaves_out_come_from_the_nomenclature():
    dataset, found, _ = check(AGENCIES, ("sub_kegiatan", ["tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "pagu"],
                                         [2027, "64.02", PU, "1.03.10.2.01.0053", 5e8],
                                         [2027, "64.02", PU, "1.03.10.2.01.0999", 1e8]))
    assert found == [("sub_kegiatan", 3, "nama_sub_giat", "required")]
    dataset, found, _ = check(AGENCIES, ("sub_kegiatan", ["tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "pagu"],
                                         [2027, "64.02", PU, "1.03.10.2.01.0053", 5e8]))
    assert found == [] and dataset.sub_kegiatan[0].nama_sub_giat == "Pembangunan Jalan"


def test_a_replaced_code_moves_to_its_successor_from_the_tables_year():
    rows = [[year, "64", PU, "1.03.08.1.01.0018", "Pembinaan Bangunan Gedung Negara"] for year in (2026, 2027)]
    dataset, found, issues = check(AGENCIES, ("sub_kegiatan", SUB_HEADER[:5], *rows))
    assert found == [("sub_kegiatan", 3, "kode_sub_giat", "code_replaced")]
    assert "1.03.08.1.01.0023" in issues[0].message_en
    assert [s.kode_sub_giat for s in dataset.sub_kegiatan] == ["1.03.08.1.01.0018", "1.03.08.1.01.0023"]
