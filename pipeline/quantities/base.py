"""What every kind module shares: the candidate it yields and the context it reads.

A kind module or package (``measures``, ``percent``, ``dates`` …) exposes one function::

    def find(text: str, ctx: Context) -> Iterator[Candidate]

``text`` is the *normalised* text (same-length folding of full-width forms, line breaks
and markdown removed); the engine maps candidate offsets back to the original.
Finding, interpreting (a pure ``str -> value`` function) and recording are separate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Context:
    """What a finder may know beyond the text: the document date, for relative dates."""

    ref_date: dt.date | None = None


@dataclass(slots=True)
class Candidate:
    """A quantity found in the normalised text, before overlap resolution.

    ``priority`` breaks ties between overlapping candidates of equal length (higher wins);
    a longer candidate always beats a shorter one it overlaps.
    """

    start: int
    end: int
    type: str
    amount: Decimal | None = None
    value: str | None = None
    unit: str | None = None
    qualifier: str = "exact"
    low: Decimal | None = None
    high: Decimal | None = None
    per: str | None = None
    scope: str | None = None
    number_text: str | None = None
    unit_text: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    resolved: bool = True
    priority: int = 0
    #: a numeral that may only mean "a/an" (一个) or a bare number that needs a partner
    #: (3.1和1.6个百分点): reported only when a hedge or a coordination confirms it
    weak: bool = False
    #: where the number itself starts and ends (after any prefix such as 人民币 or 第)
    core_start: int = -1
    core_end: int = -1
    #: where the span ends when the words up to ``end`` are only its per, said after it
    #: (18元每天: the span 18元, per 天); they hold those words while overlaps are resolved,
    #: so that 一个月 of 90元一个月 is no duration of its own
    shown_end: int = -1
    #: the factor that turns the written number into the base unit (for coordination)
    factor: Decimal | None = None
