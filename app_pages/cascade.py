"""Kaskade / Cascade: everything below a national priority, a regional target or a programme, one row
per tier; collapse tiers, search, and trace any sub kegiatan up to the priorities it serves."""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import choices, governments, named, names
from base import fmt
from base.i18n import t
from views.graph_view import cascade_view, trace_view
from views.tiers import GROUP_BY
from queries import TIERS, cascade, line_of_sight

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)
app_ui.follow_link(state, "cascade")

st.title(t("page.cascade", lang))
st.caption(t("cascade.help", lang))
c1, c2, c3 = st.columns([1, 1, 3])
kind = c1.radio(t("cascade.start", lang), ("prioritas", "sasaran", "program"), key="cascade.kind",
                format_func=lambda k: t(f"cascade.kind.{k}", lang))
government_names = {code: name for code, name in app_state.query(data, governments)}
pemda = c2.selectbox(t("common.government", lang), list(government_names), index=None, key="cascade.pemda",
                     disabled=kind == "prioritas", placeholder=t("common.all", lang),
                     format_func=lambda c: f"{c} {government_names[c]}")
options = dict(app_state.query(data, choices, kind=kind, pemda=None if kind == "prioritas" else pemda))
root = c3.selectbox(t("cascade.root", lang), app_ui.capped(list(options), state, "cascade.root"), key="cascade.root",
                    format_func=options.get, placeholder=t("cascade.root_placeholder", lang))
if len(options) > app_ui.MAX_OPTIONS:
    c3.caption(t("cascade.too_many", lang, n=app_ui.MAX_OPTIONS, total=len(options)))
if root is None:
    st.info(t("common.none_found", lang))
    st.stop()

filters = app_ui.filters(data, lang, "cascade", province=False, pemda=False)
with st.expander(t("cascade.view_options", lang), expanded=True):
    o1, o2, o3 = st.columns([2, 1, 2])
    collapsed = o1.multiselect(t("cascade.collapse", lang), TIERS, key="cascade.collapsed",
                               format_func=lambda tier: t(f"value.tier.{tier}", lang),
                               placeholder=t("cascade.collapse_none", lang))
    group_by = o2.selectbox(t("cascade.group_by", lang), GROUP_BY, key="cascade.group_by",
                            format_func=lambda g: t(f"cascade.group.{g}", lang))
    search = o3.text_input(t("common.search", lang), key="cascade.search", placeholder=t("cascade.search_hint", lang))

result = app_state.query(data, cascade, root=root, filters=filters)
title = options[root]
draw = partial(cascade_view, data.graph, result, title=title, collapsed=collapsed, group_by=group_by,
               highlight=search.strip() or None, lang=lang)
view = app_ui.graph(draw, lang=lang, key="cascade.view")
deck_slot = st.container()
slides = [app_ui.graph_slide(view, draw)]
with st.expander(t("cascade.table", lang)):
    app_ui.table(named(data.graph, result.to_rows()), title=title, lang=lang, key="cascade.nodes",
                 columns=app_ui.COLUMNS["cascade"])

st.subheader(t("cascade.trace", lang))
lines = {n.id: f"{n.code} {n.name} ({n.government}, {fmt.year(n.year)})" for n in result if n.kind == "sub_kegiatan"}
if lines:
    start = st.selectbox(t("cascade.trace_from", lang), app_ui.capped(list(lines), state, "cascade.trace"),
                         key="cascade.trace", format_func=lines.get)
    sight = app_state.query(data, line_of_sight, node=start, filters=filters)
    served = names(data.graph, sight.priorities)
    app_ui.say(t("cascade.serves", lang, names="; ".join(served)) if served else t("cascade.serves_none", lang))
    draw_trace = partial(trace_view, data.graph, sight, title=lines[start], lang=lang)
    trace = app_ui.graph(draw_trace, lang=lang, key="cascade.trace_view", height=540)
    paths = app_ui.finding_rows(data.graph, sight.paths, lang)
    app_ui.table(paths, title=t("cascade.trace", lang), lang=lang, key="cascade.paths",
                 columns=app_ui.COLUMNS["sight"])
    slides += [app_ui.graph_slide(trace, draw_trace), app_ui.table_slide(lines[start], paths, lang, "sight")]
else:
    st.info(t("cascade.no_lines", lang))
with deck_slot:
    app_ui.deck_button(slides, title=title, lang=lang, key="cascade.deck")
