"""Yatim / Orphans: work and targets cut off from the cascade, with reasons and filters; one of them
in its neighbourhood (the chains up from it, or the cascade below a national priority)."""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import around, drawn_ids, named
from views.sentences import with_messages
from base.i18n import t
from views.graph_view import cascade_view, trace_view
from queries import cascade, line_of_sight, orphans
from queries.orphans import REASONS

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.orphans", lang))
st.caption(t("orphans.help", lang))
with app_ui.controls(lang):
    filters = app_ui.filters(data, lang, "orphans")
    reasons = st.multiselect(t("orphans.reasons", lang), REASONS, key="orphans.reasons",
                             format_func=lambda r: t(f"value.reason.{r}", lang), placeholder=t("common.all", lang))
found = app_state.query(data, orphans, filters=filters)
shown = [o for o in found if not reasons or o.reason in reasons]
clicked = app_ui.table(named(data.analysis, with_messages(shown, lang)), title=t("page.orphans", lang), lang=lang,
                       key="orphans", columns=app_ui.COLUMNS["orphans"], select=True)

st.subheader(t("orphans.context", lang))
if not shown:
    st.info(t("common.none_found", lang))
    st.stop()
labels = {f"{o.id}|{o.reason}|{o.related or ''}": app_ui.finding_label(o, lang) for o in shown}
app_ui.pick(state, "orphans.pick", None if clicked is None else list(labels)[clicked])
picked = st.selectbox(t("orphans.pick", lang), app_ui.capped(list(labels), state, "orphans.pick"), key="orphans.pick",
                      format_func=labels.get)
finding = next(o for o in shown if f"{o.id}|{o.reason}|{o.related or ''}" == picked)
app_ui.say_finding(finding, lang)
if finding.kind == "prioritas":
    result = app_state.query(data, cascade, root=finding.id, filters=filters)
    draw = partial(cascade_view, around(data.analysis, drawn_ids(result)), result, title=finding.name, lang=lang)
else:
    result = app_state.query(data, line_of_sight, node=finding.id, filters=filters)
    draw = partial(trace_view, around(data.analysis, drawn_ids(result)), result, title=finding.name, lang=lang)
app_ui.graph(draw, lang=lang, key="orphans.view")
