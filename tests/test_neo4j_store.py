"""The Neo4j store against a real Bolt server (FalkorDB started by the fixture, or NEO4J_URI)."""
from __future__ import annotations

import os

import networkx as nx

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_graph
from graph.graph_file import open_graph
from backends.neo4j_store import (
    LABELS,
    REL_TYPES,
    Dialect,
    StoreError,
    clear,
    connect,
    counts,
    decode_props,
    encode_props,
    pull,
    push,
    statements,
)
from graph.schema import EdgeKind, NodeKind
from kaskade.sample import sample_dataset
from loaders.models import Dataset, PerangkatDaerah, SubKegiatan
from queries._examples import random_dataset, tiny_dataset


def _equal(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True)) == sorted(b.edges(keys=True, data=True))
    assert a.graph == b.graph


def test_every_kind_has_a_label_and_type():
    assert set(LABELS) == set(NodeKind) and set(REL_TYPES) == set(EdgeKind)
    assert len(set(LABELS.values())) == len(NodeKind) and len(set(REL_TYPES.values())) == len(EdgeKind)
    assert LABELS[NodeKind.SUB_KEGIATAN] == "SubKegiatan" and REL_TYPES[EdgeKind.PART_OF] == "PART_OF"


def test_statements_only_name_schema_labels_and_types():
    import re

    known = set(LABELS.values()) | set(REL_TYPES.values())
    for name, text in statements().items():
        used = set(re.findall(r"[:|]\s*([A-Z][A-Za-z_]*)\b", text))
        assert used <= known, (name, used - known)


@pytest.mark.parametrize("attrs", [
    {"kind": "indikator", "target": {2025: 1.5, 2026: "WTP"}, "baseline": None, "satuan": "%"},
    {"kind": "sub_kegiatan", "lokasi": (), "bidang": "1.03", "pagu": 0.0, "tahun": 2025},
    {"kind": "perangkat_daerah", "bidang": ("1.01", "2.22"), "name": "Dinas 'Pendidikan' \\ Kebudayaan"},
])
def test_encoding_round_trips_exactly(attrs):
    decoded = decode_props(encode_props(attrs))
    assert decoded == attrs
    assert {k: type(v) for k, v in decoded.items()} == {k: type(v) for k, v in attrs.items()}


@pytest.mark.parametrize("attrs", [{"bad key": 1}, {"id": "x"}, {"x": [1, 2]}, {"x": (1, "a")}, {"x": {1: [2]}}])
def test_unstorable_attributes_are_refused_with_the_node(attrs):
    with pytest.raises(StoreError, match="node:1"):
        encode_props(attrs, "node:1")


def test_push_then_pull_gives_the_sample_back(bolt_store):
    G = build_graph(sample_dataset())
    seen: list[tuple[int, int]] = []
    stats = push(G, bolt_store, progress=lambda done, total: seen.append((done, total)))
    assert (stats.nodes, stats.relationships) == (G.number_of_nodes(), G.number_of_edges())
    assert stats.rows_per_second > 0
    assert seen[-1] == (stats.rows, stats.rows) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    _equal(pull(bolt_store), G)


@pytest.mark.parametrize("name", ["Jum'at Bersih", "back\\slash \\", "dua\nbaris", "Kecamatan — Muara Kaman ü",
                                  "x'}) DETACH DELETE n //", "$rows"])
def test_names_travel_as_values_never_as_cypher(bolt_store, name):
    G = build_graph(tiny_dataset())
    line = next(n for n, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan")
    G.nodes[line]["name"] = name
    push(G, bolt_store)
    back = pull(bolt_store)
    assert back.nodes[line]["name"] == name
    _equal(back, G)


def test_second_push_changes_nothing(bolt_store):
    G = build_graph(sample_dataset())
    push(G, bolt_store, batch_size=1000)
    first = counts(bolt_store)
    push(G, bolt_store, batch_size=1000)
    assert counts(bolt_store) == first
    _equal(pull(bolt_store), G)
    assert sum(v for k, v in first.items() if k in LABELS.values()) == G.number_of_nodes()
    assert sum(v for k, v in first.items() if k in REL_TYPES.values()) == G.number_of_edges()


def _line(pemda: str, skpd: str, code: str, name: str, tahun: int = 2025, pagu: float = 1e8) -> SubKegiatan:
    return SubKegiatan(tahun=tahun, kode_pemda=pemda, kode_skpd=skpd, kode_sub_giat=code, nama_sub_giat=name,
                       pagu=pagu)


PU_KUKAR, PU_BERAU = "1.03.0.00.0.00.01.0000", "1.03.0.00.0.00.02.0000"


def _renja(lines: list[SubKegiatan]) -> Dataset:
    return Dataset(perangkat_daerah=[PerangkatDaerah(kode_skpd=PU_KUKAR, nama_skpd="Dinas PU Kukar", kode_pemda="64.02"),
                                     PerangkatDaerah(kode_skpd=PU_BERAU, nama_skpd="Dinas PU Berau", kode_pemda="64.03")],
                   sub_kegiatan=lines)


def test_a_new_renja_replaces_that_government_year_only(bolt_store):
    old = _renja([_line("64.02", PU_KUKAR, "1.03.10.2.01.0053", "Pembangunan Jalan"),
                  _line("64.02", PU_KUKAR, "1.03.10.2.01.0053", "Pembangunan Jalan", tahun=2026),
                  _line("64.03", PU_BERAU, "1.03.10.2.01.0053", "Pembangunan Jalan Berau")])
    push(build_graph(old), bolt_store)
    new_kukar_2025 = _renja([_line("64.02", PU_KUKAR, "1.03.10.2.01.0001", "Rehabilitasi Jalan", pagu=2e8)])
    push(build_graph(new_kukar_2025), bolt_store)
    G = pull(bolt_store)
    lines = sorted((d["pemda"], d["tahun"], d["code"]) for _, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan")
    assert lines == [("64.02", 2025, "1.03.10.2.01.0001"), ("64.02", 2026, "1.03.10.2.01.0053"),
                     ("64.03", 2025, "1.03.10.2.01.0053")]
    kukar_2025 = pull(bolt_store, pemda=["64.02"], tahun=[2025])
    assert kukar_2025.nodes["sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0001"]["pagu"] == 2e8
    assert "kegiatan:64.02/2025/1.03.10.2.01" in kukar_2025 and "kegiatan:64.02/2026/1.03.10.2.01" not in kukar_2025


def test_filtered_pull_is_the_graph_without_other_work(bolt_store):
    G = build_graph(sample_dataset())
    push(G, bolt_store)
    part = pull(bolt_store, pemda=["64.02"], tahun=[2025])
    work = {"program", "kegiatan", "sub_kegiatan"}
    keep = [n for n, d in G.nodes(data=True) if d["kind"] not in work or (d["pemda"], d["tahun"]) == ("64.02", 2025)]
    expected = nx.MultiDiGraph(G.subgraph(keep))
    expected.graph["years"] = [2025]
    assert any(d["kind"] == "sub_kegiatan" for _, d in part.nodes(data=True))
    _equal(part, expected)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_random_graphs_round_trip(bolt_server, seed):
    G = build_graph(random_dataset(seed))
    store = bolt_server.graph
    clear(store)
    push(G, store, batch_size=7)
    _equal(pull(store), G)


def test_falkordb_refuses_a_float_it_would_round(bolt_server, bolt_store):
    if not bolt_server.falkordb:
        pytest.skip("a limit of FalkorDB's Bolt layer only")
    G = build_graph(tiny_dataset())
    line = next(n for n, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan")
    G.nodes[line]["pagu"] = 0.1234567
    with pytest.raises(StoreError, match="6 desimal") as raised:
        push(G, bolt_store)
    assert "six decimals" in raised.value.text("en")
    assert counts(bolt_store) == {}


def test_wrong_password_is_one_line_without_the_password(bolt_server):
    with pytest.raises(StoreError) as err:
        connect(bolt_server.uri, bolt_server.user, "not-the-password-xyz", bolt_server.database)
    assert "\n" not in str(err.value) and "not-the-password-xyz" not in str(err.value)
    assert "login" in str(err.value)


def test_cli_push_with_a_wrong_password_is_one_line(bolt_server):
    import subprocess
    import sys

    env = dict(os.environ, NEO4J_URI=bolt_server.uri, NEO4J_USER=bolt_server.user,
               NEO4J_PASSWORD="not-the-password-xyz")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "push"], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "not-the-password-xyz" not in proc.stderr + proc.stdout


def test_unreachable_server_is_one_line():
    from tests.falkordb_server import _free_port

    uri = f"bolt://127.0.0.1:{_free_port('127.0.0.1')}"
    with pytest.raises(StoreError) as err:
        connect(uri, "neo4j", "secret-pw", timeout=1)
    assert "\n" not in str(err.value) and "secret-pw" not in str(err.value) and "127.0.0.1" in str(err.value)


def test_cli_push_and_pull(bolt_server, tmp_path):
    import click

    from cli.neo4j import register

    @click.group()
    def cli():
        pass

    register(cli)
    database = bolt_server.database
    env = {"NEO4J_URI": bolt_server.uri, "NEO4J_USER": bolt_server.user, "NEO4J_PASSWORD": bolt_server.password}
    clear(bolt_server.graph)
    runner = CliRunner()
    args = ["--database", database] if database else []
    pushed = runner.invoke(cli, ["push", *args], env=env)
    assert pushed.exit_code == 0, pushed.output
    assert "2.560 relasi ditulis" in pushed.output
    again = runner.invoke(cli, ["push", *args, "--lang", "en"], env=env)
    assert again.exit_code == 0 and "2,560 relationships written" in again.output, again.output
    assert not bolt_server.password or bolt_server.password not in pushed.output
    out = tmp_path / "kukar.kgraph"
    pulled = runner.invoke(cli, ["pull", *args, "--pemda", "64.02", "--tahun", "2025", str(out)], env=env)
    assert pulled.exit_code == 0, pulled.output
    G = open_graph(out)
    years = {(d["pemda"], d["tahun"]) for _, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan"}
    assert years == {("64.02", 2025)}


def test_cli_unreachable_server_is_a_one_line_error():
    import click

    from cli.neo4j import register
    from tests.falkordb_server import _free_port

    @click.group()
    def cli():
        pass

    register(cli)
    uri = f"bolt://127.0.0.1:{_free_port('127.0.0.1')}"
    result = CliRunner().invoke(cli, ["push", "--uri", uri, "--password", "hunter2"])
    assert result.exit_code != 0 and "hunter2" not in result.output
    assert result.output.strip().count("\n") == 0 and "Error" in result.output


def test_dialect_is_detected(bolt_server):
    if bolt_server.pid is None:
        pytest.skip("the server was not started by the fixture")
    assert bolt_server.graph.dialect is Dialect.FALKORDB


def test_a_failed_push_leaves_the_database_as_it_was(bolt_store):
    push(build_graph(sample_dataset()), bolt_store)
    before, stored = counts(bolt_store), pull(bolt_store)
    G = build_graph(sample_dataset())
    line = next(n for n, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan")
    G.nodes[line]["name"] = "x" * 1_000_000
    with pytest.raises(StoreError):
        push(G, bolt_store)
    assert counts(bolt_store) == before
    _equal(pull(bolt_store), stored)


def test_a_push_stopped_half_way_is_undone(bolt_store):
    """A push that stops after its first batch (a dropped connection, here a progress callback
    that raises) leaves the database as it was, on a server without multi-statement transactions too."""
    push(build_graph(sample_dataset()), bolt_store)
    before, stored = counts(bolt_store), pull(bolt_store)
    G = build_graph(tiny_dataset())

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        push(G, bolt_store, batch_size=3, progress=stop)
    assert counts(bolt_store) == before
    _equal(pull(bolt_store), stored)


def test_a_removed_induk_leaves_no_stale_relationship(bolt_store):
    data = sample_dataset()
    push(build_graph(data), bolt_store)
    child = next(s for s in data.sasaran if s.induk)
    changed = data.model_copy(update={"sasaran": [s.model_copy(update={"induk": None}) if s is child else s
                                                  for s in data.sasaran]})
    G = build_graph(changed)
    push(G, bolt_store)
    _equal(pull(bolt_store), G)
