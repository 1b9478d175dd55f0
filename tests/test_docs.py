"""Every command and every setting is documented where a new user looks: README.md and docs/."""
from __future__ import annotations

from pathlib import Path

import click
import pytest

from cli.main import main
from base.i18n import t
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


def _app_pages_documented() -> set[str]:
    """The first column of the page table under README's "## The app" heading."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## The app\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    return {part.strip() for row in rows for part in row.split(" / ")}


@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "app_pages").glob("*.py")))
def test_every_app_page_is_in_the_readme_page_table(page):
    assert t(f"page.{page}", "en") in _app_pages_documented(), f"app page {page} is not in README's page table"


def _test_prerequisites() -> list[str]:
    """The Makefile targets `make test` runs first (its line ``test: ...``), besides the venv stamp."""
    line = next(x for x in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines() if x.startswith("test:"))
    return [target for target in line.split(":", 1)[1].split() if not target.startswith("$(")]


@pytest.mark.parametrize("target", _test_prerequisites())
def test_every_target_make_test_runs_is_in_the_readme(target):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{target}`" in readme, f"`make test` runs `{target}`, which README.md does not mention"
