"""Kaskade: map Indonesian development-planning cascades and mandates as one graph."""

__version__ = "0.1.0"
