"""Near-identical names: which names of the graph's sub kegiatan score at least a threshold.

A name is compared as its *text*: lowercased, with the abbreviations planners write spelled out
(``jln.``, ``jl.`` -> jalan, ``pemb.`` -> pembangunan), punctuation stripped
(``rapidfuzz.utils.default_process``) and its words sorted. ``rapidfuzz.fuzz.ratio`` of two texts
is then ``fuzz.token_sort_ratio`` of the expanded names, and names with one text score 100.

Each distinct text of the graph is compared once per threshold (and the answer cached on the
query index), not once per place. Texts are sorted by length; each is compared only with the longer
texts that can still reach the threshold (a ratio of ``t`` allows the longer text at most
``(100 + t') / (100 - t')`` times the length of the shorter, ``t' = 100 - t``) and, among those, only
with the texts sharing enough letters: the ratio is ``200 * LCS / (len_a + len_b)`` and a common
subsequence cannot be longer than the letters two texts share counted with repeats (the multiset
intersection of their letters), so a pair whose shared letters are too few cannot score the
threshold. Shared letters of every pair in reach are one matrix product (a text as the 0/1 vector of
"has at least k letters c"), a few hundred multiply-adds per pair; rapidfuzz then scores only the
pairs that pass (about one in a thousand at tier M), with the same scorer and cut-off, so the pairs
and scores are exactly those of comparing every pair. The filter is quadratic in the number of
distinct names, which the nomenclature bounds (about 6,000 in a national year), not in the number of
lines.

>>> texts = sorted({_text(n) for n in ["Pemb. Jln. Lingkar", "Jalan Lingkar Pembangunan",
...                                     "Pembangunan Jalan Lingkr", "Rehabilitasi Jalan"]}, key=len)
>>> texts
['jalan rehabilitasi', 'jalan lingkr pembangunan', 'jalan lingkar pembangunan']
>>> [(texts[u], texts[v], round(s)) for u, v, s in zip(*_similar(texts, 90))]
[('jalan lingkr pembangunan', 'jalan lingkar pembangunan', 98)]
"""
from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from graph.schema import NodeKind
from queries.arrays import distinct, ranks_within
from queries.index import GraphIndex

__all__ = ["name_texts", "similar_names", "texts_of", "similar_texts"]

_ABBREVIATIONS = ((re.compile(r"\bjln?\b\.?"), "jalan "), (re.compile(r"\bpemb\."), "pembangunan "))
"""Read in lowered text (`_expand` lowers first)."""
_BLOCK = 256


def _expand(name: str) -> str:
    """A name with the abbreviations planners write spelled out, for comparison."""
    text = name.lower()
    for pattern, word in _ABBREVIATIONS:
        text = pattern.sub(word, text)
    return text


def _text(name: str) -> str:
    return " ".join(sorted(default_process(_expand(name)).split()))


def _texts(names: list[str]) -> list[str]:
    """`_text` of each name: lowered and spelled out in one pass over the names joined by line
    breaks (the abbreviations never span one), one by one when a name holds a line break itself."""
    joined = "\n".join(names)
    if joined.count("\n") != max(len(names) - 1, 0):
        return [_text(name) for name in names]
    expanded = _expand(joined).split("\n") if names else []
    return [" ".join(sorted(default_process(text).split())) for text in expanded]


def texts_of(names: list[str]) -> list[str]:
    """The text each name is compared as (what `name_texts` holds), e.g. for a database to store.

    >>> texts_of(["Pemb. Jln. Lingkar", "Rehabilitasi Jalan"])
    ['jalan lingkar pembangunan', 'jalan rehabilitasi']
    """
    return _texts(list(names))


def similar_texts(texts: list[str], threshold: float) -> list[tuple[str, str, float]]:
    """Every pair of distinct `texts` scoring at least `threshold`, as `similar_names` finds them
    (the same filter and scorer), each pair once as (shorter text, longer text, score) in the order
    of texts sorted by length, then text.

    >>> [(a, b, round(s)) for a, b, s in similar_texts(["jalan lingkr pembangunan", "jalan rehabilitasi",
    ...                                                    "jalan lingkar pembangunan"], 90)]
    [('jalan lingkr pembangunan', 'jalan lingkar pembangunan', 98)]
    """
    kept = sorted(set(texts), key=lambda s: (len(s), s))
    u, v, score = _similar(kept, threshold)
    return [(kept[a], kept[b], s) for a, b, s in zip(u.tolist(), v.tolist(), score.tolist())]


def name_texts(idx: GraphIndex) -> tuple[np.ndarray, list[str]]:
    """(text id per label position, -1 for labels that name no sub kegiatan; the texts, sorted by
    length then text). Cached on the index."""
    return idx.memo(("name_texts",), lambda: _name_texts(idx))


def _name_texts(idx: GraphIndex) -> tuple[np.ndarray, list[str]]:
    labels = distinct(idx.name[idx.is_kind(NodeKind.SUB_KEGIATAN)])
    labels = labels[labels >= 0]
    texts = _texts([idx.labels[n] for n in labels.tolist()])
    kept = sorted(set(texts), key=lambda s: (len(s), s))
    pos = {s: k for k, s in enumerate(kept)}
    of_label = np.full(len(idx.labels) + 1, -1, dtype=np.int64)
    of_label[labels] = [pos[s] for s in texts]
    return of_label, kept


def similar_names(idx: GraphIndex, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(u, v, score): every pair of distinct texts of `name_texts`, ``u < v``, scoring at least
    `threshold`. Cached on the index per threshold."""
    return idx.memo(("similar_names", float(threshold)), lambda: _similar(name_texts(idx)[1], threshold))


def _similar(texts: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of `texts` (distinct, sorted by length) scoring at least `threshold`, in blocks of rows,
    each against the texts from its first row up to the longest that can reach it; rapidfuzz scores
    the pairs whose shared letters allow the threshold (`_shared_letters`)."""
    lengths = np.array([len(s) for s in texts], dtype=np.float64)
    slack = 1 - threshold / 100
    longest = lengths * (1 + slack) / (1 - slack) + 1 if slack < 1 else np.full(lengths.size, np.inf)
    ends = np.searchsorted(lengths, longest, side="right")
    letters = _letter_units(texts)
    need = (threshold * lengths).astype(np.float32)[:, None]
    ones = np.ones_like(need)
    # 200 * LCS / (len_a + len_b) >= threshold needs 200 * shared - threshold * (len_a + len_b) >= 0:
    # the whole left side is one product, a row [200 * units, -need, 1] times a row [units, 1, -need]
    left = np.hstack([letters * 200, -need, ones])
    right = np.hstack([letters, ones, -need])
    us, vs = [], []
    for start in range(0, len(texts), _BLOCK):
        stop = min(start + _BLOCK, len(texts))
        end = int(ends[stop - 1])
        # one unit of slack keeps every pair float rounding could let through
        rows, cols = np.nonzero(left[start:stop] @ right[start:end].T >= -1)
        keep = cols > rows
        us.append(rows[keep] + start)
        vs.append(cols[keep] + start)
    if not us:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    u, v = np.concatenate(us).astype(np.int64), np.concatenate(vs).astype(np.int64)
    if not u.size:
        return u, v, np.zeros(0)
    got = process.cpdist([texts[k] for k in u.tolist()], [texts[k] for k in v.tolist()], scorer=fuzz.ratio,
                         score_cutoff=threshold, dtype=np.float64, workers=-1)
    keep = got >= threshold
    return u[keep], v[keep], got[keep]


def _letter_units(texts: list[str]) -> np.ndarray:
    """Per text, the 0/1 row "holds at least k of letter c" over every (c, k) the texts use: the dot
    product of two rows is the number of letters the texts share, repeats counted.

    >>> units = _letter_units(["aab", "ab", "bb"])
    >>> (units @ units.T).astype(int).tolist()
    [[3, 2, 1], [2, 2, 1], [1, 1, 2]]
    """
    lengths = np.array([len(s) for s in texts], dtype=np.int64)
    chars = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    used = np.zeros(int(chars.max(initial=0)) + 1, dtype=bool)
    used[chars] = True
    of_char = (np.cumsum(used) - 1)[chars]  # each letter numbered among the letters used
    letters = int(used.sum())
    owner = np.repeat(np.arange(len(texts)), lengths)
    counts = np.bincount(owner * letters + of_char, minlength=len(texts) * letters).reshape(len(texts), letters)
    most = counts.max(axis=0, initial=0)
    column_letter = np.repeat(np.arange(letters), most)
    column_k = ranks_within(most)
    return (counts[:, column_letter] > column_k).astype(np.float32)
