"""The bundled sample: an illustrative planning dataset for Kalimantan Timur and Kalimantan Tengah.

Real region codes, agency names, nomenclature codes and plan names; invented budgets, targets
and links. The data are the CSV files of ``kaskade/sample_data/`` (the CSV folder format of
`docs/formats.md`), read by `loaders.load` like any user's folder. Problems are planted on purpose
and listed in ``sample_data/ground_truth.json`` (`GROUND_TRUTH`, node ids of the graph), which the
analyses are tested against; the README written beside the sample states the rules.

Changing the sample is editing those files: add or change rows in the ``<table>.csv`` files (columns
as in `docs/formats.md`; a decimal is written ``78,6``, a list ``a; b``), add the node ids a planted
case must produce to the right list of ``ground_truth.json`` (a new list is a new key, and needs a
``$key`` section in ``README.template.md``), then run ``tests/test_sample.py``: it loads the files,
checks every ground-truth list against a brute-force reading of its rule, and checks that every
id it names is a node of the graph.

>>> ds = sample_dataset()
>>> len(ds.sub_kegiatan) > 300, ds == sample_dataset()
(True, True)
>>> GROUND_TRUTH["kp_without_regional_link"]
['prioritas:KP03.01.03']
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from string import Template

from graph.schema import NodeKind, node_id
from loaders.load import load
from loaders.models import Dataset

__all__ = ["sample_dataset", "write_sample", "ground_truth", "GROUND_TRUTH", "SAMPLE_DIR", "SAMPLE_FILE"]

SAMPLE_DIR = Path(__file__).with_name("sample_data")
"""The bundled files: one ``<table>.csv`` per table, ``ground_truth.json`` and the README template."""
SAMPLE_FILE = "kaskade-sample.xlsx"
_GROUND_TRUTH = "ground_truth.json"
_README = "README.template.md"
_PLACEHOLDER_AGENCIES = ("64.02",)  # their support lines are written as X.XX in the workbook


def sample_dataset() -> Dataset:
    """The illustrative Kaltim / Kalteng planning dataset, loaded from the bundled CSV files
    (read on every call: about 60 ms)."""
    return load(SAMPLE_DIR)


def ground_truth() -> dict[str, list]:
    """What the analyses must find in the sample, and nothing else, read from ``ground_truth.json``.

    Values are graph node ids (`graph.schema.node_id`); pairs are sorted tuples; links are
    (sub kegiatan, target) tuples.
    """
    data = json.loads((SAMPLE_DIR / _GROUND_TRUTH).read_text(encoding="utf-8"))
    return {key: [tuple(v) if isinstance(v, list) else v for v in values] for key, values in data.items()}


GROUND_TRUTH: dict[str, list] = ground_truth()


def _placeholder_cells(path: Path) -> None:
    """Write some support lines as planners receive them, ``X.XX.01...``; loading fills them back."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["sub_kegiatan"]
    header = [cell.value for cell in sheet[1]]
    pemda, code = header.index("kode_pemda"), header.index("kode_sub_giat")
    for row in sheet.iter_rows(min_row=2):
        value = str(row[code].value)
        if str(row[pemda].value) in _PLACEHOLDER_AGENCIES and value.split(".")[2] == "01":
            row[code].value = "X.XX" + value[4:]
    book.save(path)


def _readme(dataset: Dataset) -> str:
    names = {node_id(NodeKind.SUB_KEGIATAN, s.kode_pemda, s.tahun, s.kode_skpd, s.kode_sub_giat): s.nama_sub_giat
             for s in dataset.sub_kegiatan}
    names.update({f"sasaran:{t.id}": t.nama for t in dataset.sasaran})
    names.update({f"prioritas:{t.id}": t.nama for t in dataset.sasaran})
    names.update({f"indikator:{i.id}": i.nama for i in dataset.indikator})
    names.update({node_id(NodeKind.PROGRAM if len(p.kode) == 7 else NodeKind.KEGIATAN, p.kode_pemda, p.tahun, p.kode):
                  p.nama for p in dataset.program_kegiatan})

    def item(value) -> str:
        if isinstance(value, tuple):
            return " **and** ".join(item(v) for v in value)
        return f"`{value}` ({names.get(value, '?')})"

    sections = {key: "\n".join(f"- {item(v)}" for v in values) for key, values in GROUND_TRUTH.items()}
    counts = ", ".join(f"{n} {name}" for name, n in dataset.counts().items())
    template = Template((SAMPLE_DIR / _README).read_text(encoding="utf-8"))
    return template.substitute(sections, counts=counts, workbook=SAMPLE_FILE)


def write_sample(directory: str | Path) -> Path:
    """Write the sample into `directory`: its CSV files and ``ground_truth.json`` as bundled, the same
    data as ``kaskade-sample.xlsx``, and a README.md that lists the ground truth; returns the workbook path."""
    from loaders.write import write_dataset

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name in sorted(p.name for p in SAMPLE_DIR.iterdir() if p.suffix in (".csv", ".json")):
        shutil.copyfile(SAMPLE_DIR / name, directory / name)
    dataset = sample_dataset()
    path = write_dataset(dataset, directory / SAMPLE_FILE)
    _placeholder_cells(path)
    (directory / "README.md").write_text(_readme(dataset), encoding="utf-8")
    return path
