"""Reference data shipped with Kaskade: kode wilayah, kab/kota boundaries, bidang urusan names.

The files and their sources are listed in ``reference/README.md``; nothing is fetched at run time.
"""
