"""The bundled sample extended with planted Rakortek desk cases (illustrative), for the desk tests.

Planted in Kaltim (64), bidang 1.03, 2025, on top of whatever the sample holds:

- ``KKR-S4-I2`` (a new outcome indicator of Kukar's road sasaran) has no agreed support: its only
  link, from Kukar's ``1.03.10.2.01.0051``, is rejected (``ditolak``): gap ``unsupported``.
- ``KTM-S5-I2`` (a new outcome indicator of Kaltim's road sasaran) is supported only by a proposed
  link from a new province line ``1.03.10.1.01.0090``: gap ``only_proposed``.
- Kukar's new line ``1.03.10.2.01.0099`` supports nothing: a candidate for the targets its
  programme family (``1.03.10``) already supports in Kukar and in the province.
"""
from __future__ import annotations

from kaskade.sample import sample_dataset
from loaders.models import Dataset, Indikator, SubKegiatan, Tautan

__all__ = ["planted_dataset", "PLANTED_GAPS", "CANDIDATE", "REJECTED", "PROPOSED_LINE", "PU_KALTIM", "PU_KUKAR"]

PU_KALTIM = "1.03.1.04.0.00.01.0000"
PU_KUKAR = "1.03.0.00.0.00.01.0000"
CANDIDATE = f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0099"
PROPOSED_LINE = f"sub_kegiatan:64/2025/{PU_KALTIM}/1.03.10.1.01.0090"
REJECTED = (f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0051", "indikator:KKR-S4-I2")
PLANTED_GAPS = {("indikator:KKR-S4-I2", "unsupported"), ("indikator:KTM-S5-I2", "only_proposed")}


def planted_dataset() -> Dataset:
    ds = sample_dataset()
    indikator = ds.indikator + (
        Indikator(id="KKR-S4-I2", milik="KKR-S4", nama="Persentase jembatan kabupaten dalam kondisi baik",
                  jenis="hasil", satuan="persen", target={2025: 70.0, 2026: 74.0}),
        Indikator(id="KTM-S5-I2", milik="KTM-S5", nama="Persentase ruas jalan provinsi bebas longsor",
                  jenis="hasil", satuan="persen", target={2025: 60.0, 2026: 65.0}),
    )
    lines = ds.sub_kegiatan + (
        SubKegiatan(tahun=2025, kode_pemda="64", kode_skpd=PU_KALTIM, kode_sub_giat="1.03.10.1.01.0090",
                    nama_sub_giat="Penanganan Longsoran Jalan Provinsi", pagu=1.5e9, keluaran="Ruas tertangani",
                    target=3, satuan="ruas", mendukung="KTM-S5-I2", status="usulan"),
        SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=PU_KUKAR, kode_sub_giat="1.03.10.2.01.0099",
                    nama_sub_giat="Pembangunan Jalan Usaha Tani", pagu=9.5e8, keluaran="Jalan usaha tani",
                    target=12, satuan="km"),
    )
    tautan = ds.tautan + (
        Tautan(dari="1.03.10.2.01.0051", relasi="mendukung", ke="KKR-S4-I2", status="ditolak", tahun=2025,
               kode_pemda="64.02"),
    )
    return ds.model_copy(update={"indikator": indikator, "sub_kegiatan": lines, "tautan": tautan})
