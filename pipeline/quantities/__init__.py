"""Quantities: numerals, one module per kind, hedges, and the engine that joins them."""
