"""Read a JSON file ``{"<table>": [{column: value, ...}, ...], ...}`` into `RawTable`s.

Each key is a sheet; an item's row number is its position in the list, starting at 1. A key
written twice in one object, ``NaN`` or ``Infinity``, or nesting deeper than a table needs is an
error, located. A list of records alone is one table named after the file, and the scalar values
around the lists (an API answer's ``"status"``, ``"message"``) are not tables.

>>> t, = read_json_bytes(b'{"status": "success", "data": [{"kode_sub_giat": "1.03.02.2.01.0013"}]}', "sipd.json")
>>> t.sheet, t.rows
('data', [['1.03.02.2.01.0013']])
>>> t, = read_json_bytes(b'{"sasaran": [{"id": "S1", "nama": "Naik"}, {"id": "S2"}]}', "d.json")
>>> t.sheet, t.headers, t.rows, t.row_numbers
('sasaran', ['id', 'nama'], [['S1', 'Naik'], ['S2', None]], [1, 2])
"""
from __future__ import annotations

import json
from pathlib import Path

from base.errors import Issue, LoadError
from base.i18n import Phrase
from loaders.controls import CONTROL, strip_controls
from loaders.messages import make_issue
from loaders.readers import RawTable

__all__ = ["read_json", "read_json_bytes"]


_DEPTH = 64
"""Nesting a Kaskade document never needs (table, list, row, a list cell): deeper is refused."""


class _Object(dict):
    """A JSON object that remembers the keys it held twice (the last value would win silently)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> _Object:
    found = _Object(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        found.duplicates = tuple(dict.fromkeys(k for k, _ in pairs if k in seen or seen.add(k)))
    return found


class _NotANumber(ValueError):
    """NaN, Infinity or -Infinity, which Python's JSON reader would accept."""


def _refuse_constant(name: str) -> float:
    raise _NotANumber(name)


def _too_deep(text: str) -> tuple[int, int]:
    """Line and column where `text` first nests deeper than `_DEPTH` (strings skipped)."""
    depth, in_string, escaped, line, col = 0, False, False, 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif in_string:
            escaped = not escaped and ch == "\\"
            in_string = escaped or ch != '"'
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > _DEPTH:
                return line, col
        elif ch in "]}":
            depth -= 1
    return line, col


def _depth(value: object, limit: int = _DEPTH) -> bool:
    """True when `value` nests no deeper than `limit`."""
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if level > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return True


def _table(source: str, sheet: str, items: list, issues: list[Issue]) -> RawTable:
    headers: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        for key in getattr(item, "duplicates", ()):
            issues.append(make_issue("json_duplicate_key", source=source, sheet=sheet, row=number, column=key,
                                     key=key))
        if not isinstance(item, dict):
            issues.append(
                make_issue(
                    "json_shape", source=source, sheet=sheet, row=number, value=json.dumps(item)[:80],
                    detail=Phrase("issue.detail.json_row_object"),
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
        found = Phrase("issue.found.not_utf8")
        raise LoadError([make_issue("file_type", source=source, expected="JSON (UTF-8)", found=found)]) from None
    if not text.strip():
        raise LoadError([make_issue("empty", source=source)])
    try:
        document = json.loads(text, object_pairs_hook=_object, parse_constant=_refuse_constant)
        deep = not _depth(document)
    except json.JSONDecodeError as exc:
        raise LoadError([make_issue("json", source=source, line=exc.lineno, col=exc.colno, detail=exc.msg)]) from None
    except _NotANumber as exc:  # NaN, Infinity, -Infinity: not JSON numbers
        raise LoadError([make_issue("json_number", source=source, what=str(exc))]) from None
    except ValueError:  # an integer of thousands of digits
        value = Phrase("issue.detail.huge_number")
        raise LoadError([make_issue("json_number", source=source, what=value)]) from None
    except RecursionError:
        deep = True
    if deep:
        line, col = _too_deep(text)
        raise LoadError([make_issue("json_depth", source=source, limit=_DEPTH, line=line, col=col)])
    if isinstance(document, list) and document and all(isinstance(item, dict) for item in document):
        document = _Object({Path(source).stem: document})  # one table of records, as an API answer gives it
    if not isinstance(document, dict):
        kind = type(document).__name__
        raise LoadError([make_issue("json_shape", source=source, detail=Phrase("issue.detail.json_holds", kind=kind))])
    issues: list[Issue] = [make_issue("json_duplicate_key", source=source, sheet=key, key=key)
                           for key in document.duplicates]
    tables = []
    envelope = any(isinstance(v, list) for v in document.values())
    for key, items in document.items():
        if envelope and (items is None or isinstance(items, (str, int, float, bool))):
            continue  # the answer's envelope around its records: ``"status": "success"``, ``"message": …``
        if not isinstance(items, list):
            issues.append(
                make_issue(
                    "json_shape", source=source, sheet=key,
                    detail=Phrase("issue.detail.json_list", key=key),
                )
            )
            continue
        tables.append(_table(source, str(key), items, issues))
    for table in tables:
        if any(type(c) is str and CONTROL.search(c) for row in table.rows for c in row):
            table.issues.extend(strip_controls(table))
    if issues:
        raise LoadError(issues)
    return tables


def read_json(path: Path, source: str | None = None) -> list[RawTable]:
    path = Path(path)
    return read_json_bytes(path.read_bytes(), source or path.name)
