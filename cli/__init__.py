"""The ``kaskade`` command line: a thin face over the library (`cli.main.main` is the entry point)."""
