"""The work lines (sub kegiatan) of a graph kept as columns, each line node's attributes a view.

At national size the graph holds about a million sub kegiatan. As networkx attribute dicts each
would cost about 2 KB (a dict of 20 entries and its own copies of the same codes); here a line's
attributes live in one `LineTable` (a list per attribute, shared strings and tuples interned) and
the node's attribute mapping is a `LineRow`: two slots, the table and the row. A `LineRow` is a
`MutableMapping`, so ``G.nodes[line]["pagu"]``, ``.get``, ``.items()``, ``dict(...)``, equality with
a dict and ``G.copy()`` (which copies it into a plain dict) behave as they did with dicts.

The query index (`queries.index`) reads a table's columns directly instead of each row.

>>> t = LineTable(("kind", "name", "pagu"))
>>> row = t.append(["sub_kegiatan", "Pembangunan Jalan", 5e8])
>>> row["pagu"], row.get("tahun"), dict(row) == {"kind": "sub_kegiatan", "name": "Pembangunan Jalan", "pagu": 5e8}
(500000000.0, None, True)
>>> row["catatan"] = "x"; sorted(row)
['catatan', 'kind', 'name', 'pagu']
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping

__all__ = ["LineTable", "LineRow", "SharedDict"]

_ABSENT = object()


class SharedDict(dict):
    """A dict that many edges of a built graph hold at once (their attributes, or their key dict
    ``{kind: attributes}``): changing it in place would change every one of those edges, so it
    refuses (TypeError). Change a copy of the graph (``G.copy()`` gives every edge its own dicts).

    >>> d = SharedDict(kind="bagian_dari")
    >>> d["status"] = "usulan"
    Traceback (most recent call last):
    TypeError: a built graph's edge dicts are shared between edges: change a copy of the graph (G.copy())
    >>> import pickle; type(pickle.loads(pickle.dumps(d))) is dict
    True
    """

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("a built graph's edge dicts are shared between edges: change a copy of the graph (G.copy())")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _refuse

    def copy(self) -> dict:
        return dict(self)

    def __reduce__(self):
        return (dict, (dict(self),))


class LineTable:
    """Columns of line attributes: ``cols[key][row]``; every row has every key of `keys`, unless
    an attribute set later on one row only (then the other rows lack it)."""

    __slots__ = ("keys", "cols", "_sparse", "__weakref__")

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys: list[str] = list(keys)
        self.cols: dict[str, list] = {k: [] for k in self.keys}
        self._sparse = False  # a column added after the rows, where some rows lack it

    def __len__(self) -> int:
        return len(self.cols[self.keys[0]]) if self.keys else 0

    def append(self, values: list) -> LineRow:
        """A new row of `values` (one per key, in key order), returned as its view."""
        row = len(self)
        for col, value in zip(self.cols.values(), values):
            col.append(value)
        return LineRow(self, row)

    def column(self, key: str) -> list:
        """A whole column (rows lacking the attribute hold an internal marker only when `sparse`)."""
        return self.cols[key]

    @property
    def sparse(self) -> bool:
        return self._sparse

    def _add_key(self, key: str) -> None:
        self.keys.append(key)
        self.cols[key] = [_ABSENT] * len(self)
        self._sparse = True


class LineRow(MutableMapping):
    """The attributes of one line: a mapping view onto row `row` of a `LineTable`."""

    __slots__ = ("_t", "_i")

    def __init__(self, table: LineTable, row: int) -> None:
        self._t = table
        self._i = row

    @property
    def table(self) -> LineTable:
        return self._t

    @property
    def row(self) -> int:
        return self._i

    def __getitem__(self, key: str):
        value = self._t.cols[key][self._i]
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default=None):
        col = self._t.cols.get(key)
        if col is None:
            return default
        value = col[self._i]
        return default if value is _ABSENT else value

    def __contains__(self, key: object) -> bool:
        col = self._t.cols.get(key)  # type: ignore[arg-type]
        return col is not None and col[self._i] is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        if not self._t.sparse:
            return iter(list(self._t.keys))
        return iter([k for k in self._t.keys if self._t.cols[k][self._i] is not _ABSENT])

    def __len__(self) -> int:
        if not self._t.sparse:
            return len(self._t.keys)
        return sum(1 for _ in self)

    def __setitem__(self, key: str, value) -> None:
        if key not in self._t.cols:
            self._t._add_key(key)
        self._t.cols[key][self._i] = value

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        if not self._t.sparse:
            self._t._sparse = True
        self._t.cols[key][self._i] = _ABSENT

    def copy(self) -> dict:
        """A plain dict of the attributes (what ``G.copy()`` and networkx's copies call)."""
        return dict(self.items())

    def __repr__(self) -> str:
        return repr(self.copy())

    def __reduce__(self):
        return (dict, (self.copy(),))
