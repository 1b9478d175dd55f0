"""The backend setting: the CLI and the app, pointed at the database holding the pushed sample
(``--backend neo4j`` or KASKADE_BACKEND=neo4j), show what they show on the embedded graph.

The database is the FalkorDB (or NEO4J_URI) server of tests/falkordb_server.py; the sample is sent
to it with ``kaskade push``, as a planner would.
"""
from __future__ import annotations

import json
import socket
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from streamlit import config
from streamlit.testing.v1 import AppTest

from backends.neo4j_store import StoreError, clear, counts, push
import app_lib.state as app_state
from app_lib.data import data_summary
from cli.main import main
from cli.analyses import COMMANDS
from kaskade import settings
from kaskade.open import BACKENDS, open_path, sample_graph
from kaskade.sample import sample_dataset
from loaders import write_dataset
from base.errors import KaskadeError
from queries import mandates, orphans, overlaps
from tests.test_cli_analyses import COMMAND_ARGS

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TIMEOUT = 120

FINDINGS_TABLES = {
    "overview": ("overview.coverage", "overview.governments"),
    "orphans": ("orphans",),
    "mandates": ("mandates.conflicts", "mandates.overlaps", "mandates.duplicates"),
}


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> str:
    return str(write_dataset(sample_dataset(), tmp_path_factory.mktemp("backend") / "sample.json"))


@pytest.fixture(scope="module")
def pushed(bolt_server, sample_file) -> dict[str, str]:
    """The database emptied and the sample pushed with `kaskade push`; returns the NEO4J_* settings."""
    clear(bolt_server.graph)
    env = {"NEO4J_URI": bolt_server.uri, "NEO4J_USER": bolt_server.user, "NEO4J_PASSWORD": bolt_server.password,
           "NEO4J_DATABASE": bolt_server.database or ""}
    result = CliRunner().invoke(main, ["push", sample_file], env=env)
    assert result.exit_code == 0, result.output
    G = sample_graph()
    stored = counts(bolt_server.graph)
    assert sum(n for k, n in stored.items() if not k.isupper()) == G.number_of_nodes()
    return env


def cli(*args, **env):
    return CliRunner().invoke(main, [str(a) for a in args], env={"KASKADE_BACKEND": None, **env})


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- kaskade.open.open_path -----------------------------------------------------------------------

def test_open_path_gives_the_file_graph_with_networkx(sample_file):
    opened = open_path(sample_file, backend="networkx")
    assert opened.analysis is opened.graph
    assert nx.utils.graphs_equal(opened.graph, sample_graph())


@pytest.mark.parametrize("backend, path, fragment, english", [
    ("mysql", None, "backend 'mysql' tidak dikenal", "unknown backend 'mysql'"),
    ("neo4j", "rencana.xlsx", "kaskade push", "not a file"),
])
def test_open_path_refuses_with_one_line(backend, path, fragment, english):
    with pytest.raises(KaskadeError) as raised:
        open_path(path, backend=backend)
    assert fragment in str(raised.value) and "\n" not in str(raised.value)
    assert english in raised.value.text("en") and english not in str(raised.value)


def test_open_path_on_an_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError, match="tidak dapat dihubungi") as raised:
        open_path(f"bolt://127.0.0.1:{_closed_port()}")
    assert "unreachable" in raised.value.text("en")


def test_open_path_on_an_empty_database_says_to_push(pushed, bolt_server):
    clear(bolt_server.graph)
    try:
        with pytest.raises(KaskadeError, match="kaskade push"):
            open_path(backend="neo4j", connection=settings.connection(pushed))
    finally:
        push(sample_graph(), bolt_server.graph)


# --- the CLI ---------------------------------------------------------------------------------------

def test_every_analysis_command_has_the_backend_option():
    for command in COMMANDS:
        option = next(p for p in command.params if p.name == "backend")
        assert tuple(option.type.choices) == BACKENDS, command.name


# Each command connects anew, and FalkorDB makes a new connection wait for the driver's timeout
# (tests/falkordb_server.py), so four commands stand for all: cascade has ROOT after the left-out PATH.
@pytest.mark.parametrize("name", ["orphans", "mandates", "overlaps", "cascade"])
def test_neo4j_json_is_the_networkx_json(pushed, sample_file, name):
    embedded = cli(name, sample_file, *COMMAND_ARGS[name], "--format", "json")
    stored = cli(name, *COMMAND_ARGS[name], "--backend", "neo4j", "--format", "json", **pushed)
    assert embedded.exit_code == 0 and stored.exit_code == 0, stored.output
    assert json.loads(embedded.output)
    assert stored.output == embedded.output


def test_kaskade_backend_setting_is_the_default(pushed, sample_file):
    embedded = cli("mandates", sample_file, "--year", "2025", "--format", "json")
    stored = cli("mandates", "--year", "2025", "--format", "json", KASKADE_BACKEND="neo4j", **pushed)
    assert stored.exit_code == 0, stored.output
    assert stored.output == embedded.output


@pytest.mark.parametrize("args, env, fragment", [
    (["orphans", "--backend", "neo4j"], {"NEO4J_URI": "bolt://127.0.0.1:{port}"}, "tidak dapat dihubungi"),
    (["orphans", "--backend", "neo4j", "--lang", "en"], {"NEO4J_URI": "bolt://127.0.0.1:{port}"}, "unreachable"),
    (["orphans", "--backend", "neo4j"], {"NEO4J_URI": None}, "NEO4J_URI"),
    (["orphans", "{data}", "--backend", "neo4j"], {}, "kaskade push"),
    (["orphans"], {}, "Missing argument 'PATH'"),
])
def test_backend_errors_are_one_line_and_exit_2(sample_file, args, env, fragment):
    port = _closed_port()
    env = {k: v.format(port=port) if v else v for k, v in env.items()}
    result = cli(*[a.format(data=sample_file) for a in args], **env)
    assert result.exit_code == 2
    error = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and fragment in error[0], result.output
    assert "Traceback" not in result.output


def test_a_wrong_password_is_one_line_without_the_password(pushed):
    result = cli("orphans", "--backend", "neo4j", **{**pushed, "NEO4J_PASSWORD": "salah-sandi"})
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and ("menolak" in lines[0] or "login ditolak" in lines[0]), result.output
    assert "salah-sandi" not in result.output


# --- the app ---------------------------------------------------------------------------------------

def test_query_runs_the_analyses_and_the_counts_on_the_store(pushed, bolt_server):
    loaded = app_state.Loaded(None, "no copy", "test:routing", store=bolt_server.graph)
    assert loaded.backend == "neo4j"
    G = sample_graph()
    assert app_state.query(loaded, orphans) == orphans(G)
    assert app_state.query(loaded, mandates) == mandates(G)
    assert app_state.query(loaded, data_summary).sub_kegiatan == data_summary(G).sub_kegiatan > 0


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    config.set_option("client.showErrorDetails", "full")
    at.run(timeout=TIMEOUT)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def _shown(at: AppTest, page: str) -> tuple[dict, dict]:
    """The metrics and the findings tables (as data frames) a page shows."""
    return ({m.label: m.value for m in at.metric},
            {key: at.get_by_key(key).dataframe[0].value for key in FINDINGS_TABLES[page]})


@pytest.mark.parametrize("page", sorted(FINDINGS_TABLES))
def test_the_app_on_neo4j_shows_the_embedded_findings(pushed, monkeypatch, page):
    monkeypatch.delenv("KASKADE_DATA", raising=False)
    monkeypatch.setenv("KASKADE_BACKEND", "networkx")
    metrics, tables = _shown(_open(page), page)
    monkeypatch.setenv("KASKADE_BACKEND", "neo4j")
    for key, value in pushed.items():
        monkeypatch.setenv(key, value)
    at = _open(page)
    data = at.session_state[app_state.DATA]
    assert data.backend == "neo4j" and not data.is_sample
    assert "Neo4j bolt://" in at.sidebar.caption[0].value and pushed["NEO4J_PASSWORD"] not in at.sidebar.caption[0].value
    stored_metrics, stored_tables = _shown(at, page)
    assert stored_metrics == metrics
    for key, frame in tables.items():
        pd.testing.assert_frame_equal(stored_tables[key], frame, obj=key)
    assert sum(len(frame) for frame in stored_tables.values()) > 0
    if page == "overview":
        G = sample_graph()
        assert stored_metrics["Temuan yatim"] == str(len(orphans(G)))
        assert stored_metrics["Tumpang tindih"] == str(len(overlaps(G)))


APP_PAGES = ("overview", "cascade", "orphans", "mandates", "who_where", "budget", "desk", "presentation", "data")


_SOURCE_CAPTIONS = ("Data: ", "Keputusan disimpan di", "Mesin analisis: ")


def _everything_shown(at: AppTest) -> tuple:
    """What a page shows a planner: its metrics, tables, captions and markdown (the captions naming
    the data source, the backend and where the desk keeps its decisions left out: they name the database)."""
    return ([(m.label, m.value) for m in at.metric], [frame.value for frame in at.dataframe],
            [c.value for c in at.main.caption if not c.value.startswith(_SOURCE_CAPTIONS)],
            [m.value for m in at.main.markdown])


@pytest.mark.parametrize("page", APP_PAGES)
def test_every_page_opens_on_neo4j_without_the_graph(pushed, monkeypatch, page):
    """Every page on the database shows what it shows on the embedded sample, while reading the
    whole graph (`pull`, an analysis's scope) fails: ``Loaded.graph`` is None."""
    import backends.neo4j_analyses as analyses
    import backends.neo4j_store as store

    monkeypatch.delenv("KASKADE_DATA", raising=False)
    monkeypatch.setenv("KASKADE_BACKEND", "networkx")
    expected = _everything_shown(_open(page))
    for key, value in pushed.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("KASKADE_BACKEND", "neo4j")

    def refuse(*args, **kwargs):
        raise AssertionError("the graph was read into networkx")

    monkeypatch.setattr(store, "read_scope", refuse)
    monkeypatch.setattr(analyses, "read_scope", refuse)
    at = _open(page)
    data = at.session_state[app_state.DATA]
    assert data.backend == "neo4j" and data.graph is None
    shown = _everything_shown(at)
    assert any(shown) or page == "presentation", "a page that shows nothing proves little"  # no saved views yet
    for a, b, what in zip(shown, expected, ("metrics", "tables", "captions", "markdown")):
        if what == "tables":
            assert len(a) == len(b)
            for x, y in zip(a, b):
                pd.testing.assert_frame_equal(x, y)
        else:
            assert a == b, what


def test_the_app_on_an_unreachable_database_says_so_and_shows_the_sample(monkeypatch):
    monkeypatch.delenv("KASKADE_DATA", raising=False)
    monkeypatch.setenv("KASKADE_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_closed_port()}")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run(timeout=TIMEOUT)
    assert not at.exception
    assert "Neo4j bolt://127.0.0.1" in at.error[0].value
    assert "tidak dapat dihubungi" in at.get_by_key("startup.issues").dataframe[0].value.iloc[0, -1]
    assert at.session_state[app_state.DATA].is_sample
