"""The .kgraph file: a saved graph opens equal; a file that is not one is a KaskadeError naming it."""
from __future__ import annotations

import gzip
import json

import pytest

from graph.build import GRAPH_FORMAT_VERSION
from graph.graph_file import GraphFileError, open_graph, save_graph
from base.errors import KaskadeError
from queries._examples import tiny_graph


def test_a_saved_graph_opens_equal_with_tuples_and_integer_years(tmp_path):
    G = tiny_graph()
    H = open_graph(save_graph(G, tmp_path / "tiny.kgraph"))
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert H.graph == G.graph
    line = next(d for _, d in H.nodes(data=True) if d["kind"] == "sub_kegiatan")
    assert isinstance(line["lokasi"], tuple)


HEADER = json.dumps({"format": "kaskade-graph", "version": GRAPH_FORMAT_VERSION, "graph": {}}).encode() + b"\n"


@pytest.mark.parametrize("content, fragment", [
    (b"PK\x03\x04 a zip", "not a Kaskade graph file"),
    (gzip.compress(b'{"format": "other"}\n'), "not a Kaskade graph file"),
    (gzip.compress(b'{"format": "kaskade-graph", "version": 99, "graph": {}}\n'), "graph version 99 is not supported"),
    (gzip.compress(b"\xff\xfe not utf-8"), "damaged or incomplete"),
    (gzip.compress(b"[1, 2]\n"), "damaged or incomplete"),
    (gzip.compress(HEADER + b'["n", "x", 5]\n'), "damaged or incomplete (line 2)"),
    (gzip.compress(HEADER + b'["e", "a", "b", "k", 5]\n'), "damaged or incomplete"),
    (gzip.compress(HEADER + b"[")[:-8], "damaged or incomplete"),
])
def test_a_file_that_is_no_graph_is_one_clear_error(tmp_path, content, fragment):
    path = tmp_path / "rencana.kgraph"
    path.write_bytes(content)
    with pytest.raises(GraphFileError) as err:
        open_graph(path)
    assert isinstance(err.value, KaskadeError)
    english, bahasa = err.value.text("en"), err.value.text("id")
    assert english.startswith("rencana.kgraph: ") and fragment in english
    # the Bahasa message is the catalogue's, with no English half beside it
    assert bahasa.startswith("rencana.kgraph: ") and fragment not in bahasa and str(err.value) == bahasa
