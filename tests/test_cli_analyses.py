"""The analysis commands: table / JSON / CSV output, one-line errors with exit 2, an example in every help."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from cli.main import main
from cli.analyses import COMMANDS
from kaskade.sample import GROUND_TRUTH, sample_dataset
from loaders import write_dataset


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return str(write_dataset(sample_dataset(), tmp_path_factory.mktemp("cli") / "sample.json"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


COMMAND_ARGS = {
    "cascade": ["prioritas:PN03", "--depth", "2"],
    "line-of-sight": [GROUND_TRUTH["unaligned"][0]],
    "orphans": [],
    "mandates": [],
    "overlaps": [],
    "who-where": ["--sector", "bidang"],
    "budget-flow": ["--root", "prioritas:PN03"],
    "coverage": [],
}


def test_every_analysis_is_a_command_with_an_example():
    assert sorted(c.name for c in COMMANDS) == sorted(COMMAND_ARGS)
    for command in COMMANDS:
        result = run(command.name, "-h")
        assert result.exit_code == 0 and "Example: kaskade " + command.name in result.output


@pytest.mark.parametrize("name", sorted(COMMAND_ARGS))
def test_json_is_a_list_of_objects_with_stable_keys(data, name):
    result = run(name, data, *COMMAND_ARGS[name], "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and isinstance(rows, list)
    assert all(set(r) == set(rows[0]) for r in rows)


@pytest.mark.parametrize("name", sorted(COMMAND_ARGS))
def test_table_and_csv_render(data, name):
    table = run(name, data, *COMMAND_ARGS[name])
    assert table.exit_code == 0, table.output
    assert "baris)" in table.output
    rows = list(csv.DictReader(io.StringIO(run(name, data, *COMMAND_ARGS[name], "--format", "csv").output)))
    assert len(rows) == len(json.loads(run(name, data, *COMMAND_ARGS[name], "--format", "json").output))


def test_orphans_json_holds_the_planted_orphans(data):
    rows = json.loads(run("orphans", data, "--reason", "no_outcome", "--format", "json").output)
    assert sorted(r["id"] for r in rows) == sorted(GROUND_TRUTH["orphans"])
    assert {"id", "kind", "code", "name", "government", "reason", "message"} <= set(rows[0])
    assert not any(key.startswith("message_") for key in rows[0])


@pytest.mark.parametrize("lang, says", [("id", "tidak terhubung ke indikator hasil"),
                                         ("en", "has no path to any outcome indicator")])
def test_the_message_column_speaks_the_chosen_language(data, lang, says):
    for fmt in ("json", "csv"):
        output = run("orphans", data, "--reason", "no_outcome", "--format", fmt, "--lang", lang).output
        rows = json.loads(output) if fmt == "json" else list(csv.DictReader(io.StringIO(output)))
        assert rows and all(says in r["message"] and r["reason"] == "no_outcome" for r in rows)


@pytest.mark.parametrize("lang, money, year, rows", [
    ("id", r"Rp \d{1,3}(\.\d{3})+ ", r"\b2025\b", "baris)"),
    ("en", r"IDR \d{1,3}(,\d{3})+ ", r"\b2025\b", "rows)"),
])
def test_table_output_formats_money_counts_and_years_per_language(data, lang, money, year, rows):
    output = run("orphans", data, "--reason", "no_outcome", "--lang", lang).output
    assert re.search(money, output) and re.search(year, output) and rows in output
    assert "2.025" not in output and "2,025" not in output
    assert " M " not in output
    english = run("overlaps", data, "--lang", "en").output
    assert "IDR" in english and "billion" in english and "Rp" not in english.replace("(Rp", "")


@pytest.mark.parametrize("lang, says, other", [
    ("id", ["Catatan: Simpul konteks", "Catatan: Sub kegiatan berlingkup provinsi"], "Note:"),
    ("en", ["Note: Context nodes", "Note: A province-wide line counts"], "Catatan:"),
])
def test_the_notes_under_a_table_speak_the_chosen_language(data, lang, says, other):
    cascade = run("cascade", data, "prioritas:PN03", "--depth", "2", "--lang", lang).output
    who_where = run("who-where", data, "--sector", "bidang", "--lang", lang).output
    assert says[0] in cascade and says[1] in who_where
    assert other not in cascade + who_where


def test_filters_reach_the_query(data):
    rows = json.loads(run("orphans", data, "--pemda", "64.71", "--reason", "unaligned", "--format", "json").output)
    assert sorted(r["id"] for r in rows) == sorted(GROUND_TRUTH["unaligned"])
    shares = json.loads(run("budget-flow", data, "--share", "--province", "62", "--format", "json").output)
    assert {r["government"][:2] for r in shares} == {"62"}


@pytest.mark.parametrize("args, fragment", [
    (["cascade", "{data}", "prioritas:NOPE"], "prioritas:NOPE"),
    (["line-of-sight", "{data}", "sub_kegiatan:nope"], "sub_kegiatan:nope"),
    (["orphans", "{data}", "--bidang", "1.3"], "bidang '1.3'"),
    (["orphans", "{data}", "--reason", "lonely"], "lonely"),
    (["who-where", "{data}", "--within", "99"], "99"),
    (["budget-flow", "{data}", "--root", "wilayah:64"], "wilayah:64"),
])
def test_unknown_id_or_bad_filter_is_one_line_and_exit_2(data, args, fragment):
    result = run(*[a.format(data=data) for a in args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and fragment in lines[0]
    assert "Traceback" not in result.output


def test_english_messages_on_request(data):
    result = run("cascade", data, "prioritas:NOPE", "--lang", "en")
    assert "unknown node id" in result.output


def test_mandates_checks_codes_against_a_given_table_of_a_given_year(data, tmp_path):
    """A table listing one code, for 2025: every other 2025 code of the sample is invalid; for 2030, none is."""
    table = tmp_path / "nomenklatur.csv"
    table.write_text("kode,nomenklatur\n1.03.10.2.01.0053,Pembangunan Jalan\n", encoding="utf-8")
    rows = {}
    for year in (2025, 2030):
        result = run("mandates", data, "--nomenclature", table, "--nomenclature-year", year, "--year", 2025,
                     "--format", "json")
        assert result.exit_code == 0, result.output
        rows[year] = [r for r in json.loads(result.output) if r["reason"] == "code_invalid"]
    assert rows[2025] and all(r["code"] != "1.03.10.2.01.0053" for r in rows[2025])
    assert rows[2030] == []


@pytest.mark.parametrize("lang, says, other", [("id", "alasan 'lonely' tidak dikenal", "unknown reason"),
                                               ("en", "unknown reason 'lonely'", "tidak dikenal")])
def test_a_failure_speaks_the_language_of_lang_or_of_kaskade_lang(data, monkeypatch, lang, says, other):
    asked = run("orphans", data, "--reason", "lonely", "--lang", lang).output
    monkeypatch.setenv("KASKADE_LANG", lang)
    by_setting = run("orphans", data, "--reason", "lonely").output
    for output in (asked, by_setting):
        assert says in output and other not in output


@pytest.mark.parametrize("lang, says, other", [("id", "bukan berkas graf Kaskade", "not a Kaskade graph file"),
                                               ("en", "not a Kaskade graph file", "bukan berkas graf")])
def test_an_error_of_a_command_without_lang_speaks_kaskade_lang(tmp_path, monkeypatch, lang, says, other):
    fake = tmp_path / "rencana.kgraph"
    fake.write_bytes(b"PK\x03\x04 a zip")
    monkeypatch.setenv("KASKADE_LANG", lang)
    result = run("summary", fake)
    assert result.exit_code == 2 and says in result.output and other not in result.output
