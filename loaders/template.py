"""An empty Kaskade workbook to fill in: one sheet per table, help on every header, drop-downs.

Each sheet has a header row whose cells carry a comment (Indonesian) explaining the column,
one realistic example row (Kutai Kartanegara, illustrative), and a drop-down list wherever a
column takes fixed values. The example rows are consistent with each other, so the template
loads and validates as it is.

>>> import tempfile, pathlib
>>> from loaders.load import load
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "kaskade.xlsx")
>>> load(path).sub_kegiatan[0].kode_sub_giat
'1.03.10.2.01.0053'
"""
from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from loaders.models import TABLES, DocType, GovLevel, IndicatorType, LinkStatus, Relasi, TargetType

__all__ = ["write_template", "HELP", "EXAMPLE", "CHOICES", "TEMPLATE_YEARS"]

TEMPLATE_YEARS = tuple(range(2025, 2030))
"""The ``target_YYYY`` columns the template's indikator sheet offers (an RPJMD period)."""

_SKPD = "1.03.0.00.0.00.01.0000"
_WAJIB = "Wajib diisi."
_LIST = "Beberapa nilai dipisah titik koma, mis. 'a; b'."

HELP: dict[str, dict[str, str]] = {
    "pemda": {
        "kode_pemda": f"Kode wilayah pemerintah daerah: provinsi 64, kabupaten/kota 64.02; 00 = pusat. {_WAJIB}",
        "nama": f"Nama pemerintah daerah, mis. Pemerintah Kabupaten Kutai Kartanegara. {_WAJIB}",
        "tingkat": "nasional, provinsi, kabupaten atau kota (pilih dari daftar). Boleh kosong: dibaca dari kode.",
    },
    "dokumen": {
        "id": f"Pengenal unik dokumen yang Anda buat sendiri, mis. RPJMD-6402-2025. {_WAJIB}",
        "jenis": f"RPJMN, RKP, RPJMD, Renstra, Renja atau RKPD (pilih dari daftar). {_WAJIB}",
        "kode_pemda": "Kode pemda pemilik dokumen; kosong = 00 (pusat).",
        "nama": f"Judul dokumen. {_WAJIB}",
        "tahun_awal": f"Tahun pertama periode, mis. 2025. {_WAJIB}",
        "tahun_akhir": f"Tahun terakhir periode, mis. 2029. {_WAJIB}",
    },
    "perangkat_daerah": {
        "kode_skpd": f"Kode perangkat daerah 22 karakter, mis. 1.03.0.00.0.00.01.0000. {_WAJIB}",
        "nama_skpd": f"Nama perangkat daerah (OPD). {_WAJIB}",
        "kode_pemda": f"Kode pemda tempat perangkat daerah ini, mis. 64.02. {_WAJIB}",
        "bidang": f"Bidang urusan yang diampu (paling banyak 3), mis. 1.03. {_LIST} "
        "Dipakai untuk mengisi X.XX pada kode program penunjang.",
    },
    "sasaran": {
        "id": f"Pengenal unik sasaran/prioritas, mis. KUKAR-S1 atau PN-01. {_WAJIB}",
        "jenis": f"pn, pp, kp, proyek_prioritas, tujuan, sasaran atau program_unggulan (pilih dari daftar). {_WAJIB}",
        "kode_pemda": "Kode pemda pemilik; kosong = 00 (prioritas nasional).",
        "nama": f"Rumusan tujuan/sasaran/prioritas. {_WAJIB}",
        "kode": "Penomoran dokumen sendiri, mis. 01.02.01 (PN.PP.KP) atau 1.1.",
        "induk": "id induknya dalam pohon yang sama (sasaran -> tujuan, KP -> PP).",
        "selaras": f"id sasaran/prioritas di atasnya yang diselaraskan. {_LIST}",
        "dokumen": "id dokumen (lembar dokumen) tempat sasaran ini ditetapkan.",
        "kode_skpd": "Kode perangkat daerah penanggung jawab (harus ada di lembar perangkat_daerah pemda yang sama).",
    },
    "indikator": {
        "id": f"Pengenal unik indikator, mis. KUKAR-S1-I1. {_WAJIB}",
        "milik": f"id sasaran/prioritas yang diukur indikator ini. {_WAJIB}",
        "nama": f"Nama indikator. {_WAJIB}",
        "jenis": f"dampak (tujuan), hasil (sasaran, program) atau keluaran (kegiatan, sub kegiatan). {_WAJIB}",
        "satuan": "Satuan, mis. %, km, orang.",
        "baseline": "Nilai awal; angka ditulis cara Indonesia (68,5) atau teks (WTP).",
        "target_YYYY": "Target tahun YYYY (kolom target_2025 ... target_2029; tambah kolom untuk tahun lain). "
        "Tahun harus di dalam periode dokumen sasarannya.",
    },
    "program_kegiatan": {
        "tahun": f"Tahun anggaran, mis. 2025. {_WAJIB}",
        "kode_pemda": f"Kode pemda, mis. 64.02. {_WAJIB}",
        "kode": f"Kode program (1.03.10) atau kegiatan (1.03.10.2.01); X.XX diisi dari bidang perangkat "
        f"daerah. {_WAJIB}",
        "nama": f"Nama program atau kegiatan. {_WAJIB}",
        "kode_skpd": "Kode perangkat daerah pelaksana.",
        "mendukung": f"id indikator atau sasaran yang didukung. {_LIST}",
        "status": "usulan, disepakati atau ditolak (pilih dari daftar); kosong = disepakati.",
    },
    "sub_kegiatan": {
        "tahun": f"Tahun anggaran, mis. 2025. {_WAJIB}",
        "kode_pemda": f"Kode pemda, mis. 64.02. {_WAJIB}",
        "kode_skpd": f"Kode perangkat daerah pelaksana (harus ada di lembar perangkat_daerah). {_WAJIB}",
        "kode_sub_giat": f"Kode sub kegiatan U.BB.PP.L.KK.SSSS, mis. 1.03.10.2.01.0053. {_WAJIB}",
        "nama_sub_giat": f"Nama sub kegiatan. {_WAJIB}",
        "pagu": "Pagu (rupiah), mis. 12.500.000.000 atau 1.250.000,50; kosong = 0.",
        "lokasi": f"Kode wilayah lokasi (kecamatan/desa), mis. 64.02.06. {_LIST} Kosong = seluruh wilayah pemda.",
        "keluaran": "Keluaran (output) sub kegiatan.",
        "target": "Target keluaran; angka (12,5) atau teks.",
        "satuan": "Satuan target, mis. km.",
        "sumber_dana": "Sumber dana, mis. DAU, DAK, Bankeu Provinsi.",
        "mendukung": f"id indikator atau sasaran yang didukung. {_LIST}",
        "status": "usulan, disepakati atau ditolak (pilih dari daftar); kosong = disepakati.",
    },
    "tautan": {
        "dari": f"Asal tautan: id sasaran/indikator/dokumen, kode pemda, kode perangkat daerah, "
        f"atau kode program/kegiatan/sub kegiatan pada kode_pemda dan tahun baris ini. {_WAJIB}",
        "relasi": f"bagian_dari, selaras, mendukung, penanggung_jawab, bantuan_keuangan, dak atau kerja_sama. {_WAJIB}",
        "ke": f"Tujuan tautan (jenis isian sama dengan 'dari'). {_WAJIB}",
        "status": "usulan, disepakati atau ditolak (pilih dari daftar).",
        "tahun": "Tahun, untuk kode program/kegiatan/sub kegiatan.",
        "kode_pemda": "Pemda tempat kode program/kegiatan/sub kegiatan dicari.",
    },
}
"""table -> column -> the Indonesian help shown as the header's comment."""

_IND = "KUKAR-S1-I1"
EXAMPLE: dict[str, dict[str, Any]] = {
    "pemda": {"kode_pemda": "64.02", "nama": "Pemerintah Kabupaten Kutai Kartanegara", "tingkat": "kabupaten"},
    "dokumen": {
        "id": "RPJMD-6402-2025", "jenis": "RPJMD", "kode_pemda": "64.02",
        "nama": "RPJMD Kabupaten Kutai Kartanegara 2025-2029 (ilustrasi)", "tahun_awal": 2025, "tahun_akhir": 2029,
    },
    "perangkat_daerah": {
        "kode_skpd": _SKPD, "nama_skpd": "Dinas Pekerjaan Umum Kabupaten Kutai Kartanegara",
        "kode_pemda": "64.02", "bidang": "1.03",
    },
    "sasaran": {
        "id": "KUKAR-S1", "jenis": "sasaran", "kode_pemda": "64.02",
        "nama": "Meningkatnya kemantapan jalan kabupaten", "kode": "1.1", "induk": None, "selaras": None,
        "dokumen": "RPJMD-6402-2025", "kode_skpd": _SKPD,
    },
    "indikator": {
        "id": _IND, "milik": "KUKAR-S1", "nama": "Persentase panjang jalan kabupaten dalam kondisi mantap",
        "jenis": "hasil", "satuan": "%", "baseline": 68.5,
        **{f"target_{y}": 70 + 2.5 * i for i, y in enumerate(TEMPLATE_YEARS)},
    },
    "program_kegiatan": {
        "tahun": 2025, "kode_pemda": "64.02", "kode": "1.03.10", "nama": "Program Penyelenggaraan Jalan",
        "kode_skpd": _SKPD, "mendukung": _IND, "status": "disepakati",
    },
    "sub_kegiatan": {
        "tahun": 2025, "kode_pemda": "64.02", "kode_skpd": _SKPD, "kode_sub_giat": "1.03.10.2.01.0053",
        "nama_sub_giat": "Pembangunan Jalan", "pagu": 12_500_000_000, "lokasi": "64.02.06; 64.02.16",
        "keluaran": "Jalan kabupaten yang dibangun", "target": 12.5, "satuan": "km", "sumber_dana": "DAU",
        "mendukung": _IND, "status": "disepakati",
    },
    "tautan": {
        "dari": "64", "relasi": "bantuan_keuangan", "ke": "1.03.10.2.01.0053", "status": "usulan",
        "tahun": 2025, "kode_pemda": "64.02",
    },
}
"""table -> the example row written under its header (Kaltim / Kukar, illustrative)."""

CHOICES: dict[tuple[str, str], type[StrEnum]] = {
    ("pemda", "tingkat"): GovLevel,
    ("dokumen", "jenis"): DocType,
    ("sasaran", "jenis"): TargetType,
    ("indikator", "jenis"): IndicatorType,
    ("program_kegiatan", "status"): LinkStatus,
    ("sub_kegiatan", "status"): LinkStatus,
    ("tautan", "relasi"): Relasi,
    ("tautan", "status"): LinkStatus,
}
"""Columns with fixed values, which get a drop-down list."""


def _columns(name: str) -> list[str]:
    columns = list(TABLES[name].model_fields)
    if name == "indikator":
        at = columns.index("target")
        columns[at : at + 1] = [f"target_{y}" for y in TEMPLATE_YEARS]
    return columns


def write_template(path: str | os.PathLike) -> Path:
    """Write the empty Kaskade workbook (with example rows) to `path` (.xlsx); returns the path."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in TABLES:
        sheet = workbook.create_sheet(name)
        columns = _columns(name)
        sheet.append(columns)
        sheet.append([EXAMPLE[name].get(c) for c in columns])
        sheet.freeze_panes = "A2"
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            cell = sheet.cell(row=1, column=i)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            help_text = HELP[name]["target_YYYY" if column.startswith("target_") else column]
            cell.comment = Comment(help_text, "Kaskade", width=320, height=120)
            sheet.column_dimensions[letter].width = max(12, min(48, len(str(EXAMPLE[name].get(column) or "")) + 4))
            choices = CHOICES.get((name, column))
            if choices is not None:
                values = ",".join(m.value for m in choices)
                check = DataValidation(
                    type="list", formula1=f'"{values}"', allow_blank=True, showErrorMessage=True,
                    errorTitle="Nilai tidak dikenal", error=f"Pilih salah satu: {values.replace(',', ', ')}",
                )
                check.add(f"{letter}2:{letter}1048576")
                sheet.add_data_validation(check)
    path = Path(path)
    workbook.save(path)
    return path
