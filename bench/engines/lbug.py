"""LadybugDB (the maintained fork of Kùzu), side by side: the same files as node and relationship
tables loaded with COPY, the same questions in Cypher.

Files -> graph is: read the CSV folder with pyarrow, derive the node and edge tables with
vectorized pyarrow compute (the rules of `graph.build` the generated data uses: program and
kegiatan from the code, ids by `graph.schema.node_id`, funding from sumber dana, places, tautan
to ids, governments and codes), then ``COPY`` each Arrow table into an on-disk database. There is
no validation: the files are trusted, which the networkx engine does not do.

The answers are Cypher queries (`QUERIES`) over one ``Up`` relationship group holding the edges
that lead up the cascade (part-of, aligns-with, measures, mendukung with its status), the same
set `queries.index.GraphIndex.up` walks.

Run by `bench.run`: ``python -m bench.engines.lbug DATA --pn ID --line ID --out FILE``.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench.engines import Questions, Recorder, StepTimeout, engine_main
from bench.engines.floor import read_table

__all__ = ["SCHEMA", "QUERIES", "derive", "run"]

_AGREED = "disepakati"
_NATIONAL_JENIS = ("pn", "pp", "kp", "proyek_prioritas")
_BANKEU = r"bantuan\s+keuangan|bankeu"
_DAK = r"\bDAK\b|dana\s+alokasi\s+khusus"

SCHEMA = (
    "CREATE NODE TABLE Pemda(id STRING, kode STRING, PRIMARY KEY(id))",
    "CREATE NODE TABLE Wilayah(id STRING, kode STRING, PRIMARY KEY(id))",
    "CREATE NODE TABLE Agency(id STRING, kode_skpd STRING, pemda STRING, bidang STRING[], PRIMARY KEY(id))",
    "CREATE NODE TABLE Goal(id STRING, kind STRING, jenis STRING, pemda STRING, outcome BOOLEAN, PRIMARY KEY(id))",
    "CREATE NODE TABLE Indicator(id STRING, jenis STRING, outcome BOOLEAN, PRIMARY KEY(id))",
    "CREATE NODE TABLE Program(id STRING, code STRING, pemda STRING, tahun INT64, PRIMARY KEY(id))",
    "CREATE NODE TABLE Kegiatan(id STRING, code STRING, pemda STRING, tahun INT64, PRIMARY KEY(id))",
    (
        "CREATE NODE TABLE SubKegiatan(id STRING, code STRING, pemda STRING, tahun INT64, agency STRING, level STRING, "
        "own_level STRING, pagu DOUBLE, places STRING[], cover STRING[], PRIMARY KEY(id))"
    ),
    "CREATE NODE TABLE Nomenklatur(id STRING, PRIMARY KEY(id))",
    (
        "CREATE REL TABLE Up(FROM SubKegiatan TO Kegiatan, FROM Kegiatan TO Program, FROM Goal TO Goal, "
        "FROM Indicator TO Goal, FROM SubKegiatan TO Goal, FROM SubKegiatan TO Indicator, FROM Kegiatan TO Goal, "
        "FROM Kegiatan TO Indicator, FROM Program TO Goal, FROM Program TO Indicator, kind STRING, status STRING)"
    ),
    (
        "CREATE REL TABLE Funds(FROM Pemda TO SubKegiatan, FROM Pemda TO Kegiatan, FROM Pemda TO Program, "
        "FROM Pemda TO Pemda, jenis STRING, tahun INT64)"
    ),
    "CREATE REL TABLE LocatedIn(FROM SubKegiatan TO Wilayah)",
    "CREATE REL TABLE WilayahIn(FROM Wilayah TO Wilayah)",
    "CREATE REL TABLE Responsible(FROM Agency TO SubKegiatan)",
    "CREATE REL TABLE HasCode(FROM SubKegiatan TO Nomenklatur)",
)

_COUNTED = f"(r, n | WHERE r.status = '{_AGREED}')"
_TO_OUTCOME = f"(r, n | WHERE r.status = '{_AGREED}' AND NOT coalesce(n.outcome, false))"
_LEGIT = (
    "(f.tahun IS NULL OR f.tahun = s.tahun) AND ((f.jenis = 'bankeu' AND g.kode = substring(s.pemda, 1, 2) "
    "AND s.pemda <> g.kode) OR (f.jenis = 'dak' AND g.kode = '00'))"
)
QUERIES = {
    # lines with no up path to an outcome (a target, a priority, a non-output indicator); the walk
    # stops at the first outcome, so it only crosses work and output indicators (same answer, fast)
    "orphans": "MATCH (s:SubKegiatan)-[:Up* SHORTEST 1..30 " + _TO_OUTCOME + "]->(o) WHERE o.outcome "
               "WITH count(DISTINCT s) AS supported MATCH (t:SubKegiatan) "
               "WITH supported, count(t) AS total RETURN total - supported",
    # level digit not the government's own, and no bankeu from its province / DAK funding it
    "level conflicts": "MATCH (s:SubKegiatan)-[:Up]->(k:Kegiatan)-[:Up]->(p:Program) "
                       "WHERE s.own_level <> '' AND s.level <> s.own_level "
                       "AND NOT EXISTS { MATCH (g:Pemda)-[f:Funds]->(s) WHERE " + _LEGIT + " } "
                       "AND NOT EXISTS { MATCH (g:Pemda)-[f:Funds]->(k) WHERE " + _LEGIT + " } "
                       "AND NOT EXISTS { MATCH (g:Pemda)-[f:Funds]->(p) WHERE " + _LEGIT + " } "
                       "RETURN count(s)",
    # the same code, year, overlapping places (one contains the other), two agencies
    "overlaps": "MATCH (a:SubKegiatan)-[:HasCode]->(:Nomenklatur)<-[:HasCode]-(b:SubKegiatan) "
                "WHERE a.id < b.id AND a.tahun = b.tahun AND a.pemda <> '00' AND b.pemda <> '00' "
                "AND a.agency <> b.agency "
                "AND (list_has_any(a.places, b.cover) OR list_has_any(b.places, a.cover)) RETURN count(*)",
    "cascade from a PN": "MATCH (g:Goal {id: $pn})<-[:Up* SHORTEST 1..30 " + _COUNTED + "]-(s:SubKegiatan) "
                         "RETURN count(s)",
    "line of sight": "MATCH (s:SubKegiatan {id: $line})-[:Up* SHORTEST 1..30 " + _COUNTED + "]->(p:Goal) "
                     "WHERE p.kind = 'prioritas' AND NOT EXISTS { MATCH (p)-[u:Up]->() WHERE u.status = '"
                     + _AGREED + "' } RETURN count(p)",
}
_COUNT_OF = {"orphans": "orphans", "level conflicts": "level_conflicts", "overlaps": "overlap_pairs",
             "cascade from a PN": "cascade_lines", "line of sight": "line_of_sight_priorities"}


def _cat(*parts) -> pa.ChunkedArray:
    """Element-wise string concatenation of columns and literals."""
    return pc.binary_join_element_wise(*parts, "")


def _explode(table: pa.Table, column: str, keep: list[str]) -> pa.Table:
    """One row per item of a ``a; b`` list column (empty items dropped), with the `keep` columns."""
    lists = pc.split_pattern(table[column], "; ")
    parents = pc.list_parent_indices(lists)
    items = pc.list_flatten(lists)
    out = table.select(keep).take(parents).append_column("item", items)
    return out.filter(pc.not_equal(out["item"], ""))


def _distinct(table: pa.Table) -> pa.Table:
    return table.group_by(table.column_names, use_threads=False).aggregate([])


def _number(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Numbers as `loaders.write` writes them: decimal comma, empty for none."""
    text = pc.replace_substring(column, ",", ".")
    return pc.cast(pc.if_else(pc.equal(text, ""), "0", text), pa.float64())


def _edges(src, dst, **props) -> pa.Table:
    return pa.table({"from": src, "to": dst, **props})


def _up(src, dst, kind: str, status=None) -> pa.Table:
    n = len(src)
    status = pa.array([_AGREED] * n, pa.string()) if status is None else status
    return _edges(src, dst, kind=pa.array([kind] * n, pa.string()), status=status)


def _lookup(keys: pa.ChunkedArray, table: pa.Table, key: str, value: str) -> pa.ChunkedArray:
    """`value` of the `table` row whose `key` equals each of `keys` (null where none)."""
    at = pc.index_in(keys, value_set=table[key])
    return pc.take(table[value], at)


class _Edges:
    """Edge tables collected by (rel table, from table, to table), for one COPY each."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str, str], list[pa.Table]] = {}

    def add(self, rel: str, frm: str, to: str, table: pa.Table) -> None:
        if table.num_rows:
            self.parts.setdefault((rel, frm, to), []).append(table)

    def tables(self) -> dict[tuple[str, str, str], pa.Table]:
        return {key: pa.concat_tables(parts) for key, parts in self.parts.items()}


def derive(tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], dict[tuple[str, str, str], pa.Table]]:
    """Node tables by name, and edge tables by (rel table, from table, to table)."""
    edges = _Edges()
    lines, kegiatan, program = _work(tables["sub_kegiatan"], tables["program_kegiatan"], edges)
    goal, indicator, refs = _goals(tables["sasaran"], tables["indikator"], edges)
    _mendukung(tables["sub_kegiatan"], tables["program_kegiatan"], lines, refs, edges)
    governments = _funding(tables, lines, refs, program, edges)
    region = _places(tables["sub_kegiatan"], lines, governments, edges)
    pd_ = tables["perangkat_daerah"]
    agencies = pa.table({"id": _cat("perangkat_daerah:", pd_["kode_pemda"], "/", pd_["kode_skpd"]),
                         "kode_skpd": pd_["kode_skpd"], "pemda": pd_["kode_pemda"],
                         "bidang": pc.split_pattern(pd_["bidang"], "; ")})
    edges.add("Responsible", "Agency", "SubKegiatan", _edges(lines["agency"], lines["id"]))
    # a code node per province: lines of two provinces never share a place, so pairs are only
    # looked for inside one province (national lines have no places and never pair)
    code_here = _cat(lines["code"], "@", pc.utf8_slice_codeunits(lines["pemda"], 0, 2))
    edges.add("HasCode", "SubKegiatan", "Nomenklatur", _edges(lines["id"], code_here))
    nodes = {"Pemda": governments, "Wilayah": region, "Agency": agencies, "Goal": goal, "Indicator": indicator,
             "Program": program, "Kegiatan": kegiatan, "SubKegiatan": lines,
             "Nomenklatur": _distinct(pa.table({"id": code_here}))}
    return nodes, edges.tables()


def _work(sub: pa.Table, pk: pa.Table, edges: _Edges) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Lines with their places, and the kegiatan and programs their codes (and named rows) imply."""
    pemda, tahun, code = sub["kode_pemda"], sub["tahun"], sub["kode_sub_giat"]
    keg_code = pc.utf8_slice_codeunits(code, 0, 12)
    sid = _cat("sub_kegiatan:", pemda, "/", tahun, "/", sub["kode_skpd"], "/", code)
    own = pc.if_else(pc.equal(pemda, "00"), "", pc.if_else(pc.equal(pc.utf8_length(pemda), 2), "1", "2"))
    places = pc.if_else(pc.equal(sub["lokasi"], ""),  # no lokasi: the government's whole region
                        pc.if_else(pc.equal(pemda, "00"), pa.scalar([], pa.list_(pa.string())),
                                   pc.split_pattern(pemda, "; ")),
                        pc.split_pattern(sub["lokasi"], "; "))
    lines = pa.table({
        "id": sid, "code": code, "pemda": pemda, "tahun": pc.cast(tahun, pa.int64()),
        "agency": _cat("perangkat_daerah:", pemda, "/", sub["kode_skpd"]),
        "level": pc.utf8_slice_codeunits(code, 8, 9), "own_level": own, "pagu": _number(sub["pagu"]),
        "places": places, "cover": _covers(places),
    })
    depth = pc.utf8_length(pk["kode"])
    named_keg = pk.filter(pc.equal(depth, 12))
    kegiatan = _distinct(pa.concat_tables([
        pa.table({"code": keg_code, "pemda": pemda, "tahun": tahun}),
        pa.table({"code": named_keg["kode"], "pemda": named_keg["kode_pemda"], "tahun": named_keg["tahun"]}),
    ]))
    keg_program = pc.utf8_slice_codeunits(kegiatan["code"], 0, 7)
    named_prog = pk.filter(pc.equal(depth, 7))
    programs = _distinct(pa.concat_tables([
        pa.table({"code": keg_program, "pemda": kegiatan["pemda"], "tahun": kegiatan["tahun"]}),
        pa.table({"code": named_prog["kode"], "pemda": named_prog["kode_pemda"], "tahun": named_prog["tahun"]}),
    ]))
    kid = _cat("kegiatan:", kegiatan["pemda"], "/", kegiatan["tahun"], "/", kegiatan["code"])
    edges.add("Up", "SubKegiatan", "Kegiatan", _up(sid, _cat("kegiatan:", pemda, "/", tahun, "/", keg_code),
                                                   "bagian_dari"))
    edges.add("Up", "Kegiatan", "Program", _up(
        kid, _cat("program:", kegiatan["pemda"], "/", kegiatan["tahun"], "/", keg_program), "bagian_dari"))
    kegiatan_nodes = pa.table({"id": kid, "code": kegiatan["code"], "pemda": kegiatan["pemda"],
                               "tahun": pc.cast(kegiatan["tahun"], pa.int64())})
    program_nodes = pa.table({
        "id": _cat("program:", programs["pemda"], "/", programs["tahun"], "/", programs["code"]),
        "code": programs["code"], "pemda": programs["pemda"], "tahun": pc.cast(programs["tahun"], pa.int64()),
    })
    return lines, kegiatan_nodes, program_nodes


def _goals(sas: pa.Table, ind: pa.Table, edges: _Edges) -> tuple[pa.Table, pa.Table, pa.Table]:
    """National priorities and regional targets, their indicators, and the planner id -> node lookup."""
    national = pc.is_in(sas["jenis"], value_set=pa.array(_NATIONAL_JENIS))
    kind = pc.if_else(national, "prioritas", "sasaran")
    goal = pa.table({"id": _cat(kind, ":", sas["id"]), "kind": kind, "jenis": sas["jenis"],
                     "pemda": sas["kode_pemda"], "outcome": pa.array([True] * sas.num_rows)})
    indicator = pa.table({"id": _cat("indikator:", ind["id"]), "jenis": ind["jenis"],
                          "outcome": pc.not_equal(ind["jenis"], "keluaran")})
    refs = pa.concat_tables([
        pa.table({"ref": sas["id"], "nid": goal["id"], "table": pa.array(["Goal"] * sas.num_rows)}),
        pa.table({"ref": ind["id"], "nid": indicator["id"], "table": pa.array(["Indicator"] * ind.num_rows)}),
    ])
    with_induk = pa.table({"nid": goal["id"], "induk": sas["induk"]}).filter(pc.not_equal(sas["induk"], ""))
    edges.add("Up", "Goal", "Goal", _up(with_induk["nid"], _lookup(with_induk["induk"], refs, "ref", "nid"),
                                        "bagian_dari"))
    aligned = _explode(pa.table({"nid": goal["id"], "selaras": sas["selaras"]}), "selaras", ["nid"])
    edges.add("Up", "Goal", "Goal", _up(aligned["nid"], _lookup(aligned["item"], refs, "ref", "nid"), "selaras"))
    edges.add("Up", "Indicator", "Goal", _up(indicator["id"], _lookup(ind["milik"], refs, "ref", "nid"), "mengukur"))
    return goal, indicator, refs


def _mendukung(sub: pa.Table, pk: pa.Table, lines: pa.Table, refs: pa.Table, edges: _Edges) -> None:
    """The mendukung links of lines and of program / kegiatan rows, with their status."""
    _links(edges, "SubKegiatan", _explode(pa.table({"src": lines["id"], "mendukung": sub["mendukung"],
                                                    "status": sub["status"]}), "mendukung", ["src", "status"]), refs)
    depth = pc.utf8_length(pk["kode"])
    nid = pc.if_else(pc.equal(depth, 7), _cat("program:", pk["kode_pemda"], "/", pk["tahun"], "/", pk["kode"]),
                     _cat("kegiatan:", pk["kode_pemda"], "/", pk["tahun"], "/", pk["kode"]))
    links = _explode(pa.table({"src": nid, "depth": depth, "mendukung": pk["mendukung"], "status": pk["status"]}),
                     "mendukung", ["src", "depth", "status"])
    for size, table in ((7, "Program"), (12, "Kegiatan")):
        _links(edges, table, links.filter(pc.equal(links["depth"], size)).drop_columns(["depth"]), refs)


def _funding(tables: dict[str, pa.Table], lines: pa.Table, refs: pa.Table, program: pa.Table,
             edges: _Edges) -> pa.Table:
    """Funds edges from sumber dana (bankeu from the province, DAK from the centre) and tautan;
    returns the government nodes."""
    sub = tables["sub_kegiatan"]
    pemda, dana = sub["kode_pemda"], sub["sumber_dana"]
    bankeu = pc.and_(pc.match_substring_regex(dana, _BANKEU, ignore_case=True),
                     pc.not_equal(pc.utf8_length(pemda), 2))
    dak = pc.and_(pc.invert(bankeu), pc.match_substring_regex(dana, _DAK, ignore_case=True))
    funded = pc.and_(pc.or_(bankeu, dak), pc.not_equal(pemda, "00"))
    funder = pc.if_else(bankeu, pc.utf8_slice_codeunits(pemda, 0, 2), "00")
    edges.add("Funds", "Pemda", "SubKegiatan", pa.table({
        "from": _cat("pemda:", funder), "to": lines["id"], "jenis": pc.if_else(bankeu, "bankeu", "dak"),
        "tahun": lines["tahun"]}).filter(funded))
    money = _tautan(edges, tables["tautan"], refs, program)
    codes = [tables["pemda"]["kode_pemda"], pemda, pc.filter(funder, funded), money["dari"], money["ke"]]
    codes = _distinct(pa.table({"kode": pa.concat_arrays([pa.chunked_array(c).combine_chunks() for c in codes])}))
    return pa.table({"id": _cat("pemda:", codes["kode"]), "kode": codes["kode"]})


def _places(sub: pa.Table, lines: pa.Table, governments: pa.Table, edges: _Edges) -> pa.Table:
    """Located-in edges of lines, and the regions they name, with every region above them."""
    located = _explode(pa.table({"src": lines["id"], "lokasi": sub["lokasi"]}), "lokasi", ["src"])
    edges.add("LocatedIn", "SubKegiatan", "Wilayah", _edges(located["src"], _cat("wilayah:", located["item"])))
    regional = pc.filter(governments["kode"], pc.not_equal(governments["kode"], "00"))
    named = pa.concat_arrays([pa.chunked_array(located["item"]).combine_chunks(),
                              pa.chunked_array(regional).combine_chunks()])
    codes = _distinct(pa.table({"kode": pc.list_flatten(_covers(pc.split_pattern(named, "; ")))}))
    region = pa.table({"id": _cat("wilayah:", codes["kode"]), "kode": codes["kode"]})
    inner = region.filter(pc.greater(pc.utf8_length(region["kode"]), 2))
    edges.add("WilayahIn", "Wilayah", "Wilayah",
              _edges(inner["id"], _cat("wilayah:", pc.replace_substring_regex(inner["kode"], r"\.[0-9]+$", ""))))
    return region


def _covers(lists: pa.Array) -> pa.ListArray:
    """Per list of places: the places and every region containing one (``64.02.01`` -> also
    ``64.02``, ``64``), so "one place contains the other" becomes a list intersection."""
    if isinstance(lists, pa.ChunkedArray):
        lists = lists.combine_chunks()
    flat = pc.list_flatten(lists)
    parent = pc.list_parent_indices(lists)
    length = pc.utf8_length(flat)
    values, parents = [flat], [parent]
    for size in (2, 5, 8):
        longer = pc.greater(length, size)
        values.append(pc.utf8_slice_codeunits(pc.filter(flat, longer), 0, size))
        parents.append(pc.filter(parent, longer))
    values, parents = pa.concat_arrays(values), pa.concat_arrays(parents)
    order = pc.sort_indices(parents)
    counts = np.bincount(parents.take(order).to_numpy(), minlength=len(lists))
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), values.take(order))


def _links(edges: _Edges, frm: str, links: pa.Table, refs: pa.Table) -> None:
    """Mendukung edges from `frm` rows (src, status, item) to the goal or indicator each item names."""
    nid = _lookup(links["item"], refs, "ref", "nid")
    table = _lookup(links["item"], refs, "ref", "table")
    for to in ("Goal", "Indicator"):
        keep = pc.fill_null(pc.equal(table, to), False)
        edges.add("Up", frm, to, _up(pc.filter(links["src"], keep), pc.filter(nid, keep), "mendukung",
                                pc.filter(pc.if_else(pc.equal(links["status"], ""), _AGREED, links["status"]), keep)))


def _tautan(edges: _Edges, taut: pa.Table, refs: pa.Table, program: pa.Table) -> pa.Table:
    """Tautan rows the generator writes: a program (by code within its government and year)
    aligned with or supporting a target, and bantuan keuangan / DAK between governments (returned,
    as their ends are governments)."""
    handled = ("selaras", "mendukung", "bantuan_keuangan", "dak")
    other = pc.invert(pc.is_in(taut["relasi"], value_set=pa.array(handled)))
    if pc.any(other).as_py():
        raise ValueError(f"tautan relasi not handled by this ETL: {pc.unique(pc.filter(taut['relasi'], other))}")
    work = taut.filter(pc.is_in(taut["relasi"], value_set=pa.array(["selaras", "mendukung"])))
    src = _cat("program:", work["kode_pemda"], "/", work["tahun"], "/", work["dari"])
    dst = _lookup(work["ke"], refs, "ref", "nid")
    table = _lookup(work["ke"], refs, "ref", "table")
    exists = pc.is_in(src, value_set=program["id"])
    for relasi, kind in (("selaras", "selaras"), ("mendukung", "mendukung")):
        status = pc.if_else(pc.equal(work["status"], ""), _AGREED, work["status"]) if relasi == "mendukung" \
            else pa.array([_AGREED] * work.num_rows, pa.string())
        for to in ("Goal", "Indicator"):
            keep = pc.fill_null(pc.and_(pc.and_(pc.equal(work["relasi"], relasi), exists), pc.equal(table, to)), False)
            edges.add("Up", "Program", to, _up(pc.filter(src, keep), pc.filter(dst, keep), kind,
                                               pc.filter(status, keep)))
    money = taut.filter(pc.is_in(taut["relasi"], value_set=pa.array(["bantuan_keuangan", "dak"])))
    edges.add("Funds", "Pemda", "Pemda", pa.table({
        "from": _cat("pemda:", money["dari"]), "to": _cat("pemda:", money["ke"]),
        "jenis": pc.if_else(pc.equal(money["relasi"], "dak"), "dak", "bankeu"),
        "tahun": pc.cast(pc.if_else(pc.equal(money["tahun"], ""), None, money["tahun"]), pa.int64())}))
    return money


def _database_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(data: Path, q: Questions, rec: Recorder) -> None:
    import ladybug as lb

    with rec.step("read CSV (pyarrow)"):
        tables = {p.stem: read_table(p) for p in sorted(data.glob("*.csv"))}
    with rec.step("derive node and edge tables"):
        nodes, edges = derive(tables)
    del tables
    folder = Path(tempfile.mkdtemp(prefix="kaskade-lbug-"))
    try:
        with rec.step("COPY into the database"):
            db = lb.Database(str(folder / "db"))
            conn = lb.Connection(db)
            for statement in SCHEMA:
                conn.execute(statement)
            # COPY ... FROM arrow_table reads the Arrow table through this local variable's name
            for name, arrow_table in nodes.items():  # noqa: PERF102
                conn.execute(f"COPY {name} FROM arrow_table")
            for (rel, frm, to), arrow_table in edges.items():  # noqa: PERF102
                conn.execute(f"COPY {rel} FROM arrow_table (from='{frm}', to='{to}')")
        rec.add("files -> graph", rec.seconds("read CSV (pyarrow)", "derive node and edge tables",
                                              "COPY into the database"))
        n_nodes = sum(t.num_rows for t in nodes.values())
        n_edges = sum(t.num_rows for t in edges.values())
        rec.info["graph"] = f"{n_nodes:,} nodes, {n_edges:,} edges; database {_database_size(folder) / 1e6:,.0f} MB on disk"
        del nodes, edges
        rec.counts["sub_kegiatan"] = _scalar(conn, "MATCH (s:SubKegiatan) RETURN count(s)")
        if rec.step_limit:
            conn.set_query_timeout(int(rec.step_limit * 1000))
        params = {"pn": q.pn, "line": q.line}
        for step, query in QUERIES.items():
            kind = "query" if step in ("cascade from a PN", "line of sight") else "analysis"
            used = {k: v for k, v in params.items() if f"${k}" in query}
            value = rec.timed(step, partial(_ask, conn, query, used), kind=kind, alarm=False)
            if value is not None:
                rec.counts[_COUNT_OF[step]] = value
        rec.info["threads"] = "LadybugDB uses every core for COPY and queries; networkx uses one"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _ask(conn, query: str, params: dict) -> int:
    """One count; the database's own query timeout becomes a `StepTimeout`."""
    try:
        return _scalar(conn, query, params)
    except RuntimeError as exc:
        if "interrupt" in str(exc).lower() or "timeout" in str(exc).lower():
            raise StepTimeout from None
        raise


def _scalar(conn, query: str, params: dict | None = None) -> int:
    result = conn.execute(query, params or {})
    return int(result.get_next()[0])


if __name__ == "__main__":
    sys.exit(engine_main("ladybug", run))
