"""Turn a validated `Dataset` into the Kaskade graph: a `networkx.MultiDiGraph`, pure, no I/O.

Node attributes (every node has ``kind`` and ``name``):

- wilayah: ``kode``, ``tingkat``, ``province``
- pemda: ``kode``, ``level`` (nasional/provinsi/kabupaten/kota), ``province`` (None for national)
- perangkat_daerah: ``kode_skpd``, ``pemda``, ``bidang`` (tuple)
- dokumen: ``jenis``, ``pemda``, ``tahun_awal``, ``tahun_akhir``
- prioritas / sasaran: ``jenis``, ``pemda``, ``kode``, ``province``
- indikator: ``jenis``, ``satuan``, ``baseline``, ``target`` (dict year -> value), ``milik``, and the
  ``pemda`` and ``province`` of the target it measures (stored here once; the query index, the views
  and the Cypher read them)
- program / kegiatan: ``code``, ``pemda``, ``tahun``, ``bidang``, ``level`` (kegiatan only), ``province``
- sub_kegiatan: ``code``, ``pemda``, ``tahun``, ``kode_skpd``, ``agency`` (node id), ``pagu``, ``lokasi``
  (tuple of kode wilayah), ``keluaran``, ``target``, ``satuan``, ``sumber_dana``, ``level``, ``bidang``,
  ``program``, ``kegiatan`` (codes), ``province``, ``tema`` (tuple of the nomenclature's thematic tags,
  e.g. ``STUNTING``), ``spm`` (bool: an SPM line in the nomenclature)

Edge keys are the edge kind, so a pair holds at most one edge of each kind; every edge has ``kind``;
mendukung edges carry ``status`` (usulan / disepakati / ditolak), mendanai edges ``jenis`` (bankeu / dak)
and ``tahun``.

Why a `MultiDiGraph` and not a `DiGraph`: one pair of nodes may hold edges of two kinds, and both
are facts the analyses need. A province both pays bantuan keuangan to a district and has a kerja
sama with it (two `tautan` rows, ``bantuan_keuangan`` and ``kerja_sama``, between the same two
governments); a programme both aligns with (``selaras``) and supports (``mendukung``) a target; a
sasaran may name the same target as its ``induk`` and in ``selaras``. In a `DiGraph` the second
edge would overwrite the first.

>>> from loaders.models import Dataset, PerangkatDaerah, SubKegiatan
>>> ds = Dataset(perangkat_daerah=[PerangkatDaerah(kode_skpd="1.03.0.00.0.00.01.0000",
...     nama_skpd="Dinas PU", kode_pemda="64.02", bidang="1.03")],
...     sub_kegiatan=[SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd="1.03.0.00.0.00.01.0000",
...     kode_sub_giat="1.03.10.2.01.0053", nama_sub_giat="Pembangunan Jalan", pagu=5e8)])
>>> G = build_graph(ds)
>>> sorted(v for _, v in G.out_edges("sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"))
['kegiatan:64.02/2025/1.03.10.2.01', 'wilayah:64.02']
"""
from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from graph.schema import (
    NATIONAL,
    EdgeKind,
    FundingType,
    GovLevel,
    LinkStatus,
    NodeKind,
    kind_of,
    node_id,
    target_kind,
)
from reference import regions
from loaders.models import Dataset, Relasi, SubKegiatan, funding_type
from loaders.nomenclature import Nomenclature, builtin_nomenclature
from loaders.validate import LinkEnd, tautan_ends

__all__ = ["build_graph", "GRAPH_FORMAT_VERSION"]

GRAPH_FORMAT_VERSION = 2
"""2: indicators carry ``pemda`` and ``province``."""


_RELASI_EDGE = {
    Relasi.BAGIAN_DARI: EdgeKind.PART_OF,
    Relasi.SELARAS: EdgeKind.ALIGNS_WITH,
    Relasi.MENDUKUNG: EdgeKind.CONTRIBUTES_TO,
    Relasi.PENANGGUNG_JAWAB: EdgeKind.RESPONSIBLE_FOR,
    Relasi.BANTUAN_KEUANGAN: EdgeKind.FUNDS,
    Relasi.DAK: EdgeKind.FUNDS,
    Relasi.KERJA_SAMA: EdgeKind.COOPERATES,
}


class _Builder:
    """Collects nodes and edges in plain lists, then adds them to the graph in bulk."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}
        self.goal_ids: dict[str, str] = {}  # planner id of a sasaran/indikator/dokumen -> node id
        self.work: dict[tuple[str, int, str], list[str]] = defaultdict(list)  # (pemda, tahun, code) -> ids
        self.agencies: dict[tuple[str, str], str] = {}
        self._years: dict[str, list[int]] | None = None

    def years_of(self, pemda: str) -> list[int]:
        """The years in which government `pemda` has work, sorted (once all work is added)."""
        if self._years is None:
            years: dict[str, set[int]] = defaultdict(set)
            for p, t, _ in self.work:
                years[p].add(t)
            self._years = {p: sorted(ts) for p, ts in years.items()}
        return self._years.get(pemda, [])
        self.nomenclature: Nomenclature | None = None

    def node(self, nid: str, **attrs) -> str:
        """Add node `nid` (its ``kind`` is the one its id names) or fill in attributes it lacks."""
        if nid not in self.nodes:
            self.nodes[nid] = {"kind": kind_of(nid).value, **attrs}
        else:
            # a derived node (program, region) may be named later by an explicit row
            self.nodes[nid].update({k: v for k, v in attrs.items() if v is not None})
        return nid

    def edge(self, u: str, v: str, kind: EdgeKind, **attrs) -> None:
        self.edges[(u, v, kind.value)] = {"kind": kind.value, **attrs}

    def region(self, kode: str) -> str:
        nid = node_id(NodeKind.REGION, kode)
        if nid in self.nodes:
            return nid
        r = regions.region(kode)
        self.node(
            nid,
            name=r.nama if r else kode,
            kode=kode,
            tingkat=r.tingkat if r else None,
            province=regions.province_code(kode),
        )
        parent = regions.parent(kode)
        if parent:
            self.edge(nid, self.region(parent), EdgeKind.PART_OF)
        return nid

    def government(self, kode: str, name: str | None = None, level: str | None = None) -> str:
        nid = node_id(NodeKind.GOVERNMENT, kode)
        if nid in self.nodes and name is None:
            return nid
        self.node(
            nid,
            name=name or regions.government_name(kode),
            kode=kode,
            level=level or regions.government_level(kode),
            province=regions.province_code(kode),
        )
        if kode != NATIONAL:
            self.edge(nid, self.region(kode), EdgeKind.GOVERNS)
        return nid


def build_graph(dataset: Dataset, *, nomenclature: Nomenclature | None = None) -> nx.MultiDiGraph:
    """The cascade graph of a validated dataset. Same input, same ids, same graph.

    `nomenclature` (default: the built-in 2027 table) gives each line its themes and SPM flag,
    and programmes and kegiatan that no row names their official names.
    """
    b = _Builder()
    b.nomenclature = nomenclature if nomenclature is not None else builtin_nomenclature()
    for p in dataset.pemda:
        b.government(p.kode_pemda, p.nama, p.tingkat.value if p.tingkat else None)
    for d in dataset.dokumen:
        nid = b.node(
            node_id(NodeKind.DOCUMENT, d.id),
            name=d.nama,
            jenis=d.jenis.value,
            pemda=d.kode_pemda,
            tahun_awal=d.tahun_awal,
            tahun_akhir=d.tahun_akhir,
        )
        b.goal_ids[d.id] = nid
        b.edge(nid, b.government(d.kode_pemda), EdgeKind.BELONGS_TO)
    for a in dataset.perangkat_daerah:
        nid = b.node(
            node_id(NodeKind.AGENCY, a.kode_pemda, a.kode_skpd),
            name=a.nama_skpd,
            kode_skpd=a.kode_skpd,
            pemda=a.kode_pemda,
            bidang=tuple(a.bidang),
        )
        b.agencies[(a.kode_pemda, a.kode_skpd)] = nid
        b.edge(nid, b.government(a.kode_pemda), EdgeKind.BELONGS_TO)
    _add_goals(b, dataset)
    _add_work(b, dataset)
    _add_links(b, dataset)

    G = nx.MultiDiGraph(format_version=GRAPH_FORMAT_VERSION)
    G.add_nodes_from(b.nodes.items())
    G.add_edges_from((u, v, k, attrs) for (u, v, k), attrs in b.edges.items())
    G.graph["years"] = sorted({s.tahun for s in dataset.sub_kegiatan})
    return G


def _add_goals(b: _Builder, dataset: Dataset) -> None:
    for s in dataset.sasaran:
        b.goal_ids[s.id] = node_id(target_kind(s.jenis), s.id)
    for s in dataset.sasaran:
        nid = b.node(
            b.goal_ids[s.id],
            name=s.nama,
            jenis=s.jenis.value,
            pemda=s.kode_pemda,
            kode=s.kode,
            province=regions.province_code(s.kode_pemda),
        )
        owner = b.goal_ids[s.dokumen] if s.dokumen else b.government(s.kode_pemda)
        b.edge(nid, owner, EdgeKind.BELONGS_TO)
        if s.induk:
            b.edge(nid, b.goal_ids[s.induk], EdgeKind.PART_OF)
        for higher in s.selaras:
            b.edge(nid, b.goal_ids[higher], EdgeKind.ALIGNS_WITH)
        if s.kode_skpd:
            b.edge(b.agencies[(s.kode_pemda, s.kode_skpd)], nid, EdgeKind.RESPONSIBLE_FOR)
    owner = {s.id: s.kode_pemda for s in dataset.sasaran}
    for i in dataset.indikator:
        pemda = owner.get(i.milik)  # an indicator is its target's government's
        nid = b.node(
            node_id(NodeKind.INDICATOR, i.id),
            name=i.nama,
            jenis=i.jenis.value,
            satuan=i.satuan,
            baseline=i.baseline,
            target=dict(i.target),
            milik=i.milik,
            pemda=pemda,
            province=regions.province_code(pemda) if pemda else None,
        )
        b.goal_ids[i.id] = nid
    for i in dataset.indikator:
        b.edge(b.goal_ids[i.id], b.goal_ids[i.milik], EdgeKind.MEASURES)


def _work_node(b: _Builder, kind: NodeKind, pemda: str, tahun: int, code: str, name: str | None) -> str:
    segments = code.split(".")
    nid = b.node(
        node_id(kind, pemda, tahun, code),
        name=name,
        code=code,
        pemda=pemda,
        tahun=tahun,
        bidang=".".join(segments[:2]),
        level=segments[3] if kind is NodeKind.KEGIATAN else None,
        province=regions.province_code(pemda),
    )
    if nid not in b.work[(pemda, tahun, code)]:
        b.work[(pemda, tahun, code)].append(nid)
    return nid


def _line(b: _Builder, s: SubKegiatan) -> str:
    code = s.kode_sub_giat
    seg = code.split(".")
    program, kegiatan = ".".join(seg[:3]), ".".join(seg[:5])
    prog = _work_node(b, NodeKind.PROGRAM, s.kode_pemda, s.tahun, program, None)
    keg = _work_node(b, NodeKind.KEGIATAN, s.kode_pemda, s.tahun, kegiatan, None)
    b.edge(keg, prog, EdgeKind.PART_OF)
    agency = b.agencies[(s.kode_pemda, s.kode_skpd)]
    nid = b.node(
        node_id(NodeKind.SUB_KEGIATAN, s.kode_pemda, s.tahun, s.kode_skpd, code),
        name=s.nama_sub_giat,
        code=code,
        pemda=s.kode_pemda,
        tahun=s.tahun,
        kode_skpd=s.kode_skpd,
        agency=agency,
        pagu=float(s.pagu),
        # a line with no lokasi is taken to serve the government's whole region
        lokasi=tuple(s.lokasi) or ((s.kode_pemda,) if s.kode_pemda != NATIONAL else ()),
        keluaran=s.keluaran,
        target=s.target,
        satuan=s.satuan,
        sumber_dana=s.sumber_dana,
        level=seg[3],
        bidang=".".join(seg[:2]),
        program=program,
        kegiatan=kegiatan,
        province=regions.province_code(s.kode_pemda),
        tema=b.nomenclature.themes(code, s.kode_pemda),
        spm=b.nomenclature.is_spm(code, s.kode_pemda),
    )
    b.work[(s.kode_pemda, s.tahun, code)].append(nid)
    b.edge(nid, keg, EdgeKind.PART_OF)
    b.edge(agency, nid, EdgeKind.RESPONSIBLE_FOR)
    for kode in b.nodes[nid]["lokasi"]:
        b.edge(nid, b.region(kode), EdgeKind.LOCATED_IN)
    for ref in s.mendukung:
        b.edge(nid, b.goal_ids[ref], EdgeKind.CONTRIBUTES_TO, status=s.status.value)
    _funding_from_source(b, s, nid)
    return nid


def _funding_from_source(b: _Builder, s: SubKegiatan, nid: str) -> None:
    """A line paid by bantuan keuangan or DAK gets the funds edge its sumber dana implies."""
    if not s.sumber_dana or s.kode_pemda == NATIONAL:
        return
    jenis = funding_type(s.sumber_dana)
    if jenis is FundingType.BANKEU and regions.government_level(s.kode_pemda) != GovLevel.PROVINCE:
        funder = b.government(regions.province_code(s.kode_pemda))
    elif jenis is FundingType.DAK:
        funder = b.government(NATIONAL)
    else:
        return
    b.edge(funder, nid, EdgeKind.FUNDS, jenis=jenis.value, tahun=s.tahun)


def _add_work(b: _Builder, dataset: Dataset) -> None:
    for s in dataset.sub_kegiatan:
        _line(b, s)
    for pk in dataset.program_kegiatan:
        depth = len(pk.kode.split("."))
        kind = NodeKind.PROGRAM if depth == 3 else NodeKind.KEGIATAN
        nid = _work_node(b, kind, pk.kode_pemda, pk.tahun, pk.kode, pk.nama)
        if kind is NodeKind.KEGIATAN:
            prog = _work_node(b, NodeKind.PROGRAM, pk.kode_pemda, pk.tahun, ".".join(pk.kode.split(".")[:3]), None)
            b.edge(nid, prog, EdgeKind.PART_OF)
        if pk.kode_skpd:
            b.edge(b.agencies[(pk.kode_pemda, pk.kode_skpd)], nid, EdgeKind.RESPONSIBLE_FOR)
        for ref in pk.mendukung:
            b.edge(nid, b.goal_ids[ref], EdgeKind.CONTRIBUTES_TO, status=pk.status.value)
    for nid, attrs in b.nodes.items():
        if attrs.get("name") is None:
            code = attrs.get("code")
            attrs["name"] = (b.nomenclature.name(code, attrs.get("pemda")) if code else None) or code or nid


def _end_nodes(b: _Builder, end: LinkEnd) -> list[str]:
    """The nodes a tautan end stands for (`loaders.validate.LinkEnd`, resolved by validation)."""
    what = end[0]
    if what == "id":
        return [b.goal_ids[end[1]]] if end[1] in b.goal_ids else []
    if what == "skpd":
        return [b.agencies[end[1:]]] if end[1:] in b.agencies else []
    if what == "pemda":
        return [b.government(end[1])]
    _, pemda, tahun, code = end
    years = [tahun] if tahun else b.years_of(pemda)
    return [nid for t in years for nid in b.work.get((pemda, t, code), [])]


def _add_links(b: _Builder, dataset: Dataset) -> None:
    for t, ends in zip(dataset.tautan, tautan_ends(dataset)):
        if ends is None:
            continue
        kind = _RELASI_EDGE[t.relasi]
        attrs: dict = {}
        if kind is EdgeKind.CONTRIBUTES_TO:
            attrs["status"] = (t.status or LinkStatus.AGREED).value
        if kind is EdgeKind.FUNDS:
            attrs["jenis"] = (FundingType.DAK if t.relasi is Relasi.DAK else FundingType.BANKEU).value
            attrs["tahun"] = t.tahun
        for u in _end_nodes(b, ends[0]):
            for v in _end_nodes(b, ends[1]):
                b.edge(u, v, kind, **attrs)
