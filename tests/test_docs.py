"""Every command and every setting is documented where a new user looks: README.md and docs/."""
from __future__ import annotations

from pathlib import Path

import click
import pytest

from kaskade.cli import main
from kaskade.i18n import t
from kaskade.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOCS = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
    p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))
)


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


@pytest.mark.parametrize("name,cmd", list(_commands(main)), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_is_documented_with_an_example(name, cmd):
    assert f"kaskade {name}" in DOCS, f"`kaskade {name}` is not in README.md or docs/"
    assert "Example:" in (cmd.help or ""), f"`kaskade {name} -h` shows no Example:"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    assert setting.env in DOCS, f"{setting.env} is not documented in README.md or docs/"


@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "app_pages").glob("*.py")))
def test_every_app_page_is_documented(page):
    assert f"**{t(f'page.{page}', 'en')}**" in DOCS, f"app page {page} is not described in README.md or docs/"
