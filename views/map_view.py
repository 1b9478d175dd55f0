"""A choropleth of kabupaten/kota drawn server-side as one inline SVG, from the bundled boundaries.

No map library runs in the browser: the kab/kota of the provinces in the data are projected once
(Mercator, on a fixed grid of about 220 m, so neighbours keep sharing their borders exactly and
points closer than the grid fall together), cached per province, and written as SVG paths coloured
by a few classes. The page paints the map as soon as Streamlit shows the element, instead of
waiting for plotly.js (about 4.7 MB) to load. Each kab/kota carries a ``<title>`` (its name and
value on hover) and its code (``data-kode``, for clicks); province outlines are drawn over the
kab/kota borders; the legend, in HTML beside the map, names the kab/kota of each class. Text is
HTML at the theme's font size (14 px, 20 px on a projector), so it never shrinks with the map.

>>> view = choropleth([{"region": "64.02", "pagu": 5e9}, {"region": "64.71", "pagu": 1e9}], "pagu")
>>> [entry.codes for entry in view.entries[:2]], len(view.entries[2].codes)  # 8 others, grey
([('64.02',), ('64.71',)], 8)
>>> view.entries[0].heading, view.entries[0].names
('Rp 5 miliar', ('Kab. Kutai Kartanegara',))
>>> view.html.count('class="kk-region"'), view.html.count('class="kk-outline"')
(10, 1)
"""
from __future__ import annotations

import functools
import html as _html
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from plotly.colors import sample_colorscale

from base import fmt
from base.i18n import t, word
from views.theme import Theme, theme as get_theme
from reference import regions

__all__ = ["choropleth", "classes", "province_features", "MEASURES", "measure_label", "PLOTLY_CONFIG",
           "money_ticks", "MapView", "LegendEntry", "map_page", "MAP_CSS", "warm_boundaries"]

_EMPTY_TOPOLOGY = json.dumps({"type": "Topology", "objects": {}, "arcs": []}, separators=(",", ":"))
PLOTLY_CONFIG: dict = {
    # plotly.js fetches world_110m.json from its CDN for any geo chart, even with every base layer
    # off; an empty topology as a data: URL (the '#' turns the appended file name into a
    # fragment) keeps a chart offline. Pass this as `config` to st.plotly_chart and to_html.
    "topojsonURL": "data:application/json," + quote(_EMPTY_TOPOLOGY) + "#",
    "displaylogo": False,
}

MEASURES: tuple[str, ...] = ("governments", "agencies", "pagu", "sub_kegiatan")
"""Measures of a `who_where` cell the map can colour by; `measure_label` gives their legend titles."""

GRID = 500
"""Map units per degree of longitude (one unit is about 220 m at the equator): coordinates are
rounded to whole units, which simplifies the shapes without opening gaps between neighbours."""

NO_DATA_COLOUR = "#e3e3e3"


def measure_label(measure: str, lang: str = "id") -> str:
    """The legend title of a measure (the catalogue's ``map.measure.<measure>``).

    >>> measure_label("pagu", "en"), measure_label("sub_kegiatan")
    ('Budget (pagu, IDR)', 'Jumlah sub kegiatan')
    """
    return word("map.measure", measure, lang)


@functools.cache
def _all_features(path: str) -> dict[str, tuple[dict, ...]]:
    """The file's features by province, as written."""
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    by_province: dict[str, list[dict]] = defaultdict(list)
    for feature in collection["features"]:
        by_province[regions.province_of(feature["properties"]["kode"])].append(feature)
    return {p: tuple(fs) for p, fs in by_province.items()}


def province_features(province: str, path: str | Path | None = None) -> tuple[dict, ...]:
    """The kab/kota features of one province, as the bundled file has them.

    >>> [f["properties"]["kode"] for f in province_features("64")][:3]
    ['64.01', '64.02', '64.03']
    """
    return _all_features(str(path or regions.geojson_path())).get(province, ())


def _project(lon: float, lat: float) -> tuple[int, int]:
    """Mercator on the map's grid (x east, y south), in whole units.

    >>> _project(117.0, 0.0), _project(117.0, -1.0)
    ((58500, 0), (58500, 500))
    """
    y = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return round(lon * GRID), round(-y * GRID) + 0


def _rings(geometry: dict) -> list[list[tuple[int, int]]]:
    """The geometry's rings projected, points that fall together dropped, rings left with no area
    left out."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for p in ring:
                q = _project(p[0], p[1])
                if not points or q != points[-1]:
                    points.append(q)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) >= 3 and _area(points) != 0:
                out.append(points)
    return out


def _area(ring: Sequence[tuple[int, int]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]])) / 2


@dataclass(frozen=True)
class _Shape:
    code: str
    name: str
    path: str  # SVG path data
    box: tuple[int, int, int, int]  # min x, min y, max x, max y


@dataclass(frozen=True)
class _Province:
    shapes: tuple[_Shape, ...]
    outline: str  # SVG path data of the edges no two of its kab/kota share
    box: tuple[int, int, int, int]


def _path(rings: list[list[tuple[int, int]]]) -> str:
    return "".join("M" + " ".join(f"{x} {y}" for x, y in ring) + "Z" for ring in rings)


def _box(points: Iterable[tuple[int, int]]) -> tuple[int, int, int, int]:
    xs, ys = zip(*points)
    return min(xs), min(ys), max(xs), max(ys)


@functools.cache
def _province(province: str, path: str) -> _Province:
    """A province's kab/kota as SVG paths and its outline: projected once per process."""
    shapes, edges = [], defaultdict(int)
    all_rings = []
    for f in _all_features(path).get(province, ()):
        rings = _rings(f["geometry"])
        if not rings:
            continue
        all_rings.append(rings)
        for ring in rings:
            for a, b in zip(ring, [*ring[1:], ring[0]]):
                edges[frozenset((a, b))] += 1
        props = f["properties"]
        shapes.append(_Shape(props["kode"], props["nama"], _path(rings), _box(p for r in rings for p in r)))
    pieces: list[list[tuple[int, int]]] = []
    for rings in all_rings:
        for ring in rings:
            for a, b in zip(ring, [*ring[1:], ring[0]]):
                if edges[frozenset((a, b))] != 1:
                    continue
                if pieces and pieces[-1][-1] == a:
                    pieces[-1].append(b)
                else:
                    pieces.append([a, b])
    outline = "".join("M" + " ".join(f"{x} {y}" for x, y in piece) for piece in pieces)
    box = _box([(s.box[0], s.box[1]) for s in shapes] + [(s.box[2], s.box[3]) for s in shapes]) if shapes \
        else (0, 0, 1, 1)
    return _Province(tuple(shapes), outline, box)


def warm_boundaries(path: str | Path | None = None) -> int:
    """Read the boundary file and project every province now (about a second), so the first map
    drawn in this process finds them cached instead of doing it on its request. Returns how many
    provinces are ready.

    >>> warm_boundaries() >= 38
    True
    """
    path = str(path or regions.geojson_path())
    for province in _all_features(path):
        _province(province, path)
    return len(_all_features(path))


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


def _short(name: str) -> str:
    """A kab/kota name as a legend lists it: ``Kabupaten Kutai Kartanegara`` -> ``Kab. Kutai Kartanegara``."""
    return name.replace("Kabupaten ", "Kab. ", 1) if name.startswith("Kabupaten ") else name


@dataclass(frozen=True)
class LegendEntry:
    """One colour class of the map: its heading (``3 pemerintah daerah``, ``Rp 1 miliar – Rp 5 miliar``,
    or "no data"), colour, kab/kota codes (most first), the short names the legend lists and how
    many more it leaves out."""

    heading: str
    colour: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    more: int = 0
    empty: bool = False


@dataclass(frozen=True)
class MapView:
    """A drawn map: `html` is the element (a ``<div class="kk-map">`` with its own style), `page()`
    a standalone page of it (for download and PNG); `values` maps each kab/kota code with data to
    the value it is coloured by."""

    title: str
    html: str
    height: int
    measure: str
    entries: tuple[LegendEntry, ...]
    values: dict[str, float] = field(default_factory=dict)
    provinces: tuple[str, ...] = ()
    font_px: int = 14
    """The smallest text the map draws, in CSS pixels (its legend and hover titles are HTML text)."""

    def page(self) -> str:
        return map_page(self.html, self.title)


MAP_CSS = """
.kk-map { color: var(--kk-text); font-size: var(--kk-font); line-height: 1.3; }
.kk-map-title { font-weight: 700; font-size: calc(var(--kk-font) + 2px); margin: 0 0 6px 0; }
.kk-map-body { display: flex; gap: 16px; align-items: stretch; }
.kk-map-shapes { flex: 1 1 0; min-width: 0; height: 100%; }
.kk-map-legend { flex: 0 0 auto; width: 26%; min-width: 16em; max-height: 100%; overflow-y: auto; }
.kk-map-legend .kk-legend-title { font-weight: 700; margin-bottom: 6px; }
.kk-map-legend .kk-legend-entry { display: flex; gap: 8px; margin-bottom: 8px; }
.kk-map-legend .kk-swatch { flex: 0 0 auto; width: 1.1em; height: 1.1em; margin-top: 0.1em;
  border: 1px solid #8c8c8c; }
.kk-map .kk-region { stroke: #ffffff; stroke-width: 0.8; vector-effect: non-scaling-stroke; cursor: pointer; }
.kk-map .kk-region:hover { stroke: var(--kk-text); stroke-width: 2.5; }
.kk-map .kk-outline { fill: none; stroke: var(--kk-text); stroke-width: var(--kk-outline);
  vector-effect: non-scaling-stroke; stroke-linejoin: round; pointer-events: none; }
"""
"""The map's style, scoped to ``.kk-map`` (the element carries it in a ``<style>``)."""


def map_page(fragment: str, title: str = "") -> str:
    """A standalone page of a map element (what the HTML download holds and the PNG shows)."""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{_html.escape(title or "Kaskade")}</title>'
            '</head><body style="margin:0;padding:12px 16px;background:#fff;'
            'font-family:\'Source Sans Pro\',\'Source Sans 3\',\'DejaVu Sans\',sans-serif">'
            f"{fragment}</body></html>")


def _format(value: float, measure: str, lang: str) -> str:
    return fmt.money(value, lang) if measure == "pagu" else fmt.number(value, lang)


def choropleth(
    rows: Sequence[Mapping],
    measure: str = "governments",
    *,
    region_key: str = "region",
    sector: str | None = None,
    sector_key: str = "sector",
    title: str = "",
    theme: str | Theme = "normal",
    lang: str = "id",
    geojson_path: str | Path | None = None,
    height: int | None = None,
    names_per_class: int | None = None,
) -> MapView:
    """Kab/kota coloured by `measure` over the rows of each (e.g. `who_where` cells), in a few classes.

    The default colours a kab/kota by how many governments intervene in it (``agencies``: how many
    agencies; ``pagu``: the money, an option). Each class is a legend entry naming its kab/kota
    (as many as the legend has room for, or `names_per_class`, then "+N lainnya"); hovering a
    kab/kota names it with its value. Province outlines are drawn over the kab/kota borders.
    `sector` keeps only rows of one sector. Every kab/kota of the provinces present is drawn; those
    without rows are grey. A region code below kab/kota level is an error: the bundled boundaries
    stop at kab/kota (ask `who_where` for ``level="kabkota"``).
    """
    th = get_theme(theme)
    height = height or (620 if th.name == "normal" else 760)
    data = rows
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
    drawn = [_province(p, path) for p in provinces]
    shapes = {s.code: s for p in drawn for s in p.shapes}
    missing = sorted(set(values) - set(shapes))
    if missing:
        raise ValueError(f"no boundary for region(s) {', '.join(missing[:5])} in the bundled kab/kota map")
    label = measure_label(measure, lang)

    bands = classes(values.values())
    members = [sorted((k for k, v in values.items() if low <= v <= high), key=lambda k: (-values[k], shapes[k].name))
               for low, high in bands]
    empty = sorted((k for k in shapes if k not in values), key=lambda k: shapes[k].name)
    sizes = [len(m) for m in members] + ([len(empty)] if empty else [])
    room = int((height - 80) / (th.font_size * 1.3)) - 2 * len(sizes)  # a heading and a gap per entry
    per_class = names_per_class or legend_room(sizes, room)
    palette = sample_colorscale(th.colorscale if th.name != "normal" else "YlGnBu",
                                [0.25 + 0.75 * k / max(1, len(bands) - 1) for k in range(len(bands))])

    def entry(heading: str, colour: str, codes: list[str], is_empty: bool = False) -> LegendEntry:
        names = [_short(shapes[k].name) for k in codes]
        return LegendEntry(heading, colour, tuple(codes), tuple(names[:per_class]), max(0, len(names) - per_class),
                           is_empty)

    entries = [entry(_class_label(low, high, measure, lang), colour, codes)  # the legend reads from the most
               for (low, high), colour, codes in reversed(list(zip(bands, palette, members)))]
    if empty:
        entries.append(entry(t("map.no_data", lang), NO_DATA_COLOUR, empty, True))

    regions_svg = []
    for e in entries:
        for k in e.codes:
            s = shapes[k]
            said = t("map.no_data", lang) if e.empty else f"{label}: {_format(values[k], measure, lang)}"
            tip = _html.escape(f"{s.name} ({k})\n{said}")
            regions_svg.append(f'<path class="kk-region" data-kode="{_html.escape(k)}" fill="{e.colour}" '
                               f'd="{s.path}"><title>{tip}</title></path>')
    outlines = "".join(f'<path class="kk-outline" d="{p.outline}"/>' for p in drawn)
    x0, y0 = min(p.box[0] for p in drawn), min(p.box[1] for p in drawn)
    x1, y1 = max(p.box[2] for p in drawn), max(p.box[3] for p in drawn)
    pad = max(x1 - x0, y1 - y0) * 0.02
    box = f"{x0 - pad:.0f} {y0 - pad:.0f} {x1 - x0 + 2 * pad:.0f} {y1 - y0 + 2 * pad:.0f}"
    legend = [f'<div class="kk-legend-title">{_html.escape(label)}</div>']
    for e in entries:
        listed = [_html.escape(n) for n in e.names]
        if e.more:
            listed.append(_html.escape(t("map.more", lang, n=fmt.number(e.more, lang))))
        legend.append(f'<div class="kk-legend-entry"><span class="kk-swatch" style="background:{e.colour}"></span>'
                      f'<div><b>{_html.escape(e.heading)}</b><br>{"<br>".join(listed)}</div></div>')
    style = (f"--kk-font:{th.font_size}px;--kk-text:{th.text};"
             f"--kk-outline:{1.8 if th.name == 'normal' else 2.5}px")
    heading = f'<div class="kk-map-title">{_html.escape(title)}</div>' if title else ""
    markup = (f'<div class="kk-map" data-measure="{_html.escape(measure)}" style="{style}">'
              f"<style>{MAP_CSS}</style>{heading}"
              f'<div class="kk-map-body" style="height:{int(height)}px">'
              f'<svg class="kk-map-shapes" viewBox="{box}" preserveAspectRatio="xMidYMid meet" role="img" '
              f'aria-label="{_html.escape(title or label)}" xmlns="http://www.w3.org/2000/svg">'
              f'<g fill-rule="evenodd">{"".join(regions_svg)}</g><g>{outlines}</g></svg>'
              f'<div class="kk-map-legend">{"".join(legend)}</div></div></div>')
    return MapView(title, markup, height + (th.font_size + 14 if title else 0), measure, tuple(entries), values,
                   tuple(provinces), th.font_size)


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
