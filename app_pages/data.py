"""Data: upload a workbook, CSV zip, JSON or SIPD export; see every problem with its row and column;
download the template. A failed upload leaves the current data in place."""
import json

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from kaskade import settings
from app_lib.data import data_summary
from base.i18n import t

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.data", lang))
st.caption(app_state.data_caption(data, lang))
summary = app_state.query(data, data_summary)
st.write(t("data.current", lang, governments=app_ui.number(summary.governments, lang),
           lines=app_ui.number(summary.sub_kegiatan, lang), years=", ".join(map(str, summary.years)) or "-"))
st.caption(t("data.backend", lang, backend=settings.get("backend")))
app_ui.load_notices(state, lang)

last = state.get(app_state.LAST_LOAD)
if last is not None and not last.ok:
    st.error(t("data.failed", lang, name=last.name, n=len(last.errors)), icon=":material/error:")
    app_ui.issues(last.errors + last.warnings, lang, key="data.failed")
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
upload = st.file_uploader(t("data.file", lang), type=["xlsx", "zip", "csv", "json", "kgraph"], key="data.file",
                          help=t("data.drop", lang))
with st.expander(t("data.sipd", lang)):
    st.caption(t("data.sipd_help", lang))
    c1, c2 = st.columns(2)
    kode_pemda = c1.text_input(t("data.kode_pemda", lang), key="data.kode_pemda", placeholder="64.02")
    tahun = c2.number_input(t("data.tahun", lang), min_value=2000, max_value=2100, value=None, step=1,
                            key="data.tahun")
if st.button(t("data.load", lang), key="data.load", type="primary", disabled=upload is None,
             icon=":material/upload:"):
    with st.spinner(t("data.loading", lang)):
        result = app_state.load_upload(upload.name, upload.getvalue(), kode_pemda=kode_pemda.strip() or None,
                                       tahun=int(tahun) if tahun else None)
    app_state.accept(state, result)
    st.rerun()
if not data.is_sample and st.button(t("data.back_to_sample", lang), key="data.sample"):
    app_state.use_sample(state)
    st.rerun()

st.subheader(t("data.template", lang))
st.caption(t("data.template_help", lang))
st.download_button(t("data.template_download", lang), app_state.template_bytes, "kaskade-template.xlsx",
                   app_ui.XLSX_MIME, key="data.template", on_click="ignore", icon=":material/download:")
