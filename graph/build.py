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

from collections import defaultdict
from itertools import chain
from operator import attrgetter

import networkx as nx

from base.collector import collector_paused
from graph.lines import LineRow, LineTable, SharedDict
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
    """Writes nodes and edges straight into the graph's networkx dicts, as `add_node` and
    `add_edge` would but without a copy of each attribute dict (about a million lines at national
    size). Sub kegiatan attributes are rows of one `LineTable`; edge attribute dicts, and the key
    dicts of pairs joined by one edge, are shared between equal edges (a graph is not changed in
    place after it is built; `G.copy()` copies them)."""

    def __init__(self) -> None:
        self.G = nx.MultiDiGraph(format_version=GRAPH_FORMAT_VERSION)
        self.nodes: dict[str, dict | LineRow] = self.G._node
        self._succ, self._pred = self.G._succ, self.G._pred
        self.edges: dict[tuple[str, str, str], dict] | None = {}  # held until `flush`, then written
        self._shared: dict[int, dict] = {}  # id of an attribute dict -> the key dict {kind: it}
        self.goal_ids: dict[str, str] = {}  # planner id of a sasaran/indikator/dokumen -> node id
        self.work: dict[tuple[str, int, str], list[str]] = defaultdict(list)  # (pemda, tahun, code) -> ids
        # of programmes and kegiatan; lines are found in their table (`line_ids`) when a tautan asks
        self._line_ids: dict[tuple[str, int, str], list[str]] | None = None
        self.agencies: dict[tuple[str, str], str] = {}
        self.lines = LineTable(_LINE_KEYS)
        self._years: dict[str, list[int]] | None = None
        self._attrs: dict[tuple, dict] = {}  # (kind, attrs...) -> the one shared edge attribute dict
        self._plain: dict[EdgeKind, dict] = {}  # kind -> its shared attribute dict when an edge has no other
        self._interned: dict = {}  # equal strings and tuples of lines held once
        self._kegiatan: dict[tuple[str, int, str], tuple] = {}  # (pemda, tahun, kegiatan) -> ids, kegiatan's pred
        self._code: dict[str, tuple[str, str, str, str]] = {}  # line code -> level, bidang, program, kegiatan
        self._pemda: dict[str, tuple] = {}  # kode pemda -> (province, its whole region as lokasi, level)
        self._nomen: dict[tuple[str, GovLevel], tuple[tuple[str, ...], bool]] = {}  # themes, SPM
        self._funding: dict[str, FundingType | None] = {}  # sumber dana -> what it says about who pays
        self._regions: dict[str, str] = {}  # kode wilayah -> its node id, once added
        self.part_of, self.responsible, self.located = (
            self.attrs(k.value) for k in (EdgeKind.PART_OF, EdgeKind.RESPONSIBLE_FOR, EdgeKind.LOCATED_IN))
        self.nomenclature: Nomenclature | None = None
        self._levels: dict[str | None, GovLevel | None] = {}  # kode pemda -> its level (None: none)
        self._names: dict[tuple[str, GovLevel | None], str | None] = {}  # (code, level) -> official name
        self._provinces: dict[str, str | None] = {}  # kode pemda -> its province

    def years_of(self, pemda: str) -> list[int]:
        """The years in which government `pemda` has work, sorted (once all work is added)."""
        if self._years is None:
            years: dict[str, set[int]] = defaultdict(set)
            lines = self.lines
            for p, t in chain(((p, t) for p, t, _ in self.work),
                              dict.fromkeys(zip(lines.column("pemda"), lines.column("tahun")))):
                years[p].add(t)
            self._years = {p: sorted(ts) for p, ts in years.items()}
        return self._years.get(pemda, [])

    def work_ids(self, pemda: str, tahun: int, code: str) -> list[str]:
        """The work nodes of government `pemda` in year `tahun` with code `code`: a programme or
        kegiatan, or the lines of every agency running that sub kegiatan, in the order added."""
        found = self.work.get((pemda, tahun, code))
        if found is not None or code.count(".") != 5:
            return found or []
        if self._line_ids is None:  # a sub kegiatan code: the lines are read from their table once
            by_key: dict[tuple[str, int, str], list[str]] = defaultdict(list)
            lines = self.lines
            for p, t, k, c in zip(*(lines.column(key) for key in ("pemda", "tahun", "kode_skpd", "code"))):
                by_key[(p, t, c)].append(f"sub_kegiatan:{p}/{t}/{k}/{c}")
            self._line_ids = by_key
        return self._line_ids.get((pemda, tahun, code), [])

    def official_name(self, code: str, pemda: str | None) -> str | None:
        """The nomenclature's name of `code` as run by `pemda`: it depends on the government's level
        only (`Nomenclature.name`), so it is asked once per code and level."""
        level = self._levels.get(pemda, False)
        if level is False:
            level = self._levels[pemda] = _level(pemda) if pemda else None
        key = (code, level)
        found = self._names.get(key, False)
        if found is False:
            found = self._names[key] = self.nomenclature.name(code, pemda)
        return found

    def province(self, pemda: str) -> str | None:
        found = self._provinces.get(pemda, False)
        if found is False:
            found = self._provinces[pemda] = regions.province_code(pemda)
        return found

    def node(self, nid: str, **attrs) -> str:
        """Add node `nid` (its ``kind`` is the one its id names) or fill in attributes it lacks."""
        if nid not in self.nodes:
            self.add(nid, {"kind": kind_of(nid).value, **attrs})
        else:
            # a derived node (program, region) may be named later by an explicit row
            self.nodes[nid].update({k: v for k, v in attrs.items() if v is not None})
        return nid

    def add(self, nid: str, attrs: dict | LineRow) -> None:
        """A new node, in networkx's dicts as `add_node` would put it (without copying `attrs`)."""
        self.nodes[nid] = attrs
        self._succ[nid] = {}
        self._pred[nid] = {}

    def edge(self, u: str, v: str, kind: EdgeKind, **attrs) -> None:
        if attrs:
            self.put(u, v, kind.value, self.attrs(kind.value, **attrs))
            return
        plain = self._plain.get(kind)  # the shared attributes of an edge of `kind` with none of its own
        if plain is None:
            plain = self._plain[kind] = self.attrs(kind.value)
        self.put(u, v, kind.value, plain)

    def put(self, u: str, v: str, k: str, attrs: dict) -> None:
        """Edge `u` -> `v` of kind `k` (a later one of the same kind replaces it), written into
        networkx's dicts as `add_edge` would, once `flush` has been called; held until then.

        A pair of nodes joined by one edge shares its key dict ``{kind: attrs}`` with every other
        such pair of the same kind and attributes, as it shares the attribute dict."""
        if self.edges is not None:
            self.edges[(u, v, k)] = attrs
            return
        out = self._succ[u]
        keyed = out.get(v)
        if keyed is None:
            keyed = self._shared.get(id(attrs))
            if keyed is None:
                keyed = self._shared[id(attrs)] = SharedDict({k: attrs})
            out[v] = keyed
            self._pred[v][u] = keyed
            return
        if keyed.get(k) is attrs:
            return
        if keyed.__class__ is SharedDict:  # another kind or value on this pair: its own key dict
            keyed = dict(keyed)
            out[v] = keyed
            self._pred[v][u] = keyed
        keyed[k] = attrs

    def flush(self) -> None:
        """Write the edges held so far (their ends are all nodes by now) and write later ones
        directly: before the goals are all added, an edge may name a node not yet added."""
        held, self.edges = self.edges or {}, None
        for (u, v, k), attrs in held.items():
            for n in (u, v):
                if n not in self.nodes:  # as add_edges_from: an end not named as a node becomes one
                    self.add(n, {})
            self.put(u, v, k, attrs)

    def attrs(self, kind: str, **attrs) -> dict:
        """The shared attribute dict of an edge of `kind` with `attrs`."""
        key = (kind, *attrs.items())
        found = self._attrs.get(key)
        if found is None:
            found = self._attrs[key] = SharedDict(kind=kind, **attrs)
        return found

    def region(self, kode: str) -> str:
        nid = self._regions.get(kode)
        if nid is not None:
            return nid
        nid = self._regions[kode] = node_id(NodeKind.REGION, kode)
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
    nomenclature = nomenclature if nomenclature is not None else builtin_nomenclature()
    with collector_paused():
        return _build(dataset, nomenclature)


def _build(dataset: Dataset, nomenclature: Nomenclature) -> nx.MultiDiGraph:
    b = _Builder()
    b.nomenclature = nomenclature
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

    b.flush()
    G = b.G
    G.graph["years"] = sorted(set(b.lines.column("tahun")))
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
            province=b.province(s.kode_pemda),
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


_WORK_KIND = {NodeKind.PROGRAM: "program", NodeKind.KEGIATAN: "kegiatan"}


def _work_node(b: _Builder, kind: NodeKind, pemda: str, tahun: int, code: str, name: str | None) -> str:
    value = _WORK_KIND[kind]
    nid = f"{value}:{pemda}/{tahun}/{code}"  # node_id(kind, pemda, tahun, code)
    attrs = b.nodes.get(nid)
    if attrs is not None and attrs.__class__ is dict and len(attrs) == 8 and attrs["code"] == code \
            and attrs["tahun"] == tahun and attrs["pemda"] == pemda:
        # made here before: the attributes the code implies are those it has, only a name is new
        if name is not None:
            attrs["name"] = name
        found = b.work[(pemda, tahun, code)]
        if nid not in found:
            found.append(nid)
        return nid
    if attrs is None:
        segments = code.split(".")
        b.add(nid, {"kind": value, "name": name, "code": code, "pemda": pemda, "tahun": tahun,
                    "bidang": ".".join(segments[:2]), "level": segments[3] if kind is NodeKind.KEGIATAN else None,
                    "province": b.province(pemda)})
        b.work[(pemda, tahun, code)].append(nid)
        return nid
    segments = code.split(".")
    given = (("name", name), ("code", code), ("pemda", pemda), ("tahun", tahun), ("bidang", ".".join(segments[:2])),
             ("level", segments[3] if kind is NodeKind.KEGIATAN else None), ("province", b.province(pemda)))
    b.nodes[nid].update([(k, v) for k, v in given if v is not None])  # as b.node(nid, ...) on a node it has
    found = b.work[(pemda, tahun, code)]
    if nid not in found:
        found.append(nid)
    return nid


_LINE_KEYS = ("kind", "name", "code", "pemda", "tahun", "kode_skpd", "agency", "pagu", "lokasi", "keluaran",
              "target", "satuan", "sumber_dana", "level", "bidang", "program", "kegiatan", "province", "tema",
              "spm")
"""The attributes of a sub kegiatan node, in order: the columns of the graph's `LineTable`."""


def _level(pemda: str) -> GovLevel | None:
    try:
        return regions.government_level(pemda)
    except ValueError:
        return None


_FIELDS = ("kode_sub_giat", "kode_pemda", "tahun", "kode_skpd", "nama_sub_giat", "pagu", "lokasi", "keluaran",
           "target", "satuan", "sumber_dana", "mendukung", "status")


def _add_lines(b: _Builder, lines: tuple[SubKegiatan, ...]) -> None:
    """Every line of `lines`, in order, before any programme or kegiatan is added.

    A line is one sub kegiatan of one agency of one government in one year: its node id. A dataset
    naming one twice is not a validated one (`loaders.validate` reports the second row as
    ``duplicate_id``), so it is refused here (ValueError) rather than merged.
    """
    if not lines:
        return
    columns = {f: list(map(attrgetter(f), lines)) for f in _FIELDS}
    nids = [f"sub_kegiatan:{p}/{t}/{k}/{c}" for c, p, t, k in zip(*(columns[f] for f in _FIELDS[:4]))]
    if len(set(nids)) < len(nids):  # (hashes each id once; the walk below reuses the hashes)
        seen: set[str] = set()
        twice = next(nid for nid in nids if nid in seen or seen.add(nid))
        raise ValueError(f"line {twice} is named twice: build_graph takes a validated dataset "
                         "(loaders.validate reports it as duplicate_id)")
    _add_line_columns(b, columns, nids)


def _add_line_columns(b: _Builder, columns: dict[str, list], nids: list[str]) -> None:
    """The lines' columns written whole into the line table, what a code, a government or a region
    implies worked out once per distinct value, then a walk line by line that only writes each line's
    edges (keeping the order in which nodes and edges are first met: programme, kegiatan, line,
    regions first named)."""
    (code, pemda, tahun, skpd, name, pagu, lokasi, keluaran, target, satuan, sumber, mendukung,
     status) = (columns.pop(f) for f in _FIELDS)
    n = len(nids)
    table = b.lines
    start = len(table)
    it = b._interned.setdefault
    codes, places, nomens, agencies = b._code, b._pemda, b._nomen, b.agencies
    for c in dict.fromkeys(code):
        if c not in codes:
            seg = c.split(".")
            codes[c] = (seg[3], ".".join(seg[:2]), ".".join(seg[:3]), ".".join(seg[:5]))
    for p in dict.fromkeys(pemda):
        if p not in places:
            places[p] = (regions.province_code(p), ((p,) if p != NATIONAL else ()), _level(p))
    gov_level = [places[p][2] for p in pemda]
    for key, p in dict(zip(zip(code[::-1], gov_level[::-1]), pemda[::-1])).items():  # first pemda of each
        if key not in nomens:
            tema, spm = b.nomenclature.themes_and_spm(key[0], p)
            tema = tuple(tema)
            nomens[key] = (it(tema, tema), spm)
    parts = list(map(codes.__getitem__, code))
    nomen = list(map(nomens.__getitem__, zip(code, gov_level)))
    agency = list(map(agencies.__getitem__, zip(pemda, skpd)))
    whole = {p: places[p][1] for p in places}
    lokasi = [it(t, t) if (t := tuple(v)) else whole[p] for v, p in zip(lokasi, pemda)]
    code = list(map(it, code, code))
    pemda = list(map(it, pemda, pemda))
    values = {
        "kind": ["sub_kegiatan"] * n, "name": list(name), "code": code, "pemda": pemda, "tahun": list(tahun),
        "kode_skpd": list(map(it, skpd, skpd)), "agency": agency, "pagu": list(map(float, pagu)), "lokasi": lokasi,
        "keluaran": list(keluaran), "target": list(target), "satuan": list(map(it, satuan, satuan)),
        "sumber_dana": list(map(it, sumber, sumber)), "level": [p[0] for p in parts],
        "bidang": [p[1] for p in parts], "program": [p[2] for p in parts], "kegiatan": [p[3] for p in parts],
        "province": [places[p][0] for p in pemda], "tema": [m[0] for m in nomen], "spm": [m[1] for m in nomen],
    }
    for key in _LINE_KEYS:  # an empty table takes the lists as they are
        if start:
            table.cols[key].extend(values.pop(key))
        else:
            table.cols[key] = values.pop(key)
    del values, nomen, gov_level, name, keluaran, target
    views = list(map(LineRow, [table] * n, range(start, start + n)))
    nodes, succ, pred = b.nodes, b._succ, b._pred
    kegiatan_of = b._kegiatan
    region_of = b._regions
    keyed = b._shared
    part_of = keyed.setdefault(id(b.part_of), SharedDict({"bagian_dari": b.part_of}))
    responsible = keyed.setdefault(id(b.responsible), SharedDict({"penanggung_jawab": b.responsible}))
    located = keyed.setdefault(id(b.located), SharedDict({"berlokasi": b.located}))
    supports: dict[str, SharedDict] = {}  # status -> key dict of a mendukung edge
    funders: dict[tuple[str, str], tuple | None] = {}  # (sumber dana, pemda) -> (funder node, jenis) or None
    funds: dict[tuple, SharedDict] = {}  # (jenis, tahun) -> key dict of a funds edge
    goal_ids = b.goal_ids
    # the adjacency dicts the lines write into, found once per node instead of once per line in
    # the graph's large dicts: agency -> its succ; kode wilayah / goal ref -> (node, its pred)
    agency_out = {a: succ[a] for a in dict.fromkeys(agency)}
    at_region: dict[str, tuple[str, dict]] = {}
    at_goal: dict[str, tuple[str, dict]] = {}
    for nid, view, c, p, t, part, a, places_at, refs, st, sd in zip(
            nids, views, code, pemda, tahun, parts, agency, lokasi, mendukung, status, sumber):
        ids = kegiatan_of.get((p, t, part[3]))
        if ids is None:
            prog = _work_node(b, NodeKind.PROGRAM, p, t, part[2], None)
            keg = _work_node(b, NodeKind.KEGIATAN, p, t, part[3], None)
            b.put(keg, prog, "bagian_dari", b.part_of)  # b.edge(keg, prog, EdgeKind.PART_OF)
            ids = kegiatan_of[(p, t, part[3])] = (prog, keg, pred[keg])
        nodes[nid] = view
        out = succ[nid] = {ids[1]: part_of}
        into = pred[nid] = {a: responsible}
        ids[2][nid] = part_of
        agency_out[a][nid] = responsible
        for kode in places_at:
            got = at_region.get(kode)
            if got is None:
                region = region_of.get(kode) or b.region(kode)
                got = at_region[kode] = (region, pred[region])
            if got[0] not in out:
                out[got[0]] = located
                got[1][nid] = located
        if refs:
            value = st.value
            support = supports.get(value)
            if support is None:
                attrs = b.attrs("mendukung", status=value)
                support = supports[value] = keyed.setdefault(id(attrs), SharedDict({"mendukung": attrs}))
            for ref in refs:
                got = at_goal.get(ref)
                if got is None:
                    got = at_goal[ref] = (goal_ids[ref], pred[goal_ids[ref]])
                if got[0] not in out:
                    out[got[0]] = support
                    got[1][nid] = support
        if sd and p != NATIONAL:
            funder = funders.get((sd, p), False)
            if funder is False:
                funder = funders[(sd, p)] = _funder_of(b, sd, p)
            if funder is not None:
                edge = funds.get((funder[1], t))
                if edge is None:
                    attrs = b.attrs(EdgeKind.FUNDS.value, jenis=funder[1], tahun=t)
                    edge = funds[(funder[1], t)] = keyed.setdefault(id(attrs), SharedDict({"mendanai": attrs}))
                succ[funder[0]][nid] = into[funder[0]] = edge


def _funder_of(b: _Builder, sumber_dana: str, pemda: str) -> tuple[str, str] | None:
    """The government (node id) whose bantuan keuangan or DAK pays a line of government `pemda`
    with `sumber_dana`, and the jenis; None when its sumber dana names neither."""
    jenis = b._funding.get(sumber_dana, False)
    if jenis is False:
        jenis = b._funding[sumber_dana] = funding_type(sumber_dana)
    if jenis is FundingType.BANKEU and (b._pemda[pemda][2] or regions.government_level(pemda)) \
            != GovLevel.PROVINCE:
        return b.government(regions.province_code(pemda)), jenis.value
    if jenis is FundingType.DAK:
        return b.government(NATIONAL), jenis.value
    return None


def _add_work(b: _Builder, dataset: Dataset) -> None:
    b.flush()  # every node an earlier edge names is added: edges go straight into the graph now
    _add_lines(b, dataset.sub_kegiatan)
    put, part_of, responsible, agencies, goal_ids = b.put, b.part_of, b.responsible, b.agencies, b.goal_ids
    supports: dict[str, dict] = {}  # status -> edge attributes (b.edge(..., CONTRIBUTES_TO, status=...))
    for pk in dataset.program_kegiatan:
        segments = pk.kode.split(".")
        kind = NodeKind.PROGRAM if len(segments) == 3 else NodeKind.KEGIATAN
        nid = _work_node(b, kind, pk.kode_pemda, pk.tahun, pk.kode, pk.nama)
        if kind is NodeKind.KEGIATAN:
            prog = _work_node(b, NodeKind.PROGRAM, pk.kode_pemda, pk.tahun, ".".join(segments[:3]), None)
            put(nid, prog, "bagian_dari", part_of)  # b.edge(nid, prog, EdgeKind.PART_OF)
        if pk.kode_skpd:
            put(agencies[(pk.kode_pemda, pk.kode_skpd)], nid, "penanggung_jawab", responsible)
        if pk.mendukung:
            status = pk.status.value
            attrs = supports.get(status) or supports.setdefault(status, b.attrs("mendukung", status=status))
            for ref in pk.mendukung:
                put(nid, goal_ids[ref], "mendukung", attrs)
    for nid, attrs in b.nodes.items():
        if attrs.__class__ is LineRow and attrs.table is b.lines:
            continue  # lines: below, by column
        if attrs.get("name") is None:
            code = attrs.get("code")
            attrs["name"] = (b.official_name(code, attrs.get("pemda")) if code else None) or code or nid
    names, codes, pemdas = (b.lines.column(k) for k in ("name", "code", "pemda"))
    for row in [r for r, name in enumerate(names) if name is None]:
        names[row] = b.official_name(codes[row], pemdas[row]) or codes[row]


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
    return [nid for t in years for nid in b.work_ids(pemda, t, code)]


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
