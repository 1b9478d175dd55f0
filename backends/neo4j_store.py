"""The Neo4j store: write the Kaskade graph to a Neo4j database over Bolt (`push`) and read it, or
the work of some governments and years, back into networkx (`pull`), with the official driver.

Labels and relationship types come only from the schema enums (`LABELS`, `REL_TYPES`: ``NodeKind.SUB_KEGIATAN``
-> ``SubKegiatan``, ``EdgeKind.PART_OF`` -> ``PART_OF``); every value travels as a query parameter.
Every node has the property ``id`` (its node id) and its attributes; attributes Neo4j cannot hold are
encoded so that ``pull(push(G))`` equals ``G`` node for node, edge for edge: a None attribute is
listed in ``kaskade_nulls``, a dict (indicator targets per year) is a JSON list of ``[key, value]``
pairs named in ``kaskade_dicts``, a tuple is a list. An edge's key is its kind, so its type gives it back.

`push` writes the uniqueness constraints first, then replaces every government-year present in
``G`` (its program, kegiatan and sub kegiatan nodes and their relationships are deleted) and the
relationships the other nodes of ``G`` point out with (to anything but work), then MERGEs nodes and
relationships with ``UNWIND $rows`` in batches, one statement per label and per (type, source
label, target label). Pushing the same graph twice leaves the same counts. A push is all or
nothing: every row is checked before the first statement; on Neo4j it is one transaction, on
FalkorDB (one statement per transaction) the part it touches is read first and written back when
a statement fails.

The same code also runs on FalkorDB, which speaks Bolt; where the two differ (`Dialect`):

- FalkorDB has no ``CREATE CONSTRAINT`` and no ``IF NOT EXISTS``: it gets ``CREATE INDEX FOR (n:L)
  ON (n.id)``, and an index that already exists is an error, which is ignored.
- FalkorDB's Bolt layer (4.x) writes the parameters into the query text: strings unescaped, floats
  with six decimals, all of it in a 4 KiB buffer (a longer one crashes the server). For FalkorDB
  strings are escaped before sending, batches are cut to fit the buffer, and a float that six
  decimals cannot carry exactly is refused (`StoreError`) rather than stored rounded.
- Transactions on FalkorDB are one statement each: BEGIN/COMMIT are accepted and ignored, and a
  statement sent inside one runs on the default graph, so FalkorDB gets auto-commit statements
  only. It takes the graph name from the first key of RUN's extra map, so every named database
  lands in one graph (``db``): one FalkorDB server holds one Kaskade graph.
- After a connection closes with GOODBYE, FalkorDB never serves the next connection that gets its
  socket number; auto-commit statements are therefore tried again when no connection could be had.
- FalkorDB's Bolt layer reports every error as ``Neo.DatabaseError.General.UnknownError`` and
  accepts any password.

>>> LABELS[NodeKind.SUB_KEGIATAN], REL_TYPES[EdgeKind.CONTRIBUTES_TO]
('SubKegiatan', 'CONTRIBUTES_TO')
>>> encode_props({"name": "Jalan", "lokasi": ("64.02",), "target": {2025: 1.5}, "satuan": None})
{'name': 'Jalan', 'lokasi': ['64.02'], 'target': '[[2025, 1.5]]', 'kaskade_nulls': ['satuan'], 'kaskade_dicts': ['target']}
>>> decode_props(encode_props({"lokasi": ("64.02",), "target": {2025: 1.5}, "satuan": None}))
{'lokasi': ('64.02',), 'target': {2025: 1.5}, 'satuan': None}
"""
from __future__ import annotations

import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from graph.build import GRAPH_FORMAT_VERSION
from graph.schema import ALLOWED, EdgeKind, NodeKind, kind_of
from base.errors import CatalogueError
from queries.names import texts_of

__all__ = [
    "LABELS",
    "REL_TYPES",
    "WORK_LABELS",
    "Dialect",
    "Neo4jGraph",
    "PushStats",
    "StoreError",
    "connect",
    "safe_uri",
    "dialect_of",
    "ensure_schema",
    "push",
    "pull",
    "counts",
    "clear",
    "read",
    "read_in_chunks",
    "read_scope",
    "scope_params",
    "with_parents",
    "NULLS",
    "DICTS",
    "TEXT",
    "encode_props",
    "decode_props",
    "statements",
]

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


LABELS: dict[NodeKind, str] = {k: _pascal(k.name) for k in NodeKind}
"""Node kind -> Neo4j label, derived from the enum member name (SUB_KEGIATAN -> SubKegiatan)."""
REL_TYPES: dict[EdgeKind, str] = {k: k.name for k in EdgeKind}
"""Edge kind -> relationship type, the enum member name (PART_OF)."""
_KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}
_KIND_OF_TYPE = {rel: kind for kind, rel in REL_TYPES.items()}
WORK_LABELS = tuple(LABELS[k] for k in (NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN))

if not all(_IDENT.fullmatch(x) for x in (*LABELS.values(), *REL_TYPES.values())):
    raise RuntimeError("a label or relationship type derived from graph.schema is not a plain identifier")

NULLS, DICTS = "kaskade_nulls", "kaskade_dicts"
TEXT = "kaskade_text"
"""A sub kegiatan's name as the near-duplicate check compares it (`queries.names.texts_of`: lowercased,
abbreviations spelled out, words sorted), written by `push` so the database can group lines by it;
not an attribute of the graph (`decode_props` drops it)."""
_RESERVED = frozenset({"id", NULLS, DICTS, TEXT})
_FALKOR_BUFFER = 4096
_FALKOR_MARGIN = 256
_FALKOR_ERROR = "Neo.DatabaseError.General.UnknownError"  # the only error FalkorDB's Bolt layer sends


class StoreError(CatalogueError):
    """The store cannot do what was asked: no server, refused login, data it cannot hold exactly."""


class Dialect(StrEnum):
    NEO4J = "neo4j"
    FALKORDB = "falkordb"


@dataclass(frozen=True, eq=False)
class Neo4jGraph:
    """A graph that lives in a database: the handle the analyses accept in place of a networkx graph."""

    driver: object
    database: str | None
    dialect: Dialect

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True)
class PushStats:
    """What one `push` wrote: rows are nodes plus relationships."""

    nodes: int
    relationships: int
    deleted: int
    seconds: float

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


# ---------------------------------------------------------------- statements

_CONSTRAINT = "CREATE CONSTRAINT kaskade_{name}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
_WORK_INDEX = "CREATE INDEX kaskade_{name}_pemda_tahun IF NOT EXISTS FOR (n:{label}) ON (n.pemda, n.tahun)"
_FALKOR_ID_INDEX = "CREATE INDEX FOR (n:{label}) ON (n.id)"
_FALKOR_WORK_INDEX = "CREATE INDEX FOR (n:{label}) ON (n.pemda, n.tahun)"
_PROBE = "CALL dbms.components() YIELD name RETURN name"
_MERGE_NODES = "UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"
_MERGE_EDGES = (
    "UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
    "MERGE (a)-[r:{type}]->(b) SET r = row.props"
)
_DELETE_WORK = (
    "UNWIND $keys AS key MATCH (n:{label}) WHERE n.pemda = key.pemda AND n.tahun = key.tahun "
    "WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
)
_DELETE_OUT = (
    "UNWIND $ids AS id MATCH (n:{label} {{id: id}})-[r]->(m) WHERE NOT ("
    + " OR ".join("m:" + label for label in WORK_LABELS) + ") WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
)
_DELETE_NODES = (
    "UNWIND $ids AS id MATCH (n:{label} {{id: id}}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
)
_DELETE_ALL = "MATCH (n:{label}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"
_COUNT_NODES = "MATCH (n:{label}) RETURN count(n) AS n"
_COUNT_EDGES = "MATCH ()-[r:{type}]->() RETURN count(r) AS n"
_KEEP = (
    "(NOT (" + " OR ".join("{v}:" + label for label in WORK_LABELS) + ") OR {v}.id IN $extra OR ($work AND "
    "($year IS NULL OR {v}.tahun = $year) AND ($tahun IS NULL OR {v}.tahun IN $tahun) AND "
    "($pemda IS NULL OR {v}.pemda IN $pemda) AND ($province IS NULL OR {v}.province = $province) AND "
    "($bidang IS NULL OR {v}.bidang IN $bidang)) OR ($programs AND {v}:" + LABELS[NodeKind.PROGRAM] + "))"
)
"""Which nodes a read keeps: every node that is not work; work named in ``$extra``; with ``$work``,
the work the filters select (a None filter selects all); with ``$programs``, every programme."""
_READ_NODES = "MATCH (n:{label}) WHERE " + _KEEP.format(v="n") + " RETURN properties(n) AS props"
_READ_EDGES = (
    "MATCH (a)-[r:{type}]->(b) WHERE " + _KEEP.format(v="a") + " AND " + _KEEP.format(v="b")
    + " RETURN a.id AS source, b.id AS target, properties(r) AS props"
)
_ANCESTORS = (
    "MATCH (n:{label} {{id: $id}}) OPTIONAL MATCH (n)-[:{part_of}*1..2]->(p) RETURN n.id AS id, collect(p.id) AS parents"
)


def _name(label: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", label).lower()


def _edge_statement(rel: str, source: str, target: str) -> str:
    return _MERGE_EDGES.format(type=rel, source=source, target=target)


def statements() -> dict[str, str]:
    """Every Cypher statement this module can send, by a readable name (for the lint test)."""
    out = {"probe": _PROBE}
    for label in LABELS.values():
        n = _name(label)
        out[f"ancestors_{n}"] = _ANCESTORS.format(label=label, part_of=REL_TYPES[EdgeKind.PART_OF])
        out[f"constraint_{n}"] = _CONSTRAINT.format(name=n, label=label)
        out[f"falkordb_index_{n}"] = _FALKOR_ID_INDEX.format(label=label)
        out[f"merge_{n}"] = _MERGE_NODES.format(label=label)
        out[f"delete_all_{n}"] = _DELETE_ALL.format(label=label)
        out[f"delete_out_{n}"] = _DELETE_OUT.format(label=label)
        out[f"delete_nodes_{n}"] = _DELETE_NODES.format(label=label)
        out[f"count_{n}"] = _COUNT_NODES.format(label=label)
        out[f"read_{n}"] = _READ_NODES.format(label=label)
    for label in WORK_LABELS:
        n = _name(label)
        out[f"index_{n}_pemda_tahun"] = _WORK_INDEX.format(name=n, label=label)
        out[f"falkordb_index_{n}_pemda_tahun"] = _FALKOR_WORK_INDEX.format(label=label)
        out[f"delete_work_{n}"] = _DELETE_WORK.format(label=label)
    for kind, pairs in ALLOWED.items():
        rel = REL_TYPES[kind]
        out[f"count_{rel.lower()}"] = _COUNT_EDGES.format(type=rel)
        out[f"read_{rel.lower()}"] = _READ_EDGES.format(type=rel)
        for src, dst in sorted(pairs):
            out[f"merge_{rel.lower()}_{src.value}_{dst.value}"] = _edge_statement(rel, LABELS[src], LABELS[dst])
    return out


# ---------------------------------------------------------------- encoding

def _scalar(v: object) -> bool:
    return v is None or isinstance(v, (bool, int, float, str))


def encode_props(attrs: dict, where: str = "") -> dict:
    """Node or edge attributes as Neo4j properties (see the module docstring); a value Neo4j
    cannot hold exactly raises StoreError naming `where` and the attribute."""
    props: dict = {}
    nulls: list[str] = []
    dicts: list[str] = []
    for key, value in attrs.items():
        if not isinstance(key, str) or not _IDENT.fullmatch(key) or key in _RESERVED:
            raise StoreError("store.attribute_name", where=where, name=key)
        if value is None:
            nulls.append(key)
        elif isinstance(value, (bool, int, float, str)):
            props[key] = value
        elif isinstance(value, tuple) and _homogeneous(value):
            props[key] = list(value)
        elif isinstance(value, dict) and all(_scalar(k) and _scalar(v) for k, v in value.items()):
            props[key] = json.dumps([[k, v] for k, v in value.items()], ensure_ascii=False)
            dicts.append(key)
        else:
            raise StoreError("store.attribute_value", where=where, name=key, type=type(value).__name__)
    if nulls:
        props[NULLS] = nulls
    if dicts:
        props[DICTS] = dicts
    return props


def _homogeneous(items: tuple) -> bool:
    kinds = {bool if isinstance(x, bool) else type(x) for x in items}
    return len(kinds) <= 1 and kinds <= {bool, int, float, str}


def decode_props(props: dict) -> dict:
    """The attributes `encode_props` stored, exactly (lists become tuples)."""
    props = dict(props)
    props.pop(TEXT, None)
    nulls = props.pop(NULLS, None) or ()
    dicts = set(props.pop(DICTS, None) or ())
    attrs: dict = {}
    for key, value in props.items():
        if key in dicts:
            attrs[key] = {k: v for k, v in json.loads(value)}
        elif isinstance(value, list):
            attrs[key] = tuple(value)
        else:
            attrs[key] = value
    for key in nulls:
        attrs[key] = None
    return attrs


# ---------------------------------------------------------------- FalkorDB parameter text

def _falkor_escape(value: object, where: str) -> object:
    """A parameter value FalkorDB's Bolt layer pastes into the query text and reads back exactly."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, float) and not isinstance(value, bool):
        if not math.isfinite(value) or float(f"{value:f}") != value:
            raise StoreError("store.six_decimals", where=where, value=repr(value))
        return value
    if isinstance(value, list):
        return [_falkor_escape(v, where) for v in value]
    if isinstance(value, dict):
        return {k: _falkor_escape(v, where) for k, v in value.items()}
    return value


def _falkor_size(value: object) -> int:
    """Bytes FalkorDB's Bolt layer writes for a parameter value (an upper bound)."""
    if value is None:
        return 4
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(str(value))
    if isinstance(value, float):
        return len(f"{value:f}")
    if isinstance(value, str):
        return len(value.encode("utf-8")) + 2
    if isinstance(value, list):
        return 2 + sum(_falkor_size(v) + 2 for v in value)
    if isinstance(value, dict):
        return 2 + sum(len(k) + 4 + _falkor_size(v) for k, v in value.items())
    return len(str(value)) + 2


# ---------------------------------------------------------------- connection

def connect(uri: str | None = None, user: str | None = None, password: str | None = None,
            database: str | None = None, *, timeout: float = 5.0) -> Neo4jGraph:
    """Open the database the arguments name (the caller reads the settings: NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE). A refused login or an unreachable server raises StoreError
    with one line that never contains the password."""
    import neo4j
    from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

    if not uri:
        raise StoreError("store.no_uri")
    user = user if user is not None else "neo4j"
    password = password or ""
    shown = safe_uri(uri)
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout,
                                            connection_acquisition_timeout=2 * timeout)
    except (ValueError, ConfigurationError) as exc:
        raise StoreError("store.bad_uri", uri=shown, error=type(exc).__name__) from None
    try:
        dialect = dialect_of(driver, database)
        if dialect is Dialect.FALKORDB:
            # FalkorDB refuses a login with the same opaque error its dialect probe gets, so a
            # plain statement tells a working FalkorDB from a refused one.
            try:
                _autocommit(driver, database, "RETURN 1 AS ok", {})
            except Neo4jError:
                raise AuthError("FalkorDB refused the statement") from None
    except AuthError:
        driver.close()
        raise StoreError("store.auth", uri=shown, user=user) from None
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise StoreError("store.unreachable", uri=shown, error=type(exc).__name__) from None
    except Neo4jError as exc:
        driver.close()
        raise StoreError("store.refused", uri=shown, code=exc.code,
                         reason=(exc.message or '').splitlines()[0] if exc.message else exc.code) from None
    return Neo4jGraph(driver, database, dialect)


def safe_uri(uri: str) -> str:
    """`uri` without a ``user:password@`` part, to show.

    >>> safe_uri("bolt://neo4j:secret@127.0.0.1:7687")
    'bolt://127.0.0.1:7687'
    """
    return re.sub(r"//[^@/]*@", "//", uri)


def dialect_of(driver, database: str | None) -> Dialect:
    """Neo4j answers ``dbms.components()``; FalkorDB, which also calls itself Neo4j over Bolt, does not.
    The probe is one auto-commit statement tried three times, so a dead server fails in seconds."""
    from neo4j.exceptions import DatabaseError

    try:
        _autocommit(driver, database, _PROBE, {})
        return Dialect.NEO4J
    except DatabaseError as exc:
        if exc.code == _FALKOR_ERROR:
            return Dialect.FALKORDB
        raise


def _graph_args(graph_or_driver, database: str | None) -> tuple[object, str | None, Dialect]:
    if isinstance(graph_or_driver, Neo4jGraph):
        return graph_or_driver.driver, graph_or_driver.database, graph_or_driver.dialect
    return graph_or_driver, database, dialect_of(graph_or_driver, database)


def _read(driver, database: str | None, dialect: Dialect, statement: str, params: dict) -> list[dict]:
    if dialect is Dialect.FALKORDB:
        return _autocommit(driver, database, statement, params)
    with driver.session(database=database) as session:
        return session.execute_read(lambda tx: [r.data() for r in tx.run(statement, params)])


def _write(driver, database: str | None, dialect: Dialect, statement: str, params: dict) -> list[dict]:
    if dialect is Dialect.FALKORDB:
        return _autocommit(driver, database, statement, params)
    with driver.session(database=database) as session:
        return session.execute_write(lambda tx: [r.data() for r in tx.run(statement, params)])


def _autocommit(driver, database: str | None, statement: str, params: dict, attempts: int = 3) -> list[dict]:
    """One auto-commit statement (FalkorDB reads the graph name from RUN only). A connection the
    server never served fails before anything is sent, so the statement is tried again."""
    from neo4j.exceptions import ServiceUnavailable

    params = _falkor_escape(params, "query")
    for attempt in range(attempts):
        try:
            with driver.session(database=database) as session:
                return [r.data() for r in session.run(statement, params)]
        except ServiceUnavailable:
            if attempt == attempts - 1:
                raise
    return []


def with_parents(graph: Neo4jGraph, nid: str) -> list[str]:
    """`nid` and, for a kegiatan or sub kegiatan, its kegiatan and programme (ids of stored nodes)."""
    try:
        label = LABELS[kind_of(nid)]
    except ValueError:
        return [nid]
    statement = _ANCESTORS.format(label=label, part_of=REL_TYPES[EdgeKind.PART_OF])
    found = [nid]
    for record in read(graph, statement, id=nid):
        found.extend(p for p in record["parents"] if p)
    return found


def read(graph: Neo4jGraph, statement: str, **params) -> list[dict]:
    """Run one read statement (parameters only, never pasted text) and return its records as dicts."""
    return _read(graph.driver, graph.database, graph.dialect, statement, params)


def read_in_chunks(graph: Neo4jGraph, statement: str, name: str, values: list, **params) -> list[dict]:
    """`read` once per batch of `values` given as the list parameter `name` (FalkorDB's batches fit
    its 4 KiB parameter buffer); nothing is read for no values."""
    budget = statement + "".join(str(v) for v in params.values())
    found: list[dict] = []
    for batch in _batches(list(values), budget, 1000, graph.dialect):
        found += read(graph, statement, **params, **{name: batch})
    return found


def _batches(rows: list[dict], statement: str, batch_size: int, dialect: Dialect) -> Iterator[list[dict]]:
    if dialect is Dialect.NEO4J:
        for start in range(0, len(rows), batch_size):
            yield rows[start:start + batch_size]
        return
    budget = _FALKOR_BUFFER - _FALKOR_MARGIN - len(statement.encode("utf-8"))
    batch: list[dict] = []
    used = 0
    for row in rows:
        size = _falkor_size(row) + 2
        if size > budget:
            raise StoreError("store.row_too_large", row=row.get('id') or row.get('source'))
        if batch and (used + size > budget or len(batch) >= batch_size):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += size
    if batch:
        yield batch


# ---------------------------------------------------------------- schema, push, pull

def ensure_schema(graph_or_driver, database: str | None = None) -> None:
    """Uniqueness of ``id`` per label and a (pemda, tahun) index on work labels; safe to repeat."""
    from neo4j.exceptions import DatabaseError

    driver, database, dialect = _graph_args(graph_or_driver, database)
    for label in LABELS.values():
        n = _name(label)
        if dialect is Dialect.NEO4J:
            _write(driver, database, dialect, _CONSTRAINT.format(name=n, label=label), {})
            if label in WORK_LABELS:
                _write(driver, database, dialect, _WORK_INDEX.format(name=n, label=label), {})
            continue
        todo = [_FALKOR_ID_INDEX] + ([_FALKOR_WORK_INDEX] if label in WORK_LABELS else [])
        for template in todo:
            try:
                _write(driver, database, dialect, template.format(label=label), {})
            except DatabaseError:
                pass  # FalkorDB refuses an index that exists, and its Bolt layer hides the reason


def _node_rows(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = defaultdict(list)
    for nid, attrs in G.nodes(data=True):
        kind = attrs.get("kind") or _kind(nid)
        try:
            label = LABELS[NodeKind(kind)]
        except ValueError:
            raise StoreError("store.unknown_kind", node=nid, kind=kind) from None
        rows[label].append({"id": nid, "props": {"id": nid, **encode_props(attrs, nid)}})
    named = [r["props"] for r in rows.get(LABELS[NodeKind.SUB_KEGIATAN], []) if isinstance(r["props"].get("name"), str)]
    for props, text in zip(named, texts_of([p["name"] for p in named])):
        props[TEXT] = text
    return rows


def _kind(nid: str) -> str:
    try:
        return kind_of(nid).value
    except ValueError:
        raise StoreError("store.no_kind", node=nid) from None


def _edge_rows(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict]]:
    rows: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    label_of = {nid: LABELS[NodeKind(attrs.get("kind") or _kind(nid))] for nid, attrs in G.nodes(data=True)}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        try:
            rel = REL_TYPES[EdgeKind(key)]
        except ValueError:
            raise StoreError("store.edge_key", edge=f"{u} -> {v}", key=key) from None
        rows[(rel, label_of[u], label_of[v])].append(
            {"source": u, "target": v, "props": encode_props(attrs, f"{u} -> {v}")})
    return rows


@dataclass(frozen=True)
class _Step:
    """One statement of a push with its parameters; a `repeat` step runs until it deletes fewer
    than ``$limit`` rows; `rows` counts towards the progress."""

    statement: str
    params: dict
    repeat: bool = False
    rows: int = 0


def _work_keys(G: nx.MultiDiGraph) -> list[dict]:
    keys = sorted({(d["pemda"], d["tahun"]) for _, d in G.nodes(data=True)
                   if d.get("kind") in ("program", "kegiatan", "sub_kegiatan")})
    return [{"pemda": p, "tahun": t} for p, t in keys]


def _delete_steps(G: nx.MultiDiGraph, keys: list[dict], batch_size: int, dialect: Dialect) -> list[_Step]:
    """The government-years of `G` go, and so do the relationships its other nodes point out with
    to anything but work (the file says where they point now: no stale ``PART_OF`` after an
    ``induk`` is removed). Edges to the work of years not in `G` stay."""
    steps = []
    for label in WORK_LABELS:
        statement = _DELETE_WORK.format(label=label)
        steps += [_Step(statement, {"keys": chunk, "limit": batch_size}, repeat=True)
                  for chunk in _batches(keys, statement, 500, dialect)]
    for label, ids in sorted(_other_ids(G).items()):
        statement = _DELETE_OUT.format(label=label)
        rows = [{"id": i} for i in ids]
        steps += [_Step(statement, {"ids": [r["id"] for r in chunk], "limit": batch_size}, repeat=True)
                  for chunk in _batches(rows, statement, 500, dialect)]
    return steps


def _other_ids(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Ids of the nodes of `G` that are not work, by label."""
    out: dict[str, list[str]] = defaultdict(list)
    for nid, attrs in G.nodes(data=True):
        label = LABELS[NodeKind(attrs.get("kind") or _kind(nid))]
        if label not in WORK_LABELS:
            out[label].append(nid)
    return out


def _merge_steps(G: nx.MultiDiGraph, batch_size: int, dialect: Dialect) -> list[_Step]:
    """Every node and relationship of `G` as MERGE batches; raises StoreError for a value or a row
    the server cannot hold, before anything is sent."""
    node_rows = _node_rows(G)
    edge_rows = _edge_rows(G)
    jobs = [(_MERGE_NODES.format(label=label), rows) for label, rows in sorted(node_rows.items())]
    jobs += [(_edge_statement(*group), rows) for group, rows in sorted(edge_rows.items())]
    steps = []
    for statement, rows in jobs:
        if dialect is Dialect.FALKORDB:
            for row in rows:
                _falkor_escape(row, row.get("id") or f"{row.get('source')} -> {row.get('target')}")
        steps += [_Step(statement, {"rows": batch}, rows=len(batch))
                  for batch in _batches(rows, statement, batch_size, dialect)]
    return steps


def _run_steps(run: Callable[[str, dict], list[dict]], steps: list[_Step],
               progress: Callable[[int, int], None] | None = None) -> int:
    """Send `steps` through `run`; the number of nodes or relationships deleted."""
    total = sum(s.rows for s in steps)
    done = deleted = 0
    for step in steps:
        while True:
            got = run(step.statement, step.params)
            n = got[0]["deleted"] if step.repeat and got else 0
            deleted += n
            if not step.repeat or n < step.params["limit"]:
                break
        if step.rows:
            done += step.rows
            if progress:
                progress(done, total)
    return deleted


def push(G: nx.MultiDiGraph, driver, database: str | None = None, batch_size: int = 5000,
         progress: Callable[[int, int], None] | None = None) -> PushStats:
    """Write `G` to the database (`driver` may also be a `Neo4jGraph`), all or nothing: each
    government-year of ``G`` replaces the one stored, and the other nodes of ``G`` get exactly the
    relationships ``G`` gives them. Every row is encoded and checked before anything is sent (a
    value the server cannot hold raises StoreError with the database untouched). On Neo4j the
    deletions and every batch of `batch_size` rows run in one transaction; FalkorDB commits each
    statement, so the part of the database a push touches is read first and written back if a
    statement fails. `progress(done, total)` is called after every batch."""
    if batch_size < 1:
        raise StoreError("store.batch_size")
    driver, database, dialect = _graph_args(driver, database)
    start = time.perf_counter()
    keys = _work_keys(G)
    merges = _merge_steps(G, batch_size, dialect)
    deletes = _delete_steps(G, keys, batch_size, dialect)
    graph = Neo4jGraph(driver, database, dialect)
    ensure_schema(graph)
    if dialect is Dialect.NEO4J:
        deleted = _in_one_transaction(driver, database, deletes + merges, progress)
    else:
        before = read_scope(graph, scope_params(pemda={k["pemda"] for k in keys}, tahun={k["tahun"] for k in keys}))
        try:
            deleted = _run_steps(lambda st, p: _autocommit(driver, database, st, p), deletes + merges, progress)
        except BaseException:
            _restore(graph, G, before, keys, batch_size)
            raise
    return PushStats(nodes=G.number_of_nodes(), relationships=G.number_of_edges(), deleted=deleted,
                     seconds=time.perf_counter() - start)


def _in_one_transaction(driver, database: str | None, steps: list[_Step],
                        progress: Callable[[int, int], None] | None) -> int:
    """Every step in one explicit transaction: committed whole or rolled back whole."""
    with driver.session(database=database) as session:
        tx = session.begin_transaction()
        try:
            deleted = _run_steps(lambda st, p: [r.data() for r in tx.run(st, p)], steps, progress)
            tx.commit()
        except BaseException:
            if not tx.closed():
                tx.rollback()
            raise
    return deleted


def _restore(graph: Neo4jGraph, G: nx.MultiDiGraph, before: nx.MultiDiGraph, keys: list[dict],
             batch_size: int) -> None:
    """Undo a push that failed half-way on FalkorDB: what it deleted or added goes, and the part
    of `before` it touched (the work of its government-years, its other nodes and their edges)
    is written back."""
    wanted = {(k["pemda"], k["tahun"]) for k in keys}
    work = set(WORK_LABELS)
    touched = {n for n, d in before.nodes(data=True)
               if (LABELS[NodeKind(d["kind"])] in work and (d.get("pemda"), d.get("tahun")) in wanted)
               or (n in G and LABELS[NodeKind(d["kind"])] not in work)}
    added = nx.MultiDiGraph()
    added.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n not in before)
    steps = _delete_steps(G, keys, batch_size, graph.dialect)
    for label, ids in sorted(_other_ids(added).items()):
        statement = _DELETE_NODES.format(label=label)
        steps += [_Step(statement, {"ids": [r["id"] for r in chunk], "limit": batch_size}, repeat=True)
                  for chunk in _batches([{"id": i} for i in ids], statement, 500, graph.dialect)]
    back = nx.MultiDiGraph()
    back.add_nodes_from((n, before.nodes[n]) for n in touched)
    for u, v, k, d in before.edges(keys=True, data=True):
        if u in touched or v in touched:
            back.add_node(u, **before.nodes[u])
            back.add_node(v, **before.nodes[v])
            back.add_edge(u, v, key=k, **d)
    steps += _merge_steps(back, batch_size, graph.dialect)
    try:
        _run_steps(lambda st, p: _autocommit(graph.driver, graph.database, st, p), steps)
    except Exception as exc:
        raise StoreError("store.restore_failed", error=type(exc).__name__) from exc


def clear(graph_or_driver, database: str | None = None, batch_size: int = 10000) -> int:
    """Delete every Kaskade node and relationship; returns the number of nodes deleted."""
    driver, database, dialect = _graph_args(graph_or_driver, database)
    deleted = 0
    for label in LABELS.values():
        while True:
            got = _write(driver, database, dialect, _DELETE_ALL.format(label=label), {"limit": batch_size})
            n = got[0]["deleted"] if got else 0
            deleted += n
            if n < batch_size:
                break
    return deleted


def counts(graph_or_driver, database: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type (zero counts left out)."""
    driver, database, dialect = _graph_args(graph_or_driver, database)
    out = {}
    for label in LABELS.values():
        n = _read(driver, database, dialect, _COUNT_NODES.format(label=label), {})[0]["n"]
        if n:
            out[label] = n
    for rel in REL_TYPES.values():
        n = _read(driver, database, dialect, _COUNT_EDGES.format(type=rel), {})[0]["n"]
        if n:
            out[rel] = n
    return out


def scope_params(*, pemda: Iterable[str] | None = None, tahun: Iterable[int] | None = None,
                  year: int | None = None, province: str | None = None, bidang: Iterable[str] | None = None,
                  work: bool = True, extra: Iterable[str] = (), programs: bool = False) -> dict:
    """The parameters of the ``read_*`` statements: an empty or None filter selects everything;
    `work` False reads no work but the `extra` ids; `programs` reads every programme too."""
    return {"pemda": _listed(pemda), "tahun": _listed(tahun), "year": year, "province": province,
            "bidang": _listed(bidang), "work": work, "extra": list(extra), "programs": programs}


def _listed(values: Iterable | None) -> list | None:
    values = list(values) if values is not None else []
    return values or None


def pull(driver, database: str | None = None, *, pemda: Iterable[str] | None = None,
         tahun: Iterable[int] | None = None) -> nx.MultiDiGraph:
    """The stored graph as networkx, or only the work (program, kegiatan, sub kegiatan) of the
    governments `pemda` and years `tahun`: every other node (plans, targets, indicators, agencies,
    regions, governments) is always read whole, so the cascade above the chosen work is complete."""
    driver, database, dialect = _graph_args(driver, database)
    return read_scope(Neo4jGraph(driver, database, dialect), scope_params(pemda=pemda, tahun=tahun))


def read_scope(graph: Neo4jGraph, params: dict) -> nx.MultiDiGraph:
    """The nodes a scope keeps (see `_KEEP`) and the relationships between them, as networkx."""
    nodes: list[tuple[str, dict]] = []
    for label in LABELS.values():
        for record in read(graph, _READ_NODES.format(label=label), **params):
            attrs = decode_props(record["props"])
            nodes.append((attrs.pop("id"), attrs))
    edges = []
    for kind, rel in REL_TYPES.items():
        for record in read(graph, _READ_EDGES.format(type=rel), **params):
            edges.append((record["source"], record["target"], kind.value, decode_props(record["props"])))
    nodes.sort(key=lambda item: item[0])
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    G = nx.MultiDiGraph(format_version=GRAPH_FORMAT_VERSION)
    G.add_nodes_from(nodes)
    G.add_edges_from(edges)
    G.graph["years"] = sorted({d["tahun"] for _, d in G.nodes(data=True) if d.get("kind") == "sub_kegiatan"})
    return G
