"""Cascade and trace-up views: a layered, coloured network page the app embeds and exports.

One row per tier (PN at the top, sub kegiatan at the bottom), positions computed in Python
(physics off), boxes coloured by government level, links by status (agreed solid, proposed
dashed, rejected red), pagu on every box. Tiers can be collapsed (merged per parent, agency or
bidang); a view that would pass `max_nodes` collapses tiers itself and says so in its caption.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("prioritas:PN3", kind="prioritas", jenis="pn", name="Infrastruktur", pemda="00")
>>> G.add_node("sub_kegiatan:s", kind="sub_kegiatan", name="<script>alert(1)</script>",
...            code="1.03.10.2.01.0053", pemda="64.02", pagu=3.5e8)
>>> _ = G.add_edge("sub_kegiatan:s", "prioritas:PN3", key="mendukung", kind="mendukung", status="usulan")
>>> view = cascade_view(G, title="Jalan")
>>> view.shown, view.total, view.caption()
(2, 2, 'menampilkan 2 dari 2 simpul')
>>> "<script>alert(1)</script>" in view.html, "Rp 350 juta" in view.html
(False, True)
"""
from __future__ import annotations

import html as _html
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import networkx as nx

from graph.schema import NodeKind
from views.layout import Layout, layered_layout
from views.network_html import network_page
from base import fmt
from base.i18n import t, word
from views.text import one_line, shorten, shown_caption
from views.theme import LEVELS, Theme, theme as get_theme
from views.tiers import Drawing, Link, Shape, drawing

__all__ = ["GraphView", "cascade_view", "trace_view", "MAX_NODES"]

MAX_NODES = 1000
"""Above this many boxes a view merges tiers: a browser stays responsive well below it."""

@dataclass(frozen=True)
class GraphView:
    """A rendered view: the standalone `html` page and what it shows of how much."""

    html: str
    title: str
    shown: int
    total: int
    collapsed: tuple[str, ...]
    auto: tuple[str, ...]
    group_by: str
    matches: int
    lang: str = "id"

    def caption(self) -> str:
        """``menampilkan N dari M simpul``, then what was merged and how many nodes match a search."""
        parts = [shown_caption(self.shown, self.total, self.lang)]
        if self.collapsed:
            tiers = ", ".join(word('word.tier', tier, self.lang) for tier in self.collapsed)
            parts.append(f"{t('view.merged', self.lang, tiers=tiers)} {t('view.by_' + self.group_by, self.lang)}")
        if self.matches:
            parts.append(t("view.matches", self.lang, k=self.matches))
        return " · ".join(parts)


def _tooltip(shape: Shape, lang: str) -> str:
    """Plain text: vis-network shows string titles with innerText, never as markup."""
    lines = [one_line(shape.name) or "-"]
    if shape.code:
        lines.append(shape.code)
    lines.append(f"{word('word.tier', shape.tier, lang)} · {word('view.level', shape.level, lang) or '-'}")
    if shape.government:
        lines.append(shape.government)
    lines.append(f"pagu {fmt.money_full(shape.pagu, lang)} ({fmt.money(shape.pagu, lang)})")
    if shape.group:
        lines.append(f"{shape.members} {t('view.members', lang)}:")
        lines.extend(f"- {shorten(n, 60)}" for n in shape.sample)
        if shape.members > len(shape.sample):
            lines.append("…")
    return "\n".join(lines)


def _label(shape: Shape, lang: str) -> str:
    if shape.group:
        head = t("view.group_label", lang, n=fmt.number(shape.members, lang), tier=word("word.tier", shape.tier, lang))
        # a group per parent sits right under its parent, so only other groups name what they share
        name = "" if shape.group == "parent" else shorten(shape.name, 34)
        return "\n".join(p for p in (head, name, fmt.money(shape.pagu, lang)) if p)
    return f"{shorten(shape.name, 44)}\n{fmt.money(shape.pagu, lang)}"


def _vis_nodes(d: Drawing, pos: Mapping, th: Theme, lang: str, gap: float, marks: Mapping[str, str]) -> list[dict]:
    out = []
    for s in d.shapes:
        fill = th.level_color(s.level)
        border = th.highlight if s.match else "#ffffff" if th.name == "normal" else "#000000"
        mark = marks.get(s.id)
        if mark == "broken":
            border = th.rejected
        elif mark == "start":
            border = th.text
        node = {
            "id": s.id,
            "label": _label(s, lang),
            "title": _tooltip(s, lang) + (f"\n{t('view.broken', lang)}" if mark == "broken" else ""),
            "x": pos[s.id][0],
            "y": pos[s.id][1],
            "shape": "box",
            "physics": False,
            "color": {"background": fill, "border": border,
                      "highlight": {"background": fill, "border": th.highlight},
                      "hover": {"background": fill, "border": th.highlight}},
            "borderWidth": 5 if (s.match or mark) else 1,
            "font": {"color": "#ffffff", "size": th.font_size, "face": "arial",
                     "bold": {"color": "#ffffff"}, "multi": False},
            "widthConstraint": {"maximum": int(gap - 20)},
            "margin": 8,
        }
        if s.group:
            node["shapeProperties"] = {"borderDashes": [6, 4]}
            node["borderWidth"] = max(node["borderWidth"], 2)
            node["color"]["border"] = th.highlight if s.match else th.text
        out.append(node)
    return out


def _vis_edges(links: Sequence[Link], lay: Layout, th: Theme, lang: str) -> tuple[list[dict], list[dict]]:
    """Edges, plus the tiny bend nodes a long edge runs through (arrow on its last segment)."""
    edges, bends = [], []
    for i, link in enumerate(links):
        style = th.edge_style(link.status)
        title = word("view.edge", link.kind, lang)
        if link.status:
            title += f" · {word('view.status', link.status, lang)}"
        if link.count > 1:
            counts = ", ".join(f"{n} {word('view.status', s, lang)}" for s, n in link.statuses.items())
            title += f"\n{link.count} ({counts})" if counts else f"\n{link.count}"
        look = {
            "title": title,
            "color": {"color": style["color"], "highlight": th.highlight, "hover": th.highlight},
            "dashes": style["dashes"],
            "width": (3 if link.status == "ditolak" else 2) * (1.5 if th.name == "presentation" else 1),
        }
        chain = [link.source]
        for k, (x, y) in enumerate(lay.bends.get((link.source, link.target), ())):
            bend = f"bend:{i}:{k}"
            bends.append({"id": bend, "label": " ", "title": title, "x": x, "y": y, "shape": "dot", "size": 1,
                          "physics": False, "color": style["color"], "borderWidth": 0, "chosen": False})
            chain.append(bend)
        chain.append(link.target)
        same_row = lay.pos[link.source][1] == lay.pos[link.target][1]
        for a, b in zip(chain, chain[1:]):
            edge = {"from": a, "to": b, **look, "arrows": {"to": {"enabled": b == link.target, "scaleFactor": 0.5}}}
            if same_row:  # arc over the boxes between the two ends instead of through them
                edge["smooth"] = {"enabled": True, "type": "curvedCCW", "roundness": 0.35}
            edges.append(edge)
    return edges, bends


def _legend(th: Theme, lang: str, with_marks: bool) -> str:
    """Legend markup from constants only (no user text)."""
    items = [
        f'<span><span class="kk-swatch" style="background:{th.level_color(level)}"></span>'
        f"{_html.escape(word('view.level', level, lang))}</span>"
        for level in LEVELS
    ]
    for status in ("disepakati", "usulan", "ditolak"):
        style = th.edge_style(status)
        items.append(
            f'<span><span class="kk-line" style="border-top-style:{"dashed" if style["dashes"] else "solid"};'
            f'border-top-color:{style["color"]}"></span>{_html.escape(word("view.status", status, lang))}</span>'
        )
    items.append(f"<span>{_html.escape(t('view.legend.merged', lang))}</span>")
    items.append(f"<span>{_html.escape(t('view.legend.match', lang))}</span>")
    if with_marks:
        for color, text in ((th.text, t("view.legend.start", lang)), (th.rejected, t("view.broken", lang))):
            items.append(f'<span><span class="kk-swatch" style="background:#ffffff;border:3px solid {color}">'
                         f"</span>{_html.escape(text)}</span>")
    return "".join(items)


_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False,
                    "multiselect": True, "zoomView": True, "dragView": True, "dragNodes": False},
    "edges": {"smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical", "roundness": 0.45}},
}


def _render(d: Drawing, *, title: str, th: Theme, lang: str, marks: Mapping[str, str]) -> GraphView:
    # rows close enough that a fitted view of all eight tiers keeps labels readable
    gap = 10 * th.font_size + 10
    row_gap = 6 * th.font_size + 36
    lay = layered_layout(d.rows(), [(l.source, l.target) for l in d.links], gap=gap, row_gap=row_gap)
    view = GraphView("", title, d.shown, d.total, d.collapsed, d.auto, d.group_by, d.matches, lang)  # for its caption
    edges, bends = _vis_edges(d.links, lay, th, lang)
    page = network_page(
        _vis_nodes(d, lay.pos, th, lang, gap, marks) + bends,
        edges,
        _OPTIONS,
        title=title,
        caption=view.caption(),
        legend_html=_legend(th, lang, bool(marks)),
        extent=_extent(lay, gap, th),
        lang=lang,
        background=th.background,
        text=th.text,
        font_size=th.font_size,
    )
    return replace(view, html=page)


def _extent(lay: Layout, gap: float, th: Theme) -> tuple[float, float, float, float] | None:
    """The area the boxes cover: widest box half a gap each side, up to four label lines tall."""
    if not lay.pos:
        return None
    xs = [x for x, _ in lay.pos.values()]
    ys = [y for _, y in lay.pos.values()]
    half_w, half_h, margin = (gap - 20) / 2 + 8, 2.6 * th.font_size + 8, th.font_size
    return (min(xs) - half_w - margin, min(ys) - half_h - margin, max(xs) + half_w + margin, max(ys) + half_h + margin)


def _node_list(result) -> list | None:
    """Node ids from None, a list of ids, or a result whose items (or `.nodes`) have an `id`."""
    if result is None:
        return None
    items = getattr(result, "nodes", result)
    return [getattr(n, "id", n) for n in items]


def _pagu_map(result) -> dict | None:
    """The pagu totals a cascade result carries (items with `id` and `pagu_total`), if any."""
    items = getattr(result, "nodes", result)
    found = {n.id: n.pagu_total for n in items if getattr(n, "pagu_total", None) is not None}
    return found or None


def cascade_view(
    G: nx.MultiDiGraph,
    nodes: Iterable | None = None,
    *,
    title: str = "",
    collapsed: Collection[str] = (),
    group_by: str = "parent",
    highlight: str | None = None,
    max_nodes: int = MAX_NODES,
    pagu: Mapping[Hashable, float] | None = None,
    theme: str | Theme = "normal",
    lang: str = "id",
) -> GraphView:
    """The layered view of `nodes` (ids, or a cascade result) of `G`; every tiered node if None.

    `collapsed` names tiers to merge (see `views.tiers.TIERS`), `group_by` how
    (``parent``, ``agency`` for sub kegiatan, ``bidang`` for work), `highlight` a search text
    matched against names and codes. `pagu` overrides node budgets; a cascade result's own
    totals are used when it has them.
    """
    th = get_theme(theme)
    ids = _node_list(nodes)
    if pagu is None and nodes is not None:
        pagu = _pagu_map(nodes)
    d = drawing(G, ids, collapsed=collapsed, group_by=group_by, highlight=highlight, max_nodes=max_nodes, pagu=pagu)
    return _render(d, title=title, th=th, lang=lang, marks={})


def trace_view(
    G: nx.MultiDiGraph,
    paths: Iterable[Sequence[Hashable]] | object,
    *,
    title: str = "",
    highlight: str | None = None,
    max_nodes: int = MAX_NODES,
    theme: str | Theme = "normal",
    lang: str = "id",
) -> GraphView:
    """The chains up from one node: a `line_of_sight` result, or lists of node ids (start first).

    The start is framed black; where a chain stops short of a national priority its
    last node is framed red, and a proposed or rejected link that stopped it (the result's
    `related`) is drawn dashed or red.
    """
    th = get_theme(theme)
    chains = _chains(G, paths)
    ids = list(dict.fromkeys(n for nodes, _, related in chains for n in (*nodes, *([related] if related else []))))
    d = drawing(G, ids, highlight=highlight, max_nodes=max_nodes)
    shown = {s.id for s in d.shapes}
    marks: dict[str, str] = {}
    for nodes, _, _ in chains:
        if nodes and str(nodes[0]) in shown:
            marks[str(nodes[0])] = "start"
    for nodes, broken, _ in chains:
        if nodes and broken and str(nodes[-1]) in shown:
            marks.setdefault(str(nodes[-1]), "broken")
    return _render(d, title=title, th=th, lang=lang, marks=marks)


def _chains(G: nx.MultiDiGraph, result) -> list[tuple[list, bool, Hashable | None]]:
    """(nodes, broken, related) per path of a line-of-sight result (`.paths` with `.nodes`,
    `.reason`, `.related`) or of plain node-id lists, broken unless they end at a national priority."""
    out = []
    for p in getattr(result, "paths", result):
        nodes = [getattr(n, "id", n) for n in getattr(p, "nodes", p)]
        reason = getattr(p, "reason", None)
        if reason is not None:
            broken = reason != "national"
        else:
            broken = bool(nodes) and (nodes[-1] not in G or G.nodes[nodes[-1]].get("kind") != NodeKind.PRIORITY)
        out.append((nodes, broken, getattr(p, "related", None)))
    return out
