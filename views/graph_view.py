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
from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import networkx as nx

from graph.schema import NodeKind
from views.layout import Layout, layered_layout
from views.network_html import network_page
from base import fmt
from base.i18n import t, word
from views.text import one_line, shorten, shown_caption, wrap
from views.theme import LEVELS, Theme, theme as get_theme
from views.tiers import TIERS, Drawing, Link, Shape, drawing

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
    height: int = 720  # CSS pixels the view needs at its legible scale (heading and legend included)
    header: int = 0  # of which the heading (title and caption) takes about this many
    fits: bool = True  # whether it fits the theme's view width (and height) at its legible scale
    min_label_px: int = 14  # the smallest label it draws, in CSS pixels, when shown `height` tall
    groups: tuple[tuple[str, str], ...] = ()  # (id, one-line label) of each merged box: what a click can open

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
    lines.append(f"pagu {fmt.money_full(shape.pagu, lang)} ({fmt.money(shape.pagu, lang)})" if shape.funded
                 else t("view.no_pagu", lang))
    if shape.group:
        lines.append(f"{shape.members} {t('view.members', lang)}:")
        lines.extend(f"- {shorten(n, 60)}" for n in shape.sample)
        if shape.members > len(shape.sample):
            lines.append("…")
    return "\n".join(lines)


def _label_lines(shape: Shape, lang: str, per_line: int, name: str | None = None) -> list[str]:
    """The label of a box, wrapped to `per_line` characters (never cut: the full name, or `name`, is the
    label), its pagu last: "tanpa pagu" when no sub kegiatan lies below it in scope (Rp 0 is written only
    where lines below it really add up to zero)."""
    money = fmt.money(shape.pagu, lang) if shape.funded else t("view.no_pagu", lang)
    if shape.group == "rest":
        return [*wrap(t("view.rest", lang, n=fmt.number(shape.members, lang), tier=word("word.tier", shape.tier, lang)),
                      per_line), money]
    if shape.group:
        head = t("view.group_label", lang, n=fmt.number(shape.members, lang), tier=word("word.tier", shape.tier, lang))
        # a group per parent sits right under its parent, so only other groups name what they share
        name = "" if shape.group == "parent" else shape.name
        return [*wrap(head, per_line), *wrap(name, per_line), money]
    return [*(wrap(name or shape.name, per_line) or ["-"]), money]


def _distinct_names(shapes: Sequence[Shape]) -> dict[str, str]:
    """Names for boxes of one row that share a name (two PP "Swasembada Pangan" of different codes):
    the name and, in brackets, what tells them apart (their codes, else their governments, else both).
    Boxes whose names are their own keep them as they are.

    >>> a = Shape("p1", "pp_kp", "Swasembada Pangan", "nasional", 0.0, code="02.01")
    >>> b = Shape("p2", "pp_kp", "Swasembada Pangan", "nasional", 0.0, code="02.04")
    >>> c = Shape("p3", "pp_kp", "Swasembada Energi", "nasional", 0.0, code="02.02")
    >>> _distinct_names([a, b, c])
    {'p1': 'Swasembada Pangan (02.01)', 'p2': 'Swasembada Pangan (02.04)'}
    """
    same: dict[tuple[str, str], list[Shape]] = defaultdict(list)
    for sh in shapes:
        if not sh.group:
            same[(sh.tier, " ".join(sh.name.split()).casefold())].append(sh)
    out: dict[str, str] = {}
    for found in same.values():
        if len(found) < 2:
            continue
        codes = [sh.code or "" for sh in found]
        governments = [(sh.government or "").removeprefix("Pemerintah ") for sh in found]
        for sh, code, government in zip(found, codes, governments):
            if all(codes) and len(set(codes)) == len(codes):
                tag = code
            elif all(governments) and len(set(governments)) == len(governments):
                tag = government
            else:
                tag = ", ".join(x for x in (code, government) if x) or sh.id
            out[sh.id] = f"{sh.name} ({tag})"
    return out


@dataclass(frozen=True)
class _Box:
    """How big a theme draws a box: width, the gap between box centres, characters per line."""

    width: int
    gap: int
    per_line: int
    line: float
    margin: int

    @classmethod
    def of(cls, th: Theme, widest: int | None = None) -> "_Box":
        """Boxes 11 em wide, wider (up to 24 em) when the widest row of `widest` boxes leaves room,
        so a chain's long names take one or two lines instead of five."""
        width = 11 * th.font_size
        if widest:
            room = th.view_width * th.font_size / th.min_label_px / (widest + 1) - 2 * th.font_size
            width = int(min(max(width, room), 24 * th.font_size))
        margin = 8
        # Arial averages about half an em per character; 0.6 leaves room for wide letters, so the
        # browser never wraps a line again (which would make the box taller than its row)
        return cls(width, width + 2 * th.font_size, max(8, int((width - 2 * margin) / (0.6 * th.font_size))),
                   th.line_height * th.font_size, margin)

    def height(self, lines: int) -> float:
        return lines * self.line + 2 * self.margin


def _row_capacity(th: Theme) -> int:
    """How many boxes fit side by side in the theme's view width at its smallest legible scale
    (one column goes to the tier names)."""
    box = _Box.of(th)
    scale = th.min_label_px / th.font_size
    return max(2, int(th.view_width / (scale * box.gap)) - 1)


def _vis_nodes(d: Drawing, pos: Mapping, th: Theme, lang: str, box_of: Mapping[str, _Box],
               labels: Mapping[str, list[str]], marks: Mapping[str, str]) -> list[dict]:
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
            "label": "\n".join(labels[s.id]),
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
            "widthConstraint": {"minimum": box_of[s.id].width, "maximum": box_of[s.id].width},
            "margin": box_of[s.id].margin,
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


def _render(d: Drawing, *, title: str, th: Theme, lang: str, marks: Mapping[str, str],
            widen: bool = True) -> GraphView:
    rows = d.rows()
    # each row's boxes as wide as its room allows: a row of one or two boxes writes long names in
    # one or two lines, a full row keeps narrow boxes
    boxes = [_Box.of(th, len(r) if widen else None) for r in rows]
    box_of = {n: boxes[i] for i, r in enumerate(rows) for n in r}
    box = _Box.of(th)  # the narrowest: the tier names' column
    names = _distinct_names(d.shapes)
    labels = {sh.id: _label_lines(sh, lang, box_of[sh.id].per_line, names.get(sh.id)) for sh in d.shapes}
    # each row as tall as its tallest label, a fixed gap between rows: long names wrap, never cut
    heights = [boxes[i].height(max(len(labels[n]) for n in row)) for i, row in enumerate(rows)]
    row_y, y = [], 0.0
    for k, h in enumerate(heights):
        y += (heights[k - 1] / 2 + th.row_gap * th.font_size + h / 2) if k else 0
        row_y.append(round(y, 1))
    lay = layered_layout(rows, [(l.source, l.target) for l in d.links], gap=box.gap, row_y=row_y,
                         row_gaps=[b.gap for b in boxes])
    view = GraphView("", title, d.shown, d.total, d.collapsed, d.auto, d.group_by, d.matches, lang)  # for its caption
    edges, bends = _vis_edges(d.links, lay, th, lang)
    tier_of_row = {k: next(sh.tier for sh in d.shapes if sh.id == row[0]) for k, row in enumerate(rows)}
    left = min((x - box_of[n].width / 2 for n, (x, _) in lay.pos.items()), default=0) - box.width / 2 - th.font_size
    tier_names = [{"id": f"tier:{tier}", "label": "\n".join(wrap(word("word.tier", tier, lang), box.per_line)),
              "x": left, "y": row_y[k], "shape": "text", "physics": False, "chosen": False,
              "font": {"color": th.text, "size": th.font_size, "face": "arial", "bold": True},
              "widthConstraint": {"maximum": box.width}}
             for k, tier in tier_of_row.items()]
    extent = _extent(lay, box_of, left - box.width / 2, heights, row_y, th) if lay.pos else None
    min_scale = th.min_label_px / th.font_size
    height, header, fits = 480, 0, True
    if extent:
        w, h = extent[2] - extent[0], extent[3] - extent[1]
        scale = max(min_scale, min(1.0, th.view_width / w))
        height = int(min(max(h * scale + 7 * th.font_size + 60, 360), 4000))
        fits = w * min_scale <= th.view_width and (th.view_height is None or h * min_scale <= th.view_height)
    header = int(3.2 * th.font_size + 24)
    page = network_page(
        _vis_nodes(d, lay.pos, th, lang, box_of, labels, marks) + bends + tier_names,
        edges,
        _OPTIONS,
        title=title,
        caption=view.caption(),
        legend_html=_legend(th, lang, bool(marks)),
        extent=extent,
        lang=lang,
        background=th.background,
        text=th.text,
        font_size=th.font_size,
        min_scale=min_scale,
    )
    groups = _group_labels([sh for sh in d.shapes if sh.group], labels)
    return replace(view, html=page, height=height, header=header, min_label_px=th.min_label_px, fits=fits,
                   groups=groups)


def _group_labels(shapes: Sequence[Shape], labels: Mapping[str, list[str]]) -> tuple[tuple[str, str], ...]:
    """(id, one line) per merged box: its label and, for a group under a parent, the parent's name and
    government; a label two boxes share gets a number."""
    out, seen = [], defaultdict(int)
    for sh in shapes:
        text = " ".join(labels[sh.id][:-1])
        if sh.group == "parent" and sh.name:
            whose = ", ".join(x for x in (shorten(sh.name, 40), (sh.government or "").removeprefix("Pemerintah ")) if x)
            text += f" ({whose})"
        seen[text] += 1
        out.append((sh.id, text if seen[text] == 1 else f"{text} #{seen[text]}"))
    return tuple(out)


def _fitted(build, *, title: str, th: Theme, lang: str, expand: Collection[str] = ()) -> GraphView:
    """The view of ``build(max_per_row, expand, whole, merge_per_row)`` (a drawing and its marks) with the most boxes
    per row that still fits the theme's view at its legible scale: long edges and wide boxes take
    room, so the row capacity is lowered until the laid-out view fits (or rows are down to two boxes).

    Boxes opened by `expand` are drawn at the capacity found without them when the view still fits
    so, else with fewer boxes per row (the same tiers merged, so the opened box stays open). An opened "+N lainnya" box is decided here, and only here: its row is laid
    out whole (every box of the row beside the others, the page zooming out as far as the legible
    scale allows, boxes of sparse rows narrowed if that helps) when the view then fits; else that row
    pages (the boxes it held take the place of the ones shown). So after a click the tier names and
    every box are in sight at the legible scale.
    """
    def search(cap: int, widen: bool, opened: Collection[str], merge: int | None) -> tuple[GraphView, int, bool]:
        while True:
            d, marks = build(cap, opened, (), merge or cap)
            view = _render(d, title=title, th=th, lang=lang, marks=marks, widen=widen)
            if view.fits or cap <= (3 if th.view_height else 2):
                return view, cap, widen
            if widen:  # first narrow the boxes of sparse rows, then show fewer boxes per row
                widen = False
            else:
                cap -= 1

    view, cap, widen = search(_row_capacity(th), True, (), None)
    if not expand:
        return view
    whole = [tier for tier in TIERS if f"grup:{tier}:rest" in expand]
    while whole:  # open the rows whole while the view fits; the widest opened row pages first
        for narrow in dict.fromkeys((widen, False)):
            d, marks = build(cap, expand, tuple(whole), cap)
            view = _render(d, title=title, th=th, lang=lang, marks=marks, widen=narrow)
            if view.fits:
                return view
        sizes = Counter(s.tier for s in d.shapes)
        whole.remove(max(whole, key=lambda tier: sizes[tier]))
    return search(cap, widen, expand, cap)[0]


def _extent(lay: Layout, box_of: Mapping[str, "_Box"], left: float, heights: Sequence[float],
            row_y: Sequence[float], th: Theme) -> tuple[float, float, float, float]:
    """The area the boxes and the tier names (from `left`) cover, a margin around it."""
    margin = th.font_size
    right = max(x + box_of[n].width / 2 for n, (x, _) in lay.pos.items())
    return (left - margin, row_y[0] - heights[0] / 2 - margin, right + margin, row_y[-1] + heights[-1] / 2 + margin)


def _node_list(result) -> list | None:
    """Node ids from None, a list of ids, or a result whose items (or `.nodes`) have an `id`."""
    if result is None:
        return None
    items = getattr(result, "nodes", result)
    return [getattr(n, "id", n) for n in items]


def _pagu_map(result) -> dict | None:
    """The pagu totals a cascade result carries (items with `id` and `pagu_total`), if any, for the
    nodes with a sub kegiatan below them."""
    items = getattr(result, "nodes", result)
    # a node with no sub kegiatan below it in the cascade has no pagu there (not Rp 0): it is left out
    found = {n.id: n.pagu_total for n in items
             if getattr(n, "pagu_total", None) is not None and getattr(n, "sub_kegiatan_count", 1)}
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
    expand: Collection[str] = (),
) -> GraphView:
    """The layered view of `nodes` (ids, or a cascade result) of `G`; every tiered node if None.

    `collapsed` names tiers to merge (see `views.tiers.TIERS`), `group_by` how
    (``parent``, ``agency`` for sub kegiatan, ``bidang`` for work), `highlight` a search text
    matched against names and codes. `pagu` overrides node budgets; a cascade result's own
    totals are used when it has them. `expand` opens merged boxes (ids from the view's `groups`).
    """
    th = get_theme(theme)
    ids = _node_list(nodes)
    if pagu is None and nodes is not None:
        pagu = _pagu_map(nodes)
    return _fitted(lambda cap, opened, whole, merge: (drawing(G, ids, collapsed=collapsed, group_by=group_by,
                                                              highlight=highlight, max_nodes=max_nodes, pagu=pagu,
                                                              max_per_row=cap, expand=opened, whole=whole,
                                                              merge_per_row=merge), {}),
                   title=title, th=th, lang=lang, expand=expand)


def trace_view(
    G: nx.MultiDiGraph,
    paths: Iterable[Sequence[Hashable]] | object,
    *,
    title: str = "",
    highlight: str | None = None,
    max_nodes: int = MAX_NODES,
    theme: str | Theme = "normal",
    lang: str = "id",
    siblings: Iterable[Hashable] = (),
    expand: Collection[str] = (),
) -> GraphView:
    """The chains up from one node: a `line_of_sight` result, or lists of node ids (start first).
    `siblings` adds nodes drawn beside the chain (e.g. the other sub kegiatan of its kegiatan); a
    row wider than fits legibly keeps the chain and merges the rest into "N lainnya".

    `expand` opens merged boxes, as in `cascade_view`. The start is framed black; where a chain stops short of a national priority its
    last node is framed red, and a proposed or rejected link that stopped it (the result's
    `related`) is drawn dashed or red.
    """
    th = get_theme(theme)
    chains = _chains(G, paths)
    ids = list(dict.fromkeys(n for nodes, _, related in chains for n in (*nodes, *([related] if related else []))))
    chain = set(ids)
    ids += [n for n in siblings if n not in chain]
    def build(cap: int, opened: Collection[str], whole: Collection[str], merge: int) -> tuple[Drawing, dict[str, str]]:
        d = drawing(G, ids, highlight=highlight, max_nodes=max_nodes, max_per_row=cap, collapse_wide=False, keep=chain,
                    expand=opened, whole=whole)
        shown = {s.id for s in d.shapes}
        marks: dict[str, str] = {}
        for nodes, _, _ in chains:
            if nodes and str(nodes[0]) in shown:
                marks[str(nodes[0])] = "start"
        for nodes, broken, _ in chains:
            if nodes and broken and str(nodes[-1]) in shown:
                marks.setdefault(str(nodes[-1]), "broken")
        return d, marks

    return _fitted(build, title=title, th=th, lang=lang, expand=expand)



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
