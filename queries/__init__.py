"""Analyses of the Kaskade graph: small functions that take the graph first and return typed
results with `to_rows()`. They never print, read files or change the graph.

>>> from queries import orphans, Filters
>>> from queries._examples import tiny_graph
>>> [o.reason for o in orphans(tiny_graph(), Filters(year=2025, pemda="64.02"))]
['no_outcome', 'unaligned', 'unsupported_target', 'kp_no_regional_link']
"""
from queries.budget import AlignedShare, FlowLink, aligned_share, budget_flow
from queries.cascade import TIERS, Cascade, CascadeNode, LineOfSight, SightPath, cascade, line_of_sight
from queries.coverage import CoverageRow, coverage
from queries.decisions import Decision, apply_decisions
from queries.desk import Desk, DeskItem, desk
from queries.errors import QueryError
from queries.filters import Filters
from queries.index import GraphIndex, graph_index
from queries.mandates import MandateConflict, mandates
from queries.orphans import Orphan, orphans
from queries.overlaps import Overlap, overlap_lines, overlaps
from queries.results import LazyRows, Rows
from queries.themes import SpmRow, ThemeRow, spm_lines, theme_lines, themes
from queries.who_where import Intervention, WhoWhereCell, interventions_for, interventions_in, who_where

__all__ = [
    "Filters",
    "QueryError",
    "Rows",
    "LazyRows",
    "GraphIndex",
    "graph_index",
    "TIERS",
    "Cascade",
    "CascadeNode",
    "cascade",
    "SightPath",
    "LineOfSight",
    "line_of_sight",
    "Orphan",
    "orphans",
    "MandateConflict",
    "mandates",
    "Overlap",
    "overlaps",
    "overlap_lines",
    "WhoWhereCell",
    "who_where",
    "Intervention",
    "interventions_for",
    "interventions_in",
    "FlowLink",
    "budget_flow",
    "AlignedShare",
    "aligned_share",
    "CoverageRow",
    "coverage",
    "Desk",
    "DeskItem",
    "desk",
    "Decision",
    "apply_decisions",
    "ThemeRow",
    "theme_lines",
    "SpmRow",
    "spm_lines",
    "themes",
]
