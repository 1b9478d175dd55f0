"""Loading every format into the same Dataset; SIPD exports; files that are not what they claim."""
from __future__ import annotations

import csv
import json
import zipfile

import openpyxl
import pytest

from loaders import LoadError, load, validate_path, write_dataset
from loaders.models import (
    Dataset,
    Dokumen,
    Indikator,
    Pemda,
    PerangkatDaerah,
    ProgramKegiatan,
    Sasaran,
    SubKegiatan,
    Tautan,
)

KUKAR, KALTIM = "64.02", "64"
PU, DINKES, BAPPEDA = "1.03.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0000", "5.01.0.00.0.00.01.0000"
DISDIKBUD = "1.01.2.22.0.00.01.0000"


def sample() -> Dataset:
    """A small but complete cascade: national priority -> Kaltim -> Kukar -> sub kegiatan."""
    return Dataset(
        pemda=(
            Pemda(kode_pemda=KALTIM, nama="Pemerintah Provinsi Kalimantan Timur", tingkat="provinsi"),
            Pemda(kode_pemda=KUKAR, nama="Pemerintah Kabupaten Kutai Kartanegara"),
        ),
        dokumen=(
            Dokumen(id="RPJMN", jenis="RPJMN", nama="RPJMN 2025-2029", tahun_awal=2025, tahun_akhir=2029),
            Dokumen(id="RPJMD-KUKAR", jenis="RPJMD", kode_pemda=KUKAR, nama="RPJMD Kukar", tahun_awal=2025,
                    tahun_akhir=2029),
        ),
        perangkat_daerah=(
            PerangkatDaerah(kode_skpd=PU, nama_skpd="Dinas PU", kode_pemda=KUKAR, bidang="1.03"),
            PerangkatDaerah(kode_skpd=DINKES, nama_skpd="Dinas Kesehatan", kode_pemda=KUKAR, bidang="1.02"),
            PerangkatDaerah(kode_skpd=BAPPEDA, nama_skpd="Bappeda", kode_pemda=KUKAR, bidang="5.01; 5.02"),
            PerangkatDaerah(kode_skpd=PU, nama_skpd="Dinas PUPR-PERA", kode_pemda=KALTIM, bidang="1.03, 1.04"),
        ),
        sasaran=(
            Sasaran(id="PN-03", jenis="pn", nama="Infrastruktur dan lapangan kerja", kode="03", dokumen="RPJMN"),
            Sasaran(id="KALTIM-S3", jenis="sasaran", kode_pemda=KALTIM, nama="Konektivitas wilayah",
                    selaras="PN-03"),
            Sasaran(id="KUKAR-T1", jenis="tujuan", kode_pemda=KUKAR, nama="Infrastruktur merata",
                    dokumen="RPJMD-KUKAR"),
            Sasaran(id="KUKAR-S1", jenis="sasaran", kode_pemda=KUKAR, nama="Jalan mantap", induk="KUKAR-T1",
                    selaras="KALTIM-S3; PN-03", dokumen="RPJMD-KUKAR", kode_skpd=PU),
        ),
        indikator=(
            Indikator(id="KUKAR-S1-I1", milik="KUKAR-S1", nama="Jalan kondisi mantap", jenis="hasil", satuan="%",
                      baseline="68,5", target={2025: 70, 2026: "72,5", 2029: 80}),
            Indikator(id="KUKAR-T1-I1", milik="KUKAR-T1", nama="Opini BPK", jenis="dampak", baseline="WTP",
                      target={2025: "WTP"}),
        ),
        program_kegiatan=(
            ProgramKegiatan(tahun=2025, kode_pemda=KUKAR, kode="1.03.10", nama="Penyelenggaraan Jalan", kode_skpd=PU,
                            mendukung="KUKAR-S1-I1"),
            ProgramKegiatan(tahun=2025, kode_pemda=KUKAR, kode="1.03.10.2.01", nama="Jalan Kabupaten/Kota",
                            kode_skpd=PU, status="usulan"),
        ),
        sub_kegiatan=(
            SubKegiatan(tahun=2025, kode_pemda=KUKAR, kode_skpd=PU, kode_sub_giat="1.03.10.2.01.0053",
                        nama_sub_giat="Pembangunan Jalan", pagu="12.500.000.000,50", lokasi="64.02.06; 64.02.16",
                        keluaran="Jalan dibangun", target="12,5", satuan="km", sumber_dana="DAU",
                        mendukung="KUKAR-S1-I1"),
            SubKegiatan(tahun=2025, kode_pemda=KUKAR, kode_skpd=DINKES, kode_sub_giat="1.02.02.2.02.0020",
                        nama_sub_giat="Pengelolaan Surveilans Kesehatan", pagu=750_000_000, lokasi=KUKAR,
                        target="Tersedia"),
            SubKegiatan(tahun=2025, kode_pemda=KUKAR, kode_skpd=BAPPEDA, kode_sub_giat="5.01.01.2.01.0001",
                        nama_sub_giat="Penyusunan Dokumen Perencanaan", pagu=0, lokasi=KUKAR, status="ditolak"),
        ),
        tautan=(
            Tautan(dari=KALTIM, relasi="bantuan_keuangan", ke="1.03.10.2.01.0053", status="usulan", tahun=2025,
                   kode_pemda=KUKAR),
            Tautan(dari="KUKAR-S1", relasi="selaras", ke="KALTIM-S3", status="disepakati"),
            Tautan(dari=PU, relasi="penanggung_jawab", ke="1.03.10", tahun=2025, kode_pemda=KUKAR),
        ),
    )


@pytest.mark.parametrize("target", ["plan.xlsx", "plan.json", "plan.zip", "plan/", "plan"])
def test_every_format_loads_the_same_dataset(tmp_path, target):
    ds = sample()
    path = write_dataset(ds, str(tmp_path / target) + ("/" if target.endswith("/") else ""))
    report = validate_path(path)
    assert report.ok, report.errors
    assert report.warnings == ()
    assert report.dataset == ds
    assert report.counts == ds.counts()


def test_hand_written_workbook_with_loose_headers(tmp_path):
    """Headers in any case/spacing, Indonesian numbers, list cells and a title row all load."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Perangkat Daerah"
    ws.append([" Kode SKPD ", "Nama_SKPD", "kode pemda", "Bidang", "Catatan"])
    ws.append([PU, "Dinas PU", "64.02", "1.03", "tidak dimuat"])
    ws = wb.create_sheet("SUB KEGIATAN")
    ws.append(["Daftar sub kegiatan 2025"])  # a title line above the header
    ws.append(["Tahun", "Kode Pemda", "Kode SKPD", "Kode Sub Giat", "Nama Sub Giat", "Pagu", "Lokasi"])
    ws.append([2025, 64.02, PU, "1.03.10.2.01.53", "Pembangunan Jalan", "Rp 1.250.000,50", "64.02.06;64.02.02"])
    wb.create_sheet("Catatan").append(["apa", "saja"])
    path = tmp_path / "kukar.xlsx"
    wb.save(path)
    report = validate_path(path)
    assert report.ok, report.errors
    sub = report.dataset.sub_kegiatan[0]
    assert (sub.kode_pemda, sub.kode_sub_giat, sub.pagu, sub.lokasi) == (
        "64.02", "1.03.10.2.01.0053", 1250000.5, ("64.02.06", "64.02.02"))
    assert [(w.sheet, w.column, w.rule) for w in report.warnings] == [
        ("Catatan", None, "unknown_sheet"),
        ("Perangkat Daerah", "Catatan", "unknown_column"),
        ("SUB KEGIATAN", "Kode Sub Giat", "repair_sub_kegiatan"),
    ]


def test_json_target_may_be_a_dict_or_year_columns(tmp_path):
    rows = [
        {"id": "S1", "jenis": "sasaran", "kode_pemda": "64.02", "nama": "Jalan mantap"},
    ]
    indikator = [
        {"id": "I1", "milik": "S1", "nama": "Mantap", "jenis": "outcome", "target": {"2025": "70,5", "2026": 72}},
        {"id": "I2", "milik": "S1", "nama": "Panjang", "jenis": "hasil", "target_2027": "1.250"},
    ]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"sasaran": rows, "indikator": indikator}), encoding="utf-8")
    ds = load(path)
    assert [i.target for i in ds.indikator] == [{2025: 70.5, 2026: 72.0}, {2027: 1250.0}]
    assert ds.indikator[0].jenis == "hasil"


def _sipd_rows() -> tuple[list[str], list[list]]:
    header = [
        "tahun_anggaran", "kode_urusan", "kode_bidang_urusan", "nama_bidang_urusan", "kode_program", "nama_program",
        "kode_giat", "nama_giat", "kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd", "pagu", "pagu_n_depan",
        "output_sub_giat", "satuan", "target_1", "target_2", "nama_dana", "nama_lokasi", "label_pusat",
    ]
    rows = [
        ["2025", "1", "1.03", "Pekerjaan Umum", "1.03.10", "Program Penyelenggaraan Jalan", "1.03.10.2.01",
         "Penyelenggaraan Jalan Kabupaten/Kota", "1.03.10.2.01.53", "Pembangunan Jalan", PU, "Dinas PU",
         "12.500.000.000", "13.000.000.000", "Jalan dibangun", "km", "12,5", "13", "DAU",
         "Kec. Tenggarong, Kec. Loa Kulu", "PN 3"],
        ["2025", "1", "1.02", "Kesehatan", "1.02.02", "Program Pemenuhan Upaya Kesehatan", "1.02.02.2.02",
         "Penyediaan Layanan Kesehatan UKM dan UKP", "1.02.02.2.02.0020", "Pengelolaan Surveilans Kesehatan", DINKES,
         "Dinas Kesehatan", "750000000", "", "Dokumen surveilans", "dokumen", "4", "", "DAK",
         "Seluruh Kecamatan", ""],
        ["2025", "5", "5.01", "Perencanaan", "X.XX.01", "Program Penunjang", "X.XX.01.2.01",
         "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "X.XX.01.2.01.0001", "Penyusunan Dokumen Perencanaan",
         BAPPEDA, "Bappeda", "150.000.000", "", "Dokumen", "dokumen", "3", "", "DAU", "Negeri Antah", ""],
        ["2025", "1", "1.01", "Pendidikan", "1.01.02", "Program Pengelolaan Pendidikan", "1.01.02.2.01",
         "Pengelolaan Pendidikan Sekolah Dasar", "1.01.02.2.01.0001", "Pembangunan Unit Sekolah Baru", DISDIKBUD,
         "Dinas Pendidikan dan Kebudayaan", "2.000.000.000", "", "Sekolah", "unit", "1", "", "DAU", "", ""],
        ["2025", "2", "2.22", "Kebudayaan", "2.22.02", "Program Pengembangan Kebudayaan", "2.22.02.2.01",
         "Pengelolaan Kesenian Tradisional", "2.22.02.2.01.0002", "Pembinaan Kelembagaan Kesenian", DISDIKBUD,
         "Dinas Pendidikan dan Kebudayaan", "300.000.000", "", "Lembaga", "lembaga", "5", "", "DAU",
         "Tenggarong", ""],
    ]
    return header, rows


def _expected_sipd() -> tuple[tuple, tuple, tuple]:
    def program(kode, nama, skpd):
        return ProgramKegiatan(tahun=2025, kode_pemda=KUKAR, kode=kode, nama=nama, kode_skpd=skpd)

    agencies = (
        PerangkatDaerah(kode_skpd=PU, nama_skpd="Dinas PU", kode_pemda=KUKAR, bidang="1.03"),
        PerangkatDaerah(kode_skpd=DINKES, nama_skpd="Dinas Kesehatan", kode_pemda=KUKAR, bidang="1.02"),
        PerangkatDaerah(kode_skpd=BAPPEDA, nama_skpd="Bappeda", kode_pemda=KUKAR, bidang="5.01"),
        PerangkatDaerah(kode_skpd=DISDIKBUD, nama_skpd="Dinas Pendidikan dan Kebudayaan", kode_pemda=KUKAR,
                        bidang="1.01; 2.22"),
    )
    programs = (
        program("1.03.10", "Program Penyelenggaraan Jalan", PU),
        program("1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota", PU),
        program("1.02.02", "Program Pemenuhan Upaya Kesehatan", DINKES),
        program("1.02.02.2.02", "Penyediaan Layanan Kesehatan UKM dan UKP", DINKES),
        program("5.01.01", "Program Penunjang", BAPPEDA),
        program("5.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", BAPPEDA),
        program("1.01.02", "Program Pengelolaan Pendidikan", DISDIKBUD),
        program("1.01.02.2.01", "Pengelolaan Pendidikan Sekolah Dasar", DISDIKBUD),
        program("2.22.02", "Program Pengembangan Kebudayaan", DISDIKBUD),
        program("2.22.02.2.01", "Pengelolaan Kesenian Tradisional", DISDIKBUD),
    )

    def sub(skpd, kode, nama, pagu, lokasi, keluaran, target, satuan, dana):
        return SubKegiatan(tahun=2025, kode_pemda=KUKAR, kode_skpd=skpd, kode_sub_giat=kode, nama_sub_giat=nama,
                           pagu=pagu, lokasi=lokasi, keluaran=keluaran, target=target, satuan=satuan,
                           sumber_dana=dana)

    subs = (
        sub(PU, "1.03.10.2.01.0053", "Pembangunan Jalan", 12.5e9, "64.02.06; 64.02.02", "Jalan dibangun", 12.5, "km",
            "DAU"),
        sub(DINKES, "1.02.02.2.02.0020", "Pengelolaan Surveilans Kesehatan", 7.5e8, KUKAR, "Dokumen surveilans", 4,
            "dokumen", "DAK"),
        # no place in the export: lokasi stays empty (build_graph places it in the whole kabupaten)
        sub(BAPPEDA, "5.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", 1.5e8, "", "Dokumen", 3, "dokumen",
            "DAU"),
        sub(DISDIKBUD, "1.01.02.2.01.0001", "Pembangunan Unit Sekolah Baru", 2e9, "", "Sekolah", 1, "unit", "DAU"),
        sub(DISDIKBUD, "2.22.02.2.01.0002", "Pembinaan Kelembagaan Kesenian", 3e8, "64.02.06", "Lembaga", 5, "lembaga",
            "DAU"),
    )
    return agencies, programs, subs


def _write_sipd_csv(path, header, rows):
    with path.open("w", encoding="cp1252", newline="") as handle:  # as an older Excel saves it
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)


def _write_sipd_xlsx(path, header, rows):
    """The same export as Excel, with a title row and headers as SIPD's screens name them."""
    aliases = {"tahun_anggaran": "Tahun", "kode_sub_giat": "Kode Sub Kegiatan", "nama_sub_giat": "Nama Sub Kegiatan",
               "pagu": "Pagu Indikatif", "nama_dana": "Sumber Dana", "nama_lokasi": "Lokasi",
               "kode_giat": "Kode Kegiatan", "nama_giat": "Nama Kegiatan"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renja 2025"
    ws.append(["Daftar Sub Kegiatan Renja Kabupaten Kutai Kartanegara 2025"])
    ws.append([aliases.get(h, h.upper()) for h in header])
    for row in rows:
        ws.append(row)
    wb.save(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_sipd_export_loads_into_agencies_programs_and_sub_kegiatan(tmp_path, suffix):
    header, rows = _sipd_rows()
    path = tmp_path / f"renja_kukar.{suffix}"
    (_write_sipd_csv if suffix == "csv" else _write_sipd_xlsx)(path, header, rows)
    report = validate_path(path, kode_pemda=KUKAR)
    assert report.ok, report.errors
    agencies, programs, subs = _expected_sipd()
    ds = report.dataset
    assert ds.perangkat_daerah == agencies
    assert ds.program_kegiatan == programs
    assert ds.sub_kegiatan == subs
    place = "nama_lokasi" if suffix == "csv" else "Lokasi"
    label = "label_pusat" if suffix == "csv" else "LABEL_PUSAT"
    code = "kode_sub_giat" if suffix == "csv" else "Kode Sub Kegiatan"
    assert {(w.row, w.column, w.rule, w.value) for w in report.warnings} == {
        (4 if suffix == "csv" else 5, place, "unknown_place", "Negeri Antah"), (None, label, "not_loaded", None),
        (2 if suffix == "csv" else 3, code, "repair_sub_kegiatan", "1.03.10.2.01.53"),
    }


def test_sipd_csv_and_xlsx_give_equal_datasets(tmp_path):
    header, rows = _sipd_rows()
    _write_sipd_csv(tmp_path / "a.csv", header, rows)
    _write_sipd_xlsx(tmp_path / "b.xlsx", header, rows)
    assert load(tmp_path / "a.csv", kode_pemda=KUKAR) == load(tmp_path / "b.xlsx", kode_pemda=KUKAR)


def test_sipd_without_bidang_column_reads_bidang_from_the_agency_code(tmp_path):
    path = tmp_path / "renja.csv"
    path.write_text(
        "kode_sub_giat,nama_sub_giat,kode_skpd,nama_skpd,pagu\n"
        f"1.01.02.2.01.0001,Pembangunan Unit Sekolah Baru,{DISDIKBUD},Disdikbud,100\n",
        encoding="utf-8",
    )
    ds = load(path, kode_pemda=KUKAR, tahun=2026)
    assert ds.perangkat_daerah[0].bidang == ("1.01", "2.22")
    assert ds.sub_kegiatan[0].tahun == 2026
    assert ds.program_kegiatan == ()


def test_sipd_export_needs_a_government(tmp_path):
    header, rows = _sipd_rows()
    _write_sipd_csv(tmp_path / "renja.csv", header, rows)
    assert [i.rule for i in validate_path(tmp_path / "renja.csv").errors] == ["kode_pemda_missing"]
    assert [i.rule for i in validate_path(tmp_path / "renja.csv", kode_pemda="64.02.06").errors] == ["not_government"]
    assert [i.rule for i in validate_path(tmp_path / "renja.csv", kode_pemda="64.04").errors] == ["unknown_region"]


def test_sipd_export_without_year_needs_tahun(tmp_path):
    path = tmp_path / "renja.csv"
    path.write_text(f"kode_sub_giat,nama_sub_giat,kode_skpd,nama_skpd\n1.01.02.2.01.0001,USB,{PU},Dinas PU\n",
                    encoding="utf-8")
    assert [i.rule for i in validate_path(path, kode_pemda=KUKAR).errors] == ["tahun_missing"]


def test_a_sipd_file_named_like_a_kaskade_table_is_still_sipd(tmp_path):
    """sub_kegiatan.csv without kode_pemda but with SIPD columns is an export, not a Kaskade sheet."""
    header, rows = _sipd_rows()
    _write_sipd_csv(tmp_path / "sub_kegiatan.csv", header, rows)
    assert len(load(tmp_path / "sub_kegiatan.csv", kode_pemda=KUKAR).sub_kegiatan) == 5


def test_fmt_sipd_forces_reading_a_kaskade_named_sheet_as_export(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "sub_kegiatan"
    ws.append(["tahun", "kode_pemda", "kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd"])
    ws.append([2025, "64.02", "1.03.10.2.01.0053", "Pembangunan Jalan", PU, "Dinas PU"])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    report = validate_path(path, fmt="sipd", kode_pemda=KUKAR)
    assert report.ok
    assert [w.column for w in report.warnings] == ["kode_pemda"]  # not a SIPD column, so not read
    assert report.dataset.perangkat_daerah[0].bidang == ("1.03",)


def test_a_zip_of_csv_in_a_folder_loads_and_skips_mac_junk(tmp_path):
    ds = sample()
    folder = write_dataset(ds, tmp_path / "csv")
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for csv_file in folder.iterdir():
            archive.write(csv_file, f"kaskade/{csv_file.name}")
        archive.writestr("__MACOSX/kaskade/._sasaran.csv", b"\x00\x05\x16\x07")
    assert load(path) == ds


def test_a_workbook_renamed_to_zip_is_read_as_a_workbook(tmp_path):
    ds = sample()
    path = write_dataset(ds, tmp_path / "plan.xlsx")
    renamed = path.rename(tmp_path / "plan.zip")
    assert load(renamed) == ds


def test_too_large_file_names_its_size(tmp_path):
    path = write_dataset(sample(), tmp_path / "plan.json")
    report = validate_path(path, max_bytes=1000)
    (issue,) = report.errors
    size = f"{path.stat().st_size / 1024 / 1024:.1f}"
    assert issue.rule == "too_large" and size in issue.message and "0.0 MB" in issue.message


@pytest.mark.parametrize(
    "name, content, rule, says",
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "file_type", "Excel 97-2003"),
        ("plan.xlsx", b"PK\x03\x04 not really a zip", "file_type", "ZIP"),
        ("scan.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "file_type", "image"),
        ("list.json", b'[1, 2]', "json_shape", "must be an object"),
        ("blank.csv", b"  \n\n", "empty", "empty"),
        ("table.json", b'{"sasaran": {"id": "S1"}}', "json_shape", "must be a list"),
    ],
)
def test_files_that_are_not_what_they_claim_give_one_clear_issue(tmp_path, name, content, rule, says):
    path = tmp_path / name
    path.write_bytes(content)
    report = validate_path(path)
    assert [(i.source, i.rule) for i in report.errors] == [(name, rule)]
    assert says in report.errors[0].message_en
    assert not report.ok and report.dataset is None


def test_missing_path_is_not_found(tmp_path):
    assert [i.rule for i in validate_path(tmp_path / "nowhere.xlsx").errors] == ["not_found"]


def test_load_raises_with_every_issue(tmp_path):
    path = tmp_path / "sasaran.csv"
    path.write_text("id,jenis,nama,induk\nS1,sasaran,Naik,S8\nS2,sasaran,Turun,S9\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(path)
    assert [(i.row, i.value) for i in caught.value.issues] == [(2, "S8"), (3, "S9")]
    assert str(caught.value) == "sasaran.csv, sasaran, baris 2, kolom induk: 'S8' tidak ditemukan di tabel sasaran. (2 masalah)"


def test_report_json_shape(tmp_path):
    path = tmp_path / "sasaran.csv"
    path.write_text("id;jenis;nama;kode_pemda;catatan\nS1;sasaran;Naik;64.02;x\nS1;sasaran;Naik lagi;64.02;y\n",
                    encoding="utf-8")
    data = validate_path(path).to_json()
    assert set(data) == {"ok", "errors", "warnings", "counts"}
    assert data["ok"] is False
    assert data["errors"] == [{
        "source": "sasaran.csv", "sheet": "sasaran", "row": 3, "column": "id", "value": "S1", "rule": "duplicate_id",
        "message": "'S1' sudah dipakai di baris 2; id harus unik.",
        "message_en": "'S1' is already used in row 2; id must be unique.",
    }]
    assert [w["rule"] for w in data["warnings"]] == ["unknown_column"]
    assert data["counts"]["sasaran"] == 2
    json.dumps(data)


def test_loading_is_linear_in_rows(tmp_path):
    """Ten times the rows take well under twenty-five times as long (a quadratic step would be 100)."""
    import time

    def timed(n: int) -> float:
        folder = tmp_path / f"n{n}"
        folder.mkdir()
        (folder / "perangkat_daerah.csv").write_text(f"kode_skpd,nama_skpd,kode_pemda,bidang\n{PU},PU,64.02,1.03\n")
        with (folder / "sub_kegiatan.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "nama_sub_giat", "pagu"])
            for i in range(n):
                writer.writerow([2025, "64.02", PU, f"1.03.10.2.{i // 9999 + 1:02d}.{i % 9999 + 1:04d}", "Jalan", i])
        runs = []
        for _ in range(3):  # the fastest of three, so a busy machine does not decide
            start = time.perf_counter()
            assert len(load(folder).sub_kegiatan) == n
            runs.append(time.perf_counter() - start)
        return min(runs)

    small, large = timed(2000), timed(20000)
    assert large < 25 * small
