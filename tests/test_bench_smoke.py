"""The tier S benchmark as a smoke test: every engine runs in its own process on the same
generated files and they agree on every answer (timings are not checked)."""
from __future__ import annotations

import json

import pytest

from bench.engines import COUNTS
from bench.run import ENGINES, compare, render, run


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    return run("S", engines=list(ENGINES), data=base / "data", results=base / "results", timeout=600), base


def test_engines_agree_on_tier_s(result):
    outcome, _ = result
    errors = {name: r["error"] for name, r in outcome["engines"].items() if r.get("error")}
    assert not errors
    assert outcome["disagreements"] == []
    graph_engines = [r for name, r in outcome["engines"].items() if name != "floor" and not r.get("skipped")]
    assert {"networkx", "ladybug"} <= {r["engine"] for r in graph_engines}
    for r in graph_engines:
        assert set(r["counts"]) == set(COUNTS), r["engine"]
    answers = outcome["engines"]["networkx"]["counts"]
    assert answers["orphans"] > 0 and answers["level_conflicts"] > 0 and answers["overlap_pairs"] > 0
    assert answers["cascade_lines"] > 0 and answers["sub_kegiatan"] == outcome["rows"]["sub_kegiatan"]


def test_every_engine_reports_time_and_peak_memory(result):
    outcome, _ = result
    for name, r in outcome["engines"].items():
        if r.get("skipped"):
            continue
        assert r["wall_seconds"] > 0 and r["peak_rss_mb"] > 10, name
        assert any(s["step"] == "files -> graph" for s in r["steps"]), name


def test_results_written_as_markdown_and_json_with_the_machine(result):
    outcome, base = result
    saved = json.loads((base / "results" / "S.json").read_text())
    assert saved["machine"]["cores"] >= 1 and saved["machine"]["cpu"]
    table = (base / "results" / "S.md").read_text()
    assert "| files -> graph |" in table and "all engines agree" in table
    assert table == render(outcome)


def test_disagreement_names_the_counts():
    reports = {
        "networkx": {"counts": {"orphans": 5, "overlap_pairs": 2}},
        "ladybug": {"counts": {"orphans": 6, "overlap_pairs": 2}},
        "floor": {"counts": {}},
    }
    assert compare(reports) == ["orphans: networkx=5, ladybug=6"]


def test_an_engine_past_its_time_limit_is_stopped(result):
    _, base = result
    outcome = run("S", engines=["networkx"], data=base / "data", results=None, timeout=0.2)
    report = outcome["engines"]["networkx"]
    assert report["error"].startswith("stopped after 0.2 s (time limit)")
    assert report["wall_seconds"] < 40


def test_a_step_past_its_limit_is_stopped_and_the_engine_goes_on(result):
    _, base = result
    outcome = run("S", engines=["networkx"], data=base / "data", results=None, step_limit=0.001)
    report = outcome["engines"]["networkx"]
    stopped = {s["step"] for s in report["steps"] if s.get("timed_out")}
    assert report["error"] is None
    assert "overlaps, all kinds" in stopped and "coverage" in stopped
    assert any(s["step"] == "files -> graph" and not s.get("timed_out") for s in report["steps"])
