"""Short labels and captions as the views show them; words come from the catalogue (`base.i18n`),
numbers from the one formatter (`base.fmt`).

>>> shown_caption(800, 12_500, "id"), shown_caption(1000, 25_000, "en")
('menampilkan 800 dari 12.500 simpul', 'showing 1,000 of 25,000 nodes')
"""
from __future__ import annotations

from pathlib import Path
from textwrap import wrap as _wrap

from base import fmt
from base.i18n import LANGS, column_label, t

__all__ = ["one_line", "shorten", "wrap", "shown_caption", "key_column", "short_path"]


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


def wrap(text: str, width: int, lines: int | None = None) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words; with `lines`, at most
    that many, the last one shortened with an ellipsis when the text goes on.

    >>> wrap("Pembangunan Sarana, Prasarana dan Utilitas Sekolah", 24)
    ['Pembangunan Sarana,', 'Prasarana dan Utilitas', 'Sekolah']
    >>> wrap("Pembangunan Sarana, Prasarana dan Utilitas Sekolah", 24, lines=2)
    ['Pembangunan Sarana,', 'Prasarana dan Utilitas…']
    """
    out = _wrap(" ".join(str(text or "").split()), width, break_on_hyphens=False)
    if lines is not None and len(out) > lines:
        out = out[: lines - 1] + [shorten(" ".join(out[lines - 1:]), width)]
    return out


def shown_caption(shown: int, total: int, lang: str = "id") -> str:
    """``menampilkan N dari M simpul`` / ``showing N of M nodes``, numbers grouped the local way."""
    return t("view.shown", lang, n=fmt.number(shown, lang), m=fmt.number(total, lang))


def key_column(column: str) -> bool:
    """Whether a table column must stay in sight (pinned in the app, kept on a narrow slide): the
    explanation (``message``, or its heading in either language) and money (`base.fmt.is_money`).

    >>> key_column("message"), key_column("Keterangan"), key_column("Budget (pagu, IDR)"), key_column("name")
    (True, True, True, False)
    """
    return column in {"message", *(column_label("message", lang) for lang in LANGS)} or fmt.is_money(column)


def short_path(path: str | Path, home: str | Path | None = None) -> str:
    """A file's path as a person reads it: the home folder as ``~``.

    >>> short_path("/root/.kaskade/sample.decisions.sqlite", home="/root")
    '~/.kaskade/sample.decisions.sqlite'
    >>> short_path("/data/rencana.decisions.sqlite", home="/root")
    '/data/rencana.decisions.sqlite'
    """
    path, home = Path(path), Path(home) if home is not None else Path.home()
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)
