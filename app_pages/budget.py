"""Anggaran / Budget: the Sankey of pagu flowing down a cascade, and per government the share of pagu
aligned with a national priority, with a regional target only, or with nothing."""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import FLOW_DEPTHS, around, choices, down_to
from base.i18n import column_label, t
from views.charts import sankey, stacked_bars
from views.sentences import flow_headline
from queries import aligned_share, budget_flow

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.budget", lang))
with app_ui.controls(lang):
    filters = app_ui.filters(data, lang, "budget", province=False)

st.subheader(t("budget.flow", lang))
st.caption(t("budget.flow_help", lang))
c1, c2, c3 = st.columns([1, 3, 1])
kind = app_ui.start_kind(c1, lang, "budget.kind")
# "" (everything) is an option like the roots, listed first; the flow of the first root is shown first
options = {"": t("budget.everything", lang),
           **dict(app_state.query(data, choices, kind=kind, pemda=filters.pemda[0] if filters.pemda else None))}
shown = app_ui.capped(list(options), state, "budget.root")
root = c2.selectbox(t("cascade.root", lang), shown, index=min(1, len(shown) - 1), key="budget.root",
                    format_func=options.get) or None
depth = c3.selectbox(t("budget.depth", lang), FLOW_DEPTHS, key="budget.depth",
                     format_func=lambda tier: t(f"value.tier.{tier}", lang))
flow = down_to(app_state.query(data, budget_flow, root=root, filters=filters), depth)
if flow:
    links = flow.to_rows()
    title = t("budget.flow", lang) + ("" if root is None else f": {options[root]}")
    ends = around(data.analysis, {link[k] for link in links for k in ("source", "target")})  # their levels
    app_ui.figure(partial(sankey, links, value_key="value", source_label_key="source_name", graph=ends,
                          target_label_key="target_name", title=title, lang=lang, height=720),
                  title=title, lang=lang, key="budget.sankey",
                  headline=flow_headline(links, title=title, tier=depth, lang=lang))
    with st.expander(t("budget.flow_table", lang)):
        app_ui.table(links, title=title, lang=lang, key="budget.links", columns=app_ui.COLUMNS["budget"])
else:
    st.info(t("common.none_found", lang))

st.subheader(t("budget.aligned", lang))
st.caption(t("budget.aligned_help", lang))
shares = app_state.query(data, aligned_share, filters=filters).to_rows()
if shares:
    series = [(key, column_label(key, lang), color) for key, color in
              (("pagu_national", "#7b4fa0"), ("pagu_regional", "#1f77b4"), ("pagu_none", "#d62728"))]
    app_ui.figure(partial(stacked_bars, shares, name_key="name", series=series, lang=lang,
                          axis_title=column_label("pagu", lang)),
                  title=t("budget.aligned", lang), lang=lang, key="budget.bars")
app_ui.table(shares, title=t("budget.aligned", lang), lang=lang, key="budget.aligned",
             columns=app_ui.COLUMNS["aligned"])
