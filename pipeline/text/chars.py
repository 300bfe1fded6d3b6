"""Kinds of characters, asked of one character at a time."""

from __future__ import annotations


def is_han(char: str) -> bool:
    """``char`` is an ideograph of the CJK Unified Ideographs block (U+4E00–U+9FFF).

    >>> is_han("站"), is_han("、"), is_han("A")
    (True, False, False)
    """
    return "\u4e00" <= char <= "\u9fff"
