"""The one catalogue (base/catalogue.csv): complete in both languages, and every key the code uses exists."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from base.i18n import LANGS, TEXT, column_label, normalize_lang, t

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("base", "loaders", "graph", "queries", "backends", "kaskade", "views", "cli", "app_lib", "app_pages")
SOURCES = [ROOT / "app.py", *sorted(p for name in PACKAGES for p in (ROOT / name).glob("*.py"))]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    pair = TEXT[key]
    assert len(pair) == len(LANGS) and all(s.strip() for s in pair), key
    assert _fields(pair[0]) == _fields(pair[1]), f"{key}: placeholders differ between id and en"


def _used_keys() -> tuple[set[str], set[str]]:
    literal, prefixes = set(), set()
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        literal |= set(re.findall(r"""\b(?:t|QueryError|ExportError|CatalogueError|GraphFileError|StoreError|Phrase|Failure)\(\s*["']([a-z_.]+)["']\s*[,)]""", source))
        prefixes |= set(re.findall(r"""\b(?:t|word)\(\s*f?["']([a-z_.]+)(?:\{|["'])""", source))
    return literal, prefixes


def test_every_key_the_code_uses_is_in_the_catalogue():
    literal, prefixes = _used_keys()
    assert literal, "the scan found no t(...) calls: the pattern is out of date"
    assert sorted(k for k in literal if k not in TEXT) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in TEXT), f"no key starts with {prefix!r}"


def test_default_language_is_bahasa_indonesia_and_unknown_falls_back():
    assert t("page.overview") == "Ringkasan"
    assert t("page.overview", "en") == "Overview"
    assert normalize_lang("de") == "id"


def test_column_labels_translate_known_columns_and_keep_unknown_ones():
    assert column_label("government", "en") == "Government"
    assert column_label("government", "id") == "Pemerintah daerah"
    assert column_label("kolom_baru", "en") == "kolom_baru"


def test_unknown_key_is_an_error_not_a_silent_blank():
    with pytest.raises(KeyError):
        t("no.such.key")


def test_the_catalogue_file_is_the_only_home_of_bilingual_text():
    """No module keeps its own table of Indonesian / English pairs beside the catalogue."""
    pair = re.compile(r'\{\s*"id"\s*:\s*"[^"]*"\s*,\s*"en"\s*:|message_id\s*=|_en\s*=\s*\(?f?"')
    offenders = [str(p.relative_to(ROOT)) for p in SOURCES if pair.search(p.read_text(encoding="utf-8"))]
    assert offenders == []



def test_errors_meant_for_the_user_say_a_catalogue_sentence_not_inline_text():
    """A KaskadeError (a store, load, write or open error) is raised with a catalogue key, so it reads
    in the user's language; never with its own text, Indonesian only or "id / en" pasted together."""
    inline = re.compile(r"""\b(?:KaskadeError|StoreError|CatalogueError|QueryError|ExportError)\(\s*(?:f["']|["'][^"']*[^a-z0-9_."'])""")
    offenders = []
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}:{source.count(chr(10), 0, m.start()) + 1}" for m in inline.finditer(source)]
    assert offenders == []
