"""The majority-class baseline of the reply-level labels, as an extractor ``score_replies.py`` can score.

Every reply gets the most frequent outcome, commitment, referral and handling of the gold
labels it is scored on, so that dafu's figures have the floor beside them:

    .venv/bin/python ../shared/tools/score_replies.py --gold ../shared/gold --api bench.reply_baseline:majority
    .venv/bin/python ../shared/tools/score_replies.py --gold ../shared/gold          # dafu (pipeline:extract)

The gold folder is ``$DAFU_GOLD``, else ``../shared/gold`` beside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

FIELDS = ("outcome", "commitment", "referral", "handling")


@cache
def _majority() -> dict[str, Any]:
    gold = Path(os.environ.get("DAFU_GOLD", Path(__file__).resolve().parents[1] / ".." / "shared" / "gold"))
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.reply.json"))]
    if not labels:
        raise SystemExit(f"no *.reply.json in {gold}")
    return {f: Counter(lab[f] for lab in labels).most_common(1)[0][0] for f in FIELDS} | {"outcome_stated": None}


def majority(text: str, *, ref_date: str | dt.date | None = None) -> dict[str, Any]:
    """The same labels for every text: the gold's most frequent of each."""
    return dict(_majority())
