"""`make_issue`: a located `Issue` for a loader rule, its sentence from the catalogue.

Each rule id is stable (tests, the app and users' scripts key on it); its sentence is the row
``issue.<rule>`` of `base/catalogue.csv` (add a rule by adding that row). A template's parameters
come from `make_issue` keywords; a parameter given as a pair ``(indonesian, english)`` is
language-specific.

>>> i = make_issue("unknown_ref", source="a.xlsx", sheet="sasaran", row=4, column="induk",
...                value="S9", target=("sasaran", "sasaran"))
>>> i.message
"'S9' tidak ditemukan di sasaran."
>>> i.message_en, i.severity
("'S9' was not found in sasaran.", 'error')
"""
from __future__ import annotations

from typing import Any

from base.errors import Issue, Severity, issue_text
from base.i18n import TEXT

__all__ = ["MESSAGES", "WARNINGS", "make_issue", "summary_issue"]

MESSAGES: dict[str, tuple[str, str]] = {
    key.removeprefix("issue."): pair for key, pair in TEXT.items()
    if key.startswith("issue.") and key.count(".") == 1
}
"""rule -> (Indonesian template, English template): the catalogue's ``issue.<rule>`` rows."""

WARNINGS = frozenset({
    'agency_unmatched',
    'bad_bytes',
    'code_part_guessed',
    'code_part_short_guessed',
    'code_not_in_year',
    'code_replaced',
    'control_characters',
    'control_characters_more',
    'goal_column_not_loaded',
    'grand_total',
    'hidden_rows',
    'hidden_sheet',
    'misplaced',
    'money_scaled',
    'not_loaded',
    'outside_region',
    'pagu_not_loaded',
    'recap_sheet',
    'parent_gap',
    'parent_total',
    'repair_account_code',
    'repair_bidang',
    'repair_level',
    'repair_placeholder',
    'repair_sub_kegiatan',
    'unknown_column',
    'unknown_place',
    'unknown_sheet',
})
"""Rules that are warnings: the data still loads."""

_MAX_VALUE = 200


def make_issue(
    rule: str,
    *,
    source: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    **params: Any,
) -> Issue:
    """An `Issue` for `rule` at this place, carrying `params`; its sentences come from the catalogue."""
    if rule not in MESSAGES:
        raise KeyError(f"no catalogue row issue.{rule}")
    text = None if value is None else str(value)[:_MAX_VALUE]
    return Issue(source=source, sheet=sheet, row=row, column=column, value=text, rule=rule, params=params,
                 severity="warning" if rule in WARNINGS else "error")


def summary_issue(first: Issue, count: int) -> Issue:
    """Stands for `count` further issues like `first` that were left out of a report."""
    severity: Severity = first.severity
    params = {"count": count, "rule": first.rule}
    return Issue(source=first.source, sheet=first.sheet, column=first.column, rule=first.rule, params=params,
                 message=issue_text("more", params, "id"), message_en=issue_text("more", params, "en"),
                 severity=severity)
