"""Meja Rakortek / Rakortek desk: for one bidang urusan, every outcome target with the province and
district sub kegiatan supporting it, the gaps, candidates and who does what; decisions on links
(agree, reject, propose, undo) with their history; the minutes to download."""
import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import bidang_choices
from base.i18n import t
from queries import desk
from queries.results import to_row
from views.minutes import minutes_docx, minutes_xlsx
from views.text import short_path

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STATUSES = ("disepakati", "ditolak", "usulan")

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)
store = app_state.decision_store(data)

st.title(t("page.desk", lang))
st.caption(t("desk.help", lang))
bidang_names = dict(app_state.query(data, bidang_choices))
options = list(bidang_names)
bidang = st.selectbox(t("desk.bidang", lang), options, key="desk.bidang", format_func=bidang_names.get,
                      index=options.index("1.03") if "1.03" in options else 0)
filters = app_ui.filters(data, lang, "desk", pemda=False, bidang=False, proposed=False)
result = app_state.query(data, desk, bidang=bidang, filters=filters)
if data.store is not None:
    st.info(t("desk.store_neo4j", lang))
else:
    st.caption(t("desk.store", lang, path=short_path(store.path)))

if message := state.pop("desk.message", None):
    st.success(message)

targets, gaps, candidates = result.targets(), result.gaps(), result.candidates()
tabs = st.tabs([t("desk.targets", lang, n=len(targets)), t("desk.gaps", lang, n=len(gaps)),
                t("desk.candidates", lang, n=len(candidates)), t("desk.roles", lang)])
with tabs[0]:
    app_ui.table([to_row(i) for i in result.support()], title=t("desk.support", lang), lang=lang, key="desk.support",
                 columns=app_ui.COLUMNS["desk_support"])
with tabs[1]:
    app_ui.table([{**to_row(i), "reason": t(f"desk.reason.{i.reason}", lang)} for i in gaps],
                 title=t("desk.gaps", lang, n=len(gaps)), lang=lang, key="desk.gaps",
                 columns=app_ui.COLUMNS["desk_gaps"])
with tabs[2]:
    app_ui.table([to_row(i) for i in candidates], title=t("desk.candidates", lang, n=len(candidates)), lang=lang,
                 key="desk.candidates", columns=app_ui.COLUMNS["desk_support"])
with tabs[3]:
    app_ui.table([to_row(i) for i in result.roles()], title=t("desk.roles", lang), lang=lang, key="desk.roles",
                 columns=app_ui.COLUMNS["desk_roles"])

st.subheader(t("desk.decide_title", lang))
links = {f"{i.source}|{i.target}": f"{i.code} {i.name} ({i.government}) → {i.outcome_name} [{t(f'value.status.{i.status}', lang)}]"
         for i in result.support()}
who = st.text_input(t("desk.who", lang), key="desk.who")
if links:
    picked = st.selectbox(t("desk.link", lang), app_ui.capped(list(links), state, "desk.link"), key="desk.link",
                          format_func=links.get)
    source, target = picked.split("|", 1)
    c1, c2 = st.columns([1, 2])
    status = c1.radio(t("desk.status", lang), STATUSES, key="desk.status", horizontal=True,
                      format_func=lambda s: t(f"value.status.{s}", lang))
    note = c2.text_input(t("desk.note", lang), key="desk.note")
    b1, b2 = st.columns(2)
    if b1.button(t("desk.decide", lang), key="desk.decide", type="primary"):
        if not who.strip():
            st.error(t("desk.who_missing", lang))
        else:
            done = app_state.decide(state, source, target, status, who=who, note=note)
            state["desk.message"] = t("desk.saved", lang, status=t(f"value.status.{done.status}", lang))
            st.rerun()
    if b2.button(t("desk.undo", lang), key="desk.undo"):
        if not who.strip():
            st.error(t("desk.who_missing", lang))
        elif app_state.undo(state, source, target, who=who) is None:
            st.warning(t("desk.nothing_to_undo", lang))
        else:
            state["desk.message"] = t("desk.undone", lang)
            st.rerun()
    st.markdown(f"**{t('desk.history', lang)}**")
    history = [to_row(d) for d in store.history(source, target)]
    if history:
        app_ui.table(history, title=t("desk.history", lang), lang=lang, key="desk.history",
                     columns=app_ui.COLUMNS["desk_history"], save=False)
    else:
        st.caption(t("desk.no_history", lang))

with st.expander(t("desk.propose", lang)):
    lines = {i.source: f"{i.code} {i.name} ({i.government})" for i in candidates + result.support()}
    goals = {i.target: f"{i.outcome_name} ({i.owner_government})" for i in targets}
    if lines and goals:
        line = st.selectbox(t("desk.propose_line", lang), list(lines), key="desk.propose_line", format_func=lines.get)
        goal = st.selectbox(t("desk.propose_target", lang), list(goals), key="desk.propose_target",
                            format_func=goals.get)
        reason = st.text_input(t("desk.note", lang), key="desk.propose_note")
        if st.button(t("desk.propose", lang), key="desk.propose_button"):
            if not who.strip():
                st.error(t("desk.who_missing", lang))
            else:
                done = app_state.decide(state, line, goal, "usulan", who=who, note=reason)
                state["desk.message"] = t("desk.saved", lang, status=t(f"value.status.{done.status}", lang))
                st.rerun()

in_force = store.in_force()
c1, c2 = st.columns(2)
name = f"berita-acara-{bidang}-{filters.province or 'semua'}-{filters.year or 'semua'}"
c1.download_button(t("desk.minutes_xlsx", lang), lambda: minutes_xlsx(result, in_force), f"{name}.xlsx",
                   app_ui.XLSX_MIME, key="desk.minutes_xlsx", on_click="ignore", icon=":material/download:")
c2.download_button(t("desk.minutes_docx", lang), lambda: minutes_docx(result, in_force, lang=lang), f"{name}.docx",
                   DOCX_MIME, key="desk.minutes_docx", on_click="ignore", icon=":material/download:")
