"""The floor: read the same CSV files with pyarrow's multithreaded CSV reader and do nothing else.

No engine can turn the files into a graph faster than it can read them; this is that bound.
Every column is read as text, as the other engines see it before parsing.

Run by `bench.run`: ``python -m bench.engines.floor DATA --pn ID --line ID --out FILE``.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import pyarrow as pa
from pyarrow import csv as pacsv

from bench.engines import Questions, Recorder, engine_main

__all__ = ["run", "read_table"]


def read_table(path: Path) -> pa.Table:
    """One CSV file of the folder, every column as text (empty cells as empty strings)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in header}),
    )


def run(data: Path, q: Questions, rec: Recorder) -> None:
    with rec.step("files -> graph"):
        tables = {p.stem: read_table(p) for p in sorted(data.glob("*.csv"))}
    rec.info["rows read"] = sum(t.num_rows for t in tables.values())
    rec.info["note"] = "reads the files only: no validation, no graph, no analysis"


if __name__ == "__main__":
    sys.exit(engine_main("floor", run))
