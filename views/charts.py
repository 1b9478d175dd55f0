"""Plotly charts of analysis rows: a region x sector heat map and a budget-flow Sankey diagram.

Both take rows as dicts (a query result's `to_rows()`), and write
money the Indonesian way. User text is HTML-escaped before plotly sees it (plotly renders a
subset of HTML in labels and hover text).

>>> rows = [{"region_name": "Kutai Kartanegara", "sector": "1.03", "sector_name": "PUPR", "pagu": 2e9},
...         {"region_name": "Balikpapan", "sector": "1.02", "sector_name": "Kesehatan", "pagu": 5e8}]
>>> fig = heatmap(rows)
>>> list(fig.data[0].y), list(fig.data[0].x)
(['Balikpapan', 'Kutai Kartanegara'], ['1.02 Kesehatan', '1.03 PUPR'])
>>> fig = sankey([{"source": "APBN", "target": "Kaltim", "pagu": 3e9}, {"source": "Kaltim", "target": "Kukar", "pagu": 1e9}])
>>> list(fig.data[0].node.label)[:3], list(fig.data[0].link.value)[:2]
(['APBN', 'Kaltim', 'Kukar'], [3000000000.0, 1000000000.0])
"""
from __future__ import annotations

import html as _html
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import networkx as nx
import plotly.graph_objects as go

from views.map_view import measure_label, money_ticks
from base import fmt
from base.i18n import t
from views.text import shorten, wrap
from views.theme import Theme, figure_layout, theme as get_theme
from views.tiers import level_of

__all__ = ["heatmap", "sankey", "stacked_bars"]

_TEXT_CELLS = 600
"""Up to this many cells a heat map writes its values in the cells; above, only on hover."""


def _esc(value: object) -> str:
    return _html.escape(str(value))


def _layout(fig: go.Figure, th: Theme, title: str, lang: str, height: int) -> go.Figure:
    return fig.update_layout(**figure_layout(th, title=title, lang=lang, height=height))


def heatmap(
    rows: Sequence[Mapping],
    *,
    row_key: str = "region_name",
    col_key: str = "sector",
    col_label_key: str | None = "sector_name",
    value_key: str = "pagu",
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
    height: int | None = None,
) -> go.Figure:
    """Rows (e.g. regions) x columns (e.g. sectors), coloured by the summed `value_key`.

    Columns are labelled ``code name`` when `col_label_key` is present; rows and columns are
    sorted. Empty cells stay blank, not zero.
    """
    th = get_theme(theme)
    data = rows
    cells: dict[tuple[str, str], float] = defaultdict(float)
    col_names: dict[str, str] = {}
    for r in data:
        row, col = str(r.get(row_key) or "-"), str(r.get(col_key) or "-")
        value = r.get(value_key) or 0
        cells[(row, col)] += float(len(value) if isinstance(value, (list, tuple)) else value)
        if col_label_key and r.get(col_label_key):
            col_names[col] = shorten(str(r[col_label_key]), 28)
    ys = sorted({r for r, _ in cells})
    xs = sorted({c for _, c in cells})
    labels_x = [_esc(f"{c} {col_names[c]}" if c in col_names else c) for c in xs]
    labels_y = [_esc(y) for y in ys]
    z = [[cells.get((y, x)) for x in xs] for y in ys]
    is_money = value_key == "pagu"
    shown = fmt.money if is_money else fmt.number
    text = [[shown(v, lang) if v is not None else "" for v in row] for row in z]
    label = measure_label(value_key, lang)
    fig = go.Figure(go.Heatmap(
        z=z,
        x=labels_x,
        y=labels_y,
        text=text,
        texttemplate="%{text}" if len(xs) * len(ys) <= _TEXT_CELLS else None,
        hovertemplate="%{y}<br>%{x}<br>" + _esc(label) + ": %{text}<extra></extra>",
        colorscale=th.colorscale if th.name == "presentation" else "YlGnBu",
        colorbar={"title": {"text": _esc(label)},
                  **money_ticks([v for row in z for v in row if v is not None], is_money, lang=lang)},
        xgap=1,
        ygap=1,
        hoverongaps=False,
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top", tickangle=-30)
    fig = _layout(fig, th, title, lang, height or max(360, 200 + 28 * len(ys)))
    fig.update_layout(margin_t=(56 if title else 8) + 120)  # room for the slanted sector labels on top
    return fig


SANKEY_WIDTH = 1600
"""The width (CSS pixels) a Sankey's labels are fitted to: about the app's chart on a 1920 px
screen, and the PNG of a figure (`views.export.figure_png`)."""

_LABEL_LINES = 3
_LINE_EM = 1.25  # a label line's height, in font sizes
_CHAR_EM = 0.55  # an average character's width, in font sizes (generous for the theme's sans-serif)
_THICKNESS = 18
_CLEAR = "rgba(0,0,0,0)"
_FLOW_PX = 240  # the least height left to the flows themselves


def _columns(n: int, sources: Sequence[int], targets: Sequence[int]) -> list[int]:
    """The column of each of `n` nodes as plotly's right-aligned Sankey draws it: the longest path
    to a node without outflow, counted back from the last column.

    >>> _columns(4, [0, 1, 0], [1, 2, 3])
    [0, 1, 2, 2]
    """
    height = [0] * n
    for _ in range(n):
        changed = False
        for s, t in zip(sources, targets):
            if height[s] < height[t] + 1:
                height[s], changed = height[t] + 1, True
        if not changed:
            break
    last = max(height, default=0)
    return [last - h for h in height]


def _label_width(columns: int, width: int, font_size: int) -> int:
    """Characters per label line when every label stands right of its node, in the gap up to the
    next of `columns` columns of a chart `width` pixels wide.

    >>> _label_width(6, 1600, 20), _label_width(6, 1600, 14)
    (25, 36)
    """
    gap = (width - 16 - _THICKNESS) / max(columns - 1, 1) - _THICKNESS - 16
    return max(8, int(gap / (_CHAR_EM * font_size)))


def sankey(
    links: Sequence[Mapping],
    *,
    source_key: str = "source",
    target_key: str = "target",
    value_key: str = "pagu",
    source_label_key: str | None = None,
    target_label_key: str | None = None,
    level_keys: tuple[str, str] | None = None,
    graph: nx.MultiDiGraph | None = None,
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
    height: int = 560,
    width: int = SANKEY_WIDTH,
) -> go.Figure:
    """A Sankey diagram of money flowing along `links` (e.g. budget-flow rows).

    Nodes are the distinct sources and targets, in order of first appearance, labelled by the
    label keys when given, right of the node and wrapped over up to three lines that fit in the
    gap to the next column when the chart is `width` pixels wide (the full name shows on hover);
    nodes of a column stand at least a label's height apart, and the chart grows taller when a
    column needs it. Nodes are coloured by government level: from `graph` when the ends are its
    node ids (e.g. `budget_flow` links), or from the columns `level_keys` name (``nasional``,
    ``provinsi``, ``kabupaten``/``kota``).
    """
    th = get_theme(theme)
    data = links
    index: dict[str, int] = {}
    names: list[str] = []
    colors: list[str] = []

    def node(key: str, label: object, level: object) -> int:
        if key not in index:
            index[key] = len(names)
            names.append(str(label if label not in (None, "") else key))
            if not level and graph is not None and key in graph:
                level = level_of(graph, key)
            colors.append(th.level_color(str(level)) if level else th.unknown)
        return index[key]

    sources, targets, values, hover = [], [], [], []
    for r in data:
        value = float(r.get(value_key) or 0)
        if value <= 0:
            continue
        s_level = r.get(level_keys[0]) if level_keys else None
        t_level = r.get(level_keys[1]) if level_keys else None
        s = node(str(r[source_key]), r.get(source_label_key) if source_label_key else None, s_level)
        t = node(str(r[target_key]), r.get(target_label_key) if target_label_key else None, t_level)
        sources.append(s)
        targets.append(t)
        values.append(value)
        hover.append(fmt.money(value, lang))
    # a column with more nodes than the theme's tallest chart holds apart keeps its largest and merges
    # the rest into one "+N lainnya" node, so no two labels overlap (a national plan, or a slide)
    # a label centred on a node at the bottom (or top) edge reaches past it by up to half its height
    edge = math.ceil(_LABEL_LINES * _LINE_EM * th.font_size / 2)
    top = (48 if title else 8) + edge
    room = th.chart_height - top - edge - _FLOW_PX
    capacity = max(2, room // (math.ceil(_LABEL_LINES * _LINE_EM * th.font_size) + 4) + 1)
    sources, targets, values, names, colors = _cap_columns(sources, targets, values, names, colors, capacity,
                                                           th, lang)
    hover = [fmt.money(value, lang) for value in values]
    link_colors = [_fade(colors[s]) for s in sources]
    link_hover = ["%{source.customdata} → %{target.customdata}<br>%{customdata}<extra></extra>"] * len(sources)
    # plotly writes the labels of its last column left of the nodes, into the gap the column before
    # writes its own in: an invisible column on the right, fed by every node that ends a flow with
    # what flows into it (so no node's value changes), lets every label stand right of its node
    n = len(names)
    inflow: dict[int, float] = defaultdict(float)
    for t, value in zip(targets, values):
        inflow[t] += value
    for end in sorted(set(range(n)) - set(sources)):
        sources.append(end)
        targets.append(n)
        values.append(inflow[end])
        hover.append(fmt.money(inflow[end], lang))
        link_colors.append(_CLEAR)
        link_hover.append("%{source.customdata}<br>%{customdata}<extra></extra>")
    columns = _columns(n + 1, sources, targets)
    per_line = _label_width(max(columns) + 1, width, th.font_size)
    lines = [wrap(name, per_line, _LABEL_LINES) or ["-"] for name in names]
    labels = ["<br>".join(_esc(line) for line in node_lines) for node_lines in lines] + [""]
    # nodes of a column stand a label apart, so no two labels of a column overlap
    pad = math.ceil(max((len(node_lines) for node_lines in lines), default=1) * _LINE_EM * th.font_size) + 4
    most = max(Counter(columns).values(), default=1)
    height = min(max(height, top + edge + pad * (most - 1) + _FLOW_PX), th.chart_height)
    pad = max(2, min(pad, math.floor((height - top - edge - _FLOW_PX) / max(most - 1, 1))))
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        textfont={"size": th.font_size, "color": th.text},
        node={"label": labels, "color": [*colors, _CLEAR], "pad": pad, "thickness": _THICKNESS, "align": "right",
              "customdata": [*map(_esc, names), ""],
              "line": {"width": 0},
              # plotly groups the digits with the layout's separators for `lang`
              "hovertemplate": "%{customdata}<br>" + fmt.currency(lang) + " %{value:,.0f}<extra></extra>"},
        link={"source": sources, "target": targets, "value": values, "color": link_colors,
              "customdata": hover, "hovertemplate": link_hover},
        valueformat=",.0f",
        valuesuffix="",
    ))
    return _layout(fig, th, title, lang, height).update_layout(margin={"t": top, "b": edge})


def _cap_columns(sources: list[int], targets: list[int], values: list[float], names: list[str],
                 colors: list[str], capacity: int, th: Theme, lang: str):
    """The links and nodes with every column of more than `capacity` nodes cut to its `capacity - 1`
    largest (by the money through them) and one "+N lainnya" node holding the rest; the links of
    merged nodes are added up, so every node and column carries the money it did.

    >>> s, t, v, names, _ = _cap_columns([0, 0, 0], [1, 2, 3], [5.0, 3.0, 1.0], ["a", "b", "c", "d"],
    ...                                  ["#000"] * 4, 2, get_theme("normal"), "id")
    >>> names, s, t, v
    (['a', 'b', '+2 lainnya'], [0, 0], [1, 2], [5.0, 4.0])
    """
    n = len(names)
    ends = sorted(set(range(n)) - set(sources))
    columns = _columns(n + 1, [*sources, *ends], [*targets, *[n] * len(ends)])[:n]
    through = [0.0] * n
    inflow, outflow = defaultdict(float), defaultdict(float)
    for s, end, value in zip(sources, targets, values):
        outflow[s] += value
        inflow[end] += value
    for i in range(n):
        through[i] = max(inflow[i], outflow[i])
    by_column: dict[int, list[int]] = defaultdict(list)
    for i, column in enumerate(columns):
        by_column[column].append(i)
    if all(len(found) <= capacity for found in by_column.values()):
        return sources, targets, values, names, colors
    new: dict[int, int] = {}
    out_names: list[str] = []
    out_colors: list[str] = []
    for column in sorted(by_column):
        found = by_column[column]
        kept, rest = found, []
        if len(found) > capacity:
            ranked = sorted(found, key=lambda i: (-through[i], i))
            kept, rest = ranked[: capacity - 1], ranked[capacity - 1:]
        for i in sorted(kept):
            new[i] = len(out_names)
            out_names.append(names[i])
            out_colors.append(colors[i])
        if rest:
            shades = {colors[i] for i in rest}
            for i in rest:
                new[i] = len(out_names)
            out_names.append(t("chart.rest", lang, n=fmt.number(len(rest), lang)))
            out_colors.append(shades.pop() if len(shades) == 1 else th.unknown)
    merged: dict[tuple[int, int], float] = {}
    for s, t_, value in zip(sources, targets, values):
        key = (new[s], new[t_])
        merged[key] = merged.get(key, 0.0) + value
    return ([s for s, _ in merged], [t_ for _, t_ in merged], list(merged.values()), out_names, out_colors)


def _fade(hex_color: str, alpha: float = 0.35) -> str:
    h = hex_color.lstrip("#")
    r, g, b = int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return f"rgba({r},{g},{b},{alpha})"


def stacked_bars(
    rows: Sequence[Mapping],
    *,
    name_key: str,
    series: list[tuple[str, str, str]],
    axis_title: str = "",
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
) -> go.Figure:
    """Horizontal stacked bars, one per row named by `name_key` written in full (a government's
    name without the word "Pemerintah", so "Kabupaten Kutai Kartanegara" and "Kabupaten Paser" stay
    apart), one segment per ``(key, legend label, colour)`` of `series`; money ticks by language and
    only the axis title given (none generated).

    >>> fig = stacked_bars([{"n": "Pemerintah Kota Samarinda", "a": 2e9}], name_key="n", series=[("a", "A", "#000")])
    >>> list(fig.data[0].y), fig.layout.yaxis.title.text
    (['Kota Samarinda'], None)
    """
    from base import fmt

    th = get_theme(theme)
    data = rows
    names = [_esc(str(r.get(name_key) or "-").removeprefix("Pemerintah ")) for r in data]
    fig = go.Figure()
    values = []
    for key, label, color in series:
        xs = [float(r.get(key) or 0) for r in data]
        values += xs
        fig.add_bar(y=names, x=xs, name=_esc(label), orientation="h", marker_color=color,
                    customdata=[fmt.money(x, lang) for x in xs],
                    hovertemplate="%{y}<br>" + _esc(label) + ": %{customdata}<extra></extra>")
    totals = [sum(float(r.get(k) or 0) for k, _, _ in series) for r in data]
    ticks = money_ticks([0, max(totals, default=0)], n=4)
    ticks["ticktext"] = [fmt.money(v, lang) for v in ticks.get("tickvals", [])]
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.12},
                      xaxis={"title": {"text": _esc(axis_title), "font": {"size": th.font_size}} if axis_title else None,
                             **ticks,
                             "tickfont": {"size": th.font_size}},
                      yaxis={"title": None, "autorange": "reversed", "automargin": True,
                             "tickfont": {"size": th.font_size}})
    return _layout(fig, th, title, lang, max(320, 120 + (th.font_size * 3) * len(data)))
