"""The desk page, driven with AppTest as a planner would: open the PUPR desk of Kaltim 2025, agree two
links and reject one, restart the app, and find the decisions, their history and their effect."""
from __future__ import annotations

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

import app_lib.state as app_state
from backends.decisions import DecisionStore
from base.i18n import t
from graph.build import build_graph
from loaders import write_dataset
from queries import desk

from tests.desk_cases import PLANTED_GAPS, PROPOSED_LINE, PU_KUKAR, planted_dataset
from tests.test_app import APP, TIMEOUT

KUKAR_ROAD = f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0053"
KUKAR_MAINT = f"sub_kegiatan:64.02/2025/{PU_KUKAR}/1.03.10.2.01.0050"
DECISIONS = [
    (KUKAR_ROAD, "indikator:KKR-S4-I1", "disepakati", "jalan lingkar"),
    (PROPOSED_LINE, "indikator:KTM-S5-I2", "disepakati", ""),
    (KUKAR_MAINT, "indikator:KKR-S4-I1", "ditolak", "pemeliharaan berkala bukan kemantapan"),
]


@pytest.fixture
def data(tmp_path, monkeypatch):
    path = write_dataset(planted_dataset(), tmp_path / "rencana.xlsx")
    monkeypatch.setenv("KASKADE_DATA", str(path))
    monkeypatch.delenv("KASKADE_DECISIONS", raising=False)
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def open_desk(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    config.set_option("client.showErrorDetails", "full")
    at.run(timeout=TIMEOUT)
    if lang:
        at.sidebar.radio(key=app_state.LANG).set_value(lang).run(timeout=TIMEOUT)
    at.switch_page("app_pages/desk.py").run(timeout=TIMEOUT)
    at.selectbox(key="desk.province").set_value("64").run(timeout=TIMEOUT)
    at.selectbox(key="desk.year").set_value(2025).run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest, key: str):
    return at.get_by_key(key).dataframe[0].value


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_desk_page_opens_on_pupr_with_the_planted_gaps(data, lang):
    at = open_desk(lang)
    assert at.title[0].value == t("page.desk", lang)
    assert at.selectbox(key="desk.bidang").value == "1.03"
    gaps = shown(at, "desk.gaps")
    reasons = {t(f"desk.reason.{reason}", lang) for _, reason in PLANTED_GAPS}
    assert reasons <= set(gaps[t("col.reason", lang)])
    expected = desk(build_graph(planted_dataset()), "1.03", province="64", year=2025)
    assert len(gaps) == len(expected.gaps())
    assert len(shown(at, "desk.support")) == len(expected.support())


def decide(at: AppTest, source: str, target: str, status: str, note: str) -> None:
    at.text_input(key="desk.who").input("Rina (Bappeda Kukar)").run(timeout=TIMEOUT)
    at.selectbox(key="desk.link").set_value(f"{source}|{target}").run(timeout=TIMEOUT)
    at.radio(key="desk.status").set_value(status).run(timeout=TIMEOUT)
    at.text_input(key="desk.note").input(note).run(timeout=TIMEOUT)
    at.button(key="desk.decide").click().run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]


def test_decisions_survive_a_restart_with_their_history(data):
    at = open_desk()
    for source, target, status, note in DECISIONS:
        decide(at, source, target, status, note)
    assert [s.value for s in at.success] == [t("desk.saved", "id", status=t("value.status.ditolak", "id"))]
    kept = DecisionStore(str(data) + ".decisions.sqlite").decisions()
    assert [(d.source, d.target, d.status, d.note) for d in kept] == DECISIONS

    st.cache_resource.clear()  # what a server restart forgets
    at = open_desk()
    at.selectbox(key="desk.link").set_value(f"{KUKAR_MAINT}|indikator:KKR-S4-I1").run(timeout=TIMEOUT)
    history = shown(at, "desk.history")
    assert list(history["Status sebelumnya"]) == ["disepakati"] and list(history["Status tautan"]) == ["ditolak"]
    assert list(history["Oleh"]) == ["Rina (Bappeda Kukar)"]
    assert list(history["Catatan"]) == ["pemeliharaan berkala bukan kemantapan"]
    support = shown(at, "desk.support")
    rows = support[(support["Kode"] == "1.03.10.1.01.0090")]
    assert list(rows["Status tautan"]) == ["disepakati"]  # was proposed in the data
    assert "Persentase ruas jalan provinsi bebas longsor" not in set(shown(at, "desk.gaps")["Indikator / sasaran"])

    # undo the rejection: the history keeps it, marked undone, and the link is agreed again
    at.button(key="desk.undo").click().run(timeout=TIMEOUT)
    at.text_input(key="desk.who").input("Budi").run(timeout=TIMEOUT)
    at.button(key="desk.undo").click().run(timeout=TIMEOUT)
    history = shown(at, "desk.history")
    assert list(history["Dibatalkan oleh"]) == ["Budi"]
    support = shown(at, "desk.support")
    assert "ditolak" not in set(support[support["Kode"] == "1.03.10.2.01.0050"]["Status tautan"])


def test_the_orphans_page_sees_the_desk_rejection(data):
    at = open_desk()
    decide(at, *DECISIONS[2])
    at.switch_page("app_pages/orphans.py").run(timeout=TIMEOUT)
    assert not at.exception
    findings = at.get_by_key("orphans").dataframe[0].value
    assert (findings["Kode"] == "1.03.10.2.01.0050").any()
