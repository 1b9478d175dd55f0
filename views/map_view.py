"""A choropleth of kabupaten/kota from the bundled boundaries, drawn by plotly without tiles.

`go.Choropleth` on a geo subplot with every base layer off (``visible=False``) needs no tile
server and no topojson download: the only shapes are the bundled kab/kota polygons. Only the
provinces in the data are drawn; their features are parsed once and cached per province.

>>> fig = choropleth([{"region": "64.02", "pagu": 5e9}, {"region": "64.71", "pagu": 1e9}], "pagu")
>>> trace = fig.data[0]
>>> sorted(trace.locations), trace.featureidkey
(['64.02', '64.71'], 'properties.kode')
>>> len(fig.data[1].locations)  # the other kab/kota of Kalimantan Timur, drawn grey
8
"""
from __future__ import annotations

import functools
import html as _html
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import plotly.graph_objects as go

from base import fmt
from base.i18n import t, word
from views.theme import Theme, figure_layout, theme as get_theme
from reference import regions

__all__ = ["choropleth", "province_features", "plain_rows", "MEASURES", "measure_label", "PLOTLY_CONFIG", "money_ticks"]

_EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
PLOTLY_CONFIG: dict = {
    # plotly.js fetches world_110m.json from its CDN for any geo map, even with every base layer
    # off; an empty topology as a data: URL (the '#' turns the appended file name into a
    # fragment) keeps the map offline. Pass this as `config` to st.plotly_chart and to_html.
    "topojsonURL": "data:application/json," + quote(_EMPTY_TOPOLOGY) + "#",
    "displaylogo": False,
}

MEASURES: tuple[str, ...] = ("pagu", "sub_kegiatan", "governments", "agencies")
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
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    by_province: dict[str, list[dict]] = defaultdict(list)
    for feature in collection["features"]:
        kode = feature["properties"]["kode"]
        by_province[regions.province_of(kode)].append({"type": "Feature", "properties": feature["properties"],
                                      "geometry": _rewound(feature["geometry"])})
    return {p: tuple(fs) for p, fs in by_province.items()}


def province_features(province: str, path: str | Path | None = None) -> tuple[dict, ...]:
    """The kab/kota features of one province (parsed once per file, then cached).

    >>> [f["properties"]["kode"] for f in province_features("64")][:3]
    ['64.01', '64.02', '64.03']
    """
    return _all_features(str(path or regions.geojson_path())).get(province, ())


def _value(values: list) -> float:
    """Numbers add up; lists (governments, agencies) count their distinct members."""
    if values and isinstance(values[0], (list, tuple, set, frozenset)):
        return float(len({m for v in values for m in v}))
    return float(sum(v or 0 for v in values))


def choropleth(
    rows: object,
    measure: str = "pagu",
    *,
    region_key: str = "region",
    sector: str | None = None,
    sector_key: str = "sector",
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
    geojson_path: str | Path | None = None,
    height: int = 620,
) -> go.Figure:
    """Kab/kota coloured by `measure` summed over the rows of each (e.g. `who_where` cells).

    `sector` keeps only rows of one sector. Every kab/kota of the provinces present is drawn;
    those without rows are grey. A region code below kab/kota level is an error: the bundled
    boundaries stop at kab/kota (ask `who_where` for ``level="kabkota"``).
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
    features = [f for p in provinces for f in province_features(p, geojson_path)]
    names = {f["properties"]["kode"]: f["properties"]["nama"] for f in features}
    missing = sorted(set(values) - set(names))
    if missing:
        raise ValueError(f"no boundary for region(s) {', '.join(missing[:5])} in the bundled kab/kota map")
    geo = {"type": "FeatureCollection", "features": features}
    label = measure_label(measure, lang)
    shown = sorted(values)
    is_money = measure == "pagu"
    text = [fmt.money(values[k], lang) if is_money else fmt.number(values[k], lang) for k in shown]
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geo,
        featureidkey="properties.kode",
        locations=shown,
        z=[values[k] for k in shown],
        customdata=[[_html.escape(names[k]), k, v] for k, v in zip(shown, text)],
        hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
        + _html.escape(label) + ": %{customdata[2]}<extra></extra>",
        colorscale=th.colorscale if th.name == "presentation" else "YlGnBu",
        marker={"line": {"width": 0.6, "color": "#ffffff"}},
        colorbar={"title": {"text": _html.escape(label)}, **money_ticks(values.values(), is_money, lang=lang)},
        name=_html.escape(label),
    ))
    empty = [k for k in names if k not in values]
    if empty:
        fig.add_trace(go.Choropleth(
            geojson=geo,
            featureidkey="properties.kode",
            locations=empty,
            z=[0] * len(empty),
            colorscale=[[0, "#e3e3e3"], [1, "#e3e3e3"]],
            showscale=False,
            customdata=[[_html.escape(names[k]), k] for k in empty],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>" + _html.escape(t("map.no_data", lang))
            + "<extra></extra>",
            marker={"line": {"width": 0.6, "color": "#ffffff"}},
        ))
    # visible=False turns off land, coastlines and every layer that would need a topojson download
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
    return fig.update_layout(**figure_layout(th, title=title, lang=lang, height=height, edge=0))


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
