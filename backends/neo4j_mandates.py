"""`queries.mandates` asked of the database: the mandate conflicts found by Cypher.

`MANDATE_LINES` finds, among the lines the filters select, those off their government's level
digit (with no legitimate funds edge into the line, its kegiatan or its programme: bankeu from
its own province, DAK from the national government, in its year), those of a bidang their agency
does not hold (outside the support programme ``XX.01``), and the candidates of a special
arrangement (level digit 3 to 8, or urusan 9), with what a finding says of each.

Two judgements need the nomenclature table (`loaders.nomenclature`), a Python reference that no
Cypher can read, and are made in Python on the returned rows only: whether a government may run a
special arrangement (``may_run``, for the candidate lines), and whether a code is valid in a year
(``is_valid``, for the distinct (code, year) pairs `CODES` returns; the lines of the invalid codes
are then read by `LINES_OF_CODES`, the codes sent as a parameter in batches).

>>> sorted(statements())
['codes', 'lines_of_codes', 'mandate_lines']
"""
from __future__ import annotations

from backends.neo4j_cypher import BATCH, FOUND, WORK, batched, cypher, node_fields_of, parameters, read_rows, unbatched, v
from backends.neo4j_store import read_in_chunks
from graph.schema import NATIONAL, FundingType
from loaders.nomenclature import builtin_nomenclature
from queries.filters import Filters
from queries.mandates import RULES, MandateConflict
from queries.results import Rows
from reference import regions
from reference.bidang import bidang_name
from reference.special import special_provinces

__all__ = ["MANDATE_LINES", "CODES", "LINES_OF_CODES", "mandates_in_database", "statements"]

_ABOUT = """OPTIONAL MATCH (g:{government} {{kode: l.pemda}})
OPTIONAL MATCH (a:{agency} {{id: l.agency}})"""
_SAYS = ("g.name AS government_name, g.level AS government_level, a.name AS agency_name, "
         "a.bidang AS agency_bidang")

MANDATE_LINES = batched(cypher("""
MATCH (l:{line})
WHERE {work_l}
{about}
WITH l, g, a,
     CASE WHEN g.level = $province_level THEN $province_digit
          WHEN g.level IN $district_levels THEN $district_digit END AS own,
     NOT coalesce(l.level, $no_level) IN $ordinary_levels OR left(l.code, size($urusan9)) = $urusan9 AS special,
     a IS NOT NULL AND size(coalesce(a.bidang, [])) > 0 AND l.bidang IS NOT NULL
       AND NOT coalesce(l.program, left(l.code, 7)) ENDS WITH $support
       AND NOT l.bidang IN a.bidang AS bad_bidang
WITH l, g, a, own, special, bad_bidang,
     own IS NOT NULL AND l.level IN $ordinary_levels AND l.level <> own AS off_level
WHERE bad_bidang OR ((off_level OR special) AND l.pemda <> $national)
OPTIONAL MATCH (l)-[:{part_of}*0..2]->(w)<-[e:{funds}]-(f:{government})
WHERE (e.tahun IS NULL OR e.tahun = w.tahun)
  AND ((e.jenis = $bankeu AND f.kode = left(w.pemda, 2) AND w.pemda <> f.kode) OR (e.jenis = $dak AND f.kode = $national))
WITH l, g, a, own, special, bad_bidang, off_level, count(e) > 0 AS funded
RETURN {found_l}, own, special, bad_bidang, off_level, funded, {says}
""", work_l=v(WORK, "l"), found_l=v(FOUND, "l"), about=_ABOUT, says=_SAYS))
"""The lines off their level (and not legitimately funded), off their agency's bidang, or of a
special arrangement (judged in Python), with their government and agency."""

CODES = batched(cypher("""
MATCH (l:{line})
WHERE {work_l}
RETURN DISTINCT l.code AS code, l.tahun AS tahun
""", work_l=v(WORK, "l")))
"""The distinct (code, year) pairs of the selected lines, for the nomenclature's verdict."""

LINES_OF_CODES = batched(cypher("""
MATCH (l:{line})
WHERE {work_l} AND l.code IN $codes
{about}
RETURN {found_l}, {says}
""", work_l=v(WORK, "l"), found_l=v(FOUND, "l"), about=_ABOUT, says=_SAYS))
"""The selected lines of the codes `$codes`, with their government and agency."""


def _parameters(filters: Filters) -> dict:
    return {**parameters(filters), "province_level": regions.GovLevel.PROVINCE.value,
            "province_digit": regions.GovLevel.PROVINCE.level_digit,
            "district_levels": [regions.GovLevel.KABUPATEN.value, regions.GovLevel.KOTA.value],
            "district_digit": regions.GovLevel.KABUPATEN.level_digit, "ordinary_levels": ["1", "2"],
            "no_level": "", "urusan9": "9.", "support": ".01", "bankeu": FundingType.BANKEU.value,
            "dak": FundingType.DAK.value}


def _special_digit(code: str, pemda: str, nomenclature) -> int:
    """The level digit (9 for urusan 9 at level 1 or 2) of a special arrangement the government
    may not run, else 0 (the rule of `queries.mandates`)."""
    if not code or not pemda or pemda == NATIONAL or special_provinces(code) is None:
        return 0
    if nomenclature.may_run(code, pemda) is not False:
        return 0
    level = code.split(".")[3] if code.count(".") >= 4 else "9"
    return int(level) if level not in ("1", "2") else 9


def _conflict(reason: str, r: dict, expected: str, found: str, bidang: str | None = None) -> MandateConflict:
    f = node_fields_of(r["node"])
    del f["kind"]
    level = r["government_level"] or (regions.government_level(f["government"]) if f["government"] else None)
    return MandateConflict(reason=reason, expected=expected, found=found, bidang_name=bidang,
                           government_level=str(level) if level else None,
                           government_name=r["government_name"] or str(f["government"]),
                           agency_name=r["agency_name"], **f)


def mandates_in_database(store, filters: Filters | None = None, *, nomenclature=None) -> Rows[MandateConflict]:
    """`queries.mandates` computed by `MANDATE_LINES`, `CODES` and `LINES_OF_CODES`: the same rows in
    the same order."""
    filters = filters or Filters()
    nomenclature = nomenclature if nomenclature is not None else builtin_nomenclature()
    params = _parameters(filters)
    found: dict[str, list[MandateConflict]] = {rule: [] for rule in RULES}
    for r in read_rows(store, MANDATE_LINES, **params):
        node = r["node"]
        digit = int(node.get("level")) if node.get("level") in ("1", "2") else 0
        special = _special_digit(node["code"], node["pemda"], nomenclature) if r["special"] else 0
        if not r["funded"] and (r["off_level"] or special):
            found["level"].append(_conflict("level", r, str(int(r["own"] or 0)), str(special or digit)))
        if r["bad_bidang"]:
            bidang = node_bidang = r["node"].get("bidang")
            found["bidang"].append(_conflict("bidang", r, ", ".join(r["agency_bidang"] or ()), node_bidang,
                                             bidang_name(bidang) or bidang))
    invalid = {(r["code"], r["tahun"]) for r in read_rows(store, CODES, **params)
               if not nomenclature.is_valid(r["code"], int(r["tahun"]))}
    codes = sorted({code for code, _ in invalid})
    for r in unbatched(LINES_OF_CODES, read_in_chunks(store, LINES_OF_CODES, "codes", codes, batch=BATCH, **params)):
        node = r["node"]
        if (node["code"], node["tahun"]) in invalid:
            found["code_invalid"].append(_conflict("code_invalid", r, f"nomenklatur {node['tahun']}", node["code"]))
    return Rows([m for rule in RULES for m in sorted(found[rule], key=lambda m: (m.government, m.year, m.code, m.id))])


def statements() -> dict[str, str]:
    """Every statement of this module by name (for the lint test)."""
    return {"mandate_lines": MANDATE_LINES, "codes": CODES, "lines_of_codes": LINES_OF_CODES}
