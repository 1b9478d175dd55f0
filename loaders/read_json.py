"""Read a JSON file ``{"<table>": [{column: value, ...}, ...], ...}`` into `RawTable`s.

Each key is a sheet; an item's row number is its position in the list, starting at 1.

>>> t, = read_json_bytes(b'{"sasaran": [{"id": "S1", "nama": "Naik"}, {"id": "S2"}]}', "d.json")
>>> t.sheet, t.headers, t.rows, t.row_numbers
('sasaran', ['id', 'nama'], [['S1', 'Naik'], ['S2', None]], [1, 2])
"""
from __future__ import annotations

import json
from pathlib import Path

from base.errors import Issue, LoadError
from loaders.messages import make_issue
from loaders.readers import RawTable

__all__ = ["read_json", "read_json_bytes"]


def _table(source: str, sheet: str, items: list, issues: list[Issue]) -> RawTable:
    headers: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            issues.append(
                make_issue(
                    "json_shape", source=source, sheet=sheet, row=number, value=json.dumps(item)[:80],
                    detail=("setiap baris harus berupa objek {...}", "every row must be an object {...}"),
                )
            )
            continue
        for key in item:
            if key not in headers:
                headers[key] = None
    names = list(headers)
    rows = [[item.get(h) for h in names] for item in items if isinstance(item, dict)]
    numbers = [n for n, item in enumerate(items, start=1) if isinstance(item, dict)]
    return RawTable(source, sheet, [str(h) for h in names], rows, numbers)


def read_json_bytes(data: bytes, source: str) -> list[RawTable]:
    """The tables of a JSON document; raises LoadError for anything that is not that shape."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        found = ("bukan teks UTF-8", "not UTF-8 text")
        raise LoadError([make_issue("file_type", source=source, expected="JSON (UTF-8)", found=found)]) from None
    if not text.strip():
        raise LoadError([make_issue("empty", source=source)])
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError([make_issue("json", source=source, line=exc.lineno, col=exc.colno, detail=exc.msg)]) from None
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise LoadError([make_issue("json_shape", source=source, detail=(f"isinya {kind}", f"it holds a {kind}"))])
    issues: list[Issue] = []
    tables = []
    for key, items in document.items():
        if not isinstance(items, list):
            issues.append(
                make_issue(
                    "json_shape", source=source, sheet=key,
                    detail=(f"nilai '{key}' harus berupa daftar [...]", f"the value of '{key}' must be a list [...]"),
                )
            )
            continue
        tables.append(_table(source, str(key), items, issues))
    if issues:
        raise LoadError(issues)
    return tables


def read_json(path: Path, source: str | None = None) -> list[RawTable]:
    path = Path(path)
    return read_json_bytes(path.read_bytes(), source or path.name)
