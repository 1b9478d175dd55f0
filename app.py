"""Kaskade, the Streamlit app: page set-up, the sidebar (language, presentation mode, data) and navigation.

Run with ``make run`` (bundled sample) or ``make run DATA=rencana.xlsx``; KASKADE_DATA does the same.
The pages live in ``app_pages/``; the one cached graph comes from `app_lib.state`.
"""
from __future__ import annotations

import streamlit as st

import app_lib.state as app_state
from base.i18n import LANGS, t
from views.theme import presentation_css

state = st.session_state
# ?present=1 opens the app in presentation mode (a link a meeting can start from)
if app_state.PRESENT not in state and st.query_params.get("present") == "1":
    state[app_state.PRESENT] = True
presenting = bool(state.get(app_state.PRESENT))

# an emoji icon is drawn locally; a :material/...: page icon is fetched from a font CDN
st.set_page_config(page_title="Kaskade", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")

# the kab/kota boundaries are read and projected in the background, once, before anyone opens the map
app_state.warm_map()
state.setdefault(app_state.LANG, app_state.lang(state))
lang = app_state.lang(state)
data = app_state.current(state)

with st.sidebar:
    st.radio(t("lang.label", lang), LANGS, key=app_state.LANG, horizontal=True,
             format_func=lambda code: t(f"lang.{code}", code))
    st.toggle(t("present.toggle", lang), key=app_state.PRESENT, help=t("present.help", lang))
    st.caption(app_state.data_caption(data, lang))

if presenting:
    st.html(f"<style>{presentation_css()}</style>")
    st.query_params["present"] = "1"
    # the sidebar starts collapsed: the way out is on the page itself
    st.button(t("present.exit", lang), key="present.exit", icon=":material/close_fullscreen:",
              on_click=lambda: state.update({app_state.PRESENT: False}))
else:
    st.query_params.pop("present", None)


# No page icons: the browser tab would show a page's icon as favicon, and a :material/...: one is
# fetched from a font CDN, while emoji need an emoji font many offline machines lack.
def _page(file: str, key: str, **kw) -> st.Page:
    return st.Page(f"app_pages/{file}.py", title=t(key, lang), **kw)


pages = {
    t("nav.explore", lang): [
        _page("overview", "page.overview", default=True),
        _page("cascade", "page.cascade"),
        _page("orphans", "page.orphans"),
        _page("mandates", "page.mandates"),
        _page("who_where", "page.who_where"),
        _page("budget", "page.budget"),
    ],
    t("nav.meeting", lang): [
        _page("desk", "page.desk"),
        _page("presentation", "page.presentation"),
        _page("data", "page.data"),
    ],
}
st.navigation(pages).run()
