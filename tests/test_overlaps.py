"""Overlaps: the sample's planted pairs and nothing else; every pair really shares place, year, family;
family findings are one per pair of governments and kab/kota, and their line pairs are exactly the overlapping ones."""
from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from kaskade.sample import GROUND_TRUTH, sample_dataset
from reference import regions
from queries import Filters, overlaps
from queries._examples import random_dataset, tiny_dataset, tiny_graph
from queries.index import graph_index
from queries.overlaps import overlap_lines, overlap_members
from views.sentences import finding_text, note_text


@functools.cache
def sample_graph():
    return build_graph(sample_dataset())


@functools.cache
def sample_overlaps():
    return overlaps(sample_graph())


def _pairs(G, found):
    return sorted({tuple(sorted(p)) for o in found for p in overlap_lines(G, o)})


@pytest.mark.parametrize("reason, truth", [
    ("family", "family_overlaps"),
    ("same_sub_kegiatan", "duplicate_codes"),
    ("near_duplicate", "near_duplicate_names"),
])
def test_sample_overlaps_are_exactly_the_planted_pairs(reason, truth):
    found = [o for o in sample_overlaps() if o.reason == reason]
    assert _pairs(sample_graph(), found) == sorted(map(tuple, GROUND_TRUTH[truth]))


def test_sample_family_overlaps_are_one_per_pair_of_governments_and_kabkota():
    """As the sample README says: Kaltim and Kukar on roads, Kaltim and Balikpapan, Kaltim and
    Samarinda on transport (the province-wide Dishub line against two district lines each)."""
    family = [o for o in sample_overlaps() if o.reason == "family"]
    assert [(o.family, o.a_government, o.b_government, o.place, o.a_count, o.b_count) for o in family] == [
        ("1.03.10", "64", "64.02", "64.02", 1, 1),
        ("2.15.02", "64", "64.71", "64.71", 1, 2),
        ("2.15.02", "64", "64.72", "64.72", 1, 2)]


def test_sample_findings_carry_pagu_on_both_sides_and_a_reason():
    G = sample_graph()
    for o in sample_overlaps():
        assert finding_text(o, "id") and finding_text(o, "en")
        for lines, count, pagu, gov in ((o.a_lines, o.a_count, o.a_pagu, o.a_government),
                                        (o.b_lines, o.b_count, o.b_pagu, o.b_government)):
            assert count == len(lines) > 0 and pagu > 0
            assert pagu == pytest.approx(sum(G.nodes[n]["pagu"] for n in lines))
            assert {G.nodes[n]["pemda"] for n in lines} == {gov}
    family = [o for o in sample_overlaps() if o.reason == "family"]
    assert all(o.a_government in ("64", "62") and "." in o.b_government for o in family)
    assert "Rp" in finding_text(family[1], "id") and "2 sub kegiatan" in finding_text(family[1], "en")
    assert "IDR" in finding_text(family[1], "en") and "Rp" not in finding_text(family[1], "en")


def test_province_wide_line_overlaps_every_district_and_shares_outcomes():
    G = tiny_graph()
    (found,) = overlaps(G)
    assert (found.reason, found.a_government, found.b_government, found.place) == ("family", "64", "64.02", "64.02")
    assert (found.a_count, found.b_count, found.b_pagu) == (1, 2, 5e8)
    assert found.b_code is None and found.a_code == "1.03.10.1.01.0001"
    assert found.shared_outcomes == ("sasaran:KTM-S1",)
    assert "1 sasaran" in finding_text(found, "id") and "1 shared" in finding_text(found, "en")
    assert len(overlap_lines(G, found)) == 2


def test_a_line_in_two_places_of_one_kabupaten_counts_once():
    ds = tiny_dataset()
    province_line = ds.sub_kegiatan[4].model_copy(update={"lokasi": ("64.02.06", "64.02.06.1002")})
    G = build_graph(ds.model_copy(update={"sub_kegiatan": [*ds.sub_kegiatan[:4], province_line]}))
    (found,) = overlaps(G)
    assert (found.place, found.a_count, found.a_pagu, found.b_count) == ("64.02", 1, 2e9, 2)


def test_threshold_tunes_near_duplicates():
    G = build_graph(sample_dataset())
    loose = overlaps(G, kinds=("near_duplicate",), threshold=70)
    default = overlaps(G, kinds=("near_duplicate",))
    assert len(loose) > len(default) == len(GROUND_TRUTH["near_duplicate_names"])
    assert all(o.score >= 70 for o in loose) and min(o.score for o in loose) < 90


def test_oversized_buckets_are_reported_not_silently_skipped():
    found = overlaps(sample_graph(), kinds=("same_sub_kegiatan", "near_duplicate"), max_pairs=0)
    assert len(found) == 0
    english = [note_text(n, "en") for n in found.notes]
    bahasa = [note_text(n, "id") for n in found.notes]
    assert any("1.02.02.2.01.0014 in 64.72 2025" in n and "not listed" in n for n in english)
    assert any("Near duplicates of" in n for n in english)
    # the notes are data, read in either language: no English in the Bahasa ones
    assert any("1.02.02.2.01.0014 di 64.72 2025" in n and "tidak dicantumkan" in n for n in bahasa)
    assert not [n for n in bahasa if "not listed" in n or "Near duplicates" in n or "province-wide" in n]


def test_filters_and_kinds_select_the_pairs():
    assert overlaps(tiny_graph(), Filters(year=2030)) == ()
    assert overlaps(tiny_graph(), kinds=("same_sub_kegiatan",)) == ()


def _contains(outer, inner):
    return regions.contains(outer, inner)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000))
def test_every_pair_shares_a_place_a_year_and_what_it_claims(seed):
    G = build_graph(random_dataset(seed, lines=40))
    for o in overlaps(G, threshold=80):
        pairs = overlap_lines(G, o)
        assert {a for a, _ in pairs} == set(o.a_lines) and {b for _, b in pairs} == set(o.b_lines)
        for a_id, b_id in pairs:
            a, b = G.nodes[a_id], G.nodes[b_id]
            assert a["tahun"] == b["tahun"] == o.year
            places_a, places_b = a["lokasi"], b["lokasi"]
            assert any(_contains(p, q) or _contains(q, p) for p in places_a for q in places_b)
            assert any(_contains(p, o.place) or _contains(o.place, p) for p in places_a)
            assert any(_contains(q, o.place) or _contains(o.place, q) for q in places_b)
            if o.reason == "family":
                assert a["program"] == b["program"] == o.family and not o.family.endswith(".01")
                assert a["pemda"] == o.a_government == "64" and b["pemda"] == o.b_government != "64"
                assert len(o.place) == 5
            elif o.reason == "same_sub_kegiatan":
                assert a["code"] == b["code"] and (a["pemda"], a["agency"]) != (b["pemda"], b["agency"])
            else:
                assert a["code"] != b["code"] and o.score >= 80


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000))
def test_family_pairs_equal_an_all_pairs_check(seed):
    G = build_graph(random_dataset(seed, lines=40))
    lines = [(n, d) for n, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan"]

    def overlapping(a, b):
        pa, pb = a["lokasi"] or (a["pemda"],), b["lokasi"] or (b["pemda"],)
        return any(_contains(p, q) or _contains(q, p) for p in pa for q in pb)

    expected = {(n, m) for n, a in lines for m, b in lines
                if a["pemda"] == "64" and b["pemda"] != "64" and a["tahun"] == b["tahun"]
                and a["program"] == b["program"] and not a["program"].endswith(".01") and overlapping(a, b)}
    found = overlaps(G, kinds=("family",))
    assert {p for o in found for p in overlap_lines(G, o)} == expected
    keys = [(o.year, o.family, o.a_government, o.b_government, o.place) for o in found]
    assert len(keys) == len(set(keys))


def test_members_for_counting_are_the_lines_of_every_finding():
    G = sample_graph()
    finding, line = overlap_members(G)
    idx = graph_index(G)
    assert len(set(finding.tolist())) == len(sample_overlaps())
    assert sorted(idx.ids[i] for i in line.tolist()) == sorted(n for o in sample_overlaps() for n in o.a_lines + o.b_lines)


def _spatial_lines(*lines):
    from loaders.models import Dataset, PerangkatDaerah, SubKegiatan

    pu = "1.03.0.00.0.00.01.0000"
    return build_graph(Dataset(
        perangkat_daerah=[PerangkatDaerah(kode_skpd=pu, nama_skpd="Dinas PUPR", kode_pemda="64.02", bidang="1.03")],
        sub_kegiatan=[SubKegiatan(tahun=2027, kode_pemda="64.02", kode_skpd=pu, kode_sub_giat=code,
                                  nama_sub_giat=name, pagu=1e8) for code, name in lines]))


def test_official_codes_of_different_names_are_never_near_duplicates():
    """RTRW and RDTR are different work, though their names differ by one word."""
    rtrw, rdtr = ("1.03.12.2.02.0007", "Penyusunan RTRW Kabupaten/Kota"), ("1.03.12.2.02.0005", "Penyusunan RDTR Kabupaten/Kota")
    G = _spatial_lines(rtrw, rdtr)
    assert len(overlaps(G, kinds=("near_duplicate",))) == 0
    # lines named by the planner are compared by those names
    G = _spatial_lines(("1.03.12.2.02.0007", "Penyusunan Dokumen Tata Ruang Tenggarong"),
                       ("1.03.12.2.02.0005", "Penyusunan Dokumen Tata Ruang Tenggarong"))
    assert len(overlaps(G, kinds=("near_duplicate",))) == 1
    # the same names under a code the nomenclature does not list are still paired
    G = _spatial_lines(rtrw, ("1.03.12.2.02.0099", "Penyusunan RTRW Kabupaten/Kota."))
    (found,) = overlaps(G, kinds=("near_duplicate",))
    assert {found.a_code, found.b_code} == {"1.03.12.2.02.0007", "1.03.12.2.02.0099"}
    # without a nomenclature the official pair is paired too
    from loaders.nomenclature import Nomenclature

    assert len(overlaps(_spatial_lines(rtrw, rdtr), kinds=("near_duplicate",),
                        nomenclature=Nomenclature({}, {}, {}))) == 1
