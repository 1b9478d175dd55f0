"""The base layer: errors and located issues, nomenclature code parsing, the text catalogue.

Imports nothing else of the project; every other layer may import it.
"""
