"""Colours, line styles and the presentation-mode CSS every view shares.

Two themes: ``normal`` for the desk and ``presentation`` (large fonts, high contrast) for the
projector of a coordination meeting. Level colours stay distinguishable for red-green colour
blindness (purple / blue / orange).

>>> THEMES["normal"].level_color("provinsi")
'#1f77b4'
>>> "font-size" in presentation_css()
True
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field, replace

__all__ = ["Theme", "THEMES", "theme", "figure_layout", "presentation_css", "for_projector", "LEVELS", "PRESENT_SCALE"]

LEVELS = ("nasional", "provinsi", "kabkota")
"""Government levels the views colour by; kabupaten and kota are one level (digit 2)."""


@dataclass(frozen=True)
class Theme:
    name: str
    levels: dict[str, str]
    unknown: str
    edge: str
    rejected: str
    highlight: str
    background: str
    text: str
    font_size: int
    plotly_template: str
    colorscale: str
    min_label_px: int = 14
    """No graph label may be drawn smaller than this many CSS pixels (the view aggregates instead)."""
    view_width: int = 1400
    """CSS pixels a graph view is designed to fill: the app's main column at 1920 px wide."""
    row_gap: float = 3.0
    """Space between the rows of a graph view, in font sizes."""
    line_height: float = 1.25
    """Height of a label line, in font sizes."""
    view_height: int | None = None
    """CSS pixels of graph a view may take at its legible scale (a slide's room); None: any."""
    chart_height: int = 2400
    """The tallest a chart grows to keep its labels apart (a Sankey column with more nodes than that
    holds merges its smallest into "+N lainnya")."""
    status_dashes: dict[str, bool] = field(
        default_factory=lambda: {"disepakati": False, "usulan": True, "ditolak": False}
    )

    def level_color(self, level: str | None) -> str:
        """The fill of a node of government `level` (``kabupaten``/``kota`` count as ``kabkota``)."""
        if level in ("kabupaten", "kota"):
            level = "kabkota"
        return self.levels.get(level or "", self.unknown)

    def edge_style(self, status: str | None) -> dict:
        """vis-network edge colour and dashes: agreed solid, proposed dashed, rejected red."""
        color = self.rejected if status == "ditolak" else self.edge
        return {"color": color, "dashes": self.status_dashes.get(status or "", False)}


_NORMAL = Theme(
    name="normal",
    levels={"nasional": "#7b4fa0", "provinsi": "#1f77b4", "kabkota": "#e08a1e"},
    unknown="#9e9e9e",
    edge="#6b6b6b",
    rejected="#d62728",
    highlight="#ffd400",
    background="#ffffff",
    text="#1a1a1a",
    font_size=14,
    plotly_template="plotly_white",
    colorscale="Blues",
    min_label_px=14,
    view_width=1400,
)

PRESENT_SCALE = 20 / 14
"""How much larger presentation mode draws everything (labels of 14 px become 20 px)."""


def for_projector(base: Theme, scale: float = PRESENT_SCALE, name: str = "presentation") -> Theme:
    """`base` for a room reading it from the back: fonts and the smallest label `scale` times larger,
    darker level colours and black text and edges on white, the full width of a screen whose sidebar
    is collapsed.

    >>> th = for_projector(THEMES["normal"])
    >>> th.font_size, th.min_label_px, th.text
    (20, 20, '#000000')
    """
    return replace(
        base, name=name,
        levels={"nasional": "#4b0082", "provinsi": "#003f8c", "kabkota": "#b35900"},
        unknown="#595959", edge="#000000", rejected="#c00000", text="#000000",
        plotly_template="simple_white", colorscale="Cividis",
        font_size=round(base.font_size * scale), min_label_px=round(base.min_label_px * scale), view_width=1800,
    )


THEMES: dict[str, Theme] = {"normal": _NORMAL, "presentation": for_projector(_NORMAL)}


# a picture for a 1920-px-wide slide: the projector's colours, compact rows so a chain fits under the headline
# a chart's PNG is 1600 px wide and its height + 20 px; the slide's body (12.53 x 5.47 in of a 13.33-in
# slide) shows a 16-px label at 14 px or more of a 1920-px slide while the PNG is at most 900 px tall
THEMES["slide"] = replace(THEMES["presentation"], name="slide", font_size=16, min_label_px=16, row_gap=1.0,
                          line_height=1.18, chart_height=880)


def theme(name: str | Theme | None) -> Theme:
    """A theme by name (``normal``, ``presentation`` or ``slide``); a Theme passes through."""
    if isinstance(name, Theme):
        return name
    try:
        return THEMES[name or "normal"]
    except KeyError:
        raise ValueError(f"unknown theme '{name}': choose {', '.join(THEMES)}") from None


def figure_layout(th: Theme, *, title: str, lang: str, height: int, edge: int = 8) -> dict:
    """The plotly layout every chart and map shares: the theme's template, font and background,
    the title (HTML-escaped: plotly renders some markup), `edge` pixels of margin at the sides and
    bottom, and numbers written the local way.

    >>> layout = figure_layout(THEMES["normal"], title="<b>", lang="id", height=400)
    >>> layout["title"], layout["separators"]
    ({'text': '&lt;b&gt;'}, ',.')
    """
    return {
        "title": {"text": html.escape(title)} if title else None,
        "template": th.plotly_template,
        "height": height,
        "margin": {"l": edge, "r": edge, "t": 48 if title else 8, "b": edge},
        "font": {"size": th.font_size, "color": th.text},
        # Streamlit's chart theme sets smaller legend and tick fonts unless they are given
        "legend": {"font": {"size": th.font_size}},
        "xaxis": {"tickfont": {"size": th.font_size}},
        "yaxis": {"tickfont": {"size": th.font_size}},
        "paper_bgcolor": th.background,
        "separators": ",." if lang == "id" else ".,",
    }


def presentation_css(scale: float = PRESENT_SCALE) -> str:
    """CSS the app injects (inside a ``<style>`` tag) for presentation mode.

    Larger text everywhere by `scale` (the page's rem grows too, so tables, which Streamlit draws
    at 0.875 rem, reach 20 px), black on white, thick focus outlines and wide table cells, so a
    room can read the screen from the back.
    """
    base = round(16 * scale)
    return f"""
html, body, .stApp, [data-testid="stAppViewContainer"] {{
  font-size: {base}px !important;
  color: #000000 !important;
  background: #ffffff !important;
}}
.stApp p, .stApp li, .stApp label, .stApp span, .stApp div[data-testid="stMarkdownContainer"] {{
  font-size: {base}px !important;
  line-height: 1.45 !important;
  color: #000000 !important;
}}
.stApp h1, .stApp h1 * {{ font-size: {round(base * 2.1)}px !important; font-weight: 800 !important; }}
.stApp h2, .stApp h2 * {{ font-size: {round(base * 1.7)}px !important; font-weight: 800 !important; }}
.stApp h3, .stApp h3 * {{ font-size: {round(base * 1.4)}px !important; font-weight: 700 !important; }}
[data-testid="stSidebar"] {{ background: #f2f2f2 !important; }}
[data-testid="stSidebar"] * {{ font-size: {base}px !important; color: #000000 !important; }}
.stApp div[data-testid="stMetricValue"], .stApp div[data-testid="stMetricValue"] * {{
  font-size: {round(base * 2.2)}px !important; font-weight: 800 !important; line-height: 1.2 !important; }}
.stApp div[data-testid="stMetricLabel"], .stApp div[data-testid="stMetricLabel"] * {{
  font-size: {round(base * 1.1)}px !important; }}
.stApp .block-container, .stApp [data-testid="stMainBlockContainer"] {{ padding-top: 4rem !important;
  max-width: 100% !important; }}
[data-testid="stDataFrame"], [data-testid="stTable"] {{ font-size: {base}px !important; }}
[data-testid="stCaptionContainer"] {{ font-size: {round(base * 0.95)}px !important; color: #1a1a1a !important; }}
.stApp a {{ color: #003f8c !important; text-decoration: underline !important; }}
.stApp button[kind] {{ border: 2px solid #000000 !important; }}
.stApp *:focus-visible {{ outline: 3px solid #ffd400 !important; outline-offset: 2px !important; }}
"""
