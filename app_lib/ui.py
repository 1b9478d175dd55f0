"""The pieces every page of the app renders the same way: filters, tables, graph views and figures,
each with its export buttons and a "save this view" button for the presentation.

Pages call these after their one query; nothing here computes an analysis.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from graph.schema import LinkStatus, NodeKind, node_id
from reference import regions
import app_lib.state as app_state
from app_lib.data import (around, bidang_choices, drawn_ids, governments, has_node, names_graph, place_name,
                           provinces, years)
from base import fmt
from base.i18n import TEXT, column_label, t
from views import export
from views.text import key_column, one_line
from views.deck import build_deck
from graph.schema import EdgeKind
from queries import cascade as cascade_query, line_of_sight
from queries.results import government_name
from views.graph_view import GraphView, cascade_view, trace_view
from views.network_html import script_json
from views.map_view import PLOTLY_CONFIG, MapView
from views.sentences import finding_text, government_year
from base.errors import Issue
from queries.filters import Filters

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

__all__ = [
    "COLUMNS", "MAX_OPTIONS", "STYLED_CELLS", "XLSX_MIME", "PPTX_MIME",
    "filters", "table", "graph", "open_groups", "figure", "issues", "deck_button", "save_button",
    "graph_slide", "table_slide", "shown_view", "localize", "frame", "styled", "theme", "slug", "controls",
    "finding_label", "overlap_label", "say_finding", "load_notices", "follow_link", "open_cascade",
    "map_chart", "map_element",
    "pick", "capped", "redraw", "siblings", "finding_headline", "closing_rows", "deck_items", "start_kind",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "coverage": ("government_name", "agency_name", "sub_kegiatan", "linked", "unlinked", "pagu", "pagu_linked",
                 "pagu_unlinked", "conflicts", "overlaps"),
    "orphans": ("reason", "government", "code", "name", "year", "pagu", "message"),
    "mandates": ("reason", "government", "agency", "code", "name", "year", "pagu", "message"),
    "overlaps": ("reason", "year", "place", "family", "a_government", "a_count", "a_pagu", "b_government", "b_count",
                 "b_pagu", "shared_outcomes", "message"),
    "duplicates": ("reason", "year", "place", "a_government", "a_code", "a_name", "a_pagu", "b_government", "b_code",
                   "b_name", "b_pagu", "score", "message"),
    "overlap_lines": ("code", "name", "agency", "pagu"),
    "cascade": ("tier", "code", "name", "government", "year", "pagu_total", "sub_kegiatan_count", "agency_count"),
    "sight": ("path", "reason", "names", "message"),
    "interventions": ("government_level", "government", "agency", "code", "name", "year", "pagu", "places"),
    "who_where": ("region", "region_name", "sector", "sector_name", "governments", "agencies", "sub_kegiatan",
                  "pagu"),
    "aligned": ("name", "sub_kegiatan", "pagu", "pagu_national", "pagu_regional", "pagu_none", "share_national",
                "share_regional", "share_none"),
    "budget": ("source_name", "target_name", "value", "source_tier", "target_tier"),
    "desk_support": ("outcome_name", "target_value", "satuan", "government", "government_level", "agency_name", "code",
                     "name", "pagu", "output", "output_target", "output_unit", "status"),
    "desk_gaps": ("outcome_name", "target_value", "satuan", "owner_government", "reason"),
    "desk_roles": ("outcome_name", "government", "government_level", "lines", "pagu", "families"),
    "desk_history": ("at", "who", "previous", "status", "note", "undone_at", "undone_by"),
}
"""The columns each page shows of a result's ``to_rows()`` (every column goes into the CSV/XLSX of
the table as shown)."""


def slug(text: str) -> str:
    """A file-name-safe version of a title.

    >>> slug("Kaskade: PN 3 / Infrastruktur")
    'kaskade-pn-3-infrastruktur'
    """
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(p for p in cleaned.split("-") if p)[:80] or "kaskade"


def localize(rows: Iterable[dict], lang: str, columns: Sequence[str] | None = None) -> list[dict]:
    """Rows as a planner reads them in `lang`: coded values with a ``value.<column>.<code>`` entry
    become words, and headings are translated (rows of findings bring their sentence in ``message``,
    `views.sentences.with_messages`).

    >>> localize([{"reason": "no_outcome", "message": "b"}], "en")
    [{'Reason': 'No path to an outcome', 'Explanation': 'b'}]
    """
    out = []
    for row in rows:
        keep = columns or list(row)
        localized = {}
        for c in keep:
            value = row.get(c)
            key = f"value.{c}.{value}"
            if isinstance(value, str) and key in TEXT:
                value = t(key, lang)
            elif isinstance(value, (list, tuple)):
                value = (" \u2192 " if c == "names" else ", ").join(str(v) for v in value)
            localized[column_label(c, lang)] = value
        out.append(localized)
    return out


_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+])(?=\s)", re.MULTILINE)


def plain(text: str) -> str:
    """User text made safe for st.markdown: markdown characters escaped, so a sub kegiatan named
    ``[klik](http://x)`` or ``**X**`` shows as written, not as a link or bold.

    >>> print(plain("[klik](http://x) *a* 1.03.10"))
    \\[klik\\](http://x) \\*a\\* 1.03.10
    """
    text = _MARKDOWN.sub(r"\\\1", str(text))
    return _LIST_START.sub(lambda m: (m[1] or m[4] or "") + (f"{m[2]}\\{m[3]}" if m[2] else f"\\{m[5]}"), text)


def say(text: str) -> None:
    """Show a sentence built from user data (a finding's message, a name) as plain text."""
    st.markdown(plain(text))


def say_finding(finding: Any, lang: str) -> None:
    """Show a finding's sentence (`views.sentences.finding_text`) in `lang`, as plain text."""
    say(finding_text(finding, lang))


def frame(rows: list[dict]) -> pd.DataFrame:
    """A DataFrame of rows; empty text cells show blank, not "None"; a name written over several lines
    (or with double spaces) shows on one line."""
    df = pd.DataFrame(rows)
    text = df.select_dtypes(include=["object", "str"]).columns
    df[text] = df[text].fillna("")
    for column in text:
        df[column] = df[column].map(one_line)
    return df


def theme(state=None) -> str:
    """The views' theme: ``presentation`` while presentation mode is on."""
    return "presentation" if (state if state is not None else st.session_state).get(app_state.PRESENT) else "normal"


def controls(lang: str):
    """Where a page puts its filters and options: in presentation mode a closed "Filter & pilihan"
    panel, so the view itself comes first on the projector; otherwise the page as it is."""
    if theme() == "presentation":
        return st.expander(t("common.controls", lang), expanded=False, icon=":material/tune:")
    return st.container()


def save_button(view: app_state.SavedView, lang: str, key: str) -> None:
    if st.button(t("view.save", lang), key=f"{key}.save", icon=":material/bookmark_add:"):
        app_state.save_view(st.session_state, view)
        st.toast(t("view.saved", lang, title=view.title))


STYLED_CELLS = 25_000
"""The largest table (rows x columns) whose numbers `styled` writes with `base.fmt`."""


def styled(df: pd.DataFrame, columns: Sequence[str], lang: str) -> tuple[Any, dict]:
    """The table and its column settings, numbers shown the `lang` way by `base.fmt` (money to the
    rupiah, years as written, shares as percentages) whatever the browser's locale; the cells keep
    their numbers, so a column still sorts by value. Styling costs about 20 microseconds a cell on
    every rerun, so a table of more than `STYLED_CELLS` cells shows years as written and money with
    the browser's separators instead."""
    numeric = [(c, column_label(c, lang)) for c in columns]
    numeric = [(c, label) for c, label in numeric if label in df.columns and pd.api.types.is_numeric_dtype(df[label])]
    if df.size > STYLED_CELLS:
        config = {label: st.column_config.NumberColumn(format="%d" if fmt.is_year(c) else "localized")
                  for c, label in numeric if fmt.is_year(c) or fmt.is_money(c)}
        return df, config
    formats = {label: (lambda v, c=c: fmt.cell(None if pd.isna(v) else v, c, lang)) for c, label in numeric}
    return df.style.format(formats, na_rep=""), {}


PRESENT_ROWS = 30
"""Rows a table shows in presentation mode (all of them are in its downloads)."""


def _key_columns(columns: Sequence[str], lang: str) -> dict:
    """Column settings that keep what matters in sight on a desk (`views.text.key_column`: the
    explanation and pagu), pinned."""
    config = {}
    for c in columns:
        if key_column(c):
            config[column_label(c, lang)] = st.column_config.Column(width="large" if c == "message" else None,
                                                                    pinned=True)
    return config


def _projected(shown: list[dict], names: Sequence[str], lang: str) -> None:
    """A table for the projector: an HTML table (Streamlit's grid keeps the font size it started with
    and draws pinned columns faded), its first `PRESENT_ROWS` rows, the explanation and pagu first,
    every cell wrapped and in sight, numbers written by `base.fmt`."""
    key = [c for c in names if key_column(c)]
    order = [column_label(c, lang) for c in key + [c for c in names if c not in key]]
    df = frame(shown[:PRESENT_ROWS])
    df = df[[c for c in order if c in df.columns]] if len(df.columns) else df
    data, _ = styled(df, names, lang)
    st.table(data, hide_index=True)


def table(rows: list[dict], *, title: str, lang: str, key: str, columns: Sequence[str] | None = None,
          save: bool = True, select: bool = False) -> int | None:
    """A result table (rows from ``to_rows()``) in a container keyed `key`, with CSV and XLSX downloads
    of what it shows. With `select`, a row can be clicked: its position is returned."""
    shown = localize(rows, lang, columns)
    with st.container(key=key):
        names = columns or (list(rows[0]) if rows else [])
        if theme() == "presentation":
            _projected(shown, names, lang)
            event = None
        else:
            data, config = styled(frame(shown), names, lang)
            event = st.dataframe(data, hide_index=True, key=f"{key}.table" if select else None,
                                 column_config={**_key_columns(names, lang), **config}, placeholder="",
                                 on_select="rerun" if select else "ignore", selection_mode="single-row")
        st.caption(t("common.rows", lang, n=len(shown)) if event is not None or len(shown) <= PRESENT_ROWS else
                   t("common.rows_shown", lang, n=fmt.number(PRESENT_ROWS, lang), m=fmt.number(len(shown), lang)))
        name = slug(title)
        cols = st.columns([1, 1, 2])
        cols[0].download_button(t("export.csv", lang), lambda: export.table_csv(shown), f"{name}.csv",
                                "text/csv", key=f"{key}.csv", on_click="ignore", icon=":material/download:")
        cols[1].download_button(t("export.xlsx", lang), lambda: export.table_xlsx(shown, sheet=title),
                                f"{name}.xlsx", XLSX_MIME, key=f"{key}.xlsx", on_click="ignore",
                                icon=":material/download:")
        if save:
            with cols[2]:
                save_button(app_state.SavedView("table", title, shown), lang, key)
    picked = event.selection.rows if select and event is not None else []
    return picked[0] if picked else None


MAX_OPTIONS = 500
"""A selectbox lists at most this many options (plus the current one): a national table can hold
100,000 findings, which a browser cannot list; the table above it still shows them all."""


START_KINDS = (NodeKind.PRIORITY.value, NodeKind.TARGET.value, NodeKind.PROGRAM.value)
"""The kinds a cascade or a budget flow can start from, top first."""


def start_kind(slot, lang: str, key: str) -> str:
    """The radio in `slot` (a column) choosing what a cascade or a flow starts from (`START_KINDS`)."""
    return slot.radio(t("cascade.start", lang), START_KINDS, key=key, format_func=lambda k: t(f"cascade.kind.{k}", lang))


def capped(options: Sequence, state, key: str, limit: int = MAX_OPTIONS) -> list:
    """The first `limit` options, plus the one selectbox `key` holds if it lies beyond them. A choice
    that is no longer among the options (another filter changed them) is forgotten, so the selectbox
    starts again from its default instead of holding a value the page cannot name.

    >>> capped(list(range(10)), {"k": 8}, "k", limit=3)
    [0, 1, 2, 8]
    >>> state = {"k": 42}
    >>> capped(list(range(10)), state, "k", limit=3), state
    ([0, 1, 2], {})
    """
    shown = list(options[:limit])
    current = state.get(key)
    if current is not None and current not in shown and current in options:
        shown.append(current)
    elif current is not None and current not in options:
        del state[key]
    return shown


def pick(state, key: str, clicked: str | None) -> None:
    """Make a click elsewhere (a table row, a map region) choose `clicked` in selectbox `key`, once
    per new click, so the selectbox stays free to change afterwards."""
    if clicked is not None and clicked != state.get(f"{key}.clicked"):
        state[f"{key}.clicked"] = clicked
        state[key] = clicked


def graph(draw: Callable[..., GraphView], *, lang: str, key: str, height: int | None = None,
          save: bool = True, recipe: dict | None = None, headline: str | None = None) -> GraphView:
    """Draw a graph view (``draw(theme=..., expand=...)``, e.g. a `functools.partial` of `cascade_view`)
    in the current theme, as tall as its labels need at their legible size (or `height`), with its
    'showing N of M' caption and HTML / PNG downloads; returns the view. A saved view keeps `draw`,
    so the presentation redraws it in the projector theme, and `recipe` (see `redraw`), so it
    survives a restart.

    A merged box ("12 sub kegiatan", "+5 lainnya") opens when clicked, in the graph or on its
    button under the graph (`open_groups`): the boxes opened are kept in the session and the view
    is drawn again with them open."""
    opened = tuple(st.session_state.get(f"{key}.expand") or ())
    if opened:
        draw = partial(draw, expand=opened)
        recipe = {**recipe, "expand": list(opened)} if recipe else recipe
    view = draw(theme=theme())
    st.iframe(_with_group_clicks(view, opened, key), height=height or view.height)
    st.caption(view.caption())
    open_groups(view, opened, lang, key)
    name = slug(view.title)
    cols = st.columns([1, 1, 2])
    cols[0].download_button(t("export.html", lang), view.html.encode("utf-8"), f"{name}.html", "text/html",
                            key=f"{key}.html", on_click="ignore", icon=":material/download:")
    _png_button(cols[1], lambda: export.html_png(view.html), name, lang, key)
    if save:
        with cols[2]:
            save_button(graph_slide(view, draw, recipe=recipe, headline=headline), lang, key)
    return view


def _group_options(view: GraphView, opened: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*opened, *(g for g, _ in view.groups)]))


def _with_group_clicks(view: GraphView, opened: Sequence[str], key: str) -> str:
    """The view's page with a click on a merged box pressing that box's button under the graph
    (the frame shares the app's origin), so Streamlit opens it and draws the view again."""
    options = _group_options(view, opened)
    if not options:
        return view.html
    box = "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", f"{key}.expand".strip())
    hook = ("<script>window.kaskadeOpenGroup = function (id) {"
            f"var ids = {script_json(options)}; var i = ids.indexOf(id); if (i < 0) return;"
            f"var box = window.parent.document.querySelector({script_json('.' + box)});"
            "var buttons = box ? box.querySelectorAll('button[data-variant=\"pills\"]') : [];"
            "if (buttons[i]) buttons[i].click(); };</script>")
    return view.html.replace("</body>", hook + "</body>", 1)


def open_groups(view: GraphView, opened: Sequence[str], lang: str, key: str) -> None:
    """One button per merged box of `view` (and per box opened before): pressed, the box opens."""
    options = _group_options(view, opened)
    if not options:
        return
    labels = st.session_state.setdefault(f"{key}.expand_labels", {})
    labels.update(view.groups)
    st.pills(t("view.open_groups", lang), options, selection_mode="multi", key=f"{key}.expand",
             format_func=lambda g: labels.get(g, g), help=t("view.open_groups_help", lang))


def _png_button(col, make, name: str, lang: str, key: str) -> None:
    """PNG needs Chromium: without it the button is disabled and says why instead of failing on click."""
    missing = export.chromium_path() is None
    col.download_button(t("export.png", lang), make, f"{name}.png", "image/png", key=f"{key}.png",
                        on_click="ignore", icon=":material/image:", disabled=missing,
                        help=t("export.png_missing", lang) if missing else None)


def figure(draw: Callable[..., go.Figure], *, title: str, lang: str, key: str, select: bool = False,
           save: bool = True, headline: str | None = None) -> Any:
    """Draw a plotly figure (``draw(theme=...)``: map, heat map, Sankey) with PNG and HTML downloads;
    returns its selection when `select` (``st.plotly_chart(on_select="rerun")``); `headline` is the
    sentence its slide states when saved for the presentation."""
    fig = draw(theme=theme())
    event = st.plotly_chart(fig, key=f"{key}.chart", on_select="rerun" if select else "ignore",
                            selection_mode="points", config=PLOTLY_CONFIG)
    name = slug(title)
    cols = st.columns([1, 1, 2])
    cols[0].download_button(t("export.html", lang), lambda: export.figure_html(fig, title=title), f"{name}.html",
                            "text/html", key=f"{key}.html", on_click="ignore", icon=":material/download:")
    _png_button(cols[1], lambda: export.figure_png(fig), name, lang, key)
    if save:
        with cols[2]:
            save_button(app_state.SavedView("figure", title, fig.to_json(), {"redraw": draw, "headline": headline}),
                        lang, key)
    return event if select else None


# The map is an SVG drawn by the server (views.map_view), mounted into the page itself (no iframe, no
# map library to load), so it paints as soon as Streamlit shows the element; a click on a kab/kota
# sets the component's state ``region`` to its code (kept until the next click, as a selection is).
_MAP_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let host = parentElement.querySelector(':scope > .kk-map-host');
  if (!host) {
    host = document.createElement('div');
    host.className = 'kk-map-host';
    parentElement.appendChild(host);
    host.addEventListener('click', (event) => {
      const region = event.target.closest('[data-kode]');
      if (region) setStateValue('region', region.getAttribute('data-kode'));
    });
  }
  if (host.kkMarkup !== data) {
    host.innerHTML = data;
    host.kkMarkup = data;
  }
}
"""
_MAP = st.components.v2.component("kaskade_map", js=_MAP_JS, isolate_styles=False)


def map_element(view: MapView | str, key: str) -> str | None:
    """Show a drawn map (or a saved map's markup); the code of the kab/kota last clicked on it, if any."""
    result = _MAP(data=view.html if isinstance(view, MapView) else str(view), key=key,
                  on_region_change=lambda: None)
    region = getattr(result, "region", None)
    return str(region) if region else None


def map_chart(draw: Callable[..., MapView], *, title: str, lang: str, key: str, save: bool = True) -> str | None:
    """Draw the kab/kota map (``draw(theme=...)``, e.g. a `functools.partial` of `choropleth`) with HTML
    and PNG downloads and a "save this view" button; returns the kab/kota last clicked, if any."""
    view = draw(theme=theme())
    clicked = map_element(view, f"{key}.chart")
    name = slug(title)
    cols = st.columns([1, 1, 2])
    cols[0].download_button(t("export.html", lang), lambda: view.page(), f"{name}.html", "text/html",
                            key=f"{key}.html", on_click="ignore", icon=":material/download:")
    _png_button(cols[1], lambda: export.map_png(view), name, lang, key)
    if save:
        with cols[2]:
            save_button(app_state.SavedView("map", title, view.html, {"redraw": draw}), lang, key)
    return clicked


def deck_button(views: Sequence[app_state.SavedView], *, title: str, lang: str, key: str,
                findings: Sequence[tuple[str, list[dict]]] = (), label: str | None = None,
                closing: Sequence[dict] = (), subtitle: str = "") -> None:
    """A PowerPoint of `views` (graphs, tables, figures), `findings` tables and the `closing` slide
    of open findings with their owners, built when clicked."""
    source = app_state.data_source(app_state.current(st.session_state), lang)
    items = deck_items(views)
    st.download_button(label or t("export.pptx", lang),
                       lambda: build_deck(items, list(findings), title=title, subtitle=subtitle, source=source,
                                          lang=lang, closing=list(closing)),
                       f"{slug(title)}.pptx", PPTX_MIME, key=f"{key}.pptx", on_click="ignore",
                       type="primary", icon=":material/slideshow:")


def graph_slide(view: GraphView, draw: Callable[..., GraphView] | None = None, *, recipe: dict | None = None,
                headline: str | None = None) -> app_state.SavedView:
    """A graph for the presentation and the deck; with `draw`, the presentation redraws it in its theme;
    with `recipe`, it is kept in the views file; `headline` is the sentence its slide states."""
    return app_state.SavedView("graph", view.title, view.html, {"caption": view.caption(), "redraw": draw,
                                                                 "recipe": recipe, "headline": headline})


def redraw(recipe: dict | None, data: app_state.Loaded, lang: str) -> Callable[..., GraphView] | None:
    """The drawing function a saved graph's recipe stands for: ``{"view": "cascade", "root": id,
    "collapsed": [...], "group_by": ..., "search": ...}`` or ``{"view": "focus" | "trace", "node": id}``
    (each with its ``title``); None when the data no longer holds its node."""
    if not recipe:
        return None
    title = recipe.get("title", "")
    if recipe.get("view") == "cascade":
        if not has_node(data.analysis, recipe.get("root")):
            return None
        result = app_state.query(data, cascade_query, root=recipe["root"], filters=Filters())
        return partial(cascade_view, around(data.analysis, drawn_ids(result)), result, title=title, collapsed=tuple(recipe.get("collapsed") or ()),
                       group_by=recipe.get("group_by") or "parent", highlight=recipe.get("search") or None, lang=lang,
                       expand=tuple(recipe.get("expand") or ()))
    if recipe.get("view") in ("focus", "trace"):
        node = recipe.get("node")
        if not has_node(data.analysis, node):
            return None
        sight = app_state.query(data, line_of_sight, node=node, filters=Filters())
        chain = around(data.analysis, drawn_ids(sight), siblings_of=node if recipe["view"] == "focus" else None)
        near = siblings(chain, node) if recipe["view"] == "focus" else ()
        return partial(trace_view, chain, sight, title=title, lang=lang, siblings=near,
                       expand=tuple(recipe.get("expand") or ()))
    return None


def _redraw_of(view: app_state.SavedView) -> Callable[..., Any] | None:
    meta = view.meta or {}
    if meta.get("redraw") is not None:
        return meta["redraw"]
    data = app_state.current(st.session_state)
    return redraw(meta.get("recipe"), data, app_state.lang(st.session_state))


def shown_view(view: app_state.SavedView) -> Any:
    """What the presentation shows of a saved view: redrawn in the current theme when it can be
    (a graph saved before a restart is redrawn from its recipe; a GraphView is returned for graphs)."""
    draw = _redraw_of(view)
    if draw is None:
        return pio.from_json(view.payload) if view.kind == "figure" else view.payload
    return draw(theme=theme())


def deck_items(views: Sequence[app_state.SavedView]) -> list[app_state.SavedView]:
    """The views as the deck takes them: graphs kept only by recipe get their drawing back."""
    out = []
    for v in views:
        draw = _redraw_of(v) if v.kind == "graph" else None
        if v.kind == "graph" and v.payload is None:
            if draw is None:
                continue
            v = app_state.SavedView("graph", v.title, draw(theme="normal").html, {**(v.meta or {}), "redraw": draw})
        elif draw is not None and not (v.meta or {}).get("redraw"):
            v = app_state.SavedView(v.kind, v.title, v.payload, {**(v.meta or {}), "redraw": draw})
        out.append(v)
    return out


def siblings(G, node: str) -> list[str]:
    """The other sub kegiatan of the kegiatan `node` belongs to: what a finding's chain shows beside it."""
    out = []
    for _, parent, kind in G.out_edges(node, keys=True):
        if kind == EdgeKind.PART_OF:
            out += [child for child, _, k in G.in_edges(parent, keys=True) if k == EdgeKind.PART_OF and child != node]
    return list(dict.fromkeys(out))


def _short_government(G, pemda: str | None, lang: str) -> str:
    """A government as a slide names it ("Kota Samarinda"); the national one in `lang` ("Pusat" /
    "Central government"), since its short name alone says nothing to an English reader."""
    if pemda == regions.NATIONAL:
        return t("deck.central_government", lang)
    name = government_name(G, pemda) if pemda else None
    return (name or pemda or "-").removeprefix("Pemerintah ")


def finding_headline(G, finding: Any, lang: str) -> str:
    """The sentence a slide about a mandate finding states, e.g. "Kota Samarinda menjalankan sub
    kegiatan … — kewenangan provinsi, tanpa bankeu/DAK"."""
    name = f"{finding.code} {finding.name}"
    kegiatan = [G.nodes[p].get("name") for _, p, k in G.out_edges(finding.id, keys=True) if k == EdgeKind.PART_OF] \
        if finding.id in G else []
    if kegiatan and kegiatan[0]:
        name += f" ({kegiatan[0]})"
    government = _short_government(G, finding.government, lang)
    if getattr(finding, "reason", None) == "level":
        key = f"headline.mandate.{finding.found}"
        mandate = t(key, lang) if key in TEXT else str(finding.found)
        return t("headline.level", lang, government=government, name=name, mandate=mandate)
    if getattr(finding, "reason", None) == "bidang":
        agency = G.nodes[finding.agency].get("name") if finding.agency in G else finding.agency
        return t("headline.bidang", lang, agency=agency or "-", government=government, name=name)
    try:
        return finding_text(finding, lang)
    except TypeError:  # a result with no sentence of its own
        return name


def closing_rows(G, lang: str, *, mandates_found: Iterable = (), orphans_found: Iterable = (),
                 overlaps_found: Iterable = ()) -> list[dict]:
    """The closing slide's rows: each open finding, who owns it (government and agency) and what
    follows up."""
    finding, owner, follow = t("deck.finding", lang), t("deck.owner", lang), t("deck.followup", lang)
    rows = []
    mandates_found, orphans_found, overlaps_found = list(mandates_found), list(orphans_found), list(overlaps_found)
    codes = {f.government for f in mandates_found + orphans_found}
    codes |= {g for f in overlaps_found for g in (f.a_government, f.b_government)}
    agencies_shown = {getattr(f, "agency", None) for f in mandates_found + orphans_found}
    agencies_shown |= {a for f in overlaps_found if f.a_government == f.b_government
                       for a in (*f.a_agencies, *f.b_agencies)}
    G = names_graph(G, agencies_shown | {f"pemda:{g}" for g in codes if g})  # a database: only the names shown

    def agency_name(agency: Any) -> str:
        return str(G.nodes[agency].get("name") or agency) if agency and agency in G else ""

    for kind, found in (("mandate", mandates_found), ("orphan", orphans_found)):
        for f in found:
            who = " / ".join(x for x in (_short_government(G, f.government, lang),
                                         agency_name(getattr(f, "agency", None))) if x)
            what = " ".join(str(x) for x in (f.code, f.name) if x)
            rows.append({finding: f"{t(f'value.reason.{f.reason}', lang)}: {what}",
                         owner: who, follow: t(f"deck.followup.{kind}", lang)})
    for f in overlaps_found:
        if f.a_government == f.b_government:  # one government funds the same work twice: it alone follows up
            agencies = dict.fromkeys(agency_name(a) for a in (*f.a_agencies, *f.b_agencies))
            who = " / ".join(x for x in (_short_government(G, f.a_government, lang), " + ".join(a for a in agencies if a))
                             if x)
            kind = "duplicate"
        else:
            who = f"{_short_government(G, f.a_government, lang)} + {_short_government(G, f.b_government, lang)}"
            kind = "overlap"
        rows.append({finding: f"{t(f'value.reason.{f.reason}', lang)}: {place_name(f.place)}, {fmt.year(f.year)}",
                     owner: who, follow: t(f"deck.followup.{kind}", lang)})
    return rows


def table_slide(title: str, rows: list[dict], lang: str, columns: str | None = None) -> app_state.SavedView:
    """A table for a deck, with the columns and headings the page shows."""
    return app_state.SavedView("table", title, localize(rows, lang, COLUMNS.get(columns) if columns else None))


def issues(found: Sequence[Issue], lang: str, *, key: str) -> None:
    """Validation problems as a table: every error's file, sheet, row and column."""
    rows = app_state.issue_rows(found, lang)
    with st.container(key=f"{key}.issues"):
        message = column_label("message", lang)
        st.dataframe(frame(rows), hide_index=True, placeholder="",
                     column_config={message: st.column_config.TextColumn(width="large")})


def filters(data: app_state.Loaded, lang: str, key: str, *, province: bool = True, pemda: bool = True,
            year: bool = True, bidang: bool = True, proposed: bool = True) -> Filters:
    """The filter widgets a page asks for, in one row, and the `Filters` they select."""
    shown = [name for name, on in (("province", province), ("pemda", pemda), ("year", year),
                                   ("bidang", bidang), ("proposed", proposed)) if on]
    cols = dict(zip(shown, st.columns(len(shown)))) if shown else {}
    everything = t("common.all", lang)
    chosen: dict[str, Any] = {}
    if province:
        province_names = dict(app_state.query(data, provinces))
        chosen["province"] = cols["province"].selectbox(
            t("common.province", lang), list(province_names), index=None, placeholder=everything,
            key=f"{key}.province", format_func=lambda c: f"{c} {province_names[c]}")
    if pemda:
        within = chosen.get("province")
        government_names = {k: v for k, v in app_state.query(data, governments)
                            if not within or regions.province_code(k) == within}
        chosen["pemda"] = cols["pemda"].selectbox(
            t("common.government", lang), list(government_names), index=None, placeholder=everything,
            key=f"{key}.pemda", format_func=lambda c: f"{c} {government_names.get(c, '')}")
    if year:
        chosen["year"] = cols["year"].selectbox(t("common.year", lang), app_state.query(data, years), index=None,
                                                placeholder=everything, key=f"{key}.year")
    if bidang:
        bidang_names = dict(app_state.query(data, bidang_choices))
        chosen["bidang"] = cols["bidang"].multiselect(t("common.bidang", lang), list(bidang_names),
                                                      key=f"{key}.bidang", format_func=lambda c: bidang_names[c],
                                                      placeholder=everything)
    status = (LinkStatus.AGREED,)
    if proposed and cols["proposed"].toggle(t("common.proposed", lang), key=f"{key}.proposed",
                                            help=t("common.proposed_help", lang)):
        status = (LinkStatus.AGREED, LinkStatus.PROPOSED)
    pemda_code = chosen.get("pemda")
    if pemda_code and chosen.get("province") and regions.province_code(pemda_code) != chosen["province"]:
        pemda_code = None
    return Filters(year=chosen.get("year"), pemda=(pemda_code,) if pemda_code else (),
                   province=chosen.get("province"), bidang=tuple(chosen.get("bidang") or ()), status=status)


def finding_label(finding: Any, lang: str) -> str:
    """One line naming a finding in a selectbox: its reason, code, name, then its government by name
    and its year, as the finding's sentence names them.

    >>> from queries.orphans import Orphan
    >>> finding_label(Orphan("no_outcome", "x", "sub_kegiatan", "1.03.12.1.01.0001", "Penyusunan RTRW", "62", None, 2025,
    ...                      1.0, None, None, False), "en")
    'No path to an outcome: 1.03.12.1.01.0001 Penyusunan RTRW (Pemerintah Provinsi Kalimantan Tengah, 2025)'
    """
    what = " ".join(str(x) for x in (finding.code, finding.name) if x)
    return f"{t(f'value.reason.{finding.reason}', lang)}: {what} ({government_year(finding.government, finding.year)})"


def overlap_label(finding: Any, lang: str) -> str:
    """One line naming an overlap finding in a selectbox: reason, year, place and both sides by
    government name (the number of lines of each for a family finding, the two codes for a pair)."""
    a, b = government_year(finding.a_government), government_year(finding.b_government)
    if finding.reason == "family":
        sides = f"{finding.family} {a} ({finding.a_count}) / {b} ({finding.b_count})"
    else:
        sides = f"{a} {finding.a_code} / {b} {finding.b_code}"
    return f"{t(f'value.reason.{finding.reason}', lang)} {fmt.year(finding.year)} {finding.place}: {sides}"


def load_notices(state, lang: str) -> None:
    """Say when the start-up data failed (and the sample shows instead) and list the loaded file's warnings."""
    failed = state.get(app_state.STARTUP)
    if failed is not None:
        st.error(t("data.startup_failed", lang, name=failed.name), icon=":material/error:")
        issues(failed.errors, lang, key="startup")
    data = app_state.current(state)
    if data.warnings:
        with st.expander(t("data.warnings", lang, n=len(data.warnings))):
            issues(data.warnings, lang, key="warnings")


_LINK = "goto"


def open_cascade(state, sight: Any, finding: Any) -> None:
    """Go to the Cascade page showing `finding`'s own chain (its line of sight up and its sibling
    sub kegiatan); "show the whole cascade" there opens the cascade of the first national priority
    it reaches, else of its own programme, with the finding highlighted."""
    if sight.priorities:
        target = {"cascade.kind": "prioritas", "cascade.root": sight.priorities[0]}
    else:
        program = ".".join(finding.code.split(".")[:3])
        target = {"cascade.kind": "program", "cascade.pemda": finding.government,
                  "cascade.root": node_id(NodeKind.PROGRAM, finding.government, finding.year, program)}
    state[_LINK] = {"page": "cascade", **target, "cascade.search": finding.code, "cascade.trace": finding.id,
                    "cascade.focus": finding.id, "cascade.focus_reason": finding.reason}
    st.switch_page("app_pages/cascade.py", query_params={"focus": finding.id, "reason": finding.reason})


def follow_link(state, page: str) -> None:
    """Apply the widget values another page asked this page to open with (see `open_cascade`)."""
    link = state.get(_LINK)
    if link and link.get("page") == page:
        del state[_LINK]
        for key, value in link.items():
            if key != "page":
                state[key] = value
