"""The header vocabulary (loaders/headers.csv): the real spellings, one meaning per format, documented."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.readers import RawTable
from loaders.vocabulary import FLAT, FORMATS, MATRIX, header_key, match_columns, stacked_headers, vocabulary, docs_table

DOC = Path(__file__).resolve().parent.parent / "docs" / "formats.md"

# Spellings of real files (DOMAIN.md sections 7 and 8) and the column each must be read as.
RENJA = {"KODE SUB KEGIATAN": "kode_sub_giat", "PROGRAM DAN KEGIATAN": "nama_sub_giat", "JUMLAH PAGU": "pagu",
         "SUMBER DANA": "nama_dana", "LOKASI": "nama_lokasi", "TOLAK UKUR KELUARAN": "indikator",
         "TARGET KINERJA KELUARAN": "target", "TOLAK UKUR CAPAIAN KEG.": "capaian",
         "TARGET KINERJA CAPAIAN KEG.": "target_capaian", "TOLAK UKUR HASIL": "hasil",
         "TARGET KINERJA HASIL": "target_hasil", "KELUARAN SUB KEG.": "output_sub_giat",
         "AWAL PELAKSANAAN": "awal_pelaksanaan", "AKHIR PELAKSANAAN": "akhir_pelaksanaan",
         "KETERANGAN": "keterangan"}
SIPD = {name: name for name in ("tahun_anggaran", "kode_urusan", "nama_urusan", "kode_bidang_urusan",
                                "nama_bidang_urusan", "kode_program", "nama_program", "kode_giat", "nama_giat",
                                "kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd", "kode_sub_skpd",
                                "nama_sub_skpd", "pagu", "pagu_n_lalu", "pagu_n_depan", "output_sub_giat",
                                "indikator", "sasaran", "satuan", "target_1", "target_5", "nama_dana", "nama_lokasi",
                                "label_pusat", "label_prov", "label_kokab")}
RENSTRA = {"SASARAN": "sasaran", "KODE": "kode", "PROGRAM DAN KEGIATAN": "nama", "SATUAN": "satuan",
           "INDIKATOR": "indikator", "DATA CAPAIAN AWAL": "capaian_awal", "TARGET TAHUN 1": "target_1",
           "DANA TAHUN 1": "dana_1", "TARGET TAHUN 5": "target_5", "DANA TAHUN 5": "dana_5", "LOKASI": "lokasi",
           "KETERANGAN": "keterangan", "KELOMPOK": "kelompok", "TUJUAN/SASARAN": "tujuan_sasaran",
           "INDIKATOR SASARAN": "indikator_sasaran"}


@pytest.mark.parametrize("formats,spelled", [(("Renja", "DPA", "DPPA"), RENJA), (("SIPD",), SIPD),
                                             (("Renstra", "RPJMD"), RENSTRA)], ids=["Renja", "SIPD", "Renstra"])
def test_real_headers_are_read_as_their_column(formats, spelled):
    for fmt in formats:
        assert match_columns(list(spelled), (fmt,)) == {c: i for i, c in enumerate(spelled.values())}, fmt


@pytest.mark.parametrize("written", ["KODE SUB\nKEGIATAN", "Kode_Sub  Kegiatan", " kode.sub.kegiatan ",
                                     "kode sub kegiatan"])
def test_case_spaces_dots_underscores_and_line_breaks_are_ignored(written):
    assert match_columns([written], FLAT) == {"kode_sub_giat": 0}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_spelling_means_one_column_within_a_format(fmt):
    meaning: dict[str, set[str]] = {}
    for s in vocabulary():
        if fmt in s.formats:
            meaning.setdefault(header_key(s.spelling), set()).add(s.column)
    assert meaning, f"no spelling is read in {fmt}"
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {}


def test_every_format_named_in_the_vocabulary_is_known():
    assert {f for s in vocabulary() for f in s.formats} == set(FORMATS)


def test_the_docs_list_every_accepted_header_as_the_data_file_has_it():
    text = DOC.read_text(encoding="utf-8")
    shown = text.split("<!-- headers:start -->\n", 1)[1].split("\n<!-- headers:end -->", 1)[0]
    assert shown == docs_table()
    for s in vocabulary():
        assert f"`{s.spelling}`" in shown


def test_a_three_row_header_is_joined_and_the_numbering_row_dropped():
    table = RawTable("renstra.xlsx", "T-C.27",
                     ["KODE", "PROGRAM DAN KEGIATAN", "TAHUN-1", None, "TAHUN-2", None],
                     [[None, None, "Target", "Rp", "Target", "Rp"], [1, 2, 3, 4, 5, 6],
                      ["1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", 80, 1_000, 85, 2_000]], [4, 5, 6])
    joined = stacked_headers(table, MATRIX)
    assert match_columns(joined.headers, MATRIX) == {"kode": 0, "nama": 1, "target_1": 2, "dana_1": 3, "target_2": 4,
                                                     "dana_2": 5}
    assert joined.row_numbers == [6]


def test_a_data_row_under_a_one_row_header_is_not_taken_for_a_header():
    table = RawTable("renstra.xlsx", "T-C.27", ["KODE", "PROGRAM DAN KEGIATAN", "DANA TAHUN 1"],
                     [["1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", 5]], [2])
    assert stacked_headers(table, MATRIX).rows == table.rows


def test_a_text_row_whose_cell_spells_a_header_is_data_not_a_second_header_row():
    table = RawTable("tujuan.xlsx", "Sheet1", ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN"],
                     [["Sasaran", "Meningkatnya kemantapan jalan", "Persentase jalan mantap"]], [2])
    assert stacked_headers(table, MATRIX).rows == table.rows


def test_two_text_rows_under_a_header_of_known_columns_stay_data():
    table = RawTable("tujuan.xlsx", "Sheet1", ["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN"],
                     [["Tujuan", "Sasaran", "Indeks"], ["Sasaran", "Sasaran", "Persentase"]], [2, 3])
    assert stacked_headers(table, MATRIX).rows == table.rows


def test_the_three_row_header_of_real_t_c_27_generators_is_read():
    """Tujuan | Sasaran | Kode | … | Target Kinerja Program dan Kerangka Pendanaan over Tahun I … V over
    Target | Rp, then Kondisi Kinerja pada akhir periode, Unit Kerja SKPD Penanggung Jawab, Lokasi."""
    top = ["Tujuan", "Sasaran", "Kode", "Program dan Kegiatan",
           "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
           "Data Capaian pada Tahun Awal Perencanaan", "Target Kinerja Program dan Kerangka Pendanaan"]
    top += [None] * 9 + ["Kondisi Kinerja pada akhir periode", None, "Unit Kerja SKPD Penanggung Jawab", "Lokasi"]
    middle = [None] * 6 + [x for r in ("I", "II", "III", "IV", "V") for x in (f"Tahun {r}", None)] + [None] * 4
    low = [None] * 6 + ["Target", "Rp"] * 6 + [None, None]
    table = RawTable("renstra.xlsx", "T-C.27", top, [middle, low, ["", "", "1.03.02", "PROGRAM SDA"] + [1] * 16],
                     [5, 6, 7])
    cols = match_columns(stacked_headers(table, MATRIX).headers, MATRIX)
    assert {k: cols.get(k) for k in ("kode", "nama", "indikator", "capaian_awal", "target_1", "dana_1", "target_5",
                                     "dana_5", "target_akhir", "dana_akhir", "nama_skpd", "lokasi")} == {
        "kode": 2, "nama": 3, "indikator": 4, "capaian_awal": 5, "target_1": 6, "dana_1": 7, "target_5": 14,
        "dana_5": 15, "target_akhir": 16, "dana_akhir": 17, "nama_skpd": 18, "lokasi": 19}
