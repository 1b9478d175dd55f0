"""Names written over several lines (or with double spaces) in real files show on one line; the data keeps them."""
from __future__ import annotations

import openpyxl

from app_lib.ui import frame
from loaders import load
from views.text import one_line

KUKAR = "64.02"
NAME = "Pengelolaan SDA dan Bangunan Pengaman Pantai\npada Wilayah  Sungai (WS)"


def test_a_name_with_a_line_break_is_kept_in_the_data_and_shown_on_one_line(tmp_path):
    path = tmp_path / "renja.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "JUMLAH PAGU"])
    ws.append(["1.03.02.2.01.0013", NAME, 1_000_000])
    wb.save(path)
    ds = load(path, kode_pemda=KUKAR, tahun=2026, kode_skpd="1.03.0.00.0.00.01.0000", nama_skpd="Dinas PUPR")
    assert ds.sub_kegiatan[0].nama_sub_giat == NAME
    shown = frame([{"nama": ds.sub_kegiatan[0].nama_sub_giat, "pagu": 1.0}])
    assert shown["nama"][0] == "Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah Sungai (WS)"
    assert one_line(None) is None
