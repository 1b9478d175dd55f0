"""The exported PowerPoint as a room sees it: the errand deck (Kota Samarinda runs an SMA sub
kegiatan, a provincial mandate) is built as the app builds it, rendered by Debian LibreOffice Impress
headless to PDF and to one PNG per slide at 1920 px wide, and checked: every slide has a title and a
headline sentence, no text box runs out of its box (the words LibreOffice laid out stay inside the
box python-pptx drew), no table runs into the sources line, every graph picture's smallest label is
at least 14 px on the 1920-px slide (the whole budget flow's too), and no year is written ``2.025``.

The slides go to ``test-artifacts/slides/`` (the path is printed). Skips with a reason when
LibreOffice or poppler's pdftoppm / pdftotext are missing (``make deck-deps`` installs them as root).
"""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from base.i18n import column_label
from views.export import chromium_path

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "test-artifacts" / "slides"
SOFFICE = shutil.which("soffice")
PDFTOPPM, PDFTOTEXT = shutil.which("pdftoppm"), shutil.which("pdftotext")
EMU_PER_PT = 12700
TOLERANCE_PT = 3.0

pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOPPM is None or PDFTOTEXT is None or chromium_path() is None,
    reason="LibreOffice Impress, poppler-utils or chromium missing (run `make deck-deps browser-deps` as root)")


def _errand_deck(lang: str) -> bytes:
    import app_lib.ui as app_ui
    from base.i18n import t
    from kaskade.open import sample_graph
    from app_lib.state import SavedView
    from queries import budget_flow, cascade, line_of_sight, mandates, orphans, overlaps
    from views.charts import sankey
    from views.deck import build_deck
    from views.graph_view import cascade_view, trace_view
    from views.sentences import flow_headline, with_messages
    from app_lib.data import named

    G = sample_graph()
    found = mandates(G)
    finding = next(m for m in found if m.reason == "level" and m.government == "64.72")
    sight = line_of_sight(G, finding.id)
    headline = app_ui.finding_headline(G, finding, lang)
    near = app_ui.siblings(G, finding.id)
    chain = partial(trace_view, G, sight, title=f"{finding.code} {finding.name}", lang=lang, siblings=near)
    whole = partial(cascade_view, G, cascade(G, sight.priorities[0]), title="PN 04", lang=lang)
    rows = budget_flow(G).to_rows()  # everything, down to every sub kegiatan: the deepest flow there is
    flow = partial(sankey, rows, value_key="value", source_label_key="source_name",
                   target_label_key="target_name", graph=G, title=t("budget.flow", lang), lang=lang, height=720)
    flow_said = flow_headline(rows, title=t("budget.flow", lang), tier="sub_kegiatan", lang=lang)
    views = [app_ui.graph_slide(chain(), chain, headline=headline),
             app_ui.graph_slide(whole(), whole),
             app_ui.table_slide(t("cascade.trace", lang), named(G, with_messages(sight, lang)), lang, "sight"),
             SavedView("figure", t("budget.flow", lang), flow().to_json(), {"redraw": flow, "headline": flow_said})]
    conflicts = app_ui.localize(named(G, with_messages(found, lang)), lang, app_ui.COLUMNS["mandates"])
    closing = app_ui.closing_rows(G, lang, mandates_found=found, orphans_found=orphans(G), overlaps_found=overlaps(G))
    return build_deck(views, [(t("mandates.conflicts", lang), conflicts)], title=headline, lang=lang,
                      subtitle="Rakortek 2025", closing=closing,
                      source=t("data.source", lang, name=t("data.sample_name", lang), n=7))


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page, the words LibreOffice laid out: (text, x0, y0, x1, y1) in points."""
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=120).stdout
    pages: list[list] = []
    for line in out.decode("utf-8").splitlines():
        if line.strip().startswith("<page"):
            pages.append([])
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            pages[-1].append((html.unescape(m[5]), *map(float, m.groups()[:4])))
    return pages


def _box(shape) -> tuple[float, float, float, float]:
    return (shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, (shape.left + shape.width) / EMU_PER_PT,
            (shape.top + shape.height) / EMU_PER_PT)


def _inside(word, box) -> bool:
    _, x0, y0, x1, y1 = word
    return (x0 >= box[0] - TOLERANCE_PT and x1 <= box[2] + TOLERANCE_PT
            and y0 >= box[1] - TOLERANCE_PT and y1 <= box[3] + TOLERANCE_PT)


def _placed(shape, words) -> list:
    """The laid-out words of a text box: its text's words, found in order where they overlap the box's columns."""
    tokens = shape.text_frame.text.split()
    x0, _, x1, _ = _box(shape)
    column = [w for w in words if w[1] < x1 and w[3] > x0]
    texts = [w[0] for w in column]
    for i in range(len(texts) - len(tokens) + 1):
        if texts[i:i + len(tokens)] == tokens:
            return column[i:i + len(tokens)]
    return []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_errand_deck_renders_with_headlines_and_nothing_overflowing(lang, tmp_path):
    SLIDES.mkdir(parents=True, exist_ok=True)
    folder = SLIDES / lang
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    print(f"\nslides: {folder}")
    data = _errand_deck(lang)
    pptx = folder / "errand.pptx"
    pptx.write_bytes(data)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(pptx)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "errand.pdf"
    assert pdf.exists(), "LibreOffice made no PDF"
    # 13.333 in at 144 dpi = 1920 px: each PNG is the slide as a 1920-px projector shows it
    subprocess.run([PDFTOPPM, "-png", "-r", "144", str(pdf), str(folder / "slide")], check=True, timeout=240)
    deck = Presentation(io.BytesIO(data))
    pages = _words(pdf)
    assert len(pages) == len(deck.slides)
    assert sorted(folder.glob("slide-*.png")), "no slide pictures"

    for k, (slide, words) in enumerate(zip(deck.slides, pages), start=1):
        title = slide.shapes.title.text_frame.text.strip()
        assert title, f"slide {k} has no title"
        if k > 1:
            headline = [s for s in slide.shapes if s.name == "Headline"]
            assert headline and headline[0].text_frame.text.strip(), f"slide {k} ({title}) has no headline"
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            placed = _placed(shape, words)
            assert placed, f"slide {k}: the text of '{shape.name}' was not laid out as written: " \
                           f"{shape.text_frame.text[:60]!r}"
            outside = [w for w in placed if not _inside(w, _box(shape))]
            assert not outside, f"slide {k}: '{shape.text_frame.text[:50]}' runs out of its box at {outside[:3]}"
        footer = next(s for s in slide.shapes if s.name == "Sumber")
        assert not re.match(r"(Sumber|Source): Data:", footer.text_frame.text), footer.text_frame.text
        tables = [s for s in slide.shapes if s.has_table]
        for table in tables:
            x0, y0, x1, _ = _box(table)
            inside = [w for w in words if w[1] >= x0 - 1 and w[3] <= x1 + 1 and w[2] >= y0 - 1]
            cells = {c.text_frame.text.split()[-1] for r in table.table.rows for c in r.cells if c.text_frame.text.split()}
            low = [w for w in inside if w[0] in cells and w[4] > _box(footer)[1] + 1 and w not in _placed(footer, words)]
            assert not low, f"slide {k}: the table runs into the sources line ({low[:3]})"
        for picture in (s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            m = re.fullmatch(r"label ([\d.]+)px", picture.name)
            if m:
                assert float(m[1]) >= 14, f"slide {k} ({title}): labels are {m[1]} px on a 1920-px slide"
        text = " ".join(w[0] for w in words)
        for table in tables:  # a findings table keeps its explanation, written out
            head = [c.text_frame.text for c in table.table.rows[0].cells]
            if column_label("message", lang) in head:
                j = head.index(column_label("message", lang))
                assert all(r.cells[j].text_frame.text.strip() for r in list(table.table.rows)[1:]), \
                    f"slide {k}: an empty explanation cell"
        assert not re.search(r"\b20[0-9]\.[0-9]{3}\b", text), f"slide {k}: a year with a thousands dot"
    graphs = [p for s in deck.slides for p in s.shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sum(bool(re.fullmatch(r"label [\d.]+px", p.name)) for p in graphs) >= 3, "two graphs and the budget flow"
    closing = list(deck.slides)[-1]
    assert any(s.has_table for s in closing.shapes), "the closing slide lists the open findings"
