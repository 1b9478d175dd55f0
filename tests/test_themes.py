"""Thematic who-where: TAG themes and SPM flags on lines, as the builder sets them on the sample.

The builder puts ``tema`` (a tuple of theme names) and ``spm`` (a bool) on each sub kegiatan line
from the official 2027 nomenclature. These tests read the sample graph as built, with nothing
planted, and derive each expected answer from the nomenclature table itself (`themes(code, pemda)`,
`is_spm(code, pemda)`) over the sample's real codes: if the builder stopped setting the tags, every
test here would fail.
"""
from __future__ import annotations

import json
from collections import defaultdict

import pytest
from click.testing import CliRunner

from base.i18n import t
from cli.main import main
from graph.graph_file import save_graph
from kaskade.open import sample_graph
from loaders.nomenclature import builtin_nomenclature
from queries import Filters, interventions_in, spm_lines, theme_lines, who_where
from queries.errors import QueryError
from queries.themes import themes
from reference.regions import kabkota_in

STUNTING = "STUNTING"
POVERTY = "KEMISKINAN EKSTREM (ASTACITA)"


@pytest.fixture(scope="module")
def sample():
    """The sample graph as built, and its 2025 lines grouped by what the nomenclature says of their codes."""
    G = sample_graph()
    table = builtin_nomenclature()
    tagged: dict[str, list[str]] = defaultdict(list)  # theme -> line ids
    spm: dict[str, set[str]] = defaultdict(set)  # government -> SPM codes of urusan 1 it budgets
    for n, d in G.nodes(data=True):
        if d.get("kind") != "sub_kegiatan" or d["tahun"] != 2025:
            continue
        for theme in table.themes(d["code"], d["pemda"]):
            tagged[theme].append(n)
        if table.is_spm(d["code"], d["pemda"]) and d["code"].startswith("1."):
            spm[d["pemda"]].add(d["code"])
    # the sample's real codes carry these tags: a test below that finds none means the builder lost them
    assert len(tagged[STUNTING]) >= 5 and tagged[POVERTY] and len(spm) >= 5
    return {"G": G, "tagged": tagged, "spm": spm}


def _by_government(G, nodes) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        found[G.nodes[n]["pemda"]].append(n)
    return found


def test_the_builder_tags_every_line_as_the_nomenclature_says(sample):
    G, table = sample["G"], builtin_nomenclature()
    lines = [(n, d) for n, d in G.nodes(data=True) if d.get("kind") == "sub_kegiatan"]
    assert all(tuple(d.get("tema") or ()) == table.themes(d["code"], d["pemda"]) for _, d in lines)
    assert all(bool(d.get("spm")) == table.is_spm(d["code"], d["pemda"]) for _, d in lines)
    assert themes(G) == tuple(sorted({t for _, d in lines for t in table.themes(d["code"], d["pemda"])}))


def test_theme_lists_each_government_intervening_and_the_kabkota_with_none(sample):
    G = sample["G"]
    rows = theme_lines(G, "stunting", Filters(province="64", year=2025))
    expected = {k: v for k, v in _by_government(G, sample["tagged"][STUNTING]).items() if k.startswith("64")}
    intervening = {r.government: r for r in rows if r.status == "intervenes"}
    assert set(intervening) == set(expected) and "64.02" in intervening
    for kode, nodes in expected.items():
        assert intervening[kode].lines == len(nodes)
        assert intervening[kode].pagu == pytest.approx(sum(G.nodes[n]["pagu"] for n in nodes))
    assert intervening["64.02"].levels == ("2",) and intervening["64.02"].government_level == "kabupaten"
    none = [r.government for r in rows if r.status == "none"]
    assert none == [k for k in kabkota_in("64") if k not in expected]


def test_a_theme_matches_part_of_a_tag_in_any_case(sample):
    G = sample["G"]
    rows = theme_lines(G, "kemiskinan ekstrem", Filters(year=2025))
    expected = {k: len(v) for k, v in _by_government(G, sample["tagged"][POVERTY]).items()}
    assert {r.government: r.lines for r in rows if r.status == "intervenes"} == expected


def test_an_empty_theme_is_refused(sample):
    with pytest.raises(QueryError):
        theme_lines(sample["G"], "  ")


def test_who_where_with_a_theme_counts_only_the_tagged_lines(sample):
    G = sample["G"]
    cells = who_where(G, within="64", sector="bidang", filters=Filters(year=2025), theme=STUNTING)
    tagged = set(sample["tagged"][STUNTING])
    assert {c.sector for c in cells} == {G.nodes[n]["code"][:4] for n in tagged if G.nodes[n]["pemda"].startswith("64")}
    kukar = next(c for c in cells if c.region == "64.02" and c.sector == "1.02")
    there = interventions_in(G, "64.02", Filters(year=2025), theme=STUNTING)
    assert {i.id for i in there} <= tagged and "64.02" in kukar.governments
    assert kukar.sub_kegiatan == len([i for i in there if i.code.startswith("1.02")])
    everything = who_where(G, within="64", sector="bidang", filters=Filters(year=2025))
    health = next(c for c in everything if c.region == "64.02" and c.sector == "1.02")
    assert kukar.sub_kegiatan < health.sub_kegiatan
    assert who_where(G, within="64", sector="bidang", theme="TIDAK ADA TEMA INI") == ()


def test_spm_lists_what_each_government_budgets_and_what_it_lacks_among_its_peers(sample):
    G, spm = sample["G"], sample["spm"]
    rows = spm_lines(G, Filters(province="64", year=2025))
    for kode in ("64.02", "64.71"):
        assert {r.code for r in rows if r.government == kode and r.status == "budgeted"} == spm[kode]
    peers = set().union(*(spm[k] for k in kabkota_in("64") if k in spm))
    assert {r.code for r in rows if r.government == "64.71" and r.status == "missing"} == peers - spm["64.71"]
    assert peers - spm["64.71"]  # Balikpapan lacks SPM codes its neighbours budget
    # the province is measured only against provinces, never against the districts' SPM codes
    assert {r.code for r in rows if r.government == "64"} == spm["64"]


def test_theme_command_on_a_saved_graph(sample, tmp_path):
    path = save_graph(sample["G"], tmp_path / "sample.kgraph")
    out = CliRunner().invoke(main, ["theme", str(path), "STUNTING", "--province", "64", "--year", "2025",
                                    "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    expected = {G for G in _by_government(sample["G"], sample["tagged"][STUNTING]) if G.startswith("64")}
    assert {r["government"] for r in rows if r["status"] == "intervenes"} == expected
    out = CliRunner().invoke(main, ["theme", str(path), "-", "--spm", "--province", "64", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert {"budgeted", "missing"} <= {r["status"] for r in json.loads(out.output)}


def test_the_who_where_page_filters_by_theme(sample, tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.test_app import APP, TIMEOUT

    path = save_graph(sample["G"], tmp_path / "sample.kgraph")
    monkeypatch.setenv("KASKADE_DATA", str(path))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run(timeout=TIMEOUT)
        at.switch_page("app_pages/who_where.py").run(timeout=TIMEOUT)
        assert at.selectbox(key="who_where.theme").options == list(themes(sample["G"]))
        at.selectbox(key="who_where.theme").set_value(STUNTING).run(timeout=TIMEOUT)
        assert not at.exception, [e.value for e in at.exception]
        at.session_state["who_where.tab"] = t("who_where.table", "id")  # only the open tab runs
        at.run(timeout=TIMEOUT)
        cells = at.get_by_key("who_where.cells").dataframe[0].value
        expected = who_where(sample["G"], sector="bidang", theme=STUNTING)
        assert len(cells) == len(expected) and set(cells.iloc[:, 0]) == {c.region for c in expected}
    finally:
        st.cache_resource.clear()
