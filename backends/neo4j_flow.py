"""`queries.budget_flow` asked of the database: where each line's pagu flows, found by Cypher.

`FLOW_LINES` (one statement for the whole graph, one per root label) finds, for every selected
line with pagu (below the root, when one is given), its kegiatan and programme, and the goals its
pagu is split among: the nearest regional targets it reaches along up links whose status counts
(no other such target between), else the nearest national priorities (no target between); with
a root other than a programme, only targets and priorities below the root count. `FLOW_GOALS`
gives each such goal the next goals above it (no goal between) and its name and tier.

Python adds the shares into links (kegiatan -> line, programme -> kegiatan, goal -> programme),
carries each goal's amount up the goal tree, split equally at every step (the goal-to-goal
links), and orders the links; it reads the lines' ids, pagu and goals and the goal tree, never
the graph around them. The sums are the embedded analysis's, added in another order: a value can
differ from it in the last digit of a float (the parity tests compare to a relative 1e-9).

>>> sorted(statements())  # doctest: +NORMALIZE_WHITESPACE
['goals', 'goals_prioritas', 'goals_program', 'goals_sasaran', 'lines', 'lines_prioritas', 'lines_program',
 'lines_sasaran']
"""
from __future__ import annotations

from collections import defaultdict

from backends.neo4j_cypher import COUNTS, WORK, batched, cypher, parameters, read_rows, v
from backends.neo4j_paths import check_node
from backends.neo4j_store import LABELS
from graph.schema import NodeKind, kind_of
from queries.budget import FlowLink
from queries.cascade import TIERS, tier_of
from queries.filters import Filters
from queries.results import LazyRows, Rows

__all__ = ["FLOW_LINES", "FLOW_GOALS", "budget_flow_in_database", "statements"]

_ROOT_KINDS = (NodeKind.PRIORITY, NodeKind.TARGET, NodeKind.PROGRAM)

_BELOW = """MATCH (root:{start} {{id: $id}})
OPTIONAL MATCH b = (root)<-[:{up}*0..]-(x)
WHERE {counts_b} AND (x:{target} OR x:{priority})
WITH root, CASE WHEN $everywhere THEN null ELSE collect(DISTINCT x.id) END AS allowed"""
"""The ids of the targets and priorities below the root (null: every goal counts)."""

_ALL_LINES = """MATCH (l:{line})
WHERE {work_l} AND l.pagu > 0
WITH l, null AS allowed"""

_LINES_BELOW = _BELOW + """
MATCH q = (root)<-[:{up}*0..]-(l:{line})
WHERE {counts_q} AND {work_l} AND l.pagu > 0
WITH DISTINCT l, allowed"""

_LINES = """{lines}
OPTIONAL MATCH (l)-[:{part_of}]->(k:{kegiatan})
OPTIONAL MATCH (k)-[:{part_of}]->(pr:{program})
OPTIONAL MATCH p = (l)-[:{up}*1..]->(t:{target})
WHERE {counts_p} AND (allowed IS NULL OR t.id IN allowed)
  AND none(x IN nodes(p)[1..length(p)] WHERE x:{target} AND (allowed IS NULL OR x.id IN allowed))
WITH l, k, pr, allowed, collect(DISTINCT t.id) AS targets
OPTIONAL MATCH p2 = (l)-[:{up}*1..]->(n:{priority})
WHERE size(targets) = 0 AND {counts_p2} AND (allowed IS NULL OR n.id IN allowed)
  AND none(x IN nodes(p2)[1..length(p2)] WHERE x:{target} OR (x:{priority} AND (allowed IS NULL OR x.id IN allowed)))
WITH l, k, pr, targets, collect(DISTINCT n.id) AS priorities
RETURN l.id AS line, l.name AS line_name, l.pagu AS pagu, k.id AS kegiatan, k.name AS kegiatan_name,
       pr.id AS program, pr.name AS program_name, targets + priorities AS goals"""

_ALL_GOALS = """MATCH (g)
WHERE g:{target} OR g:{priority}
WITH g, null AS allowed"""

_GOALS_BELOW = _BELOW + """
MATCH (g)
WHERE (g:{target} OR g:{priority}) AND (allowed IS NULL OR g.id IN allowed)
WITH g, allowed"""

_GOALS = """{goals}
OPTIONAL MATCH p = (g)-[:{up}*1..]->(h)
WHERE (h:{target} OR h:{priority}) AND h <> g AND (allowed IS NULL OR h.id IN allowed) AND {counts_p}
  AND none(x IN nodes(p)[1..length(p)] WHERE (x:{target} OR x:{priority}) AND (allowed IS NULL OR x.id IN allowed))
WITH g, collect(DISTINCT h.id) AS next
RETURN g.id AS id, g.name AS name, g.jenis AS jenis, g.pemda AS pemda, next"""


def _fragments(start: str | None) -> dict[str, str]:
    return {"start": start or "", "counts_b": v(COUNTS, "b"), "counts_q": v(COUNTS, "q"), "counts_p": v(COUNTS, "p"),
            "counts_p2": v(COUNTS, "p2"), "work_l": v(WORK, "l")}


def _statement(body: str, head: str, start: str | None) -> str:
    f = _fragments(start)
    return batched(cypher(body.replace("{lines}", head).replace("{goals}", head).replace("{start}", f["start"]),
                          **{k: x for k, x in f.items() if k != "start"}))


FLOW_LINES: dict[NodeKind | None, str] = {None: _statement(_LINES, _ALL_LINES, None), **{
    kind: _statement(_LINES, _LINES_BELOW, LABELS[kind]) for kind in _ROOT_KINDS}}
"""Per root kind (None: no root): each selected line with pagu, its kegiatan, programme and the
goals its pagu is split among."""

FLOW_GOALS: dict[NodeKind | None, str] = {None: _statement(_GOALS, _ALL_GOALS, None), **{
    kind: _statement(_GOALS, _GOALS_BELOW, LABELS[kind]) for kind in _ROOT_KINDS}}
"""Per root kind (None: no root): each goal that counts, with the next goals above it."""


def _tier(nid: str, jenis: str | None = None, pemda: str | None = None) -> str:
    kind = kind_of(nid).value
    return tier_of({"kind": kind, "jenis": jenis, "pemda": pemda}) or kind


def budget_flow_in_database(store, root: str | None = None, filters: Filters | None = None) -> LazyRows[FlowLink]:
    """`queries.budget_flow` computed by `FLOW_LINES` and `FLOW_GOALS`: the same links in the same order."""
    filters = filters or Filters()
    kind = check_node(store, root, _ROOT_KINDS) if root is not None else None
    params = {**parameters(filters), "id": root, "everywhere": kind in (None, NodeKind.PROGRAM)}
    lines = read_rows(store, FLOW_LINES[kind], **params)
    if not lines:
        return Rows([])
    names: dict[str, str] = {}
    tiers: dict[str, str] = {}
    flows: dict[tuple[str, str], float] = defaultdict(float)
    received: dict[str, float] = defaultdict(float)
    for r in lines:
        pagu, line, kegiatan, program = float(r["pagu"]), r["line"], r["kegiatan"], r["program"]
        names[line] = r["line_name"]
        if kegiatan is not None:
            names[kegiatan] = r["kegiatan_name"]
            flows[(kegiatan, line)] += pagu
            if program is not None:
                names[program] = r["program_name"]
                flows[(program, kegiatan)] += pagu
        if r["goals"]:
            share = pagu / len(r["goals"])
            for goal in r["goals"]:
                received[goal] += share
                if program is not None:
                    flows[(goal, program)] += share
    above: dict[str, list[str]] = {}
    for g in read_rows(store, FLOW_GOALS[kind], **params):
        names[g["id"]], tiers[g["id"]] = g["name"], _tier(g["id"], g["jenis"], g["pemda"])
        above[g["id"]] = sorted(g["next"])
    total: dict[str, float] = defaultdict(float)
    step = dict(received)
    for _ in range(64):  # alignment chains are short; the bound only stops a cycle in bad data
        if not any(step.values()):
            break
        nxt: dict[str, float] = defaultdict(float)
        for goal, amount in step.items():
            total[goal] += amount
            ups = above.get(goal, ())
            for h in ups:
                nxt[h] += amount * (1.0 / len(ups))
        step = nxt
    for goal, amount in total.items():
        ups = above.get(goal, ())
        for h in ups:
            flows[(h, goal)] += amount * (1.0 / len(ups))
    order = {t: k for k, t in enumerate(TIERS)}

    def rank(nid: str) -> int:
        if nid not in tiers:
            tiers[nid] = _tier(nid)
        return order.get(tiers[nid], len(TIERS))

    links = sorted(((s, t, x) for (s, t), x in flows.items() if x > 0), key=lambda e: (rank(e[0]), rank(e[1]), e[0], e[1]))
    found = [FlowLink(source=s, target=t, value=float(x), source_tier=tiers[s], target_tier=tiers[t],
                      source_name=names[s], target_name=names[t]) for s, t, x in links]
    return LazyRows(len(found), lambda lo, hi: found[lo:hi])


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {**{f"lines_{k.value}" if k else "lines": t for k, t in FLOW_LINES.items()},
            **{f"goals_{k.value}" if k else "goals": t for k, t in FLOW_GOALS.items()}}
