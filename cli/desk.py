"""The Rakortek desk commands of `kaskade`: the desk, decisions on links, their history, the minutes,
and the thematic who-where.

Decisions are kept in the SQLite file beside PATH (``<PATH>.decisions.sqlite``) or where
KASKADE_DECISIONS says, and every analysis command applies them when it opens PATH.
`register(group)` adds the commands to the main group.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from cli.analyses import _command, run
from cli.context import Failure

__all__ = ["register", "COMMANDS"]


def _one_bidang(filters) -> str:
    if len(filters.bidang) != 1:
        raise Failure("cli.one_bidang")
    return filters.bidang[0]


@_command("desk")
def desk_command(G, filters):
    """The Rakortek desk of one bidang urusan: every outcome target with the province and district
    sub kegiatan supporting it (agency, level, pagu, output target, link status), the gaps
    (unsupported, only_proposed), candidate lines of the same programme family (suggestions, not
    links) and who does what per target. Decisions taken with `kaskade decide` are applied.

    Example: kaskade desk rencana-kaltim.xlsx --bidang 1.03 --province 64 --year 2025
    """
    from queries import desk

    return run(desk, G, _one_bidang(filters), filters=filters), [
        "section", "target", "target_value", "code", "name", "government", "agency_name", "pagu", "status", "reason",
        "source"]


@dataclass(frozen=True)
class _Written:
    file: str
    rows: int


class _Listing(tuple):
    def to_rows(self) -> list[dict]:
        from queries.results import to_row

        return [to_row(item) for item in self]


@click.argument("target")
@click.argument("source")
@click.option("--as", "status_value", type=click.Choice(["disepakati", "usulan", "ditolak", "agreed", "proposed",
                                                        "rejected"], case_sensitive=False),
              help="The link's new status.")
@click.option("--who", default="", help="Who decides (a name), required.")
@click.option("--note", default="", help="Why, in a few words.")
@click.option("--undo", is_flag=True, help="Instead: undo the latest decision on the link.")
@_command("decide")
def decide_command(G, filters, source: str, target: str, status_value: str | None, who: str, note: str,
                   undo: bool, decisions):
    """Record a desk decision on the mendukung link from SOURCE (a sub kegiatan, kegiatan or programme
    node id) to TARGET (an indicator or sasaran node id): agreed, rejected or proposed (a link the
    data lacks is proposed new), with who decided and a note; or undo the latest one.

    Example: kaskade decide rencana.xlsx "sub_kegiatan:64.02/2025/1.03.0.00.0.00.01.0000/1.03.10.2.01.0053" indikator:KKR-S4-I1 --as ditolak --who "Rina (Bappeda)" --note "bukan jalan kabupaten"
    """
    from queries.decisions import check_link, link_status

    if not who.strip():
        raise Failure("cli.who")
    if undo:
        done = decisions.undo(source, target, who=who)
        if done is None:
            raise Failure("cli.no_undo")
        return _Listing([done]), ["id", "source", "target", "status", "who", "undone_at", "undone_by"]
    if not status_value:
        raise Failure("cli.new_status")
    if hasattr(decisions, "link"):  # the database: its ends and status are read there
        stored, base = decisions.link(source, target)
        if not stored:
            raise Failure("cli.not_in_database", source=source, target=target)
        value = status_value
    else:
        value, base = check_link(G, source, target, status_value), link_status(G, source, target)
    done = decisions.decide(source, target, value, who=who, note=note, base=base)
    return _Listing([done]), ["id", "source", "target", "previous", "status", "who", "at", "note"]


@click.option("--source", default=None, help="Only the decisions on links from this node id.")
@click.option("--target", default=None, help="Only the decisions on links to this node id.")
@_command("decisions")
def decisions_command(G, filters, source: str | None, target: str | None, decisions):
    """The history of desk decisions kept for PATH: every decision with when, who, the previous and
    the new status and the note; undone ones say when and by whom.

    Example: kaskade decisions rencana.xlsx --target indikator:KKR-S4-I1
    """
    found = [d for d in decisions.decisions()
             if (source is None or d.source == source) and (target is None or d.target == target)]
    return _Listing(found), ["id", "at", "who", "source", "target", "previous", "status", "note", "undone_at"]


@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File name without suffix; OUT.xlsx and OUT.docx are written.")
@_command("minutes")
def minutes_command(G, filters, out: Path, decisions):
    """The minutes (berita acara) of one desk: OUT.xlsx, the edge list as a Kaskade `tautan` sheet
    that loads back, and OUT.docx, the agreed, rejected and open items with signature fields.

    Example: kaskade minutes rencana.xlsx --bidang 1.03 --province 64 --year 2025 --out berita-acara-pupr
    """
    from queries import desk
    from views.minutes import minutes_docx, minutes_xlsx

    result = run(desk, G, _one_bidang(filters), filters=filters)
    in_force = decisions.in_force()
    written = []
    for suffix, data in ((".xlsx", minutes_xlsx(result, in_force)), (".docx", minutes_docx(result, in_force))):
        path = out.with_name(out.name + suffix)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise Failure("cli.os_error", where=path, reason=exc.strerror) from None
        written.append(_Written(str(path), len(result.support())))
    return _Listing(written), ["file", "rows"]


@click.argument("theme")
@click.option("--spm", is_flag=True, help="Instead: per government, the SPM sub kegiatan budgeted and missing.")
@_command("theme")
def theme_command(G, filters, theme: str, spm: bool):
    """Thematic who-where: per government, the lines, pagu and level intervening on THEME (a TAG
    theme of the nomenclature, e.g. STUNTING; matched without regard to case), and the kab/kota of
    the province with none. With --spm (THEME is then ignored, write -): per government, the SPM
    sub kegiatan budgeted and those run elsewhere that it lacks.

    Example: kaskade theme rencana-kaltim.xlsx STUNTING --province 64 --year 2025
    """
    from queries import spm_lines, theme_lines

    if spm:
        return run(spm_lines, G, filters), ["government", "government_level", "status", "code", "name", "lines", "pagu"]
    return run(theme_lines, G, theme, filters), [
        "government", "government_level", "status", "lines", "pagu", "levels", "codes"]


COMMANDS: tuple[click.Command, ...] = (desk_command, decide_command, decisions_command, minutes_command,
                                       theme_command)


def register(group: click.Group) -> None:
    """Add the desk commands to `group` (the main `kaskade` group)."""
    for command in COMMANDS:
        group.add_command(command)
