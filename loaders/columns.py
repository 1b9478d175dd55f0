"""Column-wise row validation: each distinct cell value of a column is checked once, rows are built
from the checked values, and only the rows holding a value that fails go through the row model
(whose errors `loaders.validate` turns into issues, as for any row).

A column is a `Column`: its distinct values and, per row, the index of its value (what a
spreadsheet column of a million lines with a few thousand distinct codes really is). A value is
checked by the row model's own validator for that field (`pydantic_core`, built from the model's
schema: the same parsing, the same field validators), so a row built here is the row
``model_validate`` builds; rows are made without validating them again (`build_rows`).

>>> from loaders.models import Pemda
>>> kode, nama = Column.of(["64", "64.02", "64"]), Column.of(["Kaltim", "Kukar", " "])
>>> checked = check_columns(Pemda, {"kode_pemda": kode, "nama": nama})
>>> checked.failing.tolist()  # row 2 has a blank required name
[2]
>>> [(r.kode_pemda, r.nama) for r in build_rows(Pemda, checked, [0, 1])]
[('64', 'Kaltim'), ('64.02', 'Kukar')]
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel
from pydantic_core import SchemaValidator

__all__ = ["Column", "Checked", "check_columns", "build_rows", "blank", "field_validators"]


def blank(value: Any) -> bool:
    """A cell `loaders.validate` leaves out of a row (so a default applies, or a required field is missing)."""
    return value is None or value == "" or (value.__class__ is str and value.isspace())


class _Unhashable:
    """A key for a value that cannot be a dict key (a JSON list or object): never shared."""

    __slots__ = ()


def _key(value: Any) -> Any:
    # 1, 1.0 and True are equal as keys but not as cells (True is no number): keys carry the type.
    if value.__class__ is str:
        return value
    try:
        hash(value)
    except TypeError:
        return _Unhashable()
    return (value.__class__, value)


@dataclass
class Column:
    """One column: `values` (distinct), and per row the position of its value in `values`."""

    values: list[Any]
    codes: np.ndarray

    @classmethod
    def of(cls, cells: Iterable[Any]) -> Column:
        """A column from its cells, row by row."""
        index: dict[Any, int] = {}
        values: list[Any] = []
        codes = []
        for cell in cells:
            key = _key(cell)
            at = index.get(key)
            if at is None:
                at = index[key] = len(values)
                values.append(cell)
            codes.append(at)
        return cls(values, np.asarray(codes, dtype=np.int64))

    @classmethod
    def blank_of(cls, rows: int) -> Column:
        """A column of `rows` blank cells."""
        return cls([None], np.zeros(rows, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.codes)

    def cell(self, row: int) -> Any:
        return self.values[self.codes[row]]

    def set(self, row: int, value: Any) -> None:
        """Give row `row` the value `value`."""
        self.values.append(value)
        self.codes[row] = len(self.values) - 1

    def blanks(self) -> np.ndarray:
        """Per row: is the cell blank?"""
        return np.fromiter((blank(v) for v in self.values), dtype=bool, count=len(self.values))[self.codes]


@functools.lru_cache(maxsize=None)
def field_validators(model: type[BaseModel]) -> dict[str, SchemaValidator]:
    """Per field of `model`, the validator its schema gives that field (defaults left out: a blank cell
    never reaches it), with the model's config (``str_strip_whitespace``)."""
    schema = model.__pydantic_core_schema__
    if schema["type"] != "model" or schema["schema"]["type"] != "model-fields":
        raise TypeError(f"{model.__name__}: no plain model-fields schema")
    if model.__pydantic_decorators__.model_validators or model.__private_attributes__:
        raise TypeError(f"{model.__name__}: model validators or private attributes cannot be checked per field")
    validators = {}
    for name, field in schema["schema"]["fields"].items():
        inner = field["schema"]
        if inner["type"] == "default":
            inner = inner["schema"]
        validators[name] = SchemaValidator(inner, schema.get("config"))
    return validators


@dataclass
class Checked:
    """What `check_columns` found: per field the checked value of each distinct cell, and the rows that fail."""

    columns: dict[str, Column]
    results: dict[str, list[Any]]  # field -> checked value per distinct cell (None where blank or failing)
    present: dict[str, np.ndarray | None]  # field -> per distinct cell: not blank (None: no blank at all)
    failing: np.ndarray  # indices of rows with a failing or missing value, ascending
    rows: int


_FAILED = object()


def _check(validator: SchemaValidator, values: Sequence[Any]) -> tuple[list[Any], np.ndarray, np.ndarray]:
    """The checked value of each distinct cell, whether it is present (not blank), whether it fails."""
    results: list[Any] = []
    present = np.ones(len(values), dtype=bool)
    failed = np.zeros(len(values), dtype=bool)
    validate = validator.validate_python
    for i, value in enumerate(values):
        if blank(value):
            present[i] = False
            results.append(None)
            continue
        try:
            results.append(validate(value))
        except Exception:  # ValidationError, or what a validator let escape (an overflow): the row model says
            failed[i] = True
            results.append(None)
    return results, present, failed


def check_columns(model: type[BaseModel], columns: Mapping[str, Column], rows: int | None = None) -> Checked:
    """Check every distinct value of every column against its field of `model`; a row fails when one of its
    values fails or a required field is blank or absent."""
    validators = field_validators(model)
    if rows is None:
        rows = len(next(iter(columns.values()))) if columns else 0
    bad = np.zeros(rows, dtype=bool)
    results: dict[str, list[Any]] = {}
    present: dict[str, np.ndarray | None] = {}
    for name, info in model.model_fields.items():
        column = columns.get(name)
        if column is None:
            if info.is_required():
                bad[:] = True
            continue
        values, is_present, failed = _check(validators[name], column.values)
        if info.is_required():
            failed |= ~is_present
        if failed.any():
            bad |= failed[column.codes]
        results[name] = values
        present[name] = None if is_present.all() else is_present
    return Checked(dict(columns), results, present, np.flatnonzero(bad), rows)


def build_rows(model: type[BaseModel], checked: Checked, indices: Sequence[int] | np.ndarray) -> list[BaseModel]:
    """The rows `indices` (which must not fail) as `model` instances, equal to what ``model_validate`` makes of
    their cells, without validating again. Distinct values are shared between rows (one object each)."""
    indices = np.asarray(indices, dtype=np.int64)
    if not len(indices):
        return []
    names = list(model.model_fields)
    per_field: list[list[Any]] = []
    mask = np.zeros(len(indices), dtype=np.int64)
    factories: list[tuple[int, Any]] = []
    for bit, name in enumerate(names):
        info = model.model_fields[name]
        if name not in checked.results:
            if info.default_factory is not None:
                factories.append((bit, info.default_factory))
                per_field.append([None] * len(indices))
            else:
                per_field.append([info.default] * len(indices))
            continue
        values = list(checked.results[name])
        is_present = checked.present[name]
        codes = checked.columns[name].codes[indices]
        if is_present is not None:
            here = is_present[codes]
            if info.default_factory is not None:
                factories.append((bit, info.default_factory))
            else:
                for k in np.flatnonzero(~is_present):
                    values[k] = info.default
            mask |= here.astype(np.int64) << bit
        else:
            mask |= 1 << bit
        table = np.empty(len(values), dtype=object)
        table[:] = values
        per_field.append(table[codes].tolist())
    fields_sets: dict[int, set[str]] = {}
    masks = mask.tolist()
    new, put = object.__new__, object.__setattr__
    made = []
    for m, cells in zip(masks, zip(*per_field)):
        row = new(model)
        data = dict(zip(names, cells))
        if factories:
            for bit, factory in factories:
                if not m >> bit & 1:
                    data[names[bit]] = factory()
        put(row, "__dict__", data)
        fields_set = fields_sets.get(m)
        if fields_set is None:
            fields_set = fields_sets[m] = {n for b, n in enumerate(names) if m >> b & 1}
        put(row, "__pydantic_fields_set__", fields_set)  # shared: model_copy copies it before changing it
        put(row, "__pydantic_extra__", None)
        put(row, "__pydantic_private__", None)
        made.append(row)
    return made
