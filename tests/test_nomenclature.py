"""Nomenclature codes: normalising dirty codes, parsing, the bidang table, the official workbook."""
from __future__ import annotations

import csv
import pickle

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from base.errors import LoadError
from loaders.models import SubKegiatan
from base.codes import CodeError, level_digit, normalize_code, parse_code, prefixes
from reference.bidang import bidang_name, urusan_name
from loaders.nomenclature import Nomenclature, load_nomenclature

# Every example row of DOMAIN.md section 3: code, name, level.
DOMAIN_ROWS = [
    ("1.01.02.1.01", "provinsi"),
    ("1.01.02.1.01.0014", "provinsi"),
    ("1.01.02.2.01", "kab/kota"),
    ("1.01.02.2.01.0001", "kab/kota"),
    ("1.01.02.2.01.0029", "kab/kota"),
    ("1.01.02.2.02.0042", "kab/kota"),
    ("1.02.02.1.01", "provinsi"),
    ("1.02.02.2.01", "kab/kota"),
    ("1.02.02.2.02.0020", "kab/kota"),
    ("1.03.02.1.02", "provinsi"),
    ("1.03.02.2.02", "kab/kota"),
    ("1.03.10.1.01", "provinsi"),
    ("1.03.10.2.01", "kab/kota"),
    ("1.03.10.2.01.0053", "kab/kota"),
    ("1.06.04.1.02", "provinsi"),
    ("1.06.04.2.01", "kab/kota"),
    ("2.11.11.1.01", "provinsi"),
    ("2.11.11.2.01", "kab/kota"),
    ("2.15.02.2.03", "kab/kota"),
    ("1.01.01.2.01.0001", "kab/kota"),
    ("1.01.01.2.02.0001", "kab/kota"),
]


@pytest.mark.parametrize(("code", "level"), DOMAIN_ROWS)
def test_domain_example_codes_are_canonical_and_carry_their_level(code, level):
    assert normalize_code(code) == code
    parsed = parse_code(code)
    assert parsed.code == code
    assert level_digit(code) == {"provinsi": "1", "kab/kota": "2"}[level]
    assert parsed.is_support == (parsed.program == "01")
    assert bidang_name(code) is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.02", "1.02"),
        ("1.02.02", "1.02.02"),
        ("1.02.02.2.02", "1.02.02.2.02"),
        ("1.03.10.2.01.53", "1.03.10.2.01.0053"),
        ("1.03.10.2.01.5", "1.03.10.2.01.0005"),
        ("1.03.10.2.01.053", "1.03.10.2.01.0053"),
        (" 1.02.02.2.02.0020 ", "1.02.02.2.02.0020"),
        ("1. 02 .02.2.02.20", "1.02.02.2.02.0020"),
        ("1.02.02.2.02.0020\u00a0", "1.02.02.2.02.0020"),
        ("'1.02.02", "1.02.02"),
        ("1.03.10.2.01.0053.5.2.04.01.001.0003", "1.03.10.2.01.0053"),
        ("1.03.10.2.01.53.5.2.04.01.001.0003", "1.03.10.2.01.0053"),
        ("1.03.10.2.01.0053.", "1.03.10.2.01.0053"),
    ],
)
def test_dirty_codes_are_repaired(raw, expected):
    assert normalize_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "bidang", "expected"),
    [
        ("X.XX.01.2.01.0001", "5.01", "5.01.01.2.01.0001"),
        ("x.xx.01.2.02.1", "1.02", "1.02.01.2.02.0001"),
        ("X.XX.01", "2.11", "2.11.01"),
        ("1.03.10.2.01.0053", "5.01", "1.03.10.2.01.0053"),
    ],
)
def test_support_placeholder_is_filled_from_the_agency_bidang(raw, bidang, expected):
    assert normalize_code(raw, bidang=bidang) == expected


def test_support_placeholder_without_bidang_says_the_bidang_is_needed():
    with pytest.raises(CodeError) as caught:
        normalize_code("X.XX.01.2.01.0001")
    assert "bidang urusan perangkat daerah" in str(caught.value)
    assert "agency's bidang urusan is needed" in caught.value.reason_en
    assert caught.value.code == "X.XX.01.2.01.0001"


def test_support_placeholder_rejects_a_bidang_that_is_not_one():
    with pytest.raises(CodeError, match="bukan kode bidang urusan"):
        normalize_code("X.XX.01.2.01.0001", bidang="Perencanaan")


@pytest.mark.parametrize(
    ("raw", "reason_id", "reason_en"),
    [
        ("1.01.01.12.01.0001", "segmen ke-4 adalah tingkat pemerintahan", "not '12'"),
        ("1.01.01.9.01.0001", "1 sampai 8 (1 provinsi, 2 kabupaten/kota", "not '9'"),
        ("1.01.01.00.01.0001", "segmen ke-4 adalah tingkat pemerintahan", "not '00'"),
        ("0.01", "segmen ke-1 adalah urusan dan harus satu angka 1 sampai 9", "not '0'"),
        ("1.1.01", "bisa berarti 1.01 atau 1.10", "could be 1.01 or 1.10"),
        ("1.001.01", "segmen ke-2 adalah bidang urusan", "not '001'"),
        ("1.02.2", "segmen ke-3 adalah program", "not '2'"),
        ("1.02.02.2.2", "segmen ke-5 adalah kegiatan", "not '2'"),
        ("1.02.02.2.02.00201", "segmen ke-6 adalah sub kegiatan", "one to four digits"),
        ("1.02.O2", "segmen ke-3 ('O2') harus berupa angka", "must be digits"),
        ("A.02.02", "segmen ke-1 ('A') harus berupa angka", "must be digits"),
        ("1..02", "segmen ke-2 kosong", "segment 2 is empty"),
        ("1.02.", "segmen ke-3 kosong", "dot at the end"),
        ("", "kode kosong", "empty"),
        ("   ", "kode kosong", "empty"),
        ("1", "terlalu pendek", "too short"),
        ("1.02.02.2", "harus ada nomor kegiatan", "followed by a kegiatan number"),
        ("1.01.01.12.01.0001.5.1.01", "segmen ke-4", "segment 4"),
    ],
)
def test_malformed_codes_are_rejected_with_the_reason(raw, reason_id, reason_en):
    with pytest.raises(CodeError) as caught:
        normalize_code(raw)
    assert reason_id in str(caught.value)
    assert reason_id in caught.value.reason_id
    assert reason_en in caught.value.reason_en


def test_code_error_is_a_value_error_and_survives_pickling():
    with pytest.raises(ValueError):
        normalize_code("1.01.01.12.01.0001")
    err = CodeError("segment_3", "1.x", segment="x")
    again = pickle.loads(pickle.dumps(err))
    assert (again.reason, again.code, again.params, str(again)) == ("segment_3", "1.x", {"segment": "x"}, str(err))
    assert again.phrase == err.phrase and "not 'x'" in again.phrase.text("en")


def test_a_sipd_row_with_a_malformed_code_fails_with_the_indonesian_reason():
    with pytest.raises(ValidationError, match="segmen ke-4 adalah tingkat pemerintahan"):
        SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd="1.01.0.00.0.00.01.0000",
                    kode_sub_giat="1.01.01.12.01.0001", nama_sub_giat="Penyusunan Dokumen")


def test_parse_code_parts_and_prefixes():
    c = parse_code("1.02.02.2.02.20")
    parts = (c.urusan, c.bidang, c.program, c.level, c.kegiatan, c.sub_kegiatan)
    assert parts == ("1", "02", "02", "2", "02", "0020")
    assert (c.depth, c.bidang_code, c.program_code, c.kegiatan_code) == (
        "sub_kegiatan", "1.02", "1.02.02", "1.02.02.2.02")
    assert str(c) == "1.02.02.2.02.0020"
    assert not c.is_support
    program = parse_code("1.02.01")
    assert (program.depth, program.level, program.kegiatan_code) == ("program", None, None)
    assert program.is_support
    assert parse_code("2.11").depth == "bidang"
    assert parse_code("2.11.11.1.01").depth == "kegiatan"
    assert prefixes("1.03.10.2.01") == ["1.03", "1.03.10", "1.03.10.2.01"]
    assert prefixes("1.03") == ["1.03"]


BIDANG_FROM_THE_BRIEF = {
    "1.01": "Pendidikan", "1.02": "Kesehatan", "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.06": "Sosial", "2.07": "Tenaga Kerja", "2.08": "Pemberdayaan Perempuan dan Perlindungan Anak",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil", "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika", "2.24": "Kearsipan", "3.25": "Kelautan dan Perikanan",
    "3.32": "Transmigrasi", "4.01": "Sekretariat Daerah", "4.02": "Sekretariat DPRD",
    "5.01": "Perencanaan", "5.05": "Penelitian dan Pengembangan", "6.01": "Inspektorat Daerah",
    "7.01": "Kecamatan", "8.01": "Kesatuan Bangsa dan Politik",
}


@pytest.mark.parametrize(("kode", "nama"), BIDANG_FROM_THE_BRIEF.items())
def test_bidang_names(kode, nama):
    assert bidang_name(kode) == nama
    assert bidang_name(kode + ".02.2.01.0001") == nama


def test_bidang_table_covers_every_numbered_bidang_and_group():
    from reference.regions import _REFERENCE

    with open(_REFERENCE / "bidang_urusan.csv", encoding="utf-8", newline="") as handle:
        rows = {r["kode"]: r["nama"] for r in csv.DictReader(handle)}
    expected = ({f"1.{n:02d}" for n in range(1, 7)} | {f"2.{n:02d}" for n in range(7, 25)}
                | {f"3.{n:02d}" for n in range(25, 33)} | {"4.01", "4.02"}
                | {f"5.{n:02d}" for n in range(1, 6)} | {"6.01", "7.01", "7.02", "7.03", "8.01"}
                | {"9.01", "9.02", "9.03"} | {str(u) for u in range(1, 10)})
    assert set(rows) == expected
    assert all(rows.values())
    assert urusan_name("1.02.02") == "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar"
    assert urusan_name("3") == "Urusan Pemerintahan Pilihan"
    assert urusan_name("8.01") == "Unsur Pemerintahan Umum"
    assert bidang_name("2.99") is None


# Properties --------------------------------------------------------------------------------

def _two(lo: int = 0) -> st.SearchStrategy[str]:
    return st.integers(lo, 99).map(lambda n: f"{n:02d}")


sub_kegiatan_codes = st.builds(
    lambda u, b, p, l, k, s: f"{u}.{b}.{p}.{l}.{k}.{s:04d}",
    st.integers(1, 8), _two(), _two(), st.sampled_from("12"), _two(), st.integers(0, 9999),
)
any_depth_codes = st.one_of(
    st.builds(lambda u, b: f"{u}.{b}", st.integers(1, 8), _two()),
    st.builds(lambda u, b, p: f"{u}.{b}.{p}", st.integers(1, 8), _two(), _two()),
    sub_kegiatan_codes.map(lambda c: c[:-5]),
    sub_kegiatan_codes,
)
account_suffixes = st.lists(st.integers(0, 9999).map(str), min_size=1, max_size=7).map(".".join)


@given(any_depth_codes)
def test_well_formed_codes_round_trip(code):
    assert normalize_code(code) == code
    assert parse_code(code).code == code
    assert prefixes(code)[-1] == code


@given(st.text(alphabet="0123456789.Xx '", max_size=30))
def test_normalize_is_idempotent_or_explains(raw):
    try:
        once = normalize_code(raw)
    except CodeError as exc:
        assert exc.reason_id and exc.reason_en
        return
    assert normalize_code(once) == once


@given(sub_kegiatan_codes, st.integers(0, 99))
def test_two_digit_sub_kegiatan_equals_the_four_digit_form(code, number):
    kegiatan = code[:-5]
    four = f"{kegiatan}.{number:04d}"
    assert normalize_code(f"{kegiatan}.{number:02d}") == four
    assert normalize_code(f"{kegiatan}.{number}") == four


@given(sub_kegiatan_codes, account_suffixes)
def test_glued_account_code_is_cut_back(code, suffix):
    assert normalize_code(f"{code}.{suffix}") == code


# Level digits 1 to 8 are valid; a padded one (``02``) is repaired, anything else is refused.
bad_levels = st.text(alphabet="0123456789", min_size=1, max_size=3).filter(
    lambda s: not (len(s) == 1 and "1" <= s <= "8") and not (len(s) == 2 and s[0] == "0" and "1" <= s[1] <= "8"))


@given(sub_kegiatan_codes, bad_levels)
def test_malformed_level_segment_is_always_rejected(code, level):
    parts = code.split(".")
    parts[3] = level
    for raw in (".".join(parts), ".".join(parts[:5])):
        with pytest.raises(CodeError, match="segmen ke-4"):
            normalize_code(raw)


# The official workbook ---------------------------------------------------------------------

HEADER = ["KODE", "NOMENKLATUR URUSAN KABUPATEN/KOTA", "SET PROV", "SET KAB/KOTA", "MULAI TAHUN", "KUNCI TAHUN"]
# Illustrative rows in the layout of a Kepmendagri lampiran; validity years are made up.
ROWS = [
    ["1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", None, None, None, None],
    ["1.01", "URUSAN PEMERINTAHAN BIDANG PENDIDIKAN", None, None, None, None],
    ["X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", 1, 1, 2021, None],
    ["X.XX.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 0, 1, 2021, None],
    ["X.XX.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 0, 1, 2021, None],
    ["1.01.02", "PROGRAM PENGELOLAAN PENDIDIKAN", 1, 1, 2021, None],
    ["1.01.02.1.01", "Pengelolaan Pendidikan Sekolah Menengah Atas", 1, 0, 2021, None],
    ["1.01.02.1.01.0014", "Pembangunan Sarana, Prasarana dan Utilitas Sekolah", 1, 0, 2021, None],
    ["1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar", 0, 1, 2021, None],
    ["1.01.02.2.01.0001", "Pembangunan Unit Sekolah Baru (USB)", 0, 1, 2021, None],
    ["1.01.02.2.01.0029", "Pengelolaan Dana BOS Sekolah Dasar", 0, 1, 2021, 2024],
    [None, None, None, None, None, None],
    ["1.03.10.2.01.0053", "Pembangunan Jalan", 0, 1, 2021, None],
    ["1.02.02.2.02.0020", "Pengelolaan Surveilans Kesehatan", 0, 1, 2024, None],
]
LISTED = 12  # rows with a code below urusan level


def _write_xlsx(path, rows=ROWS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nomenklatur"
    ws.append(["LAMPIRAN KEPUTUSAN MENTERI DALAM NEGERI (contoh)"])
    ws.append([])
    ws.append(["KLASIFIKASI, KODEFIKASI DAN NOMENKLATUR PERENCANAAN PEMBANGUNAN DAN KEUANGAN DAERAH", "(contoh)"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    notes = wb.create_sheet("Catatan")
    notes.append(["Catatan", "Tabel ini contoh untuk pengujian"])
    wb.save(path)
    return path


def _write_csv(path, rows=ROWS):
    with open(path, "w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["kode_sub_giat", "nama_sub_giat", "set_prov", "set_kab_kota",
                         "mulai_tahun", "kunci_tahun"])
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


@pytest.fixture(params=["xlsx", "csv"])
def nomenclature(request, tmp_path) -> Nomenclature:
    writer = _write_xlsx if request.param == "xlsx" else _write_csv
    return load_nomenclature(writer(tmp_path / f"nomenklatur.{request.param}"))


def test_workbook_names_and_count(nomenclature):
    assert len(nomenclature) == LISTED
    assert nomenclature.name("1.01.02.2.01.1") == "Pembangunan Unit Sekolah Baru (USB)"
    assert nomenclature.name("1") == "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"
    assert nomenclature.name("1.06.04.2.01") is None
    assert nomenclature.name("bukan kode") is None


def test_workbook_support_codes_are_found_under_any_bidang(nomenclature):
    assert nomenclature.name("5.01.01.2.01.0001") == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert "1.02.01.2.01.0001" in nomenclature
    assert nomenclature.is_valid("5.01.01.2.01.0001", 2025, "2")
    assert not nomenclature.is_valid("5.01.01.2.01.0001", 2025, "1")


def test_workbook_level_flags_decide_who_may_use_a_code(nomenclature):
    assert nomenclature.is_valid("1.01.02.1.01.0014", 2025, "1")
    assert not nomenclature.is_valid("1.01.02.1.01.0014", 2025, "2")
    assert nomenclature.is_valid("1.01.02", 2025, "1") and nomenclature.is_valid("1.01.02", 2025, "2")


def test_workbook_years_decide_when_a_code_may_be_used(nomenclature):
    assert nomenclature.is_valid("1.01.02.2.01.0029", 2023, "2")
    assert not nomenclature.is_valid("1.01.02.2.01.0029", 2024, "2")
    assert not nomenclature.is_valid("1.02.02.2.02.0020", 2023, "2")
    assert nomenclature.is_valid("1.02.02.2.02.0020", 2024, "2")
    assert not nomenclature.is_valid("1.01.02.2.01.0001", 2020)


def test_workbook_codes_listed_only_through_deeper_codes(nomenclature):
    assert "1.03.10.2.01" in nomenclature
    assert nomenclature.is_valid("1.03.10.2.01", 2025, "2")
    assert not nomenclature.is_valid("1.03.10.2.01", 2025, "1")
    assert "1.06.04.2.01" not in nomenclature
    assert not nomenclature.is_valid("1.06.04.2.01", 2025, "2")
    assert not nomenclature.is_valid("1.01.01.12.01", 2025, "2")


def test_workbook_bad_rows_are_reported_with_file_sheet_row_and_column(tmp_path):
    rows = ROWS[:3] + [["1.01.01.12.01.0001", "Kode rusak", 0, 1, 2021, None],
                       ["1.01.02.2.01.0002", "Tahun rusak", 0, 1, "dua ribu", None],
                       ["1.01.02.2.01.0003", "Tanda rusak", "mungkin", 1, 2021, None]]
    path = _write_xlsx(tmp_path / "rusak.xlsx", rows)
    with pytest.raises(LoadError) as caught:
        load_nomenclature(path)
    issues = caught.value.issues
    assert [(i.source, i.sheet, i.row, i.column, i.rule) for i in issues] == [
        ("rusak.xlsx", "Nomenklatur", 8, "KODE", "code"),
        ("rusak.xlsx", "Nomenklatur", 9, "MULAI TAHUN", "year"),
        ("rusak.xlsx", "Nomenklatur", 10, "SET PROV", "invalid"),
    ]
    assert "segmen ke-4 adalah tingkat pemerintahan" in issues[0].message
    assert "rusak.xlsx, Nomenklatur, baris 8, kolom KODE" in str(caught.value)
    assert not isinstance(caught.value, CodeError)


def test_workbook_without_a_code_column_names_the_sheets(tmp_path):
    path = tmp_path / "lain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Anggaran"
    wb.active.append(["uraian", "pagu"])
    wb.active.append(["Belanja", 1000])
    wb.save(path)
    with pytest.raises(LoadError) as caught:
        load_nomenclature(path)
    assert [(i.sheet, i.rule) for i in caught.value.issues] == [("Anggaran", "missing_column")]


@pytest.mark.parametrize(("name", "content", "rule"), [
    ("nomenklatur.pdf", b"%PDF-1.4", "file_type"),
    ("nomenklatur.xlsx", b"not a zip file", "file_type"),
])
def test_unreadable_files_are_clear_errors(tmp_path, name, content, rule):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        load_nomenclature(path)
    assert caught.value.issues[0].rule == rule
    assert caught.value.issues[0].source == name


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(LoadError, match="tidak ditemukan"):
        load_nomenclature(tmp_path / "tidak-ada.xlsx")


def test_every_code_error_reason_is_a_catalogue_row():
    """A CodeError names its reason by key (``issue.code.<reason>``); the sentence lives in the catalogue."""
    import re
    from pathlib import Path

    from base.i18n import TEXT

    root = Path(__file__).resolve().parent.parent
    found = set()
    for path in (root / "base" / "codes.py", root / "loaders" / "models.py"):
        found |= set(re.findall(r'CodeError\(\s*f?"([a-z_0-9]+)', path.read_text(encoding="utf-8")))
    assert "empty" in found and "wrong_level" in found
    assert sorted(r for r in found if not any(k.startswith(f"issue.code.{r}") for k in TEXT)) == []
