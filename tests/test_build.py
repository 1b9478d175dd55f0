"""The graph builder: ids, hierarchy from codes, links, funding derived from sumber dana."""
from __future__ import annotations

import networkx as nx
import pytest

from graph.build import build_graph
from loaders.nomenclature import builtin_nomenclature
from graph.schema import ALLOWED, EdgeKind, FundingType, GovLevel, NodeKind, kind_of, node_id
from reference import regions
from loaders.models import (
    Dataset,
    funding_type,
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


def _expected_lines(dataset: Dataset) -> tuple[list[str], dict[str, tuple]]:
    """What the builder must make of each line row, worked out from the row and the documented rules
    alone: the nodes the lines bring in order (a programme and a kegiatan first named by a line just
    before it), and per line its attributes, its out edges (kegiatan, then lokasi, then mendukung)
    and its in edges (agency, then the government paying bantuan keuangan or DAK)."""
    table = builtin_nomenclature()
    goals = {s.id: node_id(NodeKind.PRIORITY if s.jenis.national else NodeKind.TARGET, s.id) for s in dataset.sasaran}
    goals |= {i.id: node_id(NodeKind.INDICATOR, i.id) for i in dataset.indikator}
    order: list[str] = []
    lines: dict[str, tuple] = {}
    for s in dataset.sub_kegiatan:
        code, pemda, tahun = s.kode_sub_giat, s.kode_pemda, s.tahun
        seg = code.split(".")
        program = node_id(NodeKind.PROGRAM, pemda, tahun, ".".join(seg[:3]))
        kegiatan = node_id(NodeKind.KEGIATAN, pemda, tahun, ".".join(seg[:5]))
        line = node_id(NodeKind.SUB_KEGIATAN, pemda, tahun, s.kode_skpd, code)
        order += [n for n in (program, kegiatan) if n not in order] + [line]
        lokasi = tuple(s.lokasi) or ((pemda,) if pemda != "00" else ())
        attrs = {"kind": "sub_kegiatan", "name": s.nama_sub_giat, "code": code, "pemda": pemda, "tahun": tahun,
                 "kode_skpd": s.kode_skpd, "agency": node_id(NodeKind.AGENCY, pemda, s.kode_skpd),
                 "pagu": float(s.pagu), "lokasi": lokasi, "keluaran": s.keluaran, "target": s.target,
                 "satuan": s.satuan, "sumber_dana": s.sumber_dana, "level": seg[3], "bidang": ".".join(seg[:2]),
                 "program": ".".join(seg[:3]), "kegiatan": ".".join(seg[:5]),
                 "province": regions.province_code(pemda), "tema": tuple(table.themes(code, pemda)),
                 "spm": table.is_spm(code, pemda)}
        out = [(kegiatan, "bagian_dari", {"kind": "bagian_dari"})]
        out += [(node_id(NodeKind.REGION, k), "berlokasi", {"kind": "berlokasi"}) for k in dict.fromkeys(lokasi)]
        out += [(goals[g], "mendukung", {"kind": "mendukung", "status": s.status.value}) for g in s.mendukung]
        into = [(attrs["agency"], "penanggung_jawab", {"kind": "penanggung_jawab"})]
        jenis = funding_type(s.sumber_dana) if s.sumber_dana and pemda != "00" else None
        if jenis is FundingType.BANKEU and regions.government_level(pemda) != GovLevel.PROVINCE:
            into.append((node_id(NodeKind.GOVERNMENT, regions.province_code(pemda)), "mendanai",
                         {"kind": "mendanai", "jenis": "bankeu", "tahun": tahun}))
        elif jenis is FundingType.DAK:
            into.append((node_id(NodeKind.GOVERNMENT, "00"), "mendanai", {"kind": "mendanai", "jenis": "dak", "tahun": tahun}))
        lines[line] = (attrs, out, into)
    return order, lines


def test_each_line_becomes_the_node_and_edges_its_row_says_in_the_order_met(tmp_path):
    """On a generated plan (one kabupaten's agencies, the province's lines in the same places, one
    sub kegiatan run by two agencies, lokasi below the government's region, bantuan keuangan and DAK,
    mendukung links of every status) and on the hand-made one of two governments: every line's
    attributes, its edges out and in and their order, and where its programme and kegiatan come in
    the node order, are those its row gives by the rules, independently of how the builder walks."""
    from bench.synth import write_synth
    from loaders.load import load

    write_synth("S", tmp_path)
    ds = tiny()
    province = SubKegiatan(tahun=2025, kode_pemda="64", kode_skpd=PU, kode_sub_giat="1.03.10.2.01.0053",
                           nama_sub_giat="Pembangunan Jalan Provinsi", pagu=3e9, lokasi="64.02.01;64.02.01;64.03",
                           sumber_dana="DAK Fisik", mendukung="KTM-S1", status="usulan")
    several = ds.model_copy(update={"sub_kegiatan": (province, *ds.sub_kegiatan)})
    for dataset in (load(tmp_path), several):
        G = build_graph(dataset)
        order, lines = _expected_lines(dataset)
        assert len(lines) == len(dataset.sub_kegiatan) > 1
        made = [n for n in G if kind_of(n) in (NodeKind.PROGRAM, NodeKind.KEGIATAN, NodeKind.SUB_KEGIATAN)]
        assert made[:len(order)] == order
        for line, (attrs, out, into) in lines.items():
            if attrs["name"] is None:
                attrs["name"] = builtin_nomenclature().name(attrs["code"], attrs["pemda"]) or attrs["code"]
            assert list(G.nodes[line].items()) == list(attrs.items())
            got = [(v, k, dict(a)) for v, keyed in G._succ[line].items() for k, a in keyed.items()]
            assert got[:len(out)] == out  # a tautan row may add edges after these
            got = [(u, k, dict(a)) for u, keyed in G._pred[line].items() for k, a in keyed.items()]
            assert got[:len(into)] == into
            assert all(line in G._pred[v] and G._pred[v][line] is G._succ[line][v] for v, _, _ in out)
    assert {G.nodes[n]["pemda"] for n in lines} == {"64", "64.02"}, "lines of several governments"


def test_a_line_named_twice_is_refused_not_merged():
    """Two rows of one sub kegiatan of one agency in one year are one line named twice: validation
    reports it (duplicate_id) and the builder, given such a dataset anyway, refuses it."""
    ds = tiny()
    twice = ds.model_copy(update={"sub_kegiatan": (*ds.sub_kegiatan, ds.sub_kegiatan[0])})
    with pytest.raises(ValueError, match="named twice"):
        build_graph(twice)
