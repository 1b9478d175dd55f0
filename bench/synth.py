"""A deterministic synthetic planning dataset at three scales, in the project's own input formats.

Tiers: ``S`` one kabupaten (Kutai Kartanegara, ~2k sub kegiatan); ``M`` one province with all its
kabupaten/kota (Kalimantan Timur, ~22k); ``L`` every province and kabupaten/kota (552
governments, ~1.1M). One year (2025). Same tier and seed, same rows, byte for byte.

The shapes follow real data: real region codes (``reference/wilayah.csv``), 30-40
agencies per government holding real bidang, ~2,000 sub kegiatan per government with codes
from the (synthetic) nomenclature of `bench.catalogue` at the government's level digit
(about 3% at the wrong one), log-normal pagu, locations at kab/kota and kecamatan level, the
RPJMN Prioritas Nasional tree, RPJMD tujuan/sasaran aligned with it, agency sasaran with
indicators, and mendukung links at a realistic density. Planted on purpose: orphan lines (no
link on the line, its kegiatan or its program), rejected and proposed links, regional sasaran
aligned with nothing, lines run twice by two agencies of one government (duplicates), and the
province's roads and schools located in the same kecamatan as the district's (overlaps).

`rows` streams ``(table, values)`` pairs; `synth_dataset` validates them into a `Dataset`;
`write_synth` writes the CSV folder directly, through the same row formatting as
`loaders.write.write_dataset`, without holding the tier in memory.

>>> ds = synth_dataset("S")
>>> 1800 <= len(ds.sub_kegiatan) <= 2300, 30 <= len(ds.perangkat_daerah) <= 40
(True, True)

CLI: ``python -m bench.synth --tier M OUT`` writes the CSV folder OUT.
"""
from __future__ import annotations

import argparse
import csv
import math
import random
import sys
import time
from collections.abc import Generator, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from bench.catalogue import (
    AGENCIES,
    PN_OF_BIDANG,
    PRIORITIES,
    PROVINCE_ONLY,
    catalogue,
    support,
)
from reference import regions
from loaders.models import (
    NATIONAL,
    TABLES,
    Dataset,
    DocType,
    GovLevel,
    IndicatorType,
    LinkStatus,
    Relasi,
    TargetType,
)

__all__ = ["TIERS", "YEAR", "governments", "rows", "synth_dataset", "write_synth", "main"]

YEAR = 2025
TIERS = ("S", "M", "L")
_LINES_PER_GOVERNMENT = {"1": 2600, "2": 2000}  # by level digit: provinces run more
_WRONG_LEVEL = 0.03  # share of substantive lines coded at the other government level
_DUPLICATED = 0.02  # share of a twin agency's lines its twin runs too
_LINE_LINK = 0.55  # share of lines with their own mendukung link
_PROGRAM_LINK = 0.6  # share of programs with a mendukung link
_KEGIATAN_LINK = 0.1
_UNALIGNED = 0.08  # share of RPJMD sasaran aligned with nothing higher
_STATUS_WEIGHTS = ((LinkStatus.AGREED, 0.85), (LinkStatus.PROPOSED, 0.1), (LinkStatus.REJECTED, 0.05))
_SATUAN = ("Dokumen", "Unit", "Paket", "Orang", "Kegiatan", "Laporan", "Km", "Lokasi")
_OUTCOME_UNITS = ("%", "Indeks", "Persen", "Poin", "Tahun")


def governments(tier: str) -> list[str]:
    """The kode_pemda of a tier, province before its kabupaten/kota (the national one not included).

    >>> governments("S"), len(governments("M")), len(governments("L"))
    (['64.02'], 11, 552)
    """
    tier = tier.upper()
    if tier not in TIERS:
        raise ValueError(f"unknown tier '{tier}' (choose S, M or L)")
    if tier == "S":
        return ["64.02"]
    provinces = ["64"] if tier == "M" else regions.children(NATIONAL)
    return [code for p in provinces for code in (p, *regions.kabkota_in(p))]


def _weighted(rng: random.Random, pairs: tuple) -> object:
    x = rng.random()
    for value, weight in pairs:
        x -= weight
        if x < 0:
            return value
    return pairs[-1][0]


def _status(rng: random.Random) -> LinkStatus:
    return _weighted(rng, _STATUS_WEIGHTS)


def _national(year: int) -> Iterator[tuple[str, dict]]:
    """The RPJMN: Pemerintah Pusat, the 8 PN with their PP and KP, an indicator per PN and PP."""
    rng = random.Random("kaskade-synthetic-rpjmn")
    yield "pemda", {"kode_pemda": NATIONAL, "nama": regions.government_name(NATIONAL), "tingkat": GovLevel.NATIONAL}
    doc = "RPJMN-2025-2029"
    yield "dokumen", {"id": doc, "jenis": DocType.RPJMN, "kode_pemda": NATIONAL,
                      "nama": "RPJMN 2025-2029 (Perpres 12/2025)", "tahun_awal": 2025, "tahun_akhir": 2029}
    for p, pn_name in enumerate(PRIORITIES, start=1):
        pn = f"PN{p:02d}"
        yield "sasaran", {"id": pn, "jenis": TargetType.PN, "kode_pemda": NATIONAL, "nama": pn_name,
                          "kode": f"{p:02d}", "dokumen": doc}
        yield from _indicators(rng, pn, IndicatorType.DAMPAK, 1, year)
        for q in range(1, rng.randint(3, 5) + 1):
            pp = f"PP{p:02d}.{q:02d}"
            yield "sasaran", {"id": pp, "jenis": TargetType.PP, "kode_pemda": NATIONAL,
                              "nama": f"Program Prioritas {p}.{q} ({pn_name.split(',')[0]})",
                              "kode": f"{p:02d}.{q:02d}", "induk": pn, "dokumen": doc}
            yield from _indicators(rng, pp, IndicatorType.HASIL, 1, year)
            for k in range(1, rng.randint(2, 4) + 1):
                kp = f"KP{p:02d}.{q:02d}.{k:02d}"
                yield "sasaran", {"id": kp, "jenis": TargetType.KP, "kode_pemda": NATIONAL,
                                  "nama": f"Kegiatan Prioritas {p}.{q}.{k}", "kode": f"{p:02d}.{q:02d}.{k:02d}",
                                  "induk": pp, "dokumen": doc}


def _kps() -> dict[int, list[str]]:
    """KP ids by PN number, as `_national` writes them."""
    found: dict[int, list[str]] = {}
    for table, values in _national(YEAR):
        if table == "sasaran" and values["jenis"] is TargetType.KP:
            found.setdefault(int(values["kode"][:2]), []).append(values["id"])
    return found


def _indicators(rng: random.Random, owner: str, jenis: IndicatorType, count: int, year: int,
                ids: list[str] | None = None) -> Iterator[tuple[str, dict]]:
    for n in range(1, count + 1):
        iid = f"{owner}-I{n}"
        baseline = round(rng.uniform(10, 90), 2)
        row = {"id": iid, "milik": owner, "nama": f"Indikator {n} {owner}", "jenis": jenis,
               "satuan": rng.choice(_SATUAN if jenis is IndicatorType.KELUARAN else _OUTCOME_UNITS),
               "baseline": baseline, "target": {year: round(baseline * rng.uniform(1.01, 1.2), 2)}}
        if ids is not None:
            ids.append(iid)
        yield "indikator", row


@dataclass
class _Agency:
    kode_skpd: str
    name: str
    bidang: tuple[str, ...]
    weight: float
    twin: str | None
    kecamatan: str | None = None
    goals: list[str] = field(default_factory=list)  # indicator ids this agency's work may support


def _skpd_code(bidang: tuple[str, ...], unit: int) -> str:
    padded = (list(bidang) + ["0.00", "0.00"])[:3]
    return f"{'.'.join(padded)}.{unit:02d}.0000"


def _agencies(rng: random.Random, kode: str, level: str) -> list[_Agency]:
    """30-40 agencies; a kabupaten fills up with kecamatan offices (bidang 7.01)."""
    picked: list[_Agency] = []
    units: dict[tuple[str, ...], int] = {}
    for name, bidang, weight, twin in AGENCIES:
        if level == "2" and PROVINCE_ONLY & set(bidang):
            continue
        if twin is None and weight < 1.0 and rng.random() < 0.12:
            continue  # not every government has every small agency
        units[bidang] = units.get(bidang, 0) + 1
        picked.append(_Agency(_skpd_code(bidang, units[bidang]), name, bidang, weight, twin))
    wanted = rng.randint(30, 40)
    if level == "2":
        for n, kec in enumerate(regions.children(kode)[: max(0, wanted - len(picked))], start=1):
            picked.append(_Agency(_skpd_code(("7.01",), n), f"Kecamatan {regions.region(kec).nama}",
                                  ("7.01",), 0.3, None, kecamatan=kec))
    return picked


def _lokasi(rng: random.Random, kode: str, level: str, agency: _Agency, code: str, kecamatan: list[str],
            kabkota: list[str]) -> tuple[str, ...]:
    """Where a line happens: the support programme and a kecamatan office's work at the office;
    else some kecamatan or the whole kabupaten, or for a province some kab/kota, some kecamatan
    or the whole province (written as the government's code, as the loader fills an empty lokasi)."""
    if agency.kecamatan:
        return (agency.kecamatan,)
    if _is_support(code):
        return (kode,)
    x = rng.random()
    if level == "2":
        if x < 0.6 and kecamatan:
            return tuple(sorted(rng.sample(kecamatan, min(len(kecamatan), rng.randint(1, 3)))))
        return (kode,)
    if x < 0.55 and kabkota:
        return tuple(sorted(rng.sample(kabkota, min(len(kabkota), rng.randint(1, 3)))))
    if x < 0.8 and kabkota:
        kecs = regions.children(rng.choice(kabkota))
        return tuple(sorted(rng.sample(kecs, min(len(kecs), rng.randint(1, 2)))))
    return (kode,)


def _is_support(code: str) -> bool:
    """Program 01, the support programme every agency runs."""
    return code[5:7] == "01"


def _sumber_dana(rng: random.Random, level: str) -> str:
    if level == "1":
        return _weighted(rng, (("PAD", 0.5), ("DAU", 0.3), ("DBH", 0.12), ("DAK Fisik", 0.08)))
    return _weighted(rng, (("DAU", 0.76), ("PAD", 0.08), ("DAK Fisik", 0.08),
                           ("Bantuan Keuangan Provinsi", 0.05), ("DBH", 0.03)))


def _government(kode: str, seed: int, year: int, kps: dict[int, list[str]],
                province_goals: dict[str, list[str]]) -> Iterator[tuple[str, dict]]:
    """Every row of one regional government: RPJMD, agencies, programs, kegiatan, sub kegiatan."""
    rng = random.Random(f"{seed}/{kode}")
    gov_level = regions.government_level(kode)
    level = gov_level.level_digit
    yield "pemda", {"kode_pemda": kode, "nama": regions.government_name(kode), "tingkat": gov_level}
    upper = province_goals.get(kode[:2], []) if level == "2" else []
    themed = yield from _rpjmd(rng, kode, year, kps, upper)
    if level == "1":
        province_goals[kode] = [s for ids in themed.values() for s in ids]
    agencies = _agencies(rng, kode, level)
    yield from _renstra(rng, kode, year, agencies, themed)
    lines, owner = _lines(rng, kode, level, year, agencies)
    goals_of = {a.kode_skpd: a.goals for a in agencies}
    for code, skpd in owner.items():
        goals = goals_of[skpd]
        chance = _PROGRAM_LINK if len(code) == 7 else _KEGIATAN_LINK
        linked = bool(goals) and rng.random() < chance and not _is_support(code)
        yield "program_kegiatan", {"tahun": year, "kode_pemda": kode, "kode": code, "nama": catalogue().names[code],
                                   "kode_skpd": skpd, "mendukung": (rng.choice(goals),) if linked else (),
                                   "status": _status(rng) if linked else LinkStatus.AGREED}
    for row in lines.values():
        yield "sub_kegiatan", row
    # programs aligned with the RPJMN, a district program supporting a province sasaran, bankeu
    programs = sorted(c for c in owner if len(c) == 7 and not _is_support(c))
    for _ in range(2):
        pn = rng.randint(1, 8)
        yield "tautan", {"dari": rng.choice(programs), "relasi": Relasi.SELARAS, "ke": rng.choice(kps[pn]),
                         "tahun": year, "kode_pemda": kode}
    if level == "2" and upper:
        yield "tautan", {"dari": kode[:2], "relasi": Relasi.BANTUAN_KEUANGAN, "ke": kode, "tahun": year}
        yield "tautan", {"dari": rng.choice(programs), "relasi": Relasi.MENDUKUNG, "ke": rng.choice(upper),
                         "status": _status(rng), "tahun": year, "kode_pemda": kode}


def _rpjmd(rng: random.Random, kode: str, year: int, kps: dict[int, list[str]],
           upper: list[str]) -> Generator[tuple[str, dict], None, dict[int, list[str]]]:
    """The RPJMD: tujuan -> sasaran, each sasaran themed on one PN, aligned with one of its KP and,
    for a district, often a province sasaran (`upper`). Returns the sasaran ids by PN."""
    doc = f"RPJMD-{kode}"
    name = regions.region(kode).nama
    yield "dokumen", {"id": doc, "jenis": DocType.RPJMD, "kode_pemda": kode,
                      "nama": f"RPJMD {regions.government_name(kode)} 2025-2029", "tahun_awal": 2025,
                      "tahun_akhir": 2029}
    themed: dict[int, list[str]] = {}
    for t in range(1, rng.randint(3, 4) + 1):
        tid = f"{kode}-T{t}"
        yield "sasaran", {"id": tid, "jenis": TargetType.TUJUAN, "kode_pemda": kode,
                          "nama": f"Tujuan {t} RPJMD {name}", "kode": f"T{t}", "dokumen": doc}
        yield from _indicators(rng, tid, IndicatorType.DAMPAK, rng.randint(1, 2), year)
        for s in range(1, rng.randint(2, 4) + 1):
            sid = f"{kode}-S{t}.{s}"
            pn = rng.randint(1, 8)
            selaras: tuple[str, ...] = ()
            if rng.random() >= _UNALIGNED:
                selaras = (rng.choice(kps[pn]),) + ((rng.choice(upper),) if upper and rng.random() < 0.7 else ())
            yield "sasaran", {"id": sid, "jenis": TargetType.SASARAN, "kode_pemda": kode,
                              "nama": f"Sasaran {t}.{s} RPJMD {name}", "kode": f"S{t}.{s}",
                              "induk": tid, "selaras": selaras, "dokumen": doc}
            yield from _indicators(rng, sid, IndicatorType.HASIL, rng.randint(1, 2), year)
            themed.setdefault(pn, []).append(sid)
    return themed


def _renstra(rng: random.Random, kode: str, year: int, agencies: list[_Agency],
             themed: dict[int, list[str]]) -> Iterator[tuple[str, dict]]:
    """Each agency and its Renstra sasaran (under an RPJMD sasaran of its theme, 4% under none)
    with indicators, 5% of them output indicators posing as outcomes."""
    every = [s for ids in themed.values() for s in ids]
    for a in agencies:
        yield "perangkat_daerah", {"kode_skpd": a.kode_skpd, "nama_skpd": a.name, "kode_pemda": kode,
                                   "bidang": a.bidang}
        pn = PN_OF_BIDANG.get(a.bidang[0], 7)
        for n in range(1, rng.randint(1, 3) + 1):
            gid = f"{kode}-{a.kode_skpd}-S{n}"
            induk = rng.choice(themed.get(pn) or every) if rng.random() > 0.04 else None
            yield "sasaran", {"id": gid, "jenis": TargetType.SASARAN, "kode_pemda": kode,
                              "nama": f"Sasaran {n} {a.name}", "kode": f"SR{n}", "induk": induk,
                              "kode_skpd": a.kode_skpd}
            jenis = IndicatorType.KELUARAN if rng.random() < 0.05 else IndicatorType.HASIL
            yield from _indicators(rng, gid, jenis, rng.randint(1, 2), year, a.goals)


def _lines(rng: random.Random, kode: str, level: str, year: int,
           agencies: list[_Agency]) -> tuple[dict[tuple[str, str], dict], dict[str, str]]:
    """The sub kegiatan rows by (kode_skpd, code), and program / kegiatan code -> first agency."""
    cat = catalogue()
    other = "1" if level == "2" else "2"
    kecamatan = regions.children(kode) if level == "2" else []
    kabkota = regions.kabkota_in(kode) if level == "1" else []
    budget = _LINES_PER_GOVERNMENT[level] * rng.uniform(0.92, 1.08)
    total_weight = sum(a.weight for a in agencies)
    lines: dict[tuple[str, str], dict] = {}
    owner: dict[str, str] = {}
    by_twin: dict[str, list[_Agency]] = {}
    for a in agencies:
        if a.twin:
            by_twin.setdefault(a.twin, []).append(a)
        chosen = list(support(a.bidang[0], level))
        chosen = rng.sample(chosen, rng.randint(14, len(chosen)))
        count = max(4, round(budget * a.weight / total_weight) - len(chosen))
        pool = [c for b in a.bidang for c in cat.sub_kegiatan.get((b, level), ())]
        wrong = [c for b in a.bidang for c in cat.sub_kegiatan.get((b, other), ())]
        for code, name in rng.sample(pool, min(count, len(pool))):
            if wrong and rng.random() < _WRONG_LEVEL:
                code, name = rng.choice(wrong)
            chosen.append((code, name))
        for code, name in chosen:
            if (a.kode_skpd, code) in lines:
                continue
            pagu = round(rng.lognormvariate(math.log(2.5e8), 1.3), -3) * (1.5 if level == "1" else 1.0)
            if code[5:] == f"01.{level}.02.0001":
                pagu *= 30  # salaries dwarf everything else in an agency budget
            linked = bool(a.goals) and rng.random() < _LINE_LINK
            mendukung = tuple(sorted(rng.sample(a.goals, min(len(a.goals), 1 + (rng.random() < 0.1))))) if linked else ()
            lines[(a.kode_skpd, code)] = {
                "tahun": year, "kode_pemda": kode, "kode_skpd": a.kode_skpd, "kode_sub_giat": code,
                "nama_sub_giat": name, "pagu": pagu,
                "lokasi": _lokasi(rng, kode, level, a, code, kecamatan, kabkota),
                "keluaran": f"Jumlah {name}", "target": float(rng.randint(1, 50)),
                "satuan": rng.choice(_SATUAN), "sumber_dana": _sumber_dana(rng, level),
                "mendukung": mendukung,
                "status": _status(rng) if linked else LinkStatus.AGREED,
            }
            for prefix in (code[:7], code[:12]):
                owner.setdefault(prefix, a.kode_skpd)
    # duplicated on purpose: twin agencies (Dinkes / RSUD, BPKAD / Bapenda) running the same line
    for twins in by_twin.values():
        for a, b in pairwise(twins):
            own = [row for (skpd, code), row in lines.items() if skpd == a.kode_skpd and not _is_support(code)]
            for row in rng.sample(own, max(1, round(len(own) * _DUPLICATED))):
                if (b.kode_skpd, row["kode_sub_giat"]) not in lines:
                    lines[(b.kode_skpd, row["kode_sub_giat"])] = {**row, "kode_skpd": b.kode_skpd, "mendukung": (),
                                                                  "status": LinkStatus.AGREED}
    return lines, owner


def rows(tier: str, *, seed: int = 0, year: int = YEAR) -> Iterator[tuple[str, dict]]:
    """Every row of a tier as ``(table, field values)``, values already in the models' types."""
    kps = _kps()
    province_goals: dict[str, list[str]] = {}
    yield from _national(year)
    for kode in governments(tier):
        yield from _government(kode, seed, year, kps, province_goals)


def synth_dataset(tier: str, *, seed: int = 0, year: int = YEAR) -> Dataset:
    """The validated `Dataset` of a tier (every row through its model; meant for S and M)."""
    tables: dict[str, list] = {name: [] for name in TABLES}
    for table, values in rows(tier, seed=seed, year=year):
        tables[table].append(TABLES[table](**values))
    return Dataset(**tables)


def write_synth(tier: str, out: str | Path, *, seed: int = 0, year: int = YEAR) -> dict[str, int]:
    """Write a tier as a CSV folder, streaming (no `Dataset` in memory); returns rows per table.

    The files are those ``write_dataset(synth_dataset(tier), out)`` writes, byte for byte: rows
    are built without validation (`model_construct`) and go through the writer's own cell
    formatting, so no formatting rule is repeated here.
    """
    from loaders.write import csv_number, table_columns, table_rows

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    columns = {name: table_columns(name) for name in TABLES}
    # every synthetic indicator has a target for `year` only, so its columns are known up front
    columns["indikator"] = table_columns("indikator", (TABLES["indikator"].model_construct(target={year: 0.0}),))
    counts = dict.fromkeys(TABLES, 0)
    pending: dict[str, list] = {name: [] for name in TABLES}
    with ExitStack() as stack:
        writers = {}
        for name in TABLES:
            # utf-8-sig and "\n" line ends, as loaders.write writes a CSV folder
            handle = stack.enter_context(open(out / f"{name}.csv", "w", encoding="utf-8-sig", newline=""))
            writers[name] = csv.writer(handle, lineterminator="\n")
            writers[name].writerow(columns[name])

        def flush(name: str) -> None:
            writers[name].writerows(table_rows(name, pending[name], columns[name], csv_number))
            counts[name] += len(pending[name])
            pending[name].clear()

        for table, values in rows(tier, seed=seed, year=year):
            pending[table].append(TABLES[table].model_construct(**values))
            if len(pending[table]) >= 10_000:
                flush(table)
        for name in TABLES:
            flush(name)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n")[0])
    parser.add_argument("--tier", default="S", choices=TIERS, type=str.upper)
    parser.add_argument("--seed", default=0, type=int)
    parser.add_argument("out", type=Path, help="CSV folder to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = write_synth(args.tier, args.out, seed=args.seed)
    print(f"tier {args.tier}: {counts} -> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
