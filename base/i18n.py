"""Every string the app shows, in Bahasa Indonesia (the default) and English, in one catalogue.

`TEXT` maps a key to its ``(id, en)`` pair; add a key by adding one line. Placeholders use
`str.format` names and must be the same in both languages (a test checks it).

>>> t("page.overview")
'Ringkasan'
>>> t("page.overview", "en")
'Overview'
>>> t("data.loaded", "en", name="sample", n=3)
'Data: sample (3 governments)'
>>> t("value.reason.no_outcome", "en")
'No path to an outcome'
"""
from __future__ import annotations

__all__ = ["LANGS", "DEFAULT_LANG", "TEXT", "t", "column_label", "normalize_lang"]

LANGS: tuple[str, ...] = ("id", "en")
DEFAULT_LANG = "id"

TEXT: dict[str, tuple[str, str]] = {
    # app frame
    "lang.label": ("Bahasa / Language", "Bahasa / Language"),
    "lang.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "lang.en": ("English", "English"),
    "data.loaded": ("Data: {name} ({n} pemerintah daerah)", "Data: {name} ({n} governments)"),
    "data.sample_name": ("contoh bawaan, ilustratif", "bundled sample, illustrative"),
    "data.startup_failed": (
        "Data awal {name} tidak dapat dibuka; contoh bawaan yang ditampilkan. Masalahnya:",
        "The start-up data {name} could not be opened; showing the bundled sample. The problems:",
    ),
    "data.warnings": ("{n} peringatan pada data yang dimuat", "{n} warnings in the loaded data"),
    # navigation
    "nav.explore": ("Telusuri", "Explore"),
    "nav.meeting": ("Rapat & data", "Meeting & data"),
    "page.overview": ("Ringkasan", "Overview"),
    "page.cascade": ("Kaskade", "Cascade"),
    "page.orphans": ("Yatim (tanpa induk)", "Orphans"),
    "page.mandates": ("Kewenangan & tumpang tindih", "Mandates & overlaps"),
    "page.who_where": ("Siapa di mana", "Who intervenes where"),
    "page.budget": ("Anggaran", "Budget"),
    "page.data": ("Data", "Data"),
    "page.presentation": ("Presentasi", "Presentation"),
    # shared
    "common.all": ("(semua)", "(all)"),
    "common.none_found": ("Tidak ada yang ditemukan.", "Nothing found."),
    "common.rows": ("{n} baris", "{n} rows"),
    "common.year": ("Tahun", "Year"),
    "common.province": ("Provinsi", "Province"),
    "common.government": ("Pemerintah daerah", "Government"),
    "common.bidang": ("Bidang urusan", "Sector (bidang urusan)"),
    "common.search": ("Cari", "Search"),
    "common.proposed": ("Hitung usulan", "Count proposed"),
    "common.proposed_help": (
        "Biasanya hanya tautan yang disepakati dihitung sebagai dukungan.",
        "Normally only agreed links count as support.",
    ),
    # presentation mode and saved views
    "present.toggle": ("Mode presentasi", "Presentation mode"),
    "present.help": ("Huruf besar, kontras tinggi, untuk proyektor.", "Large fonts and high contrast, for a projector."),
    "present.none": (
        "Belum ada tampilan tersimpan. Gunakan tombol \u201cSimpan tampilan ini\u201d di halaman lain.",
        "No saved views yet. Use the \u201cSave this view\u201d button on the other pages.",
    ),
    "present.prev": ("\u2190 Sebelumnya", "\u2190 Previous"),
    "present.next": ("Berikutnya \u2192", "Next \u2192"),
    "present.position": ("Tampilan {i} dari {n}", "View {i} of {n}"),
    "present.remove": ("Hapus tampilan ini", "Remove this view"),
    "present.clear": ("Hapus semua", "Remove all"),
    "present.deck": ("Unduh PowerPoint (tampilan tersimpan + temuan)", "Download PowerPoint (saved views + findings)"),
    "present.deck_title": ("Kaskade: bahan rapat koordinasi", "Kaskade: coordination meeting"),
    "view.save": ("Simpan tampilan ini", "Save this view"),
    "view.saved": ("Tersimpan untuk presentasi: {title}", "Saved for the presentation: {title}"),
    # meeting-grade views, presentation and deck
    "view.rest": ("+{n} {tier} lainnya", "+{n} more {tier}"),
    "view.link": ("Tautan ke tampilan ini", "Link to this view"),
    "view.link_help": (
        "Salin alamat ini: membukanya (juga setelah aplikasi dimulai ulang) menampilkan tampilan yang sama.",
        "Copy this address: opening it (also after a restart) shows the same view.",
    ),
    "view.persisted": ("Tampilan tersimpan di {path}", "Views are saved in {path}"),
    "cascade.focus_title": ("Rantai temuan: {what}", "Chain of the finding: {what}"),
    "cascade.focus_caption": (
        "Menampilkan rantai temuan ini saja: garis pandang ke atas dan sub kegiatan sekerabatnya.",
        "Showing only this finding's chain: its line of sight up and its sibling sub kegiatan.",
    ),
    "cascade.show_all": ("Tampilkan seluruh kaskade", "Show the whole cascade"),
    "headline.level": (
        "{government} menjalankan sub kegiatan {name} — {mandate}, tanpa bankeu/DAK",
        "{government} runs the sub kegiatan {name} — {mandate}, with no bankeu/DAK",
    ),
    "headline.bidang": (
        "{agency} ({government}) menjalankan {name} di luar bidang urusannya",
        "{agency} ({government}) runs {name} outside its bidang urusan",
    ),
    "headline.mandate.1": ("kewenangan provinsi", "a provincial mandate"),
    "headline.mandate.2": ("kewenangan kabupaten/kota", "a district mandate"),
    "headline.mandate.0": ("kewenangan pusat", "a national mandate"),
    "headline.cascade": (
        "{title}: {n} sub kegiatan, pagu {pagu}",
        "{title}: {n} sub kegiatan, budget {pagu}",
    ),
    "headline.trace": (
        "{name} mencapai {k} prioritas nasional; {broken} rantai putus",
        "{name} reaches {k} national priorities; {broken} chains break",
    ),
    "headline.table": ("{title}: {n} baris", "{title}: {n} rows"),
    "headline.figure": ("{title}", "{title}"),
    "deck.closing": ("Temuan terbuka dan tindak lanjut", "Open findings and follow-up"),
    "deck.closing_headline": (
        "{n} temuan menunggu tindak lanjut dari pemiliknya",
        "{n} findings await follow-up by their owners",
    ),
    "deck.finding": ("Temuan", "Finding"),
    "deck.owner": ("Pemilik (pemda / perangkat daerah)", "Owner (government / agency)"),
    "deck.followup": ("Tindak lanjut", "Follow-up"),
    "deck.followup.mandate": ("Pindahkan ke pemerintah yang berwenang atau catat bankeu/DAK",
                              "Move to the government holding the mandate or record the bankeu/DAK"),
    "deck.followup.orphan": ("Kaitkan ke sasaran atau indikator, atau hentikan",
                             "Link to a target or indicator, or stop it"),
    "deck.followup.overlap": ("Sepakati pembagian peran provinsi dan kab/kota",
                              "Agree how province and district divide the work"),
    "deck.part": ("bagian {i} dari {n}", "part {i} of {n}"),
    "deck.more_columns": ("{n} kolom lain ada di unduhan XLSX", "{n} more columns in the XLSX download"),
    "deck.no_picture": ("Gambar tidak tersedia: {reason}", "Picture unavailable: {reason}"),
    "deck.empty": ("Tidak ada baris.", "No rows."),
    "present.exit": ("Keluar dari mode presentasi", "Leave presentation mode"),
    "data.drop": ("Tarik berkas ke sini \u00b7 XLSX, ZIP, CSV, JSON, KGRAPH \u00b7 maks. 200 MB per berkas",
                  "Drop a file here \u00b7 XLSX, ZIP, CSV, JSON, KGRAPH \u00b7 up to 200 MB per file"),
    "data.browse": ("Pilih berkas", "Browse files"),
    "mandates.province_wide": ("Kegiatan berlingkup provinsi tumpang tindih dengan setiap kab/kota di provinsinya.",
                               "A province-wide line overlaps every kab/kota of its province."),
    # exports
    "export.html": ("Unduh HTML", "Download HTML"),
    "export.png": ("Unduh PNG", "Download PNG"),
    "export.png_missing": (
        "Chromium tidak terpasang, jadi PNG tidak dapat dibuat; unduh HTML.",
        "Chromium is not installed, so no PNG can be made; download the HTML.",
    ),
    "export.csv": ("Unduh CSV", "Download CSV"),
    "export.xlsx": ("Unduh XLSX", "Download XLSX"),
    "export.pptx": ("Unduh PowerPoint", "Download PowerPoint"),
    # overview
    "overview.governments": ("Pemerintah daerah", "Governments"),
    "overview.agencies": ("Perangkat daerah", "Agencies"),
    "overview.sub_kegiatan": ("Sub kegiatan", "Sub kegiatan"),
    "overview.pagu": ("Total pagu", "Total budget (pagu)"),
    "overview.years": ("Tahun", "Years"),
    "overview.findings": ("Temuan utama", "Headline findings"),
    "overview.orphans": ("Temuan yatim", "Orphan findings"),
    "overview.orphans_help": (
        "Sub kegiatan dan sasaran yang terputus dari kaskade.",
        "Sub kegiatan and targets cut off from the cascade.",
    ),
    "overview.open_orphans": ("Lihat temuan yatim", "See the orphans"),
    "overview.mandates": ("Konflik kewenangan", "Mandate conflicts"),
    "overview.mandates_help": (
        "Pekerjaan di luar kewenangan pemerintah atau perangkat daerahnya.",
        "Work outside its government's or agency's mandate.",
    ),
    "overview.open_mandates": ("Lihat konflik kewenangan", "See the mandate conflicts"),
    "overview.overlaps": ("Tumpang tindih", "Overlaps"),
    "overview.overlaps_help": (
        "Provinsi dan kabupaten/kota pada keluarga program yang sama (satu per pasangan pemerintah dan "
        "kabupaten/kota), serta sub kegiatan duplikat atau bernama hampir sama, di tempat dan tahun yang sama.",
        "A province and a district in the same programme family (one per pair of governments and kab/kota), "
        "and duplicate or near-identically named lines, in the same place and year.",
    ),
    "overview.open_overlaps": ("Lihat tumpang tindih", "See the overlaps"),
    "overview.quality": ("Kualitas data: keterhubungan per perangkat daerah",
                         "Data quality: linkage per agency"),
    "overview.quality_help": (
        "Baris tanpa perangkat daerah adalah total pemerintah daerah. Terhubung = mencapai sasaran atau indikator hasil.",
        "Rows without an agency are a government's total. Linked = reaches a target or an outcome indicator.",
    ),
    "overview.per_government": ("Per pemerintah daerah", "Per government"),
    # cascade
    "cascade.help": (
        "Satu baris per jenjang: PN \u2192 PP/KP \u2192 sasaran provinsi \u2192 sasaran kab/kota \u2192 program "
        "\u2192 kegiatan \u2192 sub kegiatan. Warna = tingkat pemerintahan; garis putus-putus = usulan, merah = ditolak.",
        "One row per tier: PN \u2192 PP/KP \u2192 province target \u2192 district target \u2192 programme "
        "\u2192 kegiatan \u2192 sub kegiatan. Colour = level of government; dashed = proposed, red = rejected.",
    ),
    "cascade.start": ("Mulai dari", "Start from"),
    "cascade.kind.prioritas": ("Prioritas nasional", "National priority"),
    "cascade.kind.sasaran": ("Sasaran daerah", "Regional target"),
    "cascade.kind.program": ("Program", "Programme"),
    "cascade.root": ("Puncak kaskade", "Top of the cascade"),
    "cascade.root_placeholder": ("Pilih\u2026", "Choose\u2026"),
    "cascade.too_many": (
        "Menampilkan {n} pertama dari {total}; pilih pemerintah daerah untuk mempersempit.",
        "Showing the first {n} of {total}; choose a government to narrow the list.",
    ),
    "cascade.view_options": ("Tampilan: ciutkan jenjang, cari", "View: collapse tiers, search"),
    "cascade.collapse": ("Ciutkan jenjang", "Collapse tiers"),
    "cascade.collapse_none": ("(tidak ada)", "(none)"),
    "cascade.group_by": ("Gabungkan per", "Merge by"),
    "cascade.group.parent": ("induk", "parent"),
    "cascade.group.agency": ("perangkat daerah", "agency"),
    "cascade.group.bidang": ("bidang urusan", "bidang urusan"),
    "cascade.search_hint": ("nama atau kode, mis. 1.03.10", "name or code, e.g. 1.03.10"),
    "cascade.table": ("Tabel simpul kaskade", "Table of the cascade's nodes"),
    "cascade.trace": ("Telusuri ke atas", "Trace up"),
    "cascade.trace_from": ("Sub kegiatan", "Sub kegiatan"),
    "cascade.no_lines": ("Kaskade ini tidak memiliki sub kegiatan.", "This cascade has no sub kegiatan."),
    "cascade.serves": ("Melayani prioritas nasional: {names}", "Serves national priorities: {names}"),
    "cascade.serves_none": (
        "Sub kegiatan ini tidak mencapai prioritas nasional mana pun.",
        "This sub kegiatan reaches no national priority.",
    ),
    # orphans
    "orphans.help": (
        "Pekerjaan dan sasaran yang tidak terhubung ke atas, masing-masing dengan alasannya.",
        "Work and targets with no link up the cascade, each with its reason.",
    ),
    "orphans.reasons": ("Alasan", "Reasons"),
    "orphans.context": ("Dalam konteksnya", "In its neighbourhood"),
    "orphans.pick": ("Temuan", "Finding"),
    # mandates and overlaps
    "mandates.conflicts": ("Konflik kewenangan", "Mandate conflicts"),
    "mandates.conflicts_help": (
        "Kegiatan dengan digit tingkat yang bukan milik pemerintahnya (tanpa bankeu/DAK), atau bidang yang tidak "
        "dipegang perangkat daerahnya (UU 23/2014).",
        "Kegiatan whose level digit is not its government's (with no bankeu/DAK), or of a bidang its agency does "
        "not hold (UU 23/2014).",
    ),
    "mandates.no_conflicts": ("Tidak ada konflik kewenangan.", "No mandate conflicts."),
    "mandates.pick": ("Konflik", "Conflict"),
    "mandates.open_cascade": ("Buka kaskadenya", "Open its cascade"),
    "mandates.overlaps": ("Tumpang tindih", "Overlaps"),
    "mandates.overlaps_help": (
        "Provinsi dan kabupaten/kota mendanai keluarga program yang sama di tempat dan tahun yang sama: satu baris "
        "per pasangan pemerintah, keluarga program dan kabupaten/kota, dengan jumlah sub kegiatan dan pagu di "
        "kedua pihak. Pilih satu untuk melihat sub kegiatannya.",
        "A province and a district fund the same programme family in the same place and year: one row per pair "
        "of governments, programme family and kab/kota, with the lines and pagu on both sides. Pick one to see "
        "its lines.",
    ),
    "mandates.duplicates": ("Duplikat", "Duplicates"),
    "mandates.duplicates_help": (
        "Sub kegiatan yang sama, atau bernama hampir sama, pada dua perangkat daerah atau pemerintah.",
        "The same sub kegiatan, or one with a near-identical name, under two agencies or governments.",
    ),
    "mandates.pick_pair": ("Temuan", "Finding"),
    "mandates.shared": ("Sasaran dan indikator hasil bersama: {names}", "Shared targets and outcome indicators: {names}"),
    "mandates.line_pairs": ("{n} pasangan sub kegiatan yang tempatnya bertumpang tindih.",
                            "{n} pairs of lines whose places overlap."),
    "mandates.where": ("Tempat {place}, tahun {year}", "Place {place}, year {year}"),
    # who intervenes where
    "who_where.help": (
        "Pekerjaan yang mencakup seluruh provinsi dihitung di setiap kabupaten/kota provinsi itu.",
        "Province-wide work counts in every district of the province.",
    ),
    "who_where.sector": ("Sektor", "Sector"),
    "who_where.sector.urusan": ("urusan", "urusan"),
    "who_where.sector.bidang": ("bidang urusan", "bidang urusan"),
    "who_where.sector.program": ("program", "programme"),
    "who_where.measure": ("Ukuran", "Measure"),
    "who_where.map": ("Peta kabupaten/kota", "District map"),
    "who_where.map_title": ("{measure} per kabupaten/kota", "{measure} per district"),
    "who_where.heatmap": ("Wilayah \u00d7 sektor", "Region \u00d7 sector"),
    "who_where.table": ("Tabel", "Table"),
    "who_where.region_title": ("Intervensi di", "Interventions in"),
    "who_where.region": ("Wilayah (klik peta atau pilih)", "Region (click the map or choose)"),
    "who_where.region_help": (
        "{n} sub kegiatan di {name}, dari nasional, provinsi sampai kabupaten/kota.",
        "{n} sub kegiatan in {name}, national first, then province, then district.",
    ),
    # budget
    "budget.flow": ("Aliran pagu", "Budget flow"),
    "budget.flow_help": (
        "Pagu tiap sub kegiatan mengalir ke atas lewat kegiatan, program dan sasaran sampai prioritas nasional.",
        "Each sub kegiatan's pagu flows up through kegiatan, programme and targets to the national priorities.",
    ),
    "budget.everything": ("(seluruh data)", "(all the data)"),
    "budget.depth": ("Sampai jenjang", "Down to"),
    "budget.flow_table": ("Tabel aliran", "Flow table"),
    "budget.aligned": ("Pagu selaras per pemerintah daerah", "Aligned budget per government"),
    "budget.aligned_help": (
        "Pagu yang mencapai prioritas nasional, hanya sasaran daerah, atau tidak ke mana pun.",
        "Pagu that reaches a national priority, a regional target only, or nothing.",
    ),
    # data
    "data.current": (
        "Dimuat: {governments} pemerintah daerah, {lines} sub kegiatan, tahun {years}.",
        "Loaded: {governments} governments, {lines} sub kegiatan, years {years}.",
    ),
    "data.backend": ("Mesin analisis: {backend}", "Analysis engine: {backend}"),
    "data.failed": (
        "{name} tidak dimuat: {n} kesalahan. Data sebelumnya tetap dipakai. Perbaiki baris berikut lalu unggah lagi.",
        "{name} was not loaded: {n} errors. The previous data stays. Fix these rows and upload again.",
    ),
    "data.loaded_ok": ("{name} dimuat.", "{name} loaded."),
    "data.upload": ("Unggah data", "Upload data"),
    "data.upload_help": (
        "Workbook Kaskade (.xlsx), folder CSV dalam .zip, .json, ekspor SIPD (.xlsx/.csv) atau graf .kgraph.",
        "A Kaskade workbook (.xlsx), a CSV folder as .zip, .json, a SIPD export (.xlsx/.csv) or a .kgraph graph.",
    ),
    "data.file": ("Berkas", "File"),
    "data.sipd": ("Ekspor SIPD: pemerintah daerah dan tahun", "SIPD export: government and year"),
    "data.sipd_help": (
        "Ekspor SIPD tidak memuat kode pemerintah daerah (dan kadang tahunnya); isi di sini.",
        "A SIPD export carries no government code (and sometimes no year); give them here.",
    ),
    "data.kode_pemda": ("Kode pemerintah daerah", "Government code (kode pemda)"),
    "data.tahun": ("Tahun anggaran", "Budget year"),
    "data.load": ("Periksa & muat", "Check & load"),
    "data.loading": ("Memeriksa berkas\u2026", "Checking the file\u2026"),
    "data.back_to_sample": ("Kembali ke contoh bawaan", "Back to the bundled sample"),
    "data.template": ("Templat", "Template"),
    "data.template_help": (
        "Workbook kosong dengan keterangan kolom, contoh baris dan daftar pilihan.",
        "An empty workbook with column notes, example rows and drop-downs.",
    ),
    "data.template_download": ("Unduh templat", "Download the template"),
    # table headings: "col.<column of a result's to_rows()>"
    "col.reason": ("Alasan", "Reason"),
    "col.message": ("Keterangan", "Explanation"),
    "col.government": ("Pemerintah daerah", "Government"),
    "col.government_name": ("Pemerintah daerah", "Government"),
    "col.government_level": ("Tingkat", "Level"),
    "col.agency": ("Perangkat daerah", "Agency"),
    "col.agency_name": ("Perangkat daerah", "Agency"),
    "col.agencies": ("Perangkat daerah", "Agencies"),
    "col.governments": ("Pemerintah daerah", "Governments"),
    "col.code": ("Kode", "Code"),
    "col.kode": ("Kode", "Code"),
    "col.name": ("Nama", "Name"),
    "col.year": ("Tahun", "Year"),
    "col.level": ("Tingkat", "Level"),
    "col.pagu": ("Pagu (Rp)", "Budget (pagu, Rp)"),
    "col.pagu_total": ("Pagu di bawahnya (Rp)", "Pagu below (Rp)"),
    "col.pagu_linked": ("Pagu terhubung (Rp)", "Linked pagu (Rp)"),
    "col.pagu_unlinked": ("Pagu tak terhubung (Rp)", "Unlinked pagu (Rp)"),
    "col.pagu_national": ("Pagu ke prioritas nasional (Rp)", "Pagu to a national priority (Rp)"),
    "col.pagu_regional": ("Pagu ke sasaran daerah saja (Rp)", "Pagu to a regional target only (Rp)"),
    "col.pagu_none": ("Pagu tak selaras (Rp)", "Unaligned pagu (Rp)"),
    "col.share_national": ("Bagian nasional", "National share"),
    "col.share_regional": ("Bagian daerah saja", "Regional-only share"),
    "col.share_none": ("Bagian tak selaras", "Unaligned share"),
    "col.sub_kegiatan": ("Sub kegiatan", "Sub kegiatan"),
    "col.sub_kegiatan_count": ("Sub kegiatan", "Sub kegiatan"),
    "col.agency_count": ("Perangkat daerah", "Agencies"),
    "col.linked": ("Terhubung", "Linked"),
    "col.unlinked": ("Tak terhubung", "Unlinked"),
    "col.conflicts": ("Konflik kewenangan", "Mandate conflicts"),
    "col.overlaps": ("Tumpang tindih", "Overlaps"),
    "col.tier": ("Jenjang", "Tier"),
    "col.path": ("Jalur", "Path"),
    "col.names": ("Rantai", "Chain"),
    "col.place": ("Tempat", "Place"),
    "col.places": ("Lokasi", "Places"),
    "col.family": ("Keluarga program", "Programme family"),
    "col.shared_outcomes": ("Sasaran bersama", "Shared outcomes"),
    "col.a_count": ("Sub kegiatan A", "Lines A"),
    "col.b_count": ("Sub kegiatan B", "Lines B"),
    "col.a_government": ("Pihak A", "Side A"),
    "col.a_code": ("Kode A", "Code A"),
    "col.a_name": ("Nama A", "Name A"),
    "col.a_pagu": ("Pagu A (Rp)", "Pagu A (Rp)"),
    "col.b_government": ("Pihak B", "Side B"),
    "col.b_code": ("Kode B", "Code B"),
    "col.b_name": ("Nama B", "Name B"),
    "col.b_pagu": ("Pagu B (Rp)", "Pagu B (Rp)"),
    "col.score": ("Kemiripan nama", "Name similarity"),
    "col.region": ("Kode wilayah", "Region code"),
    "col.region_name": ("Wilayah", "Region"),
    "col.sector": ("Sektor", "Sector"),
    "col.sector_name": ("Nama sektor", "Sector name"),
    "col.source_name": ("Dari", "From"),
    "col.target_name": ("Ke", "To"),
    "col.value": ("Pagu (Rp)", "Pagu (Rp)"),
    "col.source_tier": ("Jenjang asal", "From tier"),
    "col.target_tier": ("Jenjang tujuan", "To tier"),
    "col.severity": ("Jenis", "Severity"),
    "col.source": ("Berkas", "File"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.row": ("Baris", "Row"),
    "col.column": ("Kolom", "Column"),
    "col.rule": ("Aturan", "Rule"),
    "col.cell_value": ("Isi sel", "Cell value"),
    # coded values: "value.<column>.<value>"
    "value.reason.no_outcome": ("Tanpa jalur ke hasil", "No path to an outcome"),
    "value.reason.unaligned": ("Tidak selaras ke prioritas nasional", "Not aligned with a national priority"),
    "value.reason.unsupported_target": ("Sasaran tanpa dukungan", "Target with no support"),
    "value.reason.kp_no_regional_link": ("KP tanpa tautan daerah", "KP with no regional link"),
    "value.reason.program_empty": ("Program tanpa sub kegiatan", "Programme with no sub kegiatan"),
    "value.reason.kegiatan_empty": ("Kegiatan tanpa sub kegiatan", "Kegiatan with no sub kegiatan"),
    "value.reason.link_proposed": ("Tautan masih usulan", "Link only proposed"),
    "value.reason.link_rejected": ("Tautan ditolak", "Link rejected"),
    "value.reason.level": ("Tingkat pemerintahan", "Level of government"),
    "value.reason.bidang": ("Bidang perangkat daerah", "Agency's bidang"),
    "value.reason.code_invalid": ("Kode tidak berlaku", "Code not valid that year"),
    "value.reason.family": ("Keluarga program sama", "Same programme family"),
    "value.reason.same_sub_kegiatan": ("Sub kegiatan sama", "Same sub kegiatan"),
    "value.reason.near_duplicate": ("Nama hampir sama", "Near-identical name"),
    "value.reason.national": ("Mencapai prioritas nasional", "Reaches a national priority"),
    "value.reason.no_link": ("Tidak tertaut", "No link"),
    "value.tier.pn": ("Prioritas Nasional", "National Priority"),
    "value.tier.pp_kp": ("PP / KP", "PP / KP"),
    "value.tier.sasaran_provinsi": ("Sasaran provinsi", "Province target"),
    "value.tier.sasaran_kabkota": ("Sasaran kab/kota", "District target"),
    "value.tier.indikator": ("Indikator", "Indicator"),
    "value.tier.program": ("Program", "Programme"),
    "value.tier.kegiatan": ("Kegiatan", "Kegiatan"),
    "value.tier.sub_kegiatan": ("Sub kegiatan", "Sub kegiatan"),
    "value.government_level.nasional": ("nasional", "national"),
    "value.government_level.provinsi": ("provinsi", "province"),
    "value.government_level.kabupaten": ("kabupaten", "regency"),
    "value.government_level.kota": ("kota", "city"),
    "value.level.nasional": ("nasional", "national"),
    "value.level.provinsi": ("provinsi", "province"),
    "value.level.kabupaten": ("kabupaten", "regency"),
    "value.level.kota": ("kota", "city"),
    "value.severity.error": ("kesalahan", "error"),
    "value.severity.warning": ("peringatan", "warning"),
}


def normalize_lang(lang: str | None) -> str:
    """A supported language code; anything else falls back to Bahasa Indonesia.

    >>> normalize_lang("EN"), normalize_lang("fr"), normalize_lang(None)
    ('en', 'id', 'id')
    """
    lang = (lang or "").strip().lower()
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The text of `key` in `lang`, with `values` filled in. An unknown key is a KeyError (a bug)."""
    text = TEXT[key][LANGS.index(normalize_lang(lang))]
    return text.format(**values) if values else text


def column_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """The heading of a result column: its ``col.<name>`` entry, else the column name itself.

    >>> column_label("pagu", "en"), column_label("no_such_column")
    ('Budget (pagu, Rp)', 'no_such_column')
    """
    key = f"col.{name}"
    return t(key, lang) if key in TEXT else name
