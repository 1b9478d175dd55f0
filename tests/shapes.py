"""Real file shapes, written with openpyxl from real codes and names (tests/data/nomenklatur_2027_pupr.csv,
15 kabupaten/kota lines of bidang 1.03 PUPR taken from the official 2027 nomenclature).

- `write_sipd`: a SIPD sub kegiatan export (snake_case columns, one row per line).
- `write_renja`: a Renja / DPA table of one agency (``KODE SUB KEGIATAN``, ``PROGRAM DAN KEGIATAN``,
  ``JUMLAH PAGU`` …), optionally with program and kegiatan parent rows carrying their own totals.
- `write_renstra`: a Renstra T-C.27 matrix (urusan … sub kegiatan rows in one ``KODE`` column,
  ``TARGET/DANA TAHUN 1..5``), flat or with the two-row header real files use.
- `write_goals`: a tujuan / sasaran table.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

DATA = Path(__file__).parent / "data" / "nomenklatur_2027_pupr.csv"
KUKAR = "64.02"
PUPR = "1.03.0.00.0.00.01.0000"
PUPR_NAME = "Dinas Pekerjaan Umum dan Penataan Ruang"
LOKASI = "Kab. Kutai Kartanegara, Semua Kecamatan, Semua Kelurahan/Desa"


@dataclass(frozen=True)
class Line:
    program: str
    nama_program: str
    kegiatan: str
    nama_kegiatan: str
    code: str
    name: str
    indikator: str
    satuan: str


def pupr_lines() -> list[Line]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        return [Line(*row.values()) for row in csv.DictReader(handle)]


def _save(path: Path, sheet: str, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    wb.save(path)
    return path


def write_sipd(path: Path, lines: list[Line], pagu: list[float], tahun: int = 2026) -> Path:
    header = ["tahun_anggaran", "kode_skpd", "nama_skpd", "kode_program", "nama_program", "kode_giat", "nama_giat",
              "kode_sub_giat", "nama_sub_giat", "pagu", "indikator", "satuan", "nama_dana", "nama_lokasi"]
    rows = [header] + [[tahun, PUPR, PUPR_NAME, ln.program, ln.nama_program, ln.kegiatan, ln.nama_kegiatan, ln.code,
                        ln.name, p, ln.indikator, ln.satuan, "PAD", LOKASI] for ln, p in zip(lines, pagu)]
    return _save(path, "Sheet1", rows)


RENJA_HEADER = ["KODE SUB\nKEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR CAPAIAN KEG.", "TARGET KINERJA CAPAIAN KEG.",
                "TOLAK UKUR KELUARAN", "TARGET KINERJA KELUARAN", "SATUAN", "SUMBER DANA", "LOKASI",
                "AWAL PELAKSANAAN", "AKHIR PELAKSANAAN", "JUMLAH PAGU", "KETERANGAN"]


def write_renja(path: Path, lines: list[Line], pagu: list[float], *, parents: bool = False,
                parent_totals: dict[str, float] | None = None) -> Path:
    """With `parents`, program and kegiatan rows above their sub kegiatan carry the children's sum, or the
    figure `parent_totals` gives for their code."""
    totals = dict(parent_totals or {})
    rows: list[list[Any]] = [["RENCANA KERJA PERANGKAT DAERAH TAHUN 2026"], RENJA_HEADER]
    seen: set[str] = set()
    for ln, p in zip(lines, pagu):
        for code, name in ((ln.program, ln.nama_program), (ln.kegiatan, ln.nama_kegiatan)):
            if parents and code not in seen:
                seen.add(code)
                own = totals.get(code, sum(q for other, q in zip(lines, pagu) if other.code.startswith(code + ".")))
                rows.append([code, name] + [None] * 9 + [own, None])
        rows.append([ln.code, ln.name, "Persentase capaian", "100 %", ln.indikator, "12", ln.satuan, "1.2.1.01.01",
                     LOKASI, "Januari", "Desember", p, None])
    return _save(path, "Renja", rows)


def write_renstra(path: Path, lines: list[Line], dana: list[list[float]], *, two_rows: bool = False,
                  parent_totals: dict[tuple[str, int], float] | None = None, sasaran: str | None = None) -> Path:
    """Urusan ``1``, bidang ``1.03``, then program / kegiatan / sub kegiatan rows; `dana[i][k]` is line i's
    funds in year k+1. Parents carry their children's sum unless `parent_totals[(code, k)]` says otherwise."""
    totals = dict(parent_totals or {})
    years = range(1, 6)

    def own(code: str, k: int) -> float:
        return totals.get((code, k), sum(d[k - 1] for ln, d in zip(lines, dana)
                                         if code == "" or ln.code.startswith(code + ".")))

    if two_rows:
        top = ["SASARAN", "KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN", "DATA CAPAIAN AWAL"]
        for k in years:
            top += [f"TAHUN-{k}", None]
        second = [None] * 6
        for _ in years:
            second += ["Target", "Rp"]
        header_rows = [top + ["LOKASI"], second + [None], list(range(1, len(top) + 2))]
    else:
        header = ["SASARAN", "KODE", "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN", "DATA CAPAIAN AWAL"]
        for k in years:
            header += [f"TARGET TAHUN {k}", f"DANA TAHUN {k}"]
        header_rows = [header + ["LOKASI"]]

    def row(code: str, name: str, indikator: str | None, satuan: str | None, target: int | None,
            money: list[float]) -> list[Any]:
        cells: list[Any] = [sasaran, code, name, indikator, satuan, 0]
        for k in years:
            cells += [None if target is None else target + k, money[k - 1]]
        return cells + [LOKASI]

    rows = [["T-C.27 Rencana Program, Kegiatan dan Pendanaan"], *header_rows]
    rows.append(row("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR", None, None, None,
                    [own("", k) for k in years]))
    rows.append(row("1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG", None, None, None,
                    [own("1.03", k) for k in years]))
    seen: set[str] = set()
    for ln, money in zip(lines, dana):
        for code, name in ((ln.program, ln.nama_program), (ln.kegiatan, ln.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                rows.append(row(code, name, "Persentase capaian", "%", 80, [own(code, k) for k in years]))
        rows.append(row(ln.code, ln.name, ln.indikator, ln.satuan, 10, list(money)))
    merges = ()
    if two_rows:
        merges = tuple(f"{openpyxl.utils.get_column_letter(7 + 2 * (k - 1))}2:"
                       f"{openpyxl.utils.get_column_letter(8 + 2 * (k - 1))}2" for k in years)
    return _save(path, "T-C.27", rows, merges)


def write_goals(path: Path) -> Path:
    rows = [["KELOMPOK", "TUJUAN/SASARAN", "INDIKATOR SASARAN", "SATUAN", "DATA CAPAIAN AWAL"]
            + [f"TARGET TAHUN {k}" for k in range(1, 6)],
            ["Tujuan", "Meningkatnya kualitas infrastruktur wilayah", "Indeks infrastruktur", "indeks", 60,
             61, 62, 63, 64, 65],
            ["Sasaran", "Meningkatnya kemantapan jalan kabupaten", "Persentase jalan mantap", "%", 70,
             72, 74, 76, 78, 80],
            [None, None, "Panjang jalan dibangun", "km", 0, 5, 10, 15, 20, 25],
            ["Sasaran", "Meningkatnya layanan air minum", "Persentase rumah tangga dengan air minum layak", "%", 80,
             82, 84, 86, 88, 90],
            ["Tujuan", "Meningkatnya tata ruang yang berkelanjutan", "Persentase kesesuaian tata ruang", "%", 50,
             55, 60, 65, 70, 75],
            ["Sasaran", "Tersedianya rencana detail tata ruang", "Jumlah RDTR ditetapkan", "dokumen", 1,
             2, 3, 4, 5, 6]]
    return _save(path, "Tujuan dan Sasaran", rows)


def write_split_renstra(path: Path, lines: list[Line], dana: list[list[float]], *, named: bool = True,
                        agencies: dict[str, str] | None = None) -> Path:
    """A T-C.27 matrix whose code is split over five columns under a merged ``KODE`` heading, with a
    three-row header whose lowest row (``Target | Rp | Lokasi`` per year) has the most cells, and the
    responsible agencies named in a ``PERANGKAT DAERAH PENANGGUNG JAWAB`` cell without codes.

    The shape is the one public Renstra report generators print (a ``Kode`` cell merged over five
    columns and three header rows, year groups over ``Target | Rp``, "Unit Kerja Perangkat Daerah
    Penanggungjawab"): andreperiozaherpa/indigo ``application/views/admin/sicerdas/renstra/laporan/24.php``
    (Sumedang's e-office) and a Renstra print with ``Kode`` over four columns and ``Tahun I`` over
    ``Target | Rp | Lokasi``; the named split (``URUSAN | BIDANG URUSAN | PROGRAM | KEGIATAN | SUB
    KEGIATAN``) is Kepmendagri 900.1.15.5-1317/2023's. The values are ours: real 2027 PUPR codes and names.

    With `named` the code columns are headed ``URUSAN`` … ``SUB KEGIATAN`` under ``KODE``; without,
    ``KODE`` is merged over all five and three header rows. Codes are written as a spreadsheet stores
    typed numbers (bidang ``3``, kegiatan ``2.01``, sub kegiatan ``13``); a sub kegiatan row leaves its
    urusan, bidang and program blank (the row above says them). `agencies[code]` is the agency cell of
    a program row (default: the PUPR agency's name).
    """
    agencies = dict(agencies or {})
    years = range(1, 6)
    group = ["SASARAN", "KODE", None, None, None, None, "PROGRAM DAN KEGIATAN", "INDIKATOR", "SATUAN",
             "DATA CAPAIAN AWAL", "TARGET KINERJA DAN KERANGKA PENDANAAN"] + [None] * 14 + [
             "PERANGKAT DAERAH PENANGGUNG JAWAB", "LOKASI"]
    middle = [None] + (["URUSAN", "BIDANG URUSAN", "PROGRAM", "KEGIATAN", "SUB KEGIATAN"] if named else [None] * 5)
    middle += [None] * 4
    for k in years:
        middle += [f"TAHUN {k}", None, None]
    lowest = [None] * 10
    for _ in years:
        lowest += ["Target", "Rp", "Lokasi"]

    def own(code: str, k: int) -> float:
        return sum(d[k - 1] for ln, d in zip(lines, dana) if code == "" or ln.code.startswith(code + "."))

    def row(parts: list[Any], name: str, indikator: str | None, target: int | None, money: list[float],
            agency: str | None, sasaran: str | None = None) -> list[Any]:
        cells: list[Any] = [sasaran, *parts, name, indikator, "%" if indikator else None, 0]
        for k in years:
            cells += [None if target is None else target + k, money[k - 1], "Kab. Kutai Kartanegara"]
        return cells + [agency, LOKASI]

    rows: list[list[Any]] = [["RENCANA PROGRAM, KEGIATAN DAN PENDANAAN (T-C.27)"], group, middle + [None, None],
                             lowest + [None, None]]
    rows.append(row([1, None, None, None, None], "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR",
                    None, None, [own("", k) for k in years], None))
    rows.append(row([1, 3, None, None, None], "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG",
                    None, None, [own("1.03", k) for k in years], None))
    seen: set[str] = set()
    for ln, money in zip(lines, dana):
        program, kegiatan = ln.program.split("."), ln.kegiatan.split(".")
        if ln.program not in seen:
            seen.add(ln.program)
            rows.append(row([1, 3, int(program[2]), None, None], ln.nama_program, "Persentase capaian", 80,
                            [own(ln.program, k) for k in years], agencies.get(ln.program, PUPR_NAME),
                            sasaran="Meningkatnya kualitas infrastruktur"))
        if ln.kegiatan not in seen:
            seen.add(ln.kegiatan)
            rows.append(row([1, 3, int(program[2]), float(f"{kegiatan[3]}.{kegiatan[4]}"), None], ln.nama_kegiatan,
                            "Persentase capaian", 80, [own(ln.kegiatan, k) for k in years], PUPR_NAME))
        rows.append(row([None, None, None, None, int(ln.code.split(".")[5])], ln.name, ln.indikator, 10, list(money),
                        PUPR_NAME))
    merges = ["B2:F2" if named else "B2:F4", "K2:Y2"]
    merges += [f"{openpyxl.utils.get_column_letter(11 + 3 * (k - 1))}3:{openpyxl.utils.get_column_letter(13 + 3 * (k - 1))}3"
               for k in years]
    return _save(path, "T-C.27", rows, tuple(merges))


def write_calendar_renstra(path: Path, lines: list[Line], dana: list[list[float]], first_year: int = 2021) -> Path:
    """A Renstra printed for its own period: three header rows, ``Kode`` merged over five unheaded
    columns and all three rows, year groups headed by calendar years (``2021`` over ``Target | Rp``),
    ``Kondisi Kinerja pada akhir periode`` over its own ``Target | Rp``, and ``Unit Kerja Perangkat Daerah
    Penanggungjawab`` naming the agency. The header is the one of andreperiozaherpa/indigo
    ``application/views/admin/sicerdas/renstra/laporan/24.php`` (Sumedang's e-office report 24, Renstra
    2021-2023); the values are ours, from the real 2027 PUPR codes. `dana[i][k]` is line i's funds in year
    k+1 (three years)."""
    years = range(3)
    top = ["Tujuan", "Sasaran", "Indikator Sasaran", "Kode", None, None, None, None,
           "Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan", "Indikator Program/Kegiatan/Sub Kegiatan",
           "Data Capaian pada Tahun Awal Perencanaan", "Capaian Kinerja dan Kerangka Pendanaan", None, None, None,
           None, None, "Kondisi Kinerja pada akhir periode Renstra Perangkat Daerah", None,
           "Unit Kerja Perangkat Daerah Penanggungjawab", "Lokasi"]
    second = [None] * 11 + [first_year, None, first_year + 1, None, first_year + 2, None] + [None] * 4
    third = [None] * 11 + ["Target ", "Rp"] * 4 + [None, None]

    def own(code: str, k: int) -> float:
        return sum(d[k] for ln, d in zip(lines, dana) if ln.code.startswith(code + "."))

    def row(parts: list[Any], name: str, money: list[float]) -> list[Any]:
        cells: list[Any] = ["Meningkatnya infrastruktur", "Meningkatnya kemantapan jalan", "Indeks infrastruktur",
                            *parts, name, "Persentase capaian", 0]
        for k in years:
            cells += [80 + k, money[k]]
        return cells + [85, sum(money), PUPR_NAME, LOKASI]

    rows: list[list[Any]] = [top, second, third]
    seen: set[str] = set()
    for ln, money in zip(lines, dana):
        p, g = ln.program.split("."), ln.kegiatan.split(".")
        for code, parts, name in ((ln.program, [1, "03", p[2], None, None], ln.nama_program),
                                  (ln.kegiatan, [1, "03", p[2], f"{g[3]}.{g[4]}", None], ln.nama_kegiatan)):
            if code not in seen:
                seen.add(code)
                rows.append(row(parts, name, [own(code, k) for k in years]))
        rows.append(row([1, "03", p[2], f"{g[3]}.{g[4]}", ln.code.split(".")[5]], ln.name, list(money)))
    merges = ("D1:H3", "L1:Q1", "L2:M2", "N2:O2", "P2:Q2", "R1:S2")
    return _save(path, "Renstra", rows, merges)
