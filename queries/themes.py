"""Thematic who-where: the nomenclature's TAG themes and SPM flags on sub kegiatan lines.

A line node carries ``tema`` (a tuple of theme names as the nomenclature table writes them, e.g.
``"STUNTING"``, ``"KEMISKINAN EKSTREM (ASTACITA)"``) and ``spm`` (True for a line of a standar
pelayanan minimal), set from the official table when the data is built. A theme asked for matches
a line when it is contained in one of the line's themes, without regard to case.

- `theme_lines`: per government, the lines, pagu and levels intervening on a theme
  (``status`` ``intervenes``), and every kab/kota of the provinces in scope with none (``none``).
- `spm_lines`: for urusan wajib pelayanan dasar (urusan 1), per government and SPM sub kegiatan
  code: ``budgeted`` (with its lines and pagu) or ``missing`` (budgeted by another government of
  the same level in scope, not by this one). Without the official table the list of SPM codes is
  what the data itself shows.
- `themes`: every theme named on a line, to choose from.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("sub_kegiatan:64.02/2025/x/1.02.02.2.02.0001", kind="sub_kegiatan", pemda="64.02", tahun=2025,
...            code="1.02.02.2.02.0001", name="Gizi", pagu=5e8, bidang="1.02", level="2", province="64",
...            tema=("STUNTING",), spm=True)
>>> [(r.government, r.status, r.lines) for r in theme_lines(G, "stunting")][:2]
[('64.02', 'intervenes', 1), ('64.01', 'none', 0)]
>>> themes(G)
('STUNTING',)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graph.schema import NodeKind
from reference import regions
from queries.desk import level_name
from queries.errors import QueryError
from queries.filters import Filters
from queries.results import Rows

__all__ = ["ThemeRow", "SpmRow", "theme_lines", "spm_lines", "themes", "has_theme", "without_theme", "peer_tier"]


@dataclass(frozen=True)
class ThemeRow:
    """One government on one theme: what it runs (``intervenes``) or that it runs nothing (``none``)."""

    theme: str
    government: str
    government_name: str
    government_level: str | None
    status: str
    lines: int
    pagu: float
    levels: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class SpmRow:
    """One SPM sub kegiatan code of one government: ``budgeted`` or ``missing``."""

    government: str
    government_level: str | None
    status: str
    code: str
    name: str
    lines: int
    pagu: float


def has_theme(attrs: dict, theme: str) -> bool:
    """Whether a line's ``tema`` names `theme` (contained, any case).

    >>> has_theme({"tema": ("KEMISKINAN EKSTREM (ASTACITA)",)}, "kemiskinan ekstrem"), has_theme({}, "x")
    (True, False)
    """
    wanted = theme.strip().casefold()
    return bool(wanted) and any(wanted in str(t).casefold() for t in attrs.get("tema") or ())


def _lines(G: nx.MultiDiGraph, filters: Filters) -> list[tuple[str, dict]]:
    return [(n, d) for n, d in G.nodes(data=True)
            if d.get("kind") == NodeKind.SUB_KEGIATAN.value and filters.selects_government(d.get("pemda"))
            and (filters.year is None or d.get("tahun") == filters.year)
            and (not filters.bidang or d.get("bidang") in filters.bidang)]


def _tier(kode: str) -> str:
    """Peers for SPM: the province, or any kabupaten and kota (they hold the same mandate)."""
    level = level_name(kode)
    return "kabkota" if level in ("kabupaten", "kota") else str(level)


peer_tier = _tier
"""The peers a government's SPM lines are compared with: ``provinsi``, or ``kabkota`` for any district."""


def themes(G: nx.MultiDiGraph) -> tuple[str, ...]:
    """Every theme named on a line of `G`, sorted."""
    return tuple(sorted({str(t) for _, d in G.nodes(data=True) for t in d.get("tema") or ()}))


def theme_lines(G: nx.MultiDiGraph, theme: str, filters: Filters | None = None) -> Rows[ThemeRow]:
    """Per government, the lines on `theme`; then every kab/kota of the provinces in scope (the
    filter's province, else those of the governments with lines on the theme) that has none."""
    if not theme or not theme.strip():
        raise QueryError("query.theme")
    filters = filters or Filters()
    found: dict[str, list[dict]] = defaultdict(list)
    for _, d in _lines(G, filters):
        if has_theme(d, theme):
            found[d["pemda"]].append(d)
    rows = []
    for kode in sorted(found):
        lines = found[kode]
        rows.append(ThemeRow(theme=theme, government=kode, government_name=regions.government_name(kode),
                             government_level=level_name(kode), status="intervenes", lines=len(lines),
                             pagu=float(sum(d.get("pagu") or 0.0 for d in lines)),
                             levels=tuple(sorted({str(d.get("level")) for d in lines})),
                             codes=tuple(sorted({d["code"] for d in lines}))))
    return Rows(rows + without_theme(theme, set(found), filters))


def without_theme(theme: str, found: set[str], filters: Filters) -> list[ThemeRow]:
    """The ``none`` rows of `theme_lines`: every kab/kota of the provinces in scope (the filter's
    province, else those of the governments `found` on the theme) not among `found`."""
    rows = []
    provinces = [filters.province] if filters.province else sorted({k.split(".")[0] for k in found if k != "00"})
    for province in provinces:
        if not regions.exists(province):
            continue
        for kab in regions.kabkota_in(province):
            if kab not in found and filters.selects_government(kab):
                rows.append(ThemeRow(theme=theme, government=kab, government_name=regions.government_name(kab),
                                     government_level=level_name(kab), status="none", lines=0, pagu=0.0,
                                     levels=(), codes=()))
    return rows


def spm_lines(G: nx.MultiDiGraph, filters: Filters | None = None) -> Rows[SpmRow]:
    """Per government, the SPM sub kegiatan of urusan wajib pelayanan dasar it budgets, and those
    that another government of its level in scope budgets and it does not."""
    filters = filters or Filters()
    budgeted: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    governments: set[str] = set()
    for _, d in _lines(G, filters):
        governments.add(d["pemda"])
        if d.get("spm") and str(d.get("code", "")).startswith("1."):
            budgeted[d["pemda"]][d["code"]].append(d)
            names.setdefault(d["code"], d.get("name") or d["code"])
    by_tier: dict[str, set[str]] = defaultdict(set)
    for kode, codes in budgeted.items():
        by_tier[_tier(kode)].update(codes)
    rows = []
    for kode in sorted(governments):
        level = level_name(kode)
        mine = budgeted.get(kode, {})
        for code in sorted(by_tier.get(_tier(kode), set()) | set(mine)):
            lines = mine.get(code, [])
            rows.append(SpmRow(government=kode, government_level=level,
                               status="budgeted" if lines else "missing", code=code, name=names[code],
                               lines=len(lines), pagu=float(sum(d.get("pagu") or 0.0 for d in lines))))
    return Rows(rows)
