"""Filters: normalised once, bad values are one clear QueryError."""
from __future__ import annotations

import pytest

from graph.schema import LinkStatus
from queries.errors import QueryError
from queries.filters import Filters, parse_status


def test_filters_normalise_strings_lists_and_status_names():
    f = Filters(year=2025, pemda="64.02, 64.72", province="64", bidang=["1.03", "1.03"], status=("Agreed", "usulan"))
    assert f.pemda == ("64.02", "64.72")
    assert f.bidang == ("1.03",)
    assert f.status == (LinkStatus.AGREED, LinkStatus.PROPOSED)


def test_default_counts_only_agreed_links():
    assert Filters().status == (LinkStatus.AGREED,)
    assert Filters().with_status(LinkStatus.PROPOSED).status == (LinkStatus.AGREED, LinkStatus.PROPOSED)


@pytest.mark.parametrize("kwargs, fragment", [
    ({"bidang": "1.3"}, "bidang '1.3'"),
    ({"pemda": "Kukar"}, "pemda 'Kukar'"),
    ({"province": "6"}, "provinsi '6'"),
    ({"status": "maybe"}, "status 'maybe'"),
    ({"status": ()}, "status tautan"),
    ({"year": 25}, "tahun '25'"),
])
def test_bad_filter_is_one_line_query_error(kwargs, fragment):
    with pytest.raises(QueryError) as err:
        Filters(**kwargs)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value) and err.value.message_en


def test_scope_of_governments():
    assert Filters(province="64").selects_government("64.72")
    assert not Filters(province="62").selects_government("64.72")
    assert Filters(province="64").selects_government("00")
    assert not Filters(pemda="64").selects_government("00")
    assert parse_status("rejected") is LinkStatus.REJECTED
