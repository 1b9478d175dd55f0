"""What the Streamlit app keeps between reruns: the loaded data, uploads, cached queries, saved views.

The graph is built once per data source and cached (`st.cache_resource`, keyed on the path and its
modification time, or on the uploaded bytes' hash); pages read it through `current` and never mutate
it. An upload replaces the current data only when it loads without errors (`accept`).

With ``KASKADE_BACKEND=neo4j`` the start-up data is the database the NEO4J_* settings name
(`load_database`): `query` runs the analyses of `queries`, the counts and the choices on it
(``Loaded.analysis``), and the views read only the small subgraphs they draw (`app_lib.data.around`):
the graph is never pulled (``Loaded.graph`` is None).

>>> result = load_upload("rusak.json", b"{not json")
>>> result.ok, result.loaded is None, len(result.errors) > 0
(False, True, True)
>>> state = {}
>>> accept(state, result)
False
>>> DATA in state
False
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, MutableMapping
from urllib.parse import urlsplit

import networkx as nx
import streamlit as st

from kaskade import __version__, settings
from app_lib.data import governments
from kaskade.open import open_path, sample_graph
from base.i18n import column_label, normalize_lang, t
from loaders import needed_facts, write_template
from base.errors import Issue, KaskadeError, LoadError
from backends.neo4j_analyses import SCOPES, run
from backends.decisions import SUFFIX as DECISIONS_SUFFIX, DecisionStore
from kaskade.decided import database_store, decided, store_for
from queries.decisions import Decision, check_link, link_status
from views.map_view import warm_boundaries

__all__ = [
    "warm_map",
    "DATA",
    "LAST_LOAD",
    "STARTUP",
    "LANG",
    "PRESENT",
    "VIEWS",
    "Loaded",
    "LoadResult",
    "SavedView",
    "load_upload",
    "upload_needs",
    "FACT_EXAMPLES",
    "load_path",
    "load_database",
    "sample",
    "accept",
    "use_sample",
    "template_bytes",
    "current",
    "lang",
    "data_caption",
    "data_source",
    "query",
    "issue_rows",
    "save_view",
    "saved_views",
    "remove_view",
    "decision_store",
    "decide",
    "undo",
    "views_path",
]

DATA = "data"  # the current Loaded
LAST_LOAD = "last_load"  # the LoadResult of the latest upload, good or bad
STARTUP = "startup_failure"  # the LoadResult of KASKADE_DATA when it failed
LANG = "lang"
PRESENT = "presentation"
VIEWS = "saved_views"


@dataclass(frozen=True, eq=False)
class Loaded:
    """A built graph and where it came from. `token` identifies its content and keys every cached query.
    With a `store` (a `backends.neo4j_store.Neo4jGraph`) everything is read there and `graph` is None."""

    graph: nx.MultiDiGraph | None
    name: str
    token: str
    is_sample: bool = False
    warnings: tuple[Issue, ...] = ()
    store: Any = None
    source: str | None = None  # the data file opened, when there is one (decisions are kept beside it)

    @property
    def analysis(self) -> Any:
        """What the analyses, counts, choices and names take: the database when there is one, else the graph."""
        return self.graph if self.store is None else self.store

    @property
    def backend(self) -> str:
        return "networkx" if self.store is None else "neo4j"


@dataclass(frozen=True, eq=False)
class LoadResult:
    """The outcome of opening one file: `loaded` when it worked, else every problem found."""

    name: str
    loaded: Loaded | None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.loaded is not None


@dataclass(frozen=True)
class SavedView:
    """One step of the presentation: a graph (standalone HTML), a map (its HTML element), a table (rows)
    or a plotly figure (JSON)."""

    kind: str  # "graph" | "map" | "table" | "figure"
    title: str
    payload: Any
    meta: dict = field(default_factory=dict)


def _open(path: Path, name: str, token: str, facts: dict[str, Any]) -> LoadResult:
    try:
        opened = open_path(path, **facts)
    except LoadError as exc:
        return LoadResult(name, None, tuple(exc.errors) or tuple(exc.issues),
                          tuple(i for i in exc.issues if i.severity == "warning"))
    except KaskadeError as exc:
        return LoadResult(name, None, (_issue(name, "load_failed", exc),))
    return LoadResult(name, Loaded(opened.graph, name, token, warnings=opened.warnings), warnings=opened.warnings)


def _issue(source: str, rule: str, text: str | KaskadeError) -> Issue:
    english = text.text("en") if hasattr(text, "text") else str(text)
    return Issue(source=source, rule=rule, message=str(text), message_en=english)


@st.cache_resource(max_entries=4, show_spinner=False)
def _upload(digest: str, name: str, facts: tuple[tuple[str, Any], ...], _data: bytes) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="kaskade-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(_data)
        return _open(path, name, f"upload:{digest}:{facts}", dict(facts))


@st.cache_resource(show_spinner=False)
def warm_map() -> threading.Thread:
    """Start projecting the kab/kota boundaries in the background, once per app process: `app.py`
    calls it on every run, and `st.cache_resource` (no argument, nothing clears it) hands later runs
    and sessions the thread the first run started instead of starting another. The first visit to
    the map then draws from the cache instead of reading and projecting the 3 MB boundary file on its
    request, and the first page paints without waiting for it."""
    thread = threading.Thread(target=warm_boundaries, name="kaskade-warm-map", daemon=True)
    thread.start()
    return thread


FACT_EXAMPLES = {"kode_pemda": "64.02", "kode_skpd": "1.03.0.00.0.00.01.0000", "nama_skpd": "Dinas PUPR"}
"""Placeholders of the fact inputs on the Data page."""


def _given(facts: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The facts given (blank ones dropped), as a cache key."""
    return tuple((k, v.strip() if isinstance(v, str) else v) for k, v in sorted(facts.items())
                 if v is not None and v != "" and not (isinstance(v, str) and not v.strip()))


def load_upload(name: str, data: bytes, **facts: Any) -> LoadResult:
    """Validate and build an uploaded file (its name decides the format). Never raises for a bad file.

    `facts` are what the file does not state: kode_pemda, tahun, kode_skpd, nama_skpd, tahun_awal.
    """
    name = Path(name).name or "upload"
    digest = hashlib.sha256(data).hexdigest()
    return _upload(digest, name, _given(facts), data)


@st.cache_resource(max_entries=4, show_spinner=False)
def _needs(digest: str, name: str, _data: bytes) -> tuple[str, ...]:
    with tempfile.TemporaryDirectory(prefix="kaskade-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(_data)
        try:
            return needed_facts(path)
        except KaskadeError:
            return ()


def upload_needs(name: str, data: bytes) -> tuple[str, ...]:
    """The facts an uploaded file does not state and needs (kode_pemda, tahun, kode_skpd, nama_skpd,
    tahun_awal), for the Data page to ask exactly those."""
    if Path(name).suffix.lower() == ".kgraph":
        return ()
    return _needs(hashlib.sha256(data).hexdigest(), Path(name).name or "upload", data)


@st.cache_resource(max_entries=4, show_spinner=False)
def _path(resolved: str, mtime_ns: int, size: int) -> LoadResult:
    path = Path(resolved)
    result = _open(path, path.name, f"path:{resolved}:{mtime_ns}:{size}", {})
    if not result.ok:
        return result
    return LoadResult(result.name, replace(result.loaded, source=resolved), warnings=result.warnings)


def load_path(path: str | Path) -> LoadResult:
    """Open a data path (the KASKADE_DATA setting); cached until the file changes."""
    path = Path(path).expanduser()
    if not path.exists():
        return LoadResult(path.name, None, (Issue(source=str(path), rule="not_found"),))
    stat = path.stat()
    return _path(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@st.cache_resource(max_entries=2, show_spinner=False)
def _database(path: str | None, uri: str | None, user: str | None, database: str | None, name: str) -> Loaded:
    """Keyed on the connection settings (the password is read again, never kept in a cache key)."""
    connection = settings.connection(uri=uri, user=user, database=database)
    store = open_path(path, backend="neo4j", connection=connection).store
    # the time keeps a reopened database (after the cache was cleared) from reusing stale query results
    return Loaded(None, name, f"neo4j:{name}:{time.time_ns()}", store=store)


def load_database(path: str | None = None) -> LoadResult:
    """The database the NEO4J_* settings name (what KASKADE_BACKEND=neo4j opens), connected and
    pulled once per server and database. Never raises: an unreachable server, a refused login or a
    `path` (the database holds what ``kaskade push`` sent) is a failed result."""
    from neo4j.exceptions import DriverError, Neo4jError

    uri, user, database = (settings.get(n) for n in ("neo4j_uri", "neo4j_user", "neo4j_database"))
    parts = urlsplit(uri or "")
    # netloc without "user:password@", so no credential reaches the screen
    name = "Neo4j " + (f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}" if parts.netloc else (uri or ""))
    name += f" ({database})" if database else ""
    try:
        return LoadResult(name, _database(path, uri, user, database, name))
    except KaskadeError as exc:
        return LoadResult(name, None, (_issue(name, "load_failed", exc),))
    except (DriverError, Neo4jError) as exc:
        return LoadResult(name, None, (_issue(name, "load_failed", f"Neo4j: {type(exc).__name__}"),))


@st.cache_resource(show_spinner=False)
def sample() -> Loaded:
    """The bundled, illustrative sample."""
    return Loaded(sample_graph(), "", f"sample:{__version__}", is_sample=True)


def use_sample(state: MutableMapping) -> None:
    """Go back to the bundled sample."""
    state[DATA] = sample()
    state.pop(LAST_LOAD, None)


@st.cache_data(show_spinner=False)
def template_bytes() -> bytes:
    """The empty Kaskade workbook (headers, comments, examples, drop-downs) to download."""
    with tempfile.TemporaryDirectory(prefix="kaskade-template-") as tmp:
        return Path(write_template(Path(tmp) / "kaskade-template.xlsx")).read_bytes()


def accept(state: MutableMapping, result: LoadResult) -> bool:
    """Record a load attempt; make it the current data only when it succeeded."""
    state[LAST_LOAD] = result
    if result.ok:
        state[DATA] = result.loaded
    return result.ok


def current(state: MutableMapping, environ: MutableMapping | None = None) -> Loaded:
    """The current data, opening KASKADE_DATA (or the sample), or with KASKADE_BACKEND=neo4j the
    database, on a session's first run.

    A start-up file or database that fails is kept in ``state[STARTUP]`` and the sample is shown instead.
    """
    if DATA not in state:
        path = settings.get("data", environ)
        if settings.get("backend", environ) == "neo4j":
            result = load_database(path)
        else:
            result = load_path(path) if path else None
        if result is not None and not result.ok:
            state[STARTUP] = result
        state[DATA] = result.loaded if result is not None and result.ok else sample()
    return _decided(state[DATA])


def decision_store(loaded: Loaded, environ: MutableMapping | None = None) -> Any:
    """Where the desk decisions on `loaded` are kept: in its database, else KASKADE_DECISIONS, else
    beside its file, else (the sample, an upload) in ``~/.kaskade``."""
    if loaded.store is not None:
        return database_store(loaded.store)
    setting = settings.get("decisions", environ)
    if setting or loaded.source or loaded.is_sample:
        return store_for(loaded.source, setting)
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in loaded.name) or "data"
    return DecisionStore(Path.home() / ".kaskade" / f"{slug}{DECISIONS_SUFFIX}")


@st.cache_resource(max_entries=8, show_spinner=False)
def _overlay(token: str, path: str, version: tuple, _loaded: Loaded, _store: DecisionStore) -> Loaded:
    return replace(_loaded, graph=decided(_loaded.graph, _store), token=f"{token}|decisions:{version}")


def _decided(loaded: Loaded) -> Loaded:
    """`loaded` with the desk decisions in force applied to its graph (a new token, so every cached
    query sees them). With a database the decisions set the stored links' status, which everything
    read there sees: only the token changes."""
    store = decision_store(loaded)
    if not store.exists():
        return loaded
    if loaded.store is not None:
        return replace(loaded, token=f"{loaded.token}|decisions:{store.version()}")
    return _overlay(loaded.token, str(store.path), store.version(), loaded, store)


def decide(state: MutableMapping, source: str, target: str, status: str, *, who: str, note: str = "") -> Decision:
    """Record a desk decision on the current data (checked against the data as loaded)."""
    loaded = _decided(state[DATA])
    store = decision_store(loaded)
    if loaded.store is not None:  # the stored link, as the decisions so far set it
        stored, base = store.link(source, target)
        value = check_link(_ends(source, target) if stored else nx.MultiDiGraph(), source, target, status)
    else:
        value = check_link(loaded.graph, source, target, status)
        base = link_status(loaded.graph, source, target)
    return store.decide(source, target, value, who=who, note=note, base=base)


def _ends(*ids: str) -> nx.MultiDiGraph:
    """A graph of the nodes `ids` alone (what `check_link` asks of a link whose ends are stored)."""
    G = nx.MultiDiGraph()
    G.add_nodes_from(ids)
    return G


def undo(state: MutableMapping, source: str, target: str, *, who: str) -> Decision | None:
    """Undo the latest decision on a link of the current data (None when it has none)."""
    return decision_store(state[DATA]).undo(source, target, who=who)


def data_source(loaded: Loaded, lang: str) -> str:
    """What every export names as its source: the data's name and how many governments."""
    name = t("data.sample_name", lang) if loaded.is_sample else loaded.name
    return t("data.source", lang, name=name, n=len(query(loaded, governments)))


def data_caption(loaded: Loaded, lang: str) -> str:
    """What the sidebar says about the data: ``Data: <its source>``."""
    return t("data.loaded", lang, source=data_source(loaded, lang))


def lang(state: MutableMapping) -> str:
    return normalize_lang(state.get(LANG) or settings.get("lang"))


# cache_resource, not cache_data: results are immutable (frozen dataclasses in tuples), so sharing
# them is safe, and a hit costs no unpickling of thousands of findings.
@st.cache_resource(max_entries=512, show_spinner=False)
def _query(token: str, name: str, key: str, _fn: Callable, _graph: Any, _kwargs: dict) -> Any:
    return run(_fn, _graph, **_kwargs) if _fn in _ANALYSES else _fn(_graph, **_kwargs)


_ANALYSES = frozenset(SCOPES)
"""The analyses that take a database in place of a graph (`backends.neo4j_analyses.run`)."""


def query(loaded: Loaded, fn: Callable, /, **kwargs: Any) -> Any:
    """``fn(loaded.analysis, **kwargs)``, an analysis of `queries` or a count or choice of
    `app_lib.data`, cached per data token and arguments; pages never mutate results."""
    key = repr(sorted(kwargs.items()))
    return _query(loaded.token, f"{fn.__module__}.{fn.__qualname__}", key, fn, loaded.analysis, kwargs)


def issue_rows(issues: tuple[Issue, ...] | list[Issue], lang: str) -> list[dict[str, Any]]:
    """Validation problems as table rows with headings in `lang`: where, what and why (the rule's id
    stays out: the explanation says it in words).

    >>> i = Issue(source="a.xlsx", sheet="sub_kegiatan", row=5, column="pagu", value="x", rule="number")
    >>> issue_rows([i], "en")[0]  # doctest: +NORMALIZE_WHITESPACE
    {'Severity': 'error', 'File': 'a.xlsx', 'Sheet': 'sub_kegiatan', 'Row': 5, 'Column': 'pagu', 'Cell value': 'x',
     'Explanation': "'x' is not a number (write e.g. 1.250.000,50)."}
    """
    return [
        {
            column_label("severity", lang): t(f"value.severity.{i.severity}", lang),
            column_label("source", lang): i.source,
            column_label("sheet", lang): i.sheet,
            column_label("row", lang): i.row,
            column_label("column", lang): i.column,
            column_label("cell_value", lang): i.value,
            column_label("message", lang): i.text(lang),
        }
        for i in issues
    ]


def views_path(environ: MutableMapping | None = None) -> Path:
    """The JSON file saved views persist in (the KASKADE_VIEWS setting)."""
    return Path(settings.get("views", environ) or "~/.kaskade/views.json").expanduser()


def _data_key(state: MutableMapping) -> str:
    loaded = state.get(DATA)
    if loaded is None or loaded.is_sample:
        return "sample"
    return loaded.name


def _record(view: SavedView, data: str) -> dict | None:
    """A saved view as JSON: a graph by its recipe (what to draw, redrawn on opening), a table by
    its rows, a figure by its plotly JSON. A graph without a recipe lives only in the session."""
    meta = view.meta or {}
    recipe = meta.get("recipe")
    if view.kind == "graph" and recipe is None:
        return None
    return {"data": data, "kind": view.kind, "title": view.title, "headline": meta.get("headline"),
            "recipe": recipe, "payload": None if view.kind == "graph" else view.payload}


def _read_views(path: Path) -> list[dict]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [v for v in found.get("views", []) if isinstance(v, dict)] if isinstance(found, dict) else []


def _write_views(state: MutableMapping) -> None:
    """Replace this data source's views in the file; other sources' views stay. A file that cannot
    be written leaves the views in the session only."""
    path, data = views_path(), _data_key(state)
    kept = [v for v in _read_views(path) if v.get("data") != data]
    mine = [r for r in (_record(v, data) for v in state.get(VIEWS, [])) if r is not None]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"views": kept + mine}, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def save_view(state: MutableMapping, view: SavedView) -> int:
    """Append a view to the presentation (and to the views file); returns how many are saved."""
    views = saved_views(state)
    views.append(view)
    _write_views(state)
    return len(views)


def remove_view(state: MutableMapping, position: int | None) -> None:
    """Drop one saved view (by position), or all of them when `position` is None."""
    views = saved_views(state)
    if position is None:
        views.clear()
    elif 0 <= position < len(views):
        del views[position]
    _write_views(state)


def saved_views(state: MutableMapping) -> list[SavedView]:
    """The views saved for the presentation: on a session's first call, those the views file keeps
    for the current data (so a restart loses nothing)."""
    if VIEWS not in state:
        data = _data_key(state)
        state[VIEWS] = [SavedView(r.get("kind", "table"), str(r.get("title", "")), r.get("payload"),
                                  {"headline": r.get("headline"), "recipe": r.get("recipe")})
                        for r in _read_views(views_path()) if r.get("data") == data]
    return state[VIEWS]
