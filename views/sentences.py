"""The sentence a planner reads about a finding, in Bahasa Indonesia or English, made at the edge.

The analyses (`queries`) return data: ids, codes, names, amounts and a reason code. `finding_text`
turns one finding into its sentence from the catalogue's ``finding.<analysis>.<reason>`` row
(`base.i18n`), with money, counts, percentages and years from `base.fmt`. `with_messages` gives
the rows of a result with that sentence in a ``message`` column, for tables, CSV, JSON and decks.
`note_text` gives a result's note (a `base.i18n.Phrase` in ``notes``) as its sentence.

>>> from queries._examples import tiny_graph
>>> from queries import mandates
>>> conflict = mandates(tiny_graph())[0]
>>> finding_text(conflict, "en")[:60]
'Pemerintah Kabupaten Kutai Kartanegara (regency) runs 1.01.0'
>>> with_messages([conflict], "id")[0]["message"][:60]
'Pemerintah Kabupaten Kutai Kartanegara (kabupaten) menjalank'
>>> note_text(Phrase("note.overlaps.more", n=1250), "en")
'… and 1,250 more buckets not listed.'
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from base import fmt
from base.i18n import Phrase, placeholders, t, word
from queries.cascade import SightPath
from queries.mandates import MandateConflict
from queries.orphans import Orphan
from queries.overlaps import Overlap
from queries.results import to_row
from reference import regions

__all__ = ["finding_text", "with_messages", "note_text", "government_year", "flow_headline"]


def _government(kode_pemda: str | None) -> str:
    """A government named as planners write it (`reference.regions`); a code the list lacks stays a code."""
    if not kode_pemda:
        return "-"
    try:
        return regions.government_name(kode_pemda)
    except ValueError:
        return kode_pemda


def government_year(kode_pemda: str | None, year: int | None = None) -> str:
    """A government by name, and the year when known, as the sentences write them after a finding.

    >>> government_year("62", 2025), government_year("64.02"), government_year("99.99", 2026)
    ('Pemerintah Provinsi Kalimantan Tengah, 2025', 'Pemerintah Kabupaten Kutai Kartanegara', '99.99, 2026')
    """
    return f"{_government(kode_pemda)}, {fmt.year(year)}" if year else _government(kode_pemda)


def _label(f: Orphan, lang: str) -> str:
    code = f"{f.code} " if f.code and f.kind in ("program", "kegiatan", "sub_kegiatan") else ""
    where = f" ({government_year(f.government, f.year)})" if f.year or f.government else ""
    return f"{code}'{f.name}'{where}"


def _orphan(f: Orphan, lang: str) -> str:
    what = t(f"finding.orphan.what.{'indikator' if f.kind == 'indikator' else 'sasaran'}", lang)
    counted = t(f"finding.orphan.counted.{'yes' if f.counted else 'no'}", lang)
    values = {"label": _label(f, lang), "other": f.related_name or "", "what": what, "counted": counted}
    return _fill(f"finding.orphan.{f.reason}", lang, values)


def _sight(p: SightPath, lang: str) -> str:
    values = {"name": p.names[-1] if p.names else p.end, "gov": _government(p.end_government),
              "kind": word("word.tier", p.end_kind, lang), "other": p.related_name or ""}
    return _fill(f"finding.sight.{p.reason}", lang, values)


def _mandate(m: MandateConflict, lang: str) -> str:
    values = {"government": m.government_name, "level": word("value.government_level", m.government_level, lang),
              "code": m.code, "name": m.name, "digit": m.found, "digit_level": word("finding.mandate.digit", m.found, lang),
              "agency": m.agency_name or m.agency or "-", "bidang": m.found, "bidang_name": m.bidang_name or m.found,
              "held": m.expected, "year": fmt.year(m.year)}
    return _fill(f"finding.mandate.{m.reason}", lang, values)


def _overlap(o: Overlap, lang: str) -> str:
    values = {
        "place": o.place, "year": fmt.year(o.year), "family": o.family, "code": o.a_code, "name": o.a_name,
        "a_name": o.a_name, "b_name": o.b_name,
        "a_government": o.a_government_name, "b_government": o.b_government_name,
        "a_who": f"{o.a_agency_name or o.a_government} ({o.a_government})",
        "b_who": f"{o.b_agency_name or o.b_government} ({o.b_government})",
        "a_count": fmt.number(o.a_count, lang), "b_count": fmt.number(o.b_count, lang),
        "a_pagu": fmt.money(o.a_pagu, lang), "b_pagu": fmt.money(o.b_pagu, lang),
        "score": fmt.percent(o.score, lang, 0),
    }
    text = _fill(f"finding.overlap.{o.reason}", lang, values)
    if o.reason == "family" and o.shared_outcomes:
        text += " " + t("finding.overlap.shared", lang, n=fmt.number(len(o.shared_outcomes), lang))
    return text


def _fill(key: str, lang: str, values: dict[str, Any]) -> str:
    # every renderer offers all its values; a template takes the ones it names
    template = t(key, lang)
    return template.format(**{k: v for k, v in values.items() if k in placeholders(template)})


_RENDER = {Orphan: _orphan, SightPath: _sight, MandateConflict: _mandate, Overlap: _overlap}


def finding_text(finding: Any, lang: str = "id") -> str:
    """The sentence about one finding (`Orphan`, `SightPath`, `MandateConflict`, `Overlap`) in `lang`."""
    render = _RENDER.get(type(finding))
    if render is None:
        raise TypeError(f"no sentence for a {type(finding).__name__}")
    return render(finding, lang)


def with_messages(results: Iterable[Any], lang: str = "id") -> list[dict[str, Any]]:
    """The rows of `results` (`queries.results.to_row`), each finding with its sentence in ``message``;
    rows of other results (a cascade's nodes, budget flows) as they are. A result holding its
    findings in ``paths`` (a line of sight) gives the rows of those. The one place a table, a CSV,
    JSON or a deck gets its sentence column."""
    results = getattr(results, "paths", results)
    return [{**to_row(f), "message": finding_text(f, lang)} if type(f) in _RENDER else to_row(f) for f in results]


def note_text(note: Phrase, lang: str = "id") -> str:
    """A result's note in `lang`: its catalogue sentence, with years as written and other whole
    numbers (counts, limits) grouped per language by `base.fmt`."""
    values = {k: fmt.year(v) if k == "year" else fmt.number(v, lang) if isinstance(v, int) else v
              for k, v in note.values.items()}
    return t(note.key, lang, **values)


def flow_headline(links: Iterable[dict[str, Any]], *, title: str, tier: str, lang: str = "id",
                  value_key: str = "value") -> str:
    """The sentence a budget-flow slide states: how much money flows from where the flow starts down
    to how many nodes where it ends (`tier`: how deep it was drawn).

    >>> rows = [{"source": "pn", "target": "p1", "value": 3e9}, {"source": "pn", "target": "p2", "value": 1e9}]
    >>> flow_headline(rows, title="Aliran pagu", tier="program")
    'Aliran pagu: pagu Rp 4 miliar mengalir ke 2 program'
    """
    links = [r for r in links if float(r.get(value_key) or 0) > 0]
    sources, targets = {r["source"] for r in links}, {r["target"] for r in links}
    total = sum(float(r[value_key]) for r in links if r["source"] not in targets)
    return t("headline.budget", lang, title=title, pagu=fmt.money(total, lang),
             n=fmt.number(len(targets - sources), lang), tier=word("word.tier", tier, lang))
