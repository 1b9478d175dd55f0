"""`Filters`: the one set of filters every analysis accepts (year, governments, province, bidang,
link status), frozen and checked once.

- ``year``, ``pemda``, ``province`` and ``bidang`` select *work* (program, kegiatan, sub kegiatan)
  by its ``tahun``, government, province and bidang urusan. ``pemda`` and ``province`` also select
  the regional targets an analysis reports (orphan targets, coverage rows); national priorities are
  never filtered away.
- ``status`` lists the link statuses that count as support on a mendukung (contributes-to) edge;
  by default only agreed links (``disepakati``) count.

>>> f = Filters(year=2025, pemda="64.02", bidang=["1.03"], status=["agreed", "usulan"])
>>> f.pemda, f.bidang, [s.value for s in f.status]
(('64.02',), ('1.03',), ['disepakati', 'usulan'])
>>> Filters(bidang="1.3")
Traceback (most recent call last):
...
queries.errors.QueryError: bidang '1.3' bukan kode bidang urusan (contoh 1.03)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from graph.schema import LinkStatus
from reference import regions
from queries.errors import QueryError

__all__ = ["Filters", "ALL", "parse_status"]

_PEMDA = re.compile(r"00|[0-9]{2}(?:\.[0-9]{2})?")
_PROVINCE = re.compile(r"[0-9]{2}")
_BIDANG = re.compile(r"[1-8]\.[0-9]{2}")
_STATUS_WORDS = {
    "proposed": LinkStatus.PROPOSED,
    "diusulkan": LinkStatus.PROPOSED,
    "agreed": LinkStatus.AGREED,
    "sepakat": LinkStatus.AGREED,
    "rejected": LinkStatus.REJECTED,
    "tolak": LinkStatus.REJECTED,
}


def parse_status(value: str | LinkStatus) -> LinkStatus:
    """A link status from its Indonesian value or English name.

    >>> parse_status("Proposed"), parse_status("ditolak")
    (<LinkStatus.PROPOSED: 'usulan'>, <LinkStatus.REJECTED: 'ditolak'>)
    """
    if isinstance(value, LinkStatus):
        return value
    key = str(value).strip().lower()
    try:
        return _STATUS_WORDS.get(key) or LinkStatus(key)
    except ValueError:
        choices = ", ".join(s.value for s in LinkStatus)
        raise QueryError("query.status", value=value, choices=choices) from None


def _texts(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


@dataclass(frozen=True)
class Filters:
    """What an analysis looks at. Empty fields select everything."""

    year: int | None = None
    pemda: tuple[str, ...] = ()
    province: str | None = None
    bidang: tuple[str, ...] = ()
    status: tuple[LinkStatus, ...] = field(default=(LinkStatus.AGREED,))

    def __post_init__(self) -> None:
        pemda = _texts(self.pemda)
        for code in pemda:
            if not _PEMDA.fullmatch(code):
                raise QueryError("query.pemda", code=code)
        province = str(self.province).strip() if self.province not in (None, "") else None
        if province is not None and not _PROVINCE.fullmatch(province):
            raise QueryError("query.province", province=province)
        bidang = _texts(self.bidang)
        for code in bidang:
            if not _BIDANG.fullmatch(code):
                raise QueryError("query.bidang", code=code)
        status = self.status
        status = (status,) if isinstance(status, (str, LinkStatus)) else tuple(status)
        if not status:
            raise QueryError("query.no_status")
        year = self.year
        if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
            raise QueryError("query.year", year=year)
        object.__setattr__(self, "pemda", pemda)
        object.__setattr__(self, "province", province)
        object.__setattr__(self, "bidang", bidang)
        object.__setattr__(self, "status", tuple(dict.fromkeys(parse_status(s) for s in status)))

    def with_status(self, *extra: LinkStatus) -> Filters:
        """The same filters, with `extra` statuses also counting as support.

        >>> [s.value for s in Filters().with_status(LinkStatus.PROPOSED).status]
        ['disepakati', 'usulan']
        """
        return replace(self, status=self.status + tuple(s for s in extra if s not in self.status))

    def selects_government(self, kode_pemda: str | None) -> bool:
        """Whether a government (and what it owns) is in scope; national is in scope unless excluded.

        >>> Filters(province="64").selects_government("64.02"), Filters(pemda="64").selects_government("64.02")
        (True, False)
        """
        if kode_pemda is None:
            return not self.pemda and self.province is None
        if self.pemda and kode_pemda not in self.pemda:
            return False
        if self.province is not None and regions.province_code(kode_pemda) not in (None, self.province):
            return False
        return True


ALL = Filters()
"""No filter: every year, government and bidang; agreed links count as support."""
