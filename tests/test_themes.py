"""Thematic who-where: TAG themes and SPM flags on lines. The builder sets ``tema`` (a tuple of theme
names) and ``spm`` (a bool) from the official nomenclature; these tests clear them on the sample graph
and plant their own, so each expected answer is known exactly."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli.main import main
from graph.graph_file import save_graph
from kaskade.open import sample_graph
from queries import Filters, interventions_in, spm_lines, theme_lines, who_where
from queries.errors import QueryError
from queries.themes import themes
from reference.regions import kabkota_in

STUNTING = "STUNTING"
POVERTY = "KEMISKINAN EKSTREM (ASTACITA)"


def _lines(G, pemda: str, prefix: str) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "sub_kegiatan" and d["pemda"] == pemda
                  and d["tahun"] == 2025 and d["code"].startswith(prefix))


@pytest.fixture(scope="module")
def planted():
    """Stunting on Kaltim's and Kukar's health lines, extreme poverty on one Samarinda social line,
    SPM on Kukar's and Balikpapan's health lines (Balikpapan lacking one of Kukar's SPM codes)."""
    G = sample_graph()
    for _, d in G.nodes(data=True):
        if d.get("kind") == "sub_kegiatan":
            d["tema"], d["spm"] = (), False
    stunting = _lines(G, "64", "1.02.") + _lines(G, "64.02", "1.02.")
    poverty = _lines(G, "64.72", "1.06.")[:1]
    kukar_spm = [n for n in _lines(G, "64.02", "1.02.") if ".01." not in G.nodes[n]["code"][4:8]][:2]
    bpn_codes = {G.nodes[n]["code"]: n for n in _lines(G, "64.71", "1.02.")}
    assert stunting and poverty and len(kukar_spm) == 2
    for n in stunting:
        G.nodes[n]["tema"] = (STUNTING,)
    for n in poverty:
        G.nodes[n]["tema"] = tuple(G.nodes[n].get("tema") or ()) + (POVERTY,)
    for n in kukar_spm:
        G.nodes[n]["spm"] = True
    shared = G.nodes[kukar_spm[0]]["code"]
    bpn = bpn_codes.get(shared)
    if bpn is None:  # give Balikpapan the first SPM line's code by flagging one of its own lines instead
        bpn = sorted(bpn_codes.values())[0]
    G.nodes[bpn]["spm"] = True
    return {"G": G, "stunting": stunting, "poverty": poverty, "kukar_spm": kukar_spm, "bpn_spm": bpn}


def test_theme_lists_each_government_intervening_and_the_kabkota_with_none(planted):
    G = planted["G"]
    rows = theme_lines(G, "stunting", Filters(province="64", year=2025))
    intervening = {r.government: r for r in rows if r.status == "intervenes"}
    assert set(intervening) == {"64", "64.02"}
    kukar = [n for n in planted["stunting"] if G.nodes[n]["pemda"] == "64.02"]
    assert intervening["64.02"].lines == len(kukar)
    assert intervening["64.02"].pagu == pytest.approx(sum(G.nodes[n]["pagu"] for n in kukar))
    assert intervening["64"].levels == ("1",) and intervening["64"].government_level == "provinsi"
    none = [r.government for r in rows if r.status == "none"]
    assert none == [k for k in kabkota_in("64") if k != "64.02"]


def test_a_theme_matches_part_of_a_tag_in_any_case(planted):
    rows = theme_lines(planted["G"], "kemiskinan ekstrem", Filters(year=2025))
    assert [(r.government, r.lines) for r in rows if r.status == "intervenes"] == [("64.72", 1)]
    assert themes(planted["G"]) == (POVERTY, STUNTING)


def test_an_empty_theme_is_refused(planted):
    with pytest.raises(QueryError):
        theme_lines(planted["G"], "  ")


def test_who_where_with_a_theme_counts_only_the_tagged_lines(planted):
    G = planted["G"]
    cells = who_where(G, within="64", sector="bidang", filters=Filters(year=2025), theme=STUNTING)
    assert {c.sector for c in cells} == {"1.02"}
    kukar = next(c for c in cells if c.region == "64.02")
    there = interventions_in(G, "64.02", Filters(year=2025), theme=STUNTING)
    assert kukar.sub_kegiatan == len(there) and set(kukar.governments) == {i.government for i in there}
    assert {i.id for i in there} <= set(planted["stunting"]) and "64.02" in kukar.governments
    everything = who_where(G, within="64", sector="bidang", filters=Filters(year=2025))
    health = next(c for c in everything if c.region == "64.02" and c.sector == "1.02")
    assert kukar.sub_kegiatan <= health.sub_kegiatan
    assert who_where(G, within="64", sector="bidang", theme="PERUBAHAN IKLIM") == ()


def test_spm_lists_what_each_government_budgets_and_what_it_lacks_among_its_peers(planted):
    G = planted["G"]
    rows = spm_lines(G, Filters(province="64", year=2025))
    kukar = {r.code: r for r in rows if r.government == "64.02"}
    assert {c for c, r in kukar.items() if r.status == "budgeted"} == {G.nodes[n]["code"] for n in planted["kukar_spm"]}
    bpn = {r.code: r.status for r in rows if r.government == "64.71"}
    spm_codes = {G.nodes[n]["code"] for n in planted["kukar_spm"]} | {G.nodes[planted["bpn_spm"]]["code"]}
    assert set(bpn) == spm_codes
    assert bpn[G.nodes[planted["bpn_spm"]]["code"]] == "budgeted"
    assert [r for r in rows if r.government == "64.71" and r.status == "missing"]
    # the province is not measured against the districts' SPM codes
    assert not [r for r in rows if r.government == "64" and r.status == "missing"]


def test_theme_command_on_a_saved_graph(planted, tmp_path):
    path = save_graph(planted["G"], tmp_path / "tagged.kgraph")
    out = CliRunner().invoke(main, ["theme", str(path), "STUNTING", "--province", "64", "--year", "2025",
                                    "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert {r["government"] for r in rows if r["status"] == "intervenes"} == {"64", "64.02"}
    out = CliRunner().invoke(main, ["theme", str(path), "-", "--spm", "--province", "64", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert {"budgeted", "missing"} <= {r["status"] for r in json.loads(out.output)}


def test_the_who_where_page_filters_by_theme(planted, tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.test_app import APP, TIMEOUT

    path = save_graph(planted["G"], tmp_path / "tagged.kgraph")
    monkeypatch.setenv("KASKADE_DATA", str(path))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run(timeout=TIMEOUT)
        at.switch_page("app_pages/who_where.py").run(timeout=TIMEOUT)
        assert at.selectbox(key="who_where.theme").options == [POVERTY, STUNTING]
        at.selectbox(key="who_where.theme").set_value(STUNTING).run(timeout=TIMEOUT)
        assert not at.exception, [e.value for e in at.exception]
        cells = at.get_by_key("who_where.cells").dataframe[0].value
        expected = who_where(planted["G"], sector="bidang", theme=STUNTING)
        assert len(cells) == len(expected) and set(cells.iloc[:, 0]) == {c.region for c in expected}
    finally:
        st.cache_resource.clear()
