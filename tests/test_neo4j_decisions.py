"""Desk decisions with the Neo4j backend, on a real Bolt server (FalkorDB started by the tests): kept
in the database, applied to the stored links every analysis reads, undone, listed, and taken by two
processes at once without loss."""
from __future__ import annotations

import json
import multiprocessing

import pytest
from click.testing import CliRunner

from backends.neo4j_analyses import run
from backends.neo4j_decisions import Neo4jDecisionStore
from backends.neo4j_store import connect, push
from base.errors import KaskadeError
from cli.main import main
from graph.build import build_graph
from queries import desk

from tests.desk_cases import CANDIDATE, PLANTED_GAPS, REJECTED, planted_dataset


@pytest.fixture
def stored(bolt_store):
    push(build_graph(planted_dataset()), bolt_store)
    decisions = Neo4jDecisionStore(bolt_store)
    decisions.clear()
    yield bolt_store, decisions
    decisions.clear()


def _support(store) -> dict[tuple[str, str], str]:
    return {(s.source, s.target): s.status for s in run(desk, store, "1.03", province="64", year=2025).support()}


def test_the_planted_gaps_are_found_in_the_database(stored):
    store, _ = stored
    gaps = {(g.target, g.reason) for g in run(desk, store, "1.03", province="64", year=2025).gaps()}
    assert PLANTED_GAPS <= gaps


def test_decisions_set_the_stored_status_and_undo_puts_it_back(stored):
    store, decisions = stored
    first = decisions.decide(*REJECTED, "disepakati", who="Rina", note="dicek", base="ditolak")
    assert first.previous == "ditolak" and _support(store)[REJECTED] == "disepakati"
    proposal = decisions.decide(CANDIDATE, "indikator:KKR-S4-I1", "usulan", who="Budi", base=None)
    assert proposal.previous is None and _support(store)[(CANDIDATE, "indikator:KKR-S4-I1")] == "usulan"
    assert [(d.id, d.status, d.who) for d in decisions.decisions()] == [(first.id, "disepakati", "Rina"),
                                                                        (proposal.id, "usulan", "Budi")]
    decisions.undo(*REJECTED, who="Rina")
    decisions.undo(CANDIDATE, "indikator:KKR-S4-I1", who="Budi")
    support = _support(store)
    assert support[REJECTED] == "ditolak" and (CANDIDATE, "indikator:KKR-S4-I1") not in support
    assert [d.undone_by for d in decisions.history(*REJECTED)] == ["Rina"]


def test_a_link_the_schema_forbids_is_refused(stored):
    _, decisions = stored
    with pytest.raises(KaskadeError):
        decisions.decide("indikator:KTM-S5-I1", "indikator:KTM-S5-I2", "disepakati", who="Rina")


def test_a_decision_on_a_node_not_stored_writes_nothing(stored):
    """Deciding is one statement: with an end missing, neither the decision nor a link is written,
    and the counter does not move (the next decision is number 1)."""
    store, decisions = stored
    with pytest.raises(KaskadeError) as err:
        decisions.decide(CANDIDATE, "indikator:NOT-STORED", "usulan", who="Rina")
    assert "NOT-STORED" in err.value.text("en") and "not recorded" in err.value.text("en")
    assert decisions.decisions() == []
    assert decisions.decide(*REJECTED, "disepakati", who="Rina").id == 1


def test_the_commands_decide_in_the_database(stored, bolt_server):
    env = {"NEO4J_URI": bolt_server.uri, "NEO4J_USER": bolt_server.user, "NEO4J_PASSWORD": bolt_server.password,
           "NEO4J_DATABASE": bolt_server.database or "", "KASKADE_BACKEND": "neo4j"}
    out = CliRunner().invoke(main, ["decide", *REJECTED, "--as", "agreed", "--who", "Rina"], env=env)
    assert out.exit_code == 0, out.output
    out = CliRunner().invoke(main, ["desk", "--bidang", "1.03", "--province", "64", "--year", "2025",
                                    "--format", "json"], env=env)
    rows = json.loads(out.output)
    assert [r["status"] for r in rows if r["section"] == "support" and (r["source"], r["target"]) == REJECTED] == [
        "disepakati"]
    out = CliRunner().invoke(main, ["decisions", "--format", "json"], env=env)
    assert [(r["previous"], r["status"]) for r in json.loads(out.output)] == [("ditolak", "disepakati")]


def _decide_many(uri: str, user: str, password: str, database: str | None, who: str, rounds: int) -> None:
    with connect(uri, user, password, database) as graph:
        decisions = Neo4jDecisionStore(graph)
        for k in range(rounds):
            decisions.decide(*REJECTED, "disepakati" if k % 2 else "ditolak", who=who, note=f"{who} {k}")


def test_two_processes_deciding_at_once_lose_no_decision(stored, bolt_server):
    _, decisions = stored
    context = multiprocessing.get_context("spawn")
    args = (bolt_server.uri, bolt_server.user, bolt_server.password, bolt_server.database)
    workers = [context.Process(target=_decide_many, args=(*args, who, 15)) for who in ("Rina", "Budi")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(180)
    assert [w.exitcode for w in workers] == [0, 0]
    chain = decisions.history(*REJECTED)
    assert len(chain) == 30 and sorted(d.id for d in chain) == list(range(1, 31))
    assert [d.previous for d in chain[1:]] == [d.status for d in chain[:-1]]
