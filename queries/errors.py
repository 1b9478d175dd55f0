"""The one exception the analyses raise: a `QueryError` the user caused (unknown id, bad filter).

It names a catalogue key (``query.<what>``) and its parameters; ``str(err)`` is the Indonesian
sentence a planner reads, ``err.text("en")`` the English one.

>>> err = QueryError("query.unknown_node", node="x")
>>> str(err), err.text("en")
("simpul tidak dikenal: 'x'", "unknown node id: 'x'")
"""
from __future__ import annotations

from base.errors import CatalogueError

__all__ = ["QueryError"]


class QueryError(CatalogueError):
    """An analysis cannot run as asked: an unknown root id, a node of the wrong kind, a bad filter."""
