"""Files -> a validated `Dataset`: read, check everything at once, and write back.

>>> from loaders import load, validate_path, write_dataset, write_template, LoadError
"""
from base.errors import Issue, KaskadeError, LoadError
from loaders.report import ValidationReport
from loaders.load import MAX_BYTES, detect_format, load, needed_facts, read_sheets, validate_path
from loaders.models import TABLES, Dataset
from loaders.template import write_template
from loaders.write import write_dataset

__all__ = [
    "Dataset",
    "TABLES",
    "Issue",
    "ValidationReport",
    "KaskadeError",
    "LoadError",
    "MAX_BYTES",
    "load",
    "validate_path",
    "needed_facts",
    "read_sheets",
    "detect_format",
    "write_dataset",
    "write_template",
]
