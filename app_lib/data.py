"""What the app's pages list and count about a graph: the data summary and the choices of selectboxes.

Read-only and linear in the graph (vectorised over `queries.index.graph_index`), so the pages never
touch networkx themselves.

>>> from queries._examples import tiny_graph
>>> s = data_summary(tiny_graph())
>>> s.governments, s.agencies, s.sub_kegiatan, s.pagu, s.years
(2, 4, 5, 2900000000.0, (2025,))
>>> [g.kode for g in s.per_government]
['64', '64.02']
>>> [label for _, label in choices(tiny_graph(), "prioritas")][:2]
['Infrastruktur', 'Konektivitas']
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from graph.schema import NATIONAL, NodeKind
from reference import regions
from reference.bidang import bidang_name
from queries.index import graph_index
from queries.results import Rows, government_name

__all__ = ["GovernmentSummary", "DataSummary", "data_summary", "choices", "governments", "provinces", "years",
           "bidang_choices", "named", "place_name", "names", "down_to", "FLOW_DEPTHS", "CHOICE_KINDS"]

CHOICE_KINDS = (NodeKind.PRIORITY.value, NodeKind.TARGET.value, NodeKind.PROGRAM.value,
                NodeKind.KEGIATAN.value, NodeKind.SUB_KEGIATAN.value)
_RANK = {j: r for r, j in enumerate(("pn", "pp", "kp", "proyek_prioritas", "tujuan", "sasaran", "program_unggulan"))}


@dataclass(frozen=True)
class GovernmentSummary:
    kode: str
    name: str
    level: str | None
    agencies: int
    sub_kegiatan: int
    pagu: float


@dataclass(frozen=True)
class DataSummary:
    """What is loaded: governments (national excluded), agencies, sub kegiatan, total pagu, years."""

    governments: int
    agencies: int
    sub_kegiatan: int
    pagu: float
    years: tuple[int, ...]
    priorities: int
    targets: int
    per_government: Rows[GovernmentSummary]


def _per_pemda(idx, mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    labels = idx.pemda[mask]
    keep = labels >= 0
    w = None if weights is None else weights[mask][keep]
    return np.bincount(labels[keep], weights=w, minlength=len(idx.labels))


def data_summary(G: nx.MultiDiGraph) -> DataSummary:
    """Counts over the whole graph and per government, ordered by government code."""
    idx = graph_index(G)
    gov = idx.is_kind(NodeKind.GOVERNMENT)
    lines = idx.is_kind(NodeKind.SUB_KEGIATAN)
    agencies = idx.is_kind(NodeKind.AGENCY)
    n_agencies = _per_pemda(idx, agencies)
    n_lines = _per_pemda(idx, lines)
    pagu = _per_pemda(idx, lines, idx.pagu)
    rows = []
    for i in np.flatnonzero(gov):
        kode = idx.label(idx.pemda[i])
        if kode is None or kode == NATIONAL:
            continue
        lab = idx.pemda[i]
        d = G.nodes[idx.ids[i]]
        rows.append(GovernmentSummary(kode=kode, name=d.get("name") or kode, level=d.get("level"),
                                      agencies=int(n_agencies[lab]), sub_kegiatan=int(n_lines[lab]),
                                      pagu=float(pagu[lab])))
    rows.sort(key=lambda g: g.kode)
    years = tuple(int(y) for y in G.graph.get("years") or np.unique(idx.year[lines & (idx.year > 0)]))
    return DataSummary(
        governments=len(rows), agencies=int(agencies.sum()), sub_kegiatan=int(lines.sum()),
        pagu=float(idx.pagu[lines].sum()), years=years,
        priorities=int(idx.is_kind(NodeKind.PRIORITY).sum()), targets=int(idx.is_kind(NodeKind.TARGET).sum()),
        per_government=Rows(rows),
    )


def _label(d: dict) -> str:
    code = d.get("code") or d.get("kode")
    text = f"{code} {d.get('name')}" if code and code != d.get("name") else str(d.get("name"))
    if d.get("kind") in (NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN):
        text += f" ({d.get('pemda')}, {d.get('tahun')})"
    elif d.get("kind") == NodeKind.TARGET and d.get("pemda"):
        text += f" ({d.get('pemda')})"
    return text


def choices(G: nx.MultiDiGraph, kind: str, *, pemda: str | None = None, year: int | None = None,
            limit: int | None = None) -> list[tuple[str, str]]:
    """(node id, label) of every node of `kind`, optionally of one government (or province) and year,
    ordered by tier (PN before PP before KP; tujuan before sasaran), code, government and year. `limit` caps the list for a selectbox."""
    if kind not in CHOICE_KINDS:
        raise ValueError(f"kind must be one of {CHOICE_KINDS}, not {kind!r}")
    idx = graph_index(G)
    mask = idx.is_kind(NodeKind(kind))
    if pemda:
        own = np.array([lab == pemda or lab.startswith(pemda + ".") for lab in idx.labels] + [False])
        mask &= own[idx.pemda]
    if year is not None and kind not in (NodeKind.PRIORITY.value, NodeKind.TARGET.value):
        mask &= idx.year == year
    found = []
    for i in np.flatnonzero(mask):
        d = G.nodes[idx.ids[i]]
        found.append(((_RANK.get(d.get("jenis"), len(_RANK)), str(d.get("code") or d.get("kode") or ""),
                       str(d.get("pemda") or ""), int(idx.year[i]), idx.ids[i]), _label(d)))
    found.sort()
    out = [(key[-1], label) for key, label in found]
    return out[:limit] if limit is not None else out


def governments(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(kode_pemda, name) of the regional governments in the graph, by code."""
    return [(g.kode, g.name) for g in data_summary(G).per_government]


def provinces(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(province code, name) of every province that has a government in the graph, by code.

    >>> from queries._examples import tiny_graph
    >>> provinces(tiny_graph())
    [('64', 'Kalimantan Timur')]
    """
    codes = sorted({p for kode, _ in governments(G) if (p := regions.province_code(kode))})
    return [(c, found.nama if (found := regions.region(c)) else c) for c in codes]


def years(G: nx.MultiDiGraph) -> list[int]:
    """The years of the work in the graph."""
    return list(data_summary(G).years)


def bidang_choices(G: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(bidang code, 'code name') of the bidang urusan that work in the graph belongs to."""
    idx = graph_index(G)
    work = idx.is_kind(NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN)
    codes = sorted({idx.labels[b] for b in np.unique(idx.bidang[work]) if b >= 0})
    return [(c, f"{c} {bidang_name(c) or ''}".strip()) for c in codes]


_GOVERNMENT_COLUMNS = ("government", "a_government", "b_government")
_NODE_COLUMNS = ("agency", "agencies", "a_agency", "b_agency", "related", "via", "end", "shared_outcomes")


def place_name(code: object) -> object:
    """A region code as a planner reads it, its name then the code; anything else unchanged.

    >>> place_name("64.02.06"), place_name("99.99"), place_name(None)
    ('Tenggarong (64.02.06)', '99.99', None)
    """
    found = regions.region(code) if isinstance(code, str) else None
    return f"{found.nama} ({code})" if found else code


def named(G: nx.MultiDiGraph, rows: list[dict]) -> list[dict]:
    """Rows with government codes, node ids and places replaced by names a planner reads
    (``64.02`` -> ``Pemerintah Kabupaten Kutai Kartanegara``); other values unchanged.

    >>> from queries._examples import tiny_graph, PU_KUKAR
    >>> named(tiny_graph(), [{"government": "64.02", "agency": PU_KUKAR, "place": "64.02.06", "pagu": 1.0}])
    [{'government': 'Pemerintah Kabupaten Kutai Kartanegara', 'agency': 'Dinas PUPR Kukar', 'place': 'Tenggarong (64.02.06)', 'pagu': 1.0}]
    """
    def gov(code):
        return code if code is None else government_name(G, code)

    def node(nid):
        return G.nodes[nid].get("name", nid) if isinstance(nid, str) and nid in G else nid

    out = []
    for row in rows:
        row = dict(row)
        for c in _GOVERNMENT_COLUMNS:
            if c in row:
                row[c] = gov(row[c])
        for c in _NODE_COLUMNS:
            if c in row:
                row[c] = [node(v) for v in row[c]] if isinstance(row[c], (list, tuple)) else node(row[c])
        if "place" in row:
            row["place"] = place_name(row["place"])
        out.append(row)
    return out


def names(G: nx.MultiDiGraph, ids) -> list[str]:
    """The names of node ids, in order (an id not in the graph stands for itself)."""
    return [G.nodes[i].get("name", i) if i in G else i for i in ids]


FLOW_DEPTHS = ("program", "kegiatan", "sub_kegiatan")
"""How far down a budget Sankey is drawn: a national cascade down to every sub kegiatan has more
links than a diagram can show, down to programmes it stays readable."""


def down_to(links: Rows, tier: str) -> Rows:
    """The budget-flow links that end at `tier` or above it (links into kegiatan and sub kegiatan
    dropped for ``program``).

    >>> from queries import budget_flow
    >>> from queries._examples import tiny_graph
    >>> flow = budget_flow(tiny_graph())
    >>> sorted({l.target_tier for l in down_to(flow, "program")})
    ['pp_kp', 'program', 'sasaran_kabkota', 'sasaran_provinsi']
    """
    deeper = set(FLOW_DEPTHS[FLOW_DEPTHS.index(tier) + 1:])
    return Rows([link for link in links if link.target_tier not in deeper], links.notes)
