"""This project's embedded engine: `loaders.load` -> `graph.build_graph` -> the `queries` analyses.

Steps: read + validate (every row through the models and the cross-row checks), build the
networkx graph and its query index (`queries.graph_index`, the arrays every analysis shares;
counted in files -> graph, as a database's load builds its indexes), then every whole-graph
analysis, then one cascade and one line of sight.

Run by `bench.run`: ``python -m bench.engines.nx DATA --pn ID --line ID --out FILE``.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from bench.engines import Questions, Recorder, engine_main

__all__ = ["run", "ANALYSES"]

ANALYSES = ("orphans", "mandates", "overlaps", "who_where", "coverage", "budget_flow", "aligned_share")
"""Whole-graph analyses of `queries`, run in this order with their defaults."""

_STEP_OF = {"orphans": "orphans", "mandates": "level conflicts", "overlaps": "overlaps"}


def run(data: Path, q: Questions, rec: Recorder) -> None:
    import queries
    from graph.build import build_graph
    from loaders.load import load

    with rec.step("read + validate"):
        dataset = load(data, max_bytes=1 << 40)
    with rec.step("build graph"):
        G = build_graph(dataset)
    with rec.step("query index"):
        queries.graph_index(G)
    rec.add("files -> graph", rec.seconds("read + validate", "build graph", "query index"))
    rec.counts["sub_kegiatan"] = len(dataset.sub_kegiatan)
    del dataset  # the app keeps only the graph
    rec.info["graph"] = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"

    for name in ANALYSES:
        fn = getattr(queries, name)
        found = rec.timed(_STEP_OF.get(name, name), lambda: fn(G))
        if found is None:
            continue
        if name == "orphans":
            rec.counts["orphans"] = sum(1 for o in found if o.reason == "no_outcome")
        elif name == "mandates":
            rec.counts["level_conflicts"] = sum(1 for m in found if m.reason == "level")
        elif name == "overlaps":
            rec.counts["overlap_pairs"] = sum(1 for o in found if o.reason == "same_sub_kegiatan")
            rec.info["overlap findings"] = dict(Counter(o.reason for o in found))

    c = rec.timed("cascade from a PN", lambda: queries.cascade(G, q.pn), kind="query")
    if c is not None:
        rec.counts["cascade_lines"] = sum(1 for n in c if n.kind == "sub_kegiatan" and not n.context)
    los = rec.timed("line of sight", lambda: queries.line_of_sight(G, q.line), kind="query")
    if los is not None:
        rec.counts["line_of_sight_priorities"] = len(los.priorities)


if __name__ == "__main__":
    sys.exit(engine_main("networkx", run))
