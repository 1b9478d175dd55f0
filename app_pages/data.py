"""Data: upload a workbook, CSV zip, JSON, SIPD export, Renja/DPA table, Renstra/RPJMD matrix or tujuan/sasaran
table; give only the facts the file does not state; see every problem with its row and column; download the
template; download the validation report (CSV or XLSX). A failed upload leaves the current data in place."""
import json

import streamlit as st

from base import fmt

import app_lib.state as app_state
import app_lib.ui as app_ui
from kaskade import settings
from app_lib.data import data_summary
from base.i18n import t
from views import export

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.data", lang))
st.caption(app_state.data_caption(data, lang))
summary = app_state.query(data, data_summary)
st.write(t("data.current", lang, governments=fmt.number(summary.governments, lang),
           lines=fmt.number(summary.sub_kegiatan, lang), years=", ".join(map(fmt.year, summary.years)) or "-"))
st.caption(t("data.backend", lang, backend=settings.get("backend")))
app_ui.load_notices(state, lang)

last = state.get(app_state.LAST_LOAD)
if last is not None and not last.ok:
    st.error(t("data.failed", lang, name=last.name, n=len(last.errors)), icon=":material/error:")
    app_ui.issues(last.errors + last.warnings, lang, key="data.failed")
    report = app_state.issue_rows(last.errors + last.warnings, lang)
    name = app_ui.slug(f"{t('data.report_name', lang)} {last.name}")
    c1, c2, _ = st.columns([1, 1, 2])
    c1.download_button(t("data.report_csv", lang), lambda: export.table_csv(report), f"{name}.csv", "text/csv",
                       key="data.report.csv", on_click="ignore", icon=":material/download:")
    c2.download_button(t("data.report_xlsx", lang), lambda: export.table_xlsx(report, sheet=t("data.report_name", lang)),
                       f"{name}.xlsx", app_ui.XLSX_MIME, key="data.report.xlsx", on_click="ignore",
                       icon=":material/download:")
elif last is not None:
    st.success(t("data.loaded_ok", lang, name=last.name), icon=":material/check_circle:")

st.subheader(t("data.upload", lang))
st.caption(t("data.upload_help", lang))
# Streamlit writes its drop zone's own words in English: replaced, in the page's language, by CSS
st.html("<style>"
        '[data-testid="stFileUploaderDropzoneInstructions"] span, [data-testid="stFileUploaderDropzoneInstructions"] small'
        " { display: none; }"
        '[data-testid="stFileUploaderDropzoneInstructions"] > div::after'
        f' {{ content: {json.dumps(t("data.drop", lang), ensure_ascii=False)}; }}'
        '[data-testid="stFileUploaderDropzone"] button > * { display: none !important; }'
        '[data-testid="stFileUploaderDropzone"] button::after'
        f' {{ content: {json.dumps(t("data.browse", lang), ensure_ascii=False)}; font-size: 1rem; }}'
        "</style>")
upload = st.file_uploader(t("data.file", lang), type=["xlsx", "xls", "zip", "csv", "json", "kgraph"], key="data.file",
                          help=t("data.drop", lang))
# ask exactly the facts the file does not state (a SIPD export: the government; a Renja table: the agency too)
needs = app_state.upload_needs(upload.name, upload.getvalue()) if upload is not None else ()
facts = {}
if needs:
    st.markdown(f"**{t('data.facts', lang)}**")
    st.caption(t("data.facts_help", lang))
    columns = st.columns(min(len(needs), 3))
    for i, name in enumerate(needs):
        box = columns[i % len(columns)]
        if name in ("tahun", "tahun_awal"):
            facts[name] = box.number_input(t(f"data.{name}", lang), min_value=2000, max_value=2100, value=None,
                                           step=1, key=f"data.{name}")
        else:
            facts[name] = box.text_input(t(f"data.{name}", lang), key=f"data.{name}",
                                         placeholder=app_state.FACT_EXAMPLES.get(name, ""))
if st.button(t("data.load", lang), key="data.load", type="primary", disabled=upload is None,
             icon=":material/upload:"):
    with st.spinner(t("data.loading", lang)):
        result = app_state.load_upload(upload.name, upload.getvalue(),
                                       **{k: int(v) if isinstance(v, float) else v for k, v in facts.items()})
    app_state.accept(state, result)
    st.rerun()
if not data.is_sample and st.button(t("data.back_to_sample", lang), key="data.sample"):
    app_state.use_sample(state)
    st.rerun()

st.subheader(t("data.template", lang))
st.caption(t("data.template_help", lang))
st.download_button(t("data.template_download", lang), app_state.template_bytes, "kaskade-template.xlsx",
                   app_ui.XLSX_MIME, key="data.template", on_click="ignore", icon=":material/download:")
