"""What the app shows besides the analyses, read from the database without pulling the graph: the
pick lists and counts (`app_lib.data`), the names a table shows, the drawings of a cascade or a
chain, a finding's details and the desk decisions' effect are those of the embedded graph.

Every test refuses the whole-graph reads (`read_scope`, which `pull` uses): what the app reads is
grouped in the database or read by the ids a result names (`backends.neo4j_app`).
"""
from __future__ import annotations

import math

import pytest

import app_lib.state as app_state
import backends.neo4j_analyses as analyses
import backends.neo4j_store as neo4j_store
from app_lib.data import (CHOICE_KINDS, around, bidang_choices, choices, data_summary, drawn_ids, governments,
                          has_node, named, names, provinces, years)
from app_lib.ui import closing_rows, finding_headline, siblings
from backends.neo4j_analyses import run
from backends.neo4j_decisions import Neo4jDecisionStore
from queries.errors import QueryError
from kaskade.decided import decided
from queries import Filters, cascade, interventions_in, line_of_sight, mandates, orphans, overlaps
from queries.overlaps import overlap_lines
from queries.results import node_fields
from views.graph_view import cascade_view, trace_view
from views.sentences import with_messages
from tests.test_neo4j_parity import sample  # noqa: F401  (the sample pushed to the Bolt server)


@pytest.fixture(scope="module")
def pulled(sample):
    """The copy the app drew from before (`pull`, read before the whole-graph reads are refused): the
    embedded graph's nodes and edges ordered by id, whose drawings link boxes in that order."""
    G, store = sample
    P = neo4j_store.pull(store)
    assert sorted(P.nodes) == sorted(G.nodes) and P.number_of_edges() == G.number_of_edges()
    return P


@pytest.fixture(autouse=True)
def no_pull(monkeypatch):
    """Reading the whole graph (or an analysis's scope) fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the graph was read into networkx")

    monkeypatch.setattr(neo4j_store, "read_scope", refuse)
    monkeypatch.setattr(analyses, "read_scope", refuse)


def _first(G, kind: str, **attrs) -> str:
    return next(n for n, d in sorted(G.nodes(data=True))
                if d["kind"] == kind and all(d.get(k) == v for k, v in attrs.items()))


# --- (1) pick lists and counts -----------------------------------------------------------------------

def test_the_summary_is_counted_in_the_database(sample):
    G, store = sample
    a, b = data_summary(G), data_summary(store)
    assert (b.governments, b.agencies, b.sub_kegiatan, b.years, b.priorities, b.targets) == \
        (a.governments, a.agencies, a.sub_kegiatan, a.years, a.priorities, a.targets)
    assert a.sub_kegiatan > 0 and math.isclose(b.pagu, a.pagu, rel_tol=1e-12)
    for x, y in zip(a.per_government, b.per_government, strict=True):
        assert (y.kode, y.name, y.level, y.agencies, y.sub_kegiatan) == (x.kode, x.name, x.level, x.agencies,
                                                                          x.sub_kegiatan)
        assert math.isclose(y.pagu, x.pagu, rel_tol=1e-12)


def test_the_pick_lists_are_grouped_in_the_database(sample):
    G, store = sample
    for func in (governments, provinces, years, bidang_choices):
        assert func(store) == func(G) and func(G), func.__name__


@pytest.mark.parametrize("kind", CHOICE_KINDS)
@pytest.mark.parametrize("pemda, year", [(None, None), ("64", None), ("64.02", 2025), (None, 2026)])
def test_the_choices_of_a_selectbox_are_read_from_the_database(sample, kind, pemda, year):
    G, store = sample
    expected = choices(G, kind, pemda=pemda, year=year)
    assert choices(store, kind, pemda=pemda, year=year) == expected
    assert choices(store, kind, pemda=pemda, year=year, limit=3) == expected[:3]


# --- (2) names of the ids a table shows ----------------------------------------------------------------

def test_tables_name_what_they_show_from_the_database(sample):
    G, store = sample
    pn = _first(G, "prioritas", jenis="pn")
    tables = [with_messages(orphans(G), "id"), with_messages(mandates(G), "en"), with_messages(overlaps(G), "id"),
              cascade(G, pn).to_rows(), interventions_in(G, "64.02").to_rows(),
              line_of_sight(G, _first(G, "sub_kegiatan", pemda="64.02")).to_rows()]
    for rows in tables:
        assert rows and named(store, rows) == named(G, rows)
    shared = [o for o in overlaps(G) if o.shared_outcomes][0].shared_outcomes
    asked = [*shared, "sasaran:tidak-ada", pn]
    assert names(store, asked) == names(G, asked) and names(G, asked)[-2] == "sasaran:tidak-ada"
    assert has_node(store, pn) and not has_node(store, "sasaran:tidak-ada") and not has_node(store, None)


# --- (3) drawings from a subgraph read by the result's ids ------------------------------------------

@pytest.mark.parametrize("root", ["pn", "program", "sasaran"])
def test_a_cascade_is_drawn_from_its_own_nodes(sample, pulled, root):
    G, store = sample
    nid = {"pn": lambda: _first(G, "prioritas", jenis="pn"), "program": lambda: _first(G, "program", pemda="64.02"),
           "sasaran": lambda: _first(G, "sasaran", pemda="64")}[root]()
    result = cascade(G, nid)
    sub = around(store, drawn_ids(result))
    assert sub.number_of_nodes() < G.number_of_nodes() / 2, "only the cascade and what it names is read"
    for kwargs in ({}, {"group_by": "agency"}, {"collapsed": ("kegiatan",), "highlight": "jalan"}):
        assert cascade_view(sub, result, title="t", **kwargs).html == \
            cascade_view(pulled, result, title="t", **kwargs).html


def test_a_chain_is_drawn_with_its_siblings_from_its_own_nodes(sample, pulled):
    G, store = sample
    line = next(n for n, d in sorted(G.nodes(data=True)) if d["kind"] == "sub_kegiatan" and len(siblings(G, n)) > 2)
    sight = line_of_sight(G, line)
    chain = around(store, drawn_ids(sight), siblings_of=line)
    near = siblings(G, line)
    assert sorted(siblings(chain, line)) == sorted(near)
    assert trace_view(chain, sight, title="t", siblings=siblings(chain, line)).html == \
        trace_view(pulled, sight, title="t", siblings=siblings(pulled, line)).html
    found = [m for m in mandates(G) if m.reason == "level"][0]
    chain = around(store, drawn_ids(line_of_sight(G, found.id)), siblings_of=found.id)
    assert finding_headline(chain, found, "id") == finding_headline(G, found, "id")
    assert closing_rows(chain, "en", mandates_found=[found]) == closing_rows(G, "en", mandates_found=[found])
    everything = {"mandates_found": mandates(G), "orphans_found": orphans(G), "overlaps_found": overlaps(G)}
    assert closing_rows(store, "id", **everything) == closing_rows(G, "id", **everything)


def test_broken_chains_are_drawn_as_on_the_graph(sample, pulled):
    G, store = sample
    for finding in [o for o in orphans(G) if o.kind == "sub_kegiatan"][:3]:
        sight = line_of_sight(G, finding.id, filters=Filters(status=["disepakati", "usulan"]))
        assert trace_view(around(store, drawn_ids(sight)), sight).html == trace_view(pulled, sight).html


# --- (4) a finding's details ------------------------------------------------------------------------------

def test_an_overlap_finding_s_lines_are_read_by_id(sample):
    G, store = sample
    found = overlaps(G)
    assert {o.reason for o in found} >= {"family"}
    for finding in found:
        detail = around(store, [*finding.a_lines, *finding.b_lines])
        assert overlap_lines(detail, finding) == overlap_lines(G, finding)
        for side in (finding.a_lines, finding.b_lines):
            assert named(detail, [node_fields(detail, n) for n in side]) == named(G, [node_fields(G, n) for n in side])


# --- (5) the desk decisions ---------------------------------------------------------------------------

def test_a_decision_is_seen_by_the_drawings_as_on_the_decided_graph(sample, pulled):
    """The app decides on the stored link (checked there) and draws it from the database as the
    embedded app draws its decided graph; no overlay graph is made."""
    G, store = sample
    decisions = Neo4jDecisionStore(store)
    decisions.clear()
    line = _first(G, "sub_kegiatan", pemda="64.02", tahun=2025)
    target = _first(G, "sasaran", pemda="64.02")
    assert not G.has_edge(line, target)
    state = {app_state.DATA: app_state.Loaded(None, "Neo4j", "test:decisions", store=store)}
    try:
        with pytest.raises(QueryError):
            app_state.decide(state, line, "sasaran:tidak-ada", "usulan", who="Bappeda")
        app_state.decide(state, line, target, "usulan", who="Bappeda", note="uji")
        shown = app_state.current(state)
        assert shown.graph is None and shown.token != "test:decisions"
        H = decided(pulled, decisions)
        sight = run(line_of_sight, store, line, filters=Filters(status=["disepakati", "usulan"]))
        assert sight == line_of_sight(decided(G, decisions), line, filters=Filters(status=["disepakati", "usulan"]))
        assert target in drawn_ids(sight)
        sub = around(store, drawn_ids(sight))
        assert sub.edges[line, target, "mendukung"]["status"] == "usulan"
        assert trace_view(sub, sight).html == trace_view(H, sight).html
        app_state.undo(state, line, target, who="Bappeda")
        assert not around(store, [line, target]).has_edge(line, target)
    finally:
        decisions.clear()
