"""Region reference: real kode wilayah, governments, place names as SIPD exports write them."""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from loaders.models import GovLevel
from reference.regions import (
    children,
    contains,
    exists,
    geojson_path,
    government_level,
    government_name,
    kabkota_in,
    kabkota_of,
    parent,
    province_of,
    region,
    resolve_place,
    resolve_places,
)

REFERENCE = Path(__file__).resolve().parents[1] / "reference"


def _csv_rows() -> list[dict[str, str]]:
    with open(REFERENCE / "wilayah.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _csv_rows()
KUKAR_KECAMATAN = [(r["kode"], r["nama"]) for r in ROWS if r["induk"] == "64.02"]


def test_counts_from_the_file_match_the_module():
    tiers = Counter(r["tingkat"] for r in ROWS)
    assert tiers["provinsi"] == 38
    assert tiers["kabupaten"] + tiers["kota"] == 514
    provinces = children("00")
    assert len(provinces) == 38
    assert sum(len(kabkota_in(p)) for p in provinces) == 514


@pytest.mark.parametrize(
    ("kode", "nama", "tingkat", "induk"),
    [
        ("64", "Kalimantan Timur", "provinsi", None),
        ("64.02", "Kabupaten Kutai Kartanegara", "kabupaten", "64"),
        ("64.71", "Kota Balikpapan", "kota", "64"),
        ("62.71", "Kota Palangkaraya", "kota", "62"),
        ("64.02.06", "Tenggarong", "kecamatan", "64.02"),
        ("64.02.06.1002", "Loa Ipuh", "kelurahan", "64.02.06"),
        ("64.07.12.2012", "Jambuk Makmur", "desa", "64.07.12"),
    ],
)
def test_real_regions(kode, nama, tingkat, induk):
    r = region(kode)
    assert (r.kode, r.nama, r.tingkat, r.induk) == (kode, nama, tingkat, induk)
    assert parent(kode) == induk


def test_kaltim_and_kalteng_kabupaten_kota():
    assert not exists("64.04") and region("64.04") is None and parent("64.04") is None
    assert kabkota_in("64") == ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11",
                                "64.71", "64.72", "64.74"]
    kalteng = kabkota_in("62")
    assert len(kalteng) == 14 and kalteng[0] == "62.01" and kalteng[-1] == "62.71"
    with pytest.raises(ValueError, match="bukan kode provinsi"):
        kabkota_in("64.02")


def test_children_and_codes_read_from_the_code():
    assert [k for k, _ in KUKAR_KECAMATAN] == children("64.02")
    assert len(KUKAR_KECAMATAN) == 20
    assert children("64.02.06.1002") == []
    assert province_of("64.02.06.1002") == "64" and province_of("64") == "64"
    assert kabkota_of("64.02.06") == "64.02" and kabkota_of("64") is None
    with pytest.raises(ValueError, match="bukan kode wilayah"):
        province_of("Kaltim")


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("64", "64.02.01", True),
        ("64", "64.02.01.2001", True),
        ("64.02", "64.02", True),
        ("64.02", "64", False),
        ("64.02", "64.72.01", False),
        ("64.0", "64.02", False),
        ("6", "64", False),
        ("64.02.01", "64.02.01.2001", True),
        ("00", "62.71", True),
    ],
)
def test_contains(outer, inner, expected):
    assert contains(outer, inner) is expected


@pytest.mark.parametrize(
    ("kode", "level", "name"),
    [
        ("00", GovLevel.NATIONAL, "Pemerintah Pusat"),
        ("64", GovLevel.PROVINCE, "Pemerintah Provinsi Kalimantan Timur"),
        ("62", GovLevel.PROVINCE, "Pemerintah Provinsi Kalimantan Tengah"),
        ("64.02", GovLevel.KABUPATEN, "Pemerintah Kabupaten Kutai Kartanegara"),
        ("64.71", GovLevel.KOTA, "Pemerintah Kota Balikpapan"),
        ("62.71", GovLevel.KOTA, "Pemerintah Kota Palangkaraya"),
    ],
)
def test_governments(kode, level, name):
    assert government_level(kode) == level
    assert government_level(kode).level_digit == {"00": None, "64": "1", "62": "1"}.get(kode, "2")
    assert government_name(kode) == name


@pytest.mark.parametrize(("kode", "message"), [("64.02.06", "kecamatan Tenggarong"), ("64.04", "tidak ada")])
def test_non_governments_are_clear_errors(kode, message):
    with pytest.raises(ValueError, match=message):
        government_level(kode)
    with pytest.raises(ValueError, match=message):
        government_name(kode)


@pytest.mark.parametrize(("kode", "nama"), KUKAR_KECAMATAN)
def test_every_kukar_kecamatan_resolves_however_written(kode, nama):
    for written in (nama, nama.upper(), f"Kec. {nama}", f"Kecamatan  {nama.lower()}", f"KEC.{nama}"):
        assert resolve_place(written, "64.02") == kode, written


def _compact(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def test_kukar_desa_with_a_unique_name_resolve():
    inside = [r for r in ROWS if r["kode"].startswith("64.02.")]
    seen = Counter(_compact(r["nama"]) for r in inside)
    unique = [r for r in inside if r["tingkat"] in ("desa", "kelurahan") and seen[_compact(r["nama"])] == 1]
    assert len(unique) > 200
    for r in unique:
        prefix = "Kel." if r["tingkat"] == "kelurahan" else "Desa"
        assert resolve_place(f"{prefix} {r['nama']}", "64.02") == r["kode"], r["nama"]


@pytest.mark.parametrize(
    ("name", "within", "expected"),
    [
        ("Kec. Tenggarong", "64.02", "64.02.06"),
        ("Kecamatan Tenggarong Seberang", "64.02", "64.02.16"),
        ("TENGGARONG", "64.02", "64.02.06"),
        ("Kel. Loa Ipuh", "64.02", "64.02.06.1002"),
        ("Kelurahan Loa Ipuh Darat", "64.02", "64.02.06.1013"),
        ("Kabupaten Kutai Kartanegara", "64.02", "64.02"),
        ("Kutai Kartanegara", "64.02", "64.02"),
        ("Kab. Kutai Kartanegara", "64.02", "64.02"),
        ("Seluruh Kecamatan", "64.02", "64.02"),
        ("Semua Desa", "64.02", "64.02"),
        ("Seluruh Kecamatan Tenggarong", "64.02", "64.02.06"),
        # a kecamatan whose name starts with a prefix word
        ("Kota Bangun", "64.02", "64.02.08"),
        ("Kec. Kota Bangun", "64.02", "64.02.08"),
        ("Sanga-Sanga", "64.02", "64.02.15"),
        # the same desa name in two kecamatan of one kabupaten
        ("Desa Bukit Raya", "64.02", None),
        ("Bukit Raya", "64.02.16", "64.02.16.2002"),
        ("Desa Bukit Raya", "64.02.13", "64.02.13.2016"),
        # places outside the government are not found
        ("Samarinda Ulu", "64.02", None),
        ("Samarinda Ulu", "64", "64.72.03"),
        ("Kota Balikpapan", "64", "64.71"),
        ("Balikpapan", "64", "64.71"),
        ("Balikpapan", "64.02", None),
        ("Palangka Raya", "62", "62.71"),
        # a kabupaten and a kota of the same name: only the prefix decides
        ("Kab. Bekasi", "32", "32.16"),
        ("Kota Bekasi", "32", "32.75"),
        ("Bekasi", "32", None),
        ("Kota Administrasi Jakarta Utara", "31", "31.72"),
        ("Jakarta Utara", "31", "31.72"),
        ("64.02.06", "64.02", "64.02.06"),
        ("64.72.03", "64.02", None),
        ("Negeri Antah Berantah", "64.02", None),
        ("", "64.02", None),
    ],
)
def test_resolve_place(name, within, expected):
    assert resolve_place(name, within) == expected


def test_resolve_place_needs_a_known_within():
    with pytest.raises(ValueError, match="64.04"):
        resolve_place("Tenggarong", "64.04")


def test_resolve_places_splits_a_cell():
    cell = "Kec. Tenggarong; Loa Kulu,\nKel. Loa Ipuh\n\nTenggarong, Desa Bukit Raya"
    assert resolve_places(cell, "64.02") == (["64.02.06", "64.02.02", "64.02.06.1002"], ["Desa Bukit Raya"])
    assert resolve_places(None, "64.02") == ([], [])


def test_geojson_has_one_feature_per_kabupaten_kota():
    path = geojson_path()
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    codes = {f["properties"]["kode"] for f in features}
    assert codes == {k for p in children("00") for k in kabkota_in(p)}
    assert {f["properties"]["nama"] for f in features if f["properties"]["kode"] == "64.02"} == {
        "Kabupaten Kutai Kartanegara"}


def test_reference_data_ships_with_its_licence():
    text = (REFERENCE / "LICENSE-reference.txt").read_text(encoding="utf-8")
    for needed in ("cahyadsn/wilayah", "cahyadsn/wilayah_boundaries", "Cahya DSN",
                   "Permission is hereby granted", "wilayah.csv", "kabkota.geojson"):
        assert needed in text
