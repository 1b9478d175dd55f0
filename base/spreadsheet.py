"""Text Kaskade writes for a spreadsheet: a cell that a spreadsheet would run as a formula is
neutralised the OWASP way (a leading ``'``), and a reader takes that quote off again.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula (or
starts a DDE call) in Excel, LibreOffice and Google Sheets; a number such as ``-5`` or ``-1,5``
stays a number.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5"), neutralise(-5.0), neutralise("Jalan")
('\\'=HYPERLINK("http://x")', '-5', -5.0, 'Jalan')
>>> unneutralise(neutralise("@SUM(A1)")), unneutralise("'Jum'at")
('@SUM(A1)', "'Jum'at")

Text that already starts with quotes before a formula start gets one more, so it reads back as written:

>>> neutralise("'="), unneutralise(neutralise("'=")), unneutralise(neutralise("''+1"))
("''=", "'=", "''+1")
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["neutralise", "unneutralise", "FORMULA_START"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)*")


def neutralise(value: Any) -> Any:
    """`value` as a spreadsheet shows it and never runs: text that starts like a formula gets a
    leading ``'``; numbers and other values are returned unchanged."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutralise(value: Any) -> Any:
    """The text `neutralise` was given: one leading ``'`` before a formula start (after any further
    quotes) is taken off."""
    if isinstance(value, str) and value.startswith("'") and value[1:].lstrip("'").startswith(FORMULA_START):
        return value[1:]
    return value
