"""A graph of a few nodes for the docstring examples (illustrative, not real plan data).

Kaltim (64) and Kutai Kartanegara (64.02), 2025: a road line linked up to PN 3, a road line
linked to a district sasaran that aligns with nothing, a health line linked to nothing, a
province-wide road line, and a district running an SMA (province-level) kegiatan.
"""
from __future__ import annotations

import networkx as nx

from graph.build import build_graph
from loaders.models import Dataset, Indikator, PerangkatDaerah, Sasaran, SubKegiatan

__all__ = ["tiny_dataset", "tiny_graph", "random_dataset", "PU_KUKAR", "PU_KALTIM"]

PU_KUKAR = "perangkat_daerah:64.02/1.03.0.00.0.00.01.0000"
PU_KALTIM = "perangkat_daerah:64/1.03.0.00.0.00.01.0000"


def tiny_dataset() -> Dataset:
    pu, dinkes, disdik = "1.03.0.00.0.00.01.0000", "1.02.0.00.0.00.01.0000", "1.01.0.00.0.00.01.0000"
    line = dict(tahun=2025)
    return Dataset(
        perangkat_daerah=[
            PerangkatDaerah(kode_skpd=pu, nama_skpd="Dinas PUPR Kukar", kode_pemda="64.02", bidang="1.03"),
            PerangkatDaerah(kode_skpd=dinkes, nama_skpd="Dinas Kesehatan Kukar", kode_pemda="64.02", bidang="1.02"),
            PerangkatDaerah(kode_skpd=disdik, nama_skpd="Dinas Pendidikan Kukar", kode_pemda="64.02", bidang="1.01"),
            PerangkatDaerah(kode_skpd=pu, nama_skpd="Dinas PUPR-PERA Kaltim", kode_pemda="64", bidang="1.03"),
        ],
        sasaran=[
            Sasaran(id="PN3", jenis="pn", nama="Infrastruktur"),
            Sasaran(id="PP3.1", jenis="pp", nama="Konektivitas", induk="PN3"),
            Sasaran(id="KP3.1.1", jenis="kp", nama="Jalan daerah", induk="PP3.1"),
            Sasaran(id="KP3.1.2", jenis="kp", nama="Pelabuhan", induk="PP3.1"),
            Sasaran(id="KTM-S1", jenis="sasaran", kode_pemda="64", nama="Konektivitas Kaltim", selaras="KP3.1.1"),
            Sasaran(id="KKR-S1", jenis="sasaran", kode_pemda="64.02", nama="Jalan mantap Kukar", selaras="KTM-S1"),
            Sasaran(id="KKR-S2", jenis="sasaran", kode_pemda="64.02", nama="Jalan desa Kukar"),
        ],
        indikator=[
            Indikator(id="KKR-I1", milik="KKR-S1", nama="Kemantapan jalan", jenis="hasil", target={2025: 70}),
        ],
        sub_kegiatan=[
            SubKegiatan(**line, kode_pemda="64.02", kode_skpd=pu, kode_sub_giat="1.03.10.2.01.0053",
                        nama_sub_giat="Pembangunan Jalan", pagu=5e8, lokasi="64.02.06", mendukung="KKR-I1"),
            SubKegiatan(**line, kode_pemda="64.02", kode_skpd=pu, kode_sub_giat="1.03.10.2.01.0001",
                        nama_sub_giat="Pemeliharaan Jalan", pagu=0, lokasi="64.02.06", mendukung="KKR-S2"),
            SubKegiatan(**line, kode_pemda="64.02", kode_skpd=dinkes, kode_sub_giat="1.02.02.2.02.0020",
                        nama_sub_giat="Pengelolaan Surveilans Kesehatan", pagu=1e8),
            SubKegiatan(**line, kode_pemda="64.02", kode_skpd=disdik, kode_sub_giat="1.01.02.1.01.0014",
                        nama_sub_giat="Pembangunan Sarana Sekolah", pagu=3e8, mendukung="KKR-S1"),
            SubKegiatan(**line, kode_pemda="64", kode_skpd=pu, kode_sub_giat="1.03.10.1.01.0001",
                        nama_sub_giat="Pembangunan Jalan Provinsi", pagu=2e9, mendukung="KTM-S1"),
        ],
    )


def tiny_graph() -> nx.MultiDiGraph:
    return build_graph(tiny_dataset())


def random_dataset(seed: int, lines: int = 30) -> Dataset:
    """A random but valid dataset for property tests: two governments under Kaltim, a priority
    tree, regional targets aligned at random (always to earlier ones, so no cycles), indicators,
    and `lines` sub kegiatan in a few programme families, places and link statuses."""
    import random

    rng = random.Random(seed)
    govs = {"64": "1", "64.02": "2", "64.72": "2"}
    places = {"64": ["", "64", "64.02", "64.72.02"], "64.02": ["", "64.02.06", "64.02.01"],
              "64.72": ["", "64.72.02", "64.72.05"]}
    agencies = [PerangkatDaerah(kode_skpd=f"1.0{b}.0.00.0.00.01.0000", nama_skpd=f"Dinas {b} {g}", kode_pemda=g,
                                bidang=f"1.0{b}") for g in govs for b in (1, 2, 3)]
    sasaran = [Sasaran(id="PN1", jenis="pn", nama="PN 1"), Sasaran(id="PP1", jenis="pp", nama="PP 1", induk="PN1"),
               Sasaran(id="KP1", jenis="kp", nama="KP 1", induk="PP1"), Sasaran(id="KP2", jenis="kp", nama="KP 2")]
    goal_ids = ["PN1", "PP1", "KP1", "KP2"]
    for k in range(rng.randint(1, 8)):
        gov = rng.choice(list(govs))
        higher = rng.sample(goal_ids, rng.randint(0, 2))
        sasaran.append(Sasaran(id=f"S{k}", jenis=rng.choice(["sasaran", "tujuan"]), kode_pemda=gov,
                               nama=f"Sasaran {k}", selaras=higher))
        goal_ids.append(f"S{k}")
    indikator = [Indikator(id=f"I{k}", milik=rng.choice(goal_ids[4:] or goal_ids), nama=f"Indikator {k}",
                           jenis=rng.choice(["hasil", "hasil", "keluaran", "dampak"])) for k in range(rng.randint(0, 6))]
    refs = goal_ids + [i.id for i in indikator]
    subs = []
    for k in range(lines):
        gov = rng.choice(list(govs))
        family = rng.choice(["1.03.10", "1.02.02", "1.01.02", "1.03.01"])
        level = govs[gov] if rng.random() < 0.9 else rng.choice("12")
        code = f"{family}.{level}.0{rng.randint(1, 2)}.00{rng.randint(10, 13)}"
        lokasi = rng.choice(places[gov])
        subs.append(SubKegiatan(
            tahun=rng.choice([2025, 2026]), kode_pemda=gov, kode_skpd=f"1.0{rng.randint(1, 3)}.0.00.0.00.01.0000",
            kode_sub_giat=code, nama_sub_giat=rng.choice(["Pembangunan Jalan", "Pembangunan Jalan Desa",
                                                          "Pelatihan Guru", "Surveilans"]) + f" {k % 3}",
            pagu=rng.choice([0, 1e8, 5e8]), lokasi=lokasi, mendukung=rng.sample(refs, rng.randint(0, 2)),
            status=rng.choice(["disepakati", "disepakati", "usulan", "ditolak"])))
    unique = {(s.tahun, s.kode_pemda, s.kode_skpd, s.kode_sub_giat): s for s in subs}
    return Dataset(perangkat_daerah=agencies, sasaran=sasaran, indikator=indikator, sub_kegiatan=list(unique.values()))
