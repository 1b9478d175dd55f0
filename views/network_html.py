"""A standalone network page: pyvis builds the data, vis-network is inlined from pyvis' own copy.

pyvis' templates link Bootstrap and vis-network from CDNs even with ``cdn_resources='in_line'``,
so the page is written here instead: one HTML file with the vis-network script and stylesheet
that ship inside the pyvis package, and no ``http(s)://`` script or link at all. It works
offline, inside the Streamlit iframe, and when opened from disk or rendered to PNG.

User text reaches the page in two ways, both safe: the title and caption are HTML-escaped;
node data is JSON with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so no string can
close the script. vis-network 9.1 draws labels on a canvas and sets string tooltips with
``innerText``, so a name like ``<b>x</b>`` shows as that text.

>>> html = network_page([{"id": "a", "label": "</script><b>A</b>", "x": 0, "y": 0}], [], {},
...                     title="<i>T</i>", caption="c")
>>> "</script><b>" in html, "&lt;i&gt;T&lt;/i&gt;" in html, "https://" in html.split("<body")[1]
(False, True, False)
"""
from __future__ import annotations

import functools
import html as _html
import json
import re
from pathlib import Path

import pyvis
from pyvis.network import Network

__all__ = ["network_page", "script_json", "vis_assets"]

_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


@functools.cache
def vis_assets() -> tuple[str, str]:
    """(script, stylesheet) of vis-network 9.1.2 as shipped in the installed pyvis package."""
    js_path, css_path = _VIS_DIR / "vis-network.min.js", _VIS_DIR / "vis-network.css"
    if not js_path.exists() or not css_path.exists():
        raise RuntimeError(f"pyvis is installed without its vis-network copy ({_VIS_DIR}); reinstall pyvis>=0.3.2")
    # a source map comment would make developer tools try to fetch a file that is not there
    js = _SOURCE_MAP.sub("", js_path.read_text(encoding="utf-8"))
    return js.replace("</script", "<\\/script"), css_path.read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no HTML comment opener).

    >>> script_json({"n": "</script><!--&"})
    '{"n": "\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    return text


def _pyvis_data(nodes: list[dict], edges: list[dict], options: dict) -> tuple[list, list, str]:
    """Nodes, edges and options passed through pyvis' own model (ids checked, defaults filled)."""
    net = Network(width="100%", directed=True, cdn_resources="in_line")
    known = set()
    for node in nodes:
        node = dict(node)
        nid = node.pop("id")
        net.add_node(nid, **node)
        known.add(nid)
    for edge in edges:
        edge = dict(edge)
        if edge["from"] in known and edge["to"] in known:
            net.add_edge(edge.pop("from"), edge.pop("to"), **edge)
    net.set_options(json.dumps(options))
    out_nodes, out_edges, _, _, _, options_json = net.get_network_data()
    return out_nodes, out_edges, options_json


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{vis_css}</style>
<style>
html, body {{ margin: 0; padding: 0; height: 100%; background: {background}; color: {text};
  font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; }}
body {{ display: flex; flex-direction: column; overflow: hidden; }}
.kk-head {{ padding: 6px 12px 0 12px; flex: 0 0 auto; }}
.kk-head h1 {{ font-size: {title_size}px; margin: 4px 0; }}
.kk-caption {{ font-size: {caption_size}px; margin: 0 0 4px 0; color: {text}; }}
#kk-network {{ width: 100%; flex: 1 1 auto; min-height: 200px; border-top: 1px solid #d0d0d0;
  position: relative; }}
.kk-legend {{ font-size: {caption_size}px; padding: 4px 12px; display: flex; flex-wrap: wrap; gap: 14px;
  align-items: center; flex: 0 0 auto; }}
.kk-swatch {{ display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: middle;
  margin-right: 4px; }}
.kk-line {{ display: inline-block; width: 28px; height: 0; border-top-width: 3px; vertical-align: middle;
  margin-right: 4px; }}
div.vis-tooltip {{ white-space: pre-line; max-width: 420px; font-size: {caption_size}px;
  font-family: "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fffbe6;
  border: 1px solid #808080; border-radius: 4px; padding: 6px 8px; }}
</style>
<script>{vis_js}</script>
</head>
<body>
<div class="kk-head"><h1>{title}</h1><p class="kk-caption">{caption}</p></div>
<div class="kk-legend">{legend}</div>
<div id="kk-network"></div>
<script>
(function () {{
  var nodes = new vis.DataSet({nodes});
  var edges = new vis.DataSet({edges});
  var container = document.getElementById("kk-network");
  var network = new vis.Network(container, {{nodes: nodes, edges: edges}}, {options});
  // vis-network fits before it has measured the labelled boxes, and a headless screenshot keeps
  // that first paint; the extent computed with the layout gives the right view at once.
  var extent = {extent};
  var minScale = {min_scale};
  function fitAll() {{
    if (!extent) {{ network.fit({{animation: false}}); return; }}
    var w = Math.max(extent[2] - extent[0], 1), h = Math.max(extent[3] - extent[1], 1);
    var cw = container.clientWidth, ch = container.clientHeight;
    // a small chain stays at natural size instead of filling the screen with giant boxes, and a
    // large one never shrinks its labels below the legible size: it shows its top and centre
    var scale = Math.max(minScale, Math.min(1, cw / w, ch / h));
    var x = (extent[0] + extent[2]) / 2, y = (extent[1] + extent[3]) / 2;
    if (h * scale > ch) {{ y = extent[1] + ch / 2 / scale; }}
    network.moveTo({{position: {{x: x, y: y}}, scale: scale, animation: false}});
  }}
  // the smallest label drawn, in CSS pixels: the zoom times the smallest font of a labelled node
  window.kaskadeLabelPx = function () {{
    var least = Infinity;
    nodes.forEach(function (n) {{
      if (n.label && String(n.label).trim()) {{ least = Math.min(least, (n.font && n.font.size) || 14); }}
    }});
    return least === Infinity ? null : least * network.getScale();
  }};
  fitAll();
  // a new window or iframe size fits the view again, once vis-network has rescaled its camera for the
  // new size (it does so after announcing the resize, which left a view at 96% of the legible scale)
  network.on("resize", function () {{ window.setTimeout(fitAll, 0); }});
  network.once("afterDrawing", function () {{
    document.body.setAttribute("data-kk-drawn", "1");
  }});
  // a click on a merged box asks the page embedding the view to open it (window.kaskadeOpenGroup,
  // set by the app); a saved or downloaded page has no such handler and only shows its tooltip
  network.on("click", function (params) {{
    var id = params.nodes.length ? String(params.nodes[0]) : "";
    if (id.indexOf("grup:") === 0 && typeof window.kaskadeOpenGroup === "function") {{
      window.kaskadeOpenGroup(id);
    }}
  }});
  window.kaskadeNetwork = network;
}})();
</script>
</body>
</html>
"""


def network_page(
    nodes: list[dict],
    edges: list[dict],
    options: dict,
    *,
    title: str,
    caption: str = "",
    legend_html: str = "",
    lang: str = "id",
    extent: tuple[float, float, float, float] | None = None,
    background: str = "#ffffff",
    text: str = "#1a1a1a",
    font_size: int = 14,
    min_scale: float = 1.0,
) -> str:
    """The standalone page. `title` and `caption` are user text (escaped here); `legend_html` is
    markup the caller built from constants. The network fills the window (or the app's iframe)
    below the heading, so the page never needs scrolling; `extent` (left, top, right, bottom in
    node coordinates, boxes included) is what the first view shows, else vis-network's own fit."""
    vis_js, vis_css = vis_assets()
    out_nodes, out_edges, options_json = _pyvis_data(nodes, edges, options)
    return _PAGE.format(
        lang=_html.escape(lang),
        title=_html.escape(title),
        caption=_html.escape(caption),
        legend=legend_html,
        vis_css=vis_css,
        vis_js=vis_js,
        background=background,
        text=text,
        title_size=round(font_size * 1.45),
        caption_size=font_size,
        nodes=script_json(out_nodes),
        edges=script_json(out_edges),
        options=script_json(json.loads(options_json)),
        extent=script_json(list(extent) if extent else None),
        min_scale=script_json(float(min_scale)),
    )
