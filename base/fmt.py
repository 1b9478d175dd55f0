"""The one formatter for numbers a planner reads: money, counts, percentages and years, per language.

Bahasa Indonesia writes dot thousands and a decimal comma and reads budgets in ribu, juta, miliar
and triliun; English writes comma thousands and a decimal point and says thousand, million,
billion, trillion. "M" is never used: an English reader takes it for million (1,000x too small).
Years never get a thousands separator.

>>> money(14_700_000_000, "id"), money(14_700_000_000, "en")
('Rp 14,7 miliar', 'IDR 14.7 billion')
>>> money(892_000_000, "id"), money(892_000_000, "en")
('Rp 892 juta', 'IDR 892 million')
>>> number(1_250_000, "id"), number(1_250_000, "en")
('1.250.000', '1,250,000')
>>> percent(99.1, "id"), percent(99.1, "en")
('99,1 %', '99.1%')
>>> year(2025.0)
'2025'
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

from base.i18n import t

__all__ = ["LANGS", "currency", "money", "money_full", "number", "percent", "year", "scale_unit", "cell", "is_money", "is_year"]

LANGS = ("id", "en")

# (threshold, Indonesian unit, English unit); planners read budgets at these scales.
_SCALES = ((1e12, "triliun", "trillion"), (1e9, "miliar", "billion"), (1e6, "juta", "million"),
           (1e3, "ribu", "thousand"))


def _en(lang: str) -> bool:
    return str(lang).lower().startswith("en")


def _half_up(value: float, decimals: int) -> Decimal:
    """`value` rounded as people round (1,25 -> 1,3), not to even."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """A number with the language's thousands and decimal marks; ``-`` for None or not finite.

    >>> number(1234.56, "id", 1), number(1234.56, "en", 1), number(-7), number(None), number(float("inf"))
    ('1.234,6', '1,234.6', '-7', '-', '-')
    """
    if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
        return "-"
    text = f"{_half_up(value, decimals):,.{decimals}f}"
    if _en(lang):
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def scale_unit(value: float, lang: str = "id") -> tuple[float, str]:
    """The divisor and unit a money amount is read in: ``(1e9, 'miliar')``; ``(1, '')`` below a thousand.

    >>> scale_unit(2.5e12, "en"), scale_unit(950)
    ((1000000000000.0, 'trillion'), (1, ''))
    """
    value = abs(float(value))
    for k, (scale, unit_id, unit_en) in enumerate(_SCALES):
        if value >= scale:
            # 999,96 juta rounds to 1.000 juta: read it one scale up
            if k and _half_up(value / scale, 1) >= 1000:
                scale, unit_id, unit_en = _SCALES[k - 1]
            return scale, unit_en if _en(lang) else unit_id
    return 1, ""


def currency(lang: str = "id") -> str:
    """How a budget is marked: ``Rp`` in Bahasa Indonesia, ``IDR`` in English (a reader abroad
    may not know "Rp").

    >>> currency(), currency("en")
    ('Rp', 'IDR')
    """
    return "IDR" if _en(lang) else "Rp"


def money(value: float | int | None, lang: str = "id") -> str:
    """A budget in short form: ``Rp 1,2 miliar`` / ``IDR 1.2 billion``; one decimal, dropped when zero.

    >>> money(0), money(950, "en"), money(12_000), money(1_000_000_000), money(None)
    ('Rp 0', 'IDR 950', 'Rp 12 ribu', 'Rp 1 miliar', '-')
    >>> money(1_234_567e9), money(999_960_000, "en"), money(-350_000_000)
    ('Rp 1.234,6 triliun', 'IDR 1 billion', '-Rp 350 juta')
    """
    if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
        return "-"
    sign, amount = ("-" if value < 0 else ""), abs(float(value))
    scale, unit = scale_unit(amount, lang)
    if not unit:
        return f"{sign}{currency(lang)} {number(amount, lang)}"
    short = number(amount / scale, lang, 1)
    short = short.removesuffix(".0" if _en(lang) else ",0")
    return f"{sign}{currency(lang)} {short} {unit}"


def money_full(value: float | int | None, lang: str = "id") -> str:
    """A budget to the rupiah, for tables and exports: ``Rp 73.475.152.000`` / ``IDR 73,475,152,000``.

    >>> money_full(73_475_152_000), money_full(73_475_152_000, "en")
    ('Rp 73.475.152.000', 'IDR 73,475,152,000')
    """
    if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
        return "-"
    sign = "-" if value < 0 else ""
    return f"{sign}{currency(lang)} {number(abs(float(value)), lang)}"


def percent(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A percentage (given as 0-100): ``99,1 %`` / ``99.1%``; a whole number drops its decimal.

    >>> percent(50.0), percent(12.345, "en", 2), percent(None)
    ('50 %', '12.35%', '-')
    """
    if value is None or isinstance(value, bool) or not math.isfinite(float(value)):
        return "-"
    text = number(value, lang, decimals)
    text = text.removesuffix(("." if _en(lang) else ",") + "0" * decimals) if decimals else text
    return f"{text}%" if _en(lang) else f"{text} %"


def year(value: int | float | str | None) -> str:
    """A year as written: never a thousands separator, never a decimal.

    >>> year(2025), year("2026"), year(None)
    ('2025', '2026', '-')
    """
    if value is None or value == "":
        return "-"
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


_MONEY = re.compile(r"pagu|anggaran|budget|rupiah|(^|_)rp($|_)|^value$", re.IGNORECASE)
_YEAR = re.compile(r"(^|_)(year|years|tahun)($|_)", re.IGNORECASE)


def is_money(column: str) -> bool:
    """Whether a result column holds rupiah (``pagu``, ``a_pagu``, ``pagu_linked``, a flow's ``value``).

    >>> is_money("pagu_linked"), is_money("value"), is_money("sub_kegiatan")
    (True, True, False)
    """
    return bool(_MONEY.search(column))


def is_year(column: str) -> bool:
    """Whether a result column holds years (``year``, ``tahun``, ``years``).

    >>> is_year("year"), is_year("tahun_anggaran"), is_year("yearly_total")
    (True, True, False)
    """
    return bool(_YEAR.search(column))


def cell(value: object, column: str = "", lang: str = "id", *, short: bool = False) -> str:
    """A table cell as a planner reads it, chosen by its column's name: money to the rupiah (`short`:
    ``Rp 1,2 miliar``), years as written, ``share_*`` fractions as percentages, other numbers grouped,
    lists joined, yes / no in words.

    >>> cell(73_475_152_000, "pagu"), cell(73_475_152_000, "a_pagu", "en"), cell(2025, "year", "id")
    ('Rp 73.475.152.000', 'IDR 73,475,152,000', '2025')
    >>> cell(0.991, "share_national"), cell(12500, "sub_kegiatan", "en"), cell([2024, 2025], "years")
    ('99,1 %', '12,500', '2024; 2025')
    >>> cell(1.5, "score"), cell(True, "context", "en"), cell(None, "code")
    ('1,50', 'yes', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no", lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(cell(v, column, lang, short=short) for v in value)
    if isinstance(value, (int, float)):
        if is_year(column):
            return year(value)
        if is_money(column):
            return money(value, lang) if short else money_full(value, lang)
        if column.startswith("share"):
            return percent(value * 100, lang)
        return number(value, lang, 0 if float(value).is_integer() else 2)
    return str(value)
