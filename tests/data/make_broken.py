"""Write the broken files of tests/data/broken/ and their expected issues (expected.json).

Each file plants known problems; `tests/test_validate.py` asserts that validation reports exactly
these, at the right file, sheet, row and column. Run from the project root to regenerate:

    .venv/bin/python tests/data/make_broken.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent / "broken"
SKPD_PU = "1.03.0.00.0.00.01.0000"
SKPD_NO_BIDANG = "4.01.0.00.0.00.01.0000"
YEARS = [2025, 2026, 2027, 2028, 2029, 2031]

# sheet -> (header, rows); a comment names the problem a row plants.
PLANTED = {
    "pemda": (["kode_pemda", "nama", "tingkat"], [["64.02", "Pemerintah Kabupaten Kutai Kartanegara", "kabupaten"]]),
    "dokumen": (
        ["id", "jenis", "kode_pemda", "nama", "tahun_awal", "tahun_akhir"],
        [["RPJMD-6402", "RPJMD", "64.02", "RPJMD Kukar 2025-2029", 2025, 2029]],
    ),
    "perangkat_daerah": (
        ["kode_skpd", "nama_skpd", "kode_pemda", "bidang"],
        [
            [SKPD_PU, "Dinas Pekerjaan Umum", "64.02", "1.03"],
            [SKPD_NO_BIDANG, "Sekretariat Daerah", "64.02", None],
        ],
    ),
    "sasaran": (
        ["id", "jenis", "kode_pemda", "nama", "induk", "dokumen"],
        [
            ["T1", "tujuan", "64.02", "Infrastruktur merata", None, "RPJMD-6402"],  # row 2
            ["S1", "sasaran", "64.02", "Jalan mantap", "T1", "RPJMD-6402"],  # row 3
            ["S1", "sasaran", "64.02", "Jalan mantap (salinan)", "T1", "RPJMD-6402"],  # row 4: duplicate_id
            ["S2", "sasaran", "64.02", None, "T1", "RPJMD-6402"],  # row 5: required nama
            ["S3", "sasaran", "64.02", "Lingkaran A", "S4", None],  # row 6: cycle S3 -> S4 -> S3
            ["S4", "sasaran", "64.02", "Lingkaran B", "S3", None],  # row 7
        ],
    ),
    "indikator": (
        ["id", "milik", "nama", "jenis", "satuan", *[f"target_{y}" for y in YEARS]],
        [
            ["I1", "S1", "Jalan kondisi mantap", "hasil", "%", 70, 72, 74, 76, 78, None],  # row 2
            ["I2", "S9", "Indikator yatim", "hasil", "%", 1, None, None, None, None, None],  # row 3: unknown_ref milik
            ["I3", "S1", "Terlalu jauh", "hasil", "%", None, None, None, None, None, 80],  # row 4: target_2031
        ],
    ),
    "sub_kegiatan": (
        ["tahun", "kode_pemda", "kode_skpd", "kode_sub_giat", "nama_sub_giat", "pagu", "lokasi", "mendukung"],
        [
            [2025, "64.02", SKPD_PU, "1.03.10.2.01.0053", "Pembangunan Jalan", "12.500.000.000", "64.02.06", "I1"],
            [2025, "64.02", SKPD_PU, "1.03.10.2.01.0054", "Rekonstruksi Jalan", "Rp 12,5 juta", "64.02.06", "I1"],  # row 3: number
            [2025, "64.02", SKPD_PU, "1.03.10.2.01.0055", "Pemeliharaan Jalan", 1000, "64.02.99", "I1"],  # row 4: unknown_region
            [2025, "64.02", SKPD_PU, "1.01.01.12.01.0001", "Kode rusak", 1000, None, None],  # row 5: code
            [2025, "64.02", SKPD_NO_BIDANG, "X.XX.01.2.01.0001", "Penyusunan Dokumen Perencanaan", 1000, None, None],  # row 6
        ],
    ),
}

EXPECTED = [
    ("planted.xlsx", "sasaran", 4, "id", "duplicate_id"),
    ("planted.xlsx", "sasaran", 5, "nama", "required"),
    ("planted.xlsx", "sasaran", 6, "induk", "cycle"),
    ("planted.xlsx", "indikator", 3, "milik", "unknown_ref"),
    ("planted.xlsx", "indikator", 4, "target_2031", "year_outside_period"),
    ("planted.xlsx", "sub_kegiatan", 3, "pagu", "number"),
    ("planted.xlsx", "sub_kegiatan", 4, "lokasi", "unknown_region"),
    ("planted.xlsx", "sub_kegiatan", 5, "kode_sub_giat", "code"),
    ("planted.xlsx", "sub_kegiatan", 6, "kode_sub_giat", "bidang_missing"),
    ("renamed_pdf.xlsx", None, None, None, "file_type"),
    ("empty_workbook.xlsx", None, None, None, "empty"),
    ("no_expected_sheets.xlsx", None, None, None, "no_sheets"),
    ("syntax_error.json", None, None, None, "json"),
    ("empty.csv", None, None, None, "empty"),
    ("binary.csv", None, None, None, "file_type"),
    ("no_known_csv", None, None, None, "no_sheets"),
]


def _workbook(path: Path, sheets: dict[str, tuple[list, list]]) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    _workbook(HERE / "planted.xlsx", PLANTED)
    (HERE / "renamed_pdf.xlsx").write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    openpyxl.Workbook().save(HERE / "empty_workbook.xlsx")
    _workbook(HERE / "no_expected_sheets.xlsx", {"Daftar Hadir": (["nama", "jabatan"], [["Ani", "Kepala Bidang"]])})
    (HERE / "syntax_error.json").write_text('{"sasaran": [\n  {"id": "S1", "nama": "Jalan mantap",}\n]}\n', encoding="utf-8")
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "binary.csv").write_bytes(bytes(range(256)) * 4)
    folder = HERE / "no_known_csv"
    folder.mkdir(exist_ok=True)
    (folder / "catatan_rapat.csv").write_text("tanggal,catatan\n2025-03-01,Rakortekrenbang\n", encoding="utf-8")
    expected = [dict(zip(("file", "sheet", "row", "column", "rule"), e)) for e in EXPECTED]
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
