"""Real exports as planners hold them, with the variations real files carry: what loads, and how much.

Shapes (header texts, column order, how codes and money are printed) come from public code that
writes or reads these files; the values are ours (real 2027 PUPR codes and names from
tests/data/nomenklatur_2027_pupr.csv, made-up amounts):

- Renja / DPA sub kegiatan table of one agency: the 15 headers an importer of these files checks,
  in that order (allweDepth/sesendok ``app/models/script/impor_xlsx.php``, ``sub_keg_renja`` /
  ``sub_keg_dpa``), whose header row sits at a row the user gives (title rows above it).
- Renja / RKPD print (agusnurwanto/wp-sipd
  ``public/partials/monev/wpsipd-public-monitor-rkpd-renja.php``): a ``DATA RENJA … TAHUN ANGGARAN``
  title; ``Kode`` merged over five columns and three header rows; ``Indikator Kinerja``, ``Rencana
  Tahun N`` (``Lokasi Output Kegiatan``, ``Target Capaian Kinerja`` over three, ``Pagu Indikatif
  (Rp.)``, ``Sumber Dana``), ``Catatan Penting``, ``Prakiraan Maju Rencana Tahun N+1``; the code
  printed a part per column (urusan ``1``, bidang ``03`` as the number 3 under a ``00`` format,
  kegiatan ``2.01``, sub kegiatan ``0013``); ``Unit Organisasi :`` and ``Sub Unit Organisasi :``
  rows (the latter with the agency's total); parent rows with their totals; money printed
  ``number_format(x, 0, ",", ".")``; a ``TOTAL`` row merged over the code and name columns.
- The same print reads the SIPD sub kegiatan name as ``<code> <name>`` (``explode(' ',
  nama_sub_giat)[0]`` is the code).
- A Renja table printed with ``(1) (2) …`` under its header and a ``TOTAL`` row with a blank code
  (a SIMDA-era Renja view found by the code search, repository not named by the index).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import main
from loaders import validate_path
from tests.shapes import KUKAR, LOKASI, PUPR, PUPR_NAME, _save, pupr_lines

LINES = pupr_lines()[:6]
PAGU = [1_250_000_000, 735_500_000, 98_000_000, 2_000_000_000, 45_250_000, 310_000_000]
TOTAL = sum(PAGU)
FACTS = dict(kode_pemda=KUKAR, tahun=2026, kode_skpd=PUPR, nama_skpd=PUPR_NAME)
RENJA = ["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR CAPAIAN KEG.", "TARGET KINERJA CAPAIAN KEG.",
         "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "TOLAK UKUR HASIL", "TARGET KINERJA HASIL", "SUMBER DANA",
         "LOKASI", "KELUARAN SUB KEG.", "AWAL PELAKSANAAN", "AKHIR PELAKSANAAN", "JUMLAH PAGU", "KETERANGAN"]
KOP = [["PEMERINTAH KABUPATEN KUTAI KARTANEGARA"], ["RENCANA KERJA PERANGKAT DAERAH TAHUN 2026"],
       [f"Perangkat Daerah : {PUPR_NAME}"], []]
SIGNATURE = [[], [None] * 11 + ["Tenggarong, 12 Januari 2026"], [None] * 11 + ["Mengetahui,"],
             [None] * 11 + ["Kepala Dinas Pekerjaan Umum dan Penataan Ruang"], [], [None] * 11 + ["Ir. H. Budi Santoso, M.T."],
             [None] * 11 + ["Pembina Utama Muda"], [None] * 11 + ["NIP. 19700101 199503 1 002"]]


def rupiah(amount: float) -> str:
    """As a report prints money: ``Rp 1.250.000.000,00``."""
    return "Rp " + f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def dotted(amount: float) -> str:
    """As PHP's ``number_format($x, 0, ",", ".")`` prints it: ``1.250.000.000``."""
    return f"{amount:,.0f}".replace(",", ".")


def save(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = (), sheet: str = "Renja") -> Path:
    return _save(path, sheet, rows, merges)


def renja_line(line, amount: Any) -> list[Any]:
    return [line.code, line.name, "Persentase capaian", "100 %", line.indikator, "12", "Persentase", "80 %",
            "1.2.1.01.01", LOKASI, line.indikator, "Januari", "Desember", amount, None]


def renja_rows(money=lambda amount: amount) -> list[list[Any]]:
    """Program and kegiatan rows with their own totals above their sub kegiatan, as the table prints them."""
    rows, seen = [], set()
    for line, amount in zip(LINES, PAGU):
        for code, name in ((line.program, line.nama_program), (line.kegiatan, line.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                own = sum(p for other, p in zip(LINES, PAGU) if other.code.startswith(code + "."))
                rows.append([code, name] + [None] * 11 + [money(own), None])
        rows.append(renja_line(line, money(amount)))
    return rows


def loaded(report) -> tuple[int, float]:
    assert report.ok, [(e.rule, e.row, e.column, e.message) for e in report.errors]
    subs = report.dataset.sub_kegiatan
    return len(subs), sum(s.pagu or 0 for s in subs)


@pytest.mark.parametrize("money", [lambda a: a, rupiah, dotted], ids=["numbers", "rupiah-text", "dotted-text"])
def test_a_renja_as_printed_loads_its_lines_once_equal_to_its_total_row(tmp_path, money):
    """Title rows, a row of column numbers, parent rows with totals, a JUMLAH row and a signature block."""
    numbering = [f"({k})" for k in range(1, len(RENJA) + 1)]
    total = [None, "JUMLAH"] + [None] * 11 + [money(TOTAL), None]
    path = save(tmp_path / "renja.xlsx", KOP + [RENJA, numbering] + renja_rows(money) + [total] + SIGNATURE)
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)  # parents and the total row not counted again
    assert not [w for w in report.warnings if w.rule in ("grand_total", "parent_total", "unknown_place")]
    assert {s.kode_sub_giat for s in report.dataset.sub_kegiatan} == {ln.code for ln in LINES}


def test_a_total_row_that_disagrees_with_the_lines_is_reported_with_both_figures(tmp_path):
    rows = [RENJA] + [renja_line(ln, p) for ln, p in zip(LINES, PAGU)] + [["TOTAL"] + [None] * 12 + [TOTAL + 1000, None]]
    path = save(tmp_path / "renja.xlsx", rows, merges=(f"A{len(rows)}:M{len(rows)}",))
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    (warning,) = [w for w in report.warnings if w.rule == "grand_total"]
    assert (warning.row, warning.column) == (len(rows), "JUMLAH PAGU")
    assert "Rp 4.438.751.000" in warning.message and "Rp 4.438.750.000" in warning.message
    assert "IDR 4,438,751,000" in warning.message_en


def test_a_zero_printed_as_a_dash_is_zero_and_a_target_dash_stays_a_dash(tmp_path):
    rows = [RENJA] + [renja_line(ln, "-" if k == 2 else p) for k, (ln, p) in enumerate(zip(LINES, PAGU))]
    rows[1][5] = "-"
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL - PAGU[2])


def test_a_negative_amount_in_parentheses_is_an_error_at_its_cell_in_both_languages(tmp_path):
    rows = [RENJA] + [renja_line(ln, "(1.000.000)" if k == 2 else p) for k, (ln, p) in enumerate(zip(LINES, PAGU))]
    path = save(tmp_path / "renja.xlsx", rows)
    report = validate_path(path, **FACTS)
    assert not report.ok and report.dataset is None
    (error,) = report.errors
    assert (error.rule, error.sheet, error.row, error.column) == ("negative", "Renja", 4, "JUMLAH PAGU")
    args = ["validate", str(path), "--kode-pemda", KUKAR, "--tahun", "2026", "--kode-skpd", PUPR, "--nama-skpd", PUPR_NAME]
    indonesian = CliRunner().invoke(main, args)
    english = CliRunner().invoke(main, args + ["--lang", "en"])
    assert indonesian.exit_code == english.exit_code == 1
    assert "renja.xlsx:Renja:4:JUMLAH PAGU  JUMLAH PAGU tidak boleh negatif ('(1.000.000)')" in indonesian.output
    assert "renja.xlsx:Renja:4:JUMLAH PAGU  JUMLAH PAGU must not be negative" in english.output
    assert "Traceback" not in indonesian.output + english.output


@pytest.mark.parametrize("header", ["Pagu Indikatif (Rp.)", "Jumlah Pagu (Rp)", "Alokasi", "Anggaran (Rp)",
                                    "PAGU INDIKATIF", "Kebutuhan Dana/\nPagu Indikatif"])
def test_a_pagu_column_under_any_of_its_real_names_is_read(tmp_path, header):
    rows = [RENJA[:13] + [header, RENJA[14]]] + [renja_line(ln, p) for ln, p in zip(LINES, PAGU)]
    assert loaded(validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)) == (len(LINES), TOTAL)


def test_money_in_thousands_is_read_as_rupiah_and_said(tmp_path):
    """``(Rp 000)``: every amount is 1000 rupiah per unit written (tests/test_real_files.py has the variants)."""
    rows = [RENJA[:13] + ["Pagu Indikatif (Rp 000)", RENJA[14]]] + [renja_line(ln, p // 1000) for ln, p in zip(LINES, PAGU)]
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    assert [w.column for w in report.warnings if w.rule == "money_scaled"] == ["Pagu Indikatif (Rp 000)"]


def rkpd_print(money=lambda amount: amount, numbers: bool = True) -> tuple[list[list[Any]], tuple[str, ...]]:
    """The wp-sipd Renja print (see the module docstring), as Excel holds it once opened."""
    top = ["Kode", None, None, None, None, "Urusan/ Bidang Urusan Pemerintahan Daerah Dan Program/ Kegiatan",
           "Indikator Kinerja", None, None, "Rencana Tahun 2026", None, None, None, None, None, "Catatan Penting",
           "Prakiraan Maju Rencana Tahun 2027", None, None]
    middle = [None] * 6 + ["Capaian Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan", "Lokasi Output Kegiatan",
                           "Target Capaian Kinerja", None, None, "Pagu Indikatif (Rp.)", "Sumber Dana", None,
                           "Target Capaian Kinerja", None, "Kebutuhan Dana/\nPagu Indikatif (Rp.)"]
    lowest = [None] * 10 + ["Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan", None, None, None, "Tolok Ukur",
                            "Target", None]
    rows = [["DATA RENJA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG TAHUN ANGGARAN 2026 Kabupaten Kutai Kartanegara"], [],
            top, middle, lowest, [f"Unit Organisasi : {PUPR_NAME}"] + [None] * 18,
            [None, f"Sub Unit Organisasi : {PUPR_NAME}"] + [None] * 11 + [money(TOTAL), None, None, None, None, money(0)]]
    merges = ["A3:E5", "F3:F5", "G3:I3", "J3:O3", "P3:P5", "Q3:S3", "G4:G5", "H4:H5", "I4:I5", "J4:J5", "K4:M4",
              "N4:N5", "O4:O5", "Q4:R4", "S4:S5", "A6:S6", "B7:M7"]

    def part(number: Any, text: str) -> Any:
        return number if numbers else text

    def parent(parts: list[Any], name: str, amount: float | None) -> list[Any]:
        return parts + [name] + [None] * 7 + [None if amount is None else money(amount), None, None, None, None, money(0)]

    rows.append(parent([1, None, None, None, None], "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
                       None))
    rows.append(parent([1, part(3, "03"), None, None, None],
                       "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", TOTAL))
    seen: set[str] = set()
    for line, amount in zip(LINES, PAGU):
        _, bidang, program, level, kegiatan, sub = line.code.split(".")
        parts = [1, part(int(bidang), bidang), part(int(program), program)]
        for code, name in ((line.program, line.nama_program), (line.kegiatan, line.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                own = sum(p for other, p in zip(LINES, PAGU) if other.code.startswith(code + "."))
                deeper = [part(float(f"{level}.{kegiatan}"), f"{level}.{kegiatan}")] if code == line.kegiatan else [None]
                rows.append(parent(parts + deeper + [None], name, own))
        rows.append(parts + [part(float(f"{level}.{kegiatan}"), f"{level}.{kegiatan}"), part(int(sub), sub), line.name,
                             "Persentase capaian", line.indikator, "Persentase", LOKASI, "100 %", "12 Unit", "80 %",
                             money(amount), "PAD", None, line.indikator, "12", money(0)])
    rows.append(["TOTAL"] + [None] * 12 + [money(TOTAL), None, None, None, None, money(0)])
    merges.append(f"A{len(rows)}:M{len(rows)}")
    return rows, tuple(merges)


@pytest.mark.parametrize("numbers", [True, False], ids=["code-parts-as-numbers", "code-parts-as-text"])
@pytest.mark.parametrize("money", [lambda a: a, dotted], ids=["money-numbers", "money-dotted"])
def test_a_renja_print_with_its_code_split_over_five_columns_loads_exactly(tmp_path, numbers, money):
    rows, merges = rkpd_print(money, numbers)
    report = validate_path(save(tmp_path / "renja-rkpd.xlsx", rows, merges, sheet="Sheet1"), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    subs = report.dataset.sub_kegiatan
    assert sorted(s.kode_sub_giat for s in subs) == sorted(ln.code for ln in LINES)  # 1 | 3 | 2 | 2.01 | 13
    assert {s.sumber_dana for s in subs} == {"PAD"} and all(s.lokasi for s in subs)
    assert {p.kode for p in report.dataset.program_kegiatan} >= {ln.kegiatan for ln in LINES}
    assert not [w for w in report.warnings if w.rule in ("grand_total", "parent_total", "merged_header")]


def test_a_workbook_with_one_renja_per_agency_loads_every_sheet(tmp_path):
    """A sheet named by an abbreviation (``Dinas PUPR``) takes the given agency; one named by its bidang
    (``Dinas Kesehatan``) its own (tests/test_real_files.py has the variants)."""
    wb = openpyxl.Workbook()
    for title, lines in (("Dinas PUPR", LINES[:3]), ("Dinas Kesehatan", LINES[3:])):
        ws = wb.create_sheet(title)
        ws.append(RENJA)
        for line, amount in zip(lines, PAGU[:3] if title == "Dinas PUPR" else PAGU[3:]):
            ws.append(renja_line(line, amount))
    wb.remove(wb.worksheets[0])
    wb.save(tmp_path / "renja-semua.xlsx")
    report = validate_path(tmp_path / "renja-semua.xlsx", **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)  # no agency's lines left out of the file's total
    assert {s.kode_skpd for s in report.dataset.sub_kegiatan} == {PUPR, "1.02.0.00.0.00.01.0000"}


SIPD = ["tahun_anggaran", "kode_skpd", "nama_skpd", "kode_program", "nama_program", "kode_giat", "nama_giat",
        "kode_sub_giat", "nama_sub_giat", "pagu", "indikator", "satuan", "nama_dana", "nama_lokasi"]


def sipd_records(money=lambda amount: amount, name=lambda line: line.name) -> list[list[Any]]:
    return [[2026, PUPR, PUPR_NAME, ln.program, ln.nama_program, ln.kegiatan, ln.nama_kegiatan, ln.code, name(ln),
             money(p), ln.indikator, ln.satuan, "PAD", LOKASI] for ln, p in zip(LINES, PAGU)]


@pytest.mark.parametrize("separator, encoding, bom, money", [
    (";", "cp1252", False, rupiah),  # Excel's "CSV" in an Indonesian Windows: ; and Windows-1252
    (";", "utf-8", True, dotted),
    (",", "utf-8", True, lambda a: a),
    ("\t", "utf-8", False, lambda a: f"{a:.2f}"),
])
def test_a_sipd_csv_export_loads_exactly_whatever_its_separator_and_encoding(tmp_path, separator, encoding, bom, money):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator).writerows(
        [["Data Sub Kegiatan Tahun 2026"], SIPD] + sipd_records(money, lambda ln: f"{ln.name} – Tahap II")
        + [[None] * 8 + ["JUMLAH", money(TOTAL)]])
    path = tmp_path / "sipd.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))
    report = validate_path(path, kode_pemda=KUKAR)
    assert loaded(report) == (len(LINES), TOTAL)
    assert {s.nama_sub_giat for s in report.dataset.sub_kegiatan} == {f"{ln.name} – Tahap II" for ln in LINES}
    assert not [w for w in report.warnings if w.rule == "grand_total"]


@pytest.mark.parametrize("shape", ["list", "envelope"])
def test_a_sipd_json_answer_loads_its_records(tmp_path, shape):
    records = [dict(zip(SIPD, row)) for row in sipd_records(str, lambda ln: f"{ln.code} {ln.name}")]
    document: Any = records if shape == "list" else {"status": "success", "message": "OK", "data": records}
    path = tmp_path / "sipd.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = validate_path(path, kode_pemda=KUKAR)
    assert loaded(report) == (len(LINES), TOTAL)
    # SIPD writes the code before the name; the name is read without it
    assert {s.nama_sub_giat for s in report.dataset.sub_kegiatan} == {ln.name for ln in LINES}


def rkpd_page(lines=LINES, pagu=PAGU) -> str:
    """The same Renja print as the web page wp-sipd's "DOWNLOAD EXCEL" saves under an ``.xls`` name
    (``tableHtmlToExcel``: the ``#cetak`` div's HTML, every cell text), built as its PHP template
    builds it: empty width cells first, ``colspan`` / ``rowspan`` header cells, ``&nbsp;`` blanks, a
    row per level with the level's own parts of the code, money by ``number_format``."""
    total = sum(pagu)

    def td(text: Any = "&nbsp;", span: int = 1) -> str:
        return f'<td class="kanan bawah" style="mso-number-format:\\@;"{f" colspan={span!r}" if span > 1 else ""}>{text}</td>'

    def money_cells(amount: float) -> str:
        return td(dotted(amount)) + td(span=4) + td(dotted(0))

    head = ('<tr>' + '<th style="padding: 0; border: 0; width:1%"></th>' * 19 + '</tr>'
            '<tr><td colspan="5" rowspan="3">Kode</td><td rowspan="3">Urusan/ Bidang Urusan Pemerintahan Daerah Dan '
            'Program/ Kegiatan</td><td colspan="3">Indikator Kinerja</td><td colspan="6">Rencana Tahun 2026</td>'
            '<td rowspan="3">Catatan Penting</td><td colspan="3">Prakiraan Maju Rencana Tahun 2027</td></tr>'
            '<tr><td rowspan="2">Capaian Program</td><td rowspan="2">Keluaran Sub Kegiatan</td><td rowspan="2">Hasil '
            'Kegiatan</td><td rowspan="2">Lokasi Output Kegiatan</td><td colspan="3">Target Capaian Kinerja</td>'
            '<td rowspan="2">Pagu Indikatif (Rp.)</td><td rowspan="2">Sumber Dana</td><td colspan="2">Target Capaian '
            'Kinerja</td><td rowspan="2">Kebutuhan Dana/<br/>Pagu Indikatif (Rp.)</td></tr>'
            '<tr><td>Program</td><td>Keluaran Sub Kegiatan</td><td>Hasil Kegiatan</td><td>Tolok Ukur</td>'
            '<td>Target</td></tr>')
    body = [f'<tr><td colspan="19">Unit Organisasi : {PUPR_NAME}</td></tr>',
            f'<tr>{td()}<td colspan="12">Sub Unit Organisasi : {PUPR_NAME}</td>{money_cells(total)}</tr>',
            f'<tr>{td(1)}{td() * 4}<td colspan="14">URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN '
            f'DASAR</td></tr>',
            f'<tr>{td(1)}{td("03")}{td() * 3}<td colspan="8">URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN '
            f'RUANG</td>{money_cells(total)}</tr>']
    seen: set[str] = set()
    for line, amount in zip(lines, pagu):
        _, bidang, program, level, kegiatan, sub = line.code.split(".")
        for code, name, parts in ((line.program, line.nama_program, [program, "&nbsp;"]),
                                  (line.kegiatan, line.nama_kegiatan, [program, f"{level}.{kegiatan}"])):
            if code not in seen:
                seen.add(code)
                own = sum(p for other, p in zip(lines, pagu) if other.code.startswith(code + "."))
                body.append(f'<tr>{td(1)}{td(bidang)}{td(parts[0])}{td(parts[1])}{td()}<td colspan="8">{name}</td>'
                            f'{money_cells(own)}</tr>')
        body.append(f'<tr>{td(1)}{td(bidang)}{td(program)}{td(f"{level}.{kegiatan}")}{td(sub)}{td(line.name)}'
                    f'{td("Persentase capaian")}{td(line.indikator)}{td("Persentase")}{td(LOKASI)}{td("100 %")}'
                    f'{td("12 Unit")}{td("80 %")}{td(dotted(amount))}{td("PAD")}{td("<br/>")}{td()}'
                    f'{td(line.indikator)}{td("12")}{td(dotted(0))}</tr>')
    body.append(f'<tr><td colspan="13">TOTAL</td>{money_cells(total)}</tr>')
    return ('<div id="cetak" title="DATA RENJA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG TAHUN ANGGARAN 2026">'
            '<h4 style="text-align: center;">DATA RENJA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG<br>TAHUN ANGGARAN 2026 '
            'Kabupaten Kutai Kartanegara</h4><table cellpadding="2" cellspacing="0"><thead>' + head + '</thead><tbody>'
            + "\n".join(body) + '</tbody></table></div>')


def test_a_renja_print_saved_as_an_xls_web_page_loads_exactly(tmp_path):
    path = tmp_path / "DATA RENJA DINAS PUPR.xls"
    path.write_bytes(b"\xef\xbb\xbf" + rkpd_page().encode("utf-8"))
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    subs = report.dataset.sub_kegiatan
    assert sorted(s.kode_sub_giat for s in subs) == sorted(ln.code for ln in LINES)
    assert {s.sumber_dana for s in subs} == {"PAD"} and all(s.lokasi for s in subs)
    assert not [w for w in report.warnings if w.rule in ("grand_total", "parent_total")]


def test_a_web_page_whose_total_row_disagrees_is_reported_at_its_row(tmp_path):
    page = rkpd_page().replace(f'<td colspan="13">TOTAL</td><td class="kanan bawah" style="mso-number-format:\\@;">'
                               f'{dotted(TOTAL)}', f'<td colspan="13">TOTAL</td><td class="kanan bawah">'
                               f'{dotted(TOTAL + 5)}')
    path = tmp_path / "renja.xls"
    path.write_text(page, encoding="utf-8")
    report = validate_path(path, **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    (warning,) = [w for w in report.warnings if w.rule == "grand_total"]
    assert warning.sheet == "renja" and warning.column == "Rencana Tahun 2026 Pagu Indikatif (Rp.)"
    parents = len({ln.program for ln in LINES} | {ln.kegiatan for ln in LINES})
    # the title's two lines, the empty width row, three header rows, the agency rows, urusan, bidang, …, TOTAL
    assert warning.row == 2 + 1 + 3 + 2 + 2 + parents + len(LINES) + 1


@pytest.mark.parametrize("lokasi, places", [
    ("Kab. Kutai Kartanegara, Semua Kecamatan, Semua Kelurahan/Desa", ["64.02"]),
    ("Kab. Kutai Kartanegara, Kec. Tenggarong, Kel. Melayu", ["64.02.06.1005"]),  # wp-sipd: daerah, camat, lurah
    ("Kabupaten Kutai Kartanegara, Kec. Loa Kulu, Kec. Tenggarong", ["64.02.02", "64.02.06"]),
    ("Kec. Tenggarong; Kec. Loa Kulu", ["64.02.06", "64.02.02"]),
])
def test_a_lokasi_cell_names_the_places_a_line_serves(tmp_path, lokasi, places):
    rows = [RENJA] + [renja_line(ln, p)[:9] + [lokasi] + renja_line(ln, p)[10:] for ln, p in zip(LINES, PAGU)]
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    assert {tuple(s.lokasi) for s in report.dataset.sub_kegiatan} == {tuple(places)}
    assert not [w for w in report.warnings if w.rule == "unknown_place"]


def test_a_place_outside_the_government_is_named_at_its_cell(tmp_path):
    rows = [RENJA] + [renja_line(ln, p) for ln, p in zip(LINES, PAGU)]
    rows[3][9] = "Kota Samarinda"
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    (warning,) = [w for w in report.warnings if w.rule == "unknown_place"]
    assert (warning.row, warning.column, warning.value) == (4, "LOKASI", "Kota Samarinda")


NOMENCLATURE = ["URUSAN/UNSUR", "BIDANG URUSAN/BIDANG UNSUR", "PROGRAM", "KEGIATAN", "SUB KEGIATAN", "NOMENKLATUR URUSAN",
                "KINERJA", "INDIKATOR", "SATUAN", "Keterangan"]  # allweDepth/sesendok impor_xlsx.php, ``sub_keg``


def test_a_nomenclature_table_with_the_code_split_under_urusan_unsur_headers_is_read(tmp_path):
    from loaders.nomenclature import load_nomenclature

    line = LINES[0]
    _, bidang, program, level, kegiatan, sub = line.code.split(".")
    rows = [["NOMENKLATUR SUB KEGIATAN TAHUN 2027"], NOMENCLATURE,
            [1, None, None, None, None, "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"],
            [1, int(bidang), None, None, None, "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"],
            [1, int(bidang), int(program), None, None, line.nama_program],
            [1, int(bidang), int(program), float(f"{level}.{kegiatan}"), None, line.nama_kegiatan],
            [1, int(bidang), int(program), float(f"{level}.{kegiatan}"), int(sub), line.name, None, line.indikator,
             line.satuan],
            ["X", "XX", 1, 2.01, 1, "Penyusunan Dokumen Perencanaan Perangkat Daerah"]]
    table = load_nomenclature(save(tmp_path / "nomenklatur.xlsx", rows, sheet="sub_keg"))
    assert table.year == 2027
    assert [table.name(c) for c in (line.code, line.kegiatan, line.program)] == [
        line.name, line.nama_kegiatan, line.nama_program]
    assert table.name("X.XX.01.2.01.0001") == "Penyusunan Dokumen Perencanaan Perangkat Daerah"


def test_a_nomenclature_row_whose_code_misses_a_part_is_reported_not_dropped(tmp_path):
    from base.errors import LoadError
    from loaders.nomenclature import load_nomenclature

    rows = [["U", *NOMENCLATURE[1:]], [None, 3, None, None, None, "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM"],
            [None, 3, 2, None, None, "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)"]]
    with pytest.raises(LoadError) as caught:
        load_nomenclature(save(tmp_path / "nomenklatur-2027.xlsx", rows, sheet="sub_keg"))
    first = caught.value.issues[0]
    assert (first.sheet, first.row, first.column, first.value) == ("sub_keg", 2, "BIDANG URUSAN/BIDANG UNSUR", "?.3")


def test_a_renja_in_the_permendagri_86_form_loads_exactly(tmp_path):
    """``Kode | Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan | Indikator Kinerja Program /
    Kegiatan | Rencana Tahun N (Lokasi, Target Capaian, Kebutuhan Dana/ Pagu Indikatif, Sumber Dana) |
    Catatan Penting | Prakiraan Maju Rencana Tahun N+1 (…) | Keterangan Verifikasi Bappeda``, ``(1)…(11)``
    under it, codes printed with a leading space, money by ``number_format``, a ``TOTAL`` row."""
    top = ["Kode", "Urusan/Bidang Urusan\nPemerintahan Daerah dan\nProgram/Kegiatan", "Indikator Kinerja Program / Kegiatan",
           "Rencana Tahun 2026", None, None, None, "Catatan Penting", "Prakiraan Maju Rencana Tahun 2027", None,
           "Keterangan Verifikasi Bappeda"]
    lower = [None, None, None, "Lokasi", "Target Capaian", "Kebutuhan Dana/ Pagu Indikatif", "Sumber Dana", None,
             "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif", None]
    rows = [[f"Rumusan Rencana Program dan Kegiatan {PUPR_NAME}"], top, lower, [f"({k})" for k in range(1, 12)],
            [" 1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"] + [None] * 9,
            [" 1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", None, None, None, dotted(TOTAL),
             None, None, None, dotted(0), None]]
    seen: set[str] = set()
    for line, amount in zip(LINES, PAGU):
        for code, name in ((line.program, line.nama_program), (line.kegiatan, line.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                own = sum(p for other, p in zip(LINES, PAGU) if other.code.startswith(code + "."))
                rows.append([f" {code} ", name, None, None, None, dotted(own), None, None, None, dotted(0), None])
        rows.append([f" {line.code}", line.name, line.indikator, LOKASI, "12 Unit", dotted(amount), "PAD", None, "-",
                     dotted(0), None])
    rows.append([None, "TOTAL", None, None, None, dotted(TOTAL), None, None, None, dotted(0), None])
    merges = ("A2:A3", "B2:B3", "C2:C3", "D2:G2", "H2:H3", "I2:J2", "K2:K3")
    report = validate_path(save(tmp_path / "renja-tc.xlsx", rows, merges), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    first = min(report.dataset.sub_kegiatan, key=lambda s: s.kode_sub_giat)
    assert (first.kode_sub_giat, first.target, first.sumber_dana, first.lokasi) == (
        min(ln.code for ln in LINES), "12 Unit", "PAD", ("64.02",))
    assert not [w for w in report.warnings if w.rule in ("grand_total", "parent_total", "merged_header")]


@pytest.mark.parametrize("written", [
    lambda code: code + ".",                       # a trailing dot
    lambda code: f" {code} ",                      # spaces around
    lambda code: "\u00a0" + code,                  # a non-breaking space pasted from a web page
    lambda code: code[:-4] + code[-2:],            # the older two-digit sub kegiatan number (…2.01.13)
], ids=["trailing-dot", "spaces", "nbsp", "two-digit-sub"])
def test_a_sub_kegiatan_code_as_real_files_write_it_loads_as_the_code(tmp_path, written):
    rows = [RENJA] + [[1, "URUSAN WAJIB PELAYANAN DASAR"] + [None] * 13,
                      [1.03, "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG"] + [None] * 13]
    rows += [renja_line(ln, p) for ln, p in zip(LINES, PAGU)]
    for row in rows[3:]:
        row[0] = written(row[0])
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    assert sorted(s.kode_sub_giat for s in report.dataset.sub_kegiatan) == sorted(ln.code for ln in LINES)


def test_a_cover_sheet_and_a_hidden_column_leave_the_table_exact(tmp_path):
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Cover"
    for line in (["RENCANA KERJA 2026"], [PUPR_NAME], ["KABUPATEN KUTAI KARTANEGARA"]):
        cover.append(line)
    sheet = wb.create_sheet("Renja")
    sheet.append(RENJA + ["ID SIPD"])
    for line, amount in zip(LINES, PAGU):
        sheet.append(renja_line(line, amount) + [123456])
    sheet.column_dimensions["P"].hidden = True
    wb.save(tmp_path / "renja.xlsx")
    report = validate_path(tmp_path / "renja.xlsx", **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    assert [w.column for w in report.warnings if w.rule == "unknown_column"] == ["ID SIPD"]


def test_subtotal_rows_under_each_program_are_neither_lines_nor_the_table_total(tmp_path):
    rows = [RENJA]
    for program in dict.fromkeys(ln.program for ln in LINES):
        mine = [(ln, p) for ln, p in zip(LINES, PAGU) if ln.program == program]
        rows += [renja_line(ln, p) for ln, p in mine]
        rows.append([None, "Jumlah Program"] + [None] * 11 + [sum(p for _, p in mine), None])
    rows.append([None, "JUMLAH TOTAL"] + [None] * 11 + [TOTAL, None])
    report = validate_path(save(tmp_path / "renja.xlsx", rows), **FACTS)
    assert loaded(report) == (len(LINES), TOTAL)
    assert not [w for w in report.warnings if w.rule == "grand_total"]


def test_a_signature_typed_in_one_merged_cell_under_the_page_is_not_a_line(tmp_path):
    """wp-sipd appends the signature (``ttd``) to its printed tables as one row: a cell spanning every
    column holding the place and date, the office, the name and the NIP, a ``<br>`` between them."""
    signature = ('<tr><td colspan="19"><div style="float: right; text-align: center">Tenggarong, 12 Januari 2026<br>'
                 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang<br><br><br>Ir. H. Budi Santoso, M.T.<br>'
                 'NIP. 19700101 199503 1 002</div></td></tr>')
    path = tmp_path / "renja.xls"
    path.write_text(rkpd_page().replace("</tbody>", signature + "</tbody>"), encoding="utf-8")
    assert loaded(validate_path(path, **FACTS)) == (len(LINES), TOTAL)


def test_agency_rows_coded_in_the_code_column_give_the_lines_under_them_their_agency(tmp_path):
    """An RKPD of several agencies heads each one's lines with the agency's 22-character code and name."""
    dinkes = ("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    rows = [RENJA, [PUPR, PUPR_NAME] + [None] * 11 + [sum(PAGU[:3]), None]]
    rows += [renja_line(ln, p) for ln, p in zip(LINES[:3], PAGU[:3])]
    rows += [[*dinkes] + [None] * 11 + [sum(PAGU[3:]), None]] + [renja_line(ln, p) for ln, p in zip(LINES[3:], PAGU[3:])]
    rows += [[None, "JUMLAH"] + [None] * 11 + [TOTAL, None]]
    report = validate_path(save(tmp_path / "rkpd.xlsx", rows), kode_pemda=KUKAR, tahun=2026)  # no agency given
    assert loaded(report) == (len(LINES), TOTAL)
    by_agency = {}
    for line in report.dataset.sub_kegiatan:
        by_agency[line.kode_skpd] = by_agency.get(line.kode_skpd, 0) + line.pagu
    assert by_agency == {PUPR: sum(PAGU[:3]), dinkes[0]: sum(PAGU[3:])}
    assert {(a.kode_skpd, a.nama_skpd) for a in report.dataset.perangkat_daerah} == {(PUPR, PUPR_NAME), dinkes}
