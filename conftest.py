"""Fixtures for every test and docstring example of the repository (tests/conftest.py holds the rest)."""
import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _nomenclature_cache(tmp_path_factory):
    """The parsed nomenclature is cached in a folder of this test run, never in ~/.cache/kaskade
    (`KASKADE_CACHE`); the CLI and app processes the tests start inherit the variable."""
    before = os.environ.get("KASKADE_CACHE")
    os.environ["KASKADE_CACHE"] = str(tmp_path_factory.mktemp("kaskade-cache"))
    yield
    if before is None:
        os.environ.pop("KASKADE_CACHE", None)
    else:
        os.environ["KASKADE_CACHE"] = before
