"""Read a web page's table saved as Excel (``.xls`` that is HTML) into one `RawTable`.

Report generators write their "Download Excel" as the printed HTML table under an ``.xls`` name
(agusnurwanto/wp-sipd ``tableHtmlToExcel``: the report's ``<div id="cetak">`` as
``application/vnd.ms-excel``, every cell ``mso-number-format:\\@``, i.e. text). Excel opens such a file
as one sheet; so does this reader: the rows of every table in the page, in order, a cell spanning
columns or rows (``colspan`` / ``rowspan``) filled in its first cell only, as a merged cell reads;
``<br>`` is a line break in the cell. Text outside tables (the report's title) is a row of one cell
per line, so rows are numbered as the sheet shows them. The
values stay text, as the page writes them (``03``, ``1.250.000``): the readers read codes and
numbers written so.

>>> t = read_html_bytes(b'<h4>DATA RENJA</h4><table><tr><td colspan="2">Kode</td><td>Pagu</td></tr>'
...     b'<tr><td>1</td><td>03</td><td>1.250.000</td></tr></table>', "renja.xls")
>>> t.sheet, t.headers, t.rows
('renja', ['Kode', '', 'Pagu'], [['1', '03', '1.250.000']])
>>> _rows('<h4>RENJA<br>2026</h4><table><tr><td rowspan="3">A</td><td>b</td></tr><tr><td>c</td></tr>'
...       '<tr><td>d</td></tr><tr><td>e</td></tr></table><p>Mengetahui,</p>')
[['RENJA'], ['2026'], ['A', 'b'], [None, 'c'], [None, 'd'], ['e'], ['Mengetahui,']]
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from loaders.controls import strip_controls
from loaders.read_csv import decode_text
from loaders.readers import RawTable, table_from_rows

__all__ = ["read_html", "read_html_bytes", "looks_html"]

_HTML = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html|<table|<div|<head|<meta|<body|<style|<h\d|<p\b)",
                   re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_BLOCKS = frozenset({"br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "caption", "body"})
_MAX_SPAN = 1000  # a span larger than any real table: read as this many


def looks_html(head: bytes) -> bool:
    """Does a file start like a web page (what an ``.xls`` written by a report generator holds)?

    >>> looks_html(b'\\xef\\xbb\\xbf<div id="cetak"><table>'), looks_html(b"kode;nama")
    (True, False)
    """
    return bool(_HTML.match(head.removeprefix(b"\xef\xbb\xbf")))


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), _MAX_SPAN))
    except ValueError:
        return 1


class _Grid(HTMLParser):
    """The rows of the page's tables, spans laid out as a spreadsheet lays out merged cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Any]] = []
        self.pending: dict[int, int] = {}  # column -> the last row a rowspan covers
        self.row: list[Any] | None = None
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.skip = 0  # inside <style> / <script>
        self.tables = 0  # how deep inside tables
        self.text: list[str] = []  # a line of text outside tables (a title): a row, as Excel shows it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        elif tag == "tr":
            self._end_row()
            self.row = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row = []
            named = dict(attrs)
            self.cell, self.spans = [], (_span(named.get("colspan")), _span(named.get("rowspan")))
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag == "table":
            self._end_row()
            self._end_text()
            self.tables += 1
            self.pending = {}
        elif not self.tables and tag in _BLOCKS:
            self._end_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
            if tag == "table":
                self.tables = max(0, self.tables - 1)
        elif not self.tables and tag in _BLOCKS:
            self._end_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)

    def _end_text(self) -> None:
        line = _SPACES.sub(" ", "".join(self.text).replace("\xa0", " ")).strip()
        if line:
            self.rows.append([line])
        self.text = []

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        lines = [_SPACES.sub(" ", part).strip() for part in "".join(self.cell).replace("\xa0", " ").split("\n")]
        text = "\n".join(line for line in lines if line) or None
        self._skip_covered()
        columns, rows = self.spans
        start = len(self.row)
        self.row.extend([text] + [None] * (columns - 1))
        if rows > 1:
            for pos in range(start, start + columns):
                self.pending[pos] = len(self.rows) + rows - 1
        self.cell = None

    def _skip_covered(self) -> None:
        """Leave blank the cells a rowspan from above covers, as a merged cell reads."""
        assert self.row is not None
        while self.pending.get(len(self.row), -1) >= len(self.rows):
            self.row.append(None)

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None:
            return
        self._skip_covered()
        width = max([len(self.row), *(pos + 1 for pos, last in self.pending.items() if last >= len(self.rows))])
        while len(self.row) < width:
            self.row.append(None)
        self.rows.append(self.row)
        self.pending = {pos: last for pos, last in self.pending.items() if last >= len(self.rows)}
        self.row = None


def _rows(text: str) -> list[list[Any]]:
    grid = _Grid()
    grid.feed(text)
    grid.close()
    grid._end_row()
    grid._end_text()
    return grid.rows


def read_html_bytes(data: bytes, source: str) -> RawTable:
    """The page's tables as one sheet named after the file."""
    sheet = Path(source).stem
    text, issues = decode_text(data, source, sheet)
    table = table_from_rows(source, sheet, _rows(text))
    table.issues.extend(issues)
    table.issues.extend(strip_controls(table))
    return table


def read_html(path: Path, source: str | None = None) -> RawTable:
    path = Path(path)
    return read_html_bytes(path.read_bytes(), source or path.name)
