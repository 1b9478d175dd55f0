"""Control characters in cells: NUL, BEL, ESC and their kind have no place in a planner's text (a
Bolt server cuts a name at its NUL, a terminal rings or recolours); they are taken out of every
text cell, and a warning names each cell that had them.

>>> from loaders.readers import RawTable
>>> t = RawTable("a.csv", "sasaran", ["id", "nama"], [["S1", "Jalan\\x00 desa\\x07"]], [2])
>>> [(i.rule, i.row, i.column) for i in strip_controls(t)], t.rows
([('control_characters', 2, 'nama')], [['S1', 'Jalan desa']])
"""
from __future__ import annotations

import re

from base.errors import Issue
from loaders.messages import make_issue
from loaders.readers import RawTable

__all__ = ["strip_controls", "CONTROL", "MAX_REPORTED"]

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters except tab, line feed and carriage return."""
MAX_REPORTED = 20
"""Cells named one by one; more are counted in the last warning."""


def strip_controls(table: RawTable) -> list[Issue]:
    """Take control characters out of `table`'s text cells (in place); one warning per cell."""
    issues: list[Issue] = []
    found = 0
    for row, number in zip(table.rows, table.row_numbers):
        for k, cell in enumerate(row):
            if type(cell) is str and not cell.isprintable() and CONTROL.search(cell):
                found += 1
                chars = ", ".join(sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(cell)}))
                row[k] = CONTROL.sub("", cell)
                if found <= MAX_REPORTED:
                    label = table.labels[k] if k < len(table.labels) else None
                    issues.append(make_issue("control_characters", source=table.source, sheet=table.sheet,
                                             row=number, column=label, value=row[k], chars=chars))
    if found > MAX_REPORTED:
        issues.append(make_issue("control_characters_more", source=table.source, sheet=table.sheet,
                                 count=found - MAX_REPORTED))
    return issues
