"""Growth checks: the same work at n and 4n characters, timed, compared as a ratio.

A ratio, not a wall-clock bound, so that a slow or busy machine does not fail the tests:
a linear scan grows about 4× from n to 4n, a quadratic one 16×. Timed in this process's
CPU seconds (``time.process_time``), not wall seconds: on a machine shared with other work
the wall clock also counts their turns, which made a linear scan measure 6–7× at a load
average of 18 on two cores. Used by test_growth.py
for ``pipeline.extract`` and by test_times.py for the time scanner alone.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

#: The step between the two sizes, and the growth a test accepts: well above linear (4),
#: well below quadratic (16).
STEP = 4
LIMIT = 6.0
#: The shortest measurement at the small size, in seconds.
MEASURE = 0.02


def run_of(unit: str, size: int) -> str:
    """``unit`` repeated until the text has ``size`` characters: ``run_of("1,", 5) == "1,1,1"``."""
    return (unit * (size // len(unit) + 1))[:size]


def _best(work: Callable[[str], object], text: str, repeats: int, calls: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.process_time()
        for _ in range(calls):
            work(text)
        best = min(best, time.process_time() - started)
    return best


def growth(work: Callable[[str], object], unit: str, size: int, *, repeats: int = 3, tries: int = 3) -> float:
    """``work``'s time on a run of ``unit`` at ``STEP * size`` characters over its time at
    ``size``, each the best of ``repeats``. A fast ``work`` is called several times per
    measurement, so that each lasts some hundredths of a second rather than a few
    thousandths a busy scheduler can double. A ratio over ``LIMIT`` is measured again, up
    to ``tries`` times, and the lowest is returned: another process stealing the core
    during one measurement makes it slower once, a quadratic scan every time."""
    small_text, large_text = run_of(unit, size), run_of(unit, STEP * size)
    calls = max(1, math.ceil(MEASURE / _best(work, small_text, 1)))
    ratio = float("inf")
    for _ in range(tries):
        small = _best(work, small_text, repeats, calls)
        large = _best(work, large_text, repeats, calls)
        ratio = min(ratio, large / small)
        if ratio < LIMIT:
            break
    return ratio
