"""What every benchmark engine shares: the questions, step timing, and the child-process entry.

Each engine module (`bench.engines.nx`, `lbug`, `falkor`, `floor`) runs in its own process,
started by `bench.run`, answers the same `Questions` on the same CSV folder and writes one JSON
`Report`. Step names in `STEPS` are the ones every engine shares, so the table can set the figures
side by side; engine-specific sub-steps carry other names.

>>> rec = Recorder("demo")
>>> with rec.step("orphans", kind="analysis"):
...     rec.counts["orphans"] = 3
>>> [s["step"] for s in rec.report()["steps"]], rec.report()["counts"]
(['orphans'], {'orphans': 3})
"""
from __future__ import annotations

import argparse
import json
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["STEPS", "COUNTS", "Questions", "Recorder", "Unavailable", "peak_rss_mb", "engine_main"]

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


class Recorder:
    """Times named steps and keeps the counts and facts an engine reports."""

    def __init__(self, engine: str):
        self.engine = engine
        self.steps: list[dict] = []
        self.counts: dict[str, int] = {}
        self.info: dict[str, object] = {}

    @contextmanager
    def step(self, name: str, *, kind: str = "load") -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.steps.append({"step": name, "kind": kind, "seconds": time.perf_counter() - started,
                           "peak_rss_mb": round(peak_rss_mb(), 1)})

    def add(self, name: str, seconds: float, *, kind: str = "load") -> None:
        """A step timed elsewhere (e.g. the sum of sub-steps)."""
        self.steps.append({"step": name, "kind": kind, "seconds": seconds, "peak_rss_mb": round(peak_rss_mb(), 1)})

    def seconds(self, *names: str) -> float:
        return sum(s["seconds"] for s in self.steps if s["step"] in names)

    def report(self, error: str | None = None, skipped: str | None = None) -> dict:
        return {"engine": self.engine, "steps": self.steps, "counts": self.counts, "info": self.info,
                "error": error, "skipped": skipped}


def engine_main(engine: str, run: Callable[[Path, Questions, Recorder], None], argv: list[str] | None = None) -> int:
    """The child-process entry: ``python -m bench.engines.<name> DATA --pn .. --line .. --out FILE``.

    Whatever happens, a report is written; an exception becomes its ``error`` (exit code 1),
    `Unavailable` its ``skipped`` reason (exit code 0).
    """
    parser = argparse.ArgumentParser(prog=f"python -m bench.engines.{engine}")
    parser.add_argument("data", type=Path, help="CSV folder written by bench.synth")
    parser.add_argument("--pn", required=True)
    parser.add_argument("--line", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rec = Recorder(engine)
    error = skipped = None
    try:
        run(args.data, Questions(args.pn, args.line), rec)
    except Unavailable as exc:
        skipped = str(exc)
    except Exception as exc:  # the parent reports it next to the other engines' figures
        error = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    rec.info.setdefault("questions", asdict(Questions(args.pn, args.line)))
    args.out.write_text(json.dumps(rec.report(error, skipped), indent=1, default=str), encoding="utf-8")
    return 1 if error else 0

