"""Cascade and trace-up views: offline HTML, escaped user text, tiers as rows, colours, collapse,
automatic aggregation above 1,000 boxes, search highlight, and the line-of-sight trace."""
from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.build import build_graph
from views import cascade_view, trace_view
from views.export import chromium_path
from base import fmt
from views.theme import THEMES
from views.tiers import TIERS, tier_of
from loaders.models import Dataset, Indikator, PerangkatDaerah, Sasaran, SubKegiatan
from queries import cascade, line_of_sight

XSS = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(2)>"
PUPR = "1.03.0.00.0.00.01.0000"
DINKES = "1.02.0.00.0.00.01.0000"


def dataset(n_roads: int = 4) -> Dataset:
    """PN -> PP -> KP <- province sasaran <- district sasaran <- indicator <- sub kegiatan, with all
    three link statuses, two agencies, a province line, and hostile names."""
    agencies = [
        PerangkatDaerah(kode_skpd=PUPR, nama_skpd="Dinas PUPR Kukar", kode_pemda="64.02", bidang="1.03"),
        PerangkatDaerah(kode_skpd=DINKES, nama_skpd=XSS_IMG, kode_pemda="64.02", bidang="1.02"),
        PerangkatDaerah(kode_skpd=PUPR, nama_skpd="Dinas PUPR-PERA Kaltim", kode_pemda="64", bidang="1.03"),
    ]
    targets = [
        Sasaran(id="PN3", jenis="pn", nama="Infrastruktur", kode="03"),
        Sasaran(id="PP3.1", jenis="pp", nama="Konektivitas", induk="PN3"),
        Sasaran(id="KP3.1.1", jenis="kp", nama="Jalan daerah mantap", induk="PP3.1"),
        Sasaran(id="KT-1", jenis="sasaran", kode_pemda="64", nama="Konektivitas Kaltim", selaras=["KP3.1.1"]),
        Sasaran(id="KK-1", jenis="sasaran", kode_pemda="64.02", nama="Jalan mantap Kukar", selaras=["KT-1"]),
        Sasaran(id="KK-2", jenis="sasaran", kode_pemda="64.02", nama="Stunting turun"),
    ]
    indicators = [
        Indikator(id="I-KK-1", milik="KK-1", nama="Persentase jalan mantap", jenis="hasil"),
        Indikator(id="I-KT-1", milik="KT-1", nama="Jalan provinsi mantap", jenis="hasil"),
    ]
    statuses = ["disepakati", "usulan", "ditolak"]
    lines = [
        SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=PUPR, kode_sub_giat=f"1.03.10.2.01.{53 + i:04d}",
                    nama_sub_giat=XSS if i == 1 else f"Pembangunan Jalan Ruas {i}", pagu=3.5e8,
                    mendukung=["I-KK-1"], status=statuses[i % 3])
        for i in range(n_roads)
    ]
    lines += [
        SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=DINKES, kode_sub_giat="1.02.02.2.02.0020",
                    nama_sub_giat="Pengelolaan Surveilans Kesehatan", pagu=1.2e9, mendukung=["KK-2"]),
        SubKegiatan(tahun=2025, kode_pemda="64", kode_skpd=PUPR, kode_sub_giat="1.03.10.1.01.0001",
                    nama_sub_giat="Pembangunan Jalan Provinsi", pagu=2.5e10, mendukung=["I-KT-1"]),
    ]
    return Dataset(perangkat_daerah=agencies, sasaran=targets, indikator=indicators, sub_kegiatan=lines)


@functools.cache
def graph(n_roads: int = 4):
    return build_graph(dataset(n_roads))


class _Page(HTMLParser):
    """Collects elements and the text of the heading and caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.h1 = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "h1":
            self.h1 += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def vis_data(html: str) -> tuple[list[dict], list[dict]]:
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*)\);\n", html).group(1))
    edges = json.loads(re.search(r"var edges = new vis\.DataSet\((.*)\);\n", html).group(1))
    return nodes, edges


def boxes(html: str) -> dict[str, dict]:
    """The drawn boxes (not the bend points of long edges), by id."""
    nodes, _ = vis_data(html)
    return {n["id"]: n for n in nodes if not n["id"].startswith(("bend:", "tier:"))}


def squash(text: str) -> str:
    """Text without any white space: a label wrapped inside a long word compares equal."""
    return "".join(text.split())


def one_line(label: str) -> str:
    """A box label with its wrapping undone."""
    return label.replace("\n", " ")


def test_page_is_offline_with_vis_network_inlined():
    html = cascade_view(graph(), title="Kaskade").html
    page = parse(html)
    for tag, attrs in page.tags:
        for attr in ("src", "href"):
            assert not attrs.get(attr), f"<{tag} {attr}={attrs.get(attr)}> loads a resource"
    assert len(page.scripts) == 2
    vis_js, init = page.scripts
    assert len(vis_js) > 400_000 and "vis-network" in vis_js
    assert "sourceMappingURL" not in html
    assert "new vis.Network" in init
    options = json.loads(re.search(r"new vis\.Network\(container, \{nodes: nodes, edges: edges\}, (.*)\);\n", html)
                         .group(1))
    assert options["physics"]["enabled"] is False


def test_user_text_is_escaped_not_markup():
    view = cascade_view(graph(), title=XSS, collapsed={"sub_kegiatan"}, group_by="agency")
    page = parse(view.html)
    assert len(page.scripts) == 2  # the title did not add a script element
    assert not any(tag == "img" for tag, _ in page.tags)
    assert page.h1 == XSS  # shown as text: the source holds &lt;script&gt;
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view.html
    assert XSS not in view.html and XSS_IMG not in view.html
    nodes = boxes(view.html)
    assert any(squash(XSS_IMG) in squash(n["label"]) for n in nodes.values())  # canvas text: the JSON carries the name intact

    plain = boxes(cascade_view(graph(), title="x").html)
    line = next(n for n in plain.values() if n["label"].replace("\n", "").startswith(XSS))
    assert XSS in line["title"]


def test_one_row_per_tier_top_down():
    nodes = boxes(cascade_view(graph()).html)
    G = graph()
    ys = {}
    for nid, node in nodes.items():
        ys.setdefault(tier_of(G.nodes[nid]), set()).add(node["y"])
    assert all(len(v) == 1 for v in ys.values()), "a tier spans one row"
    order = [t for t in TIERS if t in ys]
    assert order == sorted(order, key=lambda t: next(iter(ys[t])))
    assert set(order) == set(TIERS)


def test_colours_by_level_and_links_by_status():
    th = THEMES["normal"]
    G = graph()
    html = cascade_view(G).html
    nodes, edges = vis_data(html)
    by_id = {n["id"]: n for n in nodes}
    assert by_id["prioritas:PN3"]["color"]["background"] == th.levels["nasional"]
    assert by_id["sasaran:KT-1"]["color"]["background"] == th.levels["provinsi"]
    assert by_id["sasaran:KK-1"]["color"]["background"] == th.levels["kabkota"]
    assert by_id["indikator:I-KK-1"]["color"]["background"] == th.levels["kabkota"]
    into_indicator = {}  # the first segment of each line's link to the indicator (it bends past two rows)
    for e in edges:
        if e["from"].startswith("sub_kegiatan:64.02/2025/" + PUPR) and not e["to"].startswith("kegiatan:"):
            into_indicator[G.edges[e["from"], "indikator:I-KK-1", "mendukung"]["status"]] = e
    assert into_indicator["disepakati"]["dashes"] is False
    assert into_indicator["usulan"]["dashes"] is True
    assert into_indicator["ditolak"]["color"]["color"] == th.rejected
    assert all(n.get("physics") is False and "x" in n and "y" in n for n in nodes)


def test_pagu_comes_from_the_cascade_totals():
    G = graph()
    result = cascade(G, "prioritas:PN3")
    nodes = boxes(cascade_view(G, result).html)
    top = result.node("prioritas:PN3")
    assert fmt.money(top.pagu_total, "id") in nodes["prioritas:PN3"]["label"]
    assert top.pagu_total == pytest.approx(2 * 3.5e8 + 2.5e10)  # only the two agreed road links count
    assert "Rp 350 juta" in nodes["sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"]["label"]


def test_collapsed_tier_merges_per_parent_with_count_and_pagu():
    view = cascade_view(graph(), collapsed={"sub_kegiatan"}, lang="en")
    nodes = boxes(view.html)
    groups = [n for nid, n in nodes.items() if nid.startswith("grup:sub_kegiatan")]
    roads = next(n for n in groups if n["label"].startswith("4 sub kegiatan"))
    assert "IDR 1.4 billion" in roads["label"]  # 4 x IDR 350 million
    assert roads["label"].endswith("IDR 1.4 billion")  # 4 x Rp 350 juta, in English
    assert not any(nid.startswith("sub_kegiatan:") for nid in nodes)
    assert view.caption().startswith(f"showing {view.shown} of {view.total} nodes · sub kegiatan merged per parent")


def test_an_opened_group_shows_its_members_and_the_others_stay_merged():
    view = cascade_view(graph(), collapsed={"sub_kegiatan"}, lang="en")
    groups = dict(view.groups)
    roads = next(g for g, label in groups.items() if label.startswith("4 sub kegiatan"))
    assert "Dinas PUPR Kukar" in groups[roads] or "Kutai Kartanegara" in groups[roads], groups[roads]
    opened = cascade_view(graph(), collapsed={"sub_kegiatan"}, lang="en", expand=[roads])
    nodes = boxes(opened.html)
    assert roads not in nodes and roads not in dict(opened.groups)
    assert sum(nid.startswith("sub_kegiatan:64.02/2025/1.03") for nid in nodes) == 4
    assert set(dict(opened.groups)) == set(groups) - {roads}, "the other groups stay merged"
    assert opened.shown == view.shown + 3


def test_opening_the_rest_box_shows_the_boxes_it_held():
    from views.tiers import drawing

    G = graph(12)
    d = drawing(G, max_per_row=4, collapse_wide=False)
    row = {s.id for s in d.shapes if s.tier == "sub_kegiatan"}
    assert "grup:sub_kegiatan:rest" in row
    other = drawing(G, max_per_row=4, collapse_wide=False, expand=["grup:sub_kegiatan:rest"])
    shown = {s.id for s in other.shapes if s.tier == "sub_kegiatan"} - {"grup:sub_kegiatan:rest"}
    assert shown and not shown & row, "the boxes the rest held come into sight in place of the first ones"


def test_a_whole_row_is_drawn_without_a_rest_box():
    """`whole` names a tier whose row is never merged into "+N lainnya": every box of the row and
    every link are drawn, as without a row limit."""
    from views.tiers import drawing

    G = graph(12)
    everything = drawing(G, collapse_wide=False)
    limit = len([s for s in everything.shapes if s.tier == "sub_kegiatan"]) // 2 + 1
    assert "grup:sub_kegiatan:rest" in {s.id for s in drawing(G, max_per_row=limit, collapse_wide=False).shapes}
    opened = drawing(G, max_per_row=limit, collapse_wide=False, expand=["grup:sub_kegiatan:rest"],
                     whole=["sub_kegiatan"])
    assert {s.id for s in opened.shapes if s.tier == "sub_kegiatan"} == {
        s.id for s in everything.shapes if s.tier == "sub_kegiatan"}
    assert {(link.source, link.target) for link in opened.links} == {
        (link.source, link.target) for link in everything.links}


def _extent(html: str) -> list[float]:
    return json.loads(re.search(r"var extent = (.*);\n", html).group(1))


def test_a_small_rest_box_opens_whole_when_the_view_has_room():
    """With room for the whole row at the legible scale, "+N lainnya" opens into every box beside the
    others (no new "+N lainnya" in that row), and the view still fits."""
    from dataclasses import replace as with_

    th = with_(THEMES["normal"], view_width=1000)  # a narrow view: the programme row is merged
    view = cascade_view(graph(6), theme=th)
    assert "grup:program:rest" in dict(view.groups)
    opened = cascade_view(graph(6), theme=th, expand=["grup:program:rest"])
    programmes = {nid for nid in boxes(opened.html) if nid.startswith("program:")}
    assert "grup:program:rest" not in boxes(opened.html) and len(programmes) == 3
    assert opened.fits


@pytest.mark.parametrize("theme", ["normal", "presentation"])
def test_an_opened_rest_box_keeps_the_tier_names_and_every_box_in_sight(theme):
    """A click on any "+N lainnya" box of the sample's cascades gives a view whose tier names and
    boxes all fit the screen's width at the legible scale (before, a few boxes opened beside the
    others made the row wider than the screen and cut its ends)."""
    from kaskade.open import sample_graph

    G = sample_graph()
    th = THEMES[theme]
    for root in ("prioritas:PN02", "prioritas:PN03"):
        result = cascade(G, root=root)
        rests = [g for g, _ in cascade_view(G, result, theme=theme).groups if g.endswith(":rest")]
        assert rests
        for rest in rests:
            opened = cascade_view(G, result, theme=theme, expand=[rest])
            left, _, right, _ = _extent(opened.html)
            assert opened.fits, f"{root} {rest}: the opened view does not fit"
            assert (right - left) * th.min_label_px / th.font_size <= th.view_width, (root, rest)


def test_a_box_without_lines_below_says_no_pagu_not_rp_0():
    """A target no sub kegiatan supports has no pagu in scope: its box says "tanpa pagu", never "Rp 0";
    a line whose pagu is zero still says Rp 0."""
    nodes = boxes(cascade_view(graph(), lang="id").html)
    stunting = next(n for n in nodes.values() if n["label"].startswith("Stunting turun"))
    assert "Rp 1,2 miliar" in stunting["label"]  # the surveillance line below it
    ds = dataset()
    lines = list(ds.sub_kegiatan)
    lines[0] = lines[0].model_copy(update={"pagu": 0.0})
    G = build_graph(ds.model_copy(update={
        "sasaran": (*ds.sasaran, Sasaran(id="PP3.2", jenis="pp", nama="Swasembada Pangan", induk="PN3")),
        "sub_kegiatan": tuple(lines)}))
    nodes = boxes(cascade_view(G, cascade(G, root="prioritas:PN3"), lang="id").html)
    empty = nodes["prioritas:PP3.2"]
    assert empty["label"].endswith("tanpa pagu") and "Rp 0" not in empty["label"]
    zero = next(n for nid, n in nodes.items() if nid.endswith("1.03.10.2.01.0053"))
    assert zero["label"].endswith("Rp 0")
    en = boxes(cascade_view(G, cascade(G, root="prioritas:PN3"), lang="en").html)
    assert en["prioritas:PP3.2"]["label"].endswith("no pagu")


def test_same_named_boxes_of_a_row_are_told_apart():
    """Two PP named "Swasembada Pangan" (codes 02.01 and 02.04) get their codes; names that differ
    stay as they are."""
    ds = dataset()
    G = build_graph(ds.model_copy(update={"sasaran": (*ds.sasaran, *(
        Sasaran(id=f"PP3.{k}", jenis="pp", nama="Swasembada Pangan", kode=f"03.0{k}", induk="PN3") for k in (2, 4)))}))
    nodes = boxes(cascade_view(G, cascade(G, root="prioritas:PN3"), lang="id").html)
    labels = {nid: one_line(n["label"]) for nid, n in nodes.items()}
    assert labels["prioritas:PP3.2"].startswith("Swasembada Pangan (03.02)")
    assert labels["prioritas:PP3.4"].startswith("Swasembada Pangan (03.04)")
    assert labels["prioritas:PP3.1"].startswith("Konektivitas ")
    assert "(" not in labels["prioritas:PP3.1"]


def test_large_view_aggregates_and_says_so():
    G = graph(1200)
    view = cascade_view(G)
    assert view.total > 1000 and view.shown <= 1000
    assert view.auto == ("sub_kegiatan",)
    total = f"{view.total:,}".replace(",", ".")
    assert view.caption() == f"menampilkan {view.shown} dari {total} simpul · sub kegiatan digabung per induk"
    assert len(boxes(view.html)) == view.shown


@pytest.mark.parametrize("group_by, expected", [
    ("agency", {"4 sub kegiatan Dinas PUPR Kukar Rp 1,4 miliar", "1 sub kegiatan Dinas PUPR-PERA Kaltim Rp 25 miliar"}),
    ("bidang", {"5 sub kegiatan 1.03 Pekerjaan Umum dan Penataan Ruang Rp 26,4 miliar",
                "1 sub kegiatan 1.02 Kesehatan Rp 1,2 miliar"}),
])
def test_group_by_agency_or_bidang_names_the_groups(group_by, expected):
    nodes = boxes(cascade_view(graph(), collapsed={"sub_kegiatan"}, group_by=group_by).html)
    labels = {one_line(n["label"]) for nid, n in nodes.items() if nid.startswith("grup:")}
    assert expected <= labels


def test_search_highlights_matching_boxes():
    view = cascade_view(graph(), highlight="surveilans")
    assert view.matches == 1 and "1 cocok dengan pencarian" in view.caption()
    nodes = boxes(view.html)
    hit = nodes["sub_kegiatan:64.02/2025/1.02.0.00.0.00.01.0000/1.02.02.2.02.0020"]
    assert hit["color"]["border"] == THEMES["normal"].highlight and hit["borderWidth"] > 1
    others = [n for nid, n in nodes.items() if "surveilans" not in n["label"].lower()]
    assert all(n["color"]["border"] != THEMES["normal"].highlight for n in others)


def test_trace_view_marks_start_and_break():
    G = graph()
    start = "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0054"  # its link is only proposed
    sight = line_of_sight(G, start)
    view = trace_view(G, sight, title="Trace")
    nodes = boxes(view.html)
    th = THEMES["normal"]
    assert nodes[start]["color"]["border"] == th.text
    broken = [p for p in sight.paths if p.reason != "national"]
    assert broken
    for p in broken:
        assert nodes[p.end]["color"]["border"] in (th.rejected, th.text)
    if any(p.reason == "link_proposed" for p in sight.paths):
        _, edges = vis_data(view.html)
        assert any(e["dashes"] for e in edges), "the proposed link that stopped the chain is drawn dashed"


def test_presentation_theme_is_larger():
    normal = boxes(cascade_view(graph()).html)
    big = boxes(cascade_view(graph(), theme="presentation").html)
    assert big["prioritas:PN3"]["font"]["size"] > normal["prioritas:PN3"]["font"]["size"]


@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed (make browser-deps)")
def test_tooltip_shows_names_as_text_in_a_real_browser(tmp_path: Path):
    """vis-network sets string tooltips with innerText: hover a hostile name and nothing runs."""
    from playwright.sync_api import sync_playwright

    from views.export import CHROMIUM_FLAGS

    view = cascade_view(graph(), collapsed={"sub_kegiatan"}, group_by="agency")
    page_file = tmp_path / "view.html"
    page_file.write_text(view.html, encoding="utf-8")
    target = next(nid for nid, n in boxes(view.html).items() if squash(XSS_IMG) in squash(n["label"]))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-kk-drawn='1']", timeout=15_000)
            point = page.evaluate(
                "id => { const n = window.kaskadeNetwork; const p = n.getPositions([id])[id];"
                " const d = n.canvasToDOM(p); const r = document.querySelector('#kk-network canvas')"
                ".getBoundingClientRect(); return {x: r.left + d.x, y: r.top + d.y}; }", target)
            page.mouse.move(point["x"], point["y"])
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
            tooltip = page.locator("div.vis-tooltip")
            assert XSS_IMG in tooltip.inner_text()
            assert page.evaluate("document.querySelectorAll('div.vis-tooltip *:not(br), img').length") == 0
            page.wait_for_timeout(300)
            assert dialogs == []
        finally:
            browser.close()


def test_a_merged_box_counts_each_line_below_it_once():
    """PP / KP merged into one box share many lines: the box's pagu counts each line once, so it is
    never more than the national priority above them all (summing members' totals showed IDR 919.9
    billion under a priority of IDR 482.1 billion)."""
    from kaskade.open import sample_graph
    from views.tiers import drawing

    G = sample_graph()
    result = cascade(G, root="prioritas:PN04")
    root = next(n for n in result if n.id == "prioritas:PN04")
    view = cascade_view(G, result, theme="slide", lang="en")
    assert fmt.money(root.pagu_total, "en") in boxes(view.html)["prioritas:PN04"]["label"]
    d = drawing(G, [n.id for n in result], pagu={n.id: n.pagu_total for n in result}, max_per_row=4,
                collapsed={"pp_kp", "sasaran_provinsi", "sasaran_kabkota", "indikator", "program", "kegiatan",
                           "sub_kegiatan"})
    assert any(s.group for s in d.shapes if s.tier == "pp_kp")
    for s in d.shapes:
        assert s.pagu <= root.pagu_total + 1, (s.id, s.pagu, root.pagu_total)
