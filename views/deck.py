"""A PowerPoint deck (python-pptx) of chosen views and findings, for a coordination meeting.

A title slide, then one slide per view (its picture when Chromium can render it, else its
table or a note), then the findings tables split over as many slides as they need, then a
closing slide of the open findings and who follows them up. Every slide has a title that fits
its box, a headline sentence stating what the slide shows (``meta["headline"]``, e.g. "Kota
Samarinda menjalankan sub kegiatan … — kewenangan provinsi, tanpa bankeu/DAK") and a sources
line, e.g. ``Sumber: contoh bawaan (data ilustratif)``. Money, counts and years are written the
language's way (`base.fmt`); a table keeps its explanation and pagu columns when it has to drop
others. A graph with a ``meta["redraw"]`` is redrawn for the slide (compact rows, 16 px labels)
and sized so its smallest label is at least 14 px on a 1920-px-wide slide; the picture's name
records that size (``label 15.6px``).

A view is anything with ``kind``, ``title``, ``payload`` and ``meta`` (the app's saved views
fit): kind ``graph`` (payload: standalone HTML), ``map`` (the map element `views.map_view` draws;
with a ``meta["redraw"]`` drawn again for the slide), ``figure`` (a plotly figure or its JSON),
``table`` (rows) or ``png`` (bytes). ``meta["rows"]`` gives a table to fall back on.

>>> from pptx import Presentation
>>> data = build_deck([DeckItem("table", "Sub kegiatan", [{"kode": "1.03.10.2.01.0053", "pagu": 5e8}])],
...                   {"Temuan": [{"masalah": "yatim"}]}, title="Rakortek 2025", source="data ilustratif")
>>> deck = Presentation(io.BytesIO(data))
>>> [s.shapes.title.text for s in deck.slides]
['Rakortek 2025', 'Sub kegiatan', 'Temuan']
>>> [sh.text_frame.text for sh in deck.slides[1].shapes if sh.name == "Headline"]
['Sub kegiatan: 1 baris']
"""
from __future__ import annotations

import io
import json
import math
import struct
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from base import fmt
from base.i18n import t
from views.export import ExportError, figure_png, html_png, map_png
from views.theme import theme as get_theme
from views.map_view import map_page
from views.text import key_column

__all__ = ["DeckItem", "build_deck", "ROWS_PER_SLIDE", "COLUMNS_PER_SLIDE", "SLIDE_PX", "MIN_LABEL_PX"]

SLIDE_PX = 1920
"""The width a slide is judged at: labels must be legible when it fills a 1920-px projector."""
MIN_LABEL_PX = 14

ROWS_PER_SLIDE = 12
COLUMNS_PER_SLIDE = 7
_WIDE, _TALL = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.4)
_TITLE_TOP, _TITLE_H = Inches(0.2), Inches(0.75)
_HEAD_TOP, _HEAD_H = Inches(0.88), Inches(0.66)
_BODY_TOP = Inches(1.56)
_FOOT = Inches(0.45)
_FONT = Pt(11)
_LINE = Pt(11 * 1.3)  # one line of table text
_CHAR = Pt(11 * 0.6)  # an average character of it, generously wide
_CELL_MARGINS = Inches(0.2)  # left and right, python-pptx's default
_PAD = Pt(8)  # cell margins above and below
_DARK = RGBColor(0x1F, 0x4E, 0x79)


def _w(key: str, lang: str, **values: object) -> str:
    return t(f"deck.{key}", lang, **values)


def _fit(text: str, width_in: float, sizes: Sequence[int], lines: int) -> tuple[str, int]:
    """The largest of `sizes` (points) at which `text` takes at most `lines` lines of a box
    `width_in` inches wide (an average character is taken as 0.6 em); at the smallest size
    the text is shortened at a word to fit."""
    for size in sizes:
        per_line = int(width_in * 72 / (0.6 * size))
        if _lines(text, per_line) <= lines:
            return text, size
    per_line = int(width_in * 72 / (0.6 * sizes[-1]))
    words, kept = text.split(), []
    for w in words:
        if _lines(" ".join([*kept, w]) + " …", per_line) > lines:
            break
        kept.append(w)
    return " ".join(kept) + " …", sizes[-1]


def _lines(text: str, per_line: int) -> int:
    """Lines `text` takes when wrapped at words to `per_line` characters."""
    count, used = 1, 0
    for w in text.split():
        need = len(w) if not used else used + 1 + len(w)
        if need > per_line and used:
            count, used = count + 1, len(w)
        else:
            used = need
    return count


@dataclass(frozen=True)
class DeckItem:
    """One view for the deck (the same fields as the app's saved views)."""

    kind: str  # "graph" | "map" | "figure" | "table" | "png"
    title: str
    payload: Any
    meta: dict = field(default_factory=dict)


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _column_widths(columns: list[str], cells: list[list[str]], total: int) -> list[int]:
    """Widths in proportion to each column's longest text (clamped), filling `total`; a column is
    never narrower than its longest word (a code like ``1.01.02.1.01.0014`` is not broken), the room
    coming from the columns that have some to spare.

    >>> widths = _column_widths(["Kode", "Keterangan"], [["1.01.02.1.01.0014", "x " * 200]], int(Inches(6)))
    >>> widths[0] >= 17 * _CHAR + _CELL_MARGINS, sum(widths) == int(Inches(6))
    (True, True)
    """
    weights, need = [], []
    for j, c in enumerate(columns):
        longest = max(len(row[j]) for row in cells)
        weights.append(min(max(longest, len(c) + 3, 6), 40))
        word = max((len(w) for text in [c, *(row[j] for row in cells)] for w in text.split()), default=1)
        need.append(int(word * _CHAR + _CELL_MARGINS))
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    short = sum(max(0, n - w) for n, w in zip(need, widths))
    spare = sum(max(0, w - n) for n, w in zip(need, widths))
    if short and spare >= short:
        widths = [n if w < n else w - int((w - n) * short / spare) for n, w in zip(need, widths)]
    widths[-1] += total - sum(widths)
    return widths


def _cut_rows(png: bytes, pieces: int) -> list[bytes]:
    """`png` cut into `pieces` horizontal bands, each cut along the pixel row with the least ink
    near its even share (between rows of boxes, where only thin edges cross)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    w, h = image.size
    grey = image.tobytes()
    ink = [sum(v < 200 for v in grey[y * w:(y + 1) * w]) for y in range(h)]
    cuts = [0]
    for k in range(1, pieces):
        target, reach = k * h // pieces, h // (3 * pieces)
        window = range(max(cuts[-1] + 1, target - reach), min(h - 1, target + reach))
        cuts.append(min(window, key=lambda y: (ink[y], abs(y - target))) if window else target)
    cuts.append(h)
    out = []
    colour = Image.open(io.BytesIO(png))
    for top, bottom in zip(cuts, cuts[1:]):
        buf = io.BytesIO()
        colour.crop((0, top, w, bottom)).save(buf, format="PNG")
        out.append(buf.getvalue())
    return out


def _png_size(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", png[16:24])


def _text(value: object, column: str, lang: str = "id") -> str:
    """A cell as `base.fmt.cell` writes it (money short: a slide is narrow), a mapping as JSON."""
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return fmt.cell(value, column, lang, short=True)


def _columns(columns: list[str], lang: str) -> list[str]:
    """At most COLUMNS_PER_SLIDE columns: the explanation and money columns always
    (`views.text.key_column`, as the app pins them), then the others in order; the order of the
    input is kept.

    >>> _columns(["a", "b", "c", "d", "e", "f", "g", "Pagu (Rp)", "Keterangan"], "id")
    ['a', 'b', 'c', 'd', 'e', 'Pagu (Rp)', 'Keterangan']
    """
    if len(columns) <= COLUMNS_PER_SLIDE:
        return columns
    chosen = [c for c in columns if key_column(c)][:COLUMNS_PER_SLIDE]
    chosen += [c for c in columns if c not in chosen][: COLUMNS_PER_SLIDE - len(chosen)]
    return [c for c in columns if c in chosen]


class _Deck:
    def __init__(self, source: str, lang: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDE, _TALL
        self.source = source
        self.lang = lang

    def slide(self, title: str, headline: str):
        """A slide with its title (sized to fit one line, two when long) and headline sentence."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # "Title Only"
        box = slide.shapes.title
        width = _WIDE - 2 * _MARGIN
        box.left, box.top, box.width, box.height = _MARGIN, _TITLE_TOP, width, _TITLE_H
        inches = width / 914400 - 0.2  # less the box's own margins
        text, size = _fit(title, inches, (28, 24, 20), 1)
        if text != title:  # too long for one line: two smaller ones
            text, size = _fit(title, inches, (18, 16), 2)
        box.text = text
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = 1  # top
        for p in frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), True, _DARK
            p.alignment = 1  # left
        head = slide.shapes.add_textbox(_MARGIN, _HEAD_TOP, width, _HEAD_H)
        head.name = "Headline"
        frame = head.text_frame
        frame.word_wrap = True
        text, size = _fit(headline, inches, (18,), 1)
        if text != headline:  # two lines, smaller, so both fit the box
            text, size = _fit(headline, inches, (16, 14), 2)
        frame.text = text
        frame.paragraphs[0].font.size = Pt(size)
        frame.paragraphs[0].font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
        self._footer(slide)
        return slide

    def _footer(self, slide) -> None:
        box = slide.shapes.add_textbox(_MARGIN, _TALL - _FOOT, _WIDE - 2 * _MARGIN, Inches(0.35))
        box.name = "Sumber"
        box.text_frame.text = t("deck.source", self.lang, source=self.source)
        box.text_frame.paragraphs[0].font.size = Pt(11)
        box.text_frame.paragraphs[0].font.color.rgb = RGBColor(0x40, 0x40, 0x40)

    def title_slide(self, title: str, subtitle: str) -> None:
        """The opening slide: the title is its headline (sized to fit three lines, or four at 28 or 24 pt), the subtitle
        what the deck covers."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[0])
        box = slide.shapes.title
        box.left, box.top, box.width, box.height = _MARGIN, Inches(1.6), _WIDE - 2 * _MARGIN, Inches(2.6)
        text, size = _fit(title, (box.width / 914400) - 0.2, (40, 36, 32, 28), 3)
        if text != title:  # a long headline (a finding's sentence) takes a fourth line rather than an ellipsis
            text, size = _fit(title, (box.width / 914400) - 0.2, (28, 24), 4)
        box.text = text
        box.text_frame.word_wrap = True
        for p in box.text_frame.paragraphs:
            p.font.size, p.font.bold, p.font.color.rgb = Pt(size), True, _DARK
        sub = slide.placeholders[1]
        sub.left, sub.top, sub.width, sub.height = _MARGIN, Inches(4.5), _WIDE - 2 * _MARGIN, Inches(1.2)
        text, size = _fit(subtitle or " ", (sub.width / 914400) - 0.2, (24, 20, 18), 2)
        sub.text = text
        for p in sub.text_frame.paragraphs:
            p.font.size = Pt(size)
        self._footer(slide)

    def picture(self, title: str, png: bytes, headline: str, label_px: float | None = None) -> None:
        """The picture as large as the slide allows; with `label_px` (its smallest label, in the
        PNG's pixels) the picture is named after that label's size on a 1920-px slide, and a
        picture too tall for its labels to reach MIN_LABEL_PX is cut between its rows of boxes
        over as many slides as that takes."""
        pieces = [png]
        if label_px and self._label(png, label_px) < MIN_LABEL_PX:
            pieces = _cut_rows(png, math.ceil(MIN_LABEL_PX / self._label(png, label_px) + 0.05))
        for k, piece in enumerate(pieces, start=1):
            name = title if len(pieces) == 1 else f"{title} ({_w('part', self.lang, i=k, n=len(pieces))})"
            slide = self.slide(name, headline)
            pw, ph, left = self._fit(piece)
            pic = slide.shapes.add_picture(io.BytesIO(piece), left, _BODY_TOP, Emu(pw), Emu(ph))
            if label_px:
                pic.name = f"label {self._label(piece, label_px):.1f}px"

    @staticmethod
    def _fit(png: bytes) -> tuple[int, int, int]:
        w, h = _png_size(png)
        box_w, box_h = _WIDE - 2 * _MARGIN, _TALL - _BODY_TOP - _FOOT - Inches(0.02)
        scale = min(box_w / w, box_h / h)
        pw, ph = int(w * scale), int(h * scale)
        return pw, ph, Emu(int((_WIDE - pw) / 2))

    def _label(self, png: bytes, label_px: float) -> float:
        """The size on a 1920-px slide of a label `label_px` high in `png`."""
        pw, _, _ = self._fit(png)
        return label_px * pw / _WIDE * SLIDE_PX / _png_size(png)[0]

    def note(self, title: str, text: str, headline: str) -> None:
        slide = self.slide(title, headline)
        box = slide.shapes.add_textbox(_MARGIN, _BODY_TOP, _WIDE - 2 * _MARGIN, Inches(1))
        box.text_frame.word_wrap = True
        box.text_frame.text = text
        box.text_frame.paragraphs[0].font.size = Pt(18)

    def table(self, title: str, rows: list[dict], headline: str | None = None) -> None:
        """Rows over as many slides as they need: at most ROWS_PER_SLIDE, fewer when long text
        makes rows tall, so a table never runs into the sources line."""
        headline = headline or t("headline.table", self.lang, title=title, n=fmt.number(len(rows), self.lang))
        if not rows:
            self.note(title, _w("empty", self.lang), headline)
            return
        columns = list(dict.fromkeys(k for r in rows for k in r))
        shown = _columns(columns, self.lang)
        cells = [[_cut(_text(r.get(c), c, self.lang), 240) for c in shown] for r in rows]
        widths = _column_widths(shown, cells, _WIDE - 2 * _MARGIN)
        per_line = [max(4, int((w - _CELL_MARGINS) / _CHAR)) for w in widths]

        def height(texts: list[str]) -> int:
            lines = max(-(-len(t) // n) if t else 1 for t, n in zip(texts, per_line))
            return int(lines * _LINE + _PAD)

        room = _TALL - _BODY_TOP - _FOOT - Inches(0.15) - height(shown)
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
            name = title if len(chunks) == 1 else f"{title} ({_w('part', self.lang, i=k, n=len(chunks))})"
            slide = self.slide(name, headline)
            total = height(shown) + sum(height(cells[i]) for i in chunk)
            grid = slide.shapes.add_table(len(chunk) + 1, len(shown), _MARGIN, _BODY_TOP, sum(widths), total).table
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
                more = slide.shapes.add_textbox(_MARGIN, _TALL - _FOOT - Inches(0.3), _WIDE - 2 * _MARGIN, Inches(0.3))
                more.text_frame.text = _w("more_columns", self.lang,
                                          columns=", ".join(c for c in columns if c not in shown))
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


def _picture(item: Any, chromium: str | None) -> tuple[bytes, float | None]:
    """The PNG of a view and its smallest label in the PNG's pixels (None when unknown). A graph
    with a ``redraw`` is drawn again in the ``slide`` theme, in a window as large as it needs, so
    its labels keep their size; its heading is left to the slide. A map or chart with a ``redraw``
    is drawn again in the ``slide`` theme."""
    if item.kind == "png":
        return bytes(item.payload), None
    if item.kind == "graph":
        redraw = (item.meta or {}).get("redraw")
        if redraw is None:
            return html_png(str(item.payload), chromium=chromium), None
        view = redraw(theme="slide")
        bare = view.html.replace("</head>", "<style>.kk-head { display: none; }</style></head>", 1)
        th = get_theme("slide")
        return html_png(bare, width=th.view_width + 40, height=view.height - view.header,
                        chromium=chromium), view.min_label_px
    if item.kind == "map":
        redraw = (item.meta or {}).get("redraw")
        if redraw is None:
            return html_png(map_page(str(item.payload), item.title), chromium=chromium), None
        view = redraw(theme="slide")
        return map_png(view, chromium=chromium), view.font_px
    # a chart with a `redraw` is drawn again in the slide theme too: the app's own may be small-print;
    # the slide theme's chart height keeps its text (a Sankey merges the smallest nodes of a crowded
    # column into "+N lainnya") at the theme's font size, legible on the slide
    redraw = (item.meta or {}).get("redraw")
    if redraw is None:
        return figure_png(_figure(item.payload), chromium=chromium), None
    fig = redraw(theme="slide").update_layout(title=None)  # the slide's own title names it
    return figure_png(fig, chromium=chromium), get_theme("slide").font_size


def _headline(item: Any, lang: str) -> str:
    meta = item.meta or {}
    if meta.get("headline"):
        return str(meta["headline"])
    if item.kind == "table":
        return t("headline.table", lang, title=item.title, n=fmt.number(len(item.payload or ()), lang))
    return meta.get("caption") or item.title


def build_deck(
    views: Iterable[Any] = (),
    findings: Mapping[str, object] | Sequence[tuple[str, object]] = (),
    *,
    title: str = "Kaskade",
    subtitle: str = "",
    source: str | None = None,
    lang: str = "id",
    chromium: str | None = None,
    closing: Sequence[Mapping[str, object]] = (),
) -> bytes:
    """The .pptx bytes: title slide, a slide per view, then each findings table (title -> rows),
    then, when `closing` rows are given (finding, owner, follow-up), the open findings slide(s).

    A graph or figure that cannot be pictured (no Chromium) becomes its ``meta["rows"]`` table,
    or a slide saying why. `source` is written on every slide after ``Sumber:`` (by default
    "Kaskade, data ilustratif" in `lang`).
    """
    deck = _Deck(_w("default_source", lang) if source is None else source, lang)
    deck.title_slide(title, subtitle)
    for item in views:
        meta = item.meta or {}
        headline = _headline(item, lang)
        if item.kind == "table":
            deck.table(item.title, list(item.payload), headline)
            continue
        try:
            png, label_px = _picture(item, chromium)
            deck.picture(item.title, png, headline, label_px)
        except ExportError as exc:
            if meta.get("rows") is not None:
                deck.table(item.title, list(meta["rows"]), headline)
            else:
                deck.note(item.title, _w("no_picture", lang, reason=exc.text(lang)),
                          headline)
    pairs = findings.items() if isinstance(findings, Mapping) else findings
    for name, rows in pairs:
        deck.table(name, list(rows))
    if closing:
        deck.table(_w("closing", lang), [dict(r) for r in closing],
                   _w("closing_headline", lang, n=fmt.number(len(closing), lang)))
    return deck.save()
