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
        "Ekspor SIPD tidak memuat kode pemda; sebutkan kode_pemda (misalnya 64.02).",
        "A SIPD export carries no government code; give kode_pemda (e.g. 64.02).",
    ),
    "tahun_missing": (
        "Ekspor SIPD tanpa kolom tahun_anggaran; sebutkan tahun (misalnya 2025).",
        "The SIPD export has no tahun_anggaran column; give tahun (e.g. 2025).",
    ),
    # single values
    "required": ("Kolom '{column}' wajib diisi.", "Column '{column}' is required."),
    "number": (
        "'{value}' bukan angka (tulis misalnya 1.250.000,50).",
        "'{value}' is not a number (write e.g. 1.250.000,50).",
    ),
    "number_too_large": (
        "Angka '{value}' terlalu besar untuk disimpan persis (paling besar {limit}); periksa sel ini.",
        "The number '{value}' is too large to keep exactly (at most {limit}); check this cell.",
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
    # what a reader noticed in the file itself
    "control_characters": (
        "Karakter kendali ({chars}) dihapus dari sel ini; yang dimuat: '{value}'.",
        "Control characters ({chars}) were taken out of this cell; loaded as '{value}'.",
    ),
    "control_characters_more": (
        "... dan {count} sel lain di lembar ini yang karakter kendalinya dihapus.",
        "... and {count} more cells in this sheet whose control characters were taken out.",
    ),
    "bad_bytes": (
        "Byte {bytes} bukan UTF-8 (berkas ini UTF-8); dibaca sebagai Windows-1252: '{value}'. Periksa baris ini.",
        "Bytes {bytes} are not UTF-8 (this file is UTF-8); read as Windows-1252: '{value}'. Check this row.",
    ),
    "hidden_rows": (
        "{count} baris tersembunyi di Excel ikut dimuat (baris {rows}).",
        "{count} rows hidden in Excel were loaded too (rows {rows}).",
    ),
    "hidden_sheet": (
        "Lembar '{sheet}' tersembunyi di Excel, tetapi ikut dimuat.",
        "Sheet '{sheet}' is hidden in Excel, but was loaded.",
    ),
    "merged_header": (
        "Sel judul kolom digabung ({cells}) sehingga kolom di bawahnya tidak punya judul dan datanya "
        "tidak akan dimuat; pisahkan sel itu dan beri setiap kolom judulnya.",
        "A merged header cell ({cells}) leaves the column under it without a header, so its data would "
        "not be loaded; unmerge the cell and give every column its header.",
    ),
    "formula_no_value": (
        "Sel berisi rumus {value} tanpa nilai tersimpan (berkas belum dihitung di Excel); buka dan simpan "
        "berkas di Excel, atau tulis nilainya.",
        "The cell holds the formula {value} with no stored value (the file was never calculated in Excel); "
        "open and save it in Excel, or type the value.",
    ),
    "formula_no_value_more": (
        "... dan {count} sel rumus lain tanpa nilai tersimpan di lembar ini.",
        "... and {count} more formula cells with no stored value in this sheet.",
    ),
    "json_duplicate_key": (
        "Kunci '{key}' muncul dua kali di objek yang sama; hanya satu yang bisa dimuat. Hapus salah satunya.",
        "Key '{key}' appears twice in the same object; only one could be loaded. Remove one of them.",
    ),
    "json_depth": (
        "JSON bersarang terlalu dalam (lebih dari {limit} tingkat) di baris {line}, kolom {col}.",
        "JSON nested too deeply (more than {limit} levels) at line {line}, column {col}.",
    ),
    "json_number": (
        "JSON memuat {what}, yang bukan angka sah.",
        "The JSON holds {what}, which is not a valid number.",
    ),
    "more": (
        "... dan {count} masalah sejenis lainnya ({rule}) di kolom ini.",
        "... and {count} more problems of the same kind ({rule}) in this column.",
    ),
}
"""rule -> (Indonesian template, English template)."""

WARNINGS = frozenset(
    {"unknown_sheet", "unknown_column", "not_loaded", "outside_region", "unknown_place", "code_not_in_year",
     "control_characters", "control_characters_more", "bad_bytes", "hidden_rows", "hidden_sheet"}
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
