"""The kab/kota choropleth (offline, only the provinces in the data), the heat map and the Sankey."""
from __future__ import annotations

import functools

import pytest

from graph.build import build_graph
from kaskade.sample import sample_dataset
from views.charts import heatmap, sankey
from views.export import CHROMIUM_FLAGS, chromium_path, figure_html
from views.map_view import PLOTLY_CONFIG, choropleth, province_features
from views.theme import THEMES
from reference import regions
from queries import budget_flow, who_where


@functools.cache
def sample_cells():
    return who_where(build_graph(sample_dataset()), sector="bidang")


def coloured(fig) -> dict:
    """Kab/kota code -> the value the map colours it by, over every class trace (grey ones left out)."""
    out = {}
    for trace in fig.data:
        if trace.type == "choropleth" and trace.showscale is False and trace.colorscale[0][1] != "#e3e3e3":
            out.update(zip(trace.locations, trace.z))
    return out


def grey(fig) -> set:
    return {k for trace in fig.data if trace.type == "choropleth" and trace.colorscale[0][1] == "#e3e3e3"
            for k in trace.locations}


def _ring_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def test_map_draws_every_kabkota_of_the_provinces_in_the_data():
    cells = sample_cells()
    data_regions = {c.region for c in cells}
    provinces = {r[:2] for r in data_regions}
    fig = choropleth(cells, "pagu")
    values = coloured(fig)
    assert set(values) == data_regions
    drawn = set(values) | grey(fig)
    assert drawn == {k for p in provinces for k in regions.kabkota_in(p)}
    feature_codes = {f["properties"]["kode"] for t in fig.data if t.type == "choropleth"
                     for f in t.geojson["features"]}
    assert feature_codes == drawn, "features of other provinces are not shipped to the browser"
    for trace in fig.data:
        if trace.type == "choropleth":  # each class ships only its own shapes
            assert {f["properties"]["kode"] for f in trace.geojson["features"]} == set(trace.locations)
    totals = {}
    for c in cells:
        totals[c.region] = totals.get(c.region, 0) + c.pagu
    assert values == pytest.approx(totals)
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"


def test_the_map_colours_by_governments_by_default_and_names_kabkota_in_the_legend():
    cells = sample_cells()
    fig = choropleth(cells)
    governments = {}
    for c in cells:
        governments.setdefault(c.region, set()).update(c.governments)
    assert coloured(fig) == {k: len(v) for k, v in governments.items()}
    entries = [t for t in fig.data if t.type == "choropleth"]
    assert all(t.showlegend for t in entries)
    first = entries[0].name.split("<br>")
    most = max(len(v) for v in governments.values())
    assert first[0] == f"<b>{most} pemerintah daerah</b>", "the legend starts at the most governments"
    assert "Kota Samarinda" in first, first
    listed = [n for t in entries for n in t.name.split("<br>")[1:]]
    assert "Kab. Kutai Kartanegara" in listed


def test_the_legend_says_how_many_more_when_a_class_is_long():
    rows = [{"region": k, "governments": ["64"]} for k in regions.kabkota_in("64")]
    fig = choropleth(rows, "governments", names_per_class=3, lang="en")
    name = fig.data[0].name.split("<br>")
    assert name[0] == "<b>1 governments</b>" and len(name) == 5
    assert name[-1] == f"+{len(rows) - 3} more"


def test_province_outlines_are_drawn_over_the_kabkota():
    fig = choropleth(sample_cells())
    outlines = [t for t in fig.data if t.type == "scattergeo"]
    assert {t.name for t in outlines} == {"Kalimantan Timur", "Kalimantan Tengah"}
    for t in outlines:
        assert t.mode == "lines" and t.hoverinfo == "skip" and len(t.lon) > 100
        # the outline is the edge of the province: no point of it lies outside its kab/kota's box
        lon = [x for x in t.lon if x is not None]
        boxes = [c for f in province_features("64" if "Timur" in t.name else "62")
                 for c in _points(f["geometry"])]
        assert min(lon) >= min(x for x, _ in boxes) and max(lon) <= max(x for x, _ in boxes)


def _points(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [tuple(p[:2]) for polygon in polygons for ring in polygon for p in ring]


@pytest.mark.parametrize("lang, heading", [("id", "<b>Rp 1,5 miliar</b>"), ("en", "<b>IDR 1.5 billion</b>")])
def test_money_in_the_legend_and_hover_by_language(lang, heading):
    fig = choropleth([{"region": "64.02", "pagu": 1.5e9}, {"region": "64.71", "pagu": 2e8}], "pagu", lang=lang)
    assert fig.data[0].name.startswith(heading)
    assert fig.data[0].customdata[0][2] == heading[3:-4]
    assert fig.layout.separators == (",." if lang == "id" else ".,")


def test_counts_of_governments_are_distinct_across_sectors():
    rows = [{"region": "64.02", "sector": "1.01", "governments": ["64", "64.02"]},
            {"region": "64.02", "sector": "1.03", "governments": ["64.02"]}]
    fig = choropleth(rows, "governments")
    assert coloured(fig) == {"64.02": 2}


def test_one_sector_only():
    cells = sample_cells()
    sector = cells[0].sector
    fig = choropleth(cells, "sub_kegiatan", sector=sector)
    expected = {c.region: c.sub_kegiatan for c in cells if c.sector == sector}
    assert coloured(fig) == expected


def test_outer_rings_are_wound_for_plotly_geo():
    for feature in province_features("64"):
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            assert _ring_area(polygon[0]) < 0, feature["properties"]["kode"]
            assert all(_ring_area(hole) > 0 for hole in polygon[1:])


@pytest.mark.parametrize("rows, message", [
    ([{"region": "64.02.06", "pagu": 1.0}], "not a kab/kota code"),
    ([{"region": "64.02", "jumlah": 1.0}], "no column 'pagu'"),
    ([{"region": "64.04", "pagu": 1.0}], "no boundary for region(s) 64.04"),
])
def test_map_errors_say_what_is_wrong(rows, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        choropleth(rows, "pagu")


def test_titles_are_escaped_for_plotly():
    fig = choropleth([{"region": "64.02", "pagu": 1e9}], "pagu", title="<b onclick=x>Peta</b>")
    assert fig.layout.title.text == "&lt;b onclick=x&gt;Peta&lt;/b&gt;"


def test_heatmap_sums_cells_and_leaves_empty_ones_blank():
    rows = [
        {"region_name": "Kutai Kartanegara", "sector": "1.03", "sector_name": "Pekerjaan Umum", "pagu": 1e9},
        {"region_name": "Kutai Kartanegara", "sector": "1.03", "sector_name": "Pekerjaan Umum", "pagu": 5e8},
        {"region_name": "Balikpapan", "sector": "1.02", "sector_name": "<i>Kesehatan</i>", "pagu": 2e8},
    ]
    trace = heatmap(rows).data[0]
    assert list(trace.y) == ["Balikpapan", "Kutai Kartanegara"]
    assert list(trace.x) == ["1.02 &lt;i&gt;Kesehatan&lt;/i&gt;", "1.03 Pekerjaan Umum"]
    assert [list(r) for r in trace.z] == [[2e8, None], [None, 1.5e9]]
    assert trace.text[1][1] == "Rp 1,5 miliar"
    assert heatmap(rows, lang="en").data[0].text[1][1] == "IDR 1.5 billion"


def test_sankey_merges_nodes_and_colours_levels():
    th = THEMES["normal"]
    links = [
        {"source": "00", "target": "64", "pagu": 3e9, "from": "nasional", "to": "provinsi"},
        {"source": "64", "target": "64.02", "pagu": 1e9, "from": "provinsi", "to": "kabupaten"},
        {"source": "64", "target": "64.71", "pagu": 0, "from": "provinsi", "to": "kota"},
    ]
    trace = sankey(links, level_keys=("from", "to")).data[0]
    assert list(trace.node.label) == ["00", "64", "64.02"]
    assert list(trace.node.color) == [th.levels["nasional"], th.levels["provinsi"], th.levels["kabkota"]]
    assert list(trace.link.source) == [0, 1] and list(trace.link.target) == [1, 2]
    assert list(trace.link.customdata) == ["Rp 3 miliar", "Rp 1 miliar"]


def test_sankey_of_budget_flow_colours_nodes_from_the_graph():
    G = build_graph(sample_dataset())
    flow = budget_flow(G)
    trace = sankey(flow, value_key="value", source_label_key="source_name", target_label_key="target_name",
                   graph=G).data[0]
    th = THEMES["normal"]
    keys = list(dict.fromkeys(k for link in flow for k in (link.source, link.target)))
    assert len(trace.node.label) == len(keys)
    first = flow[0]
    assert trace.node.color[0] == th.levels["nasional"] and first.source.startswith("prioritas:")
    assert set(trace.node.color) <= set(th.levels.values())
    assert sum(v for v, s in zip(trace.link.value, trace.link.source) if s == 0) == pytest.approx(
        sum(link.value for link in flow if link.source == first.source))


@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed (make browser-deps)")
def test_map_draws_offline_in_a_real_browser(tmp_path):
    """plotly's geo would fetch world_110m.json from a CDN; PLOTLY_CONFIG keeps it local."""
    from playwright.sync_api import sync_playwright

    assert PLOTLY_CONFIG["topojsonURL"].startswith("data:")
    page_file = tmp_path / "map.html"
    page_file.write_text(figure_html(choropleth(sample_cells(), "pagu")), encoding="utf-8")
    remote, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page()
            page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            page.wait_for_selector(".js-plotly-plot svg path.choroplethlocation", timeout=20_000)
            drawn = page.evaluate("document.querySelectorAll('path.choroplethlocation').length")
        finally:
            browser.close()
    assert remote == [] and errors == []
    assert drawn == len({k for c in sample_cells() for k in regions.kabkota_in(c.region[:2])})
