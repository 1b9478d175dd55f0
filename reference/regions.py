"""Indonesian regions (kode wilayah) and the governments that run them.

Reads the vendored ``reference/wilayah.csv`` (Kepmendagri 300.2.2-2138/2025) once, on first
use. Codes: provinsi ``64``, kabupaten/kota ``64.02``, kecamatan ``64.02.06``, desa/kelurahan
``64.02.06.1002``; ``00`` is the national government.

>>> region("64.02").nama
'Kabupaten Kutai Kartanegara'
>>> government_name("64.71")
'Pemerintah Kota Balikpapan'
>>> resolve_place("Kec. Tenggarong", within="64.02")
'64.02.06'
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

__all__ = [
    "NATIONAL",
    "GovLevel",
    "Region",
    "region",
    "exists",
    "parent",
    "province_of",
    "kabkota_of",
    "province_code",
    "is_district",
    "is_kabkota_code",
    "contains",
    "children",
    "kabkota_in",
    "government_level",
    "government_name",
    "resolve_place",
    "resolve_places",
    "geojson_path",
]

NATIONAL = "00"
"""kode_pemda of the national government (owner of RPJMN / RKP priorities)."""


class GovLevel(StrEnum):
    NATIONAL = "nasional"
    PROVINCE = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"

    @property
    def level_digit(self) -> str | None:
        """The nomenclature level digit this government runs: 1 provinsi, 2 kab/kota."""
        return {GovLevel.PROVINCE: "1", GovLevel.KABUPATEN: "2", GovLevel.KOTA: "2"}.get(self)


_REFERENCE = Path(__file__).parent
_KODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_GOVERNMENT_TIERS = ("provinsi", "kabupaten", "kota")
_DEPTH = {"provinsi": 1, "kabupaten": 2, "kota": 2, "kecamatan": 3, "desa": 4, "kelurahan": 4}


@dataclass(frozen=True, slots=True)
class Region:
    """One row of the region reference: code, official name, tier and parent code."""

    kode: str
    nama: str
    tingkat: str  # provinsi, kabupaten, kota, kecamatan, desa or kelurahan
    induk: str | None


@functools.cache
def _regions() -> dict[str, Region]:
    with open(_REFERENCE / "wilayah.csv", encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        at = {name: k for k, name in enumerate(next(rows))}
        kode, nama, tingkat, induk = at["kode"], at["nama"], at["tingkat"], at["induk"]
        return {row[kode]: Region(row[kode], row[nama].strip(), row[tingkat], row[induk] or None) for row in rows}


@functools.cache
def _children() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for r in _regions().values():
        found.setdefault(r.induk or NATIONAL, []).append(r.kode)
    return {kode: tuple(sorted(kids)) for kode, kids in found.items()}


def region(kode: str) -> Region | None:
    """The region with this code, or None.

    >>> region("62.71")
    Region(kode='62.71', nama='Kota Palangkaraya', tingkat='kota', induk='62')
    """
    return _regions().get(str(kode).strip())


def exists(kode: str) -> bool:
    """Whether `kode` is a region code in the reference (Kaltim has no 64.04).

    >>> exists("64.02"), exists("64.04")
    (True, False)
    """
    return str(kode).strip() in _regions()


def parent(kode: str) -> str | None:
    """The code of the region one tier up; None for a provinsi or an unknown code."""
    found = region(kode)
    return None if found is None else found.induk


def _checked(kode: str) -> str:
    kode = str(kode).strip()
    if not _KODE.fullmatch(kode):
        raise ValueError(f"'{kode}' bukan kode wilayah (contoh 64, 64.02, 64.02.06, 64.02.06.1002)")
    return kode


def province_of(kode: str) -> str:
    """The provinsi code a region code lies in, read from the code.

    >>> province_of("64.02.06.1002")
    '64'
    """
    return _checked(kode)[:2]


def kabkota_of(kode: str) -> str | None:
    """The kabupaten/kota code a region code lies in; None for a provinsi.

    >>> kabkota_of("64.02.06.1002"), kabkota_of("64")
    ('64.02', None)
    """
    kode = _checked(kode)
    return kode[:5] if len(kode) >= 5 else None


def province_code(kode_pemda: str) -> str | None:
    """The province a government belongs to, read from its code; None for the national government.

    The one home of this rule (with `is_district`): nothing else reads a province off a code.

    >>> province_code("64.02"), province_code("64"), province_code("00")
    ('64', '64', None)
    """
    kode = str(kode_pemda).strip()
    return None if kode == NATIONAL else kode[:2]


def is_district(kode_pemda: str) -> bool:
    """Whether a government code is a kabupaten/kota's: a code with a dot (``64.02``), not a
    province's (``64``) or the national one (``00``).

    >>> is_district("64.02"), is_district("64"), is_district("00")
    (True, False, False)
    """
    return "." in str(kode_pemda)


def is_kabkota_code(kode: str) -> bool:
    """Whether `kode` has the shape of a kabupaten/kota code (``64.02``), whether or not it exists.

    >>> is_kabkota_code("64.02"), is_kabkota_code("64.02.06"), is_kabkota_code("64")
    (True, False, False)
    """
    kode = str(kode).strip()
    return bool(_KODE.fullmatch(kode)) and kode.count(".") == 1


def contains(outer: str, inner: str) -> bool:
    """Whether region `inner` lies in `outer` (a region contains itself; ``00`` contains all).

    Decided from the codes alone, so it is fast and needs no lookup.

    >>> contains("64", "64.02.01"), contains("64.02", "64.02"), contains("64.02", "64.72.01")
    (True, True, False)
    """
    outer, inner = str(outer).strip(), str(inner).strip()
    return outer == NATIONAL or inner == outer or inner.startswith(outer + ".")


def children(kode: str) -> list[str]:
    """Codes one tier down, sorted; the provinces for ``00``.

    >>> children("64.02")[:3]
    ['64.02.01', '64.02.02', '64.02.03']
    """
    return list(_children().get(str(kode).strip(), ()))


def kabkota_in(province: str) -> list[str]:
    """The kabupaten/kota codes of a provinsi.

    >>> kabkota_in("64")
    ['64.01', '64.02', '64.03', '64.07', '64.08', '64.09', '64.11', '64.71', '64.72', '64.74']
    """
    found = region(province)
    if found is None or found.tingkat != "provinsi":
        raise ValueError(f"'{province}' bukan kode provinsi (contoh 64)")
    return children(found.kode)


def _government(kode_pemda: str) -> Region | None:
    kode_pemda = str(kode_pemda).strip()
    if kode_pemda == NATIONAL:
        return None
    found = region(kode_pemda)
    if found is None:
        raise ValueError(f"kode_pemda '{kode_pemda}' tidak ada dalam daftar kode wilayah")
    if found.tingkat not in _GOVERNMENT_TIERS:
        raise ValueError(
            f"kode_pemda '{kode_pemda}' adalah {found.tingkat} {found.nama}, bukan pemerintah daerah "
            "(pakai kode provinsi 64 atau kabupaten/kota 64.02)"
        )
    return found


def government_level(kode_pemda: str) -> GovLevel:
    """'nasional', 'provinsi', 'kabupaten' or 'kota' (a `GovLevel`, which is a str).

    >>> [str(government_level(k)) for k in ("00", "64", "64.02", "64.71")]
    ['nasional', 'provinsi', 'kabupaten', 'kota']
    """
    found = _government(kode_pemda)
    return GovLevel.NATIONAL if found is None else GovLevel(found.tingkat)


def government_name(kode_pemda: str) -> str:
    """The government's name as planners write it.

    >>> government_name("64"), government_name("64.02"), government_name("00")
    ('Pemerintah Provinsi Kalimantan Timur', 'Pemerintah Kabupaten Kutai Kartanegara', 'Pemerintah Pusat')
    """
    found = _government(kode_pemda)
    if found is None:
        return "Pemerintah Pusat"
    if found.tingkat == "provinsi":
        return f"Pemerintah Provinsi {found.nama}"
    return f"Pemerintah {found.nama}"


# Words planners put before a place name, and the tiers they point to.
_PREFIX_TIERS: dict[str, tuple[str, ...]] = {
    "provinsi": ("provinsi",),
    "propinsi": ("provinsi",),
    "prov": ("provinsi",),
    "kabupaten": ("kabupaten",),
    "kab": ("kabupaten",),
    "kota": ("kota",),
    "kotamadya": ("kota",),
    "kodya": ("kota",),
    "administrasi": (),
    "kecamatan": ("kecamatan",),
    "kec": ("kecamatan",),
    "distrik": ("kecamatan",),
    "kelurahan": ("kelurahan", "desa"),
    "kel": ("kelurahan", "desa"),
    "desa": ("desa", "kelurahan"),
    "ds": ("desa", "kelurahan"),
    "kampung": ("desa", "kelurahan"),
}
_WHOLE = {"seluruh", "semua", "lintas"}
_FILLER = {"di", "wilayah", "se"}
_WORD = re.compile(r"[^0-9a-z]+")


def _words(name: str) -> list[str]:
    return [w for w in _WORD.split(name.lower().replace("\u2019", "").replace("'", "")) if w]


@functools.cache
def _name_index() -> dict[str, tuple[str, ...]]:
    """Compact name (lower case, letters and digits only) -> region codes."""
    index: dict[str, list[str]] = {}
    for r in _regions().values():
        words = _words(r.nama)
        keys = {"".join(words)}
        if r.tingkat in ("kabupaten", "kota"):
            # 'Kota Administrasi Jakarta Utara' is also just 'Jakarta Utara'.
            while words and words[0] in ("kabupaten", "kota", "administrasi"):
                words = words[1:]
            keys.add("".join(words))
        for key in keys:
            index.setdefault(key, []).append(r.kode)
    return {key: tuple(codes) for key, codes in index.items()}


def _pick(codes: list[str], tiers: tuple[str, ...]) -> str | None:
    regions = _regions()
    hinted = [c for c in codes if regions[c].tingkat in tiers]
    codes = hinted or codes
    top = min(_DEPTH[regions[c].tingkat] for c in codes)
    best = [c for c in codes if _DEPTH[regions[c].tingkat] == top]
    return best[0] if len(best) == 1 else None


def resolve_place(name: str, within: str) -> str | None:
    """The kode wilayah a place name means inside government (or region) `within`.

    Case, spacing, punctuation and prefixes (Kec., Kel., Desa, Kab., Kota) do not matter. A
    phrase for the whole area ('Seluruh Kecamatan') gives `within` itself. A name shared by
    regions of different tiers means the higher tier; a name shared within one tier is
    ambiguous and gives None, as does an unknown name.

    >>> resolve_place("TENGGARONG SEBERANG", "64.02"), resolve_place("Kel. Loa Ipuh", "64.02")
    ('64.02.16', '64.02.06.1002')
    >>> resolve_place("Seluruh Kecamatan", "64.02"), resolve_place("Bukit Raya", "64.02")
    ('64.02', None)
    """
    within = str(within).strip()
    if within != NATIONAL and within not in _regions():
        raise ValueError(f"'{within}' tidak ada dalam daftar kode wilayah")
    text = str(name).strip()
    if _KODE.fullmatch(text):
        return text if text in _regions() and contains(within, text) else None
    words = _words(text)
    if words and words[0] in _WHOLE:
        words = [w for w in words[1:] if w not in _FILLER]
        if all(w in _PREFIX_TIERS for w in words):
            return within
    index = _name_index()
    tiers: tuple[str, ...] = ()
    for start in range(len(words)):
        codes = [c for c in index.get("".join(words[start:]), ()) if contains(within, c)]
        if codes:
            return _pick(codes, tiers)
        if words[start] not in _PREFIX_TIERS:
            break
        tiers = _PREFIX_TIERS[words[start]] or tiers
    return None


_SEPARATORS = re.compile(r"[,;\n\r]+")


def resolve_places(text: str | None, within: str) -> tuple[list[str], list[str]]:
    """Codes for a cell of several place names split by ',', ';' or new lines.

    Returns the codes found (in order, without repeats) and the names that did not resolve. A place
    written after the places holding it (SIPD's ``Kab. …, Kec. …, Kel. …``) is the deepest one: a place
    followed by a place inside it is left out.

    >>> resolve_places("Kec. Tenggarong; Loa Kulu, Negeri Antah", "64.02")
    (['64.02.06', '64.02.02'], ['Negeri Antah'])
    >>> resolve_places("Kab. Kutai Kartanegara, Kec. Tenggarong, Kel. Melayu", "64.02")
    (['64.02.06.1005'], [])
    """
    codes: list[str] = []
    unresolved: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        part = part.strip()
        if not part:
            continue
        kode = resolve_place(part, within)
        if kode is None:
            unresolved.append(part)
        elif kode not in codes:
            codes.append(kode)
    return [c for c, after in zip(codes, [*codes[1:], ""]) if not after.startswith(c + ".")], unresolved


def geojson_path() -> Path:
    """The vendored kabupaten/kota boundaries (GeoJSON, properties ``kode`` and ``nama``)."""
    return _REFERENCE / "kabkota.geojson"
