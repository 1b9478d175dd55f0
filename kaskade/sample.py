"""The bundled sample: an illustrative planning dataset for Kalimantan Timur and Kalimantan Tengah.

Real region codes, agency names, nomenclature codes and plan names; invented budgets, targets
and links. Problems are planted on purpose and listed in `GROUND_TRUTH` (node ids of the graph),
which the analyses are tested against; the README written beside the sample states the rules.

>>> ds = sample_dataset()
>>> len(ds.sub_kegiatan) > 300, ds == sample_dataset()
(True, True)
>>> GROUND_TRUTH["kp_without_regional_link"]
['prioritas:KP03.01.03']
"""
from __future__ import annotations

import math
import random
from pathlib import Path
from string import Template

from graph.schema import NodeKind, node_id
from loaders.models import (
    NATIONAL,
    Dataset,
    Dokumen,
    GovLevel,
    Indikator,
    Pemda,
    PerangkatDaerah,
    ProgramKegiatan,
    Sasaran,
    SubKegiatan,
    Tautan,
)

__all__ = ["sample_dataset", "write_sample", "GROUND_TRUTH", "SAMPLE_FILE", "YEAR"]

SAMPLE_FILE = "kaskade-sample.xlsx"
YEAR = 2025
_SEED = 20250101
_PLACEHOLDER_AGENCIES = ("64.02",)  # their support lines are written as X.XX in the workbook

# --- governments and agencies ----------------------------------------------------------------

_GOVERNMENTS = (
    (NATIONAL, "Pemerintah Pusat", GovLevel.NATIONAL),
    ("64", "Pemerintah Provinsi Kalimantan Timur", GovLevel.PROVINCE),
    ("62", "Pemerintah Provinsi Kalimantan Tengah", GovLevel.PROVINCE),
    ("64.01", "Pemerintah Kabupaten Paser", GovLevel.KABUPATEN),
    ("64.02", "Pemerintah Kabupaten Kutai Kartanegara", GovLevel.KABUPATEN),
    ("64.71", "Pemerintah Kota Balikpapan", GovLevel.KOTA),
    ("64.72", "Pemerintah Kota Samarinda", GovLevel.KOTA),
    ("62.71", "Pemerintah Kota Palangka Raya", GovLevel.KOTA),
)

# key -> (kode_skpd, nama_skpd); the bidang an agency holds are read from its code
_AGENCIES: dict[str, dict[str, tuple[str, str]]] = {
    "64": {
        "DIK": ("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.1.04.0.00.01.0000", "Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
        "HUB": ("2.15.0.00.0.00.01.0000", "Dinas Perhubungan"),
        "PGN": ("2.09.3.27.0.00.01.0000", "Dinas Pangan, Tanaman Pangan dan Hortikultura"),
        "BAP": ("5.01.0.00.0.00.01.0000", "Badan Perencanaan Pembangunan Daerah"),
    },
    "62": {
        "DIK": ("1.01.0.00.0.00.01.0000", "Dinas Pendidikan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
        "TPH": ("3.27.0.00.0.00.01.0000", "Dinas Tanaman Pangan, Hortikultura dan Peternakan"),
        "BAP": ("5.01.5.05.0.00.01.0000", "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah (BAPPERIDA)"),
    },
    "64.01": {
        "DIK": ("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
    },
    "64.02": {
        "DIK": ("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        "UPJ": ("1.03.0.00.0.00.01.0001", "UPTD Pengelolaan Jalan dan Jembatan Wilayah I"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
        "BAP": ("5.01.0.00.0.00.01.0000", "Badan Perencanaan Pembangunan Daerah"),
    },
    "64.71": {
        "DIK": ("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
        "HUB": ("2.15.0.00.0.00.01.0000", "Dinas Perhubungan"),
    },
    "64.72": {
        "DIK": ("1.01.0.00.0.00.01.0000", "Dinas Pendidikan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "RS": ("1.02.0.00.0.00.02.0000", "RSUD Inche Abdoel Moeis"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
        "HUB": ("2.15.0.00.0.00.01.0000", "Dinas Perhubungan"),
    },
    "62.71": {
        "DIK": ("1.01.0.00.0.00.01.0000", "Dinas Pendidikan"),
        "KES": ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"),
        "PU": ("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang"),
        "SOS": ("1.06.0.00.0.00.01.0000", "Dinas Sosial"),
        "LH": ("2.11.0.00.0.00.01.0000", "Dinas Lingkungan Hidup"),
    },
}


def _bidang(kode_skpd: str) -> tuple[str, ...]:
    """``1.01.2.22.0.00.01.0000`` holds 1.01 and 2.22; ``0.00`` is an empty slot."""
    parts = kode_skpd.split(".")
    pairs = (f"{parts[i]}.{parts[i + 1]}" for i in (0, 2, 4))
    return tuple(b for b in pairs if b != "0.00")


def _skpd(pemda: str, key: str) -> str:
    return _AGENCIES[pemda][key][0]


# Where each government's agencies have their offices: the place of their support lines. Provinces
# sit in their capital city, in another kecamatan than the city's own offices.
_OFFICE = {"64": "64.72.03", "62": "62.71.03", "64.01": "64.01.04", "64.02": "64.02.06",
           "64.71": "64.71.06", "64.72": "64.72.09", "62.71": "62.71.01"}
_NO_SUPPORT = {("64.02", "UPJ")}  # a UPTD's running costs sit in its dinas' budget


# --- plan documents, targets and indicators --------------------------------------------------

_PERIOD = (2025, 2029)
_DOKUMEN = (
    ("RPJMN-2025-2029", "RPJMN", NATIONAL, "RPJMN 2025-2029 (Perpres 12/2025), Asta Cita"),
    ("RPJMD-64-2025-2029", "RPJMD", "64", "RPJMD Provinsi Kalimantan Timur 2025-2029: Kaltim Sukses Menuju Generasi Emas"),
    ("RPJMD-62-2025-2029", "RPJMD", "62", "RPJMD Provinsi Kalimantan Tengah 2025-2029: Kalteng Berkah, Maju, Bermartabat"),
    ("RPJMD-64.01-2025-2029", "RPJMD", "64.01", "RPJMD Kabupaten Paser 2025-2029"),
    ("RPJMD-64.02-2025-2029", "RPJMD", "64.02", "RPJMD Kabupaten Kutai Kartanegara 2025-2029: Kukar Idaman Terbaik"),
    ("RPJMD-64.71-2025-2029", "RPJMD", "64.71", "RPJMD Kota Balikpapan 2025-2029"),
    ("RPJMD-64.72-2025-2029", "RPJMD", "64.72", "RPJMD Kota Samarinda 2025-2029"),
    ("RPJMD-62.71-2025-2029", "RPJMD", "62.71", "RPJMD Kota Palangka Raya 2025-2029"),
)

# id | jenis | nama | induk | selaras (space separated) | agency key ; the pemda comes from the block
_TARGETS: dict[str, str] = {
    NATIONAL: """
PN02 | pn | Memantapkan pertahanan keamanan dan kemandirian bangsa melalui swasembada pangan, energi dan air | |
PP02.01 | pp | Swasembada Pangan | PN02 |
KP02.01.01 | kp | Peningkatan Produksi dan Produktivitas Pangan | PP02.01 |
KP02.01.02 | kp | Pembangunan dan Rehabilitasi Jaringan Irigasi | PP02.01 |
PP02.02 | pp | Swasembada Air | PN02 |
KP02.02.01 | kp | Peningkatan Akses Air Minum Layak dan Aman | PP02.02 |
PN03 | pn | Meningkatkan lapangan kerja berkualitas, kewirausahaan, industri kreatif dan melanjutkan pengembangan infrastruktur | |
PP03.01 | pp | Pembangunan Infrastruktur Konektivitas | PN03 |
KP03.01.01 | kp | Preservasi dan Peningkatan Kemantapan Jalan Daerah | PP03.01 |
KP03.01.02 | kp | Peningkatan Keselamatan dan Pelayanan Transportasi Darat | PP03.01 |
KP03.01.03 | kp | Pengembangan Angkutan Umum Massal Perkotaan | PP03.01 |
PN04 | pn | Memperkuat pembangunan SDM, sains, teknologi, pendidikan, kesehatan, prestasi olahraga dan kesetaraan gender | |
PP04.01 | pp | Peningkatan Kualitas Pendidikan | PN04 |
KP04.01.01 | kp | Wajib Belajar 13 Tahun | PP04.01 |
KP04.01.02 | kp | Revitalisasi dan Rehabilitasi Satuan Pendidikan | PP04.01 |
PP04.02 | pp | Peningkatan Pelayanan Kesehatan | PN04 |
KP04.02.01 | kp | Percepatan Penurunan Stunting | PP04.02 |
KP04.02.02 | kp | Penguatan Pelayanan Kesehatan Primer dan Rujukan | PP04.02 |
KP04.02.03 | kp | Jaminan Kesehatan Nasional | PP04.02 |
PN06 | pn | Membangun dari desa dan dari bawah untuk pemerataan ekonomi dan pemberantasan kemiskinan | |
PP06.01 | pp | Pengentasan Kemiskinan | PN06 |
KP06.01.01 | kp | Perlindungan Sosial yang Adaptif dan Tepat Sasaran | PP06.01 |
PN07 | pn | Memperkuat reformasi politik, hukum dan birokrasi serta pencegahan dan pemberantasan korupsi | |
PP07.01 | pp | Reformasi Birokrasi | PN07 |
KP07.01.01 | kp | Penguatan Akuntabilitas Kinerja dan Perencanaan Pembangunan | PP07.01 |
PN08 | pn | Memperkuat keselarasan kehidupan yang harmonis dengan lingkungan, alam dan budaya | |
PP08.01 | pp | Peningkatan Kualitas Lingkungan Hidup | PN08 |
KP08.01.01 | kp | Pengelolaan Sampah Terpadu | PP08.01 |
KP08.01.02 | kp | Pengendalian Pencemaran dan Kerusakan Lingkungan | PP08.01 |
""",
    "64": """
KTM-T1 | tujuan | Mewujudkan sumber daya manusia Kaltim yang unggul dan berdaya saing | |
KTM-T2 | tujuan | Mewujudkan ekonomi dan infrastruktur Kaltim yang tangguh dan merata | |
KTM-T3 | tujuan | Mewujudkan lingkungan hidup yang lestari dan tata kelola pemerintahan yang baik | |
KTM-S1 | sasaran | Meningkatnya kualitas dan pemerataan layanan pendidikan | KTM-T1 | KP04.01.01 KP04.01.02 | DIK
KTM-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | KTM-T1 | KP04.02.01 KP04.02.02 | KES
KTM-S3 | sasaran | Meningkatnya perlindungan sosial dan menurunnya kemiskinan | KTM-T1 | KP06.01.01 | SOS
KTM-S4 | sasaran | Meningkatnya ketahanan pangan daerah | KTM-T2 | KP02.01.01 KP02.01.02 | PGN
KTM-S5 | sasaran | Meningkatnya kemantapan jalan provinsi | KTM-T2 | KP03.01.01 | PU
KTM-S6 | sasaran | Meningkatnya keselamatan dan konektivitas transportasi darat | KTM-T2 | KP03.01.02 | HUB
KTM-S8 | sasaran | Meningkatnya akses rumah tangga terhadap air minum layak | KTM-T2 | KP02.02.01 | PU
KTM-S7 | sasaran | Meningkatnya kualitas lingkungan hidup | KTM-T3 | KP08.01.01 KP08.01.02 | LH
KTM-TK | sasaran | Meningkatnya akuntabilitas kinerja dan kualitas perencanaan pembangunan | KTM-T3 | KP07.01.01 | BAP
KTM-GP-DIK | program_unggulan | Gratispol Pendidikan: pendidikan gratis SMA/SMK hingga S3 | KTM-S1 | KP04.01.01 |
KTM-GP-KES | program_unggulan | Gratispol Kesehatan: layanan kesehatan gratis | KTM-S2 | KP04.02.03 |
KTM-JP-JLN | program_unggulan | Jospol Infrastruktur: jalan dan jembatan mantap | KTM-S5 | KP03.01.01 |
KTM-JP-PGN | program_unggulan | Jospol Pangan: hilirisasi pertanian dan pangan | KTM-S4 | KP02.01.01 |
""",
    "62": """
KTG-T1 | tujuan | Meningkatnya kualitas sumber daya manusia Kalimantan Tengah | |
KTG-T2 | tujuan | Meningkatnya perekonomian daerah yang berkelanjutan dan berkeadilan | |
KTG-S1 | sasaran | Meningkatnya akses dan mutu pendidikan | KTG-T1 | KP04.01.01 KP04.01.02 | DIK
KTG-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | KTG-T1 | KP04.02.01 KP04.02.02 | KES
KTG-S6 | sasaran | Meningkatnya perlindungan sosial | KTG-T1 | KP06.01.01 | SOS
KTG-S3 | sasaran | Meningkatnya ketahanan pangan | KTG-T2 | KP02.01.01 KP02.01.02 | TPH
KTG-S4 | sasaran | Meningkatnya kemantapan jalan provinsi | KTG-T2 | KP03.01.01 | PU
KTG-S5 | sasaran | Meningkatnya kualitas lingkungan hidup | KTG-T2 | KP08.01.01 KP08.01.02 | LH
KTG-TK | sasaran | Meningkatnya akuntabilitas kinerja, perencanaan dan inovasi daerah | KTG-T2 | KP07.01.01 | BAP
KTG-HB | program_unggulan | Program Huma Betang | |
KTG-HB-BERMARTABAT | program_unggulan | Huma Betang Bermartabat | KTG-HB | PP06.01 |
KTG-HB-MAJU | program_unggulan | Huma Betang Maju | KTG-HB | PP03.01 |
KTG-HB-MAKMUR | program_unggulan | Huma Betang Makmur | KTG-HB | PP02.01 |
KTG-HB-CERDAS | program_unggulan | Huma Betang Cerdas | KTG-HB | PP04.01 |
KTG-HB-SEHAT | program_unggulan | Huma Betang Sehat | KTG-HB | PP04.02 |
KTG-HB-HARMONI | program_unggulan | Huma Betang Harmoni | KTG-HB | PP08.01 |
""",
    "64.01": """
PSR-T1 | tujuan | Meningkatnya kesejahteraan masyarakat Paser yang merata | |
PSR-S1 | sasaran | Meningkatnya akses dan mutu pendidikan dasar | PSR-T1 | KTM-S1 | DIK
PSR-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | PSR-T1 | KTM-S2 | KES
PSR-S3 | sasaran | Meningkatnya kemantapan jalan kabupaten | PSR-T1 | KTM-S5 | PU
PSR-S4 | sasaran | Menurunnya angka kemiskinan | PSR-T1 | KTM-S3 | SOS
PSR-S5 | sasaran | Meningkatnya pengelolaan sampah | PSR-T1 | KTM-S7 | LH
PSR-TK | sasaran | Meningkatnya akuntabilitas kinerja pemerintah daerah | PSR-T1 | KTM-TK |
""",
    "64.02": """
KKR-T1 | tujuan | Meningkatnya kualitas SDM dan kesejahteraan masyarakat Kukar | |
KKR-T2 | tujuan | Meningkatnya infrastruktur dan kualitas lingkungan penunjang ekonomi daerah | |
KKR-S1 | sasaran | Meningkatnya akses dan mutu pendidikan dasar | KKR-T1 | KTM-S1 | DIK
KKR-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | KKR-T1 | KTM-S2 | KES
KKR-S3 | sasaran | Menurunnya angka kemiskinan | KKR-T1 | KTM-S3 | SOS
KKR-S4 | sasaran | Meningkatnya kemantapan jalan kabupaten | KKR-T2 | KTM-S5 | PU
KKR-S5 | sasaran | Meningkatnya kualitas lingkungan hidup | KKR-T2 | KTM-S7 | LH
KKR-S6 | sasaran | Meningkatnya layanan irigasi kewenangan kabupaten | KKR-T2 | KTM-S4 | PU
KKR-TK | sasaran | Meningkatnya akuntabilitas kinerja dan kualitas perencanaan pembangunan | KKR-T2 | KTM-TK | BAP
""",
    "64.71": """
BPN-T1 | tujuan | Meningkatnya kualitas hidup warga Balikpapan | |
BPN-T2 | tujuan | Meningkatnya kualitas infrastruktur dan lingkungan kota | |
BPN-S1 | sasaran | Meningkatnya akses dan mutu pendidikan dasar | BPN-T1 | KTM-S1 | DIK
BPN-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | BPN-T1 | KTM-S2 | KES
BPN-S6 | sasaran | Meningkatnya pelestarian dan pemajuan kebudayaan daerah | BPN-T1 | | DIK
BPN-S7 | sasaran | Meningkatnya penanganan penyandang masalah kesejahteraan sosial | BPN-T1 | KTM-S3 | SOS
BPN-S3 | sasaran | Meningkatnya kemantapan jalan kota | BPN-T2 | KTM-S5 | PU
BPN-S4 | sasaran | Meningkatnya pengelolaan sampah | BPN-T2 | KTM-S7 | LH
BPN-S5 | sasaran | Meningkatnya kinerja lalu lintas dan angkutan jalan | BPN-T2 | KTM-S6 | HUB
BPN-TK | sasaran | Meningkatnya akuntabilitas kinerja pemerintah kota | BPN-T2 | KTM-TK |
""",
    "64.72": """
SMD-T1 | tujuan | Meningkatnya kualitas sumber daya manusia Samarinda | |
SMD-T2 | tujuan | Meningkatnya kualitas infrastruktur dan lingkungan kota | |
SMD-S1 | sasaran | Meningkatnya akses dan mutu pendidikan | SMD-T1 | KTM-S1 | DIK
SMD-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | SMD-T1 | KTM-S2 | KES
SMD-S6 | sasaran | Meningkatnya perlindungan sosial | SMD-T1 | KTM-S3 | SOS
SMD-S3 | sasaran | Meningkatnya kemantapan jalan kota | SMD-T2 | KTM-S5 | PU
SMD-S4 | sasaran | Meningkatnya kualitas lingkungan hidup dan pengelolaan sampah | SMD-T2 | KTM-S7 | LH
SMD-S5 | sasaran | Meningkatnya kinerja lalu lintas dan angkutan jalan | SMD-T2 | KTM-S6 | HUB
SMD-S7 | sasaran | Meningkatnya ketersediaan ruang terbuka hijau publik | SMD-T2 | KTM-S7 | PU
SMD-TK | sasaran | Meningkatnya akuntabilitas kinerja pemerintah kota | SMD-T2 | KTM-TK |
""",
    "62.71": """
PKY-T1 | tujuan | Meningkatnya kualitas hidup warga Palangka Raya | |
PKY-S1 | sasaran | Meningkatnya akses dan mutu pendidikan dasar | PKY-T1 | KTG-S1 | DIK
PKY-S2 | sasaran | Meningkatnya derajat kesehatan masyarakat | PKY-T1 | KTG-S2 | KES
PKY-S3 | sasaran | Meningkatnya kemantapan jalan kota | PKY-T1 | KTG-S4 | PU
PKY-S4 | sasaran | Meningkatnya pengelolaan sampah | PKY-T1 | KTG-S5 | LH
PKY-S5 | sasaran | Meningkatnya perlindungan sosial | PKY-T1 | KTG-S6 | SOS
PKY-TK | sasaran | Meningkatnya akuntabilitas kinerja pemerintah kota | PKY-T1 | KTG-TK |
""",
}

# id | milik | nama | satuan | baseline | target 2029 (the years between move in a straight line)
_INDICATORS = """
KTM-T1-I1 | KTM-T1 | Indeks Pembangunan Manusia | poin | 78.2 | 80.2
KTM-T2-I1 | KTM-T2 | Persentase penduduk miskin | persen | 5.78 | 4.5
KTM-T3-I1 | KTM-T3 | Indeks Kualitas Lingkungan Hidup | poin | 78.5 | 80.5
KTM-S1-I1 | KTM-S1 | Rata-rata lama sekolah | tahun | 9.92 | 10.6
KTM-S1-I2 | KTM-S1 | Angka partisipasi kasar SMA/SMK/SLB | persen | 91.4 | 97
KTM-S2-I1 | KTM-S2 | Prevalensi stunting balita | persen | 22.9 | 14
KTM-S2-I2 | KTM-S2 | Persentase fasilitas kesehatan rujukan sesuai standar | persen | 70 | 90
KTM-S3-I1 | KTM-S3 | Persentase PPKS yang memperoleh rehabilitasi sosial dasar dalam panti | persen | 82 | 95
KTM-S4-I1 | KTM-S4 | Produksi padi | ton GKG | 245000 | 290000
KTM-S4-I2 | KTM-S4 | Persentase daerah irigasi kewenangan provinsi dalam kondisi baik | persen | 61 | 75
KTM-S5-I1 | KTM-S5 | Persentase kemantapan jalan provinsi | persen | 71.5 | 85
KTM-S6-I1 | KTM-S6 | Persentase jalan provinsi yang dilengkapi perlengkapan jalan | persen | 48 | 70
KTM-S7-I1 | KTM-S7 | Persentase sampah yang tertangani | persen | 64 | 80
KTM-S7-I2 | KTM-S7 | Indeks Kualitas Tutupan Lahan | poin | 66.3 | 68
KTM-S7-I3 | KTM-S7 | Indeks Kualitas Air | poin | 51.2 | 56
KTM-S8-I1 | KTM-S8 | Persentase rumah tangga dengan akses air minum layak | persen | 88.1 | 96
KTM-TK-I1 | KTM-TK | Nilai SAKIP Pemerintah Provinsi | nilai | 74.1 | 80
KTM-TK-I2 | KTM-TK | Persentase keselarasan program RKPD dengan RPJMD | persen | 85 | 100
KTG-T1-I1 | KTG-T1 | Indeks Pembangunan Manusia | poin | 73.7 | 75.9
KTG-T2-I1 | KTG-T2 | Persentase penduduk miskin | persen | 5.1 | 4.2
KTG-S1-I1 | KTG-S1 | Angka partisipasi kasar SMA/SMK/SLB | persen | 86.5 | 93
KTG-S2-I1 | KTG-S2 | Prevalensi stunting balita | persen | 23.5 | 14
KTG-S3-I1 | KTG-S3 | Produksi padi | ton GKG | 361000 | 480000
KTG-S3-I2 | KTG-S3 | Luas daerah irigasi kewenangan provinsi dalam kondisi baik | ha | 21000 | 32000
KTG-S4-I1 | KTG-S4 | Persentase kemantapan jalan provinsi | persen | 66 | 80
KTG-S5-I1 | KTG-S5 | Persentase sampah yang tertangani di TPA/TPST regional | persen | 41 | 65
KTG-S6-I1 | KTG-S6 | Persentase PPKS dalam panti yang tertangani | persen | 80 | 95
KTG-TK-I1 | KTG-TK | Nilai SAKIP Pemerintah Provinsi | nilai | 70.2 | 78
KTG-TK-I2 | KTG-TK | Indeks Inovasi Daerah | poin | 48 | 60
PSR-T1-I1 | PSR-T1 | Indeks Pembangunan Manusia | poin | 73.4 | 75.5
PSR-S1-I1 | PSR-S1 | Angka partisipasi murni SD dan SMP | persen | 88 | 95
PSR-S2-I1 | PSR-S2 | Prevalensi stunting balita | persen | 24.9 | 14
PSR-S3-I1 | PSR-S3 | Persentase jalan kabupaten dalam kondisi mantap | persen | 58 | 75
PSR-S4-I1 | PSR-S4 | Persentase PPKS yang tertangani | persen | 62 | 85
PSR-S5-I1 | PSR-S5 | Persentase sampah yang tertangani | persen | 55 | 75
PSR-TK-I1 | PSR-TK | Nilai SAKIP Pemerintah Kabupaten | nilai | 66.5 | 75
KKR-T1-I1 | KKR-T1 | Indeks Pembangunan Manusia | poin | 74.9 | 77
KKR-T2-I1 | KKR-T2 | Pertumbuhan ekonomi non-migas | persen | 4.1 | 5.5
KKR-S1-I1 | KKR-S1 | Angka partisipasi murni SD/MI | persen | 97.2 | 99
KKR-S1-I2 | KKR-S1 | Angka partisipasi murni SMP/MTs | persen | 78.6 | 88
KKR-S2-I1 | KKR-S2 | Prevalensi stunting balita | persen | 27.1 | 14
KKR-S2-I2 | KKR-S2 | Persentase puskesmas yang memenuhi standar sarana, prasarana dan alat kesehatan | persen | 64 | 90
KKR-S3-I1 | KKR-S3 | Persentase PPKS yang tertangani | persen | 60 | 85
KKR-S4-I1 | KKR-S4 | Persentase jalan kabupaten dalam kondisi mantap | persen | 55.4 | 72
KKR-S5-I1 | KKR-S5 | Persentase sampah yang tertangani | persen | 52 | 75
KKR-S5-I2 | KKR-S5 | Indeks Kualitas Air | poin | 50.1 | 55
KKR-S6-I1 | KKR-S6 | Persentase jaringan irigasi kabupaten dalam kondisi baik | persen | 58 | 75
KKR-TK-I1 | KKR-TK | Nilai SAKIP Pemerintah Kabupaten | nilai | 71.2 | 78
KKR-TK-I2 | KKR-TK | Persentase keselarasan program RKPD dengan RPJMD | persen | 82 | 100
BPN-T1-I1 | BPN-T1 | Indeks Pembangunan Manusia | poin | 81.6 | 83
BPN-T2-I1 | BPN-T2 | Indeks Kualitas Lingkungan Hidup | poin | 72 | 75
BPN-S1-I1 | BPN-S1 | Angka partisipasi murni SD dan SMP | persen | 90.5 | 96
BPN-S2-I1 | BPN-S2 | Angka kematian bayi per 1.000 kelahiran hidup | per 1.000 KH | 8.2 | 6
BPN-S3-I1 | BPN-S3 | Persentase jalan kota dalam kondisi mantap | persen | 82 | 92
BPN-S4-I1 | BPN-S4 | Persentase sampah yang tertangani | persen | 78 | 90
BPN-S5-I1 | BPN-S5 | Persentase fasilitas perlengkapan jalan yang terpasang | persen | 60 | 85
BPN-S6-I1 | BPN-S6 | Persentase objek pemajuan kebudayaan yang dilestarikan | persen | 35 | 60
BPN-S7-I1 | BPN-S7 | Persentase PPKS yang tertangani | persen | 70 | 90
BPN-TK-I1 | BPN-TK | Nilai SAKIP Pemerintah Kota | nilai | 77.3 | 82
SMD-T1-I1 | SMD-T1 | Indeks Pembangunan Manusia | poin | 82.3 | 84
SMD-T2-I1 | SMD-T2 | Persentase kawasan tergenang | persen | 12 | 6
SMD-S1-I1 | SMD-S1 | Angka partisipasi murni SD dan SMP | persen | 91 | 97
SMD-S2-I1 | SMD-S2 | Prevalensi stunting balita | persen | 24.4 | 14
SMD-S3-I1 | SMD-S3 | Persentase jalan kota dalam kondisi mantap | persen | 74 | 88
SMD-S4-I1 | SMD-S4 | Persentase sampah yang tertangani | persen | 68 | 85
SMD-S4-I2 | SMD-S4 | Indeks Kualitas Air | poin | 48.6 | 54
SMD-S5-I1 | SMD-S5 | Persentase fasilitas perlengkapan jalan yang terpasang | persen | 55 | 80
SMD-S6-I1 | SMD-S6 | Persentase PPKS yang tertangani | persen | 65 | 88
SMD-S7-I1 | SMD-S7 | Persentase ruang terbuka hijau publik terhadap luas kota | persen | 8.5 | 12
SMD-TK-I1 | SMD-TK | Nilai SAKIP Pemerintah Kota | nilai | 72.5 | 80
PKY-T1-I1 | PKY-T1 | Indeks Pembangunan Manusia | poin | 81 | 82.8
PKY-S1-I1 | PKY-S1 | Angka partisipasi murni SD dan SMP | persen | 89 | 96
PKY-S2-I1 | PKY-S2 | Prevalensi stunting balita | persen | 19.8 | 12
PKY-S3-I1 | PKY-S3 | Persentase jalan kota dalam kondisi mantap | persen | 69 | 84
PKY-S4-I1 | PKY-S4 | Persentase sampah yang tertangani | persen | 61 | 80
PKY-S5-I1 | PKY-S5 | Persentase PPKS yang tertangani | persen | 66 | 88
PKY-TK-I1 | PKY-TK | Nilai SAKIP Pemerintah Kota | nilai | 70.4 | 78
"""

_TK = {"64": "KTM-TK-I1", "62": "KTG-TK-I1", "64.01": "PSR-TK-I1", "64.02": "KKR-TK-I1",
       "64.71": "BPN-TK-I1", "64.72": "SMD-TK-I1", "62.71": "PKY-TK-I1"}
"""Each government's accountability indicator, which its support programmes support (SAKIP)."""

# --- nomenclature: code | name (| keluaran | satuan for a sub kegiatan) ----------------------
# Kegiatan and sub kegiatan codes carry their level digit; the support programme (X.XX.01) is
# filled in per agency.

_SUPPORT_KEGIATAN = {
    "01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "02": "Administrasi Keuangan Perangkat Daerah",
    "06": "Administrasi Umum Perangkat Daerah",
    "08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "10": "Peningkatan Pelayanan BLUD",
}
_SUPPORT_LINES = (
    ("01", "0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Jumlah Dokumen Perencanaan Perangkat Daerah", "Dokumen"),
    ("02", "0001", "Penyediaan Gaji dan Tunjangan ASN", "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "Orang/Bulan"),
    ("06", "0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "Laporan"),
    ("08", "0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "Laporan"),
)
_BLUD_LINE = ("10", "0001", "Pelayanan dan Penunjang Pelayanan BLUD", "Jumlah BLUD yang Menyediakan Pelayanan dan Penunjang Pelayanan", "Unit Kerja")

_NOMENCLATURE_TEXT = """
1.01.02 | Program Pengelolaan Pendidikan
1.01.03 | Program Pengembangan Kurikulum
1.01.02.1.01 | Pengelolaan Pendidikan Sekolah Menengah Atas
1.01.02.1.02 | Pengelolaan Pendidikan Sekolah Menengah Kejuruan
1.01.02.1.03 | Pengelolaan Pendidikan Khusus
1.01.02.2.01 | Pengelolaan Pendidikan Sekolah Dasar
1.01.02.2.02 | Pengelolaan Pendidikan Sekolah Menengah Pertama
1.01.02.2.03 | Pengelolaan Pendidikan Anak Usia Dini (PAUD)
1.01.02.2.04 | Pengelolaan Pendidikan Nonformal/Kesetaraan
1.01.03.2.01 | Penetapan Kurikulum Muatan Lokal Pendidikan Dasar
1.01.02.1.01.0001 | Pembangunan Unit Sekolah Baru (USB) | Jumlah Unit Sekolah Baru yang Dibangun | Unit
1.01.02.1.01.0014 | Pembangunan Sarana, Prasarana dan Utilitas Sekolah | Jumlah Sarana, Prasarana dan Utilitas Sekolah yang Dibangun | Unit
1.01.02.1.01.0021 | Penyediaan Biaya Personil Peserta Didik Sekolah Menengah Atas | Jumlah Peserta Didik SMA yang Mendapatkan Biaya Personil | Orang
1.01.02.1.01.0029 | Pengelolaan Dana BOS Sekolah Menengah Atas | Jumlah Satuan Pendidikan SMA yang Mengelola Dana BOS | Unit
1.01.02.1.01.0036 | Pengadaan Mebel Sekolah | Jumlah Paket Mebel Sekolah yang Disediakan | Paket
1.01.02.1.01.0047 | Pembangunan Ruang Kelas Baru | Jumlah Ruang Kelas Baru yang Dibangun | Unit
1.01.02.1.02.0014 | Pembangunan Sarana, Prasarana dan Utilitas Sekolah | Jumlah Sarana, Prasarana dan Utilitas SMK yang Dibangun | Unit
1.01.02.1.02.0021 | Penyediaan Biaya Personil Peserta Didik Sekolah Menengah Kejuruan | Jumlah Peserta Didik SMK yang Mendapatkan Biaya Personil | Orang
1.01.02.1.03.0001 | Penyediaan Biaya Personil Peserta Didik Pendidikan Khusus | Jumlah Peserta Didik Pendidikan Khusus yang Mendapatkan Biaya Personil | Orang
1.01.02.2.01.0001 | Pembangunan Unit Sekolah Baru (USB) | Jumlah Unit Sekolah Baru yang Dibangun | Unit
1.01.02.2.01.0003 | Pembangunan Ruang Guru/Kepala Sekolah/TU | Jumlah Ruang Guru/Kepala Sekolah/TU yang Dibangun | Unit
1.01.02.2.01.0005 | Pembangunan Perpustakaan Sekolah | Jumlah Perpustakaan Sekolah yang Dibangun | Unit
1.01.02.2.01.0014 | Pengadaan Mebel Sekolah | Jumlah Paket Mebel Sekolah yang Disediakan | Paket
1.01.02.2.01.0021 | Penyediaan Biaya Personil Peserta Didik Sekolah Dasar | Jumlah Peserta Didik SD yang Mendapatkan Biaya Personil | Orang
1.01.02.2.01.0026 | Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan Sekolah Dasar | Jumlah Pendidik dan Tenaga Kependidikan SD yang Disediakan | Orang
1.01.02.2.01.0029 | Pengelolaan Dana BOS Sekolah Dasar | Jumlah Satuan Pendidikan SD yang Mengelola Dana BOS | Unit
1.01.02.2.01.0047 | Pembangunan Ruang Kelas Baru | Jumlah Ruang Kelas Baru yang Dibangun | Unit
1.01.02.2.01.0051 | Rehabilitasi Sedang/Berat Ruang Kelas Sekolah | Jumlah Ruang Kelas yang Direhabilitasi | Unit
1.01.02.2.02.0006 | Pembangunan Laboratorium | Jumlah Laboratorium yang Dibangun | Unit
1.01.02.2.02.0012 | Pembangunan Sarana, Prasarana dan Utilitas Sekolah | Jumlah Sarana, Prasarana dan Utilitas SMP yang Dibangun | Unit
1.01.02.2.02.0032 | Penyediaan Biaya Personil Peserta Didik Sekolah Menengah Pertama | Jumlah Peserta Didik SMP yang Mendapatkan Biaya Personil | Orang
1.01.02.2.02.0039 | Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan Sekolah Menengah Pertama | Jumlah Pendidik dan Tenaga Kependidikan SMP yang Disediakan | Orang
1.01.02.2.02.0042 | Pengelolaan Dana BOS Sekolah Menengah Pertama | Jumlah Satuan Pendidikan SMP yang Mengelola Dana BOS | Unit
1.01.02.2.03.0002 | Pembangunan Sarana, Prasarana dan Utilitas PAUD | Jumlah Sarana, Prasarana dan Utilitas PAUD yang Dibangun | Unit
1.01.02.2.03.0011 | Penyediaan Biaya Personil Peserta Didik PAUD | Jumlah Peserta Didik PAUD yang Mendapatkan Biaya Personil | Orang
1.01.02.2.03.0018 | Pengelolaan Dana BOP PAUD | Jumlah Satuan PAUD yang Mengelola Dana BOP | Unit
1.01.02.2.04.0017 | Pengelolaan Dana BOP Sekolah Nonformal/Kesetaraan | Jumlah Satuan Pendidikan Nonformal yang Mengelola Dana BOP | Unit
1.01.03.2.01.0003 | Penyediaan Buku Teks Pelajaran Muatan Lokal Pendidikan Dasar | Jumlah Buku Teks Pelajaran Muatan Lokal yang Disediakan | Buku
2.22.02 | Program Pengembangan Kebudayaan
2.22.05 | Program Pelestarian dan Pengelolaan Cagar Budaya
2.22.02.2.01 | Pengelolaan Kebudayaan yang Masyarakat Pelakunya dalam Daerah Kabupaten/Kota
2.22.02.2.03 | Pembinaan Lembaga Adat yang Penganutnya dalam Daerah Kabupaten/Kota
2.22.05.2.02 | Pengelolaan Cagar Budaya Peringkat Kabupaten/Kota
2.22.02.2.01.0001 | Pelindungan, Pengembangan, Pemanfaatan Objek Pemajuan Kebudayaan | Jumlah Objek Pemajuan Kebudayaan yang Dilestarikan | Objek
2.22.02.2.03.0002 | Pembinaan Sumber Daya Manusia, Lembaga, dan Pranata Adat | Jumlah Lembaga Adat yang Dibina | Lembaga
2.22.05.2.02.0001 | Pelindungan Cagar Budaya | Jumlah Cagar Budaya yang Dilindungi | Objek
1.02.02 | Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat
1.02.03 | Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan
1.02.05 | Program Pemberdayaan Masyarakat Bidang Kesehatan
1.02.02.1.01 | Penyediaan Fasilitas Pelayanan, Sarana, Prasarana dan Alat Kesehatan untuk UKP Rujukan, UKM dan UKM Rujukan Tingkat Daerah Provinsi
1.02.02.1.02 | Penyediaan Layanan Kesehatan untuk UKP Rujukan, UKM dan UKM Rujukan Tingkat Daerah Provinsi
1.02.03.1.02 | Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan Tingkat Daerah Provinsi
1.02.02.2.01 | Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota
1.02.02.2.02 | Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
1.02.02.2.03 | Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi
1.02.03.2.02 | Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota
1.02.05.2.01 | Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran serta Masyarakat dan Lintas Sektor Tingkat Daerah Kabupaten/Kota
1.02.02.1.01.0001 | Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya | Jumlah Rumah Sakit yang Dibangun | Unit
1.02.02.1.01.0012 | Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Layanan Kesehatan | Jumlah Alat Kesehatan yang Disediakan | Unit
1.02.02.1.02.0011 | Pengelolaan Jaminan Kesehatan Masyarakat | Jumlah Penduduk yang Dijamin Pembiayaan Kesehatannya | Orang
1.02.02.1.02.0015 | Pengelolaan Pelayanan Kesehatan Gizi Masyarakat | Jumlah Dokumen Hasil Pengelolaan Pelayanan Kesehatan Gizi Masyarakat | Dokumen
1.02.02.1.02.0020 | Pengelolaan Surveilans Kesehatan | Jumlah Dokumen Hasil Pengelolaan Surveilans Kesehatan | Dokumen
1.02.03.1.02.0001 | Peningkatan Kompetensi dan Kualifikasi Sumber Daya Manusia Kesehatan | Jumlah SDM Kesehatan yang Ditingkatkan Kompetensinya | Orang
1.02.02.2.01.0002 | Pembangunan Puskesmas | Jumlah Puskesmas yang Dibangun | Unit
1.02.02.2.01.0006 | Pengembangan Puskesmas | Jumlah Puskesmas yang Ditingkatkan Sarana dan Prasarananya | Unit
1.02.02.2.01.0008 | Rehabilitasi dan Pemeliharaan Rumah Sakit | Jumlah Rumah Sakit yang Direhabilitasi | Unit
1.02.02.2.01.0009 | Rehabilitasi dan Pemeliharaan Puskesmas | Jumlah Puskesmas yang Direhabilitasi | Unit
1.02.02.2.01.0014 | Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan | Jumlah Alat Kesehatan yang Disediakan | Unit
1.02.02.2.01.0022 | Pengembangan Rumah Sakit | Jumlah Rumah Sakit yang Ditingkatkan Sarana dan Prasarananya | Unit
1.02.02.2.01.0023 | Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, Vaksin, Makanan dan Minuman di Fasilitas Kesehatan | Jumlah Paket Obat dan BMHP yang Disediakan | Paket
1.02.02.2.02.0001 | Pengelolaan Pelayanan Kesehatan Ibu Hamil | Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar | Orang
1.02.02.2.02.0003 | Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir | Jumlah Bayi Baru Lahir yang Mendapatkan Pelayanan Kesehatan Sesuai Standar | Orang
1.02.02.2.02.0004 | Pengelolaan Pelayanan Kesehatan Balita | Jumlah Balita yang Mendapatkan Pelayanan Kesehatan Sesuai Standar | Orang
1.02.02.2.02.0011 | Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis | Jumlah Orang Terduga Tuberkulosis yang Mendapatkan Pelayanan Sesuai Standar | Orang
1.02.02.2.02.0015 | Pengelolaan Pelayanan Kesehatan Gizi Masyarakat | Jumlah Dokumen Hasil Pengelolaan Pelayanan Kesehatan Gizi Masyarakat | Dokumen
1.02.02.2.02.0017 | Pengelolaan Pelayanan Kesehatan Lingkungan | Jumlah Dokumen Hasil Pengelolaan Pelayanan Kesehatan Lingkungan | Dokumen
1.02.02.2.02.0020 | Pengelolaan Surveilans Kesehatan | Jumlah Dokumen Hasil Pengelolaan Surveilans Kesehatan | Dokumen
1.02.02.2.02.0025 | Pelayanan Kesehatan Penyakit Menular dan Tidak Menular | Jumlah Orang yang Mendapatkan Pelayanan Kesehatan Penyakit Menular dan Tidak Menular | Orang
1.02.02.2.02.0026 | Pengelolaan Jaminan Kesehatan Masyarakat | Jumlah Penduduk yang Dijamin Pembiayaan Kesehatannya | Orang
1.02.02.2.02.0033 | Operasional Pelayanan Puskesmas | Jumlah Puskesmas yang Beroperasi | Unit
1.02.02.2.02.0048 | Pengelolaan Layanan Imunisasi | Jumlah Dokumen Hasil Pengelolaan Layanan Imunisasi | Dokumen
1.02.03.2.02.0001 | Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar | Jumlah SDM Kesehatan yang Memenuhi Standar | Orang
1.02.05.2.01.0001 | Peningkatan Upaya Promosi Kesehatan, Advokasi, Kemitraan dan Pemberdayaan Masyarakat | Jumlah Dokumen Promosi Kesehatan | Dokumen
1.03.02 | Program Pengelolaan Sumber Daya Air (SDA)
1.03.03 | Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum
1.03.10 | Program Penyelenggaraan Jalan
1.03.12 | Program Penyelenggaraan Penataan Ruang
1.03.02.1.02 | Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya 1000 Ha-3000 Ha dan Daerah Irigasi Lintas Daerah Kabupaten/Kota
1.03.10.1.01 | Penyelenggaraan Jalan Provinsi
1.03.12.1.01 | Penetapan Rencana Tata Ruang Wilayah dan Rencana Rinci Tata Ruang Provinsi
1.03.02.2.02 | Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya di bawah 1000 Ha dalam 1 (Satu) Daerah Kabupaten/Kota
1.03.10.2.01 | Penyelenggaraan Jalan Kabupaten/Kota
1.03.12.2.01 | Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata Ruang (RRTR) Kabupaten/Kota
1.03.02.1.02.0002 | Rehabilitasi Jaringan Irigasi Permukaan | Panjang Jaringan Irigasi Permukaan yang Direhabilitasi | Km
1.03.02.1.02.0003 | Operasi dan Pemeliharaan Jaringan Irigasi Permukaan | Luas Daerah Irigasi yang Dioperasikan dan Dipelihara | Ha
1.03.10.1.01.0049 | Rekonstruksi Jalan | Panjang Jalan yang Direkonstruksi | Km
1.03.10.1.01.0051 | Pemeliharaan Rutin Jalan | Panjang Jalan yang Dipelihara Rutin | Km
1.03.10.1.01.0052 | Pembangunan Jembatan | Panjang Jembatan yang Dibangun | Meter
1.03.10.1.01.0053 | Pembangunan Jalan | Panjang Jalan yang Dibangun | Km
1.03.10.1.01.0055 | Rehabilitasi Jalan | Panjang Jalan yang Direhabilitasi | Km
1.03.12.1.01.0001 | Penyusunan Rencana Tata Ruang Wilayah Provinsi | Jumlah Dokumen RTRW Provinsi | Dokumen
1.03.02.2.02.0002 | Rehabilitasi Jaringan Irigasi Permukaan | Panjang Jaringan Irigasi Permukaan yang Direhabilitasi | Km
1.03.02.2.02.0003 | Operasi dan Pemeliharaan Jaringan Irigasi Permukaan | Luas Daerah Irigasi yang Dioperasikan dan Dipelihara | Ha
1.03.10.2.01.0049 | Rekonstruksi Jalan | Panjang Jalan yang Direkonstruksi | Km
1.03.10.2.01.0050 | Pemeliharaan Berkala Jalan | Panjang Jalan yang Dipelihara Berkala | Km
1.03.10.2.01.0051 | Pemeliharaan Rutin Jalan | Panjang Jalan yang Dipelihara Rutin | Km
1.03.10.2.01.0052 | Pembangunan Jembatan | Panjang Jembatan yang Dibangun | Meter
1.03.10.2.01.0053 | Pembangunan Jalan | Panjang Jalan yang Dibangun | Km
1.03.10.2.01.0054 | Rehabilitasi Jembatan | Panjang Jembatan yang Direhabilitasi | Meter
1.03.10.2.01.0055 | Rehabilitasi Jalan | Panjang Jalan yang Direhabilitasi | Km
1.03.10.2.01.0056 | Pemeliharaan Rutin Jembatan | Panjang Jembatan yang Dipelihara Rutin | Meter
1.03.12.2.01.0001 | Penyusunan Rencana Tata Ruang Wilayah Kabupaten/Kota | Jumlah Dokumen RTRW Kabupaten/Kota | Dokumen
1.06.04 | Program Rehabilitasi Sosial
1.06.05 | Program Perlindungan dan Jaminan Sosial
1.06.06 | Program Penanganan Bencana
1.06.04.1.02 | Rehabilitasi Sosial Dasar Anak Terlantar di dalam Panti
1.06.04.1.03 | Rehabilitasi Sosial Dasar Lanjut Usia Terlantar di dalam Panti
1.06.04.2.01 | Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial
1.06.05.2.02 | Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
1.06.06.2.01 | Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota
1.06.04.1.02.0001 | Penyediaan Permakanan | Jumlah Anak Terlantar yang Mendapatkan Permakanan | Orang
1.06.04.1.03.0005 | Pemberian Pelayanan Perawatan Lanjut Usia | Jumlah Lanjut Usia Terlantar yang Dirawat dalam Panti | Orang
1.06.04.2.01.0001 | Penyediaan Permakanan | Jumlah PPKS yang Mendapatkan Permakanan | Orang
1.06.04.2.01.0004 | Penyediaan Alat Bantu | Jumlah PPKS yang Mendapatkan Alat Bantu | Orang
1.06.04.2.01.0006 | Pemberian Pelayanan Reunifikasi Keluarga | Jumlah PPKS yang Direunifikasi dengan Keluarganya | Orang
1.06.05.2.02.0001 | Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota | Jumlah Rumah Tangga Miskin yang Terdata | Rumah Tangga
1.06.05.2.02.0006 | Fasilitasi Bantuan Sosial Kesejahteraan Keluarga | Jumlah Keluarga Miskin yang Difasilitasi Bantuan Sosial | Keluarga
1.06.06.2.01.0001 | Penyediaan Makanan | Jumlah Korban Bencana yang Mendapatkan Makanan | Orang
1.06.06.2.01.0002 | Penyediaan Sandang | Jumlah Korban Bencana yang Mendapatkan Sandang | Orang
2.11.03 | Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup
2.11.11 | Program Pengelolaan Persampahan
2.11.03.1.01 | Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup Lintas Kabupaten/Kota
2.11.11.1.01 | Penanganan Sampah di TPA/TPST Regional
2.11.03.2.01 | Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup
2.11.11.2.01 | Pengelolaan Sampah
2.11.03.1.01.0001 | Pemantauan Kualitas Lingkungan Hidup Lintas Kabupaten/Kota | Jumlah Titik Pemantauan Kualitas Air, Udara dan Tanah | Titik
2.11.11.1.01.0001 | Penyediaan Sarana dan Prasarana Pengelolaan Sampah di TPA/TPST Regional | Jumlah Sarana dan Prasarana TPA/TPST Regional yang Disediakan | Unit
2.11.03.2.01.0001 | Pemantauan Kualitas Lingkungan Hidup | Jumlah Titik Pemantauan Kualitas Air, Udara dan Tanah | Titik
2.11.11.2.01.0004 | Koordinasi dan Sinkronisasi Pengurangan Sampah | Jumlah Dokumen Koordinasi Pengurangan Sampah | Dokumen
2.11.11.2.01.0006 | Penanganan Sampah dengan Melakukan Pemilahan, Pengumpulan, Pengangkutan, Pengolahan, dan Pemrosesan Akhir | Jumlah Sampah yang Ditangani | Ton
2.11.11.2.01.0009 | Penyediaan Sarana dan Prasarana Pengelolaan Sampah | Jumlah Sarana dan Prasarana Pengelolaan Sampah yang Disediakan | Unit
2.11.11.2.01.0016 | Peningkatan Peran Serta Masyarakat dalam Pengelolaan Sampah | Jumlah Kelompok Masyarakat Peduli Sampah yang Dibina | Kelompok
2.15.02 | Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)
2.15.02.1.02 | Penyediaan Perlengkapan Jalan di Jalan Provinsi
2.15.02.2.02 | Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota
2.15.02.2.03 | Pengelolaan Terminal Penumpang Tipe C
2.15.02.1.02.0001 | Pengadaan dan Pemasangan Perlengkapan Jalan Provinsi | Jumlah Perlengkapan Jalan yang Dipasang | Unit
2.15.02.2.02.0001 | Pengadaan Perlengkapan Jalan | Jumlah Perlengkapan Jalan yang Diadakan | Unit
2.15.02.2.02.0003 | Pemeliharaan Perlengkapan Jalan | Jumlah Perlengkapan Jalan yang Dipelihara | Unit
2.15.02.2.03.0001 | Rehabilitasi dan Pemeliharaan Terminal Penumpang Tipe C | Jumlah Terminal Tipe C yang Direhabilitasi | Unit
3.27.02 | Program Penyediaan dan Pengembangan Sarana Pertanian
3.27.03 | Program Penyediaan dan Pengembangan Prasarana Pertanian
3.27.02.1.02 | Pengawasan Mutu, Penyediaan dan Peredaran Benih Tanaman
3.27.03.1.01 | Penataan Prasarana Pertanian
3.27.02.1.02.0001 | Pengawasan Peredaran Benih Tanaman Pangan | Jumlah Sertifikat Benih yang Diterbitkan | Sertifikat
3.27.03.1.01.0001 | Pembangunan dan Rehabilitasi Jaringan Irigasi Tersier dan Jalan Usaha Tani | Luas Lahan Pertanian yang Terlayani Prasarana | Ha
5.01.02 | Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah
5.01.02.1.01 | Penyusunan Perencanaan dan Pendanaan
5.01.02.2.01 | Penyusunan Perencanaan dan Pendanaan
5.01.02.1.01.0002 | Penyusunan Dokumen Perencanaan Pembangunan Daerah (RPJPD, RPJMD dan RKPD) | Jumlah Dokumen Perencanaan Pembangunan Daerah | Dokumen
5.01.02.1.01.0003 | Analisis Data dan Informasi Perencanaan Pembangunan Daerah | Jumlah Dokumen Hasil Analisis Data Perencanaan | Dokumen
5.01.02.2.01.0002 | Penyusunan Dokumen Perencanaan Pembangunan Daerah (RPJPD, RPJMD dan RKPD) | Jumlah Dokumen Perencanaan Pembangunan Daerah | Dokumen
5.01.02.2.01.0003 | Analisis Data dan Informasi Perencanaan Pembangunan Daerah | Jumlah Dokumen Hasil Analisis Data Perencanaan | Dokumen
5.05.02 | Program Riset dan Inovasi Daerah
5.05.02.1.01 | Penelitian dan Pengembangan Daerah
5.05.02.1.01.0001 | Penelitian dan Pengembangan Inovasi Daerah | Jumlah Dokumen Hasil Penelitian dan Inovasi Daerah | Dokumen
"""


def _table(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("|")] for line in text.strip().splitlines()]


_NOMENCLATURE: dict[str, tuple[str, ...]] = {row[0]: tuple(row[1:]) for row in _table(_NOMENCLATURE_TEXT)}

# --- the Renja lines: agency | code | lokasi | mendukung | options (tahun=, dana=, nama=) -----

_LINES: dict[str, str] = {
    "64": """
DIK | 1.01.02.1.01.0001 | 64.09.04 | KTM-S1-I2
DIK | 1.01.02.1.01.0014 | 64.03.05 64.08.04 | KTM-S1-I2
DIK | 1.01.02.1.01.0021 | 64.03 64.07 64.08 64.09 64.11 | KTM-GP-DIK
DIK | 1.01.02.1.01.0029 | 64.74 | KTM-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.1.01.0047 | 64.07.07 | KTM-S1-I2
DIK | 1.01.02.1.02.0014 | 64.74.02 | KTM-S1-I2
DIK | 1.01.02.1.02.0021 | 64.74 | KTM-GP-DIK
DIK | 1.01.02.1.03.0001 | 64.08.12 | KTM-S1-I2
KES | 1.02.02.1.01.0001 | 64.09.04 | KTM-S2-I2
KES | 1.02.02.1.01.0012 | 64.03.05 64.74.01 | KTM-S2-I2
KES | 1.02.02.1.02.0011 | 64.03 64.07 64.08 64.09 64.11 64.74 | KTM-GP-KES
KES | 1.02.02.1.02.0015 | 64.08 64.11 | KTM-S2-I1
KES | 1.02.02.1.02.0020 | 64.74 | KTM-S2-I1
KES | 1.02.03.1.02.0001 | 64.07 | | dana=PAD
PU | 1.03.10.1.01.0055 | 64.02.08 | KTM-S5-I1 | nama=Rehabilitasi Jalan Ruas Tenggarong - Kota Bangun
PU | 1.03.10.1.01.0053 | 64.08.02 64.08.04 | KTM-JP-JLN
PU | 1.03.10.1.01.0051 | 64.03 64.07 | KTM-S5-I1
PU | 1.03.10.1.01.0052 | 64.11.01 | KTM-JP-JLN
PU | 1.03.10.1.01.0049 | 64.09.02 | KTM-S5-I1
PU | 1.03.02.1.02.0002 | 64.09.03 | KTM-S4-I2
PU | 1.03.02.1.02.0003 | 64.01.05 | KTM-S4-I2
SOS | 1.06.04.1.02.0001 | 64.72.02 | KTM-S3-I1
SOS | 1.06.04.1.03.0005 | 64.72.06 | KTM-S3-I1
LH | 2.11.11.1.01.0001 | 64.09.01 | KTM-S7-I1
LH | 2.11.03.1.01.0001 | 64.03 64.08 | KTM-S7-I3
HUB | 2.15.02.1.02.0001 | 64 | KTM-S6-I1
PGN | 3.27.03.1.01.0001 | 64.02.16 | KTM-S4-I1
PGN | 3.27.02.1.02.0001 | 64.09.03 | KTM-JP-PGN
BAP | 5.01.02.1.01.0002 | 64.72.04 | KTM-TK-I2
BAP | 5.01.02.1.01.0003 | 64.72.04 | KTM-TK-I2
""",
    "62": """
DIK | 1.01.02.1.01.0014 | 62.02.06 62.05.05 | KTG-S1-I1
DIK | 1.01.02.1.01.0029 | 62.01 62.02 | KTG-HB-CERDAS | dana=DAK Non Fisik
DIK | 1.01.02.1.02.0014 | 62.03.02 | KTG-S1-I1
DIK | 1.01.02.1.03.0001 | 62.10.02 | KTG-S1-I1
KES | 1.02.02.1.01.0012 | 62.02.06 | KTG-S2-I1
KES | 1.02.02.1.02.0015 | 62.03 62.11 | KTG-HB-SEHAT
KES | 1.02.02.1.02.0020 | 62.05 | KTG-S2-I1
PU | 1.03.10.1.01.0053 | 62.10.02 | KTG-HB-MAJU
PU | 1.03.10.1.01.0055 | 62.06 |
PU | 1.03.10.1.01.0051 | 62.01 62.02 |
PU | 1.03.02.1.02.0002 | 62.11.01 | KTG-S3-I2
PU | 1.03.02.1.02.0003 | 62.03.16 | KTG-S3-I2
PU | 1.03.12.1.01.0001 | 62 | | dana=PAD
SOS | 1.06.04.1.02.0001 | 62.71.01 | KTG-S6-I1
SOS | 1.06.04.1.03.0005 | 62.71.03 | KTG-HB-BERMARTABAT
LH | 2.11.11.1.01.0001 | 62.02.06 | KTG-S5-I1
LH | 2.11.03.1.01.0001 | 62.11 | KTG-HB-HARMONI
TPH | 3.27.03.1.01.0001 | 62.11.06 62.03.16 | KTG-S3-I1
TPH | 3.27.02.1.02.0001 | 62.11 | KTG-HB-MAKMUR
BAP | 5.01.02.1.01.0002 | 62.71.03 | KTG-TK-I1
BAP | 5.05.02.1.01.0001 | 62.71.03 | KTG-TK-I2
""",
    "64.01": """
DIK | 1.01.02.2.01.0029 | 64.01 | PSR-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.01.0047 | 64.01.06 | PSR-S1-I1
DIK | 1.01.02.2.01.0005 | 64.01.02 | PSR-S1-I1
DIK | 1.01.02.2.02.0042 | 64.01 | PSR-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.02.0039 | 64.01 | PSR-S1-I1
DIK | 1.01.02.2.03.0011 | 64.01 | PSR-S1-I1
DIK | 1.01.02.1.01.0036 | 64.01.04 | KTM-GP-DIK | dana=Bantuan Keuangan Provinsi
KES | 1.02.02.2.01.0006 | 64.01.08 | PSR-S2-I1 | dana=DAK Fisik
KES | 1.02.02.2.01.0014 | 64.01.04 | PSR-S2-I1
KES | 1.02.02.2.02.0003 | 64.01 | PSR-S2-I1
KES | 1.02.02.2.02.0011 | 64.01 | PSR-S2-I1
KES | 1.02.02.2.02.0033 | 64.01 | PSR-S2-I1
KES | 1.02.02.2.02.0017 | 64.01 | PSR-S2-I1
PU | 1.03.10.2.01.0055 | 64.01.03 | PSR-S3-I1
PU | 1.03.10.2.01.0053 | 64.01.07 | PSR-S3-I1
PU | 1.03.10.2.01.0054 | 64.01.01 | PSR-S3-I1
PU | 1.03.10.2.01.0051 | 64.01.04 64.01.05 | PSR-S3-I1
PU | 1.03.12.2.01.0001 | 64.01 | | dana=PAD
SOS | 1.06.04.2.01.0004 | 64.01.04 | PSR-S4-I1
SOS | 1.06.05.2.02.0001 | 64.01 | PSR-S4-I1
LH | 2.11.11.2.01.0006 | 64.01.04 | PSR-S5-I1
LH | 2.11.11.2.01.0009 | 64.01.06 | PSR-S5-I1
""",
    "64.02": """
DIK | 1.01.02.2.01.0001 | 64.02.16 | KKR-S1-I1
DIK | 1.01.02.2.01.0029 | 64.02 | KKR-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.01.0047 | 64.02.13 | KKR-S1-I1
DIK | 1.01.02.2.01.0051 | 64.02.01 64.02.09 | KKR-S1-I1
DIK | 1.01.02.2.01.0021 | 64.02 | KKR-S1-I1
DIK | 1.01.02.2.02.0042 | 64.02 | KKR-S1-I2 | dana=DAK Non Fisik
DIK | 1.01.02.2.02.0006 | 64.02.05 | KKR-S1-I2
DIK | 1.01.02.2.02.0039 | 64.02 | KKR-S1-I2
DIK | 1.01.02.2.03.0018 | 64.02 | KKR-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.03.2.01.0003 | 64.02 | | dana=PAD
DIK | 1.01.02.1.01.0014 | 64.02.06 | KTM-GP-DIK | dana=Bantuan Keuangan Provinsi
KES | 1.02.02.2.01.0002 | 64.02.12 | KKR-S2-I2 | dana=DAK Fisik
KES | 1.02.02.2.01.0009 | 64.02.07 64.02.17 | KKR-S2-I2
KES | 1.02.02.2.01.0023 | 64.02 |
KES | 1.02.02.2.02.0001 | 64.02 | KKR-S2-I1
KES | 1.02.02.2.02.0011 | 64.02 |
KES | 1.02.02.2.02.0015 | 64.02 | KKR-S2-I1
KES | 1.02.02.2.02.0026 | 64.02 | KTM-GP-KES
KES | 1.02.02.2.02.0048 | 64.02 | KKR-S2-I1
KES | 1.02.02.2.02.0020 | 64.02 |
KES | 1.02.05.2.01.0001 | 64.02 | KKR-S2-I1
PU | 1.03.10.2.01.0053 | 64.02.06 | KKR-S4-I1 | nama=Pembangunan Jalan Lingkar Tenggarong
UPJ | 1.03.10.2.01.0055 | 64.02.06 | KKR-S4-I1 | nama=Pembangunan Jln. Lingkar Tenggarong
PU | 1.03.10.2.01.0051 | 64.02.08 | KKR-S4-I1
PU | 1.03.10.2.01.0052 | 64.02.11 | KKR-S4-I1
PU | 1.03.10.2.01.0050 | 64.02.02 64.02.03 | KKR-S4-I1
PU | 1.03.02.2.02.0002 | 64.02.16 | KKR-S6-I1
PU | 1.03.02.2.02.0003 | 64.02.01 64.02.09 | KKR-S6-I1
SOS | 1.06.04.2.01.0001 | 64.02.06 | KKR-S3-I1
SOS | 1.06.05.2.02.0001 | 64.02 | KKR-S3-I1
SOS | 1.06.05.2.02.0006 | 64.02.10 64.02.12 | KKR-S3-I1
SOS | 1.06.06.2.01.0001 | 64.02.14 | | dana=PAD
LH | 2.11.11.2.01.0006 | 64.02.06 64.02.16 | KKR-S5-I1
LH | 2.11.11.2.01.0009 | 64.02.13 | KKR-S5-I1
LH | 2.11.11.2.01.0004 | 64.02 | KKR-S5-I1
LH | 2.11.03.2.01.0001 | 64.02.05 | KKR-S5-I2
BAP | 5.01.02.2.01.0002 | 64.02.06 | KKR-TK-I2
BAP | 5.01.02.2.01.0003 | 64.02.06 | KKR-TK-I2
DIK | 1.01.02.2.01.0029 | 64.02 | KKR-S1-I1 | tahun=2026; dana=DAK Non Fisik
KES | 1.02.02.2.02.0048 | 64.02 | KKR-S2-I1 | tahun=2026
PU | 1.03.10.2.01.0052 | 64.02.11 | KKR-S4-I1 | tahun=2026
LH | 2.11.11.2.01.0006 | 64.02.06 64.02.16 | KKR-S5-I1 | tahun=2026
""",
    "64.71": """
DIK | 1.01.02.2.01.0029 | 64.71 | BPN-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.01.0003 | 64.71.03 | BPN-S1-I1
DIK | 1.01.02.2.01.0001 | 64.71.01 | BPN-S1-I1
DIK | 1.01.02.2.02.0042 | 64.71 | BPN-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.02.0012 | 64.71.05 | BPN-S1-I1
DIK | 1.01.02.2.03.0002 | 64.71.02 | BPN-S1-I1
DIK | 1.01.02.2.04.0017 | 64.71 | BPN-S1-I1 | dana=DAK Non Fisik
DIK | 2.22.02.2.01.0001 | 64.71.06 | BPN-S6-I1
DIK | 2.22.02.2.03.0002 | 64.71 | BPN-S6-I1
DIK | 2.22.05.2.02.0001 | 64.71.02 | BPN-S6-I1
KES | 1.02.02.2.01.0022 | 64.71.04 | BPN-S2-I1
KES | 1.02.02.2.01.0014 | 64.71.03 | BPN-S2-I1
KES | 1.02.02.2.02.0001 | 64.71 | BPN-S2-I1
KES | 1.02.02.2.02.0020 | 64.71 | BPN-S2-I1
KES | 1.02.02.2.02.0026 | 64.71 | BPN-S2-I1
KES | 1.02.02.2.02.0048 | 64.71 | BPN-S2-I1
PU | 1.03.10.2.01.0053 | 64.71.03 | BPN-S3-I1
PU | 1.03.10.2.01.0049 | 64.71.01 | BPN-S3-I1
PU | 1.03.10.2.01.0056 | 64.71.02 | BPN-S3-I1
SOS | 1.06.04.2.01.0006 | 64.71 | BPN-S7-I1
SOS | 1.06.05.2.02.0006 | 64.71.05 | BPN-S7-I1
LH | 2.11.11.2.01.0006 | 64.71 | BPN-S4-I1
LH | 2.11.11.2.01.0016 | 64.71.04 | BPN-S4-I1
LH | 2.11.03.2.01.0001 | 64.71.01 | | dana=PAD
HUB | 2.15.02.2.02.0001 | 64.71.03 | BPN-S5-I1
HUB | 2.15.02.2.03.0001 | 64.71.01 | BPN-S5-I1
""",
    "64.72": """
DIK | 1.01.02.2.01.0029 | 64.72 | SMD-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.01.0047 | 64.72.05 | SMD-S1-I1
DIK | 1.01.02.2.01.0014 | 64.72.07 | SMD-S1-I1
DIK | 1.01.02.2.01.0026 | 64.72 | SMD-S1-I1
DIK | 1.01.02.2.02.0042 | 64.72 | SMD-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.02.0006 | 64.72.01 | SMD-S1-I1
DIK | 1.01.02.2.03.0011 | 64.72 | SMD-S1-I1
DIK | 1.01.02.1.01.0014 | 64.72.04 | SMD-S1-I1 | dana=PAD
KES | 1.02.02.2.01.0014 | 64.72.02 | SMD-S2-I1
KES | 1.02.02.2.01.0006 | 64.72.08 | SMD-S2-I1 | dana=DAK Fisik
KES | 1.02.02.2.02.0004 | 64.72 | SMD-S2-I1
KES | 1.02.02.2.02.0015 | 64.72 | SMD-S2-I1
KES | 1.02.02.2.02.0025 | 64.72 | SMD-S2-I1
KES | 1.02.02.2.02.0026 | 64.72 | SMD-S2-I1
KES | 1.02.03.2.02.0001 | 64.72 | | dana=PAD
RS | 1.02.02.2.01.0014 | 64.72.02 | SMD-S2-I1
RS | 1.02.02.2.01.0022 | 64.72.02 | SMD-S2-I1 | nama=Pembangunan Gedung Rawat Inap RSUD Inche Abdoel Moeis
KES | 1.02.02.2.01.0008 | 64.72.02 | SMD-S2-I1 | nama=Pemb. Gedung Rawat Inap RSUD Inche Abdoel Moeis
PU | 1.03.10.2.01.0053 | 64.72.05 | SMD-S3-I1
PU | 1.03.10.2.01.0055 | 64.72.06 | SMD-S3-I1
PU | 1.03.10.2.01.0051 | 64.72 | SMD-S3-I1
PU | 1.03.10.2.01.0052 | 64.72.02 | SMD-S3-I1
SOS | 1.06.05.2.02.0001 | 64.72 | SMD-S6-I1
SOS | 1.06.05.2.02.0006 | 64.72.07 | SMD-S6-I1
SOS | 1.06.06.2.01.0002 | 64.72.01 | SMD-S6-I1
LH | 2.11.11.2.01.0006 | 64.72 |
LH | 2.11.11.2.01.0009 | 64.72.05 |
LH | 2.11.11.2.01.0004 | 64.72 | SMD-S4-I1
LH | 2.11.03.2.01.0001 | 64.72.03 | SMD-S4-I2
HUB | 2.15.02.2.02.0003 | 64.72.03 | SMD-S5-I1
HUB | 2.15.02.2.03.0001 | 64.72.10 | SMD-S5-I1
""",
    "62.71": """
DIK | 1.01.02.2.01.0029 | 62.71 | | dana=DAK Non Fisik
DIK | 1.01.02.2.01.0001 | 62.71.03 | PKY-S1-I1
DIK | 1.01.02.2.01.0051 | 62.71.01 62.71.04 |
DIK | 1.01.02.2.02.0042 | 62.71 | PKY-S1-I1 | dana=DAK Non Fisik
DIK | 1.01.02.2.02.0032 | 62.71 |
DIK | 1.01.02.2.03.0018 | 62.71 | PKY-S1-I1 | dana=DAK Non Fisik
KES | 1.02.02.2.01.0006 | 62.71.02 | PKY-S2-I1 | dana=DAK Fisik
KES | 1.02.02.2.02.0001 | 62.71 | PKY-S2-I1
KES | 1.02.02.2.02.0015 | 62.71 | PKY-S2-I1
KES | 1.02.02.2.02.0048 | 62.71 | PKY-S2-I1
KES | 1.02.02.2.02.0033 | 62.71 | PKY-S2-I1
PU | 1.03.10.2.01.0053 | 62.71.05 | PKY-S3-I1
PU | 1.03.10.2.01.0051 | 62.71.01 62.71.03 | PKY-S3-I1
PU | 1.03.10.2.01.0052 | 62.71.04 | PKY-S3-I1
SOS | 1.03.10.2.01.0055 | 62.71.02 | PKY-S3-I1
SOS | 1.06.05.2.02.0001 | 62.71 | PKY-S5-I1
SOS | 1.06.05.2.02.0006 | 62.71.03 | PKY-S5-I1
SOS | 1.06.06.2.01.0001 | 62.71.04 | | dana=PAD
LH | 2.11.11.2.01.0006 | 62.71 | PKY-S4-I1
LH | 2.11.11.2.01.0009 | 62.71.03 | PKY-S4-I1
""",
}

# Programmes and kegiatan that carry their own mendukung (SAKIP: a programme has an outcome).
_WORK_SUPPORT = {
    ("64.02", "1.02.02"): ("KKR-S2-I1",),
    ("62.71", "1.01.02"): ("PKY-S1-I1",),
    ("62", "1.03.10"): ("KTG-S4-I1",),
    ("64.72", "2.11.11.2.01"): ("SMD-S4-I1",),
}

# Planned in program_kegiatan but with no Renja line below them (pemda, code, agency key).
_EMPTY_WORK = (
    ("64.02", "1.03.03", "PU"),
    ("64.72", "1.02.02.2.03", "KES"),
)

_TAUTAN = (
    Tautan(dari="64", relasi="bantuan_keuangan", ke="1.01.02.1.01.0014", tahun=YEAR, kode_pemda="64.02"),
    Tautan(dari=NATIONAL, relasi="dak", ke="1.02.02.2.01.0006", tahun=YEAR, kode_pemda="62.71"),
    Tautan(dari="1.02.02.2.02.0015", relasi="mendukung", ke="KP04.02.01", status="usulan", tahun=YEAR,
           kode_pemda="64.02"),
    Tautan(dari="2.11.11.2.01.0009", relasi="mendukung", ke="KTM-S7-I2", status="ditolak", tahun=YEAR,
           kode_pemda="64.72"),
    Tautan(dari="64.72", relasi="kerja_sama", ke="64.02", tahun=YEAR),
)


# --- building the dataset --------------------------------------------------------------------

def _words(cell: str) -> tuple[str, ...]:
    return tuple(cell.split())


def _options(cell: str) -> dict[str, str]:
    pairs = (part.split("=", 1) for part in cell.split(";") if part.strip())
    return {key.strip(): value.strip() for key, value in pairs}


def _pagu(rng: random.Random, name: str) -> float:
    """Rupiah with a heavy tail: salaries and school grants are large, most lines are not."""
    if name.startswith("Penyediaan Gaji"):
        median, spread = 2.4e10, 0.6
    elif "Dana BOS" in name or "Dana BOP" in name or "Jaminan Kesehatan" in name:
        median, spread = 1.2e10, 0.7
    else:
        median, spread = 8.5e8, 1.1
    value = 0.0
    while not 1.2e8 <= value <= 7.5e10:  # redraw rather than clip, so no amount repeats
        value = math.exp(rng.gauss(math.log(median), spread))
    return float(round(value, -3))


_TARGET_RANGE = {"Orang": (150, 25000), "Orang/Bulan": (40, 900), "Km": (2, 45), "Meter": (30, 320),
                 "Ha": (150, 4000), "Ton": (2000, 60000), "Rumah Tangga": (2000, 40000),
                 "Keluarga": (200, 6000)}


def _target(rng: random.Random, satuan: str) -> float:
    low, high = _TARGET_RANGE.get(satuan, (1, 24))
    return float(rng.randint(low, high))


def _default_dana(rng: random.Random, pemda: str) -> str:
    pool = ("PAD", "DBH", "DAU") if "." not in pemda else ("DAU", "PAD", "DAU", "DBH")
    return rng.choice(pool)


def _support_code(bidang: str, level: str, kegiatan: str, sub: str) -> str:
    return f"{bidang}.01.{level}.{kegiatan}.{sub}"


def _lines() -> list[SubKegiatan]:
    rng = random.Random(_SEED)
    rows: list[SubKegiatan] = []
    for pemda, agencies in _AGENCIES.items():
        level = "1" if "." not in pemda else "2"
        for key, (kode_skpd, _) in agencies.items():
            support = () if (pemda, key) in _NO_SUPPORT else (_BLUD_LINE,) if key == "RS" else _SUPPORT_LINES
            for kegiatan, sub, name, keluaran, satuan in support:
                rows.append(SubKegiatan(
                    tahun=YEAR, kode_pemda=pemda, kode_skpd=kode_skpd,
                    kode_sub_giat=_support_code(_bidang(kode_skpd)[0], level, kegiatan, sub),
                    nama_sub_giat=name, pagu=_pagu(rng, name), lokasi=(_OFFICE[pemda],), keluaran=keluaran,
                    target=12.0 if satuan == "Laporan" else _target(rng, satuan), satuan=satuan,
                    sumber_dana=_default_dana(rng, pemda),
                ))
        for agency, code, lokasi, mendukung, *rest in _table(_LINES[pemda]):
            options = _options(rest[0]) if rest else {}
            name, keluaran, satuan = _NOMENCLATURE[code]
            name = options.get("nama", name)
            rows.append(SubKegiatan(
                tahun=int(options.get("tahun", YEAR)), kode_pemda=pemda, kode_skpd=_skpd(pemda, agency),
                kode_sub_giat=code, nama_sub_giat=name, pagu=_pagu(rng, name), lokasi=_words(lokasi),
                keluaran=keluaran, target=_target(rng, satuan), satuan=satuan,
                sumber_dana=options.get("dana") or _default_dana(rng, pemda), mendukung=_words(mendukung),
            ))
    return rows


def _support_name(code: str, level: str) -> str:
    """Names of the support programme (X.XX.01) and its kegiatan, which every bidang shares."""
    parts = code.split(".")
    if len(parts) == 3:
        tier = "Provinsi" if level == "1" else "Kabupaten/Kota"
        return f"Program Penunjang Urusan Pemerintahan Daerah {tier}"
    return _SUPPORT_KEGIATAN[parts[4]]


def _program_kegiatan(lines: list[SubKegiatan]) -> list[ProgramKegiatan]:
    """A row per programme and kegiatan the lines use, owned by the agency holding its bidang.

    Links are planned for the RPJMD's first year only: 2026 rows carry none.
    """
    rows: dict[tuple[str, int, str], ProgramKegiatan] = {}
    for line in lines:
        parts = line.kode_sub_giat.split(".")
        support = parts[2] == "01"
        holder = line.kode_skpd if support else next(
            skpd for skpd, _ in _AGENCIES[line.kode_pemda].values() if line.kode_sub_giat[:4] in _bidang(skpd)
        )
        for code in (".".join(parts[:3]), ".".join(parts[:5])):
            key = (line.kode_pemda, line.tahun, code)
            if key in rows:
                continue
            if line.tahun != YEAR:
                mendukung = ()
            elif support and code.count(".") == 2:
                mendukung = (_TK[line.kode_pemda],)
            else:
                mendukung = _WORK_SUPPORT.get((line.kode_pemda, code), ())
            name = _support_name(code, parts[3]) if support else _NOMENCLATURE[code][0]
            rows[key] = ProgramKegiatan(tahun=line.tahun, kode_pemda=line.kode_pemda, kode=code, nama=name,
                                        kode_skpd=holder, mendukung=mendukung)
    for pemda, code, agency in _EMPTY_WORK:
        rows[(pemda, YEAR, code)] = ProgramKegiatan(tahun=YEAR, kode_pemda=pemda, kode=code,
                                                    nama=_NOMENCLATURE[code][0], kode_skpd=_skpd(pemda, agency))
    return sorted(rows.values(), key=lambda r: (r.kode_pemda, r.tahun, r.kode))


def _goals() -> tuple[list[Sasaran], list[Indikator]]:
    documents = {d[2]: d[0] for d in _DOKUMEN}
    targets: list[Sasaran] = []
    for pemda, text in _TARGETS.items():
        for ident, jenis, nama, induk, *rest in _table(text):
            selaras = _words(rest[0]) if rest else ()
            agency = rest[1] if len(rest) > 1 and rest[1] else None
            targets.append(Sasaran(
                id=ident, jenis=jenis, kode_pemda=pemda, nama=nama,
                kode=ident[2:] if pemda == NATIONAL else ident.split("-", 1)[1],
                induk=induk or None, selaras=selaras, dokumen=documents[pemda],
                kode_skpd=_skpd(pemda, agency) if agency else None,
            ))
    jenis_of = {t.id: t.jenis.value for t in targets}
    indicators = []
    for ident, milik, nama, satuan, baseline, final in _table(_INDICATORS):
        start, end = float(baseline), float(final)
        step = (end - start) / (_PERIOD[1] - _PERIOD[0] + 1)
        target = {year: round(start + step * (i + 1), 2) for i, year in enumerate(range(_PERIOD[0], _PERIOD[1] + 1))}
        indicators.append(Indikator(
            id=ident, milik=milik, nama=nama, jenis="dampak" if jenis_of[milik] == "tujuan" else "hasil",
            satuan=satuan, baseline=start, target=target,
        ))
    return targets, indicators


def sample_dataset() -> Dataset:
    """The illustrative Kaltim / Kalteng planning dataset (deterministic: same call, same data)."""
    lines = _lines()
    targets, indicators = _goals()
    return Dataset(
        pemda=tuple(Pemda(kode_pemda=k, nama=n, tingkat=t) for k, n, t in _GOVERNMENTS),
        dokumen=tuple(Dokumen(id=i, jenis=j, kode_pemda=p, nama=n, tahun_awal=_PERIOD[0], tahun_akhir=_PERIOD[1])
                      for i, j, p, n in _DOKUMEN),
        perangkat_daerah=tuple(
            PerangkatDaerah(kode_skpd=skpd, nama_skpd=nama, kode_pemda=pemda, bidang=_bidang(skpd))
            for pemda, agencies in _AGENCIES.items() for skpd, nama in agencies.values()
        ),
        sasaran=tuple(targets),
        indikator=tuple(indicators),
        program_kegiatan=tuple(_program_kegiatan(lines)),
        sub_kegiatan=tuple(lines),
        tautan=_TAUTAN,
    )


# --- the ground truth ------------------------------------------------------------------------

def _line(pemda: str, agency: str, code: str, tahun: int = YEAR) -> str:
    return node_id(NodeKind.SUB_KEGIATAN, pemda, tahun, _skpd(pemda, agency), code)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


GROUND_TRUTH: dict[str, list] = {
    "orphans": [
        _line("64", "KES", "1.02.03.1.02.0001"),
        _line("62", "PU", "1.03.12.1.01.0001"),
        _line("64.01", "PU", "1.03.12.2.01.0001"),
        _line("64.02", "DIK", "1.01.03.2.01.0003"),
        _line("64.02", "SOS", "1.06.06.2.01.0001"),
        _line("64.71", "LH", "2.11.03.2.01.0001"),
        _line("64.72", "KES", "1.02.03.2.02.0001"),
        _line("62.71", "SOS", "1.06.06.2.01.0001"),
    ],
    "unaligned": [
        _line("64.71", "DIK", "2.22.02.2.01.0001"),
        _line("64.71", "DIK", "2.22.02.2.03.0002"),
        _line("64.71", "DIK", "2.22.05.2.02.0001"),
    ],
    "unsupported_targets": [
        "sasaran:KTM-S8", "indikator:KTM-S8-I1", "indikator:KTM-S7-I2",
        "sasaran:SMD-S7", "indikator:SMD-S7-I1",
    ],
    "kp_without_regional_link": ["prioritas:KP03.01.03"],
    "program_without_sub_kegiatan": [node_id(NodeKind.PROGRAM, "64.02", YEAR, "1.03.03")],
    "kegiatan_without_sub_kegiatan": [node_id(NodeKind.KEGIATAN, "64.72", YEAR, "1.02.02.2.03")],
    "proposed_links": [(_line("64.02", "KES", "1.02.02.2.02.0015"), "prioritas:KP04.02.01")],
    "rejected_links": [(_line("64.72", "LH", "2.11.11.2.01.0009"), "indikator:KTM-S7-I2")],
    "level_conflicts": [_line("64.72", "DIK", "1.01.02.1.01.0014")],
    "legitimate_bankeu": [
        _line("64.01", "DIK", "1.01.02.1.01.0036"),
        _line("64.02", "DIK", "1.01.02.1.01.0014"),
    ],
    "bidang_conflicts": [_line("62.71", "SOS", "1.03.10.2.01.0055")],
    "family_overlaps": sorted([
        _pair(_line("64", "PU", "1.03.10.1.01.0055"), _line("64.02", "PU", "1.03.10.2.01.0051")),
        _pair(_line("64", "HUB", "2.15.02.1.02.0001"), _line("64.71", "HUB", "2.15.02.2.02.0001")),
        _pair(_line("64", "HUB", "2.15.02.1.02.0001"), _line("64.71", "HUB", "2.15.02.2.03.0001")),
        _pair(_line("64", "HUB", "2.15.02.1.02.0001"), _line("64.72", "HUB", "2.15.02.2.02.0003")),
        _pair(_line("64", "HUB", "2.15.02.1.02.0001"), _line("64.72", "HUB", "2.15.02.2.03.0001")),
    ]),
    "duplicate_codes": [_pair(_line("64.72", "KES", "1.02.02.2.01.0014"), _line("64.72", "RS", "1.02.02.2.01.0014"))],
    "near_duplicate_names": sorted([
        _pair(_line("64.02", "PU", "1.03.10.2.01.0053"), _line("64.02", "UPJ", "1.03.10.2.01.0055")),
        _pair(_line("64.72", "RS", "1.02.02.2.01.0022"), _line("64.72", "KES", "1.02.02.2.01.0008")),
    ]),
}
"""What the analyses must find in the sample, and nothing else. Values are graph node ids
(`graph.schema.node_id`); pairs are sorted tuples; links are (sub kegiatan, target) tuples."""


# --- writing ---------------------------------------------------------------------------------

def _placeholder_cells(path: Path) -> None:
    """Write some support lines as planners receive them, ``X.XX.01...``; loading fills them back."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["sub_kegiatan"]
    header = [cell.value for cell in sheet[1]]
    pemda, code = header.index("kode_pemda"), header.index("kode_sub_giat")
    for row in sheet.iter_rows(min_row=2):
        value = str(row[code].value)
        if str(row[pemda].value) in _PLACEHOLDER_AGENCIES and value.split(".")[2] == "01":
            row[code].value = "X.XX" + value[4:]
    book.save(path)


def _readme(dataset: Dataset) -> str:
    names = {node_id(NodeKind.SUB_KEGIATAN, s.kode_pemda, s.tahun, s.kode_skpd, s.kode_sub_giat): s.nama_sub_giat
             for s in dataset.sub_kegiatan}
    names.update({f"sasaran:{t.id}": t.nama for t in dataset.sasaran})
    names.update({f"prioritas:{t.id}": t.nama for t in dataset.sasaran})
    names.update({f"indikator:{i.id}": i.nama for i in dataset.indikator})
    names.update({node_id(NodeKind.PROGRAM if len(p.kode) == 7 else NodeKind.KEGIATAN, p.kode_pemda, p.tahun, p.kode):
                  p.nama for p in dataset.program_kegiatan})

    def item(value) -> str:
        if isinstance(value, tuple):
            return " **and** ".join(item(v) for v in value)
        return f"`{value}` ({names.get(value, '?')})"

    sections = {key: "\n".join(f"- {item(v)}" for v in values) for key, values in GROUND_TRUTH.items()}
    counts = ", ".join(f"{n} {name}" for name, n in dataset.counts().items())
    template = Template((Path(__file__).with_name("sample_README.md")).read_text(encoding="utf-8"))
    return template.substitute(sections, counts=counts, workbook=SAMPLE_FILE)


def write_sample(directory: str | Path) -> Path:
    """Write ``kaskade-sample.xlsx`` and its README.md into `directory`; return the workbook path."""
    from loaders.write import write_dataset

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    dataset = sample_dataset()
    path = write_dataset(dataset, directory / SAMPLE_FILE)
    _placeholder_cells(path)
    (directory / "README.md").write_text(_readme(dataset), encoding="utf-8")
    return path
