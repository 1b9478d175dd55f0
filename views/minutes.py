"""The minutes (berita acara) of one desk: the edge list as a Kaskade ``tautan`` sheet (XLSX) and a
printable DOCX with the agreed, rejected and open items and signature fields.

The XLSX's ``tautan`` sheet starts with the six columns of the `tautan` table (``dari`` the work
code, ``relasi`` ``mendukung``, ``ke`` the indicator or sasaran id, ``status``, ``tahun``,
``kode_pemda``), so its rows load back as links with the statuses the desk decided; the columns
after them (names, target, agency, pagu, note, who, when) are for people and are not loaded (the
loader warns that it skips them). A code names every line with that code in its government and
year, whatever the agency.

>>> from queries._examples import tiny_graph
>>> from queries.desk import desk
>>> rows = minutes_rows(desk(tiny_graph(), "1.03", year=2025), {})
>>> [(r["dari"], r["ke"], r["status"]) for r in rows][:1]
[('1.03.10.1.01.0001', 'KTM-S1', 'disepakati')]
"""
from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from base import fmt
from base.i18n import t
from queries.decisions import Decision
from reference.regions import government_name, region
from queries.desk import Desk, DeskItem

__all__ = ["TAUTAN_COLUMNS", "INFO_COLUMNS", "minutes_rows", "minutes_xlsx", "minutes_docx"]

TAUTAN_COLUMNS = ("dari", "relasi", "ke", "status", "tahun", "kode_pemda")
INFO_COLUMNS = ("indikator", "target", "satuan", "nama_sub_kegiatan", "perangkat_daerah", "pemerintah", "pagu",
                "catatan", "diputuskan_oleh", "waktu")


def _planner_id(nid: str) -> str:
    return nid.split(":", 1)[1]


def minutes_rows(result: Desk, decisions: Mapping[tuple[str, str], Decision]) -> list[dict[str, Any]]:
    """One row per support link of the desk, with the decision in force on it (if any)."""
    rows = []
    for item in result.support():
        d = decisions.get((item.source, item.target))
        rows.append({
            "dari": item.code, "relasi": "mendukung", "ke": _planner_id(item.target), "status": item.status,
            "tahun": item.year, "kode_pemda": item.government,
            "indikator": item.outcome_name, "target": item.target_value, "satuan": item.satuan,
            "nama_sub_kegiatan": item.name, "perangkat_daerah": item.agency_name, "pemerintah": item.government,
            "pagu": item.pagu, "catatan": d.note if d else "", "diputuskan_oleh": d.who if d else "",
            "waktu": d.at if d else "",
        })
    return rows


def minutes_xlsx(result: Desk, decisions: Mapping[tuple[str, str], Decision]) -> bytes:
    """The edge list as a workbook whose ``tautan`` sheet loads back as Kaskade links."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "tautan"
    columns = TAUTAN_COLUMNS + INFO_COLUMNS
    sheet.append(list(columns))
    for row in minutes_rows(result, decisions):
        sheet.append([row[c] for c in columns])
    for cell in sheet[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _item_cells(item: DeskItem, d: Decision | None, lang: str) -> list[str]:
    target = "" if item.target_value is None else f"{fmt.number(item.target_value, lang, 2)} {item.satuan or ''}"
    return [item.outcome_name, target.strip(), f"{item.code} {item.name}", item.agency_name or "",
            government_name(item.government) if item.government else "", fmt.money(item.pagu or 0.0, lang),
            " ".join(x for x in (d.note if d else "", f"({d.who}, {d.at[:16].replace('T', ' ')})" if d else "") if x)]


def _repeat_header(row) -> None:
    """Print the header row again on every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def minutes_docx(result: Desk, decisions: Mapping[tuple[str, str], Decision], *, lang: str = "id",
                 title: str | None = None, place_date: str = "") -> bytes:
    """A printable berita acara: the agreed, rejected and open items, and signature fields for the
    province and every government at the desk."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    doc.styles["Normal"].font.size = Pt(9)

    doc.add_heading(title or t("minutes.title", lang, bidang=result.bidang), level=1)
    province = region(result.province) if result.province else None
    scope = t("minutes.scope", lang, bidang=result.bidang,
              province=province.nama if province else (result.province or t("common.all", lang)),
              year=fmt.year(result.year) if result.year else t("common.all", lang))
    doc.add_paragraph(scope)
    if place_date:
        doc.add_paragraph(place_date)

    support = result.support()
    header = [t(f"minutes.col.{c}", lang) for c in ("indicator", "target", "line", "agency", "government", "pagu",
                                                    "note")]
    groups = (("agreed", [i for i in support if i.status == "disepakati"]),
              ("rejected", [i for i in support if i.status == "ditolak"]),
              ("open", [i for i in support if i.status == "usulan"]))
    for key, items in groups:
        doc.add_heading(t(f"minutes.{key}", lang, n=len(items)), level=2)
        if not items:
            doc.add_paragraph(t("minutes.none", lang))
            continue
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        _repeat_header(table.rows[0])
        for item in items:
            cells = table.add_row().cells
            for cell, text in zip(cells, _item_cells(item, decisions.get((item.source, item.target)), lang)):
                cell.text = text

    gaps = result.gaps()
    doc.add_heading(t("minutes.gaps", lang, n=len(gaps)), level=2)
    for g in gaps:
        doc.add_paragraph(f"{g.outcome_name} ({g.owner_government}): {t(f'desk.reason.{g.reason}', lang)}",
                          style="List Bullet")
    if not gaps:
        doc.add_paragraph(t("minutes.none", lang))

    doc.add_heading(t("minutes.signatures", lang), level=2)
    governments = sorted({i.government for i in result if i.government and i.section in ("target", "support")})
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells, ("government", "name", "signature")):
        cell.text = t(f"minutes.sign.{key}", lang)
        cell.paragraphs[0].runs[0].bold = True
    for kode in governments:
        cells = table.add_row().cells
        cells[0].text = government_name(kode)
        cells[1].text = "\n\n"
        cells[2].text = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
