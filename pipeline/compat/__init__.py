"""Adapters that present dafu's records in the conventions of other tools.

``recognizers``: Microsoft Recognizers-Text's Chinese models (types, value conventions),
so that dafu can be scored on RT's own test suite (``bench/rtbench.sh``).
"""
