"""The kab/kota choropleth (an inline SVG drawn by the server, only the provinces in the data), the
heat map and the Sankey."""
from __future__ import annotations

import functools
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from graph.build import build_graph
from kaskade.sample import sample_dataset
from views.charts import heatmap, sankey
from views.export import CHROMIUM_FLAGS, chromium_path
from views.map_view import NO_DATA_COLOUR, choropleth, province_features
from views.theme import THEMES
from reference import regions
from queries import budget_flow, who_where


@functools.cache
def sample_cells():
    return who_where(build_graph(sample_dataset()), sector="bidang")


class _Regions(HTMLParser):
    """The kab/kota paths of a map's markup: code -> (fill, hover title), and its outlines."""

    def __init__(self, markup: str):
        super().__init__()
        self.regions: dict[str, tuple[str, str]] = {}
        self.outlines: list[str] = []
        self._open: str | None = None
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "path" and a.get("class") == "kk-region":
            self._open = a["data-kode"]
            self.regions[self._open] = (a["fill"], "")
        elif tag == "path" and a.get("class") == "kk-outline":
            self.outlines.append(a["d"])

    def handle_data(self, data):
        if self._open and self.lasttag == "title":
            fill, _ = self.regions[self._open]
            self.regions[self._open] = (fill, data)

    def handle_endtag(self, tag):
        if tag == "path":
            self._open = None


def coloured(view) -> dict:
    """Kab/kota code -> the value the map colours it by (grey ones left out), each drawn in its class's colour."""
    drawn = _Regions(view.html).regions
    out = {}
    for entry in view.entries:
        for code in entry.codes:
            assert drawn[code][0] == entry.colour, code
            if not entry.empty:
                out[code] = view.values[code]
    return out


def grey(view) -> set:
    return {k for k, (fill, _) in _Regions(view.html).regions.items() if fill == NO_DATA_COLOUR}


def test_map_draws_every_kabkota_of_the_provinces_in_the_data():
    cells = sample_cells()
    data_regions = {c.region for c in cells}
    provinces = {r[:2] for r in data_regions}
    view = choropleth(cells.to_rows(), "pagu")
    values = coloured(view)
    assert set(values) == data_regions
    drawn = set(_Regions(view.html).regions)
    assert drawn == set(values) | grey(view) == {k for p in provinces for k in regions.kabkota_in(p)}, \
        "every kab/kota of the provinces in the data, and none of other provinces"
    totals = {}
    for c in cells:
        totals[c.region] = totals.get(c.region, 0) + c.pagu
    assert values == pytest.approx(totals)


def test_the_map_colours_by_governments_by_default_and_names_kabkota_in_the_legend():
    cells = sample_cells()
    view = choropleth(cells.to_rows())
    governments = {}
    for c in cells:
        governments.setdefault(c.region, set()).update(c.governments)
    assert coloured(view) == {k: len(v) for k, v in governments.items()}
    most = max(len(v) for v in governments.values())
    first = view.entries[0]
    assert first.heading == f"{most} pemerintah daerah", "the legend starts at the most governments"
    assert "Kota Samarinda" in first.names
    assert "Kab. Kutai Kartanegara" in [n for e in view.entries for n in e.names]
    for e in view.entries:  # the legend drawn says the same
        assert f"<b>{e.heading}</b>" in view.html and all(n in view.html for n in e.names)


def test_hovering_a_kabkota_names_it_with_its_value():
    view = choropleth([{"region": "64.72", "pagu": 1.5e9}], "pagu", lang="en")
    hover = _Regions(view.html).regions
    assert hover["64.72"][1] == "Kota Samarinda (64.72)\nBudget (pagu, IDR): IDR 1.5 billion"
    assert hover["64.02"][1] == "Kabupaten Kutai Kartanegara (64.02)\nno data"


def test_the_legend_says_how_many_more_when_a_class_is_long():
    rows = [{"region": k, "governments": ["64"]} for k in regions.kabkota_in("64")]
    view = choropleth(rows, "governments", names_per_class=3, lang="en")
    entry = view.entries[0]
    assert entry.heading == "1 governments" and len(entry.names) == 3
    assert entry.more == len(rows) - 3 and f"+{len(rows) - 3} more" in view.html


def test_province_outlines_are_drawn_over_the_kabkota():
    view = choropleth(sample_cells().to_rows())
    outlines = _Regions(view.html).outlines
    assert len(outlines) == len(view.provinces) == 2
    assert view.html.index('class="kk-outline"') > view.html.rindex('class="kk-region"'), "drawn over them"
    for d in outlines:
        points = [int(v) for v in re.findall(r"-?\d+", d)]
        assert len(points) > 200


def test_shapes_are_simplified_and_shared_borders_stay_shared():
    """Coordinates on the map's grid: fewer points than the file, and a border two kab/kota share
    is the same points in both (no slivers between neighbours)."""
    view = choropleth(sample_cells().to_rows())
    file_points = sum(len(ring) for p in view.provinces for f in province_features(p)
                      for poly in ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon"
                                   else f["geometry"]["coordinates"]) for ring in poly)
    paths = re.findall(r'class="kk-region"[^>]* d="([^"]+)"', view.html)
    pairs = [re.findall(r"(-?\d+) (-?\d+)", d) for d in paths]
    assert sum(len(p) for p in pairs) < file_points
    edges = {}
    for k, points in enumerate(pairs):
        for a, b in zip(points, points[1:]):
            edges.setdefault(frozenset((a, b)), set()).add(k)
    assert sum(len(owners) == 2 for owners in edges.values()) > 100, "neighbours share their border points"


@pytest.mark.parametrize("lang, heading", [("id", "Rp 1,5 miliar"), ("en", "IDR 1.5 billion")])
def test_money_in_the_legend_and_hover_by_language(lang, heading):
    view = choropleth([{"region": "64.02", "pagu": 1.5e9}, {"region": "64.71", "pagu": 2e8}], "pagu", lang=lang)
    assert view.entries[0].heading == heading
    assert _Regions(view.html).regions["64.02"][1].endswith(": " + heading)


def test_counts_of_governments_are_distinct_across_sectors():
    rows = [{"region": "64.02", "sector": "1.01", "governments": ["64", "64.02"]},
            {"region": "64.02", "sector": "1.03", "governments": ["64.02"]}]
    assert coloured(choropleth(rows, "governments")) == {"64.02": 2}


def test_one_sector_only():
    cells = sample_cells()
    sector = cells[0].sector
    view = choropleth(cells.to_rows(), "sub_kegiatan", sector=sector)
    expected = {c.region: c.sub_kegiatan for c in cells if c.sector == sector}
    assert coloured(view) == expected


@pytest.mark.parametrize("rows, message", [
    ([{"region": "64.02.06", "pagu": 1.0}], "not a kab/kota code"),
    ([{"region": "64.02", "jumlah": 1.0}], "no column 'pagu'"),
    ([{"region": "64.04", "pagu": 1.0}], "no boundary for region(s) 64.04"),
])
def test_map_errors_say_what_is_wrong(rows, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        choropleth(rows, "pagu")


def test_titles_and_names_are_escaped():
    view = choropleth([{"region": "64.02", "pagu": 1e9}], "pagu", title="<b onclick=x>Peta</b>")
    assert "&lt;b onclick=x&gt;Peta&lt;/b&gt;" in view.html and "<b onclick" not in view.html


def test_text_is_drawn_at_the_themes_size():
    for name in ("normal", "presentation"):
        view = choropleth(sample_cells().to_rows(), theme=name)
        assert view.font_px == THEMES[name].font_size
        assert f"--kk-font:{THEMES[name].font_size}px" in view.html


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


def visible(trace) -> list[int]:
    """The nodes of a Sankey a reader sees (not its invisible right-hand column)."""
    return [i for i, c in enumerate(trace.node.color) if c != "rgba(0,0,0,0)"]


def test_sankey_merges_nodes_and_colours_levels():
    th = THEMES["normal"]
    links = [
        {"source": "00", "target": "64", "pagu": 3e9, "from": "nasional", "to": "provinsi"},
        {"source": "64", "target": "64.02", "pagu": 1e9, "from": "provinsi", "to": "kabupaten"},
        {"source": "64", "target": "64.71", "pagu": 0, "from": "provinsi", "to": "kota"},
    ]
    trace = sankey(links, level_keys=("from", "to")).data[0]
    seen = visible(trace)
    assert [trace.node.label[i] for i in seen] == ["00", "64", "64.02"]
    assert [trace.node.color[i] for i in seen] == [th.levels["nasional"], th.levels["provinsi"], th.levels["kabkota"]]
    links = [k for k, s in enumerate(trace.link.source) if trace.link.target[k] in seen]
    assert [(trace.link.source[k], trace.link.target[k]) for k in links] == [(0, 1), (1, 2)]
    assert [trace.link.customdata[k] for k in links] == ["Rp 3 miliar", "Rp 1 miliar"]


def test_sankey_of_budget_flow_colours_nodes_from_the_graph():
    G = build_graph(sample_dataset())
    flow = budget_flow(G)
    th = replace(THEMES["normal"], chart_height=100_000)  # room for every node: none is merged
    trace = sankey(flow.to_rows(), value_key="value", source_label_key="source_name", target_label_key="target_name",
                   graph=G, theme=th).data[0]
    keys = list(dict.fromkeys(k for link in flow for k in (link.source, link.target)))
    assert len(visible(trace)) == len(keys)
    first = flow[0]
    assert trace.node.color[0] == th.levels["nasional"] and first.source.startswith("prioritas:")
    assert {trace.node.color[i] for i in visible(trace)} <= set(th.levels.values())
    assert sum(v for v, s in zip(trace.link.value, trace.link.source) if s == 0) == pytest.approx(
        sum(link.value for link in flow if link.source == first.source))


@pytest.mark.parametrize("theme", ["normal", "slide"])
def test_a_sankey_too_tall_for_its_labels_merges_the_smallest_nodes_of_a_column(theme):
    """The whole sample's flow down to sub kegiatan has more nodes in a column than the chart's height
    keeps a label apart: each such column keeps its largest nodes and one "+N lainnya" node holds the
    rest, labels never overlap (nodes a label's height apart) and no rupiah is lost."""
    G = build_graph(sample_dataset())
    rows = budget_flow(G).to_rows()
    th = THEMES[theme]
    fig = sankey(rows, value_key="value", source_label_key="source_name", target_label_key="target_name",
                 graph=G, theme=theme, lang="en", title="Budget flow")
    trace = fig.data[0]
    shown = [trace.node.label[i] for i in visible(trace)]
    merged = [label for label in shown if re.fullmatch(r"\+\d+ more", label)]
    assert merged, "the sub kegiatan column is merged"
    lines = max(label.count("<br>") + 1 for label in shown)
    assert trace.node.pad >= lines * 1.25 * th.font_size, "nodes of a column stand a label apart"
    assert fig.layout.height <= th.chart_height
    whole = sankey(rows, value_key="value", source_label_key="source_name", target_label_key="target_name",
                   graph=G, theme=replace(th, chart_height=100_000), lang="en", title="Budget flow").data[0]
    assert len(visible(whole)) > len(shown)
    def totals(chart) -> tuple[float, float]:  # the money along the flows, and into their ends (the hidden column)
        sink = len(chart.node.label) - 1
        return sum(chart.link.value), sum(v for v, t in zip(chart.link.value, chart.link.target) if t == sink)

    assert totals(trace) == pytest.approx(totals(whole))


@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed (make browser-deps)")
def test_map_draws_offline_in_a_real_browser_with_legible_text(tmp_path):
    """The standalone page of the map: drawn with no request leaving the machine, every kab/kota
    painted, its smallest text at the theme's size."""
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "map.html"
    page_file.write_text(choropleth(sample_cells().to_rows(), "pagu").page(), encoding="utf-8")
    remote, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            drawn = page.evaluate("""[...document.querySelectorAll('.kk-map path.kk-region')]
                .filter(p => { const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length""")
            smallest = page.evaluate("""Math.min(...[...document.querySelectorAll('.kk-map-legend *, .kk-map-title')]
                .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
        finally:
            browser.close()
    assert remote == [] and errors == []
    assert drawn == len({k for c in sample_cells() for k in regions.kabkota_in(c.region[:2])})
    assert smallest >= THEMES["normal"].min_label_px


def test_views_read_rows_the_result_made_and_never_guess_its_type():
    """A result turns itself into rows (`to_rows()`, queries/results.py); a view takes those rows.
    No view tells results, DataFrames and dicts apart by what attributes they have."""
    import ast
    from pathlib import Path

    views = Path(__file__).resolve().parent.parent / "views"
    guesses = []
    for path in sorted(views.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "hasattr" \
                    and any(isinstance(a, ast.Constant) and a.value in ("to_rows", "to_dict", "columns") for a in node.args):
                guesses.append(f"{path.name}:{node.lineno}")
    assert guesses == []
    cells = sample_cells()
    assert coloured(choropleth(cells.to_rows(), "pagu")) == pytest.approx(
        {r: sum(c.pagu for c in cells if c.region == r) for r in {c.region for c in cells}})
