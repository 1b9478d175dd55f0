"""A PowerPoint deck (python-pptx) of chosen views and findings, for a coordination meeting.

A title slide, then one slide per view (its picture when Chromium can render it, else its
table or a note), then the findings tables split over as many slides as they need. Every
slide has a title and a sources line, e.g. ``Sumber: contoh bawaan (data ilustratif)``.

A view is anything with ``kind``, ``title``, ``payload`` and ``meta`` (the app's saved views
fit): kind ``graph`` (payload: standalone HTML), ``figure`` (a plotly figure or its JSON),
``table`` (rows) or ``png`` (bytes). ``meta["rows"]`` gives a table to fall back on.

>>> from pptx import Presentation
>>> data = build_deck([DeckItem("table", "Sub kegiatan", [{"kode": "1.03.10.2.01.0053", "pagu": 5e8}])],
...                   {"Temuan": [{"masalah": "yatim"}]}, title="Rakortek 2025", source="data ilustratif")
>>> deck = Presentation(io.BytesIO(data))
>>> [s.shapes.title.text for s in deck.slides]
['Rakortek 2025', 'Sub kegiatan', 'Temuan']
"""
from __future__ import annotations

import io
import json
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from views.export import ExportError, figure_png, html_png
from views.map_view import plain_rows
from base import fmt
from base.i18n import t

__all__ = ["DeckItem", "build_deck", "ROWS_PER_SLIDE", "COLUMNS_PER_SLIDE"]

ROWS_PER_SLIDE = 12
COLUMNS_PER_SLIDE = 7
_WIDE, _TALL = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.4)
_TOP = Inches(1.25)
_FOOT = Inches(0.45)
_FONT = Pt(11)
_LINE = Pt(11 * 1.3)  # one line of table text
_CHAR = Pt(11 * 0.6)  # an average character of it, generously wide
_CELL_MARGINS = Inches(0.2)  # left and right, python-pptx's default
_PAD = Pt(8)  # cell margins above and below
_DARK = RGBColor(0x1F, 0x4E, 0x79)


@dataclass(frozen=True)
class DeckItem:
    """One view for the deck (the same fields as the app's saved views)."""

    kind: str  # "graph" | "figure" | "table" | "png"
    title: str
    payload: Any
    meta: dict = field(default_factory=dict)


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _column_widths(columns: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Widths in proportion to each column's longest text (clamped), filling `total`."""
    weights = []
    for j, c in enumerate(columns):
        longest = max(len(row[j]) for row in cells)
        weights.append(min(max(longest, len(c) + 3, 6), 40))
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _png_size(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])


def _text(value: object, column: str, lang: str) -> str:
    """A cell as `base.fmt.cell` writes it (money short: a slide is narrow), a mapping as JSON."""
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return fmt.cell(value, column, lang, short=True)


class _Deck:
    def __init__(self, source: str, lang: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDE, _TALL
        self.source = source
        self.lang = lang

    def slide(self, title: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # "Title Only"
        heading = slide.shapes.title
        heading.left, heading.top = _MARGIN, Inches(0.25)
        heading.width, heading.height = _WIDE - 2 * _MARGIN, Inches(0.9)
        heading.text = title
        for p in heading.text_frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(28), True, _DARK
        self._footer(slide)
        return slide

    def _footer(self, slide) -> None:
        box = slide.shapes.add_textbox(_MARGIN, _TALL - _FOOT, _WIDE - 2 * _MARGIN, Inches(0.35))
        box.name = "Sumber"
        box.text_frame.text = t("deck.source", self.lang, source=self.source)
        box.text_frame.paragraphs[0].font.size = Pt(11)
        box.text_frame.paragraphs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)

    def title_slide(self, title: str, subtitle: str) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        slide.shapes.title.text = title
        slide.shapes.title.text_frame.paragraphs[0].font.color.rgb = _DARK
        slide.placeholders[1].text = subtitle
        self._footer(slide)

    def picture(self, title: str, png: bytes) -> None:
        slide = self.slide(title)
        w, h = _png_size(png)
        box_w, box_h = _WIDE - 2 * _MARGIN, _TALL - _TOP - _FOOT - Inches(0.1)
        scale = min(box_w / w, box_h / h)
        pw, ph = int(w * scale), int(h * scale)
        slide.shapes.add_picture(io.BytesIO(png), Emu(int((_WIDE - pw) / 2)), _TOP, Emu(pw), Emu(ph))

    def note(self, title: str, text: str) -> None:
        slide = self.slide(title)
        box = slide.shapes.add_textbox(_MARGIN, _TOP, _WIDE - 2 * _MARGIN, Inches(1))
        box.text_frame.word_wrap = True
        box.text_frame.text = text
        box.text_frame.paragraphs[0].font.size = Pt(18)

    def table(self, title: str, rows: list[dict]) -> None:
        """Rows over as many slides as they need: at most ROWS_PER_SLIDE, fewer when long text
        makes rows tall, so a table never runs into the sources line."""
        if not rows:
            self.note(title, t("deck.empty", self.lang))
            return
        columns = list(dict.fromkeys(k for r in rows for k in r))
        shown = columns[:COLUMNS_PER_SLIDE]
        cells = [[_cut(_text(r.get(c), c, self.lang)) for c in shown] for r in rows]
        widths = _column_widths(shown, cells, _WIDE - 2 * _MARGIN)
        per_line = [max(4, int((w - _CELL_MARGINS) / _CHAR)) for w in widths]

        def height(texts: list[str]) -> int:
            lines = max(-(-len(t) // n) if t else 1 for t, n in zip(texts, per_line))
            return int(lines * _LINE + _PAD)

        room = _TALL - _TOP - _FOOT - Inches(0.15) - height(shown)
        chunks: list[list[int]] = [[]]
        used = 0
        for i, texts in enumerate(cells):
            h = height(texts)
            if chunks[-1] and (used + h > room or len(chunks[-1]) >= ROWS_PER_SLIDE):
                chunks.append([])
                used = 0
            chunks[-1].append(i)
            used += h
        for k, chunk in enumerate(chunks, start=1):
            name = title if len(chunks) == 1 else f"{title} ({t('deck.part', self.lang, i=k, n=len(chunks))})"
            slide = self.slide(name)
            total = height(shown) + sum(height(cells[i]) for i in chunk)
            grid = slide.shapes.add_table(len(chunk) + 1, len(shown), _MARGIN, _TOP, sum(widths), total).table
            for j, w in enumerate(widths):
                grid.columns[j].width = w
            grid.rows[0].height = height(shown)
            for j, c in enumerate(shown):
                self._cell(grid.cell(0, j), c, header=True)
            for row, i in enumerate(chunk, start=1):
                grid.rows[row].height = height(cells[i])
                for j, text in enumerate(cells[i]):
                    self._cell(grid.cell(row, j), text)
            if len(columns) > len(shown):
                more = slide.shapes.add_textbox(_MARGIN, _TOP - Inches(0.38), _WIDE - 2 * _MARGIN, Inches(0.3))
                more.text_frame.text = t("deck.more_columns", self.lang, n=len(columns) - len(shown))
                more.text_frame.paragraphs[0].font.size = Pt(11)

    @staticmethod
    def _cell(cell, text: str, header: bool = False) -> None:
        cell.text = text
        cell.margin_top = cell.margin_bottom = Pt(2)
        for p in cell.text_frame.paragraphs:
            p.font.size = _FONT
            p.font.bold = header

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.prs.save(buf)
        return buf.getvalue()


def _figure(payload: Any) -> go.Figure:
    if isinstance(payload, go.Figure):
        return payload
    if isinstance(payload, (str, bytes)):
        return pio.from_json(payload if isinstance(payload, str) else payload.decode("utf-8"))
    return go.Figure(payload)


def _picture(item: Any, chromium: str | None) -> bytes:
    if item.kind == "png":
        return bytes(item.payload)
    if item.kind == "graph":
        return html_png(str(item.payload), chromium=chromium)
    return figure_png(_figure(item.payload), chromium=chromium)


def build_deck(
    views: Iterable[Any] = (),
    findings: Mapping[str, object] | Sequence[tuple[str, object]] = (),
    *,
    title: str = "Kaskade",
    subtitle: str = "",
    source: str = "Kaskade, data ilustratif",
    lang: str = "id",
    chromium: str | None = None,
) -> bytes:
    """The .pptx bytes: title slide, a slide per view, then each findings table (title -> rows).

    A graph or figure that cannot be pictured (no Chromium) becomes its ``meta["rows"]`` table,
    or a slide saying why. `source` is written on every slide after ``Sumber:``.
    """
    deck = _Deck(source, lang)
    deck.title_slide(title, subtitle)
    for item in views:
        meta = item.meta or {}
        if item.kind == "table":
            deck.table(item.title, plain_rows(item.payload))
            continue
        try:
            deck.picture(item.title, _picture(item, chromium))
        except ExportError as exc:
            if meta.get("rows") is not None:
                deck.table(item.title, plain_rows(meta["rows"]))
            else:
                deck.note(item.title, t("deck.no_picture", lang, reason=exc.text(lang)))
    pairs = findings.items() if isinstance(findings, Mapping) else findings
    for name, rows in pairs:
        deck.table(name, plain_rows(rows))
    return deck.save()
