"""What every benchmark engine shares: the questions, step timing, and the child-process entry.

Each engine module (`bench.engines.nx`, `lbug`, `falkor`, `floor`) runs in its own process,
started by `bench.run`, answers the same `Questions` on the same CSV folder and writes a JSON
report. Step names in `STEPS` are the ones every engine shares, so the table can set the figures
side by side; engine-specific sub-steps carry other names.

>>> rec = Recorder("demo", step_limit=0.05)
>>> with rec.step("files -> graph"):
...     rec.counts["sub_kegiatan"] = 3
>>> rec.timed("orphans", lambda: 7), rec.timed("overlaps", lambda: time.sleep(2))
(7, None)
>>> [(s["step"], s.get("timed_out", False)) for s in rec.steps]
[('files -> graph', False), ('orphans', False), ('overlaps', True)]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["STEPS", "COUNTS", "Questions", "Recorder", "StepTimeout", "Unavailable", "peak_rss_mb", "engine_main"]

STEPS = (
    "files -> graph",
    "orphans",
    "level conflicts",
    "overlaps",
    "cascade from a PN",
    "line of sight",
)
"""Steps every graph engine reports, in table order (an engine may add others)."""

COUNTS = (
    "sub_kegiatan",
    "orphans",
    "level_conflicts",
    "overlap_pairs",
    "cascade_lines",
    "line_of_sight_priorities",
)
"""Answers that must agree across engines (`sub_kegiatan`: lines loaded; `orphans`: lines with
no path to an outcome; `level_conflicts`: lines whose level digit is not their government's;
`overlap_pairs`: pairs of lines that overlap; `cascade_lines`: distinct lines below the PN;
`line_of_sight_priorities`: national priorities the line reaches)."""


class Unavailable(Exception):
    """The engine cannot run on this machine (a missing module or server): reported, not failed."""


@dataclass(frozen=True)
class Questions:
    """The same questions for every engine: one national priority and one sub kegiatan."""

    pn: str  # node id, e.g. prioritas:PN03
    line: str  # node id of a sub kegiatan

    def to_args(self) -> list[str]:
        """The command-line arguments `engine_main` reads them from."""
        return ["--pn", self.pn, "--line", self.line]


def peak_rss_mb() -> float:
    """This process's peak resident set so far (VmHWM), in MB; 0 where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class StepTimeout(Exception):
    """A step ran past its limit; the engine records it and goes on with the next step."""


def _alarm(signum, frame):
    raise StepTimeout


class Recorder:
    """Times named steps and keeps the counts and facts an engine reports.

    With `out`, the report so far is written after every step, so an engine stopped from outside
    (time or memory limit) still leaves its figures. With `step_limit`, an analysis or query step
    (`timed`) that runs longer is stopped and recorded as such.
    """

    def __init__(self, engine: str, out: Path | None = None, step_limit: float | None = None):
        self.engine = engine
        self.out = out
        self.step_limit = step_limit
        self.steps: list[dict] = []
        self.counts: dict[str, int] = {}
        self.info: dict[str, object] = {}
        self.running: str | None = None  # the step under way, named in a report saved mid-step

    def _start(self, name: str) -> float:
        self.running = name
        self.save()
        return time.perf_counter()

    def _record(self, name: str, kind: str, seconds: float, timed_out: bool = False) -> None:
        entry = {"step": name, "kind": kind, "seconds": seconds, "peak_rss_mb": round(peak_rss_mb(), 1)}
        if timed_out:
            entry["timed_out"] = True
        self.steps.append(entry)
        self.running = None
        self.save()

    @contextmanager
    def step(self, name: str, *, kind: str = "load") -> Iterator[None]:
        started = self._start(name)
        yield
        self._record(name, kind, time.perf_counter() - started)

    def timed(self, name: str, fn: Callable[[], object], *, kind: str = "analysis",
              alarm: bool = True) -> object | None:
        """Run `fn` as a step under the step limit; its value, or None when it was stopped.

        The limit interrupts Python code (SIGALRM); an engine whose work runs in native threads
        passes ``alarm=False``, sets the database's own timeout and raises `StepTimeout` when it
        fires."""
        started = self._start(name)
        previous = None
        alarm = alarm and bool(self.step_limit)
        if alarm:
            previous = signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, self.step_limit)
        try:
            try:
                value = fn()
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            stopped = False
        except StepTimeout:  # also when the alarm lands just after fn returned
            value, stopped = None, True
        finally:
            if alarm:
                signal.signal(signal.SIGALRM, previous)
        self._record(name, kind, time.perf_counter() - started, stopped)
        return value

    def add(self, name: str, seconds: float, *, kind: str = "load") -> None:
        """A step timed elsewhere (e.g. the sum of sub-steps)."""
        self._record(name, kind, seconds)

    def seconds(self, *names: str) -> float:
        return sum(s["seconds"] for s in self.steps if s["step"] in names)

    def report(self, error: str | None = None, skipped: str | None = None) -> dict:
        return {"engine": self.engine, "steps": self.steps, "counts": self.counts, "info": self.info,
                "running": self.running, "error": error, "skipped": skipped}

    def save(self, error: str | None = None, skipped: str | None = None) -> None:
        """Write the report so far; replaced whole, so a reader never sees half a file."""
        if self.out is not None:
            partial = self.out.with_suffix(".partial")
            partial.write_text(json.dumps(self.report(error, skipped), indent=1, default=str), encoding="utf-8")
            os.replace(partial, self.out)


def _terminate(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")  # unwinds, so finally blocks stop servers


def engine_main(engine: str, run: Callable[[Path, Questions, Recorder], None], argv: list[str] | None = None) -> int:
    """The child-process entry: ``python -m bench.engines.<name> DATA --pn .. --line .. --out FILE``.

    Whatever happens, a report is written; an exception becomes its ``error`` (exit code 1),
    `Unavailable` its ``skipped`` reason (exit code 0). SIGTERM unwinds like an exception.
    """
    parser = argparse.ArgumentParser(prog=f"python -m bench.engines.{engine}")
    parser.add_argument("data", type=Path, help="CSV folder written by bench.synth")
    parser.add_argument("--pn", required=True)
    parser.add_argument("--line", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--step-limit", type=float, default=None, help="seconds per analysis or query")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    rec = Recorder(engine, args.out, args.step_limit)
    rec.info["questions"] = asdict(Questions(args.pn, args.line))
    error = skipped = None
    try:
        run(args.data, Questions(args.pn, args.line), rec)
    except Unavailable as exc:
        skipped = str(exc)
    except (Exception, SystemExit) as exc:  # the parent reports it next to the other engines' figures
        error = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    rec.save(error, skipped)
    return 1 if error else 0
