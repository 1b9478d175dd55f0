"""The `ValidationReport`: everything one validation found, and the dataset when it is clean.

>>> from base.errors import Issue
>>> issue = Issue(source="data.xlsx", sheet="sasaran", row=3, column="induk", value="S9",
...               rule="unknown_ref", params={"target": "sasaran"})
>>> report = ValidationReport.from_issues([issue], counts={"sasaran": 2})
>>> report.ok, report.to_json()["errors"][0]["row"]
(False, 3)
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from base.errors import Issue
from loaders.models import Dataset

__all__ = ["ValidationReport"]


class ValidationReport(BaseModel):
    """Everything `loaders.validate_path` found; `dataset` is None unless `ok`."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()
    counts: dict[str, int] = {}
    dataset: Dataset | None = None

    @classmethod
    def from_issues(
        cls, issues: list[Issue], *, counts: dict[str, int], dataset: Dataset | None = None
    ) -> ValidationReport:
        errors = tuple(i for i in issues if i.severity == "error")
        warnings = tuple(i for i in issues if i.severity == "warning")
        ok = not errors
        return cls(ok=ok, errors=errors, warnings=warnings, counts=counts, dataset=dataset if ok else None)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "errors": [i.to_json() for i in self.errors],
            "warnings": [i.to_json() for i in self.warnings],
            "counts": dict(self.counts),
        }
