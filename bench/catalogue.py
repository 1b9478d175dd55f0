"""The fixed tables the synthetic generator draws from: a nomenclature, agency templates, priorities.

The bundled reference has bidang names but not the yearly sub kegiatan table, so the program,
kegiatan and sub kegiatan codes below are synthetic: real bidang, the real support programme
(``01``) and a handful of real codes from the domain primer (``1.03.10.2.01.0053`` Pembangunan
Jalan), the rest numbered the way the decrees number them, with generated names. Same table on
every run: it is the "official" nomenclature, not part of the seeded data.

>>> cat = catalogue()
>>> name_of("1.03.10.2.01.0053")
'Pembangunan Jalan'
>>> all(code.split(".")[3] == "2" for code, _ in cat.sub_kegiatan[("1.02", "2")])
True
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from reference.bidang import bidang_name

__all__ = ["Catalogue", "catalogue", "support", "name_of", "AGENCIES", "PROVINCE_ONLY", "PRIORITIES", "PN_OF_BIDANG"]

# Program 01 of every bidang, as Permendagri 90/2019 lists it: (kegiatan, sub kegiatan, name).
_SUPPORT_KEGIATAN = {
    "01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "02": "Administrasi Keuangan Perangkat Daerah",
    "05": "Administrasi Kepegawaian Perangkat Daerah",
    "06": "Administrasi Umum Perangkat Daerah",
    "07": "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "08": "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "09": "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
}
_SUPPORT_SUB = (
    ("01", "0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
    ("01", "0002", "Koordinasi dan Penyusunan Dokumen RKA-SKPD"),
    ("01", "0003", "Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD"),
    ("01", "0004", "Koordinasi dan Penyusunan DPA-SKPD"),
    ("01", "0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD"),
    ("01", "0007", "Evaluasi Kinerja Perangkat Daerah"),
    ("02", "0001", "Penyediaan Gaji dan Tunjangan ASN"),
    ("02", "0002", "Penyediaan Administrasi Pelaksanaan Tugas ASN"),
    ("02", "0003", "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD"),
    ("02", "0005", "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD"),
    ("02", "0007", "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD"),
    ("05", "0002", "Pengadaan Pakaian Dinas beserta Atribut Kelengkapannya"),
    ("05", "0009", "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi"),
    ("06", "0001", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"),
    ("06", "0002", "Penyediaan Peralatan dan Perlengkapan Kantor"),
    ("06", "0004", "Penyediaan Bahan Logistik Kantor"),
    ("06", "0005", "Penyediaan Barang Cetakan dan Penggandaan"),
    ("06", "0009", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD"),
    ("07", "0002", "Pengadaan Kendaraan Dinas Operasional atau Lapangan"),
    ("07", "0005", "Pengadaan Mebel"),
    ("07", "0006", "Pengadaan Peralatan dan Mesin Lainnya"),
    ("08", "0001", "Penyediaan Jasa Surat Menyurat"),
    ("08", "0002", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"),
    ("08", "0004", "Penyediaan Jasa Pelayanan Umum Kantor"),
    ("09", "0002", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan"),
    ("09", "0009", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya"),
)

# Real codes from the domain primer, so the generated data carries the examples planners know.
_REAL_NAMES = {
    "1.01.02": "Program Pengelolaan Pendidikan",
    "1.01.02.1.01": "Pengelolaan Pendidikan Sekolah Menengah Atas",
    "1.01.02.1.01.0014": "Pembangunan Sarana, Prasarana dan Utilitas Sekolah",
    "1.01.02.2.01": "Pengelolaan Pendidikan Sekolah Dasar",
    "1.01.02.2.01.0001": "Pembangunan Unit Sekolah Baru (USB)",
    "1.01.02.2.01.0029": "Pengelolaan Dana BOS Sekolah Dasar",
    "1.01.02.2.02": "Pengelolaan Pendidikan Sekolah Menengah Pertama",
    "1.01.02.2.02.0042": "Pengelolaan Dana BOS Sekolah Menengah Pertama",
    "1.02.02": "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
    "1.02.02.2.02.0020": "Pengelolaan Surveilans Kesehatan",
    "1.03.02": "Program Pengelolaan Sumber Daya Air (SDA)",
    "1.03.10": "Program Penyelenggaraan Jalan",
    "1.03.10.1.01": "Penyelenggaraan Jalan Provinsi",
    "1.03.10.2.01": "Penyelenggaraan Jalan Kabupaten/Kota",
    "1.03.10.2.01.0053": "Pembangunan Jalan",
    "1.06.04.1.02": "Rehabilitasi Sosial Dasar Anak Terlantar di dalam Panti",
    "2.11.11": "Program Pengelolaan Persampahan",
    "2.11.11.1.01": "Penanganan Sampah di TPA/TPST Regional",
    "2.11.11.2.01": "Pengelolaan Sampah",
    "2.15.02.2.03": "Pengelolaan Terminal Penumpang Tipe C",
}

_PROGRAM_WORDS = ("Pengelolaan", "Pengembangan", "Peningkatan", "Pembinaan dan Pengawasan",
                  "Pemberdayaan", "Penyelenggaraan", "Perencanaan dan Pengendalian", "Perlindungan")
_KEGIATAN_WORDS = ("Pengelolaan", "Penyediaan", "Pembinaan", "Penyelenggaraan", "Pengendalian",
                   "Fasilitasi", "Koordinasi", "Pengembangan")
_OBJECTS = ("Sarana dan Prasarana", "Layanan", "Data dan Informasi", "Kelembagaan",
            "Sumber Daya Manusia", "Perizinan", "Standar Pelayanan", "Kemitraan", "Kawasan",
            "Program Strategis", "Inovasi", "Pengawasan Mutu")
_SUB_WORDS = ("Pembangunan", "Rehabilitasi", "Pengadaan", "Pemeliharaan", "Penyediaan", "Pelatihan",
              "Sosialisasi", "Fasilitasi", "Pendataan", "Penyusunan", "Monitoring dan Evaluasi",
              "Bimbingan Teknis", "Pengembangan", "Pengawasan", "Penyelenggaraan", "Koordinasi")
_SUB_OBJECTS = ("Sarana dan Prasarana", "Gedung Pelayanan", "Peralatan Teknis", "Sistem Informasi",
                "Data Sektoral", "Sumber Daya Manusia", "Kelembagaan", "Standar Pelayanan Minimal",
                "Dokumen Rencana Aksi", "Forum Kemitraan", "Kawasan Percontohan", "Jaringan Distribusi",
                "Laboratorium", "Kendaraan Operasional", "Bahan Ajar", "Sertifikasi", "Perizinan Berusaha",
                "Kampanye Publik", "Pos Pelayanan Terpadu", "Unit Pelaksana Teknis", "Rumah Singgah",
                "Sarana Air Bersih", "Jalan Lingkungan", "Ruang Terbuka Hijau", "Cadangan Pangan",
                "Kelompok Usaha", "Tenaga Pendamping", "Pusat Informasi", "Aplikasi Layanan Digital",
                "Regulasi Daerah")
_SUB_COMPLEMENTS = ("bagi Masyarakat Miskin", "di Daerah Terpencil", "Tingkat Kecamatan", "Berbasis Masyarakat",
                    "bagi Penyandang Disabilitas", "untuk Ibu dan Anak", "bagi Pelaku Usaha Mikro",
                    "di Kawasan Perkotaan", "di Kawasan Perdesaan", "Skala Kabupaten/Kota", "Lintas Sektor",
                    "bagi Generasi Muda", "pada Satuan Pendidikan", "Pascabencana", "Tanggap Darurat",
                    "Ramah Lingkungan", "Berbasis Elektronik", "bagi Aparatur Daerah", "pada Fasilitas Umum",
                    "di Wilayah Pesisir", "di Kawasan Perbatasan", "bagi Kelompok Rentan", "Terpadu", "Mandiri",
                    "Berkelanjutan")
_SCOPE = {"1": "Kewenangan Daerah Provinsi", "2": "Kewenangan Daerah Kabupaten/Kota"}
_LARGE = {"1.01", "1.02", "1.03", "1.04", "2.11", "2.15", "3.27"}


@dataclass(frozen=True)
class Catalogue:
    """Codes by bidang: programs, and substantive sub kegiatan (programs 02+) per level digit."""

    programs: dict[str, tuple[tuple[str, str], ...]]  # bidang -> (program code, name)
    sub_kegiatan: dict[tuple[str, str], tuple[tuple[str, str], ...]]  # (bidang, level) -> (code, name)
    names: dict[str, str]  # every program, kegiatan and sub kegiatan code -> name


def support(bidang: str, level: str) -> tuple[tuple[str, str], ...]:
    """Program 01 sub kegiatan of an agency whose main bidang is `bidang` (the X.XX filled).

    >>> support("5.01", "2")[0]
    ('5.01.01.2.01.0001', 'Penyusunan Dokumen Perencanaan Perangkat Daerah')
    """
    return tuple((f"{bidang}.01.{level}.{k}.{s}", name) for k, s, name in _SUPPORT_SUB)


def _shuffled_pairs(rng: random.Random) -> list[tuple[str, str]]:
    """Every (object, complement) pair once: sub kegiatan of one bidang and level never share
    both, so their names differ by more than a word (few near duplicates, as in the decrees)."""
    pairs = [(o, c) for o in _SUB_OBJECTS for c in _SUB_COMPLEMENTS]
    rng.shuffle(pairs)
    return pairs


@functools.cache
def catalogue() -> Catalogue:
    rng = random.Random("kaskade-synthetic-nomenclature")
    programs: dict[str, tuple[tuple[str, str], ...]] = {}
    subs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    names: dict[str, str] = {}
    forced = {c for c in _REAL_NAMES if len(c.split(".")) >= 3}
    for bidang in PN_OF_BIDANG:
        bname = bidang_name(bidang)
        large = bidang in _LARGE
        unused: dict[str, list[tuple[str, str]]] = {}  # per level: (object, complement) pairs left
        last_program = max([rng.randint(4, 6) if large else rng.randint(2, 5)]
                           + [int(c.split(".")[2]) for c in forced if c.startswith(bidang + ".")])
        names[f"{bidang}.01"] = "Program Penunjang Urusan Pemerintahan Daerah"
        plist = [(f"{bidang}.01", names[f"{bidang}.01"])]
        for level in "12":
            for kk, kname in _SUPPORT_KEGIATAN.items():
                names[f"{bidang}.01.{level}.{kk}"] = kname
            for code, sname in support(bidang, level):
                names[code] = sname
        for p in range(2, last_program + 1):
            pcode = f"{bidang}.{p:02d}"
            names[pcode] = _REAL_NAMES.get(pcode, f"Program {_PROGRAM_WORDS[p % len(_PROGRAM_WORDS)]} {bname}")
            plist.append((pcode, names[pcode]))
            for level in "12":
                fresh = unused.setdefault(level, _shuffled_pairs(rng))
                kegiatan = rng.randint(2, 5) if large else rng.randint(1, 3)
                kegiatan = max([kegiatan] + [int(c.split(".")[4]) for c in forced
                                             if c.startswith(f"{pcode}.{level}.") and len(c.split(".")) >= 5])
                for k in range(1, kegiatan + 1):
                    kcode = f"{pcode}.{level}.{k:02d}"
                    obj = rng.choice(_OBJECTS)
                    names[kcode] = _REAL_NAMES.get(
                        kcode, f"{rng.choice(_KEGIATAN_WORDS)} {obj} {bname} {_SCOPE[level]}")
                    count = rng.randint(6, 20) if large else rng.randint(4, 12)
                    numbers = list(range(1, count + 1))
                    numbers += [int(c[-4:]) for c in forced if c.startswith(kcode + ".") and len(c) == len(kcode) + 5]
                    for s in sorted(set(numbers)):
                        scode = f"{kcode}.{s:04d}"
                        if scode not in _REAL_NAMES:
                            sub_obj, complement = fresh.pop()
                            names[scode] = f"{rng.choice(_SUB_WORDS)} {sub_obj} {complement} ({bname})"
                        else:
                            names[scode] = _REAL_NAMES[scode]
                        subs.setdefault((bidang, level), []).append((scode, names[scode]))
        programs[bidang] = tuple(plist)
    return Catalogue(programs, {k: tuple(v) for k, v in subs.items()}, names)


def name_of(code: str) -> str | None:
    """The catalogue name of a program, kegiatan or sub kegiatan code."""
    return catalogue().names.get(code)


# Agencies of a regional government: (name, bidang held, weight of its workload, twin group).
# Agencies sharing a twin group hold the same main bidang, so some lines are run by both (the
# "duplicated" lines the overlap analysis must find).
AGENCIES: tuple[tuple[str, tuple[str, ...], float, str | None], ...] = (
    ("Dinas Pendidikan dan Kebudayaan", ("1.01", "2.22"), 3.0, None),
    ("Dinas Kesehatan", ("1.02",), 2.5, "1.02"),
    ("Rumah Sakit Umum Daerah", ("1.02",), 1.2, "1.02"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", ("1.03",), 3.0, None),
    ("Dinas Perumahan dan Kawasan Permukiman", ("1.04",), 1.5, None),
    ("Satuan Polisi Pamong Praja", ("1.05",), 0.8, "1.05"),
    ("Badan Penanggulangan Bencana Daerah", ("1.05",), 0.8, "1.05"),
    ("Dinas Sosial", ("1.06",), 1.2, None),
    ("Dinas Tenaga Kerja dan Transmigrasi", ("2.07", "3.32"), 0.8, None),
    ("Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", ("2.08", "2.14"), 0.9, None),
    ("Dinas Ketahanan Pangan", ("2.09",), 0.8, None),
    ("Dinas Pertanahan", ("2.10",), 0.5, None),
    ("Dinas Lingkungan Hidup", ("2.11",), 1.2, None),
    ("Dinas Kependudukan dan Pencatatan Sipil", ("2.12",), 0.7, None),
    ("Dinas Pemberdayaan Masyarakat dan Desa", ("2.13",), 1.0, None),
    ("Dinas Perhubungan", ("2.15",), 1.0, None),
    ("Dinas Komunikasi, Informatika, Statistik dan Persandian", ("2.16", "2.20", "2.21"), 0.8, None),
    ("Dinas Koperasi dan Usaha Kecil Menengah", ("2.17",), 0.7, None),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", ("2.18",), 0.6, None),
    ("Dinas Pemuda dan Olahraga", ("2.19",), 0.6, None),
    ("Dinas Perpustakaan dan Kearsipan", ("2.23", "2.24"), 0.5, None),
    ("Dinas Kelautan dan Perikanan", ("3.25",), 0.8, None),
    ("Dinas Pariwisata", ("3.26",), 0.7, None),
    ("Dinas Pertanian", ("3.27",), 1.5, None),
    ("Dinas Kehutanan", ("3.28",), 0.8, None),
    ("Dinas Energi dan Sumber Daya Mineral", ("3.29",), 0.6, None),
    ("Dinas Perdagangan dan Perindustrian", ("3.30", "3.31"), 0.8, None),
    ("Sekretariat Daerah", ("4.01",), 1.5, None),
    ("Sekretariat DPRD", ("4.02",), 1.0, None),
    ("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", ("5.01", "5.05"), 0.8, None),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", ("5.02",), 0.8, "5.02"),
    ("Badan Pendapatan Daerah", ("5.02",), 0.6, "5.02"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", ("5.03", "5.04"), 0.6, None),
    ("Inspektorat Daerah", ("6.01",), 0.5, None),
    ("Badan Kesatuan Bangsa dan Politik", ("8.01",), 0.5, None),
)
PROVINCE_ONLY = {"3.28", "3.29"}  # forestry and mining are provincial affairs (UU 23/2014)

# RPJMN 2025-2029 Prioritas Nasional (Asta Cita), Perpres 12/2025.
PRIORITIES = (
    "Memperkokoh ideologi Pancasila, demokrasi, dan hak asasi manusia",
    (
        "Memantapkan sistem pertahanan keamanan negara dan mendorong kemandirian bangsa melalui "
        "swasembada pangan, energi, air, ekonomi syariah, ekonomi digital, ekonomi hijau, dan ekonomi biru"
    ),
    (
        "Meningkatkan lapangan kerja yang berkualitas, mendorong kewirausahaan, mengembangkan industri "
        "kreatif, serta melanjutkan pengembangan infrastruktur"
    ),
    (
        "Memperkuat pembangunan sumber daya manusia, sains, teknologi, pendidikan, kesehatan, prestasi "
        "olahraga, kesetaraan gender, serta penguatan peran perempuan, pemuda, dan penyandang disabilitas"
    ),
    "Melanjutkan hilirisasi dan industrialisasi untuk meningkatkan nilai tambah di dalam negeri",
    (
        "Membangun dari desa dan dari bawah untuk pertumbuhan ekonomi, pemerataan ekonomi, dan "
        "pemberantasan kemiskinan"
    ),
    (
        "Memperkuat reformasi politik, hukum, dan birokrasi, serta memperkuat pencegahan dan "
        "pemberantasan korupsi dan narkoba"
    ),
    (
        "Memperkuat penyelarasan kehidupan yang harmonis dengan lingkungan, alam, dan budaya, serta "
        "peningkatan toleransi antarumat beragama"
    ),
)

# Which PN (1-8) a bidang's work most plausibly serves, so aligned chains read sensibly.
PN_OF_BIDANG = {
    "1.01": 4, "1.02": 4, "1.03": 3, "1.04": 3, "1.05": 1, "1.06": 6, "2.07": 3, "2.08": 4,
    "2.09": 2, "2.10": 6, "2.11": 8, "2.12": 7, "2.13": 6, "2.14": 4, "2.15": 3, "2.16": 2,
    "2.17": 3, "2.18": 5, "2.19": 4, "2.20": 7, "2.21": 1, "2.22": 8, "2.23": 4, "2.24": 7,
    "3.25": 2, "3.26": 3, "3.27": 2, "3.28": 8, "3.29": 2, "3.30": 5, "3.31": 5, "3.32": 6,
    "4.01": 7, "4.02": 1, "5.01": 7, "5.02": 7, "5.03": 7, "5.04": 7, "5.05": 4, "6.01": 7,
    "7.01": 6, "8.01": 1,
}
