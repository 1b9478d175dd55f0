"""Ringkasan / Overview: what is loaded, its quality, and the headline findings with links to them."""
import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import data_summary
from base import fmt
from base.i18n import t
from queries import coverage, mandates, orphans, overlaps

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.overview", lang))
st.caption(app_state.data_caption(data, lang))
app_ui.load_notices(state, lang)

summary = app_state.query(data, data_summary)
cols = st.columns(5)
cols[0].metric(t("overview.governments", lang), fmt.number(summary.governments, lang))
cols[1].metric(t("overview.agencies", lang), fmt.number(summary.agencies, lang))
cols[2].metric(t("overview.sub_kegiatan", lang), fmt.number(summary.sub_kegiatan, lang))
cols[3].metric(t("overview.pagu", lang), fmt.money(summary.pagu, lang))
cols[4].metric(t("overview.years", lang), ", ".join(fmt.year(y) for y in summary.years) or "-")

st.subheader(t("overview.findings", lang))
found = {
    "orphans": app_state.query(data, orphans),
    "mandates": app_state.query(data, mandates),
    "overlaps": app_state.query(data, overlaps),
}
cols = st.columns(3)
for col, (name, page) in zip(cols, (("orphans", "orphans"), ("mandates", "mandates"), ("overlaps", "mandates"))):
    with col.container(border=True):
        st.metric(t(f"overview.{name}", lang), fmt.number(len(found[name]), lang))
        st.caption(t(f"overview.{name}_help", lang))
        # the overlaps link opens the Overlaps tab of its page, not the first one
        st.page_link(f"app_pages/{page}.py", label=t(f"overview.open_{name}", lang), icon=":material/arrow_forward:",
                     query_params={"tab": name} if name == "overlaps" else None)

st.subheader(t("overview.quality", lang))
st.caption(t("overview.quality_help", lang))
app_ui.table(app_state.query(data, coverage).to_rows(), title=t("overview.quality", lang), lang=lang,
             key="overview.coverage", columns=app_ui.COLUMNS["coverage"])

st.subheader(t("overview.per_government", lang))
app_ui.table(summary.per_government.to_rows(), title=t("overview.per_government", lang), lang=lang,
             key="overview.governments", save=False)
