"""Orphans: exactly the sample's planted ones, each reason; equal to a brute-force networkx check."""
from __future__ import annotations

import functools

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from graph.schema import UP_EDGES, LinkStatus, NodeKind
from kaskade.sample import GROUND_TRUTH, sample_dataset
from queries import Filters, orphans
from queries._examples import random_dataset, tiny_dataset, tiny_graph
from queries.orphans import REASONS
from views.sentences import finding_text


@functools.cache
def sample_graph():
    return build_graph(sample_dataset())


@functools.cache
def sample_orphans():
    return orphans(sample_graph())


@pytest.mark.parametrize("reason, truth", [
    ("no_outcome", "orphans"),
    ("unaligned", "unaligned"),
    ("unsupported_target", "unsupported_targets"),
    ("kp_no_regional_link", "kp_without_regional_link"),
    ("program_empty", "program_without_sub_kegiatan"),
    ("kegiatan_empty", "kegiatan_without_sub_kegiatan"),
])
def test_sample_orphans_are_exactly_the_planted_ones(reason, truth):
    found = sorted(o.id for o in sample_orphans() if o.reason == reason)
    assert found == sorted(GROUND_TRUTH[truth])


@pytest.mark.parametrize("reason, truth", [("link_proposed", "proposed_links"), ("link_rejected", "rejected_links")])
def test_sample_links_not_agreed_are_listed_with_their_target(reason, truth):
    found = sorted((o.id, o.related) for o in sample_orphans() if o.reason == reason)
    assert found == sorted(tuple(pair) for pair in GROUND_TRUTH[truth])


def test_sample_has_no_other_finding():
    assert {o.reason for o in sample_orphans()} <= set(REASONS)
    planted = sum(len(GROUND_TRUTH[k]) for k in (
        "orphans", "unaligned", "unsupported_targets", "kp_without_regional_link", "program_without_sub_kegiatan",
        "kegiatan_without_sub_kegiatan", "proposed_links", "rejected_links"))
    assert len(sample_orphans()) == planted


def test_every_finding_explains_itself_in_both_languages():
    for o in sample_orphans():
        bahasa, english = finding_text(o, "id"), finding_text(o, "en")
        assert bahasa != english
        assert o.name in bahasa and o.name in english


def test_a_proposed_link_counts_only_when_asked():
    ds = tiny_dataset()
    line = ds.sub_kegiatan[2].model_copy(update={"mendukung": ("KKR-I1",), "status": LinkStatus.PROPOSED})
    G = build_graph(ds.model_copy(update={"sub_kegiatan": ds.sub_kegiatan[:2] + (line,) + ds.sub_kegiatan[3:]}))
    nid = "sub_kegiatan:64.02/2025/1.02.0.00.0.00.01.0000/1.02.02.2.02.0020"
    strict = orphans(G)
    loose = orphans(G, include_proposed=True)
    assert (nid, "no_outcome") in {(o.id, o.reason) for o in strict}
    assert nid not in {o.id for o in loose if o.reason in ("no_outcome", "unaligned")}
    for found, counts, says in ((strict, False, "does not count"), (loose, True, "counted as support")):
        proposed = [o for o in found if o.reason == "link_proposed"]
        assert [(o.id, o.related, o.counted) for o in proposed] == [(nid, "indikator:KKR-I1", counts)]
        assert says in finding_text(proposed[0], "en")


def test_filters_limit_the_work_checked():
    G = tiny_graph()
    assert [o.code for o in orphans(G, Filters(bidang="1.03")) if o.reason == "no_outcome"] == []
    assert [o.government for o in orphans(G, Filters(pemda="64")) if o.reason == "unsupported_target"] == []
    assert orphans(G, Filters(year=2030)).to_rows()[0]["reason"] == "unsupported_target"


# --- brute force on random graphs -------------------------------------------------------------

def _up_graph(G, statuses=("disepakati",)):
    H = nx.DiGraph()
    H.add_nodes_from(G)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in {e.value for e in UP_EDGES} and G.nodes[u]["kind"] != NodeKind.REGION:
            if k != "mendukung" or d["status"] in statuses:
                H.add_edge(u, v)
    return H


def _is_outcome(G, n):
    d = G.nodes[n]
    return d["kind"] in ("sasaran", "prioritas") or (d["kind"] == "indikator" and d["jenis"] != "keluaran")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000), st.booleans())
def test_orphans_equal_brute_force_reachability(seed, include_proposed):
    G = build_graph(random_dataset(seed))
    H = _up_graph(G, ("disepakati", "usulan") if include_proposed else ("disepakati",))
    found = orphans(G, include_proposed=include_proposed)
    lines = [n for n, k in G.nodes(data="kind") if k == "sub_kegiatan"]
    above = {n: nx.descendants(H, n) for n in lines}
    no_outcome = {n for n in lines if not any(_is_outcome(G, m) for m in above[n])}
    unaligned = {n for n in lines if n not in no_outcome
                 and not any(G.nodes[m]["kind"] == "prioritas" for m in above[n])}
    funded = [n for n in lines if G.nodes[n]["pagu"] > 0]
    supported = set().union(*(above[n] for n in funded)) if funded else set()
    unsupported = {n for n, d in G.nodes(data=True) if n not in supported
                   and (d["kind"] == "sasaran" or (d["kind"] == "indikator" and d["jenis"] == "hasil"))}
    assert {o.id for o in found if o.reason == "no_outcome"} == no_outcome
    assert {o.id for o in found if o.reason == "unaligned"} == unaligned
    assert {o.id for o in found if o.reason == "unsupported_target"} == unsupported
