"""What every `kaskade` command shares: its click context settings and the failure it exits with.

>>> CONTEXT["help_option_names"]
['-h', '--help']
>>> Failure("no such node").exit_code
2
"""
from __future__ import annotations

import click

__all__ = ["CONTEXT", "Failure"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Context settings of the main group and of every command: ``-h`` and wide help."""


class Failure(click.ClickException):
    """A library error or a bad request, shown as one line; exit code 2."""

    exit_code = 2
