"""From graph nodes to what a cascade view draws: tiers, government levels, merged groups.

A cascade view has one row per tier, top to bottom, the rows of `queries.cascade.TIERS` (a node's
row is `queries.cascade.tier_of`)::

    pn -> pp_kp -> sasaran_provinsi -> sasaran_kabkota -> indikator -> program -> kegiatan -> sub_kegiatan

A collapsed tier is merged per parent (or per agency / bidang): one box with a count and the
summed pagu. `drawing` collapses tiers from the bottom up by itself while the view would
exceed `max_nodes`, so a national cascade never freezes a browser. All work is linear in the
nodes and edges drawn.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("prioritas:PN4", kind="prioritas", jenis="pn", name="SDM", pemda="00")
>>> G.add_node("kegiatan:k", kind="kegiatan", name="Jalan", code="1.03.10.2.01", pemda="64.02")
>>> for i in range(3):
...     G.add_node(f"sub_kegiatan:{i}", kind="sub_kegiatan", name=f"Ruas {i}", pemda="64.02", pagu=1e9)
...     _ = G.add_edge(f"sub_kegiatan:{i}", "kegiatan:k", key="bagian_dari", kind="bagian_dari")
>>> _ = G.add_edge("kegiatan:k", "prioritas:PN4", key="mendukung", kind="mendukung", status="usulan")
>>> d = drawing(G, collapsed={"sub_kegiatan"})
>>> [(s.tier, s.members, s.pagu) for s in d.shapes]
[('pn', 1, 3000000000.0), ('kegiatan', 1, 3000000000.0), ('sub_kegiatan', 3, 3000000000.0)]
>>> [(e.status, e.count) for e in d.links]
[('usulan', 1), (None, 3)]
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from graph.schema import NATIONAL, UP_EDGES, EdgeKind, NodeKind
from reference import regions
from reference.bidang import bidang_name
from queries.cascade import TIERS, tier_of
from queries.results import government_name

__all__ = ["TIERS", "WORK_TIERS", "GROUP_BY", "tier_of", "level_of", "Shape", "Link", "Drawing", "drawing"]

WORK_TIERS = ("program", "kegiatan", "sub_kegiatan")
GROUP_BY = ("parent", "agency", "bidang")
_RANK = {t: i for i, t in enumerate(TIERS)}
_UP = {k.value for k in UP_EDGES}
_STATUS_ORDER = ("disepakati", "usulan", "ditolak")


def _pemda_level(pemda: object) -> str | None:
    pemda = str(pemda or "")
    if not pemda:
        return None
    if pemda == NATIONAL:
        return "nasional"
    return "kabkota" if regions.is_district(pemda) else "provinsi"


def level_of(G: nx.MultiDiGraph, n: Hashable) -> str | None:
    """``nasional``, ``provinsi`` or ``kabkota``: whose plan or budget a node belongs to (an indicator
    carries the government of the target it measures)."""
    attrs = G.nodes[n]
    if attrs.get("kind") == NodeKind.PRIORITY:
        return "nasional"
    return _pemda_level(attrs.get("pemda"))


@dataclass
class Shape:
    """One box of the view: a graph node, or (`group` set) merged nodes and how many."""

    id: str
    tier: str
    name: str
    level: str | None
    pagu: float
    members: int = 1
    group: str | None = None  # what a merged box groups by: parent, pemda, agency or bidang
    code: str | None = None
    government: str | None = None  # name of the government whose plan or budget it is
    match: bool = False
    sample: list[str] = field(default_factory=list)  # a few member names, for the tooltip
    funded: bool = True  # whether a sub kegiatan lies below it in scope: False means no pagu (not Rp 0)


@dataclass
class Link:
    """A drawn edge (child -> parent). Merged edges count the graph edges they stand for."""

    source: str
    target: str
    kind: str
    status: str | None
    count: int = 0
    statuses: Counter = field(default_factory=Counter)


@dataclass
class Drawing:
    """The boxes and links of a view, and how much of the input they stand for."""

    shapes: list[Shape]
    links: list[Link]
    total: int  # nodes of the input that have a tier
    collapsed: tuple[str, ...]  # tiers merged, asked for or automatic
    auto: tuple[str, ...]  # tiers merged automatically to stay under max_nodes
    group_by: str
    matches: int  # input nodes matching the search

    @property
    def shown(self) -> int:
        return len(self.shapes)

    def rows(self) -> list[list[str]]:
        by_tier: dict[str, list[Shape]] = defaultdict(list)
        for s in self.shapes:
            by_tier[s.tier].append(s)
        return [[s.id for s in by_tier[t]] for t in TIERS if by_tier.get(t)]


def _node_ids(nodes: Iterable | None, G: nx.MultiDiGraph) -> list:
    if nodes is None:
        return list(G.nodes)
    return [getattr(n, "id", n) for n in nodes]


def _up_links(G: nx.MultiDiGraph, tier: Mapping) -> dict[Hashable, list[tuple[Hashable, str, Mapping]]]:
    """For each drawn node, its up edges to drawn nodes: (target, kind, data). One pass over the
    adjacency, so every later step reads plain lists instead of networkx views."""
    succ = G._succ  # the raw adjacency dict: networkx's views cost about a microsecond per access
    return {
        n: [(v, kind, data) for v, keyed in succ[n].items() if v in tier
            for kind, data in keyed.items() if kind in _UP]
        for n in tier
    }


def _primary_parent(n: Hashable, up: Mapping, tier: Mapping) -> Hashable | None:
    """The up-neighbour a node hangs from in the view: part-of first, then the nearest tier above."""
    best, best_key = None, None
    rank = _RANK[tier[n]]
    for v, kind, _ in up[n]:
        if _RANK[tier[v]] >= rank:
            continue
        key = (kind != EdgeKind.PART_OF, -_RANK[tier[v]], str(v))
        if best_key is None or key < best_key:
            best, best_key = v, key
    return best


def _matches(attrs: Mapping, needle: str) -> bool:
    return needle in str(attrs.get("name") or "").casefold() or needle in str(attrs.get("code") or "").casefold()


def drawing(
    G: nx.MultiDiGraph,
    nodes: Iterable | None = None,
    *,
    collapsed: Collection[str] = (),
    group_by: str = "parent",
    highlight: str | None = None,
    max_nodes: int = 1000,
    pagu: Mapping[Hashable, float] | None = None,
    max_per_row: int | None = None,
    collapse_wide: bool = True,
    keep: Collection[Hashable] = (),
    expand: Collection[str] = (),
    whole: Collection[str] = (),
    merge_per_row: int | None = None,
) -> Drawing:
    """What to draw for `nodes` of `G` (default: every node that has a tier).

    `pagu` gives a node's budget (e.g. a cascade's totals); without it sub kegiatan carry their
    own pagu and every other node the sum of the distinct sub kegiatan below it in this view.

    `max_per_row` is how many boxes fit side by side at a legible size: a row more than twice as
    wide is first merged per parent (the lowest such tier first, when `collapse_wide`), and a row too wide
    keeps its largest boxes (and those in `keep` or matching the search) and merges the rest into
    one "N lainnya" box.

    `expand` names merged boxes (their shape ids) to open, as a click on them asks: a merged
    group shows its members one by one (kept in sight before others when a row is too wide), and a
    "N lainnya" box shows the boxes it held in place of the ones shown before (the next page of
    the row). `whole` names tiers whose rows are never merged into a "N lainnya" box: a view that
    has room for a whole row (`views.graph_view` decides) opens its "N lainnya" box that way.
    `merge_per_row` (default `max_per_row`) is the row capacity that decides which tiers are merged
    per parent, so a view drawn with fewer boxes per row can keep the tiers another one merged.
    """
    expand = frozenset(expand)
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by '{group_by}' unknown: choose {', '.join(GROUP_BY)}")
    unknown = set(collapsed) - set(TIERS)
    if unknown:
        raise ValueError(f"unknown tier(s) {sorted(unknown)}: choose from {', '.join(TIERS)}")
    attrs = G._node  # raw node attributes, for the same reason as in _up_links
    tier = {}
    for n in _node_ids(nodes, G):
        if n in attrs:
            t = tier_of(attrs[n])
            if t is not None:
                tier[n] = t
    order = sorted(tier, key=lambda n: (_RANK[tier[n]], str(attrs[n].get("code") or ""), str(n)))
    up = _up_links(G, tier)
    parent = {n: _primary_parent(n, up, tier) for n in order}
    own, funded = _budgets(G, order, up, pagu)
    needle = (highlight or "").strip().casefold()
    matched = {n for n in order if needle and _matches(attrs[n], needle)}

    wanted = [t for t in TIERS if t in set(collapsed)]
    ladder = [t for t in reversed(TIERS) if t not in wanted]
    auto: list[str] = []
    while True:
        rep = _representatives(G, order, tier, parent, set(wanted) | set(auto), group_by)
        if not ladder:
            break
        if len(set(rep.values())) > max_nodes:
            auto.append(ladder.pop(0))
            continue
        per_row = merge_per_row or max_per_row
        wide = _wide_tiers(rep, tier, 2 * per_row) if per_row and collapse_wide else set()
        lowest = next((t for t in ladder if t in wide), None)
        if lowest is None:
            break
        ladder.remove(lowest)
        auto.append(lowest)
    if expand:  # opened boxes never make the view merge more: a row too wide keeps them and lumps others
        rep = _representatives(G, order, tier, parent, set(wanted) | set(auto), group_by, expand)
    shapes = _shapes(G, order, tier, rep, own, matched, funded)
    links = _links(order, up, rep)
    moved: dict[str, str] = {}
    if max_per_row:
        opened = {str(n) for n in order if rep[n][0] == "node" and tier[n] in set(wanted) | set(auto)}
        shapes, links, moved = _lump(shapes, links, max_per_row, {str(k) for k in keep} | opened, expand, whole)
    if any(s.group for s in shapes):
        totals = _merged_totals(G, order, up, rep, own, moved)
        for s in shapes:
            if s.group:
                s.pagu = totals.get(s.id, 0.0)
    merged = tuple(t for t in TIERS if t in set(wanted) | set(auto))
    return Drawing(shapes, links, len(order), merged, tuple(auto), group_by, len(matched))


def _wide_tiers(rep: Mapping, tier: Mapping, limit: int) -> set[str]:
    """The tiers whose row would hold more than `limit` boxes."""
    boxes: dict[str, set] = defaultdict(set)
    for n, r in rep.items():
        boxes[tier[n]].add(r)
    return {t for t, found in boxes.items() if len(found) > limit}


def _lump(shapes: list[Shape], links: list[Link], limit: int, keep: set[str],
          expand: Collection[str] = (), whole: Collection[str] = ()) -> tuple[list[Shape], list[Link], dict[str, str]]:
    """Rows of more than `limit` boxes keep `limit - 1` (kept and matching ones first, then by
    pagu) and merge the rest into one box, group ``rest``; links are redirected and merged. A rest
    box named in `expand` opens into the boxes it would hold, shown in place of the first ones,
    which it then holds (the audience pages through the row). Rows of the tiers in `whole` are
    left as they are. Also returns which box each merged box went into."""
    by_tier: dict[str, list[Shape]] = defaultdict(list)
    for s in shapes:
        by_tier[s.tier].append(s)
    moved: dict[str, str] = {}
    out: list[Shape] = []
    for t in TIERS:
        row = by_tier.get(t, [])
        if len(row) <= limit or t in whole:
            out.extend(row)
            continue
        ranked = sorted(row, key=lambda s: (s.id not in keep, not s.match, -s.pagu))
        kept, rest = ranked[: max(limit - 1, 1)], ranked[max(limit - 1, 1):]
        if f"grup:{t}:rest" in expand:  # too many to show at once: the next boxes in sight, the first ones merged
            ranked = rest + kept
            kept, rest = ranked[: max(limit - 1, 1)], ranked[max(limit - 1, 1):]
        levels = {s.level for s in rest}
        lump = Shape(f"grup:{t}:rest", t, "", levels.pop() if len(levels) == 1 else None,
                     sum(s.pagu for s in rest), members=sum(s.members for s in rest), group="rest",
                     match=any(s.match for s in rest), funded=any(s.funded for s in rest),
                     sample=[s.name for s in sorted(rest, key=lambda s: -s.pagu)[:8]])
        for s in rest:
            moved[s.id] = lump.id
        kept_ids = {s.id for s in kept}
        out.extend(s for s in row if s.id in kept_ids)  # keep the input order: the layout orders rows itself
        out.append(lump)
    if not moved:
        return shapes, links, moved
    merged: dict[tuple[str, str], Link] = {}
    for link in links:
        a, b = moved.get(link.source, link.source), moved.get(link.target, link.target)
        if a == b:
            continue
        m = merged.get((a, b))
        if m is None:
            m = merged[(a, b)] = Link(a, b, link.kind, None)
        m.count += link.count
        m.statuses.update(link.statuses)
    for m in merged.values():
        if m.statuses:
            m.status = next(s for s in _STATUS_ORDER if m.statuses.get(s))
    return out, list(merged.values()), moved


def _merged_totals(G, order: list, up: Mapping, rep: Mapping, own: Mapping, moved: Mapping[str, str]) -> dict:
    """Per drawn box, the pagu of the distinct sub kegiatan of the view below any node it stands for:
    a merged box of PP / KP that share their lines counts each line once (a sum of its members'
    totals would count it once per member and show more money than the priority above them).

    Each sub kegiatan walks its ancestors once, as in `_budgets`."""
    total: dict[str, float] = defaultdict(float)
    nodes = G._node
    for n in order:
        if nodes[n].get("kind") != NodeKind.SUB_KEGIATAN:
            continue
        seen, stack, boxes = {n}, [n], set()
        while stack:
            u = stack.pop()
            box = _shape_id(rep[u])
            boxes.add(moved.get(box, box))
            for v, _, _ in up[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
        for box in boxes:
            total[box] += own[n]
    return total


def _budgets(G, order: list, up: Mapping, given: Mapping | None) -> tuple[dict, set]:
    """Each node's pagu, and the nodes that have one: given (a node the mapping leaves out, or maps
    to None, has no pagu in scope), else for sub kegiatan their own and for every other node the sum
    over the distinct sub kegiatan in the view that lead up to it (none below: no pagu, not Rp 0).

    Each sub kegiatan walks its own ancestors once, so a diamond never counts a rupiah twice;
    chains are a handful of nodes long, so this stays linear in practice.
    """
    if given is not None:
        return ({n: float(given.get(n) or 0.0) for n in order}, {n for n in order if given.get(n) is not None})
    total = dict.fromkeys(order, 0.0)
    funded: set = set()
    nodes = G._node
    for n in order:
        if nodes[n].get("kind") != NodeKind.SUB_KEGIATAN:
            continue
        value = float(nodes[n].get("pagu") or 0.0)
        seen, stack = {n}, [n]
        while stack:
            u = stack.pop()
            total[u] += value
            funded.add(u)
            for v, _, _ in up[u]:
                if v not in seen:
                    seen.add(v)
                    stack.append(v)
    return total, funded


def _representatives(G, order: list, tier: dict, parent: dict, collapsed: set, group_by: str,
                     expand: Collection[str] = ()) -> dict:
    rep: dict = {}
    for n in order:  # parents first, so a parent's group is known
        t = tier[n]
        if t not in collapsed:
            rep[n] = ("node", n)
            continue
        attrs = G._node[n]
        if group_by == "agency" and t == "sub_kegiatan":
            key = ("agency", attrs.get("agency") or "")
        elif group_by == "bidang" and t in WORK_TIERS:
            key = ("bidang", attrs.get("bidang") or "")
        elif parent[n] is not None:
            key = ("parent", rep[parent[n]])
        else:  # nothing above it in the view: keep governments apart
            key = ("pemda", attrs.get("pemda") or "")
        rep[n] = ("group", t, key)
        if expand and _shape_id(rep[n]) in expand:  # an opened group shows its members
            rep[n] = ("node", n)
    return rep


def _shape_id(r: tuple) -> str:
    if r[0] == "node":
        return str(r[1])
    _, t, (by, key) = r
    inner = key if not isinstance(key, tuple) else _shape_id(key)
    return f"grup:{t}:{by}:{inner}"


def _shapes(G, order, tier, rep, own, matched, funded) -> list[Shape]:
    shapes: dict[tuple, Shape] = {}
    levels: dict[tuple, set] = defaultdict(set)
    for n in order:
        r = rep[n]
        attrs = G._node[n]
        level = level_of(G, n)
        s = shapes.get(r)
        if s is None:
            if r[0] == "node":
                s = Shape(str(n), tier[n], str(attrs.get("name") or n), level, 0.0,
                          code=attrs.get("code") or attrs.get("kode"), government=_government(G, attrs.get("pemda")),
                          funded=False)
            else:
                by, key = r[2]
                above = key[1] if by == "parent" and isinstance(key, tuple) and key[0] == "node" else None
                s = Shape(_shape_id(r), tier[n], _group_name(G, by, key), level, 0.0, members=0, group=by,
                          government=_government(G, G._node[above].get("pemda")) if above in G._node else None,
                          funded=False)
            shapes[r] = s
        s.pagu += own[n]
        s.funded = s.funded or n in funded
        s.match = s.match or n in matched
        if r[0] == "group":
            s.members += 1
            levels[r].add(level)
            if len(s.sample) < 8:
                s.sample.append(str(attrs.get("name") or n))
    for r, found in levels.items():
        shapes[r].level = found.pop() if len(found) == 1 else None
    return list(shapes.values())


def _government(G, pemda: object) -> str | None:
    return government_name(G, pemda) if pemda else None


def _group_name(G, by: str, key) -> str:
    """What the members of a group share: their parent, government, agency or bidang urusan."""
    if key is None or key == "":
        return ""
    if by == "parent":
        if key[0] == "node":
            return str(G.nodes[key[1]].get("name") or key[1])
        return ""
    if by == "pemda":
        return _government(G, key) or ""
    if by == "agency":
        return str(G.nodes[key].get("name") or key) if key in G else str(key)
    try:
        return f"{key} {bidang_name(key) or ''}".strip()
    except ValueError:  # not a bidang code
        return str(key)


def _links(order: list, up: Mapping, rep: Mapping) -> list[Link]:
    links: dict[tuple, Link] = {}
    for u in order:
        ru = rep[u]
        for v, kind, data in up[u]:
            rv = rep[v]
            if ru == rv:
                continue
            status = data.get("status")
            link = links.get((ru, rv))
            if link is None:
                link = links[(ru, rv)] = Link(_shape_id(ru), _shape_id(rv), str(kind), status)
            link.count += 1
            if status:
                link.statuses[status] += 1
    for link in links.values():
        if link.statuses:
            link.status = next(s for s in _STATUS_ORDER if link.statuses.get(s))
    return list(links.values())
