"""Findings carry data; their sentences are made at the edge from the one catalogue, in both languages."""
from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pytest

import queries
from base.i18n import TEXT
from kaskade.open import sample_graph
from queries import line_of_sight, mandates, orphans, overlaps
from queries.mandates import RULES
from queries.orphans import REASONS
from queries.overlaps import KINDS
from queries._examples import tiny_graph
from reference import regions
from views.sentences import finding_text, with_messages

SIGHT_REASONS = ("national", "unaligned", "no_link", "link_proposed", "link_rejected")


def _result_classes():
    for info in pkgutil.iter_modules(queries.__path__):
        module = importlib.import_module(f"queries.{info.name}")
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == module.__name__:
                yield value


def test_no_result_in_queries_carries_a_sentence():
    classes = list(_result_classes())
    assert len(classes) >= 8, "the scan found too few result classes: the scan is out of date"
    carrying = [f"{c.__name__}.{f.name}" for c in classes for f in dataclasses.fields(c) if f.name.startswith("message")]
    assert carrying == []


@pytest.mark.parametrize("analysis, reasons", [
    ("orphan", REASONS), ("mandate", RULES), ("overlap", KINDS), ("sight", SIGHT_REASONS)])
def test_every_reason_has_a_sentence_in_the_catalogue(analysis, reasons):
    assert [r for r in reasons if f"finding.{analysis}.{r}" not in TEXT] == []


@pytest.fixture(scope="module")
def findings():
    G = sample_graph()
    found = [*orphans(G), *mandates(G), *overlaps(G)]
    for start in {o.id for o in orphans(G) if o.kind == "sub_kegiatan"}:
        found.extend(line_of_sight(G, start).paths)
    return found


def test_every_sample_finding_reads_in_both_languages(findings):
    seen = set()
    for f in findings:
        bahasa, english = finding_text(f, "id"), finding_text(f, "en")
        assert bahasa and english and bahasa != english, f
        assert "{" not in bahasa + english, f
        seen.add((type(f).__name__, f.reason))
    assert {"Orphan", "MandateConflict", "Overlap", "SightPath"} <= {kind for kind, _ in seen}


def test_money_in_a_sentence_is_written_per_language(findings):
    family = next(f for f in findings if type(f).__name__ == "Overlap" and f.reason == "family")
    bahasa, english = finding_text(family, "id"), finding_text(family, "en")
    assert "Rp " in bahasa and "IDR" not in bahasa and any(u in bahasa for u in ("juta", "miliar", "triliun"))
    assert "IDR " in english and "Rp" not in english and any(u in english for u in ("million", "billion", "trillion"))
    assert " M " not in bahasa + english


def test_a_finding_names_what_it_is_about_in_both_languages():
    (conflict,) = mandates(tiny_graph())
    assert finding_text(conflict, "id") == (
        "Pemerintah Kabupaten Kutai Kartanegara (kabupaten) menjalankan 1.01.02.1.01.0014 'Pembangunan Sarana "
        "Sekolah', kewenangan provinsi (digit tingkat 1), tanpa bantuan keuangan atau DAK yang mendanainya.")
    assert finding_text(conflict, "en") == (
        "Pemerintah Kabupaten Kutai Kartanegara (regency) runs 1.01.02.1.01.0014 'Pembangunan Sarana Sekolah', "
        "a province-level kegiatan (level digit 1), with no bankeu or DAK funding it.")


def test_an_orphan_or_a_break_names_its_government_and_year_not_its_code(findings):
    named = [f for f in findings if type(f).__name__ in ("Orphan", "SightPath")
             and (f.government if hasattr(f, "government") else f.end_government) not in (None, "00")]
    assert named, "the sample has orphans and breaks of regional governments"
    for f in named:
        code = f.government if hasattr(f, "government") else f.end_government
        for lang in ("id", "en"):
            text = finding_text(f, lang)
            assert regions.government_name(code) in text and f"({code}" not in text, text
            if getattr(f, "year", None):
                assert f"{regions.government_name(code)}, {f.year})" in text


def test_rows_get_one_message_column_in_the_chosen_language():
    found = orphans(tiny_graph())
    for lang in ("id", "en"):
        rows = with_messages(found, lang)
        assert [r["message"] for r in rows] == [finding_text(f, lang) for f in found]
        assert all(not k.startswith("message_") for r in rows for k in r)


def test_a_result_without_sentences_is_left_as_rows():
    from queries import budget_flow

    flow = budget_flow(tiny_graph())
    assert with_messages(flow, "en") == flow.to_rows()


def test_something_that_is_not_a_finding_is_refused():
    with pytest.raises(TypeError):
        finding_text(object(), "id")
