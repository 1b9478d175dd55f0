"""Budget flow without double counting, and the share of pagu aligned nationally."""
from __future__ import annotations

import functools
from collections import defaultdict

import pytest
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from kaskade.sample import sample_dataset
from queries import Filters, aligned_share, budget_flow, orphans
from queries._examples import random_dataset, tiny_graph


@functools.cache
def sample_graph():
    return build_graph(sample_dataset())


def _balance(links):
    into, out = defaultdict(float), defaultdict(float)
    for l in links:
        into[l.target] += l.value
        out[l.source] += l.value
    return into, out


def _check_conservation(G, links):
    into, out = _balance(links)
    lines = {l.target: l.value for l in links if l.target_tier == "sub_kegiatan"}
    assert lines == {n: d["pagu"] for n, d in G.nodes(data=True)
                     if d["kind"] == "sub_kegiatan" and d["pagu"] > 0}
    for node in set(into) & set(out):
        if node.startswith(("kegiatan:", "sasaran:", "prioritas:")):
            assert into[node] == pytest.approx(out[node])
        else:
            assert into[node] <= out[node] * (1 + 1e-9)


def test_sample_flow_counts_every_line_once():
    G = sample_graph()
    links = budget_flow(G)
    _check_conservation(G, links)
    assert sum(l.value for l in links if l.target_tier == "sub_kegiatan") == pytest.approx(
        sum(l.value for l in links if l.source_tier == "program"))


def test_flow_climbs_from_district_target_to_province_target_to_priorities():
    links = {(l.source, l.target): l.value for l in budget_flow(tiny_graph())}
    assert links[("sasaran:KTM-S1", "sasaran:KKR-S1")] == 8e8
    assert links[("prioritas:KP3.1.1", "sasaran:KTM-S1")] == 2.8e9
    assert links[("prioritas:PN3", "prioritas:PP3.1")] == 2.8e9
    assert links[("program:64.02/2025/1.02.02", "kegiatan:64.02/2025/1.02.02.2.02")] == 1e8


def test_root_keeps_only_the_money_below_it():
    links = budget_flow(tiny_graph(), root="sasaran:KKR-S1")
    assert {l.source for l in links if l.target_tier == "program"} == {"sasaran:KKR-S1"}
    assert sum(l.value for l in links if l.target_tier == "sub_kegiatan") == 8e8


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 100_000))
def test_every_goal_passes_on_what_it_receives(seed):
    G = build_graph(random_dataset(seed))
    links = budget_flow(G)
    _check_conservation(G, links)


def test_aligned_share_splits_each_governments_pagu():
    G = sample_graph()
    shares = aligned_share(G)
    assert {s.government for s in shares} >= {"64", "64.02", "62"}
    for s in shares:
        assert s.share_national + s.share_regional + s.share_none == pytest.approx(1.0)
        assert s.pagu_national + s.pagu_regional + s.pagu_none == pytest.approx(s.pagu)
    kota = {s.government: s for s in shares}["64.71"]
    unaligned = sum(o.pagu for o in orphans(G, Filters(pemda="64.71")) if o.reason == "unaligned")
    assert kota.pagu_regional == pytest.approx(unaligned)


def test_aligned_share_of_the_tiny_graph():
    shares = {s.government: s for s in aligned_share(tiny_graph())}
    assert shares["64"].share_national == 1.0
    assert shares["64.02"].pagu_none == 1e8 and shares["64.02"].sub_kegiatan == 4
