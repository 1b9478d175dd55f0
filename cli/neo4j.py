"""The `push` and `pull` commands: write a graph to Neo4j, read it (or some governments' years) back.

Connection options fall back to the settings (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE); the password is never printed. A refused login or an unreachable server is a
one-line error, exit code 2. `register(group)` adds both commands to the main group.
"""
from __future__ import annotations

from pathlib import Path

import click

from base import fmt
from base.errors import KaskadeError
from base.i18n import t
from cli.context import CONTEXT, Failure, lang_option, language
from cli.output import built_line, echo
from cli.facts import facts_options

__all__ = ["register", "connection_options"]




def connection_options(f):
    """--uri, --user, --password, --database; each defaults to its setting."""
    f = click.option("--database", default=None,
                     help="Database. Default: NEO4J_DATABASE, else the server's (FalkorDB keeps one graph).")(f)
    f = click.option("--password", default=None, help="Password. Default: NEO4J_PASSWORD (never printed).")(f)
    f = click.option("--user", default=None, help="User name. Default: NEO4J_USER, else neo4j.")(f)
    return click.option("--uri", default=None, help="Bolt URI, e.g. bolt://127.0.0.1:7687. Default: NEO4J_URI.")(f)


def _connect(uri, user, password, database):
    from backends.neo4j_store import connect
    from kaskade import settings

    given = settings.connection(uri=uri, user=user, password=password, database=database)
    try:
        return connect(given.uri, given.user, given.password, given.database)
    except KaskadeError as exc:
        raise Failure.of(exc) from None


@click.command(context_settings=CONTEXT)
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@connection_options
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=5000, show_default=True,
              help="Rows per transaction.")
@facts_options
@lang_option
def push(path: Path | None, uri, user, password, database, batch_size: int, facts: dict) -> None:
    """Write the graph of PATH (any data file or .kgraph; none: the bundled sample) to Neo4j.

    Each government-year in PATH replaces the one stored; pushing the same data twice changes nothing.

    Example: kaskade push renja-kukar-2025.xlsx --uri bolt://127.0.0.1:7687 --database kaskade
    """
    from backends.neo4j_store import push as push_graph
    from kaskade.open import open_path

    try:
        G = open_path(path, **facts).graph
    except KaskadeError as exc:
        raise Failure.of(exc) from None
    with _connect(uri, user, password, database) as store:
        try:
            stats = push_graph(G, store, batch_size=batch_size)
        except KaskadeError as exc:
            raise Failure.of(exc) from None
    lang = language()
    click.echo(t("cli.pushed", lang, nodes=fmt.number(stats.nodes, lang), relationships=fmt.number(stats.relationships, lang),
                 deleted=fmt.number(stats.deleted, lang), seconds=fmt.number(stats.seconds, lang, 1),
                 rate=fmt.number(stats.rows_per_second, lang)))


@click.command(context_settings=CONTEXT)
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@connection_options
@click.option("--pemda", multiple=True, help="Only the work of this government, e.g. 64.02 (repeatable).")
@click.option("--tahun", multiple=True, type=int, help="Only the work of this year (repeatable).")
@lang_option
def pull(output: Path, uri, user, password, database, pemda: tuple[str, ...], tahun: tuple[int, ...]) -> None:
    """Read the stored graph, or only the work of some governments and years, into a .kgraph file.

    Plans, targets, indicators, agencies and regions are always read whole.

    Example: kaskade pull kukar-2025.kgraph --pemda 64.02 --tahun 2025
    """
    from graph.graph_file import SUFFIX, save_graph
    from backends.neo4j_store import pull as pull_graph

    if output.suffix != SUFFIX:
        raise click.UsageError(f"OUTPUT must end in {SUFFIX}")
    with _connect(uri, user, password, database) as store:
        try:
            G = pull_graph(store, pemda=pemda or None, tahun=tahun or None)
        except KaskadeError as exc:
            raise Failure.of(exc) from None
    save_graph(G, output)
    echo(built_line(output, G, language()))


def register(group: click.Group) -> None:
    group.add_command(push)
    group.add_command(pull)
