"""A choropleth of kabupaten/kota from the bundled boundaries, drawn by plotly without tiles.

`go.Choropleth` on a geo subplot with every base layer off (``visible=False``) needs no tile
server and no topojson download: the only shapes are the bundled kab/kota polygons. Only the
provinces in the data are drawn; their features are parsed once and cached per province. Each
colour class is one trace holding only its own kab/kota, and its legend entry names them; the
province outlines are lines over the kab/kota borders.

>>> fig = choropleth([{"region": "64.02", "pagu": 5e9}, {"region": "64.71", "pagu": 1e9}], "pagu")
>>> [list(trace.locations) for trace in fig.data[:2]], fig.data[0].featureidkey
([['64.02'], ['64.71']], 'properties.kode')
>>> fig.data[0].name.split("<br>")
['<b>Rp 5 miliar</b>', 'Kab. Kutai Kartanegara']
>>> len(fig.data[2].locations)  # the other kab/kota of Kalimantan Timur, drawn grey
8
>>> fig.data[3].mode  # the province outline
'lines'
"""
from __future__ import annotations

import functools
import html as _html
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote

import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from base import fmt
from base.i18n import t, word
from views.theme import Theme, figure_layout, theme as get_theme
from reference import regions

__all__ = ["choropleth", "classes", "province_features", "plain_rows", "MEASURES", "measure_label", "PLOTLY_CONFIG",
           "money_ticks"]

_EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
PLOTLY_CONFIG: dict = {
    # plotly.js fetches world_110m.json from its CDN for any geo map, even with every base layer
    # off; an empty topology as a data: URL (the '#' turns the appended file name into a
    # fragment) keeps the map offline. Pass this as `config` to st.plotly_chart and to_html.
    "topojsonURL": "data:application/json," + quote(_EMPTY_TOPOLOGY) + "#",
    "displaylogo": False,
}

MEASURES: tuple[str, ...] = ("governments", "agencies", "pagu", "sub_kegiatan")
"""Measures of a `who_where` cell the map can colour by; `measure_label` gives their legend titles."""


def measure_label(measure: str, lang: str = "id") -> str:
    """The legend title of a measure (the catalogue's ``map.measure.<measure>``).

    >>> measure_label("pagu", "en"), measure_label("sub_kegiatan")
    ('Budget (pagu, IDR)', 'Jumlah sub kegiatan')
    """
    return word("map.measure", measure, lang)


def plain_rows(rows: object) -> list[dict]:
    """Rows as dicts from a query result (`to_rows()`), a DataFrame or an iterable of dicts."""
    if hasattr(rows, "to_rows"):
        return list(rows.to_rows())
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        return rows.to_dict("records")
    return [dict(r) for r in rows]


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:])) / 2


def _rewound(geometry: dict) -> dict:
    """Rings wound the way d3-geo (plotly's geo) reads them: outer rings clockwise, holes
    counter-clockwise. Wound the other way (as RFC 7946 has it), a polygon means the whole
    globe minus the region and the map fills everything."""
    def fix(polygon: list) -> list:
        out = []
        for k, ring in enumerate(polygon):
            clockwise = _signed_area(ring) < 0
            out.append(ring if clockwise == (k == 0) else ring[::-1])
        return out

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": fix(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [fix(p) for p in geometry["coordinates"]]}
    return geometry


@functools.cache
def _all_features(path: str) -> dict[str, tuple[dict, ...]]:
    """The file's features by province, as written (rewinding waits until a province is drawn)."""
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    by_province: dict[str, list[dict]] = defaultdict(list)
    for feature in collection["features"]:
        by_province[regions.province_of(feature["properties"]["kode"])].append(feature)
    return {p: tuple(fs) for p, fs in by_province.items()}


def _coarse(geometry: dict, digits: int = 3) -> dict:
    """Coordinates to `digits` decimals (about 100 m at 3, finer than a kab/kota map shows), points
    that fall together dropped, rings that shrink to no area left out: fewer points to copy,
    send and draw."""
    def ring(points: list) -> list:
        out: list = []
        for p in points:
            q = [round(p[0], digits), round(p[1], digits)]
            if not out or q != out[-1]:
                out.append(q)
        return out if len(out) >= 4 and _signed_area(out) != 0 else []

    def polygon(rings: list) -> list:
        kept = [ring(r) for r in rings]
        return [r for r in kept if r] if kept and kept[0] else []

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        polygons = [p for p in (polygon(rings) for rings in geometry["coordinates"]) if p]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return geometry


@functools.cache
def _province_features(province: str, path: str) -> tuple[dict, ...]:
    return tuple({"type": "Feature", "properties": f["properties"], "geometry": _rewound(_coarse(f["geometry"]))}
                 for f in _all_features(path).get(province, ()))


def province_features(province: str, path: str | Path | None = None) -> tuple[dict, ...]:
    """The kab/kota features of one province (the file parsed once, each province wound once).

    >>> [f["properties"]["kode"] for f in province_features("64")][:3]
    ['64.01', '64.02', '64.03']
    """
    return _province_features(province, str(path or regions.geojson_path()))


def _value(values: list) -> float:
    """Numbers add up; lists (governments, agencies) count their distinct members."""
    if values and isinstance(values[0], (list, tuple, set, frozenset)):
        return float(len({m for v in values for m in v}))
    return float(sum(v or 0 for v in values))


def classes(values: Iterable[float], n: int = 5) -> list[tuple[float, float]]:
    """At most `n` colour classes ``(low, high)`` covering `values`: one per distinct value when
    there are few (counts of governments), else ranges holding about as many regions each.

    >>> classes([1, 2, 2, 3])
    [(1, 1), (2, 2), (3, 3)]
    >>> classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n=3)
    [(1, 3), (4, 7), (8, 10)]
    """
    distinct = sorted(set(values))
    if len(distinct) <= n:
        return [(v, v) for v in distinct]
    ordered = sorted(values)
    cuts = sorted({ordered[min(len(ordered) - 1, round(len(ordered) * k / n))] for k in range(1, n)})
    out, low = [], distinct[0]
    for cut in cuts:
        below = [v for v in distinct if low <= v < cut]
        if below:
            out.append((low, below[-1]))
            low = cut
    out.append((low, distinct[-1]))
    return out


def legend_room(sizes: Sequence[int], lines: int, least: int = 3) -> int:
    """How many names each legend entry may list so that entries of `sizes` names take at most `lines`
    lines ("+N lainnya" takes one), never fewer than `least`: small entries list all theirs and
    leave the rest to the long ones.

    >>> legend_room([5, 19], 26), legend_room([5, 19], 20), legend_room([30, 30, 30], 10)
    (19, 14, 3)
    """
    for limit in range(max(sizes, default=0), least - 1, -1):
        if sum(n if n <= limit else limit + 1 for n in sizes) <= lines:
            return limit
    return least


def _class_label(low: float, high: float, measure: str, lang: str) -> str:
    def say(v: float) -> str:
        return fmt.money(v, lang) if measure == "pagu" else fmt.number(v, lang)

    value = say(low) if low == high else t("map.range", lang, low=say(low), high=say(high))
    return t(f"map.class.{measure}", lang, value=value)


def _legend_names(names: list[str], lang: str, limit: int) -> str:
    shown = [_html.escape(n) for n in names[:limit]]
    if len(names) > limit:
        shown.append(_html.escape(t("map.more", lang, n=fmt.number(len(names) - limit, lang))))
    return "<br>".join(shown)


def _short(name: str) -> str:
    """A kab/kota name as a legend lists it: ``Kabupaten Kutai Kartanegara`` -> ``Kab. Kutai Kartanegara``."""
    return name.replace("Kabupaten ", "Kab. ", 1) if name.startswith("Kabupaten ") else name


def _segments(geometry: dict) -> Iterable[tuple[tuple, tuple]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for ring in polygon:
            for a, b in zip(ring, ring[1:]):
                yield (a[0], a[1]), (b[0], b[1])


@functools.cache
def _outline(province: str, path: str) -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """The province's outline as line coordinates (``None`` between pieces): the kab/kota edges no
    neighbour of the same province shares (its coast and its border with other provinces)."""
    seen: dict[frozenset, int] = defaultdict(int)
    for f in _province_features(province, path):
        for a, b in _segments(f["geometry"]):
            seen[frozenset((a, b))] += 1
    lon: list[float | None] = []
    lat: list[float | None] = []
    last = None
    for f in _province_features(province, path):
        for a, b in _segments(f["geometry"]):
            if seen[frozenset((a, b))] != 1:
                continue
            if a != last:
                lon += [None, a[0]]
                lat += [None, a[1]]
            lon.append(b[0])
            lat.append(b[1])
            last = b
    return tuple(lon[1:]), tuple(lat[1:])


def choropleth(
    rows: object,
    measure: str = "governments",
    *,
    region_key: str = "region",
    sector: str | None = None,
    sector_key: str = "sector",
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
    geojson_path: str | Path | None = None,
    height: int = 620,
    names_per_class: int | None = None,
) -> go.Figure:
    """Kab/kota coloured by `measure` over the rows of each (e.g. `who_where` cells), in a few classes.

    The default colours a kab/kota by how many governments intervene in it (``agencies``: how many
    agencies; ``pagu``: the money, an option). Each class is a legend entry naming its kab/kota
    (as many as the legend has room for, or `names_per_class`, then "+N lainnya"); hovering a kab/kota names it with its value.
    Province outlines are drawn over the kab/kota borders. `sector` keeps only rows of one sector.
    Every kab/kota of the provinces present is drawn; those without rows are grey. A region code
    below kab/kota level is an error: the bundled boundaries stop at kab/kota (ask `who_where`
    for ``level="kabkota"``).
    """
    th = get_theme(theme)
    data = plain_rows(rows)
    if sector is not None:
        data = [r for r in data if str(r.get(sector_key)) == str(sector)]
    per_region: dict[str, list] = defaultdict(list)
    for r in data:
        kode = str(r.get(region_key) or "").strip()
        if not kode:
            continue
        if not regions.is_kabkota_code(kode):
            raise ValueError(
                f"the map draws kabupaten/kota, but row region '{kode}' is not a kab/kota code (e.g. 64.02)"
            )
        if measure not in r:
            raise ValueError(f"the rows have no column '{measure}' to colour the map by")
        per_region[kode].append(r[measure])
    values = {k: _value(v) for k, v in per_region.items()}
    provinces = sorted({regions.province_of(k) for k in values})
    path = str(geojson_path or regions.geojson_path())
    features = [f for p in provinces for f in province_features(p, path)]
    by_code = {f["properties"]["kode"]: f for f in features}
    names = {k: f["properties"]["nama"] for k, f in by_code.items()}
    missing = sorted(set(values) - set(names))
    if missing:
        raise ValueError(f"no boundary for region(s) {', '.join(missing[:5])} in the bundled kab/kota map")
    label = measure_label(measure, lang)
    is_money = measure == "pagu"
    hover = ("<b>%{customdata[0]}</b> (%{customdata[1]})<br>" + _html.escape(label)
             + ": %{customdata[2]}<extra></extra>")
    border = {"line": {"width": 0.8, "color": "#ffffff"}}
    fig = go.Figure()
    bands = classes(values.values())
    sizes = [sum(low <= v <= high for v in values.values()) for low, high in bands]
    empty_count = len(names) - len(values)
    if empty_count:
        sizes.append(empty_count)
    room = int((height - 80) / (th.font_size * 1.3)) - 2 * len(sizes)  # a heading and a gap per entry
    per_class = names_per_class or legend_room(sizes, room)
    palette = sample_colorscale(th.colorscale if th.name != "normal" else "YlGnBu",
                                [0.25 + 0.75 * k / max(1, len(bands) - 1) for k in range(len(bands))])
    for (low, high), colour in reversed(list(zip(bands, palette))):  # the legend reads from the most
        members = sorted((k for k, v in values.items() if low <= v <= high), key=lambda k: (-values[k], names[k]))
        text = [fmt.money(values[k], lang) if is_money else fmt.number(values[k], lang) for k in members]
        heading = _html.escape(_class_label(low, high, measure, lang))
        listed = _legend_names([_short(names[k]) for k in members], lang, per_class)
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [by_code[k] for k in members]},
            featureidkey="properties.kode",
            locations=members,
            z=[values[k] for k in members],
            customdata=[[_html.escape(names[k]), k, v] for k, v in zip(members, text)],
            hovertemplate=hover,
            colorscale=[[0, colour], [1, colour]],
            showscale=False,
            showlegend=True,
            name=f"<b>{heading}</b><br>{listed}",
            legendgroup=heading,
            marker=border,
        ))
    empty = sorted((k for k in names if k not in values), key=names.get)
    if empty:
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [by_code[k] for k in empty]},
            featureidkey="properties.kode",
            locations=empty,
            z=[0] * len(empty),
            colorscale=[[0, "#e3e3e3"], [1, "#e3e3e3"]],
            showscale=False,
            showlegend=True,
            name=f"<b>{_html.escape(t('map.no_data', lang))}</b><br>"
            + _legend_names([_short(names[k]) for k in empty], lang, per_class),
            customdata=[[_html.escape(names[k]), k] for k in empty],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>" + _html.escape(t("map.no_data", lang))
            + "<extra></extra>",
            marker=border,
        ))
    for p in provinces:
        lon, lat = _outline(p, path)
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"width": 1.8 if th.name == "normal" else 2.5, "color": th.text},
                                    name=_html.escape(getattr(regions.region(p), "nama", p))))
    # visible=False turns off land, coastlines and every layer that would need a topojson download
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
    layout = figure_layout(th, title=title, lang=lang, height=height, edge=0)
    legend_title = {"text": f"<b>{_html.escape(label)}</b>", "font": {"size": th.font_size, "color": th.text}}
    layout["legend"] = {**layout["legend"], "title": legend_title,
                        "itemsizing": "constant", "tracegroupgap": 6, "valign": "top",
                        "x": 1.0, "xanchor": "left", "y": 1.0, "yanchor": "top"}
    return fig.update_layout(**layout)


def money_ticks(values: Iterable[float], is_money: bool = True, n: int = 5, lang: str = "id") -> dict:
    """Colour-bar ticks written as planners read them (``Rp 1,5 miliar``) instead of ``1.5G``; counts
    keep plotly's integer ticks, with the layout's separators for `lang`.

    >>> money_ticks([0, 2e9])["ticktext"]
    ['Rp 0', 'Rp 500 juta', 'Rp 1 miliar', 'Rp 1,5 miliar', 'Rp 2 miliar']
    >>> money_ticks([0, 2e9], lang="en")["ticktext"][-2:]
    ['IDR 1.5 billion', 'IDR 2 billion']
    """
    values = list(values)
    if not is_money or not values:
        return {"tickformat": ",d"}
    low, high = min(values), max(values)
    if high == low:
        return {"tickvals": [low], "ticktext": [fmt.money(low, lang)]}
    ticks = [low + (high - low) * k / (n - 1) for k in range(n)]
    return {"tickvals": ticks, "ticktext": [fmt.money(tick, lang) for tick in ticks]}
