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
from decimal import Decimal

__all__ = ["parse_number", "exact_number", "scaled", "money_unit", "noted_unit", "note_unit", "unit_only", "MAX_EXACT", "TOO_LARGE"]

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


def _plain(value: object) -> str:
    """`value` (text) as a plain signed decimal (``-1250000.5``); raises ValueError when it is no number."""
    text = _JUNK.sub("", str(value).strip())
    text = text.replace("\u00a0", "")
    if text in _NIL:
        return "0"  # accounting prints a zero as a dash: ``-``, ``Rp -``
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
    return "-" + text if negative else text


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
    text = _plain(value)
    number = _checked(float(text))
    digits = text.lstrip("+-")
    if number.is_integer() and digits.isdigit() and int(digits) != abs(number):
        raise ValueError(TOO_LARGE)  # more digits than a float keeps
    return number


def exact_number(value: object) -> Decimal:
    """`value` as the decimal it was written as, with no binary rounding: text as `parse_number`
    reads it, a spreadsheet float to the 15 significant digits Excel keeps (``1250.4999999999998``,
    a sum Excel shows as ``1250.5``, is 1250.5). Raises ValueError when it is no number.

    >>> exact_number("1.250,5"), exact_number(0.1 + 0.2), exact_number(7)
    (Decimal('1250.5'), Decimal('0.3'), Decimal('7'))
    """
    if isinstance(value, bool):
        raise ValueError(f"'{value}' bukan angka")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        _checked(value)
        return Decimal(format(value, ".15g"))
    return Decimal(_plain(value))


def scaled(value: object, factor: int) -> object:
    """`value` written in units of `factor` rupiah (``1.250,5`` in thousands), as rupiah, exactly:
    decimal arithmetic, a whole result as an int. A blank cell or a cell that is no number is given
    back as it is (validation names it at its cell).

    >>> scaled("1.250,5", 1000), scaled(1.005, 1000), scaled(2.5, 1_000_000), scaled("-", 1000), scaled("n/a", 1000)
    (1250500, 1005, 2500000, 0, 'n/a')
    >>> scaled(0.0005, 1000)
    0.5
    """
    if factor == 1 or value is None or (isinstance(value, str) and not value.strip()):
        return value
    try:
        amount = exact_number(value) * factor
    except (ValueError, ArithmeticError):
        return value
    return int(amount) if amount == amount.to_integral_value() else float(amount)


_SCALES = {"": 1, "000": 1000, "1000": 1000, "ribu": 1000, "ribuan": 1000, "thousand": 1000, "thousands": 1000,
           "000000": 10**6, "1000000": 10**6, "juta": 10**6, "jutaan": 10**6, "million": 10**6, "millions": 10**6,
           "000000000": 10**9, "1000000000": 10**9, "miliar": 10**9, "milyar": 10**9, "miliaran": 10**9,
           "milyaran": 10**9, "billion": 10**9, "billions": 10**9}
_MONEY = re.compile(r"\brp\b|rp\.|rupiah|\bidr\b", re.IGNORECASE)
_UNIT_NOISE = re.compile(r"rupiah|\bidr\b|\brp\b\.?|rp\.|\bdalam\b|\bin\b|\bx\b|,-|[\s.,()\u00d7*:]", re.IGNORECASE)
_UNIT_WORD = (r"(?:dalam|in|x|rp\.?|rupiah|idr|ribu(?:an)?|juta(?:an)?|mil[iy]ar(?:an)?|thousands?|millions?|billions?"
              r"|(?:1[.,]?)?000(?:[.,]?000)*)")
_UNIT_TAIL = re.compile(r"\(([^()]*)\)\s*$|(?:^|(?<=\s))((?:" + _UNIT_WORD + r"(?![\w])[.,:-]*\s*)+)$",
                        re.IGNORECASE)
_SCALE_WORD = r"(?:ribu(?:an)?|juta(?:an)?|mil[iy]ar(?:an)?|(?:1[.,]?)?000(?:[.,]?000)*)"
_UNIT_NOTE = re.compile(r"\b(?:dalam|in)\s+(?:satuan\s+)?(?:rp\.?\s*)?(?:" + _SCALE_WORD[3:-1]
                        + r"|thousands?|millions?|billions?)\b(?:\s*(?:rupiah|rp\.?|idr))?"
                        r"|\(\s*(?:rp\.?|rupiah|idr)\s*(?:x\s*)?" + _SCALE_WORD + r"\s*(?:,-)?\s*\)", re.IGNORECASE)


def _factor(unit: str, *, money: bool) -> int | None:
    """The multiplier a unit written after a heading names (None: not a money unit)."""
    factor = _SCALES.get(_UNIT_NOISE.sub("", unit).lower())
    if factor == 1 and not money:
        return None  # ``( )`` or ``(dalam)``: no unit at all
    return factor


def money_unit(text: object) -> tuple[str, int] | None:
    """A heading's stem and the rupiah its figures count in, when it ends with a money unit: ``(Rp)``
    (1), ``(Rp 000)``, ``(Rp. 000,-)``, ``(dalam ribuan rupiah)``, ``Rp. Ribu`` (1,000), ``(Rp. Juta)``,
    ``(Rp 000.000)`` (1,000,000), ``(Rp Miliar)`` (10**9); None otherwise.

    >>> money_unit("Pagu (Rp 000)"), money_unit("DANA TAHUN 1 Rp. Juta"), money_unit("Jumlah Pagu (Rp)")
    (('Pagu', 1000), ('DANA TAHUN 1', 1000000), ('Jumlah Pagu', 1))
    >>> money_unit("Pagu (dalam ribuan rupiah)"), money_unit("Pagu (000)"), money_unit("Pagu"), money_unit("Target (%)")
    (('Pagu', 1000), ('Pagu', 1000), None, None)
    """
    written = " ".join(str(text).split())
    found = _UNIT_TAIL.search(written)
    if found is None:
        return None
    unit = found.group(1) if found.group(1) is not None else found.group(2)
    factor = _factor(unit, money=bool(_MONEY.search(unit)))
    if factor is None:
        return None
    stem = written[:found.start()].strip()
    return (stem, factor) if stem else None


def noted_unit(text: object) -> int | None:
    """The rupiah each figure counts in, when a line of text above a table says so (``(dalam ribuan
    rupiah)``, ``Dalam Jutaan Rupiah``, ``(Rp 000)``); None when it says nothing of the kind.

    >>> noted_unit("RENJA 2026 (dalam ribuan rupiah)"), noted_unit("Satuan: Rp 000"), noted_unit("Tahun 2026")
    (1000, None, None)
    >>> noted_unit("Dalam Jutaan Rupiah"), noted_unit("(Rp. 000)")
    (1000000, 1000)
    """
    found = _UNIT_NOTE.search(" ".join(str(text).split()))
    return None if found is None else _factor(found.group(0), money=True)


_NOTE_LEAD = re.compile(r"(?:[^\w(]|_|\b(?:ket(?:erangan)?|catatan|note|nb|angka|nilai|semua|seluruh|jumlah"
                        r"|anggaran|pagu|dana|uang|ditulis|disajikan|tertulis|written|figures|amounts|are|all)\b)*", re.IGNORECASE)


def note_unit(text: object) -> int | None:
    """The rupiah each figure counts in, when a note line under a table is about nothing but the unit
    (``*) Angka dalam ribuan rupiah``, ``Ket: (Rp 000)``); None for any other line, such as an indicator
    that names its unit (``Nilai investasi (Rp juta)``).

    >>> note_unit("*) Angka dalam ribuan rupiah"), note_unit("Keterangan : Dalam Jutaan Rupiah"), note_unit("(Rp. 000)")
    (1000, 1000000, 1000)
    >>> note_unit("Nilai investasi (Rp juta)"), note_unit("Pagu dalam ribuan rupiah per tahun"), note_unit("Tahun 2026")
    (None, None, None)
    """
    written = " ".join(str(text).split())
    found = _UNIT_NOTE.match(written, _NOTE_LEAD.match(written).end())
    if found is None or written[found.end():].strip(" .;:*)"):
        return None
    return _factor(found.group(0), money=True)


def unit_only(text: object) -> int | None:
    """The rupiah a cell that holds only a money unit counts in (``(Rp)``: 1, ``Rp. Juta``: 1,000,000;
    a header row of units under the headings), None when it holds anything else.

    >>> unit_only("(Rp. Juta)"), unit_only("Rp 000"), unit_only("Rp"), unit_only("Ribuan Rupiah"), unit_only("Target")
    (1000000, 1000, 1, 1000, None)
    """
    written = " ".join(str(text).split())
    found = _UNIT_TAIL.fullmatch(written) if written else None
    if found is None:
        return None
    unit = found.group(1) if found.group(1) is not None else found.group(2)
    return _factor(unit, money=bool(_MONEY.search(unit)))
