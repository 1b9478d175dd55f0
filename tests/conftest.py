"""Shared pytest fixtures: the Bolt server for the Neo4j store tests (see tests/falkordb_server.py)."""
from tests.falkordb_server import bolt_server, bolt_store  # noqa: F401
