"""The one place that names every node kind, edge kind, the allowed pairs and the id rule.

Edges always point *up* the cascade: a sub kegiatan is part of its kegiatan, contributes to an
indicator, the indicator belongs to a sasaran, the sasaran aligns with a province sasaran or a
national priority. So "trace up" follows out-edges and a cascade "down" follows in-edges.

>>> node_id(NodeKind.SUB_KEGIATAN, "64.02", 2025, "1.02.0.00.0.00.01.0000", "1.02.02.2.02.0020")
'sub_kegiatan:64.02/2025/1.02.0.00.0.00.01.0000/1.02.02.2.02.0020'
>>> kind_of("program:64/2025/1.03.10")
<NodeKind.PROGRAM: 'program'>
"""
from __future__ import annotations

from enum import StrEnum

from loaders.models import (
    NATIONAL,
    FundingType,
    GovLevel,
    IndicatorType,
    LinkStatus,
    TargetType,
)

__all__ = [
    "NodeKind",
    "EdgeKind",
    "TargetType",
    "IndicatorType",
    "LinkStatus",
    "FundingType",
    "GovLevel",
    "ALLOWED",
    "UP_EDGES",
    "NATIONAL",
    "node_id",
    "kind_of",
    "is_allowed",
    "target_kind",
]


class NodeKind(StrEnum):
    REGION = "wilayah"
    GOVERNMENT = "pemda"
    AGENCY = "perangkat_daerah"
    DOCUMENT = "dokumen"
    PRIORITY = "prioritas"  # national priority tree: PN, PP, KP, Proyek Prioritas
    TARGET = "sasaran"  # regional tujuan, sasaran and flagship programmes
    INDICATOR = "indikator"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"


class EdgeKind(StrEnum):
    PART_OF = "bagian_dari"  # child -> parent, in every hierarchy
    BELONGS_TO = "milik"  # agency / document / target -> its owner (government or document)
    MEASURES = "mengukur"  # indicator -> the target or work it measures
    GOVERNS = "memerintah"  # government -> its region
    ALIGNS_WITH = "selaras"  # lower-tier target or programme -> higher-tier target
    CONTRIBUTES_TO = "mendukung"  # programme / kegiatan / sub kegiatan -> indicator or target
    RESPONSIBLE_FOR = "penanggung_jawab"  # agency -> the work it runs
    LOCATED_IN = "berlokasi"  # sub kegiatan -> region
    FUNDS = "mendanai"  # government -> government or work it pays for (bankeu, DAK)
    COOPERATES = "kerja_sama"  # government -> government (kerja sama daerah)


_N = NodeKind
_WORK = (_N.PROGRAM, _N.KEGIATAN, _N.SUB_KEGIATAN)
_GOALS = (_N.PRIORITY, _N.TARGET)

ALLOWED: dict[EdgeKind, frozenset[tuple[NodeKind, NodeKind]]] = {
    EdgeKind.PART_OF: frozenset(
        {
            (_N.PRIORITY, _N.PRIORITY),
            (_N.TARGET, _N.TARGET),
            (_N.KEGIATAN, _N.PROGRAM),
            (_N.SUB_KEGIATAN, _N.KEGIATAN),
            (_N.REGION, _N.REGION),
        }
    ),
    EdgeKind.BELONGS_TO: frozenset(
        {(_N.AGENCY, _N.GOVERNMENT), (_N.DOCUMENT, _N.GOVERNMENT)}
        | {(k, d) for k in _GOALS for d in (_N.DOCUMENT, _N.GOVERNMENT)}
    ),
    EdgeKind.MEASURES: frozenset({(_N.INDICATOR, k) for k in _GOALS + _WORK}),
    EdgeKind.GOVERNS: frozenset({(_N.GOVERNMENT, _N.REGION)}),
    EdgeKind.ALIGNS_WITH: frozenset(
        {(a, b) for a in _GOALS + (_N.PROGRAM,) for b in _GOALS}
    ),
    EdgeKind.CONTRIBUTES_TO: frozenset(
        {(a, b) for a in _WORK for b in _GOALS + (_N.INDICATOR,)}
    ),
    EdgeKind.RESPONSIBLE_FOR: frozenset({(_N.AGENCY, k) for k in _WORK + (_N.TARGET,)}),
    EdgeKind.LOCATED_IN: frozenset({(k, _N.REGION) for k in _WORK}),
    EdgeKind.FUNDS: frozenset({(_N.GOVERNMENT, k) for k in (_N.GOVERNMENT,) + _WORK}),
    EdgeKind.COOPERATES: frozenset({(_N.GOVERNMENT, _N.GOVERNMENT)}),
}

UP_EDGES: frozenset[EdgeKind] = frozenset(
    {EdgeKind.PART_OF, EdgeKind.ALIGNS_WITH, EdgeKind.CONTRIBUTES_TO, EdgeKind.MEASURES}
)
"""Edges that lead up the cascade (sub kegiatan -> ... -> national priority). Regions use PART_OF
too, but no up edge leads from work or targets into a region, so they never mix."""


def node_id(kind: NodeKind, *key: object) -> str:
    """The stable, readable id of a node: ``kind:key1/key2/...``.

    Keys per kind: wilayah (kode), pemda (kode_pemda; ``00`` is national), perangkat_daerah
    (kode_pemda, kode_skpd), dokumen / prioritas / sasaran / indikator (the id the planner gave),
    program and kegiatan (kode_pemda, tahun, code), sub_kegiatan (kode_pemda, tahun, kode_skpd, code).
    """
    return f"{NodeKind(kind).value}:" + "/".join(str(k) for k in key)


def kind_of(nid: str) -> NodeKind:
    """The kind encoded in a node id."""
    return NodeKind(nid.split(":", 1)[0])


def target_kind(jenis: TargetType) -> NodeKind:
    """National PN/PP/KP/Proyek are priorities; tujuan, sasaran and flagships are regional targets."""
    return NodeKind.PRIORITY if TargetType(jenis).national else NodeKind.TARGET


def is_allowed(edge: EdgeKind, src: NodeKind, dst: NodeKind) -> bool:
    return (src, dst) in ALLOWED[edge]
