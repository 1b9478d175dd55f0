"""`queries.theme_lines` and `queries.spm_lines` asked of the database: the lines of a theme and
the SPM sub kegiatan per government, summed by Cypher.

`THEME_LINES` sums, per government, the selected lines tagged with the theme (their count, pagu,
levels and codes); Python adds the kab/kota of the provinces in scope that have none (the region
list, `reference.regions`, which no Cypher reads). `SPM_LINES` sums, per government and SPM code of
urusan 1, the selected lines (with the name of the code's first line by id), and lists every
government with selected lines; Python pairs each government with the codes its peers budget.
Lines are selected as `queries.themes` selects them: year, bidang, and the government filters
(`Filters.selects_government`: a province filter keeps the national government).

Theme matching lowercases in Cypher (``toLower``) where the embedded analysis casefolds. An SPM
code is named after its first line by id (the embedded analysis: its first line in the graph's
node order, which for a graph built from files is the order of the rows).

>>> sorted(statements())
['governments', 'spm_lines', 'theme_lines']
"""
from __future__ import annotations

from backends.neo4j_cypher import OWNED, batched, cypher, parameters, read_rows, v
from queries.desk import level_name
from queries.errors import QueryError
from queries.filters import Filters
from queries.results import Rows
from queries.themes import SpmRow, ThemeRow, peer_tier, without_theme
from reference import regions

__all__ = ["THEME_LINES", "SPM_LINES", "GOVERNMENTS", "theme_lines_in_database", "spm_lines_in_database", "statements"]

_SELECTED = ("($year IS NULL OR l.tahun = $year) AND ($bidang IS NULL OR l.bidang IN $bidang) AND "
             + v(OWNED, "l.pemda"))

THEME_LINES = batched(cypher("""
MATCH (l:{line})
WHERE {selected} AND any(t IN coalesce(l.tema, []) WHERE toLower(t) CONTAINS $theme)
WITH l.pemda AS government, count(l) AS lines, sum(coalesce(l.pagu, 0.0)) AS pagu,
     collect(DISTINCT coalesce(toString(l.level), $none)) AS levels, collect(DISTINCT l.code) AS codes
RETURN government, lines, pagu, levels, codes
""", selected=_SELECTED))
"""Per government: the selected lines tagged with ``$theme`` (lowercase)."""

SPM_LINES = batched(cypher("""
MATCH (l:{line})
WHERE {selected} AND l.spm = true AND left(l.code, size($urusan)) = $urusan
WITH l.pemda AS government, l.code AS code, count(l) AS lines, sum(coalesce(l.pagu, 0.0)) AS pagu, min(l.id) AS first
MATCH (f:{line} {{id: first}})
RETURN government, code, lines, pagu, first, coalesce(f.name, code) AS name
""", selected=_SELECTED))
"""Per government and SPM code of urusan 1: the selected lines, and the name of the code's first line."""

GOVERNMENTS = batched(cypher("""
MATCH (l:{line})
WHERE {selected}
RETURN DISTINCT l.pemda AS government
""", selected=_SELECTED))
"""The governments of the selected lines."""


def theme_lines_in_database(store, theme: str, filters: Filters | None = None) -> Rows[ThemeRow]:
    """`queries.theme_lines` computed by `THEME_LINES`: the same rows in the same order."""
    if not theme or not theme.strip():
        raise QueryError("query.theme")
    filters = filters or Filters()
    wanted = theme.strip().casefold()
    found = {r["government"]: r for r in read_rows(store, THEME_LINES, **parameters(filters), theme=wanted,
                                                   none=str(None))}
    rows = []
    for kode in sorted(found):
        r = found[kode]
        rows.append(ThemeRow(theme=theme, government=kode, government_name=regions.government_name(kode),
                             government_level=level_name(kode), status="intervenes", lines=r["lines"],
                             pagu=float(r["pagu"]), levels=tuple(sorted(r["levels"])), codes=tuple(sorted(r["codes"]))))
    return Rows(rows + without_theme(theme, set(found), filters))


def spm_lines_in_database(store, filters: Filters | None = None) -> Rows[SpmRow]:
    """`queries.spm_lines` computed by `SPM_LINES` and `GOVERNMENTS`: the same rows in the same order."""
    filters = filters or Filters()
    params = {**parameters(filters), "urusan": "1."}
    budgeted: dict[str, dict[str, dict]] = {}
    names: dict[str, tuple[str, str]] = {}  # code -> (its first line's id, that line's name)
    for r in read_rows(store, SPM_LINES, **params):
        budgeted.setdefault(r["government"], {})[r["code"]] = r
        names[r["code"]] = min(names.get(r["code"], (r["first"], r["name"])), (r["first"], r["name"]))
    by_tier: dict[str, set[str]] = {}
    for kode, codes in budgeted.items():
        by_tier.setdefault(peer_tier(kode), set()).update(codes)
    rows = []
    for kode in sorted(r["government"] for r in read_rows(store, GOVERNMENTS, **params)):
        level = level_name(kode)
        mine = budgeted.get(kode, {})
        for code in sorted(by_tier.get(peer_tier(kode), set()) | set(mine)):
            r = mine.get(code)
            rows.append(SpmRow(government=kode, government_level=level, status="budgeted" if r else "missing",
                               code=code, name=names[code][1], lines=r["lines"] if r else 0,
                               pagu=float(r["pagu"]) if r else 0.0))
    return Rows(rows)


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"theme_lines": THEME_LINES, "spm_lines": SPM_LINES, "governments": GOVERNMENTS}
