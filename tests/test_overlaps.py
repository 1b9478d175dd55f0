"""Overlaps: the sample's planted pairs and nothing else; every pair really shares place, year, family."""
from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from kaskade.sample import GROUND_TRUTH, sample_dataset
from loaders import regions
from queries import Filters, overlaps
from queries._examples import random_dataset, tiny_graph


@functools.cache
def sample_overlaps():
    return overlaps(build_graph(sample_dataset()))


def _pair(o):
    a, b = o.a_id, o.b_id
    return (a, b) if a <= b else (b, a)


@pytest.mark.parametrize("reason, truth", [
    ("family", "family_overlaps"),
    ("same_sub_kegiatan", "duplicate_codes"),
    ("near_duplicate", "near_duplicate_names"),
])
def test_sample_overlaps_are_exactly_the_planted_pairs(reason, truth):
    assert sorted(_pair(o) for o in sample_overlaps() if o.reason == reason) == sorted(map(tuple, GROUND_TRUTH[truth]))


def test_sample_pairs_carry_pagu_on_both_sides_and_a_reason():
    for o in sample_overlaps():
        assert o.a_pagu > 0 and o.b_pagu > 0
        assert o.message_id and o.message_en
    family = [o for o in sample_overlaps() if o.reason == "family"]
    assert all(o.a_government in ("64", "62") and "." in o.b_government for o in family)


def test_province_wide_line_overlaps_every_district_and_shares_outcomes():
    found = overlaps(tiny_graph())
    assert [(o.reason, o.a_government, o.b_government, o.place) for o in found] == [
        ("family", "64", "64.02", "64.02.06"), ("family", "64", "64.02", "64.02.06")]
    linked = [o for o in found if o.b_code == "1.03.10.2.01.0053"][0]
    assert linked.shared_outcomes == ("sasaran:KTM-S1",)


def test_threshold_tunes_near_duplicates():
    G = build_graph(sample_dataset())
    loose = overlaps(G, kinds=("near_duplicate",), threshold=70)
    default = overlaps(G, kinds=("near_duplicate",))
    assert len(loose) > len(default) == len(GROUND_TRUTH["near_duplicate_names"])
    assert all(o.score >= 70 for o in loose) and min(o.score for o in loose) < 90


def test_oversized_buckets_are_reported_not_silently_skipped():
    G = build_graph(sample_dataset())
    found = overlaps(G, kinds=("near_duplicate",), max_bucket=2)
    assert any("not checked" in n for n in found.notes)


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
        a, b = G.nodes[o.a_id], G.nodes[o.b_id]
        assert a["tahun"] == b["tahun"] == o.year
        places_a = a["lokasi"] or (a["pemda"],)
        places_b = b["lokasi"] or (b["pemda"],)
        assert any(_contains(p, q) or _contains(q, p) for p in places_a for q in places_b)
        assert any(_contains(p, o.place) for p in places_a) and any(_contains(q, o.place) for q in places_b)
        if o.reason == "family":
            assert a["program"] == b["program"] == o.family
            assert a["pemda"] == "64" and b["pemda"] != "64"
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
                and a["program"] == b["program"] and overlapping(a, b)}
    assert {(o.a_id, o.b_id) for o in overlaps(G, kinds=("family",))} == expected
