"""Kewenangan & tumpang tindih / Mandates & overlaps: work outside a government's or agency's mandate,
overlapping interventions side by side (a province against a district, with the lines of each), and
duplicates, filtered by province, district, bidang and year. Every name and message from the data
goes through `app_lib.ui.plain` before markdown renders it (no links, images or bold from a file)."""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from views.sentences import note_text, with_messages
from app_lib.data import around, drawn_ids, named, names
from app_lib.ui import plain
from base import fmt
from base.i18n import t
from views.graph_view import trace_view
from queries import line_of_sight, mandates, overlaps
from queries.overlaps import overlap_lines
from queries.results import node_fields, to_row

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.mandates", lang))
with app_ui.controls(lang):
    filters = app_ui.filters(data, lang, "mandates")
tab_names = {key: t(f"mandates.{key}", lang) for key in ("conflicts", "overlaps", "duplicates")}
# a link ?tab=overlaps (the Overview's "Lihat tumpang tindih") opens that tab
conflicts_tab, overlaps_tab, duplicates_tab = st.tabs(list(tab_names.values()),
                                                      default=tab_names.get(st.query_params.get("tab", "")))

with conflicts_tab:
    st.caption(t("mandates.conflicts_help", lang))
    conflicts = app_state.query(data, mandates, filters=filters)
    clicked = app_ui.table(named(data.analysis, with_messages(conflicts, lang)), title=t("mandates.conflicts", lang),
                           lang=lang, key="mandates.conflicts", columns=app_ui.COLUMNS["mandates"], select=True)
    if conflicts:
        labels = {m.id + "|" + m.reason: app_ui.finding_label(m, lang) for m in conflicts}
        app_ui.pick(state, "mandates.pick", None if clicked is None else list(labels)[clicked])
        picked = st.selectbox(t("mandates.pick", lang), app_ui.capped(list(labels), state, "mandates.pick"),
                              key="mandates.pick", format_func=labels.get)
        conflict = next(m for m in conflicts if m.id + "|" + m.reason == picked)
        app_ui.say_finding(conflict, lang)
        sight = app_state.query(data, line_of_sight, node=conflict.id, filters=filters)
        app_ui.graph(partial(trace_view, around(data.analysis, drawn_ids(sight)), sight, title=f"{conflict.code} {conflict.name}", lang=lang),
                     lang=lang, key="mandates.view", height=540)
        if st.button(t("mandates.open_cascade", lang), key="mandates.open", type="primary",
                     icon=":material/account_tree:"):
            app_ui.open_cascade(state, sight, conflict)
    else:
        st.success(t("mandates.no_conflicts", lang))


def pairs(kinds: tuple[str, ...], key: str) -> None:
    """The findings of `kinds` in a table; the one picked side by side, each side with its lines."""
    found = app_state.query(data, overlaps, filters=filters, kinds=kinds)
    for note in found.notes:
        st.caption(note_text(note, lang))
    clicked = app_ui.table(named(data.analysis, with_messages(found, lang)), title=t(f"mandates.{key}", lang), lang=lang,
                           key=f"mandates.{key}", columns=app_ui.COLUMNS[key], select=True)
    if not found:
        return
    labels = {k: app_ui.overlap_label(o, lang) for k, o in enumerate(found)}
    app_ui.pick(state, f"mandates.{key}.pick", clicked)
    k = st.selectbox(t("mandates.pick_pair", lang), app_ui.capped(list(labels), state, f"mandates.{key}.pick"),
                     key=f"mandates.{key}.pick", format_func=labels.get)
    finding = found[k]
    shown = named(data.analysis, [to_row(finding)])[0]
    # the lines of both sides with their agencies and governments (the whole graph, or read by id)
    detail = around(data.analysis, [*finding.a_lines, *finding.b_lines])
    app_ui.say_finding(finding, lang)
    if finding.shared_outcomes:
        st.caption(t("mandates.shared", lang, names=plain(", ".join(names(data.analysis, finding.shared_outcomes)))))
    if finding.reason == "family":
        st.caption(t("mandates.line_pairs", lang, n=len(overlap_lines(detail, finding))))
    for side, col in zip("ab", st.columns(2)):
        with col.container(border=True, key=f"mandates.{key}.{side}"):
            st.markdown(f"**{plain(shown[f'{side}_government'])}**")
            st.metric(t("col.pagu", lang), fmt.money(shown[f"{side}_pagu"], lang))
            st.caption(t("mandates.where", lang, place=plain(shown["place"]), year=fmt.year(shown["year"])))
            lines = named(detail, [node_fields(detail, n) for n in getattr(finding, f"{side}_lines")])
            app_ui.table(lines, title=f"{shown[f'{side}_government']} {finding.family} {finding.year}", lang=lang,
                         key=f"mandates.{key}.{side}.lines", columns=app_ui.COLUMNS["overlap_lines"], save=False)


with overlaps_tab:
    st.caption(t("mandates.overlaps_help", lang))
    pairs(("family",), "overlaps")
with duplicates_tab:
    st.caption(t("mandates.duplicates_help", lang))
    pairs(("same_sub_kegiatan", "near_duplicate"), "duplicates")
