"""What the app reads of a stored graph besides the analyses, without pulling the graph: the
choices and counts of its pick lists and summary (grouped in the database), the names of the ids a
table shows, and the small subgraph a drawing or a finding's detail needs, read by id.

- `GOVERNMENTS`, `AGENCIES`, `LINES`, `COUNT`: the data summary, as counts per label and government;
- `BIDANG`, `THEMES`: the distinct bidang urusan of the work and themes of the lines; `CHOICES`: the nodes of one kind a selectbox
  offers (of one government or province and year), only the fields their label is made of;
- `NAMES`: the name of each id asked (one statement per label among the ids);
- `NODES` / `EDGES`: the nodes of the ids asked and their relationships, for `subgraph`, which adds
  the governments and agencies those nodes name; `SIBLINGS`: the other parts of a node's parent.

Every statement takes its values as parameters; the lint test reads them from `statements`.

>>> sorted(statements())[:4]
['agencies', 'bidang', 'choices', 'count']
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import networkx as nx

from backends.neo4j_cypher import BATCH, IS_WORK, batched, cypher, read_rows, unbatched, v
from backends.neo4j_store import LABELS, REL_TYPES, decode_props, read, read_in_chunks
from graph.build import GRAPH_FORMAT_VERSION
from graph.schema import EdgeKind, NodeKind, kind_of

__all__ = ["GOVERNMENTS", "AGENCIES", "LINES", "COUNT", "BIDANG", "THEMES", "CHOICES", "NAMES", "NODES", "EDGES", "SIBLINGS",
           "summary_rows", "bidang_codes", "themes", "choice_rows", "names_of", "by_label", "each_label", "subgraph",
           "siblings", "statements"]

GOVERNMENTS = cypher("MATCH (g:{government})\nRETURN g.kode AS kode, g.name AS name, g.level AS level")
AGENCIES = cypher("MATCH (a:{agency})\nRETURN a.pemda AS pemda, count(a) AS n")
LINES = cypher("MATCH (l:{line})\nRETURN l.pemda AS pemda, l.tahun AS tahun, count(l) AS n, sum(l.pagu) AS pagu")
COUNT = "MATCH (n:{label})\nRETURN count(n) AS n"
BIDANG = cypher("MATCH (w)\nWHERE {is_work} AND w.bidang IS NOT NULL\nRETURN DISTINCT w.bidang AS bidang",
                is_work=v(IS_WORK, "w"))
THEMES = cypher("MATCH (l:{line})\nUNWIND l.tema AS theme\nRETURN DISTINCT theme")
CHOICES = batched("""
MATCH (n:{label})
WHERE ($pemda IS NULL OR n.pemda = $pemda OR n.pemda STARTS WITH $prefix) AND ($year IS NULL OR n.tahun = $year)
RETURN n.id AS id, n.jenis AS jenis, n.code AS code, n.kode AS kode, n.name AS name, n.pemda AS pemda, n.tahun AS tahun
""".strip())
"""The nodes of one label (``{label}`` filled in) of a government or its province's ones, and a year."""
NAMES = batched("UNWIND $ids AS id MATCH (n:{label} {{id: id}})\nRETURN n.id AS id, n.name AS name")
NODES = batched("UNWIND $ids AS id MATCH (n:{label} {{id: id}})\nRETURN properties(n) AS props")
EDGES = batched("UNWIND $ids AS id MATCH (n:{label} {{id: id}})-[r]->(m)\n"
                "RETURN n.id AS source, type(r) AS type, m.id AS target, properties(r) AS props")
SIBLINGS = ("MATCH (n:{label} {{id: $id}})-[:" + REL_TYPES[EdgeKind.PART_OF] + "]->(p)\nOPTIONAL MATCH (p)<-[:"
            + REL_TYPES[EdgeKind.PART_OF] + "]-(c)\nWHERE c.id <> $id\nRETURN p.id AS parent, collect(DISTINCT c.id) AS children")


def summary_rows(store) -> dict:
    """What `app_lib.data.data_summary` counts, grouped in the database: the governments (kode, name,
    level), agencies per government, lines and pagu per government and year, and the numbers of
    agencies, priorities and targets."""
    count = {k: read(store, COUNT.format(label=LABELS[k]))[0]["n"]
             for k in (NodeKind.AGENCY, NodeKind.PRIORITY, NodeKind.TARGET)}
    return {"governments": read(store, GOVERNMENTS), "agencies": read(store, AGENCIES), "lines": read(store, LINES),
            "count": count}


def bidang_codes(store) -> set[str]:
    """The bidang urusan the work in the database belongs to."""
    return {r["bidang"] for r in read(store, BIDANG)}


def themes(store) -> set[str]:
    """Every theme named on a stored line."""
    return {str(r["theme"]) for r in read(store, THEMES)}


def choice_rows(store, kind: NodeKind, *, pemda: str | None = None, year: int | None = None) -> list[dict]:
    """The nodes of `kind` (of the government `pemda` or those below it, of `year`): id, jenis, code,
    kode, name, pemda, tahun."""
    statement = CHOICES.format(label=LABELS[kind])
    return read_rows(store, statement, pemda=pemda or None, prefix=f"{pemda}." if pemda else None, year=year)


def by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    """`ids` grouped by the label of their kind (ids of no known kind left out), each sorted."""
    out: dict[str, list[str]] = defaultdict(list)
    for nid in sorted(set(ids)):
        try:
            out[LABELS[kind_of(nid)]].append(nid)
        except ValueError:
            continue
    return out


def each_label(store, text: str, ids: Iterable[str], **fragments: str) -> list[dict]:
    """The rows of a `batched` statement of one label, run per label for the ids of that label."""
    found = []
    for label, of_label in sorted(by_label(i for i in ids if isinstance(i, str)).items()):
        statement = cypher(text, label=label, **fragments)
        found += unbatched(statement, read_in_chunks(store, statement, "ids", of_label, batch=BATCH))
    return found


def names_of(store, ids: Iterable[str]) -> dict[str, str | None]:
    """The name of every stored node among `ids` (an id not stored is left out)."""
    return {r["id"]: r["name"] for r in each_label(store, NAMES, ids)}


def _nodes(store, ids) -> list[tuple[str, dict]]:
    out = []
    for r in each_label(store, NODES, ids):
        attrs = decode_props(r["props"])
        out.append((attrs.pop("id"), attrs))
    return out


def subgraph(store, ids: Iterable[str], *, context: bool = True) -> nx.MultiDiGraph:
    """The stored nodes of `ids` and the relationships among them, as networkx (nodes and edges
    ordered by id, as `pull` orders them); with `context`, also the governments (``pemda:<kode>``)
    and agencies those nodes name, so names, levels and groups read as on the whole graph."""
    ids = {i for i in ids if isinstance(i, str)}
    nodes = _nodes(store, ids)
    if context:
        more = {f"pemda:{d['pemda']}" for _, d in nodes if d.get("pemda")}
        more |= {d["agency"] for _, d in nodes if isinstance(d.get("agency"), str)}
        nodes += _nodes(store, more - {n for n, _ in nodes})
    kept = {n for n, _ in nodes}
    kinds = {rel: kind.value for kind, rel in REL_TYPES.items()}
    edges = [(r["source"], r["target"], kinds[r["type"]], decode_props(r["props"]))
             for r in each_label(store, EDGES, kept) if r["target"] in kept and r["type"] in kinds]
    nodes.sort(key=lambda item: item[0])
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    G = nx.MultiDiGraph(format_version=GRAPH_FORMAT_VERSION)
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    return G


def siblings(store, nid: str) -> tuple[list[str], list[str]]:
    """What `nid` is part of (its kegiatan) and the other nodes part of it (the other sub kegiatan of
    its kegiatan), each by id."""
    try:
        label = LABELS[kind_of(nid)]
    except ValueError:
        return [], []
    found = read(store, SIBLINGS.format(label=label), id=nid)
    return sorted(r["parent"] for r in found), sorted({c for r in found for c in r["children"]})


def statements() -> dict[str, str]:
    """Every statement of this module by name, for one label each (for the lint test)."""
    line = LABELS[NodeKind.SUB_KEGIATAN]
    return {"governments": GOVERNMENTS, "agencies": AGENCIES, "lines": LINES, "count": COUNT.format(label=line),
            "bidang": BIDANG, "themes": THEMES, "choices": CHOICES.format(label=line), "names": cypher(NAMES, label=line),
            "nodes": cypher(NODES, label=line), "edges": cypher(EDGES, label=line),
            "siblings": SIBLINGS.format(label=line)}
