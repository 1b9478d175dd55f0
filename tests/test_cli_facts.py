"""The facts a file does not state, given once on every command that reads a path (cli/facts.py)."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from cli.facts import FACT_OPTIONS
from cli.main import main
from tests.shapes import KUKAR, PUPR, PUPR_NAME, pupr_lines, write_renja, write_renstra

AGENCY = ["--kode-skpd", PUPR, "--nama-skpd", PUPR_NAME]


def _reads_a_path(cmd: click.Command) -> bool:
    """A PATH argument that must exist: the command reads it (template and pull write theirs)."""
    return any(isinstance(p, click.Argument) and p.name == "path" and getattr(p.type, "exists", False)
               for p in cmd.params)


@pytest.mark.parametrize("name", sorted(n for n, c in main.commands.items() if _reads_a_path(c)))
def test_every_command_that_reads_a_path_takes_every_fact(name):
    options = {o for p in main.commands[name].params for o in p.opts}
    assert {option for _, option, *_ in FACT_OPTIONS} <= options


def test_the_reading_commands_are_the_expected_ones():
    reading = {n for n, c in main.commands.items() if _reads_a_path(c)}
    assert {"validate", "summary", "build", "push", "orphans", "cascade", "coverage"} <= reading


def test_a_renja_table_without_its_facts_names_the_options_then_loads_with_them(tmp_path):
    lines = pupr_lines()
    pagu = [125_100_000_000 / len(lines)] * len(lines)
    path = write_renja(tmp_path / "renja-pupr.xlsx", lines, pagu, parents=True)
    runner = CliRunner()
    refused = runner.invoke(main, ["validate", str(path), "--lang", "en"])
    assert refused.exit_code == 1
    for option in ("--kode-pemda", "--tahun", "--kode-skpd", "--nama-skpd"):
        assert option in refused.output
    ok = runner.invoke(main, ["summary", str(path), "--kode-pemda", KUKAR, "--tahun", "2026", *AGENCY,
                              "--format", "json"])
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.output)
    assert summary["pagu"] == pytest.approx(sum(pagu)) and summary["years"] == [2026]
    assert summary["nodes"]["sub_kegiatan"] == len(lines)


def test_an_analysis_of_a_renstra_matrix_runs_with_the_first_year_given(tmp_path):
    lines = pupr_lines()
    path = write_renstra(tmp_path / "renstra.xlsx", lines, [[1e9] * 5 for _ in lines])
    result = CliRunner().invoke(main, ["orphans", str(path), "--kode-pemda", KUKAR, "--tahun-awal", "2025", *AGENCY,
                                       "--year", "2027", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["code"] for r in rows if r.get("kind", "sub_kegiatan") == "sub_kegiatan"} >= {ln.code for ln in lines[:1]}
    assert {r.get("tahun") for r in rows if "tahun" in r} <= {2027}
