"""The report's numbers: quantities grouped by status, money totals that add only amounts.

A reply mixes what was done, what is promised, what a rule says and what the requester asked
for; summed together they answer nothing. So every summary is split by ``status``
(``achieved``, ``ongoing``, ``planned``, ``rule``, ``requested``, ``none``), and a money
total adds only single amounts: a rate (``补贴每人每月500元``: ``per`` set), a threshold
(``100亿元以上项目``: qualifier ``ge`` or ``le`` outside an achieved or ongoing clause) and a
range (``3到6亿元``: no single amount) are counted apart, and the page says how many.

Tables written before ``status`` existed have no such column: their quantities form one
group, ``unknown``.

    >>> human_amount(Decimal("10492230185274.4"))
    '10.49万亿元'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, NamedTuple

import pandas as pd

from pipeline.records import STATUSES
from pipeline.tables import Tables
from pipeline.text.numerals import LEX as NUMERALS

UNKNOWN = "unknown"  # no status column, or a value outside STATUSES
UNKNOWN_AGENCY = "（未署名）"
# A bound (以上, 不低于 / 以下, 不超过) is an amount done only in a clause that says it was done.
BOUNDS = frozenset({"ge", "le"})
DONE = frozenset({"achieved", "ongoing"})
# Why a money row is not added: the words the page uses.
RATE, THRESHOLD, RANGE, CURRENCY = "rate", "threshold", "range", "other currency"


def _magnitudes() -> tuple[tuple[Decimal, str], ...]:
    """万亿, 亿 and 万 with their sizes, the words taken from the numeral lexicon (its first,
    simplified spelling of each myriad)."""
    wan, yi = (next(word for word, size in NUMERALS.large_units.items() if size == n) for n in (10**4, 10**8))
    return ((Decimal(10) ** 12, wan + yi), (Decimal(10) ** 8, yi), (Decimal(10) ** 4, wan))


_MAGNITUDES = _magnitudes()


def has_status(quantities: pd.DataFrame) -> bool:
    """Whether the quantities table carries the ``status`` column."""
    return "status" in quantities.columns


def status_groups(quantities: pd.DataFrame) -> list[str]:
    """Each row's status group: its ``status``, or :data:`UNKNOWN`."""
    if not has_status(quantities):
        return [UNKNOWN] * len(quantities)
    return [s if isinstance(s, str) and s in STATUSES else UNKNOWN for s in quantities["status"].tolist()]


def group_order(groups: Iterable[str]) -> list[str]:
    """The statuses that occur, in :data:`STATUSES` order, :data:`UNKNOWN` last."""
    present = set(groups)
    return [s for s in (*STATUSES, UNKNOWN) if s in present]


def left_out(row: Mapping[Any, Any], status: str) -> str | None:
    """Why a CNY money row stays out of totals (:data:`RATE`, :data:`THRESHOLD`, :data:`RANGE`), or None.

    >>> left_out({"per": "月", "qualifier": "exact", "amount": Decimal(500)}, "rule")
    'rate'
    """
    if _present(row.get("per")):
        return RATE
    if row.get("qualifier") in BOUNDS and status not in DONE:
        return THRESHOLD
    if not _present(row.get("amount")):
        return RANGE
    return None


class Money(NamedTuple):
    """The money rows of a run: sums per agency and status, and what was left out and why."""

    sums: dict[str, dict[str, Decimal]]  # agency → status → exact sum of CNY amounts
    left_out: Counter[str]  # RATE / THRESHOLD / RANGE / CURRENCY → rows
    details: Counter[tuple[str, str]]  # (reason, per value, qualifier or currency) → rows
    rows: list[dict[Hashable, Any]]  # the rows left out, for the page to list

    def ranked(self, status: str | None = None) -> list[tuple[str, Decimal]]:
        """Agencies by their sum for ``status`` (all statuses when None), largest first; zero sums dropped."""
        totals = {a: (sum(by.values(), Decimal(0)) if status is None else by.get(status, Decimal(0)))
                  for a, by in self.sums.items()}
        return sorted(((a, t) for a, t in totals.items() if t), key=lambda kv: (-kv[1], kv[0]))

    def by_status(self) -> list[str]:
        """Agencies ordered by their achieved sum, then their ongoing, planned … sums, largest first."""
        order = self.statuses()
        return sorted(self.sums, key=lambda a: ([-self.sums[a].get(s, Decimal(0)) for s in order], a))

    def statuses(self) -> list[str]:
        return group_order(s for by in self.sums.values() for s in by)


def money_by_agency(tables: Tables) -> Money:
    """Exact sums of the CNY amounts per replying agency and status, rates and thresholds left out."""
    q = tables["quantities"]
    money = q[q["type"] == "money"]
    agency = tables["documents"].set_index("doc_id")["agency"]
    sums: dict[str, dict[str, Decimal]] = {}
    reasons: Counter[str] = Counter()
    details: Counter[tuple[str, str]] = Counter()
    rows: list[dict[Hashable, Any]] = []
    for row, status in zip(money.to_dict("records"), status_groups(money), strict=True):
        why = CURRENCY if row.get("unit") != "CNY" else left_out(row, status)
        if why is not None:
            reasons[why] += 1
            details[(why, _detail(why, row))] += 1
            rows.append({**row, "why": why, "group": status})
            continue
        name = agency.get(row["doc_id"])
        key = UNKNOWN_AGENCY if not _present(name) else str(name)
        by = sums.setdefault(key, {})
        by[status] = by.get(status, Decimal(0)) + Decimal(str(row["amount"]))
    return Money(sums, reasons, details, rows)


def _detail(why: str, row: Mapping[Any, Any]) -> str:
    if why == RATE:
        return f"per {row['per']}"
    if why == THRESHOLD:
        return str(row.get("qualifier"))
    if why == CURRENCY:
        return str(row.get("unit"))
    return "no single amount"


def counts_by_type(quantities: pd.DataFrame) -> dict[str, Counter[str]]:
    """Quantity mentions per type and status group: ``{"money": Counter({"achieved": 3, …}), …}``."""
    table: dict[str, Counter[str]] = {}
    for kind, status in zip(quantities["type"].tolist(), status_groups(quantities), strict=True):
        table.setdefault(str(kind), Counter())[status] += 1
    return table


def human_amount(amount: Decimal, unit: str = "元") -> str:
    """An amount of yuan as people write it: 亿/万 magnitudes, at most two decimals, no trailing zeros.

    >>> human_amount(Decimal("104922301.852744")), human_amount(Decimal("30000000")), human_amount(Decimal(800))
    ('1.05亿元', '3000万元', '800元')
    """
    for size, word in _MAGNITUDES:
        if abs(amount) >= size:
            return _digits(amount / size) + word + unit
    return _digits(amount) + unit


def _digits(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN).normalize()
    return f"{rounded:f}"


def human_value(row: Mapping[Any, Any]) -> str:
    """A quantity's value with its unit for a reader: ``2亿元``, ``500元 / 月``, ``70 %``, ``8–12 家``."""
    unit, kind = row.get("unit"), row.get("type")
    low, high = row.get("low"), row.get("high")
    if kind == "money" and unit == "CNY" and _present(row.get("amount")):
        shown = human_amount(Decimal(str(row["amount"])))
    else:
        if _present(low) and _present(high) and not _present(row.get("value")):
            value = f"{_plain(low)}–{_plain(high)}"
        else:
            value = cell(row.get("value"))
        shown = f"{value} {unit}" if _present(unit) and kind not in ("date", "period", "duration") else value
    if _present(row.get("per")):
        shown += f" / {row['per']}"
    return shown.strip()


def _plain(value: Any) -> str:
    return f"{Decimal(str(value)).normalize():f}"


def cell(value: Any) -> str:
    """A table value as text: ``""`` for a missing one, a date in ISO form."""
    if not _present(value):
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is present
        return True
