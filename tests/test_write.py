"""Writing: whatever is written loads back equal, in every format, and the output is stable."""
from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import KaskadeError, load, write_dataset
from loaders.models import (
    DocType,
    Dataset,
    Dokumen,
    IndicatorType,
    Indikator,
    LinkStatus,
    Pemda,
    PerangkatDaerah,
    ProgramKegiatan,
    Relasi,
    Sasaran,
    SubKegiatan,
    TargetType,
    Tautan,
)
from reference.regions import children, government_level
from loaders.write import XLSX_MAX_ROWS

GOVERNMENTS = ["64", "64.02", "64.72", "62", "62.71"]
BIDANG = ["1.01", "1.02", "1.03", "2.11", "5.01"]
CODES = ["1.03.10.2.01.0053", "1.02.02.2.02.0020", "1.01.02.2.01.0001", "2.11.11.2.01.0003", "5.01.01.2.01.0001",
         "1.03.10.1.01.0012"]
PROGRAMS = ["1.03.10", "1.03.10.2.01", "1.02.02", "1.02.02.2.02", "2.11.11"]
FORMATS = ["plan.xlsx", "plan.json", "plan.zip", "plan"]

# Names with the letters, digits and punctuation planners type (no control characters, which no
# spreadsheet keeps); ids without the list separators ';' and ','.
_NAME_CHARS = st.characters(categories=("L", "N"), include_characters=" -/().'&,;%=+\u2013")
names = st.text(_NAME_CHARS, min_size=1, max_size=24).map(str.strip).filter(bool)
words = st.text(st.characters(categories=("L",)), min_size=1, max_size=12)
ids = st.text(st.characters(categories=("L", "N"), include_characters="-_."), min_size=1, max_size=10)
# Up to 15 significant digits: what an .xlsx cell keeps exactly.
numbers = st.integers(-(10**13), 10**13).map(lambda n: n / 100)
values = st.one_of(numbers, words)


@st.composite
def datasets(draw) -> Dataset:
    govs = draw(st.lists(st.sampled_from(GOVERNMENTS), min_size=1, max_size=3, unique=True))
    pemda = [Pemda(kode_pemda=g, nama=draw(names), tingkat=draw(st.sampled_from([None, government_level(g)])))
             for g in govs]
    dokumen = []
    for i in range(draw(st.integers(0, 2))):
        start = draw(st.integers(2020, 2030))
        dokumen.append(Dokumen(id=f"D{i}-{draw(ids)}", jenis=draw(st.sampled_from(DocType)),
                               kode_pemda=draw(st.sampled_from([*govs, "00"])), nama=draw(names),
                               tahun_awal=start, tahun_akhir=start + draw(st.integers(0, 5))))
    agencies = []
    for g in govs:
        for n in range(draw(st.integers(0, 3))):
            bidang = draw(st.lists(st.sampled_from(BIDANG), max_size=3, unique=True))
            agencies.append(PerangkatDaerah(kode_skpd=f"1.03.0.00.0.00.{n + 1:02d}.0000", nama_skpd=draw(names),
                                            kode_pemda=g, bidang=bidang))
    sasaran = []
    for i in range(draw(st.integers(0, 5))):
        earlier = [s.id for s in sasaran]
        kode_pemda = draw(st.sampled_from([*govs, "00"]))
        own = [a.kode_skpd for a in agencies if a.kode_pemda == kode_pemda]
        sasaran.append(Sasaran(
            id=f"S{i}-{draw(ids)}", jenis=draw(st.sampled_from(TargetType)), kode_pemda=kode_pemda, nama=draw(names),
            kode=draw(st.none() | ids), induk=draw(st.none() | st.sampled_from(earlier)) if earlier else None,
            selaras=draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else (),
            dokumen=draw(st.none() | st.sampled_from([d.id for d in dokumen])) if dokumen else None,
            kode_skpd=draw(st.none() | st.sampled_from(own)) if own else None,
        ))
    periods = {d.id: (d.tahun_awal, d.tahun_akhir) for d in dokumen}
    indikator = []
    for i in range(draw(st.integers(0, 5)) if sasaran else 0):
        owner = draw(st.sampled_from(sasaran))
        start, end = periods.get(owner.dokumen, (2015, 2035))
        years = draw(st.lists(st.integers(start, end), unique=True, max_size=4))
        indikator.append(Indikator(
            id=f"I{i}-{draw(ids)}", milik=owner.id, nama=draw(names), jenis=draw(st.sampled_from(IndicatorType)),
            satuan=draw(st.none() | words), baseline=draw(st.none() | values),
            target={y: draw(values) for y in years},
        ))
    goals = [s.id for s in sasaran] + [i.id for i in indikator]
    supports = st.lists(st.sampled_from(goals), unique=True, max_size=2) if goals else st.just([])
    programs = {}
    for _ in range(draw(st.integers(0, 4))):
        tahun, kode_pemda, kode = draw(st.integers(2024, 2026)), draw(st.sampled_from(govs)), draw(st.sampled_from(PROGRAMS))
        own = [a.kode_skpd for a in agencies if a.kode_pemda == kode_pemda]
        skpd = draw(st.none() | st.sampled_from(own)) if own else None
        programs[(tahun, kode_pemda, kode, skpd)] = ProgramKegiatan(
            tahun=tahun, kode_pemda=kode_pemda, kode=kode, nama=draw(names), kode_skpd=skpd,
            mendukung=draw(supports), status=draw(st.sampled_from(LinkStatus)))
    subs = {}
    for _ in range(draw(st.integers(0, 5)) if agencies else 0):
        agency = draw(st.sampled_from(agencies))
        tahun, kode = draw(st.integers(2024, 2026)), draw(st.sampled_from(CODES))
        places = [agency.kode_pemda, *children(agency.kode_pemda)[:4]]
        subs[(tahun, agency.kode_pemda, agency.kode_skpd, kode)] = SubKegiatan(
            tahun=tahun, kode_pemda=agency.kode_pemda, kode_skpd=agency.kode_skpd, kode_sub_giat=kode,
            nama_sub_giat=draw(names), pagu=abs(draw(numbers)),
            lokasi=draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique=True)),
            keluaran=draw(st.none() | names), target=draw(st.none() | values), satuan=draw(st.none() | words),
            sumber_dana=draw(st.none() | names), mendukung=draw(supports), status=draw(st.sampled_from(LinkStatus)))
    ends = [("id", g) for g in goals] + [("pemda", g) for g in govs]
    ends += [("work", w) for w in list(programs.values()) + list(subs.values())]
    tautan = []
    for _ in range(draw(st.integers(0, 3)) if ends else 0):
        (kind_a, a), (kind_b, b) = draw(st.sampled_from(ends)), draw(st.sampled_from(ends))
        work = a if kind_a == "work" else b if kind_b == "work" else None
        tautan.append(Tautan(
            dari=_end(kind_a, a), ke=_end(kind_b, b),
            # bagian_dari could close a loop through the induk tree, which is (rightly) an error
            relasi=draw(st.sampled_from([r for r in Relasi if r != Relasi.BAGIAN_DARI])),
            status=draw(st.none() | st.sampled_from(LinkStatus)),
            tahun=work.tahun if work is not None and (kind_a != "work" or kind_b != "work" or a.tahun == b.tahun) else None,
            kode_pemda=work.kode_pemda if work is not None else draw(st.none() | st.sampled_from(govs)),
        ))
    tautan = [t for t in tautan if _resolvable(t, programs.values(), subs.values())]
    return Dataset(pemda=pemda, dokumen=dokumen, perangkat_daerah=agencies, sasaran=sasaran, indikator=indikator,
                   program_kegiatan=list(programs.values()), sub_kegiatan=list(subs.values()), tautan=tautan)


def _end(kind: str, value) -> str:
    if kind != "work":
        return value
    return value.kode if isinstance(value, ProgramKegiatan) else value.kode_sub_giat


def _resolvable(t: Tautan, programs, subs) -> bool:
    """A code end must exist in the row's kode_pemda (and tahun, when given)."""
    work = {(p.kode_pemda, p.tahun, p.kode) for p in programs} | {(s.kode_pemda, s.tahun, s.kode_sub_giat) for s in subs}
    any_year = {(k, c) for k, _, c in work}
    for end in (t.dari, t.ke):
        if end[0].isdigit() and "." in end and len(end) > 5:
            if t.tahun is None and (t.kode_pemda, end) not in any_year:
                return False
            if t.tahun is not None and (t.kode_pemda, t.tahun, end) not in work:
                return False
    return True


@pytest.mark.parametrize("target", FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dataset=datasets())
def test_round_trip(target, dataset):
    with tempfile.TemporaryDirectory() as folder:
        assert load(write_dataset(dataset, Path(folder) / target)) == dataset


@pytest.mark.parametrize("target", ["plan.json", "plan.zip", "plan"])
def test_output_is_byte_stable(tmp_path, target):
    dataset = _one()
    first = write_dataset(dataset, tmp_path / "a" / target)
    second = write_dataset(dataset, tmp_path / "b" / target)
    files = sorted(first.iterdir()) if first.is_dir() else [first]
    assert [f.read_bytes() for f in files] == [(second / f.name if second.is_dir() else second).read_bytes()
                                               for f in files]


def _one() -> Dataset:
    return Dataset(
        perangkat_daerah=[PerangkatDaerah(kode_skpd="1.03.0.00.0.00.01.0000", nama_skpd="=HYPERLINK(\"x\")",
                                          kode_pemda="64.02", bidang="1.03")],
        sub_kegiatan=[SubKegiatan(tahun=2025, kode_pemda="64.02", kode_skpd="1.03.0.00.0.00.01.0000",
                                  kode_sub_giat="1.03.10.2.01.0053", nama_sub_giat="Jalan; jembatan, dan \"gorong\"",
                                  pagu=2.125, lokasi="64.02.06; 64.02.02", target=1e-7)],
    )


def test_csv_numbers_are_never_read_as_thousands(tmp_path):
    """2.125 written plainly would read back as 2125; the writer uses a decimal comma."""
    folder = write_dataset(_one(), tmp_path / "plan")
    line = (folder / "sub_kegiatan.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert '"2,125"' in line and '"0,0000001"' in line
    assert load(folder).sub_kegiatan[0].pagu == 2.125


def test_formula_like_text_stays_text_in_excel(tmp_path):
    path = write_dataset(_one(), tmp_path / "plan.xlsx")
    cell = openpyxl.load_workbook(path)["perangkat_daerah"]["B2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'


def test_too_many_rows_for_excel_is_a_clear_error(tmp_path):
    row = _one().sub_kegiatan[0]
    big = Dataset(sub_kegiatan=(row,) * (XLSX_MAX_ROWS + 1))
    with pytest.raises(KaskadeError, match="folder CSV"):
        write_dataset(big, tmp_path / "plan.xlsx")


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(KaskadeError, match=".xlsx, .json, .zip"):
        write_dataset(_one(), tmp_path / "plan.csv")
