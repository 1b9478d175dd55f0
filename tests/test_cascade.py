"""Cascade down from a priority or target; line of sight up from a line, with its breaks."""
from __future__ import annotations

import functools

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

from graph.build import build_graph
from graph.schema import UP_EDGES, NodeKind
from kaskade.sample import GROUND_TRUTH, sample_dataset
from queries import Filters, QueryError, cascade, line_of_sight
from queries._examples import random_dataset, tiny_graph
from queries.cascade import TIERS, tier_of


@functools.cache
def sample_graph():
    return build_graph(sample_dataset())


def _up_graph(G):
    H = nx.DiGraph()
    H.add_nodes_from(G)
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in {e.value for e in UP_EDGES} and G.nodes[u]["kind"] != NodeKind.REGION:
            if k != "mendukung" or d["status"] == "disepakati":
                H.add_edge(u, v)
    return H


@pytest.mark.parametrize("root", ["prioritas:PN03", "prioritas:PN04", "sasaran:KTM-S5"])
def test_sample_cascade_totals_count_each_line_once(root):
    G = sample_graph()
    c = cascade(G, root)
    H = _up_graph(G)
    below = nx.ancestors(H, root)
    lines = [n for n in below if G.nodes[n]["kind"] == "sub_kegiatan"]
    assert c[0].id == root and c[0].depth == 0
    assert c[0].pagu_total == pytest.approx(sum(G.nodes[n]["pagu"] for n in lines))
    assert c[0].sub_kegiatan_count == len(lines)
    assert {n.id for n in c if not n.context} == below | {root}
    tiers = [TIERS.index(n.tier) for n in c[1:]]
    assert tiers == sorted(tiers)


def test_cascade_crosses_governments_and_adds_context_rows():
    c = cascade(tiny_graph(), "prioritas:PN3")
    by_id = {n.id: n for n in c}
    assert by_id["sasaran:KKR-S1"].parents == ("sasaran:KTM-S1",)
    assert by_id["sasaran:KKR-S1"].government == "64.02"
    keg = by_id["kegiatan:64.02/2025/1.03.10.2.01"]
    assert keg.context and keg.depth is None and keg.pagu_total == 5e8
    line = by_id["sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"]
    assert set(line.parents) == {"indikator:KKR-I1", "kegiatan:64.02/2025/1.03.10.2.01"}
    assert line.agencies == ("perangkat_daerah:64.02/1.03.0.00.0.00.01.0000",)
    assert [n.id for n in c.children("sasaran:KTM-S1")][:1] == ["sasaran:KKR-S1"]
    assert c.node("sasaran:KKR-S1") == by_id["sasaran:KKR-S1"]  # built on access: equal, not the same object
    with pytest.raises(QueryError, match="tidak ada dalam kaskade"):
        c.node("sasaran:NOPE")


def test_tiers_of_targets_follow_the_government_that_owns_them():
    assert tier_of({"kind": "prioritas", "jenis": "pn"}) == "pn"
    assert tier_of({"kind": "prioritas", "jenis": "proyek_prioritas"}) == "pp_kp"
    assert [tier_of({"kind": "sasaran", "pemda": p}) for p in ("64", "64.71", "00")] == [
        "sasaran_provinsi", "sasaran_kabkota", "pp_kp"]
    assert tier_of({"kind": "indikator"}) == "indikator" and tier_of({"kind": "pemda"}) is None


def test_depth_limits_the_rows_not_the_totals():
    c = cascade(tiny_graph(), "prioritas:PN3", depth=1)
    assert [n.id for n in c] == ["prioritas:PN3", "prioritas:PP3.1"]
    assert c[1].pagu_total == 2.8e9


def test_filters_select_the_work_of_a_cascade():
    c = cascade(tiny_graph(), "prioritas:PN3", filters=Filters(pemda="64"))
    assert c[0].pagu_total == 2e9
    assert not [n for n in c if n.kind == "sub_kegiatan" and n.government != "64"]


@pytest.mark.parametrize("root, fragment", [("prioritas:NOPE", "unknown node id"),
                                            ("wilayah:64", "is not one of")])
def test_unknown_or_wrong_root_is_a_query_error(root, fragment):
    with pytest.raises(QueryError) as err:
        cascade(tiny_graph(), root)
    assert fragment in err.value.message_en


def test_line_of_sight_of_an_unaligned_sample_line_names_the_break():
    G = sample_graph()
    line = GROUND_TRUTH["unaligned"][0]
    los = line_of_sight(G, line)
    assert not los.reaches_national
    ends = {(p.reason, G.nodes[p.end]["kind"]) for p in los.breaks}
    assert ("unaligned", "sasaran") in ends
    unaligned = [p for p in los.paths if p.reason == "unaligned"]
    assert all(G.nodes[p.end]["pemda"] == "64.71" for p in unaligned)


def test_line_of_sight_of_a_linked_line_reaches_the_priorities():
    los = line_of_sight(tiny_graph(), "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053")
    assert los.priorities == ("prioritas:PN3",)
    national = [p for p in los.paths if p.reason == "national"][0]
    assert national.nodes[1:] == ("indikator:KKR-I1", "sasaran:KKR-S1", "sasaran:KTM-S1", "prioritas:KP3.1.1",
                                  "prioritas:PP3.1", "prioritas:PN3")


def test_line_of_sight_stops_at_a_link_not_agreed():
    G = sample_graph()
    line, target = GROUND_TRUTH["proposed_links"][0]
    stops = [p for p in line_of_sight(G, line).paths if p.reason == "link_proposed"]
    assert [(p.end, p.related) for p in stops] == [(line, target)]
    assert any(p.end == target or target in p.nodes
               for p in line_of_sight(G, line, Filters(status=["disepakati", "usulan"])).paths)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 100_000))
def test_line_of_sight_paths_exist_in_the_graph(seed):
    G = build_graph(random_dataset(seed))
    H = _up_graph(G)
    for line in [n for n, k in G.nodes(data="kind") if k == "sub_kegiatan"][:5]:
        los = line_of_sight(G, line)
        for p in los.paths:
            assert p.nodes[0] == line and p.end == p.nodes[-1]
            assert all(H.has_edge(a, b) for a, b in zip(p.nodes, p.nodes[1:]))
            assert (p.reason == "national") == (G.nodes[p.end]["kind"] == "prioritas")
        reached = {m for m in nx.descendants(H, line) if G.nodes[m]["kind"] == "prioritas"}
        assert bool(los.priorities) == bool(reached)


def _totals_by_networkx(G, root, statuses=("disepakati",)):
    """Per node of the cascade below `root`: (pagu, lines, agencies) of the distinct lines below it."""
    H = _up_graph(G)
    lines = [n for n in nx.ancestors(H, root) if G.nodes[n]["kind"] == "sub_kegiatan"]
    keep = nx.ancestors(H, root) | {root}
    work = ("sub_kegiatan", "kegiatan", "program")
    for _ in range(2):  # the kegiatan and programs the work below is part of, as context
        keep |= {v for u in keep if G.nodes[u]["kind"] in work
                 for _, v, k in G.out_edges(u, keys=True) if k == "bagian_dari" and G.nodes[v]["kind"] in work}
    above = {n: nx.descendants(H.subgraph(keep), n) | {n} for n in lines}
    totals = {}
    for v in keep:
        under = [n for n in lines if v in above[n]]
        agencies = {G.nodes[n].get("agency") for n in under} - {None}
        totals[v] = (sum(G.nodes[n]["pagu"] for n in under), len(under), len(agencies))
    return totals


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 100_000), st.sampled_from(["plan", "measured_work", "two_kegiatan", "work_loop"]))
def test_cascade_totals_count_each_line_once_in_any_shape(seed, shape):
    """Totals equal a count over networkx paths, from priorities and from work, for a plan's usual
    shape (work a forest under its goals, summed up the forest) and for shapes a plan should not
    have but a graph can: an indicator measuring a kegiatan (a goal pointing down into work), a sub
    kegiatan part of two kegiatan, a kegiatan and its program part of each other (a loop)."""
    G = build_graph(random_dataset(seed))
    indicators = [n for n, k in G.nodes(data="kind") if k == "indikator"]
    kegiatan = sorted(n for n, k in G.nodes(data="kind") if k == "kegiatan")
    lines = sorted(n for n, k in G.nodes(data="kind") if k == "sub_kegiatan")
    if shape == "measured_work" and indicators and kegiatan:
        G.add_edge(indicators[0], kegiatan[seed % len(kegiatan)], key="mengukur", kind="mengukur")
    if shape == "two_kegiatan" and len(kegiatan) > 1 and lines:
        line = lines[seed % len(lines)]
        other = next(k for k in kegiatan if not G.has_edge(line, k))
        G.add_edge(line, other, key="bagian_dari", kind="bagian_dari")
    if shape == "work_loop" and kegiatan:
        keg = kegiatan[seed % len(kegiatan)]
        program = next(v for _, v, k in G.out_edges(keg, keys=True) if k == "bagian_dari")
        G.add_edge(program, keg, key="bagian_dari", kind="bagian_dari")
    work = sorted(n for n, k in G.nodes(data="kind") if k in ("program", "kegiatan"))
    for root in ("prioritas:PN1", "prioritas:KP2", *work[seed % 7:][:2]):
        expected = _totals_by_networkx(G, root)
        got = {n.id: (n.pagu_total, n.sub_kegiatan_count, n.agency_count) for n in cascade(G, root)}
        assert got == expected
