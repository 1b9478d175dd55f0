"""Save a built graph and open it again: the ``.kgraph`` file (gzip-compressed JSON lines).

Line 1 is a header ``{"format": "kaskade-graph", "version": 2, "graph": {...}}``; then one line per node
``["n", id, {attrs}]`` and one per edge ``["e", source, target, key, {attrs}]``. Tuples are stored as
JSON lists and indicator targets with string years; `open_graph` restores both, so
``open_graph(save_graph(G, p))`` equals ``G`` node for node, edge for edge. See docs/graph-file.md.

>>> import tempfile, pathlib, networkx as nx
>>> G = nx.MultiDiGraph(format_version=1)
>>> G.add_node("wilayah:64", kind="wilayah", name="Kalimantan Timur")
>>> p = save_graph(G, pathlib.Path(tempfile.mkdtemp()) / "g.kgraph")
>>> dict(open_graph(p).nodes(data=True))
{'wilayah:64': {'kind': 'wilayah', 'name': 'Kalimantan Timur'}}
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import networkx as nx

from graph.build import GRAPH_FORMAT_VERSION
from graph.schema import NodeKind
from base.errors import CatalogueError

__all__ = ["save_graph", "open_graph", "is_graph_file", "GraphFileError", "SUFFIX"]

SUFFIX = ".kgraph"
_MAGIC = b"\x1f\x8b"
_TUPLE_ATTRS = ("lokasi", "bidang", "tema")


class GraphFileError(CatalogueError, ValueError):
    """A file that is not a readable Kaskade graph; its text (either language) names the file and the reason."""


def is_graph_file(path: str | Path) -> bool:
    return Path(path).suffix == SUFFIX


def save_graph(G: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=3) as f:
        header = {"format": "kaskade-graph", "version": GRAPH_FORMAT_VERSION, "graph": G.graph}
        f.write(json.dumps(header, ensure_ascii=False) + "\n")
        for n, attrs in G.nodes(data=True):
            # a sub kegiatan's attributes are a view onto the graph's line table (graph.lines)
            f.write(json.dumps(["n", n, attrs if attrs.__class__ is dict else dict(attrs)], ensure_ascii=False) + "\n")
        for u, v, k, attrs in G.edges(keys=True, data=True):
            f.write(json.dumps(["e", u, v, k, attrs], ensure_ascii=False) + "\n")
    return path


def _restore(attrs: dict) -> dict:
    for name in _TUPLE_ATTRS:
        if isinstance(attrs.get(name), list):
            attrs[name] = tuple(attrs[name])
    if attrs.get("kind") == NodeKind.INDICATOR.value and isinstance(attrs.get("target"), dict):
        attrs["target"] = {int(y): v for y, v in attrs["target"].items()}
    return attrs


def open_graph(path: str | Path) -> nx.MultiDiGraph:
    """Read a ``.kgraph`` file; a file that is not one raises GraphFileError with the reason."""
    path = Path(path)
    with open(path, "rb") as raw:
        if raw.read(2) != _MAGIC:
            raise GraphFileError("graph_file.not_graph", name=path.name)
    line = 1
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            header = json.loads(f.readline())
            if header.get("format") != "kaskade-graph":
                raise GraphFileError("graph_file.not_graph", name=path.name)
            if header.get("version") != GRAPH_FORMAT_VERSION:
                raise GraphFileError("graph_file.version", name=path.name, version=str(header.get("version")),
                                     supported=GRAPH_FORMAT_VERSION)
            G = nx.MultiDiGraph(**header["graph"])
            nodes, edges = [], []
            for line, text in enumerate(f, start=2):
                item = json.loads(text)
                if item[0] == "n":
                    nodes.append((item[1], _restore(item[2])))
                else:
                    edges.append((item[1], item[2], item[3], item[4]))
        G.add_nodes_from(nodes)
        G.add_edges_from(edges)
    except GraphFileError:
        raise
    # text that is not UTF-8 or JSON (ValueError), or lines of the wrong shape
    except (OSError, EOFError, ValueError, IndexError, KeyError, TypeError, AttributeError):
        raise GraphFileError("graph_file.damaged", name=path.name, line=line) from None
    return G
