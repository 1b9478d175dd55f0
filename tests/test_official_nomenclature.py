"""The official nomenclature as published: the whole 2027 table built in, the other published
shapes (code split over columns, code and name in one cell), the year each applies to, and code
repairs that round-trip."""
from __future__ import annotations

import collections
import json

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from base.codes import CodeError, normalize_code, repair_code
from loaders.nomenclature import BUILTIN_PATH, builtin_nomenclature, load_nomenclature
from reference.bidang import known_bidang


@pytest.fixture(scope="module")
def raw_rows():
    """The 2027 table's rows as openpyxl reads them, to check the loader against."""
    workbook = openpyxl.load_workbook(BUILTIN_PATH, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def test_the_whole_2027_table_loads_with_every_sub_kegiatan(raw_rows):
    table = builtin_nomenclature()
    codes = {c for c in table if c.count(".") == 5}
    assert len(codes) == 7115
    assert table.year == 2027
    published = {r["SUBKEGIATAN"].split()[0] for r in raw_rows}
    assert codes == published
    # urusan 9 and every level digit 1 to 8 are among them
    assert {c[0] for c in codes} >= {"9"}
    assert {c.split(".")[3] for c in codes} == set("12345678")


def _government(row) -> str:
    """A government of the row's JENIS PEMDA: at levels 3 to 8 one code names different work
    for a province and for a kab/kota."""
    return "64" if row["JENIS PEMDA"] == "PROV" else "64.02"


def test_names_come_from_the_cell_they_share_with_the_code(raw_rows):
    table = builtin_nomenclature()
    for row in raw_rows[:: 37]:
        code, name = row["SUBKEGIATAN"].split(None, 1)
        assert table.name(code, _government(row)) == " ".join(name.split())
        kegiatan, kegiatan_name = row["KEGIATAN"].split(None, 1)
        assert table.name(kegiatan, _government(row)) == " ".join(kegiatan_name.split())
    assert table.name("1.01.02.3.05.0001", "91") != table.name("1.01.02.3.05.0001", "91.03")


def test_tags_and_spm_as_the_table_writes_them(raw_rows):
    table = builtin_nomenclature()
    expected_tags: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    spm = set()
    for row in raw_rows:
        key = (row["SUBKEGIATAN"].split()[0], _government(row))
        expected_tags[key] |= {t for t in json.loads(row["TAG"]) if t}
        if row["SPM"] == "SPM":
            spm.add(key)
    stunting = {k for k, tags in expected_tags.items() if "STUNTING" in tags}
    assert stunting and stunting == {k for k in expected_tags if "STUNTING" in table.themes(*k)}
    assert all(set(table.themes(*k)) == tags for k, tags in expected_tags.items())
    assert {k for k in expected_tags if table.is_spm(*k)} == spm
    assert table.themes("1.01.02.1.01.0001", "64") == ()


def test_jenis_pemda_and_region_decide_who_may_run_a_code():
    table = builtin_nomenclature()
    # Aceh's dayah (level 7): Aceh and its kabupaten, nobody else
    assert table.may_run("1.01.07.7.01.0001", "11") and table.may_run("1.01.07.7.01.0001", "11.01")
    assert table.may_run("1.01.07.7.01.0001", "64.02") is False
    # DIY's Kasultanan codes (level 5) are listed for PROV and KABKOT
    assert table.may_run("1.03.13.5.01.0003", "34.04") and table.may_run("1.03.13.5.01.0003", "34")
    # desa adat (level 8) is Bali's province only
    assert table.may_run("2.22.09.8.01.0001", "51") and table.may_run("2.22.09.8.01.0001", "51.71") is False
    # urusan 9: Aceh (9.01) and the Papua provinces (9.02)
    assert table.may_run("9.01.02.1.01.0001", "11") and table.may_run("9.01.02.1.01.0001", "62") is False
    assert table.may_run("9.02.02.1.01.0001", "94") and table.may_run("9.02.02.1.01.0001", "92") is False


def test_replaced_codes_map_to_their_successors(raw_rows):
    table = builtin_nomenclature()
    current = {r["SUBKEGIATAN"].split()[0] for r in raw_rows}
    pairs = {r["SUBKEGIATAN SEBELUMNYA"].split()[0]: r["SUBKEGIATAN"].split()[0]
             for r in raw_rows if r["SUBKEGIATAN SEBELUMNYA"]}
    moved = {old: new for old, new in pairs.items() if old not in current}
    assert len(moved) > 300
    assert all(table.successor(old) == new for old, new in moved.items())
    # an old code that is still a current code keeps its current meaning
    assert all(table.successor(old) is None for old in pairs if old in current)


def _sheet(path, rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_a_table_with_the_code_split_over_columns(tmp_path):
    """Kepmendagri 900.1.15.5-1317/2023: URUSAN | BIDANG URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN."""
    path = _sheet(tmp_path / "lampiran.xlsx", [
        ["LAMPIRAN KEPUTUSAN MENTERI DALAM NEGERI NOMOR 900.1.15.5-1317 TAHUN 2023"],
        ["KODE", None, None, None, None, "NOMENKLATUR URUSAN KABUPATEN/KOTA", "KINERJA"],
        ["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", None, None],
        ["X", None, None, None, None, "PROGRAM PENUNJANG", None],
        ["X", "XX", "1", None, None, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", None],
        ["X", "XX", "1", "2.01", None, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None],
        ["X", "XX", "1", "2.01", "1", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "Dokumen"],
        [None, None, None, None, "2", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "Dokumen"],
        ["1", "03", "10", "2.01", "53", "Pembangunan Jalan", "Panjang jalan"],
    ])
    table = load_nomenclature(path)
    assert table.year == 2023
    assert table.name("X.XX.01.2.01.0001") == "Penyusunan Dokumen Perencanaan Perangkat Daerah"
    assert table.name("5.01.01.2.01.0002") == "Koordinasi dan Penyusunan Dokumen RKA-SKPD"
    assert table.name("1.03.10.2.01.0053") == "Pembangunan Jalan"
    assert table.name("X.XX.01.2.01") == "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
    assert table.is_valid("1.03.10.2.01.0053", 2023, "2") and not table.is_valid("1.03.10.2.01.0053", 2023, "1")


def test_a_table_with_code_and_name_in_one_cell_and_its_year_given(tmp_path):
    path = _sheet(tmp_path / "nomenklatur.xlsx", [
        ["JENIS PEMDA", "BIDANG", "PROGRAM", "KEGIATAN", "SUBKEGIATAN", "TAG", "SPM"],
        ["KABKOT", "1.03 URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM", "1.03.10 PROGRAM PENYELENGGARAAN JALAN",
         "1.03.10.2.01 Penyelenggaraan Jalan Kabupaten/Kota", "1.03.10.2.01.0053 Pembangunan Jalan",
         '["INFLASI (ASTACITA)"]', "NON-SPM"],
    ])
    table = load_nomenclature(path, year=2026)
    assert (table.year, table.name("1.03.10"), table.themes("1.03.10.2.01.0053")) == (
        2026, "PROGRAM PENYELENGGARAAN JALAN", ("INFLASI (ASTACITA)",))
    assert table.may_run("1.03.10.2.01.0053", "64.02") and table.may_run("1.03.10.2.01.0053", "64") is False
    # a table of one year judges that year only
    assert not table.is_valid("1.03.10.2.01.0099", 2026) and table.is_valid("1.03.10.2.01.0099", 2025)


def test_code_and_name_columns_state_their_year_in_a_title(tmp_path):
    path = tmp_path / "nomenklatur.csv"
    path.write_text("NOMENKLATUR SUB KEGIATAN TAHUN ANGGARAN 2025\n"
                    "kode,nomenklatur\n1.02.02.2.02.0020,Pengelolaan Surveilans Kesehatan\n", encoding="utf-8")
    table = load_nomenclature(path)
    assert (table.year, table.name("1.02.02.2.02.0020")) == (2025, "Pengelolaan Surveilans Kesehatan")


# Code repairs ------------------------------------------------------------------------------

canonical_codes = st.builds(
    lambda u, b, p, lv, k, s: f"{u}.{b:02d}.{p:02d}.{lv}.{k:02d}.{s:04d}",
    st.sampled_from("123"), st.sampled_from([1, 3, 6]), st.integers(1, 30), st.integers(1, 8),
    st.integers(1, 20), st.integers(1, 9999))


def _dirty(code: str, pad_level: bool, short_sub: bool) -> str:
    parts = code.split(".")
    if pad_level:
        parts[3] = "0" + parts[3]
    if short_sub:
        parts[5] = str(int(parts[5]))
    return ".".join(parts)


@given(canonical_codes, st.booleans(), st.booleans())
def test_repairs_round_trip_to_the_canonical_code(code, pad_level, short_sub):
    dirty = _dirty(code, pad_level, short_sub)
    fixed, repairs = repair_code(dirty)
    assert fixed == code
    assert ("level_padded" in repairs) == pad_level
    assert ("sub_kegiatan_short" in repairs) == (short_sub and dirty != code and len(dirty.split(".")[5]) < 4)
    assert repair_code(fixed) == (code, ())


@given(canonical_codes)
def test_a_one_digit_bidang_is_repaired_only_when_the_bidang_list_leaves_one_reading(code):
    urusan, bidang = code.split(".")[:2]
    short = f"{urusan}.{int(bidang)}" + code[4:]
    readings = {b for b in (f"{urusan}.0{int(bidang)}", f"{urusan}.{int(bidang)}0") if b in known_bidang()}
    if len(readings) == 1:
        fixed, repairs = repair_code(short, known_bidang=known_bidang())
        assert fixed[:4] in readings and "bidang_short" in repairs
    else:
        with pytest.raises(CodeError):
            repair_code(short, known_bidang=known_bidang())


@pytest.mark.parametrize(("raw", "expected"), [
    ("1.3.10.2.01.0053", "1.03.10.2.01.0053"),
    ("2.1.02", "2.10.02"),  # 2.01 is no bidang; 2.10 pertanahan is
    ("3.3", "3.30"),
    ("x.xx.01.2.01.0001", "X.XX.01.2.01.0001"),
    ("1.01.01.02.01.0001", "1.01.01.2.01.0001"),
    ("9.01.02.1.01.1", "9.01.02.1.01.0001"),
])
def test_unambiguous_repairs(raw, expected):
    assert normalize_code(raw, bidang="X.XX", known_bidang=known_bidang()) == expected


@pytest.mark.parametrize("raw", ["1.01.01.12.01.0001", "1.01.01.00.01.0001", "1.3.10", "1.01.01.2.1.0001"])
def test_ambiguous_codes_are_refused(raw):
    with pytest.raises(CodeError):
        normalize_code(raw)


def test_the_cache_folder_is_the_setting_else_the_user_cache(tmp_path, monkeypatch):
    import loaders.nomenclature as module

    monkeypatch.setenv("KASKADE_CACHE", str(tmp_path / "given"))
    assert module._cache_file().parent == tmp_path / "given"
    monkeypatch.setenv("KASKADE_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert module._cache_file().parent == tmp_path / "xdg" / "kaskade"


def test_the_built_in_table_is_cached_and_read_back_equal(tmp_path, monkeypatch):
    import loaders.nomenclature as module

    monkeypatch.setenv("KASKADE_CACHE", str(tmp_path))
    parsed = module.builtin_nomenclature.__wrapped__()  # parses and writes the cache
    (cache,) = tmp_path.iterdir()
    assert cache == module._cache_file()
    again = module.builtin_nomenclature.__wrapped__()  # read from the cache
    assert again is not parsed
    assert (again.year, len(again), again.name("1.01.02.3.04", "91.01")) == (
        parsed.year, len(parsed), parsed.name("1.01.02.3.04", "91.01"))
    assert again.successor("1.02.02.1.02.0013") == "1.02.02.1.02.0035"
    cache.write_bytes(b"not a pickle")  # a damaged cache costs only the parse
    assert len(module.builtin_nomenclature.__wrapped__()) == len(parsed)
