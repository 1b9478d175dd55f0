"""The Rakortek desk: for one bidang urusan (and province, year), every outcome target with the work
that supports it across the province and its districts, and the gaps the desk has to close.

`desk` returns one `DeskItem` per row, grouped per target, in this order:

- ``target``: the outcome target itself: an outcome indicator (``hasil``) or a regional sasaran,
  its value for the year (``target_value``; every year in ``targets``), its owner (the sasaran an
  indicator measures) and the owner's government and responsible agency. Support and candidate
  rows carry the target's value for their own year.
- ``support``: a mendukung link from work of the bidang (a sub kegiatan, or a kegiatan or programme
  with the pagu of its lines) to the target: agency, government and its level, pagu, output and
  output target, and the link ``status`` (usulan / disepakati / ditolak).
- ``gap``: what the desk must still agree, as a reason code: ``unsupported`` (no agreed and no
  proposed link; rejected ones do not count) or ``only_proposed`` (proposed links, none agreed).
- ``candidate``: a line of the same programme family as the target's agreed or proposed support,
  of the target's government (or, for a province target, of a district in it), that supports
  nothing at all: a suggestion to discuss, never a link (``reason`` ``same_family_unlinked``).
- ``role``: who does what for the target: per government, its level, the lines agreed or proposed,
  their pagu and programme families.

A target is on the desk when work of the bidang links to it (any status), or when an agency holding
the bidang is responsible for it (or for the sasaran an indicator measures); a sasaran measured by
outcome indicators comes to the desk through them, unless work links to it directly. The support programme
(``U.BB.01``, Program Penunjang) is left out: it carries no outcome of the bidang.

>>> from queries._examples import tiny_graph
>>> d = desk(tiny_graph(), "1.03", province="64", year=2025)
>>> [(i.section, i.target, i.code, i.status or i.reason) for i in d if i.section != "role"]
... # doctest: +NORMALIZE_WHITESPACE
[('target', 'sasaran:KTM-S1', None, None),
 ('support', 'sasaran:KTM-S1', '1.03.10.1.01.0001', 'disepakati'),
 ('target', 'indikator:KKR-I1', None, None),
 ('support', 'indikator:KKR-I1', '1.03.10.2.01.0053', 'disepakati'),
 ('target', 'sasaran:KKR-S2', None, None),
 ('support', 'sasaran:KKR-S2', '1.03.10.2.01.0001', 'disepakati')]
>>> d.gaps()
()
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph.schema import EdgeKind, IndicatorType, LinkStatus, NodeKind
from reference import regions
from queries.errors import QueryError
from queries.filters import Filters
from queries.results import Rows

__all__ = ["DeskItem", "Desk", "desk", "SECTIONS", "GAP_REASONS", "CANDIDATE_REASON", "work_pagu", "level_name"]

SECTIONS = ("target", "support", "gap", "candidate", "role")
GAP_REASONS = ("unsupported", "only_proposed")
CANDIDATE_REASON = "same_family_unlinked"
_OUTCOME_KINDS = (NodeKind.TARGET.value, NodeKind.INDICATOR.value)
_COUNTED = (LinkStatus.AGREED.value, LinkStatus.PROPOSED.value)


@dataclass(frozen=True)
class DeskItem:
    """One row of the desk; fields that do not apply to its `section` are None (or empty)."""

    section: str
    target: str
    outcome_name: str
    target_kind: str
    target_value: float | None
    satuan: str | None
    owner: str | None
    owner_government: str | None
    source: str | None = None
    kind: str | None = None
    code: str | None = None
    name: str | None = None
    government: str | None = None
    government_level: str | None = None
    agency: str | None = None
    agency_name: str | None = None
    year: int | None = None
    pagu: float | None = None
    output: str | None = None
    output_target: float | None = None
    output_unit: str | None = None
    status: str | None = None
    reason: str | None = None
    lines: int | None = None
    families: tuple[str, ...] = ()
    targets: tuple[tuple[int, float], ...] = field(default=())


class Desk(Rows[DeskItem]):
    """The rows of one desk, with the bidang, province and year it was run for."""

    bidang: str
    province: str | None
    year: int | None

    def section(self, name: str) -> tuple[DeskItem, ...]:
        return tuple(i for i in self if i.section == name)

    def targets(self) -> tuple[DeskItem, ...]:
        return self.section("target")

    def support(self) -> tuple[DeskItem, ...]:
        return self.section("support")

    def gaps(self) -> tuple[DeskItem, ...]:
        return self.section("gap")

    def candidates(self) -> tuple[DeskItem, ...]:
        return self.section("candidate")

    def roles(self) -> tuple[DeskItem, ...]:
        return self.section("role")


def _family(code: str) -> str:
    return ".".join(code.split(".")[:3])


def _is_support_programme(code: str | None) -> bool:
    return bool(code) and code.split(".")[2:3] == ["01"]


def _government_of(G: nx.MultiDiGraph, nid: str) -> str | None:
    """The government owning a target; an indicator's is its measured node's."""
    d = G.nodes[nid]
    if d.get("pemda"):
        return d["pemda"]
    for _, v, k in G.out_edges(nid, keys=True):
        if k == EdgeKind.MEASURES.value:
            return G.nodes[v].get("pemda")
    return None


def _owner(G: nx.MultiDiGraph, nid: str) -> str:
    for _, v, k in G.out_edges(nid, keys=True):
        if k == EdgeKind.MEASURES.value:
            return v
    return nid


def _has_outcome_indicator(G: nx.MultiDiGraph, nid: str) -> bool:
    return any(k == EdgeKind.MEASURES.value and G.nodes[u].get("jenis") == IndicatorType.HASIL.value
               for u, _, k in G.in_edges(nid, keys=True))


def _responsible(G: nx.MultiDiGraph, nid: str) -> list[str]:
    return [u for u, _, k in G.in_edges(nid, keys=True) if k == EdgeKind.RESPONSIBLE_FOR.value]


def _lines_below(G: nx.MultiDiGraph, nid: str) -> list[str]:
    """The sub kegiatan under a programme or kegiatan (or the line itself)."""
    if G.nodes[nid].get("kind") == NodeKind.SUB_KEGIATAN.value:
        return [nid]
    found, stack = [], [nid]
    while stack:
        for u, _, k in G.in_edges(stack.pop(), keys=True):
            if k == EdgeKind.PART_OF.value:
                (found if G.nodes[u].get("kind") == NodeKind.SUB_KEGIATAN.value else stack).append(u)
    return found


def work_pagu(G: nx.MultiDiGraph, nid: str) -> float:
    """The pagu of a work node: a line's own, a kegiatan's or programme's summed over its lines."""
    return float(sum(G.nodes[n].get("pagu") or 0.0 for n in _lines_below(G, nid)))


def _in_scope(d: dict, bidang: str, province: str | None, year: int | None) -> bool:
    return (d.get("bidang") == bidang and (province is None or d.get("province") == province)
            and (year is None or d.get("tahun") == year) and not _is_support_programme(d.get("code")))


def _links_anything(G: nx.MultiDiGraph, line: str) -> bool:
    """Whether a line, its kegiatan or its programme has any mendukung link, whatever its status."""
    ups = [line] + [v for _, v, k in G.out_edges(line, keys=True) if k == EdgeKind.PART_OF.value]
    ups += [v for u in ups[1:] for _, v, k in G.out_edges(u, keys=True) if k == EdgeKind.PART_OF.value]
    return any(k == EdgeKind.CONTRIBUTES_TO.value for u in ups for _, _, k in G.out_edges(u, keys=True))


def level_name(kode_pemda: str | None) -> str | None:
    """The level of a government (``provinsi``, ``kabupaten``, ``kota``, ``nasional``), None if unknown.

    >>> level_name("64.71"), level_name(None)
    ('kota', None)
    """
    if not kode_pemda:
        return None
    try:
        return regions.government_level(kode_pemda).value
    except ValueError:
        return None


def desk(G: nx.MultiDiGraph, bidang: str, *, province: str | None = None, year: int | None = None,
         filters: Filters | None = None) -> Desk:
    """The desk of `bidang` (e.g. ``1.03``) in `province` (every province when None) and `year`
    (every year when None). `filters` may give the province and year instead (its bidang is ignored)."""
    if filters is not None:
        province = province or filters.province
        year = year or filters.year
    checked = Filters(bidang=bidang, province=province, year=year)
    if len(checked.bidang) != 1:
        raise QueryError("query.desk_bidang")
    bidang, province, year = checked.bidang[0], checked.province, checked.year

    work = {n for n, d in G.nodes(data=True)
            if d.get("kind") in (NodeKind.PROGRAM.value, NodeKind.KEGIATAN.value, NodeKind.SUB_KEGIATAN.value)
            and _in_scope(d, bidang, province, year)}
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)  # target -> [(work, status)]
    for u in work:
        for _, v, k, e in G.out_edges(u, keys=True, data=True):
            if k == EdgeKind.CONTRIBUTES_TO.value and G.nodes[v].get("kind") in _OUTCOME_KINDS:
                links[v].append((u, e.get("status") or LinkStatus.AGREED.value))

    targets = set(links)
    for n, d in G.nodes(data=True):
        if d.get("kind") not in _OUTCOME_KINDS:
            continue
        if d.get("kind") == NodeKind.INDICATOR.value and d.get("jenis") != IndicatorType.HASIL.value:
            continue
        gov = _government_of(G, n)
        if gov is None or (province is not None and gov.split(".")[0] != province):
            continue
        if d.get("kind") == NodeKind.TARGET.value and _has_outcome_indicator(G, n):
            continue  # the desk agrees support per indicator of such a sasaran
        holders = _responsible(G, n) or _responsible(G, _owner(G, n))
        if any(bidang in (G.nodes[a].get("bidang") or ()) for a in holders):
            targets.add(n)

    unlinked = [n for n in work if G.nodes[n].get("kind") == NodeKind.SUB_KEGIATAN.value
                and not _links_anything(G, n)]
    items: list[DeskItem] = []
    order = sorted(targets, key=lambda n: (_government_of(G, n) or "", _owner(G, n), n))
    for t in order:
        items.extend(_target_rows(G, t, links.get(t, []), unlinked, year))
    result = Desk(items)
    result.bidang, result.province, result.year = bidang, province, year
    return result


def _target_rows(G: nx.MultiDiGraph, t: str, support: list[tuple[str, str]], unlinked: list[str],
                 year: int | None) -> list[DeskItem]:
    d = G.nodes[t]
    values = d.get("target") or {}
    owner = _owner(G, t)
    gov = _government_of(G, t)
    base = dict(target=t, outcome_name=d.get("name") or t, target_kind=d.get("kind"),
                target_value=values.get(year) if year is not None else None, satuan=d.get("satuan"),
                owner=owner, owner_government=gov)
    holders = _responsible(G, t) or _responsible(G, owner)
    rows = [DeskItem(section="target", **base, agency=holders[0] if holders else None,
                     agency_name=G.nodes[holders[0]].get("name") if holders else None,
                     government=gov, government_level=level_name(gov), year=year,
                     targets=tuple(sorted((int(y), float(v)) for y, v in values.items())))]
    for u, status in sorted(support, key=lambda s: (G.nodes[s[0]].get("pemda") or "", G.nodes[s[0]].get("code") or "", s[0])):
        rows.append(DeskItem(section="support", **_for_year(base, values, G.nodes[u].get("tahun")), status=status,
                             **_work_fields(G, u)))
    statuses = {s for _, s in support}
    if LinkStatus.AGREED.value not in statuses:
        reason = "only_proposed" if LinkStatus.PROPOSED.value in statuses else "unsupported"
        rows.append(DeskItem(section="gap", **base, reason=reason, government=gov, government_level=level_name(gov)))
    families = {_family(G.nodes[u]["code"]) for u, s in support if s in _COUNTED}
    for line in sorted(unlinked, key=lambda n: (G.nodes[n].get("pemda"), G.nodes[n].get("code"), n)):
        ld = G.nodes[line]
        near = ld.get("pemda") == gov or (gov and "." not in gov and ld.get("province") == gov)
        if near and _family(ld["code"]) in families:
            rows.append(DeskItem(section="candidate", **_for_year(base, values, ld.get("tahun")),
                                 reason=CANDIDATE_REASON, **_work_fields(G, line)))
    by_gov: dict[str, list[str]] = defaultdict(list)
    for u, s in support:
        if s in _COUNTED:
            by_gov[G.nodes[u].get("pemda")].append(u)
    for g in sorted(by_gov):
        work = by_gov[g]
        rows.append(DeskItem(section="role", **base, government=g, government_level=level_name(g),
                             lines=sum(len(_lines_below(G, u)) for u in work),
                             pagu=sum(work_pagu(G, u) for u in work),
                             families=tuple(sorted({_family(G.nodes[u]["code"]) for u in work}))))
    return rows


def _for_year(base: dict, values: dict, year: int | None) -> dict:
    """The target's fields with its value for the year of the work (when the desk spans years)."""
    if base["target_value"] is not None or year is None:
        return base
    return {**base, "target_value": values.get(year)}


def _work_fields(G: nx.MultiDiGraph, u: str) -> dict:
    d = G.nodes[u]
    agency = d.get("agency")
    if agency is None:
        holders = _responsible(G, u)
        agency = holders[0] if holders else None
    gov = d.get("pemda")
    return dict(source=u, kind=d.get("kind"), code=d.get("code"), name=d.get("name"), government=gov,
                government_level=level_name(gov), agency=agency,
                agency_name=G.nodes[agency].get("name") if agency in G else None, year=d.get("tahun"),
                pagu=work_pagu(G, u), output=d.get("keluaran"), output_target=d.get("target"),
                output_unit=d.get("satuan"))
