"""Kaskade / Cascade: everything below a national priority, a regional target or a programme, one row
per tier; collapse tiers, search, and trace any sub kegiatan up to the priorities it serves.

Opened from a finding ("Buka kaskadenya", or a link ``?focus=<node id>``) it shows that finding's
own chain first: its line of sight up and its sibling sub kegiatan, with the sentence a slide
states, and a deck of exactly that. A link ``?root=<node id>`` opens a cascade.
"""
from functools import partial

import streamlit as st

import app_lib.state as app_state
import app_lib.ui as app_ui
from views.sentences import with_messages
from app_lib.data import around, choices, drawn_ids, governments, has_node, named, names
from base import fmt
from base.i18n import t
from views.graph_view import cascade_view, trace_view
from views.tiers import GROUP_BY
from queries import TIERS, cascade, line_of_sight, mandates, orphans

state = st.session_state
lang = app_state.lang(state)
data = app_state.current(state)
app_ui.follow_link(state, "cascade")

# a link opens the same view after a restart: ?focus=<node> or ?root=<node>
params = st.query_params
if "cascade.focus" not in state and has_node(data.analysis, params.get("focus")):
    state["cascade.focus"], state["cascade.focus_reason"] = params["focus"], params.get("reason")
if "cascade.root" not in state and has_node(data.analysis, params.get("root")):
    kind_of = {"prioritas": "prioritas", "sasaran": "sasaran", "program": "program"}
    state["cascade.kind"] = kind_of.get(params["root"].split(":", 1)[0], "prioritas")
    state["cascade.root"] = params["root"]


def _leave_focus() -> None:
    state["cascade.focus"] = None
    st.query_params.pop("focus", None)
    st.query_params.pop("reason", None)


focus = state.get("cascade.focus")
if focus and has_node(data.analysis, focus):
    reason = state.get("cascade.focus_reason")
    found = [f for f in app_state.query(data, mandates) if f.id == focus and (not reason or f.reason == reason)]
    found = found or [f for f in app_state.query(data, orphans) if f.id == focus]
    sight = app_state.query(data, line_of_sight, node=focus)
    chain = around(data.analysis, drawn_ids(sight), siblings_of=focus)  # what the view and the deck read
    node = chain.nodes[focus]
    what = f"{node.get('code') or ''} {node.get('name') or focus}".strip()
    served = names(chain, sight.priorities)
    headline = (app_ui.finding_headline(chain, found[0], lang) if found else
                t("headline.trace", lang, name=what, k=fmt.number(len(served), lang),
                  broken=fmt.number(sum(p.reason != "national" for p in sight.paths), lang)))
    title = t("cascade.focus_title", lang, what=what)
    st.title(title)
    st.subheader(headline)
    st.caption(t("cascade.focus_caption", lang))
    deck_slot = st.container()
    near = app_ui.siblings(chain, focus)
    draw = partial(trace_view, chain, sight, title=what, lang=lang, siblings=near)
    recipe = {"view": "focus", "node": focus, "title": what}
    view = app_ui.graph(draw, lang=lang, key="cascade.focus_view", recipe=recipe, headline=headline)
    paths = named(chain, sight.to_rows())
    app_ui.table(paths, title=t("cascade.trace", lang), lang=lang, key="cascade.focus_paths",
                 columns=app_ui.COLUMNS["sight"])
    st.button(t("cascade.show_all", lang), key="cascade.show_all", on_click=_leave_focus,
              icon=":material/account_tree:")
    with deck_slot:
        closing = app_ui.closing_rows(chain, lang, mandates_found=found[:1] if found and
                                      hasattr(found[0], "found") else (),
                                      orphans_found=found[:1] if found and not hasattr(found[0], "found") else ())
        app_ui.deck_button([app_ui.graph_slide(view, draw, recipe=recipe, headline=headline),
                            app_ui.table_slide(t("cascade.trace", lang), paths, lang, "sight")],
                           title=headline, subtitle=what, lang=lang, key="cascade.focus_deck", closing=closing)
    st.stop()

presenting = bool(state.get(app_state.PRESENT))
st.title(t("page.cascade", lang))
view_slot = st.container() if presenting else None  # in presentation mode the view comes first
st.caption(t("cascade.help", lang))
c1, c2, c3 = st.columns([1, 1, 3])
kind = app_ui.start_kind(c1, lang, "cascade.kind")
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
with st.expander(t("cascade.view_options", lang), expanded=not presenting):
    o1, o2, o3 = st.columns([2, 1, 2])
    collapsed = o1.multiselect(t("cascade.collapse", lang), TIERS, key="cascade.collapsed",
                               format_func=lambda tier: t(f"value.tier.{tier}", lang),
                               placeholder=t("cascade.collapse_none", lang))
    group_by = o2.selectbox(t("cascade.group_by", lang), GROUP_BY, key="cascade.group_by",
                            format_func=lambda g: t(f"cascade.group.{g}", lang))
    search = o3.text_input(t("common.search", lang), key="cascade.search", placeholder=t("cascade.search_hint", lang))

result = app_state.query(data, cascade, root=root, filters=filters)
title = options[root]
st.query_params["root"] = root
draw = partial(cascade_view, around(data.analysis, drawn_ids(result)), result, title=title, collapsed=collapsed, group_by=group_by,
               highlight=search.strip() or None, lang=lang)
recipe = {"view": "cascade", "root": root, "title": title, "collapsed": list(collapsed), "group_by": group_by,
          "search": search.strip()}
works = [n for n in result if n.kind == "sub_kegiatan"]
top = next((n for n in result if n.id == root), None)
headline = t("headline.cascade", lang, title=title, n=fmt.number(len(works), lang),
             pagu=fmt.money(top.pagu_total if top is not None else 0, lang))
with view_slot if view_slot is not None else st.container():
    view = app_ui.graph(draw, lang=lang, key="cascade.view", recipe=recipe, headline=headline)
deck_slot = st.container()
slides = [app_ui.graph_slide(view, draw, recipe=recipe, headline=headline)]
with st.expander(t("cascade.table", lang)):
    app_ui.table(named(data.analysis, result.to_rows()), title=title, lang=lang, key="cascade.nodes",
                 columns=app_ui.COLUMNS["cascade"])

st.subheader(t("cascade.trace", lang))
lines = {n.id: f"{n.code} {n.name} ({n.government}, {fmt.year(n.year)})" for n in works}
if lines:
    start = st.selectbox(t("cascade.trace_from", lang), app_ui.capped(list(lines), state, "cascade.trace"),
                         key="cascade.trace", format_func=lines.get)
    sight = app_state.query(data, line_of_sight, node=start, filters=filters)
    served = names(data.analysis, sight.priorities)
    app_ui.say(t("cascade.serves", lang, names="; ".join(served)) if served else t("cascade.serves_none", lang))
    draw_trace = partial(trace_view, around(data.analysis, drawn_ids(sight)), sight, title=lines[start], lang=lang)
    trace_recipe = {"view": "trace", "node": start, "title": lines[start]}
    trace_headline = t("headline.trace", lang, name=lines[start], k=fmt.number(len(served), lang),
                       broken=fmt.number(sum(p.reason != "national" for p in sight.paths), lang))
    trace = app_ui.graph(draw_trace, lang=lang, key="cascade.trace_view", recipe=trace_recipe,
                         headline=trace_headline)
    paths = named(data.analysis, with_messages(sight.paths, lang))
    app_ui.table(paths, title=t("cascade.trace", lang), lang=lang, key="cascade.paths",
                 columns=app_ui.COLUMNS["sight"])
    slides += [app_ui.graph_slide(trace, draw_trace, recipe=trace_recipe, headline=trace_headline),
               app_ui.table_slide(lines[start], paths, lang, "sight")]
else:
    st.info(t("cascade.no_lines", lang))
with deck_slot:
    app_ui.deck_button(slides, title=title, lang=lang, key="cascade.deck")
