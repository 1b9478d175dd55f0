"""Coverage per government and agency agrees with the orphans, mandates and overlaps it summarises."""
from __future__ import annotations

import pytest

from graph.build import build_graph
from kaskade.sample import GROUND_TRUTH, sample_dataset
from queries import Filters, coverage, mandates, orphans


def test_sample_coverage_adds_up():
    G = build_graph(sample_dataset())
    rows = coverage(G)
    totals = [r for r in rows if r.agency is None]
    agencies = [r for r in rows if r.agency is not None]
    lines = [d for _, d in G.nodes(data=True) if d["kind"] == "sub_kegiatan"]
    assert sum(r.sub_kegiatan for r in totals) == len(lines)
    assert sum(r.pagu for r in totals) == pytest.approx(sum(d["pagu"] for d in lines))
    assert sum(r.unlinked for r in totals) == len(GROUND_TRUTH["orphans"])
    assert sum(r.conflicts for r in totals) == len(mandates(G))
    for total in totals:
        mine = [r for r in agencies if r.government == total.government]
        assert sum(r.linked for r in mine) == total.linked
        assert total.overlaps <= sum(r.overlaps for r in mine)


def test_unlinked_pagu_of_a_government_matches_its_orphans():
    G = build_graph(sample_dataset())
    (row,) = [r for r in coverage(G, Filters(pemda="64.02")) if r.agency is None]
    orphan_pagu = sum(o.pagu for o in orphans(G, Filters(pemda="64.02")) if o.reason == "no_outcome")
    assert row.pagu_unlinked == pytest.approx(orphan_pagu)
    assert row.government_name == "Pemerintah Kabupaten Kutai Kartanegara"
