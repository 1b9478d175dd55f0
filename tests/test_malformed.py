"""The malformed-input corpus: one generated file per way a file can be wrong or awkward.

Each case is built here at test time (nothing binary is committed) and run through the CLI
(`kaskade validate`, Indonesian and English, table and JSON) and the app's upload path. Every case
states what a planner must get: a located error, a warning with the data loaded, or the right data
without a word. Each asserts the exit code, the location (file, sheet, row, column) in the message,
the language, that the file itself is unchanged and that the data already loaded in the app stays.
The figures of the README's "Reliability" section are computed from this corpus
(`test_readme_reliability_figures_are_the_corpus`).
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app_lib.state as app_state
from cli.main import main
from cli.output import printable
from loaders import load, validate_path, write_dataset
from queries._examples import tiny_dataset

README = Path(__file__).resolve().parents[1] / "README.md"
LINE = "1.03.10.2.01.0053"  # the first sub kegiatan of the tiny dataset (row 2 of sub_kegiatan)


@dataclass
class Case:
    """One malformed or awkward file and what the planner must get from it."""

    name: str
    build: Callable[[Path], Path]
    outcome: str  # "error", "warning" (loads, with a warning) or "correct" (loads, nothing to say)
    rule: str | None = None
    where: tuple = ()  # (sheet, row, column) of the issue, as far as it applies
    english: str = ""  # a fragment of the English message
    check: Callable[[object], bool] | None = None  # what the loaded data must hold


# ---------------------------------------------------------------- builders

def _workbook(tmp: Path, name: str = "rencana.xlsx") -> Path:
    return write_dataset(tiny_dataset(), tmp / name)


def _edit(tmp: Path, edit: Callable[[openpyxl.Workbook], None], name: str = "rencana.xlsx") -> Path:
    path = _workbook(tmp, name)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _cell(sheet: str, ref: str, value: object) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        return _edit(tmp, lambda b: b[sheet].__setitem__(ref, value))
    return build


def _text_cell(sheet: str, ref: str, value: str) -> Callable[[Path], Path]:
    """Text that starts like a formula, stored as text (as Excel does after a leading ')."""
    def edit(book):
        book[sheet][ref] = value
        book[sheet][ref].data_type = "s"
    return lambda tmp: _edit(tmp, edit)


def _merged_header(tmp: Path) -> Path:
    def edit(book):
        book["sub_kegiatan"].merge_cells("E1:F1")  # nama_sub_giat spread over pagu: pagu has no header
    return _edit(tmp, edit)


def _hidden_rows(tmp: Path) -> Path:
    return _edit(tmp, lambda b: setattr(b["sub_kegiatan"].row_dimensions[3], "hidden", True))


def _hidden_sheet(tmp: Path) -> Path:
    return _edit(tmp, lambda b: setattr(b["tautan"], "sheet_state", "hidden"))


def _title_row(tmp: Path) -> Path:
    def edit(book):
        book["sub_kegiatan"].insert_rows(1)
        book["sub_kegiatan"]["A1"] = "Renja 2025"
        book["sub_kegiatan"]["B1"] = "Kabupaten Kutai Kartanegara"
    return _edit(tmp, edit)


def _csv_zip(tables: dict[str, bytes], name: str = "rencana.zip") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        folder = write_dataset(tiny_dataset(), tmp / "plain")
        path = tmp / name
        with zipfile.ZipFile(path, "w") as archive:
            for part in sorted(folder.iterdir()):
                archive.writestr(part.name, tables.get(part.name, part.read_bytes()))
            for extra, data in tables.items():
                if not (folder / extra).exists():
                    archive.writestr(extra, data)
        return path
    return build


def _csv_text(table: str, change: Callable[[str], str], encoding: str = "utf-8") -> Callable[[Path], Path]:
    """The tiny dataset as a zip of CSV with one table's text changed and re-encoded."""
    def build(tmp: Path) -> Path:
        folder = write_dataset(tiny_dataset(), tmp / "plain")
        text = change((folder / f"{table}.csv").read_text(encoding="utf-8-sig"))
        return _csv_zip({f"{table}.csv": text.encode(encoding, errors="strict")})(tmp)
    return build


def _stray_byte(tmp: Path) -> Path:
    folder = write_dataset(tiny_dataset(), tmp / "plain")
    text = (folder / "sub_kegiatan.csv").read_text(encoding="utf-8-sig")
    text = text.replace("Pembangunan Jalan", "Pembangunan Jalan – Tahap I", 1).replace(
        "Pemeliharaan Jalan", "Pemeliharaan\udc96 Jalan", 1)
    data = text.encode("utf-8", errors="surrogateescape")  # UTF-8 but one raw cp1252 dash (0x96)
    return _csv_zip({"sub_kegiatan.csv": data})(tmp)


def _json(document: str | bytes) -> Callable[[Path], Path]:
    return _bytes("rencana.json", document.encode() if isinstance(document, str) else document)


def _json_from_dataset(change: Callable[[str], str]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        text = write_dataset(tiny_dataset(), tmp / "plain.json").read_text(encoding="utf-8")
        path = tmp / "rencana.json"
        path.write_text(change(text), encoding="utf-8")
        return path
    return build


def _zip_bomb(tmp: Path) -> Path:
    path = tmp / "bom.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("sasaran.csv", "w", force_zip64=True) as member:
            chunk = b"0" * (1 << 20)
            for _ in range(310):
                member.write(chunk)
    return path


def _entity_bomb(tmp: Path) -> Path:
    path = _workbook(tmp)
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
            '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
            '&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol4;</workbook>')
    out = tmp / "bom.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = bomb.encode() if item.filename == "xl/workbook.xml" else src.read(item)
            dst.writestr(item, data)
    return out


def _line(dataset, code: str = LINE):
    return next(s for s in dataset.sub_kegiatan if s.kode_sub_giat == code)


def _tiny_line():
    return _line(tiny_dataset())


DEEP = '{"sasaran": [{"id": "S1", "nama": ' + "[" * 5000 + "]" * 5000 + "}]}"

CASES = [
    # whole files a planner may pick by mistake
    Case("renamed PDF", _bytes("laporan.xlsx", b"%PDF-1.4\n" + b"x" * 600), "error", "file_type", (),
         "its content is PDF"),
    Case("encrypted xlsx", _bytes("terkunci.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), "error",
         "file_type", (), "password-protected"),
    Case("damaged xlsx", lambda tmp: _bytes("rusak.xlsx", _workbook(tmp).read_bytes()[:3000])(tmp), "error",
         "file_type", (), "damaged"),
    Case("damaged zip of CSV", _bytes("rencana.zip", b"PK\x03\x04" + b"\x14" * 80), "error", "file_type", (),
         "damaged"),
    Case("zip bomb", _zip_bomb, "error", "too_large", (), "too large"),
    Case("XML entity bomb", _entity_bomb, "error", "file_type", (), "damaged or incomplete"),
    Case("empty file", _bytes("kosong.csv", b""), "error", "empty", (), "empty"),
    Case("binary CSV", _bytes("data.csv", b"\x00\x01\x02\x03" * 50), "error", "file_type", (), "binary"),
    # cells
    Case("formula without a stored value", _cell("sub_kegiatan", "F2", "=1000*5"), "error", "formula_no_value",
         ("sub_kegiatan", 2, "pagu"), "=1000*5"),
    Case("merged header cell hiding pagu", _merged_header, "error", "merged_header", ("sub_kegiatan", 1, "F"),
         "merged header cell (E1:F1)"),
    Case("401-digit pagu", _cell("sub_kegiatan", "F2", "9" * 401), "error", "number_too_large",
         ("sub_kegiatan", 2, "pagu"), "too large"),
    Case("year 2025.9", _cell("sub_kegiatan", "A2", 2025.9), "error", "year", ("sub_kegiatan", 2, "tahun"),
         "is not a year"),
    Case("NUL and BEL in a name", _csv_text("sub_kegiatan", lambda t: t.replace("Pembangunan Jalan", "Pembangunan\x00 Jalan\x07", 1)), "warning",
         "control_characters", ("sub_kegiatan", 2, "nama_sub_giat"), "Control characters (U+0000, U+0007)",
         check=lambda ds: _line(ds).nama_sub_giat == "Pembangunan Jalan"),
    Case("ESC and BEL in a name", _csv_text("sub_kegiatan", lambda t: t.replace("Pembangunan Jalan", "\x1b[2JPembangunan Jalan\x07", 1)),
         "warning", "control_characters", ("sub_kegiatan", 2, "nama_sub_giat"), "U+001B",
         check=lambda ds: _line(ds).nama_sub_giat == "[2JPembangunan Jalan"),
    Case("hidden row", _hidden_rows, "warning", "hidden_rows", ("sub_kegiatan",), "hidden in Excel",
         check=lambda ds: len(ds.sub_kegiatan) == len(tiny_dataset().sub_kegiatan)),
    Case("hidden sheet", _hidden_sheet, "warning", "hidden_sheet", ("tautan",), "is hidden in Excel",
         check=lambda ds: len(ds.tautan) == len(tiny_dataset().tautan)),
    Case("title row with two filled cells", _title_row, "correct",
         check=lambda ds: _line(ds).pagu == _tiny_line().pagu),
    Case("number as text, Indonesian way", _cell("sub_kegiatan", "F2", "Rp 1.250.000,50"), "correct",
         check=lambda ds: _line(ds).pagu == 1250000.5),
    Case("formula-looking name", _text_cell("sub_kegiatan", "E2", "=HYPERLINK(\"http://x\",\"klik\")"), "correct",
         check=lambda ds: _line(ds).nama_sub_giat == "=HYPERLINK(\"http://x\",\"klik\")"),
    # text files
    Case("one stray cp1252 byte in UTF-8", _stray_byte, "warning", "bad_bytes", ("sub_kegiatan",),
         "are not UTF-8", check=lambda ds: _line(ds).nama_sub_giat == "Pembangunan Jalan – Tahap I"),
    Case("cp1252 CSV", _csv_text("sub_kegiatan", lambda t: t.replace("Pembangunan Jalan", "Jalan – Café", 1),
                                 "cp1252"), "correct", check=lambda ds: _line(ds).nama_sub_giat == "Jalan – Café"),
    Case("UTF-16 CSV", _csv_text("sub_kegiatan", lambda t: t.replace(",", "\t"), "utf-16"), "correct",
         check=lambda ds: _line(ds).pagu == _tiny_line().pagu),
    Case("semicolon CSV with commas in names",
         _csv_text("sub_kegiatan", lambda t: t.replace(",", ";").replace(
             "Pembangunan Jalan", "Jalan, jembatan, dan drainase", 1)),
         "correct", check=lambda ds: _line(ds).nama_sub_giat == "Jalan, jembatan, dan drainase"),
    Case("control characters in a sheet name",
         _csv_zip({"catatan\u202e\x1b[31m.csv": b"a,b\n1,2\n"}), "warning", "unknown_sheet", (), "is not known"),
    # JSON
    Case("duplicate JSON key", _json_from_dataset(lambda t: t.replace('"tautan": [', '"tautan": [], "tautan": [', 1)),
         "error", "json_duplicate_key", ("tautan",), "appears twice"),
    Case("duplicate key in a JSON row", _json('{"sasaran": [{"id": "S1", "nama": "A", "nama": "B"}]}'), "error",
         "json_duplicate_key", ("sasaran", 1, "nama"), "appears twice"),
    Case("deeply nested JSON", _json(DEEP), "error", "json_depth", (), "nested too deeply"),
    Case("NaN in JSON", _json('{"sasaran": [{"id": "S1", "nama": NaN}]}'), "error", "json_number", (), "NaN"),
    Case("1e999 in JSON", _json_from_dataset(lambda t: t.replace('"pagu": 500000000.0', '"pagu": 1e999', 1)),
         "error", "number_too_large", ("sub_kegiatan", 1, "pagu"), "too large"),
    Case("invalid JSON", _json('{"dokumen": [}'), "error", "json", (), "Invalid JSON at line 1"),
]
IDS = [c.name for c in CASES]

_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PYTHON = re.compile(r"ZipInfo|Bad magic|\(error\)|ParseError|Traceback|Exception|Error:|\bNone\b|<[a-z]+ ")

RESULTS: dict[str, str] = {}


@pytest.fixture(scope="module")
def loaded_before(tmp_path_factory):
    """Data already loaded in the app before a malformed upload."""
    state: dict = {}
    good = write_dataset(tiny_dataset(), tmp_path_factory.mktemp("before") / "baik.xlsx")
    assert app_state.accept(state, app_state.load_upload(good.name, good.read_bytes()))
    return state


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_malformed_input(case: Case, tmp_path, loaded_before):
    path = case.build(tmp_path)
    original = path.read_bytes() if path.is_file() else None
    runner = CliRunner()

    report = validate_path(path)
    issues = [i for i in (*report.errors, *report.warnings) if i.rule == case.rule]
    as_json = runner.invoke(main, ["validate", str(path), "--format", "json"])
    english = runner.invoke(main, ["validate", str(path), "--lang", "en"])
    bahasa = runner.invoke(main, ["validate", str(path)])

    # exit code: 1 for an error, 0 when it loads
    assert as_json.exit_code == english.exit_code == bahasa.exit_code == (1 if case.outcome == "error" else 0), \
        english.output
    assert json.loads(as_json.output)["ok"] == (case.outcome != "error")
    if case.outcome == "correct":
        assert not report.errors and not report.warnings, [i.message_en for i in report.warnings]
    else:
        # the issue, located: file, then sheet, row and column as far as they apply
        assert issues, [i.rule for i in (*report.errors, *report.warnings)]
        issue = issues[0]
        assert issue.severity == ("error" if case.outcome == "error" else "warning")
        assert issue.source.split("/")[0] == path.name  # a CSV inside a zip: rencana.zip/sub_kegiatan.csv
        assert (issue.sheet, issue.row, issue.column)[:len(case.where)] == case.where
        where = ":".join(str(x) for x in (issue.source, *case.where)).replace("\u202e\x1b", "")
        assert where in english.output
        # the language: English with --lang en, Indonesian by default, both located
        assert case.english in issue.message_en
        assert printable(issue.message_en) in english.output and printable(issue.message) in bahasa.output
        assert issue.message != issue.message_en
    for result in (english, bahasa):
        assert not _TERMINAL.search(result.output), repr(result.output)
        assert not _PYTHON.search(result.output), result.output
    assert not re.search(r"(?<!\\)[\u202a-\u202e\x1b]", as_json.output)

    # the loaded data: right, or not loaded at all
    if case.outcome == "error":
        with pytest.raises(Exception) as caught:
            load(path)
        assert type(caught.value).__name__ == "LoadError"
    else:
        dataset = load(path)
        if case.check:
            assert case.check(dataset)

    # nothing changed: the file itself, and the data the app had loaded before
    if original is not None:
        assert path.read_bytes() == original
    before = loaded_before[app_state.DATA]
    result = app_state.load_upload(path.name, path.read_bytes()) if path.is_file() else None
    if result is not None:
        accepted = app_state.accept(dict(loaded_before), result)
        assert accepted == (case.outcome != "error")
        if not accepted:
            assert loaded_before[app_state.DATA] is before
    RESULTS[case.name] = case.outcome


def test_readme_reliability_figures_are_the_corpus():
    """The README states the corpus figures; they are counted from `CASES`, so they cannot drift."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Reliability"):]
    errors = sum(c.outcome == "error" for c in CASES)
    warnings = sum(c.outcome == "warning" for c in CASES)
    correct = sum(c.outcome == "correct" for c in CASES)
    expected = (f"| {len(CASES)} | {errors} | {warnings} | {correct} | 0 | 0 |")
    assert expected in section, expected


# ---------------------------------------------------------------- the CLI around the corpus

def test_lang_en_reaches_the_load_errors_of_analysis_commands(tmp_path):
    path = _cell("sub_kegiatan", "A2", 2025.9)(tmp_path)
    result = CliRunner().invoke(main, ["orphans", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "rencana.xlsx, sub_kegiatan, row 2, column tahun: '2025.9' is not a year" in result.output
    result = CliRunner().invoke(main, ["orphans", str(path)])
    assert "baris 2, kolom tahun: '2025.9' bukan tahun" in result.output


def test_a_closed_pipe_ends_quietly():
    proc = subprocess.run(f"{sys.executable} -m cli.main summary --lang en | head -1", shell=True, capture_output=True,
                          text=True, cwd=README.parent, timeout=120)
    assert proc.stdout.count("\n") == 1 and "nodes" in proc.stdout
    assert proc.stderr == ""


def test_csv_output_neutralises_formulas_and_keeps_numbers(tmp_path):
    data = tiny_dataset()
    hostile = data.model_copy(update={"sub_kegiatan": [
        s.model_copy(update={"nama_sub_giat": name}) for s, name in
        zip(data.sub_kegiatan, ["=cmd|' /C calc'!A0", "+1+1", "-2-2 Jalan", "@SUM(A1)", "\tTab"])]})
    path = write_dataset(hostile, tmp_path / "jahat.xlsx")
    result = CliRunner().invoke(main, ["budget-flow", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    cells = [c for row in rows[1:] for c in row]
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert not any(c.startswith("-") and not re.fullmatch(r"-\d+([.,]\d+)?", c) for c in cells)
    assert any(re.fullmatch(r"\d+(\.\d+)?", c) for c in cells)  # numbers stay numbers
    assert "never runs it" in " ".join(CliRunner().invoke(main, ["budget-flow", "--help"]).output.split())
    # write_dataset's CSV too, and it reads back as written
    folder = write_dataset(hostile, tmp_path / "jahat")
    text = (folder / "sub_kegiatan.csv").read_text(encoding="utf-8-sig")
    assert "'=cmd" in text and "\n=cmd" not in text and ",=cmd" not in text
    assert [s.nama_sub_giat for s in load(folder).sub_kegiatan] == [s.nama_sub_giat.strip() for s in hostile.sub_kegiatan]


# ---------------------------------------------------------------- random cell values

_VALUES = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["=1+1", "=SUM(A1:A3)", "+62", "-", "@x", "\x00\x07\x1b", "\u202e", "9" * 401, "2025.9",
                     "1.250.000,50", "Rp 5", "", " ", "NaN", "inf", "-0", "1e400"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.tuples(st.sampled_from(["E", "F", "G", "K", "L"]), st.integers(2, 6), _VALUES),
                      min_size=1, max_size=6))
def test_random_cell_values_never_crash_and_never_change_a_valid_value(cells, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("random")
    path = _workbook(tmp)
    book = openpyxl.load_workbook(path)
    sheet = book["sub_kegiatan"]
    written = {}
    for column, row, value in cells:
        try:
            sheet[f"{column}{row}"] = value
        except Exception:  # openpyxl refuses some control characters itself
            continue
        written[(column, row)] = None
    book.save(path)
    stored = openpyxl.load_workbook(path)["sub_kegiatan"]  # what the file holds (openpyxl rounds some floats)
    written = {(column, row): stored[f"{column}{row}"].value for column, row in written}
    report = validate_path(path)  # never raises
    assert report.ok == (report.dataset is not None)
    if not report.ok:
        return
    header = [c.value for c in sheet[1]]
    for (column, row), value in written.items():
        name = header[ord(column) - 65]
        if name not in ("nama_sub_giat", "pagu"):
            continue
        line = report.dataset.sub_kegiatan[row - 2]
        got = getattr(line, name)
        if name == "pagu" and isinstance(value, (int, float)) and value is not None:
            assert got == float(value)  # a number reported valid is the number written
            assert got == got and abs(got) != float("inf")
        if name == "nama_sub_giat" and isinstance(value, str) and value.strip():
            assert got == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", value).strip()
