"""Open any data source as what the analyses take: the one entry the CLI and the app share.

A source is a Kaskade workbook (.xlsx), a CSV folder or .zip, a .json file, a SIPD export, a saved
``.kgraph``, or a Neo4j database named by a ``bolt://`` / ``neo4j://`` URI. No source means the
bundled sample. Facts a file does not state (the government, the year) are passed as keywords.
Settings are never read here: the CLI and the app read them and pass what they hold.

>>> opened = open_path(None)
>>> opened.is_sample, opened.graph.number_of_nodes() == sample_graph().number_of_nodes()
(True, True)
>>> opened.analysis is opened.graph
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from base.collector import LARGE, settle_large
from base.errors import CatalogueError, Issue, LoadError
from graph.build import build_graph
from graph.graph_file import is_graph_file, open_graph
from loaders import validate_path

__all__ = ["BACKENDS", "Connection", "Opened", "is_database", "open_path", "open_database", "sample_graph"]

BACKENDS = ("networkx", "neo4j")
_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


@dataclass(frozen=True)
class Connection:
    """How to reach a Neo4j server; the password is never shown (`name` leaves it out)."""

    uri: str | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None


@dataclass(frozen=True, eq=False)
class Opened:
    """An opened source: its networkx `graph` (None for a database not pulled), or the `store` the
    analyses run on, with the warnings of its validation."""

    name: str
    graph: nx.DiGraph | None = None
    store: Any = None
    warnings: tuple[Issue, ...] = ()
    is_sample: bool = False

    @property
    def analysis(self) -> Any:
        """What the analyses take (`backends.neo4j_analyses.run`): the store when there is one."""
        return self.graph if self.store is None else self.store


def is_database(source: str | Path | None) -> bool:
    """Whether `source` names a Neo4j server rather than a file.

    >>> is_database("bolt://127.0.0.1:7687"), is_database("rencana.xlsx")
    (True, False)
    """
    return source is not None and str(source).lower().startswith(_SCHEMES)


def sample_graph() -> nx.DiGraph:
    """The graph of the bundled, illustrative sample."""
    from kaskade.sample import sample_dataset

    return build_graph(sample_dataset())


def open_path(source: str | Path | None = None, *, backend: str = "networkx",
              connection: Connection | None = None, kode_pemda: str | None = None,
              tahun: int | None = None, kode_skpd: str | None = None, nama_skpd: str | None = None,
              tahun_awal: int | None = None, freeze_from: int = LARGE) -> Opened:
    """Open `source`: a data file or folder, a ``.kgraph``, a database URI, or None (the sample).

    With ``backend="neo4j"`` (or a URI as `source`) the store the `connection` names is opened and
    no file is read. Raises `LoadError` with every problem of a bad file, `KaskadeError` with one line
    otherwise (unknown backend, a file given with neo4j, an unreachable or empty database).
    `kode_pemda`, `tahun`, `kode_skpd`, `nama_skpd` and `tahun_awal` are the facts a file may not state.
    A graph of `freeze_from` nodes or more (a national one) is taken out of the garbage collector's
    later passes once opened (`base.collector.settle_large`): this process-wide step is taken here, at
    the one entry the CLI and the app share, never inside the library's builders.
    """
    opened = _open(source, backend=backend, connection=connection, kode_pemda=kode_pemda, tahun=tahun,
                   kode_skpd=kode_skpd, nama_skpd=nama_skpd, tahun_awal=tahun_awal)
    if opened.graph is not None:
        settle_large(opened.graph.number_of_nodes(), freeze_from)
    return opened


def _open(source: str | Path | None, *, backend: str, connection: Connection | None, kode_pemda: str | None,
          tahun: int | None, kode_skpd: str | None, nama_skpd: str | None, tahun_awal: int | None) -> Opened:
    if backend not in BACKENDS:
        raise CatalogueError("open.unknown_backend", backend=backend, choices=" | ".join(BACKENDS))
    if is_database(source):
        given = connection or Connection()
        connection = Connection(str(source), given.user, given.password, given.database)
        backend = "neo4j"
    elif backend == "neo4j" and source is not None and str(source) != "":
        raise CatalogueError("open.pushed_data_only", name=Path(source).name)
    if backend == "neo4j":
        return open_database(connection or Connection())
    if source is None or str(source) == "":
        return Opened("", sample_graph(), is_sample=True)
    path = Path(source)
    if is_graph_file(path) and path.is_file():
        return Opened(path.name, open_graph(path))
    report = validate_path(path, kode_pemda=kode_pemda, tahun=tahun, kode_skpd=kode_skpd, nama_skpd=nama_skpd,
                           tahun_awal=tahun_awal)
    if not report.ok:
        raise LoadError([*report.errors, *report.warnings])
    return Opened(path.name, build_graph(report.dataset), warnings=tuple(report.warnings))


def open_database(connection: Connection) -> Opened:
    """The Neo4j store `connection` names, checked to hold a Kaskade graph; the caller closes
    ``opened.store``. A refused login or an empty database is a `KaskadeError` with one line."""
    from neo4j.exceptions import DriverError, Neo4jError

    from backends.neo4j_store import StoreError, connect, counts, safe_uri

    store = connect(connection.uri, connection.user, connection.password, connection.database)
    name = f"Neo4j {safe_uri(connection.uri or '')}" + (f" ({connection.database})" if connection.database else "")
    try:
        stored = counts(store)
    except (DriverError, Neo4jError) as exc:
        store.close()
        # FalkorDB answers a refused login only here, with its one error code
        raise StoreError("open.refused", name=name, error=getattr(exc, "code", None) or type(exc).__name__) from None
    if not stored:
        store.close()
        raise CatalogueError("open.empty_database", name=name)
    return Opened(name, store=store)
