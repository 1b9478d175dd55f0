"""Turn a SIPD-style flat export (one row per sub kegiatan) into Kaskade tables.

A SIPD export carries no government code, so the caller names it (`kode_pemda`); places are
names (``Kec. Tenggarong``), resolved with `reference.regions.resolve_places` inside that
government. The derived rows keep the export's row numbers and headers, so every issue points
at the export itself. The ``label_pusat`` / ``label_prov`` / ``label_kokab`` tags are not loaded.

>>> from loaders.readers import RawTable
>>> raw = RawTable("renja.csv", "renja", ["Kode Sub Kegiatan", "Nama Sub Kegiatan", "Pagu"], [], [])
>>> is_sipd(raw), sorted(sipd_columns(raw.headers))
(True, ['kode_sub_giat', 'nama_sub_giat', 'pagu'])
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reference import regions
from base.errors import Issue
from loaders.messages import make_issue
from loaders.readers import RawTable, canonical, cell_text, is_blank

__all__ = ["SIPD_COLUMNS", "sipd_columns", "is_sipd", "sipd_tables"]

SIPD_COLUMNS: dict[str, tuple[str, ...]] = {
    "tahun_anggaran": ("tahun", "ta", "tahun_anggaran"),
    "kode_urusan": ("kode_urusan",),
    "nama_urusan": ("nama_urusan", "urusan"),
    "kode_bidang_urusan": ("kode_bidang_urusan", "kode_bidang"),
    "nama_bidang_urusan": ("nama_bidang_urusan", "bidang_urusan"),
    "kode_program": ("kode_program",),
    "nama_program": ("nama_program", "program"),
    "kode_giat": ("kode_giat", "kode_kegiatan"),
    "nama_giat": ("nama_giat", "nama_kegiatan", "kegiatan"),
    "kode_sub_giat": ("kode_sub_giat", "kode_sub_kegiatan", "kode_subkegiatan"),
    "nama_sub_giat": ("nama_sub_giat", "nama_sub_kegiatan", "nama_subkegiatan", "sub_kegiatan"),
    "kode_skpd": ("kode_skpd", "kode_opd", "kode_perangkat_daerah"),
    "nama_skpd": ("nama_skpd", "nama_opd", "nama_perangkat_daerah", "skpd", "opd", "perangkat_daerah"),
    "kode_sub_skpd": ("kode_sub_skpd", "kode_unit"),
    "nama_sub_skpd": ("nama_sub_skpd", "nama_unit"),
    "pagu": ("pagu", "pagu_indikatif", "pagu_anggaran", "anggaran"),
    "pagu_n_lalu": ("pagu_n_lalu",),
    "pagu_n_depan": ("pagu_n_depan",),
    "output_sub_giat": ("output_sub_giat", "keluaran", "output", "keluaran_sub_kegiatan"),
    "indikator": ("indikator", "indikator_sub_kegiatan", "tolok_ukur"),
    "sasaran": ("sasaran",),
    "satuan": ("satuan",),
    "target": ("target",),
    **{f"target_{n}": (f"target_{n}",) for n in range(1, 6)},
    "nama_dana": ("nama_dana", "sumber_dana", "dana"),
    "nama_lokasi": ("nama_lokasi", "lokasi"),
    "label_pusat": ("label_pusat",),
    "label_prov": ("label_prov", "label_provinsi"),
    "label_kokab": ("label_kokab", "label_kabkota"),
}
"""SIPD column -> the header spellings read for it (compared after `canonical`)."""

_ALIAS = {alias: name for name, aliases in SIPD_COLUMNS.items() for alias in aliases}
_LABELS = ("label_pusat", "label_prov", "label_kokab")
_BIDANG = re.compile(r"\d\.\d{2}")
_YEARLY = re.compile(r"target_(\d{4})")

# Kaskade column -> the SIPD columns it is taken from, first present wins.
_ALWAYS = {"tahun", "kode_pemda"}  # given as arguments when the export lacks them
_SUB = {
    "tahun": ("tahun_anggaran",),
    "kode_pemda": (),
    "kode_skpd": ("kode_skpd",),
    "kode_sub_giat": ("kode_sub_giat",),
    "nama_sub_giat": ("nama_sub_giat",),
    "pagu": ("pagu",),
    "lokasi": ("nama_lokasi",),
    "keluaran": ("output_sub_giat", "indikator"),
    "target": ("target", "target_1"),
    "satuan": ("satuan",),
    "sumber_dana": ("nama_dana",),
}
_PROGRAM = {"tahun": ("tahun_anggaran",), "kode_pemda": (), "kode": ("kode_program", "kode_giat"),
            "nama": ("nama_program", "nama_giat"), "kode_skpd": ("kode_skpd",)}
_AGENCY = {"kode_skpd": ("kode_skpd",), "nama_skpd": ("nama_skpd",), "kode_pemda": (),
           "bidang": ("kode_bidang_urusan", "kode_skpd")}


def sipd_columns(headers: Sequence[str]) -> dict[str, int]:
    """SIPD column -> its position among `headers` (the first match wins)."""
    found: dict[str, int] = {}
    for pos, header in enumerate(headers):
        name = _ALIAS.get(canonical(header))
        if name and name not in found:
            found[name] = pos
    return found


def is_sipd(table: RawTable) -> bool:
    """Does the table look like a SIPD sub kegiatan export (codes and names of sub kegiatan)?"""
    columns = sipd_columns(table.headers)
    return "kode_sub_giat" in columns and "nama_sub_giat" in columns


def _cell(cells: Sequence[Any], pos: int | None) -> str | None:
    """The text at `pos` (None when blank or past the row's end)."""
    return cell_text(cells[pos]) if pos is not None and pos < len(cells) else None


def _full(code: str | None, parent: str | None, segments: int) -> str | None:
    """Prefix a short code with its parent: SIPD may give ``02`` for program 1.02.02."""
    if code is None or parent is None or code.upper().startswith("X") or code.count(".") + 1 >= segments:
        return code
    return f"{parent}.{code}"


def _skpd_bidang(kode_skpd: str) -> list[str]:
    """``1.01.2.22.0.00.01.0000`` holds bidang 1.01 and 2.22 (``0.00`` is an empty slot)."""
    parts = kode_skpd.split(".")
    pairs = [f"{parts[i]}.{parts[i + 1]}" for i in (0, 2, 4) if i + 1 < len(parts)]
    return [p for p in pairs if _BIDANG.fullmatch(p) and p != "0.00"]


def _government(kode_pemda: Any, source: str) -> tuple[str | None, list[Issue]]:
    kode = cell_text(kode_pemda)
    if kode is None:
        return None, [make_issue("kode_pemda_missing", source=source)]
    if not regions.exists(kode):
        return None, [make_issue("unknown_region", source=source, column="kode_pemda", value=kode)]
    try:
        level = regions.government_level(kode)
    except ValueError:
        level = None
    if level is None or level.level_digit is None:
        return None, [make_issue("not_government", source=source, column="kode_pemda", value=kode)]
    return kode, []


def _layout(spec: dict[str, tuple[str, ...]], cols: dict[str, int], labels: list[str]) -> tuple[list[str], list[str]]:
    """The derived table's columns (those the export can fill) and the export headers they come from."""
    headers, names = [], []
    for name, sources in spec.items():
        present = [s for s in sources if s in cols]
        if not present and name not in _ALWAYS:
            continue
        headers.append(name)
        names.append(labels[cols[present[0]]] if present else name)
    return headers, names


def _column_warnings(table: RawTable, cols: dict[str, int], yearly: set[int]) -> list[Issue]:
    """Columns that are not SIPD's, and priority tags that are not loaded."""
    at = dict(source=table.source, sheet=table.sheet)
    used = set(cols.values()) | yearly
    issues = [make_issue("unknown_column", column=table.labels[pos], **at)
              for pos, header in enumerate(table.headers) if pos not in used and not is_blank(header)]
    for name in _LABELS:
        pos = cols.get(name)
        if pos is not None and any(pos < len(r) and not is_blank(r[pos]) for r in table.rows):
            reason = ("tag prioritas SIPD belum dihubungkan ke sasaran Kaskade",
                      "SIPD priority tags are not linked to Kaskade targets")
            issues.append(make_issue("not_loaded", column=table.labels[pos], reason=reason, **at))
    return issues


def sipd_tables(
    table: RawTable, *, kode_pemda: Any, tahun: int | None
) -> tuple[dict[str, RawTable], list[Issue]]:
    """The perangkat_daerah, program_kegiatan and sub_kegiatan tables of one SIPD export."""
    kode, issues = _government(kode_pemda, table.source)
    cols = sipd_columns(table.headers)
    if "tahun_anggaran" not in cols and tahun is None:
        issues.append(make_issue("tahun_missing", source=table.source, sheet=table.sheet))
    if kode is None or issues:
        return {}, issues
    at = dict(source=table.source, sheet=table.sheet)
    # target_2025 ... : a target per year, preferred over target_1 for the line's year
    yearly = {m[1]: pos for pos, h in enumerate(table.headers) if (m := _YEARLY.fullmatch(canonical(h)))}
    issues += _column_warnings(table, cols, set(yearly.values()))
    place_column = table.labels[cols["nama_lokasi"]] if "nama_lokasi" in cols else "lokasi"
    places: dict[str, tuple[list[str], list[str]]] = {}

    def first(cells: Sequence[Any], *names: str) -> str | None:
        return next((v for name in names if (v := _cell(cells, cols.get(name))) is not None), None)

    subs: list[list[Any]] = []
    programs: dict[tuple, tuple[list[Any], int]] = {}
    agencies: dict[str, tuple[list[Any], int]] = {}
    sub_fields, sub_labels = _layout(_SUB, cols, table.labels)
    for cells, number in zip(table.rows, table.row_numbers):
        year = first(cells, "tahun_anggaran") or (None if tahun is None else str(tahun))
        bidang = _full(first(cells, "kode_bidang_urusan"), first(cells, "kode_urusan"), 2)
        program = _full(first(cells, "kode_program"), bidang, 3)
        kegiatan = _full(first(cells, "kode_giat"), program, 5)
        skpd = first(cells, "kode_skpd")
        lokasi: list[str] = []
        text = first(cells, "nama_lokasi")
        if text:
            if text not in places:
                places[text] = regions.resolve_places(text, kode)
            lokasi, unresolved = places[text]
            for name in unresolved:
                issues.append(make_issue("unknown_place", row=number, column=place_column, value=name, kode=kode, **at))
        line = {
            "tahun": year, "kode_pemda": kode, "kode_skpd": skpd,
            "kode_sub_giat": _full(first(cells, "kode_sub_giat"), kegiatan, 6),
            "nama_sub_giat": first(cells, "nama_sub_giat"), "pagu": first(cells, "pagu"), "lokasi": list(lokasi),
            "keluaran": first(cells, "output_sub_giat", "indikator"),
            "target": _cell(cells, yearly.get(str(year))) or first(cells, "target", "target_1"),
            "satuan": first(cells, "satuan"), "sumber_dana": first(cells, "nama_dana"),
        }
        subs.append([line[f] for f in sub_fields])
        for code, name in ((program, first(cells, "nama_program")), (kegiatan, first(cells, "nama_giat"))):
            if code is not None and (year, code, skpd) not in programs:
                programs[(year, code, skpd)] = ([year, kode, code, name, skpd], number)
        if skpd is not None:
            held = agencies.setdefault(skpd, ([skpd, first(cells, "nama_skpd"), kode, []], number))[0][3]
            if bidang and _BIDANG.fullmatch(bidang) and bidang not in held and len(held) < 3:
                held.append(bidang)
    for values, _ in agencies.values():
        values[3] = values[3] or _skpd_bidang(values[0])

    def derived(spec: dict[str, tuple[str, ...]], found: dict[Any, tuple[list[Any], int]]) -> RawTable:
        headers, labels = _layout(spec, cols, table.labels)
        keep = [i for i, name in enumerate(spec) if name in headers]
        rows = [[values[i] for i in keep] for values, _ in found.values()]
        return RawTable(table.source, table.sheet, headers, rows, [n for _, n in found.values()], labels)

    tables = {"sub_kegiatan": RawTable(table.source, table.sheet, sub_fields, subs, list(table.row_numbers),
                                       sub_labels)}
    if programs and ("nama_program" in cols or "nama_giat" in cols):
        tables["program_kegiatan"] = derived(_PROGRAM, programs)
    if agencies:
        tables["perangkat_daerah"] = derived(_AGENCY, agencies)
    return tables, issues
