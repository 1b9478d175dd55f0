"""The core commands as a user runs them: sample, validate, template, summary, build, -h, --version."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kaskade import __version__
from cli.main import main
from kaskade.open import open_path
from kaskade.sample import sample_dataset

BROKEN = Path(__file__).parent / "data" / "broken"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = CliRunner().invoke(main, ["sample", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_version_and_help():
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output.strip().endswith(__version__)
    help_text = runner.invoke(main, ["-h"]).output
    for command in ("validate", "template", "sample", "summary", "build"):
        assert command in help_text


def test_sample_writes_a_workbook_and_its_ground_truth(sample_dir):
    assert (sample_dir / "kaskade-sample.xlsx").stat().st_size > 10_000
    readme = (sample_dir / "README.md").read_text(encoding="utf-8")
    assert "ilustratif" in readme.lower() or "illustrative" in readme.lower()


def test_validate_accepts_the_sample(sample_dir):
    result = CliRunner().invoke(main, ["validate", str(sample_dir / "kaskade-sample.xlsx"), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] is True and report["errors"] == []
    assert report["counts"]["sub_kegiatan"] == len(sample_dataset().sub_kegiatan)


def test_validate_reports_errors_with_location_and_exit_1():
    workbook = next(p for p in sorted(BROKEN.glob("*.xlsx")) if "error" in p.name or "planted" in p.name)
    result = CliRunner().invoke(main, ["validate", str(workbook)])
    assert result.exit_code == 1
    assert "baris" in result.output and "TIDAK VALID" in result.output
    english = CliRunner().invoke(main, ["validate", str(workbook), "--lang", "en"])
    assert "INVALID" in english.output


def test_template_is_a_valid_workbook(tmp_path):
    out = tmp_path / "template.xlsx"
    assert CliRunner().invoke(main, ["template", str(out)]).exit_code == 0
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0


def test_build_saves_a_graph_that_reopens_equal(sample_dir, tmp_path):
    out = tmp_path / "sample.kgraph"
    result = CliRunner().invoke(main, ["build", str(sample_dir / "kaskade-sample.xlsx"), str(out)])
    assert result.exit_code == 0, result.output
    reopened, built = open_path(out).graph, open_path(sample_dir / "kaskade-sample.xlsx").graph
    assert dict(reopened.nodes(data=True)) == dict(built.nodes(data=True))
    assert sorted(reopened.edges(keys=True, data=True)) == sorted(built.edges(keys=True, data=True))
    summary = CliRunner().invoke(main, ["summary", str(out), "--format", "json"])
    assert json.loads(summary.output)["nodes"]["sub_kegiatan"] == len(sample_dataset().sub_kegiatan)


@pytest.mark.parametrize("lang, says", [("id", ("simpul", "sisi", "tahun", "Rp ", "Contoh:", "Templat:")),
                                        ("en", ("nodes", "edges", "years", "IDR ", "Sample:", "Template:"))])
def test_status_lines_speak_the_chosen_language(sample_dir, tmp_path, monkeypatch, lang, says):
    """summary, build, sample and template answer in --lang, else KASKADE_LANG, with numbers written that way."""
    nodes, edges, years, money, sample_word, template_word = says
    G = open_path(sample_dir / "kaskade-sample.xlsx").graph
    n = f"{G.number_of_nodes():,}".replace(",", "." if lang == "id" else ",")
    runner = CliRunner()
    summary = runner.invoke(main, ["summary", str(sample_dir / "kaskade-sample.xlsx"), "--lang", lang])
    first = summary.output.splitlines()[0]
    assert first.startswith(f"{n} {nodes}, ") and f"; {years} 2025, 2026; pagu {money}" in first, first
    out = tmp_path / "s.kgraph"
    built = runner.invoke(main, ["build", str(sample_dir / "kaskade-sample.xlsx"), str(out), "--lang", lang])
    assert built.output.strip() == f"{out}: {n} {nodes}, " + f"{G.number_of_edges():,}".replace(
        ",", "." if lang == "id" else ",") + f" {edges}"
    monkeypatch.setenv("KASKADE_LANG", lang)
    assert runner.invoke(main, ["sample", str(tmp_path / "s")]).output.startswith(sample_word)
    assert runner.invoke(main, ["template", str(tmp_path / "t.xlsx")]).output.startswith(template_word)


def test_build_refuses_a_wrong_suffix(sample_dir, tmp_path):
    result = CliRunner().invoke(main, ["build", str(sample_dir / "kaskade-sample.xlsx"), str(tmp_path / "x.json")])
    assert result.exit_code == 2 and ".kgraph" in result.output


def test_a_broken_file_is_one_line_not_a_traceback(tmp_path):
    fake = tmp_path / "rencana.xlsx"
    fake.write_bytes(b"%PDF-1.4 not a workbook")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "summary", str(fake)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "rencana.xlsx" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_an_output_path_the_system_refuses_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "rencana"
    blocker.write_text("a file where a folder should be")
    proc = subprocess.run([sys.executable, "-m", "cli.main", "template", str(blocker / "2025" / "templat.xlsx")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "rencana" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
