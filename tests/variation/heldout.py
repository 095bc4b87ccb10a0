"""Styles and wordings kept out of tuning.

The extraction team should not read the variants of these styles (nor tune rules on these
wordings) while changing the extractor, so that their figures stay a measure of house styles and
wordings the rules were never fitted to. Held-out wordings appear only in held-out styles' variants;
`benchmarks/variation.py` reports tuned and held-out styles separately.
"""
from __future__ import annotations

HELD_OUT_STYLES = frozenset({
    "bullet_shape",  # "▪" and "○" bullets drawn as shapes: no marker text at all
    "lettered",  # "(a)" and "a." item letters
    "sidebar_columns",  # items in shaded boxes inside two-column pages
    "typeface_italic",  # recommendations in italic, conclusions in roman, one list
})

HELD_OUT_WORDINGS = frozenset({
    "forces_using",  # "those forces using X that have not yet done so"
    "chief_officers",  # "chief officers in England and Wales"
    "before_month",  # "before April 2023": by the end of March
    "slash_date",  # "by 31/03/2025"
})
