"""Problems found while loading: `Issue`, the `ValidationReport`, and the exception hierarchy.

An `Issue` names where a problem is, the way the planner sees the file: `source` (file name),
`sheet` (sheet, CSV file stem or JSON key), `row` (as the spreadsheet shows it: the header is row 1,
the first data row is row 2; in JSON the item's position in its list, starting at 1), `column` (the
header as written in the file) and the offending `value`. `rule` is a stable id (see
`loaders.messages.MESSAGES`); `message` is Indonesian, `message_en` English.

>>> issue = Issue(source="data.xlsx", sheet="sasaran", row=3, column="induk", value="S9",
...               rule="unknown_ref", message="...", message_en="...")
>>> str(LoadError([issue]))
'data.xlsx, sasaran, baris 3, kolom induk: ... (1 masalah)'
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Issue", "KaskadeError", "LoadError", "Severity"]

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    """One problem, located in the file as the planner sees it."""

    model_config = ConfigDict(frozen=True)

    source: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    rule: str
    message: str
    message_en: str
    severity: Severity = "error"

    def where(self) -> str:
        """``file, sheet, baris N, kolom C`` — the parts that apply."""
        parts = [self.source]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
            "message_en": self.message_en,
        }


class KaskadeError(Exception):
    """Base of every error Kaskade raises on purpose; its text is meant for the user."""


class LoadError(KaskadeError):
    """A file could not be loaded. `issues` holds every problem found (errors, then warnings)."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues, key=lambda i: i.severity != "error")
        first = self.issues[0] if self.issues else None
        text = f"{first.where()}: {first.message}" if first else "berkas tidak dapat dimuat"
        super().__init__(f"{text} ({len(self.errors) or len(self.issues)} masalah)")

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]
