"""The one exception the analyses raise: a `QueryError` the user caused (unknown id, bad filter).

``str(err)`` is the Indonesian sentence a planner reads; `message_en` is the English one.

>>> err = QueryError("simpul tidak dikenal: 'x'", "unknown node: 'x'")
>>> str(err), err.message_en
("simpul tidak dikenal: 'x'", "unknown node: 'x'")
"""
from __future__ import annotations

from base.errors import KaskadeError

__all__ = ["QueryError"]


class QueryError(KaskadeError):
    """An analysis cannot run as asked: an unknown root id, a node of the wrong kind, a bad filter."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(message_id)
        self.message_id = message_id
        self.message_en = message_en

    def __reduce__(self):
        return (QueryError, (self.message_id, self.message_en))
