"""Problems found while loading: `Issue`, the `ValidationReport`, and the exception hierarchy.

An `Issue` names where a problem is, the way the planner sees the file: `source` (file name),
`sheet` (sheet, CSV file stem or JSON key), `row` (as the spreadsheet shows it: the header is row 1,
the first data row is row 2; in JSON the item's position in its list, starting at 1), `column` (the
header as written in the file) and the offending `value`. `rule` is a stable id and `params` what
its sentence needs; the sentence is the catalogue's ``issue.<rule>`` (`base.i18n`), rendered in
either language by `text` (`message` is the Indonesian one, `message_en` the English one). A
parameter given as a `base.i18n.Phrase` (a catalogue key with its values) is rendered in each
language; a pair ``(indonesian, english)`` of figures formatted per language (`base.fmt`) picks
one. An issue built with its own `message` (a rule the catalogue does not hold) keeps it.

>>> issue = Issue(source="data.xlsx", sheet="sasaran", row=3, column="induk", value="S9",
...               rule="unknown_ref", params={"target": ("sasaran", "sasaran")})
>>> str(LoadError([issue]))
"data.xlsx, sasaran, baris 3, kolom induk: 'S9' tidak ditemukan di sasaran. (1 masalah)"
>>> issue.text("en")
"'S9' was not found in sasaran."
>>> issue.where("en")
'data.xlsx, sasaran, row 3, column induk'
"""
from __future__ import annotations

import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from base.i18n import LANGS, TEXT, Phrase, normalize_lang, t

__all__ = ["Issue", "KaskadeError", "CatalogueError", "LoadError", "Severity", "issue_text"]

Severity = Literal["error", "warning"]


def issue_text(rule: str, params: dict[str, Any], lang: str) -> str:
    """The catalogue's sentence for `rule` in `lang`, filled from `params` (pairs pick the language).

    >>> issue_text("year", {"value": "20x5"}, "en")
    "'20x5' is not a year (write e.g. 2025)."
    """
    k = LANGS.index(normalize_lang(lang))
    values = {name: (v.text(lang) if isinstance(v, Phrase) else
                     v[k] if isinstance(v, tuple) and len(v) == len(LANGS) else v) for name, v in params.items()}
    return t(f"issue.{rule}", lang, **values)


class Issue(BaseModel):
    """One problem, located in the file as the planner sees it."""

    model_config = ConfigDict(frozen=True)

    source: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    rule: str
    params: dict[str, Any] = {}
    message: str = ""
    message_en: str = ""
    severity: Severity = "error"

    @model_validator(mode="before")
    @classmethod
    def _render(cls, data: Any) -> Any:
        """Fill `message` / `message_en` from the catalogue when the issue does not bring them."""
        if not isinstance(data, dict) or f"issue.{data.get('rule')}" not in TEXT:
            return data
        params = {"column": data.get("column"), "value": data.get("value"), "sheet": data.get("sheet"),
                  **(data.get("params") or {})}
        data = dict(data)
        for field, lang in (("message", "id"), ("message_en", "en")):
            if not data.get(field):
                data[field] = issue_text(data["rule"], params, lang)
        return data

    def __hash__(self) -> int:
        return hash((self.source, self.sheet, self.row, self.column, self.value, self.rule, self.message))

    def text(self, lang: str = "id") -> str:
        """The sentence in `lang`: ``id`` (the default) or ``en``."""
        return self.message_en if normalize_lang(lang) == "en" else self.message

    def where(self, lang: str = "id") -> str:
        """``file, sheet, baris N, kolom C`` — the parts that apply."""
        parts = [self.source]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(t("load.row", lang, row=self.row))
        if self.column:
            parts.append(t("load.column", lang, column=self.column))
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


class CatalogueError(KaskadeError):
    """An error whose sentence is the catalogue's `key` filled with `params`; ``str(err)`` is the
    Indonesian sentence, `text` gives either language.

    >>> err = CatalogueError("query.unknown_node", node="x")
    >>> str(err), err.text("en")
    ("simpul tidak dikenal: 'x'", "unknown node id: 'x'")
    """

    def __init__(self, key: str, /, **params: Any):
        self.key, self.params = key, params
        super().__init__(t(key, "id", **params))

    def text(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.params)

    @property
    def message_en(self) -> str:
        return self.text("en")

    def __reduce__(self):
        return (functools.partial(type(self), self.key, **self.params), ())


class LoadError(KaskadeError):
    """A file could not be loaded. `issues` holds every problem found (errors, then warnings)."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues, key=lambda i: i.severity != "error")
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        """The first problem, where it is, and how many there are, in `lang`."""
        first = self.issues[0] if self.issues else None
        head = f"{first.where(lang)}: {first.text(lang)}" if first else t("load.unreadable", lang)
        return f"{head} ({t('load.problems', lang, n=len(self.errors) or len(self.issues))})"

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]
