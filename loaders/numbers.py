"""Numbers as planners write them: ``1.250.000,50``, ``Rp 2.000.000``, ``12,5 %`` or plain floats.

>>> parse_number("1.250.000,50")
1250000.5
>>> parse_number("Rp 2.000.000")
2000000.0
>>> parse_number("12,5%")
12.5
>>> parse_number("2.5")
2.5
>>> parse_number("-"), parse_number("Rp -"), parse_number("(1.500.000)")
(0.0, 0.0, -1500000.0)
>>> parse_number("9" * 401)
Traceback (most recent call last):
ValueError: terlalu besar
"""
from __future__ import annotations

import math
import re

__all__ = ["parse_number", "MAX_EXACT", "TOO_LARGE"]

MAX_EXACT = 2**53
"""The largest magnitude a number keeps exactly (9.007.199.254.740.992); a larger one is refused
rather than rounded, so no infinity or NaN ever reaches an analysis."""
TOO_LARGE = "terlalu besar"
"""The reason `parse_number` gives for a number beyond `MAX_EXACT` (validate keys its rule on it)."""


def _checked(number: float | int) -> float:
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError(TOO_LARGE if not math.isnan(number) else "angka kosong (NaN)")
    if abs(number) > MAX_EXACT:
        raise ValueError(TOO_LARGE)
    return float(number)

_JUNK = re.compile(r"^(rp\.?|idr)\s*|\s|%$", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?[\d.,]*\d[\d.,]*")
_NIL = frozenset({"-", "\u2013", "\u2014", "--"})
_THOUSANDS = re.compile(r"[+-]?\d{1,3}\.\d{3}")


def parse_number(value: object) -> float:
    """Read a number written the Indonesian way (dot thousands, comma decimals) or plainly.

    A single dot followed by exactly three digits is read as thousands (``1.250`` is 1250), as
    an Indonesian planner means it. Raises ValueError with a planner-readable reason otherwise.
    """
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka")
    if isinstance(value, (int, float)):
        return _checked(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return _checked(int(value)) if len(value) > 15 else float(value)  # the common case (years, whole rupiah), kept fast for million-row files
    text = _JUNK.sub("", str(value).strip())
    text = text.replace("\u00a0", "")
    if text in _NIL:
        return 0.0  # accounting prints a zero as a dash: ``-``, ``Rp -``
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if not _NUMBER.fullmatch(text or "x"):
        raise ValueError(f"'{value}' bukan angka")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        if text.count(",") > 1:
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    elif text.count(".") > 1 or _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    if len(text) > 400:
        raise ValueError(TOO_LARGE)
    number = _checked(float(text))
    if number.is_integer() and text.lstrip("+-").isdigit() and int(text) != number:
        raise ValueError(TOO_LARGE)  # more digits than a float keeps
    return -number if negative else number
