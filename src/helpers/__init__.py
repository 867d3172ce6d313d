"""Shared helpers for the Kazakhstan articles report.

Data flows one way: ``data/`` -> :mod:`helpers.corpus` -> analyses -> :mod:`helpers.display`
and :mod:`helpers.plots` -> chapters. Analysis modules return DataFrames; they never plot or print.
"""
