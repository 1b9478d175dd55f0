"""The one formatter: money, counts, percentages and years as planners write them, in both languages."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from base import fmt


@pytest.mark.parametrize("value, bahasa, english", [
    (0, "Rp 0", "IDR 0"),
    (75_000, "Rp 75 ribu", "IDR 75 thousand"),
    (350_000_000, "Rp 350 juta", "IDR 350 million"),
    (892_000_000, "Rp 892 juta", "IDR 892 million"),
    (1_250_000_000, "Rp 1,3 miliar", "IDR 1.3 billion"),
    (14_700_000_000, "Rp 14,7 miliar", "IDR 14.7 billion"),
    (999_960_000, "Rp 1 miliar", "IDR 1 billion"),
    (2_500_000_000_000, "Rp 2,5 triliun", "IDR 2.5 trillion"),
    (-350_000_000, "-Rp 350 juta", "-IDR 350 million"),
])
def test_money_short(value, bahasa, english):
    assert (fmt.money(value, "id"), fmt.money(value, "en")) == (bahasa, english)


_UNITS = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "triliun": 1e12,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@given(st.floats(min_value=1e3, max_value=9.99e14, allow_nan=False), st.sampled_from(["id", "en"]))
def test_money_reads_back_within_rounding_and_never_says_m(value, lang):
    text = fmt.money(value, lang)
    currency, number, unit = re.fullmatch(r"(Rp|IDR) ([\d.,]+) (\w+)", text).groups()
    assert currency == ("IDR" if lang == "en" else "Rp") and unit in _UNITS
    digits = number.replace(".", "").replace(",", ".") if lang == "id" else number.replace(",", "")
    assert abs(float(digits) * _UNITS[unit] - value) <= 0.05 * _UNITS[unit] + 1e-6 * value


@pytest.mark.parametrize("lang, full, count, share", [
    ("id", "Rp 73.475.152.000", "1.250.000", "99,1 %"),
    ("en", "IDR 73,475,152,000", "1,250,000", "99.1%"),
])
def test_full_money_counts_and_percentages(lang, full, count, share):
    assert fmt.money_full(73_475_152_000, lang) == full
    assert fmt.number(1_250_000, lang) == count
    assert fmt.percent(99.1, lang) == share


@pytest.mark.parametrize("value", [2025, 2025.0, "2025", " 2025"])
def test_years_never_get_a_separator(value):
    assert fmt.year(value) == "2025"
    assert fmt.cell(value if not isinstance(value, str) else 2025, "year", "id") == "2025"


@pytest.mark.parametrize("column, value, bahasa, english", [
    ("pagu", 73_475_152_000.0, "Rp 73.475.152.000", "IDR 73,475,152,000"),
    ("b_pagu", 1_000.0, "Rp 1.000", "IDR 1,000"),
    ("tahun", 2026, "2026", "2026"),
    ("share_none", 0.009, "0,9 %", "0.9%"),
    ("sub_kegiatan", 12_500, "12.500", "12,500"),
    ("score", 93.5, "93,50", "93.50"),
    ("linked", True, "ya", "yes"),
    ("places", ["64.02", "64.71"], "64.02; 64.71", "64.02; 64.71"),
])
def test_table_cells_by_column(column, value, bahasa, english):
    assert (fmt.cell(value, column, "id"), fmt.cell(value, column, "en")) == (bahasa, english)
