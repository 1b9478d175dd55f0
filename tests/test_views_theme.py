"""Captions, short labels, and the presentation theme and CSS."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from views.text import shorten, shown_caption
from views.theme import THEMES, presentation_css, theme


def test_captions_in_both_languages():
    assert shown_caption(950, 12_345, "id") == "menampilkan 950 dari 12.345 simpul"
    assert shown_caption(950, 12_345, "en") == "showing 950 of 12,345 nodes"


def test_shorten_cuts_at_a_word():
    text = "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah"
    short = shorten(text, 30)
    assert len(short) <= 30 and short.endswith("…") and text.startswith(short[:-1])


def test_presentation_is_larger_and_higher_contrast():
    normal, big = THEMES["normal"], THEMES["presentation"]
    assert big.font_size > normal.font_size and big.text == "#000000" and big.edge == "#000000"
    css = presentation_css()
    sizes = [int(s) for s in re.findall(r"font-size: (\d+)px", css)]
    assert min(sizes) >= 20 and "[data-testid=\"stSidebar\"]" in css
    assert css.count("{") == css.count("}")


def test_unknown_theme_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown theme 'dark': choose normal, presentation"):
        theme("dark")


def test_the_text_helpers_load_without_the_rendering_libraries():
    code = ("import sys, views.text, views; "
            "print(sorted(m for m in ('plotly', 'pyvis', 'pptx', 'openpyxl') if m in sys.modules)); "
            "from views import export, cascade_view; print(callable(cascade_view), export.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[]", "True views.export"]
