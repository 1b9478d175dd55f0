"""A layered layout computed in Python: one row per tier, x ordered to reduce edge crossings.

The browser then only draws (physics off), so a view looks the same every time and a
thousand nodes never make the page busy. Ordering is the barycentre heuristic of Sugiyama et
al.: sweep down and up, sorting each row by the mean position of its neighbours in the rows
already fixed; an edge that skips rows gets a bend point in each row it crosses. Coordinates
then put each node over its neighbours while keeping a minimum gap. Every step is linear in
nodes + edges (times the rows an edge skips) per sweep, plus a sort per row.

>>> order_rows([["kp1", "kp2"], ["s2", "s1"]], [("s1", "kp1"), ("s2", "kp2")])
[['kp1', 'kp2'], ['s1', 's2']]
>>> rows = [["pn"], ["kp1", "kp2"], ["s1", "s2", "s3"]]
>>> edges = [("kp1", "pn"), ("kp2", "pn"), ("s1", "kp1"), ("s2", "kp2"), ("s3", "kp1")]
>>> pos = layered_positions(rows, edges, gap=100, row_gap=150)
>>> pos["pn"][1], pos["s1"][1], pos["s2"][0] - pos["s3"][0]
(0, 300, 100.0)
>>> [y for _, y in layered_layout(rows, edges + [("s2", "pn")], row_gap=150).bends[("s2", "pn")]]
[150]
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate
from dataclasses import dataclass

__all__ = ["order_rows", "crossings", "layered_layout", "layered_positions", "Layout"]


def _neighbours(edges: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, list[Hashable]]:
    adj: dict[Hashable, list[Hashable]] = defaultdict(list)
    for u, v in edges:
        if u != v:
            adj[u].append(v)
            adj[v].append(u)
    return adj


def crossings(rows: Sequence[Sequence[Hashable]], edges: Iterable[tuple[Hashable, Hashable]]) -> int:
    """Edge crossings between adjacent rows, counted as inversions (Barth, Jünger, Mutzel 2002):
    O(E log V), so a layout can afford to check every sweep.

    >>> crossings([["a", "b"], ["y", "x"]], [("x", "a"), ("y", "b")])
    1
    """
    where = {n: (i, k) for i, r in enumerate(rows) for k, n in enumerate(r)}
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for u, v in edges:
        if u not in where or v not in where:
            continue
        (ru, ku), (rv, kv) = where[u], where[v]
        if abs(ru - rv) == 1:
            top, bottom = (ku, kv) if ru < rv else (kv, ku)
            pairs[min(ru, rv)].append((top, bottom))
    total = 0
    for i, spans in pairs.items():
        spans.sort()
        size = len(rows[i + 1])
        tree = [0] * (size + 1)  # Fenwick tree over positions in the lower row
        seen = 0
        for _, bottom in spans:
            k, below = bottom + 1, 0
            while k > 0:  # edges seen so far that end at or left of `bottom`
                below += tree[k]
                k -= k & -k
            total += seen - below
            k = bottom + 1
            while k <= size:
                tree[k] += 1
                k += k & -k
            seen += 1
    return total


def order_rows(
    rows: Sequence[Sequence[Hashable]],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    sweeps: int = 4,
) -> list[list[Hashable]]:
    """The rows re-ordered (each a permutation of its input) to reduce edge crossings.

    Edges may skip rows; a node without neighbours in the fixed rows keeps its place. The
    input order breaks ties, so sorting rows by code first gives a stable, readable layout.
    The order with the fewest crossings seen over all sweeps wins, never worse than the input.
    """
    edges = list(edges)
    rows = [list(r) for r in rows]
    row_of = {n: i for i, r in enumerate(rows) for n in r}
    adj = _neighbours(edges)
    rel: dict[Hashable, float] = {}  # position within its row scaled to (0, 1): rows differ in width

    def place(i: int) -> None:
        width = len(rows[i])
        for k, n in enumerate(rows[i]):
            rel[n] = (k + 0.5) / width

    for i in range(len(rows)):
        place(i)

    def sweep(order: range, fixed) -> None:
        for i in order:
            keyed = []
            for k, n in enumerate(rows[i]):
                near = [rel[m] for m in adj.get(n, ()) if m in row_of and fixed(row_of[m], i)]
                keyed.append((sum(near) / len(near) if near else rel[n], k, n))
            keyed.sort(key=lambda t: (t[0], t[1]))
            rows[i] = [n for _, _, n in keyed]
            place(i)

    best, best_count = [list(r) for r in rows], crossings(rows, edges)
    for _ in range(sweeps):
        for order, fixed in ((range(1, len(rows)), lambda r, i: r < i),
                             (range(len(rows) - 2, -1, -1), lambda r, i: r > i)):
            sweep(order, fixed)
            count = crossings(rows, edges)
            if count < best_count:
                best, best_count = [list(r) for r in rows], count
        if best_count == 0:
            break
    return best


def _spread(desired: list[float], need: list[float]) -> list[float]:
    """Positions as close to `desired` as order allows, item ``k`` at least ``need[k]`` right of ``k-1``.

    Pushing right and pushing left each keep the gaps; their mean does too and is not biased
    to one side.
    """
    right = list(desired)
    for k in range(1, len(right)):
        right[k] = max(right[k], right[k - 1] + need[k])
    left = list(desired)
    for k in range(len(left) - 2, -1, -1):
        left[k] = min(left[k], left[k + 1] - need[k + 1])
    return [(a + b) / 2 for a, b in zip(right, left)]


class _Dummy:
    """A point where an edge crosses a row it skips: it reserves a little room there."""

    __slots__ = ("edge",)

    def __init__(self, edge: tuple) -> None:
        self.edge = edge


_DUMMY_WIDTH = 0.3


def _with_dummies(rows: list[list], edges: list[tuple]) -> tuple[list[list], list[tuple]]:
    """Rows and edges with every edge that skips rows split by a dummy in each skipped row
    (Sugiyama's long-edge rule), so long edges pass through a gap instead of over a box."""
    row_of = {n: i for i, r in enumerate(rows) for n in r}
    rows = [list(r) for r in rows]
    out: list[tuple] = []
    for u, v in edges:
        if u not in row_of or v not in row_of:
            continue
        a, b = row_of[u], row_of[v]
        if abs(a - b) <= 1:
            out.append((u, v))
            continue
        step = 1 if b > a else -1
        prev = u
        for i in range(a + step, b, step):
            d = _Dummy((u, v))
            rows[i].append(d)
            out.append((prev, d))
            prev = d
        out.append((prev, v))
    return rows, out


@dataclass(frozen=True)
class Layout:
    """Node positions, and for each edge that skips rows the points it bends through."""

    pos: dict[Hashable, tuple[float, int]]
    bends: dict[tuple[Hashable, Hashable], list[tuple[float, int]]]


def layered_layout(
    rows: Sequence[Sequence[Hashable]],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    gap: float = 180,
    row_gap: float = 170,
    row_y: Sequence[float] | None = None,
    row_gaps: Sequence[float] | None = None,
    sweeps: int = 4,
    centre_root: bool = True,
) -> Layout:
    """Positions: row ``i`` at ``y = i * row_gap`` (or ``row_y[i]``), x ordered by `order_rows`.

    The widest row is spread evenly; rows above and below follow, each node placed at the
    mean x of its already placed neighbours, at least `gap` apart (less next to a bend).
    An edge that skips rows bends through one point per skipped row, so it runs between
    boxes, never across one. `row_gaps` gives each row its own `gap` (rows of wider boxes).
    With `centre_root`, a top row of one node (the root) sits centred
    over everything below it.
    """
    rows, edges = _with_dummies([list(r) for r in rows], list(edges))
    rows = order_rows(rows, edges, sweeps=sweeps)
    adj = _neighbours(edges)

    def width(n) -> float:
        return _DUMMY_WIDTH if isinstance(n, _Dummy) else 1.0

    def needs(i: int) -> list[float]:
        g = row_gaps[i] if row_gaps is not None else gap
        row = rows[i]
        return [0.0] + [g * (width(a) + width(b)) / 2 for a, b in zip(row, row[1:])]

    x: dict[Hashable, float] = {}
    if not any(rows):
        return Layout({}, {})
    widest = max(range(len(rows)), key=lambda i: sum(map(width, rows[i])))
    offsets = list(accumulate(needs(widest)))
    for node, off in zip(rows[widest], offsets):
        x[node] = off - offsets[-1] / 2
    for i in [*range(widest - 1, -1, -1), *range(widest + 1, len(rows))]:
        desired: list[float | None] = []
        for node in rows[i]:
            near = [x[m] for m in adj.get(node, ()) if m in x]
            desired.append(sum(near) / len(near) if near else None)
        need = needs(i)
        for node, value in zip(rows[i], _spread(_fill_gaps(desired, need), need)):
            x[node] = value
    if centre_root and len(rows) > 1 and len(rows[0]) == 1:
        below = [x[n] for r in rows[1:] for n in r]
        if below:
            x[rows[0][0]] = (min(below) + max(below)) / 2
    ys = list(row_y) if row_y is not None else [i * int(row_gap) for i in range(len(rows))]
    pos: dict[Hashable, tuple[float, int]] = {}
    bends: dict[tuple, list[tuple[float, int]]] = {}
    for i, row in enumerate(rows):
        for node in row:
            point = (round(x[node], 1), ys[i])
            if isinstance(node, _Dummy):
                bends.setdefault(node.edge, []).append(point)
            else:
                pos[node] = point
    for (u, v), points in bends.items():
        points.sort(key=lambda p: p[1], reverse=pos[u][1] > pos[v][1])
    return Layout(pos, bends)


def layered_positions(rows: Sequence[Sequence[Hashable]], edges: Iterable[tuple[Hashable, Hashable]],
                      **kwargs) -> dict[Hashable, tuple[float, int]]:
    """Just the node positions of `layered_layout`."""
    return layered_layout(rows, edges, **kwargs).pos


def _fill_gaps(desired: list[float | None], need: list[float]) -> list[float]:
    """Nodes with no placed neighbour sit next to the one before them (or centred if none has)."""
    offsets = list(accumulate(need))
    first = next((k for k, d in enumerate(desired) if d is not None), None)
    if first is None:
        return [off - offsets[-1] / 2 for off in offsets]
    out: list[float] = []
    for k, d in enumerate(desired):
        if d is not None:
            out.append(d)
        elif k < first:
            out.append(desired[first] - (offsets[first] - offsets[k]))
        else:
            out.append(out[-1] + need[k])
    return out
