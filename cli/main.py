"""The `kaskade` command: a thin layer that turns arguments into one library call each.

Library errors become one-line messages and an exit code, never a traceback.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from kaskade import __version__, settings
from base.errors import KaskadeError
from base.i18n import t
from cli.context import CONTEXT, lang_option, language
from cli.facts import facts_options
from cli.output import built_line, echo, echo_json, error_line

__all__ = ["main"]



class _Group(click.Group):
    """Turns any KaskadeError escaping a command, or a file the system refuses (a folder that does
    not exist, no permission, a full disk), into a one-line message (exit 2). Anything else is a
    defect: one line and exit 70, or the traceback when KASKADE_DEBUG is set."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KaskadeError as exc:
            echo(f"Error: {error_line(exc, language())}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            # the reader stopped (`kaskade summary | head -1`): what it wanted was written
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:
            where = exc.filename if exc.filename is not None else ""
            echo(f"Error: {t('cli.os_error', language(), where=where, reason=exc.strerror or exc)}", err=True)
            ctx.exit(2)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # a defect, not bad input: still one line for the planner, the traceback on request
            if settings.get("debug"):
                raise
            first = (str(exc).splitlines() or [""])[0][:300]
            echo(f"Error: {t('cli.unexpected', language(), error=f'{type(exc).__name__}: {first}')}", err=True)
            ctx.exit(70)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kaskade")
def main() -> None:
    """Kaskade: development-planning cascades and mandates as one graph.

    Read planning files (Kaskade workbook, CSV, JSON, SIPD export), check them, and analyse
    cascades, orphans, mandate conflicts and overlaps. Every command takes -h.
    """


def data_path_argument(f):
    return click.argument("path", type=click.Path(exists=True, path_type=Path))(f)


@main.command(context_settings=CONTEXT)
@data_path_argument
@facts_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def validate(path: Path, facts: dict, fmt: str) -> None:
    """Check a data file and report ALL problems at once, each with file, sheet, row and column.

    Exit 0 when valid, 1 when not. A file that does not state its government, year, agency or first
    year gets an error naming the option to give.

    Example: kaskade validate rencana-kaltim.xlsx --format json

    Example: kaskade validate renja-pupr.xlsx --kode-pemda 64.02 --tahun 2026 --kode-skpd 1.03.0.00.0.00.01.0000
    --nama-skpd "Dinas PUPR"
    """
    from loaders import validate_path

    report, lang = validate_path(path, **facts), language()
    if fmt == "json":
        echo_json(report.to_json(), indent=2)
    else:
        _print_issues(report.errors + report.warnings, lang)
        counts = ", ".join(f"{k}: {v}" for k, v in report.counts.items() if v)
        click.echo(t("cli.validated", lang, status=t("cli.valid" if report.ok else "cli.invalid", lang),
                     errors=len(report.errors), warnings=len(report.warnings), counts=counts))
    sys.exit(0 if report.ok else 1)


def _print_issues(issues, lang: str) -> None:
    from views.text import one_line

    for i in issues:
        # a header written over two lines in the file (KODE SUB\nKEGIATAN) is shown on one
        where = ":".join(one_line(str(x)) for x in (i.source, i.sheet, i.row, i.column) if x not in (None, ""))
        echo(f"{i.severity.upper():7} {where}  {one_line(i.text(lang))}")


@main.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
def template(path: Path) -> None:
    """Write an empty Kaskade workbook with header comments, example rows and drop-downs.

    Example: kaskade template rencana-baru.xlsx
    """
    from loaders.template import write_template

    echo(t("cli.template_written", language(), path=write_template(path)))


@main.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@lang_option
def sample(directory: Path) -> None:
    """Write the bundled (illustrative) Kaltim / Kalteng sample: CSV files, workbook, ground truth, README.

    Example: kaskade sample ./contoh
    """
    from kaskade.sample import write_sample

    echo(t("cli.sample_written", language(), path=write_sample(directory)))


@main.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@facts_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option
def summary(path: Path | None, facts: dict, fmt: str) -> None:
    """Count what a data path holds: nodes and edges by kind, governments, years, total pagu.

    Without PATH, the bundled sample.

    Example: kaskade summary rencana-kaltim.xlsx
    """
    from kaskade.open import open_path
    from base import fmt as number_format

    G = open_path(path, **facts).graph
    nodes = Counter(k for _, k in G.nodes(data="kind"))
    edges = Counter(k for _, _, k in G.edges(keys=True))
    pagu = sum(p or 0 for _, p in G.nodes(data="pagu"))
    result = {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items())),
              "years": G.graph.get("years", []), "pagu": pagu}
    if fmt == "json":
        echo_json(result, indent=2)
        return
    lang = language()
    click.echo(t("cli.summary", lang, nodes=number_format.number(G.number_of_nodes(), lang),
                 edges=number_format.number(G.number_of_edges(), lang),
                 years=", ".join(map(number_format.year, result["years"])) or "-",
                 pagu=number_format.money_full(pagu, lang)))
    # node and edge kinds are the schema's names, as in the JSON
    for kind, n in result["nodes"].items():
        click.echo(f"  {kind:18} {number_format.number(n, lang):>9}")
    for kind, n in result["edges"].items():
        click.echo(f"  -{kind:17} {number_format.number(n, lang):>9}")


@main.command(context_settings=CONTEXT)
@data_path_argument
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@facts_options
@lang_option
def build(path: Path, output: Path, facts: dict) -> None:
    """Validate PATH, build the graph and save it as a .kgraph file that opens fast.

    Example: kaskade build rencana-kaltim.xlsx kaltim.kgraph
    """
    from graph.graph_file import SUFFIX, save_graph
    from kaskade.open import open_path

    if output.suffix != SUFFIX:
        raise click.UsageError(f"OUTPUT must end in {SUFFIX}")
    G = open_path(path, **facts).graph
    save_graph(G, output)
    echo(built_line(output, G, language()))


def _register_commands() -> None:
    """The analyses and the Neo4j commands live in their own modules, each with `register(group)`."""
    from cli import analyses as cli_analyses, desk as cli_desk, neo4j as cli_neo4j

    cli_analyses.register(main)
    cli_desk.register(main)
    cli_neo4j.register(main)


_register_commands()

if __name__ == "__main__":
    main()
