"""Settings, declared once as data: name, environment variable, default and help.

The CLI, the app and the docs read this table; a test checks every setting is documented.

>>> get("backend", environ={})
'networkx'
>>> get("backend", environ={"KASKADE_BACKEND": "neo4j"})
'neo4j'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

__all__ = ["Setting", "SETTINGS", "get", "connection"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("data", "KASKADE_DATA", None,
            "Data the app opens at start: a workbook, CSV folder or zip, JSON, SIPD export or saved graph. "
            "Empty means the bundled sample."),
    Setting("lang", "KASKADE_LANG", "id", "Language of the app and of messages: id (Bahasa Indonesia) or en."),
    Setting("backend", "KASKADE_BACKEND", "networkx", "Where the analyses run: networkx (embedded) or neo4j."),
    Setting("neo4j_uri", "NEO4J_URI", None, "Bolt URI of the Neo4j server, e.g. bolt://127.0.0.1:7687."),
    Setting("neo4j_user", "NEO4J_USER", "neo4j", "Neo4j user name."),
    Setting("neo4j_password", "NEO4J_PASSWORD", None, "Neo4j password (never printed or logged).", secret=True),
    Setting("debug", "KASKADE_DEBUG", None, "Set to 1 to see the full traceback of an unexpected error."),
    Setting("decisions", "KASKADE_DECISIONS", None,
            "SQLite file holding the desk decisions (agreed / rejected / proposed links). Empty means "
            "<data file>.decisions.sqlite beside the data, or ~/.kaskade/sample.decisions.sqlite for the sample."),
    Setting("neo4j_database", "NEO4J_DATABASE", None, "Neo4j database (graph name on FalkorDB)."),
    Setting("views", "KASKADE_VIEWS", "~/.kaskade/views.json",
            "JSON file where the app keeps the views saved for the presentation, per data source, so a "
            "deck can be rebuilt after a restart."),
    Setting("cache", "KASKADE_CACHE", None,
            "Folder where the parsed official nomenclature is kept between runs. Empty means "
            "$XDG_CACHE_HOME/kaskade, else ~/.cache/kaskade."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of a setting: its environment variable when set and not empty, else the default."""
    setting = _BY_NAME[name]
    value = (os.environ if environ is None else environ).get(setting.env)
    return value if value else setting.default


def connection(environ: Mapping[str, str] | None = None, **given: str | None):
    """The Neo4j `kaskade.open.Connection` of the NEO4J_* settings; `given` values (not None) win.

    >>> connection({"NEO4J_URI": "bolt://127.0.0.1:7687"}, database="kaskade")
    Connection(uri='bolt://127.0.0.1:7687', user='neo4j', database='kaskade')
    """
    from kaskade.open import Connection

    values = {key: get(f"neo4j_{key}", environ) for key in ("uri", "user", "password", "database")}
    values.update({k: v for k, v in given.items() if v is not None})
    return Connection(**values)
