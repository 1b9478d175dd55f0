"""Sorting, distinct values and membership of integer arrays, fast at national size.

numpy 2.4 finds the distinct values of an integer array by hashing when asked for nothing else,
and that is slow on millions of scattered keys (12 s for 5M random 40-bit values on this machine,
against 0.1 s to sort them); `np.isin` hashes its second argument the same way, and `np.argsort`
is several times slower than `np.sort`, which has a vectorised path for integers. These helpers
give exactly what `np.unique`, `np.isin` and a stable `np.argsort` give for 1-D integer arrays, by
sorting: an argsort is one `np.sort` of each key with its position packed into the low bits
(positions break ties, so it is stable), when key and position fit in 63 bits together.

>>> x = np.array([5, 3, 5, -1, 3])
>>> stable_argsort(x).tolist(), distinct(x).tolist()
([3, 1, 4, 0, 2], [-1, 3, 5])
>>> values, first, inverse, counts = unique_all(x)
>>> first.tolist(), inverse.tolist(), counts.tolist()
([3, 1, 0], [2, 1, 2, 0, 1], [1, 2, 2])
>>> member(x, np.array([3, 7])).tolist()
[False, True, False, False, True]
>>> ranks_within(np.array([3, 0, 2])).tolist()
[0, 1, 2, 0, 1]
"""
from __future__ import annotations

import numpy as np

__all__ = ["stable_argsort", "distinct", "unique_all", "unique_inverse", "member", "ranks_within"]


def stable_argsort(key: np.ndarray) -> np.ndarray:
    """``np.argsort(key, kind="stable")`` for a 1-D integer array."""
    key = np.asarray(key)
    n = key.size
    if n < 2 or key.dtype.kind not in "iu":
        return np.argsort(key, kind="stable")
    low, high = int(key.min()), int(key.max())
    shift = max(int(n - 1).bit_length(), 1)
    if (high - low).bit_length() + shift > 62:
        return np.argsort(key, kind="stable")
    packed = ((key.astype(np.int64) - low) << shift) | np.arange(n, dtype=np.int64)
    packed.sort()
    return packed & ((1 << shift) - 1)


def distinct(key: np.ndarray) -> np.ndarray:
    """``np.unique(key)`` for an integer array: its distinct values, sorted."""
    s = np.sort(np.asarray(key).reshape(-1))
    if s.size < 2:
        return s
    return s[np.concatenate(([True], s[1:] != s[:-1]))]


def unique_all(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(key, return_index=True, return_inverse=True, return_counts=True)`` for a 1-D
    integer array: distinct values, the first position of each, each entry's value number, counts."""
    key = np.asarray(key).reshape(-1)
    order = stable_argsort(key)
    s = key[order]
    flag = np.concatenate(([True], s[1:] != s[:-1])) if s.size else np.zeros(0, dtype=bool)
    starts = np.flatnonzero(flag)
    inverse = np.empty(key.size, dtype=np.int64)
    inverse[order] = np.cumsum(flag) - 1
    counts = np.diff(np.append(starts, key.size))
    return s[starts], order[starts], inverse, counts


def unique_inverse(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(key, return_inverse=True)`` for a 1-D integer array (the inverse flat)."""
    values, _, inverse, _ = unique_all(key)
    return values, inverse


def member(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.isin(a, b)`` for integer arrays: whether each entry of `a` occurs in `b`."""
    a = np.asarray(a)
    values = distinct(b)
    if not values.size or not a.size:
        return np.zeros(a.shape, dtype=bool)
    asked, inverse = unique_inverse(a)  # sorted, so the search walks `values` in order
    at = np.searchsorted(values, asked)
    np.minimum(at, values.size - 1, out=at)
    return (values[at] == asked)[inverse].reshape(a.shape)


def ranks_within(counts: np.ndarray) -> np.ndarray:
    """0, 1, ..., c-1 for each count c of `counts`, concatenated: each item's rank in its run."""
    counts = np.asarray(counts)
    return np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
