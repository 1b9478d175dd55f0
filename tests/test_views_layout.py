"""The layered layout: rows stay rows, order reduces crossings, boxes keep their distance."""
from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings, strategies as st

from views.layout import crossings, layered_layout, order_rows


def brute_crossings(rows: list[list], edges: list[tuple]) -> int:
    where = {n: (i, k) for i, row in enumerate(rows) for k, n in enumerate(row)}
    spans = []
    for u, v in edges:
        (ru, ku), (rv, kv) = where[u], where[v]
        if abs(ru - rv) == 1:
            spans.append((min(ru, rv), ku if ru < rv else kv, kv if ru < rv else ku))
    return sum(1 for a, b in combinations(spans, 2) if a[0] == b[0] and (a[1] - b[1]) * (a[2] - b[2]) < 0)


@st.composite
def trees(draw):
    """A random forest in rows: every node below the top row has one parent in the row above,
    rows given in a shuffled order."""
    widths = draw(st.lists(st.integers(1, 7), min_size=2, max_size=5))
    rows, edges = [], []
    for i, width in enumerate(widths):
        row = [f"r{i}n{k}" for k in range(width)]
        if i:
            for n in row:
                edges.append((n, draw(st.sampled_from(rows[-1]))))
        rows.append(row)
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    shuffled = [rng.sample(r, len(r)) for r in rows]
    return shuffled, edges


@st.composite
def layered_graphs(draw):
    """Random rows and random edges between adjacent rows (any number of parents)."""
    widths = draw(st.lists(st.integers(1, 6), min_size=2, max_size=4))
    rows = [[f"r{i}n{k}" for k in range(w)] for i, w in enumerate(widths)]
    edges = []
    for i in range(1, len(rows)):
        for n in rows[i]:
            for m in draw(st.lists(st.sampled_from(rows[i - 1]), max_size=3, unique=True)):
                edges.append((n, m))
    return rows, edges


@settings(max_examples=100, deadline=None)
@given(layered_graphs())
def test_crossing_count_matches_brute_force_and_ordering_never_adds(case):
    rows, edges = case
    assert crossings(rows, edges) == brute_crossings(rows, edges)
    ordered = order_rows(rows, edges)
    assert [sorted(r) for r in ordered] == [sorted(r) for r in rows]
    assert crossings(ordered, edges) <= crossings(rows, edges)


@settings(max_examples=80, deadline=None)
@given(trees())
def test_trees_are_drawn_without_crossings(case):
    rows, edges = case
    ordered = order_rows(rows, edges)
    assert [sorted(r) for r in ordered] == [sorted(r) for r in rows]
    assert brute_crossings(ordered, edges) == 0


@settings(max_examples=60, deadline=None)
@given(trees(), st.integers(60, 300))
def test_boxes_keep_the_gap_and_their_row(case, gap):
    rows, edges = case
    lay = layered_layout(rows, edges, gap=gap, row_gap=100)
    assert set(lay.pos) == {n for r in rows for n in r}
    for i, row in enumerate(rows):
        xs = sorted(lay.pos[n][0] for n in row)
        assert all(lay.pos[n][1] == i * 100 for n in row)
        assert all(b - a >= gap - 0.2 for a, b in zip(xs, xs[1:]))


def test_crossing_example_is_untangled():
    rows = [["a", "b", "c"], ["z", "y", "x"]]
    edges = [("x", "a"), ("y", "b"), ("z", "c")]
    assert brute_crossings(rows, edges) == 3
    assert brute_crossings(order_rows(rows, edges), edges) == 0


def test_long_edges_bend_in_every_row_they_skip():
    rows = [["pn"], ["kp"], ["s"], ["line", "other"]]
    edges = [("kp", "pn"), ("s", "kp"), ("line", "s"), ("other", "pn")]
    lay = layered_layout(rows, edges, gap=100, row_gap=50)
    bends = lay.bends[("other", "pn")]
    assert [y for _, y in bends] == [100, 50]  # from the bottom row upward
    # the bend points keep clear of the boxes in their rows
    assert abs(bends[0][0] - lay.pos["s"][0]) >= 100 * (1 + 0.3) / 2 - 0.2
    assert ("line", "s") not in lay.bends
