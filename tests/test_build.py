"""The graph builder: ids, hierarchy from codes, links, funding derived from sumber dana."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.build import build_graph
from loaders.nomenclature import builtin_nomenclature
from graph.schema import ALLOWED, EdgeKind, NodeKind, kind_of, node_id
from loaders.models import (
    Dataset,
    Indikator,
    PerangkatDaerah,
    ProgramKegiatan,
    Sasaran,
    SubKegiatan,
    Tautan,
)

PU = "1.03.0.00.0.00.01.0000"
DISDIK = "1.01.0.00.0.00.01.0000"


def tiny() -> Dataset:
    return Dataset(
        perangkat_daerah=[
            PerangkatDaerah(kode_skpd=PU, nama_skpd="Dinas PUPR", kode_pemda="64.02", bidang="1.03"),
            PerangkatDaerah(kode_skpd=DISDIK, nama_skpd="Dinas Pendidikan", kode_pemda="64.02", bidang="1.01"),
            PerangkatDaerah(kode_skpd=PU, nama_skpd="Dinas PUPR-PERA", kode_pemda="64", bidang="1.03"),
        ],
        sasaran=[
            Sasaran(id="PN3", jenis="pn", nama="Infrastruktur"),
            Sasaran(id="PP3.1", jenis="pp", nama="Konektivitas", induk="PN3"),
            Sasaran(id="KTM-S1", jenis="sasaran", kode_pemda="64", nama="Konektivitas Kaltim", selaras="PP3.1"),
            Sasaran(id="KKR-S1", jenis="sasaran", kode_pemda="64.02", nama="Jalan mantap Kukar", selaras="KTM-S1"),
        ],
        indikator=[Indikator(id="KKR-I1", milik="KKR-S1", nama="Kemantapan jalan", jenis="hasil",
                             target={2025: 70, 2026: 72})],
        program_kegiatan=[ProgramKegiatan(tahun=2025, kode_pemda="64.02", kode="1.03.10",
                                          nama="Program Penyelenggaraan Jalan")],
        sub_kegiatan=[
            SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=PU, kode_sub_giat="1.03.10.2.01.0053",
                        nama_sub_giat="Pembangunan Jalan", pagu="2.500.000.000", lokasi="64.02.01",
                        mendukung="KKR-I1"),
            SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=DISDIK, kode_sub_giat="1.01.02.1.01.0014",
                        nama_sub_giat="Pembangunan Sarana SMA", pagu=1e9, lokasi="64.02.01",
                        sumber_dana="Bantuan Keuangan Provinsi Kalimantan Timur"),
        ],
        tautan=[Tautan(dari="64", relasi="kerja_sama", ke="64.02")],
    )


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return build_graph(tiny())


ROAD = node_id(NodeKind.SUB_KEGIATAN, "64.02", 2025, PU, "1.03.10.2.01.0053")
SMA = node_id(NodeKind.SUB_KEGIATAN, "64.02", 2025, DISDIK, "1.01.02.1.01.0014")


def test_same_input_gives_same_graph():
    a, b = build_graph(tiny()), build_graph(tiny())
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_program_and_kegiatan_derived_from_the_code(G):
    keg = node_id(NodeKind.KEGIATAN, "64.02", 2025, "1.03.10.2.01")
    prog = node_id(NodeKind.PROGRAM, "64.02", 2025, "1.03.10")
    assert G.has_edge(ROAD, keg, EdgeKind.PART_OF)
    assert G.has_edge(keg, prog, EdgeKind.PART_OF)
    assert G.nodes[prog]["name"] == "Program Penyelenggaraan Jalan"
    assert G.nodes[keg]["level"] == "2"


def test_line_attributes(G):
    line = G.nodes[ROAD]
    assert line["pagu"] == 2_500_000_000
    assert line["lokasi"] == ("64.02.01",)
    assert (line["level"], line["bidang"], line["program"], line["province"]) == ("2", "1.03", "1.03.10", "64")


def test_cascade_chain_reaches_the_national_priority(G):
    up = nx.descendants(G, ROAD)
    assert node_id(NodeKind.PRIORITY, "PN3") in up
    assert G.edges[ROAD, node_id(NodeKind.INDICATOR, "KKR-I1"), EdgeKind.CONTRIBUTES_TO]["status"] == "disepakati"


def test_region_containment_up_to_the_province(G):
    assert G.has_edge("wilayah:64.02.01", "wilayah:64.02", EdgeKind.PART_OF)
    assert G.has_edge("wilayah:64.02", "wilayah:64", EdgeKind.PART_OF)
    assert G.nodes["wilayah:64.02"]["name"] == "Kabupaten Kutai Kartanegara"


def test_bankeu_source_becomes_a_funds_edge_from_the_province(G):
    edge = G.edges["pemda:64", SMA, EdgeKind.FUNDS]
    assert (edge["jenis"], edge["tahun"]) == ("bankeu", 2025)
    assert not G.has_edge("pemda:64", ROAD, EdgeKind.FUNDS)


def test_tautan_between_governments(G):
    assert G.has_edge("pemda:64", "pemda:64.02", EdgeKind.COOPERATES)
    assert G.nodes["pemda:64.02"]["level"] == "kabupaten"


def test_every_edge_is_an_allowed_pair(G):
    for u, v, k in G.edges(keys=True):
        assert (kind_of(u), kind_of(v)) in ALLOWED[EdgeKind(k)], (u, v, k)
        assert G.nodes[u]["kind"] == kind_of(u)


def test_every_node_has_a_name(G):
    assert all(name for _, name in G.nodes(data="name"))


def test_tautan_rows_of_a_file_become_edges_to_what_validation_resolved(tmp_path):
    """Each kind of end: a planner id, an agency, a government, a code in one year or in every year."""
    from loaders import load, write_dataset

    ds = tiny()
    lines = list(ds.sub_kegiatan) + [ds.sub_kegiatan[0].model_copy(update={"tahun": 2026, "mendukung": ()})]
    ds = ds.model_copy(update={"sub_kegiatan": lines, "tautan": [
        Tautan(dari="64", relasi="bantuan_keuangan", ke="1.03.10.2.01.53", tahun=2025, kode_pemda="64.02"),
        Tautan(dari=DISDIK, relasi="penanggung_jawab", ke="1.03.10.2.01.0053", kode_pemda="64.02"),
        Tautan(dari="KTM-S1", relasi="selaras", ke="PN3"),
    ]})
    G = build_graph(load(write_dataset(ds, tmp_path / "kaskade")))
    agency = node_id(NodeKind.AGENCY, "64.02", DISDIK)
    assert G.edges["pemda:64", ROAD, EdgeKind.FUNDS]["jenis"] == "bankeu"  # the code as normalised
    assert sorted(v for _, v, k in G.out_edges(agency, keys=True) if k == EdgeKind.RESPONSIBLE_FOR) == sorted([
        *(node_id(NodeKind.SUB_KEGIATAN, "64.02", year, PU, "1.03.10.2.01.0053") for year in (2025, 2026)), SMA])
    assert G.has_edge(node_id(NodeKind.TARGET, "KTM-S1"), node_id(NodeKind.PRIORITY, "PN3"), EdgeKind.ALIGNS_WITH)
    assert list(G.edges(keys=True, data=True)) == list(build_graph(load(tmp_path / "kaskade")).edges(keys=True, data=True))


def test_an_indicator_carries_the_government_and_province_of_its_target(G):
    indicator = G.nodes[node_id(NodeKind.INDICATOR, "KKR-I1")]
    assert (indicator["pemda"], indicator["province"]) == ("64.02", "64")


def test_one_pair_of_governments_holds_a_funds_and_a_cooperation_edge(tmp_path):
    """Why the graph is a MultiDiGraph: both links between Kaltim and Kukar are kept."""
    from loaders import load, write_dataset

    ds = tiny().model_copy(update={"tautan": [
        Tautan(dari="64", relasi="bantuan_keuangan", ke="64.02", tahun=2025),
        Tautan(dari="64", relasi="kerja_sama", ke="64.02"),
    ]})
    G = build_graph(load(write_dataset(ds, tmp_path / "kaskade")))
    assert sorted(G["pemda:64"]["pemda:64.02"]) == [EdgeKind.COOPERATES, EdgeKind.FUNDS]
    assert G.edges["pemda:64", "pemda:64.02", EdgeKind.FUNDS]["jenis"] == "bankeu"


@pytest.mark.parametrize("sumber_dana, funder, jenis", [
    ("2.2.01.01.03.0034", "pemda:00", "dak"),  # DAK Fisik - Bidang Jalan (SIPD sumber dana code)
    ("2.2.01.01.04", "pemda:00", "dak"),  # DAK Non Fisik
    ("1.2.02.02", "pemda:64", "bankeu"),  # Bantuan Keuangan (dana umum)
    ("2.2.02.02.01.0001", "pemda:64", "bankeu"),  # Bantuan Keuangan Khusus dari Pemerintah Provinsi
    ("2.2.02.02.02.0001", None, None),  # ... from a kabupaten/kota: no province money
    ("1.2.01.01.02", None, None),  # Dana Alokasi Umum
    ("DAK Fisik Bidang Jalan", "pemda:00", "dak"),
    ("Bankeu Provinsi", "pemda:64", "bankeu"),
])
def test_funding_is_read_from_sumber_dana_codes_and_names(sumber_dana, funder, jenis):
    line = SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd=PU, kode_sub_giat="1.03.10.2.01.0053",
                       nama_sub_giat="Pembangunan Jalan", pagu=1e9, sumber_dana=sumber_dana)
    G = build_graph(tiny().model_copy(update={"sub_kegiatan": (line,)}))
    funders = [(u, d["jenis"]) for u, _, d in G.in_edges(ROAD, data=True) if d["kind"] == EdgeKind.FUNDS.value]
    assert funders == ([(funder, jenis)] if funder else [])


def test_lines_carry_the_nomenclatures_themes_and_spm_flag():
    lines = [SubKegiatan(tahun=2027, kode_pemda="64.02", kode_skpd=DISDIK, kode_sub_giat=code, nama_sub_giat="x")
             for code in ("1.02.02.2.02.0026", "1.01.02.2.01.0001", "1.03.10.2.01.0999")]
    ds = tiny().model_copy(update={"sub_kegiatan": tuple(lines)})
    G = build_graph(ds)
    attrs = [G.nodes[node_id(NodeKind.SUB_KEGIATAN, "64.02", 2027, DISDIK, s.kode_sub_giat)] for s in lines]
    table = builtin_nomenclature()
    assert "STUNTING" in attrs[0]["tema"] and attrs[0]["tema"] == table.themes("1.02.02.2.02.0026", "64.02")
    assert attrs[1]["spm"] is table.is_spm("1.01.02.2.01.0001", "64.02") is True
    assert (attrs[2]["tema"], attrs[2]["spm"]) == ((), False)  # a code the table does not list
    # programmes and kegiatan no row names take their official names
    assert G.nodes[node_id(NodeKind.KEGIATAN, "64.02", 2027, "1.01.02.2.01")]["name"] == table.name("1.01.02.2.01")


def test_a_line_reads_and_copies_like_a_dict(G):
    """Lines are rows of a column table (graph.lines); every reader still sees a mapping."""
    line = G.nodes[ROAD]
    assert set(line) == {"kind", "name", "code", "pemda", "tahun", "kode_skpd", "agency", "pagu", "lokasi",
                         "keluaran", "target", "satuan", "sumber_dana", "level", "bidang", "program", "kegiatan",
                         "province", "tema", "spm"}
    assert line["pagu"] == 2.5e9 and line.get("no such attribute") is None and line["keluaran"] is None
    assert "lokasi" in line and dict(line)["lokasi"] == ("64.02.01",)
    H = G.copy()
    assert type(H.nodes[ROAD]) is dict and H.nodes[ROAD] == line
    H.nodes[ROAD]["pagu"] = 1.0
    assert G.nodes[ROAD]["pagu"] == 2.5e9


def test_an_edge_of_a_built_graph_changes_only_on_a_copy(G):
    """Equal edges share their attribute dict: an in-place change is refused, a copy's edge is
    its own (what the desk does with decisions)."""
    with pytest.raises(TypeError):
        G.edges[ROAD, "kegiatan:64.02/2025/1.03.10.2.01", "bagian_dari"]["status"] = "usulan"
    H = G.copy()
    H.edges[ROAD, "kegiatan:64.02/2025/1.03.10.2.01", "bagian_dari"]["note"] = "x"
    assert "note" not in G.edges[SMA, "kegiatan:64.02/2025/1.01.02.1.01", "bagian_dari"]
    assert "note" not in H.edges[SMA, "kegiatan:64.02/2025/1.01.02.1.01", "bagian_dari"]


def _walk(G: nx.MultiDiGraph) -> tuple:
    """Everything a graph holds, in the order networkx gives it (nodes, their attributes, both
    adjacencies with their edge keys and attributes)."""
    return (sorted(G.graph.items()),
            [(n, list(d.items())) for n, d in G.nodes(data=True)],
            [(u, [(v, [(k, list(a.items())) for k, a in keyed.items()]) for v, keyed in nbrs.items()])
             for u, nbrs in G._succ.items()],
            [(v, [(u, list(keyed)) for u, keyed in nbrs.items()]) for v, nbrs in G._pred.items()])


def test_lines_added_column_by_column_give_the_graph_line_by_line_gives(tmp_path, monkeypatch):
    """The column-wise walk over the lines (every validated dataset) builds, node for node and edge
    for edge in the same order, the graph the line-by-line walk builds: on a generated plan of
    several governments (lokasi below the government's region, bantuan keuangan and DAK, mendukung
    links) and on the hand-made one."""
    import graph.build as build
    from bench.synth import write_synth
    from loaders.load import load

    write_synth("S", tmp_path)
    for dataset in (load(tmp_path), tiny()):
        fast = build_graph(dataset)
        monkeypatch.setattr(build, "_BY_COLUMN", False)
        slow = build_graph(dataset)
        monkeypatch.setattr(build, "_BY_COLUMN", True)
        assert _walk(fast) == _walk(slow)
        assert fast.number_of_edges(), "an empty graph proves nothing"
