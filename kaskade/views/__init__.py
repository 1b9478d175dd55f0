"""Rendering and export for the app: graph views, maps, charts, tables, PNG and PowerPoint.

Views render only: they take query results (or node ids, rows, figures) and return HTML,
plotly figures or bytes for download buttons. Nothing here fetches anything at run time.

>>> from kaskade.views import rupiah, shown_caption
>>> rupiah(350_000_000), shown_caption(1000, 25_000, "en")
('Rp 350 jt', 'showing 1,000 of 25,000 nodes')
"""
from kaskade.views.charts import heatmap, sankey
from kaskade.views.deck import DeckItem, build_deck
from kaskade.views.export import (
    CHROMIUM,
    ExportError,
    chromium_path,
    figure_html,
    figure_png,
    html_png,
    table_csv,
    table_xlsx,
    tables_xlsx,
)
from kaskade.views.graph_view import MAX_NODES, GraphView, cascade_view, trace_view
from kaskade.views.layout import layered_layout, order_rows
from kaskade.views.map_view import MEASURES, PLOTLY_CONFIG, choropleth, plain_rows, province_features
from kaskade.views.text import rupiah, shown_caption
from kaskade.views.theme import THEMES, Theme, presentation_css
from kaskade.views.tiers import GROUP_BY, TIERS, drawing, tier_of

__all__ = [
    "CHROMIUM",
    "DeckItem",
    "ExportError",
    "GROUP_BY",
    "GraphView",
    "MAX_NODES",
    "MEASURES",
    "PLOTLY_CONFIG",
    "THEMES",
    "TIERS",
    "Theme",
    "build_deck",
    "cascade_view",
    "choropleth",
    "chromium_path",
    "drawing",
    "figure_html",
    "figure_png",
    "heatmap",
    "html_png",
    "layered_layout",
    "order_rows",
    "plain_rows",
    "presentation_css",
    "province_features",
    "rupiah",
    "sankey",
    "shown_caption",
    "table_csv",
    "table_xlsx",
    "tables_xlsx",
    "tier_of",
    "trace_view",
]
