"""Siapa di mana / Who intervenes where: the region x sector heat map, a kab/kota map coloured by the
chosen measure, and, for the region clicked (or chosen), every intervention there by level."""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from app_lib.data import named, themes
from base.i18n import t
from views.charts import heatmap
from views.map_view import MEASURES, choropleth, measure_label
from queries import interventions_in, who_where
from queries.who_where import SECTORS

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)

st.title(t("page.who_where", lang))
st.caption(t("who_where.help", lang))
with app_ui.controls(lang):
    filters = app_ui.filters(data, lang, "who_where", pemda=False)
    c1, c2, c3 = st.columns(3)
theme = c3.selectbox(t("who_where.theme", lang), app_state.query(data, themes), index=None, key="who_where.theme",
                     placeholder=t("common.all", lang), help=t("who_where.theme_help", lang))
sector = c1.selectbox(t("who_where.sector", lang), SECTORS, index=1, key="who_where.sector",
                      format_func=lambda s: t(f"who_where.sector.{s}", lang))
measure = c2.selectbox(t("who_where.measure", lang), list(MEASURES), key="who_where.measure",
                       format_func=lambda m: measure_label(m, lang))
cells = app_state.query(data, who_where, level="kabkota", within=filters.province, sector=sector, filters=filters,
                        theme=theme)
if not cells:
    st.info(t("common.none_found", lang))
    st.stop()

region_names = {c.region: c.region_name for c in cells}
rows = cells.to_rows()
# only the open tab runs (a tab switch reruns the page): the map tab, open first, loads no chart library
map_tab, heat_tab, table_tab = st.tabs([t("who_where.map", lang), t("who_where.heatmap", lang),
                                        t("who_where.table", lang)], key="who_where.tab", on_change="rerun")
if map_tab.open:
    with map_tab:
        clicked = app_ui.map_chart(partial(choropleth, rows, measure, lang=lang,
                                           title=t("who_where.map_title", lang, measure=measure_label(measure, lang))),
                                   title=t("who_where.map", lang), lang=lang, key="who_where.map")
        app_ui.pick(state, "who_where.region", clicked if clicked in region_names else None)
if heat_tab.open:
    with heat_tab:
        app_ui.figure(partial(heatmap, rows, value_key=measure, title=t("who_where.heatmap", lang), lang=lang),
                      title=t("who_where.heatmap", lang), lang=lang, key="who_where.heat")
if table_tab.open:
    with table_tab:
        app_ui.table(rows, title=t("page.who_where", lang), lang=lang, key="who_where.cells",
                     columns=app_ui.COLUMNS["who_where"])

st.subheader(t("who_where.region_title", lang))
region = st.selectbox(t("who_where.region", lang), list(region_names), key="who_where.region",
                      format_func=lambda r: f"{r} {region_names[r]}")
found = app_state.query(data, interventions_in, region=region, filters=filters, theme=theme)
st.caption(t("who_where.region_help", lang, name=region_names[region], n=len(found)))
app_ui.table(named(data.analysis, found.to_rows()), title=f"{t('who_where.region_title', lang)} {region_names[region]}",
             lang=lang, key="who_where.interventions", columns=app_ui.COLUMNS["interventions"])
