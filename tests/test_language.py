"""Every page speaks one language: walked with AppTest in Bahasa Indonesia and in English (sample data,
normal and presentation mode), no visible text holds a sentence of the other language's catalogue, and
no raw rule id (``unknown_ref``) reaches a user.

Visible text: titles, headers, markdown, captions, alerts, widget labels and options, button labels,
metric labels, tab and expander labels, table headings (and, for rule ids, cells) and the graph views' captions and legends.
"""
from __future__ import annotations

import re

import pytest

from base.i18n import LANGS, TEXT, column_label
from loaders.messages import MESSAGES
from tests.test_app import PAGES, broken_upload, run, sample_workbook  # noqa: F401 (fixtures)
import app_lib.state as app_state

_PLACEHOLDER = re.compile(r"\{[^}]*\}")
RULE_IDS = sorted(r for r in MESSAGES if "_" in r)


def _chunks(text: str) -> list[str]:
    """The literal parts of a catalogue entry long enough to be a phrase (12+ characters, a space)."""
    return [c.strip() for c in _PLACEHOLDER.split(text) if len(c.strip()) >= 12 and " " in c.strip()]


def foreign_phrases(lang: str) -> set[str]:
    """Phrases of the other language's catalogue that appear nowhere in this language's."""
    mine_i, other_i = LANGS.index(lang), 1 - LANGS.index(lang)
    mine = " ".join(v[mine_i] for v in TEXT.values())
    return {c for v in TEXT.values() if v[other_i] != v[mine_i] for c in _chunks(v[other_i]) if c not in mine}


def visible_text(at, cells: bool = False) -> list[str]:
    """The page's text; with `cells`, its tables' cells too (data as the planner wrote it, in any
    language: read for rule ids, not for language)."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error",
                 "metric", "button", "selectbox", "multiselect", "radio", "text_input", "toggle", "checkbox",
                 "expander", "tabs", "download_button"):
        for el in at.get(kind):
            for attr in ("value", "label", "body", "help", "placeholder"):
                v = getattr(el, attr, None) if attr != "value" or kind in ("title", "header", "subheader",
                                                                           "markdown", "caption", "info",
                                                                           "success", "warning", "error") else \
                    getattr(el, "value", None)
                if isinstance(v, str):
                    out.append(v)
            for option in getattr(el, "options", None) or ():
                out.append(str(option))
    for df in at.dataframe:
        out.extend(str(c) for c in df.value.columns)
        if cells:
            out.extend(str(v) for row in df.value.itertuples(index=False) for v in row if isinstance(v, str))
    for tb in at.table:  # presentation mode's tables
        out.extend(str(c) for c in tb.value.columns)
        if cells:
            out.extend(str(v) for row in tb.value.itertuples(index=False) for v in row if isinstance(v, str))
    for frame in at.get("iframe"):
        html = frame.proto.srcdoc
        out += re.findall(r'<p class="kk-caption">(.*?)</p>', html)
        out += re.findall(r'<div class="kk-legend">(.*?)</div>', html)
    return out


def sentence_cells(at, lang: str) -> list[str]:
    """The cells of every table's message column: sentences made from the catalogue (findings, load
    problems), so in the page's language even where the names in them are the planner's."""
    label = column_label("message", lang)
    return [v for frame in (*at.dataframe, *at.table) if label in frame.value.columns
            for v in frame.value[label] if isinstance(v, str)]


@pytest.mark.parametrize("present", [False, True], ids=["normal", "presentation"])
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_speaks_one_language_and_names_no_rule_by_its_id(page, lang, present):
    at = run(page, lang, **({"presentation": True} if present else {}))
    texts = visible_text(at)
    shown = "\n".join(texts)
    assert at.title[0].value in texts and len(texts) > 5, "the walk reads the page"
    leaks = sorted(p for p in foreign_phrases(lang) if p in shown)
    assert not leaks, f"{page} ({lang}): text of the other language: {leaks[:5]}"
    sentences = "\n".join(sentence_cells(at, lang))
    leaks = sorted(p for p in foreign_phrases(lang) if p in sentences)
    assert not leaks, f"{page} ({lang}): a finding's sentence in the other language: {leaks[:5]}"
    if lang == "id":  # the data is Indonesian too, so an English function word is a leak
        english = sorted({m.group(0) + ": " + t[:80] for t in texts
                          for m in [re.search(r"\b(the|with|which|are|is|of|does|not)\b", t)] if m})
        assert not english, f"{page}: English in the Bahasa page: {english[:3]}"
    raw = raw_rule_ids(visible_text(at, cells=True))
    assert not raw, f"{page} ({lang}): raw rule ids shown: {raw}"


def raw_rule_ids(texts: list[str]) -> list[str]:
    shown = "\n".join(texts)
    return [r for r in RULE_IDS if re.search(rf"(?<![\w.]){re.escape(r)}(?![\w.])", shown)]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_validation_table_of_a_broken_upload_names_no_rule_by_its_id(broken_upload, lang):
    """The Data page after a failed upload: its issue table explains each problem in words."""
    at = run("data", lang, **{app_state.LAST_LOAD: broken_upload})
    assert {i.rule for i in broken_upload.errors} & set(RULE_IDS), "the upload breaks a rule with an id"
    texts = visible_text(at, cells=True)
    assert any(i.text(lang) in texts for i in broken_upload.errors), "the walk reads the issue table's cells"
    assert not raw_rule_ids(texts), raw_rule_ids(texts)
    problems = "\n".join(sentence_cells(at, lang))
    assert problems and not [p for p in foreign_phrases(lang) if p in problems], "a problem in the other language"
