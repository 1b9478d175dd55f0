"""The Streamlit app, driven with AppTest on the bundled sample and after uploads (good and broken).

Pages are opened with `at.switch_page`, widgets are set as a planner would set them, and what the
page shows is compared with the analyses run directly on the same graph.
"""
from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import openpyxl
import pyarrow as pa
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from streamlit import config
from streamlit.testing.v1 import AppTest

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import data_summary, down_to
from queries import interventions_in
from kaskade.open import sample_graph
from base import fmt
from base.i18n import column_label, t
from views.sentences import finding_text, note_text
from kaskade.sample import GROUND_TRUTH, write_sample
from views.deck import build_deck
from views import export
from views.graph_view import cascade_view, trace_view
from views.theme import THEMES
from loaders import write_dataset
from queries import (
    Filters,
    aligned_share,
    budget_flow,
    cascade,
    coverage,
    line_of_sight,
    mandates,
    orphans,
    overlaps,
    who_where,
)
from queries._examples import tiny_dataset

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ("overview", "cascade", "orphans", "mandates", "who_where", "budget", "presentation", "data")
TIMEOUT = 60


@pytest.fixture(scope="module")
def G():
    return sample_graph()


@pytest.fixture(scope="module")
def sample_workbook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    write_sample(folder)
    return folder / "kaskade-sample.xlsx"


@pytest.fixture(scope="module")
def broken_upload(sample_workbook, tmp_path_factory):
    """The sample workbook with a pagu that is not a number in sub_kegiatan row 5 and an unknown
    government in row 7, loaded through the same function the Data page calls."""
    book = openpyxl.load_workbook(sample_workbook)
    sheet = book["sub_kegiatan"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=5, column=header.index("pagu") + 1, value="seratus juta")
    sheet.cell(row=7, column=header.index("kode_pemda") + 1, value="99.99")
    path = tmp_path_factory.mktemp("broken") / "rencana-rusak.xlsx"
    book.save(path)
    return app_state.load_upload(path.name, path.read_bytes())


@pytest.fixture(scope="module")
def tiny_upload(tmp_path_factory):
    """A valid workbook of two governments (Kaltim and Kukar), uploaded."""
    path = tmp_path_factory.mktemp("tiny") / "kukar.xlsx"
    write_dataset(tiny_dataset(), path)
    return app_state.load_upload(path.name, path.read_bytes())


def run(page: str = "overview", lang: str | None = None, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    # users see no stack trace (.streamlit/config.toml); a failing test should show the real error
    config.set_option("client.showErrorDetails", "full")
    for key, value in state.items():
        at.session_state[key] = value
    at.run(timeout=TIMEOUT)
    if lang:
        at.sidebar.radio(key=app_state.LANG).set_value(lang).run(timeout=TIMEOUT)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, key: str):
    """The rows the table in container `key` shows."""
    return at.get_by_key(key).dataframe[0].value


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def shown_cells(at: AppTest, key: str) -> list[dict]:
    """The cells the table in container `key` shows, as the planner reads them (its display text)."""
    styler = at.get_by_key(key).dataframe[0].proto.arrow_data.styler
    return pa.ipc.open_stream(styler.display_values).read_all().to_pylist()


# --- numbers and money as each language writes them --------------------------------------------------

@pytest.mark.parametrize("lang, short, full", [
    ("id", r"Rp \d{1,3}(,\d)? (juta|miliar|triliun)", r"Rp \d{1,3}(\.\d{3})*"),
    ("en", r"IDR \d{1,3}(\.\d)? (million|billion|trillion)", r"IDR \d{1,3}(,\d{3})*"),
])
def test_money_and_years_read_the_way_each_language_writes_them(G, lang, short, full):
    at = run("overview", lang)
    shown = metrics(at)
    assert re.fullmatch(short, shown[t("overview.pagu", lang)])
    assert shown[t("overview.years", lang)] == ", ".join(str(y) for y in data_summary(G).years)
    at = run("orphans", lang)
    rows = shown_cells(at, "orphans")
    pagu, year = column_label("pagu", lang), column_label("year", lang)
    assert rows and all(re.fullmatch(full, r[pagu]) for r in rows)
    assert any(r[pagu].count("." if lang == "id" else ",") >= 2 for r in rows)  # millions and up, grouped
    years = {r[year] for r in rows if r[year]}
    assert years and all(re.fullmatch(r"20\d\d", y) for y in years)
    assert table(at, "orphans")[pagu].dtype.kind == "f"  # the cells keep their numbers: a column sorts by value


def test_small_tables_are_written_by_base_fmt_and_large_ones_keep_years_plain():
    import pandas as pd

    rows = app_ui.STYLED_CELLS // 2 + 1
    df = pd.DataFrame({"Tahun": [2025] * rows, "Pagu (Rp)": [1e9] * rows})
    data, config = app_ui.styled(df, ["year", "pagu"], "id")
    assert data is df and set(config) == {"Tahun", "Pagu (Rp)"}
    assert config["Tahun"]["type_config"]["format"] == "%d"
    small, none = app_ui.styled(df.head(3), ["year", "pagu"], "id")
    html = small.to_html()
    assert none == {} and html.count("Rp 1.000.000.000") == 3 and "2025" in html and "2.025" not in html


# --- every page opens, in both languages, on the sample -------------------------------------------

@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_the_sample_with_its_title(page, lang):
    at = run(page, lang)
    assert at.title[0].value == t(f"page.{page}", lang)
    assert not at.error


def test_bahasa_indonesia_is_the_default_and_english_is_one_switch_away():
    at = run()
    assert at.title[0].value == "Ringkasan"
    assert "Pemerintah daerah" in metrics(at)
    at.sidebar.radio(key=app_state.LANG).set_value("en").run(timeout=TIMEOUT)
    assert at.title[0].value == "Overview"
    assert "Governments" in metrics(at)
    assert "Government" in table(at, "overview.coverage").columns


def test_the_map_boundaries_are_projected_at_start_up_not_on_the_first_map_visit():
    """Opening the app (the overview, no map in sight) starts projecting the kab/kota boundaries in
    the background, once per process; the who-where map then finds every province of the sample cached."""
    from views import map_view

    map_view._all_features.cache_clear()
    map_view._province.cache_clear()
    app_state.warm_map.clear()
    run()
    deadline = time.monotonic() + TIMEOUT
    while map_view._province.cache_info().currsize < 38 and time.monotonic() < deadline:
        time.sleep(0.1)
    warmed = map_view._province.cache_info()
    provinces = {c.region[:2] for c in who_where(sample_graph(), level="kabkota")}
    assert warmed.currsize >= 38 and provinces
    run("who_where")
    assert map_view._province.cache_info().misses == warmed.misses, "the map projected nothing itself"


# --- overview ----------------------------------------------------------------------------------

def test_overview_metrics_are_the_sample_counts(G):
    at = run()
    s = data_summary(G)
    shown = metrics(at)
    assert shown["Pemerintah daerah"] == fmt.number(s.governments, "id") == "7"
    assert shown["Perangkat daerah"] == fmt.number(s.agencies, "id")
    assert shown["Sub kegiatan"] == fmt.number(s.sub_kegiatan, "id")
    assert shown["Tahun"] == ", ".join(str(y) for y in s.years)
    assert shown["Temuan yatim"] == str(len(orphans(G)))
    assert shown["Konflik kewenangan"] == str(len(mandates(G)))
    assert shown["Tumpang tindih"] == str(len(overlaps(G)))
    links = [(p.proto.page, p.proto.label) for p in at.get("page_link")]
    assert links == [("orphans", "Lihat temuan yatim"), ("mandates", "Lihat konflik kewenangan"),
                     ("mandates", "Lihat tumpang tindih")]


def test_overview_quality_table_is_the_coverage_query(G):
    at = run()
    shown = table(at, "overview.coverage")
    expected = coverage(G)
    assert len(shown) == len(expected)
    assert list(shown["Sub kegiatan"]) == [c.sub_kegiatan for c in expected]
    governments = table(at, "overview.governments")
    assert list(governments["Kode"]) == [g.kode for g in data_summary(G).per_government]


# --- orphans -----------------------------------------------------------------------------------

def test_orphans_table_rows_are_the_query_results_and_reasons_filter_them(G):
    at = run("orphans")
    found = orphans(G)
    shown = table(at, "orphans")
    assert len(shown) == len(found)
    assert list(shown["Kode"].fillna("")) == [o.code or "" for o in found]
    at.multiselect(key="orphans.reasons").set_value(["no_outcome"]).run(timeout=TIMEOUT)
    shown = table(at, "orphans")
    expected = [o for o in found if o.reason == "no_outcome"]
    assert sorted(shown["Kode"]) == sorted(o.code for o in expected)
    assert set(shown["Alasan"]) == {t("value.reason.no_outcome")}
    planted = {G.nodes[n]["code"] for n in GROUND_TRUTH["orphans"]}
    assert planted <= set(shown["Kode"])


def test_orphans_government_filter_matches_the_filtered_query(G):
    at = run("orphans")
    at.selectbox(key="orphans.pemda").set_value("64.72").run(timeout=TIMEOUT)
    assert len(table(at, "orphans")) == len(orphans(G, Filters(pemda="64.72")))


def test_clicking_an_orphan_row_shows_it_in_its_neighbourhood(G):
    at = run("orphans")
    found = orphans(G)
    assert app_ui.plain(finding_text(found[0], "id")) in [m.value for m in at.markdown]
    at.session_state["orphans.table"] = {"selection": {"rows": [2], "columns": [], "cells": []}}
    at.run(timeout=TIMEOUT)
    third = found[2]
    assert at.selectbox(key="orphans.pick").value == f"{third.id}|{third.reason}|{third.related or ''}"
    assert app_ui.plain(finding_text(third, "id")) in [m.value for m in at.markdown]
    chain = {n for p in line_of_sight(G, third.id).paths for n in p.nodes}
    assert f"menampilkan {len(chain)} dari {len(chain)} simpul" in [c.value for c in at.caption]


@pytest.mark.parametrize("page, key", [("orphans", "orphans.pick"), ("mandates", "mandates.pick"),
                                       ("mandates", "mandates.overlaps.pick")])
def test_pick_lists_name_governments_and_years_as_the_sentences_do(page, key):
    """A planner reads "(Pemerintah Provinsi Kalimantan Tengah, 2025)", not "(62)"."""
    at = run(page)
    options = at.selectbox(key=key).options
    assert options and all("Pemerintah " in o for o in options)
    assert not any(re.search(r"\(\d{2}(\.\d{2})?\)$|\s\d{2}(\.\d{2})? \d", o) for o in options), options[:3]
    if key != "mandates.overlaps.pick":  # the year of a line, as its sentence gives it
        assert any(re.search(r"\(Pemerintah [^()]+, 20\d\d\)$", o) for o in options), options[:3]


def test_changing_a_filter_on_the_sample_answers_in_well_under_a_second():
    at = run("orphans")
    at.selectbox(key="orphans.year").set_value(2025).run(timeout=TIMEOUT)  # warm the caches
    at.selectbox(key="orphans.year").set_value(None).run(timeout=TIMEOUT)
    start = time.perf_counter()
    at.selectbox(key="orphans.year").set_value(2026).run(timeout=TIMEOUT)
    assert time.perf_counter() - start < 1.0
    assert not at.exception


# --- mandates and overlaps: the new user's errand ------------------------------------------------

def test_mandates_tables_are_the_query_results(G):
    at = run("mandates")
    assert len(table(at, "mandates.conflicts")) == len(mandates(G))
    assert len(table(at, "mandates.overlaps")) == len(overlaps(G, kinds=("family",)))
    assert len(table(at, "mandates.duplicates")) == len(overlaps(G, kinds=("same_sub_kegiatan", "near_duplicate")))
    at.selectbox(key="mandates.province").set_value("62").run(timeout=TIMEOUT)
    assert len(table(at, "mandates.conflicts")) == len(mandates(G, Filters(province="62")))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_overlap_notes_are_shown_in_the_chosen_language(G, lang):
    at = run("mandates", lang)
    captions = [c.value for c in at.caption]
    notes = overlaps(G, kinds=("family",)).notes
    assert notes and all(note_text(n, lang) in captions for n in notes)
    assert not any(note_text(n, "en" if lang == "id" else "id") in captions for n in notes)


def test_new_user_finds_the_district_running_a_provincial_mandate_and_exports_its_cascade(G):
    """The planted case: Kota Samarinda runs an SMA (province-level, digit 1) kegiatan."""
    at = run("mandates")
    conflicts = table(at, "mandates.conflicts")
    row = conflicts[conflicts["Alasan"] == t("value.reason.level")].iloc[0]
    assert row["Pemerintah daerah"] == "Pemerintah Kota Samarinda"
    assert row["Kode"] == "1.01.02.1.01.0014"
    assert "kewenangan provinsi" in row["Keterangan"]
    line = GROUND_TRUTH["level_conflicts"][0]
    at.selectbox(key="mandates.pick").set_value(f"{line}|level").run(timeout=TIMEOUT)
    at.button(key="mandates.open").click().run(timeout=TIMEOUT)
    assert not at.exception
    # "Buka kaskadenya" opens THAT finding's chain, stated as a sentence, not the whole PN cascade
    assert at.title[0].value == t("cascade.focus_title", what="1.01.02.1.01.0014 " + G.nodes[line]["name"])
    headline = at.subheader[0].value
    assert headline.startswith("Kota Samarinda menjalankan sub kegiatan 1.01.02.1.01.0014")
    assert "Sekolah Menengah Atas" in headline and headline.endswith("kewenangan provinsi, tanpa bankeu/DAK")
    sight = line_of_sight(G, line)
    drawn = at.get("iframe")[0].proto.srcdoc
    chain = {n for p in sight.paths for n in p.nodes}
    assert all(json.dumps(n) in drawn for n in chain)
    whole = cascade(G, sight.priorities[0])
    assert sum(json.dumps(n.id) in drawn for n in whole) < len(whole), "not the whole PN cascade"
    assert t("export.pptx") in [d.label for d in at.get("download_button")]
    # the deck that button builds: the chain with its headline first, then its table, then who follows up
    near = app_ui.siblings(G, line)
    focus = trace_view(G, sight, title="Samarinda SMA", siblings=near)
    slides = [app_ui.graph_slide(focus, headline=headline), app_ui.table_slide("Rantai", sight.to_rows(), "id", "sight")]
    closing = app_ui.closing_rows(G, "id", mandates_found=[m for m in mandates(G) if m.id == line][:1])
    pptx = Presentation(io.BytesIO(build_deck(slides, title=headline, lang="id", closing=closing)))
    titles = [s.shapes.title.text for s in pptx.slides]
    assert titles[1] == "Samarinda SMA" and titles[2].startswith("Rantai") and titles[-1] == t("deck.closing")
    assert [sh.text_frame.text for sh in pptx.slides[1].shapes if sh.name == "Headline"] == [headline]
    pictures = [any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes) for s in pptx.slides]
    assert pictures == [False, export.chromium_path() is not None] + [False] * (len(titles) - 2)
    # and the whole cascade is one click away, the finding highlighted in it
    at.button(key="cascade.show_all").click()
    at.switch_page("app_pages/cascade.py").run(timeout=TIMEOUT)
    assert at.title[0].value == t("page.cascade")
    assert at.selectbox(key="cascade.root").value == sight.priorities[0]
    assert at.text_input(key="cascade.search").value == "1.01.02.1.01.0014"
    assert at.selectbox(key="cascade.trace").value == line


def test_overlap_finding_is_shown_side_by_side_with_the_lines_of_each_side(G):
    """The province-wide Dishub line against Balikpapan's two Dishub lines: one row, two governments,
    and picking it lists one line under Kaltim and two under Balikpapan."""
    at = run("mandates")
    found = overlaps(G, kinds=("family",))
    rows = table(at, "mandates.overlaps")
    assert list(rows["Sub kegiatan B"]) == [o.b_count for o in found]
    finding = next(o for o in found if o.b_government == "64.71")
    at.selectbox(key="mandates.overlaps.pick").set_value(found.index(finding)).run(timeout=TIMEOUT)
    shown = [m.value for m in at.markdown]
    assert app_ui.plain(finding_text(finding, "id")) in shown
    bold = [v.strip("*") for v in shown if v.startswith("**")]
    assert bold[:2] == ["Pemerintah Provinsi Kalimantan Timur", "Pemerintah Kota Balikpapan"]
    a_lines, b_lines = table(at, "mandates.overlaps.a.lines"), table(at, "mandates.overlaps.b.lines")
    assert list(a_lines["Kode"]) == ["2.15.02.1.02.0001"]
    assert sorted(b_lines["Kode"]) == ["2.15.02.2.02.0001", "2.15.02.2.03.0001"]
    assert any(c.value == t("mandates.line_pairs", n=2) for c in at.caption)


# --- cascade -----------------------------------------------------------------------------------

def test_cascade_widgets_collapse_search_and_trace_up(G):
    at = run("cascade")
    root = at.selectbox(key="cascade.root").value
    full = cascade(G, root)
    assert len(table(at, "cascade.nodes")) == len(full)
    caption = next(c.value for c in at.caption if c.value.startswith("menampilkan"))
    assert caption.startswith("menampilkan ") and f"dari {len(full)} simpul" in caption
    at.multiselect(key="cascade.collapsed").set_value(["sub_kegiatan"]).run(timeout=TIMEOUT)
    caption = next(c.value for c in at.caption if c.value.startswith("menampilkan"))
    assert "digabung" in caption
    at.text_input(key="cascade.search").set_value("1.03").run(timeout=TIMEOUT)
    assert any("cocok dengan pencarian" in c.value for c in at.caption)
    lines = [n.id for n in full if n.kind == "sub_kegiatan"]
    assert at.selectbox(key="cascade.trace").value == lines[0]
    at.selectbox(key="cascade.trace").set_value(lines[-1]).run(timeout=TIMEOUT)
    sight = line_of_sight(G, lines[-1])
    served = "; ".join(G.nodes[p]["name"] for p in sight.priorities)
    assert t("cascade.serves", names=served) in [m.value for m in at.markdown]
    assert len(table(at, "cascade.paths")) == len(sight.paths)


def _ids(at: AppTest) -> set[str]:
    """The ids of the boxes the page's first graph view draws."""
    return set(re.findall(r'"id": "([^"]+)"', at.get("iframe")[0].proto.srcdoc))


def test_clicking_a_merged_box_opens_it_and_again_merges_it_back(G):
    at = run("cascade")
    buttons = at.get_by_key("cascade.view.expand")
    before = _ids(at)
    html = at.get("iframe")[0].proto.srcdoc
    group = next(g for g in sorted(before) if g.startswith("grup:sub_kegiatan:parent:kegiatan:"))
    parent = group.removeprefix("grup:sub_kegiatan:parent:")
    assert "window.kaskadeOpenGroup" in html and f'"{group}"' in html, "a click in the graph presses its button"
    # the graph's click presses the button at the box's place among the view's merged boxes
    ids = json.loads(re.search(r"var ids = (\[.*?\]);", html).group(1))
    assert buttons.options[ids.index(group)].startswith(("1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 "))
    buttons.set_value([group]).run(timeout=TIMEOUT)
    after = _ids(at)
    assert group not in after, "the opened box is no longer merged"
    opened = after - before
    assert opened and all(G.has_edge(n, parent) for n in opened if n.startswith("sub_kegiatan:")), opened
    assert any(n.startswith("sub_kegiatan:") for n in opened)
    assert at.get_by_key("cascade.view.expand").value == [group]
    at.get_by_key("cascade.view.expand").set_value([]).run(timeout=TIMEOUT)
    assert _ids(at) == before, "pressed again, the box is merged back"


def test_opening_the_rest_box_shows_the_boxes_it_held():
    at = run("cascade")
    buttons = at.get_by_key("cascade.view.expand")
    html = at.get("iframe")[0].proto.srcdoc
    ids = json.loads(re.search(r"var ids = (\[.*?\]);", html).group(1))
    rest = next(g for g in ids if g.endswith(":rest") and g in _ids(at))
    before = _ids(at)
    buttons.set_value([rest]).run(timeout=TIMEOUT)
    after = _ids(at)
    assert after - before, "other boxes come into sight"


def test_cascade_from_a_district_programme(G):
    at = run("cascade")
    at.radio(key="cascade.kind").set_value("program").run(timeout=TIMEOUT)
    at.selectbox(key="cascade.pemda").set_value("64.02").run(timeout=TIMEOUT)
    root = at.selectbox(key="cascade.root").value
    assert root.startswith("program:64.02/")
    assert len(table(at, "cascade.nodes")) == len(cascade(G, root))


# --- who intervenes where, budget ----------------------------------------------------------------

def test_who_where_matrix_map_and_interventions_in(G):
    at = run("who_where")
    cells = who_where(G, sector="bidang")
    assert [e.key for e in at.get("bidi_component")] == ["who_where.map.chart"], "the map, drawn as SVG"
    assert not at.get("plotly_chart"), "only the open tab runs: no chart library loads for the map"
    at.session_state["who_where.tab"] = t("who_where.table", "id")
    at.run(timeout=TIMEOUT)
    assert len(table(at, "who_where.cells")) == len(cells)
    at.session_state["who_where.tab"] = t("who_where.heatmap", "id")
    at.run(timeout=TIMEOUT)
    assert [e.key for e in at.get("plotly_chart")] == ["who_where.heat.chart"] and not at.get("bidi_component")
    region = at.selectbox(key="who_where.region").value
    assert len(table(at, "who_where.interventions")) == len(interventions_in(G, region))
    at.selectbox(key="who_where.region").set_value("64.72").run(timeout=TIMEOUT)
    shown = table(at, "who_where.interventions")
    expected = interventions_in(G, "64.72")
    assert list(shown["Kode"]) == [i.code for i in expected]
    assert {"provinsi", "kota"} <= set(shown["Tingkat"])
    at.selectbox(key="who_where.measure").set_value("sub_kegiatan").run(timeout=TIMEOUT)
    assert not at.exception


def test_clicking_a_district_on_the_map_lists_its_interventions(G):
    at = run("who_where")
    assert at.selectbox(key="who_where.region").value != "64.71"
    at.session_state["who_where.map.chart"] = {"region": "64.71"}  # what a click on Kota Balikpapan sets
    at.run(timeout=TIMEOUT)
    assert at.selectbox(key="who_where.region").value == "64.71"
    assert list(table(at, "who_where.interventions")["Kode"]) == [i.code for i in interventions_in(G, "64.71")]


def test_budget_flow_and_aligned_share_tables_are_the_query_results(G):
    at = run("budget")
    first = at.selectbox(key="budget.root").value
    assert first.startswith("prioritas:PN")
    assert at.selectbox(key="budget.depth").value == "program"
    assert len(table(at, "budget.links")) == len(down_to(budget_flow(G, first), "program"))
    at.selectbox(key="budget.depth").set_value("sub_kegiatan").run(timeout=TIMEOUT)
    assert len(table(at, "budget.links")) == len(budget_flow(G, first))
    shares = table(at, "budget.aligned")
    assert list(shares["Sub kegiatan"]) == [a.sub_kegiatan for a in aligned_share(G)]
    at.selectbox(key="budget.root").set_value("prioritas:PN04").run(timeout=TIMEOUT)
    assert len(table(at, "budget.links")) == len(budget_flow(G, "prioritas:PN04")) > 0
    at.selectbox(key="budget.root").set_value("").run(timeout=TIMEOUT)
    assert len(table(at, "budget.links")) == len(budget_flow(G))


def test_budget_everything_is_an_ordinary_choice_listed_first_that_survives_a_filter_change(G):
    at = run("budget")
    box = at.selectbox(key="budget.root")
    assert box.options[0] == t("budget.everything", "id") and box.options.count(t("budget.everything", "id")) == 1
    assert box.value.startswith("prioritas:PN"), "the first root, not everything, is shown first"
    box.set_value("").run(timeout=TIMEOUT)
    at.selectbox(key="budget.pemda").set_value("64.02").run(timeout=TIMEOUT)
    assert at.selectbox(key="budget.root").value == ""
    assert not at.exception


# --- presentation mode and saved views -----------------------------------------------------------

def test_presentation_mode_switches_the_css_on_and_off():
    at = run()
    assert not any("font-size" in h.value for h in at.get("html"))
    at.sidebar.toggle(key=app_state.PRESENT).set_value(True).run(timeout=TIMEOUT)
    assert any("font-size" in h.value for h in at.get("html"))
    at.sidebar.toggle(key=app_state.PRESENT).set_value(False).run(timeout=TIMEOUT)
    assert not any("font-size" in h.value for h in at.get("html"))


def test_saved_views_step_with_next_and_previous():
    at = run("orphans")
    at.button(key="orphans.save").click().run(timeout=TIMEOUT)
    at.switch_page("app_pages/cascade.py").run(timeout=TIMEOUT)
    at.button(key="cascade.view.save").click().run(timeout=TIMEOUT)
    cascade_title = at.selectbox(key="cascade.root").format_func(at.selectbox(key="cascade.root").value)
    at.switch_page("app_pages/presentation.py").run(timeout=TIMEOUT)
    assert [v.title for v in at.session_state[app_state.VIEWS]] == [t("page.orphans"), cascade_title]
    assert at.header[0].value == t("page.orphans")
    assert any(c.value == t("present.position", "id", i=1, n=2) for c in at.caption)
    at.button(key="present.next").click().run(timeout=TIMEOUT)
    assert at.header[0].value == cascade_title
    assert at.button(key="present.next").disabled
    at.button(key="present.prev").click().run(timeout=TIMEOUT)
    assert at.header[0].value == t("page.orphans")
    at.button(key="present.remove").click().run(timeout=TIMEOUT)
    assert [v.title for v in at.session_state[app_state.VIEWS]] == [cascade_title]


def test_a_saved_cascade_is_redrawn_for_the_projector_in_presentation_mode():
    at = run("cascade")
    at.button(key="cascade.view.save").click().run(timeout=TIMEOUT)
    at.switch_page("app_pages/presentation.py").run(timeout=TIMEOUT)

    def font_sizes() -> set[int]:
        html = at.get("iframe")[0].proto.srcdoc.replace(" ", "")
        return {size for size in (THEMES["normal"].font_size, THEMES["presentation"].font_size)
                if f'"size":{size}' in html}

    assert font_sizes() == {THEMES["normal"].font_size}
    at.sidebar.toggle(key=app_state.PRESENT).set_value(True).run(timeout=TIMEOUT)
    assert font_sizes() == {THEMES["presentation"].font_size}


def test_a_saved_map_is_shown_and_redrawn_for_the_projector_in_presentation_mode():
    at = run("who_where")
    at.button(key="who_where.map.save").click().run(timeout=TIMEOUT)
    at.switch_page("app_pages/presentation.py").run(timeout=TIMEOUT)
    assert [v.kind for v in at.session_state[app_state.VIEWS]] == ["map"]

    def shown() -> str:
        (element,) = at.get("bidi_component")
        return json.loads(element.proto.json)  # the map element's markup, as the page receives it

    font = "--kk-font:{}px"
    assert font.format(THEMES["normal"].font_size) in shown() and 'class="kk-region"' in shown()
    at.sidebar.toggle(key=app_state.PRESENT).set_value(True).run(timeout=TIMEOUT)
    assert font.format(THEMES["presentation"].font_size) in shown()


# --- data: uploads ---------------------------------------------------------------------------

def test_a_broken_upload_reports_every_error_with_sheet_row_and_column(broken_upload):
    assert not broken_upload.ok and broken_upload.loaded is None
    where = {(i.sheet, i.row, i.column) for i in broken_upload.errors}
    assert ("sub_kegiatan", 5, "pagu") in where
    assert ("sub_kegiatan", 7, "kode_pemda") in where
    assert all(i.source == "rencana-rusak.xlsx" for i in broken_upload.errors)


def test_a_file_that_is_no_workbook_is_an_error_not_a_traceback():
    result = app_state.load_upload("laporan.xlsx", b"%PDF-1.4 this is a pdf")
    assert not result.ok and result.errors
    assert result.errors[0].source == "laporan.xlsx"


def test_a_failed_upload_leaves_the_current_data_in_place(broken_upload, tiny_upload):
    state: dict = {}
    assert app_state.accept(state, tiny_upload)
    assert not app_state.accept(state, broken_upload)
    assert state[app_state.DATA] is tiny_upload.loaded
    assert state[app_state.LAST_LOAD] is broken_upload


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_after_a_broken_upload_and_shows_the_previous_data(page, broken_upload, G):
    at = run(page, **{app_state.LAST_LOAD: broken_upload})
    assert at.title[0].value == t(f"page.{page}")
    assert t("data.sample_name") in at.sidebar.caption[0].value
    if page == "overview":
        assert metrics(at)["Sub kegiatan"] == fmt.number(data_summary(G).sub_kegiatan, "id")


def test_data_page_shows_the_error_and_the_row_table_after_a_broken_upload(broken_upload):
    at = run("data", **{app_state.LAST_LOAD: broken_upload})
    assert at.error[0].value.startswith("rencana-rusak.xlsx tidak dimuat")
    issues = table(at, "data.failed.issues")
    assert len(issues) == len(broken_upload.errors) + len(broken_upload.warnings)
    rows = set(zip(issues["Sheet"], issues["Baris"], issues["Kolom"]))
    assert ("sub_kegiatan", 5, "pagu") in rows
    at.sidebar.radio(key=app_state.LANG).set_value("en").run(timeout=TIMEOUT)
    assert at.error[0].value.startswith("rencana-rusak.xlsx was not loaded")
    assert {"Sheet", "Row", "Column", "Explanation"} <= set(table(at, "data.failed.issues").columns)


def test_the_validation_report_of_a_broken_upload_downloads_as_csv_and_xlsx(broken_upload):
    at = run("data", **{app_state.LAST_LOAD: broken_upload})
    labels = [b.label for b in at.get("download_button")]
    assert t("data.report_csv") in labels and t("data.report_xlsx") in labels
    rows = app_state.issue_rows(broken_upload.errors + broken_upload.warnings, "id")
    text = export.table_csv(rows).decode("utf-8-sig")
    assert len(text.strip().splitlines()) == len(rows) + 1 and "sub_kegiatan,5,pagu" in text.replace('"', "")
    book = openpyxl.load_workbook(io.BytesIO(export.table_xlsx(rows, sheet=t("data.report_name"))))
    assert book.active.max_row == len(rows) + 1


def test_a_good_upload_replaces_the_data_on_every_page(tiny_upload):
    assert tiny_upload.ok
    at = run(**{app_state.DATA: tiny_upload.loaded, app_state.LAST_LOAD: tiny_upload})
    s = data_summary(tiny_upload.loaded.graph)
    assert metrics(at)["Sub kegiatan"] == str(s.sub_kegiatan) == "5"
    assert "kukar.xlsx" in at.sidebar.caption[0].value
    for page in PAGES[1:]:
        at.switch_page(f"app_pages/{page}.py").run(timeout=TIMEOUT)
        assert not at.exception, (page, [e.value for e in at.exception])
    assert at.success[0].value == t("data.loaded_ok", name="kukar.xlsx")


def test_back_to_the_sample_from_an_upload(tiny_upload, G):
    at = run("data", **{app_state.DATA: tiny_upload.loaded})
    at.button(key="data.sample").click().run(timeout=TIMEOUT)
    assert at.session_state[app_state.DATA].is_sample


def test_start_up_data_that_fails_shows_the_error_and_the_sample(tmp_path, monkeypatch, G):
    bad = tmp_path / "rusak.json"
    bad.write_text("{ not json", encoding="utf-8")
    monkeypatch.setenv("KASKADE_DATA", str(bad))
    at = run()
    assert at.error[0].value.startswith(t("data.startup_failed", name="rusak.json")[:20])
    assert table(at, "startup.issues")["Berkas"].iloc[0] == "rusak.json"
    assert metrics(at)["Sub kegiatan"] == fmt.number(data_summary(G).sub_kegiatan, "id")


def test_start_up_data_from_kaskade_data(sample_workbook, monkeypatch):
    monkeypatch.setenv("KASKADE_DATA", str(sample_workbook))
    state: dict = {}
    loaded = app_state.current(state)
    assert loaded.name == "kaskade-sample.xlsx" and not loaded.is_sample
    assert app_state.STARTUP not in state


def test_data_page_shows_the_backend_setting(monkeypatch):
    assert any("networkx" in c.value for c in run("data").caption)
    monkeypatch.setenv("KASKADE_BACKEND", "neo4j")
    assert any("neo4j" in c.value for c in run("data").caption)


def test_template_download_is_the_kaskade_workbook():
    book = openpyxl.load_workbook(io.BytesIO(app_state.template_bytes()))
    assert {"sasaran", "sub_kegiatan", "tautan"} <= set(book.sheetnames)
    at = run("data")
    assert at.get("download_button")[-1].label == t("data.template_download")


def _sipd_export() -> bytes:
    """A SIPD-style Renja export of Kutai Kartanegara: no government code, no year, places as names."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "renja"
    sheet.append(["kode_sub_giat", "nama_sub_giat", "kode_skpd", "nama_skpd", "pagu", "nama_lokasi"])
    sheet.append(["1.03.10.2.01.0053", "Pembangunan Jalan", "1.03.0.00.0.00.01.0000", "Dinas PUPR",
                  "1.250.000.000", "Kec. Tenggarong"])
    sheet.append(["1.02.02.2.02.0020", "Pengelolaan Surveilans Kesehatan", "1.02.0.00.0.00.01.0000",
                  "Dinas Kesehatan", 350000000, ""])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_sipd_export_loads_with_the_government_and_year_given_on_the_data_page():
    result = app_state.load_upload("renja-kukar.xlsx", _sipd_export(), kode_pemda="64.02", tahun=2025)
    assert result.ok
    s = data_summary(result.loaded.graph)
    assert (s.governments, s.sub_kegiatan, s.pagu, s.years) == (1, 2, 1_600_000_000.0, (2025,))


def test_a_sipd_export_without_government_and_year_says_what_to_give():
    result = app_state.load_upload("renja-kukar.xlsx", _sipd_export())
    assert not result.ok
    assert {i.rule for i in result.errors} == {"kode_pemda_missing", "tahun_missing"}


def test_the_data_page_asks_exactly_the_facts_a_renja_table_lacks_and_loads_with_them(tmp_path):
    from tests.shapes import KUKAR, PUPR, PUPR_NAME, pupr_lines, write_renja

    lines = pupr_lines()
    pagu = [125_000_000.0] * len(lines)
    data = write_renja(tmp_path / "renja-pupr.xlsx", lines, pagu, parents=True).read_bytes()
    assert app_state.upload_needs("renja-pupr.xlsx", data) == ("kode_pemda", "tahun", "kode_skpd", "nama_skpd")
    assert app_state.upload_needs("renja-kukar.xlsx", _sipd_export()) == ("kode_pemda", "tahun")
    result = app_state.load_upload("renja-pupr.xlsx", data, kode_pemda=KUKAR, tahun=2026, kode_skpd=PUPR,
                                   nama_skpd=PUPR_NAME, tahun_awal=None)
    assert result.ok, result.errors
    s = data_summary(result.loaded.graph)
    assert (s.governments, s.sub_kegiatan, s.pagu, s.years) == (1, len(lines), sum(pagu), (2026,))


@pytest.mark.parametrize("page, key", [("who_where", "who_where.province"), ("orphans", "orphans.province"),
                                       ("mandates", "mandates.province"), ("budget", "budget.pemda")])
def test_presentation_mode_puts_the_filters_in_a_closed_panel_so_the_view_comes_first(page, key):
    """On the projector the page opens on its view: the filters wait in a closed "Filter & pilihan"
    panel (still working); in normal mode they stand open above the view, with no panel."""
    at = run(page)
    assert not [e for e in at.expander if e.label == t("common.controls")]
    at.sidebar.toggle(key=app_state.PRESENT).set_value(True).run(timeout=TIMEOUT)
    panels = [e for e in at.expander if e.label == t("common.controls")]
    assert len(panels) == 1 and panels[0].proto.expanded is False
    assert panels[0].selectbox(key=key).value is None  # the filter lives in the panel ...
    panels[0].selectbox(key=key).set_value("62").run(timeout=TIMEOUT)  # ... and still filters
    assert not at.exception and at.selectbox(key=key).value == "62"
