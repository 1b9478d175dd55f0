"""Words and numbers as the views show them: rupiah the Indonesian way, short labels, captions.

>>> rupiah(1_200_000_000), rupiah(1_250_000_000), rupiah(350_000_000), rupiah(2.5e12)
('Rp 1,2 M', 'Rp 1,3 M', 'Rp 350 jt', 'Rp 2,5 T')
>>> shown_caption(800, 12_500, "id")
'menampilkan 800 dari 12.500 simpul'
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["rupiah", "grouped", "one_line", "shorten", "shown_caption", "say", "TIER_NAMES"]

# Planners read budgets in juta (jt), miliar (M) and triliun (T).
_SCALES = ((1e12, "T"), (1e9, "M"), (1e6, "jt"), (1e3, "rb"))


def grouped(value: float, decimals: int = 0) -> str:
    """A number with dot thousands and a decimal comma.

    >>> grouped(12500), grouped(1234.56, 1), grouped(-7)
    ('12.500', '1.234,6', '-7')
    """
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def rupiah(value: float | None) -> str:
    """A budget in short Indonesian form: ``Rp 1,2 M``, ``Rp 350 jt``; one decimal, dropped when zero.

    >>> rupiah(0), rupiah(950), rupiah(12_000), rupiah(1_000_000_000), rupiah(None)
    ('Rp 0', 'Rp 950', 'Rp 12 rb', 'Rp 1 M', '-')
    >>> rupiah(1_234_567e9), rupiah(999_960_000)
    ('Rp 1.234,6 T', 'Rp 1 M')
    """
    if value is None:
        return "-"
    sign, value = ("-" if value < 0 else ""), abs(float(value))
    for k, (scale, unit) in enumerate(_SCALES):
        if value >= scale:
            short = _half_up(value / scale)
            if short >= 1000 and k:  # 999,96 jt rounds to 1.000 jt: say 1 M
                (scale, unit), short = _SCALES[k - 1], _half_up(value / _SCALES[k - 1][0])
            return f"{sign}Rp {grouped(short, 1).removesuffix(',0')} {unit}"
    return f"{sign}Rp {grouped(value)}"


def _half_up(value: float) -> float:
    """One decimal, halves rounded up as people do (1,25 -> 1,3), not to even."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def one_line(value: object) -> object:
    """A name as a table or view shows it: line breaks and runs of spaces become one space. Only the
    display changes; the data keeps the text as the file wrote it. Anything but text is returned as is.

    >>> one_line("Pengelolaan SDA dan Bangunan\\nPengaman  Pantai "), one_line(12.5)
    ('Pengelolaan SDA dan Bangunan Pengaman Pantai', 12.5)
    """
    return " ".join(value.split()) if isinstance(value, str) else value


def shorten(text: str, limit: int = 40) -> str:
    """Cut `text` at a word boundary to at most `limit` characters, marking the cut with an ellipsis.

    >>> shorten("Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP", 30)
    'Penyediaan Fasilitas…'
    """
    text = one_line(str(text))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


_MESSAGES: dict[str, dict[str, str]] = {
    "shown": {"id": "menampilkan {n} dari {m} simpul", "en": "showing {n} of {m} nodes"},
    "merged": {"id": "{tiers} digabung", "en": "{tiers} merged"},
    "by_parent": {"id": "per induk", "en": "per parent"},
    "by_agency": {"id": "per perangkat daerah", "en": "per agency"},
    "by_bidang": {"id": "per bidang urusan", "en": "per bidang urusan"},
    "matches": {"id": "{k} cocok dengan pencarian", "en": "{k} match the search"},
    "group_label": {"id": "{n} {tier}", "en": "{n} {tier}"},
    "broken": {"id": "rantai putus di sini", "en": "chain breaks here"},
    "members": {"id": "anggota", "en": "members"},
    "status": {"id": "status", "en": "status"},
    "chromium_missing": {
        "id": "Chromium tidak terpasang ({path}); ekspor PNG tidak tersedia. Jalankan `make browser-deps` "
        "sebagai root, atau unduh HTML.",
        "en": "Chromium is not installed ({path}); PNG export is unavailable. Run `make browser-deps` "
        "as root, or download the HTML.",
    },
    "chromium_failed": {
        "id": "Chromium gagal membuat PNG: {reason}",
        "en": "Chromium could not render the PNG: {reason}",
    },
    "source": {"id": "Sumber: {source}", "en": "Source: {source}"},
}

TIER_NAMES: dict[str, dict[str, str]] = {
    "pn": {"id": "Prioritas Nasional", "en": "National Priority"},
    "pp_kp": {"id": "PP / KP", "en": "PP / KP"},
    "sasaran_provinsi": {"id": "sasaran provinsi", "en": "province target"},
    "sasaran_kabkota": {"id": "sasaran kab/kota", "en": "district target"},
    "indikator": {"id": "indikator", "en": "indicator"},
    "program": {"id": "program", "en": "programme"},
    "kegiatan": {"id": "kegiatan", "en": "kegiatan"},
    "sub_kegiatan": {"id": "sub kegiatan", "en": "sub kegiatan"},
}


def say(key: str, lang: str = "id", **values: object) -> str:
    """A view message in Bahasa Indonesia (``id``, the default) or English (``en``).

    >>> say("shown", "en", n=3, m=4)
    'showing 3 of 4 nodes'
    """
    table = _MESSAGES[key]
    return table.get(lang, table["id"]).format(**values)


def shown_caption(shown: int, total: int, lang: str = "id") -> str:
    """``menampilkan N dari M simpul`` / ``showing N of M nodes``, numbers grouped the local way."""
    fmt = grouped if lang == "id" else (lambda v: f"{v:,}")
    return say("shown", lang, n=fmt(shown), m=fmt(total))
