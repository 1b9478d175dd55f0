"""Nomenclature codes ``U.BB.PP.L.KK.SSSS`` (Permendagri 90/2019 and its yearly decrees): pure parsing.

A code names a bidang (``1.02``), a program (``1.02.02``), a kegiatan (``1.02.02.2.02``) or a
sub kegiatan (``1.02.02.2.02.0020``). Real files hold dirty codes; `normalize_code` repairs
what can be repaired and explains the rest in a `CodeError`. The official tables that name the
codes are read by `loaders.nomenclature`.

>>> normalize_code("1.03.10.2.01.53")
'1.03.10.2.01.0053'
>>> normalize_code("X.XX.01.2.01.0001", bidang="5.01")
'5.01.01.2.01.0001'
>>> c = parse_code("1.02.02.2.02.0020")
>>> c.kegiatan_code, c.level
('1.02.02.2.02', '2')
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["CodeError", "NomenclatureCode", "normalize_code", "parse_code", "level_digit", "prefixes"]

_CANONICAL = re.compile(r"[1-8]\.[0-9]{2}(?:\.[0-9]{2}(?:\.[12]\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_DIGITS = re.compile(r"[0-9]+")
_BIDANG = re.compile(r"[1-8]\.[0-9]{2}")
_URUSAN = re.compile(r"[1-8]")
_PLACEHOLDER = "X.XX"


class CodeError(ValueError):
    """A nomenclature code that cannot be read, with the reason in Indonesian and English.

    The reasons are clauses to follow "Kode '…' tidak sah: " (the `code` is kept apart);
    ``str(err)`` is the Indonesian one.
    """

    def __init__(self, reason_id: str, reason_en: str, code: str | None = None):
        super().__init__(reason_id)
        self.reason_id = reason_id
        self.reason_en = reason_en
        self.code = code

    def __reduce__(self):
        return (CodeError, (self.reason_id, self.reason_en, self.code))


# (Indonesian, English) explanation of each segment, used when a segment is malformed.
_SEGMENT_RULES = (
    ("urusan dan harus satu angka 1 sampai 8", "the urusan and must be one digit, 1 to 8"),
    ("bidang urusan dan harus dua angka (contoh 1.02)", "the bidang urusan and must be two digits (e.g. 1.02)"),
    ("program dan harus dua angka (contoh 1.02.02)", "the program and must be two digits (e.g. 1.02.02)"),
    (
        "tingkat pemerintahan dan harus satu angka, 1 (provinsi) atau 2 (kabupaten/kota)",
        "the level of government and must be one digit, 1 (provinsi) or 2 (kabupaten/kota)",
    ),
    (
        "kegiatan dan harus dua angka (contoh 1.02.02.2.02)",
        "the kegiatan and must be two digits (e.g. 1.02.02.2.02)",
    ),
    (
        "sub kegiatan dan harus satu sampai empat angka (contoh 0020)",
        "the sub kegiatan and must be one to four digits (e.g. 0020)",
    ),
)


def _segment_ok(index: int, segment: str) -> bool:
    if index == 0:
        return len(segment) == 1 and "1" <= segment <= "8"
    if index == 3:
        return segment in ("1", "2")
    if index == 5:
        return len(segment) <= 4
    return len(segment) == 2


def _bidang_parts(raw: str, bidang: str | None) -> list[str]:
    if bidang is None:
        raise CodeError(
            "kode memakai penanda X.XX program penunjang; bidang urusan perangkat daerah pemiliknya "
            "diperlukan untuk mengisinya",
            "the code uses the X.XX placeholder of the support programme; the owning agency's "
            "bidang urusan is needed to fill it in",
            raw,
        )
    if bidang == _PLACEHOLDER:
        return ["X", "XX"]
    if not _BIDANG.fullmatch(bidang.strip()):
        raise CodeError(
            f"bidang urusan perangkat daerah '{bidang}' bukan kode bidang urusan (contoh 5.01)",
            f"the agency's bidang urusan '{bidang}' is not a bidang urusan code (e.g. 5.01)",
            raw,
        )
    return bidang.strip().split(".")


@functools.lru_cache(maxsize=1 << 16)
def _normalize(raw: str, bidang: str | None) -> str:
    text = "".join(raw.split()).lstrip("'")
    if _CANONICAL.fullmatch(text):
        return text
    if not text:
        raise CodeError("kode kosong", "the code is empty", raw)
    parts = text.split(".")
    if parts[0].upper() == "X" and len(parts) > 1 and parts[1].upper() == "XX":
        parts[:2] = _bidang_parts(raw, bidang)
    for index, segment in enumerate(parts[:6]):
        if index < 2 and parts[0] == "X":
            continue
        if not segment:
            raise CodeError(
                f"segmen ke-{index + 1} kosong (dua titik berurutan atau titik di ujung)",
                f"segment {index + 1} is empty (two dots in a row or a dot at the end)",
                raw,
            )
        if not _DIGITS.fullmatch(segment):
            raise CodeError(
                f"segmen ke-{index + 1} ('{segment}') harus berupa angka",
                f"segment {index + 1} ('{segment}') must be digits",
                raw,
            )
        if not _segment_ok(index, segment):
            rule_id, rule_en = _SEGMENT_RULES[index]
            raise CodeError(
                f"segmen ke-{index + 1} adalah {rule_id}, bukan '{segment}'",
                f"segment {index + 1} is {rule_en}, not '{segment}'",
                raw,
            )
    if len(parts) == 1:
        raise CodeError(
            "kode terlalu pendek: paling sedikit berisi urusan dan bidang (contoh 1.02)",
            "the code is too short: it holds at least urusan and bidang (e.g. 1.02)",
            raw,
        )
    if len(parts) == 4:
        raise CodeError(
            "kode tidak lengkap: sesudah digit tingkat pemerintahan harus ada nomor kegiatan "
            "(contoh 1.02.02.2.02)",
            "the code is incomplete: the level digit must be followed by a kegiatan number "
            "(e.g. 1.02.02.2.02)",
            raw,
        )
    if len(parts) >= 6:
        # An account code glued after a sub kegiatan (…0053.5.2.04.01.001.0003) is not part of it.
        parts = parts[:5] + [parts[5].zfill(4)]
    return ".".join(parts)


def normalize_code(raw: str, *, bidang: str | None = None) -> str:
    """The canonical form of a bidang, program, kegiatan or sub kegiatan code.

    Strips spaces, pads the sub kegiatan number to four digits, cuts an account code glued
    after a sub kegiatan and fills the support placeholder ``X.XX`` with the owning agency's
    `bidang`. Raises `CodeError` explaining what is wrong otherwise.

    >>> normalize_code(" 1.02.02.2.02.20 ")
    '1.02.02.2.02.0020'
    >>> normalize_code("1.03.10.2.01.0053.5.2.04.01.001.0003")
    '1.03.10.2.01.0053'
    >>> normalize_code("1.01.01.02.01.0001")
    Traceback (most recent call last):
    ...
    base.codes.CodeError: segmen ke-4 adalah tingkat pemerintahan ... bukan '02'
    """
    if not isinstance(raw, str):
        raw = str(raw)
    return _normalize(raw, bidang)


@dataclass(frozen=True, slots=True)
class NomenclatureCode:
    """A parsed code; deeper parts are None when the code names a higher level.

    >>> c = parse_code("5.01.01.2.01.0001")
    >>> c.depth, c.program_code, c.is_support
    ('sub_kegiatan', '5.01.01', True)
    """

    urusan: str
    bidang: str
    program: str | None = None
    level: str | None = None
    kegiatan: str | None = None
    sub_kegiatan: str | None = None

    @property
    def depth(self) -> str:
        """'bidang', 'program', 'kegiatan' or 'sub_kegiatan'."""
        if self.sub_kegiatan is not None:
            return "sub_kegiatan"
        if self.kegiatan is not None:
            return "kegiatan"
        return "program" if self.program is not None else "bidang"

    @property
    def bidang_code(self) -> str:
        return f"{self.urusan}.{self.bidang}"

    @property
    def program_code(self) -> str | None:
        return None if self.program is None else f"{self.bidang_code}.{self.program}"

    @property
    def kegiatan_code(self) -> str | None:
        return None if self.kegiatan is None else f"{self.program_code}.{self.level}.{self.kegiatan}"

    @property
    def code(self) -> str:
        """The full code, as deep as it goes."""
        if self.sub_kegiatan is not None:
            return f"{self.kegiatan_code}.{self.sub_kegiatan}"
        return self.kegiatan_code or self.program_code or self.bidang_code

    @property
    def is_support(self) -> bool:
        """True for the support programme 01, Program Penunjang Urusan Pemerintahan Daerah."""
        return self.program == "01"

    def __str__(self) -> str:
        return self.code


@functools.lru_cache(maxsize=1 << 16)
def parse_code(code: str) -> NomenclatureCode:
    """Split a code (normalized first) into its segments.

    >>> parse_code("1.01.02").depth
    'program'
    """
    parts = normalize_code(code).split(".")
    return NomenclatureCode(*parts)


def level_digit(code: str) -> str | None:
    """'1' (provinsi) or '2' (kabupaten/kota) for a kegiatan or sub kegiatan, else None.

    >>> level_digit("1.01.02.1.01.0014"), level_digit("1.01.02")
    ('1', None)
    """
    return parse_code(code).level


def prefixes(code: str) -> list[str]:
    """The bidang, program, kegiatan and sub kegiatan codes a code lies under, itself last.

    >>> prefixes("1.02.02.2.02.0020")
    ['1.02', '1.02.02', '1.02.02.2.02', '1.02.02.2.02.0020']
    """
    parsed = parse_code(code)
    found = [parsed.bidang_code, parsed.program_code, parsed.kegiatan_code]
    if parsed.sub_kegiatan is not None:
        found.append(parsed.code)
    return [c for c in found if c is not None]
