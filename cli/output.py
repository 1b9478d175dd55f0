"""What the `kaskade` command prints: text for a terminal without control characters, JSON with
them escaped, and a load error as one line in the chosen language.

Names come from planners' files; an ESC, BEL, CR or a right-to-left override in one would move
the cursor, ring, overwrite the line or reverse the text on the terminal.

>>> printable("Jalan\\x1b[31m merah\\x07\\r\\u202e")
'Jalan[31m merah'
>>> json_text({"nama": "a\\u202eb\\x1b"})
'{"nama": "a\\\\u202eb\\\\u001b"}'
"""
from __future__ import annotations

import json
import re
from typing import Any

import click

from base import fmt
from base.errors import KaskadeError
from base.i18n import t

__all__ = ["printable", "json_text", "echo", "echo_json", "error_line", "built_line"]

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without the characters that control a terminal (newlines and tabs stay)."""
    return _CONTROL.sub("", text)


def json_text(value: Any, **options: Any) -> str:
    """JSON with every control and direction character escaped (``\\u202e``), still valid JSON."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, **options)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: str = "", **options: Any) -> None:
    click.echo(printable(text), **options)


def echo_json(value: Any, **options: Any) -> None:
    click.echo(json_text(value, **options))


def error_line(exc: KaskadeError, lang: str = "id") -> str:
    """One line for the terminal: a load error's first problem in `lang`, located, with the count."""
    if hasattr(exc, "text"):
        return printable(exc.text(lang))
    text = getattr(exc, "message_en", None) if lang == "en" else None
    return printable(text or str(exc))


def built_line(path: object, G: Any, lang: str = "id") -> str:
    """The line `build` and `pull` end with: the file written and what its graph holds.

    >>> import networkx as nx
    >>> built_line("kaltim.kgraph", nx.path_graph(1200), "en"), built_line("kaltim.kgraph", nx.path_graph(3))
    ('kaltim.kgraph: 1,200 nodes, 1,199 edges', 'kaltim.kgraph: 3 simpul, 2 sisi')
    """
    return t("cli.built", lang, path=path, nodes=fmt.number(G.number_of_nodes(), lang),
             edges=fmt.number(G.number_of_edges(), lang))
