"""Message templates per rule, in Indonesian and English, and `make_issue` to fill them.

Each rule id is stable (tests, the app and users' scripts key on it). A template's parameters
come from `make_issue` keywords; a parameter given as a pair ``(indonesian, english)`` is
language-specific.

>>> i = make_issue("unknown_ref", source="a.xlsx", sheet="sasaran", row=4, column="induk",
...                value="S9", target=("sasaran", "sasaran"))
>>> i.message
"'S9' tidak ditemukan di sasaran."
>>> i.message_en, i.severity
("'S9' was not found in sasaran.", 'error')
"""
from __future__ import annotations

from typing import Any

from base.errors import Issue, Severity

__all__ = ["MESSAGES", "WARNINGS", "make_issue", "summary_issue"]

MESSAGES: dict[str, tuple[str, str]] = {
    # whole files
    "file_type": (
        "Berkas ini bukan {expected} yang sah: isinya {found}. Simpan ulang berkas sebagai {expected}.",
        "This file is not a valid {expected}: its content is {found}. Save the file again as {expected}.",
    ),
    "not_found": ("Berkas atau folder tidak ditemukan.", "File or folder not found."),
    "empty": (
        "Berkas kosong: tidak ada tabel untuk dimuat.",
        "The file is empty: there is no table to load.",
    ),
    "no_sheets": (
        "Tidak ada tabel Kaskade yang dikenal ({expected}) dan bukan ekspor SIPD "
        "(kolom kode_sub_giat dan nama_sub_giat). Ditemukan: {found}.",
        "No known Kaskade table ({expected}) and not a SIPD export "
        "(columns kode_sub_giat and nama_sub_giat). Found: {found}.",
    ),
    "too_large": (
        "Berkas terlalu besar: {size} MB; batasnya {limit} MB.",
        "The file is too large: {size} MB; the limit is {limit} MB.",
    ),
    "json": (
        "JSON tidak sah di baris {line}, kolom {col}: {detail}.",
        "Invalid JSON at line {line}, column {col}: {detail}.",
    ),
    "json_shape": (
        'JSON harus berupa objek {{"nama_tabel": [{{...}}, ...]}}: {detail}.',
        'JSON must be an object {{"table_name": [{{...}}, ...]}}: {detail}.',
    ),
    "duplicate_sheet": (
        "Tabel {table} muncul lebih dari sekali (juga di {other}); gabungkan menjadi satu.",
        "Table {table} appears more than once (also in {other}); merge them into one.",
    ),
    "unknown_sheet": (
        "Lembar '{sheet}' tidak dikenal dan tidak dimuat. Tabel yang dikenal: {expected}.",
        "Sheet '{sheet}' is not known and was not loaded. Known tables: {expected}.",
    ),
    "unknown_column": (
        "Kolom '{column}' tidak dikenal dan tidak dimuat.",
        "Column '{column}' is not known and was not loaded.",
    ),
    "duplicate_column": (
        "Kolom '{column}' muncul lebih dari sekali (juga {other}).",
        "Column '{column}' appears more than once (also {other}).",
    ),
    "missing_column": (
        "Kolom wajib '{column}' tidak ada di lembar ini.",
        "Required column '{column}' is missing from this sheet.",
    ),
    "not_loaded": (
        "Kolom '{column}' tidak dimuat: {reason}.",
        "Column '{column}' was not loaded: {reason}.",
    ),
    "kode_pemda_missing": (
        "Berkas ini tidak menyebut pemerintah daerahnya; berikan kode pemda (opsi --kode-pemda, "
        "misalnya 64.02).",
        "This file does not name its government; give the government code (option --kode-pemda, e.g. 64.02).",
    ),
    "tahun_missing": (
        "Berkas ini tidak menyebut tahunnya (tidak ada kolom tahun_anggaran); berikan tahun (opsi --tahun, "
        "misalnya 2025).",
        "This file does not state its year (no tahun_anggaran column); give the year (option --tahun, "
        "e.g. 2025).",
    ),
    "kode_skpd_missing": (
        "Berkas ini tabel satu perangkat daerah tanpa kolom kode_skpd; berikan kode perangkat daerah "
        "(opsi --kode-skpd, misalnya 1.03.0.00.0.00.01.0000).",
        "This file is one agency's table without a kode_skpd column; give the agency code "
        "(option --kode-skpd, e.g. 1.03.0.00.0.00.01.0000).",
    ),
    "nama_skpd_missing": (
        "Berkas ini tabel satu perangkat daerah tanpa kolom nama_skpd; berikan nama perangkat daerah "
        "(opsi --nama-skpd, misalnya \"Dinas Pekerjaan Umum dan Penataan Ruang\").",
        "This file is one agency's table without a nama_skpd column; give the agency name "
        "(option --nama-skpd, e.g. \"Dinas Pekerjaan Umum dan Penataan Ruang\").",
    ),
    "tahun_awal_missing": (
        "Matriks lima tahun ini tidak menyebut tahun pertamanya ({column}); berikan tahun awal "
        "(opsi --tahun-awal, misalnya 2025).",
        "This five-year matrix does not state its first year ({column}); give the first year "
        "(option --tahun-awal, e.g. 2025).",
    ),
    # hierarchical tables (parents and their children in one code column)
    "not_sub_kegiatan": (
        "Kode '{value}' adalah kode {level}, padahal di sini harus kode sub kegiatan (U.BB.PP.L.KK.SSSS), "
        "dan tidak ada sub kegiatan di bawahnya; baris ini tidak dimuat.",
        "Code '{value}' is a {level} code where a sub kegiatan code (U.BB.PP.L.KK.SSSS) is expected, "
        "and no sub kegiatan follows it; this row is not loaded.",
    ),
    "parent_total": (
        "Jumlah {level} '{value}' di kolom ini {own}, sedangkan jumlah rinciannya {children} "
        "(selisih {gap}); pagu dihitung sekali, pada tingkat terendah.",
        "The {level} '{value}' totals {own} in this column, its children sum to {children} "
        "(difference {gap}); pagu is counted once, at the lowest level.",
    ),
    "parent_gap": (
        "Jumlah per tingkat di kolom ini tidak sama: {totals}; {count} baris induk berbeda dari rinciannya. "
        "Yang dihitung sebagai pagu: {counted}.",
        "The totals per level in this column differ: {totals}; {count} parent rows differ from their "
        "children. Counted as pagu: {counted}.",
    ),
    "misplaced": (
        "'{value}' tertulis di bawah {level} '{parent}' (baris {parent_row}), padahal kodenya bukan bagian darinya; "
        "jumlahnya dibandingkan dengan baris itu, tetapi graf menempatkannya menurut kodenya sendiri.",
        "'{value}' is written under {level} '{parent}' (row {parent_row}) but its code is not part of it; its "
        "money is compared with that row, but the graph places it by its own code.",
    ),
    "grand_total": (
        "Baris jumlah menulis {own}, sedangkan jumlah baris sub kegiatan yang dimuat {counted} (selisih {gap}); "
        "baris jumlah tidak dimuat.",
        "The total row says {own}, the sub kegiatan lines loaded sum to {counted} (difference {gap}); the total "
        "row is not loaded.",
    ),
    "pagu_not_loaded": (
        "{level} '{value}' tidak punya sub kegiatan di bawahnya; dananya {amount} tidak dimuat sebagai pagu "
        "(Kaskade mencatat pagu pada sub kegiatan).",
        "{level} '{value}' has no sub kegiatan below it; its funds of {amount} are not loaded as pagu "
        "(Kaskade keeps pagu on sub kegiatan).",
    ),
    "level_unknown": (
        "Kode '{value}' bukan kode urusan, bidang, program, kegiatan atau sub kegiatan; baris ini tidak dimuat.",
        "Code '{value}' is not an urusan, bidang, program, kegiatan or sub kegiatan code; this row is not "
        "loaded.",
    ),
    "kelompok": (
        "'{value}' di kolom {column} harus Tujuan atau Sasaran.",
        "'{value}' in column {column} must be Tujuan or Sasaran.",
    ),
    "sasaran_without_tujuan": (
        "Sasaran '{value}' tidak didahului baris Tujuan; sasaran milik tujuan di atasnya.",
        "Sasaran '{value}' has no Tujuan row above it; a sasaran belongs to the tujuan above it.",
    ),
    # single values
    "required": ("Kolom '{column}' wajib diisi.", "Column '{column}' is required."),
    "number": (
        "'{value}' bukan angka (tulis misalnya 1.250.000,50).",
        "'{value}' is not a number (write e.g. 1.250.000,50).",
    ),
    "year": ("'{value}' bukan tahun (tulis misalnya 2025).", "'{value}' is not a year (write e.g. 2025)."),
    "enum": (
        "'{value}' bukan nilai yang dikenal untuk {column}; pilih salah satu: {allowed}.",
        "'{value}' is not a known value for {column}; choose one of: {allowed}.",
    ),
    "code": ("Kode '{value}' tidak sah: {reason}.", "Code '{value}' is not valid: {reason}."),
    "bidang": (
        "'{value}' bukan kode bidang urusan (contoh 1.02).",
        "'{value}' is not a bidang urusan code (e.g. 1.02).",
    ),
    "negative": ("{column} tidak boleh negatif ('{value}').", "{column} must not be negative ('{value}')."),
    "type": (
        "Nilai '{value}' tidak cocok untuk kolom '{column}' (harus {expected}).",
        "Value '{value}' does not fit column '{column}' (must be {expected}).",
    ),
    "invalid": ("Nilai '{value}' tidak sah: {detail}.", "Value '{value}' is not valid: {detail}."),
    # across rows
    "duplicate_id": (
        "'{value}' sudah dipakai di baris {other}; {key} harus unik.",
        "'{value}' is already used in row {other}; {key} must be unique.",
    ),
    "unknown_ref": ("'{value}' tidak ditemukan di {target}.", "'{value}' was not found in {target}."),
    "cycle": (
        "Hierarki berputar (lingkaran): {path}.",
        "The hierarchy loops back on itself: {path}.",
    ),
    "unknown_region": ("Kode wilayah '{value}' tidak dikenal.", "Region code '{value}' is not known."),
    "not_government": (
        "'{value}' bukan kode pemerintah daerah (provinsi atau kabupaten/kota).",
        "'{value}' is not a government code (province or kabupaten/kota).",
    ),
    "tingkat": (
        "tingkat '{value}' tidak cocok dengan kode {kode} ({expected}).",
        "tingkat '{value}' does not match code {kode} ({expected}).",
    ),
    "outside_region": (
        "Lokasi '{value}' berada di luar wilayah pemda {kode}.",
        "Location '{value}' lies outside the region of government {kode}.",
    ),
    "year_outside_period": (
        "Tahun target {value} di luar periode dokumen {dokumen} ({start}–{end}).",
        "Target year {value} lies outside the period of document {dokumen} ({start}–{end}).",
    ),
    "period": (
        "tahun_akhir {value} lebih awal dari tahun_awal {start}.",
        "tahun_akhir {value} is earlier than tahun_awal {start}.",
    ),
    "bidang_missing": (
        "Kode '{value}' memakai X.XX, tetapi {skpd}; isi kolom bidang di lembar perangkat_daerah.",
        "Code '{value}' uses X.XX, but {skpd}; fill the bidang column in sheet perangkat_daerah.",
    ),
    "unknown_place": (
        "Lokasi '{value}' tidak ditemukan di wilayah {kode}; baris ini hanya memakai lokasi yang dikenali.",
        "Place '{value}' was not found in region {kode}; this line keeps only the places recognised.",
    ),
    "code_not_in_year": (
        "Kode '{value}' tidak berlaku pada tahun {year} menurut nomenklatur.",
        "Code '{value}' is not valid in {year} according to the nomenclature.",
    ),
    "more": (
        "... dan {count} masalah sejenis lainnya ({rule}) di kolom ini.",
        "... and {count} more problems of the same kind ({rule}) in this column.",
    ),
}
"""rule -> (Indonesian template, English template)."""

WARNINGS = frozenset(
    {"unknown_sheet", "unknown_column", "not_loaded", "outside_region", "unknown_place", "code_not_in_year",
     "parent_total", "parent_gap", "pagu_not_loaded", "grand_total", "misplaced"}
)
"""Rules that are warnings: the data still loads."""

_MAX_VALUE = 200


def _fill(template: str, params: dict[str, Any], lang: int) -> str:
    values = {k: (v[lang] if isinstance(v, tuple) else v) for k, v in params.items()}
    return template.format(**values)


def make_issue(
    rule: str,
    *,
    source: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: Any = None,
    **params: Any,
) -> Issue:
    """An `Issue` for `rule`, its messages filled from the location, value and `params`."""
    text = None if value is None else str(value)[:_MAX_VALUE]
    params = {"column": column, "value": text, "sheet": sheet, **params}
    id_template, en_template = MESSAGES[rule]
    return Issue(
        source=source,
        sheet=sheet,
        row=row,
        column=column,
        value=text,
        rule=rule,
        message=_fill(id_template, params, 0),
        message_en=_fill(en_template, params, 1),
        severity="warning" if rule in WARNINGS else "error",
    )


def summary_issue(first: Issue, count: int) -> Issue:
    """Stands for `count` further issues like `first` that were left out of a report."""
    severity: Severity = first.severity
    params = {"count": count, "rule": first.rule}
    return Issue(
        source=first.source,
        sheet=first.sheet,
        column=first.column,
        rule=first.rule,
        message=_fill(MESSAGES["more"][0], params, 0),
        message_en=_fill(MESSAGES["more"][1], params, 1),
        severity=severity,
    )
