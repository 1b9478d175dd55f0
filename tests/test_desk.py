"""The Rakortek desk: the desk query on the sample with planted cases, decisions that last (SQLite,
concurrent writers, the overlay every analysis sees, an app restart), the minutes (XLSX that loads
back, DOCX that opens) and the desk commands."""
from __future__ import annotations

import io
import json
import multiprocessing
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from backends.decisions import DecisionStore, decisions_path
from base.errors import KaskadeError
from cli.main import main
from graph.build import build_graph
from kaskade.decided import decided
from kaskade.sample import sample_dataset
from loaders import load, write_dataset
from queries import Filters, desk, orphans
from queries.decisions import Decision, apply_decisions, check_link
from queries.desk import CANDIDATE_REASON
from queries.errors import QueryError
from views.minutes import TAUTAN_COLUMNS, minutes_docx, minutes_xlsx

from tests.desk_cases import CANDIDATE, PLANTED_GAPS, PROPOSED_LINE, PU_KALTIM, PU_KUKAR, REJECTED, planted_dataset

ROOT = Path(__file__).resolve().parent.parent
KUKAR_ROAD = f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0053"
KALTIM_ROAD = f"sub_kegiatan:64/2025/{PU_KALTIM}/1.03.10.1.01.0049"
KUKAR_MAINT = f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0050"


@pytest.fixture(scope="module")
def G():
    return build_graph(planted_dataset())


@pytest.fixture(scope="module")
def baseline():
    return desk(build_graph(sample_dataset()), "1.03", province="64", year=2025)


@pytest.fixture
def store(tmp_path) -> DecisionStore:
    return DecisionStore(tmp_path / "desk.decisions.sqlite")


def _gaps(result) -> set[tuple[str, str]]:
    return {(g.target, g.reason) for g in result.gaps()}


# --- the desk query ---------------------------------------------------------------------------

def test_desk_finds_exactly_the_planted_gaps(G, baseline):
    result = desk(G, "1.03", province="64", year=2025)
    assert _gaps(result) - _gaps(baseline) == PLANTED_GAPS
    assert _gaps(baseline) <= _gaps(result)


def test_the_candidate_is_a_suggestion_for_its_family_never_a_link(G, baseline):
    result = desk(G, "1.03", province="64", year=2025)
    assert {c.source for c in result.candidates()} - {c.source for c in baseline.candidates()} == {CANDIDATE}
    mine = [c for c in result.candidates() if c.source == CANDIDATE]
    assert {c.reason for c in mine} == {CANDIDATE_REASON}
    # only targets of Kukar or of the province, whose agreed or proposed support runs in family 1.03.10
    for c in mine:
        assert c.owner_government in ("64", "64.02")
        family = [s for s in result.support() if s.target == c.target and s.status in ("disepakati", "usulan")]
        assert any(s.code.startswith("1.03.10.") for s in family)
    assert "indikator:KKR-S4-I1" in {c.target for c in mine}
    assert CANDIDATE not in {s.source for s in result.support()}
    assert not [k for _, _, k in G.out_edges(CANDIDATE, keys=True) if k == "mendukung"]


def test_a_rejected_link_shows_and_does_not_count(G):
    result = desk(G, "1.03", province="64", year=2025)
    rows = [s for s in result.support() if (s.source, s.target) == REJECTED]
    assert [r.status for r in rows] == ["ditolak"]
    assert rows[0].pagu == G.nodes[REJECTED[0]]["pagu"] and rows[0].government_level == "kabupaten"
    assert not [r for r in result.roles() if r.target == REJECTED[1]]


def test_who_does_what_splits_province_and_district(G):
    result = desk(G, "1.03", province="64", year=2025)
    roles = {(r.target, r.government): r for r in result.roles()}
    kukar = roles[("indikator:KKR-S4-I1", "64.02")]
    agreed = [s for s in result.support() if s.target == "indikator:KKR-S4-I1" and s.status == "disepakati"]
    assert kukar.lines == len(agreed) and kukar.pagu == pytest.approx(sum(s.pagu for s in agreed))
    assert roles[("indikator:KTM-S5-I2", "64")].government_level == "provinsi"


def test_targets_carry_their_value_for_the_year_and_owner(G):
    result = desk(G, "1.03", province="64", year=2025)
    target = next(i for i in result.targets() if i.target == "indikator:KTM-S5-I2")
    assert (target.target_value, target.satuan, target.owner, target.owner_government) == (
        60.0, "persen", "sasaran:KTM-S5", "64")
    assert target.targets == ((2025, 60.0), (2026, 65.0))


def test_the_desk_stays_in_its_bidang_and_province(G):
    result = desk(G, "1.03", province="64", year=2025)
    assert {s.code[:4] for s in result.support()} == {"1.03"}
    assert {s.government.split(".")[0] for s in result.support()} == {"64"}
    assert not [s for s in result.support() if s.code.split(".")[2] == "01"]  # no Program Penunjang


@pytest.mark.parametrize("bidang", ["1.3", "", "1.03,1.02"])
def test_one_valid_bidang_is_required(G, bidang):
    with pytest.raises(QueryError):
        desk(G, bidang)


# --- decisions ----------------------------------------------------------------------------------

def test_decisions_record_previous_status_and_undo(G, store):
    first = store.decide(*REJECTED, "disepakati", who="Rina", note="jembatan ikut", base="ditolak")
    second = store.decide(*REJECTED, "usulan", who="Budi", base="ditolak")
    assert (first.previous, second.previous) == ("ditolak", "disepakati")
    assert store.in_force()[REJECTED].status == "usulan"
    store.undo(*REJECTED, who="Rina")
    assert store.in_force()[REJECTED].status == "disepakati"
    history = store.history(*REJECTED)
    assert [(d.status, d.who, d.undone_by) for d in history] == [("disepakati", "Rina", None), ("usulan", "Budi", "Rina")]
    assert history[0].note == "jembatan ikut" and history[0].at.endswith("+00:00")


def test_a_decision_needs_a_name(store):
    with pytest.raises(KaskadeError):
        store.decide(*REJECTED, "disepakati", who="  ")
    assert store.decisions() == []


def test_decisions_apply_to_every_analysis_and_leave_the_graph_alone(G, store):
    store.decide(*REJECTED, "disepakati", who="Rina", base="ditolak")
    store.decide(CANDIDATE, "indikator:KKR-S4-I1", "usulan", who="Rina", base=None)
    H = decided(G, store)
    result = desk(H, "1.03", province="64", year=2025)
    assert REJECTED[1] not in {g.target for g in result.gaps()}
    assert ("indikator:KKR-S4-I1", CANDIDATE) in {(s.target, s.source) for s in result.support() if s.status == "usulan"}
    assert CANDIDATE not in {c.source for c in result.candidates()}
    assert G.edges[(*REJECTED, "mendukung")]["status"] == "ditolak"  # the graph given is untouched
    rejected = {(o.id, o.related) for o in orphans(H, Filters(province="64")) if o.reason == "link_rejected"}
    assert REJECTED not in rejected
    assert REJECTED in {(o.id, o.related) for o in orphans(G, Filters(province="64")) if o.reason == "link_rejected"}


def test_decisions_on_nodes_the_data_lost_are_skipped(G):
    gone = Decision(1, "sub_kegiatan:64/2025/x/1.03.10.1.01.9999", "indikator:KTM-S5-I1", "disepakati", None, "", "Rina",
                    "2026-12-03T08:00:00+00:00")
    assert apply_decisions(G, [gone]).number_of_edges() == G.number_of_edges()


@pytest.mark.parametrize("source,target", [
    ("sub_kegiatan:nope", "indikator:KTM-S5-I1"),
    ("indikator:KTM-S5-I1", "indikator:KTM-S5-I2"),
])
def test_a_decision_on_an_impossible_link_is_refused(G, source, target):
    with pytest.raises(QueryError):
        check_link(G, source, target, "disepakati")


def _decide_many(path: str, who: str, links: list[tuple[str, str]], rounds: int) -> None:
    try:
        store = DecisionStore(path)
        for k in range(rounds):
            for source, target in links:
                store.decide(source, target, "disepakati" if k % 2 else "ditolak", who=who, note=f"{who} {k}")
    except BaseException:
        import traceback

        Path(f"{path}.{who}.error").write_text(traceback.format_exc())
        raise


def test_two_processes_deciding_at_once_lose_no_decision(tmp_path):
    path = str(tmp_path / "shared.decisions.sqlite")
    shared = [("sub_kegiatan:a", "indikator:I1"), ("sub_kegiatan:b", "indikator:I1")]
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_decide_many, args=(path, who, shared, 25)) for who in ("Rina", "Budi")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    errors = [p.read_text() for p in tmp_path.glob("*.error")]
    assert [w.exitcode for w in workers] == [0, 0], errors
    decisions = DecisionStore(path).decisions()
    assert len(decisions) == 2 * 25 * len(shared)
    assert sorted(d.note for d in decisions if d.who == "Rina") == sorted(f"Rina {k}" for k in range(25) for _ in shared)
    for link in shared:
        chain = [d for d in decisions if d.link == link]
        # each decision's previous status is the one the decision before it set: no lost update
        assert [d.previous for d in chain[1:]] == [d.status for d in chain[:-1]]


def test_the_decisions_file_sits_beside_the_data(tmp_path):
    data = tmp_path / "rencana.xlsx"
    assert decisions_path(data) == tmp_path / "rencana.xlsx.decisions.sqlite"
    assert decisions_path(data, str(tmp_path / "elsewhere.sqlite")) == tmp_path / "elsewhere.sqlite"


# --- minutes ----------------------------------------------------------------------------------------

def _agree_two_reject_one(store: DecisionStore, G) -> None:
    store.decide(KUKAR_ROAD, "indikator:KKR-S4-I1", "disepakati", who="Rina (Bappeda Kukar)", note="jalan lingkar",
                 base="disepakati")
    store.decide(PROPOSED_LINE, "indikator:KTM-S5-I2", "disepakati", who="Budi (Bappeda Kaltim)", base="usulan")
    store.decide(KUKAR_MAINT, "indikator:KKR-S4-I1", "ditolak", who="Budi (Bappeda Kaltim)",
                 note="pemeliharaan berkala bukan kemantapan", base="disepakati")


def _statuses(result) -> dict[tuple[str, str, str], str]:
    return {(s.government, s.code, s.target): s.status for s in result.support()}


def test_xlsx_minutes_load_back_as_tautan_and_reproduce_the_statuses(G, store, tmp_path):
    _agree_two_reject_one(store, G)
    result = desk(decided(G, store), "1.03", province="64", year=2025)
    minutes = openpyxl.load_workbook(io.BytesIO(minutes_xlsx(result, store.in_force())))
    rows = list(minutes["tautan"].iter_rows(values_only=True))
    assert rows[0][:6] == TAUTAN_COLUMNS
    decided_row = next(r for r in rows if r[0] == "1.03.10.2.01.0050" and r[2] == "KKR-S4-I1")
    assert decided_row[3] == "ditolak" and "Budi (Bappeda Kaltim)" in decided_row and \
        "pemeliharaan berkala bukan kemantapan" in decided_row

    # the minutes' rows, put into the data's own tautan sheet, load and rebuild the decided statuses
    workbook_path = write_dataset(planted_dataset(), tmp_path / "rencana.xlsx")
    workbook = openpyxl.load_workbook(workbook_path)
    sheet = workbook["tautan"]
    header = [c.value for c in sheet[1]]
    for row in rows[1:]:
        values = dict(zip(TAUTAN_COLUMNS, row[:6]))
        sheet.append([values.get(h) for h in header])
    workbook.save(workbook_path)
    reloaded = desk(build_graph(load(workbook_path)), "1.03", province="64", year=2025)
    assert _statuses(reloaded) == _statuses(result)
    assert _statuses(result)[("64.02", "1.03.10.2.01.0050", "indikator:KKR-S4-I1")] == "ditolak"
    assert _statuses(result)[("64", "1.03.10.1.01.0090", "indikator:KTM-S5-I2")] == "disepakati"


def test_docx_minutes_open_and_hold_the_agreed_rejected_and_open_items(G, store):
    _agree_two_reject_one(store, G)
    result = desk(decided(G, store), "1.03", province="64", year=2025)
    doc = Document(io.BytesIO(minutes_docx(result, store.in_force(), lang="id")))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    agreed = [s for s in result.support() if s.status == "disepakati"]
    assert f"Dukungan yang disepakati ({len(agreed)})" in text
    assert "Dukungan yang ditolak (2)" in text  # the planted rejection and the desk's
    lines = {row[2] for row in cells}
    assert {f"{s.code} {s.name}" for s in agreed} <= lines
    assert any("pemeliharaan berkala bukan kemantapan" in row[-1] and "Budi (Bappeda Kaltim)" in row[-1] for row in cells)
    signatures = doc.tables[-1]
    assert [c.text for c in signatures.rows[0].cells] == ["Pemerintah daerah", "Nama dan jabatan", "Tanda tangan"]
    assert {"Pemerintah Provinsi Kalimantan Timur", "Pemerintah Kabupaten Kutai Kartanegara"} <= {
        r.cells[0].text for r in signatures.rows}


# --- the commands --------------------------------------------------------------------------------

def _run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture
def data(tmp_path):
    return write_dataset(planted_dataset(), tmp_path / "rencana.json")


def test_desk_command_as_json_lists_the_planted_gaps(data):
    out = _run("desk", data, "--bidang", "1.03", "--province", "64", "--year", "2025", "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert PLANTED_GAPS <= {(r["target"], r["reason"]) for r in rows if r["section"] == "gap"}


def test_decide_then_every_command_sees_it_and_the_history_lists_it(data):
    out = _run("decide", data, *REJECTED, "--as", "agreed", "--who", "Rina", "--note", "dicek lapangan")
    assert out.exit_code == 0, out.output
    assert Path(str(data) + ".decisions.sqlite").exists()
    rows = json.loads(_run("orphans", data, "--reason", "link_rejected", "--format", "json").output)
    assert REJECTED not in {(r["id"], r["related"]) for r in rows}
    history = json.loads(_run("decisions", data, "--target", REJECTED[1], "--format", "json").output)
    assert [(h["previous"], h["status"], h["who"], h["note"]) for h in history] == [
        ("ditolak", "disepakati", "Rina", "dicek lapangan")]
    assert _run("decide", data, *REJECTED, "--undo", "--who", "Rina").exit_code == 0
    rows = json.loads(_run("orphans", data, "--reason", "link_rejected", "--format", "json").output)
    assert REJECTED in {(r["id"], r["related"]) for r in rows}


@pytest.mark.parametrize("args", [
    ["sub_kegiatan:nope", "indikator:KTM-S5-I1", "--as", "agreed", "--who", "Rina"],
    [*REJECTED, "--as", "agreed"],
    [*REJECTED, "--who", "Rina"],
])
def test_a_bad_decision_is_one_line_and_exit_2(data, args):
    out = _run("decide", data, *args)
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert not Path(str(data) + ".decisions.sqlite").exists() or not DecisionStore(str(data) + ".decisions.sqlite").decisions()


@pytest.mark.parametrize("lang, says", [("id", "sebutkan siapa yang memutuskan: --who NAMA"),
                                        ("en", "say who decides: --who NAME")])
def test_a_decision_without_who_says_so_in_the_chosen_language(data, lang, says):
    out = _run("decide", data, *REJECTED, "--as", "agreed", "--lang", lang)
    assert out.exit_code == 2 and out.output.strip().splitlines() == [f"Error: {says}"]


def test_minutes_command_writes_xlsx_and_docx(data, tmp_path):
    out = _run("minutes", data, "--bidang", "1.03", "--province", "64", "--year", "2025", "--out", tmp_path / "ba")
    assert out.exit_code == 0, out.output
    assert openpyxl.load_workbook(tmp_path / "ba.xlsx").sheetnames == ["tautan"]
    assert Document(str(tmp_path / "ba.docx")).tables
