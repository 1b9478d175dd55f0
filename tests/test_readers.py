"""Readers: files -> raw tables with the row numbers and headers the planner sees."""
from __future__ import annotations

import openpyxl
import pytest

from base.errors import LoadError
from loaders.read_csv import read_csv_bytes, read_csv_folder
from loaders.read_json import read_json_bytes
from loaders.read_sipd import is_sipd, sipd_columns, sipd_tables
from loaders.read_xlsx import read_xlsx
from loaders.readers import RawTable, canonical, table_from_rows


@pytest.mark.parametrize(
    "header, expected",
    [(" Kode Pemda ", "kode_pemda"), ("KODE_SUB_GIAT", "kode_sub_giat"), ("Target 2025", "target_2025"),
     ("Sub-Kegiatan", "sub_kegiatan"), ("nama  skpd", "nama_skpd"), (2025, "2025")],
)
def test_canonical_header(header, expected):
    assert canonical(header) == expected


def test_rows_keep_their_spreadsheet_numbers():
    rows = [["Judul laporan", None], [], ["id", "nama"], ["S1", "Naik"], [None, "  "], ["S2", "Turun"]]
    table = table_from_rows("a.xlsx", "sasaran", rows)
    assert table.headers == ["id", "nama"]
    assert table.rows == [["S1", "Naik"], ["S2", "Turun"]]
    assert table.row_numbers == [4, 6]


def test_xlsx_sheets_with_gaps_and_types(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "sub_kegiatan"
    ws["A1"], ws["B1"] = "tahun", "pagu"
    ws["A2"], ws["B2"] = 2025, 1250000.5
    ws["A9"], ws["B9"] = 2026, "1.250.000"  # rows 3-8 do not exist in the file
    wb.create_sheet("kosong")
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    (table,) = read_xlsx(path)
    assert (table.source, table.sheet) == ("plan.xlsx", "sub_kegiatan")
    assert table.rows == [[2025, 1250000.5], [2026, "1.250.000"]]
    assert table.row_numbers == [2, 9]


def test_xlsx_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(LoadError) as caught:
        read_xlsx(path)
    assert [i.rule for i in caught.value.issues] == ["file_type"]


@pytest.mark.parametrize(
    "data, cells",
    [
        ("\ufeffid,nama\nS1,Pembangunan Jalan\n".encode(), ["S1", "Pembangunan Jalan"]),
        ("id;nama\nS1;Dinas Pariwisata – Café\n".encode("cp1252"), ["S1", "Dinas Pariwisata – Café"]),
        (b"id\tnama\nS1\tTab\n", ["S1", "Tab"]),
        (b"id,nama\nS1,Pasar \x81\xe9\n", ["S1", "Pasar é"]),  # 0x81 is not cp1252: latin-1, a control taken out
        ("id\tnama\r\nS1\tKecamatan Loa Kulu\r\n".encode("utf-16"), ["S1", "Kecamatan Loa Kulu"]),  # Unicode Text
        ('id,nama\nS1,"Baris satu\nbaris dua; koma, juga"\n'.encode(), ["S1", "Baris satu\nbaris dua; koma, juga"]),
    ],
)
def test_csv_encodings_and_delimiters(data, cells):
    table = read_csv_bytes(data, "s.csv", "sasaran")
    assert table.headers == ["id", "nama"]
    assert table.rows == [cells]


def test_csv_folder_reports_every_broken_file_at_once(tmp_path):
    (tmp_path / "sasaran.csv").write_bytes(b"")
    (tmp_path / "tautan.csv").write_bytes(b"\x00\x01\x02")
    (tmp_path / "dokumen.csv").write_text("id,nama\nD1,RPJMD\n")
    with pytest.raises(LoadError) as caught:
        read_csv_folder(tmp_path)
    assert [(i.source.split("/")[-1], i.rule) for i in caught.value.issues] == [
        ("sasaran.csv", "empty"), ("tautan.csv", "file_type")]


def test_json_syntax_error_names_line_and_column():
    with pytest.raises(LoadError) as caught:
        read_json_bytes(b'{\n "sasaran": [\n  {"id": "S1" "nama": "x"}\n ]\n}', "plan.json")
    (issue,) = caught.value.issues
    assert issue.rule == "json" and "baris 3, kolom 15" in issue.message


def test_json_rows_must_be_objects():
    with pytest.raises(LoadError) as caught:
        read_json_bytes(b'{"sasaran": [{"id": "S1"}, "S2", 3]}', "plan.json")
    assert [(i.sheet, i.row, i.rule) for i in caught.value.issues] == [
        ("sasaran", 2, "json_shape"), ("sasaran", 3, "json_shape")]


def test_json_columns_are_the_union_of_keys_in_order():
    (table,) = read_json_bytes('\ufeff{"dokumen": [{"id": "D1"}, {"nama": "RPJMD", "id": "D2"}]}'.encode(), "p.json")
    assert table.headers == ["id", "nama"]
    assert table.rows == [["D1", None], ["D2", "RPJMD"]]
    assert table.row_numbers == [1, 2]


def test_sipd_headers_match_aliases():
    headers = ["Tahun", "Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu Indikatif", "Sumber Dana", "Lokasi", "x"]
    assert sipd_columns(headers) == {"tahun_anggaran": 0, "kode_sub_giat": 1, "nama_sub_giat": 2, "pagu": 3,
                                     "nama_dana": 4, "nama_lokasi": 5}
    assert is_sipd(RawTable("r.csv", "r", headers, [], []))
    assert not is_sipd(RawTable("r.csv", "r", ["kode_sub_giat", "pagu"], [], []))


def test_sipd_short_codes_are_completed_from_their_parents():
    header = ["kode_urusan", "kode_bidang_urusan", "kode_program", "nama_program", "kode_giat", "nama_giat",
              "kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd"]
    row = ["1", "03", "10", "Jalan", "2.01", "Jalan Kab", "53", "Pembangunan Jalan", "1.03.0.00.0.00.01.0000", "PU"]
    tables, issues = sipd_tables(RawTable("r.csv", "r", header, [row], [7]), kode_pemda="64.02", tahun=2025)
    assert issues == []
    sub = dict(zip(tables["sub_kegiatan"].headers, tables["sub_kegiatan"].rows[0]))
    assert sub["kode_sub_giat"] == "1.03.10.2.01.53" and sub["tahun"] == "2025"
    assert [r[2] for r in tables["program_kegiatan"].rows] == ["1.03.10", "1.03.10.2.01"]
    assert tables["perangkat_daerah"].rows == [["1.03.0.00.0.00.01.0000", "PU", "64.02", ["1.03"]]]
    assert tables["sub_kegiatan"].row_numbers == [7]


def test_sipd_target_of_the_line_year_wins_over_target_1():
    header = ["tahun_anggaran", "kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd", "target_1", "Target 2026"]
    rows = [["2025", "1.03.10.2.01.0053", "Jalan", "1.03.0.00.0.00.01.0000", "PU", "5", "7"],
            ["2026", "1.03.10.2.01.0053", "Jalan", "1.03.0.00.0.00.01.0000", "PU", "5", "7"],
            ["dua ribu", "1.03.10.2.01.0053", "Jalan", "1.03.0.00.0.00.01.0000", "PU", "5", "7"]]
    tables, issues = sipd_tables(RawTable("r.csv", "r", header, rows, [2, 3, 4]), kode_pemda="64.02", tahun=None)
    sub = tables["sub_kegiatan"]
    at = sub.headers.index("target")
    assert [r[at] for r in sub.rows] == ["5", "7", "5"]
    assert issues == []
