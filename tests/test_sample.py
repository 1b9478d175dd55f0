"""The bundled sample: valid, real places and codes, and a ground truth that follows its stated rules.

The rule checks below are brute force on purpose (every pair of lines, networkx reachability on the
built graph): they are the reference the fast analyses in `queries` are held to, through
`GROUND_TRUTH` (the bundled `ground_truth.json`).
"""
from __future__ import annotations

import itertools
import json
import re

import networkx as nx
import openpyxl
import pytest
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from graph.build import build_graph
from graph.schema import NATIONAL, EdgeKind, NodeKind, node_id
from kaskade.sample import GROUND_TRUTH, SAMPLE_FILE, sample_dataset, write_sample
from loaders import load
from reference import regions
from loaders.models import LinkStatus
from base.codes import normalize_code


@pytest.fixture(scope="module")
def ds():
    return sample_dataset()


@pytest.fixture(scope="module")
def graph(ds):
    return build_graph(ds)


def _id(line) -> str:
    return node_id(NodeKind.SUB_KEGIATAN, line.kode_pemda, line.tahun, line.kode_skpd, line.kode_sub_giat)


def _level(pemda: str) -> str:
    return "1" if "." not in pemda else "2"


def _support(line) -> bool:
    return line.kode_sub_giat.split(".")[2] == "01"


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x == y or y.startswith(x + ".") or x.startswith(y + ".") for x in a for y in b)


# --- the data itself ---------------------------------------------------------------------------

def test_two_calls_give_the_same_data(ds):
    again = sample_dataset()
    assert again == ds
    assert [s.pagu for s in again.sub_kegiatan] == [s.pagu for s in ds.sub_kegiatan]


def test_size_and_budget_look_like_a_real_renja(ds):
    lines = ds.sub_kegiatan
    assert 300 <= len(lines) <= 500
    assert {s.tahun for s in lines} == {2025, 2026}
    pagu = sorted(s.pagu for s in lines)
    assert pagu[0] >= 1e8 and pagu[-1] >= 1e10  # hundreds of millions to tens of billions
    assert pagu[len(pagu) // 2] < pagu[-1] / 20  # heavy tail: the median is far below the top
    assert {"PAD", "DAU", "DAK Fisik", "Bantuan Keuangan Provinsi"} <= {s.sumber_dana for s in lines}
    assert all(s.keluaran and s.satuan and s.target for s in lines)


def test_every_lokasi_is_a_real_region_inside_its_government(ds):
    for s in ds.sub_kegiatan:
        assert s.lokasi, _id(s)
        for code in s.lokasi:
            assert regions.exists(code), (code, _id(s))
            assert code == s.kode_pemda or regions.contains(s.kode_pemda, code), (code, _id(s))


def test_the_sample_names_each_government_as_the_region_reference_does(ds):
    """Tables name a government from the data, sentences and pick lists from the region reference:
    the sample spells them alike, so one screen never says "Palangka Raya" beside "Palangkaraya"."""
    for p in ds.pemda:
        assert p.nama == regions.government_name(p.kode_pemda), p


def test_governments_are_the_expected_ones_with_four_to_eight_agencies(ds):
    assert {p.kode_pemda for p in ds.pemda} == {NATIONAL, "64", "62", "64.01", "64.02", "64.71", "64.72", "62.71"}
    for pemda in ("64", "62", "64.01", "64.02", "64.71", "64.72", "62.71"):
        agencies = [a for a in ds.perangkat_daerah if a.kode_pemda == pemda]
        assert 4 <= len(agencies) <= 8, pemda
        for a in agencies:
            assert len(a.kode_skpd) == 22 and re.fullmatch(r"(\d\.\d\d\.){3}\d\d\.\d{4}", a.kode_skpd)
            slots = a.kode_skpd.split(".")
            held = {f"{slots[i]}.{slots[i + 1]}" for i in (0, 2, 4)} - {"0.00"}
            assert set(a.bidang) == held, a.kode_skpd


def test_codes_are_well_formed_and_levels_match_except_the_planted_lines(ds):
    planted = set(GROUND_TRUTH["level_conflicts"]) | set(GROUND_TRUTH["legitimate_bankeu"])
    mismatched = set()
    for s in ds.sub_kegiatan:
        assert normalize_code(s.kode_sub_giat) == s.kode_sub_giat
        assert re.fullmatch(r"\d\.\d\d\.\d\d\.[12]\.\d\d\.\d{4}", s.kode_sub_giat)
        if s.kode_sub_giat.split(".")[3] != _level(s.kode_pemda):
            mismatched.add(_id(s))
    assert mismatched == planted
    for p in ds.program_kegiatan:
        assert re.fullmatch(r"\d\.\d\d\.\d\d(\.[12]\.\d\d)?", p.kode)


def test_indicators_fit_their_target_and_plan_period(ds):
    jenis = {t.id: t.jenis.value for t in ds.sasaran}
    for i in ds.indikator:
        assert i.jenis.value == ("dampak" if jenis[i.milik] == "tujuan" else "hasil"), i.id
        assert sorted(i.target) == [2025, 2026, 2027, 2028, 2029]
        assert i.satuan and i.baseline is not None
    regional = [t for t in ds.sasaran if t.kode_pemda != NATIONAL and t.jenis.value == "sasaran"]
    assert all(any(i.milik == t.id for i in ds.indikator) for t in regional)


def test_every_reference_resolves(ds, graph):
    goals = {t.id for t in ds.sasaran} | {i.id for i in ds.indikator}
    agencies = {(a.kode_pemda, a.kode_skpd) for a in ds.perangkat_daerah}
    for s in ds.sub_kegiatan:
        assert (s.kode_pemda, s.kode_skpd) in agencies
        assert set(s.mendukung) <= goals, _id(s)
    for p in ds.program_kegiatan:
        assert set(p.mendukung) <= goals and (p.kode_pemda, p.kode_skpd) in agencies
    for t in ds.sasaran:
        assert set(t.selaras) <= goals and (t.induk is None or t.induk in goals)
    assert {i.milik for i in ds.indikator} <= goals
    kinds = {EdgeKind.FUNDS.value, EdgeKind.CONTRIBUTES_TO.value, EdgeKind.COOPERATES.value}
    linked = [d["kind"] for _, _, d in graph.edges(data=True) if d["kind"] in kinds]
    assert linked.count(EdgeKind.COOPERATES.value) == 1


def test_ground_truth_names_nodes_of_the_graph(graph):
    for key, values in GROUND_TRUTH.items():
        assert values, key
        for value in values:
            for nid in value if isinstance(value, tuple) else (value,):
                assert nid in graph, (key, nid)


# --- the ground truth follows the stated rules -----------------------------------------------

def _up_graph(graph) -> nx.DiGraph:
    """Up edges only, with mendukung links that are agreed."""
    up = nx.DiGraph()
    up.add_nodes_from(graph.nodes)
    for u, v, d in graph.edges(data=True):
        kind = d["kind"]
        if kind == EdgeKind.PART_OF.value and graph.nodes[u]["kind"] == NodeKind.REGION.value:
            continue
        if kind == EdgeKind.CONTRIBUTES_TO.value and d["status"] != LinkStatus.AGREED.value:
            continue
        if kind in {EdgeKind.PART_OF.value, EdgeKind.ALIGNS_WITH.value, EdgeKind.MEASURES.value,
                    EdgeKind.CONTRIBUTES_TO.value}:
            up.add_edge(u, v)
    return up


def _kind(graph, nid: str) -> str:
    return graph.nodes[nid]["kind"]


def _outcome(graph, nid: str) -> bool:
    kind = _kind(graph, nid)
    return kind in (NodeKind.TARGET.value, NodeKind.PRIORITY.value) or (
        kind == NodeKind.INDICATOR.value and graph.nodes[nid]["jenis"] != "keluaran")


def test_orphans_and_unaligned_follow_the_rule(ds, graph):
    up = _up_graph(graph)
    orphans, unaligned = [], []
    for s in ds.sub_kegiatan:
        reached = nx.descendants(up, _id(s))
        if not any(_outcome(graph, n) for n in reached):
            orphans.append(_id(s))
        elif not any(_kind(graph, n) == NodeKind.PRIORITY.value for n in reached):
            unaligned.append(_id(s))
    assert sorted(orphans) == sorted(GROUND_TRUTH["orphans"])
    assert sorted(unaligned) == sorted(GROUND_TRUTH["unaligned"])
    assert not any(_support(s) and _id(s) in orphans for s in ds.sub_kegiatan)


def test_unsupported_targets_follow_the_rule(ds, graph):
    up = _up_graph(graph)
    supported = set()
    for s in ds.sub_kegiatan:
        if s.pagu > 0:
            supported |= nx.descendants(up, _id(s)) | {_id(s)}
    scope = [n for n, d in graph.nodes(data=True)
             if d["kind"] == NodeKind.TARGET.value or (d["kind"] == NodeKind.INDICATOR.value and d["jenis"] == "hasil")]
    assert sorted(n for n in scope if n not in supported) == sorted(GROUND_TRUTH["unsupported_targets"])


def test_national_kp_without_regional_link_follows_the_rule(graph):
    up = _up_graph(graph)
    regional = [n for n, d in graph.nodes(data=True)
                if d.get("pemda") not in (None, NATIONAL)
                and d["kind"] in (NodeKind.TARGET.value, NodeKind.SUB_KEGIATAN.value, NodeKind.PROGRAM.value,
                                  NodeKind.KEGIATAN.value)]
    linked = set().union(*(nx.descendants(up, n) for n in regional))
    kps = [n for n, d in graph.nodes(data=True) if d["kind"] == NodeKind.PRIORITY.value and d["jenis"] == "kp"]
    assert len(kps) > 10
    assert sorted(k for k in kps if k not in linked) == GROUND_TRUTH["kp_without_regional_link"]


def test_empty_programmes_and_kegiatan_follow_the_rule(ds):
    used = {(s.kode_pemda, s.tahun, s.kode_sub_giat) for s in ds.sub_kegiatan}
    empty = {3: [], 5: []}
    for p in ds.program_kegiatan:
        if not any(pemda == p.kode_pemda and tahun == p.tahun and code.startswith(p.kode + ".")
                   for pemda, tahun, code in used):
            kind = NodeKind.PROGRAM if len(p.kode.split(".")) == 3 else NodeKind.KEGIATAN
            empty[len(p.kode.split("."))].append(node_id(kind, p.kode_pemda, p.tahun, p.kode))
    assert empty[3] == GROUND_TRUTH["program_without_sub_kegiatan"]
    assert empty[5] == GROUND_TRUTH["kegiatan_without_sub_kegiatan"]


def test_proposed_and_rejected_links_are_the_planted_ones(graph):
    links = {status: [] for status in LinkStatus}
    for u, v, d in graph.edges(data=True):
        if d["kind"] == EdgeKind.CONTRIBUTES_TO.value:
            links[LinkStatus(d["status"])].append((u, v))
    assert links[LinkStatus.PROPOSED] == GROUND_TRUTH["proposed_links"]
    assert links[LinkStatus.REJECTED] == GROUND_TRUTH["rejected_links"]


def test_counting_the_proposed_link_changes_no_other_finding(ds, graph):
    up = _up_graph(graph)
    for u, v in GROUND_TRUTH["proposed_links"]:
        assert any(_kind(graph, n) == NodeKind.PRIORITY.value for n in nx.descendants(up, u))
        assert v not in GROUND_TRUTH["kp_without_regional_link"] + GROUND_TRUTH["unsupported_targets"]


def _funded_across_levels(ds, line) -> bool:
    parts = line.kode_sub_giat.split(".")
    codes = {line.kode_sub_giat, ".".join(parts[:5]), ".".join(parts[:3])}
    for t in ds.tautan:
        funder = {"bantuan_keuangan": line.kode_pemda[:2], "dak": NATIONAL}.get(t.relasi.value)
        if (funder and t.dari == funder and t.kode_pemda == line.kode_pemda and t.ke in codes
                and t.tahun in (None, line.tahun)):
            return True
    return bool(re.search(r"bantuan\s+keuangan|bankeu|\bDAK\b", line.sumber_dana or "", re.IGNORECASE))


def test_mandate_conflicts_follow_the_rule(ds):
    level, legitimate, bidang = [], [], []
    held = {(a.kode_pemda, a.kode_skpd): set(a.bidang) for a in ds.perangkat_daerah}
    for s in ds.sub_kegiatan:
        if s.kode_sub_giat.split(".")[3] != _level(s.kode_pemda):
            (legitimate if _funded_across_levels(ds, s) else level).append(_id(s))
        if s.kode_sub_giat[:4] not in held[(s.kode_pemda, s.kode_skpd)]:
            bidang.append(_id(s))
    assert sorted(level) == GROUND_TRUTH["level_conflicts"]
    assert sorted(legitimate) == GROUND_TRUTH["legitimate_bankeu"]
    assert sorted(bidang) == GROUND_TRUTH["bidang_conflicts"]
    bankeu = [t for t in ds.tautan if t.relasi.value == "bantuan_keuangan"]
    assert [(t.dari, t.kode_pemda, t.tahun) for t in bankeu] == [("64", "64.02", 2025)]


def _pairs(ds, keep) -> list[tuple[str, str]]:
    found = []
    for a, b in itertools.combinations(ds.sub_kegiatan, 2):
        if a.tahun == b.tahun and _overlap(a.lokasi, b.lokasi) and keep(a, b):
            found.append(tuple(sorted((_id(a), _id(b)))))
    return sorted(found)


def test_family_overlaps_follow_the_rule_even_with_support_lines(ds):
    def family(a, b) -> bool:
        levels = {_level(a.kode_pemda), _level(b.kode_pemda)}
        return (a.kode_pemda[:2] == b.kode_pemda[:2] and levels == {"1", "2"}
                and a.kode_sub_giat[:7] == b.kode_sub_giat[:7])

    assert _pairs(ds, family) == GROUND_TRUTH["family_overlaps"]


def test_duplicate_codes_follow_the_rule(ds):
    def duplicate(a, b) -> bool:
        return a.kode_sub_giat == b.kode_sub_giat and (a.kode_pemda, a.kode_skpd) != (b.kode_pemda, b.kode_skpd)

    assert _pairs(ds, duplicate) == GROUND_TRUTH["duplicate_codes"]


_ABBREVIATIONS = ((re.compile(r"\bjln\b\.?|\bjl\."), "jalan"), (re.compile(r"\bpemb\."), "pembangunan"))


def _expanded(name: str) -> str:
    name = name.lower()
    for pattern, word in _ABBREVIATIONS:
        name = pattern.sub(word, name)
    return name


def test_near_duplicate_names_follow_the_rule_with_either_scorer(ds):
    def token_sort(a, b) -> bool:
        return fuzz.token_sort_ratio(_expanded(a.nama_sub_giat), _expanded(b.nama_sub_giat),
                                     processor=default_process) >= 90

    def plain(a, b) -> bool:
        return fuzz.ratio(a.nama_sub_giat.lower(), b.nama_sub_giat.lower()) >= 90

    for scorer in (token_sort, plain):
        def near(a, b, scorer=scorer) -> bool:
            return (a.kode_sub_giat != b.kode_sub_giat and not _support(a) and not _support(b)
                    and scorer(a, b))

        # "different agencies" is the stated rule; no pair within one agency comes close either
        assert _pairs(ds, near) == GROUND_TRUTH["near_duplicate_names"], scorer.__name__


# --- written out -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_sample(tmp_path_factory.mktemp("sample"))


def test_written_workbook_loads_back_equal(written, ds):
    assert written.name == SAMPLE_FILE
    assert load(written) == ds


def test_workbook_exercises_the_support_placeholder(written, ds):
    sheet = openpyxl.load_workbook(written, read_only=True)["sub_kegiatan"]
    codes = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(str(c).startswith("X.XX.01.") for c in codes) == sum(
        1 for s in ds.sub_kegiatan if s.kode_pemda == "64.02" and _support(s))


def test_readme_labels_the_data_and_lists_every_ground_truth_item(written):
    text = (written.parent / "README.md").read_text(encoding="utf-8")
    assert "illustrative" in text.lower() and "wilayah" in text and "Kepmendagri" in text
    for key, values in GROUND_TRUTH.items():
        assert f"`{key}`" in text, key
        for value in values:
            for nid in value if isinstance(value, tuple) else (value,):
                assert f"`{nid}`" in text, (key, nid)
    assert "$" not in text


def test_written_folder_holds_the_bundled_csv_files_and_ground_truth(written, ds):
    folder = written.parent
    assert sorted(p.name for p in folder.glob("*.csv")) == sorted(f"{name}.csv" for name in ds.counts())
    assert load(folder) == ds  # the CSV folder, read as a user's folder is
    planted = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    assert {k: [tuple(v) if isinstance(v, list) else v for v in vs] for k, vs in planted.items()} == GROUND_TRUTH
