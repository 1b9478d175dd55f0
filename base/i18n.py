"""Every sentence and word a user reads, in Bahasa Indonesia (the default) and English, in one
catalogue: `catalogue.csv` beside this module, one row per key with its ``id`` and ``en`` text.

Add a sentence by adding one row. Placeholders use `str.format` names and must be the same in
both languages (a test checks it). Keys are grouped by prefix: ``page.`` / ``nav.`` / a page name
for the app, ``col.`` for table headings, ``value.<column>.<code>`` for coded values, ``issue.<rule>``
for the loader's problems (`loaders.messages.make_issue`), ``finding.<analysis>.<reason>`` for the
analyses' findings (`views.sentences.finding_text`), ``view.`` / ``map.`` / ``deck.`` / ``word.`` for
the views, ``cli.`` for the command line.

>>> t("page.overview")
'Ringkasan'
>>> t("page.overview", "en")
'Overview'
>>> t("data.source", "en", name="sample", n=3)
'sample (3 governments)'
>>> t("value.reason.no_outcome", "en")
'No path to an outcome'
"""
from __future__ import annotations

import csv
import string
from pathlib import Path

__all__ = ["LANGS", "DEFAULT_LANG", "TEXT", "CATALOGUE", "Phrase", "t", "word", "column_label", "normalize_lang", "placeholders"]

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"
CATALOGUE = Path(__file__).with_name("catalogue.csv")


def _read(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    text: dict[str, tuple[str, str]] = {}
    for row in rows:
        key = row["key"].strip()
        if key in text:
            raise ValueError(f"{path.name}: key {key!r} appears twice")
        text[key] = (row["id"], row["en"])
    return text


TEXT: dict[str, tuple[str, str]] = _read(CATALOGUE)
"""key -> (Bahasa Indonesia, English), as read from `catalogue.csv`."""


def normalize_lang(lang: str | None) -> str:
    """A supported language code; anything else falls back to Bahasa Indonesia.

    >>> normalize_lang("EN"), normalize_lang("fr"), normalize_lang(None)
    ('en', 'id', 'id')
    """
    lang = (lang or "").strip().lower()
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text of `key` in `lang`, with `values` filled in. An unknown key is a KeyError (a bug)."""
    text = TEXT[key][LANGS.index(normalize_lang(lang))]
    return text.format(**values) if values else text


class Phrase:
    """A catalogue key and its values, rendered in either language when read: what a message
    parameter holds when its words depend on the language (a reason, a level's name).

    >>> p = Phrase("word.level.3")
    >>> p.text("id"), p.text("en"), p == Phrase("word.level.3")
    ('program', 'programme', True)
    """

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object):
        if key not in TEXT:
            raise KeyError(key)
        self.key, self.values = key, values

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t(self.key, lang, **{k: v.text(lang) if isinstance(v, Phrase) else v for k, v in self.values.items()})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.values) == (other.key, other.values)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted(self.values.items()))))

    def __reduce__(self):
        import functools

        return (functools.partial(Phrase, self.key, **self.values), ())

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.values!r})"

    def __str__(self) -> str:
        return self.text()


def placeholders(template: str) -> set[str]:
    """The names a template fills.

    >>> sorted(placeholders("{n} baris dari {total}; {{literal}}"))
    ['n', 'total']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def word(prefix: str, code: object, lang: str = DEFAULT_LANG) -> str:
    """The catalogue's word for a coded value, ``<prefix>.<code>``, else the code itself.

    >>> word("word.tier", "program", "en"), word("word.tier", "unknown", "en"), word("word.tier", None)
    ('programme', 'unknown', '')
    """
    key = f"{prefix}.{code}"
    return t(key, lang) if key in TEXT else ("" if code is None else str(code))


def column_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """The heading of a result column: its ``col.<name>`` entry, else the column name itself.

    >>> column_label("pagu", "en"), column_label("no_such_column")
    ('Budget (pagu, IDR)', 'no_such_column')
    """
    return word("col", name, lang)
