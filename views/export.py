"""Exports for download buttons: tables as CSV and XLSX bytes, views as standalone HTML and PNG.

A PNG is the standalone HTML rendered by headless Debian Chromium (``/usr/bin/chromium``);
without it `html_png` raises `ExportError` with a message the app can show as is.

>>> rows = [{"kode": "1.03.10.2.01.0053", "nama": "=HYPERLINK(\\"x\\")", "pagu": 5e8}]
>>> table_csv(rows).decode("utf-8-sig").splitlines()
['kode,nama,pagu', '1.03.10.2.01.0053,"\\'=HYPERLINK(""x"")",500000000.0']
>>> from openpyxl import load_workbook
>>> ws = load_workbook(io.BytesIO(table_xlsx(rows, sheet="sub kegiatan")))["sub kegiatan"]
>>> ws["B2"].value, ws["B2"].data_type, ws["C2"].number_format
('=HYPERLINK("x")', 's', '#,##0')
"""
from __future__ import annotations

import csv
import html as _html
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import plotly.graph_objects as go
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from views.map_view import PLOTLY_CONFIG, MapView
from base import fmt
from base.errors import CatalogueError
from base.spreadsheet import neutralise

__all__ = [
    "ExportError",
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "chromium_path",
    "table_csv",
    "table_xlsx",
    "tables_xlsx",
    "figure_html",
    "html_png",
    "figure_png",
    "map_png",
]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
"""Flags for a quiet, offline headless Chromium (no update checks, no sync, no QUIC)."""



class ExportError(CatalogueError):
    """An export cannot be made (no Chromium, Chromium failed); ``text("en")`` is the English text."""


def _cell(value: object) -> object:
    """A value a spreadsheet cell can hold: lists joined with '; ', mappings as JSON."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "value") and not isinstance(value, (str, int, float)):  # an enum
        return value.value
    return value


def _columns(rows: list[dict], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(dict.fromkeys(k for r in rows for k in r))


def table_csv(rows: Sequence[Mapping], columns: Sequence[str] | None = None, *, headers: Mapping[str, str] | None = None) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads it as UTF-8) of rows (dicts, e.g. a result's `to_rows()`).

    A text cell that starts like a formula (``=``, ``+``, ``-``, ``@``) gets a leading ``'`` so a
    spreadsheet shows it instead of running it. `headers` renames columns.
    """
    data = list(rows)
    cols = _columns(data, columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([(headers or {}).get(c, c) for c in cols])
    for r in data:
        line = []
        for c in cols:
            v = neutralise(_cell(r.get(c)))
            line.append("" if v is None else v)
        writer.writerow(line)
    return out.getvalue().encode("utf-8-sig")


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_MONEY = re.compile(r"pagu|anggaran|budget|nilai|rp", re.IGNORECASE)
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET.sub("_", str(name)).strip("'") or "data"
    title, n = base[:31], 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def tables_xlsx(tables: Mapping[str, Sequence[Mapping]], *, headers: Mapping[str, str] | None = None) -> bytes:
    """An XLSX workbook with one sheet per table: bold white header on dark blue, frozen header
    row, filters, column widths fitted to the content, money columns as ``#,##0``.

    Text is always stored as text, so a name starting with ``=`` never becomes a formula.
    """
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for name, rows in tables.items():
        data = list(rows)
        ws = wb.create_sheet(_sheet_title(name, taken))
        cols = _columns(data, None)
        widths = []
        for k, c in enumerate(cols, start=1):
            cell = ws.cell(row=1, column=k, value=(headers or {}).get(c, c))
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            widths.append(len(str(cell.value)))
        money = [bool(_MONEY.search(c)) for c in cols]
        for i, r in enumerate(data, start=2):
            for k, c in enumerate(cols, start=1):
                v = _cell(r.get(c))
                cell = ws.cell(row=i, column=k, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
                elif isinstance(v, (int, float)) and money[k - 1]:
                    cell.number_format = "#,##0"
                shown = fmt.number(v) if isinstance(v, float) and money[k - 1] else str(v if v is not None else "")
                widths[k - 1] = max(widths[k - 1], min(len(shown), 80))
        for k, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(k)].width = min(max(w + 2, 8), 60)
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(len(data) + 1, 1)}"
    if not wb.sheetnames:
        wb.create_sheet("data")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_xlsx(rows: Sequence[Mapping], *, sheet: str = "data", headers: Mapping[str, str] | None = None) -> bytes:
    """One table as an XLSX workbook (see `tables_xlsx`)."""
    return tables_xlsx({sheet: rows}, headers=headers)


def figure_html(fig: go.Figure, *, title: str | None = None, static: bool = False) -> str:
    """A standalone page of a plotly figure: plotly.js inlined, offline map config, no CDN.

    `static` draws it without tool bar or interaction, as a picture for PNG export.
    """
    config = {**PLOTLY_CONFIG, "staticPlot": True, "displayModeBar": False} if static else PLOTLY_CONFIG
    body = fig.to_html(include_plotlyjs=True, full_html=False, config=config, default_width="100%")
    head_title = _html.escape(title or "Kaskade")
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{head_title}</title></head>'
            f'<body style="margin:0;background:#fff">{body}</body></html>')


def chromium_path(path: str | None = None) -> str | None:
    """The Chromium executable to render with: `path` when given, else Debian's; None if missing."""
    candidates = (path,) if path else (CHROMIUM, shutil.which("chromium"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def html_png(
    html: str,
    *,
    width: int = 1600,
    height: int = 1000,
    chromium: str | None = None,
    timeout: float = 90,
) -> bytes:
    """A PNG screenshot of a standalone page, rendered by headless Chromium.

    Raises `ExportError` (a `KaskadeError`; Indonesian text, English by ``text("en")``) when
    Chromium is missing or fails.
    """
    exe = chromium_path(chromium)
    if exe is None:
        where = chromium or CHROMIUM
        raise ExportError("view.chromium_missing", path=where)
    # Headless Chromium lays the page out in a viewport shorter than the window and resizes it
    # just before the capture, too late for a canvas to repaint: a page of fixed height keeps
    # the canvas the size it was drawn at.
    fixed = f"<style>html, body {{ height: {int(height)}px !important; }}</style>"
    html = html.replace("</head>", fixed + "</head>", 1) if "</head>" in html else fixed + html
    with tempfile.TemporaryDirectory(prefix="kaskade-png-") as tmp:
        page, png = Path(tmp) / "view.html", Path(tmp) / "view.png"
        page.write_text(html, encoding="utf-8")
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", f"--screenshot={png}",
               f"--window-size={int(width)},{int(height)}", "--virtual-time-budget=4000", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            reason = f"timeout {timeout:.0f} s"
            raise ExportError("view.chromium_failed", reason=reason) from None
        if not png.exists() or png.stat().st_size == 0:
            reason = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise ExportError("view.chromium_failed", reason=reason)
        return png.read_bytes()


def figure_png(fig: go.Figure, *, width: int = 1600, height: int | None = None, chromium: str | None = None) -> bytes:
    """A plotly figure as PNG, through its standalone page (no kaleido needed)."""
    h = height or int(fig.layout.height or 600) + 20
    return html_png(figure_html(fig, static=True), width=width, height=h, chromium=chromium)


def map_png(view: MapView, *, width: int = 1600, chromium: str | None = None) -> bytes:
    """A drawn map (`views.map_view.choropleth`) as PNG, through its standalone page."""
    return html_png(view.page(), width=width, height=view.height + 40, chromium=chromium)
