"""Nomenclature codes ``U.BB.PP.L.KK.SSSS`` (Permendagri 90/2019 and its yearly decrees): pure parsing.

A code names a bidang (``1.02``), a program (``1.02.02``), a kegiatan (``1.02.02.2.02``) or a
sub kegiatan (``1.02.02.2.02.0020``). Urusan runs 1 to 9 (9: special autonomy) and the level
digit 1 to 8 (1 provinsi, 2 kabupaten/kota, 3 to 8 special arrangements: Papua, Papua Barat, DIY,
Jakarta, Aceh, Bali). Real files hold dirty codes; `repair_code` repairs what is unambiguous and
says which `REPAIRS` it made, `normalize_code` returns only the code; what cannot be repaired is
explained in a `CodeError`. The official tables that name the codes are read by
`loaders.nomenclature`.

>>> repair_code("1.01.01.02.01.1")
('1.01.01.2.01.0001', ('level_padded', 'sub_kegiatan_short'))

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

from base.errors import CatalogueError
from base.i18n import Phrase

__all__ = [
    "CodeError",
    "NomenclatureCode",
    "REPAIRS",
    "PLACEHOLDER",
    "repair_code",
    "normalize_code",
    "parse_code",
    "level_digit",
    "prefixes",
    "is_urusan",
]

_CANONICAL = re.compile(r"[1-9]\.[0-9]{2}(?:\.[0-9]{2}(?:\.[1-8]\.[0-9]{2}(?:\.[0-9]{4})?)?)?")
_DIGITS = re.compile(r"[0-9]+")
_BIDANG = re.compile(r"[1-9]\.[0-9]{2}")
_URUSAN = re.compile(r"[1-9]")
PLACEHOLDER = "X.XX"
"""How the support programme's codes are published: ``X.XX.01.2.01.0001``."""
_PLACEHOLDER = PLACEHOLDER

REPAIRS = ("placeholder_case", "bidang_short", "level_padded", "sub_kegiatan_short", "account_code")
"""What `repair_code` may repair, in the order it looks: a lower-case ``x.xx`` placeholder, a
one-digit bidang (``1.3`` for ``1.03``), a padded level digit (``02`` for ``2``), a sub kegiatan
number of fewer than four digits (``53`` for ``0053``), an account code glued after the sub
kegiatan (``…0053.5.2.04.01.001.0003``)."""


class CodeError(CatalogueError, ValueError):
    """A nomenclature code that cannot be read, and why: the catalogue's ``issue.code.<reason>``
    filled with `params`, a clause to follow "Kode '…' tidak sah: " (the `code` is kept apart).
    ``str(err)`` is the Indonesian clause; `phrase` is what an issue's ``reason`` parameter holds.

    >>> CodeError("segment_3", "1.02.2", segment="2").text("en")
    "segment 3 is the program and must be two digits (e.g. 1.02.02), not '2'"
    """

    def __init__(self, reason: str, code: str | None = None, /, **params: object):
        super().__init__(f"issue.code.{reason}", **params)
        self.reason, self.code = reason, code

    @property
    def phrase(self) -> Phrase:
        return Phrase(self.key, **self.params)

    @property
    def reason_id(self) -> str:
        return self.text("id")

    @property
    def reason_en(self) -> str:
        return self.text("en")

    def __reduce__(self):
        import functools

        return (functools.partial(CodeError, self.reason, self.code, **self.params), ())


def _segment_ok(index: int, segment: str) -> bool:
    if index == 0:
        return len(segment) == 1 and "1" <= segment <= "9"
    if index == 3:
        return len(segment) == 1 and "1" <= segment <= "8"
    if index == 5:
        return len(segment) <= 4
    return len(segment) == 2


def _bidang_parts(raw: str, bidang: str | None) -> list[str]:
    if bidang is None:
        raise CodeError("placeholder_needs_bidang", raw)
    if bidang == _PLACEHOLDER:
        return ["X", "XX"]
    if not _BIDANG.fullmatch(bidang.strip()):
        raise CodeError("agency_bidang", raw, bidang=bidang)
    return bidang.strip().split(".")


def _one_digit_bidang(raw: str, urusan: str, digit: str, known: frozenset[str] | None) -> str:
    """``1.3`` is ``1.03`` when only one of ``1.03`` and ``1.30`` is a bidang urusan in `known`."""
    candidates = [b for b in ("0" + digit, digit + "0") if known is not None and f"{urusan}.{b}" in known]
    if len(candidates) == 1:
        return candidates[0]
    if known is None or candidates:
        raise CodeError("bidang_ambiguous", raw, urusan=urusan, digit=digit)
    raise CodeError("bidang_unknown", raw, urusan=urusan, digit=digit)


@functools.lru_cache(maxsize=1 << 16)
def _repair(raw: str, bidang: str | None, known: frozenset[str] | None) -> tuple[str, tuple[str, ...]]:
    text = "".join(raw.split()).lstrip("'")
    if _CANONICAL.fullmatch(text):
        return text, ()
    if not text:
        raise CodeError("empty", raw)
    repairs: list[str] = []
    parts = text.split(".")
    if parts[0].upper() == "X" and len(parts) > 1 and parts[1].upper() == "XX":
        if parts[0] != "X" or parts[1] != "XX":
            repairs.append("placeholder_case")
        parts[:2] = _bidang_parts(raw, bidang)
    elif len(parts) > 1 and len(parts[1]) == 1 and parts[1].isdigit() and _URUSAN.fullmatch(parts[0]):
        parts[1] = _one_digit_bidang(raw, parts[0], parts[1], known)
        repairs.append("bidang_short")
    if len(parts) > 4 and len(parts[3]) == 2 and parts[3][0] == "0" and "1" <= parts[3][1] <= "8":
        parts[3] = parts[3][1]
        repairs.append("level_padded")
    for index, segment in enumerate(parts[:6]):
        if index < 2 and parts[0] == "X":
            continue
        if not segment:
            raise CodeError("segment_empty", raw, index=index + 1)
        if not _DIGITS.fullmatch(segment):
            raise CodeError("segment_not_digits", raw, index=index + 1, segment=segment)
        if not _segment_ok(index, segment):
            raise CodeError(f"segment_{index + 1}", raw, segment=segment)
    if len(parts) == 1:
        raise CodeError("too_short", raw)
    if len(parts) == 4:
        raise CodeError("no_kegiatan", raw)
    if len(parts) >= 6:
        if len(parts[5]) < 4:
            repairs.append("sub_kegiatan_short")
        # An account code glued after a sub kegiatan (…0053.5.2.04.01.001.0003) is not part of it.
        if any(parts[6:]):
            repairs.append("account_code")
        parts = parts[:5] + [parts[5].zfill(4)]
    return ".".join(parts), tuple(repairs)


def _normalize(raw: str, bidang: str | None) -> str:
    return _repair(raw, bidang, None)[0]


def repair_code(raw: object, *, bidang: str | None = None,
                known_bidang: frozenset[str] | None = None) -> tuple[str, tuple[str, ...]]:
    """The canonical form of a code and the `REPAIRS` made to reach it (empty when none).

    `bidang` fills the support placeholder ``X.XX`` (give ``"X.XX"`` to keep it); a one-digit
    bidang (``1.3``) is repaired only with `known_bidang`, the bidang urusan codes that exist,
    and only when exactly one of ``1.03`` and ``1.30`` is among them. Spaces, a leading
    apostrophe and a trailing dot are dropped without counting as repairs. Raises `CodeError`
    for what is ambiguous or malformed.

    >>> repair_code("x.xx.01.2.01.0001", bidang="X.XX")
    ('X.XX.01.2.01.0001', ('placeholder_case',))
    >>> repair_code("1.3.10.2.01.0053", known_bidang=frozenset({"1.03", "2.10"}))
    ('1.03.10.2.01.0053', ('bidang_short',))
    >>> repair_code("2.1.02", known_bidang=frozenset({"1.03", "2.10"}))
    ('2.10.02', ('bidang_short',))
    >>> repair_code("1.01.01.12.01.0001")
    Traceback (most recent call last):
    ...
    base.codes.CodeError: segmen ke-4 adalah tingkat pemerintahan ... bukan '12'
    """
    if not isinstance(raw, str):
        raw = str(raw)
    return _repair(raw, bidang, known_bidang)


def normalize_code(raw: object, *, bidang: str | None = None, known_bidang: frozenset[str] | None = None) -> str:
    """The canonical form of a bidang, program, kegiatan or sub kegiatan code (`repair_code`
    without the list of repairs).

    Strips spaces, pads the sub kegiatan number to four digits and the level digit to one, cuts
    an account code glued after a sub kegiatan and fills the support placeholder ``X.XX`` with
    the owning agency's `bidang`. Raises `CodeError` explaining what is wrong otherwise.

    >>> normalize_code(" 1.02.02.2.02.20 ")
    '1.02.02.2.02.0020'
    >>> normalize_code("1.03.10.2.01.0053.5.2.04.01.001.0003")
    '1.03.10.2.01.0053'
    >>> normalize_code("1.01.01.02.01.0001"), normalize_code("9.01.02.1.01.0001")
    ('1.01.01.2.01.0001', '9.01.02.1.01.0001')
    """
    return repair_code(raw, bidang=bidang, known_bidang=known_bidang)[0]


def is_urusan(code: str) -> bool:
    """Whether `code` is a bare urusan digit (``1`` to ``9``), the level above a bidang.

    >>> is_urusan("9"), is_urusan("1.02")
    (True, False)
    """
    return bool(_URUSAN.fullmatch(str(code).strip()))


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
    """The level digit of a kegiatan or sub kegiatan ('1' provinsi, '2' kabupaten/kota, '3' to '8'
    special arrangements), else None.

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
