"""Who intervenes where, and every intervention feeding one target in a place."""
from __future__ import annotations

import pytest

from graph.build import build_graph
from kaskade.sample import sample_dataset
from reference import regions
from views.sentences import note_text
from queries import Filters, QueryError, interventions_for, who_where
from queries._examples import tiny_graph


def test_province_wide_line_counts_in_every_kabkota_of_its_province():
    cells = who_where(tiny_graph(), sector="bidang", filters=Filters(pemda="64"))
    assert [c.region for c in cells] == regions.kabkota_in("64")
    assert {(c.sector, c.governments, c.sub_kegiatan, c.pagu) for c in cells} == {("1.03", ("64",), 1, 2e9)}
    assert "every kab/kota" in note_text(cells.notes[0], "en")
    assert "setiap kab/kota" in note_text(cells.notes[0], "id")


def test_cells_name_governments_agencies_and_sectors():
    cells = {(c.region, c.sector): c for c in who_where(tiny_graph(), within="64.02", sector="urusan")}
    assert list(cells) == [("64.02", "1")]
    cell = cells[("64.02", "1")]
    assert cell.governments == ("64", "64.02") and cell.sub_kegiatan == 5 and cell.pagu == 2.9e9
    assert len(cell.agencies) == 4 and cell.sector_name


def test_kecamatan_level_splits_a_district():
    cells = who_where(tiny_graph(), level="kecamatan", within="64.02.06", sector="program")
    assert [(c.region, c.sector, c.sub_kegiatan) for c in cells] == [
        ("64.02.06", "1.01.02", 1), ("64.02.06", "1.02.02", 1), ("64.02.06", "1.03.10", 3)]


def test_sample_cells_cover_both_provinces():
    cells = who_where(build_graph(sample_dataset()), sector="bidang", filters=Filters(year=2025))
    assert {c.region[:2] for c in cells} == {"62", "64"}
    assert all(c.sub_kegiatan > 0 and c.governments for c in cells)


def test_interventions_for_a_target_in_a_place_at_every_level():
    found = interventions_for(tiny_graph(), "sasaran:KTM-S1", "64.02.06")
    assert [(i.government_level, i.code) for i in found] == [
        ("provinsi", "1.03.10.1.01.0001"), ("kabupaten", "1.01.02.1.01.0014"), ("kabupaten", "1.03.10.2.01.0053")]
    assert [i.via for i in found] == ["sasaran:KTM-S1", "sasaran:KKR-S1", "indikator:KKR-I1"]
    elsewhere = interventions_for(tiny_graph(), "sasaran:KTM-S1", "64.72")
    assert [(i.code, i.places) for i in elsewhere] == [("1.03.10.1.01.0001", ("64",))]


@pytest.mark.parametrize("call, fragment", [
    (lambda G: who_where(G, level="desa"), "unknown level"),
    (lambda G: who_where(G, sector="opd"), "unknown sector"),
    (lambda G: who_where(G, within="99.99"), "not a known region"),
    (lambda G: interventions_for(G, "sasaran:NOPE", None), "unknown node id"),
])
def test_bad_arguments_are_query_errors(call, fragment):
    with pytest.raises(QueryError) as err:
        call(tiny_graph())
    assert fragment in err.value.message_en
