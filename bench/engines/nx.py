"""This project's embedded engine: `loaders.load` -> `graph.build_graph` -> the `queries` analyses.

Steps: read + validate (every row through the models and the cross-row checks), build the
networkx graph and its query index (`queries.graph_index`, the arrays every analysis shares;
counted in files -> graph, as a database's load builds its indexes), then the analyses the other
engines also answer, one cascade and one line of sight, then every other whole-graph analysis.

Run by `bench.run`: ``python -m bench.engines.nx DATA --pn ID --line ID --out FILE``.
"""
from __future__ import annotations

import sys
from collections import Counter
from functools import partial
from pathlib import Path

from bench.engines import STEPS, Questions, Recorder, engine_main

__all__ = ["run", "ANALYSES"]

ANALYSES: tuple[tuple[str, str, dict], ...] = (
    ("orphans", "orphans", {}),
    ("level conflicts", "mandates", {}),
    ("overlaps", "overlaps", {"kinds": ("same_sub_kegiatan",)}),
    ("overlaps, all kinds", "overlaps", {}),
    ("who_where", "who_where", {}),
    ("coverage", "coverage", {}),
    ("budget_flow", "budget_flow", {}),
    ("aligned_share", "aligned_share", {}),
)
"""(step, `queries` function, arguments): every whole-graph analysis with its defaults. Those the
other engines answer run first, then the cascade and the line of sight, then the rest, so a run
stopped by a limit still has the comparable figures. The ``overlaps`` step asks only for the
pairs the other engines count (same sub kegiatan); ``overlaps, all kinds`` adds the
programme-family and near-duplicate findings."""


def run(data: Path, q: Questions, rec: Recorder) -> None:
    import queries
    from base.collector import settle_large
    from graph.build import build_graph
    from loaders.load import load

    with rec.step("read + validate"):
        dataset = load(data, max_bytes=1 << 40)
    with rec.step("build graph"):
        G = build_graph(dataset)
        settle_large(G.number_of_nodes())  # as `kaskade.open_path` does: out of later collector passes
    with rec.step("query index"):
        queries.graph_index(G)
    rec.add("files -> graph", rec.seconds("read + validate", "build graph", "query index"))
    rec.counts["sub_kegiatan"] = len(dataset.sub_kegiatan)
    del dataset  # the app keeps only the graph
    rec.info["graph"] = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"

    comparable = [a for a in ANALYSES if a[0] in STEPS]
    _analyses(G, comparable, rec)
    c = rec.timed("cascade from a PN", lambda: queries.cascade(G, q.pn), kind="query")
    if c is not None:
        rec.counts["cascade_lines"] = sum(1 for n in c if n.kind == "sub_kegiatan" and not n.context)
    los = rec.timed("line of sight", lambda: queries.line_of_sight(G, q.line), kind="query")
    if los is not None:
        rec.counts["line_of_sight_priorities"] = len(los.priorities)
    _analyses(G, [a for a in ANALYSES if a not in comparable], rec)


def _analyses(G, chosen: list[tuple[str, str, dict]], rec: Recorder) -> None:
    import queries

    for step, name, kwargs in chosen:
        fn = getattr(queries, name)
        found = rec.timed(step, partial(fn, G, **kwargs))
        if found is None:
            continue
        if step == "orphans":
            rec.counts["orphans"] = sum(1 for o in found if o.reason == "no_outcome")
        elif step == "level conflicts":
            rec.counts["level_conflicts"] = sum(1 for m in found if m.reason == "level")
        elif step == "overlaps":
            rec.counts["overlap_pairs"] = sum(1 for o in found if o.reason == "same_sub_kegiatan")
        elif step == "overlaps, all kinds":
            rec.info["overlap findings"] = dict(Counter(o.reason for o in found))

if __name__ == "__main__":
    sys.exit(engine_main("networkx", run))
