"""`queries.overlaps`' near duplicates asked of the database: Cypher narrows the lines down to
those whose names can pair, Python scores distinct name texts and pairs only those lines.

`backends.neo4j_store.push` writes each sub kegiatan's name text (`TEXT`, from
`queries.names.texts_of`: lowercased, abbreviations spelled out, words sorted), so the database can
group lines by what the comparison sees.

1. `GROUPS` groups the selected lines outside the support programme (national ones left out) by
   year, province of a place and text, and returns one row per group: its key and whether it holds
   several codes. No line comes back.
2. Python scores the distinct texts with `queries.names.similar_texts` (the filter and scorer of
   the embedded analysis) and keeps the texts of the groups that can give a pair: one of several
   codes, or one with a similar text in the same year and province.
3. `LINES` reads every selected line of those texts (so each bucket of one text, year and kab/kota
   is whole, and a bucket too big to pair is named as in memory) with its places, government and
   agency, and the regional targets and outcome (hasil) indicators it reaches.
4. The embedded finder (`queries.overlaps`, kind ``near_duplicate``) runs on a graph of just
   those lines, their places, governments and agencies: the same pairs, places, scores and notes.
   Python drops the pairs a family finding holds when families are asked too (what the embedded
   finder does itself), and fills in the outcomes both lines reach from what `LINES` returned.

A graph pushed by a Kaskade before the texts were written has lines without `TEXT`:
`near_duplicates` then returns None and the caller computes the near duplicates on the scope read
into networkx, as before (pushing the data again makes it fast).

>>> sorted(statements())
['groups', 'lines']
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import networkx as nx

import queries
from backends.neo4j_cypher import BATCH, COUNTS, WORK, batched, cypher, parameters, unbatched, v
from backends.neo4j_store import TEXT, read, read_in_chunks
from graph.build import GRAPH_FORMAT_VERSION
from graph.schema import EdgeKind, GovLevel
from queries.filters import Filters
from queries.index import graph_index
from queries.names import similar_texts
from queries.results import Rows

__all__ = ["GROUPS", "LINES", "near_duplicates", "statements"]

GROUPS_BATCH = 48
"""Rows of `GROUPS` per record: a row is a short key, so more fit a record than `BATCH`."""

_SELECTED = """
MATCH (l:{line})
WHERE {work_l} AND l.pemda <> $national AND l.name IS NOT NULL{more}
WITH l, CASE WHEN l.program IS NULL OR l.program = $empty THEN left(l.code, 7) ELSE l.program END AS family
WHERE family IS NULL OR NOT family ENDS WITH $support"""

GROUPS = batched(cypher(_SELECTED + """
OPTIONAL MATCH (l)-[:{located_in}]->(r)
WITH l, collect(DISTINCT left(coalesce(r.code, r.kode), 2)) AS provinces
UNWIND CASE WHEN size(provinces) > 0 THEN provinces ELSE [left(l.pemda, 2)] END AS province
WITH l.tahun AS tahun, province, l.{name_text} AS text, count(DISTINCT coalesce(l.code, $empty)) AS codes
RETURN tahun, province, text, codes > 1 AS several
""", work_l=v(WORK, "l"), more="", name_text=TEXT))
"""Per year, province of a place (a line without a place: its government's) and text of the
selected lines outside the support programme: whether the group holds several codes."""

_NODE = ("{{id: {v}.id, kind: {v}.kind, code: {v}.code, kode: {v}.kode, name: {v}.name, pemda: {v}.pemda, "
         "agency: {v}.agency, tahun: {v}.tahun, pagu: {v}.pagu, program: {v}.program, province: {v}.province, "
         "bidang: {v}.bidang, level: {v}.level, jenis: {v}.jenis}}")

LINES = batched(cypher(_SELECTED + """
OPTIONAL MATCH (l)-[:{located_in}]->(r)
WITH l, collect(DISTINCT CASE WHEN r IS NULL THEN NULL ELSE {node_r} END) AS places
OPTIONAL MATCH q = (l)-[:{up}*1..]->(o)
WHERE (o:{target} OR (o:{indicator} AND o.jenis = $outcome_jenis)) AND {counts_q}
WITH l, places, collect(DISTINCT o.id) AS outcomes
OPTIONAL MATCH (g:{government} {{kode: l.pemda}})
OPTIONAL MATCH (a:{agency} {{id: l.agency}})
RETURN {node_l} AS line, places, CASE WHEN g IS NULL THEN NULL ELSE {node_g} END AS government,
       CASE WHEN a IS NULL THEN NULL ELSE {node_a} END AS agency, outcomes
""", work_l=v(WORK, "l"), more=f" AND l.{TEXT} IN $texts", node_r=v(_NODE, "r"), node_l=v(_NODE, "l"),
                    node_g=v(_NODE, "g"), node_a=v(_NODE, "a"), counts_q=v(COUNTS, "q")))
"""The selected lines outside the support programme whose text is in ``$texts``, each with its
places, government, agency and the goals it reaches (targets, outcome indicators)."""


def near_duplicates(store, filters: Filters | None = None, *, threshold: float = 90.0, max_pairs: int = 1000,
                    nomenclature=None, skip_family: bool = False) -> Rows | None:
    """The ``near_duplicate`` findings of `queries.overlaps` (unsorted) with its notes, or None when
    the stored lines have no `TEXT` (pushed by an older Kaskade). `skip_family` leaves out the pairs
    a family finding holds, as `queries.overlaps` does when families are asked too."""
    params = {**parameters(filters or Filters()), "support": ".01", "empty": ""}
    groups = unbatched(GROUPS, read(store, GROUPS, batch=GROUPS_BATCH, **params))
    if any(g["text"] is None for g in groups):
        return None
    wanted = _candidate_texts(groups, threshold)
    rows = unbatched(LINES, read_in_chunks(store, LINES, "texts", sorted(wanted), batch=BATCH, **params))
    G, outcomes = _lines_graph(rows)
    found = queries.overlaps(G, Filters(), kinds=("near_duplicate",), threshold=threshold, max_pairs=max_pairs,
                             nomenclature=nomenclature)
    idx = graph_index(G)
    kept = []
    for o in found:
        a, b = idx.pos[o.a_lines[0]], idx.pos[o.b_lines[0]]
        if skip_family and idx.family[a] == idx.family[b] and _upper(idx, a) != _upper(idx, b):
            continue
        kept.append(replace(o, shared_outcomes=tuple(sorted(outcomes[o.a_lines[0]] & outcomes[o.b_lines[0]]))))
    return Rows(kept, found.notes)


def _candidate_texts(groups: list[dict], threshold: float) -> set[str]:
    """The texts of the groups that can give a pair: several codes, or a similar text in the same
    year and province."""
    present = {(g["tahun"], g["province"], g["text"]) for g in groups}
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in similar_texts(sorted({g["text"] for g in groups}), threshold):
        partners[a].add(b)
        partners[b].add(a)
    return {g["text"] for g in groups
            if g["several"] or any((g["tahun"], g["province"], p) in present for p in partners[g["text"]])}


def _upper(idx, line: int) -> bool:
    """Whether a line's government is a province (as `queries.overlap_find` tells families apart)."""
    return idx.government_level(idx.label(idx.pemda[line])) is GovLevel.PROVINCE


def _attrs(node: dict) -> tuple[str, dict]:
    attrs = {k: tuple(x) if isinstance(x, list) else x for k, x in node.items() if x is not None}
    return attrs.pop("id"), attrs


def _lines_graph(rows: list[dict]) -> tuple[nx.MultiDiGraph, dict[str, set[str]]]:
    """The lines `LINES` returned as a graph with their places, governments and agencies (what the
    embedded near-duplicate finder reads), and the goals each line reaches."""
    G = nx.MultiDiGraph(format_version=GRAPH_FORMAT_VERSION)
    outcomes: dict[str, set[str]] = {}
    located = EdgeKind.LOCATED_IN.value
    for r in sorted(rows, key=lambda r: r["line"]["id"]):
        line, attrs = _attrs(r["line"])
        G.add_node(line, **attrs)
        outcomes[line] = set(r["outcomes"])
        for node in (r["government"], r["agency"], *r["places"]):
            if node is not None and node["id"] not in G:
                nid, node_attrs = _attrs(node)
                G.add_node(nid, **node_attrs)
        for place in sorted(p["id"] for p in r["places"]):
            G.add_edge(line, place, key=located)
    G.graph["years"] = sorted({d["tahun"] for _, d in G.nodes(data=True) if d.get("kind") == "sub_kegiatan"})
    return G, outcomes


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"groups": GROUPS, "lines": LINES}
