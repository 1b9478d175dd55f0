"""The analysis commands of `kaskade`: one sub-command per analysis in `queries`.

Each command opens a data path (workbook, CSV folder or zip, JSON, SIPD export or a saved
``.kgraph``), or with ``--backend neo4j`` the database the NEO4J_* settings name (no path: the
data pushed before), makes one query call and prints the result as a table (default), JSON (a list
of objects with stable keys) or CSV. An unknown id, a bad filter, unreadable data or an
unreachable database is a one-line error with exit code 2. `register(group)` adds the commands
to the main group.
"""
from __future__ import annotations

import csv
import functools
import inspect
import io
from pathlib import Path
from typing import Any, Callable

import click

from kaskade import settings
from base.errors import KaskadeError
from cli.context import CONTEXT, Failure, lang_option, language
from base.spreadsheet import neutralise
from cli.facts import facts_options
from cli.output import echo, echo_json, printable
from views.text import one_line

__all__ = ["register", "COMMANDS", "format_option", "filter_options", "backend_option"]

_STATUS_CHOICES = ["disepakati", "usulan", "ditolak", "agreed", "proposed", "rejected"]



def format_option(f: Callable) -> Callable:
    """The shared ``--format table|json|csv`` and ``--lang id|en`` options."""
    f = lang_option(f)
    return click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                        show_default=True,
                        help="Output format. In csv, text starting with = + - @ (a formula to a spreadsheet) "
                             "gets a leading ' so a spreadsheet shows it and never runs it; numbers stay numbers.")(f)


def filter_options(f: Callable) -> Callable:
    """The shared filters: --year, --pemda (repeatable), --province, --bidang (repeatable), --status."""
    f = click.option("--status", multiple=True, type=click.Choice(_STATUS_CHOICES, case_sensitive=False),
                     help="Link status that counts as support (repeatable; default disepakati).")(f)
    f = click.option("--bidang", multiple=True, help="Bidang urusan code, e.g. 1.03 (repeatable).")(f)
    f = click.option("--province", default=None, help="Province code, e.g. 64.")(f)
    f = click.option("--pemda", multiple=True, help="Government code, e.g. 64.02 (repeatable).")(f)
    f = click.option("--year", type=int, default=None, help="Budget year (tahun), e.g. 2025.")(f)
    # nargs=-1 lets PATH be left out before a required ROOT / NODE (click fills those from the right)
    return click.argument("path", nargs=-1, metavar="[PATH]", type=click.Path(exists=True, path_type=Path))(f)


def backend_option(f: Callable) -> Callable:
    """The shared ``--backend networkx|neo4j`` option, defaulting to the KASKADE_BACKEND setting."""
    # kaskade.open.BACKENDS, spelled out: importing it here would load networkx for `kaskade -h`
    return click.option("--backend", type=click.Choice(["networkx", "neo4j"]),
                        default=lambda: settings.get("backend"), show_default="KASKADE_BACKEND, else networkx",
                        help="Where the analysis runs: networkx (PATH in memory) or neo4j (the database "
                             "NEO4J_URI names, holding data sent with kaskade push; PATH left out).")(f)


def _analysis(f: Callable) -> Callable:
    """Runs a command body with the graph and filters; library errors become one line, exit 2."""

    @functools.wraps(f)
    def invoke(path: tuple[Path, ...], backend: str, facts: dict, year: int | None, pemda: tuple[str, ...],
            province: str | None, bidang: tuple[str, ...], status: tuple[str, ...], fmt: str,
            **kwargs: Any) -> None:
        from kaskade.open import open_path
        from queries import Filters

        if len(path) > 1:
            raise click.UsageError(f"one PATH only, got {len(path)}")
        if not path and backend == "networkx":
            raise click.UsageError("Missing argument 'PATH' (needed unless --backend neo4j).")
        try:
            filters = Filters(year=year, pemda=pemda, province=province, bidang=bidang,
                              **({"status": status} if status else {}))
            G = open_path(path[0] if path else None, backend=backend, connection=settings.connection(),
                          **{**facts, "tahun": facts["tahun"] or year}).analysis
            G = _with_decisions(f, G, path[0] if path else None, backend, kwargs)
            result, columns = _on_store(f, G, filters, kwargs) if backend == "neo4j" else f(G, filters, **kwargs)
        except KaskadeError as exc:
            raise Failure.of(exc) from None
        _emit(result, columns, fmt, language())

    return invoke


def _with_decisions(f: Callable, G: Any, path: Path | None, backend: str, kwargs: dict) -> Any:
    """The desk decisions kept beside PATH (or in KASKADE_DECISIONS; with the neo4j backend, in the
    database) applied to the graph; a command body with a ``decisions`` parameter also gets the store."""
    from kaskade.decided import database_store, decided, store_for

    store = store_for(path, settings.get("decisions")) if backend == "networkx" else database_store(G)
    if "decisions" in inspect.signature(f).parameters:
        kwargs["decisions"] = store
    # in the database the decisions already set the links' status
    return decided(G, store) if backend == "networkx" else G


def _on_store(f: Callable, store, filters, kwargs: dict) -> tuple[Any, list[str]]:
    """A command body on the database, closed after; a server lost mid-query is one line too."""
    from neo4j.exceptions import DriverError, Neo4jError

    with store:
        try:
            return f(store, filters, **kwargs)
        except (DriverError, Neo4jError) as exc:
            first = str(exc).strip().splitlines()
            raise Failure("cli.neo4j_failed", error=f"{type(exc).__name__}{': ' + first[0] if first else ''}") from None


def _emit(result: Any, columns: list[str], fmt: str, lang: str) -> None:
    from base import fmt as number_format
    from base.i18n import t

    from views.sentences import note_text, with_messages

    rows = with_messages(result, lang)
    if fmt == "json":
        echo_json(rows, indent=2)
        return
    if fmt == "csv":
        out = io.StringIO()
        keys = list(rows[0]) if rows else columns
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: neutralise("; ".join(map(str, v)) if isinstance(v, list) else v) for k, v in row.items()})
        echo(out.getvalue(), nl=False)
        return
    if not rows:
        click.echo(t("cli.no_findings", lang))
    else:
        cells = [[printable(one_line(number_format.cell(r.get(c), c, lang)))[:70] for c in columns] for r in rows]
        widths = [max(len(c), *(len(row[k]) for row in cells)) for k, c in enumerate(columns)]
        echo("  ".join(h.ljust(w) for h, w in zip(columns, widths)).rstrip())
        for row in cells:
            echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        echo(f"({t('common.rows', lang, n=number_format.number(len(rows), lang))})")
    for note in getattr(result, "notes", ()):
        echo(t("cli.note", lang, note=note_text(note, lang)))


def _command(name: str, **options: Any) -> Callable:
    def wrap(f: Callable) -> click.Command:
        return click.command(name, context_settings=CONTEXT, **options)(format_option(backend_option(filter_options(facts_options(_analysis(f))))))

    return wrap


def run(func: Callable, G: Any, /, *args: Any, **kwargs: Any) -> Any:
    """One analysis on the graph or the store (`backends.neo4j_analyses.run`)."""
    from backends.neo4j_analyses import run as run_analysis

    return run_analysis(func, G, *args, **kwargs)


def _nomenclature(path: Path | None, year: int | None = None):
    """The table given, else None: the analyses then use the built-in 2027 table."""
    if path is None:
        return None
    from loaders.nomenclature import load_nomenclature

    return load_nomenclature(path, year=year)


def _nomenclature_options(purpose: str) -> Callable:
    """``--nomenclature FILE`` (the official table, used `purpose`) and ``--nomenclature-year``."""

    def add(command: click.Command) -> click.Command:
        command = click.option(
            "--nomenclature-year", type=click.IntRange(1900, 2200), default=None,
            help="Budget year the --nomenclature table applies to, when the file does not state it.")(command)
        return click.option(
            "--nomenclature", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
            help=f"Official nomenclature table (.xlsx or .csv) {purpose}; default: the built-in 2027 table.")(command)

    return add


@click.argument("root")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Levels below the root to list.")
@_command("cascade")
def cascade_command(G, filters, root: str, depth: int | None):
    """Everything below ROOT (a priority, target, indicator, programme or kegiatan), tier by tier,
    with agencies and pagu summed at every level.

    Example: kaskade cascade rencana-kaltim.xlsx prioritas:PN3 --year 2025 --depth 3
    """
    from queries import cascade

    return run(cascade, G, root, depth=depth, filters=filters), [
        "tier", "depth", "code", "name", "government", "pagu_total", "sub_kegiatan_count", "agency_count"]


@click.argument("node")
@_command("line-of-sight")
def line_of_sight_command(G, filters, node: str):
    """Every path up from NODE (a sub kegiatan, kegiatan or programme) to the national priorities,
    and where each other path breaks.

    Example: kaskade line-of-sight rencana.xlsx "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053"
    """
    from queries import line_of_sight

    return run(line_of_sight, G, node, filters), ["path", "reason", "end", "message"]


@click.option("--include-proposed", is_flag=True, help="Count proposed (usulan) links as support.")
@click.option("--reason", "reasons", multiple=True, help="Only these reasons (repeatable), e.g. no_outcome.")
@_command("orphans")
def orphans_command(G, filters, include_proposed: bool, reasons: tuple[str, ...]):
    """Sub kegiatan, targets and links cut off from the cascade, each with its reason.

    Example: kaskade orphans rencana-kaltim.xlsx --pemda 64.02 --year 2025 --format csv
    """
    from queries import Rows, orphans
    from queries.orphans import REASONS

    unknown = [r for r in reasons if r not in REASONS]
    if unknown:
        raise Failure("cli.unknown_reason", reason=unknown[0], choices=", ".join(REASONS))
    found = run(orphans, G, filters, include_proposed=include_proposed)
    if reasons:
        found = Rows([o for o in found if o.reason in reasons], found.notes)
    return found, ["reason", "government", "year", "code", "name", "pagu", "message"]


@_nomenclature_options("to check codes against")
@_command("mandates")
def mandates_command(G, filters, nomenclature: Path | None, nomenclature_year: int | None):
    """Work outside a government's or agency's mandate: wrong level digit, a bidang the agency does
    not hold, a code not valid that year.

    Example: kaskade mandates rencana-kaltim.xlsx --year 2025 --nomenclature kepmendagri-2025.xlsx
    """
    from queries import mandates

    return run(mandates, G, filters, nomenclature=_nomenclature(nomenclature, nomenclature_year)), [
        "reason", "government", "year", "code", "name", "expected", "found", "pagu", "message"]


@click.option("--kind", "kinds", multiple=True, type=click.Choice(["family", "same_sub_kegiatan", "near_duplicate"]),
              help="Only these kinds of overlap (repeatable).")
@click.option("--threshold", type=click.FloatRange(0, 100), default=90.0, show_default=True,
              help="Name similarity (0-100) for near duplicates.")
@click.option("--max-pairs", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Most pairs of lines listed for one code, or two similar names, in one kab/kota and year.")
@_command("overlaps")
def overlaps_command(G, filters, kinds: tuple[str, ...], threshold: float, max_pairs: int):
    """Province and district funding the same programme family in the same place and year (one row per
    pair of governments, family and kab/kota), the same sub kegiatan under two agencies, and
    near-duplicate names.

    Example: kaskade overlaps rencana-kaltim.xlsx --year 2025 --kind family
    """
    from queries import overlaps
    from queries.overlaps import KINDS

    return run(overlaps, G, filters, kinds=kinds or KINDS, threshold=threshold, max_pairs=max_pairs), [
        "reason", "year", "place", "family", "a_government", "a_count", "a_pagu", "b_government", "b_count", "b_pagu",
        "message"]


@click.option("--level", type=click.Choice(["kabkota", "kecamatan"]), default="kabkota", show_default=True)
@click.option("--within", default=None, help="Only regions inside this kode wilayah, e.g. 64.02.")
@click.option("--sector", type=click.Choice(["urusan", "bidang", "program"]), default="urusan", show_default=True)
@click.option("--feeds", default=None,
              help="Instead: every intervention feeding this indicator or target id (in --within).")
@_command("who-where")
def who_where_command(G, filters, level: str, within: str | None, sector: str, feeds: str | None):
    """Who intervenes where: governments, agencies, lines and pagu per region and sector; or, with
    --feeds, every intervention at every level feeding one indicator or target.

    Example: kaskade who-where rencana-kaltim.xlsx --within 64 --sector bidang --year 2025
    """
    from queries import interventions_for, who_where

    if feeds:
        return run(interventions_for, G, feeds, within, filters), [
            "government_level", "government", "year", "code", "name", "pagu", "places", "via"]
    return run(who_where, G, level=level, within=within, sector=sector, filters=filters), [
        "region", "region_name", "sector", "sector_name", "governments", "sub_kegiatan", "pagu"]


@click.option("--root", default=None, help="Only the money below this priority, target or programme id.")
@click.option("--share", is_flag=True, help="Instead: per government, the share of pagu aligned nationally.")
@_command("budget-flow")
def budget_flow_command(G, filters, root: str | None, share: bool):
    """Pagu flowing priority -> target -> programme -> kegiatan -> sub kegiatan, as Sankey links;
    or, with --share, the share of each government's pagu reaching a national priority.

    Example: kaskade budget-flow rencana-kaltim.xlsx --root prioritas:PN3 --format json
    """
    from queries import aligned_share, budget_flow

    if share:
        return run(aligned_share, G, filters), [
            "government", "name", "pagu", "share_national", "share_regional", "share_none"]
    return run(budget_flow, G, root, filters), ["source_tier", "source_name", "target_tier", "target_name", "value"]


@_nomenclature_options("to count invalid codes as conflicts")
@_command("coverage")
def coverage_command(G, filters, nomenclature: Path | None, nomenclature_year: int | None):
    """Per government and agency: lines and pagu linked / unlinked to an outcome, conflicts, overlaps.

    Example: kaskade coverage rencana-kaltim.xlsx --year 2025 --format csv
    """
    from queries import coverage

    return run(coverage, G, filters, nomenclature=_nomenclature(nomenclature, nomenclature_year)), [
        "government", "agency_name", "sub_kegiatan", "linked", "unlinked", "pagu_linked", "pagu_unlinked",
        "conflicts", "overlaps"]


COMMANDS: tuple[click.Command, ...] = (
    cascade_command,
    line_of_sight_command,
    orphans_command,
    mandates_command,
    overlaps_command,
    who_where_command,
    budget_flow_command,
    coverage_command,
)


def register(group: click.Group) -> None:
    """Add every analysis command to `group` (the main `kaskade` group)."""
    for command in COMMANDS:
        group.add_command(command)
