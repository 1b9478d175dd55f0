"""Mandate conflicts: wrong level unless bankeu / DAK pays, a bidang the agency lacks, invalid codes."""
from __future__ import annotations

import functools

import pytest

from graph.build import build_graph
from kaskade.sample import GROUND_TRUTH, sample_dataset
from loaders.models import Dataset, PerangkatDaerah, SubKegiatan, Tautan
from loaders.nomenclature import builtin_nomenclature, load_nomenclature
from queries import Filters, mandates
from queries._examples import tiny_graph
from views.sentences import finding_text


@functools.cache
def sample_conflicts():
    return mandates(build_graph(sample_dataset()))


@pytest.mark.parametrize("reason, truth", [("level", "level_conflicts"), ("bidang", "bidang_conflicts")])
def test_sample_conflicts_are_exactly_the_planted_ones(reason, truth):
    assert sorted(m.id for m in sample_conflicts() if m.reason == reason) == sorted(GROUND_TRUTH[truth])


def test_sample_bankeu_lines_are_legitimate_and_nothing_else_is_flagged():
    ids = {m.id for m in sample_conflicts()}
    assert not ids & set(GROUND_TRUTH["legitimate_bankeu"])
    assert len(sample_conflicts()) == len(GROUND_TRUTH["level_conflicts"]) + len(GROUND_TRUTH["bidang_conflicts"])


def test_level_conflict_says_what_was_expected():
    (m,) = mandates(tiny_graph())
    assert (m.reason, m.expected, m.found, m.government_level) == ("level", "2", "1", "kabupaten")
    assert m.government_name == "Pemerintah Kabupaten Kutai Kartanegara"
    assert "bankeu" in finding_text(m, "en") and "Kutai Kartanegara" in finding_text(m, "id")


DISDIK = "1.01.0.00.0.00.01.0000"


def _sma_line(**extra) -> Dataset:
    line = SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=DISDIK, kode_sub_giat="1.01.02.1.01.0014",
                       nama_sub_giat="Pembangunan Sarana Sekolah", pagu=1e9, **extra.pop("line", {}))
    return Dataset(perangkat_daerah=[PerangkatDaerah(kode_skpd=DISDIK, nama_skpd="Disdik", kode_pemda="64.02",
                                                     bidang="1.01")],
                   sub_kegiatan=[line], **extra)


@pytest.mark.parametrize("dataset, flagged", [
    (_sma_line(), True),
    (_sma_line(line={"sumber_dana": "Bantuan Keuangan Provinsi"}), False),
    (_sma_line(line={"sumber_dana": "DAK Fisik"}), False),
    (_sma_line(tautan=[Tautan(dari="64", relasi="bantuan_keuangan", ke="1.01.02.1.01", kode_pemda="64.02",
                              tahun=2025)]), False),
    (_sma_line(tautan=[Tautan(dari="62", relasi="bantuan_keuangan", ke="1.01.02.1.01", kode_pemda="64.02",
                              tahun=2025)]), True),
    (_sma_line(tautan=[Tautan(dari="64", relasi="bantuan_keuangan", ke="1.01.02", kode_pemda="64.02",
                              tahun=2025)]), False),
])
def test_bankeu_from_own_province_or_dak_makes_a_level_crossing_legitimate(dataset, flagged):
    assert bool([m for m in mandates(build_graph(dataset)) if m.reason == "level"]) is flagged


def test_support_programme_counts_as_the_agencys_own_bidang():
    ds = Dataset(perangkat_daerah=[PerangkatDaerah(kode_skpd=DISDIK, nama_skpd="Disdik", kode_pemda="64.02",
                                                   bidang="1.01")],
                 sub_kegiatan=[SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=DISDIK, kode_sub_giat=code,
                                           nama_sub_giat=name, pagu=1.0)
                               for code, name in (("1.02.01.2.01.0001", "Penyusunan Dokumen"),
                                                  ("1.03.10.2.01.0053", "Pembangunan Jalan"))])
    found = mandates(build_graph(ds))
    assert [(m.reason, m.code, m.expected, m.found) for m in found] == [("bidang", "1.03.10.2.01.0053", "1.01", "1.03")]


def test_codes_checked_against_a_loaded_nomenclature(tmp_path):
    table = tmp_path / "nomenklatur.csv"
    table.write_text(
        "kode,nomenklatur,mulai_tahun,kunci_tahun\n"
        "1.03.10.2.01.0053,Pembangunan Jalan,2020,\n"
        "1.03.10.2.01.0001,Pemeliharaan Jalan,2020,\n"
        "1.02.02.2.02.0020,Pengelolaan Surveilans Kesehatan,2020,2024\n"
        "1.01.02.1.01.0014,Pembangunan Sarana Sekolah,2020,\n"
        "1.03.10.1.01.0001,Pembangunan Jalan Provinsi,2020,\n", encoding="utf-8")
    found = mandates(tiny_graph(), nomenclature=load_nomenclature(table))
    assert [(m.reason, m.code) for m in found if m.reason == "code_invalid"] == [("code_invalid", "1.02.02.2.02.0020")]


def test_filters_select_the_lines_checked():
    assert mandates(tiny_graph(), Filters(pemda="64")) == ()
    assert len(mandates(tiny_graph(), Filters(bidang="1.01"))) == 1


# Special arrangements: level digits 3 to 8 and urusan 9 --------------------------------------

def _special_line(code: str, kode_pemda: str, bidang: str) -> Dataset:
    skpd = f"{bidang}.0.00.0.00.01.0000"
    return Dataset(
        perangkat_daerah=[PerangkatDaerah(kode_skpd=skpd, nama_skpd="Dinas", kode_pemda=kode_pemda, bidang=bidang)],
        sub_kegiatan=[SubKegiatan(tahun=2027, kode_pemda=kode_pemda, kode_skpd=skpd, kode_sub_giat=code,
                                  nama_sub_giat="Baris", pagu=1e9)])


@pytest.mark.parametrize("code, kode_pemda, flagged", [
    ("1.01.07.7.01.0001", "11", False),  # Aceh's dayah, by Aceh
    ("1.01.07.7.01.0001", "11.71", False),  # ... and by Kota Banda Aceh (JENIS PEMDA KABKOT too)
    ("1.01.07.7.01.0001", "64", True),  # not by Kalimantan Timur
    ("1.03.13.5.01.0003", "34.04", False),  # DIY's Kasultanan dan Kadipaten, by Sleman
    ("1.03.13.5.01.0003", "33.01", True),  # not by a kabupaten of Central Java
    ("2.22.09.8.01.0001", "51", False),  # Bali's desa adat: the province
    ("2.22.09.8.01.0001", "51.03", True),  # ... not a kabupaten (JENIS PEMDA PROV only)
    ("1.02.02.3.02.0031", "94", False),  # Papua's level 3, by Papua Tengah (formed from Papua)
    ("1.02.02.3.02.0031", "92", True),  # not by Papua Barat (level 4)
    ("1.02.02.3.02.0031", "94.01", True),  # listed for PROV only
    ("9.01.02.7.01.0001", "11.01", False),  # urusan 9: Aceh's syariat Islam, by an Aceh kabupaten
    ("9.01.02.7.01.0001", "64.02", True),
])
def test_special_arrangements_are_run_by_their_region_and_kind_only(code, kode_pemda, flagged):
    assert code in builtin_nomenclature()
    found = [m for m in mandates(build_graph(_special_line(code, kode_pemda, code[:4]))) if m.reason == "level"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].code == code and found[0].government == kode_pemda
