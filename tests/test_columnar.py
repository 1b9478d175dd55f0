"""The column-wise load gives exactly what the row-by-row load gives: the same issues (file, sheet,
row, column, rule, both messages, in the same order) and the same dataset, for generated plans with
bad cells planted in them.

Two paths are compared on the same files: the CSV folder read by pyarrow column by column and checked
per distinct value (`loaders.columns`), and the same folder read by the csv module row by row and
checked one row at a time through the models (``validate_tables(columnar=False)``, the reference).
JSON (typed cells: numbers, booleans, null, lists and objects) goes through both checks too.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import loaders.read_csv as read_csv
from bench.synth import write_synth
from loaders.columns import Column, check_columns
from loaders.load import load, read_sheets
from loaders.models import TABLES, SubKegiatan
from loaders.read_json import read_json_bytes
from loaders.readers import ColumnTable, canonical
from loaders.validate import validate_tables


@pytest.fixture(scope="module")
def tier_s(tmp_path_factory) -> dict[str, list[list[str]]]:
    """The synthetic tier S as CSV records per table (header first)."""
    folder = tmp_path_factory.mktemp("tier_s")
    write_synth("S", folder)
    return {p.stem: list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
            for p in sorted(folder.glob("*.csv"))}


def _issues(issues) -> list[tuple]:
    return [(i.source, i.sheet, i.row, i.column, i.value, i.rule, i.severity, i.message, i.message_en,
             repr(sorted(i.params.items(), key=str))) for i in issues]


def _rows(dataset) -> dict[str, list[tuple]]:
    """Every row with the type of each value and the fields it was given: stricter than ``==``
    (which takes 1 for 1.0 and ignores what was set)."""
    if dataset is None:
        return {}
    return {name: [(tuple((k, type(v), v) for k, v in r.__dict__.items()), sorted(r.model_fields_set))
                   for r in getattr(dataset, name)] for name in TABLES}


def _same(fast, slow) -> None:
    (dataset, issues), (reference, expected) = fast, slow
    assert _issues(issues) == _issues(expected)
    assert (dataset is None) == (reference is None)
    assert _rows(dataset) == _rows(reference)
    if dataset is not None:
        assert dataset.resolved_tautan() == reference.resolved_tautan()


def _tables(folder: Path, *, columnar: bool, monkeypatch) -> dict:
    monkeypatch.setattr(read_csv, "_COLUMNAR_MIN", 0 if columnar else 1 << 60)
    return {canonical(s.sheet): s for s in read_sheets(folder)}


_CODES = ["1.03.10.2.01.53", "1.3.10.2.1.0053", "X.XX.01.2.01.0001", "x.xx.01.2.01.1", "1.03.10", "1.03.10.2.01",
          "9.99.99.9.99.9999", "1.03.10.2.01.0053.1", "abc", "01.03.10.2.01.0053"]
_PLANTED = st.one_of(
    st.sampled_from(["", " ", "  \t", "-", "0", "00", "nasional", "2025.9", "1e400", "9" * 401, "1.250.000,50",
                     "Rp 5", "-5", "(5)", "NaN", "inf", "12,5 %", "WTP", "99.99", "64.02", "64.02.01", "11",
                     "usulan", "agreed", "Disepakati", "tolak", "usul", "pn", "Proyek", "flagship", "hasil",
                     "impact", "RPJMD", "renja pd", "1.02", "1.2; 1.03", "64.02; 64.02.01", "64.02,99.01",
                     "=1+1", "'=1+1", "a,\"b\"\nc", "Jalan\x07 desa", "\u00a0x\u00a0", "2025", "1899", "2101"]),
    st.sampled_from(_CODES),
    st.text(alphabet=st.sampled_from("0123456789.,;X -a"), max_size=20),
)


@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plants=st.lists(st.tuples(st.sampled_from(sorted(TABLES)), st.integers(1, 10_000), st.integers(0, 20),
                                 st.one_of(_PLANTED, st.integers(1, 10_000).map(lambda k: ("copy", k)))),
                       min_size=1, max_size=8))
def test_csv_folder_with_planted_cells_gives_what_the_row_path_gives(plants, tier_s, tmp_path_factory, monkeypatch):
    records = {name: [list(r) for r in rows] for name, rows in tier_s.items()}
    for table, row, column, value in plants:
        rows = records[table]
        target = rows[1 + row % (len(rows) - 1)]
        column %= len(target)
        if isinstance(value, tuple):  # the same cell of another row: duplicates, shared values
            value = rows[1 + value[1] % (len(rows) - 1)][column]
        target[column] = value
    folder = tmp_path_factory.mktemp("planted")
    for name, rows in records.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    fast_tables = _tables(folder, columnar=True, monkeypatch=monkeypatch)
    slow_tables = _tables(folder, columnar=False, monkeypatch=monkeypatch)
    plain = [n for n, t in fast_tables.items() if isinstance(t, ColumnTable)]
    assert plain, "no file went the column-wise way"
    fast = validate_tables(fast_tables, columnar=True)
    for name in plain:  # what pyarrow read is what the csv module reads
        assert fast_tables[name].row_numbers == slow_tables[name].row_numbers
        assert fast_tables[name].rows == slow_tables[name].rows
    _same(fast, validate_tables(slow_tables, columnar=False))


_JSON_CELLS = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([2025, 2025.0, 1, 1.0, True, 64, 64.02, [], ["64.02", None, 64], {"2025": 5}, {"x": 1},
                     [[1]], "", " ", "1.03.10.2.01.53"]),
    _PLANTED,
)


@settings(max_examples=35, deadline=None)
@given(plants=st.lists(st.tuples(st.sampled_from(sorted(TABLES)), st.integers(0, 10_000), st.integers(0, 20),
                                 _JSON_CELLS), min_size=1, max_size=8))
def test_json_with_typed_cells_gives_what_the_row_path_gives(plants, tier_s):
    document = {name: [dict(zip(rows[0], r)) for r in rows[1:]] for name, rows in tier_s.items()}
    for table, row, column, value in plants:
        item = document[table][row % len(document[table])]
        key = list(item)[column % len(item)] if column < 18 else "target"
        item[key] = value
    data = json.dumps(document).encode()
    fast = validate_tables({canonical(t.sheet): t for t in read_json_bytes(data, "plan.json")}, columnar=True)
    slow = validate_tables({canonical(t.sheet): t for t in read_json_bytes(data, "plan.json")}, columnar=False)
    _same(fast, slow)


def test_the_unplanted_tier_loads_the_same_both_ways(tier_s, tmp_path, monkeypatch):
    for name, rows in tier_s.items():
        with open(tmp_path / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    fast = validate_tables(_tables(tmp_path, columnar=True, monkeypatch=monkeypatch), columnar=True)
    _same(fast, validate_tables(_tables(tmp_path, columnar=False, monkeypatch=monkeypatch), columnar=False))
    assert fast[0] is not None and len(fast[0].sub_kegiatan) == len(tier_s["sub_kegiatan"]) - 1
    assert load(tmp_path) == fast[0]


def test_a_value_is_checked_once_however_many_rows_hold_it():
    lines = 1000
    columns = {"tahun": Column.of(["2025"] * lines), "kode_pemda": Column.of(["64.02"] * lines),
               "kode_skpd": Column.of(["1.03.0.00.0.00.01.0000"] * lines),
               "kode_sub_giat": Column.of(["1.03.10.2.01.0053"] * (lines - 1) + ["1.03.10"]),
               "nama_sub_giat": Column.of(["Jalan"] * lines), "pagu": Column.of([str(k) for k in range(lines)])}
    checked = check_columns(SubKegiatan, columns)
    assert len(columns["kode_pemda"].values) == 1
    assert checked.failing.tolist() == [lines - 1]  # a programme code where a sub kegiatan code belongs
