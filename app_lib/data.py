"""What the app's pages list and count about a graph: the data summary and the choices of selectboxes.

Read-only and linear in the graph (vectorised over `queries.index.graph_index`), so the pages never
touch networkx themselves. Each takes a graph or a stored graph (`backends.neo4j_store.Neo4jGraph`):
on a database the counts and choices are grouped there and names read for the ids shown
(`backends.neo4j_app`), so the app never pulls the graph; `around` is the small graph of some ids
a drawing or a detail reads (the graph itself when it is in memory).

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

from backends import neo4j_app
from backends.neo4j_store import Neo4jGraph
from graph.schema import NATIONAL, NodeKind
from reference import regions
from reference.bidang import bidang_name
from queries.index import graph_index
from queries.themes import themes as queries_themes
from queries.results import Rows, government_name

__all__ = ["GovernmentSummary", "DataSummary", "data_summary", "choices", "governments", "provinces", "years",
           "bidang_choices", "themes", "named", "place_name", "names", "names_graph", "has_node", "around", "drawn_ids", "down_to", "FLOW_DEPTHS", "CHOICE_KINDS"]

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


def _summary_in_database(store: Neo4jGraph) -> DataSummary:
    found = neo4j_app.summary_rows(store)
    agencies = {r["pemda"]: r["n"] for r in found["agencies"]}
    lines: dict = {}
    pagu: dict = {}
    years = set()
    for r in found["lines"]:
        lines[r["pemda"]] = lines.get(r["pemda"], 0) + r["n"]
        pagu[r["pemda"]] = pagu.get(r["pemda"], 0.0) + float(r["pagu"] or 0.0)
        if r["tahun"]:
            years.add(int(r["tahun"]))
    rows = [GovernmentSummary(kode=g["kode"], name=g["name"] or g["kode"], level=g["level"],
                              agencies=int(agencies.get(g["kode"], 0)), sub_kegiatan=int(lines.get(g["kode"], 0)),
                              pagu=float(pagu.get(g["kode"], 0.0)))
            for g in found["governments"] if g["kode"] is not None and g["kode"] != NATIONAL]
    rows.sort(key=lambda g: g.kode)
    count = found["count"]
    return DataSummary(
        governments=len(rows), agencies=int(count[NodeKind.AGENCY]), sub_kegiatan=sum(lines.values()),
        pagu=float(sum(pagu.values())), years=tuple(sorted(years)), priorities=int(count[NodeKind.PRIORITY]),
        targets=int(count[NodeKind.TARGET]), per_government=Rows(rows))


def data_summary(G: nx.MultiDiGraph | Neo4jGraph) -> DataSummary:
    """Counts over the whole graph and per government, ordered by government code."""
    if isinstance(G, Neo4jGraph):
        return _summary_in_database(G)
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


def _choice_key(d, nid: str, year: int) -> tuple:
    """How choices are ordered: tier, code, government, year, id."""
    return (_RANK.get(d.get("jenis"), len(_RANK)), str(d.get("code") or d.get("kode") or ""),
            str(d.get("pemda") or ""), year, nid)


def choices(G: nx.MultiDiGraph | Neo4jGraph, kind: str, *, pemda: str | None = None, year: int | None = None,
            limit: int | None = None) -> list[tuple[str, str]]:
    """(node id, label) of every node of `kind`, optionally of one government (or province) and year,
    ordered by tier (PN before PP before KP; tujuan before sasaran), code, government and year. `limit` caps the list for a selectbox."""
    if kind not in CHOICE_KINDS:
        raise ValueError(f"kind must be one of {CHOICE_KINDS}, not {kind!r}")
    if isinstance(G, Neo4jGraph):
        dated = kind not in (NodeKind.PRIORITY.value, NodeKind.TARGET.value)
        found = [(_choice_key(d, d["id"], int(d.get("tahun") or 0)), _label({**d, "kind": kind}))
                 for d in neo4j_app.choice_rows(G, NodeKind(kind), pemda=pemda, year=year if dated else None)]
        found.sort()
        out = [(key[-1], label) for key, label in found]
        return out[:limit] if limit is not None else out
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
        found.append((_choice_key(d, idx.ids[i], int(idx.year[i])), _label(d)))
    found.sort()
    out = [(key[-1], label) for key, label in found]
    return out[:limit] if limit is not None else out


def governments(G: nx.MultiDiGraph | Neo4jGraph) -> list[tuple[str, str]]:
    """(kode_pemda, name) of the regional governments in the graph, by code."""
    return [(g.kode, g.name) for g in data_summary(G).per_government]


def provinces(G: nx.MultiDiGraph | Neo4jGraph) -> list[tuple[str, str]]:
    """(province code, name) of every province that has a government in the graph, by code.

    >>> from queries._examples import tiny_graph
    >>> provinces(tiny_graph())
    [('64', 'Kalimantan Timur')]
    """
    codes = sorted({p for kode, _ in governments(G) if (p := regions.province_code(kode))})
    return [(c, found.nama if (found := regions.region(c)) else c) for c in codes]


def years(G: nx.MultiDiGraph | Neo4jGraph) -> list[int]:
    """The years of the work in the graph."""
    return list(data_summary(G).years)


def themes(G: nx.MultiDiGraph | Neo4jGraph) -> tuple[str, ...]:
    """Every theme named on a line, sorted (`queries.themes`; in a database, grouped there)."""
    return tuple(sorted(neo4j_app.themes(G))) if isinstance(G, Neo4jGraph) else queries_themes(G)


def bidang_choices(G: nx.MultiDiGraph | Neo4jGraph) -> list[tuple[str, str]]:
    """(bidang code, 'code name') of the bidang urusan that work in the graph belongs to."""
    if isinstance(G, Neo4jGraph):
        codes = sorted(neo4j_app.bidang_codes(G))
    else:
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


def names_graph(G, ids) -> nx.MultiDiGraph:
    """`G` itself, or for a database a graph of only the names of `ids` (one read per label)."""
    if not isinstance(G, Neo4jGraph):
        return G
    H = nx.MultiDiGraph()
    H.add_nodes_from((nid, {"name": name} if name is not None else {}) for nid, name in neo4j_app.names_of(G, ids).items())
    return H


def _shown_ids(rows: list[dict]) -> set[str]:
    """The node ids and government ids (``pemda:<kode>``) `named` looks up in `rows`."""
    ids = set()
    for row in rows:
        ids.update(f"pemda:{row[c]}" for c in _GOVERNMENT_COLUMNS if isinstance(row.get(c), str))
        for c in _NODE_COLUMNS:
            value = row.get(c)
            ids.update(x for x in (value if isinstance(value, (list, tuple)) else [value]) if isinstance(x, str))
    return ids


def named(G: nx.MultiDiGraph | Neo4jGraph, rows: list[dict]) -> list[dict]:
    """Rows with government codes, node ids and places replaced by names a planner reads
    (``64.02`` -> ``Pemerintah Kabupaten Kutai Kartanegara``); other values unchanged.

    >>> from queries._examples import tiny_graph, PU_KUKAR
    >>> named(tiny_graph(), [{"government": "64.02", "agency": PU_KUKAR, "place": "64.02.06", "pagu": 1.0}])
    [{'government': 'Pemerintah Kabupaten Kutai Kartanegara', 'agency': 'Dinas PUPR Kukar', 'place': 'Tenggarong (64.02.06)', 'pagu': 1.0}]
    """
    rows = list(rows)
    G = names_graph(G, _shown_ids(rows))

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


def names(G: nx.MultiDiGraph | Neo4jGraph, ids) -> list[str]:
    """The names of node ids, in order (an id not in the graph stands for itself)."""
    ids = list(ids)
    G = names_graph(G, ids)
    return [G.nodes[i].get("name", i) if i in G else i for i in ids]


def has_node(G: nx.MultiDiGraph | Neo4jGraph, nid: object) -> bool:
    """Whether `nid` is a node of the graph (or is stored in the database)."""
    if not isinstance(nid, str):
        return False
    return nid in (names_graph(G, [nid]) if isinstance(G, Neo4jGraph) else G)


def around(G: nx.MultiDiGraph | Neo4jGraph, ids, *, siblings_of: str | None = None) -> nx.MultiDiGraph:
    """What a drawing or a finding's detail reads of `ids`: the graph itself when it is in memory;
    from a database the nodes of `ids` (and `siblings_of` with what it is part of and the other parts
    of that), the links among them and the governments and agencies they name
    (`backends.neo4j_app.subgraph`)."""
    if not isinstance(G, Neo4jGraph):
        return G
    ids = set(ids)
    if siblings_of is not None:
        parents, children = neo4j_app.siblings(G, siblings_of)
        ids |= {siblings_of, *parents, *children}
    return neo4j_app.subgraph(G, ids)


def drawn_ids(result) -> list[str]:
    """The node ids a cascade or line-of-sight result draws (its nodes; its paths' nodes and the
    links that stopped them), or the ids of a list.

    >>> drawn_ids(["a", "b"])
    ['a', 'b']
    """
    if hasattr(result, "paths"):
        out = []
        for p in result.paths:
            out += [getattr(n, "id", n) for n in getattr(p, "nodes", p)]
            if getattr(p, "related", None):
                out.append(p.related)
        return list(dict.fromkeys(out))
    return [getattr(n, "id", n) for n in getattr(result, "nodes", result)]


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
