"""Overlap resolution shared by every finder: of overlapping readings keep the best."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar


class HasSpan(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=HasSpan)


def keep_best(items: Iterable[S], size: int, order: Callable[[S], Any]) -> list[S]:
    """Walk ``items`` best first (by ``order``), keep each that overlaps none kept before,
    and return the kept ones in text order. ``size`` is the length of the text.

    A byte per character marks what is taken, so the cost is linear in the covered text.
    """
    taken = bytearray(size + 1)
    kept = []
    for item in sorted(items, key=order):
        start, end = item.start, item.end
        if end <= start or taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(item)
    kept.sort(key=lambda s: s.start)
    return kept
