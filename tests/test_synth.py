"""The synthetic dataset generator: deterministic, loadable, and shaped like real planning data."""
from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from bench.catalogue import catalogue
from bench.synth import governments, rows, synth_dataset, write_synth
from graph.build import build_graph
from reference import regions
from loaders.load import load
from reference.bidang import bidang_name
from loaders.write import write_dataset
from queries import mandates, orphans, overlaps


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def tier_s():
    return synth_dataset("S")


@pytest.fixture(scope="module")
def graph_s(tier_s):
    return build_graph(tier_s)


def _written(folder: Path, seed: int) -> dict[str, bytes]:
    write_synth("S", folder, seed=seed)
    return _files(folder)


def test_same_seed_same_files_other_seed_other_lines(tmp_path):
    first = _written(tmp_path / "a", 7)
    again = _written(tmp_path / "b", 7)
    other = _written(tmp_path / "c", 8)
    assert first == again
    assert len(first) == 8
    assert first["sub_kegiatan.csv"] != other["sub_kegiatan.csv"]


def test_streamed_csv_equals_write_dataset_of_the_validated_dataset(tmp_path, tier_s):
    """The fast path for tier L writes exactly what loaders.write writes for the Dataset."""
    write_dataset(tier_s, tmp_path / "via_dataset")
    counts = write_synth("S", tmp_path / "streamed")
    assert _files(tmp_path / "streamed") == _files(tmp_path / "via_dataset")
    assert counts == tier_s.counts()


def test_files_load_back_through_validation_unchanged(tmp_path, tier_s):
    write_synth("S", tmp_path / "s")
    assert load(tmp_path / "s") == tier_s


def test_tiers_use_real_governments():
    assert governments("S") == ["64.02"]
    assert governments("M") == ["64", *regions.kabkota_in("64")]
    big = governments("L")
    assert len(big) == 552 and len(set(big)) == 552
    assert sum(1 for g in big if len(g) == 2) == 38
    assert all(regions.exists(g) for g in big)
    with pytest.raises(ValueError, match="tier"):
        governments("XL")


def test_tier_s_counts_in_range(tier_s):
    assert 1800 <= len(tier_s.sub_kegiatan) <= 2300
    assert 30 <= len(tier_s.perangkat_daerah) <= 40
    pn = [s for s in tier_s.sasaran if s.jenis.value == "pn"]
    assert [s.id for s in pn] == [f"PN{n:02d}" for n in range(1, 9)]
    assert {s.kode_pemda for s in tier_s.sub_kegiatan} == {"64.02"}
    assert len({s.kode_skpd for s in tier_s.sub_kegiatan}) == len(tier_s.perangkat_daerah)


def test_agencies_hold_real_bidang_and_run_codes_of_the_nomenclature(tier_s):
    known = set(catalogue().names)
    assert all(bidang_name(b) for a in tier_s.perangkat_daerah for b in a.bidang)
    assert all(s.kode_sub_giat in known for s in tier_s.sub_kegiatan)


def test_places_are_real_regions_inside_the_kabupaten(tier_s):
    places = [p for s in tier_s.sub_kegiatan for p in s.lokasi]
    assert places and all(regions.exists(p) and regions.contains("64.02", p) for p in places)
    tiers = Counter(regions.region(p).tingkat for p in places)
    assert tiers["kabupaten"] > 100 and tiers["kecamatan"] > 100


def test_level_digits_mostly_right_a_few_percent_wrong(tier_s):
    digits = Counter(s.kode_sub_giat.split(".")[3] for s in tier_s.sub_kegiatan)
    wrong = digits["1"] / len(tier_s.sub_kegiatan)
    assert 0.005 < wrong < 0.06


def test_pagu_is_heavy_tailed(tier_s):
    pagu = sorted(s.pagu for s in tier_s.sub_kegiatan)
    top = sum(pagu[-len(pagu) // 100:]) / sum(pagu)
    assert pagu[0] > 0
    assert pagu[-1] > 50 * statistics.median(pagu)
    assert top > 0.1  # the largest 1% of lines hold more than a tenth of the budget


def test_planted_orphans_conflicts_and_overlaps_are_found(graph_s, tier_s):
    lines = len(tier_s.sub_kegiatan)
    found = Counter(o.reason for o in orphans(graph_s))
    assert 0.1 * lines < found["no_outcome"] < 0.6 * lines
    assert found["link_rejected"] > 0 and found["link_proposed"] > 0 and found["unaligned"] > 0
    assert sum(1 for m in mandates(graph_s) if m.reason == "level") > 10
    same = [o for o in overlaps(graph_s) if o.reason == "same_sub_kegiatan"]
    assert same, "twin agencies should run some lines twice"
    assert all(o.a_government == o.b_government == "64.02" for o in same)


def test_tier_m_is_one_province_with_its_districts():
    counted = Counter(table for table, _ in rows("M"))
    assert 19_000 <= counted["sub_kegiatan"] <= 26_000
    assert counted["pemda"] == 12  # national + Kalimantan Timur + its 10 kab/kota
