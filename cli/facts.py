"""The one ``--kode-pemda / --tahun / --kode-skpd / --nama-skpd / --tahun-awal`` option set.

Facts a file does not state (a SIPD export names no government; a Renja / DPA table of one agency
no agency, government or year; a Renstra matrix counts years 1 to 5) are given once, on every
command that reads a path. The decorated command receives them as one ``facts`` dict, passed
as keywords to `kaskade.open.open_path` or `loaders.validate_path`.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

import click

__all__ = ["FACT_OPTIONS", "facts_options"]

FACT_OPTIONS = (
    ("tahun_awal", "--tahun-awal", int, "First year of a five-year matrix (Renstra, RPJMD): TAHUN 1 is this year."),
    ("nama_skpd", "--nama-skpd", str, "Agency name of a one-agency table (Renja, DPA, Renstra) without one."),
    ("kode_skpd", "--kode-skpd", str, "Agency code of a one-agency table without one (e.g. 1.03.0.00.0.00.01.0000)."),
    ("tahun", "--tahun", int, "Year of a table that does not state it (no tahun_anggaran column)."),
    ("kode_pemda", "--kode-pemda", str, "Government of a table that does not name it (kode wilayah, e.g. 64.02)."),
)
"""(keyword, option, type, help) of each fact."""


def facts_options(f: Callable) -> Callable:
    """Add the fact options; the command gets them as ``facts`` (a dict of the keywords)."""

    @functools.wraps(f)
    def invoke(*args: Any, **kwargs: Any) -> Any:
        facts = {name: kwargs.pop(name) for name, *_ in FACT_OPTIONS}
        return f(*args, facts=facts, **kwargs)

    for name, option, kind, text in FACT_OPTIONS:
        invoke = click.option(option, name, type=kind, default=None, help=text)(invoke)
    return invoke
