"""Open any supported data path as a graph: the one entry the CLI and the app share.

A path is a Kaskade workbook (.xlsx), a CSV folder or .zip, a .json file, a SIPD export, or a saved
``.kgraph``. No path means the bundled sample.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.build import build_graph
from graph.graph_file import GraphFileError, is_graph_file, open_graph
from loaders import load
from loaders.errors import Issue, LoadError

__all__ = ["load_graph", "load_dataset", "sample_graph"]


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

