"""The template workbook: loads as it is, explains every column, offers drop-downs, and is documented."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from loaders import validate_path, write_template
from loaders.models import TABLES, DocType, IndicatorType, Relasi, TargetType
from loaders.template import CHOICES, HELP

DOCS = Path(__file__).parent.parent / "docs" / "formats.md"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return write_template(tmp_path_factory.mktemp("template") / "kaskade.xlsx")


def test_template_loads_and_validates_without_any_issue(template):
    report = validate_path(template)
    assert report.ok, report.errors
    assert report.warnings == ()
    assert report.counts == {name: 1 for name in TABLES}
    ds = report.dataset
    assert ds.sub_kegiatan[0].lokasi == ("64.02.06", "64.02.16")
    assert ds.indikator[0].target == {2025: 70.0, 2026: 72.5, 2027: 75.0, 2028: 77.5, 2029: 80.0}


def test_one_sheet_per_table_each_header_explained(template):
    workbook = openpyxl.load_workbook(template)
    assert workbook.sheetnames == list(TABLES)
    for name in TABLES:
        header = next(workbook[name].iter_rows(max_row=1))
        assert all(cell.comment is not None and len(cell.comment.text) > 20 for cell in header), name


@pytest.mark.parametrize(
    "sheet, column, enum",
    [("dokumen", "jenis", DocType), ("sasaran", "jenis", TargetType), ("indikator", "jenis", IndicatorType),
     ("tautan", "relasi", Relasi)],
)
def test_fixed_value_columns_have_drop_downs(template, sheet, column, enum):
    ws = openpyxl.load_workbook(template)[sheet]
    letter = next(c.column_letter for c in ws[1] if c.value == column)
    (check,) = [dv for dv in ws.data_validations.dataValidation if f"{letter}2:{letter}1048576" in str(dv.sqref)]
    assert check.type == "list"
    assert check.formula1 == '"' + ",".join(m.value for m in enum) + '"'


def test_every_drop_down_column_exists_in_its_model():
    for table, column in CHOICES:
        assert column in TABLES[table].model_fields


def test_help_covers_every_column():
    for name, model in TABLES.items():
        documented = {c.replace("target_YYYY", "target") for c in HELP[name]}
        assert documented == set(model.model_fields), name


def test_formats_doc_names_every_table_and_column():
    text = DOCS.read_text(encoding="utf-8")
    for name, model in TABLES.items():
        assert f"## `{name}`" in text or f"### `{name}`" in text, name
        for column in model.model_fields:
            assert f"`{column}`" in text, (name, column)


def test_formats_doc_explains_every_rule():
    from loaders.messages import MESSAGES

    text = DOCS.read_text(encoding="utf-8")
    assert [rule for rule in MESSAGES if rule != "more" and f"| `{rule}`" not in text] == []
