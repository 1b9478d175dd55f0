"""The planning data model: one pydantic model per table row, and the validated `Dataset`.

Field names are the Indonesian column names planners write. Every model is frozen and forbids
unknown fields; per-value checks (numbers written the Indonesian way, nomenclature codes, kode
wilayah lists) happen here, checks across rows happen in `loaders.validate`.

>>> SubKegiatan(tahun="2025", kode_pemda="64.02", kode_skpd="1.03.0.00.0.00.01.0000",
...             kode_sub_giat="1.03.10.2.01.53", nama_sub_giat="Pembangunan Jalan",
...             pagu="1.250.000,50").kode_sub_giat
'1.03.10.2.01.0053'
"""
from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator

from base.codes import CodeError, normalize_code
from base.i18n import Phrase
from loaders.numbers import TOO_LARGE, parse_number
from reference.bidang import known_bidang
from reference.regions import NATIONAL, GovLevel

__all__ = [
    "NATIONAL",
    "TargetType",
    "IndicatorType",
    "LinkStatus",
    "FundingType",
    "GovLevel",
    "DocType",
    "Relasi",
    "Pemda",
    "Dokumen",
    "PerangkatDaerah",
    "Sasaran",
    "Indikator",
    "ProgramKegiatan",
    "SubKegiatan",
    "Tautan",
    "Dataset",
    "TABLES",
    "funding_type",
]

class TargetType(StrEnum):
    PN = "pn"
    PP = "pp"
    KP = "kp"
    PROYEK = "proyek_prioritas"
    TUJUAN = "tujuan"
    SASARAN = "sasaran"
    UNGGULAN = "program_unggulan"  # regional flagship, e.g. a Gratispol item or Huma Betang pillar

    @property
    def national(self) -> bool:
        return self in (TargetType.PN, TargetType.PP, TargetType.KP, TargetType.PROYEK)


class IndicatorType(StrEnum):
    DAMPAK = "dampak"  # impact, for tujuan
    HASIL = "hasil"  # outcome, for sasaran and program
    KELUARAN = "keluaran"  # output, for kegiatan and sub kegiatan


class LinkStatus(StrEnum):
    PROPOSED = "usulan"
    AGREED = "disepakati"
    REJECTED = "ditolak"


class FundingType(StrEnum):
    BANKEU = "bankeu"  # bantuan keuangan, province -> district
    DAK = "dak"  # dana alokasi khusus, national -> region


_BANKEU_NAME = re.compile(r"bantuan\s+keuangan|bankeu", re.IGNORECASE)
_DAK_NAME = re.compile(r"\bDAK\b|dana\s+alokasi\s+khusus", re.IGNORECASE)
_SOURCE_CODE = re.compile(r"\s*([0-9]+(?:\.[0-9]+){3,})")


def funding_type(sumber_dana: str | None) -> FundingType | None:
    """What a sumber dana says about who pays: DAK (national), bankeu (province), or None.

    Read from the name (``DAK Fisik``, ``Bantuan Keuangan Provinsi``) or from the SIPD sumber
    dana classification code, which mirrors the pendapatan accounts of Permendagri 77/2020 under
    a leading dana group (1 dana umum, 2 dana khusus): ``G.2.01.01.03`` DAK Fisik and
    ``G.2.01.01.04`` DAK Non Fisik (transfer from the central government), ``G.2.02.02``
    Bantuan Keuangan and ``G.2.02.02.01`` Bantuan Keuangan (Khusus) dari Pemerintah Provinsi.
    Bantuan keuangan from a kabupaten/kota (``G.2.02.02.02``) is no province money. See
    docs/formats.md.

    >>> funding_type("2.2.01.01.03.0034"), funding_type("2.2.02.02.01.0001"), funding_type("1.2.01.01.02")
    (<FundingType.DAK: 'dak'>, <FundingType.BANKEU: 'bankeu'>, None)
    >>> funding_type("DAK Non Fisik - BOK"), funding_type("PAD")
    (<FundingType.DAK: 'dak'>, None)
    """
    if not sumber_dana:
        return None
    code = _SOURCE_CODE.match(sumber_dana)
    if code:
        parts = [int(p) for p in code[1].split(".")]
        if parts[1:4] == [2, 1, 1] and len(parts) > 4 and parts[4] in (3, 4):
            return FundingType.DAK
        if parts[1:4] == [2, 2, 2] and (len(parts) == 4 or parts[4] == 1):
            return FundingType.BANKEU
        return None
    if _BANKEU_NAME.search(sumber_dana):
        return FundingType.BANKEU
    if _DAK_NAME.search(sumber_dana):
        return FundingType.DAK
    return None


class DocType(StrEnum):
    RPJMN = "RPJMN"
    RKP = "RKP"
    RPJMD = "RPJMD"
    RENSTRA = "Renstra"
    RENJA = "Renja"
    RKPD = "RKPD"


class Relasi(StrEnum):
    """Link types a planner writes in the `tautan` table."""

    BAGIAN_DARI = "bagian_dari"
    SELARAS = "selaras"
    MENDUKUNG = "mendukung"
    PENANGGUNG_JAWAB = "penanggung_jawab"
    BANTUAN_KEUANGAN = "bantuan_keuangan"
    DAK = "dak"
    KERJA_SAMA = "kerja_sama"


# English and common spellings planners use, mapped onto the canonical values.
_ALIASES: dict[str, str] = {
    "proposed": "usulan",
    "diusulkan": "usulan",
    "agreed": "disepakati",
    "sepakat": "disepakati",
    "setuju": "disepakati",
    "rejected": "ditolak",
    "tolak": "ditolak",
    "impact": "dampak",
    "outcome": "hasil",
    "output": "keluaran",
    "bankeu": "bantuan_keuangan",
    "proyek": "proyek_prioritas",
    "unggulan": "program_unggulan",
    "flagship": "program_unggulan",
    "renstra pd": "Renstra",
    "renja pd": "Renja",
}


def _enum_value(enum: type[StrEnum]):
    def parse(value: Any) -> Any:
        if isinstance(value, str):
            key = re.sub(r"[\s\-]+", "_", value.strip()).lower()
            key = _ALIASES.get(key.replace("_", " "), _ALIASES.get(key, key))
            for member in enum:
                if member.value.lower() == key.lower():
                    return member
        return value

    return BeforeValidator(parse)


def _blank_to_none(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value != value:  # NaN from a spreadsheet
        return None
    return value


def _as_text(value: Any) -> Any:
    """Spreadsheets turn codes such as 2025 or 64 into numbers; ids are text."""
    value = _blank_to_none(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _as_list(value: Any) -> Any:
    """A list cell: ``a; b, c`` or a JSON list."""
    value = _blank_to_none(value)
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(_as_text(v)).strip() for v in value if _blank_to_none(v) is not None)
    if isinstance(value, (int, float)):
        return (str(_as_text(value)),)
    return tuple(p.strip() for p in re.split(r"[;,\n]", str(value)) if p.strip())


def _as_number(value: Any) -> Any:
    value = _blank_to_none(value)
    return None if value is None else parse_number(value)


def _as_value(value: Any) -> Any:
    """A target value: a number when it reads as one, else the text (e.g. ``WTP``)."""
    value = _blank_to_none(value)
    if value is None or isinstance(value, (int, float)):
        return None if value is None else parse_number(value)
    if str(value).strip() in ("-", "\u2013", "\u2014"):
        return str(value).strip()  # no target (a dash is a zero only for money)
    try:
        return parse_number(value)
    except ValueError as exc:
        if str(exc) == TOO_LARGE:
            raise
        return str(value).strip()


def _pemda(value: Any) -> Any:
    value = _as_text(value)
    if value is None or str(value).lower() in {"0", "00", "nasional", "pusat", "national"}:
        return NATIONAL
    return value


def _code(value: Any) -> Any:
    value = _as_text(value)
    if value is None or str(value).upper().startswith("X.XX"):
        return value  # the support placeholder is filled from the agency's bidang in validate
    return normalize_code(str(value), known_bidang=known_bidang())


def _of_depth(code: str, allowed: tuple[int, ...], expected: str) -> str:
    """`code` when it names one of the `allowed` levels (counted in segments); else a CodeError saying which
    level it names, so a program code never stands where a sub kegiatan is expected."""
    depth = code.count(".") + 1
    if depth in allowed:
        return code
    named = Phrase(f"word.level.{depth}" if depth in (1, 2, 3, 5, 6) else "word.level.incomplete")
    raise CodeError("wrong_level", code, named=named, expected=Phrase(f"word.level.{expected}"))


Text = Annotated[str, BeforeValidator(_as_text)]
OptText = Annotated[str | None, BeforeValidator(_as_text)]
TextList = Annotated[tuple[str, ...], BeforeValidator(_as_list)]
Number = Annotated[float, BeforeValidator(_as_number)]
OptNumber = Annotated[float | None, BeforeValidator(_as_number)]
Value = Annotated[float | str | None, BeforeValidator(_as_value)]
TargetValue = Annotated[float | str, BeforeValidator(_as_value)]
KodePemda = Annotated[str, BeforeValidator(_pemda)]
Code = Annotated[str, BeforeValidator(_code)]
def _year(value: Any) -> Any:
    """A year: a whole number (``2025``, ``2025.0``); ``2025.9`` is refused, never cut to 2025."""
    if _blank_to_none(value) is None:
        return value
    number = _as_number(value)
    if not number.is_integer():
        raise ValueError(f"'{value}' bukan tahun")
    return int(number)


Year = Annotated[int, BeforeValidator(_year)]
OptYear = Annotated[int | None, BeforeValidator(lambda v: None if _blank_to_none(v) is None else _year(v))]


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Pemda(Row):
    """A government. Optional sheet: governments are otherwise named from the region reference."""

    kode_pemda: KodePemda
    nama: Text
    tingkat: Annotated[GovLevel, _enum_value(GovLevel)] | None = None


class Dokumen(Row):
    """A plan document (RPJMN, RKP, RPJMD, Renstra, Renja, RKPD) and its period."""

    id: Text
    jenis: Annotated[DocType, _enum_value(DocType)]
    kode_pemda: KodePemda = NATIONAL
    nama: Text
    tahun_awal: Year
    tahun_akhir: Year


class PerangkatDaerah(Row):
    """An agency (perangkat daerah / OPD) and the bidang urusan it holds (up to three)."""

    kode_skpd: Text
    nama_skpd: Text
    kode_pemda: KodePemda
    bidang: TextList = ()

    @field_validator("bidang")
    @classmethod
    def _bidang_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for b in value:
            if not re.fullmatch(r"\d\.\d{2}", b):
                raise ValueError(f"bidang '{b}' bukan kode bidang urusan (contoh 1.02)")
        return value


class Sasaran(Row):
    """A goal or target: national PN/PP/KP/Proyek Prioritas, regional tujuan/sasaran/flagship."""

    id: Text
    jenis: Annotated[TargetType, _enum_value(TargetType)]
    kode_pemda: KodePemda = NATIONAL
    nama: Text
    kode: OptText = None  # the planner's own numbering, e.g. PN.PP.KP "01.02.01"
    induk: OptText = None  # id of the parent in the same tree (sasaran -> tujuan, KP -> PP)
    selaras: TextList = ()  # ids of higher-tier targets it aligns with
    dokumen: OptText = None
    kode_skpd: OptText = None  # responsible agency, for a regional target


class Indikator(Row):
    """An indicator of a target, with baseline and target per year (columns ``target_YYYY``)."""

    id: Text
    milik: Text  # id of the target (sasaran / prioritas) it measures
    nama: Text
    jenis: Annotated[IndicatorType, _enum_value(IndicatorType)]
    satuan: OptText = None
    baseline: Value = None
    target: dict[int, TargetValue] = Field(default_factory=dict)


class ProgramKegiatan(Row):
    """A program or kegiatan of one government and year: its name and what it supports."""

    tahun: Year
    kode_pemda: KodePemda
    kode: Code
    nama: Text
    kode_skpd: OptText = None
    mendukung: TextList = ()
    status: Annotated[LinkStatus, _enum_value(LinkStatus)] = LinkStatus.AGREED

    @field_validator("kode")
    @classmethod
    def _program_or_kegiatan(cls, value: str) -> str:
        return _of_depth(value, (3, 5), "program_or_kegiatan")


class SubKegiatan(Row):
    """One Renja line: a sub kegiatan of one agency, government and year."""

    tahun: Year
    kode_pemda: KodePemda
    kode_skpd: Text
    kode_sub_giat: Code
    nama_sub_giat: Text
    pagu: Number = 0.0
    lokasi: TextList = ()  # kode wilayah; empty means the government's whole region
    keluaran: OptText = None
    target: Value = None
    satuan: OptText = None
    sumber_dana: OptText = None
    mendukung: TextList = ()  # ids of indicators or targets this line supports
    status: Annotated[LinkStatus, _enum_value(LinkStatus)] = LinkStatus.AGREED

    @field_validator("kode_sub_giat")
    @classmethod
    def _sub_kegiatan(cls, value: str) -> str:
        return _of_depth(value, (6,), "6")

    @field_validator("pagu")
    @classmethod
    def _non_negative(cls, value: float) -> float:
        if value < 0:
            raise ValueError("pagu tidak boleh negatif")
        return value


class Tautan(Row):
    """Any other link. Program / kegiatan / sub kegiatan are named by code within `kode_pemda`."""

    dari: Text
    relasi: Annotated[Relasi, _enum_value(Relasi)]
    ke: Text
    status: Annotated[LinkStatus, _enum_value(LinkStatus)] | None = None
    tahun: OptYear = None
    kode_pemda: OptText = None


class Dataset(BaseModel):
    """A validated set of planning tables: what `loaders.load` returns and `build_graph` takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pemda: tuple[Pemda, ...] = ()
    dokumen: tuple[Dokumen, ...] = ()
    perangkat_daerah: tuple[PerangkatDaerah, ...] = ()
    sasaran: tuple[Sasaran, ...] = ()
    indikator: tuple[Indikator, ...] = ()
    program_kegiatan: tuple[ProgramKegiatan, ...] = ()
    sub_kegiatan: tuple[SubKegiatan, ...] = ()
    tautan: tuple[Tautan, ...] = ()
    # (tautan rows, their resolved ends) as `loaders.validate` found them; not part of equality
    _tautan_ends: tuple | None = PrivateAttr(default=None)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in TABLES}

    def __eq__(self, other: object) -> bool:
        """Equal tables are equal datasets (what validation derived from them is not compared)."""
        if not isinstance(other, Dataset):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in TABLES)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in TABLES))

    def with_resolved_tautan(self, ends: tuple) -> Dataset:
        """This dataset, carrying the (dari, ke) ends validation resolved for each tautan row."""
        if len(ends) != len(self.tautan):
            raise ValueError(f"{len(ends)} resolved ends for {len(self.tautan)} tautan rows")
        self._tautan_ends = (self.tautan, ends)
        return self

    def resolved_tautan(self) -> tuple | None:
        """The ends `with_resolved_tautan` set, while the tautan rows are still those; else None."""
        if self._tautan_ends is None or self._tautan_ends[0] is not self.tautan:
            return None
        return self._tautan_ends[1]


TABLES: dict[str, type[Row]] = {
    "pemda": Pemda,
    "dokumen": Dokumen,
    "perangkat_daerah": PerangkatDaerah,
    "sasaran": Sasaran,
    "indikator": Indikator,
    "program_kegiatan": ProgramKegiatan,
    "sub_kegiatan": SubKegiatan,
    "tautan": Tautan,
}
"""Sheet (or CSV file, or JSON key) name -> row model, in the order a workbook lists them."""
