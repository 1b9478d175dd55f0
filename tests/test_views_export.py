"""Downloads, opened again the way a user would: CSV, XLSX, PNG and the PowerPoint deck."""
from __future__ import annotations

import csv
import functools
import io
import struct

import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from graph.build import build_graph
from kaskade.sample import sample_dataset
from views import DeckItem, build_deck, cascade_view, choropleth
from views.deck import ROWS_PER_SLIDE
from views.export import ExportError, chromium_path, html_png, map_png, table_csv, table_xlsx, tables_xlsx
from queries import cascade, who_where

needs_chromium = pytest.mark.skipif(chromium_path() is None,
                                    reason="Debian chromium is not installed (make browser-deps)")
NO_CHROMIUM = "/nonexistent/chromium"
ROWS = [
    {"kode": "1.03.10.2.01.0053", "nama": "Pembangunan Jalan", "pagu": 1_250_000_000.0, "lokasi": ["64.02.06", "64.02.07"]},
    {"kode": "1.02.02.2.02.0020", "nama": "=1+2", "pagu": 350_000_000.0, "lokasi": []},
    {"kode": "1.01.02.2.01.0001", "nama": "-catatan @rapat", "pagu": None, "lokasi": ["64.02"]},
]


def test_csv_reads_back_with_lists_joined_and_formulas_defused():
    text = table_csv(ROWS, headers={"pagu": "Pagu (Rp)"}).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == ["kode", "nama", "Pagu (Rp)", "lokasi"]
    assert rows[0]["lokasi"] == "64.02.06; 64.02.07" and float(rows[0]["Pagu (Rp)"]) == 1.25e9
    assert rows[1]["nama"] == "'=1+2" and rows[2]["nama"] == "'-catatan @rapat"
    assert rows[2]["Pagu (Rp)"] == ""


def test_xlsx_reads_back_styled_with_text_kept_as_text():
    wb = load_workbook(io.BytesIO(table_xlsx(ROWS, sheet="Sub kegiatan: 2025/2026 dan seterusnya sampai")))
    assert wb.sheetnames == ["Sub kegiatan_ 2025_2026 dan set"]
    ws = wb.active
    assert [c.value for c in ws[1]] == ["kode", "nama", "pagu", "lokasi"]
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D4"
    assert ws["B3"].value == "=1+2" and ws["B3"].data_type == "s"
    assert ws["C2"].value == 1_250_000_000 and ws["C2"].number_format == "#,##0"
    assert ws["D2"].value == "64.02.06; 64.02.07"
    assert ws.column_dimensions["A"].width >= len("1.03.10.2.01.0053")
    assert ws.column_dimensions["C"].width > ws.column_dimensions["D"].width - 10


def test_several_tables_get_one_sheet_each():
    wb = load_workbook(io.BytesIO(tables_xlsx({"yatim": ROWS[:1], "Yatim": ROWS[1:], "kosong": []})))
    assert wb.sheetnames == ["yatim", "Yatim (2)", "kosong"]
    assert wb["Yatim (2)"].max_row == 3


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _colours(data: bytes) -> int:
    img = Image.open(io.BytesIO(data)).convert("RGB").resize((200, 125))
    return len(img.getcolors(maxcolors=200 * 125))


@needs_chromium
def test_graph_png_is_the_drawn_view():
    G = build_graph(sample_dataset())
    view = cascade_view(G, cascade(G, "prioritas:PN03"), title="PN 3")
    png = html_png(view.html, width=1200, height=800)
    assert _png_size(png) == (1200, 800)
    assert _colours(png) > 50, "the canvas was drawn, not a blank page"


@needs_chromium
def test_map_png_has_the_regions():
    view = choropleth(who_where(build_graph(sample_dataset())).to_rows(), "pagu")
    png = map_png(view, width=1000)
    assert _png_size(png) == (1000, view.height + 40)
    assert _colours(png) > 20


def test_png_without_chromium_is_a_clear_error():
    with pytest.raises(ExportError) as info:
        html_png("<p>x</p>", chromium=NO_CHROMIUM)
    assert "Chromium tidak terpasang" in str(info.value) and "make browser-deps" in str(info.value)
    assert "Chromium is not installed" in info.value.message_en


def _texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def _table(slide) -> list[list[str]]:
    table = next(s.table for s in slide.shapes if s.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


@needs_chromium
def test_deck_has_pictures_tables_and_sources_on_every_slide():
    G = build_graph(sample_dataset())
    view = cascade_view(G, cascade(G, "prioritas:PN03"), title="Kaskade PN 3")
    draw = functools.partial(choropleth, who_where(G).to_rows(), "pagu", title="Peta")
    findings = [{"kode": f"1.03.10.2.01.{i:04d}", "masalah": f"yatim {i}", "pagu": 1e9 * i} for i in range(1, 27)]
    data = build_deck(
        [DeckItem("graph", view.title, view.html), DeckItem("map", "Peta pagu", draw().html, {"redraw": draw}),
         DeckItem("table", "Sub kegiatan", ROWS)],
        {"Temuan yatim": findings},
        title="Rakortekrenbang 2025", subtitle="Kaltim", source="contoh bawaan (data ilustratif)",
    )
    deck = Presentation(io.BytesIO(data))
    slides = list(deck.slides)
    titles = [s.shapes.title.text for s in slides]
    assert titles == ["Rakortekrenbang 2025", "Kaskade PN 3", "Peta pagu", "Sub kegiatan",
                      "Temuan yatim (bagian 1 dari 3)", "Temuan yatim (bagian 2 dari 3)",
                      "Temuan yatim (bagian 3 dari 3)"]
    for slide in slides:
        assert "Sumber: contoh bawaan (data ilustratif)" in _texts(slide)
    for slide in slides[1:3]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1 and pictures[0].width > deck.slide_width // 2
    table = _table(slides[3])
    assert table[0] == ["kode", "nama", "pagu", "lokasi"]
    assert table[1] == ["1.03.10.2.01.0053", "Pembangunan Jalan", "Rp 1,3 miliar", "64.02.06; 64.02.07"]
    first, last = _table(slides[4]), _table(slides[6])
    assert len(first) == ROWS_PER_SLIDE + 1 and first[1][1] == "yatim 1"
    assert last[-1] == ["1.03.10.2.01.0026", "yatim 26", "Rp 26 miliar"]


def test_an_english_deck_says_everything_in_english_and_keeps_a_long_headline_whole():
    """What a meeting reads on the English deck of the errand: the whole headline on the title slide
    (no ellipsis), the source line, the national government and overlap places in words."""
    import app_lib.ui as app_ui
    from queries import mandates, orphans, overlaps

    G = build_graph(sample_dataset())
    found = mandates(G)
    finding = next(m for m in found if m.reason == "level" and m.government == "64.72")
    headline = app_ui.finding_headline(G, finding, "en")
    assert len(headline) > 150
    closing = app_ui.closing_rows(G, "en", mandates_found=found, orphans_found=orphans(G), overlaps_found=overlaps(G))
    deck = Presentation(io.BytesIO(build_deck([], [], title=headline, lang="en", closing=closing)))
    slides = list(deck.slides)
    assert slides[0].shapes.title.text == headline
    assert all("Source: Kaskade, illustrative data" in _texts(slide) for slide in slides)
    cells = [cell for slide in slides[1:] for row in _table(slide) for cell in row]
    assert "Central government" in cells and "Pusat" not in cells
    assert not any("  " in cell for cell in cells)
    assert any(cell.startswith("Same programme family: Kota Balikpapan (64.71), 2025") for cell in cells)


def test_the_closing_slide_gives_a_duplicate_inside_one_government_to_that_government():
    """A near-identical name or the same sub kegiatan twice in one government is that government's to
    sort out: it is named once (with its agencies), and the follow-up is not a province-district split."""
    import app_lib.ui as app_ui
    from queries import overlaps

    G = build_graph(sample_dataset())
    found = overlaps(G)
    rows = app_ui.closing_rows(G, "en", overlaps_found=found)
    for f, row in zip(found, rows):
        owner, follow = row["Owner (government / agency)"], row["Follow-up"]
        if f.a_government == f.b_government:
            assert " + " not in owner.split(" / ")[0], owner
            assert follow == "Merge this duplicated work or tell the lines apart"
        else:
            assert follow == "Agree how province and district divide the work"
    assert any(f.a_government == f.b_government for f in found)


def test_a_table_too_wide_for_a_slide_names_the_columns_left_to_the_download():
    rows = [{f"kolom {k}": f"nilai {k}" for k in range(12)}]
    deck = Presentation(io.BytesIO(build_deck([], {"Lebar": rows}, title="Rapat", lang="en", chromium=NO_CHROMIUM)))
    texts = " ".join(_texts(list(deck.slides)[1]))
    assert "Not on this slide (in the XLSX download): kolom 7, kolom 8" in texts, texts


def test_deck_without_chromium_falls_back_to_tables_and_notes():
    data = build_deck(
        [DeckItem("graph", "Kaskade", "<p>x</p>", {"rows": ROWS[:1]}), DeckItem("graph", "Jejak", "<p>y</p>")],
        title="Rapat", lang="en", chromium=NO_CHROMIUM,
    )
    slides = list(Presentation(io.BytesIO(data)).slides)
    assert [s.shapes.title.text for s in slides] == ["Rapat", "Kaskade", "Jejak"]
    assert _table(slides[1])[1][1] == "Pembangunan Jalan"
    note = " ".join(_texts(slides[2]))
    assert "Picture unavailable" in note and "Chromium is not installed" in note
    assert all("Source: Kaskade, illustrative data" in _texts(s) for s in slides)


def test_long_findings_are_paged_so_no_table_runs_into_the_sources_line():
    long_name = "Penyediaan Fasilitas Pelayanan, Sarana, Prasarana dan Alat Kesehatan untuk UKP Rujukan " * 3
    rows = [{"alasan": "no_outcome", "id": f"sub_kegiatan:64.02/2025/1.02.0.00.0.00.01.0000/1.02.02.2.02.{i:04d}",
             "nama": long_name, "pagu": 1e9} for i in range(30)]
    deck = Presentation(io.BytesIO(build_deck([], {"Temuan": rows}, title="Rapat", chromium=NO_CHROMIUM)))
    slides = list(deck.slides)[1:]
    assert len(slides) > 30 // ROWS_PER_SLIDE + 1, "tall rows take more slides than short ones"
    shown = 0
    for slide in slides:
        table = next(s for s in slide.shapes if s.has_table)
        footer = next(s for s in slide.shapes if s.name == "Sumber")
        assert table.top + sum(r.height for r in table.table.rows) <= footer.top
        cells = _table(slide)
        assert cells[1][2].endswith("…") and len(cells[1][2]) <= 240  # long text is cut, not lost silently
        shown += len(cells) - 1
    assert shown == 30
