"""Presentasi / Presentation: step through the saved views (cascades, findings tables, maps) with
next / previous, and download them with the findings as a PowerPoint deck."""
import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import named
from views.sentences import with_messages
from base.i18n import t
from views.map_view import PLOTLY_CONFIG
from queries import mandates, orphans, overlaps

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)
views = app_state.saved_views(state)

st.title(t("page.presentation", lang))
findings = [
    (t("page.orphans", lang), app_ui.localize(named(data.analysis, with_messages(app_state.query(data, orphans), lang)), lang,
                                              app_ui.COLUMNS["orphans"])),
    (t("mandates.conflicts", lang), app_ui.localize(named(data.analysis, with_messages(app_state.query(data, mandates), lang)),
                                                    lang, app_ui.COLUMNS["mandates"])),
    (t("mandates.overlaps", lang), app_ui.localize(named(data.analysis, with_messages(app_state.query(data, overlaps), lang)),
                                                   lang, app_ui.COLUMNS["overlaps"])),
]
closing = app_ui.closing_rows(data.analysis, lang, mandates_found=app_state.query(data, mandates),
                             orphans_found=app_state.query(data, orphans), overlaps_found=app_state.query(data, overlaps))
app_ui.deck_button(views, findings=findings, title=t("present.deck_title", lang), lang=lang, key="present.deck",
                   label=t("present.deck", lang), closing=closing)
if not views:
    st.info(t("present.none", lang))
    st.stop()


def step(delta: int) -> None:
    state["present.index"] = max(0, min(len(views) - 1, state.get("present.index", 0) + delta))


# ?view=N opens the N-th saved view (views persist in the views file, so the link survives a restart)
if "present.index" not in state and str(st.query_params.get("view", "")).isdigit():
    state["present.index"] = int(st.query_params["view"]) - 1
position = state["present.index"] = max(0, min(state.get("present.index", 0), len(views) - 1))
st.query_params["view"] = str(position + 1)
c1, c2, c3 = st.columns([1.4, 3, 1.4])
c1.button(t("present.prev", lang), key="present.prev", disabled=position == 0, width="stretch",
          on_click=step, args=(-1,))
c3.button(t("present.next", lang), key="present.next", disabled=position >= len(views) - 1, width="stretch",
          on_click=step, args=(1,))
c2.caption(t("present.position", lang, i=position + 1, n=len(views)))
c2.caption(t("view.persisted", lang, path=app_state.views_path()))

view = views[position]
st.header(view.title)
if (view.meta or {}).get("headline"):
    st.subheader(view.meta["headline"])
shown = app_ui.shown_view(view)
if view.kind == "graph" and isinstance(shown, str):
    st.iframe(shown, height=760)
elif view.kind == "graph":
    st.iframe(shown.html, height=shown.height)
elif view.kind == "map":
    app_ui.map_element(shown, key="present.map")
elif view.kind == "figure":
    st.plotly_chart(shown, key="present.figure", config=PLOTLY_CONFIG)
else:
    st.dataframe(app_ui.frame(shown), hide_index=True)

c1, c2 = st.columns(2)
if c1.button(t("present.remove", lang), key="present.remove", icon=":material/delete:"):
    app_state.remove_view(state, position)
    st.rerun()
if c2.button(t("present.clear", lang), key="present.clear"):
    app_state.remove_view(state, None)
    st.rerun()
