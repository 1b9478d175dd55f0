"""What every `kaskade` command shares: its click context settings, its language and the failure it
exits with.

A command's messages speak the language of its ``--lang`` option (`lang_option`), else of the
KASKADE_LANG setting, else Bahasa Indonesia (`language`). A `Failure` is a catalogue sentence in
that language, or a library error (`Failure.of`) rendered in it.

>>> CONTEXT["help_option_names"]
['-h', '--help']
>>> Failure("cli.no_undo").exit_code, Failure("cli.no_undo").message
(2, 'tautan ini belum punya keputusan yang dapat dibatalkan')
"""
from __future__ import annotations

from typing import Any, Callable

import click

from base.errors import KaskadeError
from base.i18n import LANGS, normalize_lang, t
from cli.output import error_line
from kaskade import settings

__all__ = ["CONTEXT", "Failure", "lang_option", "language"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Context settings of the main group and of every command: ``-h`` and wide help."""

_LANG = "kaskade.lang"
"""Where the chosen language is kept in the click context's `meta` (shared by the group and its command)."""


def language() -> str:
    """The language of the running command's messages: its ``--lang``, else KASKADE_LANG, else ``id``."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get(_LANG) if ctx is not None else None
    return normalize_lang(chosen or settings.get("lang"))


def _remember(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG] = value
    return value


def lang_option(f: Callable) -> Callable:
    """The shared ``--lang id|en`` option; the command reads it with `language()`."""
    return click.option("--lang", type=click.Choice(LANGS), default=lambda: normalize_lang(settings.get("lang")),
                        show_default="KASKADE_LANG, else id", expose_value=False, callback=_remember,
                        help="Language of the messages: id (Bahasa Indonesia) or en.")(f)


class Failure(click.ClickException):
    """A library error or a bad request, shown as one line in the command's language; exit code 2.
    `key` is the catalogue sentence, `params` what it is filled with."""

    exit_code = 2

    def __init__(self, key: str, /, **params: Any):
        super().__init__(t(key, language(), **params))

    @classmethod
    def of(cls, exc: KaskadeError) -> Failure:
        """A library error as one line in the command's language."""
        failure = cls.__new__(cls)
        click.ClickException.__init__(failure, error_line(exc, language()))
        return failure
