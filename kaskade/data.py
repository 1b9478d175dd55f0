"""Open any supported data path as a graph: the one entry the CLI and the app share.

A path is a Kaskade workbook (.xlsx), a CSV folder or .zip, a .json file, a SIPD export, or a saved
``.kgraph``. No path means the bundled sample. `analysis_graph` is what the analyses run on: that
graph, or, with the backend setting ``neo4j``, the database the NEO4J_* settings name.

>>> analysis_graph(backend="networkx").number_of_nodes() == sample_graph().number_of_nodes()
True
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.build import build_graph
from graph.graph_file import GraphFileError, is_graph_file, open_graph
from kaskade import settings
from loaders import load
from loaders.errors import Issue, KaskadeError, LoadError

__all__ = ["BACKENDS", "analysis_graph", "load_graph", "load_dataset", "sample_graph"]

BACKENDS = ("networkx", "neo4j")


def load_dataset(path: str | Path, *, kode_pemda: str | None = None, tahun: int | None = None):
    """The validated dataset of a file; raises LoadError with every problem."""
    return load(Path(path), kode_pemda=kode_pemda, tahun=tahun)


def sample_graph() -> nx.MultiDiGraph:
    from kaskade.sample import sample_dataset

    return build_graph(sample_dataset())


def load_graph(path: str | Path | None, *, kode_pemda: str | None = None, tahun: int | None = None) -> nx.MultiDiGraph:
    """The graph of a data path (None: the bundled sample). Errors are KaskadeError with a clear message."""
    if path is None or str(path) == "":
        return sample_graph()
    path = Path(path)
    if is_graph_file(path) and path.is_file():
        try:
            return open_graph(path)
        except GraphFileError as exc:
            raise LoadError([Issue(source=path.name, rule="file_type", message=str(exc), message_en=str(exc))]) from None
    return build_graph(load_dataset(path, kode_pemda=kode_pemda, tahun=tahun))



def analysis_graph(path: str | Path | None = None, *, backend: str | None = None, kode_pemda: str | None = None,
                   tahun: int | None = None):
    """What the analyses take: with backend ``networkx`` (default: the KASKADE_BACKEND setting) the
    graph of `path` (`load_graph`); with ``neo4j`` the database the NEO4J_* settings name, a
    `graph.neo4j_store.Neo4jGraph` the caller closes, holding data pushed before (so no `path`).
    An unknown backend, a path given with ``neo4j``, an unreachable server, a refused login or a
    database with no Kaskade graph is a KaskadeError with one line."""
    backend = backend or settings.get("backend")
    if backend == "networkx":
        return load_graph(path, kode_pemda=kode_pemda, tahun=tahun)
    if backend != "neo4j":
        raise KaskadeError(f"backend '{backend}' tidak dikenal, pilih {' atau '.join(BACKENDS)} / "
                           f"unknown backend, choose {' or '.join(BACKENDS)}")
    if path is not None and str(path) != "":
        raise KaskadeError(f"{Path(path).name}: backend neo4j membaca data yang sudah dikirim dengan "
                           f"'kaskade push' / the neo4j backend reads the data pushed with 'kaskade push', not a file")
    from neo4j.exceptions import DriverError, Neo4jError

    from graph.neo4j_store import StoreError, counts, open_store

    store = open_store()
    where = f"Neo4j {settings.get('neo4j_database') or ''}".rstrip()  # not the URI: it may hold a password
    try:
        stored = counts(store)
    except (DriverError, Neo4jError) as exc:
        store.close()
        # FalkorDB answers a refused login only here, with its one error code
        raise StoreError(f"{where}: server menolak, periksa NEO4J_USER dan NEO4J_PASSWORD / the server refused "
                         f"({getattr(exc, 'code', None) or type(exc).__name__}); check NEO4J_USER and "
                         f"NEO4J_PASSWORD") from None
    if not stored:
        store.close()
        raise KaskadeError(f"{where}: basis data belum berisi graf Kaskade, kirim dulu dengan 'kaskade push' / "
                           f"the database holds no Kaskade graph: send one with 'kaskade push'")
    return store
