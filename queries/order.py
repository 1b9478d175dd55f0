"""Sorting findings held as arrays: by label texts and numbers in numpy, by node ids only where
those keys tie, so a national result is ordered without a Python sort over every finding.

>>> texts = ["b", "a", None, "a"]
>>> class Idx:  # what `label_ranks` asks of a `queries.index.GraphIndex`
...     def label(self, i): return None if i < 0 else texts[i]
>>> label_ranks(Idx(), np.array([0, 1, -1, 3])).tolist()  # no label sorts as ""; equal texts rank equal
[2, 1, 0, 1]
>>> names = ["y", "x", "z"]
>>> order(np.array([1, 0, 1]), tiebreak=names.__getitem__).tolist()
[1, 0, 2]
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from queries.arrays import stable_argsort, unique_inverse

__all__ = ["label_ranks", "id_ranks", "order"]


def label_ranks(idx, labels: np.ndarray) -> np.ndarray:
    """Per entry of `labels` (label positions of `idx`, -1 for none), the rank of its text among
    the texts used, no label counting as ``""``: sorting by rank sorts by text."""
    used, inverse = unique_inverse(labels)
    texts = [idx.label(int(u)) or "" for u in used.tolist()]
    rank_of = {text: r for r, text in enumerate(sorted(set(texts)))}
    ranks = np.array([rank_of[text] for text in texts], dtype=np.int64)
    return ranks[inverse.reshape(-1)] if labels.size else np.zeros(0, dtype=np.int64)


def id_ranks(idx, positions: np.ndarray) -> np.ndarray:
    """Per entry of `positions` (node positions of `idx`), the rank of its node id among the ids
    of the distinct positions: one Python sort of those ids, for ordering many findings by id."""
    used, inverse = unique_inverse(positions)
    ids = idx.ids
    texts = [ids[u] for u in used.tolist()]
    ranks = np.empty(used.size, dtype=np.int64)
    ranks[sorted(range(used.size), key=texts.__getitem__)] = np.arange(used.size)
    return ranks[inverse.reshape(-1)] if positions.size else np.zeros(0, dtype=np.int64)


def _packed(keys: tuple[np.ndarray, ...]) -> np.ndarray | None:
    """The integer `keys` as one int64 that sorts as they do (first key first), or None when a key
    is not an integer array or they need more than 62 bits together."""
    if not keys or any(k.dtype.kind not in "biu" for k in keys):
        return None
    packed, bits = np.zeros(keys[0].size, dtype=np.int64), 0
    for k in keys:
        k = k.astype(np.int64)
        low = int(k.min())
        width = (int(k.max()) - low).bit_length()
        bits += width
        if bits > 62:
            return None
        packed <<= width
        packed |= k - low
    return packed


def order(*keys: np.ndarray, tiebreak: Callable[[int], Any] | None = None, tie_ids: tuple[np.ndarray, ...] = (),
          idx=None, python_ties: np.ndarray | None = None) -> np.ndarray:
    """The permutation sorting entries by `keys` (equal-length integer or float arrays, first key
    first), entries whose keys all tie then by the node ids at `tie_ids` (arrays of node positions
    of `idx`, -1 for none, which sorts first as ``""`` does), then by ``tiebreak(entry)``; stable.

    The ids of tied entries are ranked with one sort of their distinct ids (`id_ranks`), so a
    national result with many ties needs no Python key per entry. `tiebreak` applies to every tied
    entry, or only to those where `python_ties` is True (whose ties `tie_ids` then do not decide).

    >>> ids = ["n:b", "n:a", "n:c"]
    >>> class Idx:
    ...     pass
    >>> idx = Idx(); idx.ids = ids
    >>> order(np.array([0, 0, 0]), tie_ids=(np.array([0, 1, 2]),), idx=idx).tolist()
    [1, 0, 2]
    """
    n = keys[0].size
    packed = _packed(keys) if n > 1 else None
    if packed is not None:
        perm = stable_argsort(packed)
    else:
        perm = np.lexsort(tuple(reversed(keys))) if keys else np.arange(n)
    if (tiebreak is None and not tie_ids) or n < 2:
        return perm
    if packed is not None:
        packed = packed[perm]
        tie = packed[1:] == packed[:-1]
    else:
        tie = np.ones(n - 1, dtype=bool)
        for k in keys:
            k = k[perm]
            tie &= k[1:] == k[:-1]
    if not tie.any():
        return perm
    run = np.concatenate([[0], np.cumsum(~tie)])  # run number per sorted entry
    size = np.bincount(run)
    tied = np.flatnonzero(size[run] > 1)
    perm = perm.copy()
    if tie_ids:
        entries = perm[tied]
        ranks = []
        for at in tie_ids:
            at = at[entries]
            rank = np.zeros(at.size, dtype=np.int64)
            named = at >= 0
            rank[named] = id_ranks(idx, at[named]) + 1
            ranks.append(rank)
        redone = np.lexsort(tuple(reversed([run[tied], *ranks])))
        perm[tied] = entries[redone]
    if tiebreak is not None:
        if python_ties is not None:
            tied = tied[python_ties[perm[tied]]]
        run_of = run.tolist()
        redone = sorted(tied.tolist(), key=lambda j: (run_of[j], tiebreak(int(perm[j]))))
        perm[tied] = perm[np.array(redone, dtype=np.int64)]
    return perm
