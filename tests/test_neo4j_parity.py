"""Every analysis gives exactly the networkx result when the graph lives in the database: those of
`IN_DATABASE` asked wholly of the database (Cypher), the rest on their scope read into networkx."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_graph
from backends.neo4j_analyses import IN_DATABASE, run
from backends.neo4j_store import clear, push
from kaskade.sample import sample_dataset
from queries import (
    Filters,
    aligned_share,
    budget_flow,
    cascade,
    coverage,
    desk,
    interventions_for,
    interventions_in,
    line_of_sight,
    mandates,
    orphans,
    overlaps,
    spm_lines,
    theme_lines,
    who_where,
)
from queries._examples import random_dataset
from backends.neo4j_cypher import aligned_share_in_database


def _same(a, b) -> None:
    if hasattr(a, "to_rows") and hasattr(a, "notes"):  # Rows or LazyRows
        assert b.to_rows() == a.to_rows()
        assert b.notes == a.notes
        assert getattr(b, "root", None) == getattr(a, "root", None)
    else:
        assert b == a


def _same_spm(G, a, b) -> None:
    """`spm_lines` alike but for the code's name: the database names a code after its first line by
    id, the embedded analysis after its first line in the graph's node order; both a line of that code."""
    named = {}
    for _, d in G.nodes(data=True):
        if d["kind"] == "sub_kegiatan":
            named.setdefault(d["code"], set()).add(d.get("name") or d["code"])
    rows_a, rows_b = a.to_rows(), b.to_rows()
    assert [{**r, "name": None} for r in rows_b] == [{**r, "name": None} for r in rows_a]
    assert all(r["name"] in named[r["code"]] for r in rows_b)


def _same_via(G, a, b) -> None:
    """`interventions_for` alike but for which of several shortest paths `via` names: the database
    takes the least id among the tied nodes, the embedded analysis the first in the graph's node
    order; both a node the line links up to."""
    rows_a, rows_b = a.to_rows(), b.to_rows()
    assert [{**r, "via": None} for r in rows_b] == [{**r, "via": None} for r in rows_a]
    assert all(G.has_edge(r["id"], r["via"]) for r in rows_b)


def _close(a, b) -> None:
    """The same findings, amounts equal to a relative 1e-9 (budget_flow adds its shares in another
    order in the database, so a split amount can differ in a float's last digit)."""
    rows_a, rows_b = a.to_rows(), b.to_rows()
    assert len(rows_b) == len(rows_a) and b.notes == a.notes
    for x, y in zip(rows_a, rows_b):
        assert y.keys() == x.keys()
        for k in x:
            assert math.isclose(y[k], x[k], rel_tol=1e-9) if isinstance(x[k], float) else y[k] == x[k], (k, x, y)


@pytest.fixture(scope="module")
def sample(bolt_server):
    G = build_graph(sample_dataset())
    clear(bolt_server.graph)
    push(G, bolt_server.graph)
    return G, bolt_server.graph


def _first(G, kind: str, **attrs) -> str:
    return next(n for n, d in sorted(G.nodes(data=True))
                if d["kind"] == kind and all(d.get(k) == v for k, v in attrs.items()))


KUKAR_2025 = Filters(year=2025, pemda="64.02")
PROPOSED_TOO = Filters(status=["disepakati", "usulan"])

CASES = {
    "cascade_pn": lambda G: (cascade, (_first(G, "prioritas", jenis="pn"),), {}),
    "cascade_depth_filtered": lambda G: (cascade, (_first(G, "prioritas", jenis="pn"),),
                                         {"depth": 3, "filters": KUKAR_2025}),
    "cascade_program": lambda G: (cascade, (_first(G, "program", pemda="64.02", tahun=2026),), {}),
    "line_of_sight": lambda G: (line_of_sight, (_first(G, "sub_kegiatan", pemda="64.02", tahun=2025),),
                                {"filters": PROPOSED_TOO}),
    "orphans": lambda G: (orphans, (), {}),
    "orphans_filtered": lambda G: (orphans, (KUKAR_2025,), {"include_proposed": True}),
    "mandates": lambda G: (mandates, (), {}),
    "mandates_province": lambda G: (mandates, (Filters(province="64", year=2025),), {}),
    "overlaps": lambda G: (overlaps, (), {}),
    "overlaps_bidang": lambda G: (overlaps, (Filters(bidang="1.03"),), {"threshold": 80.0}),
    "who_where": lambda G: (who_where, (), {}),
    "who_where_programs": lambda G: (who_where, (), {"level": "kecamatan", "within": "64.02", "sector": "program"}),
    "interventions_for": lambda G: (interventions_for, (_first(G, "sasaran", pemda="64"),), {"place": "64.02"}),
    "interventions_for_priority": lambda G: (interventions_for, (_first(G, "prioritas", jenis="pn"),),
                                             {"filters": PROPOSED_TOO}),
    "interventions_in": lambda G: (interventions_in, ("64.02",), {}),
    "interventions_in_theme": lambda G: (interventions_in, ("64",), {"filters": KUKAR_2025, "theme": "kemiskinan"}),
    "who_where_theme": lambda G: (who_where, (), {"theme": "KEMISKINAN", "sector": "bidang"}),
    "overlaps_family": lambda G: (overlaps, (), {"kinds": ("family",)}),
    "overlaps_near": lambda G: (overlaps, (), {"kinds": ("near_duplicate",), "threshold": 60.0}),
    "theme_lines": lambda G: (theme_lines, ("kemiskinan",), {}),
    "theme_lines_province": lambda G: (theme_lines, ("ANAK",), {"filters": Filters(province="64", year=2025)}),
    "spm_lines": lambda G: (spm_lines, (), {}),
    "spm_lines_filtered": lambda G: (spm_lines, (), {"filters": Filters(province="64", bidang="1.02")}),
    "budget_flow": lambda G: (budget_flow, (), {}),
    "budget_flow_root": lambda G: (budget_flow, (_first(G, "prioritas", jenis="pn"),), {"filters": KUKAR_2025}),
    "aligned_share": lambda G: (aligned_share, (), {}),
    "aligned_share_proposed": lambda G: (aligned_share, (PROPOSED_TOO,), {}),
    "coverage": lambda G: (coverage, (), {}),
    "coverage_filtered": lambda G: (coverage, (KUKAR_2025,), {}),
    "desk": lambda G: (desk, ("1.03",), {"province": "64", "year": 2025}),
    "desk_every_year": lambda G: (desk, ("1.03",), {}),
    "desk_filters": lambda G: (desk, ("1.02",), {"filters": Filters(province="64", year=2026)}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_analysis_gives_the_networkx_result(sample, case):
    G, store = sample
    func, args, kwargs = CASES[case](G)
    expected = func(G, *args, **kwargs)
    assert len(expected) if hasattr(expected, "notes") else expected.paths, "a case that finds nothing proves little"
    (_close if func is budget_flow else _same)(expected, run(func, store, *args, **kwargs))


FILTERS = [Filters(), KUKAR_2025, PROPOSED_TOO, Filters(province="64", bidang="1.03"),
           Filters(province="62", bidang="1.03"), Filters(pemda=["64", "62.01"], year=2026)]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("func", [aligned_share, orphans, mandates], ids=lambda f: f.__name__)
def test_in_the_database_with_filters(sample, func, filters):
    G, store = sample
    assert func in IN_DATABASE
    _same(func(G, filters), run(func, store, filters))


WHERE = ["64", "64.02", "64.02.06", "62", "62.01"]


@pytest.mark.parametrize("filters", FILTERS)
def test_who_where_in_the_database(sample, filters):
    G, store = sample
    for level in ("kabkota", "kecamatan"):
        for sector in ("urusan", "bidang", "program"):
            for within in (None, "64.02", "62"):
                kwargs = {"level": level, "within": within, "sector": sector, "filters": filters}
                _same(who_where(G, **kwargs), run(who_where, store, **kwargs))


@pytest.mark.parametrize("filters", FILTERS)
def test_interventions_in_the_database(sample, filters):
    G, store = sample
    for region in WHERE:
        _same(interventions_in(G, region, filters), run(interventions_in, store, region, filters))
    goals = [n for n, d in sorted(G.nodes(data=True)) if d["kind"] in ("sasaran", "indikator", "prioritas")][::3]
    assert len(goals) > 10
    for goal in goals:
        for place in (None, "64.02", "62.01"):
            _same(interventions_for(G, goal, place, filters), run(interventions_for, store, goal, place, filters))


@pytest.mark.parametrize("filters", FILTERS)
def test_coverage_budget_flow_and_family_overlaps_in_the_database(sample, filters):
    G, store = sample
    _same(coverage(G, filters), run(coverage, store, filters))
    _same(overlaps(G, filters, kinds=("family",)), run(overlaps, store, filters, kinds=("family",)))
    _same(overlaps(G, filters), run(overlaps, store, filters))
    _close(budget_flow(G, filters=filters), run(budget_flow, store, filters=filters))
    roots = [n for n, d in sorted(G.nodes(data=True)) if d["kind"] in ("prioritas", "sasaran", "program")][::11]
    for root in roots:
        _close(budget_flow(G, root, filters), run(budget_flow, store, root, filters))


def test_the_analyses_in_the_database_read_no_scope(sample, monkeypatch):
    """Wholly in the database: nothing of the graph is read into networkx (the near duplicates read
    only the lines whose names can pair)."""
    import backends.neo4j_analyses as analyses

    G, store = sample

    def refuse(*args, **kwargs):
        raise AssertionError("the scope was read into networkx")

    monkeypatch.setattr(analyses, "read_scope", refuse)
    goal, pn = _first(G, "sasaran", pemda="64"), _first(G, "prioritas", jenis="pn")
    calls = [(who_where, (), {}), (interventions_in, ("64.02",), {}), (interventions_for, (goal,), {}),
             (budget_flow, (pn,), {}), (aligned_share, (), {}), (overlaps, (), {}),
             (overlaps, (), {"kinds": ("near_duplicate",)}), (coverage, (KUKAR_2025,), {}), (orphans, (), {}),
             (mandates, (), {}), (cascade, (pn,), {}), (line_of_sight, (_first(G, "sub_kegiatan", pemda="64.02"),), {}),
             (theme_lines, ("anak",), {}), (spm_lines, (), {}), (desk, ("1.03",), {"province": "64"})]
    assert {func for func, _, _ in calls} == set(IN_DATABASE)
    for func, args, kwargs in calls:
        found = run(func, store, *args, **kwargs)
        assert len(found) if hasattr(found, "notes") else found.paths


def test_the_findings_in_the_database_are_there(sample):
    G, store = sample
    for func in (orphans, mandates):
        found = run(func, store)
        assert len(found) > 0 and {f.reason for f in found} == {f.reason for f in func(G)}


@pytest.mark.parametrize("filters", FILTERS)
def test_same_code_overlaps_in_the_database(sample, filters):
    G, store = sample
    kinds = ("same_sub_kegiatan",)
    _same(overlaps(G, filters, kinds=kinds), run(overlaps, store, filters, kinds=kinds))


@pytest.mark.parametrize("filters", FILTERS)
def test_cascades_in_the_database(sample, filters):
    G, store = sample
    roots = [n for n, d in sorted(G.nodes(data=True)) if d["kind"] in ("prioritas", "sasaran", "program")][::7]
    assert len(roots) > 3
    for root in roots:
        for depth in (None, 1, 3):
            _same(cascade(G, root, depth, filters), run(cascade, store, root, depth, filters))


@pytest.mark.parametrize("filters", [Filters(), PROPOSED_TOO, Filters(status=["ditolak"])])
def test_lines_of_sight_in_the_database(sample, filters):
    G, store = sample
    starts = [n for n, d in sorted(G.nodes(data=True)) if d["kind"] in ("sub_kegiatan", "kegiatan", "sasaran")]
    for start in starts:
        assert run(line_of_sight, store, start, filters) == line_of_sight(G, start, filters)
    assert run(line_of_sight, store, starts[0], filters, max_paths=1) == line_of_sight(G, starts[0], filters, max_paths=1)


def test_code_checks_use_the_nomenclature_given(sample, tmp_path):
    from loaders.nomenclature import load_nomenclature

    G, store = sample
    codes = sorted({d["code"] for _, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan"})
    table = tmp_path / "nomenklatur.csv"
    table.write_text("kode,nomenklatur,mulai_tahun,kunci_tahun\n" + "".join(
        f"{c},Baris,2020,{2025 if k % 3 == 0 else ''}\n" for k, c in enumerate(codes[1:])), encoding="utf-8")
    nomenclature = load_nomenclature(table)
    expected = mandates(G, nomenclature=nomenclature)
    assert sum(m.reason == "code_invalid" for m in expected) > 1
    _same(expected, run(mandates, store, nomenclature=nomenclature))
    expected = coverage(G, nomenclature=nomenclature)
    assert sum(row.conflicts for row in expected) > 1
    _same(expected, run(coverage, store, nomenclature=nomenclature))


def test_errors_are_the_same(sample):
    from queries import QueryError

    G, store = sample
    program = _first(G, "program", pemda="64.02", tahun=2026)
    for func, args in ((cascade, ("sub_kegiatan:NOPE",)), (cascade, ("pemda:64",)), (line_of_sight, ("pemda:64",)),
                       (line_of_sight, ("nope",)), (cascade, (program, -1)), (budget_flow, ("sub_kegiatan:NOPE",)),
                       (budget_flow, (_first(G, "kegiatan"),)), (interventions_for, (program,)),
                       (interventions_for, ("sasaran:NOPE",)), (interventions_for, (program, "99.99")),
                       (interventions_in, ("99.99",)), (who_where, ("desa",)), (who_where, ("kabkota", "99")),
                       (who_where, ("kabkota", None, "fungsi"))):
        with pytest.raises(QueryError) as embedded:
            func(G, *args)
        with pytest.raises(QueryError) as database:
            run(func, store, *args)
        assert str(database.value) == str(embedded.value)


def test_an_unknown_root_is_the_same_error(sample):
    from queries import QueryError

    _, store = sample
    with pytest.raises(QueryError, match="prioritas:NOPE"):
        run(cascade, store, "prioritas:NOPE")


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), year=st.sampled_from([None, 2025, 2026]))
def test_random_graphs_give_the_networkx_result(bolt_server, seed, year):
    G = build_graph(random_dataset(seed))
    store = bolt_server.graph
    clear(store)
    push(G, store)
    filters = Filters(year=year)
    for func in (orphans, mandates, overlaps, aligned_share, coverage, who_where):
        _same(func(G, filters=filters), run(func, store, filters=filters))
    _same_spm(G, spm_lines(G, filters=filters), run(spm_lines, store, filters=filters))
    for theme in ("anak", "KEMISKINAN"):
        _same(theme_lines(G, theme, filters), run(theme_lines, store, theme, filters))
    _close(budget_flow(G, filters=filters), run(budget_flow, store, filters=filters))
    _same(who_where(G, "kecamatan", sector="program", filters=filters),
          run(who_where, store, "kecamatan", sector="program", filters=filters))
    for region in ("64", "64.02"):
        _same(interventions_in(G, region, filters), run(interventions_in, store, region, filters))
    nodes = sorted(G.nodes(data=True))
    for nid, d in nodes[::5]:
        if d["kind"] in ("prioritas", "sasaran", "program", "kegiatan"):
            _same(cascade(G, nid, None, filters), run(cascade, store, nid, None, filters))
        if d["kind"] in ("sub_kegiatan", "kegiatan", "program", "sasaran", "indikator"):
            assert run(line_of_sight, store, nid, filters) == line_of_sight(G, nid, filters)
        if d["kind"] in ("prioritas", "sasaran", "indikator"):
            _same_via(G, interventions_for(G, nid, None, filters), run(interventions_for, store, nid, None, filters))
        if d["kind"] in ("prioritas", "sasaran", "program"):
            _close(budget_flow(G, nid, filters), run(budget_flow, store, nid, filters))
    assert aligned_share_in_database(store, filters).to_rows() == aligned_share(G, filters).to_rows()
    bidangs = sorted({d["bidang"] for _, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan" and d.get("bidang")})
    for bidang in bidangs:
        for province in (None, "64"):
            _same(desk(G, bidang, province=province, filters=filters),
                  run(desk, store, bidang, province=province, filters=filters))


NEAR_CASES = [{}, {"kinds": ("near_duplicate",)}, {"threshold": 60.0}, {"max_pairs": 1},
              {"kinds": ("family", "near_duplicate"), "threshold": 75.0}]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_near_duplicates_in_the_database(bolt_server, monkeypatch, seed):
    """Near duplicates from the lines whose name texts can pair (never the scope): the same pairs,
    places, scores, shared outcomes and notes on buckets too big to pair as in memory."""
    import backends.neo4j_analyses as analyses

    G = build_graph(random_dataset(seed))
    store = bolt_server.graph
    clear(store)
    push(G, store)
    monkeypatch.setattr(analyses, "read_scope", lambda *a, **k: pytest.fail("the scope was read into networkx"))
    near = notes = shared = 0
    for filters in (Filters(), Filters(year=2025), Filters(province="64", bidang="1.03"),
                    Filters(status=["disepakati", "usulan", "ditolak"])):
        for kwargs in NEAR_CASES:
            expected = overlaps(G, filters, **kwargs)
            _same(expected, run(overlaps, store, filters, **kwargs))
            near += sum(o.reason == "near_duplicate" for o in expected)
            shared += sum(bool(o.shared_outcomes) for o in expected if o.reason == "near_duplicate")
            notes += sum(n.key.startswith("note.overlaps.near") for n in expected.notes)
        _same(coverage(G, filters), run(coverage, store, filters))
    assert near and notes and shared, "cases that find nothing prove little"


def test_a_graph_pushed_without_name_texts_still_gives_the_near_duplicates(bolt_server, monkeypatch):
    """A graph pushed by a Kaskade that did not store name texts: the near duplicates come from the
    scope read into networkx, as they did then, and are the same."""
    import backends.neo4j_analyses as analyses
    from backends.neo4j_store import read, read_scope

    G = build_graph(random_dataset(7))
    store = bolt_server.graph
    clear(store)
    push(G, store)
    read(store, "MATCH (l:SubKegiatan) SET l.kaskade_text = null")
    scopes = []
    monkeypatch.setattr(analyses, "read_scope", lambda *a: scopes.append(1) or read_scope(*a))
    for kwargs in ({}, {"kinds": ("near_duplicate",)}):
        _same(overlaps(G, **kwargs), run(overlaps, store, **kwargs))
    assert len(scopes) == 2
