"""Mandate conflicts: work a government or agency runs outside its mandate (UU 23/2014 annex).

Rules, one finding per sub kegiatan line and rule:

- ``level``: the level digit of the line's kegiatan (``U.BB.PP.L``: 1 provinsi, 2 kabupaten/kota)
  is not its government's own; or, for a special arrangement (level digit 3 to 8, urusan 9), the
  government is not one that may run it: its province must hold the arrangement
  (`reference.special`: Aceh 11, DIY 34, Jakarta 31, Bali 51, the Papua provinces 91 to 96) and
  its kind (provinsi or kab/kota) must be one the nomenclature's JENIS PEMDA names. A funds edge
  makes a crossing legitimate: a mendanai edge into the line, its kegiatan or its program, from
  the province of that district for ``bankeu`` or from the national government for ``dak``, with
  no year or the line's year. National lines are not checked.
- ``bidang``: the agency runs a line of a bidang urusan it does not hold. Lines of the support
  programme (``XX.01``) count as the agency's own; agencies with no declared bidang are not checked.
- ``code_invalid``: a code the `nomenclature` (``loaders.nomenclature.Nomenclature``, by default
  the built-in 2027 table) does not list as valid in the line's year; a table that applies to one
  year judges only lines of that year.

>>> from queries._examples import tiny_graph
>>> [(m.reason, m.code, m.government) for m in mandates(tiny_graph())]
[('level', '1.01.02.1.01.0014', '64.02')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import networkx as nx
import numpy as np

from graph.schema import NATIONAL, EdgeKind, FundingType, NodeKind
from reference import regions
from loaders.nomenclature import builtin_nomenclature
from reference.bidang import bidang_name
from reference.special import special_provinces
from queries.arrays import member, unique_inverse
from queries.filters import Filters
from queries.index import GraphIndex, graph_index
from queries.order import label_ranks, order
from queries.results import LazyRows, Rows, government_name, line_fields

__all__ = ["MandateConflict", "mandates", "conflict_lines", "legitimately_funded", "RULES"]

RULES = ("level", "bidang", "code_invalid")


class _Nomenclature(Protocol):
    def is_valid(self, code: str, year: int | None = None, level_digit: str | None = None) -> bool: ...

    def may_run(self, code: str, kode_pemda: str) -> bool | None: ...


@dataclass(frozen=True)
class MandateConflict:
    """One line outside its mandate: `expected` is what the rule wanted (the government's level
    digit, the agency's bidang), `found` what the line has. `government_name` and `agency_name`
    name them; `bidang_name` names the bidang found (rule ``bidang``)."""

    reason: str
    id: str
    code: str
    name: str
    government: str
    government_level: str | None
    agency: str | None
    year: int
    pagu: float
    expected: str
    found: str
    government_name: str
    agency_name: str | None
    bidang_name: str | None


def legitimately_funded(idx: GraphIndex) -> np.ndarray:
    """Per node: a bankeu edge from its own province or a DAK edge from the national government
    enters it (work nodes only), in its year."""
    src, dst = idx.edges[EdgeKind.FUNDS]
    legit = np.zeros(idx.n, dtype=bool)
    if not src.size:
        return legit
    funder, receiver = idx.pemda[src], idx.pemda[dst]
    province_of = idx.label_table(receiver, _province_label(idx), np.int64)
    in_year = (idx.funds_year == 0) | (idx.funds_year == idx.year[dst])
    own_province = province_of[receiver] == funder
    bankeu = idx.funds_jenis == idx.lid(FundingType.BANKEU.value)
    dak = idx.funds_jenis == idx.lid(FundingType.DAK.value)
    ok = in_year & ((bankeu & own_province & (receiver != funder)) | (dak & (funder == idx.lid(NATIONAL))))
    legit[dst[ok]] = True
    return legit


def _province_label(idx: GraphIndex):
    """The label position of a government's province code ("" for no government, -3 for the
    national one), for `GraphIndex.label_table`."""
    def province(kode_pemda: str | None) -> int:
        code = regions.province_code(kode_pemda or "")
        if code is None:
            return -3
        return -1 if code == "" else idx.lid(code)

    return province


def _special(idx: GraphIndex, lines: np.ndarray, nomenclature: _Nomenclature) -> np.ndarray:
    """Per line: the level digit (as a number; 9 for urusan 9 at level 1 or 2) of a special
    arrangement its government may not run, else 0. Asked once per code, then once per (code,
    government) for the codes of a special arrangement."""
    found = np.zeros(lines.size, dtype=np.int8)
    if not lines.size:
        return found
    special = idx.label_table(idx.code[lines], lambda code: bool(code) and special_provinces(code) is not None)
    at = np.flatnonzero(special[idx.code[lines]])
    if not at.size:
        return found
    width = len(idx.labels) + 2
    unique, inverse = np.unique(idx.code[lines[at]].astype(np.int64) * width + idx.pemda[lines[at]] + 1,
                                return_inverse=True)
    verdict = np.zeros(len(unique), dtype=np.int8)
    for k, (c, p) in enumerate(zip((unique // width).tolist(), (unique % width - 1).tolist())):
        code, pemda = idx.label(c), idx.label(p)
        if not pemda or pemda == NATIONAL:
            continue
        if nomenclature.may_run(code, pemda) is False:
            level = code.split(".")[3] if code.count(".") >= 4 else "9"
            verdict[k] = int(level) if level not in ("1", "2") else 9
    found[at] = verdict[inverse.reshape(-1)]
    return found


def _own_digit(idx: GraphIndex):
    def digit(kode_pemda: str | None) -> int:
        level = idx.government_level(kode_pemda)
        return int(level.level_digit or 0) if level else 0

    return digit


def mandates(G: nx.MultiDiGraph, filters: Filters | None = None, *,
             nomenclature: _Nomenclature | None = None) -> Rows[MandateConflict]:
    """Every mandate conflict among the lines the filters select, ordered by rule, government,
    year and code (a `LazyRows`: found as arrays, each finding built when read). `nomenclature`
    defaults to the built-in 2027 table."""
    idx = graph_index(G)
    lines, rule, row, own, digit = _conflicts(G, idx, filters or Filters(), nomenclature)
    node = lines[row]
    ids = idx.ids
    perm = order(rule, label_ranks(idx, idx.pemda[node]), idx.year[node], label_ranks(idx, idx.code[node]),
                 tiebreak=lambda k: ids[node[k]])
    rule, row = rule[perm], row[perm]

    def build(lo: int, hi: int) -> list[MandateConflict]:
        found = []
        for k, r in zip(rule[lo:hi].tolist(), row[lo:hi].tolist()):
            i = int(lines[r])
            f = line_fields(G, idx, i)
            names = {"government_name": government_name(G, f["government"]),
                     "agency_name": G.nodes[f["agency"]].get("name") if f["agency"] in G else None}
            if RULES[k] == "level":
                found.append(MandateConflict(
                    reason="level", expected=str(own[r]), found=str(digit[r]), bidang_name=None, **f, **names))
            elif RULES[k] == "bidang":
                bidang = idx.labels[idx.bidang[i]]
                found.append(MandateConflict(
                    reason="bidang", expected=", ".join(G.nodes[f["agency"]].get("bidang") or ()), found=bidang,
                    bidang_name=bidang_name(bidang) or bidang, **f, **names))
            else:
                found.append(MandateConflict(
                    reason="code_invalid", expected=f"nomenklatur {f['year']}", found=f["code"], bidang_name=None,
                    **f, **names))
        return found

    return LazyRows(row.size, build)


def conflict_lines(G: nx.MultiDiGraph, filters: Filters | None = None, *,
                   nomenclature: _Nomenclature | None = None) -> np.ndarray:
    """The line (position in `graph_index(G)`) of each finding of `mandates`, in no particular
    order, without building the findings, for counts (`queries.coverage`).

    >>> from queries._examples import tiny_graph
    >>> len(conflict_lines(tiny_graph())) == len(mandates(tiny_graph()))
    True
    """
    lines, _, row, _, _ = _conflicts(G, graph_index(G), filters or Filters(), nomenclature)
    return lines[row]


def _conflicts(G: nx.MultiDiGraph, idx: GraphIndex, filters: Filters, nomenclature: _Nomenclature | None):
    """The selected lines, and per finding its rule (position in `RULES`) and line (row of the
    lines); per line its government's own level digit and the digit it was judged by."""
    nomenclature = nomenclature if nomenclature is not None else builtin_nomenclature()
    lines = np.flatnonzero(idx.work_mask(filters, [NodeKind.SUB_KEGIATAN]))
    parent = idx.work_parent()
    legit = legitimately_funded(idx)
    kegiatan = parent[lines]
    program = np.where(kegiatan >= 0, parent[np.maximum(kegiatan, 0)], -1)
    funded = legit[lines] | ((kegiatan >= 0) & legit[np.maximum(kegiatan, 0)]) | (
        (program >= 0) & legit[np.maximum(program, 0)])
    labels = len(idx.labels) + 1
    pemda = idx.pemda[lines]
    own = idx.label_table(pemda, _own_digit(idx), np.int8)[pemda]
    digit = idx.level[lines]
    bad_level = (own > 0) & (digit > 0) & (digit != own) & ~funded
    special_digit = _special(idx, lines, nomenclature)
    bad_level |= (special_digit > 0) & ~funded
    digit = np.where(special_digit > 0, special_digit, digit)

    agencies = np.flatnonzero(idx.is_kind(NodeKind.AGENCY)).tolist()
    held = {(a, idx.lid(b)) for a in agencies for b in (G.nodes[idx.ids[a]].get("bidang") or ())}
    declared = np.array(sorted({a for a, _ in held}), dtype=np.int64)
    families = idx.family[lines]
    support = idx.label_table(families, lambda f: f is not None and f.endswith(".01"))[families]
    agency = idx.agency[lines]
    checked = member(agency, declared) & (idx.bidang[lines] >= 0) & ~support
    bad_bidang = checked & ~np.isin(agency * labels + idx.bidang[lines], [a * labels + b for a, b in held])

    bad_code = np.zeros(lines.size, dtype=bool)
    if lines.size:
        years = idx.year[lines].astype(np.int64)
        low = int(years.min())
        span = int(years.max()) - low + 1
        unique, inverse = unique_inverse(idx.code[lines].astype(np.int64) * span + (years - low))
        valid = np.array([nomenclature.is_valid(idx.labels[c], int(y) + low)
                          for c, y in zip((unique // span).tolist(), (unique % span).tolist())], dtype=bool)
        bad_code = ~valid[inverse.reshape(-1)]

    parts = [(k, np.flatnonzero(bad)) for k, bad in enumerate((bad_level, bad_bidang, bad_code))]
    rule = np.concatenate([np.full(at.size, k, dtype=np.int8) for k, at in parts])
    row = np.concatenate([at for _, at in parts])
    return lines, rule, row, own, digit
