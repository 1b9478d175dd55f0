"""Rendering and export for the app: graph views, maps, charts, tables, PNG and PowerPoint.

Views render only: they take query results (or node ids, rows, figures) and return HTML,
plotly figures or bytes for download buttons. Nothing here fetches anything at run time.

The names below are imported from their module on first use, so a command that needs only
`views.text` does not load plotly, pyvis, openpyxl and python-pptx.

>>> from views import finding_text, shown_caption
>>> shown_caption(1000, 25_000, "en")
'showing 1,000 of 25,000 nodes'
"""
from __future__ import annotations

import importlib

_MODULES: dict[str, tuple[str, ...]] = {
    "charts": ("heatmap", "sankey"),
    "deck": ("DeckItem", "build_deck"),
    "export": ("CHROMIUM", "ExportError", "chromium_path", "figure_html", "figure_png", "html_png", "table_csv",
               "table_xlsx", "tables_xlsx"),
    "graph_view": ("MAX_NODES", "GraphView", "cascade_view", "trace_view"),
    "layout": ("layered_layout", "order_rows"),
    "map_view": ("MEASURES", "PLOTLY_CONFIG", "choropleth", "province_features"),
    "sentences": ("finding_text", "with_messages"),
    "text": ("shorten", "shown_caption", "key_column", "short_path"),
    "theme": ("THEMES", "Theme", "presentation_css"),
    "tiers": ("GROUP_BY", "TIERS", "drawing", "tier_of"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
