"""The decisions store: desk decisions kept in an embedded SQLite file (the standard library's
`sqlite3`), beside the data by default.

The file is opened in WAL mode with a busy timeout, so several app sessions and commands can
decide at once; each decision (or undo) is one ``BEGIN IMMEDIATE`` transaction that reads the
link's status in force and writes the new row, so no decision is lost and ``previous`` is always
the status the link really had. Nothing is ever deleted: an undo marks the latest decision of a
link undone, and the history keeps both.

>>> import tempfile, pathlib
>>> store = DecisionStore(pathlib.Path(tempfile.mkdtemp()) / "desk.decisions.sqlite")
>>> d = store.decide("sub_kegiatan:a", "indikator:I1", "disepakati", who="Rina", note="ok", base="usulan")
>>> (d.previous, d.status, d.who), len(store.decisions())
(('usulan', 'disepakati', 'Rina'), 1)
>>> store.undo("sub_kegiatan:a", "indikator:I1", who="Rina").undone_by
'Rina'
>>> [x.status for x in store.history("sub_kegiatan:a", "indikator:I1")], store.in_force()
(['disepakati'], {})
"""
from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from base.errors import CatalogueError
from queries.decisions import Decision, in_force
from queries.filters import parse_status

__all__ = ["DecisionStore", "decisions_path", "SUFFIX"]

SUFFIX = ".decisions.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS decision (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    previous TEXT,
    note TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    undone_at TEXT,
    undone_by TEXT
);
CREATE INDEX IF NOT EXISTS decision_link ON decision (source, target);
"""
_COLUMNS = "id, source, target, status, previous, note, who, at, undone_at, undone_by"


def decisions_path(data: str | Path | None, setting: str | None = None, *, home: Path | None = None) -> Path:
    """Where the decisions on `data` are kept: the `setting` (KASKADE_DECISIONS) when given, else
    ``<data file>.decisions.sqlite`` beside it, else (the bundled sample) in ``~/.kaskade``.

    >>> decisions_path("/srv/rencana.xlsx").as_posix()
    '/srv/rencana.xlsx.decisions.sqlite'
    >>> decisions_path(None, home=Path("/home/rina")).as_posix()
    '/home/rina/.kaskade/sample.decisions.sqlite'
    """
    if setting:
        return Path(setting).expanduser()
    if data:
        path = Path(data).expanduser()
        return path.with_name(path.name.rstrip("/") + SUFFIX)
    return (home or Path.home()) / ".kaskade" / f"sample{SUFFIX}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class DecisionStore:
    """Decisions in one SQLite file, created on first use. Every method opens its own connection,
    so a store can be shared by threads and processes."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            con.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if not self._ready:
                self._set_up(con)
                self._ready = True
            return con
        except (sqlite3.Error, OSError) as exc:
            raise CatalogueError("decisions.cannot_open", path=str(self.path), error=str(exc)) from None

    def _set_up(self, con: sqlite3.Connection) -> None:
        """WAL mode and the schema. Two processes opening a new file at once can meet SQLite's
        "database is locked" while one switches the journal mode, which the busy timeout does not
        cover: wait and try again until the timeout."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                con.execute("PRAGMA journal_mode = WAL")
                con.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _active(self, con: sqlite3.Connection, source: str, target: str) -> tuple | None:
        return con.execute(f"SELECT {_COLUMNS} FROM decision WHERE source = ? AND target = ? AND undone_at IS NULL "
                           "ORDER BY id DESC LIMIT 1", (source, target)).fetchone()

    def decide(self, source: str, target: str, status: str, *, who: str, note: str = "",
               base: str | None = None) -> Decision:
        """Record that the link source -> target is now `status`. `base` is the link's status in the
        data (None for a link the data lacks); the previous status is the one in force."""
        value = parse_status(status).value
        who = (who or "").strip()
        if not who:
            raise CatalogueError("desk.who_missing")
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                active = self._active(con, source, target)
                previous = active[3] if active else base
                at = _now()
                cur = con.execute("INSERT INTO decision (source, target, status, previous, note, who, at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)", (source, target, value, previous, note or "", who, at))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return Decision(cur.lastrowid, source, target, value, previous, note or "", who, at)

    def undo(self, source: str, target: str, *, who: str) -> Decision | None:
        """Undo the latest decision in force on the link (None when there is none)."""
        with closing(self._connect()) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                active = self._active(con, source, target)
                if active is None:
                    con.execute("ROLLBACK")
                    return None
                at = _now()
                con.execute("UPDATE decision SET undone_at = ?, undone_by = ? WHERE id = ?", (at, who, active[0]))
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return Decision(*active[:8], undone_at=at, undone_by=who)

    def exists(self) -> bool:
        """Whether any decision was ever taken here (the file is created by the first)."""
        return self.path.exists()

    def decisions(self) -> list[Decision]:
        """Every decision ever taken, undone ones included, oldest first."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as con:
            return [Decision(*row) for row in con.execute(f"SELECT {_COLUMNS} FROM decision ORDER BY id")]

    def history(self, source: str, target: str) -> list[Decision]:
        """The decisions on one link, oldest first."""
        return [d for d in self.decisions() if d.link == (source, target)]

    def in_force(self) -> dict[tuple[str, str], Decision]:
        """The decision in force per link."""
        return in_force(self.decisions())

    def version(self) -> tuple[int, int]:
        """Changes whenever a decision is taken or undone (keys cached overlays)."""
        if not self.path.exists():
            return (0, 0)
        with closing(self._connect()) as con:
            count, undone = con.execute("SELECT count(*), count(undone_at) FROM decision").fetchone()
            last = con.execute("SELECT coalesce(max(id), 0) FROM decision").fetchone()[0]
        return (int(last), int(count) * 1_000_000 + int(undone))
