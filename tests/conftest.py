"""Shared pytest fixtures: the Bolt server for the Neo4j store tests (see tests/falkordb_server.py)."""
from tests.falkordb_server import bolt_server, bolt_store  # noqa: F401


import pytest


@pytest.fixture(autouse=True)
def _views_file(tmp_path, monkeypatch):
    """Saved views go to a file of the test's own, never to ~/.kaskade."""
    monkeypatch.setenv("KASKADE_VIEWS", str(tmp_path / "views.json"))

